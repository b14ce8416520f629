//! Going back to a backup. The clerk picks a file from the `backups` folder beside the ledger
//! (never a path the window makes up); before anything changes, the ledger as it is now is
//! copied to `恢复前备份-<time>.db`, so a restore can itself be undone. An older backup is
//! brought up to the current version in a scratch copy first: the open ledger only ever
//! receives a complete, current file, through SQLite's backup API (one transaction on the
//! destination, so a failure leaves the ledger as it was; no file is replaced under the open
//! connection, which Windows would refuse anyway). The restore's audit row is written into
//! that scratch copy before it goes in, so the restored ledger and the record of where it
//! came from arrive together or not at all.
//!
//! When the ledger itself cannot be opened (a damaged file), [`recover_ledger`] sets it aside
//! in the backups folder (never deleting it) and puts the chosen backup in its place.

use super::backup::{backups_dir, copy_to, remove_copy};
use super::migrations::{self, check_not_newer, MIGRATIONS};
use super::verify::{self, Contents};
use crate::audit::{self, Channel};
use crate::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// One file of the backups folder, as the 设置 page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupFile {
    pub file_name: String,
    /// 每日备份, 手动备份, 导入前备份, 迁移前备份, 恢复前备份, 打不开的台账 (set aside by
    /// [`recover_ledger`]), 外部备份 (brought in by [`bring_in_backup`]) or 其他.
    pub kind: String,
    /// When the file was written (local time, YYYY-MM-DD HH:MM).
    pub saved_at: String,
    pub size_bytes: i64,
    /// What is in it, so the clerk can tell the copies apart; `None` when it cannot be read.
    pub communities: Option<i64>,
    pub workers: Option<i64>,
    /// Why it cannot be restored, if it cannot (not a ledger, damaged, from a newer version).
    pub problem: Option<String>,
    /// When the copy was last read back whole (YYYY-MM-DD HH:MM), if it was since it was
    /// written; `None` for a copy never verified (made by an older version, or copied in).
    pub checked_at: Option<String>,
    /// What that check found: `Some(false)` means the copy failed it (see `problem`).
    pub check_passed: Option<bool>,
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

const KINDS: [&str; 7] = [
    "每日备份",
    "手动备份",
    "导入前备份",
    "迁移前备份",
    "恢复前备份",
    "打不开的台账",
    EXTERNAL_PREFIX,
];
/// A backup brought in from elsewhere (the 异地备份 location, a stick from another PC).
const EXTERNAL_PREFIX: &str = "外部备份";
/// The scratch copy a backup is made ready in (migrated, its audit row written); hidden from
/// the list.
pub(crate) const SCRATCH_PREFIX: &str = ".恢复中-";

fn kind_of(name: &str) -> &'static str {
    KINDS
        .iter()
        .find(|k| name.starts_with(*k))
        .copied()
        .unwrap_or("其他")
}

/// Looks into a backup (writing nothing) and checks it is a ledger this program can open;
/// `thorough` also reads every page (before a restore).
fn inspect(path: &Path, thorough: bool) -> Result<Contents> {
    let contents = verify::examine(path, thorough).map_err(|problem| {
        CoreError::validation(
            "fileName",
            format!("这份备份不能用来恢复：{problem}。请选择另一份备份。"),
        )
    })?;
    check_not_newer(contents.version, MIGRATIONS.len())?;
    Ok(contents)
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
    let checks = verify::load_checks(&dir);
    let mut found: Vec<(std::time::SystemTime, BackupFile)> = Vec::new();
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        if !meta.is_file() || !super::is_copy_name(&name) {
            continue;
        }
        let check = verify::check_of(&checks, &name, &meta);
        let (communities, workers, mut problem) = match inspect(&entry.path(), false) {
            Ok(c) => (Some(c.communities), Some(c.workers), None),
            Err(e) => (None, None, Some(e.to_string())),
        };
        if let Some(failed) = check.as_ref().and_then(|c| c.problem.clone()) {
            problem.get_or_insert(format!(
                "这份备份没有通过检查：{failed}。请选择另一份备份。"
            ));
        }
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
                checked_at: check.as_ref().map(|c| c.checked_at.clone()),
                check_passed: check.map(|c| c.ok),
            },
        ));
    }
    found.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.file_name.cmp(&a.1.file_name)));
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

