//! 异地备份: a copy of the ledger off this PC's disk (a USB stick, a network share, another
//! disk), because the worst risk to an offline ledger is the PC itself: a failed disk, a
//! theft, ransomware, a reinstall. The clerk chooses the location once; a copy is written
//! there on demand and automatically once a day whenever the location can be reached,
//! verified like every backup (read back whole; a failed copy is deleted) and rotated like the
//! daily ones. Optionally each copy is encrypted with a password (age, scrypt): a lost stick
//! then gives nothing away, and a forgotten password cannot be recovered.
//!
//! The copies go in a `社工台账备份` folder inside the chosen location, named
//! `异地备份-YYYYMMDD-HHMMSS.db` (or `.db.age` when encrypted).

use super::backup::{self, copy_to, remove_copy, DAILY_BACKUPS_KEPT};
use super::verify;
use crate::audit::Channel;
use crate::error::{CoreError, Result};
use crate::kv;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The folder made inside the chosen location.
pub const OFFSITE_FOLDER: &str = "社工台账备份";
pub(crate) const OFFSITE_PREFIX: &str = "异地备份-";
/// The suffix of an encrypted copy.
pub const ENCRYPTED_SUFFIX: &str = ".db.age";
/// Days without a copy off the disk before the home page reminds.
pub const DEFAULT_REMIND_DAYS: i64 = 7;
const SETTINGS_KEY: &str = "offsite";
const LAST_KEY: &str = "offsite_last";
const MIN_PASSWORD_CHARS: usize = 6;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stored {
    dir: Option<String>,
    remind_days: Option<i64>,
    /// Kept in the ledger so the daily copy can be made unattended: it protects the copy on
    /// the stick, not the ledger on this PC.
    password: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Last {
    at: String,
    file: String,
}

/// 异地备份 as the 设置 page and the home page show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OffsiteStatus {
    /// The location the clerk chose, if any.
    pub dir: Option<String>,
    /// Where the copies go: `<dir>/社工台账备份`.
    pub folder: Option<String>,
    /// Whether the location can be reached now (the stick is in, the share is up).
    pub present: bool,
    pub remind_days: i64,
    pub encrypted: bool,
    /// The last copy written there (local time, YYYY-MM-DD HH:MM) and its file name.
    pub last_copy_at: Option<String>,
    pub last_copy_file: Option<String>,
    /// What the home page says when a copy off the disk is overdue (or none is set up).
    pub reminder: Option<String>,
}

/// The clerk's choice on the 设置 page.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OffsiteInput {
    /// The location; empty turns 异地备份 off.
    pub dir: String,
    pub remind_days: i64,
    pub encrypted: bool,
    /// A new password; `None` keeps the one set before.
    #[ts(optional)]
    pub password: Option<String>,
}

fn stored(conn: &Connection) -> Result<Stored> {
    Ok(serde_json::from_str(&kv::get(conn, SETTINGS_KEY)?).unwrap_or_default())
}

fn last(conn: &Connection) -> Result<Option<Last>> {
    Ok(serde_json::from_str(&kv::get(conn, LAST_KEY)?).ok())
}

fn to_json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| CoreError::Io(std::io::Error::other(e.to_string())))
}

fn folder_of(dir: &str) -> PathBuf {
    Path::new(dir).join(OFFSITE_FOLDER)
}

/// The status on `today`.
pub fn status(conn: &Connection, today: NaiveDate) -> Result<OffsiteStatus> {
    Ok(snapshot(conn)?.status(today))
}

/// What the ledger records of 异地备份, read without touching the location: a network share
/// that is away can take many seconds to answer, and the ledger must not be held meanwhile.
#[derive(Debug, Clone)]
pub struct Snapshot {
    stored: Stored,
    last: Option<Last>,
}

/// Reads the [`Snapshot`] (quick: the ledger only).
pub fn snapshot(conn: &Connection) -> Result<Snapshot> {
    Ok(Snapshot {
        stored: stored(conn)?,
        last: last(conn)?,
    })
}

