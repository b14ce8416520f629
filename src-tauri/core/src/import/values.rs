//! One cell into one value. Rosters typed by different people over years write the same
//! thing many ways; every accepted form is listed here, and anything else is an error in
//! Chinese that says how to write it. Nothing is guessed: an ID number Excel turned into a
//! number has lost digits, and 2019.1 typed as a number may be January or October.

use super::read::Cell;
use crate::text::{compact_ascii, excerpt};
use crate::vocab::Variants;
use chrono::{Datelike, NaiveDate};

/// Spaces of every kind (non-breaking, ideographic, zero-width) made ordinary, runs of them
/// collapsed, the ends trimmed.
pub(crate) fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(c, '\u{200B}' | '\u{FEFF}') {
            continue;
        }
        if c.is_whitespace() || c == '\u{00A0}' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// Whether a text holds nothing but spaces of any kind (what [`clean_text`] makes empty),
/// without building the cleaned text.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{200B}' | '\u{FEFF}'))
}

/// The form a value is compared in: no spaces at all, full-width letters and digits half-width.
pub(crate) fn key(s: &str) -> String {
    compact_ascii(s)
}

/// Marks clerks write for "nothing here" in an optional column.
pub(crate) fn is_blank_marker(k: &str) -> bool {
    matches!(
        k,
        "/" | "\\" | "-" | "--" | "—" | "——" | "无" | "暂无" | "空" | "N/A" | "n/a"
    )
}

/// A number as Excel shows it in a General cell: whole numbers without a decimal point.
pub(crate) fn format_number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e21 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// What a cell shows, as text (samples, the error report, free-text fields).
pub(crate) fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => clean_text(t),
        Cell::Number(f) => format_number(*f),
        Cell::Date(Some(d)) => crate::dates::text(*d),
        Cell::Date(None) => "（无效日期）".into(),
        Cell::Bool(true) => "是".into(),
        Cell::Bool(false) => "否".into(),
        Cell::Error(e) => e.clone(),
    }
}

/// An optional free-text value: None when blank or a blank mark such as “/” or “无”.
pub(crate) fn optional_text(cell: &Cell) -> Option<String> {
    let t = display(cell);
    if t.is_empty() || is_blank_marker(&key(&t)) {
        None
    } else {
        Some(t)
    }
}

/// A person's name: Chinese names padded with spaces to line up in print (“张  三”) lose them.
pub(crate) fn person_name(cell: &Cell) -> Option<String> {
    let t = display(cell);
    if t.is_empty() {
        return None;
    }
    let cjk = t.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
    Some(if cjk {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t
    })
}

/// A date from a cell; `month_only` when the file gave a year and month (the 1st is used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateValue {
    pub date: NaiveDate,
    pub month_only: bool,
}

const DATE_FORMS: &str =
    "请写成 2019-03-01、2019/3/1、2019年3月1日，或只写年月，如 2019.03、2019年3月、201903";

fn bad_date(raw: &str) -> String {
    format!("“{}”不是可识别的日期。{DATE_FORMS}。", excerpt(raw))
}

fn plausible(d: NaiveDate, raw: &str) -> Result<NaiveDate, String> {
    if (1900..=2100).contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!(
            "“{}”换算成日期是 {}，不像真实的日期，请核对。{DATE_FORMS}。",
            excerpt(raw),
            crate::dates::text(d)
        ))
    }
}

fn ymd(y: i64, m: i64, d: i64, raw: &str) -> Result<NaiveDate, String> {
    let quoted = excerpt(raw);
    if !(1000..=9999).contains(&y) {
        return Err(format!("“{quoted}”的年份应写 4 位数字，{DATE_FORMS}。"));
    }
    let date = NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).ok_or_else(|| {
        if (1..=12).contains(&m) {
            format!("“{quoted}”不是真实的日期（{y} 年 {m} 月没有 {d} 日），请核对。")
        } else {
            format!("“{quoted}”中的月份 {m} 不对，月份应在 1 到 12 之间，请核对。")
        }
    })?;
    plausible(date, raw)
}

