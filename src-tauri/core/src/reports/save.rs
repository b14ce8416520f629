//! Saving a workbook without ever leaving half a file: it is written beside the target
//! under a temporary name, flushed to disk, and renamed over the target in one step.

use crate::error::{CoreError, Result};
use rust_xlsxwriter::Workbook;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Checks the target before any work is done: an .xlsx name in a folder that exists.
pub(crate) fn check_target(path: &Path) -> Result<()> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx || path.file_name().is_none() {
        return Err(CoreError::validation(
            "path",
            format!(
                "文件名“{}”应以 .xlsx 结尾，例如 社区工作者统计报表.xlsx。",
                path.display()
            ),
        ));
    }
    let dir = folder(path);
    if !dir.is_dir() {
        return Err(CoreError::validation(
            "path",
            format!("保存位置“{}”不存在，请重新选择。", dir.display()),
        ));
    }
    if path.is_dir() {
        return Err(CoreError::validation(
            "path",
            format!("“{}”是一个文件夹，请另取一个文件名。", path.display()),
        ));
    }
    Ok(())
}

fn folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    folder(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Removes the temporary file unless it was renamed into place.
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

pub(crate) fn save_atomic(wb: &mut Workbook, path: &Path) -> Result<()> {
    write_atomic(path, |out| Ok(wb.save_to_writer(out)?))
}

/// Writes a file through `write` under a temporary name beside `path`, then renames it:
/// a failure leaves no half-written file and never touches what `path` held.
pub(crate) fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> Result<()>,
) -> Result<()> {
    let tmp = temp_path(path);
    let mut guard = TempFile(Some(tmp.clone()));
    let file = std::fs::File::create(&tmp)?;
    crate::store::private::file(&tmp)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(|e| locked_or_io(e, path))?;
    guard.0 = None;
    Ok(())
}

pub(crate) fn locked_or_io(e: std::io::Error, path: &Path) -> CoreError {
    let sharing_violation = cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33));
    if e.kind() == std::io::ErrorKind::PermissionDenied || sharing_violation {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        CoreError::conflict(
            Some("path"),
            format!(
                "无法写入“{name}”：文件可能正在 Excel 中打开，请关闭后重试（或另存为其他文件名）。"
            ),
        )
    } else {
        CoreError::Io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_file_says_close_excel() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let err = locked_or_io(e, Path::new("报表.xlsx"));
        assert!(
            err.to_string()
                .contains("文件可能正在 Excel 中打开，请关闭后重试"),
            "{err}"
        );
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert!(matches!(
            locked_or_io(e, Path::new("x.xlsx")),
            CoreError::Io(_)
        ));
    }

    #[test]
    fn target_must_be_xlsx_in_an_existing_folder() {
        assert!(check_target(Path::new("报表.xls")).is_err());
        assert!(check_target(Path::new("/no/such/folder/报表.xlsx")).is_err());
        let dir = std::env::temp_dir();
        assert!(check_target(&dir.join("报表.XLSX")).is_ok());
    }
}
