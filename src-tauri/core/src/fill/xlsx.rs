//! Writing values into one sheet of the county's own xlsx, keeping everything else: the
//! package is copied entry by entry (raw, not even recompressed) except the parts that must
//! change. The sheet's XML is streamed: its cells keep their styles (borders, fonts, number
//! formats), merged ranges, column widths, print setup and the county's formulas stay; new
//! values are inline strings or numbers. When the form's rows run out before its footer
//! (合计, 填表人 …), rows are put in above the footer and every reference below moves down
//! (see `refs`). Formulas on the edited sheet lose their cached results and the workbook is
//! marked to recalculate on opening, so a totals row shows the filled figures.

use super::refs::{cell_ref, parse_cell, shift_formula, shift_sqref, Insertion};
use crate::error::{CoreError, Result};
use crate::import::read::xlsx_sheet_parts;
use crate::reports::format::{looks_like_formula, Cell};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read, Seek, Write};
use std::path::Path;

/// A cell of the sheet as its XML has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CellXml {
    pub style: Option<u32>,
    /// The formula's text (a shared formula's followers have none).
    pub formula: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RowXml {
    /// The row's own style, when it has one (customFormat).
    pub style: Option<u32>,
    pub cells: BTreeMap<u32, CellXml>,
}

/// What the sheet's XML says beyond the values calamine reads.
#[derive(Debug, Clone, Default)]
pub(crate) struct SheetXml {
    pub part: String,
    pub rows: BTreeMap<u32, RowXml>,
    /// Default styles of columns (<col style>), 0-based.
    pub col_styles: Vec<(u32, u32, u32)>,
    /// Which cell styles (cellXfs indices) show a number as a date.
    pub date_styles: HashSet<u32>,
}

impl SheetXml {
    pub fn has_formula(&self, row: u32, col: u32) -> bool {
        self.rows
            .get(&row)
            .and_then(|r| r.cells.get(&col))
            .is_some_and(|c| c.formula.is_some())
    }

    /// The style a new cell at (row, col) takes: the cell's own, else the row's, else the
    /// column's.
    pub fn style_at(&self, row: u32, col: u32) -> Option<u32> {
        let r = self.rows.get(&row);
        r.and_then(|r| r.cells.get(&col))
            .and_then(|c| c.style)
            .or_else(|| r.and_then(|r| r.style))
            .or_else(|| self.col_style(col))
    }

    fn col_style(&self, col: u32) -> Option<u32> {
        self.col_styles
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&col))
            .map(|(_, _, s)| *s)
    }
}

fn damaged(name: &str, detail: impl std::fmt::Display) -> CoreError {
    crate::import::read::damaged(name, detail)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A copy of `e` with attribute `name` set to `value` (None: removed).
fn with_attr(e: &BytesStart, name: &str, value: Option<&str>) -> BytesStart<'static> {
    let mut out = BytesStart::new(e.name().as_ref().to_string());
    let mut done = false;
    for a in e.attributes().flatten() {
        if a.key.as_ref() == name {
            if let Some(v) = value {
                out.push_attribute((name, v));
            }
            done = true;
        } else {
            out.push_attribute(a);
        }
    }
    if !done {
        if let Some(v) = value {
            out.push_attribute((name, v));
        }
    }
    out
}

fn read_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, part: &str) -> Option<Vec<u8>> {
    let mut f = zip.by_name(part).ok()?;
    let mut buf = Vec::with_capacity(f.size() as usize);
    f.read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// Raw text of a text or entity event, to collect a formula split by &amp; and friends.
fn push_raw(raw: &mut String, ev: &Event) {
    match ev {
        Event::Text(t) => raw.push_str(t),
        Event::GeneralRef(r) => {
            raw.push('&');
            raw.push_str(r);
            raw.push(';');
        }
        _ => {}
    }
}

/// Text for XML, escaping only what must be (<, >, &), as Excel writes formulas.
fn text_event(s: &str) -> BytesText<'static> {
    BytesText::from_escaped(quick_xml::escape::partial_escape(s).into_owned())
}

fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

