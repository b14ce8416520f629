//! 关心关爱: check-up rounds, holiday visits, care activities and difficulties reported.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use chrono::Datelike;
use shegong_core::care::{
    self, ActivityInput, CareActivity, CareSummary, CheckupAttendee, CheckupAttendeeInput,
    CheckupDetail, CheckupRound, CheckupRoundInput, Difficulty, DifficultyInput, PersonRef, Visit,
    VisitBatchInput, VisitInput, WorkerCheckup,
};
use shegong_core::clock::today;
use shegong_core::dates;
use tauri::State;

fn year_or_this(year: Option<i32>) -> i32 {
    year.unwrap_or_else(|| today().year())
}

#[tauri::command]
pub async fn care_summary(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<CareSummary> {
    ledger(&state)?.read(|conn| care::care_summary(conn, year_or_this(year), today()))
}

#[tauri::command]
pub async fn list_checkup_rounds(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<Vec<CheckupRound>> {
    ledger(&state)?.read(|conn| care::list_checkup_rounds(conn, year))
}

#[tauri::command]
pub async fn get_checkup_round(state: State<'_, LedgerState>, id: i64) -> CmdResult<CheckupDetail> {
    ledger(&state)?.read(|conn| care::checkup_detail(conn, id))
}

/// A round with its attendees in one go: all of them or none.
#[tauri::command]
pub async fn create_checkup_round(
    state: State<'_, LedgerState>,
    input: CheckupRoundInput,
) -> CmdResult<CheckupDetail> {
    ledger(&state)?.write(|tx| care::create_checkup_round(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn add_checkup_attendees(
    state: State<'_, LedgerState>,
    round_id: i64,
    attendees: Vec<CheckupAttendeeInput>,
) -> CmdResult<Vec<CheckupAttendee>> {
    ledger(&state)?.write(|tx| care::add_checkup_attendees(tx, &UI, round_id, &attendees))
}

/// Who has not been checked in the year (as of today, or the year's end for a past year).
#[tauri::command]
pub async fn not_checked(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<Vec<PersonRef>> {
    let year = year_or_this(year);
    ledger(&state)?.read(|conn| care::not_checked(conn, year, dates::year_as_of(year, today())))
}

#[tauri::command]
pub async fn worker_checkups(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<WorkerCheckup>> {
    ledger(&state)?.read(|conn| care::worker_checkups(conn, worker_id))
}

#[tauri::command]
pub async fn list_visits(
    state: State<'_, LedgerState>,
    year: Option<i32>,
    festival: Option<String>,
    worker_id: Option<i64>,
) -> CmdResult<Vec<Visit>> {
    ledger(&state)?.read(|conn| care::list_visits(conn, year, festival.as_deref(), worker_id))
}

/// One visit per recipient, for many recipients at once: all of them or none.
#[tauri::command]
pub async fn create_visits(
    state: State<'_, LedgerState>,
    input: VisitBatchInput,
) -> CmdResult<Vec<Visit>> {
    ledger(&state)?.write(|tx| care::create_visits(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn not_visited(
    state: State<'_, LedgerState>,
    festival: String,
    year: Option<i32>,
) -> CmdResult<Vec<PersonRef>> {
    let year = year_or_this(year);
    ledger(&state)?
        .read(|conn| care::not_visited(conn, &festival, year, dates::year_as_of(year, today())))
}

#[tauri::command]
pub async fn list_activities(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<Vec<CareActivity>> {
    ledger(&state)?.read(|conn| care::list_activities(conn, year))
}

#[tauri::command]
pub async fn create_activity(
    state: State<'_, LedgerState>,
    input: ActivityInput,
) -> CmdResult<CareActivity> {
    ledger(&state)?.write(|tx| care::create_activity(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn activity_participants(
    state: State<'_, LedgerState>,
    activity_id: i64,
) -> CmdResult<Vec<PersonRef>> {
    ledger(&state)?.read(|conn| care::activity_participants(conn, activity_id, today()))
}

#[tauri::command]
pub async fn worker_activities(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<CareActivity>> {
    ledger(&state)?.read(|conn| care::worker_activities(conn, worker_id))
}

#[tauri::command]
pub async fn list_difficulties(
    state: State<'_, LedgerState>,
    open_only: bool,
    worker_id: Option<i64>,
) -> CmdResult<Vec<Difficulty>> {
    ledger(&state)?.read(|conn| care::list_difficulties(conn, open_only, worker_id, today()))
}

#[tauri::command]
pub async fn create_difficulty(
    state: State<'_, LedgerState>,
    input: DifficultyInput,
) -> CmdResult<Difficulty> {
    ledger(&state)?.write(|tx| care::create_difficulty(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn update_difficulty(
    state: State<'_, LedgerState>,
    id: i64,
    input: DifficultyInput,
) -> CmdResult<Difficulty> {
    ledger(&state)?.write(|tx| care::update_difficulty(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn update_checkup_round(
    state: State<'_, LedgerState>,
    id: i64,
    input: CheckupRoundInput,
) -> CmdResult<CheckupRound> {
    ledger(&state)?.write(|tx| care::update_checkup_round(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_checkup_round(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| care::delete_checkup_round(tx, &UI, id))
}

#[tauri::command]
pub async fn update_checkup_attendee(
    state: State<'_, LedgerState>,
    id: i64,
    input: CheckupAttendeeInput,
) -> CmdResult<CheckupAttendee> {
    ledger(&state)?.write(|tx| care::update_checkup_attendee(tx, &UI, id, &input))
}

#[tauri::command]
pub async fn remove_checkup_attendee(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| care::remove_checkup_attendee(tx, &UI, id))
}

#[tauri::command]
pub async fn update_visit(
    state: State<'_, LedgerState>,
    id: i64,
    input: VisitInput,
) -> CmdResult<Visit> {
    ledger(&state)?.write(|tx| care::update_visit(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn delete_visit(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| care::delete_visit(tx, &UI, id))
}

#[tauri::command]
pub async fn update_activity(
    state: State<'_, LedgerState>,
    id: i64,
    input: ActivityInput,
) -> CmdResult<CareActivity> {
    ledger(&state)?.write(|tx| care::update_activity(tx, &UI, id, &input, today()))
}

#[tauri::command]
pub async fn add_activity_participants(
    state: State<'_, LedgerState>,
    activity_id: i64,
    worker_ids: Vec<i64>,
) -> CmdResult<CareActivity> {
    ledger(&state)?.write(|tx| care::add_activity_participants(tx, &UI, activity_id, &worker_ids))
}

#[tauri::command]
pub async fn remove_activity_participant(
    state: State<'_, LedgerState>,
    activity_id: i64,
    worker_id: i64,
) -> CmdResult<CareActivity> {
    ledger(&state)?.write(|tx| care::remove_activity_participant(tx, &UI, activity_id, worker_id))
}

#[tauri::command]
pub async fn delete_activity(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| care::delete_activity(tx, &UI, id))
}

#[tauri::command]
pub async fn delete_difficulty(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| care::delete_difficulty(tx, &UI, id, today()))
}
