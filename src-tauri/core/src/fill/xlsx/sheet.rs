//! The edited sheet, streamed: rows moved for inserted rows, values written into cells
//! (keeping their styles), new rows made like the template row, formulas moved and their
//! cached results dropped.

use super::*;

/// Text without the control characters XML cannot hold (a 备注 pasted from Word may carry
/// a vertical tab); tabs and line breaks stay.
pub(super) fn xml_chars(t: &str) -> std::borrow::Cow<'_, str> {
    if t.chars()
        .any(|c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    {
        t.chars()
            .filter(|c| *c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
            .collect::<String>()
            .into()
    } else {
        t.into()
    }
}

/// Days since Excel's epoch, as a cell formatted as a date stores them.
pub(super) fn serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days()
}

pub(super) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Writes a cell element for a value.
pub(super) struct CellWriter<'a> {
    pub(super) info: &'a SheetXml,
    pub(super) month_cols: &'a HashSet<u32>,
    /// Base style -> its quote-prefixed twin, for text Excel could take for a formula.
    pub(super) quoted: &'a HashMap<Option<u32>, u32>,
}

impl CellWriter<'_> {
    fn write(&self, out: &mut Vec<u8>, row: u32, col: u32, style: Option<u32>, v: &Cell) {
        let r = cell_ref(row, col);
        let s = |st: Option<u32>| st.map(|s| format!(" s=\"{s}\"")).unwrap_or_default();
        let text = |out: &mut Vec<u8>, t: &str| {
            let st = if looks_like_formula(t) {
                self.quoted.get(&style).copied().or(style)
            } else {
                style
            };
            let _ = write!(
                out,
                "<c r=\"{r}\"{} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                s(st),
                quick_xml::escape::escape(xml_chars(t).as_ref())
            );
        };
        match v {
            Cell::Blank => {}
            Cell::Text(t) => text(out, t),
            Cell::Int(n) => {
                let _ = write!(out, "<c r=\"{r}\"{}><v>{n}</v></c>", s(style));
            }
            Cell::Num(n) => {
                let _ = write!(out, "<c r=\"{r}\"{}><v>{}</v></c>", s(style), number(*n));
            }
            Cell::Date(d) => {
                if style.is_some_and(|st| self.info.date_styles.contains(&st)) {
                    let _ = write!(out, "<c r=\"{r}\"{}><v>{}</v></c>", s(style), serial(*d));
                } else if self.month_cols.contains(&col) {
                    text(out, &d.format("%Y.%m").to_string());
                } else {
                    text(out, &crate::dates::text(*d));
                }
            }
        }
    }
}

/// Styles whose quote-prefixed twin is needed.
pub(super) fn quoted_styles_needed(edit: &Edit, info: &SheetXml) -> BTreeSet<Option<u32>> {
    let mut out = BTreeSet::new();
    for (row, cols) in &edit.writes {
        for (col, v) in cols {
            if let Cell::Text(t) = v {
                if looks_like_formula(t) {
                    out.insert(style_for(edit, info, *row, *col));
                }
            }
        }
    }
    out
}

/// The original row a final row was (None for a row put in).
pub(super) fn original_row(edit: &Edit, row: u32) -> Option<u32> {
    match edit.insertion {
        Some(ins) => {
            let r1 = row + 1;
            if r1 < ins.at {
                Some(row)
            } else if r1 < ins.at + ins.count {
                None
            } else {
                Some(row - ins.count)
            }
        }
        None => Some(row),
    }
}

/// The style a written cell takes: the original cell's, or for a row that is new (or has
/// no such cell) the template row's, the row's or the column's.
pub(super) fn style_for(edit: &Edit, info: &SheetXml, row: u32, col: u32) -> Option<u32> {
    let own = original_row(edit, row).and_then(|r| {
        info.rows
            .get(&r)
            .filter(|x| !x.cells.is_empty() || x.style.is_some())
            .map(|_| info.style_at(r, col))
    });
    match own {
        Some(s) => s,
        None => edit
            .template_row
            .and_then(|t| info.style_at(t, col))
            .or_else(|| info.col_style(col)),
    }
}

/// One cell of a row as read: its column and its events.
pub(super) struct RawCell {
    pub(super) col: u32,
    pub(super) events: Vec<Event<'static>>,
}

