//! Importing an existing Excel roster. The file is chosen in a native dialog here in Rust
//! and kept in this session with its preview; the page sends only the clerk's choices, so
//! what is committed is exactly the plan that was previewed, re-checked by the core.
//!
//! Reading a workbook can take seconds (a large or hostile file is refused only after its
//! parts are counted), so inspection and preview run on a thread for blocking work and read
//! the file without the ledger: the ledger is held only for the short read of what the file
//! is compared with (`LedgerView::load`), and the window's other commands go on meanwhile.

use super::CmdResult;
use crate::commands::reports::choose_save_path;
use crate::state::{ledger, Ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::import::{
    self, CommitChoices, ImportOptions, ImportPlan, ImportSummary, Inspection, LedgerView,
    SheetChoice,
};
use shegong_core::{CoreError, ErrorDto};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, State};

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

const READ_FAILED: &str = "读取这个文件时程序出错，没有读入也没有写入任何内容。请在 Excel 中把它另存为新的工作簿后再试；如果再次出现，请把文件交给技术人员检查。";

/// Runs `work` on a thread for blocking work (see `commands::in_background`).
async fn in_background<T: Send + 'static>(
    work: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    super::in_background(READ_FAILED, work).await
}

/// Reads the workbook at `path` (all sheets) and inspects it, in the background; the ledger
/// is held only while `LedgerView::load` reads it.
async fn inspect_file(l: Arc<Ledger>, path: PathBuf) -> CmdResult<Inspection> {
    in_background(move || {
        let book = import::read_book(&path, None).map_err(|e| e.to_dto())?;
        let view = l.read(LedgerView::load)?;
        import::inspect_book(&book, &view).map_err(|e| e.to_dto())
    })
    .await
}

/// Reads the chosen sheets of the workbook at `path` and previews them, in the background;
/// the ledger is held only while `LedgerView::load` reads it.
async fn preview_file(
    l: Arc<Ledger>,
    path: PathBuf,
    sheets: Vec<SheetChoice>,
    options: ImportOptions,
) -> CmdResult<ImportPlan> {
    in_background(move || {
        let only = import::chosen_names(&sheets);
        let book = import::read_book(&path, only.as_deref()).map_err(|e| e.to_dto())?;
        let view = l.read(LedgerView::load)?;
        import::preview_book(&book, &view, &sheets, &options, today()).map_err(|e| e.to_dto())
    })
    .await
}

fn pick_file(app: &AppHandle) -> Option<PathBuf> {
    super::pick_workbook(app, IMPORT_FILE_ENV, "选择要导入的花名册")
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
    let inspection = inspect_file(ledger(&state)?, path.clone()).await?;
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
    let plan = preview_file(ledger(&state)?, path.clone(), sheets, options).await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use tauri::async_runtime::block_on;

    #[test]
    fn files_are_read_in_the_background_and_refusals_come_back_as_errors() {
        let dir = tempfile::tempdir().expect("tmp");
        let l = Arc::new(Ledger::open(dir.path().join("ledger.db")).expect("ledger"));
        let template = dir.path().join("模板.xlsx");
        l.read(|conn| import::write_template(conn, &template))
            .expect("template");
        let info = block_on(inspect_file(l.clone(), template.clone())).expect("inspected");
        assert_eq!(info.file_name, "模板.xlsx");
        let plan = block_on(preview_file(
            l.clone(),
            template,
            Vec::new(),
            ImportOptions::default(),
        ))
        .expect("previewed");
        assert_eq!(plan.counts.new, 0);

        let text = dir.path().join("名单.xlsx");
        std::fs::write(&text, "姓名,身份证号\n").expect("write");
        let err = block_on(inspect_file(l, text)).expect_err("refused");
        assert_eq!(err.field.as_deref(), Some("file"), "{}", err.message);
        assert!(err.message.contains("文本文件"), "{}", err.message);
    }

    #[test]
    fn a_panic_while_reading_becomes_a_message_for_the_clerk() {
        let err = block_on(in_background(|| -> CmdResult<()> { panic!("calamine") }))
            .expect_err("caught");
        assert_eq!(err.field.as_deref(), Some("file"));
        assert!(err.message.contains("另存为新的工作簿"), "{}", err.message);
    }
}
