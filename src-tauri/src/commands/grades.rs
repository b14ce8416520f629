//! 岗位等级: schemes, rules, assessments, grade history, the promotion run and salary
//! standards.

use super::{CmdResult, UI};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::grades::{
    self, ApplySummary, Assessment, AssessmentBatch, AssessmentSaved, AssessmentSheetRow,
    GradeRecord, GradeRecordInput, GradeRules, GradeVocabulary, Override, Proposal, SalaryCell,
    SalaryTotals, SalaryVersion, SalaryVersionInput, Scheme, SchemeInput, WorkerSalary,
};
use tauri::State;

#[tauri::command]
pub fn grade_vocabulary() -> GradeVocabulary {
    grades::grade_vocabulary()
}

#[tauri::command]
pub async fn list_schemes(state: State<'_, LedgerState>) -> CmdResult<Vec<Scheme>> {
    ledger(&state)?.read(grades::list_schemes)
}

#[tauri::command]
pub async fn create_scheme(state: State<'_, LedgerState>, input: SchemeInput) -> CmdResult<Scheme> {
    ledger(&state)?.write(|tx| grades::create_scheme(tx, &UI, &input))
}

#[tauri::command]
pub async fn update_scheme(
    state: State<'_, LedgerState>,
    id: i64,
    input: SchemeInput,
) -> CmdResult<Scheme> {
    ledger(&state)?.write(|tx| grades::update_scheme(tx, &UI, id, &input))
}

#[tauri::command]
pub async fn delete_scheme(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| grades::delete_scheme(tx, &UI, id))
}

#[tauri::command]
pub async fn get_grade_rules(state: State<'_, LedgerState>) -> CmdResult<GradeRules> {
    ledger(&state)?.read(grades::get_rules)
}

#[tauri::command]
pub async fn save_grade_rules(
    state: State<'_, LedgerState>,
    rules: GradeRules,
) -> CmdResult<GradeRules> {
    ledger(&state)?.write(|tx| grades::save_rules(tx, &UI, &rules))
}

/// Everyone in post (optionally one community) with their result for the year, saved or
/// the default 合格, for entry in one table.
#[tauri::command]
pub async fn assessment_sheet(
    state: State<'_, LedgerState>,
    year: i32,
    community_id: Option<i64>,
) -> CmdResult<Vec<AssessmentSheetRow>> {
    ledger(&state)?.read(|conn| grades::assessment_sheet(conn, year, community_id))
}

#[tauri::command]
pub async fn save_assessments(
    state: State<'_, LedgerState>,
    batch: AssessmentBatch,
) -> CmdResult<AssessmentSaved> {
    ledger(&state)?.write(|tx| grades::save_assessments(tx, &UI, &batch, today()))
}

#[tauri::command]
pub async fn worker_assessments(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<Assessment>> {
    ledger(&state)?.read(|conn| grades::worker_assessments(conn, worker_id))
}

#[tauri::command]
pub async fn delete_assessment(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| grades::delete_assessment(tx, &UI, id))
}

#[tauri::command]
pub async fn grade_history(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<Vec<GradeRecord>> {
    ledger(&state)?.read(|conn| grades::grade_history(conn, worker_id))
}

#[tauri::command]
pub async fn add_grade_record(
    state: State<'_, LedgerState>,
    worker_id: i64,
    input: GradeRecordInput,
) -> CmdResult<GradeRecord> {
    ledger(&state)?.write(|tx| grades::add_grade_record(tx, &UI, worker_id, &input, today()))
}

#[tauri::command]
pub async fn delete_grade_record(state: State<'_, LedgerState>, id: i64) -> CmdResult<()> {
    ledger(&state)?.write(|tx| grades::delete_grade_record(tx, &UI, id))
}

/// The promotion run as of a date: proposals with their reasons, nothing written.
#[tauri::command]
pub async fn propose_grades(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<Vec<Proposal>> {
    let on = super::as_of(as_of)?;
    ledger(&state)?.read(|conn| grades::propose(conn, on))
}

/// Writes the run's records (with the clerk's overrides) in one transaction.
#[tauri::command]
pub async fn apply_grades(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
    overrides: Vec<Override>,
) -> CmdResult<ApplySummary> {
    let on = super::as_of(as_of)?;
    ledger(&state)?.write(|tx| grades::apply(tx, &UI, on, &overrides))
}

/// The last confirmed run (for 撤销本次写入), or null.
#[tauri::command]
pub async fn last_grade_run(state: State<'_, LedgerState>) -> CmdResult<Option<grades::GradeRun>> {
    ledger(&state)?.read(grades::last_run)
}

/// Undoes the last run: its records deleted, each audited; refused once later records
/// depend on it. Gives how many records were removed.
#[tauri::command]
pub async fn undo_grade_run(state: State<'_, LedgerState>, run_id: i64) -> CmdResult<usize> {
    ledger(&state)?.write(|tx| grades::undo_run(tx, &UI, run_id))
}

#[tauri::command]
pub async fn list_salary_versions(state: State<'_, LedgerState>) -> CmdResult<Vec<SalaryVersion>> {
    ledger(&state)?.read(grades::list_salary_versions)
}

/// Amounts for every category and level of a scheme from a base (yuan) and a step.
#[tauri::command]
pub async fn generate_salary_amounts(
    state: State<'_, LedgerState>,
    scheme_id: i64,
    base: String,
    step: f64,
) -> CmdResult<Vec<SalaryCell>> {
    ledger(&state)?.read(|conn| {
        let scheme = grades::get_scheme(conn, scheme_id)?;
        grades::generate_amounts(&scheme, &base, step)
    })
}

#[tauri::command]
pub async fn create_salary_version(
    state: State<'_, LedgerState>,
    input: SalaryVersionInput,
) -> CmdResult<SalaryVersion> {
    ledger(&state)?.write(|tx| grades::create_salary_version(tx, &UI, &input))
}

#[tauri::command]
pub async fn update_salary_version(
    state: State<'_, LedgerState>,
    id: i64,
    input: SalaryVersionInput,
) -> CmdResult<SalaryVersion> {
    ledger(&state)?.write(|tx| grades::update_salary_version(tx, &UI, id, &input))
}

#[tauri::command]
pub async fn worker_salary(
    state: State<'_, LedgerState>,
    worker_id: i64,
) -> CmdResult<WorkerSalary> {
    ledger(&state)?.read(|conn| grades::worker_salary(conn, worker_id, today()))
}

#[tauri::command]
pub async fn salary_totals(
    state: State<'_, LedgerState>,
    as_of: Option<String>,
) -> CmdResult<SalaryTotals> {
    let on = super::as_of(as_of)?;
    ledger(&state)?.read(|conn| grades::salary_totals(conn, on))
}