/// Reads the sheet's XML (styles, formulas) and which styles are dates.
pub(crate) fn read_sheet(path: &Path, file_name: &str, sheet: &str) -> Result<SheetXml> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path)?))
        .map_err(|e| damaged(file_name, e))?;
    let parts =
        xlsx_sheet_parts(&mut zip).ok_or_else(|| damaged(file_name, "找不到工作表的目录"))?;
    let part = parts
        .into_iter()
        .find(|(n, _)| n == sheet)
        .map(|(_, p)| p)
        .ok_or_else(|| damaged(file_name, format!("找不到工作表“{sheet}”")))?;
    let xml = read_part(&mut zip, &part).ok_or_else(|| damaged(file_name, &part))?;
    let mut out = SheetXml {
        part,
        ..SheetXml::default()
    };
    if let Some(styles) = read_part(&mut zip, "xl/styles.xml") {
        out.date_styles = date_styles(&styles);
    }
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut row: Option<u32> = None;
    let mut last_row = 0u32;
    let mut col = 0u32;
    let mut cell: Option<(u32, CellXml)> = None;
    let mut in_f = false;
    let mut f_raw = String::new();
    loop {
        let ev = reader.read_event().map_err(|e| damaged(file_name, e))?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    let r = attr(e, "r")
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(last_row + 1);
                    last_row = r;
                    let idx = r.saturating_sub(1);
                    let custom = attr(e, "customFormat").is_some_and(|v| v == "1" || v == "true");
                    let style = attr(e, "s").and_then(|v| v.parse().ok()).filter(|_| custom);
                    out.rows.entry(idx).or_default().style = style;
                    row = matches!(ev, Event::Start(_)).then_some(idx);
                    col = 0;
                }
                "c" => {
                    let c = attr(e, "r")
                        .and_then(|r| parse_cell(&r))
                        .map_or(col, |(_, c)| c);
                    col = c + 1;
                    let x = CellXml {
                        style: attr(e, "s").and_then(|v| v.parse().ok()),
                        formula: None,
                    };
                    if matches!(ev, Event::Start(_)) {
                        cell = Some((c, x));
                    } else if let Some(r) = row {
                        out.rows.entry(r).or_default().cells.insert(c, x);
                    }
                }
                "f" => {
                    if let Some((_, x)) = cell.as_mut() {
                        x.formula = Some(String::new());
                    }
                    in_f = matches!(ev, Event::Start(_));
                    f_raw.clear();
                }
                "col" => {
                    let n = |k: &str| attr(e, k).and_then(|v| v.parse::<u32>().ok());
                    if let (Some(a), Some(b), Some(s)) = (n("min"), n("max"), n("style")) {
                        out.col_styles
                            .push((a.saturating_sub(1), b.saturating_sub(1), s));
                    }
                }
                _ => {}
            },
            Event::Text(_) | Event::GeneralRef(_) if in_f => push_raw(&mut f_raw, &ev),
            Event::End(e) => match e.local_name().as_ref() {
                "f" => {
                    in_f = false;
                    if let Some((_, x)) = cell.as_mut() {
                        x.formula = Some(unescape(&f_raw));
                    }
                }
                "c" => {
                    if let (Some((c, x)), Some(r)) = (cell.take(), row) {
                        out.rows.entry(r).or_default().cells.insert(c, x);
                    }
                }
                "row" => row = None,
                "sheetData" => {}
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Excel's built-in number formats that show dates.
fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date: y, m or d outside quotes and brackets.
fn code_is_date(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'd' | 'D' | 'e' if !quoted && !bracket => return true,
            'm' | 'M' if !quoted && !bracket => return !code.contains("h") && !code.contains('s'),
            _ => {}
        }
    }
    false
}

