//! Going back to a backup. The clerk picks a file from the `backups` folder beside the ledger
//! (never a path the window makes up); before anything changes, the ledger as it is now is
//! copied to `恢复前备份-<time>.db`, so a restore can itself be undone. An older backup is
//! brought up to the current version in a scratch copy first: the open ledger only ever
//! receives a complete, current file, through SQLite's backup API (one transaction on the
//! destination, so a failure leaves the ledger as it was; no file is replaced under the open
//! connection, which Windows would refuse anyway).
//!
//! When the ledger itself cannot be opened (a damaged file), [`recover_ledger`] sets it aside
//! in the backups folder (never deleting it) and puts the chosen backup in its place.

use super::backup::{backup_to, backups_dir};
use super::migrations::{self, check_not_newer, current_version, MIGRATIONS};
use crate::audit::{self, Channel};
use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, MAIN_DB};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// One file of the backups folder, as the 设置 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub file_name: String,
    /// 每日备份, 手动备份, 导入前备份, 迁移前备份, 恢复前备份, 打不开的台账 (set aside by
    /// [`recover_ledger`]) or 其他.
    pub kind: String,
    /// When the file was written (local time, YYYY-MM-DD HH:MM).
    pub saved_at: String,
    pub size_bytes: i64,
    /// What is in it, so the clerk can tell the copies apart; `None` when it cannot be read.
    pub communities: Option<i64>,
    pub workers: Option<i64>,
    /// Why it cannot be restored, if it cannot (not a ledger, damaged, from a newer version).
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreResult {
    /// The file the ledger was restored from.
    pub restored_from: String,
    /// The copy of the ledger as it was just before, in the backups folder.
    pub safety_copy: String,
    pub communities: i64,
    pub workers: i64,
}

const KINDS: [&str; 6] = [
    "每日备份",
    "手动备份",
    "导入前备份",
    "迁移前备份",
    "恢复前备份",
    "打不开的台账",
];
/// The scratch copy an older backup is migrated in; hidden from the list.
const SCRATCH_PREFIX: &str = ".恢复中-";

fn kind_of(name: &str) -> &'static str {
    KINDS
        .iter()
        .find(|k| name.starts_with(*k))
        .copied()
        .unwrap_or("其他")
}

struct Contents {
    version: i64,
    communities: i64,
    workers: i64,
}

/// Looks into a backup (writing nothing) and checks it is a ledger this program can open; `thorough`
/// also reads every page (before a restore; too slow for listing a folder of large files).
fn inspect(path: &Path, thorough: bool) -> Result<Contents> {
    let not_ledger = || {
        CoreError::validation(
            "fileName",
            "这个文件不是社工台账的数据文件，或者已经损坏，不能用来恢复。请选择另一份备份。",
        )
    };
    // Read-write without create, though nothing is written: the copies are WAL files, and a
    // read-only connection would leave -wal and -shm files beside them.
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .map_err(|_| not_ledger())?;
    if thorough {
        let ok: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|_| not_ledger())?;
        if ok != "ok" {
            return Err(not_ledger());
        }
    }
    let version = current_version(&conn).map_err(|_| not_ledger())?;
    let has_tables: Option<i64> = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('workers', 'communities', 'audit_log')",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|_| not_ledger())?;
    if version < 1 || has_tables != Some(3) {
        return Err(not_ledger());
    }
    check_not_newer(version, MIGRATIONS.len())?;
    let count = |table: &str| -> Result<i64> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .map_err(|_| not_ledger())
    };
    Ok(Contents {
        version,
        communities: count("communities")?,
        workers: count("workers")?,
    })
}

