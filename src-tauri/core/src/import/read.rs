//! A workbook's cells, read with calamine: xlsx (streamed, so a huge sheet is stopped early),
//! xls, xlsb and ods. Formulas give their cached values. What cannot be read is a Chinese
//! message saying what to do; nothing here panics on a bad file. Before calamine reads a
//! file, `limits` checks what it would unpack to; a panic inside calamine on a malformed file
//! is caught and reported as a damaged file.

use super::{file_error, file_name, limits, values, MAX_DATA_ROWS, MAX_FILE_BYTES, MAX_TEXT_BYTES};
use crate::error::{CoreError, Result};
use calamine::{open_workbook, Data, DataRef, ExcelDateTime, Reader, SheetType, SheetVisible};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Columns beyond this are ignored (a roster has a few dozen).
pub(crate) const MAX_COLUMNS: u32 = 256;
/// A sheet stops being read past this many non-empty rows; the sheet is then too large.
const MAX_SHEET_ROWS: usize = MAX_DATA_ROWS + 1_000;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date; None when its value is not a real calendar date.
    Date(Option<NaiveDate>),
    Bool(bool),
    /// An Excel error value (#N/A, #REF! …).
    Error(String),
}

impl Cell {
    /// Nothing, or only spaces of any kind (ordinary, full-width U+3000, non-breaking).
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => values::is_blank(t),
            _ => false,
        }
    }
}

pub(crate) static EMPTY: Cell = Cell::Empty;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    /// 0-based row index (Excel's row number - 1).
    pub index: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub(crate) fn get(&self, col: u32) -> &Cell {
        self.cells.get(col as usize).unwrap_or(&EMPTY)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.cells.iter().all(Cell::is_empty)
    }
}

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sheet {
    pub name: String,
    pub hidden: bool,
    /// Non-empty rows in order.
    pub rows: Vec<Row>,
    pub merges: Vec<Merge>,
    /// 0-based indices of rows hidden in Excel (xlsx only; see `Book::hidden_rows_known`).
    pub hidden_rows: HashSet<u32>,
    /// More rows than one import takes: reading stopped.
    pub too_large: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// A workbook as read from its file, before anything is compared with the ledger: read it
/// with [`read_book`](super::read_book) without holding the ledger, then inspect or preview it.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    pub(crate) file_name: String,
    pub(crate) format: Format,
    pub(crate) sheets: Vec<Sheet>,
    /// False when the format does not tell which rows are hidden (calamine reads cells only;
    /// hidden rows are found for xlsx by reading the sheet's XML ourselves).
    pub(crate) hidden_rows_known: bool,
}

