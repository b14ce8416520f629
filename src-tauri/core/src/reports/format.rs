//! What every sheet of a report shares: fonts and cell formats, the title and subtitle rows,
//! header rows, column widths that fit Chinese text, print setup, and the one way user text
//! is written (always a string, with a quote prefix where Excel could take it for a formula).

use crate::error::CoreError;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;

/// Fonts of official forms: 宋体 for the body, 黑体 for titles.
pub const BODY_FONT: &str = "宋体";
pub const TITLE_FONT: &str = "黑体";
/// GB2312, so Excel picks the Chinese face even where the name is not installed.
pub const CHARSET_GB2312: u8 = 134;
const BODY_SIZE: f64 = 10.0;
/// xlsx paper size code for A4.
const PAPER_A4: u8 = 9;
/// Amounts in yuan: thousands separated, two decimals.
const YUAN: &str = "#,##0.00";
/// The tallest a row is made to fit its wrapped text, in lines.
const MAX_LINES: usize = 6;

impl From<XlsxError> for CoreError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::IoError(io) => CoreError::Io(io),
            other => CoreError::Io(std::io::Error::other(format!(
                "生成 Excel 文件时出错（{other}）"
            ))),
        }
    }
}

pub type XResult<T> = std::result::Result<T, XlsxError>;

/// A value in a table cell. What the cell shows (a date as yyyy.mm, a share as a percent)
/// is the column's [`Kind`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Blank,
    Text(String),
    Int(i64),
    Num(f64),
    #[serde(serialize_with = "iso_date")]
    Date(NaiveDate),
}

fn iso_date<S: serde::Serializer>(d: &NaiveDate, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&crate::dates::text(*d))
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Blank
        } else {
            Cell::Text(s)
        }
    }

    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Blank, Cell::text)
    }

    /// A stored ISO date; text that is not one (the schema makes that impossible) stays text.
    pub fn date(iso: Option<&str>) -> Cell {
        match iso {
            None => Cell::Blank,
            Some(t) => t
                .parse::<NaiveDate>()
                .map(Cell::Date)
                .unwrap_or_else(|_| Cell::text(t)),
        }
    }

    /// Width in Excel character units: a Chinese character takes two.
    fn width(&self, kind: Kind) -> f64 {
        match self {
            Cell::Blank => 0.0,
            Cell::Text(s) => s.split('\n').map(text_width).fold(0.0, f64::max),
            Cell::Int(n) => n.to_string().len() as f64,
            Cell::Num(x) => match kind {
                Kind::Percent => 6.0,
                Kind::Yuan => yuan_width(*x),
                _ => 7.0,
            },
            Cell::Date(_) => match kind {
                Kind::Month => 7.0,
                _ => 10.0,
            },
        }
    }
}

/// Characters of an amount as `#,##0.00` shows it (1,234,567.00).
fn yuan_width(x: f64) -> f64 {
    let digits = format!("{:.0}", x.abs().trunc()).len();
    let sign = usize::from(x < 0.0);
    (sign + digits + (digits - 1) / 3 + 3) as f64
}

/// How a column shows its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// Left-aligned text on one line.
    Text,
    /// Left-aligned text that wraps within the column's maximum width.
    Wrap,
    /// Short centred text (性别, 状态 …).
    Center,
    Int,
    /// One decimal place (平均年龄).
    Decimal1,
    /// A count or an amount in Excel's General format: 3 and 2.5 as they are (a table whose
    /// rows hold both: 培训班次 and 参训人时).
    Number,
    /// Two decimal places (应配精确值, 每万人拥有数).
    Decimal2,
    /// An amount in yuan: two decimal places with thousands separators (1,234.50); the
    /// header says （元）.
    Yuan,
    /// A share, shown as a percent with one decimal.
    Percent,
    /// A full date, yyyy-mm-dd.
    Date,
    /// Year and month, yyyy.mm (出生年月, 入党时间 …).
    Month,
}

/// A table column: its header and the range its width may take (in character units).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Column {
    pub header: String,
    pub kind: Kind,
    pub min_width: f64,
    pub max_width: f64,
}

impl Column {
    pub fn new(header: impl Into<String>, kind: Kind, min_width: f64, max_width: f64) -> Column {
        Column {
            header: header.into(),
            kind,
            min_width,
            max_width,
        }
    }
}

