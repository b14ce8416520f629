//! The ledger, its backups and the workbooks made from it hold resident ID numbers: on
//! Linux and macOS they are made readable by their owner only (files 0600, folders 0700),
//! set explicitly rather than left to the umask. On Windows they live under the user's own
//! %APPDATA% (or a folder the clerk chose), whose ACL is already per-user: nothing to do.

use crate::error::Result;
use std::path::Path;

/// Makes `path` (a file) readable and writable by its owner only.
pub fn file(path: &Path) -> Result<()> {
    set(path, 0o600)
}

/// Creates the folder `path` (and its parents) if needed; a folder made here is its owner's
/// only. A folder that was there already is left as it is: it may be shared (a ledger put
/// in /tmp or on a desktop by IT staff), and its permissions are not ours to change.
pub fn dir(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() || path.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(path)?;
    set(path, 0o700)
}

/// Creates the folder if needed and makes it its owner's only, whoever made it: for the
/// folders that belong to the ledger alone (its backups, the app's data folder).
pub fn own_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path)?;
    set(path, 0o700)
}

/// The ledger file and the -wal / -shm files SQLite keeps beside it, those that exist.
pub fn ledger_files(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let p = std::path::PathBuf::from(p);
        if p.exists() {
            file(&p)?;
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

#[cfg(not(unix))]
fn set(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}