impl Book {
    /// The file's name, as the clerk sees it.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// What the program cannot check in this file, for the preview's notes.
    pub(crate) fn notes(&self) -> Vec<String> {
        if self.hidden_rows_known {
            Vec::new()
        } else {
            vec![format!(
                "{}格式的文件无法判断哪些行在 Excel 中被隐藏，隐藏行会和其他行一样导入。如果文件里有隐藏的行（例如已离职人员），请先在 Excel 中删除它们，或另存为 .xlsx 后再导入。",
                match self.format {
                    Format::Xls => ".xls",
                    Format::Xlsb => ".xlsb",
                    Format::Ods => ".ods",
                    Format::Xlsx => ".xlsx",
                }
            )]
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

fn password_error(name: &str) -> CoreError {
    file_error(format!(
        "“{name}”设置了打开密码，程序无法读取。请在 Excel 中输入密码打开它，点“文件 → 信息 → 保护工作簿 → 用密码进行加密”，清空密码并保存，然后再导入。"
    ))
}

fn not_a_workbook(name: &str, detail: &str) -> CoreError {
    file_error(format!(
        "“{name}”不是 Excel 工作簿{detail}。请选择 .xlsx 或 .xls 文件；如果是 WPS 或其他格式，请先在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）再导入。"
    ))
}

pub(crate) fn damaged(name: &str, detail: impl std::fmt::Display) -> CoreError {
    file_error(format!(
        "“{name}”已损坏或不完整，无法读取（{detail}）。请在 Excel 中打开它，“另存为”一个新的 .xlsx 文件后再导入。"
    ))
}

/// Opens `path` and reads the sheets named in `only` (all sheets when None).
pub(crate) fn open(path: &Path, only: Option<&[String]>) -> Result<Book> {
    let name = file_name(path);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            CoreError::not_found(format!("找不到文件“{}”，请重新选择。", path.display()))
        }
        _ => CoreError::Io(e),
    })?;
    if meta.is_dir() {
        return Err(file_error(format!(
            "“{name}”是一个文件夹，请选择其中的 Excel 文件。"
        )));
    }
    if meta.len() == 0 {
        return Err(file_error(format!(
            "“{name}”是空文件（0 字节），里面没有工作表。请确认选对了文件，或在 Excel 中重新保存后再导入。"
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_error(format!(
            "“{name}”有 {:.0} MB，超过一次导入的上限 {} MB。请把花名册按社区拆成几个文件分别导入，或删除其中的图片等内容后再试。",
            meta.len() as f64 / 1024.0 / 1024.0,
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let mut head = [0u8; 8];
    let n = File::open(path)?.read(&mut head)?;
    let head = &head[..n];

    let (format, mut sheets) = if head.starts_with(ZIP_MAGIC) {
        limits::check_zip(path, &name)?;
        calamine_guarded(&name, || open_zip(path, &name, only))?
    } else if head.starts_with(OLE_MAGIC) {
        limits::check_ole(path, &name)?;
        calamine_guarded(&name, || open_ole(path, &name, only))?
    } else if looks_like_text(path) {
        return Err(file_error(format!(
            "“{name}”是文本文件（例如 CSV 或从别处复制的表格），不是 Excel 工作簿。请用 Excel 或 WPS 打开它，“另存为”Excel 工作簿（.xlsx）后再导入。"
        )));
    } else {
        return Err(not_a_workbook(&name, ""));
    };

    let mut hidden_rows_known = false;
    if format == Format::Xlsx {
        // Up to where the row reader stopped: a sheet too large is not read to its end.
        let stops: Vec<(String, u32)> = sheets
            .iter()
            .map(|s| {
                let last = s.rows.last().map_or(0, |r| r.index);
                (s.name.clone(), if s.too_large { last } else { u32::MAX })
            })
            .collect();
        if let Some(mut hidden) = xlsx_hidden_rows(path, &stops) {
            for s in &mut sheets {
                s.hidden_rows = hidden.remove(&s.name).unwrap_or_default();
            }
            hidden_rows_known = true;
        }
    }
    Ok(Book {
        file_name: name,
        format,
        sheets,
        hidden_rows_known,
    })
}

/// Runs a calamine reader, turning a panic inside it (a malformed file it does not expect)
/// into the message for a damaged file.
fn calamine_guarded<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(damaged(name, "文件结构不符合 Excel 格式")))
}

fn looks_like_text(path: &Path) -> bool {
    let mut buf = vec![0u8; 4096];
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    let Ok(n) = f.read(&mut buf) else {
        return false;
    };
    buf.truncate(n);
    // UTF-8 (perhaps cut mid-character at the end) or GBK text has no NUL bytes.
    !buf.is_empty() && !buf.contains(&0)
}

fn wanted(only: Option<&[String]>, name: &str) -> bool {
    only.is_none_or(|names| names.iter().any(|n| n == name))
}

fn open_zip(path: &Path, name: &str, only: Option<&[String]>) -> Result<(Format, Vec<Sheet>)> {
    match open_workbook::<calamine::Xlsx<_>, _>(path) {
        Ok(mut wb) => return Ok((Format::Xlsx, load_xlsx(&mut wb, name, only)?)),
        Err(calamine::XlsxError::Password) => return Err(password_error(name)),
        Err(calamine::XlsxError::Io(e)) => return Err(CoreError::Io(e)),
        Err(_) => {}
    }
    if let Ok(mut wb) = open_workbook::<calamine::Xlsb<_>, _>(path) {
        return Ok((
            Format::Xlsb,
            load_generic(&mut wb, name, only, |_, _| None)?,
        ));
    }
    match open_workbook::<calamine::Ods<_>, _>(path) {
        Ok(mut wb) => Ok((Format::Ods, load_generic(&mut wb, name, only, |_, _| None)?)),
        Err(calamine::OdsError::Password) => Err(password_error(name)),
        Err(_) => Err(not_a_workbook(
            name,
            "（它是一个压缩包，可能是 Word 文档或其他文件）",
        )),
    }
}

fn open_ole(path: &Path, name: &str, only: Option<&[String]>) -> Result<(Format, Vec<Sheet>)> {
    match open_workbook::<calamine::Xls<_>, _>(path) {
        Ok(mut wb) => {
            let sheets = load_generic(&mut wb, name, only, |wb, sheet| {
                wb.merge_cells_by_sheet_name(sheet).ok()
            })?;
            return Ok((Format::Xls, sheets));
        }
        Err(calamine::XlsError::Password) => return Err(password_error(name)),
        Err(calamine::XlsError::Io(e)) => return Err(CoreError::Io(e)),
        Err(_) => {}
    }
    // An encrypted xlsx is an OLE container too; calamine's xlsx reader recognises it.
    match open_workbook::<calamine::Xlsx<_>, _>(path) {
        Err(calamine::XlsxError::Password) => Err(password_error(name)),
        _ => Err(not_a_workbook(
            name,
            "（它可能是 Word 97-2003 文档或其他 Office 文件）",
        )),
    }
}

/// Collects non-empty cells into rows, stopping when a sheet is too large or the text read
/// from the workbook passes [`MAX_TEXT_BYTES`].
struct RowsBuilder {
    rows: BTreeMap<u32, Vec<Cell>>,
    too_large: bool,
    /// Bytes of text held, this sheet's and the sheets' read before it.
    text: u64,
    too_much_text: bool,
}

impl RowsBuilder {
    /// `text`: the bytes of text the sheets read before this one hold.
    fn new(text: u64) -> Self {
        RowsBuilder {
            rows: BTreeMap::new(),
            too_large: false,
            text,
            too_much_text: false,
        }
    }

    /// False when the sheet has become too large and reading should stop. Blank cells (only
    /// spaces) are dropped, so rows of spaces never count towards the limit.
    fn push(&mut self, row: u32, col: u32, cell: Cell) -> bool {
        if col >= MAX_COLUMNS || cell.is_empty() {
            return true;
        }
        if !self.rows.contains_key(&row) && self.rows.len() >= MAX_SHEET_ROWS {
            self.too_large = true;
            return false;
        }
        if let Cell::Text(t) = &cell {
            self.text += t.len() as u64;
            if self.text > MAX_TEXT_BYTES {
                self.too_much_text = true;
                return false;
            }
        }
        let cells = self.rows.entry(row).or_default();
        let col = col as usize;
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
        true
    }

    fn finish(self, name: String, hidden: bool, merges: Vec<Merge>) -> Sheet {
        let rows = self
            .rows
            .into_iter()
            .map(|(index, cells)| Row { index, cells })
            .filter(|r| !r.is_empty())
            .collect();
        Sheet {
            name,
            hidden,
            rows,
            merges,
            hidden_rows: HashSet::new(),
            too_large: self.too_large,
        }
    }
}

fn merges_from(dims: Option<Vec<calamine::Dimensions>>) -> Vec<Merge> {
    dims.unwrap_or_default()
        .into_iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect()
}

fn date_cell(dt: &ExcelDateTime) -> Cell {
    if dt.is_duration() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    Cell::Date(NaiveDate::from_ymd_opt(
        i32::from(y),
        u32::from(m),
        u32::from(d),
    ))
}

fn iso_date_cell(s: &str) -> Cell {
    // "2019-03-01" or "2019-03-01T00:00:00": the date part is enough.
    match s
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    {
        Some(d) => Cell::Date(Some(d)),
        None => Cell::Text(s.to_string()),
    }
}

fn from_ref(v: &DataRef) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) | DataRef::DateTimeIso(s) if s.is_empty() => Cell::Empty,
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) => iso_date_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn from_data(v: &Data) -> Cell {
    match v {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => iso_date_cell(s),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn is_worksheet(meta: &calamine::Sheet) -> bool {
    meta.typ == SheetType::WorkSheet
}

fn load_xlsx<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    name: &str,
    only: Option<&[String]>,
) -> Result<Vec<Sheet>> {
    let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    let mut text = 0;
    for meta in metas.iter().filter(|m| is_worksheet(m)) {
        if !wanted(only, &meta.name) {
            continue;
        }
        let mut rows = RowsBuilder::new(text);
        let mut reader = wb
            .worksheet_cells_reader(&meta.name)
            .map_err(|e| damaged(name, e))?;
        while let Some(cell) = reader.next_cell().map_err(|e| damaged(name, e))? {
            let (r, c) = cell.get_position();
            if !rows.push(r, c, from_ref(cell.get_value())) {
                break;
            }
        }
        drop(reader);
        if rows.too_much_text {
            return Err(limits::too_much_text(name));
        }
        text = rows.text;
        // Merged regions are listed after the cells, so calamine reads the whole sheet for
        // them: not for a sheet that is refused as too large anyway.
        let merges = if rows.too_large {
            Vec::new()
        } else {
            merges_from(wb.merge_cells_by_sheet_name(&meta.name).ok())
        };
        out.push(rows.finish(
            meta.name.clone(),
            meta.visible != SheetVisible::Visible,
            merges,
        ));
    }
    Ok(out)
}

fn load_generic<RS, R>(
    wb: &mut R,
    name: &str,
    only: Option<&[String]>,
    merges: impl Fn(&mut R, &str) -> Option<Vec<calamine::Dimensions>>,
) -> Result<Vec<Sheet>>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let metas: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    let mut text = 0;
    for meta in metas.iter().filter(|m| is_worksheet(m)) {
        if !wanted(only, &meta.name) {
            continue;
        }
        let range = wb
            .worksheet_range(&meta.name)
            .map_err(|e| damaged(name, e))?;
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut rows = RowsBuilder::new(text);
        for (r, c, v) in range.used_cells() {
            if !rows.push(r0 + r as u32, c0 + c as u32, from_data(v)) {
                break;
            }
        }
        if rows.too_much_text {
            return Err(limits::too_much_text(name));
        }
        text = rows.text;
        let m = merges_from(merges(wb, &meta.name));
        out.push(rows.finish(meta.name.clone(), meta.visible != SheetVisible::Visible, m));
    }
    Ok(out)
}

/// Rows hidden in Excel (hidden by hand or filtered out), per sheet name, read from the
/// sheets' XML: calamine gives cells only. Each sheet is read up to the row (0-based) given
/// with its name, where the row reader stopped. None when the file's structure is unusual.
fn xlsx_hidden_rows(path: &Path, stops: &[(String, u32)]) -> Option<HashMap<String, HashSet<u32>>> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(path).ok()?)).ok()?;

    let parts = xlsx_sheet_parts(&mut zip)?;
    let mut out = HashMap::new();
    for (sheet, part) in parts {
        let Some(&(_, stop)) = stops.iter().find(|(n, _)| *n == sheet) else {
            continue;
        };
        let file = zip.by_name(&part).ok()?;
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
        let mut buf = Vec::new();
        let mut hidden = HashSet::new();
        // A row's r="…" (1-based) may be left out: it then follows the previous row.
        let mut last = 0u32;
        loop {
            match xml.read_event_into(&mut buf).ok()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                    let mut r = last + 1;
                    let mut is_hidden = false;
                    for a in e.attributes().flatten() {
                        match a.key.local_name().as_ref() {
                            "r" => r = a.value.parse::<u32>().ok()?,
                            "hidden" => is_hidden = matches!(&*a.value, "1" | "true"),
                            _ => {}
                        }
                    }
                    last = r;
                    if r.saturating_sub(1) > stop {
                        break;
                    }
                    if is_hidden {
                        hidden.insert(r.saturating_sub(1));
                    }
                }
                Event::End(e) if e.local_name().as_ref() == "sheetData" => break,
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        out.insert(sheet, hidden);
    }
    Some(out)
}

