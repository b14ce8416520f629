use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::communities::{self, Community, CommunityInput};
use tauri::State;

#[tauri::command]
pub async fn list_communities(state: State<'_, LedgerState>) -> CmdResult<Vec<Community>> {
    ledger(&state)?.read(communities::list)
}

#[tauri::command]
pub async fn create_community(
    state: State<'_, LedgerState>,
    input: CommunityInput,
) -> CmdResult<Community> {
    ledger(&state)?.write(|tx| communities::create(tx, &UI, &input))
}

#[tauri::command]
pub async fn update_community(
    state: State<'_, LedgerState>,
    id: i64,
    input: CommunityInput,
) -> CmdResult<Community> {
    ledger(&state)?.write(|tx| communities::update(tx, &UI, id, &input))
}

#[tauri::command]
pub async fn delete_community(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| communities::delete(tx, &UI, id))
}
