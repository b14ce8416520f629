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

mod refs;
mod sources;
mod team;
mod xls;
mod xlsx;

pub use sources::RowKind;

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

/// Where remembered mappings are kept (settings table).
const MEMORY_KEY: &str = "fill_forms";
/// Forms remembered at most; the least recently used are forgotten.
const MEMORY_LIMIT: usize = 60;
/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 8;
/// Text that starts a footer row under a form's data area.
const FOOTER_MARKS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "单位负责人",
    "联系电话",
    "填表日期",
    "填报日期",
    "填表时间",
    "说明",
    "注:",
    "注：",
    "备注:",
    "备注：",
];

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

/// The signature a form's mapping is remembered by: its normalised headers.
fn signature(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| normalize_header(h))
        .collect::<Vec<_>>()
        .join("|")
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Remembered {
    kind: RowKind,
    columns: Vec<Option<String>>,
    used: String,
}

fn memory(conn: &Connection) -> Result<BTreeMap<String, Remembered>> {
    // A damaged value only loses the memory, never the fill.
    Ok(serde_json::from_str(&kv::get(conn, MEMORY_KEY)?).unwrap_or_default())
}

fn remember(
    conn: &Connection,
    sig: String,
    kind: RowKind,
    columns: Vec<Option<String>>,
) -> Result<()> {
    let mut map = memory(conn)?;
    map.insert(
        sig,
        Remembered {
            kind,
            columns,
            used: crate::clock::now_text(),
        },
    );
    while map.len() > MEMORY_LIMIT {
        let oldest = map
            .iter()
            .min_by(|a, b| a.1.used.cmp(&b.1.used))
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => map.remove(&k),
            None => break,
        };
    }
    let json = serde_json::to_string(&map).unwrap_or_else(|_| "{}".into());
    let tx = conn.unchecked_transaction()?;
    kv::put(&tx, MEMORY_KEY, &json)?;
    tx.commit()?;
    Ok(())
}

fn is_footer(row: &read::Row) -> bool {
    row.cells.iter().any(|c| match c {
        BookCell::Text(t) => {
            let k = key(t);
            FOOTER_MARKS.iter().any(|m| k.starts_with(&key(m)))
        }
        _ => false,
    })
}

/// A totals row (合计, 总计) as opposed to a signature or notes line.
fn is_totals(row: &read::Row) -> bool {
    row.cells.iter().any(|c| match c {
        BookCell::Text(t) => {
            let k = key(t);
            ["合计", "总计", "全街道", "小计"]
                .iter()
                .any(|m| k.starts_with(m))
        }
        _ => false,
    })
}

/// The form's data area, as found in its cells and XML.
struct Area {
    first: u32,
    footer: Option<u32>,
    footer_is_totals: bool,
    /// The last row of the data area with formatting of its own, for new rows to copy.
    template: Option<u32>,
    formula_cols: HashSet<u32>,
    xml: Option<xlsx::SheetXml>,
}

fn area(form: &Form) -> Result<Area> {
    let sheet = form.sheet();
    let first = form.found.data_start;
    let xml = match form.book.format {
        Format::Xlsx => Some(xlsx::read_sheet(
            &form.path,
            form.book.file_name(),
            &sheet.name,
        )?),
        _ => None,
    };
    let sums = |r: u32| {
        xml.as_ref().is_some_and(|x| {
            x.rows.get(&r).is_some_and(|row| {
                row.cells.values().any(|c| {
                    c.formula.as_deref().is_some_and(|f| {
                        let f = f.to_ascii_uppercase();
                        f.contains(':')
                            && ["SUM", "SUBTOTAL", "COUNT", "AVERAGE"]
                                .iter()
                                .any(|k| f.contains(k))
                    })
                })
            })
        })
    };
    let mut footer = sheet
        .rows
        .iter()
        .filter(|r| r.index >= first)
        .find(|r| is_footer(r))
        .map(|r| r.index);
    if let Some(x) = &xml {
        if let Some(r) = x
            .rows
            .keys()
            .copied()
            .filter(|r| *r >= first)
            .find(|r| sums(*r))
        {
            footer = Some(footer.map_or(r, |f| f.min(r)));
        }
    }
    let footer_is_totals =
        footer.is_some_and(|f| header_row_at(sheet, f).is_some_and(is_totals) || sums(f));
    let end = footer.unwrap_or(u32::MAX);
    let (template, formula_cols) = match &xml {
        Some(x) => {
            let in_area = x.rows.range(first..end);
            let template = in_area
                .clone()
                .filter(|(_, r)| !r.cells.is_empty() || r.style.is_some())
                .map(|(i, _)| *i)
                .next_back();
            let formulas = in_area
                .flat_map(|(_, r)| {
                    r.cells
                        .iter()
                        .filter(|(_, c)| c.formula.is_some())
                        .map(|(col, _)| *col)
                })
                .collect();
            (template, formulas)
        }
        None => (None, HashSet::new()),
    };
    Ok(Area {
        first,
        footer,
        footer_is_totals,
        template,
        formula_cols,
        xml,
    })
}

