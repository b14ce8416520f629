//! 填报上级表格 (第17条 一次采集、多方利用): fills a form the county sends (a header row of
//! columns; one row per person, or one row per community) from the ledger, in a copy that
//! keeps the county's formatting.
//!
//! - `read_form` reads the form (no ledger needed) and finds its header with the import's
//!   header detection (title rows, two-row merged headers);
//! - `inspect` decides whether rows are people or communities, proposes a source for each
//!   column (`sources`: the same header variants the import knows), and finds the form's
//!   data area: the blank rows under the header up to a footer (合计, 填表人 …), or the rows
//!   the county already listed (names, communities), which are then filled by matching;
//! - `preview` shows the first rows; `fill` writes "…-已填.xlsx": for an xlsx the county's
//!   own file with values put in (`xlsx`), for an xls (which cannot be edited) a new xlsx
//!   with the form's header and the values;
//! - the mapping is remembered per form (by its header) for next quarter's copy.
//!
//! A column nothing in the ledger matches is left empty, never guessed; ID numbers are
//! masked unless the clerk asks for full ones; ledger text is never written as a formula.

mod form;
mod memory;
mod refs;
mod rows;
mod sources;
mod team;
mod xls;
mod xlsx;

pub use sources::RowKind;

use form::*;
use memory::*;
use rows::*;

use crate::error::{CoreError, Result};
use crate::import::header::{community_stem, find_header, normalize_header, Found, HeaderMatcher};
use crate::import::read::{self, Book, Cell as BookCell, Format, Sheet};
use crate::import::values::{display, key};
use crate::reports::format::Cell;
use crate::reports::roster::{official_order, Extras};
use crate::reports::{in_post, save};
use crate::workers::{RosterQuery, WorkerRecord};
use crate::{dates, grades, kv, staffing, workers};
use chrono::NaiveDate;
use refs::Insertion;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sources::{CommunityRow, Person};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 8;
/// A source the clerk can choose for a column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FillSource {
    pub key: String,
    pub label: String,
}

/// A column of the form and what fills it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormColumn {
    /// 0-based.
    pub index: u32,
    /// A, B, … as Excel shows it.
    pub letter: String,
    pub header: String,
    /// The source key, None when the column stays empty.
    pub source: Option<String>,
    pub source_label: Option<String>,
    /// The county put formulas in this column: it is kept as it is.
    pub formula: bool,
}

/// What was found in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FormInspection {
    pub file_name: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub kind: RowKind,
    /// 1-based row of the header (its first row when it has two).
    pub header_row: u32,
    pub header_rows: u32,
    /// 1-based row where the data begins.
    pub first_data_row: u32,
    pub columns: Vec<FormColumn>,
    /// Every source of the form's kind, for the drop-downs.
    pub sources: Vec<FillSource>,
    /// 1-based row of the footer (合计, 填表人 …) under the data area, if any.
    pub footer_row: Option<u32>,
    /// Blank rows the form has before its footer (None without a footer).
    pub space_rows: Option<u32>,
    /// Rows the county already listed (names or communities): they are filled by matching.
    pub listed_rows: u32,
    /// The copy is the county's own file with values put in (xlsx); an xls becomes a new
    /// xlsx with the form's header and the values, without its fonts and borders.
    pub keeps_formatting: bool,
    /// The mapping was remembered from an earlier fill of this form.
    pub remembered: bool,
    pub notes: Vec<String>,
}

/// What to fill the form with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FillOptions {
    /// The sheet to fill; by default the first one with a header the program knows.
    #[ts(optional)]
    pub sheet: Option<String>,
    /// 统计截止日期 (YYYY-MM-DD); today when empty.
    pub as_of: String,
    /// One row per person or per community; by default as found.
    #[ts(optional)]
    pub kind: Option<RowKind>,
    /// A source key (or None) per column, in column order; by default as proposed.
    #[ts(optional)]
    pub columns: Option<Vec<Option<String>>>,
    /// Only these communities (names); all when empty.
    pub communities: Vec<String>,
    /// The people of a roster query (the roster page's filters) instead of everyone in post.
    #[ts(optional)]
    pub roster: Option<RosterQuery>,
    /// Full ID numbers (by default masked, as in the county workbook).
    pub full_id_numbers: bool,
}

/// The first rows as they will be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FillPreview {
    pub inspection: FormInspection,
    pub as_of: String,
    /// Each shown row's cells, one per form column ("" for a column left as it is).
    pub rows: Vec<Vec<String>>,
    /// Rows that will be filled.
    pub total_rows: u32,
    pub notes: Vec<String>,
}

/// A column as it was filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilledColumn {
    pub letter: String,
    pub header: String,
    /// None: left as it is.
    pub source: Option<String>,
    pub source_label: Option<String>,
}

/// What a fill wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FillResult {
    pub path: String,
    pub sheet: String,
    pub kind: RowKind,
    pub as_of: String,
    /// People or communities written.
    pub rows: u32,
    pub columns: Vec<FilledColumn>,
    /// Rows put in above the form's footer because its blank rows ran out.
    pub inserted_rows: u32,
    pub id_numbers_masked: bool,
    pub keeps_formatting: bool,
    /// Rows the county listed that the ledger has no match for ("第 7 行 张三").
    pub not_in_ledger: Vec<String>,
    /// People (or communities) chosen who are not among the rows the county listed.
    pub not_in_form: u32,
    pub notes: Vec<String>,
}

/// A form as read from its file.
pub struct Form {
    path: PathBuf,
    book: Book,
    sheet: usize,
    found: Found<&'static str>,
}

impl Form {
    fn sheet(&self) -> &Sheet {
        &self.book.sheets[self.sheet]
    }
}

