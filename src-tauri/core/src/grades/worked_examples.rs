//! The worked examples of `docs/grades.md`, one test per example (a row of a table, or one
//! of its two outcomes), on the pure engine: each builds the facts in code, runs
//! `initial_grade` or `annual_step` (or, for 五、薪酬标准, the salary computation) and checks
//! the numbers the clerk would check by hand.
//! No database. A run that changes nothing writes no record, so a year-by-year row starts
//! from the last record written (the last row with a 记录原因 other than 不变), as the
//! ledger would.

use super::proposal::{annual_step, initial_grade, Bookkeeping, Facts, GradeState, Step};
use super::rules::GradeRules;
use super::salary::{generate_amounts, Ledger, LoadedVersion};
use super::scheme::{GradeCategory, PositionMapping, Scheme, SchemeInput};
use crate::care::yuan_to_fen;
use crate::vocab::AssessmentResult;
use crate::workers::ServiceFacts;
use chrono::NaiveDate;
use std::collections::HashMap;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// 三岗十八级, adopted from 2015-01-01 (the template with a date).
fn scheme() -> Scheme {
    let cat = |name: &str, min_level, max_level| GradeCategory {
        name: name.into(),
        min_level,
        max_level,
    };
    let map = |position: &str, category: &str| PositionMapping {
        position: position.into(),
        category: category.into(),
    };
    Scheme {
        id: 3,
        is_template: false,
        input: SchemeInput {
            name: "本区社区工作者岗位等级".into(),
            effective_from: Some("2015-01-01".into()),
            remarks: None,
            categories: vec![
                cat("正职", 7, 18),
                cat("副职", 4, 15),
                cat("其他社区工作者", 1, 12),
            ],
            mapping: vec![
                map("书记", "正职"),
                map("主任", "正职"),
                map("书记兼主任", "正职"),
                map("副书记", "副职"),
                map("副主任", "副职"),
                map("委员", "其他社区工作者"),
                map("专职工作人员", "其他社区工作者"),
            ],
        },
    }
}

const OTHER: &str = "其他社区工作者";

fn facts(position: &str, education: &str, start: &str) -> Facts {
    Facts {
        position: position.into(),
        education: education.into(),
        service: ServiceFacts {
            start: Some(d(start)),
            prior_months: 0,
            interruption_months: 0,
            resumed_on: None,
            exit: None,
        },
        assessments: Vec::new(),
        certificates: Vec::new(),
    }
}

fn assessed(mut f: Facts, results: &[(i32, &str)]) -> Facts {
    f.assessments = results
        .iter()
        .map(|(y, r)| (*y, AssessmentResult::parse(r).expect("a result label")))
        .collect();
    f
}

fn certified(mut f: Facts, certs: &[(&str, &str)]) -> Facts {
    f.certificates = certs.iter().map(|(k, on)| ((*k).into(), d(on))).collect();
    f
}

/// Bookkeeping in the order of the table columns that give it: 计算年限, the last year
/// accounted, the 优秀 streak, early levels used, certificate levels, degree years.
fn book(
    credited: i64,
    through: i32,
    streak: i64,
    early: i64,
    cert: i64,
    degree: i64,
) -> Bookkeeping {
    Bookkeeping {
        credited_years: credited,
        counted_through: through,
        excellent_streak: streak,
        early_levels: early,
        certificate_levels: cert,
        degree_years: degree,
    }
}

fn record(date: &str, category: &str, level: i64, reason: &str, book: Bookkeeping) -> GradeState {
    GradeState {
        date: d(date),
        scheme_id: scheme().id,
        category: category.into(),
        level,
        reason: reason.into(),
        book,
    }
}

fn initial(f: &Facts, rules: &GradeRules, on: &str) -> Step {
    initial_grade(f, rules, &scheme(), d(on))
}

fn annual(f: &Facts, from: &GradeState, on: &str) -> Step {
    annual_step(f, from, None, &GradeRules::default(), &scheme(), d(on))
}

fn has_line(step: &Step, text: &str) -> bool {
    step.lines.iter().any(|l| l.contains(text))
}

// 三、逐年的例子 — 甲: 专职工作人员, 大学专科, from 2017-01-01, no certificate, 2024 不合格.

fn jia() -> Facts {
    assessed(
        facts("专职工作人员", "大学专科", "2017-01-01"),
        &[
            (2022, "合格"),
            (2023, "合格"),
            (2024, "不合格"),
            (2025, "合格"),
            (2026, "合格"),
        ],
    )
}