/// Each sheet's name and its part in the package (xl/worksheets/sheet1.xml), in the
/// workbook's order. None when the file's structure is unusual.
pub(crate) fn xlsx_sheet_parts<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
) -> Option<Vec<(String, String)>> {
    use quick_xml::events::Event;
    // workbook.xml: sheet name -> relationship id; its rels: id -> part.
    let mut sheet_rids: Vec<(String, String)> = Vec::new();
    let mut rel_targets: HashMap<String, String> = HashMap::new();
    for (part, element) in [
        ("xl/workbook.xml", "sheet"),
        ("xl/_rels/workbook.xml.rels", "Relationship"),
    ] {
        let file = zip.by_name(part).ok()?;
        let mut xml = quick_xml::Reader::from_reader(BufReader::new(file));
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf).ok()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == element => {
                    let mut attrs: HashMap<String, String> = HashMap::new();
                    for a in e.attributes().flatten() {
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()?
                            .into_owned();
                        attrs.insert(a.key.local_name().as_ref().to_string(), value);
                    }
                    if element == "sheet" {
                        if let (Some(n), Some(id)) = (attrs.remove("name"), attrs.remove("id")) {
                            sheet_rids.push((n, id));
                        }
                    } else if let (Some(id), Some(t)) = (attrs.remove("Id"), attrs.remove("Target"))
                    {
                        rel_targets.insert(id, t);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
    }

    sheet_rids
        .into_iter()
        .map(|(name, rid)| {
            let target = rel_targets.get(&rid)?;
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            Some((name, part))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hidden_row_scan_stops_where_it_is_told() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("hidden.xlsx");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for r in 0..10 {
            ws.write_string(r, 0, "x").expect("write");
        }
        ws.set_row_hidden(2).expect("hide");
        ws.set_row_hidden(7).expect("hide");
        wb.save(&path).expect("save");
        let sheet = |stop| vec![("Sheet1".to_string(), stop)];
        let all = xlsx_hidden_rows(&path, &sheet(u32::MAX)).expect("read");
        assert_eq!(all["Sheet1"], HashSet::from([2, 7]));
        let part = xlsx_hidden_rows(&path, &sheet(4)).expect("read");
        assert_eq!(part["Sheet1"], HashSet::from([2]));
    }

    #[test]
    fn cells_of_spaces_are_not_kept() {
        let mut rows = RowsBuilder::new(0);
        for (c, t) in [" ", "\u{3000}", "\u{00A0}", " \u{200B} "]
            .into_iter()
            .enumerate()
        {
            assert!(rows.push(0, c as u32, Cell::Text(t.into())));
        }
        assert!(rows.rows.is_empty());
        assert!(rows.push(1, 0, Cell::Text(" 张三 ".into())));
        assert_eq!(rows.rows.len(), 1);
    }
}