/// A backup file chosen from elsewhere, as the window shows it before the clerk confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExternalBackup {
    pub file_name: String,
    pub folder: String,
    /// An encrypted copy (异地备份 with a password) needs its password.
    pub encrypted: bool,
}

pub fn describe_external(path: &Path) -> ExternalBackup {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ExternalBackup {
        encrypted: file_name.ends_with(super::offsite::ENCRYPTED_SUFFIX),
        folder: path
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        file_name,
    }
}

/// Brings a backup from elsewhere (the 异地备份 location, a stick from another PC) into the
/// backups folder as `外部备份-<time>-<its name>.db`, decrypting an encrypted copy with
/// `password`, and checks it like any backup before a restore: a file that fails is not
/// kept. Returns the new file's name, for [`restore_backup`] or [`recover_ledger`].
pub fn bring_in_backup(db_path: &Path, source: &Path, password: Option<&str>) -> Result<String> {
    let original = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let encrypted = original.ends_with(super::offsite::ENCRYPTED_SUFFIX);
    let stem = original
        .trim_end_matches(super::offsite::ENCRYPTED_SUFFIX)
        .trim_end_matches(".db")
        .to_string();
    let name = format!(
        "{EXTERNAL_PREFIX}-{}-{stem}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let dir = backups_dir(db_path);
    super::private::own_dir(&dir)?;
    let dest = dir.join(&name);
    if encrypted {
        let password = password.filter(|p| !p.is_empty()).ok_or_else(|| {
            CoreError::validation("password", "这是一份加密备份，请输入设置异地备份时的密码。")
        })?;
        super::crypt::decrypt_file(source, &dest, password)?;
    } else {
        std::fs::copy(source, &dest)?;
        super::private::file(&dest)?;
    }
    if let Err(e) = inspect(&dest, true) {
        remove_copy(&dest);
        return Err(e);
    }
    let _ = verify::verify_and_record(&dest);
    Ok(name)
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
    // Kept even if it fails its check: a damaged ledger is often why the clerk restores, and
    // this copy is the only one of what was entered since the backup (the list says it failed).
    let safety = dir.join(&safety_name);
    copy_to(conn, &safety)?;
    let _ = verify::verify_and_record(&safety);

    let scratch = dir.join(format!("{SCRATCH_PREFIX}{stamp}.db"));
    let result = prepare(
        &from,
        &scratch,
        channel,
        &format!("从备份恢复台账：{file_name}"),
        vec![
            ("恢复自", Some(file_name.to_string())),
            ("恢复前的台账另存为", Some(safety_name.clone())),
        ],
    )
    .and_then(|()| {
        conn.restore(MAIN_DB, &scratch, rusqlite::backup::NO_PROGRESS)?;
        Ok(())
    });
    remove_copy(&scratch);
    result?;
    Ok(RestoreResult {
        restored_from: file_name.to_string(),
        safety_copy: safety_name,
        communities: contents.communities,
        workers: contents.workers,
    })
}

/// Makes the backup `from` ready to go in, in the scratch copy `scratch`: brought up to the
/// current version, with the restore's audit row written, and read back whole.
fn prepare(
    from: &Path,
    scratch: &Path,
    channel: &Channel,
    summary: &str,
    fields: audit::Fields,
) -> Result<()> {
    let backup = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    copy_to(&backup, scratch)?;
    drop(backup);
    let mut copy = Connection::open(scratch)?;
    migrations::migrate(&mut copy)?;
    crate::write(&mut copy, |tx| {
        crate::settings::audit_change(tx, channel, summary, None, &fields)
    })?;
    copy.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
    drop(copy);
    verify::examine(scratch, true)
        .map(|_| ())
        .map_err(|problem| super::backup::failed_copy(&problem))
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
    let scratch = dir.join(format!(
        "{SCRATCH_PREFIX}{}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    ));
    let opened = prepare(
        &from,
        &scratch,
        channel,
        &format!("从备份恢复台账（原台账无法打开）：{file_name}"),
        vec![
            ("恢复自", Some(file_name.to_string())),
            ("无法打开的原台账另存为", Some(aside_name.clone())),
        ],
    )
    .and_then(|()| {
        let ready = Connection::open_with_flags(&scratch, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        copy_to(&ready, db_path)?;
        drop(ready);
        super::open(db_path)
    });
    remove_copy(&scratch);
    let conn = match opened {
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
