//! The parameters of grading and promotion (第4条). Every value is editable; the defaults
//! follow common local practice. Kept in settings as JSON (like the training cadence rules)
//! and audited as a settings change.
//!
//! - 定级: the category's lowest level, plus one level per `yearsPerLevel` full years of
//!   credited service, where credited service is 社区工作年限 (years whose assessment was
//!   below 合格 left out) plus the years credited for the degree (`degreeCredits`), plus the
//!   certificate bonus (`certificateRules`, highest certificate only or cumulative), capped at
//!   the category's top level.
//! - 年度晋级 on `promotionMonth`/`promotionDay` each year: a year counts only if that year's
//!   assessment was 合格 or better; one level per `yearsPerLevel` counted years (the remainder
//!   carries on); `excellentYears` consecutive 优秀 give one early level, at most
//!   `excellentMaxTimes` times in a career; a new certificate counts from the month after it
//!   was obtained or from the next promotion date (`certificateTiming`).
//! - `certificateMode` 证书津贴: certificates give no levels but a monthly allowance.
//!
//! Both are one computation (see `proposal`): the grade on a date does not depend on the date
//! the ledger first graded the worker, for every combination of these parameters.

use crate::audit::{self, Channel};
use crate::care::{fen_to_yuan, yuan_to_fen};
use crate::error::{CoreError, Result};
use crate::training::check_label;
use crate::vocab;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const RULES_KEY: &str = "grade_rules";