pub(super) fn edit_sheet(
    xml: &[u8],
    info: &SheetXml,
    edit: &Edit,
    cw: &CellWriter,
) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + edit.writes.len() * 200);
    let mut reader = Reader::from_reader(xml);
    let ins = edit.insertion;
    let mut pending = edit.writes.keys().copied().collect::<BTreeSet<u32>>();

    // The last row and column of the result, for <dimension>.
    let last_row = info
        .rows
        .keys()
        .map(|r| moved(ins, *r))
        .chain(edit.writes.keys().copied())
        .max()
        .unwrap_or(0);
    let last_col = info
        .rows
        .values()
        .flat_map(|r| r.cells.keys().copied())
        .chain(edit.writes.values().flat_map(|c| c.keys().copied()))
        .max()
        .unwrap_or(0);

    let mut row_start: Option<BytesStart<'static>> = None;
    let mut row_index = 0u32;
    let mut last_seen_row = 0u32;
    let mut cells: Vec<RawCell> = Vec::new();
    let mut current: Option<RawCell> = None;
    let mut next_col = 0u32;
    loop {
        let ev = reader.read_event()?.into_owned();
        // Inside a cell: collect its events.
        if let Some(c) = current.as_mut() {
            let end = matches!(&ev, Event::End(e) if e.local_name().as_ref() == "c");
            c.events.push(ev);
            if end {
                cells.extend(current.take());
            }
            continue;
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) if e.local_name().as_ref() == "row" => {
                let r = attr(e, "r")
                    .and_then(|v| v.parse::<u32>().ok())
                    .unwrap_or(last_seen_row + 1);
                last_seen_row = r;
                row_index = r.saturating_sub(1);
                next_col = 0;
                cells.clear();
                let empty = matches!(ev, Event::Empty(_));
                row_start = Some(e.clone().into_owned());
                if empty {
                    let start = row_start.take();
                    flush_row(
                        &mut out,
                        start,
                        row_index,
                        &[],
                        info,
                        edit,
                        cw,
                        &mut pending,
                    )?;
                }
            }
            Event::End(ref e) if e.local_name().as_ref() == "row" => {
                let start = row_start.take();
                flush_row(
                    &mut out,
                    start,
                    row_index,
                    &cells,
                    info,
                    edit,
                    cw,
                    &mut pending,
                )?;
                cells.clear();
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if e.local_name().as_ref() == "c" && row_start.is_some() =>
            {
                let col = attr(e, "r")
                    .and_then(|r| parse_cell(&r))
                    .map_or(next_col, |(_, c)| c);
                next_col = col + 1;
                let raw = RawCell {
                    col,
                    events: vec![ev.clone()],
                };
                if matches!(ev, Event::Empty(_)) {
                    cells.push(raw);
                } else {
                    current = Some(raw);
                }
            }
            Event::Empty(ref e) if e.local_name().as_ref() == "sheetData" => {
                let mut w = Writer::new(&mut out);
                put(&mut w, Event::Start(e.clone()))?;
                flush_pending(&mut out, u32::MAX, info, edit, cw, &mut pending);
                let mut w = Writer::new(&mut out);
                put(&mut w, Event::End(e.to_end().into_owned()))?;
            }
            Event::End(ref e) if e.local_name().as_ref() == "sheetData" => {
                flush_pending(&mut out, u32::MAX, info, edit, cw, &mut pending);
                let mut w = Writer::new(&mut out);
                put(&mut w, ev.clone())?;
            }
            Event::Start(ref e) | Event::Empty(ref e) => {
                let changed = match e.local_name().as_ref() {
                    "dimension" => Some(with_attr(
                        e,
                        "ref",
                        Some(&format!("A1:{}", cell_ref(last_row, last_col))),
                    )),
                    name => ins.and_then(|i| shift_element(e, name, &i)),
                };
                let mut w = Writer::new(&mut out);
                match (changed, &ev) {
                    (Some(c), Event::Start(_)) => put(&mut w, Event::Start(c))?,
                    (Some(c), _) => put(&mut w, Event::Empty(c))?,
                    (None, _) => put(&mut w, ev.clone())?,
                }
            }
            Event::Eof => break,
            other => {
                let mut w = Writer::new(&mut out);
                put(&mut w, other)?;
            }
        }
    }
    Ok(out)
}

/// Range attributes of sheet elements that move with inserted rows.
pub(super) fn shift_element(
    e: &BytesStart,
    name: &str,
    ins: &Insertion,
) -> Option<BytesStart<'static>> {
    let (key, grow) = match name {
        "mergeCell" => ("ref", false),
        "hyperlink" => ("ref", false),
        "autoFilter" => ("ref", true),
        "conditionalFormatting" | "dataValidation" => ("sqref", true),
        "brk" => {
            let id: u32 = attr(e, "id")?.parse().ok()?;
            return Some(with_attr(e, "id", Some(&ins.row(id).to_string())));
        }
        _ => return None,
    };
    let v = attr(e, key)?;
    Some(with_attr(e, key, Some(&shift_sqref(&v, ins, grow))))
}

/// Writes the rows that only the edit has (new rows), up to (not including) `before`.
pub(super) fn flush_pending(
    out: &mut Vec<u8>,
    before: u32,
    info: &SheetXml,
    edit: &Edit,
    cw: &CellWriter,
    pending: &mut BTreeSet<u32>,
) {
    let rows: Vec<u32> = pending.range(..before).copied().collect();
    for r in rows {
        pending.remove(&r);
        let Some(values) = edit.writes.get(&r) else {
            continue;
        };
        let _ = write!(out, "<row r=\"{}\"", r + 1);
        // A new row looks like the template row: its style and its height.
        if let Some(t) = edit.template_row.and_then(|t| info.rows.get(&t)) {
            if let Some(s) = t.style {
                let _ = write!(out, " s=\"{s}\" customFormat=\"1\"");
            }
            if let Some(h) = t.height {
                let _ = write!(out, " ht=\"{h}\" customHeight=\"1\"");
            }
        }
        out.push(b'>');
        // Every cell the template row has, so borders run on where nothing is written.
        let template: Vec<u32> = edit
            .template_row
            .and_then(|t| info.rows.get(&t))
            .map(|t| t.cells.keys().copied().collect())
            .unwrap_or_default();
        let cols: BTreeSet<u32> = values.keys().copied().chain(template).collect();
        for col in cols {
            let style = style_for(edit, info, r, col);
            match values.get(&col) {
                Some(v) if !matches!(v, Cell::Blank) => cw.write(out, r, col, style, v),
                _ => {
                    if let Some(st) = style {
                        let _ = write!(out, "<c r=\"{}\" s=\"{st}\"/>", cell_ref(r, col));
                    }
                }
            }
        }
        out.extend_from_slice(b"</row>");
    }
}