/// Excel's serial day numbers (1900 system): 1 = 1900-01-01, with Excel's phantom 1900-02-29.
fn from_serial(serial: f64, raw: &str) -> Result<NaiveDate, String> {
    let days = serial.floor() as i64;
    if days < 61 {
        return Err(bad_date(raw));
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or_else(|| bad_date(raw))?;
    let date = base
        .checked_add_days(chrono::Days::new(days as u64))
        .ok_or_else(|| bad_date(raw))?;
    plausible(date, raw)
}

/// A date in any of the usual forms: an Excel date, a serial number, or text such as
/// 2019-03-01, 2019/3/1, 2019.03, 2019.3, 2019年3月, 2019年3月1日, 20190301, 201903.
pub(crate) fn date(cell: &Cell) -> Result<Option<DateValue>, String> {
    let exact = |date| {
        Ok(Some(DateValue {
            date,
            month_only: false,
        }))
    };
    let month = |date| {
        Ok(Some(DateValue {
            date,
            month_only: true,
        }))
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(Some(d)) => exact(plausible(*d, &crate::dates::text(*d))?),
        Cell::Date(None) => Err(format!("单元格里不是有效的日期。{DATE_FORMS}。")),
        Cell::Bool(_) | Cell::Error(_) => Err(bad_date(&display(cell))),
        Cell::Number(f) => {
            let raw = format_number(*f);
            let f = *f;
            if f.fract() == 0.0 {
                let n = f as i64;
                match n {
                    19_000_101..=21_001_231 => {
                        exact(ymd(n / 10_000, n / 100 % 100, n % 100, &raw)?)
                    }
                    190_001..=210_012 => month(ymd(n / 100, n % 100, 1, &raw)?),
                    1900..=2100 => Err(format!(
                        "“{raw}”只有年份，请写出年月，例如 {raw}.03 或 {raw}年3月。"
                    )),
                    _ => exact(from_serial(f, &raw)?),
                }
            } else if (1900.0..2101.0).contains(&f) {
                // A year and month typed as a number: 2019.03 is kept as 2019.03, but Excel
                // stores 2019.10 as 2019.1, so a single 1 after the point is not decided here.
                let (year, frac) = raw.split_once('.').unwrap_or((&raw, ""));
                if frac == "1" {
                    return Err(format!(
                        "“{raw}”可能是 {year} 年 1 月，也可能是 {year} 年 10 月（Excel 把数字 {year}.10 存成了 {year}.1）。请把该列设为“文本”格式后写成 {year}.01 或 {year}.10，或写成 {year}年1月 / {year}年10月。"
                    ));
                }
                match frac.parse::<i64>() {
                    Ok(m) if frac.len() <= 2 => month(ymd(year.parse().unwrap_or(0), m, 1, &raw)?),
                    _ => Err(bad_date(&raw)),
                }
            } else {
                exact(from_serial(f, &raw)?)
            }
        }
        Cell::Text(t) => text_date(t),
    }
}

fn text_date(t: &str) -> Result<Option<DateValue>, String> {
    let shown = clean_text(t);
    // "2019-03-01 00:00:00": the time is not needed.
    let first = shown.split(' ').next().unwrap_or_default();
    let k = key(first);
    if k.is_empty() || is_blank_marker(&k) {
        return Ok(None);
    }
    let k = k.trim_end_matches(['日', '号']);
    let parts: Vec<&str> = k
        .split(['-', '/', '.', '年', '月', '、'])
        .filter(|p| !p.is_empty())
        .collect();
    if parts.iter().any(|p| !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(bad_date(&shown));
    }
    let num = |p: &str| p.parse::<i64>().unwrap_or(-1);
    let value = |date, month_only| Ok(Some(DateValue { date, month_only }));
    match parts.as_slice() {
        [all] if all.len() == 8 => {
            let n = num(all);
            value(ymd(n / 10_000, n / 100 % 100, n % 100, &shown)?, false)
        }
        [all] if all.len() == 6 => {
            let n = num(all);
            value(ymd(n / 100, n % 100, 1, &shown)?, true)
        }
        [all] if all.len() == 4 => Err(format!(
            "“{shown}”只有年份，请写出年月，例如 {all}.03 或 {all}年3月。"
        )),
        [y, m] if y.len() == 4 && m.len() <= 2 => value(ymd(num(y), num(m), 1, &shown)?, true),
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            value(ymd(num(y), num(m), num(d), &shown)?, false)
        }
        [y, ..] if y.len() == 2 => Err(format!(
            "“{}”的年份应写 4 位数字，{DATE_FORMS}。",
            excerpt(&shown)
        )),
        _ => Err(bad_date(&shown)),
    }
}