/// When a new certificate starts to count.
pub const CERTIFICATE_TIMINGS: &[&str] = &["次月起", "下一晋级日起"];
/// What a certificate gives: levels, or a monthly allowance instead.
pub const CERTIFICATE_MODES: &[&str] = &["晋升等级", "证书津贴"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DegreeCredit {
    /// A label of the 最高学历 list.
    pub education: String,
    /// Years of service credited for it (0: none).
    pub years: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateRule {
    /// A 职业资格 kind.
    pub kind: String,
    /// Levels it gives (晋升等级 mode).
    pub levels: u32,
    /// Monthly allowance in yuan with two decimals (证书津贴 mode), e.g. "200.00".
    pub allowance: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRules {
    /// One level per this many full years (定级) or counted years (年度晋级).
    pub years_per_level: u32,
    pub degree_credits: Vec<DegreeCredit>,
    pub certificate_rules: Vec<CertificateRule>,
    /// true: every certificate kind held adds; false: the highest only.
    pub certificate_cumulative: bool,
    /// 次月起 / 下一晋级日起
    pub certificate_timing: String,
    /// 晋升等级 / 证书津贴
    pub certificate_mode: String,
    /// The yearly promotion takes effect on this month and day (default 1 January).
    pub promotion_month: u32,
    pub promotion_day: u32,
    /// This many consecutive 优秀 give one early level (0: never).
    pub excellent_years: u32,
    /// At most this many early levels in a career.
    pub excellent_max_times: u32,
    /// Interrupted service does not count: count from 重新参加社区工作时间 only.
    pub interruption_resets: bool,
}

impl Default for GradeRules {
    fn default() -> Self {
        let degree = |education: &str, years| DegreeCredit {
            education: education.into(),
            years,
        };
        let cert = |kind: &str, levels, allowance: &str| CertificateRule {
            kind: kind.into(),
            levels,
            allowance: allowance.into(),
        };
        GradeRules {
            years_per_level: 3,
            degree_credits: vec![
                degree("博士研究生", 7),
                degree("硕士研究生", 5),
                degree("大学本科", 3),
            ],
            certificate_rules: vec![
                cert("助理社会工作师", 1, "200.00"),
                cert("社会工作师", 2, "400.00"),
                cert("高级社会工作师", 3, "600.00"),
            ],
            certificate_cumulative: false,
            certificate_timing: CERTIFICATE_TIMINGS[0].into(),
            certificate_mode: CERTIFICATE_MODES[0].into(),
            promotion_month: 1,
            promotion_day: 1,
            excellent_years: 2,
            excellent_max_times: 2,
            interruption_resets: false,
        }
    }
}

impl GradeRules {
    pub(crate) fn degree_years(&self, education: &str) -> i64 {
        self.degree_credits
            .iter()
            .find(|c| c.education == education)
            .map_or(0, |c| i64::from(c.years))
    }

    pub(crate) fn allowance_mode(&self) -> bool {
        self.certificate_mode == CERTIFICATE_MODES[1]
    }

    /// Levels a certificate kind gives (0 in allowance mode).
    pub(crate) fn certificate_levels(&self, kind: &str) -> i64 {
        if self.allowance_mode() {
            return 0;
        }
        self.certificate_rules
            .iter()
            .find(|c| c.kind == kind)
            .map_or(0, |c| i64::from(c.levels))
    }

    /// Monthly allowance in fen for a kind (0 unless allowance mode).
    pub(crate) fn allowance_fen(&self, kind: &str) -> i64 {
        if !self.allowance_mode() {
            return 0;
        }
        self.certificate_rules
            .iter()
            .find(|c| c.kind == kind)
            .and_then(|c| yuan_to_fen("allowance", "证书津贴", Some(&c.allowance)).ok())
            .flatten()
            .unwrap_or(0)
    }

    /// The promotion date of `year`.
    pub(crate) fn promotion_date(&self, year: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, self.promotion_month, self.promotion_day)
            .or_else(|| NaiveDate::from_ymd_opt(year, 1, 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The last assessment year whose promotion has taken effect by `date`: year Y takes
    /// effect on the promotion date of Y + 1.
    pub(crate) fn last_counted_year(&self, date: NaiveDate) -> i32 {
        if date >= self.promotion_date(date.year()) {
            date.year() - 1
        } else {
            date.year() - 2
        }
    }

    /// When a certificate obtained on `obtained` starts to count.
    pub(crate) fn certificate_effect(&self, obtained: NaiveDate) -> NaiveDate {
        if self.certificate_timing == CERTIFICATE_TIMINGS[1] {
            let this_year = self.promotion_date(obtained.year());
            if this_year > obtained {
                this_year
            } else {
                self.promotion_date(obtained.year() + 1)
            }
        } else {
            let (y, m) = if obtained.month() == 12 {
                (obtained.year() + 1, 1)
            } else {
                (obtained.year(), obtained.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(obtained)
        }
    }
}

/// The rules in force (the defaults until a clerk saves others).
pub fn get_rules(conn: &Connection) -> Result<GradeRules> {
    crate::settings::rules(conn, RULES_KEY)
}

fn in_range(
    field: &str,
    value: u32,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
) -> Result<u32> {
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(CoreError::validation(
            field,
            format!("{what}须在 {} 至 {} 之间。", range.start(), range.end()),
        ))
    }
}

fn validate(rules: &GradeRules) -> Result<GradeRules> {
    let years_per_level = in_range(
        "yearsPerLevel",
        rules.years_per_level,
        1..=10,
        "每晋升一级所需年限",
    )?;
    let mut degree_credits: Vec<DegreeCredit> = Vec::new();
    for c in &rules.degree_credits {
        let education = c.education.trim();
        if !vocab::EDUCATION_LEVELS.contains(&education) {
            return Err(CoreError::validation(
                "degreeCredits",
                format!("“{education}”不是学历列表中的值，请从列表中选择。"),
            ));
        }
        if degree_credits.iter().any(|d| d.education == education) {
            return Err(CoreError::validation(
                "degreeCredits",
                format!("学历“{education}”列了两次，请去掉重复的一行。"),
            ));
        }
        degree_credits.push(DegreeCredit {
            education: education.into(),
            years: in_range("degreeCredits", c.years, 0..=10, "学历折算年限")?,
        });
    }
    let mut certificate_rules: Vec<CertificateRule> = Vec::new();
    for c in &rules.certificate_rules {
        let kind = c.kind.trim();
        if !vocab::CERTIFICATE_KINDS.contains(&kind) {
            return Err(CoreError::validation(
                "certificateRules",
                format!("“{kind}”不是职业资格列表中的值，请从列表中选择。"),
            ));
        }
        if certificate_rules.iter().any(|d| d.kind == kind) {
            return Err(CoreError::validation(
                "certificateRules",
                format!("职业资格“{kind}”列了两次，请去掉重复的一行。"),
            ));
        }
        let fen = yuan_to_fen("certificateRules", "证书津贴", Some(&c.allowance))?.unwrap_or(0);
        certificate_rules.push(CertificateRule {
            kind: kind.into(),
            levels: in_range("certificateRules", c.levels, 0..=5, "证书晋升级数")?,
            allowance: fen_to_yuan(fen),
        });
    }
    if NaiveDate::from_ymd_opt(2001, rules.promotion_month, rules.promotion_day).is_none() {
        return Err(CoreError::validation(
            "promotionDay",
            "年度晋级生效日期不是有效日期，请填写如 1 月 1 日（不能是 2 月 29 日）。",
        ));
    }
    Ok(GradeRules {
        years_per_level,
        degree_credits,
        certificate_rules,
        certificate_cumulative: rules.certificate_cumulative,
        certificate_timing: check_label(
            "certificateTiming",
            "新证书的起算时间",
            &rules.certificate_timing,
            CERTIFICATE_TIMINGS,
        )?,
        certificate_mode: check_label(
            "certificateMode",
            "职业资格的体现方式",
            &rules.certificate_mode,
            CERTIFICATE_MODES,
        )?,
        promotion_month: rules.promotion_month,
        promotion_day: rules.promotion_day,
        excellent_years: in_range(
            "excellentYears",
            rules.excellent_years,
            0..=5,
            "连续优秀提前晋升所需年数",
        )?,
        excellent_max_times: in_range(
            "excellentMaxTimes",
            rules.excellent_max_times,
            0..=10,
            "提前晋升的最多次数",
        )?,
        interruption_resets: rules.interruption_resets,
    })
}

fn fields(r: &GradeRules) -> audit::Fields {
    let yes_no = |b: bool| Some(if b { "是" } else { "否" }.to_string());
    vec![
        ("每晋升一级所需年限", Some(r.years_per_level.to_string())),
        (
            "学历折算年限",
            Some(
                r.degree_credits
                    .iter()
                    .map(|c| format!("{} {} 年", c.education, c.years))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        ),
        (
            "职业资格",
            Some(
                r.certificate_rules
                    .iter()
                    .map(|c| format!("{} {} 级/{} 元", c.kind, c.levels, c.allowance))
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
        ),
        ("多证累计", yes_no(r.certificate_cumulative)),
        ("新证书起算", Some(r.certificate_timing.clone())),
        ("职业资格体现方式", Some(r.certificate_mode.clone())),
        (
            "年度晋级生效日",
            Some(format!("{} 月 {} 日", r.promotion_month, r.promotion_day)),
        ),
        ("连续优秀提前晋升年数", Some(r.excellent_years.to_string())),
        ("提前晋升最多次数", Some(r.excellent_max_times.to_string())),
        ("中断前年限不计", yes_no(r.interruption_resets)),
    ]
}

/// Saves the rules (audited as a settings change).
pub fn save_rules(tx: &Transaction, channel: &Channel, rules: &GradeRules) -> Result<GradeRules> {
    let new = validate(rules)?;
    let old = get_rules(tx)?;
    crate::settings::save_rules(
        tx,
        channel,
        RULES_KEY,
        "岗位等级规则",
        &new,
        &fields(&old),
        &fields(&new),
    )?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn promotion_year_and_certificate_timing() {
        let mut r = GradeRules::default();
        assert_eq!(r.last_counted_year(d("2026-01-01")), 2025);
        assert_eq!(r.last_counted_year(d("2025-12-31")), 2024);
        assert_eq!(r.certificate_effect(d("2025-05-20")), d("2025-06-01"));
        assert_eq!(r.certificate_effect(d("2025-12-20")), d("2026-01-01"));
        r.certificate_timing = "下一晋级日起".into();
        assert_eq!(r.certificate_effect(d("2025-05-20")), d("2026-01-01"));
        r.promotion_month = 7;
        assert_eq!(r.certificate_effect(d("2025-05-20")), d("2025-07-01"));
        assert_eq!(r.last_counted_year(d("2026-03-01")), 2024);
    }

    #[test]
    fn validation_names_the_field() {
        let bad = GradeRules {
            years_per_level: 0,
            ..GradeRules::default()
        };
        assert_eq!(
            validate(&bad).expect_err("0").field(),
            Some("yearsPerLevel")
        );
        let bad = GradeRules {
            promotion_month: 2,
            promotion_day: 29,
            ..GradeRules::default()
        };
        assert_eq!(
            validate(&bad).expect_err("29").field(),
            Some("promotionDay")
        );
        let mut bad = GradeRules::default();
        bad.certificate_rules[0].allowance = "abc".into();
        assert_eq!(
            validate(&bad).expect_err("yuan").field(),
            Some("certificateRules")
        );
    }
}
