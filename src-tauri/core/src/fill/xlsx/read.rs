//! The sheet's XML as read before writing: each cell's style and formula, the rows' and
//! columns' styles, and which styles show dates (styles.xml).

use super::*;

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
    /// The row's own height in points, when set (customHeight).
    pub height: Option<f64>,
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

    pub(super) fn col_style(&self, col: u32) -> Option<u32> {
        self.col_styles
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&col))
            .map(|(_, _, s)| *s)
    }
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
                    let tall = attr(e, "customHeight").is_some_and(|v| v == "1" || v == "true");
                    let height = attr(e, "ht").and_then(|v| v.parse().ok()).filter(|_| tall);
                    let made = out.rows.entry(idx).or_default();
                    made.style = style;
                    made.height = height;
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
pub(super) fn builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// Whether a custom number format shows a date: y, m or d outside quotes and brackets.
pub(super) fn code_is_date(code: &str) -> bool {
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

pub(super) fn date_styles(styles: &[u8]) -> HashSet<u32> {
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