/// 甲's 定级 record of 2023-01-01: 6 years, level 3.
fn jia_graded() -> GradeState {
    record("2023-01-01", OTHER, 3, "定级", book(6, 2022, 0, 0, 0, 0))
}

#[test]
fn example_jia_2023_initial_grade_6_years_level_3() {
    let s = initial(&jia(), &GradeRules::default(), "2023-01-01");
    assert_eq!((s.category.as_str(), s.level), (OTHER, 3));
    assert_eq!(s.reason.as_deref(), Some("定级"));
    assert_eq!(
        s.lines[1],
        "社区工作年限满 6 年（自 2017-01-01 起），每满 3 年晋升 1 级：+2 级"
    );
    assert_eq!(s.book, jia_graded().book);
}

#[test]
fn example_jia_2024_2023_counted_7_years_stays_3() {
    let s = annual(&jia(), &jia_graded(), "2024-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (3, 7, false));
    assert!(
        s.lines[0].ends_with("距下次年限晋升还差 2 年"),
        "{:?}",
        s.lines
    );
}

#[test]
fn example_jia_2025_2024_fail_not_counted_stays_3() {
    let s = annual(&jia(), &jia_graded(), "2025-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (3, 7, false));
    assert!(
        has_line(&s, "2024 年度考核不合格，当年不计"),
        "{:?}",
        s.lines
    );
}

#[test]
fn example_jia_2026_2025_counted_8_years_stays_3() {
    let s = annual(&jia(), &jia_graded(), "2026-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (3, 8, false));
}

#[test]
fn example_jia_2027_9_years_level_4() {
    let s = annual(&jia(), &jia_graded(), "2027-01-01");
    assert_eq!((s.level, s.book.credited_years), (4, 9));
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
}

#[test]
fn example_jia_without_the_fail_level_4_in_2026() {
    let all_pass = assessed(jia(), &[(2023, "合格"), (2024, "合格"), (2025, "合格")]);
    let s = annual(&all_pass, &jia_graded(), "2026-01-01");
    assert_eq!((s.level, s.book.credited_years), (4, 9));
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
}

// 乙: 专职工作人员, 大学本科, from 2020-01-01, 2023 and 2024 优秀.

fn yi() -> Facts {
    assessed(
        facts("专职工作人员", "大学本科", "2020-01-01"),
        &[
            (2022, "合格"),
            (2023, "优秀"),
            (2024, "优秀"),
            (2025, "合格"),
            (2026, "合格"),
        ],
    )
}

fn yi_graded() -> GradeState {
    record("2023-01-01", OTHER, 3, "定级", book(6, 2022, 0, 0, 0, 3))
}

/// 乙's record of 2026-01-01 (the early level of 2025 used, 9 years, level 5).
fn yi_2026() -> GradeState {
    record(
        "2026-01-01",
        OTHER,
        5,
        "年限晋升",
        book(9, 2025, 0, 1, 0, 3),
    )
}

#[test]
fn example_yi_2023_initial_grade_3_years_and_bachelor_3_level_3() {
    let s = initial(&yi(), &GradeRules::default(), "2023-01-01");
    assert_eq!((s.category.as_str(), s.level), (OTHER, 3));
    assert!(has_line(&s, "大学本科学历折算 3 年"), "{:?}", s.lines);
    assert_eq!(s.book, yi_graded().book);
}

#[test]
fn example_yi_2024_2023_excellent_7_years_stays_3() {
    let s = annual(&yi(), &yi_graded(), "2024-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (3, 7, false));
    assert_eq!(s.book.excellent_streak, 1);
}

#[test]
fn example_yi_2025_two_excellent_years_early_level_4() {
    let s = annual(&yi(), &yi_graded(), "2025-01-01");
    assert_eq!((s.level, s.book.credited_years), (4, 8));
    assert_eq!(s.reason.as_deref(), Some("考核调整"));
    assert!(
        has_line(
            &s,
            "2023–2024 年度连续 2 年考核优秀，提前晋升 1 级（第 1 次，最多 2 次）"
        ),
        "{:?}",
        s.lines
    );
    assert_eq!((s.book.excellent_streak, s.book.early_levels), (0, 1));
}

#[test]
fn example_yi_2026_9_years_level_5() {
    let from = record(
        "2025-01-01",
        OTHER,
        4,
        "考核调整",
        book(8, 2024, 0, 1, 0, 3),
    );
    let s = annual(&yi(), &from, "2026-01-01");
    assert_eq!((s.level, s.book.credited_years), (5, 9));
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
    assert_eq!(s.book, yi_2026().book);
}

#[test]
fn example_yi_2027_10_years_stays_5() {
    let s = annual(&yi(), &yi_2026(), "2027-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (5, 10, false));
}

// 丙: 委员, 大学专科, from 2021-01-01; 副主任 from 2024.

fn bing(position: &str) -> Facts {
    assessed(
        facts(position, "大学专科", "2021-01-01"),
        &[
            (2022, "合格"),
            (2023, "合格"),
            (2024, "合格"),
            (2025, "合格"),
            (2026, "合格"),
        ],
    )
}

/// 丙's record of 2025-01-01: 副职 5 级 (lowest 4 + the 1 level earned), 4 years.
fn bing_deputy() -> GradeState {
    record(
        "2025-01-01",
        "副职",
        5,
        "岗位晋升",
        book(4, 2024, 0, 0, 0, 0),
    )
}

#[test]
fn example_bing_2023_initial_grade_2_years_level_1() {
    let s = initial(&bing("委员"), &GradeRules::default(), "2023-01-01");
    assert_eq!((s.category.as_str(), s.level), (OTHER, 1));
    assert_eq!(s.book.credited_years, 2);
    assert_eq!(s.reason.as_deref(), Some("定级"));
}

#[test]
fn example_bing_2024_3_years_level_2() {
    let from = record("2023-01-01", OTHER, 1, "定级", book(2, 2022, 0, 0, 0, 0));
    let s = annual(&bing("委员"), &from, "2024-01-01");
    assert_eq!((s.category.as_str(), s.level), (OTHER, 2));
    assert_eq!(s.book.credited_years, 3);
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
}

#[test]
fn example_bing_2025_deputy_lowest_4_plus_1_earned_level_5() {
    let from = record(
        "2024-01-01",
        OTHER,
        2,
        "年限晋升",
        book(3, 2023, 0, 0, 0, 0),
    );
    let s = annual(&bing("副主任"), &from, "2025-01-01");
    // 4 years → +1 level earned; 副职 lowest 4 + 1 = 5, as a fresh 定级 that day gives.
    assert_eq!((s.category.as_str(), s.level), ("副职", 5));
    assert_eq!(s.reason.as_deref(), Some("岗位晋升"));
    assert!(
        has_line(
            &s,
            "岗位由其他社区工作者晋升为副职：副职最低 4 级 + 已得 1 级 = 5 级"
        ),
        "{:?}",
        s.lines
    );
    assert_eq!(s.book, bing_deputy().book);
    let fresh = initial(&bing("副主任"), &GradeRules::default(), "2025-01-01");
    assert_eq!((fresh.category.as_str(), fresh.level), ("副职", 5));
}

#[test]
fn example_bing_2026_5_years_stays_deputy_5() {
    let s = annual(&bing("副主任"), &bing_deputy(), "2026-01-01");
    assert_eq!(
        (s.category.as_str(), s.level, s.changed),
        ("副职", 5, false)
    );
    assert_eq!(s.book.credited_years, 5);
}

#[test]
fn example_bing_2027_6_years_deputy_6() {
    let s = annual(&bing("副主任"), &bing_deputy(), "2027-01-01");
    assert_eq!((s.category.as_str(), s.level), ("副职", 6));
    assert_eq!(s.book.credited_years, 6);
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
}

// 丁: 书记, 大学本科, from 2000-01-01, 社会工作师 since 2012, 2023 and 2024 优秀.

fn ding() -> Facts {
    certified(
        assessed(
            facts("书记", "大学本科", "2000-01-01"),
            &[
                (2022, "合格"),
                (2023, "优秀"),
                (2024, "优秀"),
                (2025, "合格"),
                (2026, "合格"),
            ],
        ),
        &[("社会工作师", "2012-06-10")],
    )
}

/// 丁's record of 2024-01-01: the top of 正职; nothing is written after it.
fn ding_top() -> GradeState {
    record(
        "2024-01-01",
        "正职",
        18,
        "年限晋升",
        book(27, 2023, 1, 0, 2, 3),
    )
}

#[test]
fn example_ding_2023_initial_grade_26_years_and_certificate_level_17() {
    let s = initial(&ding(), &GradeRules::default(), "2023-01-01");
    assert_eq!((s.category.as_str(), s.level), ("正职", 17));
    assert!(has_line(&s, "持社会工作师证书 +2 级"), "{:?}", s.lines);
    assert_eq!(s.book, book(26, 2022, 0, 0, 2, 3));
}

#[test]
fn example_ding_2024_27_years_level_18() {
    let from = record("2023-01-01", "正职", 17, "定级", book(26, 2022, 0, 0, 2, 3));
    let s = annual(&ding(), &from, "2024-01-01");
    assert_eq!((s.level, s.book.credited_years), (18, 27));
    assert_eq!(s.reason.as_deref(), Some("年限晋升"));
    assert_eq!(s.book, ding_top().book);
}

#[test]
fn example_ding_2025_early_level_capped_at_18() {
    let s = annual(&ding(), &ding_top(), "2025-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (18, 28, false));
    assert!(
        has_line(&s, "合计 19 级，超过正职最高 18 级，按 18 级"),
        "{:?}",
        s.lines
    );
}

#[test]
fn example_ding_2026_29_years_stays_18() {
    let s = annual(&ding(), &ding_top(), "2026-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (18, 29, false));
}

#[test]
fn example_ding_2027_30_years_stays_18() {
    let s = annual(&ding(), &ding_top(), "2027-01-01");
    assert_eq!((s.level, s.book.credited_years, s.changed), (18, 30, false));
}

// 四、单条规则的例子 — 定级 as of 2026-01-01, 专职工作人员. Where the doc gives no start
// date, the worker started on 2025-09-01 (no full year yet).

const NEW: &str = "2025-09-01";

fn master() -> Facts {
    facts("专职工作人员", "硕士研究生", NEW)
}

#[test]
fn example_rule_master_degree_5_years_level_2() {
    let s = initial(&master(), &GradeRules::default(), "2026-01-01");
    assert_eq!(s.level, 2);
}

#[test]
fn example_rule_master_degree_credit_zero_level_1() {
    let mut rules = GradeRules::default();
    rules.degree_credits.retain(|c| c.education != "硕士研究生");
    let s = initial(&master(), &rules, "2026-01-01");
    assert_eq!(s.level, 1);
}

fn two_certificates() -> Facts {
    certified(
        facts("专职工作人员", "大学专科", NEW),
        &[
            ("助理社会工作师", "2025-01-10"),
            ("社会工作师", "2025-10-10"),
        ],
    )
}

#[test]
fn example_rule_two_certificates_highest_only_level_3() {
    let s = initial(&two_certificates(), &GradeRules::default(), "2026-01-01");
    assert_eq!(s.level, 3);
    assert!(has_line(&s, "（多个证书只计最高一个）"), "{:?}", s.lines);
}

#[test]
fn example_rule_two_certificates_cumulative_level_4() {
    let rules = GradeRules {
        certificate_cumulative: true,
        ..GradeRules::default()
    };
    let s = initial(&two_certificates(), &rules, "2026-01-01");
    assert_eq!(s.level, 4);
}

fn december_certificate() -> Facts {
    certified(
        facts("专职工作人员", "大学专科", NEW),
        &[("助理社会工作师", "2025-12-20")],
    )
}

#[test]
fn example_rule_december_certificate_counts_on_1_january_level_2() {
    let s = initial(
        &december_certificate(),
        &GradeRules::default(),
        "2026-01-01",
    );
    assert_eq!(s.level, 2);
}

#[test]
fn example_rule_december_certificate_not_yet_on_31_december_level_1() {
    let s = initial(
        &december_certificate(),
        &GradeRules::default(),
        "2025-12-31",
    );
    assert_eq!(s.level, 1);
}

fn interrupted() -> Facts {
    let mut f = facts("专职工作人员", "大学专科", "2016-01-01");
    f.service.interruption_months = 12;
    f.service.resumed_on = Some(d("2022-01-01"));
    f
}

fn resets() -> GradeRules {
    GradeRules {
        interruption_resets: true,
        ..GradeRules::default()
    }
}

#[test]
fn example_rule_interruption_deducted_9_years_level_4() {
    let s = initial(&interrupted(), &GradeRules::default(), "2026-01-01");
    assert_eq!(s.level, 4);
}

#[test]
fn example_rule_interruption_resets_4_years_level_2() {
    let s = initial(&interrupted(), &resets(), "2026-01-01");
    assert_eq!(s.level, 2);
}

#[test]
fn example_rule_interruption_resets_with_a_basic_pass_level_2() {
    let f = assessed(interrupted(), &[(2024, "基本合格")]);
    let s = initial(&f, &resets(), "2026-01-01");
    assert_eq!((s.level, s.book.credited_years), (2, 3));
    assert!(
        has_line(&s, "2024 年度考核基本合格，当年不计"),
        "{:?}",
        s.lines
    );
}

#[test]
fn example_rule_new_deputy_director_level_4() {
    let s = initial(
        &facts("副主任", "大学专科", NEW),
        &GradeRules::default(),
        "2026-01-01",
    );
    assert_eq!((s.category.as_str(), s.level), ("副职", 4));
}

// 年度晋级的单条规则: 大学专科, from 2019-01-01, 定级 on 2022-01-01 at level 2 (3 years).

fn annual_worker(results: &[(i32, &str)]) -> Facts {
    assessed(facts("专职工作人员", "大学专科", "2019-01-01"), results)
}

fn graded_2022() -> GradeState {
    record("2022-01-01", OTHER, 2, "定级", book(3, 2021, 0, 0, 0, 0))
}

fn once() -> GradeRules {
    GradeRules {
        excellent_max_times: 1,
        ..GradeRules::default()
    }
}

const ALL_EXCELLENT: &[(i32, &str)] = &[
    (2022, "优秀"),
    (2023, "优秀"),
    (2024, "优秀"),
    (2025, "优秀"),
];

#[test]
fn example_rule_annual_missing_assessment_stops_the_count() {
    let f = annual_worker(&[(2023, "合格")]);
    let s = annual(&f, &graded_2022(), "2024-01-01");
    assert!(!s.changed);
    assert!(
        s.attention[0].contains("2022 年度考核结果未录入"),
        "{:?}",
        s.attention
    );
}

#[test]
fn example_rule_annual_early_level_once_2024_level_3() {
    let f = annual_worker(ALL_EXCELLENT);
    let s = annual_step(
        &f,
        &graded_2022(),
        None,
        &once(),
        &scheme(),
        d("2024-01-01"),
    );
    assert_eq!((s.level, s.book.credited_years), (3, 5));
    assert_eq!(s.book.early_levels, 1);
}

#[test]
fn example_rule_annual_early_level_used_up_2026_level_4() {
    let f = annual_worker(ALL_EXCELLENT);
    let from = record(
        "2024-01-01",
        OTHER,
        3,
        "考核调整",
        book(5, 2023, 0, 1, 0, 0),
    );
    let s = annual_step(&f, &from, None, &once(), &scheme(), d("2026-01-01"));
    assert_eq!((s.level, s.book.credited_years), (4, 7));
    assert!(has_line(&s, "提前晋升已用满 1 次"), "{:?}", s.lines);
}

fn next_promotion_date() -> GradeRules {
    GradeRules {
        certificate_timing: "下一晋级日起".into(),
        ..once()
    }
}

fn bachelor_with_certificate() -> Facts {
    let mut f = certified(
        annual_worker(&[
            (2022, "优秀"),
            (2023, "优秀"),
            (2024, "优秀"),
            (2025, "优秀"),
            (2026, "合格"),
        ]),
        &[("社会工作师", "2026-02-10")],
    );
    f.education = "大学本科".into();
    f
}

#[test]
fn example_rule_annual_degree_raised_mid_year_level_5() {
    let from = record(
        "2026-01-01",
        OTHER,
        4,
        "年限晋升",
        book(7, 2025, 0, 1, 0, 0),
    );
    let s = annual_step(
        &bachelor_with_certificate(),
        &from,
        None,
        &next_promotion_date(),
        &scheme(),
        d("2026-06-01"),
    );
    assert_eq!((s.level, s.book.credited_years), (5, 10));
    assert_eq!(s.reason.as_deref(), Some("学历提升"));
    assert_eq!(
        s.book.certificate_levels, 0,
        "the certificate counts from 2027-01-01"
    );
}

#[test]
fn example_rule_annual_certificate_at_next_promotion_date_level_7() {
    let from = record(
        "2026-06-01",
        OTHER,
        5,
        "学历提升",
        book(10, 2025, 0, 1, 0, 3),
    );
    let s = annual_step(
        &bachelor_with_certificate(),
        &from,
        None,
        &next_promotion_date(),
        &scheme(),
        d("2027-01-01"),
    );
    assert_eq!(s.level, 7);
    assert!(
        s.lines.iter().any(|l| l.starts_with("职业水平提升")),
        "{:?}",
        s.lines
    );
}

// 四、同一个人，台账从不同日期开始用: the yearly steps from an earlier 定级 give what a fresh
// 定级 gives on the same date (issue 12, grade run defects 1–3).

/// The record a step writes (only when it changes the grade, as the ledger does).
fn written(s: &Step, on: &str, scheme: &Scheme) -> GradeState {
    GradeState {
        date: d(on),
        scheme_id: scheme.id,
        category: s.category.clone(),
        level: s.level,
        reason: s.reason.clone().unwrap_or_default(),
        book: s.book.clone(),
    }
}

/// 定级 on the first date, the yearly step on each later one; gives every step.
fn run_from(f: &Facts, rules: &GradeRules, scheme: &Scheme, dates: &[&str]) -> Vec<Step> {
    let mut state: Option<GradeState> = None;
    let mut steps = Vec::new();
    for on in dates {
        let s = match &state {
            None => initial_grade(f, rules, scheme, d(on)),
            Some(c) => annual_step(f, c, None, rules, scheme, d(on)),
        };
        if s.changed {
            state = Some(written(&s, on, scheme));
        }
        steps.push(s);
    }
    steps
}

fn all_pass(f: Facts, years: std::ops::RangeInclusive<i32>) -> Facts {
    let results: Vec<(i32, &str)> = years.map(|y| (y, "合格")).collect();
    assessed(f, &results)
}

#[test]
fn fix1_master_hired_march_graded_december_2_stays_2_on_1_january_like_fresh() {
    // 2026-12-01: service counted to 2026-01-01 (before the hire) 0 + 硕士 5 = 5 years → 1 + 1.
    let f = all_pass(
        facts("专职工作人员", "硕士研究生", "2026-03-01"),
        2026..=2027,
    );
    let rules = GradeRules::default();
    let steps = run_from(
        &f,
        &rules,
        &scheme(),
        &["2026-12-01", "2027-01-01", "2028-01-01"],
    );
    assert_eq!(steps[0].level, 2);
    assert!(
        has_line(&steps[0], "年限算至最近的晋级生效日 2026-01-01"),
        "{:?}",
        steps[0].lines
    );
    // 2027-01-01: ten months are 0 full years, 5 credited years still: 2, not 3.
    assert_eq!((steps[1].level, steps[1].changed), (2, false));
    assert_eq!(steps[1].book.credited_years, 5);
    assert_eq!(initial(&f, &rules, "2027-01-01").level, 2);
    // 2028-01-01: 1 year + 5 = 6 → 3, both ways.
    assert_eq!(steps[2].level, 3);
    assert_eq!(initial(&f, &rules, "2028-01-01").level, 3);
}

#[test]
fn fix1_graded_mid_2023_not_a_level_ahead_on_2024_of_fresh_2() {
    // From 2018-07-01: 4 full years to 2023-01-01 → 2; 5 to 2024-01-01 → 2; 6 in 2025 → 3.
    let f = all_pass(facts("专职工作人员", "大学专科", "2018-07-01"), 2018..=2024);
    let rules = GradeRules::default();
    let steps = run_from(
        &f,
        &rules,
        &scheme(),
        &["2023-07-01", "2024-01-01", "2025-01-01"],
    );
    assert_eq!(steps[0].level, 2);
    assert_eq!(steps[0].book.credited_years, 4);
    assert_eq!((steps[1].level, steps[1].book.credited_years), (2, 5));
    assert_eq!(initial(&f, &rules, "2024-01-01").level, 2);
    assert_eq!((steps[2].level, steps[2].book.credited_years), (3, 6));
    assert_eq!(initial(&f, &rules, "2025-01-01").level, 3);
}

#[test]
fn fix2_excellent_before_first_grade_counts_level_4_not_3() {
    // 本科 from 2020-01-01, 2021 and 2022 优秀: 2023-01-01 is 3 + 3 = 6 years → 3, + early 1.
    let f = assessed(
        facts("专职工作人员", "大学本科", "2020-01-01"),
        &[(2020, "合格"), (2021, "优秀"), (2022, "优秀")],
    );
    let rules = GradeRules::default();
    let stepped = run_from(
        &f,
        &rules,
        &scheme(),
        &["2021-01-01", "2022-01-01", "2023-01-01"],
    );
    assert_eq!(stepped[0].level, 2, "2021-01-01: 1 + 3 = 4 years");
    assert_eq!(stepped[2].level, 4);
    let fresh = initial(&f, &rules, "2023-01-01");
    assert_eq!(fresh.level, 4);
    assert_eq!(fresh.book.early_levels, 1);
    assert!(
        has_line(
            &fresh,
            "2021–2022 年度连续 2 年考核优秀，提前晋升 1 级（第 1 次，最多 2 次）"
        ),
        "{:?}",
        fresh.lines
    );
}

/// 四岗十八级 as the template ships it.
fn four_posts() -> Scheme {
    let mut s = scheme();
    let cat = |name: &str, min_level, max_level| GradeCategory {
        name: name.into(),
        min_level,
        max_level,
    };
    s.input.categories = vec![
        cat("正职", 7, 18),
        cat("副职", 5, 16),
        cat("专职委员", 3, 14),
        cat("工作人员", 1, 12),
    ];
    for m in &mut s.input.mapping {
        match m.position.as_str() {
            "委员" => m.category = "专职委员".into(),
            "专职工作人员" => m.category = "工作人员".into(),
            _ => {}
        }
    }
    s
}

#[test]
fn fix2_post_promotion_committee_8_to_deputy_10_as_fresh() {
    // 专科 from 2008-01-01: 2023-01-01 15 years → 专职委员 3 + 5 = 8; 2025-01-01 17 years, still
    // 5 levels earned → 副职 5 + 5 = 10 (formerly max(8, 5) = 8).
    let scheme = four_posts();
    let rules = GradeRules::default();
    let member = all_pass(facts("委员", "大学专科", "2008-01-01"), 2008..=2024);
    let graded = initial_grade(&member, &rules, &scheme, d("2023-01-01"));
    assert_eq!((graded.category.as_str(), graded.level), ("专职委员", 8));
    let deputy = Facts {
        position: "副主任".into(),
        ..member
    };
    let s = annual_step(
        &deputy,
        &written(&graded, "2023-01-01", &scheme),
        None,
        &rules,
        &scheme,
        d("2025-01-01"),
    );
    assert_eq!((s.category.as_str(), s.level), ("副职", 10));
    assert_eq!(s.reason.as_deref(), Some("岗位晋升"));
    assert!(
        has_line(
            &s,
            "岗位由专职委员晋升为副职：副职最低 5 级 + 已得 5 级 = 10 级"
        ),
        "{:?}",
        s.lines
    );
    let fresh = initial_grade(&deputy, &rules, &scheme, d("2025-01-01"));
    assert_eq!((fresh.category.as_str(), fresh.level), ("副职", 10));
}

fn fail_before_interruption() -> Facts {
    let mut f = assessed(
        facts("专职工作人员", "大学专科", "2015-01-01"),
        &[
            (2019, "不合格"),
            (2023, "合格"),
            (2024, "合格"),
            (2025, "合格"),
        ],
    );
    f.service.interruption_months = 24;
    f.service.resumed_on = Some(d("2023-01-01"));
    f
}

#[test]
fn fix3_fail_before_interruption_not_subtracted_level_2_not_1() {
    // 中断前年限不计: 3 years from 2023-01-01; the 2019 不合格 went with the years dropped.
    let f = fail_before_interruption();
    let s = initial(&f, &resets(), "2026-01-01");
    assert_eq!((s.level, s.book.credited_years), (2, 3));
    assert!(!has_line(&s, "2019 年度考核不合格"), "{:?}", s.lines);
    let stepped = run_from(
        &f,
        &resets(),
        &scheme(),
        &["2024-01-01", "2025-01-01", "2026-01-01"],
    );
    assert_eq!(stepped[0].level, 1, "2024-01-01: 1 year");
    assert_eq!(stepped[2].level, 2);
}

#[test]
fn fix3_without_the_reset_the_fail_is_subtracted_level_3() {
    // 132 months − 24 = 108 = 9 years, − 2019 = 8 years → 1 + 2.
    let s = initial(
        &fail_before_interruption(),
        &GradeRules::default(),
        "2026-01-01",
    );
    assert_eq!((s.level, s.book.credited_years), (3, 8));
    assert!(
        has_line(&s, "2019 年度考核不合格，当年不计"),
        "{:?}",
        s.lines
    );
}

/// 甲's 定级 record of 2023-01-01 at level 5 (the rule gives 3) with `reason`.
fn jia_at_5(reason: &str) -> GradeState {
    GradeState {
        level: 5,
        reason: reason.into(),
        ..jia_graded()
    }
}

#[test]
fn example_manual_adjustment_plus_2_is_kept_2027_level_6() {
    // 甲 set to 5 by hand on 2023-01-01; 2027-01-01: rule 4, + 2 = 6.
    let s = annual(&jia(), &jia_at_5("手工调整"), "2027-01-01");
    assert_eq!((s.level, s.reason.as_deref()), (6, Some("年限晋升")));
    assert!(
        has_line(&s, "相差 +2 级（手工调整），予以保留"),
        "{:?}",
        s.lines
    );
}

#[test]
fn example_record_off_the_rule_not_manual_recomputed_2024_level_3() {
    // The same 5 with the reason 年限晋升 is not an adjustment: the rule's 3, to be checked.
    let s = annual(&jia(), &jia_at_5("年限晋升"), "2024-01-01");
    assert_eq!((s.level, s.changed), (3, true));
    assert_eq!(s.reason.as_deref(), Some("手工调整"));
    assert!(
        s.attention
            .iter()
            .any(|a| a.contains("按规则算出的等级低于现等级")),
        "{:?}",
        s.attention
    );
}

// 五、薪酬标准 — one 其他社区工作者 at level 3 since 2025-01-01, 绩效 20%.

/// A standard generated from `base` yuan (step 0.04), in effect from `from`.
fn standard(name: &str, base: &str, from: &str) -> LoadedVersion {
    let cells = generate_amounts(&scheme(), base, 0.04).expect("cells");
    let fen = |yuan: &str| {
        yuan_to_fen("cells", "月标准", Some(yuan))
            .expect("yuan")
            .unwrap_or(0)
    };
    let cells = cells
        .into_iter()
        .map(|c| ((c.category, c.level), fen(&c.amount)))
        .collect();
    (d(from), name.into(), 20, cells)
}

fn salary_ledger(rules: GradeRules, versions: Vec<LoadedVersion>) -> Ledger {
    Ledger {
        rules,
        versions,
        grades: HashMap::from([(1, vec![(d("2025-01-01"), OTHER.to_string(), 3)])]),
        certificates: HashMap::from([(1, vec![("社会工作师".to_string(), d("2025-05-05"))])]),
    }
}

fn both_standards() -> Vec<LoadedVersion> {
    vec![
        standard("2025 标准", "3000", "2025-01-01"),
        standard("2025 下半年", "3300", "2025-07-01"),
    ]
}

#[test]
fn example_salary_base_3000_level_3_is_3240() {
    let cells = generate_amounts(&scheme(), "3000", 0.04).expect("cells");
    let l3 = cells
        .iter()
        .find(|c| c.category == OTHER && c.level == 3)
        .expect("cell");
    assert_eq!(l3.amount, "3240.00", "3000 × 1.08");
    let ledger = salary_ledger(
        GradeRules::default(),
        vec![standard("2025 标准", "3000", "2025-01-01")],
    );
    let s = ledger.salary(1, d("2025-03-01"));
    assert_eq!(
        (s.monthly.as_str(), s.fixed_fen, s.performance_fen),
        ("3240.00", 259_200, 64_800)
    );
}

#[test]
fn example_salary_new_standard_from_july_3564_march_keeps_3240() {
    let ledger = salary_ledger(GradeRules::default(), both_standards());
    assert_eq!(ledger.salary(1, d("2025-07-01")).monthly, "3564.00");
    assert_eq!(ledger.salary(1, d("2025-03-01")).monthly, "3240.00");
}

#[test]
fn example_salary_year_2025_month_by_month_40824() {
    let ledger = salary_ledger(GradeRules::default(), both_standards());
    let year: i64 = (1..=12)
        .map(|m| {
            let first = NaiveDate::from_ymd_opt(2025, m, 1).expect("month");
            ledger.salary(1, first).standard_fen
        })
        .sum();
    assert_eq!(year, 4_082_400, "6 × 3240 + 6 × 3564");
}

#[test]
fn example_salary_certificate_allowance_august_3964() {
    let rules = GradeRules {
        certificate_mode: "证书津贴".into(),
        ..GradeRules::default()
    };
    let ledger = salary_ledger(rules, both_standards());
    let s = ledger.salary(1, d("2025-08-01"));
    assert_eq!((s.allowance_fen, s.monthly.as_str()), (40_000, "3964.00"));
    assert_eq!(
        ledger.salary(1, d("2025-05-31")).allowance_fen,
        0,
        "from June"
    );
}
