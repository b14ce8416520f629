//! Commands by area. Each is thin: arguments in, one core call, a DTO or an ErrorDto out.

pub mod care;
pub mod communities;
pub mod contracts;
pub mod fill;
pub mod grades;
pub mod history;
pub mod import;
pub mod location;
mod names;
pub mod offsite;
pub mod reports;
pub mod secondments;
pub mod settings;
pub mod stats;
pub mod training;
pub mod workers;

pub use names::COMMANDS;

use shegong_core::audit::Channel;
use shegong_core::{dates, CoreError, ErrorDto};
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// Changes made from the window are audited as coming from 界面.
pub const UI: Channel = Channel::Ui;

pub type CmdResult<T> = Result<T, ErrorDto>;

/// The as-of date a command was given, or today.
pub fn as_of(input: Option<String>) -> CmdResult<chrono::NaiveDate> {
    dates::optional("asOf", "统计日期", input.as_deref())
        .map(|d| d.unwrap_or_else(shegong_core::clock::today))
        .map_err(|e| e.to_dto())
}

/// Runs `work` on a thread for blocking work, so the async runtime (and with it every other
/// command of the window) is never held up by a file being read. A panic while reading
/// becomes `on_panic`, a Chinese message saying nothing was written.
pub(crate) async fn in_background<T: Send + 'static>(
    on_panic: &'static str,
    work: impl FnOnce() -> CmdResult<T> + Send + 'static,
) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| Err(CoreError::validation("file", on_panic).to_dto()))
}

/// Asks for an Excel workbook to open, or takes the file named by the environment variable
/// `env` (the end-to-end tests cannot click a native dialog). None when the clerk cancels.
pub(crate) fn pick_workbook(app: &AppHandle, env: &str, title: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("Excel 工作簿", &["xlsx", "xlsm", "xls"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a folder, or takes the one named by the environment variable `env` (as
/// [`pick_workbook`]). The path as text for the window; None when the clerk cancels.
pub(crate) fn pick_folder(app: &AppHandle, env: &str, title: &str) -> Option<String> {
    std::env::var_os(env)
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            app.dialog()
                .file()
                .set_title(title)
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok())
        })
        .map(|p| p.display().to_string())
}