fn saved_at(meta: &std::fs::Metadata) -> String {
    meta.modified()
        .ok()
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// The backups beside the ledger, newest first.
pub fn list_backups(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = backups_dir(db_path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut found: Vec<(std::time::SystemTime, BackupFile)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() || !name.ends_with(".db") || name.starts_with(SCRATCH_PREFIX) {
            continue;
        }
        let (communities, workers, problem) = match inspect(&entry.path(), false) {
            Ok(c) => (Some(c.communities), Some(c.workers), None),
            Err(e) => (None, None, Some(e.to_string())),
        };
        found.push((
            meta.modified().unwrap_or(std::time::UNIX_EPOCH),
            BackupFile {
                kind: kind_of(&name).to_string(),
                saved_at: saved_at(&meta),
                size_bytes: meta.len() as i64,
                file_name: name,
                communities,
                workers,
                problem,
            },
        ));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.file_name.cmp(&a.1.file_name)));
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

/// The file of the backups folder called `file_name`: a bare name, nothing else.
fn backup_path(db_path: &Path, file_name: &str) -> Result<PathBuf> {
    let bare = !file_name.is_empty()
        && !file_name.contains(['/', '\\', ':'])
        && file_name != "."
        && file_name != ".."
        && file_name.ends_with(".db");
    let path = backups_dir(db_path).join(file_name);
    if !bare || !path.is_file() {
        return Err(CoreError::not_found(format!(
            "备份文件夹里没有“{file_name}”。请刷新备份列表后重新选择。"
        )));
    }
    Ok(path)
}

/// Replaces the open ledger's contents with the backup `file_name`, after copying the ledger
/// as it is to `恢复前备份-<time>.db`. The restore is written to the audit trail of the
/// restored ledger, so its history says where it came from.
pub fn restore_backup(
    conn: &mut Connection,
    db_path: &Path,
    file_name: &str,
    channel: &Channel,
) -> Result<RestoreResult> {
    let from = backup_path(db_path, file_name)?;
    let contents = inspect(&from, true)?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dir = backups_dir(db_path);
    let safety_name = format!("恢复前备份-{stamp}.db");
    backup_to(conn, &dir.join(&safety_name))?;

    // An older backup is migrated in a scratch copy, never in the open ledger.
    let scratch = dir.join(format!("{SCRATCH_PREFIX}{stamp}.db"));
    let result = (|| -> Result<()> {
        let source_path = if (contents.version as usize) < MIGRATIONS.len() {
            let old = Connection::open_with_flags(&from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            backup_to(&old, &scratch)?;
            drop(old);
            let mut copy = Connection::open(&scratch)?;
            migrations::migrate(&mut copy)?;
            scratch.clone()
        } else {
            from.clone()
        };
        conn.restore(MAIN_DB, &source_path, rusqlite::backup::NO_PROGRESS)?;
        Ok(())
    })();
    if scratch.exists() {
        let _ = std::fs::remove_file(&scratch);
    }
    result?;

    audit_restore(
        conn,
        channel,
        &format!("从备份恢复台账：{file_name}"),
        vec![
            ("恢复自", Some(file_name.to_string())),
            ("恢复前的台账另存为", Some(safety_name.clone())),
        ],
    )?;
    Ok(RestoreResult {
        restored_from: file_name.to_string(),
        safety_copy: safety_name,
        communities: contents.communities,
        workers: contents.workers,
    })
}

fn audit_restore(
    conn: &mut Connection,
    channel: &Channel,
    summary: &str,
    fields: audit::Fields,
) -> Result<()> {
    crate::write(conn, |tx| {
        crate::settings::audit_change(tx, channel, summary, None, &fields)
    })
}

/// The ledger file and the -wal / -shm files SQLite keeps beside it.
fn with_companions(path: &Path) -> Vec<(PathBuf, &'static str)> {
    ["", "-wal", "-shm"]
        .into_iter()
        .map(|suffix| {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            (PathBuf::from(p), suffix)
        })
        .collect()
}

/// For a ledger that cannot be opened: moves the file (with its -wal / -shm) into the backups
/// folder as `打不开的台账-<time>.db`, copies the backup `file_name` into its place and opens
/// it (bringing it up to date). If that fails, the set-aside file is put back. Returns the
/// open ledger.
pub fn recover_ledger(
    db_path: &Path,
    file_name: &str,
    channel: &Channel,
) -> Result<(Connection, RestoreResult)> {
    let from = backup_path(db_path, file_name)?;
    let contents = inspect(&from, true)?;
    let dir = backups_dir(db_path);
    let aside_name = format!(
        "打不开的台账-{}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let aside = dir.join(&aside_name);
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for ((file, _), (to, _)) in with_companions(db_path)
        .into_iter()
        .zip(with_companions(&aside))
    {
        if file.exists() {
            std::fs::rename(&file, &to)?;
            moved.push((file, to));
        }
    }
    let opened = (|| -> Result<Connection> {
        let backup = Connection::open_with_flags(&from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        backup_to(&backup, db_path)?;
        drop(backup);
        super::open(db_path)
    })();
    let mut conn = match opened {
        Ok(conn) => conn,
        Err(e) => {
            for (file, _) in with_companions(db_path) {
                let _ = std::fs::remove_file(file);
            }
            for (file, to) in moved {
                let _ = std::fs::rename(to, file);
            }
            return Err(e);
        }
    };
    audit_restore(
        &mut conn,
        channel,
        &format!("从备份恢复台账（原台账无法打开）：{file_name}"),
        vec![
            ("恢复自", Some(file_name.to_string())),
            ("无法打开的原台账另存为", Some(aside_name.clone())),
        ],
    )?;
    Ok((
        conn,
        RestoreResult {
            restored_from: file_name.to_string(),
            safety_copy: aside_name,
            communities: contents.communities,
            workers: contents.workers,
        },
    ))
}