/// Excel shows a number with more than 11 digits as 1.10105E+17 in a General cell.
fn as_excel_shows(f: f64) -> String {
    if f.abs() >= 1e11 {
        let exp = f.abs().log10().floor() as i32;
        let mantissa = f / 10f64.powi(exp);
        format!("{}E+{exp}", format!("{mantissa:.5}").trim_end_matches('0'))
    } else {
        format_number(f)
    }
}

fn id_lost_digits(shown: &str) -> String {
    let shown = excerpt(shown);
    format!(
        "身份证号被 Excel 当成了数字（单元格里是 {shown}）：Excel 的数字只保留 15 位，后几位已经丢失，程序无法还原，也不会猜。请把这一列设为“文本”格式（选中该列 → 右键“设置单元格格式” → “文本”），重新录入完整的 18 位号码（或在号码前加英文单引号 '），保存后再导入。"
    )
}

/// The text of an ID number cell, normalised (full-width, spaces, lowercase x), or why the
/// cell cannot be an ID number. An ID stored as a number is always refused.
pub(crate) fn id_text(cell: &Cell) -> Result<Option<String>, String> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(f) => Err(id_lost_digits(&as_excel_shows(*f))),
        Cell::Text(t) => {
            // A quote typed to keep Excel from turning the number into a number.
            let k = key(t)
                .trim_start_matches(['\'', '‘', '’', '`'])
                .to_uppercase();
            if k.is_empty() {
                return Ok(None);
            }
            let scientific = k.contains("E+") || (k.contains('.') && k.contains('E'));
            if scientific {
                return Err(id_lost_digits(&clean_text(t)));
            }
            Ok(Some(k))
        }
        other => Err(format!(
            "“{}”不是身份证号，请核对这一列。",
            excerpt(&display(other))
        )),
    }
}

/// A hint added to a failed ID check when the number looks cut off by Excel.
pub(crate) fn id_hint(id: &str) -> Option<&'static str> {
    (id.len() == 18 && id.ends_with("000")).then_some(
        "号码末尾是 000，很可能是 Excel 把它当成数字后丢失了后几位：请把该列设为“文本”格式后重新录入完整号码。",
    )
}

/// A value of a closed list read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Listed {
    One(String),
    /// Several labels fit (研究生): the clerk chooses.
    Several(Vec<String>),
    Unknown,
}

/// Matches a cell text to a list: the label itself, a known variant (党员 -> 中共党员), or
/// for 民族 the name without 族 (汉 -> 汉族).
pub(crate) fn listed(raw: &str, list: &[&str], variants: Variants, ethnic: bool) -> Listed {
    let k = key(raw);
    if let Some(l) = list.iter().find(|l| key(l) == k) {
        return Listed::One((*l).to_string());
    }
    if let Some((_, labels)) = variants.iter().find(|(v, _)| key(v) == k) {
        return match labels {
            [one] => Listed::One((*one).to_string()),
            many => Listed::Several(many.iter().map(|s| s.to_string()).collect()),
        };
    }
    if ethnic {
        let with_zu = format!("{k}族");
        if let Some(l) = list.iter().find(|l| **l == with_zu) {
            return Listed::One((*l).to_string());
        }
    }
    Listed::Unknown
}