fn header_row_at(sheet: &Sheet, index: u32) -> Option<&read::Row> {
    crate::import::header::row_at(sheet, index)
}

/// The row kind a header shows: people when it names 姓名 or 身份证号.
fn kind_of(found: &Found<&'static str>) -> RowKind {
    let people = found
        .proposed
        .iter()
        .flatten()
        .any(|k| matches!(*k, "p.name" | "p.id"));
    let community_figures = found.proposed.iter().flatten().any(|k| k.starts_with("c."));
    if people
        || !community_figures
            && found
                .proposed
                .iter()
                .flatten()
                .filter(|k| k.starts_with("p."))
                .count()
                > 2
    {
        RowKind::People
    } else {
        RowKind::Communities
    }
}

/// Finds out what the form holds and proposes a source per column.
pub fn inspect(conn: &Connection, form: &Form) -> Result<FormInspection> {
    inspect_with(conn, form, None, None)
}

/// As [`inspect`], reading the rows as `kind` when the clerk says so.
pub fn inspect_as(conn: &Connection, form: &Form, kind: Option<RowKind>) -> Result<FormInspection> {
    inspect_with(conn, form, kind, None)
}

fn inspect_with(
    conn: &Connection,
    form: &Form,
    kind: Option<RowKind>,
    chosen: Option<&[Option<String>]>,
) -> Result<FormInspection> {
    let sheet = form.sheet();
    let found = &form.found;
    let area = area(form)?;
    let sig = signature(&found.headers);
    let memory = memory(conn)?;
    let remembered = memory
        .get(&sig)
        .filter(|m| m.columns.len() == found.headers.len() && kind.is_none_or(|k| k == m.kind));
    let kind = kind
        .or(remembered.map(|m| m.kind))
        .unwrap_or_else(|| kind_of(found));
    let known: HashSet<&str> = sources::keys_and_labels(kind)
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let mut notes = Vec::new();
    let columns: Vec<FormColumn> = found
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let formula = area.formula_cols.contains(&(i as u32));
            let source = match (chosen, remembered) {
                (Some(c), _) => c.get(i).cloned().flatten(),
                (None, Some(m)) => m.columns[i].clone(),
                (None, None) => sources::match_source(kind, header).map(str::to_string),
            }
            .filter(|k| known.contains(k.as_str()))
            .filter(|_| !formula && (chosen.is_some() || !header.trim().is_empty()));
            FormColumn {
                index: i as u32,
                letter: crate::import::column_letter(i as u32),
                header: header.clone(),
                source_label: source
                    .as_deref()
                    .and_then(sources::label)
                    .map(str::to_string),
                source,
                formula,
            }
        })
        .collect();
    if columns.iter().any(|c| c.formula) {
        let letters: Vec<&str> = columns
            .iter()
            .filter(|c| c.formula)
            .map(|c| c.letter.as_str())
            .collect();
        notes.push(format!(
            "{} 列是表中原有的公式，保持不动，打开时自动计算。",
            letters.join("、")
        ));
    }
    let end = area.footer.unwrap_or(u32::MAX);
    let body = || {
        sheet
            .rows
            .iter()
            .filter(move |r| r.index >= area.first && r.index < end)
    };
    // The identifying columns the county filled in, most exact first.
    let key_cols: Vec<(u32, &str)> = key_columns(kind, &columns)
        .into_iter()
        .filter(|(c, _)| body().any(|r| !r.get(*c).is_empty()))
        .collect();
    let listed_rows = body()
        .filter(|r| key_cols.iter().any(|(c, _)| !r.get(*c).is_empty()))
        .count() as u32;
    if let Some((_, by)) = key_cols.first() {
        notes.push(format!(
            "表中已列出 {listed_rows} 个{}，将按{by}逐行对应填写，不新增行。",
            if kind == RowKind::People {
                "人"
            } else {
                "社区"
            },
        ));
    }
    let keeps_formatting = form.book.format == Format::Xlsx;
    if !keeps_formatting {
        notes.push("原表不是 .xlsx 格式，程序不能在原表上修改：将另存为新的 .xlsx，表头文字和合并单元格照原表，字体、边框和列宽按程序的样式。如需保留原表格式，请先在 Excel 中把它另存为 .xlsx 再填。".into());
    }
    Ok(FormInspection {
        file_name: form.book.file_name().to_string(),
        sheets: form.book.sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: sheet.name.clone(),
        kind,
        header_row: found.header_row + 1,
        header_rows: found.header_rows,
        first_data_row: found.data_start + 1,
        sources: sources::keys_and_labels(kind)
            .into_iter()
            .map(|(k, l)| FillSource {
                key: k.to_string(),
                label: l.to_string(),
            })
            .collect(),
        footer_row: area.footer.map(|f| f + 1),
        space_rows: area.footer.map(|f| f.saturating_sub(area.first)),
        listed_rows,
        keeps_formatting,
        remembered: remembered.is_some() && chosen.is_none(),
        columns,
        notes,
    })
}

