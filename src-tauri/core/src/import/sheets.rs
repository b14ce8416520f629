//! Stage 1 of the preview: choose and settle the sheets.
//!
//! In: the workbook, the clerk's [`SheetChoice`]s (none = each sheet's default choice, as
//! `inspect` reports it), the remembered mapping and the ledger's communities.
//! Out: one [`SheetWork`] per chosen sheet — its header layout, one field per column
//! (checked: one column per field, 姓名 and 身份证号 present), the community of rows without
//! one, and where merged cells of the body point — plus notes on the sheets left out.

use super::header::{self, Layout};
use super::read::{self, Book, Cell, Row, Sheet};
use super::{
    column_letter, file_error, ColumnMapping, ImportField, RememberedColumn, RowIssue, SheetChoice,
    SheetPlan, MAX_DATA_ROWS,
};
use crate::communities::Community;
use crate::error::{CoreError, Result};
use crate::text;
use std::collections::HashMap;

use ImportField::*;

/// A chosen sheet with its header and mapping settled.
pub(super) struct SheetWork<'a> {
    pub sheet: &'a Sheet,
    pub layout: Layout,
    /// The field of each column (index = column); None = not imported.
    pub fields: Vec<Option<ImportField>>,
    /// The community of rows that name none.
    pub community: Option<String>,
    /// Cells of the body covered by a merged region -> the region's first cell.
    merged: HashMap<(u32, u32), (u32, u32)>,
}

impl<'a> SheetWork<'a> {
    pub fn column(&self, field: ImportField) -> Option<u32> {
        self.fields
            .iter()
            .position(|f| *f == Some(field))
            .map(|c| c as u32)
    }

    /// A column's header text, or its letter when the header cell is blank.
    pub fn header(&self, col: u32) -> String {
        self.layout
            .headers
            .get(col as usize)
            .filter(|h| !h.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("{} 列", column_letter(col)))
    }

    /// Where a field's problem is reported: its column, or the field's name when no column
    /// holds it.
    pub fn column_name(&self, field: ImportField) -> String {
        self.column(field)
            .map_or_else(|| field.label().to_string(), |c| self.header(c))
    }

    /// A problem or note on `field`, reported on its column.
    pub fn issue(&self, field: ImportField, message: impl Into<String>) -> RowIssue {
        RowIssue {
            column: self.column_name(field),
            column_index: self.column(field),
            field: Some(field),
            message: message.into(),
        }
    }

    /// A rule of the form that failed, reported on the column of its field.
    pub fn form_issue(&self, e: &CoreError) -> RowIssue {
        match e.field().and_then(ImportField::from_form_field) {
            Some(f) => self.issue(f, e.to_string()),
            None => RowIssue {
                column: String::new(),
                column_index: None,
                field: None,
                message: e.to_string(),
            },
        }
    }

    /// The value of a cell, reading through merged cells of the body to their first cell.
    pub fn cell(&self, row: &'a Row, col: u32) -> &'a Cell {
        let own = row.get(col);
        if !own.is_empty() || self.merged.is_empty() {
            return own;
        }
        match self.merged.get(&(row.index, col)) {
            Some(&(r, c)) => header::row_at(self.sheet, r).map_or(own, |first| first.get(c)),
            None => own,
        }
    }

    /// The rows below the header.
    pub fn body(&self) -> impl Iterator<Item = &'a Row> {
        let start = self.layout.data_start;
        self.sheet.rows.iter().filter(move |r| r.index >= start)
    }

    /// The sheet as the plan reports it (for the error report and the window).
    pub fn plan(&self) -> SheetPlan {
        SheetPlan {
            name: self.sheet.name.clone(),
            header_row: self.layout.header_row + 1,
            header_rows: self.layout.header_rows,
            headers: self.layout.headers.clone(),
            letters: (0..self.layout.headers.len() as u32)
                .map(column_letter)
                .collect(),
            mapping: self
                .fields
                .iter()
                .enumerate()
                .map(|(c, f)| ColumnMapping {
                    column: c as u32,
                    field: *f,
                })
                .collect(),
            community: self.community.clone(),
        }
    }
}

/// Cells a merged region covers, beyond its first: at most this many are looked up.
const MAX_MERGED_CELLS: usize = 1_000_000;

fn body_merges(sheet: &Sheet, data_start: u32) -> HashMap<(u32, u32), (u32, u32)> {
    let mut out = HashMap::new();
    for m in sheet.merges.iter().filter(|m| m.last_row >= data_start) {
        let last_col = m.last_col.min(read::MAX_COLUMNS - 1);
        for r in m.first_row.max(data_start)..=m.last_row {
            for c in m.first_col..=last_col {
                if (r, c) != (m.first_row, m.first_col) {
                    if out.len() >= MAX_MERGED_CELLS {
                        return out;
                    }
                    out.insert((r, c), (m.first_row, m.first_col));
                }
            }
        }
    }
    out
}

