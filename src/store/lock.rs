//! One process per data dir: an exclusive OS lock on `tokshop.lock`, which holds the pid of
//! its owner so a second process can say who holds it.

use super::error::{StoreError, StoreResult};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

#[derive(Debug)]
pub struct DirLock {
    _file: File,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> StoreResult<DirLock> {
        let path = dir.join("tokshop.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(&path)
            .map_err(|e| StoreError::io(format!("cannot open lock file {}", path.display()), e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut s = String::new();
                let _ = file.read_to_string(&mut s);
                return Err(StoreError::InUse { dir: dir.to_path_buf(), pid: s.trim().parse().ok() });
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(StoreError::io(format!("cannot lock {}", path.display()), e));
            }
        }
        let pid = std::process::id().to_string();
        let _ = file.set_len(0);
        let _ = file.seek(SeekFrom::Start(0));
        file.write_all(pid.as_bytes()).map_err(|e| StoreError::io("cannot write the lock file", e))?;
        let _ = file.sync_all();
        Ok(DirLock { _file: file })
    }
}