impl Snapshot {
    /// The status on `today`, looking at the location now (call it with the ledger released).
    pub fn status(self, today: NaiveDate) -> OffsiteStatus {
        status_of(self.stored, self.last, today)
    }

    /// Whether the daily copy is due now: a location is set and reachable, and no copy was
    /// written there today.
    pub fn due(self, today: NaiveDate) -> bool {
        let s = self.status(today);
        let copied_today = s
            .last_copy_at
            .as_deref()
            .and_then(|at| NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").ok())
            .is_some_and(|at| at.date() >= today);
        s.present && !copied_today
    }
}

fn status_of(s: Stored, last: Option<Last>, today: NaiveDate) -> OffsiteStatus {
    let remind_days = s.remind_days.unwrap_or(DEFAULT_REMIND_DAYS);
    let dir = s.dir.clone().filter(|d| !d.is_empty());
    let present = dir.as_deref().is_some_and(|d| Path::new(d).is_dir());
    let last_day = last
        .as_ref()
        .and_then(|l| NaiveDateTime::parse_from_str(&l.at, "%Y-%m-%d %H:%M").ok())
        .map(|at| at.date());
    let reminder = match (&dir, last_day) {
        (None, _) => Some(
            "还没有设置异地备份：现在所有备份都和台账在同一块硬盘上，电脑坏了或丢了会一起丢失。请在“设置”中选一个 U 盘、移动硬盘或共享文件夹。"
                .to_string(),
        ),
        (Some(_), None) => Some(
            "还没有备份到本机以外的位置。请插上 U 盘（或连上共享文件夹），在“设置”中点“立即异地备份”。".to_string(),
        ),
        (Some(_), Some(day)) if (today - day).num_days() >= remind_days => Some(format!(
            "已经 {} 天没有备份到本机以外的位置（上次：{}）。请插上 U 盘（或连上共享文件夹），程序会自动备份，也可以在“设置”中点“立即异地备份”。",
            (today - day).num_days(),
            day.format("%Y-%m-%d")
        )),
        _ => None,
    };
    OffsiteStatus {
        folder: dir.as_deref().map(|d| folder_of(d).display().to_string()),
        dir,
        present,
        remind_days,
        encrypted: s.password.is_some(),
        last_copy_at: last.as_ref().map(|l| l.at.clone()),
        last_copy_file: last.map(|l| l.file),
        reminder,
    }
}

/// Saves the clerk's choice of location, reminder and password (audited without the password).
pub fn save(tx: &rusqlite::Transaction, channel: &Channel, input: &OffsiteInput) -> Result<()> {
    let old = stored(tx)?;
    let dir = input.dir.trim();
    if !dir.is_empty() && !Path::new(dir).is_absolute() {
        return Err(CoreError::validation(
            "dir",
            format!("“{dir}”不是完整的位置，请用“选择位置”选一个文件夹（例如 E:\\ 或 \\\\服务器\\共享）。"),
        ));
    }
    if !(1..=90).contains(&input.remind_days) {
        return Err(CoreError::validation(
            "remindDays",
            "提醒天数应在 1 到 90 之间，例如 7。",
        ));
    }
    let password =
        if !input.encrypted {
            None
        } else {
            match input.password.as_deref().filter(|p| !p.is_empty()) {
                Some(p) if p.chars().count() < MIN_PASSWORD_CHARS => {
                    return Err(CoreError::validation(
                        "password",
                        format!("密码至少 {MIN_PASSWORD_CHARS} 位。"),
                    ))
                }
                Some(p) => Some(p.to_string()),
                None => Some(old.password.clone().ok_or_else(|| {
                    CoreError::validation("password", "加密异地备份需要设置密码。")
                })?),
            }
        };
    let new = Stored {
        dir: Some(dir.to_string()).filter(|d| !d.is_empty()),
        remind_days: Some(input.remind_days),
        password,
    };
    kv::put(tx, SETTINGS_KEY, &to_json(&new)?)?;
    let fields = |s: &Stored| -> crate::audit::Fields {
        vec![
            ("异地备份位置", s.dir.clone()),
            ("提醒天数", s.remind_days.map(|d| d.to_string())),
            (
                "加密",
                Some(if s.password.is_some() { "是" } else { "否" }.into()),
            ),
        ]
    };
    crate::settings::audit_change(
        tx,
        channel,
        "异地备份设置",
        Some(&fields(&old)),
        &fields(&new),
    )
}

/// Whether the daily copy is due now (see [`Snapshot::due`]).
pub fn due(conn: &Connection, today: NaiveDate) -> Result<bool> {
    Ok(snapshot(conn)?.due(today))
}

/// Writes a verified copy of the ledger to the chosen location and keeps the newest
/// [`DAILY_BACKUPS_KEPT`] there (never one of the newest verified ones). Returns the copy's
/// path.
pub fn backup_offsite(conn: &mut Connection, db_path: &Path, at: NaiveDateTime) -> Result<PathBuf> {
    let s = stored(conn)?;
    let Some(dir) = s.dir.clone().filter(|d| !d.is_empty()) else {
        return Err(CoreError::validation(
            "dir",
            "还没有设置异地备份位置。请先在“设置”中选择一个 U 盘、移动硬盘或共享文件夹。",
        ));
    };
    if !Path::new(&dir).is_dir() {
        return Err(CoreError::validation(
            "dir",
            format!("现在找不到异地备份位置“{dir}”（U 盘没有插上，或共享文件夹没有连上）。请插上或连上后再试，或在“设置”中换一个位置。"),
        ));
    }
    let folder = folder_of(&dir);
    std::fs::create_dir_all(&folder).map_err(|e| {
        CoreError::validation(
            "dir",
            format!("无法在“{dir}”里建立文件夹（{e}）。U 盘可能写保护或已满，请检查后再试。"),
        )
    })?;
    let stamp = at.format("%Y%m%d-%H%M%S");
    let dest = match &s.password {
        None => {
            let dest = folder.join(format!("{OFFSITE_PREFIX}{stamp}.db"));
            backup::backup_to(conn, &dest)?;
            dest
        }
        Some(password) => {
            // The plain copy is made and checked beside the ledger, then encrypted to the stick
            // and read back through decryption: what is on the stick is known to open.
            let plain = backup::backups_dir(db_path).join(format!(".异地备份明文-{stamp}.db"));
            copy_to(conn, &plain)?;
            let result = (|| -> Result<PathBuf> {
                verify::examine(&plain, true).map_err(|p| backup::failed_copy(&p))?;
                let dest = folder.join(format!("{OFFSITE_PREFIX}{stamp}{ENCRYPTED_SUFFIX}"));
                super::crypt::encrypt_file(&plain, &dest, password)?;
                let back = plain.with_file_name(format!(".异地备份校验-{stamp}.db"));
                let checked = super::crypt::decrypt_file(&dest, &back, password).and_then(|()| {
                    verify::examine(&back, true).map_err(|p| backup::failed_copy(&p))
                });
                remove_copy(&back);
                if let Err(e) = checked {
                    let _ = std::fs::remove_file(&dest);
                    return Err(e);
                }
                verify::record_ok(&dest);
                Ok(dest)
            })();
            remove_copy(&plain);
            result?
        }
    };
    backup::rotate(&folder, OFFSITE_PREFIX, DAILY_BACKUPS_KEPT)?;
    let file = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let last = Last {
        at: at.format("%Y-%m-%d %H:%M").to_string(),
        file,
    };
    crate::write(conn, |tx| kv::put(tx, LAST_KEY, &to_json(&last)?))?;
    Ok(dest)
}

/// The password of encrypted copies, to open one from this ledger's location.
pub fn password(conn: &Connection) -> Result<Option<String>> {
    Ok(stored(conn)?.password)
}
