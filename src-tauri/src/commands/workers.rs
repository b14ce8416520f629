use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::idcard::{self, IdInfo};
use shegong_core::workers::{
    self, Certificate, CertificateInput, ExitInput, ExitRecorded, RosterPage, RosterQuery, Worker,
    WorkerDetail, WorkerInput,
};
use tauri::State;

#[tauri::command]
pub async fn query_roster(
    state: State<'_, LedgerState>,
    query: RosterQuery,
) -> CmdResult<RosterPage> {
    ledger(&state)?.read(|conn| workers::roster(conn, &query, today()))
}

/// Checks an ID number as it is typed, and returns what derives from it.
#[tauri::command]
pub fn check_id_number(value: String) -> CmdResult<IdInfo> {
    idcard::parse_born_by(&value, today())
        .map(|id| id.info())
        .map_err(|e| e.to_dto())
}

#[tauri::command]
pub async fn get_worker(state: State<'_, LedgerState>, id: i64) -> CmdResult<WorkerDetail> {
    ledger(&state)?.read(|conn| workers::detail(conn, id, today()))
}

#[tauri::command]
pub async fn create_worker(state: State<'_, LedgerState>, input: WorkerInput) -> CmdResult<Worker> {
    ledger(&state)?.write(|tx| workers::create(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn update_worker(
    state: State<'_, LedgerState>,
    id: i64,
    input: WorkerInput,
) -> CmdResult<Worker> {
    ledger(&state)?.write(|tx| workers::update(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_worker(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| workers::delete(tx, &UI, id, today()))
}

#[tauri::command]
pub async fn add_certificate(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: CertificateInput,
) -> CmdResult<Certificate> {
    ledger(&state)?.write(|tx| workers::add_certificate(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn update_certificate(
    state: State<'_, LedgerState>,
    id: i64,
    input: CertificateInput,
) -> CmdResult<Certificate> {
    ledger(&state)?.write(|tx| workers::update_certificate(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_certificate(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| workers::delete_certificate(tx, &UI, id, today()))
}

#[tauri::command]
pub async fn set_exit(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: ExitInput,
) -> CmdResult<ExitRecorded> {
    // The result says whether the open labour contract ended with the exit.
    ledger(&state)?.write(|tx| workers::record_exit(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn remove_exit(state: State<'_, LedgerState>, worker_id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| workers::remove_exit(tx, &UI, worker_id, today()))
}
