//! 法定退休年龄 under the 2025 gradual reform (全国人大常委会《关于实施渐进式延迟法定退休年龄的
//! 决定》, in force 2025-01-01): takes a birth date, the sex and, for women, the age they would
//! have retired at before the reform; gives the retirement age in months and the month the
//! person reaches it. Labour contracts (a contract running past it is flagged) and the roster's
//! 退休 reminders build on this.
//!
//! The rule, from the decision's tables:
//! - men (原 60 岁): from those born in January 1965, one month later for every 4 months of birth,
//!   up to 63 (born September 1976 or later);
//! - women who would have retired at 55 (管理、技术岗位): from January 1970, one month per 4
//!   months, up to 58 (born September 1981 or later);
//! - women who would have retired at 50 (其他岗位): from January 1975, one month per 2 months,
//!   up to 55 (born November 1984 or later).
//!
//! Which of the two women's ages applies to community workers differs by locality (many treat
//! 社区专职工作人员 as 50, some 两委 posts as 55), so it is the caller's parameter.
//! Worked example: a man born 1965-03-15 retires at 60 years 1 month, in 2025-04.
//! 弹性提前/延迟退休 (up to 3 years, by the person's choice) is a personal decision, not computed.

use super::status::STATUS_SQL;
use crate::dates;
use crate::error::Result;
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{named_params, Connection};

/// The age a woman would have retired at before the 2025 reform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormerFemaleAge {
    /// 原法定退休年龄 50 岁.
    Fifty,
    /// 原法定退休年龄 55 岁.
    FiftyFive,
}

/// Who retires when: the sex as the ID number gives it ("男" / "女").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetirementGroup {
    Man,
    Woman(FormerFemaleAge),
}

struct Schedule {
    /// The former age, in months.
    former_months: u32,
    /// The first birth month that retires later (year, month).
    first_delayed: (i32, u32),
    /// Birth months per month of delay.
    step: u32,
    /// The most months of delay.
    most: u32,
}

fn schedule(group: RetirementGroup) -> Schedule {
    match group {
        RetirementGroup::Man => Schedule {
            former_months: 60 * 12,
            first_delayed: (1965, 1),
            step: 4,
            most: 36,
        },
        RetirementGroup::Woman(FormerFemaleAge::FiftyFive) => Schedule {
            former_months: 55 * 12,
            first_delayed: (1970, 1),
            step: 4,
            most: 36,
        },
        RetirementGroup::Woman(FormerFemaleAge::Fifty) => Schedule {
            former_months: 50 * 12,
            first_delayed: (1975, 1),
            step: 2,
            most: 60,
        },
    }
}

/// Months from the first day of (year, month) to the first day of `d`'s month.
fn months_since(start: (i32, u32), d: NaiveDate) -> i64 {
    i64::from(d.year() - start.0) * 12 + i64::from(d.month()) - i64::from(start.1)
}

/// The legal retirement age in whole months for someone born on `birth`.
pub fn retirement_age_months(birth: NaiveDate, group: RetirementGroup) -> u32 {
    let s = schedule(group);
    let since = months_since(s.first_delayed, birth);
    if since < 0 {
        return s.former_months;
    }
    let delay = (since / i64::from(s.step) + 1).min(i64::from(s.most));
    s.former_months + delay as u32
}

/// The month in which the person reaches the legal retirement age, as its first day.
pub fn retirement_month(birth: NaiveDate, group: RetirementGroup) -> NaiveDate {
    let total = i64::from(birth.month0()) + i64::from(retirement_age_months(birth, group));
    let year = birth.year() + (total / 12) as i32;
    let month = (total % 12) as u32 + 1;
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
}

/// Who retires when, from the sex on the ID number: women at their former 55, as DOMAIN gives
/// for 两委 and 专职 staff, until the former age is kept per person.
pub fn group_of(gender: &str) -> RetirementGroup {
    if gender == "女" {
        RetirementGroup::Woman(FormerFemaleAge::FiftyFive)
    } else {
        RetirementGroup::Man
    }
}

/// The day the legal retirement age is reached (the birthday at that age in months), with the
/// age in words.
pub fn retirement_day(birth: NaiveDate, group: RetirementGroup) -> Option<(NaiveDate, String)> {
    let months = retirement_age_months(birth, group);
    birth
        .checked_add_months(Months::new(months))
        .map(|day| (day, age_text(months)))
}

/// How far ahead 即将退休 looks: the home page's reminder and the roster's filter.
pub const RETIRING_WITHIN_MONTHS: u32 = 6;

/// People in post on `as_of` (在岗 or 试用期, any category) who reach the legal retirement age
/// within `months` months after it, or have reached it and are still in post; soonest first.
/// Worked example: on 2026-12-05 with 6 months (to 2027-06-05), a man born 1966-03-10 (60 岁
/// 4 个月, reached 2026-07-10) is listed as past it, one born 1966-11-15 (60 岁 6 个月 →
/// 2027-05-15) as reaching it, and one born 1967-01-01 (60 岁 7 个月 → 2027-08-01) not at all.
pub fn retiring(conn: &Connection, as_of: NaiveDate, months: u32) -> Result<Vec<(i64, NaiveDate)>> {
    let until = as_of
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    let sql = format!(
        "SELECT w.id, w.birth_date, w.gender FROM workers w
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN {in_post}",
        in_post = super::status::in_post_sql()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(named_params! {":as_of": dates::text(as_of)}, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, birth, gender) = row?;
        let Ok(birth) = NaiveDate::parse_from_str(&birth, dates::ISO) else {
            continue;
        };
        if let Some((day, _)) = retirement_day(birth, group_of(&gender)) {
            if day <= until {
                out.push((id, day));
            }
        }
    }
    out.sort_by_key(|(id, day)| (*day, *id));
    Ok(out)
}