/// The columns that identify a listed row, with what they are called: ID number and name
/// (people), community.
fn key_columns(kind: RowKind, columns: &[FormColumn]) -> Vec<(u32, &'static str)> {
    let keys: &[(&str, &'static str)] = match kind {
        RowKind::People => &[("p.id", "身份证号"), ("p.name", "姓名")],
        RowKind::Communities => &[("c.name", "社区名称")],
    };
    keys.iter()
        .filter_map(|(k, label)| {
            columns
                .iter()
                .find(|c| c.source.as_deref() == Some(*k))
                .map(|c| (c.index, *label))
        })
        .collect()
}

fn check_options(options: &FillOptions, today: NaiveDate) -> Result<NaiveDate> {
    Ok(dates::optional(
        "asOf",
        "统计截止日期",
        Some(options.as_of.as_str()).filter(|s| !s.trim().is_empty()),
    )?
    .unwrap_or(today))
}

/// Everything the rows are made from.
struct Ledger {
    as_of: NaiveDate,
    records: Vec<WorkerRecord>,
    extras: Extras,
    salaries: HashMap<i64, grades::WorkerSalary>,
    staffing: staffing::Staffing,
    teams: HashMap<i64, team::Team>,
    street: team::Team,
}

fn load(
    conn: &Connection,
    options: &FillOptions,
    today: NaiveDate,
    kind: RowKind,
) -> Result<(Ledger, Vec<usize>)> {
    let mut as_of = check_options(options, today)?;
    let wanted = community_ids(conn, &options.communities)?;
    let (records, chosen): (Vec<WorkerRecord>, Vec<usize>) = match (&options.roster, kind) {
        (Some(q), RowKind::People) => {
            let mut q = q.clone();
            if q.as_of.is_none() {
                q.as_of = Some(dates::text(as_of));
            }
            let (d, ids) = workers::roster_ids(conn, &q, today)?;
            as_of = d;
            let recs = workers::records(conn, &ids, as_of)?;
            let n = recs.len();
            (recs, (0..n).collect())
        }
        _ => {
            let recs = workers::all_records(conn, as_of)?;
            let mut people: Vec<&WorkerRecord> = recs
                .iter()
                .filter(|r| in_post(r))
                .filter(|r| {
                    wanted
                        .as_ref()
                        .is_none_or(|w| w.contains(&r.worker.input.community_id))
                })
                .collect();
            official_order(&mut people);
            let index: HashMap<i64, usize> = recs
                .iter()
                .enumerate()
                .map(|(i, r)| (r.worker.id, i))
                .collect();
            let chosen = people.iter().map(|p| index[&p.worker.id]).collect();
            (recs, chosen)
        }
    };
    let extras = Extras::load(conn, as_of)?;
    let ids: Vec<i64> = chosen.iter().map(|&i| records[i].worker.id).collect();
    let salaries = if kind == RowKind::People {
        grades::salaries_on(conn, &ids, as_of)?
    } else {
        HashMap::new()
    };
    let mut staffing = staffing::staffing(conn, as_of)?;
    if let Some(w) = &wanted {
        staffing
            .communities
            .retain(|c| c.community_id.is_some_and(|id| w.contains(&id)));
    }
    let (teams, street) = if kind == RowKind::Communities {
        let all = if options.roster.is_some() {
            workers::all_records(conn, as_of)?
        } else {
            Vec::new()
        };
        team::teams(
            if options.roster.is_some() {
                &all
            } else {
                &records
            },
            &extras,
        )
    } else {
        (HashMap::new(), team::Team::default())
    };
    Ok((
        Ledger {
            as_of,
            records,
            extras,
            salaries,
            staffing,
            teams,
            street,
        },
        chosen,
    ))
}

fn community_ids(conn: &Connection, names: &[String]) -> Result<Option<HashSet<i64>>> {
    let names: Vec<&str> = names
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    let all = crate::communities::list(conn)?;
    let mut out = HashSet::new();
    for n in names {
        let c = crate::import::header::ledger_community(n, &all).ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
            CoreError::validation(
                "communities",
                format!(
                    "台账中没有“{n}”社区。台账中的社区有：{}。",
                    known.join("、")
                ),
            )
        })?;
        out.insert(c.id);
    }
    Ok(Some(out))
}

