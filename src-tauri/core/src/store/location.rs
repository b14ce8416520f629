//! Where the ledger lives, and moving it to the local disk.
//!
//! The default folder is the local app-data folder: on Windows
//! `%LOCALAPPDATA%\cn.shegong.taizhang` (Tauri's `app_local_data_dir`), never the roaming
//! `%APPDATA%`. Offices that redirect roaming folders put them on a server, and SQLite
//! documents a WAL-mode database on a network share as unsafe (its shared memory and locks do
//! not work across machines): a dropped connection or a second PC can corrupt the ledger and
//! every backup beside it. Versions before 0.2 kept the ledger in the roaming folder; the first
//! start of this one moves it (see [`resolve`]). On Linux and macOS the two folders are the
//! same, and there is nothing to move.
//!
//! A move is a verified copy: the backups are copied and compared byte for byte, the ledger is
//! copied with SQLite's backup API and read back whole with the same counts, and only then does
//! the new ledger take its name. The old ledger is set aside under a new name, never deleted.
//!
//! Which ledger opens: `SHEGONG_DB` if set (IT staff, tests); else the ledger a move chose (a
//! one-line [`POINTER_FILE`] in the local folder, written by [`move_ledger`]); else
//! `<local folder>/ledger.db`.

use super::backup::{copy_to, remove_copy};
use super::{backups_dir, private, verify, APP_IDENTIFIER, DB_ENV, DB_FILE_NAME};
use crate::audit::Channel;
use crate::error::{CoreError, Result};
use rusqlite::Connection;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// In the local folder: the path of a ledger the clerk moved elsewhere (one line, UTF-8).
pub const POINTER_FILE: &str = "台账位置.txt";
/// Left in a folder a ledger was moved out of, saying where it went.
pub const MOVED_NOTE: &str = "台账已搬走.txt";

/// The default ledger folder: `<local app data>/cn.shegong.taizhang`.
pub fn local_dir() -> Option<PathBuf> {
    dirs::data_local_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// Where versions before 0.2 kept the ledger: `<roaming app data>/cn.shegong.taizhang`.
pub fn roaming_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// The ledger to open, and what the clerk should be told about its location this once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub db: PathBuf,
    pub notice: Option<String>,
}

/// Which ledger opens (see the module's docs), moving a ledger out of the roaming folder
/// first when the local folder has none. A move that fails leaves everything where it was and
/// opens the old ledger, with a notice saying why.
pub fn resolve(channel: &Channel, now: chrono::NaiveDateTime) -> Result<Resolved> {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Ok(Resolved {
            db: PathBuf::from(p),
            notice: None,
        });
    }
    let local = local_dir().ok_or_else(no_app_data)?;
    resolve_in(&local, roaming_dir().as_deref(), channel, now)
}

/// [`resolve`] for given folders, without the environment (tests).
pub fn resolve_in(
    local: &Path,
    roaming: Option<&Path>,
    channel: &Channel,
    now: chrono::NaiveDateTime,
) -> Result<Resolved> {
    if let Some(db) = read_pointer(local) {
        // Never a new empty ledger in its place: a drive not plugged in must say so.
        if !db.is_file() {
            return Err(CoreError::Io(std::io::Error::other(format!(
                "找不到台账 {}（上次搬到了这里，位置记在 {}）。这个磁盘没有接上吗？请接上后重新打开社工台账。",
                db.display(),
                local.join(POINTER_FILE).display()
            ))));
        }
        return Ok(Resolved { db, notice: None });
    }
    let db = local.join(DB_FILE_NAME);
    let old = roaming
        .filter(|r| *r != local)
        .map(|r| r.join(DB_FILE_NAME))
        .filter(|old| old.is_file());
    let Some(old) = old.filter(|_| !db.exists()) else {
        return Ok(Resolved { db, notice: None });
    };
    match move_files(&old, local, channel, now, "首次启动新版本，从漫游文件夹搬到本机磁盘") {
        Ok(moved) => {
            let set_aside = set_aside_folder(roaming.unwrap_or(local), &moved, now);
            Ok(Resolved {
                db,
                notice: Some(format!(
                    "台账和备份已从漫游文件夹搬到本机磁盘：{}（共 {} 个文件，逐一核对无误）。{}",
                    local.display(),
                    moved.files,
                    set_aside
                )),
            })
        }
        Err(e) => Ok(Resolved {
            db: old,
            notice: Some(format!(
                "台账没能搬到本机磁盘（{e}），这次仍打开原来的台账，什么也没有改动；下次启动会再试。"
            )),
        }),
    }
}

/// What a move did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    /// The new ledger file.
    pub db_path: String,
    /// How many files were copied and checked: the ledger and its backups.
    pub files: usize,
    /// What became of the old ledger, in Chinese.
    pub old_ledger: String,
}

