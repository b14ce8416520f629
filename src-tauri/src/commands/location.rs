//! Where the ledger lives: a notice about a move made at start, a network-drive warning, and
//! the move to the local disk (store::location).

use super::{pick_folder, CmdResult, UI};
use crate::state::LedgerState;
use shegong_core::store::location::{self, LedgerLocation, Moved};
use std::path::PathBuf;
use tauri::{AppHandle, State};

/// For tests: the folder the "choose a folder" dialog would answer with.
pub const MOVE_DIR_ENV: &str = "SHEGONG_MOVE_DIR";

#[tauri::command]
pub async fn ledger_location(state: State<'_, LedgerState>) -> CmdResult<LedgerLocation> {
    Ok(location::describe(state.path()?, state.notice()))
}

/// Asks for a folder on the local disk to move the ledger to; `None` when the clerk cancels.
#[tauri::command]
pub async fn choose_ledger_dir(app: AppHandle) -> CmdResult<Option<String>> {
    Ok(pick_folder(
        &app,
        MOVE_DIR_ENV,
        "选择本机磁盘上的文件夹，用来存放台账",
    ))
}

/// Moves the ledger and its backups into `dir`; the ledger stays closed until [`restart_app`].
#[tauri::command]
pub async fn move_ledger(state: State<'_, LedgerState>, dir: String) -> CmdResult<Moved> {
    state.move_to(&PathBuf::from(dir), &UI)
}

/// Starts the app again, on the ledger a move chose.
#[tauri::command]
pub fn restart_app(app: AppHandle) {
    app.restart();
}
