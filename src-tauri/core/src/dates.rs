//! Dates cross every boundary as ISO `YYYY-MM-DD` text; these parse what arrives and say
//! in Chinese what to fix.

use crate::error::{CoreError, Result};
use chrono::NaiveDate;

pub const ISO: &str = "%Y-%m-%d";

/// A required date field.
pub fn required(field: &str, label: &str, input: &str) -> Result<NaiveDate> {
    optional(field, label, Some(input))?
        .ok_or_else(|| CoreError::validation(field, format!("请填写{label}。")))
}

/// An optional date field; blank means none.
pub fn optional(field: &str, label: &str, input: Option<&str>) -> Result<Option<NaiveDate>> {
    let Some(text) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(text, ISO)
        .ok()
        .filter(|d| d.format(ISO).to_string() == text)
        .map(Some)
        .ok_or_else(|| {
            CoreError::validation(
                field,
                format!("{label}“{text}”不是有效日期，请按 年-月-日 填写，例如 2024-03-01。"),
            )
        })
}

/// The day a year's lists and figures are taken on: 31 December, or `today` while the year
/// is still running.
pub fn year_as_of(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31)
        .unwrap_or(today)
        .min(today)
}

pub fn text(date: NaiveDate) -> String {
    date.format(ISO).to_string()
}

/// Whole years from `from` to `to` (age, years of service).
pub fn whole_years(from: NaiveDate, to: NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut years = i64::from(to.year() - from.year());
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_only() {
        assert!(required("d", "入职时间", "2024-03-01").is_ok());
        assert!(required("d", "入职时间", "2024-02-30").is_err());
        assert!(required("d", "入职时间", "2024/3/1").is_err());
        let err = required("hiredOn", "入职时间", "").expect_err("blank");
        assert_eq!(err.field(), Some("hiredOn"));
        assert!(err.to_string().contains("请填写入职时间"));
        assert_eq!(optional("d", "x", Some("  ")).expect("blank ok"), None);
    }

    #[test]
    fn years_between() {
        let d = |s| NaiveDate::parse_from_str(s, ISO).expect("date");
        assert_eq!(whole_years(d("1980-05-10"), d("2024-05-09")), 43);
        assert_eq!(whole_years(d("1980-05-10"), d("2024-05-10")), 44);
    }
}
