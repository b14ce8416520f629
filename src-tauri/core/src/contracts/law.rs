//! 劳动合同法 as checks on a contract's dates: takes a term (start, last day or none) and a
//! probation end; gives a refusal citing the article (第十九条) or a flag (第十四条, 第四十四条).
//!
//! Boundaries (worked examples in `src-tauri/core/docs/contracts.md`, each a test below):
//! - a term is "under N months" when the day after its last day comes before start + N
//!   months (chrono's month arithmetic: 01-31 + 1 month = the last day of February). So
//!   2026-03-01..2027-02-28 is exactly one year (not "under 1 year");
//! - probation may last up to start + M months, exclusive: its last day is at most the day
//!   before. 2026-03-01 with a 2-month limit: at most 2026-04-30;
//! - under 3 months: no probation; 3 months to under 1 year: 1 month; 1 to under 3 years:
//!   2 months; 3 years or more, or open-ended: 6 months (第十九条第一、三款);
//! - probation lies inside the term (第十九条第四款): from the start to the last day at most.

use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::ContractKind;
use chrono::{Days, Months, NaiveDate};

/// A contract's term: the first day and, unless open-ended, the last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

fn plus_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX)
}

fn day_before(d: NaiveDate) -> NaiveDate {
    d.pred_opt().unwrap_or(d)
}

impl Term {
    /// Whether the term is shorter than `months` (an open-ended term never is).
    pub fn shorter_than(&self, months: u32) -> bool {
        self.end
            .is_some_and(|end| next_day(end) < plus_months(self.start, months))
    }

    /// The longest probation the law allows, in months, with the words for the term; None
    /// when no probation may be agreed (under 3 months).
    pub fn probation_limit(&self) -> Option<(u32, &'static str)> {
        if self.shorter_than(3) {
            None
        } else if self.shorter_than(12) {
            Some((1, "三个月以上不满一年"))
        } else if self.shorter_than(36) {
            Some((2, "一年以上不满三年"))
        } else if self.end.is_some() {
            Some((6, "三年以上固定期限"))
        } else {
            Some((6, "无固定期限"))
        }
    }

    /// The last day a probation may run to under [`Term::probation_limit`].
    pub fn latest_probation_end(&self) -> Option<NaiveDate> {
        let (months, _) = self.probation_limit()?;
        let latest = day_before(plus_months(self.start, months));
        Some(self.end.map_or(latest, |e| latest.min(e)))
    }
}

/// Checks the term and its probation against 第十九条; the field named is the form's.
pub fn check_probation(term: &Term, probation_end: Option<NaiveDate>) -> Result<()> {
    let Some(p) = probation_end else {
        return Ok(());
    };
    let start = dates::text(term.start);
    if p < term.start {
        return Err(CoreError::validation(
            "probationEnd",
            format!(
                "试用期满日期 {} 早于合同开始日期 {start}，请改正。",
                dates::text(p)
            ),
        ));
    }
    if let Some(end) = term.end.filter(|e| p > *e) {
        return Err(CoreError::validation(
            "probationEnd",
            format!(
                "试用期包含在劳动合同期限内（劳动合同法第十九条第四款），试用期满日期 {} 不能晚于合同结束日期 {}。",
                dates::text(p),
                dates::text(end)
            ),
        ));
    }
    let span = match term.end {
        Some(end) => format!("{start} 至 {}", dates::text(end)),
        None => format!("{start} 起"),
    };
    let Some((months, words)) = term.probation_limit() else {
        return Err(CoreError::validation(
            "probationEnd",
            format!(
                "劳动合同期限不满三个月的，不得约定试用期（劳动合同法第十九条第三款）。本合同 {span} 不满三个月，请清空试用期满日期。"
            ),
        ));
    };
    let latest = day_before(plus_months(term.start, months));
    if p > latest {
        return Err(CoreError::validation(
            "probationEnd",
            format!(
                "劳动合同期限{words}的，试用期不得超过{}个月（劳动合同法第十九条第一款）。本合同 {span}，试用期最迟到 {}，请改正试用期满日期。",
                ["", "一", "二", "", "", "", "六"][months as usize],
                dates::text(latest)
            ),
        ));
    }
    Ok(())
}

/// The sentence a second probation with the same employer is refused with (第十九条第二款),
/// also the reason a probation cannot be extended.
pub const ONE_PROBATION: &str =
    "同一用人单位与同一劳动者只能约定一次试用期（劳动合同法第十九条第二款）";

