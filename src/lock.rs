//! One writer at a time for a file that several people change, such as a
//! workshop session everyone votes in: an advisory lock on a lock file
//! beside it (`.NAME.lock`), taken before the file is read and held until
//! it is written back, then removed.
//!
//! ```no_run
//! # fn main() -> anyhow::Result<()> {
//! let path = std::path::Path::new("copilot.yaml");
//! let _held = calibrate::lock::Lock::acquire(path)?;
//! // read the file afresh, change it, write it back; the lock goes on drop
//! # Ok(())
//! # }
//! ```

use anyhow::{Result, anyhow};
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long to wait for another writer before giving up. A vote is written
/// in milliseconds; this is for a writer that is stuck.
pub const WAIT: Duration = Duration::from_secs(10);

/// A held lock. Dropping it removes the lock file and releases the lock
/// (which the system also releases when the process ends, however it ends).
#[derive(Debug)]
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Lock {
    /// Locks `path` for writing, waiting up to [`WAIT`] for anyone else
    /// who holds it.
    pub fn acquire(path: &Path) -> Result<Lock> {
        Lock::acquire_within(path, WAIT)
    }

    /// Locks `path`, waiting up to `wait`.
    pub fn acquire_within(path: &Path, wait: Duration) -> Result<Lock> {
        let shown = path.display();
        let lock_path = lock_file(path);
        let started = Instant::now();
        loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_path)
                .map_err(|err| {
                    // Where the lock file cannot be made, the file itself
                    // could not be written either: say why, as for a write.
                    anyhow!(
                        "{shown}: {}; nothing was written",
                        crate::files::reason(&err, crate::files::Access::Write)
                    )
                })?;
            match file.try_lock() {
                // The holder before us removes the file as it lets go: a
                // lock on a file no longer there guards nothing, so go again.
                Ok(()) if same_file(&file, &lock_path) => {
                    return Ok(Lock {
                        file,
                        path: lock_path,
                    });
                }
                Ok(()) | Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(err)) => {
                    return Err(anyhow!("{shown}: cannot lock it: {err}"));
                }
            }
            drop(file);
            if started.elapsed() >= wait {
                let waited = if wait.subsec_millis() == 0 {
                    format!("{} s", wait.as_secs())
                } else {
                    format!("{} ms", wait.as_millis())
                };
                return Err(anyhow!(
                    "{shown}: another calibrate is still writing it after {waited}; try again when it is done"
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so nobody can lock the old file after.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether the open `file` is still the one at `path`.
fn same_file(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(open), Ok(named)) => open.dev() == named.dev() && open.ino() == named.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// The lock file for `path`: beside the file the path leads to (through any
/// symbolic link, so every way of naming it shares one lock), hidden.
pub fn lock_file(path: &Path) -> PathBuf {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let name = real
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    real.with_file_name(format!(".{name}.lock"))
}