/// One row's values, by column.
fn row_values(
    ledger: &Ledger,
    columns: &[FormColumn],
    kind: RowKind,
    item: Item,
    mask: bool,
) -> BTreeMap<u32, Cell> {
    let mut out = BTreeMap::new();
    match (kind, item) {
        (RowKind::People, Item::Person(seq, i)) => {
            let record = &ledger.records[i];
            let p = Person {
                index: seq,
                record,
                extras: &ledger.extras,
                salary: ledger.salaries.get(&record.worker.id),
                mask,
            };
            for c in columns {
                if let Some(s) = c.source.as_deref().and_then(sources::person) {
                    out.insert(c.index, (s.value)(&p));
                }
            }
        }
        (RowKind::Communities, Item::Community(seq, row)) => {
            let empty = team::Team::default();
            let (staffing, team) = match row {
                Some(r) => {
                    let s = &ledger.staffing.communities[r];
                    (
                        s,
                        s.community_id
                            .and_then(|id| ledger.teams.get(&id))
                            .unwrap_or(&empty),
                    )
                }
                None => (&ledger.staffing.total, &ledger.street),
            };
            let c = CommunityRow {
                index: row.map(|_| seq),
                staffing,
                team,
            };
            for col in columns {
                if let Some(s) = col.source.as_deref().and_then(sources::community) {
                    out.insert(col.index, (s.value)(&c));
                }
            }
        }
        _ => {}
    }
    out.retain(|_, v| !matches!(v, Cell::Blank));
    out
}

#[derive(Debug, Clone, Copy)]
enum Item {
    /// Sequence number and index into the ledger's records.
    Person(usize, usize),
    /// Sequence number and index into the staffing rows (None: the street).
    Community(usize, Option<usize>),
}

/// Where each chosen person or community goes.
struct Placement {
    /// Final 0-based row -> item.
    rows: Vec<(u32, Item)>,
    insertion: Option<Insertion>,
    not_in_ledger: Vec<String>,
    not_in_form: u32,
}

fn items(ledger: &Ledger, chosen: &[usize], kind: RowKind) -> Vec<Item> {
    match kind {
        RowKind::People => chosen
            .iter()
            .enumerate()
            .map(|(s, &i)| Item::Person(s, i))
            .collect(),
        RowKind::Communities => (0..ledger.staffing.communities.len())
            .map(|i| Item::Community(i, Some(i)))
            .collect(),
    }
}