/// Why 延长试用期 is refused, with what to do.
pub fn extension_refused() -> String {
    format!(
        "法律不允许延长试用期，也不能再次约定试用期：{ONE_PROBATION}。试用期满请登记“转正”；在试用期内被证明不符合录用条件的，可登记“不予录用”（第三十九条）。"
    )
}

/// 第十四条第二款: how many fixed-term contracts in a row (with one employer) come before a
/// renewal, and the years since the first of them; gives the flag's sentence, if any.
pub fn open_ended_right(
    fixed_before: usize,
    first_start: NaiveDate,
    renewal: (NaiveDate, ContractKind),
) -> Option<String> {
    let (start, kind) = renewal;
    if kind == ContractKind::OpenEnded {
        return None;
    }
    if fixed_before >= 2 {
        return Some(format!(
            "此前已连续订立 {fixed_before} 次固定期限劳动合同，续订时劳动者提出或者同意续订的，除劳动者提出订立固定期限劳动合同外，应当订立无固定期限劳动合同（劳动合同法第十四条第二款第三项）。请核实并留存劳动者本人的意见。"
        ));
    }
    if plus_months(first_start, 120) <= start {
        return Some(format!(
            "劳动者自 {} 起在本单位连续工作已满十年，提出或者同意续订的，除劳动者提出订立固定期限劳动合同外，应当订立无固定期限劳动合同（劳动合同法第十四条第二款第一项）。",
            dates::text(first_start)
        ));
    }
    None
}

/// 第十四条第二款第三项 before the renewal: the latest of `fixed_in_a_row` fixed-term contracts
/// (one employer) is running out; from the second on, the worker may ask for an open-ended one.
pub fn next_renewal(fixed_in_a_row: usize) -> Option<String> {
    (fixed_in_a_row >= 2).then(|| {
        format!(
            "已连续订立 {fixed_in_a_row} 次固定期限劳动合同：续订时劳动者提出或者同意续订的，除劳动者提出订立固定期限劳动合同外，应当订立无固定期限劳动合同（劳动合同法第十四条第二款第三项）。"
        )
    })
}

