//! 填报上级表格: the county's form is chosen in a native dialog here in Rust and kept by
//! path for this session; the page sends only the clerk's choices. The form is read again
//! for each step (without the ledger, on a thread for blocking work), so a form edited in
//! Excel meanwhile is read as it now is; the ledger is held only while the rows are made.

use super::CmdResult;
use crate::commands::reports::{choose_save_path_in, LastExport};
use crate::state::{ledger, LedgerState};
use shegong_core::clock::today;
use shegong_core::fill::{self, FillOptions, FillPreview, FillResult, FormInspection, RowKind};
use shegong_core::{CoreError, ErrorDto};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::{AppHandle, State};

/// When set, 选择表格 takes this file without a dialog (end-to-end tests).
pub const FILL_FILE_ENV: &str = "SHEGONG_FILL_FILE";

/// The form chosen in this session.
#[derive(Default)]
pub struct FillSession(Mutex<Option<PathBuf>>);

fn no_form() -> ErrorDto {
    CoreError::validation("file", "请先选择县里发来的表格。").to_dto()
}

fn busy() -> ErrorDto {
    CoreError::Io(std::io::Error::other("正在处理上一步，请稍后重试")).to_dto()
}

fn chosen(session: &State<'_, FillSession>) -> CmdResult<PathBuf> {
    session
        .0
        .lock()
        .map_err(|_| busy())?
        .clone()
        .ok_or_else(no_form)
}

/// Runs `work` on a thread for blocking work, so the window's other commands go on.
async fn in_background<T: Send + 'static>(
    work: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    super::in_background(
        "读取这个表格时程序出错，没有写入任何内容。请在 Excel 中把它另存为新的 .xlsx 后再试。",
        work,
    )
    .await
}

fn pick_file(app: &AppHandle) -> Option<PathBuf> {
    super::pick_workbook(app, FILL_FILE_ENV, "选择县里发来的表格")
}

async fn inspect(
    state: &State<'_, LedgerState>,
    path: PathBuf,
    sheet: Option<String>,
    kind: Option<RowKind>,
) -> CmdResult<FormInspection> {
    let l = ledger(state)?;
    in_background(move || {
        let form = fill::read_form(&path, sheet.as_deref()).map_err(|e| e.to_dto())?;
        l.read(|conn| fill::inspect_as(conn, &form, kind))
    })
    .await
}

/// Asks for the county's form and finds its header and columns. `None` when cancelled.
#[tauri::command]
pub async fn fill_choose_form(
    app: AppHandle,
    state: State<'_, LedgerState>,
    session: State<'_, FillSession>,
) -> CmdResult<Option<FormInspection>> {
    let Some(path) = pick_file(&app) else {
        return Ok(None);
    };
    let found = inspect(&state, path.clone(), None, None).await?;
    *session.0.lock().map_err(|_| busy())? = Some(path);
    Ok(Some(found))
}

/// The chosen form again, on another sheet or read as another kind of rows.
#[tauri::command]
pub async fn fill_inspect(
    state: State<'_, LedgerState>,
    session: State<'_, FillSession>,
    sheet: Option<String>,
    kind: Option<RowKind>,
) -> CmdResult<FormInspection> {
    let path = chosen(&session)?;
    inspect(&state, path, sheet, kind).await
}

/// The first rows as they will be filled; writes nothing.
#[tauri::command]
pub async fn fill_preview(
    state: State<'_, LedgerState>,
    session: State<'_, FillSession>,
    options: FillOptions,
) -> CmdResult<FillPreview> {
    let path = chosen(&session)?;
    let l = ledger(&state)?;
    in_background(move || {
        let form = fill::read_form(&path, options.sheet.as_deref()).map_err(|e| e.to_dto())?;
        l.read(|conn| fill::preview(conn, &form, &options, today()))
    })
    .await
}

/// Fills the form into a copy the clerk names (by default beside it, "…-已填.xlsx").
/// `None` when the save dialog is cancelled.
#[tauri::command]
pub async fn fill_save(
    app: AppHandle,
    state: State<'_, LedgerState>,
    session: State<'_, FillSession>,
    last: State<'_, LastExport>,
    options: FillOptions,
) -> CmdResult<Option<FillResult>> {
    let path = chosen(&session)?;
    let suggested = fill::default_output(&path);
    let name = suggested
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "表格-已填.xlsx".into());
    let Some(out) = choose_save_path_in(&app, path.parent(), &name) else {
        return Ok(None);
    };
    let l = ledger(&state)?;
    let result = in_background(move || {
        let form = fill::read_form(&path, options.sheet.as_deref()).map_err(|e| e.to_dto())?;
        // On the writer: filling remembers the form's column choices (fill::memory).
        l.with_conn(|conn| fill::fill(conn, &form, &options, &out, today()))
    })
    .await?;
    last.remember(&result.path);
    Ok(Some(result))
}
