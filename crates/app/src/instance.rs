//! One window per data folder: two apps writing the same file would each show a state the other
//! changes under it (two clocks, two re-plans), so the second start is refused with a sentence.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use crate::{AppError, Result};

/// The file whose operating-system lock marks a data folder as in use. The kernel releases the
/// lock when the process ends, even by a crash, so a left-over file never blocks a start.
pub const LOCK_FILE: &str = "cafehost.lock";

/// Holds a data folder for this process until dropped.
#[derive(Debug)]
pub struct DataDirLock {
    path: PathBuf,
    // Dropped after the file is removed (fields drop after `Drop::drop`), so the lock lasts
    // until nobody can find the file any more.
    _file: File,
}

impl DataDirLock {
    /// Takes the data folder for this process, or says that another one has it.
    pub fn acquire(dir: &Path) -> Result<Self> {
        let path = dir.join(LOCK_FILE);
        let failed = |source| AppError::Write { path: path.clone(), source };
        std::fs::create_dir_all(dir).map_err(failed)?;
        // A closing app removes its file; an open that raced with that removal locked a file
        // nobody else can see, so it tries again on the file that is there now.
        for _ in 0..5 {
            let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(failed)?;
            match file.try_lock() {
                Ok(()) if still_at(&file, &path) => return Ok(Self { path, _file: file }),
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => return Err(AppError::AlreadyOpen { dir: dir.to_owned() }),
                Err(std::fs::TryLockError::Error(source)) => return Err(failed(source)),
            }
        }
        Err(AppError::AlreadyOpen { dir: dir.to_owned() })
    }
}

impl Drop for DataDirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Whether `file` is the file found at `path` now.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be removed while it is locked, so the race above cannot happen.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = DataDirLock::acquire(dir.path()).expect("first");
        let second = DataDirLock::acquire(dir.path());
        assert!(matches!(second, Err(AppError::AlreadyOpen { .. })), "{second:?}");
        drop(first);
        assert!(!dir.path().join(LOCK_FILE).exists(), "a clean close leaves no lock file");
        let third = DataDirLock::acquire(dir.path()).expect("free again");
        drop(third);
    }

    #[test]
    fn a_lock_file_left_by_a_crash_does_not_block() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(LOCK_FILE), b"").expect("left-over");
        let lock = DataDirLock::acquire(dir.path()).expect("a file without a lock is free");
        drop(lock);
    }
}
