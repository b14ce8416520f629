//! The preview: what an import would do, row by row. Nothing is written here.
//!
//! In: the workbook (read from its file by `read::open` without the ledger), the clerk's sheet
//! choices and options, a [`LedgerView`] (what the ledger holds, read in one short read), today.
//! Out: an [`ImportPlan`]. The stages, one file each:
//! 1. `sheets`: choose and settle the sheets (header, mapping, community of each);
//! 2. `rows` (with `cells`): read the data rows, leaving out totals, footers, repeated
//!    headers and group titles;
//! 3. `resolve`: match the file's community names to the ledger;
//! 4. `classify`: new, changed (old -> new), unchanged or rejected, by the form's rules.

use super::cells::Context;
use super::classify::{classify, Against, Ledger};
use super::read::{self, Book};
use super::resolve::resolve_communities;
use super::{header, rows, sheets, ImportField, ImportOptions, ImportPlan, PlanRow, SheetChoice};
use crate::communities::{self, Community};
use crate::error::Result;
use crate::workers::{self, Stored};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::HashMap;
use std::path::Path;

/// What an import compares a workbook with, read from the ledger at one moment: the mapping
/// remembered from earlier imports, the communities, and the people with the certificate
/// kinds they hold. Loading it is the only part of a preview that needs the ledger, so a
/// window can let the ledger go while the file is read and compared; the commit checks each
/// row against the ledger again.
pub struct LedgerView {
    pub(crate) memory: HashMap<String, Option<ImportField>>,
    pub(crate) communities: Vec<Community>,
    /// People by ID number.
    pub(crate) people: HashMap<String, Stored>,
    /// Certificate kinds each person holds.
    pub(crate) certificates: HashMap<i64, Vec<String>>,
}

impl LedgerView {
    pub fn load(conn: &Connection) -> Result<LedgerView> {
        Ok(LedgerView {
            memory: header::remembered(conn)?,
            communities: communities::list(conn)?,
            people: workers::all_stored(conn)?
                .into_iter()
                .map(|w| (w.input.id_number.clone(), w))
                .collect(),
            certificates: workers::held_kinds(conn)?,
        })
    }
}

/// Reads the workbook at `path` for an inspection or a preview: only the sheets named in
/// `only` (all when None). Needs no ledger; refuses files over the limits (see `limits`).
pub fn read_book(path: &Path, only: Option<&[String]>) -> Result<Book> {
    read::open(path, only)
}

/// Builds the preview of importing `sheets` of the file at `path` (all importable sheets when
/// `sheets` is empty, with the proposed mapping and community). Reads only. The same as
/// [`read_book`], [`LedgerView::load`] and [`preview_book`] in turn.
pub fn preview(
    conn: &Connection,
    path: &Path,
    sheets: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let book = read_book(path, chosen_names(sheets).as_deref())?;
    preview_book(&book, &LedgerView::load(conn)?, sheets, options, today)
}

/// The sheets a preview of `sheets` reads: those named, or all when none is.
pub fn chosen_names(sheets: &[SheetChoice]) -> Option<Vec<String>> {
    (!sheets.is_empty()).then(|| sheets.iter().map(|s| s.name.clone()).collect())
}

/// The preview of a workbook already read, against the ledger as `ledger` shows it.
pub fn preview_book(
    book: &Book,
    ledger: &LedgerView,
    choices: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let memory = &ledger.memory;
    let communities = &ledger.communities;
    let mut notes = book.notes();

    let chosen = sheets::choose(book, choices, memory, communities, &mut notes)?;
    let works = sheets::settle_all(chosen, memory)?;
    let ctx = Context::new(options)?;
    let changes_on = changes_on(options.changes_on.as_deref(), today)?;
    let (parsed, skipped) = rows::read_rows(&ctx, &works, options);
    let resolved = resolve_communities(&parsed, communities, options)?;
    let ledger = Ledger::of(ledger);
    let against = Against {
        works: &works,
        resolved: &resolved,
        ledger: &ledger,
        ctx: &ctx,
        options,
        today,
        changes_on,
    };
    let classified = classify(parsed, &against);

    let mut counts = classified.counts;
    counts.skipped = skipped.len();
    if classified.rows.is_empty() {
        notes.push("所选工作表的表头下面没有人员数据，没有可导入的行。".into());
    }
    missing_once(&classified.rows, &mut notes);
    if classified.any_existing {
        notes.push(
            "已在台账中的人员按身份证号对应：文件中空着的单元格不会清除台账中已有的内容。".into(),
        );
    }
    Ok(ImportPlan {
        file_name: book.file_name.clone(),
        sheets: works.iter().map(|w| w.plan()).collect(),
        counts,
        rows: classified.rows,
        skipped,
        communities: resolved.into_values().collect(),
        notes,
        mapping_to_remember: sheets::mapping_to_remember(&works),
        changes_on: crate::dates::text(changes_on),
    })
}

/// The 变动日期: a real date, not after today (a change cannot be recorded ahead of time).
pub(super) fn changes_on(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    let d = crate::dates::optional("changesOn", "变动日期", text)?.unwrap_or(today);
    if d > today {
        return Err(crate::error::CoreError::validation(
            "changesOn",
            "变动日期不能晚于今天：请填写花名册的截止日期或变动实际发生的日期。",
        ));
    }
    Ok(d)
}

/// A field the whole file lacks is said once for the file, with the way to fix it once, not
/// in every one of 500 rejected rows.
fn missing_once(rows: &[PlanRow], notes: &mut Vec<String>) {
    use ImportField::{Category, HiredOn};
    for (field, fix) in [
        (
            HiredOn,
            "文件中没有“入职时间”，也没有“参加社区工作时间”可以代替。请在导入时为整个文件指定入职时间（命令行 --hired 日期），或在文件中加上这一列。",
        ),
        (
            Category,
            "文件中没有“人员类别”，职务也不能确定类别。请在导入时为整个文件指定人员类别（命令行 --category 人员类别），或在文件中加上这一列。",
        ),
    ] {
        let lacking = rows
            .iter()
            .filter(|r| {
                r.errors
                    .iter()
                    .any(|e| e.field == Some(field) && e.message.starts_with("文件中没有"))
            })
            .count();
        if lacking > 0 {
            notes.push(format!("{lacking} 行因此未通过：{fix}"));
        }
    }
}
