//! Exports: the county workbook and the roster on screen. The save dialog and the file
//! write both happen here in Rust; the page only says what to export and gets progress
//! over a channel, so it never names a path itself.

use super::CmdResult;
use crate::state::{ledger, LedgerState};
use shegong_core::reports::{self, ExportProgress, ExportResult, ReportOptions, ReportSheet};
use shegong_core::workers::RosterQuery;
use shegong_core::{clock, CoreError, ErrorDto};
use std::path::PathBuf;
use std::sync::Mutex;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

/// When set, exports go into this folder without a dialog (the end-to-end tests cannot
/// click a native dialog).
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
    let result = l.read(|conn| {
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
    let result = l.read(|conn| {
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