/// Moves the ledger at `from` (with its backups) into the folder `to_dir`, which must hold no
/// ledger yet, and makes the new one the ledger that opens ([`POINTER_FILE`] in `local`). The
/// old ledger file is renamed, with a note beside it; its backups stay where they were. The
/// ledger must not be open elsewhere (the app closes its own connection first).
pub fn move_ledger(
    from: &Path,
    to_dir: &Path,
    local: &Path,
    channel: &Channel,
    now: chrono::NaiveDateTime,
) -> Result<Moved> {
    if is_network(to_dir) {
        return Err(CoreError::validation(
            "folder",
            "选的文件夹也在网络盘上。请选本机磁盘上的文件夹（如 D:\\社工台账）。",
        ));
    }
    let moved = move_files(from, to_dir, channel, now, "从网络盘搬到本机磁盘")?;
    let new_db = to_dir.join(DB_FILE_NAME);
    if new_db == local.join(DB_FILE_NAME) {
        let _ = std::fs::remove_file(local.join(POINTER_FILE));
    } else {
        private::own_dir(local)?;
        let line = format!("{}\r\n", new_db.display());
        crate::reports::save::write_atomic(&local.join(POINTER_FILE), |w| {
            std::io::Write::write_all(w, line.as_bytes()).map_err(CoreError::from)
        })?;
    }
    let old_ledger = set_aside_file(from, &new_db, now);
    Ok(Moved {
        db_path: new_db.display().to_string(),
        files: moved.files,
        old_ledger,
    })
}

struct Copied {
    files: usize,
    to: PathBuf,
}

/// The verified copy: backups first, byte for byte, then the ledger through a scratch name, so
/// that a move cut short (power loss) leaves no `ledger.db` in `to_dir` and is simply redone.
fn move_files(
    from: &Path,
    to_dir: &Path,
    channel: &Channel,
    now: chrono::NaiveDateTime,
    why: &str,
) -> Result<Copied> {
    let to = to_dir.join(DB_FILE_NAME);
    if to.exists() {
        return Err(CoreError::conflict(
            None,
            format!(
                "{} 里已经有一份台账，不能覆盖。请换一个空文件夹。",
                to_dir.display()
            ),
        ));
    }
    let source = verify::examine(from, true).map_err(|p| {
        CoreError::Damaged(format!(
            "原来的台账没有通过检查：{p}。请先在“设置”页从备份恢复，再搬"
        ))
    })?;
    private::own_dir(to_dir)?;
    let mut files = copy_backups(&backups_dir(from), &backups_dir(&to))?;

    let scratch = to_dir.join(format!("{DB_FILE_NAME}.搬移中"));
    remove_copy(&scratch);
    let result = (|| {
        let conn = Connection::open_with_flags(from, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        copy_to(&conn, &scratch)?;
        drop(conn);
        let mut copy = Connection::open(&scratch)?;
        crate::write(&mut copy, |tx| {
            crate::settings::audit_change(
                tx,
                channel,
                "台账搬到本机磁盘",
                None,
                &vec![
                    ("原位置", Some(from.display().to_string())),
                    ("新位置", Some(to.display().to_string())),
                    ("原因", Some(why.to_string())),
                    ("时间", Some(now.format("%Y-%m-%d %H:%M:%S").to_string())),
                ],
            )
        })?;
        copy.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        drop(copy);
        let copied = verify::examine(&scratch, true).map_err(|p| super::backup::failed_copy(&p))?;
        if (copied.communities, copied.workers) != (source.communities, source.workers) {
            return Err(CoreError::Damaged(format!(
                "复制出的台账和原台账对不上（社区 {} / {}，人员 {} / {}）",
                copied.communities, source.communities, copied.workers, source.workers
            )));
        }
        std::fs::rename(&scratch, &to)?;
        private::ledger_files(&to)
    })();
    if let Err(e) = result {
        remove_copy(&scratch);
        return Err(e);
    }
    files += 1;
    Ok(Copied { files, to })
}

/// Copies every file of a backups folder (and its subfolders) and compares each copy with its
/// original. Returns how many were copied.
fn copy_backups(from: &Path, to: &Path) -> Result<usize> {
    let Ok(entries) = std::fs::read_dir(from) else {
        return Ok(0);
    };
    private::own_dir(to)?;
    let mut n = 0;
    for entry in entries {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            n += copy_backups(&src, &dst)?;
            continue;
        }
        std::fs::copy(&src, &dst)?;
        if std::fs::read(&src)? != std::fs::read(&dst)? {
            return Err(CoreError::Damaged(format!(
                "备份 {} 复制后和原件不一致，磁盘可能有问题",
                entry.file_name().to_string_lossy()
            )));
        }
        private::file(&dst)?;
        n += 1;
    }
    Ok(n)
}

fn stamp(now: chrono::NaiveDateTime) -> String {
    now.format("%Y%m%d-%H%M%S").to_string()
}

