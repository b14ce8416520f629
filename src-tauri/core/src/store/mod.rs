//! The ledger file: opening it, its pragmas, migrations and backups.

mod backup;
mod crypt;
pub mod integrity;
pub mod location;
mod migrations;
pub mod offsite;
pub mod private;
mod restore;
mod verify;

pub use backup::{
    backup_to, backups_dir, daily_backup, manual_backup, DAILY_BACKUPS_KEPT, VERIFIED_KEPT,
};
pub use migrations::{migrate, migrate_with, Migration, MIGRATIONS};
pub use restore::{
    bring_in_backup, describe_external, list_backups, recover_ledger, restore_backup, BackupFile,
    ExternalBackup, RestoreResult,
};
pub use verify::CHECKS_FILE;

use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Where the ledger lives, for the 设置 page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerInfo {
    pub db_path: String,
    pub backups_dir: String,
    pub schema_version: i64,
    /// The newest backup file's name, if any.
    pub latest_backup: Option<String>,
    /// The last weekly full check (完整检查), if one was run.
    pub last_full_check: Option<integrity::IntegrityCheck>,
}

pub fn ledger_info(conn: &Connection, db_path: &Path) -> Result<LedgerInfo> {
    let dir = backups_dir(db_path);
    let latest_backup = std::fs::read_dir(&dir)
        .ok()
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        // Only the copies themselves: a -wal / -shm file may stand beside one being read.
        .filter(|e| is_copy_name(&e.file_name().to_string_lossy()))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.file_name())))
        .max()
        .map(|(_, name)| name.to_string_lossy().into_owned());
    Ok(LedgerInfo {
        db_path: db_path.display().to_string(),
        backups_dir: dir.display().to_string(),
        schema_version: migrations::current_version(conn)?,
        latest_backup,
        last_full_check: integrity::last_check(conn)?,
    })
}

/// A copy of the ledger in a folder of backups, by its name: a `.db` file that is not a
/// scratch copy being made ready for a restore.
pub(crate) fn is_copy_name(name: &str) -> bool {
    name.ends_with(".db") && !name.starts_with(restore::SCRATCH_PREFIX)
}

/// The app identifier; Tauri's app-data folder and the CLI's default both derive from it.
pub const APP_IDENTIFIER: &str = "cn.shegong.taizhang";
/// Overrides the ledger's location (tests, demo runs, IT staff).
pub const DB_ENV: &str = "SHEGONG_DB";
pub const DB_FILE_NAME: &str = "ledger.db";

/// How long a write waits for another program's lock: longer than a large import's commit.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn configure(conn: &Connection) -> Result<()> {
    // A clerk's PC loses power: WAL with synchronous=FULL keeps every committed change.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Another writer (the CLI during an import, a copy program) gets this long before the
    // clerk is told the ledger is busy (CoreError::Busy).
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

/// Opens (creating if needed) the ledger at `path` and brings its schema up to date. An
/// existing file that needs migrating is first copied into the backups folder beside it.
pub fn open(path: &Path) -> Result<Connection> {
    open_with(path, MIGRATIONS)
}

/// [`open`] with a given list of migrations (tests exercise upgrades with it).
pub fn open_with(path: &Path, migrations: &[Migration]) -> Result<Connection> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if dir.file_name().is_some_and(|n| n == APP_IDENTIFIER) {
            private::own_dir(dir)?;
        } else {
            private::dir(dir)?;
        }
    }
    let conn = Connection::open(path)?;
    let version = configure(&conn).and_then(|()| migrations::current_version(&conn))?;
    migrations::check_not_newer(version, migrations.len())?;
    if version > 0 && (version as usize) < migrations.len() {
        let name = format!(
            "迁移前备份-v{version}-{}.db",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        );
        backup_to(&conn, &backups_dir(path).join(name))?;
    }
    let mut conn = conn;
    migrate_with(&mut conn, migrations)?;
    private::ledger_files(path)?;
    Ok(conn)
}

/// A read-only connection to an open ledger, for queries beside the connection that writes:
/// in WAL mode it reads the last committed state while a write or a long export runs on
/// another, so one never waits for the other. The ledger must already exist and be migrated
/// (it is opened with [`open`] first).
pub fn open_reader(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
            | rusqlite::OpenFlags::SQLITE_OPEN_URI
            | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// A fresh in-memory ledger (tests, benchmarks).
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}
