//! 任职经历 on the person page: dated post and 学历 changes, 书记备案, and the list of 书记
//! not yet filed.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::dates;
use shegong_core::workers::history::{
    self, EducationInput, FilingInput, History, PostChangeInput, Unfiled,
};
use tauri::State;

#[tauri::command]
pub async fn worker_history(state: State<'_, LedgerState>, worker_id: i64) -> CmdResult<History> {
    ledger(&state)?.read(|conn| history::history(conn, worker_id))
}

#[tauri::command]
pub async fn add_post_change(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: PostChangeInput,
) -> CmdResult<i64> {
    ledger(&state)?.write(|tx| history::add_post(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn correct_post_record(
    state: State<'_, LedgerState>,
    id: i64,
    input: PostChangeInput,
) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::correct_post(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_post_record(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::delete_post(tx, &UI, id))
}

#[tauri::command]
pub async fn add_education_record(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: EducationInput,
) -> CmdResult<i64> {
    ledger(&state)?.write(|tx| history::add_education(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn correct_education_record(
    state: State<'_, LedgerState>,
    id: i64,
    input: EducationInput,
) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::correct_education(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_education_record(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::delete_education(tx, &UI, id))
}

#[tauri::command]
pub async fn file_secretary(
    state: State<'_, LedgerState>,
    post_record_id: i64,
    input: FilingInput,
) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::file_secretary(tx, &UI, post_record_id, &input, today()))
}

#[tauri::command]
pub async fn remove_secretary_filing(
    state: State<'_, LedgerState>,
    post_record_id: i64,
) -> CmdResult<()> {
    ledger(&state)?.write(|tx| history::remove_filing(tx, &UI, post_record_id))
}

#[tauri::command]
pub async fn unfiled_secretaries(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<Vec<Unfiled>> {
    let on = dates::optional("asOf", "统计日期", as_of.as_deref())
        .map_err(|e| e.to_dto())?
        .unwrap_or_else(today);
    ledger(&state)?.read(|conn| history::unfiled_secretaries(conn, on))
}
