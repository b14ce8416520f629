//! The home page's figures. On a large ledger they take a while to compute, so they are
//! answered from memory until something is committed (state.rs, `read_cached`).

use super::CmdResult;
use crate::state::{ledger, LedgerState};
use shegong_core::audit::{self, AuditEntry};
use shegong_core::reminders::{self, Reminders};
use shegong_core::staffing::{self, Staffing};
use shegong_core::stats::{self, Stats};
use shegong_core::workers::{self, TeamProfile};
use tauri::State;

#[tauri::command]
pub async fn get_stats(state: State<'_, LedgerState>, as_of: Option<String>) -> CmdResult<Stats> {
    let date = super::as_of(as_of)?;
    ledger(&state)?.read_cached(format!("stats {date}"), |conn| stats::stats(conn, date))
}

/// The home page's 待办提醒 (the same function as `shegong reminders`).
#[tauri::command]
pub async fn get_reminders(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<Reminders> {
    let date = super::as_of(as_of)?;
    ledger(&state)?.read_cached(format!("reminders {date}"), |conn| {
        reminders::reminders(conn, date)
    })
}

/// The home page's team charts (who is in post, by age band, 学历, category, 职业资格, grade).
#[tauri::command]
pub async fn team_profile(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<TeamProfile> {
    let date = super::as_of(as_of)?;
    ledger(&state)?.read_cached(format!("team {date}"), |conn| {
        workers::team_profile(conn, date)
    })
}

#[tauri::command]
pub async fn get_staffing(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<Staffing> {
    let date = super::as_of(as_of)?;
    ledger(&state)?.read_cached(format!("staffing {date}"), |conn| {
        staffing::staffing(conn, date)
    })
}

#[tauri::command]
pub async fn recent_changes(
    state: State<'_, LedgerState>,
    limit: i64,
) -> CmdResult<Vec<AuditEntry>> {
    ledger(&state)?.read(|conn| audit::recent(conn, limit.clamp(1, 200)))
}
