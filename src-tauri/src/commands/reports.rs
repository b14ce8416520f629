//! Exports: the county workbook and the roster on screen. The save dialog and the file
//! write both happen here in Rust; the page only says what to export and gets progress
//! over a channel, so it never names a path itself.
//!
//! 打印 writes a print-ready workbook (the roster on screen, or 人员登记表) into a print
//! folder without asking where, and opens it in the clerk's spreadsheet program, where Ctrl+P
//! prints it on A4 (and 另存为 PDF makes a PDF). The webview's own print would only print the
//! page on screen.

use super::CmdResult;
use crate::state::{ledger, LedgerState};
use shegong_core::reports::{
    self, ExportProgress, ExportResult, PrintResult, ReportOptions, ReportSheet,
};
use shegong_core::workers::RosterQuery;
use shegong_core::{clock, CoreError, ErrorDto};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// When set, exports go into this folder without a dialog (the end-to-end tests cannot
/// click a native dialog), and 打印 writes there without opening the file.
pub const EXPORT_DIR_ENV: &str = "SHEGONG_EXPORT_DIR";

/// The file the last export wrote: the only path 打开文件 / 打开所在文件夹 may open.
#[derive(Default)]
pub struct LastExport(Mutex<Option<PathBuf>>);

fn io_error(message: &str) -> ErrorDto {
    CoreError::Io(std::io::Error::other(message.to_string())).to_dto()
}

/// Asks where to save (or uses SHEGONG_EXPORT_DIR). None when the clerk cancels.
pub(crate) fn choose_save_path(app: &AppHandle, file_name: &str) -> Option<PathBuf> {
    choose_save_path_in(app, None, file_name)
}

/// As [`choose_save_path`], the dialog opening in `folder` when given.
pub(crate) fn choose_save_path_in(
    app: &AppHandle,
    folder: Option<&std::path::Path>,
    file_name: &str,
) -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir).join(file_name));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title("保存 Excel 工作簿")
        .set_file_name(file_name)
        .add_filter("Excel 工作簿", &["xlsx"]);
    if let Some(f) = folder.filter(|f| f.is_dir()) {
        dialog = dialog.set_directory(f);
    }
    dialog
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
        .map(|p| {
            if p.extension().is_some() {
                p
            } else {
                p.with_extension("xlsx")
            }
        })
}

impl LastExport {
    /// The file just written: 打开文件 / 打开所在文件夹 open it.
    pub(crate) fn remember(&self, path: &str) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(PathBuf::from(path));
        }
    }
}

fn file_stamp() -> String {
    clock::now().format("%Y%m%d-%H%M").to_string()
}

#[tauri::command]
pub fn report_sheets() -> Vec<ReportSheet> {
    reports::report_sheets()
}

/// Exports the county workbook; `None` when the clerk cancelled the save dialog.
#[tauri::command]
pub async fn export_county(
    app: AppHandle,
    state: State<'_, LedgerState>,
    last: State<'_, LastExport>,
    options: ReportOptions,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<Option<ExportResult>> {
    reports::check_options(&options).map_err(|e| e.to_dto())?;
    let l = ledger(&state)?;
    let street = l.read(shegong_core::settings::get)?.street_name;
    let name = format!("{}社区工作者统计报表-{}.xlsx", street, options.as_of);
    let Some(path) = choose_save_path(&app, &name) else {
        return Ok(None);
    };
    let result = l.read_alone(|conn| {
        reports::export_county(conn, &options, &path, clock::now(), &mut |p| {
            let _ = on_progress.send(p);
        })
    })?;
    last.remember(&result.path);
    Ok(Some(result))
}

/// Exports exactly the roster list on screen (its filters and sort, every page).
#[tauri::command]
pub async fn export_roster(
    app: AppHandle,
    state: State<'_, LedgerState>,
    last: State<'_, LastExport>,
    query: RosterQuery,
    full_id_numbers: bool,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<Option<ExportResult>> {
    let l = ledger(&state)?;
    let Some(path) = choose_save_path(&app, &format!("人员台账-{}.xlsx", file_stamp())) else {
        return Ok(None);
    };
    let result = l.read_alone(|conn| {
        reports::export_roster(
            conn,
            &query,
            full_id_numbers,
            &path,
            clock::now(),
            &mut |p| {
                let _ = on_progress.send(p);
            },
        )
    })?;
    last.remember(&result.path);
    Ok(Some(result))
}

/// Opens the last exported file in its program (Excel / WPS), or its folder.
#[tauri::command]
pub async fn open_last_export(
    app: AppHandle,
    last: State<'_, LastExport>,
    folder: bool,
) -> CmdResult<()> {
    let path = last
        .0
        .lock()
        .ok()
        .and_then(|p| p.clone())
        .ok_or_else(|| io_error("还没有导出过文件。"))?;
    let opened = if folder {
        app.opener().reveal_item_in_dir(&path)
    } else {
        app.opener()
            .open_path(path.display().to_string(), None::<&str>)
    };
    opened.map_err(|e| {
        io_error(&format!(
            "无法打开 {}：{e}。请到文件夹中手动打开。",
            path.display()
        ))
    })
}

/// Where 打印 writes: a folder of its own in the system's temporary folder (the files are
/// for printing, not keeping; 打开所在文件夹 finds them).
fn print_path(file_name: &str) -> CmdResult<(PathBuf, bool)> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok((PathBuf::from(dir).join(file_name), false));
    }
    let dir = std::env::temp_dir().join("社工台账打印");
    std::fs::create_dir_all(&dir).map_err(|e| {
        io_error(&format!(
            "无法创建打印文件夹 {}：{e}。请检查磁盘空间或权限后再试。",
            dir.display()
        ))
    })?;
    Ok((dir.join(file_name), true))
}

