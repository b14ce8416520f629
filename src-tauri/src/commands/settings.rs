use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::settings::{self, Settings};
use shegong_core::store::{self, BackupFile, LedgerInfo, RestoreResult};
use shegong_core::vocab::{self, CareVocabulary, Vocabulary};
use shegong_core::{clock, ErrorDto};
use tauri::State;

#[tauri::command]
pub fn vocabulary() -> Vocabulary {
    vocab::vocabulary()
}

/// The training and care drop-down lists.
#[tauri::command]
pub fn care_vocabulary() -> CareVocabulary {
    vocab::care_vocabulary()
}

#[tauri::command]
pub async fn get_settings(state: State<'_, LedgerState>) -> CmdResult<Settings> {
    ledger(&state)?.read(settings::get)
}

#[tauri::command]
pub async fn save_settings(
    state: State<'_, LedgerState>,
    settings: Settings,
) -> CmdResult<Settings> {
    ledger(&state)?.write(|tx| settings::save(tx, &UI, &settings))
}

#[tauri::command]
pub async fn ledger_info(state: State<'_, LedgerState>) -> CmdResult<LedgerInfo> {
    let l = ledger(&state)?;
    l.read(|conn| store::ledger_info(conn, l.path()))
}

/// A backup on demand, next to the daily ones; returns the new file's path.
#[tauri::command]
pub async fn backup_now(state: State<'_, LedgerState>) -> CmdResult<String> {
    let l = ledger(&state)?;
    l.read(|conn| store::manual_backup(conn, l.path(), None, clock::now()))
        .map(|dest| dest.display().to_string())
}

/// The backups beside the ledger, newest first, with what each holds (also when the ledger
/// could not be opened: they are the way back).
#[tauri::command]
pub async fn list_backups(state: State<'_, LedgerState>) -> CmdResult<Vec<BackupFile>> {
    store::list_backups(state.path()?).map_err(|e| e.to_dto())
}

/// Replaces the ledger's contents with the backup called `file_name` (a name in the backups
/// folder, never a path), after keeping a copy of the ledger as it is.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, LedgerState>,
    file_name: String,
) -> CmdResult<RestoreResult> {
    let l = ledger(&state)?;
    l.with_conn(|conn| store::restore_backup(conn, l.path(), &file_name, &UI))
}

/// Why the ledger could not be opened, or nothing when it is open. The window asks first and
/// shows the recovery page instead of the ledger when there is a problem.
#[tauri::command]
pub async fn ledger_problem(state: State<'_, LedgerState>) -> CmdResult<Option<ErrorDto>> {
    Ok(state.problem())
}

/// Where the ledger file is, also when it could not be opened (for the recovery page).
#[tauri::command]
pub async fn ledger_path(state: State<'_, LedgerState>) -> CmdResult<String> {
    Ok(state.path()?.display().to_string())
}

/// For a ledger that could not be opened: sets the file aside and puts the backup
/// `file_name` in its place, then opens it.
#[tauri::command]
pub async fn recover_ledger(
    state: State<'_, LedgerState>,
    file_name: String,
) -> CmdResult<RestoreResult> {
    state.recover(&file_name, &UI)
}
