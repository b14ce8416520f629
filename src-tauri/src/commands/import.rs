//! Importing an existing Excel roster. The file is chosen in a native dialog here in Rust
//! and kept in this session with its preview; the page sends only the clerk's choices, so
//! what is committed is exactly the plan that was previewed, re-checked by the core.

use super::CmdResult;
use crate::commands::reports::choose_save_path;
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::import::{
    self, CommitChoices, ImportOptions, ImportPlan, ImportSummary, Inspection, SheetChoice,
};
use shegong_core::{CoreError, ErrorDto};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

/// When set, 选择文件 takes this file without a dialog (end-to-end tests).
pub const IMPORT_FILE_ENV: &str = "SHEGONG_IMPORT_FILE";

#[derive(Default)]
pub struct ImportSession(Mutex<Option<Session>>);

struct Session {
    path: PathBuf,
    plan: Option<ImportPlan>,
}

fn no_session() -> ErrorDto {
    CoreError::validation("file", "请先选择要导入的 Excel 文件。").to_dto()
}

fn busy() -> ErrorDto {
    CoreError::Io(std::io::Error::other("导入正忙，请稍后重试")).to_dto()
}

fn pick_file(app: &AppHandle) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(IMPORT_FILE_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title("选择要导入的花名册")
        .add_filter("Excel 工作簿", &["xlsx", "xlsm", "xls"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a file and inspects it: its sheets, detected header rows and proposed mapping.
/// `None` when the clerk cancels.
#[tauri::command]
pub async fn import_choose_file(
    app: AppHandle,
    state: State<'_, LedgerState>,
    session: State<'_, ImportSession>,
) -> CmdResult<Option<Inspection>> {
    let Some(path) = pick_file(&app) else {
        return Ok(None);
    };
    let inspection = ledger(&state)?.read(|conn| import::inspect(conn, &path))?;
    *session.0.lock().map_err(|_| busy())? = Some(Session { path, plan: None });
    Ok(Some(inspection))
}

/// Previews the import of the chosen sheets with the clerk's mapping and choices; writes
/// nothing.
#[tauri::command]
pub async fn import_preview(
    state: State<'_, LedgerState>,
    session: State<'_, ImportSession>,
    sheets: Vec<SheetChoice>,
    options: ImportOptions,
) -> CmdResult<ImportPlan> {
    let path = {
        let guard = session.0.lock().map_err(|_| busy())?;
        guard.as_ref().ok_or_else(no_session)?.path.clone()
    };
    let plan =
        ledger(&state)?.read(|conn| import::preview(conn, &path, &sheets, &options, today()))?;
    // Keep the plan only if the clerk has not chosen another file meanwhile.
    if let Some(s) = session.0.lock().map_err(|_| busy())?.as_mut() {
        if s.path == path {
            s.plan = Some(plan.clone());
        }
    }
    Ok(plan)
}

/// Commits the previewed plan with the clerk's per-row choices: a backup first, then all
/// rows in one transaction, audited as 导入.
#[tauri::command]
pub async fn import_commit(
    state: State<'_, LedgerState>,
    session: State<'_, ImportSession>,
    choices: CommitChoices,
) -> CmdResult<ImportSummary> {
    let plan = {
        let guard = session.0.lock().map_err(|_| busy())?;
        guard
            .as_ref()
            .and_then(|s| s.plan.clone())
            .ok_or_else(|| CoreError::validation("file", "请先预览，再确认导入。").to_dto())?
    };
    let l = ledger(&state)?;
    let summary =
        l.with_conn(|conn| import::apply(conn, Some(l.path()), &plan, &choices, today()))?;
    *session.0.lock().map_err(|_| busy())? = None;
    Ok(summary)
}

/// Saves the rejected rows with a 错误说明 column, for the clerk to fix in Excel.
#[tauri::command]
pub async fn import_save_error_report(
    app: AppHandle,
    session: State<'_, ImportSession>,
) -> CmdResult<Option<String>> {
    let plan = {
        let guard = session.0.lock().map_err(|_| busy())?;
        guard
            .as_ref()
            .and_then(|s| s.plan.clone())
            .ok_or_else(no_session)?
    };
    let name = format!(
        "导入错误说明-{}.xlsx",
        plan.file_name.trim_end_matches(".xlsx")
    );
    let Some(path) = choose_save_path(&app, &name) else {
        return Ok(None);
    };
    import::write_error_report(&plan, &path).map_err(|e| e.to_dto())?;
    Ok(Some(path.display().to_string()))
}

/// Saves a blank import template with drop-down lists and a 填写说明 sheet.
#[tauri::command]
pub async fn import_save_template(
    app: AppHandle,
    state: State<'_, LedgerState>,
) -> CmdResult<Option<String>> {
    let Some(path) = choose_save_path(&app, "人员信息导入模板.xlsx") else {
        return Ok(None);
    };
    ledger(&state)?.read(|conn| import::write_template(conn, &path))?;
    Ok(Some(path.display().to_string()))
}