/// Width of one character of body text (宋体 10) in Excel's column units, which are the
/// width of a digit of the default font (宋体 11): a Chinese character is about 1.7.
fn char_width(c: char) -> f64 {
    if c.is_ascii() {
        0.9
    } else {
        1.7
    }
}

/// Display width of body text in Excel column units.
pub fn text_width(s: &str) -> f64 {
    s.chars().map(char_width).sum()
}

/// Room a cell needs beside its text (Excel's cell padding).
const PADDING: f64 = 1.2;

/// The widths that fit the headers (wrapped onto at most 3 lines) and the cells.
pub fn fit_widths(columns: &[Column], rows: &[Vec<Cell>]) -> Vec<f64> {
    columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            // A header may wrap onto three lines.
            let header = (text_width(&c.header) / 3.0).ceil().max(3.0);
            let data = rows
                .iter()
                .filter_map(|r| r.get(i))
                .map(|cell| cell.width(c.kind))
                .fold(0.0, f64::max);
            (header.max(data) + PADDING).clamp(c.min_width, c.max_width)
        })
        .collect()
}

/// Lines a text needs in a column of `width` units, wrapping character by character as
/// Chinese text wraps.
pub fn lines_needed(text: &str, width: f64) -> usize {
    let usable = (width - PADDING).max(1.7);
    let lines: usize = text
        .split('\n')
        .map(|part| {
            let (mut lines, mut used) = (1, 0.0);
            for c in part.chars() {
                let w = char_width(c);
                if used + w > usable && used > 0.0 {
                    lines += 1;
                    used = 0.0;
                }
                used += w;
            }
            lines
        })
        .sum();
    lines.clamp(1, MAX_LINES)
}

/// Whether Excel could take the text for a formula when the cell is edited.
pub fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// A text format and its quote-prefixed twin.
pub struct TextFormat {
    plain: Format,
    quoted: Format,
}

impl TextFormat {
    pub fn new(f: Format) -> TextFormat {
        TextFormat {
            quoted: f.clone().set_quote_prefix(),
            plain: f,
        }
    }

    pub fn for_text(&self, s: &str) -> &Format {
        if looks_like_formula(s) {
            &self.quoted
        } else {
            &self.plain
        }
    }
}

/// Every format the report uses, made once per workbook.
pub struct Styles {
    pub title: TextFormat,
    pub subtitle: TextFormat,
    pub subtitle_right: TextFormat,
    pub header: TextFormat,
    pub section: TextFormat,
    pub text: TextFormat,
    pub wrap: TextFormat,
    /// Wrapped and indented: a 其中 row under its total.
    pub indented: TextFormat,
    pub center: TextFormat,
    pub int: Format,
    pub decimal1: Format,
    pub decimal2: Format,
    pub yuan: Format,
    pub number: Format,
    pub percent: Format,
    pub date: Format,
    pub month: Format,
    /// The same, bold, for total rows.
    pub total_text: TextFormat,
    pub total_int: Format,
    pub total_decimal1: Format,
    pub total_decimal2: Format,
    pub total_yuan: Format,
    pub total_number: Format,
    pub total_percent: Format,
    pub cover_title: TextFormat,
    pub cover_label: TextFormat,
    pub cover_value: TextFormat,
    pub note: TextFormat,
}

fn body() -> Format {
    Format::new()
        .set_font_name(BODY_FONT)
        .set_font_charset(CHARSET_GB2312)
        .set_font_size(BODY_SIZE)
        .set_align(FormatAlign::VerticalCenter)
}

fn cell() -> Format {
    body().set_border(FormatBorder::Thin)
}

