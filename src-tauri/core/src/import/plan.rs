//! The preview: what an import would do, row by row. Nothing is written here.
//!
//! In: the workbook, the clerk's sheet choices and options, the ledger (read only), today.
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
use super::{header, rows, sheets, ImportOptions, ImportPlan, SheetChoice};
use crate::communities;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use std::path::Path;

/// Builds the preview of importing `sheets` of the file at `path` (all importable sheets when
/// `sheets` is empty, with the proposed mapping and community). Reads only.
pub fn preview(
    conn: &Connection,
    path: &Path,
    sheets: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let book = read::open(path, (!names.is_empty()).then_some(names.as_slice()))?;
    preview_book(conn, &book, sheets, options, today)
}

pub(crate) fn preview_book(
    conn: &Connection,
    book: &Book,
    choices: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let memory = header::remembered(conn)?;
    let communities = communities::list(conn)?;
    let mut notes = book.notes();

    let chosen = sheets::choose(book, choices, &memory, &communities, &mut notes)?;
    let works = sheets::settle_all(chosen, &memory)?;
    let ctx = Context::new(options)?;
    let changes_on = changes_on(options.changes_on.as_deref(), today)?;
    let (parsed, skipped) = rows::read_rows(&ctx, &works, options);
    let resolved = resolve_communities(&parsed, &communities, options)?;
    let ledger = Ledger::load(conn, &communities)?;
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