/// Opens a written file for printing; a failure is reported, not raised: the file exists.
fn open_for_print(
    app: &AppHandle,
    last: &LastExport,
    export: ExportResult,
    open: bool,
) -> PrintResult {
    last.remember(&export.path);
    if !open {
        return PrintResult {
            export,
            opened: false,
            open_error: None,
        };
    }
    let opened = app.opener().open_path(export.path.clone(), None::<&str>);
    PrintResult {
        opened: opened.is_ok(),
        open_error: opened.err().map(|e| {
            format!("无法自动打开（{e}）。请点“打开所在文件夹”，用 Excel 或 WPS 打开后打印。")
        }),
        export,
    }
}

fn print_stamp() -> String {
    clock::now().format("%Y%m%d-%H%M%S").to_string()
}

/// 打印 of the roster on screen: the list as the county roster (A4 landscape, the header row
/// on every page), opened for printing.
#[tauri::command]
pub async fn print_roster(
    app: AppHandle,
    state: State<'_, LedgerState>,
    last: State<'_, LastExport>,
    query: RosterQuery,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<PrintResult> {
    let l = ledger(&state)?;
    let (path, open) = print_path(&format!("人员台账-打印-{}.xlsx", print_stamp()))?;
    let export = l.read_alone(|conn| {
        reports::export_roster(conn, &query, false, &path, clock::now(), &mut |p| {
            let _ = on_progress.send(p);
        })
    })?;
    Ok(open_for_print(&app, &last, export, open))
}

/// 人员登记表 of the chosen people (`worker_ids`), or of everyone a roster query lists
/// (`query`, every page), as of today, opened for printing.
#[tauri::command]
pub async fn print_registration(
    app: AppHandle,
    state: State<'_, LedgerState>,
    last: State<'_, LastExport>,
    worker_ids: Vec<i64>,
    query: Option<RosterQuery>,
    full_id_numbers: bool,
    on_progress: Channel<ExportProgress>,
) -> CmdResult<PrintResult> {
    let l = ledger(&state)?;
    let today = clock::today();
    let (ids, who) = l.read(|conn| {
        let ids = match &query {
            Some(q) => shegong_core::workers::roster_ids(conn, q, today)?.1,
            None => worker_ids,
        };
        let who = match ids.as_slice() {
            [one] => shegong_core::workers::get(conn, *one, today)?.input.name,
            many => format!("{}人", many.len()),
        };
        Ok((ids, who))
    })?;
    let (path, open) = print_path(&format!("人员登记表-{who}-{}.xlsx", print_stamp()))?;
    let export = l.read_alone(|conn| {
        reports::export_registration_forms(
            conn,
            &ids,
            today,
            full_id_numbers,
            &path,
            clock::now(),
            &mut |p| {
                let _ = on_progress.send(p);
            },
        )
    })?;
    Ok(open_for_print(&app, &last, export, open))
}
