fn main() {
    lentera::mount();
}
