//! Writes `ui/src/lib/ipc/bindings.ts` from the Rust types. Run after changing a command or a
//! type that crosses the IPC boundary; CI fails while the committed file is stale.

use std::path::Path;

fn main() -> std::io::Result<()> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(&path, cafehost_ipc::typescript_bindings())?;
    println!("wrote {}", path.display());
    Ok(())
}
