//! The error report: the rejected rows as they were in the file, with a 错误说明 column, so
//! the clerk fixes them in Excel and imports again. Every cell is written as text (never a
//! formula) the way the reports write user text (`reports::format::put_text`: quote-prefixed
//! when it starts with = + - @, so editing the cell in Excel does not turn it into one), and
//! the faulty cells are marked.

use super::{file_error, ImportPlan, RowStatus};
use crate::error::{CoreError, Result};
use crate::reports::format::{put_text, TextFormat};
use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};
use std::path::Path;

pub(crate) fn xlsx_error(e: XlsxError, path: &Path) -> CoreError {
    match e {
        XlsxError::IoError(io) if io.kind() == std::io::ErrorKind::PermissionDenied => file_error(
            format!(
                "无法写入“{}”：文件可能正在 Excel 中打开，或没有写入权限。请关闭该文件或换一个位置后重试。",
                path.display()
            ),
        ),
        XlsxError::IoError(io) => CoreError::Io(io),
        other => file_error(format!("写入 Excel 文件失败：{other}。请换一个文件名后重试。")),
    }
}

/// Saves an import workbook the way every file is saved (`reports::save`: a temporary file,
/// then a rename), so a failed save leaves no half file; I/O problems keep import's advice.
pub(crate) fn save(wb: &mut Workbook, path: &Path) -> Result<()> {
    crate::reports::save::save_atomic(wb, path).map_err(|e| match e {
        CoreError::Io(io) => xlsx_error(XlsxError::IoError(io), path),
        other => other,
    })
}

/// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\.
fn sheet_name(name: &str, taken: &[String]) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(28)
        .collect();
    let base = if clean.trim().is_empty() {
        "未通过".to_string()
    } else {
        clean
    };
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{base}{n}");
        n += 1;
    }
    candidate
}

/// Writes the rejected rows of `plan` to an xlsx at `path`, one sheet per sheet of the file.
/// Returns how many rows were written.
pub fn write_error_report(plan: &ImportPlan, path: &Path) -> Result<usize> {
    let rejected = plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Rejected)
        .count();
    if rejected == 0 {
        return Err(file_error("所有行都通过了检查，没有需要写入错误报告的行。"));
    }
    let mut wb = Workbook::new();
    let header = TextFormat::new(
        Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin),
    );
    let text = TextFormat::new(Format::new().set_num_format("@"));
    let bad = TextFormat::new(
        Format::new()
            .set_num_format("@")
            .set_background_color(Color::RGB(0xFFC7CE))
            .set_font_color(Color::RGB(0x9C0006)),
    );
    let reason = TextFormat::new(
        Format::new()
            .set_text_wrap()
            .set_font_color(Color::RGB(0x9C0006)),
    );
    let mut taken: Vec<String> = Vec::new();
    for sheet in &plan.sheets {
        let rows: Vec<_> = plan
            .rows
            .iter()
            .filter(|r| r.status == RowStatus::Rejected && r.sheet == sheet.name)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let name = sheet_name(&sheet.name, &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name).map_err(|e| xlsx_error(e, path))?;
        let width = sheet
            .headers
            .len()
            .max(rows.iter().map(|r| r.cells.len()).max().unwrap_or(0));
        let reason_col = width as u16;
        let put = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, s: &str, f: &TextFormat| {
            put_text(ws, r, c, s, f).map_err(|e| xlsx_error(e, path))
        };
        for (c, h) in sheet.headers.iter().enumerate() {
            put(ws, 0, c as u16, h, &header)?;
            ws.set_column_width(c as u16, 14)
                .map_err(|e| xlsx_error(e, path))?;
        }
        put(ws, 0, reason_col, "错误说明", &header)?;
        put(ws, 0, reason_col + 1, "原位置", &header)?;
        ws.set_column_width(reason_col, 60)
            .map_err(|e| xlsx_error(e, path))?;
        ws.set_column_width(reason_col + 1, 18)
            .map_err(|e| xlsx_error(e, path))?;
        ws.set_freeze_panes(1, 0).map_err(|e| xlsx_error(e, path))?;
        for (i, row) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, value) in row.cells.iter().enumerate() {
                let faulty = row.errors.iter().any(|e| e.column_index == Some(c as u32));
                if !value.is_empty() || faulty {
                    put(ws, r, c as u16, value, if faulty { &bad } else { &text })?;
                }
            }
            let why: Vec<String> = row
                .errors
                .iter()
                .map(|e| {
                    if e.column.is_empty() {
                        e.message.clone()
                    } else {
                        format!("「{}」{}", e.column, e.message)
                    }
                })
                .collect();
            put(ws, r, reason_col, &why.join("\n"), &reason)?;
            put(
                ws,
                r,
                reason_col + 1,
                &format!("{} 第 {} 行", row.sheet, row.row),
                &text,
            )?;
        }
    }
    save(&mut wb, path)?;
    Ok(rejected)
}
