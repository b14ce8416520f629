//! 社区工作年限 as of a date (the roster shows it, grading counts levels by it): from
//! 参加社区工作时间 (or 入职时间) to the date or the exit, plus the months accumulated elsewhere in the province (省内流动累计), minus interruptions.
//! Where the grade rules say interrupted service does not count, the count starts at
//! 重新参加社区工作时间 instead and the earlier months (here and elsewhere) are dropped.
//!
//! One count everywhere: the person page, the roster export and the grade reasoning all take
//! the 中断前年限不计 setting from the grade rules ([`interruption_resets`]), so the years a
//! clerk reads on the roster are the years the grade was worked out from.

use super::WorkerInput;
use crate::error::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

/// Whether the ledger's grade rules say interrupted service does not count (中断前年限不计).
/// The rule is kept with the grade rules (a clerk sets it on the 岗位等级规则 page); every
/// count of 社区工作年限 reads it here.
pub(crate) fn interruption_resets(conn: &Connection) -> Result<bool> {
    Ok(crate::grades::get_rules(conn)?.interruption_resets)
}

/// The facts of a worker record that 社区工作年限 depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFacts {
    pub start: Option<NaiveDate>,
    pub prior_months: i64,
    pub interruption_months: i64,
    pub resumed_on: Option<NaiveDate>,
    pub exit: Option<NaiveDate>,
}

/// Whole months from `from` to `to` (0 if `to` is earlier).
pub(crate) fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return 0;
    }
    let mut m =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0)
}

fn parse(text: Option<&str>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse::<NaiveDate>().ok())
}

impl ServiceFacts {
    pub fn of(input: &WorkerInput, exit_date: Option<&str>) -> Self {
        ServiceFacts {
            start: parse(Some(
                input
                    .community_work_start
                    .as_deref()
                    .unwrap_or(&input.hired_on),
            )),
            prior_months: input.prior_service_months,
            interruption_months: input.interruption_months.unwrap_or(0),
            resumed_on: parse(input.service_resumed_on.as_deref()),
            exit: parse(exit_date),
        }
    }

    /// Credited months as of `as_of`; `interruption_resets` is the rule "interrupted service
    /// does not count".
    pub fn months(&self, as_of: NaiveDate, interruption_resets: bool) -> i64 {
        let end = self.exit.map_or(as_of, |d| d.min(as_of));
        if interruption_resets {
            if let Some(resumed) = self.resumed_on {
                return months_between(resumed, end);
            }
        }
        let here = self.start.map_or(0, |s| months_between(s, end));
        (here + self.prior_months - self.interruption_months).max(0)
    }

    /// How the count was made, for the reasoning lines: "自 2016-03-01 起，含省内此前 24 个月".
    pub(crate) fn describe(&self, interruption_resets: bool) -> String {
        let mut parts = Vec::new();
        if let (true, Some(r)) = (interruption_resets, self.resumed_on) {
            parts.push(format!(
                "自中断后重新参加社区工作的 {r} 起计，中断前年限不计"
            ));
            return parts.join("，");
        }
        if let Some(s) = self.start {
            parts.push(format!("自 {s} 起"));
        }
        if self.prior_months > 0 {
            parts.push(format!("含省内此前 {} 个月", self.prior_months));
        }
        if self.interruption_months > 0 {
            parts.push(format!("扣除中断 {} 个月", self.interruption_months));
        }
        parts.join("，")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    fn facts() -> ServiceFacts {
        ServiceFacts {
            start: Some(d("2016-03-01")),
            prior_months: 24,
            interruption_months: 6,
            resumed_on: Some(d("2020-01-01")),
            exit: None,
        }
    }

    #[test]
    fn accumulates_in_the_province_and_subtracts_interruptions() {
        // 2016-03-01 .. 2026-01-01 is 118 months; + 24 elsewhere − 6 interrupted = 136.
        assert_eq!(facts().months(d("2026-01-01"), false), 136);
        assert_eq!(facts().months(d("2026-01-01"), false) / 12, 11);
    }

    #[test]
    fn interrupted_service_can_be_left_out() {
        assert_eq!(facts().months(d("2026-01-01"), true), 72);
        let never = ServiceFacts {
            resumed_on: None,
            ..facts()
        };
        assert_eq!(never.months(d("2026-01-01"), true), 136);
    }

    #[test]
    fn stops_at_the_exit_and_never_goes_negative() {
        let left = ServiceFacts {
            exit: Some(d("2017-03-01")),
            prior_months: 0,
            interruption_months: 0,
            ..facts()
        };
        assert_eq!(left.months(d("2026-01-01"), false), 12);
        let odd = ServiceFacts {
            interruption_months: 500,
            ..facts()
        };
        assert_eq!(odd.months(d("2026-01-01"), false), 0);
    }
}