/// 是/否 in its usual spellings.
pub(crate) fn yes_no(cell: &Cell) -> Result<Option<bool>, String> {
    let k = match cell {
        Cell::Empty => return Ok(None),
        Cell::Bool(b) => return Ok(Some(*b)),
        other => key(&display(other)).to_uppercase(),
    };
    match k.as_str() {
        "" | "/" | "-" => Ok(None),
        "是" | "是的" | "有" | "Y" | "YES" | "√" | "✓" | "✔" | "1" | "对" | "TRUE" | "全日制" => {
            Ok(Some(true))
        }
        "否" | "不是" | "无" | "N" | "NO" | "×" | "✗" | "X" | "0" | "FALSE" | "非全日制"
        | "在职" => Ok(Some(false)),
        _ => Err(format!("“{}”应填“是”或“否”。", excerpt(&display(cell)))),
    }
}

/// A whole number of months: 18, 18个月, 3年, 3年2个月.
pub(crate) fn months(cell: &Cell) -> Result<Option<i64>, String> {
    let bad = |shown: &str| {
        format!(
            "“{}”应是整数月数，例如 18；也可以写成 3年 或 3年2个月。",
            excerpt(shown)
        )
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(f) if f.fract() == 0.0 && *f >= 0.0 => Ok(Some(*f as i64)),
        Cell::Text(t) => {
            let k = key(t);
            if k.is_empty() || is_blank_marker(&k) {
                return Ok(None);
            }
            let k = k.trim_end_matches("个月").trim_end_matches('月');
            let (years, rest) = match k.split_once('年') {
                Some((y, rest)) => (y.parse::<i64>().map_err(|_| bad(t))?, rest),
                None => (0, k),
            };
            let m = if rest.is_empty() {
                0
            } else {
                rest.parse::<i64>().map_err(|_| bad(t))?
            };
            Ok(Some(years * 12 + m))
        }
        other => Err(bad(&display(other))),
    }
}

