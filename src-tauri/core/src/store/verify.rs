//! Checking a copy of the ledger, and remembering what each check found.
//!
//! Every backup is read back right after it is written (`PRAGMA quick_check` over every page,
//! then the ledger's own sanity check: a schema version, the ledger's tables, their rows
//! countable). SQLite's backup API copies pages as they are, so a page the disk garbled in
//! the ledger arrives garbled in the copy: the check is what stops a damaged ledger from
//! replacing good backups. What each check found is kept in the folder's
//! [`CHECKS_FILE`], so the list of backups can say which copies were verified, and rotation
//! can keep the newest verified ones whatever their age.

use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

/// The record of checks, one per folder of backups (beside the ledger, or off the disk).
pub const CHECKS_FILE: &str = "备份校验记录.json";

/// What a readable ledger copy holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Contents {
    pub version: i64,
    pub communities: i64,
    pub workers: i64,
}

/// Looks into a copy (writing nothing) and says what is wrong with it, in Chinese, if it is
/// not a readable ledger. `thorough` also reads every page (`quick_check`): after writing a
/// backup and before a restore; too slow for listing a folder of large files.
pub(crate) fn examine(path: &Path, thorough: bool) -> std::result::Result<Contents, String> {
    const NOT_LEDGER: &str = "不是社工台账的数据文件";
    let unreadable = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => format!("{NOT_LEDGER}，或者已经损坏"),
        _ => "文件已损坏，读不出来".to_string(),
    };
    // Read-write without create, though nothing is written: the copies are WAL files, and a
    // read-only connection would leave -wal and -shm files beside them.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|_| "文件打不开".to_string())?;
    if thorough {
        let found: Vec<String> = conn
            .prepare("PRAGMA quick_check(5)")
            .and_then(|mut s| {
                s.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<String>>>()
            })
            .map_err(unreadable)?;
        if found != ["ok"] {
            return Err(format!("完整性检查未通过，有 {} 处以上损坏", found.len()));
        }
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(unreadable)?;
    let has_tables: Option<i64> = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('workers', 'communities', 'audit_log')",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(unreadable)?;
    if version < 1 || has_tables != Some(3) {
        return Err(NOT_LEDGER.to_string());
    }
    let count = |table: &str| -> std::result::Result<i64, String> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| format!("“{table}”表读不出来"))
    };
    Ok(Contents {
        version,
        communities: count("communities")?,
        workers: count("workers")?,
    })
}

/// What one check of one file found, as the folder's [`CHECKS_FILE`] keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct CheckRecord {
    /// Local time of the check, YYYY-MM-DD HH:MM.
    pub checked_at: String,
    pub ok: bool,
    pub problem: Option<String>,
    /// The file as it was checked: a copy changed since (size or time) is unverified again.
    pub size_bytes: u64,
    pub modified_secs: u64,
}

fn stamp(meta: &std::fs::Metadata) -> (u64, u64) {
    let secs = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    (meta.len(), secs)
}

/// The checks recorded in `dir` (none when the record is missing or unreadable: every copy
/// is then unverified, never assumed good).
pub(crate) fn load_checks(dir: &Path) -> BTreeMap<String, CheckRecord> {
    std::fs::read(dir.join(CHECKS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// The recorded check of `file_name` in `dir`, if the file is still as it was checked.
pub(crate) fn check_of(
    checks: &BTreeMap<String, CheckRecord>,
    file_name: &str,
    meta: &std::fs::Metadata,
) -> Option<CheckRecord> {
    let (size, secs) = stamp(meta);
    checks
        .get(file_name)
        .filter(|c| c.size_bytes == size && c.modified_secs == secs)
        .cloned()
}

/// Writes the record of checks, keeping only files still in the folder. Written to a
/// temporary file and renamed, so a crash leaves the old record or the new one.
fn save_checks(dir: &Path, mut checks: BTreeMap<String, CheckRecord>) -> Result<()> {
    checks.retain(|name, _| dir.join(name).is_file());
    let json = serde_json::to_vec_pretty(&checks)
        .map_err(|e| CoreError::Io(std::io::Error::other(e.to_string())))?;
    let tmp = dir.join(format!(".{CHECKS_FILE}.tmp"));
    std::fs::write(&tmp, json)?;
    super::private::file(&tmp)?;
    std::fs::rename(&tmp, dir.join(CHECKS_FILE))?;
    Ok(())
}

/// Checks the copy at `path` thoroughly and records the result in its folder's record.
pub(crate) fn verify_and_record(path: &Path) -> std::result::Result<Contents, String> {
    let found = examine(path, true);
    record(path, found.as_ref().err().cloned());
    found
}

/// Records that the file at `path` passed its check (an encrypted copy, checked through
/// decryption by its writer).
pub(crate) fn record_ok(path: &Path) {
    record(path, None);
}

/// Whether `dir` is a folder of backups (beside the ledger, or 异地备份's): only those get a
/// record of checks; a copy written anywhere else (`backup --out`) leaves no extra file.
fn keeps_checks(dir: &Path) -> bool {
    dir.file_name()
        .is_some_and(|n| n == "backups" || n == super::offsite::OFFSITE_FOLDER)
}

fn record(path: &Path, problem: Option<String>) {
    if path.parent().is_some_and(|d| !keeps_checks(d)) {
        return;
    }
    if let (Some(dir), Some(name), Ok(meta)) = (
        path.parent(),
        path.file_name().and_then(|n| n.to_str()),
        std::fs::metadata(path),
    ) {
        let (size_bytes, modified_secs) = stamp(&meta);
        let mut checks = load_checks(dir);
        checks.insert(
            name.to_string(),
            CheckRecord {
                checked_at: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
                ok: problem.is_none(),
                problem,
                size_bytes,
                modified_secs,
            },
        );
        // The record is a help for the list, never a reason to lose a good copy.
        let _ = save_checks(dir, checks);
    }
}

/// Forgets the checks of files no longer in `dir` (after rotation deleted some).
pub(crate) fn tidy_checks(dir: &Path) {
    let checks = load_checks(dir);
    if !checks.is_empty() {
        let _ = save_checks(dir, checks);
    }
}
