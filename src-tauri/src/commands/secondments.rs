//! 借调登记 (第17条): the person page's 借调 tab and the street-wide register.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::dates;
use shegong_core::secondments::{self, ApprovalInput, Register, Secondment, SecondmentInput};
use tauri::State;

#[tauri::command]
pub async fn worker_secondments(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<Secondment>> {
    ledger(&state)?.read(|conn| secondments::for_worker(conn, worker_id, today()))
}

#[tauri::command]
pub async fn add_secondment(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: SecondmentInput,
) -> CmdResult<Secondment> {
    ledger(&state)?.write(|tx| secondments::add(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn record_secondment_approval(
    state: State<'_, LedgerState>,
    id: i64,
    approval: ApprovalInput,
) -> CmdResult<Secondment> {
    ledger(&state)?.write(|tx| secondments::record_approval(tx, &UI, id, &approval, today()))
}

#[tauri::command]
pub async fn record_secondment_return(
    state: State<'_, LedgerState>,
    id: i64,
    returned_on: String,
) -> CmdResult<Secondment> {
    ledger(&state)?.write(|tx| secondments::record_return(tx, &UI, id, &returned_on, today()))
}

#[tauri::command]
pub async fn delete_secondment(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| secondments::delete(tx, &UI, id, today()))
}

/// The street's register as of a date (default today) since a date (default 1 January).
#[tauri::command]
pub async fn secondment_register(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
    since: Option<String>,
) -> CmdResult<Register> {
    let date = super::as_of(as_of)?;
    let since = dates::optional("since", "起始日期", since.as_deref()).map_err(|e| e.to_dto())?;
    ledger(&state)?.read(|conn| secondments::register(conn, date, since))
}
