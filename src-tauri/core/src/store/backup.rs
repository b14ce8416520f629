//! Copies of the ledger made with SQLite's online backup API (consistent even while the
//! app has the file open), kept in a `backups` folder beside the ledger. Every copy is read
//! back before it counts (see [`super::verify`]); a copy that fails is deleted at once and
//! the earlier copies stay.

use super::verify::{self, Contents};
use crate::error::{CoreError, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How many daily copies to keep; older ones are removed (but see [`VERIFIED_KEPT`]).
pub const DAILY_BACKUPS_KEPT: usize = 14;
/// Rotation never removes one of the newest this-many verified copies, whatever their age:
/// if the ledger went bad and its copies failed for days, the last good ones remain.
pub const VERIFIED_KEPT: usize = 3;
pub(crate) const DAILY_PREFIX: &str = "每日备份-";
/// A copy the clerk (设置 → 立即备份) or IT staff (`shegong backup`) asked for.
const MANUAL_PREFIX: &str = "手动备份-";

pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

/// Writes a complete copy of `conn`'s main database to `dest` (its folder is created), with
/// no check: for scratch copies that are checked by their user.
pub(crate) fn copy_to(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::private::dir(dir)?;
    }
    let mut target = Connection::open(dest)?;
    let backup = Backup::new(conn, &mut target)?;
    backup.run_to_completion(256, Duration::from_millis(0), None)?;
    drop(backup);
    drop(target);
    super::private::ledger_files(dest)?;
    Ok(())
}

/// Removes a copy and the -wal / -shm files that may stand beside it.
pub(crate) fn remove_copy(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A copy that failed its check: what the clerk is told (the ledger it came from is damaged,
/// or the disk garbled the copy; either way the earlier copies are untouched).
pub(crate) fn failed_copy(problem: &str) -> CoreError {
    CoreError::Damaged(format!(
        "刚写好的备份没有通过检查：{problem}。这份备份已删除，以前的备份都还在"
    ))
}

/// Writes a complete copy of `conn`'s main database to `dest` and reads it back: a copy that
/// fails the check is deleted and the error is [`CoreError::Damaged`]. The result is kept in
/// the folder's record of checks.
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        if dir.file_name().is_some_and(|n| n == "backups") {
            super::private::own_dir(dir)?;
        }
    }
    copy_to(conn, dest)?;
    verified(dest).map(|_| ())
}

/// Checks the copy at `dest`, deleting it when it fails.
pub(crate) fn verified(dest: &Path) -> Result<Contents> {
    verify::verify_and_record(dest).map_err(|problem| {
        remove_copy(dest);
        verify::tidy_checks(dest.parent().unwrap_or(Path::new("")));
        failed_copy(&problem)
    })
}

/// A backup on demand, taken at `at`: to `out` when given (the CLI's `--out`), else to
/// `backups/手动备份-YYYYMMDD-HHMMSS.db` beside the ledger, next to the daily ones (the
/// window's 立即备份). Returns the new file's path.
pub fn manual_backup(
    conn: &Connection,
    db_path: &Path,
    out: Option<&Path>,
    at: NaiveDateTime,
) -> Result<PathBuf> {
    let dest = match out {
        Some(out) => out.to_path_buf(),
        None => {
            backups_dir(db_path).join(format!("{MANUAL_PREFIX}{}.db", at.format("%Y%m%d-%H%M%S")))
        }
    };
    backup_to(conn, &dest)?;
    Ok(dest)
}

/// Once a day (the first start of the day), copies the ledger to `backups/每日备份-YYYY-MM-DD.db`
/// and keeps the newest [`DAILY_BACKUPS_KEPT`] (see [`rotate`]). Returns the path when a copy
/// was made.
pub fn daily_backup(
    conn: &Connection,
    db_path: &Path,
    today: NaiveDate,
) -> Result<Option<PathBuf>> {
    let dir = backups_dir(db_path);
    let dest = dir.join(format!("{DAILY_PREFIX}{}.db", today.format("%Y-%m-%d")));
    if dest.exists() {
        return Ok(None);
    }
    backup_to(conn, &dest)?;
    rotate(&dir, DAILY_PREFIX, DAILY_BACKUPS_KEPT)?;
    Ok(Some(dest))
}

/// Keeps the newest `kept` copies named `prefix…` in `dir` and removes older ones, except
/// that the newest [`VERIFIED_KEPT`] verified copies of the folder (of any kind) are never
/// removed. Names sort by time (ISO dates and times in them).
pub(crate) fn rotate(dir: &Path, prefix: &str, kept: usize) -> Result<()> {
    let checks = verify::load_checks(dir);
    let mut all: Vec<(std::time::SystemTime, String, bool)> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let meta = e.metadata().ok()?;
            let copy =
                super::is_copy_name(&name) || name.ends_with(super::offsite::ENCRYPTED_SUFFIX);
            if !meta.is_file() || !copy {
                return None;
            }
            let good = verify::check_of(&checks, &name, &meta).is_some_and(|c| c.ok);
            Some((meta.modified().ok()?, name, good))
        })
        .collect();
    all.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let protected: Vec<&str> = all
        .iter()
        .filter(|(_, _, good)| *good)
        .take(VERIFIED_KEPT)
        .map(|(_, name, _)| name.as_str())
        .collect();
    let mut rotating: Vec<&str> = all
        .iter()
        .map(|(_, name, _)| name.as_str())
        .filter(|n| n.starts_with(prefix))
        .collect();
    rotating.sort_unstable_by(|a, b| b.cmp(a));
    for old in rotating.into_iter().skip(kept) {
        if !protected.contains(&old) {
            remove_copy(&dir.join(old));
        }
    }
    verify::tidy_checks(dir);
    Ok(())
}