fn title_font(size: f64) -> Format {
    Format::new()
        .set_font_name(TITLE_FONT)
        .set_font_charset(CHARSET_GB2312)
        .set_font_size(size)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

impl Styles {
    pub fn new() -> Styles {
        let total = || cell().set_bold();
        Styles {
            title: TextFormat::new(title_font(18.0)),
            subtitle: TextFormat::new(body().set_align(FormatAlign::Left)),
            subtitle_right: TextFormat::new(body().set_align(FormatAlign::Right)),
            header: TextFormat::new(
                cell()
                    .set_bold()
                    .set_text_wrap()
                    .set_align(FormatAlign::Center)
                    .set_background_color(Color::RGB(0xF2F2F2)),
            ),
            section: TextFormat::new(body().set_bold().set_font_size(11)),
            text: TextFormat::new(cell()),
            wrap: TextFormat::new(cell().set_text_wrap()),
            indented: TextFormat::new(cell().set_text_wrap().set_indent(2)),
            center: TextFormat::new(cell().set_align(FormatAlign::Center)),
            int: cell().set_align(FormatAlign::Center).set_num_format("0"),
            decimal1: cell().set_align(FormatAlign::Center).set_num_format("0.0"),
            decimal2: cell().set_align(FormatAlign::Center).set_num_format("0.00"),
            yuan: cell().set_align(FormatAlign::Right).set_num_format(YUAN),
            number: cell().set_align(FormatAlign::Center),
            percent: cell().set_align(FormatAlign::Center).set_num_format("0.0%"),
            date: cell()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy-mm-dd"),
            month: cell()
                .set_align(FormatAlign::Center)
                .set_num_format("yyyy.mm"),
            total_text: TextFormat::new(total().set_align(FormatAlign::Center).set_text_wrap()),
            total_int: total().set_align(FormatAlign::Center).set_num_format("0"),
            total_decimal1: total().set_align(FormatAlign::Center).set_num_format("0.0"),
            total_number: total().set_align(FormatAlign::Center),
            total_decimal2: total()
                .set_align(FormatAlign::Center)
                .set_num_format("0.00"),
            total_yuan: total().set_align(FormatAlign::Right).set_num_format(YUAN),
            total_percent: total()
                .set_align(FormatAlign::Center)
                .set_num_format("0.0%"),
            cover_title: TextFormat::new(title_font(22.0).set_text_wrap()),
            cover_label: TextFormat::new(
                cell()
                    .set_font_size(12)
                    .set_bold()
                    .set_align(FormatAlign::Center),
            ),
            cover_value: TextFormat::new(cell().set_font_size(12).set_text_wrap()),
            note: TextFormat::new(body().set_font_size(9).set_text_wrap()),
        }
    }

    fn format(&self, kind: Kind, total: bool, text: &str) -> &Format {
        match (kind, total) {
            (Kind::Text, false) => self.text.for_text(text),
            (Kind::Wrap, false) => self.wrap.for_text(text),
            (Kind::Center, false) => self.center.for_text(text),
            (Kind::Text | Kind::Wrap | Kind::Center, true) => self.total_text.for_text(text),
            (Kind::Int, false) => &self.int,
            (Kind::Int, true) => &self.total_int,
            (Kind::Decimal1, false) => &self.decimal1,
            (Kind::Decimal1, true) => &self.total_decimal1,
            (Kind::Decimal2, false) => &self.decimal2,
            (Kind::Decimal2, true) => &self.total_decimal2,
            (Kind::Yuan, false) => &self.yuan,
            (Kind::Yuan, true) => &self.total_yuan,
            (Kind::Number, false) => &self.number,
            (Kind::Number, true) => &self.total_number,
            (Kind::Percent, false) => &self.percent,
            (Kind::Percent, true) => &self.total_percent,
            (Kind::Date, _) => &self.date,
            (Kind::Month, _) => &self.month,
        }
    }
}

/// The workbook with 宋体 as its default font, so even empty cells match the forms.
pub fn new_workbook() -> XResult<Workbook> {
    let mut wb = Workbook::new();
    // 72 px columns and 18 px rows are Excel's defaults for 宋体 11.
    wb.set_default_format(
        &Format::new()
            .set_font_name(BODY_FONT)
            .set_font_charset(CHARSET_GB2312)
            .set_font_size(11),
        18,
        72,
    )?;
    Ok(wb)
}

/// Writes user text as a string (never a formula), quote-prefixed where it looks like one.
pub fn put_text(ws: &mut Worksheet, row: u32, col: u16, s: &str, f: &TextFormat) -> XResult<()> {
    ws.write_string_with_format(row, col, s, f.for_text(s))?;
    Ok(())
}

/// A merged range of text; user text is safe here too.
pub fn put_merged(
    ws: &mut Worksheet,
    (r1, c1, r2, c2): (u32, u16, u32, u16),
    s: &str,
    f: &TextFormat,
) -> XResult<()> {
    if r1 == r2 && c1 == c2 {
        return put_text(ws, r1, c1, s, f);
    }
    ws.merge_range(r1, c1, r2, c2, s, f.for_text(s))?;
    Ok(())
}

pub fn put_cell(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    col: u16,
    kind: Kind,
    total: bool,
    value: &Cell,
) -> XResult<()> {
    match value {
        Cell::Blank => ws.write_blank(row, col, styles.format(kind, total, ""))?,
        Cell::Text(s) => ws.write_string_with_format(row, col, s, styles.format(kind, total, s))?,
        Cell::Int(n) => {
            ws.write_number_with_format(row, col, *n as f64, styles.format(kind, total, ""))?
        }
        Cell::Num(x) => {
            ws.write_number_with_format(row, col, *x, styles.format(kind, total, ""))?
        }
        Cell::Date(d) => match excel_date(*d) {
            Some(x) => ws.write_date_with_format(row, col, &x, styles.format(kind, total, ""))?,
            None => {
                ws.write_string_with_format(row, col, crate::dates::text(*d), &styles.text.plain)?
            }
        },
    };
    Ok(())
}

/// Excel holds dates from 1900 to 9999; outside that a date is written as text.
fn excel_date(d: NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// A date as a clerk writes it on a form: 2026年6月30日.
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Row 0: the merged title; row 1: the subtitle with 填报单位 on the left and the date (and
/// unit) on the right. Returns the first free row.
pub fn title_rows(
    ws: &mut Worksheet,
    styles: &Styles,
    title: &str,
    subtitle_left: &str,
    subtitle_right: &str,
    last_col: u16,
) -> XResult<u32> {
    put_merged(ws, (0, 0, 0, last_col), title, &styles.title)?;
    ws.set_row_height(0, 34)?;
    // Left part over the first half of the columns, right part over the rest.
    let split = (last_col / 2).max(1).min(last_col);
    if last_col == 0 {
        put_text(ws, 1, 0, subtitle_left, &styles.subtitle)?;
    } else {
        put_merged(ws, (1, 0, 1, split - 1), subtitle_left, &styles.subtitle)?;
        put_merged(
            ws,
            (1, split, 1, last_col),
            subtitle_right,
            &styles.subtitle_right,
        )?;
    }
    ws.set_row_height(1, 20)?;
    Ok(2)
}

/// One header row over `columns`, tall enough for the longest wrapped header.
pub fn header_row(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    columns: &[Column],
    widths: &[f64],
) -> XResult<()> {
    let mut lines = 1;
    for (i, c) in columns.iter().enumerate() {
        put_text(ws, row, i as u16, &c.header, &styles.header)?;
        lines = lines.max(lines_needed(
            &c.header,
            widths.get(i).copied().unwrap_or(8.0),
        ));
    }
    ws.set_row_height(row, row_height(lines))?;
    Ok(())
}

/// Points for a row of `lines` lines of body text.
pub fn row_height(lines: usize) -> f64 {
    4.0 + 13.5 * lines as f64
}

pub fn set_widths(ws: &mut Worksheet, widths: &[f64]) -> XResult<()> {
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    Ok(())
}

/// A4, fit to one page wide, page numbers in the footer.
pub fn page_setup(ws: &mut Worksheet, landscape: bool) {
    ws.set_paper_size(PAPER_A4);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页 共 &N 页");
}

/// [`page_setup`] in landscape, with the header rows repeated on every page and the panes
/// frozen under them (and right of `frozen_cols`).
pub fn print_setup(ws: &mut Worksheet, header_rows: (u32, u32), frozen_cols: u16) -> XResult<()> {
    page_setup(ws, true);
    ws.set_repeat_rows(header_rows.0, header_rows.1)?;
    ws.set_freeze_panes(header_rows.1 + 1, frozen_cols)?;
    Ok(())
}

/// Writes `columns` with their header at `header_row` and `rows` under it; a row whose
/// index is in `total_rows` is bold. Returns the row after the table.
pub fn table(
    ws: &mut Worksheet,
    styles: &Styles,
    header_row_index: u32,
    columns: &[Column],
    widths: &[f64],
    rows: &[Vec<Cell>],
    is_total: impl Fn(usize) -> bool,
) -> XResult<u32> {
    header_row(ws, styles, header_row_index, columns, widths)?;
    let mut r = header_row_index + 1;
    for (i, cells) in rows.iter().enumerate() {
        write_row(ws, styles, r, columns, widths, cells, is_total(i))?;
        r += 1;
    }
    Ok(r)
}

/// One data row, its height set for its tallest wrapped cell, so that Excel and LibreOffice
/// need not guess.
pub fn write_row(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    columns: &[Column],
    widths: &[f64],
    cells: &[Cell],
    total: bool,
) -> XResult<()> {
    let mut lines = 1;
    for (i, (c, v)) in columns.iter().zip(cells).enumerate() {
        put_cell(ws, styles, row, i as u16, c.kind, total, v)?;
        if let (Kind::Wrap, Cell::Text(s)) = (c.kind, v) {
            lines = lines.max(lines_needed(s, widths.get(i).copied().unwrap_or(8.0)));
        }
    }
    ws.set_row_height(row, row_height(lines))?;
    Ok(())
}

/// A header group: a title over several columns, or one column whose header spans both
/// header rows (when it has a single column with the group's own title).
pub struct Group {
    pub title: String,
    pub columns: Vec<Column>,
}

impl Group {
    pub fn single(c: Column) -> Group {
        Group {
            title: c.header.clone(),
            columns: vec![c],
        }
    }

    pub fn of(title: impl Into<String>, columns: Vec<Column>) -> Group {
        Group {
            title: title.into(),
            columns,
        }
    }

    fn is_single(&self) -> bool {
        self.columns.len() == 1 && self.columns[0].header == self.title
    }
}

pub fn flatten(groups: &[Group]) -> Vec<Column> {
    groups
        .iter()
        .flat_map(|g| g.columns.iter().cloned())
        .collect()
}

/// Two header rows at `row` and `row + 1`: group titles merged over their columns, single
/// columns merged down both rows.
pub fn grouped_header(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    groups: &[Group],
    widths: &[f64],
) -> XResult<()> {
    let width_of = |c: usize| widths.get(c).copied().unwrap_or(8.0);
    let (mut top, mut bottom) = (1, 1);
    let mut c = 0usize;
    for g in groups {
        let n = g.columns.len();
        if n == 0 {
            continue;
        }
        let (first, last) = (c as u16, (c + n - 1) as u16);
        if g.is_single() {
            put_merged(ws, (row, first, row + 1, first), &g.title, &styles.header)?;
            bottom = bottom.max(lines_needed(&g.title, width_of(c)).saturating_sub(1));
        } else {
            put_merged(ws, (row, first, row, last), &g.title, &styles.header)?;
            let span: f64 = (c..c + n).map(width_of).sum();
            top = top.max(lines_needed(&g.title, span));
            for (i, col) in g.columns.iter().enumerate() {
                put_text(ws, row + 1, (c + i) as u16, &col.header, &styles.header)?;
                bottom = bottom.max(lines_needed(&col.header, width_of(c + i)));
            }
        }
        c += n;
    }
    ws.set_row_height(row, row_height(top))?;
    ws.set_row_height(row + 1, row_height(bottom.max(1)))?;
    Ok(())
}

/// A note under a table, merged across it.
pub fn note(
    ws: &mut Worksheet,
    styles: &Styles,
    row: u32,
    last_col: u16,
    text: &str,
) -> XResult<()> {
    put_merged(ws, (row, 0, row, last_col), text, &styles.note)?;
    let width: f64 = 8.0 * f64::from(last_col + 1);
    ws.set_row_height(row, 3.0 + 12.0 * lines_needed(text, width) as f64)?;
    Ok(())
}

/// A sheet that is one table with a row per community under a two-row grouped header (配备情况,
/// 岗位等级与薪酬): the rows from `totals_from` on are bold, a note closes it, and the header
/// rows repeat on every page with 序号 and 社区 frozen.
pub struct CommunityTable<'a> {
    pub title: &'a str,
    pub subtitle_left: String,
    pub subtitle_right: String,
    pub groups: Vec<Group>,
    pub rows: Vec<Vec<Cell>>,
    pub totals_from: usize,
    pub note: &'a str,
}

/// The header rows of a [`CommunityTable`].
pub const COMMUNITY_HEADER_ROW: u32 = 2;

pub fn community_table(ws: &mut Worksheet, styles: &Styles, t: &CommunityTable) -> XResult<()> {
    let columns = flatten(&t.groups);
    let last_col = columns.len().saturating_sub(1) as u16;
    let widths = fit_widths(&columns, &t.rows);
    title_rows(
        ws,
        styles,
        t.title,
        &t.subtitle_left,
        &t.subtitle_right,
        last_col,
    )?;
    set_widths(ws, &widths)?;
    let header = COMMUNITY_HEADER_ROW;
    grouped_header(ws, styles, header, &t.groups, &widths)?;
    let mut r = header + 2;
    for (i, row) in t.rows.iter().enumerate() {
        write_row(ws, styles, r, &columns, &widths, row, i >= t.totals_from)?;
        r += 1;
    }
    note(ws, styles, r + 1, last_col, t.note)?;
    print_setup(ws, (header, header + 1), 2)
}

/// A titled table on a sheet that holds several: a summary sheet with its short lists.
pub struct Section {
    pub title: String,
    /// One header row when every group is a single column, two otherwise.
    pub groups: Vec<Group>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows from this index on are totals (bold); `rows.len()` when there are none.
    pub totals_from: usize,
    /// Shown under the header when there are no rows.
    pub empty: String,
}

/// What [`section_sheet`] writes above and below its sections.
pub struct SectionSheet<'a> {
    pub title: &'a str,
    pub subtitle_left: String,
    pub subtitle_right: String,
    pub note: &'a str,
    /// Landscape for wide lists; portrait for a narrow sheet that is long (as the cover).
    pub landscape: bool,
}

/// One column per group: a section whose header is a single row.
pub fn singles(columns: Vec<Column>) -> Vec<Group> {
    columns.into_iter().map(Group::single).collect()
}

/// A sheet of sections stacked in one grid of columns: each grid column is as wide as its
/// widest use. A4, one page wide; the title rows repeat on every page (the sections have
/// headers of their own).
pub fn section_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    sheet: &SectionSheet,
    sections: &[Section],
) -> XResult<()> {
    let columns: Vec<Vec<Column>> = sections.iter().map(|s| flatten(&s.groups)).collect();
    let n = columns.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let last_col = (n - 1) as u16;
    let mut widths = vec![0.0f64; n];
    for (s, cols) in sections.iter().zip(&columns) {
        for (w, fit) in widths.iter_mut().zip(fit_widths(cols, &s.rows)) {
            *w = w.max(fit);
        }
    }
    title_rows(
        ws,
        styles,
        sheet.title,
        &sheet.subtitle_left,
        &sheet.subtitle_right,
        last_col,
    )?;
    set_widths(ws, &widths)?;
    let mut r = 3;
    for (s, cols) in sections.iter().zip(&columns) {
        put_merged(ws, (r, 0, r, last_col), &s.title, &styles.section)?;
        ws.set_row_height(r, 22)?;
        r += 1;
        if s.groups.iter().all(Group::is_single) {
            header_row(ws, styles, r, cols, &widths)?;
            r += 1;
        } else {
            grouped_header(ws, styles, r, &s.groups, &widths)?;
            r += 2;
        }
        for (i, cells) in s.rows.iter().enumerate() {
            write_row(ws, styles, r, cols, &widths, cells, i >= s.totals_from)?;
            r += 1;
        }
        if s.rows.is_empty() {
            let end = (cols.len().max(1) - 1) as u16;
            put_merged(ws, (r, 0, r, end), &s.empty, &styles.center)?;
            r += 1;
        }
        r += 1;
    }
    note(ws, styles, r, last_col, sheet.note)?;
    page_setup(ws, sheet.landscape);
    ws.set_repeat_rows(0, 1)?;
    ws.set_freeze_panes(2, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text() {
        for s in ["=SUM(A1)", "+8613800000000", "-1", "@cmd"] {
            assert!(looks_like_formula(s), "{s}");
        }
        for s in ["网格员", "SUM", " =x", ""] {
            assert!(!looks_like_formula(s), "{s}");
        }
    }

    #[test]
    fn formula_like_text_gets_the_quote_prefix() {
        let styles = Styles::new();
        let plain = styles.text.for_text("网格员").clone();
        assert_eq!(
            styles.text.for_text("=SUM(A1)"),
            &plain.clone().set_quote_prefix()
        );
        assert_ne!(styles.wrap.for_text("+86"), styles.wrap.for_text("86"));
    }

    #[test]
    fn chinese_text_width() {
        assert!((text_width("社区ab") - 5.2).abs() < 1e-9);
        // 7.8 units hold four Chinese characters a line.
        assert_eq!(lines_needed("社区专职工作人员", 8.0), 2);
        assert_eq!(lines_needed("参加社区工作时间", 7.5), 3);
        assert_eq!(lines_needed("性别", 5.0), 1);
        assert_eq!(lines_needed("浙江大学\n社会工作", 15.0), 2);
    }

    #[test]
    fn dates_outside_excel_are_text() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert!(excel_date(d(2026, 6, 30)).is_some());
        assert!(excel_date(d(1850, 1, 1)).is_none());
        assert_eq!(chinese_date(d(2026, 6, 3)), "2026年6月3日");
    }
}