/// Writes one row of the original sheet, moved and with the edit's values in it.
#[allow(clippy::too_many_arguments)]
pub(super) fn flush_row(
    out: &mut Vec<u8>,
    start: Option<BytesStart<'static>>,
    orig: u32,
    cells: &[RawCell],
    info: &SheetXml,
    edit: &Edit,
    cw: &CellWriter,
    pending: &mut BTreeSet<u32>,
) -> XmlResult<()> {
    let Some(start) = start else {
        return Ok(());
    };
    let ins = edit.insertion;
    let row = moved(ins, orig);
    flush_pending(out, row, info, edit, cw, pending);
    pending.remove(&row);
    let values = edit.writes.get(&row);
    let mut start = with_attr(&start, "r", Some(&(row + 1).to_string()));
    if values.is_some() {
        // spans is a hint of the row's columns; new cells may fall outside it.
        start = with_attr(&start, "spans", None);
    }
    {
        let mut w = Writer::new(&mut *out);
        put(&mut w, Event::Start(start.borrow()))?;
    }
    let mut written: HashSet<u32> = HashSet::new();
    let mut new_cols = values
        .map(|v| {
            v.iter()
                .filter(|(c, _)| !cells.iter().any(|x| x.col == **c))
                .map(|(c, v)| (*c, v))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .peekable();
    for cell in cells {
        while let Some((c, v)) = new_cols.next_if(|(c, _)| *c < cell.col) {
            cw.write(out, row, c, style_for(edit, info, row, c), v);
            written.insert(c);
        }
        let has_formula = info.has_formula(orig, cell.col);
        match values.and_then(|v| v.get(&cell.col)) {
            Some(v) if !has_formula && !matches!(v, Cell::Blank) => {
                cw.write(out, row, cell.col, info.style_at(orig, cell.col), v);
            }
            _ => copy_cell(out, cell, row, has_formula, edit)?,
        }
    }
    for (c, v) in new_cols {
        cw.write(out, row, c, style_for(edit, info, row, c), v);
    }
    out.extend_from_slice(b"</row>");
    Ok(())
}

/// Copies a cell of the original sheet to its (moved) place: references in its formula
/// move with inserted rows, and a formula's cached result is dropped so that it is
/// recalculated with the filled values.
pub(super) fn copy_cell(
    out: &mut Vec<u8>,
    cell: &RawCell,
    row: u32,
    has_formula: bool,
    edit: &Edit,
) -> XmlResult<()> {
    let mut w = Writer::new(&mut *out);
    let mut in_f = false;
    let mut in_v = false;
    let mut f_raw = String::new();
    for ev in &cell.events {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let mut c = with_attr(e, "r", Some(&cell_ref(row, cell.col)));
                if has_formula {
                    c = with_attr(&c, "t", None);
                }
                if matches!(ev, Event::Start(_)) {
                    put(&mut w, Event::Start(c))?;
                } else {
                    put(&mut w, Event::Empty(c))?;
                }
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "f" => {
                let moved = match (edit.insertion, attr(e, "ref")) {
                    (Some(i), Some(r)) => with_attr(e, "ref", Some(&shift_sqref(&r, &i, false))),
                    _ => e.clone().into_owned(),
                };
                if matches!(ev, Event::Start(_)) {
                    in_f = true;
                    f_raw.clear();
                    put(&mut w, Event::Start(moved))?;
                } else {
                    put(&mut w, Event::Empty(moved))?;
                }
            }
            Event::Text(_) | Event::GeneralRef(_) if in_f => push_raw(&mut f_raw, ev),
            Event::End(e) if e.local_name().as_ref() == "f" => {
                in_f = false;
                let f = unescape(&f_raw);
                let f = match edit.insertion {
                    Some(i) => shift_formula(&f, &i, true, Some(&edit.sheet), true),
                    None => f,
                };
                put(&mut w, Event::Text(text_event(&f)))?;
                put(&mut w, ev.clone())?;
            }
            Event::Start(e) if has_formula && e.local_name().as_ref() == "v" => in_v = true,
            Event::End(e) if in_v && e.local_name().as_ref() == "v" => in_v = false,
            Event::Empty(e) if has_formula && e.local_name().as_ref() == "v" => {}
            _ if in_v => {}
            other => put(&mut w, other.clone())?,
        }
    }
    Ok(())
}
