//! 劳动合同 and 试用期考核: the person page's 合同 tab and the contract reminder days in 设置.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::contracts::{
    self, Contract, ContractInput, ContractRules, ContractSaved, EndInput, ReviewInput,
    WorkerContracts,
};
use tauri::State;

#[tauri::command]
pub async fn worker_contracts(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<WorkerContracts> {
    ledger(&state)?.read(|conn| contracts::for_worker(conn, worker_id, today()))
}

#[tauri::command]
pub async fn add_contract(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: ContractInput,
) -> CmdResult<Contract> {
    ledger(&state)?.write(|tx| contracts::add(tx, &UI, worker_id, &input, today()))
}

/// 终止/解除: records the exit in the same transaction.
#[tauri::command]
pub async fn end_contract(
    state: State<'_, LedgerState>,
    id: i64,
    input: EndInput,
) -> CmdResult<ContractSaved> {
    ledger(&state)?.write(|tx| contracts::end(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_contract(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| contracts::delete(tx, &UI, id, today()))
}

#[tauri::command]
pub async fn record_probation_review(
    state: State<'_, LedgerState>,
    contract_id: i64,
    input: ReviewInput,
) -> CmdResult<ContractSaved> {
    ledger(&state)?.write(|tx| contracts::record_review(tx, &UI, contract_id, &input, today()))
}

#[tauri::command]
pub async fn contract_rules(state: State<'_, LedgerState>) -> CmdResult<ContractRules> {
    ledger(&state)?.read(contracts::get_rules)
}

#[tauri::command]
pub async fn save_contract_rules(
    state: State<'_, LedgerState>,
    rules: ContractRules,
) -> CmdResult<ContractRules> {
    ledger(&state)?.write(|tx| contracts::save_rules(tx, &UI, &rules))
}
