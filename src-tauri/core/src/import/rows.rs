//! Stage 2 of the preview: which rows are people.
//!
//! In: the settled sheets and the clerk's options.
//! Out: every data row read ([`Parsed`], through `cells::parse_row`), and the rows left out
//! with their reason ([`SkippedRow`]: hidden, totals and footers, repeated headers, group
//! titles). The same ID number twice in the file rejects each of those rows.

use super::cells::{parse_row, Context, Parsed};
use super::header;
use super::read::{Cell, Row};
use super::sheets::SheetWork;
use super::values::{display, key};
use super::{ImportField, ImportOptions, SkippedRow};
use std::collections::HashMap;

use ImportField::*;

const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "共计", "总人数"];
const FOOTER_WORDS: &[&str] = &[
    "填表人",
    "制表人",
    "审核人",
    "填报人",
    "负责人",
    "制表日期",
    "填表日期",
    "填报日期",
    "单位盖章",
    "注:",
    "说明:",
];

/// Reads the data rows of every sheet, leaving out (with the reason) the rows that are not
/// people. Rows whose mapped cells are all empty are passed over without a word.
pub(super) fn read_rows(
    ctx: &Context,
    works: &[SheetWork],
    options: &ImportOptions,
) -> (Vec<Parsed>, Vec<SkippedRow>) {
    let mut parsed = Vec::new();
    let mut skipped = Vec::new();
    for (i, work) in works.iter().enumerate() {
        let width = work.layout.headers.len();
        for row in work.body() {
            let mapped_empty = (0..width as u32)
                .filter(|c| work.fields.get(*c as usize).copied().flatten().is_some())
                .all(|c| row.get(c).is_empty());
            if mapped_empty {
                continue;
            }
            match not_data(row, work, options) {
                Some(reason) => skipped.push(SkippedRow {
                    sheet: work.sheet.name.clone(),
                    row: row.index + 1,
                    reason: reason.to_string(),
                }),
                None => parsed.push(parse_row(ctx, work, i, row, width)),
            }
        }
    }
    reject_duplicates(&mut parsed, works);
    (parsed, skipped)
}

/// Why a row is left out, or None for a row of data.
fn not_data(row: &Row, work: &SheetWork, options: &ImportOptions) -> Option<&'static str> {
    if !options.include_hidden_rows && work.sheet.hidden_rows.contains(&row.index) {
        return Some(
            "在 Excel 中被隐藏（或被筛选掉），未导入。如需导入隐藏行，请选择“导入隐藏行”。",
        );
    }
    if let Some(reason) = trailer(row, work) {
        return Some(reason);
    }
    if is_repeated_header(row, work) {
        return Some("重复的表头行，未导入。");
    }
    if is_group_title(row, work) {
        return Some("只有一格内容（如分组标题），不是人员，未导入。");
    }
    None
}

/// Why a row is not data (合计, 填表人 …), or None for a data row.
fn trailer(row: &Row, work: &SheetWork) -> Option<&'static str> {
    let id_like = work
        .column(IdNumber)
        .map(|c| row.get(c))
        .is_some_and(|c| match c {
            Cell::Text(t) => key(t).chars().filter(char::is_ascii_digit).count() >= 15,
            Cell::Number(f) => *f >= 1e14,
            _ => false,
        });
    if id_like {
        return None;
    }
    let texts: Vec<String> = row
        .cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) => Some(key(t)),
            _ => None,
        })
        .collect();
    let starts_with_any =
        |words: &[&str]| texts.iter().any(|t| words.iter().any(|w| t.starts_with(w)));
    if starts_with_any(TOTAL_WORDS) {
        return Some("合计行，不是人员，未导入。");
    }
    if starts_with_any(FOOTER_WORDS) {
        return Some("表尾（填表人、日期或说明），不是人员，未导入。");
    }
    None
}

fn is_repeated_header(row: &Row, work: &SheetWork) -> bool {
    let mapped: Vec<u32> = (0..work.fields.len() as u32)
        .filter(|c| work.fields[*c as usize].is_some())
        .collect();
    !mapped.is_empty()
        && mapped.iter().all(|c| {
            let h = &work.layout.headers[*c as usize];
            let v = display(row.get(*c));
            v.is_empty() || header::normalize_header(&v) == header::normalize_header(h)
        })
        && mapped.iter().any(|c| !row.get(*c).is_empty())
}

/// A row with one filled cell, outside the name and ID columns (一、和平社区): a group title.
fn is_group_title(row: &Row, work: &SheetWork) -> bool {
    let filled: Vec<u32> = (0..row.cells.len() as u32)
        .filter(|c| !row.get(*c).is_empty())
        .collect();
    let key_cols = [work.column(Name), work.column(IdNumber)];
    let [only] = filled[..] else {
        return false;
    };
    let title_like = match row.get(only) {
        Cell::Text(t) => !key(t).chars().all(|c| c.is_ascii_digit() || c == '-'),
        _ => false,
    };
    title_like && !key_cols.contains(&Some(only))
}

/// The same person twice in the file(s): both rows are rejected, each naming the other.
fn reject_duplicates(parsed: &mut [Parsed], works: &[SheetWork]) {
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in parsed.iter().enumerate() {
        if let Some(id) = &p.values.id {
            by_id.entry(id.value.clone()).or_default().push(i);
        }
    }
    for rows in by_id.values().filter(|r| r.len() > 1) {
        for &i in rows {
            let others: Vec<String> = rows
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| parsed[j].location())
                .collect();
            let msg = format!(
                "身份证号与{}重复：同一人在文件中只能出现一次。请删除重复的行，或核对号码后再导入。",
                others.join("、")
            );
            let issue = works[parsed[i].sheet].issue(IdNumber, msg);
            parsed[i].errors.push(issue);
        }
    }
}
