fn main() {
    lentera::rencana::mount();
}