fn place(
    form: &Form,
    area: &Area,
    inspection: &FormInspection,
    ledger: &Ledger,
    chosen: &[usize],
) -> Placement {
    let kind = inspection.kind;
    let all = items(ledger, chosen, kind);
    let end = area.footer.unwrap_or(u32::MAX);
    if inspection.listed_rows > 0 {
        return place_listed(form, area, inspection, ledger, &all, end);
    }
    let n = all.len() as u32;
    let insertion = match area.footer {
        Some(f) if n > f - area.first => Some(Insertion {
            at: f + 1,
            count: n - (f - area.first),
            data_first: area.first + 1,
        }),
        _ => None,
    };
    let mut rows: Vec<(u32, Item)> = all
        .into_iter()
        .enumerate()
        .map(|(i, it)| (area.first + i as u32, it))
        .collect();
    if kind == RowKind::Communities && area.footer_is_totals {
        if let Some(f) = area.footer {
            let moved = insertion.map_or(f, |i| i.row(f + 1) - 1);
            rows.push((moved, Item::Community(0, None)));
        }
    }
    Placement {
        rows,
        insertion,
        not_in_ledger: Vec::new(),
        not_in_form: 0,
    }
}

fn place_listed(
    form: &Form,
    area: &Area,
    inspection: &FormInspection,
    ledger: &Ledger,
    all: &[Item],
    end: u32,
) -> Placement {
    let sheet = form.sheet();
    let cols = &inspection.columns;
    let col_of = |k: &str| {
        cols.iter()
            .find(|c| c.source.as_deref() == Some(k))
            .map(|c| c.index)
    };
    let mut used: HashSet<usize> = HashSet::new();
    let mut rows = Vec::new();
    let mut not_in_ledger = Vec::new();
    let label = |it: &Item| -> (String, String, String) {
        match it {
            Item::Person(_, i) => {
                let w = &ledger.records[*i].worker;
                (
                    key(&w.input.id_number).to_uppercase(),
                    key(&w.input.name),
                    community_stem(&w.community_name),
                )
            }
            Item::Community(_, Some(r)) => (
                String::new(),
                community_stem(&ledger.staffing.communities[*r].name),
                String::new(),
            ),
            Item::Community(_, None) => Default::default(),
        }
    };
    let keys: Vec<(String, String, String)> = all.iter().map(label).collect();
    for row in sheet
        .rows
        .iter()
        .filter(|r| r.index >= area.first && r.index < end)
    {
        let text = |k: &str| col_of(k).map(|c| display(row.get(c))).unwrap_or_default();
        let (id, name, community) = match inspection.kind {
            RowKind::People => (
                key(&text("p.id")).to_uppercase(),
                key(&text("p.name")),
                community_stem(&text("p.community")),
            ),
            RowKind::Communities => (
                String::new(),
                community_stem(&text("c.name")),
                String::new(),
            ),
        };
        if id.is_empty() && name.is_empty() {
            continue;
        }
        let by_id = !id.is_empty() && !id.contains('*');
        let fits: Vec<usize> = (0..all.len())
            .filter(|i| !used.contains(i))
            .filter(|&i| {
                let (kid, kname, kcomm) = &keys[i];
                if by_id {
                    *kid == id
                } else {
                    *kname == name && (community.is_empty() || *kcomm == community)
                }
            })
            .collect();
        let shown = if name.is_empty() {
            id.clone()
        } else {
            display(
                row.get(
                    col_of(if inspection.kind == RowKind::People {
                        "p.name"
                    } else {
                        "c.name"
                    })
                    .unwrap_or(0),
                ),
            )
        };
        match fits.as_slice() {
            [one] => {
                used.insert(*one);
                rows.push((row.index, all[*one]));
            }
            [] => not_in_ledger.push(format!("第 {} 行 {}：台账中没有", row.index + 1, shown)),
            _ => not_in_ledger.push(format!(
                "第 {} 行 {}：台账中有 {} 人同名，请在表中填上身份证号或社区后再填",
                row.index + 1,
                shown,
                fits.len()
            )),
        }
    }
    if inspection.kind == RowKind::Communities && area.footer_is_totals {
        if let Some(f) = area.footer {
            rows.push((f, Item::Community(0, None)));
        }
    }
    Placement {
        not_in_form: (all.len() - used.len()) as u32,
        rows,
        insertion: None,
        not_in_ledger,
    }
}

/// Columns whose values a listed row keeps where the county filled them in.
fn kept_in_listed(key: &str) -> bool {
    matches!(key, "p.name" | "p.id" | "p.seq" | "c.name" | "c.seq")
}

