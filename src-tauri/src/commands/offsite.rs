//! 异地备份 and restoring from a backup kept elsewhere. Folders and files are chosen in native
//! dialogs here in Rust; a chosen backup file is kept in this session, so the page never
//! sends a path of its own making. The daily copy off the disk is taken in the background
//! (see [`start_daily_offsite`]) whenever the location can be reached.

use super::{pick_folder, CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock;
use shegong_core::store::{self, offsite, ExternalBackup, RestoreResult};
use shegong_core::CoreError;
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// When set, 选择位置 takes this folder without a dialog (end-to-end tests).
pub const OFFSITE_DIR_ENV: &str = "SHEGONG_OFFSITE_DIR";
/// When set, 从其他位置恢复 takes this file without a dialog (end-to-end tests).
pub const RESTORE_FILE_ENV: &str = "SHEGONG_RESTORE_FILE";

/// The backup file chosen from elsewhere, waiting for the clerk's confirmation.
#[derive(Default)]
pub struct ChosenBackup(Mutex<Option<PathBuf>>);

fn busy() -> shegong_core::ErrorDto {
    CoreError::Io(std::io::Error::other("正在处理上一次选择，请稍后重试")).to_dto()
}

#[tauri::command]
pub async fn offsite_status(state: State<'_, LedgerState>) -> CmdResult<offsite::OffsiteStatus> {
    // The location is looked at with the ledger released (an absent share is slow to answer).
    let snapshot = ledger(&state)?.read(offsite::snapshot)?;
    Ok(snapshot.status(clock::today()))
}

#[tauri::command]
pub async fn save_offsite(
    state: State<'_, LedgerState>,
    input: offsite::OffsiteInput,
) -> CmdResult<offsite::OffsiteStatus> {
    let l = ledger(&state)?;
    l.write(|tx| offsite::save(tx, &UI, &input))?;
    Ok(l.read(offsite::snapshot)?.status(clock::today()))
}

/// Asks for the location of 异地备份 (a USB stick, a share, another disk). `None` when the
/// clerk cancels.
#[tauri::command]
pub async fn choose_offsite_dir(app: AppHandle) -> CmdResult<Option<String>> {
    Ok(pick_folder(
        &app,
        OFFSITE_DIR_ENV,
        "选择异地备份的位置（U 盘、移动硬盘或共享文件夹）",
    ))
}

/// Writes a copy to the 异地备份 location now; returns its path.
#[tauri::command]
pub async fn backup_offsite_now(state: State<'_, LedgerState>) -> CmdResult<String> {
    let l = ledger(&state)?;
    let path = l.path().to_path_buf();
    l.with_conn(|conn| offsite::backup_offsite(conn, &path, clock::now()))
        .map(|p| p.display().to_string())
}

/// Asks for a backup file kept elsewhere (by default in the 异地备份 folder) and keeps it
/// for [`restore_chosen_backup`]. `None` when the clerk cancels.
#[tauri::command]
pub async fn choose_backup_file(
    app: AppHandle,
    state: State<'_, LedgerState>,
    chosen: State<'_, ChosenBackup>,
) -> CmdResult<Option<ExternalBackup>> {
    let picked = match std::env::var_os(RESTORE_FILE_ENV).filter(|p| !p.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let start = ledger(&state)
                .ok()
                .and_then(|l| l.read(offsite::snapshot).ok())
                .and_then(|s| s.status(clock::today()).folder)
                .map(PathBuf::from)
                .filter(|f| f.is_dir());
            let mut dialog = app
                .dialog()
                .file()
                .set_title("选择要恢复的备份文件")
                .add_filter("社工台账备份", &["db", "age"]);
            if let Some(start) = start {
                dialog = dialog.set_directory(start);
            }
            dialog.blocking_pick_file().and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = picked else {
        return Ok(None);
    };
    let shown = store::describe_external(&path);
    *chosen.0.lock().map_err(|_| busy())? = Some(path);
    Ok(Some(shown))
}

/// Brings the chosen file into the backups folder (decrypting it with `password` when it is
/// encrypted), checks it, and restores the ledger from it: over the open ledger (kept as
/// 恢复前备份 first), or in place of one that could not be opened (set aside, never deleted).
#[tauri::command]
pub async fn restore_chosen_backup(
    state: State<'_, LedgerState>,
    chosen: State<'_, ChosenBackup>,
    password: Option<String>,
) -> CmdResult<RestoreResult> {
    let source = chosen
        .0
        .lock()
        .map_err(|_| busy())?
        .clone()
        .ok_or_else(|| CoreError::validation("file", "请先选择要恢复的备份文件。").to_dto())?;
    let db_path = state.path()?.to_path_buf();
    let name =
        store::bring_in_backup(&db_path, &source, password.as_deref()).map_err(|e| e.to_dto())?;
    let done = match ledger(&state) {
        Ok(l) => l.with_conn(|conn| store::restore_backup(conn, &db_path, &name, &UI))?,
        Err(_) => state.recover(&name, &UI)?,
    };
    *chosen.0.lock().map_err(|_| busy())? = None;
    Ok(done)
}

/// How often the background looks for the 异地备份 location (a stick plugged in at noon gets
/// the day's copy within this).
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Takes the day's copy off the disk in the background: shortly after the start, then every
/// [`LOOK_EVERY`], whenever the location is set, reachable, and has no copy from today. A
/// failure is left for the 设置 page and the reminder to show; it never interrupts the clerk.
pub fn start_daily_offsite(app: &AppHandle) {
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(20));
        loop {
            let state = app.state::<LedgerState>();
            if let Ok(l) = ledger(&state) {
                // Looked at with the ledger released: only the copy itself holds it.
                let due = l
                    .read(offsite::snapshot)
                    .is_ok_and(|s| s.due(clock::today()));
                if due {
                    let path = l.path().to_path_buf();
                    let _ = l.with_conn(|conn| offsite::backup_offsite(conn, &path, clock::now()));
                }
            }
            std::thread::sleep(LOOK_EVERY);
        }
    });
}
