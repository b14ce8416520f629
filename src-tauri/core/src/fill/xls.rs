//! A form that is not an xlsx (xls, xlsb, ods) cannot be edited in place: the filled copy is
//! a new xlsx with the form's rows above the data (title, header) and below it (合计, 填表人),
//! its merged cells, and the values, in the county workbook's plain bordered style.

use super::refs::{moved, Insertion};
use crate::error::Result;
use crate::import::header::Found;
use crate::import::read::{Cell as BookCell, Sheet};
use crate::reports::format::{self, looks_like_formula, Cell};
use crate::reports::save;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Whether the form has something in the cell that lands on (row, col) of the copy.
fn has_text(sheet: &Sheet, row: u32, col: u32, insertion: Option<Insertion>) -> bool {
    sheet
        .rows
        .iter()
        .any(|r| moved(insertion, r.index) == row && !r.get(col).is_empty())
}

pub(crate) fn write_new(
    sheet: &Sheet,
    found: &Found<&'static str>,
    first: u32,
    writes: &BTreeMap<u32, BTreeMap<u32, Cell>>,
    months: &HashSet<u32>,
    insertion: Option<Insertion>,
    out: &Path,
) -> Result<()> {
    let mut wb = format::new_workbook()?;
    let ws = wb.add_worksheet();
    ws.set_name(&sheet.name)?;
    let boxed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let header = boxed.clone().set_bold().set_align(FormatAlign::Center);
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let quoted = boxed.clone().set_quote_prefix();
    let header_first = found.header_row;
    let header_last = first.saturating_sub(1);

    // The form's own rows: above the data as they are, the footer and below moved down.
    let width = found.headers.len() as u32;
    for row in &sheet.rows {
        let written = writes.get(&moved(insertion, row.index));

        let r = moved(insertion, row.index);
        for (c, cell) in row.cells.iter().enumerate() {
            // A value written there replaces the form's own cell (kept: listed names, 合计).
            if written.is_some_and(|w| w.contains_key(&(c as u32))) {
                continue;
            }
            let fmt = if row.index < header_first {
                &title
            } else if row.index <= header_last {
                &header
            } else {
                &boxed
            };
            match cell {
                BookCell::Empty => {}
                BookCell::Text(t) => {
                    let f = if looks_like_formula(t) { &quoted } else { fmt };
                    ws.write_string_with_format(r, c as u16, t, f)?;
                }
                BookCell::Number(n) => {
                    ws.write_number_with_format(r, c as u16, *n, fmt)?;
                }
                BookCell::Date(Some(d)) => {
                    ws.write_string_with_format(r, c as u16, crate::dates::text(*d), fmt)?;
                }
                other => {
                    ws.write_string_with_format(
                        r,
                        c as u16,
                        crate::import::values::display(other),
                        fmt,
                    )?;
                }
            }
        }
    }
    for m in &sheet.merges {
        if m.first_row == m.last_row && m.first_col == m.last_col {
            continue;
        }
        let (r1, r2) = if m.first_row >= first {
            (moved(insertion, m.first_row), moved(insertion, m.last_row))
        } else {
            (m.first_row, m.last_row)
        };
        let text = sheet
            .rows
            .iter()
            .find(|r| r.index == m.first_row)
            .map(|r| crate::import::values::display(r.get(m.first_col)))
            .unwrap_or_default();
        let fmt = if m.first_row < header_first {
            &title
        } else {
            &header
        };
        ws.merge_range(r1, m.first_col as u16, r2, m.last_col as u16, &text, fmt)?;
    }
    // Every cell of the data area gets a border; the form's own text stays where nothing
    // is written.
    for (r, values) in writes {
        for c in 0..width {
            let col = c as u16;
            match values.get(&c) {
                None | Some(Cell::Blank) => {
                    if !has_text(sheet, *r, c, insertion) {
                        ws.write_blank(*r, col, &boxed)?;
                    }
                }
                Some(Cell::Text(t)) => {
                    let f = if looks_like_formula(t) {
                        &quoted
                    } else {
                        &boxed
                    };
                    ws.write_string_with_format(*r, col, t, f)?;
                }
                Some(Cell::Int(n)) => {
                    ws.write_number_with_format(*r, col, *n as f64, &boxed)?;
                }
                Some(Cell::Num(n)) => {
                    ws.write_number_with_format(*r, col, *n, &boxed)?;
                }
                Some(Cell::Date(d)) if months.contains(&c) => {
                    ws.write_string_with_format(*r, col, d.format("%Y.%m").to_string(), &boxed)?;
                }
                Some(Cell::Date(d)) => {
                    ws.write_string_with_format(*r, col, crate::dates::text(*d), &boxed)?;
                }
            }
        }
    }
    for (c, h) in found.headers.iter().enumerate() {
        let chars = h.chars().count().clamp(4, 20) as f64;
        ws.set_column_width(c as u16, chars * 2.0 + 2.0)?;
    }
    save::save_atomic(&mut wb, out)
}