fn no_header(name: &str) -> CoreError {
    crate::import::file_error(format!(
        "在“{name}”中没有找到表头：表头应是一行列名，如 姓名、身份证号、社区、城镇常住人口。请确认选对了表格和工作表；如果列名与台账的叫法差别很大，请先在 Excel 中改成常见的叫法。"
    ))
}

fn header_matcher() -> HeaderMatcher<'static, &'static str> {
    HeaderMatcher {
        matches: &sources::match_any,
        is_key: &sources::is_key,
    }
}

/// Reads a county form and finds its header, on `sheet` or the first sheet that has one.
pub fn read_form(path: &Path, sheet: Option<&str>) -> Result<Form> {
    let book = read::open(path, None)?;
    let name = book.file_name().to_string();
    let matcher = header_matcher();
    let empty = HashMap::new();
    let pick = |i: usize| find_header(&book.sheets[i], None, &empty, &matcher).map(|f| (i, f));
    let found = match sheet.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let i = book
                .sheets
                .iter()
                .position(|x| x.name == s)
                .ok_or_else(|| {
                    let names: Vec<&str> = book.sheets.iter().map(|x| x.name.as_str()).collect();
                    CoreError::validation(
                        "sheet",
                        format!(
                            "“{name}”中没有名为“{s}”的工作表。可选：{}。",
                            names.join("、")
                        ),
                    )
                })?;
            pick(i).ok_or_else(|| no_header(&format!("{name}」的「{s}")))?
        }
        None => (0..book.sheets.len())
            .filter(|i| !book.sheets[*i].hidden)
            .find_map(pick)
            .ok_or_else(|| no_header(&name))?,
    };
    Ok(Form {
        path: path.to_path_buf(),
        book,
        sheet: found.0,
        found: found.1,
    })
}

/// Finds out what the form holds and proposes a source per column.
pub fn inspect(conn: &Connection, form: &Form) -> Result<FormInspection> {
    inspect_with(conn, form, None, None)
}

/// As [`inspect`], reading the rows as `kind` when the clerk says so.
pub fn inspect_as(conn: &Connection, form: &Form, kind: Option<RowKind>) -> Result<FormInspection> {
    inspect_with(conn, form, kind, None)
}

/// The first rows as they will be filled.
pub fn preview(
    conn: &Connection,
    form: &Form,
    options: &FillOptions,
    today: NaiveDate,
) -> Result<FillPreview> {
    let p = plan(conn, form, options, today, PREVIEW_ROWS)?;
    let months = month_cols(&p.inspection.columns);
    let rows = p
        .writes
        .values()
        .take(PREVIEW_ROWS)
        .map(|values| {
            p.inspection
                .columns
                .iter()
                .map(|c| {
                    values
                        .get(&c.index)
                        .map(|v| shown(v, months.contains(&c.index)))
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    let mut notes = p.inspection.notes.clone();
    notes.extend(placement_notes(&p));
    Ok(FillPreview {
        as_of: dates::text(p.ledger.as_of),
        total_rows: p.placement.filled(),
        rows,
        inspection: p.inspection,
        notes,
    })
}

/// The copy's default name: beside the form, "…-已填.xlsx".
pub fn default_output(form_path: &Path) -> PathBuf {
    let stem = form_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "表格".into());
    form_path.with_file_name(format!("{stem}-已填.xlsx"))
}

/// Fills the form into `out` (an .xlsx that is not the form itself) and remembers the
/// mapping for this form.
pub fn fill(
    conn: &Connection,
    form: &Form,
    options: &FillOptions,
    out: &Path,
    today: NaiveDate,
) -> Result<FillResult> {
    save::check_target(out)?;
    let same = std::fs::canonicalize(out)
        .ok()
        .is_some_and(|o| std::fs::canonicalize(&form.path).ok() == Some(o));
    if same {
        return Err(CoreError::validation(
            "path",
            "请另存为一个新文件（默认在原文件名后加“-已填”），原表保持不变。",
        ));
    }
    let p = plan(conn, form, options, today, usize::MAX)?;
    let months = month_cols(&p.inspection.columns);
    let sheet = form.sheet();
    match &p.area.xml {
        Some(xml) => {
            let edit = xlsx::Edit {
                sheet: sheet.name.clone(),
                insertion: p.placement.insertion,
                template_row: p.area.template,
                writes: p.writes.clone(),
                month_cols: months,
            };
            save::write_atomic(out, |w| {
                xlsx::write_filled(&form.path, form.book.file_name(), xml, &edit, w)
            })?;
        }
        None => xls::write_new(
            sheet,
            &form.found,
            p.area.first,
            &p.writes,
            &months,
            p.placement.insertion,
            out,
        )?,
    }
    let columns: Vec<Option<String>> = p
        .inspection
        .columns
        .iter()
        .map(|c| c.source.clone())
        .collect();
    remember(
        conn,
        signature(&form.found.headers),
        p.inspection.kind,
        columns,
    )?;
    let notes = placement_notes(&p);
    Ok(FillResult {
        path: out.display().to_string(),
        sheet: sheet.name.clone(),
        kind: p.inspection.kind,
        as_of: dates::text(p.ledger.as_of),
        rows: p.placement.filled(),
        columns: p
            .inspection
            .columns
            .iter()
            .map(|c| FilledColumn {
                letter: c.letter.clone(),
                header: c.header.clone(),
                source: c.source.clone(),
                source_label: c.source_label.clone(),
            })
            .collect(),
        inserted_rows: p.placement.insertion.map_or(0, |i| i.count),
        id_numbers_masked: !options.full_id_numbers,
        keeps_formatting: p.inspection.keeps_formatting,
        not_in_ledger: p.placement.not_in_ledger.clone(),
        not_in_form: p.placement.not_in_form,
        notes,
    })
}