/// "60 岁 1 个月" / "63 岁", as the decision's tables write it.
pub fn age_text(months: u32) -> String {
    match months % 12 {
        0 => format!("{} 岁", months / 12),
        m => format!("{} 岁 {m} 个月", months / 12),
    }
}

#[cfg(test)]
mod tests {
    use super::FormerFemaleAge::{Fifty, FiftyFive};
    use super::RetirementGroup::{Man, Woman};
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn ym(x: NaiveDate) -> (i32, u32) {
        (x.year(), x.month())
    }

    #[test]
    fn men_before_the_reform_keep_60() {
        assert_eq!(retirement_age_months(d(1964, 12, 31), Man), 720);
        assert_eq!(ym(retirement_month(d(1964, 12, 31), Man)), (2024, 12));
    }

    // The decision's table for men: 1965-01..04 → 60 岁 1 个月, retiring 2025-02..05;
    // 1965-05..08 → 60 岁 2 个月, 2025-07..10; 1976-09 and later → 63 岁.
    #[test]
    fn men_published_rows() {
        assert_eq!(
            age_text(retirement_age_months(d(1965, 1, 1), Man)),
            "60 岁 1 个月"
        );
        assert_eq!(ym(retirement_month(d(1965, 1, 20), Man)), (2025, 2));
        assert_eq!(ym(retirement_month(d(1965, 4, 30), Man)), (2025, 5));
        assert_eq!(
            age_text(retirement_age_months(d(1965, 5, 1), Man)),
            "60 岁 2 个月"
        );
        assert_eq!(ym(retirement_month(d(1965, 5, 1), Man)), (2025, 7));
        assert_eq!(ym(retirement_month(d(1965, 8, 9), Man)), (2025, 10));
        assert_eq!(
            age_text(retirement_age_months(d(1976, 8, 31), Man)),
            "62 岁 11 个月"
        );
        assert_eq!(age_text(retirement_age_months(d(1976, 9, 1), Man)), "63 岁");
        assert_eq!(ym(retirement_month(d(1976, 9, 1), Man)), (2039, 9));
        assert_eq!(age_text(retirement_age_months(d(1990, 6, 1), Man)), "63 岁");
    }

    // Women formerly 55: 1970-01..04 → 55 岁 1 个月 (2025-02..05); 1981-09 and later → 58 岁.
    #[test]
    fn women_formerly_55_published_rows() {
        let g = Woman(FiftyFive);
        assert_eq!(retirement_age_months(d(1969, 12, 1), g), 660);
        assert_eq!(
            age_text(retirement_age_months(d(1970, 1, 1), g)),
            "55 岁 1 个月"
        );
        assert_eq!(ym(retirement_month(d(1970, 4, 1), g)), (2025, 5));
        assert_eq!(age_text(retirement_age_months(d(1981, 9, 1), g)), "58 岁");
        assert_eq!(ym(retirement_month(d(1981, 9, 1), g)), (2039, 9));
    }

    // Women formerly 50: 1975-01..02 → 50 岁 1 个月 (2025-02..03); 1975-03..04 → 50 岁 2 个月
    // (2025-05..06); 1984-11 and later → 55 岁.
    #[test]
    fn women_formerly_50_published_rows() {
        let g = Woman(Fifty);
        assert_eq!(retirement_age_months(d(1974, 12, 1), g), 600);
        assert_eq!(ym(retirement_month(d(1975, 1, 1), g)), (2025, 2));
        assert_eq!(ym(retirement_month(d(1975, 2, 28), g)), (2025, 3));
        assert_eq!(
            age_text(retirement_age_months(d(1975, 3, 1), g)),
            "50 岁 2 个月"
        );
        assert_eq!(ym(retirement_month(d(1975, 3, 1), g)), (2025, 5));
        assert_eq!(ym(retirement_month(d(1975, 4, 1), g)), (2025, 6));
        assert_eq!(
            age_text(retirement_age_months(d(1984, 10, 1), g)),
            "54 岁 11 个月"
        );
        assert_eq!(age_text(retirement_age_months(d(1984, 11, 1), g)), "55 岁");
    }

    #[test]
    fn the_age_never_falls_as_birth_moves_later() {
        for group in [Man, Woman(FiftyFive), Woman(Fifty)] {
            let mut last = 0;
            let mut month = d(1955, 1, 1);
            while month < d(2000, 1, 1) {
                let age = retirement_age_months(month, group);
                assert!(age >= last, "never earlier: {group:?} {month}");
                assert!(
                    last == 0 || age - last <= 1,
                    "one month at a time: {group:?} {month}"
                );
                last = age;
                month = month
                    .checked_add_months(chrono::Months::new(1))
                    .expect("month");
            }
        }
    }
}
