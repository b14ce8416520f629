//! Copies of the ledger made with SQLite's online backup API (consistent even while the
//! app has the file open), kept in a `backups` folder beside the ledger.

use crate::error::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How many daily copies to keep; older ones are removed.
pub const DAILY_BACKUPS_KEPT: usize = 14;
const DAILY_PREFIX: &str = "每日备份-";
/// A copy the clerk (设置 → 立即备份) or IT staff (`shegong backup`) asked for.
const MANUAL_PREFIX: &str = "手动备份-";

pub fn backups_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("backups")
}

/// Writes a complete copy of `conn`'s main database to `dest` (its folder is created).
pub fn backup_to(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut target = Connection::open(dest)?;
    let backup = Backup::new(conn, &mut target)?;
    backup.run_to_completion(256, Duration::from_millis(0), None)?;
    Ok(())
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
/// and keeps the newest [`DAILY_BACKUPS_KEPT`]. Returns the path when a copy was made.
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
    let mut daily: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(DAILY_PREFIX) && n.ends_with(".db"))
        })
        .collect();
    // ISO dates in the names sort by time.
    daily.sort();
    while daily.len() > DAILY_BACKUPS_KEPT {
        let oldest = daily.remove(0);
        std::fs::remove_file(oldest)?;
    }
    Ok(Some(dest))
}