struct Plan {
    inspection: FormInspection,
    area: Area,
    ledger: Ledger,
    placement: Placement,
    writes: BTreeMap<u32, BTreeMap<u32, Cell>>,
}

fn plan(conn: &Connection, form: &Form, options: &FillOptions, today: NaiveDate) -> Result<Plan> {
    let inspection = inspect_with(conn, form, options.kind, options.columns.as_deref())?;
    if inspection.columns.iter().all(|c| c.source.is_none()) {
        return Err(CoreError::validation(
            "columns",
            "没有一列选了台账中的内容，表格不会有任何变化。请至少为一列选择要填的内容。",
        ));
    }
    let area = area(form)?;
    let (ledger, chosen) = load(conn, options, today, inspection.kind)?;
    let placement = place(form, &area, &inspection, &ledger, &chosen);
    let mask = !options.full_id_numbers;
    let listed = inspection.listed_rows > 0;
    let mut writes = BTreeMap::new();
    for (row, item) in &placement.rows {
        let mut values = row_values(&ledger, &inspection.columns, inspection.kind, *item, mask);
        if listed || matches!(item, Item::Community(_, None)) {
            // The county's own names, ID numbers and numbering stay as it wrote them.
            let existing = header_row_at(form.sheet(), *row);
            values.retain(|col, _| {
                let kept = inspection.columns[*col as usize]
                    .source
                    .as_deref()
                    .is_some_and(kept_in_listed);
                !kept || existing.is_none_or(|r| r.get(*col).is_empty())
            });
        }
        if !values.is_empty() {
            writes.insert(*row, values);
        }
    }
    Ok(Plan {
        inspection,
        area,
        ledger,
        placement,
        writes,
    })
}

/// A cell as the preview shows it.
fn shown(v: &Cell, month: bool) -> String {
    match v {
        Cell::Blank => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(n) => {
            let s = format!("{n:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Cell::Date(d) if month => d.format("%Y.%m").to_string(),
        Cell::Date(d) => dates::text(*d),
    }
}

fn month_cols(columns: &[FormColumn]) -> HashSet<u32> {
    columns
        .iter()
        .filter(|c| sources::month_only(&c.header))
        .map(|c| c.index)
        .collect()
}

/// The first rows as they will be filled.
pub fn preview(
    conn: &Connection,
    form: &Form,
    options: &FillOptions,
    today: NaiveDate,
) -> Result<FillPreview> {
    let p = plan(conn, form, options, today)?;
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
        total_rows: p
            .placement
            .rows
            .iter()
            .filter(|(_, it)| !matches!(it, Item::Community(_, None)))
            .count() as u32,
        rows,
        inspection: p.inspection,
        notes,
    })
}

fn placement_notes(p: &Plan) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(i) = p.placement.insertion {
        notes.push(format!(
            "表中留的空行不够：将在表尾（第 {} 行）上方插入 {} 行，表尾的公式和打印区域随之调整。",
            i.at, i.count
        ));
    }
    if !p.placement.not_in_ledger.is_empty() {
        notes.push(format!(
            "表中列出的 {} 行在台账中找不到对应，保持原样：{}。",
            p.placement.not_in_ledger.len(),
            p.placement
                .not_in_ledger
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("；")
        ));
    }
    if p.placement.not_in_form > 0 {
        notes.push(format!(
            "所选范围中有 {} 个{}不在表中列出的行里，没有新增。",
            p.placement.not_in_form,
            if p.inspection.kind == RowKind::People {
                "人"
            } else {
                "社区"
            }
        ));
    }
    notes
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
    let p = plan(conn, form, options, today)?;
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
            p.area_rows(),
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
    let mut notes = placement_notes(&p);
    notes.retain(|n| !n.starts_with("所选范围") || p.placement.not_in_form > 0);
    Ok(FillResult {
        path: out.display().to_string(),
        sheet: sheet.name.clone(),
        kind: p.inspection.kind,
        as_of: dates::text(p.ledger.as_of),
        rows: p
            .placement
            .rows
            .iter()
            .filter(|(_, it)| !matches!(it, Item::Community(_, None)))
            .count() as u32,
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

impl Plan {
    /// The data area's first row and its footer, for the rebuilt copy of an xls.
    fn area_rows(&self) -> (u32, Option<u32>) {
        (self.area.first, self.area.footer)
    }
}