/// 男/女 in their usual spellings; None for anything else.
pub(crate) fn gender(raw: &str) -> Option<&'static str> {
    match key(raw).to_uppercase().as_str() {
        "男" | "男性" | "M" | "MALE" => Some("男"),
        "女" | "女性" | "F" | "FEMALE" => Some("女"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn ok(cell: Cell) -> DateValue {
        date(&cell)
            .unwrap_or_else(|e| panic!("{cell:?}: {e}"))
            .expect("a date")
    }

    #[test]
    fn every_listed_date_form() {
        let full = [
            text("2019-03-01"),
            text("2019/3/1"),
            text("2019年3月1日"),
            text("20190301"),
            text("2019.3.1"),
            text("２０１９－０３－０１"),
            text("2019-03-01 00:00:00"),
            Cell::Number(20190301.0),
            Cell::Number(43525.0),
            Cell::Date(Some(d("2019-03-01"))),
        ];
        for c in full {
            let v = ok(c.clone());
            assert_eq!(v.date, d("2019-03-01"), "{c:?}");
            assert!(!v.month_only, "{c:?}");
        }
        let month_only = [
            text("2019.03"),
            text("2019.3"),
            text("2019年3月"),
            text("201903"),
            text("2019-03"),
            text("2019/03"),
            Cell::Number(201903.0),
            Cell::Number(2019.03),
        ];
        for c in month_only {
            let v = ok(c.clone());
            assert_eq!(v.date, d("2019-03-01"), "{c:?}");
            assert!(v.month_only, "{c:?}");
        }
        assert_eq!(ok(text("2019.10")).date, d("2019-10-01"));
        assert_eq!(ok(Cell::Number(2019.12)).date, d("2019-12-01"));
    }

    #[test]
    fn dates_that_are_refused() {
        for (c, needle) in [
            (text("2019"), "只有年份"),
            (Cell::Number(2019.0), "只有年份"),
            (Cell::Number(2019.1), "10 月"),
            (text("2019-02-30"), "不是真实的日期"),
            (text("2019-13-01"), "月份 13"),
            (text("19.03"), "4 位"),
            (text("去年三月"), "不是可识别的日期"),
            (Cell::Number(5.0), "不是可识别的日期"),
        ] {
            let err = date(&c).expect_err(needle);
            assert!(err.contains(needle), "{c:?}: {err}");
        }
        assert_eq!(date(&text(" / ")).expect("blank"), None);
        assert_eq!(date(&Cell::Empty).expect("blank"), None);
    }

    #[test]
    fn id_numbers() {
        assert_eq!(
            id_text(&text(" １１０１０５ 19491231\u{00A0}002ｘ ")).expect("ok"),
            Some("11010519491231002X".into())
        );
        let err = id_text(&Cell::Number(110105194912310000.0)).expect_err("number");
        assert!(err.contains("1.10105E+17") && err.contains("文本"), "{err}");
        let err = id_text(&text("1.10105E+17")).expect_err("text sci");
        assert!(err.contains("文本"), "{err}");
        assert!(id_hint("110105194912310000").is_some());
    }

    #[test]
    fn variants_and_choices() {
        use crate::vocab::*;
        let pol = |s| listed(s, POLITICAL_STATUSES, POLITICAL_STATUS_VARIANTS, false);
        assert_eq!(pol("党员"), Listed::One("中共党员".into()));
        assert_eq!(pol("预备党员"), Listed::One("中共预备党员".into()));
        assert_eq!(pol("团员"), Listed::One("共青团员".into()));
        assert_eq!(pol(" 群 众 "), Listed::One("群众".into()));
        assert_eq!(pol("党外人士"), Listed::Unknown);
        let edu = |s| listed(s, EDUCATION_LEVELS, EDUCATION_VARIANTS, false);
        assert_eq!(edu("本科"), Listed::One("大学本科".into()));
        assert_eq!(edu("大专"), Listed::One("大学专科".into()));
        assert_eq!(edu("中专／中技"), Listed::One("中专/中技".into()));
        assert_eq!(
            edu("研究生"),
            Listed::Several(vec!["博士研究生".into(), "硕士研究生".into()])
        );
        let eth = |s| listed(s, ETHNIC_GROUPS, ETHNIC_GROUP_VARIANTS, true);
        assert_eq!(eth("汉"), Listed::One("汉族".into()));
        assert_eq!(eth("回"), Listed::One("回族".into()));
        assert_eq!(eth("维族"), Listed::One("维吾尔族".into()));
        assert_eq!(eth("火星族"), Listed::Unknown);
    }

    #[test]
    fn names_months_and_yes_no() {
        assert_eq!(person_name(&text("张\u{3000}三")), Some("张三".into()));
        assert_eq!(
            person_name(&text(" 热依拉·买买提 ")),
            Some("热依拉·买买提".into())
        );
        assert_eq!(months(&text("3年2个月")).expect("ok"), Some(38));
        assert_eq!(months(&text("18")).expect("ok"), Some(18));
        assert_eq!(months(&Cell::Number(24.0)).expect("ok"), Some(24));
        assert!(months(&text("很久")).is_err());
        assert_eq!(yes_no(&text("是")).expect("ok"), Some(true));
        assert_eq!(yes_no(&text("√")).expect("ok"), Some(true));
        assert_eq!(yes_no(&text("否")).expect("ok"), Some(false));
        assert!(yes_no(&text("也许")).is_err());
        assert_eq!(gender("女性"), Some("女"));
        assert_eq!(
            clean_text("\u{00A0} 和平\u{3000}\u{3000}社区 "),
            "和平 社区"
        );
    }
}
