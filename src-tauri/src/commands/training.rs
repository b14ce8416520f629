//! 培训: classes and their attendees, training taken elsewhere, the cadence rules and status.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use chrono::Datelike;
use shegong_core::clock::today;
use shegong_core::training::{
    self, Attendance, AttendeeInput, CadenceRow, CadenceRules, ClassDetail, ClassInput,
    ExternalInput, ExternalTraining, TrainingClass, TrainingEntry, TrainingStats,
};
use tauri::State;

#[tauri::command]
pub async fn list_classes(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<Vec<TrainingClass>> {
    ledger(&state)?.read(|conn| training::list_classes(conn, year))
}

#[tauri::command]
pub async fn get_class(state: State<'_, LedgerState>, id: i64) -> CmdResult<ClassDetail> {
    ledger(&state)?.read(|conn| training::class_detail(conn, id))
}

#[tauri::command]
pub async fn create_class(
    state: State<'_, LedgerState>,
    input: ClassInput,
) -> CmdResult<TrainingClass> {
    ledger(&state)?.write(|tx| training::create_class(tx, &UI, &input, today()))
}

#[tauri::command]
pub async fn update_class(
    state: State<'_, LedgerState>,
    id: i64,
    input: ClassInput,
) -> CmdResult<TrainingClass> {
    ledger(&state)?.write(|tx| training::update_class(tx, &UI, id, &input, today()))
}

/// Adds many people to a class at once: all of them or, if one line is wrong, none.
#[tauri::command]
pub async fn add_attendees(
    state: State<'_, LedgerState>,
    class_id: i64,
    attendees: Vec<AttendeeInput>,
) -> CmdResult<Vec<Attendance>> {
    ledger(&state)?.write(|tx| training::add_attendees(tx, &UI, class_id, &attendees))
}

#[tauri::command]
pub async fn update_attendance(
    state: State<'_, LedgerState>,
    id: i64,
    input: AttendeeInput,
) -> CmdResult<Attendance> {
    ledger(&state)?.write(|tx| training::update_attendance(tx, &UI, id, &input))
}

#[tauri::command]
pub async fn remove_attendance(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| training::remove_attendance(tx, &UI, id))
}

/// One person's trainings: classes they attended and training recorded for them alone.
#[tauri::command]
pub async fn worker_trainings(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<TrainingEntry>> {
    ledger(&state)?.read(|conn| training::worker_trainings(conn, worker_id))
}

#[tauri::command]
pub async fn add_external_training(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: ExternalInput,
) -> CmdResult<ExternalTraining> {
    ledger(&state)?.write(|tx| training::add_external(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn remove_external_training(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| training::remove_external(tx, &UI, id))
}

/// Everyone the cadence rules apply to, worst status first.
#[tauri::command]
pub async fn training_cadence(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<Vec<CadenceRow>> {
    let on = super::as_of(as_of)?;
    ledger(&state)?.read(|conn| training::cadence(conn, on))
}

#[tauri::command]
pub async fn worker_cadence(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Option<CadenceRow>> {
    ledger(&state)?.read(|conn| training::cadence_for_worker(conn, worker_id, today()))
}

#[tauri::command]
pub async fn training_statistics(
    state: State<'_, LedgerState>,
    year: Option<i32>,
) -> CmdResult<TrainingStats> {
    let today = today();
    let year = year.unwrap_or_else(|| today.year());
    ledger(&state)?.read(|conn| training::statistics(conn, year, today))
}

#[tauri::command]
pub async fn get_cadence_rules(state: State<'_, LedgerState>) -> CmdResult<CadenceRules> {
    ledger(&state)?.read(training::get_rules)
}

#[tauri::command]
pub async fn save_cadence_rules(
    state: State<'_, LedgerState>,
    rules: CadenceRules,
) -> CmdResult<CadenceRules> {
    ledger(&state)?.write(|tx| training::save_rules(tx, &UI, &rules))
}

/// Deletes a class entered by mistake, with its attendance lines.
#[tauri::command]
pub async fn delete_class(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| training::delete_class(tx, &UI, id))
}
