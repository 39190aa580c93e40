fn main() {
    lentera::kegiatan::mount();
}