/// After the move from the roaming folder: the whole old folder is renamed, so nothing in it
/// is lost and nothing opens it again. Says what happened, in Chinese.
fn set_aside_folder(old_dir: &Path, moved: &Copied, now: chrono::NaiveDateTime) -> String {
    let aside = old_dir.with_file_name(format!("{APP_IDENTIFIER}.已搬到本机-{}", stamp(now)));
    match std::fs::rename(old_dir, &aside) {
        Ok(()) => format!("原来的文件夹改名为 {}，没有删除。", aside.display()),
        Err(_) => set_aside_file(&old_dir.join(DB_FILE_NAME), &moved.to, now),
    }
}

/// The old ledger file renamed, with a note beside it; what happened, in Chinese.
fn set_aside_file(old: &Path, new_db: &Path, now: chrono::NaiveDateTime) -> String {
    let aside = old.with_file_name(format!("ledger.已搬走-{}.db", stamp(now)));
    let note = format!(
        "这里的社工台账已于 {} 搬到：\r\n{}\r\n以后请只用新位置的台账。原来的台账文件改名保留在本文件夹，没有删除。\r\n",
        now.format("%Y-%m-%d %H:%M"),
        new_db.display()
    );
    let _ = std::fs::write(old.with_file_name(MOVED_NOTE), note);
    // The ledger is closed and checkpointed: its -wal / -shm are gone or empty.
    let renamed = std::fs::rename(old, &aside).is_ok();
    for suffix in ["-wal", "-shm"] {
        let mut p = old.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
    if renamed {
        format!("原来的台账文件改名为 {}，没有删除。", aside.display())
    } else {
        format!(
            "原来的台账文件 {} 没能改名（可能被别的程序占用），原样留着，旁边放了一份说明；以后会打开新位置的台账。",
            old.display()
        )
    }
}

fn read_pointer(local: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(local.join(POINTER_FILE)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

fn no_app_data() -> CoreError {
    CoreError::Io(std::io::Error::other("找不到本机的应用数据文件夹"))
}

/// Where the ledger is, for the window: whether it is on a network drive, and why that matters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LedgerLocation {
    pub db_path: String,
    /// On a network drive or share (Windows: a UNC path or a mapped network drive).
    pub on_network: bool,
    /// Set by `SHEGONG_DB`: only whoever set it can change it.
    pub set_by_env: bool,
    /// What the clerk is told about the location, if anything (a move just made, a network drive).
    pub notice: Option<String>,
    /// A local folder to suggest for a move.
    pub suggested_dir: Option<String>,
}

/// Describes the ledger at `db` for the window; `notice` is what [`resolve`] said at start.
pub fn describe(db: &Path, notice: Option<String>) -> LedgerLocation {
    let set_by_env = std::env::var_os(DB_ENV).is_some_and(|p| !p.is_empty());
    let on_network = is_network(db);
    let warning = on_network.then(|| {
        let fix = if set_by_env {
            format!("这个位置是环境变量 {DB_ENV} 指定的，请信息员把它改成本机磁盘上的路径。")
        } else {
            "请点“搬到本机磁盘”，选一个本机磁盘上的文件夹；台账和备份会核对后搬过去，原文件改名保留。"
                .to_string()
        };
        format!(
            "台账在网络盘上（{}）。台账文件放在网络共享上不安全：断网、电脑休眠或两台电脑同时打开，都可能把台账写坏，旁边的备份也跟着坏。{fix}",
            db.display()
        )
    });
    let suggested_dir = local_dir()
        .filter(|d| !is_network(d) && !d.join(DB_FILE_NAME).exists())
        .map(|d| d.display().to_string());
    LedgerLocation {
        db_path: db.display().to_string(),
        on_network,
        set_by_env,
        notice: match (notice, warning) {
            (Some(a), Some(b)) => Some(format!("{a}\n{b}")),
            (a, b) => a.or(b),
        },
        suggested_dir,
    }
}

/// Whether `path` is on a network drive: on Windows a UNC path (`\\server\share\…`) or a drive
/// letter mapped to a share. Elsewhere always false (a Linux desk's ledger is in the home folder).
pub fn is_network(path: &Path) -> bool {
    #[cfg(windows)]
    {
        drive::is_remote(path)
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        false
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod drive {
    use std::path::{Component, Path, Prefix};
    use windows_sys::Win32::Storage::FileSystem::GetDriveTypeW;

    const DRIVE_REMOTE: u32 = 4;

    pub fn is_remote(path: &Path) -> bool {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match abs.components().next() {
            Some(Component::Prefix(p)) => match p.kind() {
                Prefix::UNC(..) | Prefix::VerbatimUNC(..) => true,
                Prefix::Disk(d) | Prefix::VerbatimDisk(d) => drive_type(d) == DRIVE_REMOTE,
                _ => false,
            },
            _ => false,
        }
    }

    fn drive_type(letter: u8) -> u32 {
        let root: Vec<u16> = format!("{}:\\", letter as char)
            .encode_utf16()
            .chain(Some(0))
            .collect();
        // SAFETY: `root` is a NUL-terminated UTF-16 string that lives across the call, and
        // GetDriveTypeW only reads it.
        unsafe { GetDriveTypeW(root.as_ptr()) }
    }
}