/// The sheets to read, each with its choice: the clerk's, or (when none) every sheet
/// `inspect` selects by default with its default choice. Notes say why others were left out.
pub(super) fn choose<'b>(
    book: &'b Book,
    sheets: &[SheetChoice],
    memory: &HashMap<String, Option<ImportField>>,
    ledger: &[Community],
    notes: &mut Vec<String>,
) -> Result<Vec<(&'b Sheet, SheetChoice)>> {
    if !sheets.is_empty() {
        return sheets
            .iter()
            .map(|choice| Ok((named(book, &choice.name)?, choice.clone())))
            .collect();
    }
    let mut chosen = Vec::new();
    let inspection = header::inspect_sheets(book, memory, ledger)?;
    for (sheet, info) in book.sheets.iter().zip(inspection.sheets) {
        if info.selected {
            chosen.push((sheet, info.default_choice));
        } else if info.hidden && info.problem.is_none() {
            notes.push(format!(
                "工作表“{}”在 Excel 中被隐藏，未导入；如需导入，请选中这个工作表。",
                sheet.name
            ));
        } else if !info.hidden && !sheet.rows.is_empty() {
            notes.push(format!(
                "工作表“{}”未导入：{}",
                sheet.name,
                info.problem.unwrap_or_default()
            ));
        }
    }
    if chosen.is_empty() {
        return Err(file_error(format!(
            "“{}”中没有可以导入的工作表。{}",
            book.file_name,
            notes.join(" ")
        )));
    }
    Ok(chosen)
}

fn named<'b>(book: &'b Book, name: &str) -> Result<&'b Sheet> {
    book.sheets.iter().find(|s| s.name == name).ok_or_else(|| {
        CoreError::validation(
            "sheets",
            format!(
                "文件中没有名为“{name}”的工作表，请重新选择。现有工作表：{}。",
                book.sheets
                    .iter()
                    .map(|s| s.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ),
        )
    })
}

/// Settles each chosen sheet, refusing more than [`MAX_DATA_ROWS`] rows in all.
pub(super) fn settle_all<'b>(
    chosen: Vec<(&'b Sheet, SheetChoice)>,
    memory: &HashMap<String, Option<ImportField>>,
) -> Result<Vec<SheetWork<'b>>> {
    let mut works = Vec::new();
    let mut total_rows = 0usize;
    for (sheet, choice) in chosen {
        let work = settle(sheet, &choice, memory)?;
        total_rows += work.body().count();
        if total_rows > MAX_DATA_ROWS {
            return Err(file_error(format!(
                "所选工作表共有 {total_rows} 行以上数据，超过一次导入的上限 {MAX_DATA_ROWS} 行。请分几次导入（每次选几个工作表），或把文件拆小。"
            )));
        }
        works.push(work);
    }
    Ok(works)
}

/// One sheet's header, mapping and community, as chosen (or as detected).
fn settle<'b>(
    sheet: &'b Sheet,
    choice: &SheetChoice,
    memory: &HashMap<String, Option<ImportField>>,
) -> Result<SheetWork<'b>> {
    if sheet.too_large {
        return Err(file_error(header::too_large_message(&sheet.name)));
    }
    let layout = header::layout(sheet, choice.header_row, memory).ok_or_else(|| {
        CoreError::validation(
            "headerRow",
            match choice.header_row {
                Some(r) => format!("工作表“{}”的第 {r} 行是空的，不能作为表头，请重新指定表头所在的行。", sheet.name),
                None => format!("工作表“{}”的前 30 行中找不到表头（同时写着“姓名”“身份证号”等列名的一行）。请指定表头所在的行。", sheet.name),
            },
        )
    })?;
    let fields = match &choice.mapping {
        Some(mapping) => chosen_fields(mapping, layout.headers.len()),
        None => layout.proposed.clone(),
    };
    check_mapping(&sheet.name, &fields)?;
    let community = choice
        .community
        .as_deref()
        .and_then(|c| text::clean_optional(Some(c)));
    let merged = body_merges(sheet, layout.data_start);
    Ok(SheetWork {
        sheet,
        layout,
        fields,
        community,
        merged,
    })
}

/// The clerk's mapping as one field per column (columns past the sheet's last are ignored).
fn chosen_fields(mapping: &[ColumnMapping], width: usize) -> Vec<Option<ImportField>> {
    let mut fields = vec![None; width];
    for m in mapping {
        let c = m.column as usize;
        if c >= fields.len() {
            if c >= read::MAX_COLUMNS as usize {
                continue;
            }
            fields.resize(c + 1, None);
        }
        fields[c] = m.field;
    }
    fields
}

/// A field in one column at most; 姓名 and 身份证号 in one each.
fn check_mapping(sheet: &str, fields: &[Option<ImportField>]) -> Result<()> {
    for f in ImportField::ALL {
        let cols: Vec<String> = fields
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == Some(f))
            .map(|(c, _)| column_letter(c as u32))
            .collect();
        if cols.len() > 1 {
            return Err(CoreError::validation(
                "mapping",
                format!(
                    "工作表“{sheet}”中“{}”对应了 {} 列（{}），请只保留一列。",
                    f.label(),
                    cols.len(),
                    cols.join("、")
                ),
            ));
        }
    }
    for f in [IdNumber, Name] {
        if !fields.contains(&Some(f)) {
            return Err(CoreError::validation(
                "mapping",
                format!(
                    "工作表“{sheet}”没有对应“{}”的列。导入按身份证号识别人员，姓名和身份证号两列都必须有，请在列对应中指定。",
                    f.label()
                ),
            ));
        }
    }
    Ok(())
}

/// Header text -> field of every chosen sheet (the first sheet naming a header wins), to be
/// remembered for the next file when the import is committed.
pub(super) fn mapping_to_remember(works: &[SheetWork]) -> Vec<RememberedColumn> {
    let mut out: Vec<RememberedColumn> = Vec::new();
    for w in works {
        for (c, header) in w.layout.headers.iter().enumerate() {
            if !header.is_empty() && !out.iter().any(|m| m.header == *header) {
                out.push(RememberedColumn {
                    header: header.clone(),
                    field: w.fields.get(c).copied().flatten(),
                });
            }
        }
    }
    out
}