fn date_styles(styles: &[u8]) -> HashSet<u32> {
    let mut reader = Reader::from_reader(styles);
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut out = HashSet::new();
    let mut in_xfs = false;
    let mut index = 0u32;
    while let Ok(ev) = reader.read_event() {
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(e, "numFmtId").and_then(|v| v.parse().ok()),
                        attr(e, "formatCode"),
                    ) {
                        custom.insert(id, code);
                    }
                }
                "cellXfs" => in_xfs = matches!(ev, Event::Start(_)),
                "xf" if in_xfs => {
                    let id: u32 = attr(e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let is_date = match custom.get(&id) {
                        Some(code) => code_is_date(code),
                        None => builtin_date(id),
                    };
                    if is_date {
                        out.insert(index);
                    }
                    index += 1;
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// What is written into the sheet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edit {
    pub sheet: String,
    /// Rows put in above the footer, if any.
    pub insertion: Option<Insertion>,
    /// The row (0-based, before insertion) whose formatting new rows copy.
    pub template_row: Option<u32>,
    /// Values by final 0-based row and column; a Blank is not written.
    pub writes: BTreeMap<u32, BTreeMap<u32, Cell>>,
    /// Columns whose dates are written as 年月 text (1985.06) where the cell is not a date.
    pub month_cols: HashSet<u32>,
}

/// Days since Excel's epoch, as a cell formatted as a date stores them.
fn serial(d: NaiveDate) -> i64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    (d - epoch).num_days()
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Writes a cell element for a value.
struct CellWriter<'a> {
    info: &'a SheetXml,
    month_cols: &'a HashSet<u32>,
    /// Base style -> its quote-prefixed twin, for text Excel could take for a formula.
    quoted: &'a HashMap<Option<u32>, u32>,
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
                quick_xml::escape::escape(t)
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
fn quoted_styles_needed(edit: &Edit, info: &SheetXml) -> BTreeSet<Option<u32>> {
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
fn original_row(edit: &Edit, row: u32) -> Option<u32> {
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
fn style_for(edit: &Edit, info: &SheetXml, row: u32, col: u32) -> Option<u32> {
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

/// Copies `src` to `dest` (written atomically by the caller) with the edit applied.
pub(crate) fn write_filled<W: Write + Seek>(
    src: &Path,
    file_name: &str,
    info: &SheetXml,
    edit: &Edit,
    dest: W,
) -> Result<()> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(src)?))
        .map_err(|e| damaged(file_name, e))?;
    let bad = |e: &dyn std::fmt::Display| damaged(file_name, e);

    // Styles: quote-prefixed twins of the styles formula-like text is written in.
    let need = quoted_styles_needed(edit, info);
    let mut quoted: HashMap<Option<u32>, u32> = HashMap::new();
    let mut new_styles: Option<Vec<u8>> = None;
    if !need.is_empty() {
        if let Some(styles) = read_part(&mut zip, "xl/styles.xml") {
            let (xml, map) = add_quoted_styles(&styles, &need).map_err(|e| bad(&e))?;
            new_styles = Some(xml);
            quoted = map;
        }
    }

    let parts = xlsx_sheet_parts(&mut zip).unwrap_or_default();
    // Excel tables (套用表格格式) on the sheet: their ranges move with inserted rows.
    let tables = if edit.insertion.is_some() {
        table_parts(&mut zip, &info.part)
    } else {
        HashSet::new()
    };
    let sheet_xml = read_part(&mut zip, &info.part).ok_or_else(|| bad(&info.part))?;
    let writer = CellWriter {
        info,
        month_cols: &edit.month_cols,
        quoted: &quoted,
    };
    let new_sheet = edit_sheet(&sheet_xml, info, edit, &writer).map_err(|e| bad(&e))?;

    let mut out = zip::ZipWriter::new(dest);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let other_sheets: HashSet<&str> = parts
        .iter()
        .filter(|(n, _)| *n != edit.sheet)
        .map(|(_, p)| p.as_str())
        .collect();
    for i in 0..zip.len() {
        let name = zip
            .name_for_index(i)
            .ok_or_else(|| bad(&"目录项缺失"))?
            .map_err(|e| bad(&e))?
            .into_owned();
        let replaced: Option<Vec<u8>> = if name == info.part {
            Some(new_sheet.clone())
        } else if name == "xl/styles.xml" && new_styles.is_some() {
            new_styles.clone()
        } else if name == "xl/calcChain.xml" {
            // Lists formula cells by position; Excel rebuilds it, and a stale one is an error.
            continue;
        } else if name == "[Content_Types].xml" || name == "xl/_rels/workbook.xml.rels" {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(drop_calc_chain(&xml).map_err(|e| bad(&e))?)
        } else if name == "xl/workbook.xml" {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(edit_workbook(&xml, edit).map_err(|e| bad(&e))?)
        } else if tables.contains(&name) {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(shift_table(&xml, edit).map_err(|e| bad(&e))?)
        } else if edit.insertion.is_some() && other_sheets.contains(name.as_str()) {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            if contains(&xml, edit.sheet.as_bytes()) {
                Some(shift_other_sheet(&xml, edit).map_err(|e| bad(&e))?)
            } else {
                None
            }
        } else {
            None
        };
        match replaced {
            Some(bytes) => {
                out.start_file(name.as_str(), options)
                    .map_err(|e| bad(&e))?;
                out.write_all(&bytes)?;
            }
            None => {
                let raw = zip.by_index_raw(i).map_err(|e| bad(&e))?;
                out.raw_copy_file(raw).map_err(|e| bad(&e))?;
            }
        }
    }
    out.finish().map_err(|e| bad(&e))?;
    Ok(())
}

/// The table parts (xl/tables/tableN.xml) a sheet's relationships name.
fn table_parts<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, sheet_part: &str) -> HashSet<String> {
    let (dir, file) = sheet_part.rsplit_once('/').unwrap_or(("", sheet_part));
    let Some(rels) = read_part(zip, &format!("{dir}/_rels/{file}.rels")) else {
        return HashSet::new();
    };
    let mut out = HashSet::new();
    let mut reader = Reader::from_reader(rels.as_slice());
    while let Ok(ev) = reader.read_event() {
        match &ev {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                let is_table = attr(e, "Type").is_some_and(|t| t.ends_with("/table"));
                if let (true, Some(target)) = (is_table, attr(e, "Target")) {
                    out.insert(resolve_part(dir, &target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A relationship target relative to `dir` (../tables/table1.xml from xl/worksheets).
fn resolve_part(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A table's range and its filter's range grow and move as the sheet's ranges do.
fn shift_table(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let Some(ins) = edit.insertion else {
        return Ok(xml.to_vec());
    };
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.local_name().as_ref(),
                    "table" | "autoFilter" | "sortState"
                ) =>
            {
                let moved = match attr(e, "ref") {
                    Some(r) => with_attr(e, "ref", Some(&shift_sqref(&r, &ins, true))),
                    None => e.clone().into_owned(),
                };
                if matches!(ev, Event::Start(_)) {
                    put(&mut w, Event::Start(moved))?;
                } else {
                    put(&mut w, Event::Empty(moved))?;
                }
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

type XmlResult<T> = std::result::Result<T, quick_xml::Error>;

fn put(w: &mut Writer<&mut Vec<u8>>, ev: Event) -> XmlResult<()> {
    w.write_event(ev)
        .map_err(|e| quick_xml::Error::Io(std::sync::Arc::new(e)))
}

/// One cell of a row as read: its column and its events.
struct RawCell {
    col: u32,
    events: Vec<Event<'static>>,
}

fn edit_sheet(xml: &[u8], info: &SheetXml, edit: &Edit, cw: &CellWriter) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + edit.writes.len() * 200);
    let mut reader = Reader::from_reader(xml);
    let ins = edit.insertion;
    let mut pending = edit.writes.keys().copied().collect::<BTreeSet<u32>>();

    // The last row and column of the result, for <dimension>.
    let last_row = info
        .rows
        .keys()
        .map(|r| ins.map_or(*r, |i| i.row(r + 1) - 1))
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
                row_index = r - 1;
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
fn shift_element(e: &BytesStart, name: &str, ins: &Insertion) -> Option<BytesStart<'static>> {
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
fn flush_pending(
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
        if let Some(t) = edit.template_row {
            if let Some(s) = info.rows.get(&t).and_then(|x| x.style) {
                let _ = write!(out, " s=\"{s}\" customFormat=\"1\"");
            }
        }
        out.push(b'>');
        for (col, v) in values {
            cw.write(out, r, *col, style_for(edit, info, r, *col), v);
        }
        out.extend_from_slice(b"</row>");
    }
}

/// Writes one row of the original sheet, moved and with the edit's values in it.
#[allow(clippy::too_many_arguments)]
fn flush_row(
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
    let row = ins.map_or(orig, |i| i.row(orig + 1) - 1);
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
fn copy_cell(
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

/// Formulas of other sheets that point into the edited sheet follow its moved rows.
fn shift_other_sheet(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let Some(ins) = edit.insertion else {
        return Ok(xml.to_vec());
    };
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    let mut in_f = false;
    let mut f_raw = String::new();
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) if e.local_name().as_ref() == "f" => {
                in_f = true;
                f_raw.clear();
                put(&mut w, ev.clone())?;
            }
            Event::Text(_) | Event::GeneralRef(_) if in_f => push_raw(&mut f_raw, &ev),
            Event::End(e) if e.local_name().as_ref() == "f" => {
                in_f = false;
                let f = shift_formula(&unescape(&f_raw), &ins, false, Some(&edit.sheet), true);
                put(&mut w, Event::Text(text_event(&f)))?;
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

/// workbook.xml: defined names (print area, print titles) follow moved rows, and the
/// workbook recalculates on opening.
fn edit_workbook(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    let mut in_name = false;
    let mut name_raw = String::new();
    let mut calc_done = false;
    const AFTER_CALC: &[&str] = &[
        "oleSize",
        "customWorkbookViews",
        "pivotCaches",
        "smartTagPr",
        "smartTagTypes",
        "webPublishing",
        "fileRecoveryPr",
        "webPublishObjects",
        "extLst",
    ];
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "calcPr" => {
                let c = with_attr(e, "fullCalcOnLoad", Some("1"));
                calc_done = true;
                if matches!(ev, Event::Start(_)) {
                    put(&mut w, Event::Start(c))?;
                } else {
                    put(&mut w, Event::Empty(c))?;
                }
            }
            Event::Start(e) | Event::Empty(e)
                if !calc_done && AFTER_CALC.contains(&e.local_name().as_ref()) =>
            {
                put(&mut w, Event::Empty(calc_pr()))?;
                calc_done = true;
                put(&mut w, ev.clone())?;
            }
            Event::End(e) if e.local_name().as_ref() == "workbook" && !calc_done => {
                put(&mut w, Event::Empty(calc_pr()))?;
                calc_done = true;
                put(&mut w, ev.clone())?;
            }
            Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                in_name = edit.insertion.is_some();
                name_raw.clear();
                put(&mut w, ev.clone())?;
            }
            Event::Text(_) | Event::GeneralRef(_) if in_name => push_raw(&mut name_raw, &ev),
            Event::End(e) if e.local_name().as_ref() == "definedName" && in_name => {
                in_name = false;
                let f = match edit.insertion {
                    Some(i) => {
                        shift_formula(&unescape(&name_raw), &i, false, Some(&edit.sheet), true)
                    }
                    None => unescape(&name_raw),
                };
                put(&mut w, Event::Text(text_event(&f)))?;
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

fn calc_pr() -> BytesStart<'static> {
    let mut c = BytesStart::new("calcPr");
    c.push_attribute(("fullCalcOnLoad", "1"));
    c
}

/// [Content_Types].xml and the workbook's relationships without calcChain.xml.
fn drop_calc_chain(xml: &[u8]) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Empty(e)
                if ["PartName", "Target"]
                    .iter()
                    .any(|k| attr(e, k).is_some_and(|v| v.ends_with("calcChain.xml"))) => {}
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

/// Base style (None: the default) -> its quote-prefixed twin.
type QuotedStyles = HashMap<Option<u32>, u32>;

/// Adds, for each style of `need`, a copy with quotePrefix="1" at the end of cellXfs.
fn add_quoted_styles(
    xml: &[u8],
    need: &BTreeSet<Option<u32>>,
) -> XmlResult<(Vec<u8>, QuotedStyles)> {
    // First pass: each xf of cellXfs as its events.
    let mut xfs: Vec<Vec<Event<'static>>> = Vec::new();
    {
        let mut reader = Reader::from_reader(xml);
        let mut in_xfs = false;
        let mut current: Option<Vec<Event<'static>>> = None;
        loop {
            let ev = reader.read_event()?.into_owned();
            if let Some(c) = current.as_mut() {
                let end = matches!(&ev, Event::End(e) if e.local_name().as_ref() == "xf");
                c.push(ev);
                if end {
                    xfs.extend(current.take());
                }
                continue;
            }
            match &ev {
                Event::Start(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = true,
                Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
                Event::Empty(e) if in_xfs && e.local_name().as_ref() == "xf" => {
                    xfs.push(vec![ev.clone()])
                }
                Event::Start(e) if in_xfs && e.local_name().as_ref() == "xf" => {
                    current = Some(vec![ev.clone()])
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let mut map = HashMap::new();
    let mut added: Vec<Vec<Event<'static>>> = Vec::new();
    for s in need {
        let base = s.unwrap_or(0) as usize;
        let Some(events) = xfs.get(base) else {
            continue;
        };
        let mut copy = events.clone();
        if let Some(first) = copy.first_mut() {
            let quoted = match &*first {
                Event::Start(e) => Event::Start(with_attr(e, "quotePrefix", Some("1"))),
                Event::Empty(e) => Event::Empty(with_attr(e, "quotePrefix", Some("1"))),
                other => other.clone(),
            };
            *first = quoted;
        }
        map.insert(*s, (xfs.len() + added.len()) as u32);
        added.push(copy);
    }
    let total = xfs.len() + added.len();
    let mut out = Vec::with_capacity(xml.len() + 200);
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) if e.local_name().as_ref() == "cellXfs" => {
                put(
                    &mut w,
                    Event::Start(with_attr(e, "count", Some(&total.to_string()))),
                )?;
            }
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => {
                for x in &added {
                    for ev in x {
                        put(&mut w, ev.clone())?;
                    }
                }
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_ranges_grow_with_inserted_rows() {
        assert_eq!(
            resolve_part("xl/worksheets", "../tables/table1.xml"),
            "xl/tables/table1.xml"
        );
        assert_eq!(
            resolve_part("xl/worksheets", "/xl/tables/t.xml"),
            "xl/tables/t.xml"
        );
        let edit = Edit {
            insertion: Some(Insertion {
                at: 25,
                count: 10,
                data_first: 5,
            }),
            ..Edit::default()
        };
        // The table takes in its header row (4) and the blank rows: it grows.
        let xml = br#"<table id="1" ref="A4:H24"><autoFilter ref="A4:H24"/></table>"#;
        let out = String::from_utf8(shift_table(xml, &edit).expect("xml")).expect("utf8");
        assert_eq!(out.matches(r#"ref="A4:H34""#).count(), 2, "{out}");
    }

    #[test]
    fn date_formats_are_recognised() {
        for code in [
            "yyyy-mm-dd",
            "yyyy\"年\"m\"月\"",
            "yyyy.mm",
            "[$-804]yyyy/m/d",
        ] {
            assert!(code_is_date(code), "{code}");
        }
        for code in ["0.00", "@", "#,##0", "\"人\"0", "[Red]0"] {
            assert!(!code_is_date(code), "{code}");
        }
        assert!(builtin_date(14) && builtin_date(57) && !builtin_date(49));
    }

    #[test]
    fn the_serial_is_excel_s() {
        assert_eq!(
            serial(NaiveDate::from_ymd_opt(2020, 3, 1).expect("date")),
            43891
        );
    }

    #[test]
    fn calc_chain_references_are_dropped() {
        let xml = br#"<Types><Override PartName="/xl/calcChain.xml" ContentType="x"/><Override PartName="/xl/workbook.xml" ContentType="y"/></Types>"#;
        let out = String::from_utf8(drop_calc_chain(xml).expect("xml")).expect("utf8");
        assert!(!out.contains("calcChain"));
        assert!(out.contains("workbook.xml"));
    }

    #[test]
    fn the_workbook_recalculates_and_print_areas_move() {
        let xml = r#"<workbook><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'表1'!$A$1:$H$30</definedName></definedNames><calcPr calcId="191029"/></workbook>"#;
        let edit = Edit {
            sheet: "表1".into(),
            insertion: Some(Insertion {
                at: 25,
                count: 10,
                data_first: 5,
            }),
            ..Edit::default()
        };
        let out =
            String::from_utf8(edit_workbook(xml.as_bytes(), &edit).expect("xml")).expect("utf8");
        assert!(out.contains("'表1'!$A$1:$H$40"), "{out}");
        assert!(
            out.contains(r#"<calcPr calcId="191029" fullCalcOnLoad="1"/>"#),
            "{out}"
        );
        let bare = "<workbook><sheets/></workbook>";
        let out = String::from_utf8(edit_workbook(bare.as_bytes(), &Edit::default()).expect("xml"))
            .expect("utf8");
        assert!(
            out.contains(r#"<calcPr fullCalcOnLoad="1"/></workbook>"#),
            "{out}"
        );
    }
}