/// 第四十四条: a fixed-term contract whose last day is on or after the day the person reaches
/// the legal retirement age ends then by law; gives the flag's sentence, if any.
pub fn past_retirement(term: &Term, retires_on: NaiveDate, age: &str) -> Option<String> {
    let end = term.end?;
    (end >= retires_on).then(|| {
        format!(
            "合同结束日期 {} 不早于法定退休年龄（{age}）之日 {}：劳动者达到法定退休年龄的，劳动合同终止（劳动合同法第四十四条），请按退休日期安排。",
            dates::text(end),
            dates::text(retires_on)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, dates::ISO).expect("date")
    }

    fn term(start: &str, end: Option<&str>) -> Term {
        Term {
            start: d(start),
            end: end.map(d),
        }
    }

    fn refused(t: &Term, p: &str) -> String {
        check_probation(t, Some(d(p)))
            .expect_err("refused")
            .to_string()
    }

    // docs/contracts.md, example 1: exactly one year is not "under one year".
    #[test]
    fn one_year_exactly_allows_two_months() {
        let t = term("2026-03-01", Some("2027-02-28"));
        assert!(!t.shorter_than(12));
        assert_eq!(t.probation_limit().map(|l| l.0), Some(2));
        assert!(check_probation(&t, Some(d("2026-04-30"))).is_ok());
        let msg = refused(&t, "2026-05-01");
        assert!(msg.contains("一年以上不满三年"), "{msg}");
        assert!(msg.contains("不得超过二个月"), "{msg}");
        assert!(msg.contains("第十九条第一款"), "{msg}");
        assert!(msg.contains("最迟到 2026-04-30"), "{msg}");
    }

    // Example 2: one day short of a year allows one month only.
    #[test]
    fn a_day_short_of_a_year_allows_one_month() {
        let t = term("2026-03-01", Some("2027-02-27"));
        assert!(t.shorter_than(12));
        assert!(check_probation(&t, Some(d("2026-03-31"))).is_ok());
        let msg = refused(&t, "2026-04-01");
        assert!(msg.contains("三个月以上不满一年") && msg.contains("不得超过一个月"));
    }

    // Example 3: under three months, no probation at all; three months exactly allows one.
    #[test]
    fn under_three_months_no_probation() {
        let short = term("2026-03-01", Some("2026-05-30"));
        let msg = refused(&short, "2026-03-10");
        assert!(msg.contains("不得约定试用期") && msg.contains("第十九条第三款"));
        let three = term("2026-03-01", Some("2026-05-31"));
        assert!(check_probation(&three, Some(d("2026-03-31"))).is_ok());
        assert!(
            check_probation(&short, None).is_ok(),
            "no probation is fine"
        );
    }

    // Example 4: three years exactly, or open-ended, allow six months.
    #[test]
    fn three_years_or_open_ended_allow_six_months() {
        let three = term("2026-03-01", Some("2029-02-28"));
        assert_eq!(three.probation_limit().map(|l| l.0), Some(6));
        assert!(check_probation(&three, Some(d("2026-08-31"))).is_ok());
        assert!(refused(&three, "2026-09-01").contains("不得超过六个月"));
        let just_under = term("2026-03-01", Some("2029-02-27"));
        assert_eq!(just_under.probation_limit().map(|l| l.0), Some(2));
        let open = term("2026-03-01", None);
        assert_eq!(open.latest_probation_end(), Some(d("2026-08-31")));
        assert!(refused(&open, "2026-09-01").contains("无固定期限"));
    }

    // Month ends: 01-31 plus one month is the last day of February.
    #[test]
    fn month_ends_follow_the_calendar() {
        let t = term("2026-01-31", Some("2026-12-31"));
        assert_eq!(t.latest_probation_end(), Some(d("2026-02-27")));
        assert!(check_probation(&t, Some(d("2026-02-27"))).is_ok());
        assert!(check_probation(&t, Some(d("2026-02-28"))).is_err());
    }

    #[test]
    fn probation_lies_inside_the_term() {
        let t = term("2026-03-01", Some("2029-02-28"));
        assert!(refused(&t, "2026-02-28").contains("早于合同开始日期"));
        let tiny = term("2026-03-01", Some("2026-06-15"));
        assert_eq!(tiny.latest_probation_end(), Some(d("2026-03-31")));
    }

    // Example 5: the third fixed-term contract in a row is flagged, an open-ended one is not.
    #[test]
    fn two_fixed_terms_in_a_row_flag_the_next_renewal() {
        let first = d("2020-03-01");
        let renewal = (d("2026-03-01"), ContractKind::FixedTerm);
        assert!(open_ended_right(1, first, renewal).is_none());
        let flag = open_ended_right(2, first, renewal).expect("flag");
        assert!(flag.contains("第十四条第二款第三项"), "{flag}");
        assert!(open_ended_right(2, first, (d("2026-03-01"), ContractKind::OpenEnded)).is_none());
        // Ten years with the employer flag it too (第一项), on the day ten years are full.
        let ten = open_ended_right(1, d("2016-03-01"), renewal).expect("ten years");
        assert!(ten.contains("满十年"), "{ten}");
        assert!(open_ended_right(1, d("2016-03-02"), renewal).is_none());
    }

    #[test]
    fn the_second_fixed_term_in_a_row_warns_before_its_renewal() {
        assert!(next_renewal(1).is_none());
        let msg = next_renewal(2).expect("second");
        assert!(
            msg.contains("已连续订立 2 次") && msg.contains("第十四条"),
            "{msg}"
        );
    }

    // Example 6: a contract whose last day reaches the retirement day is flagged.
    #[test]
    fn past_retirement_from_the_day_the_age_is_reached() {
        let retires = d("2027-04-15");
        let t = term("2024-04-16", Some("2027-04-14"));
        assert!(past_retirement(&t, retires, "60 岁 1 个月").is_none());
        let t = term("2024-04-16", Some("2027-04-15"));
        let flag = past_retirement(&t, retires, "60 岁 1 个月").expect("flag");
        assert!(
            flag.contains("第四十四条") && flag.contains("2027-04-15"),
            "{flag}"
        );
        assert!(past_retirement(&term("2024-04-16", None), retires, "x").is_none());
    }

    #[test]
    fn extension_is_refused_with_the_reason() {
        let msg = extension_refused();
        assert!(msg.contains("法律不允许延长试用期") && msg.contains("第十九条第二款"));
    }
}
