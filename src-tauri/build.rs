//! Embeds the Tauri configuration and icons into the binary.
fn main() {
    tauri_build::build();
}
