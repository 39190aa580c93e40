// A new migration file must rebuild the server: `sqlx::migrate!` embeds the folder at compile time.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
