//! 培训情况 (第8条): the report year's classes, attendances and person-hours by 类型 and by
//! 层级, the coverage the county watches (书记/主任 trained this year, everyone else within
//! the rotation period) and who is overdue on the as-of date. The figures are
//! `training::statistics` for the as-of date's year, as of the as-of date.

use super::format::{self, singles, Cell, Column, Group, Kind, Section, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::training::{self, CadenceRow, Coverage, TrainingBucket};
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;

/// Classes, attendances and person-hours as rows; 类型 and 层级 as column groups, then the
/// total (a class counts once in each group).
fn figures(
    by_kind: &[TrainingBucket],
    by_tier: &[TrainingBucket],
    total: &TrainingBucket,
) -> Section {
    let col = |b: &TrainingBucket| Column::new(b.label.clone(), Kind::Number, 7.0, 11.0);
    let groups = vec![
        Group::single(Column::new("项目", Kind::Wrap, 8.0, 18.0)),
        Group::of("按培训类型", by_kind.iter().map(col).collect()),
        Group::of("按培训层级", by_tier.iter().map(col).collect()),
        Group::single(Column::new("合计", Kind::Number, 7.0, 11.0)),
    ];
    let all: Vec<&TrainingBucket> = by_kind.iter().chain(by_tier).chain([total]).collect();
    let row = |label: &str, value: &dyn Fn(&TrainingBucket) -> Cell| {
        let mut cells = vec![Cell::text(label)];
        cells.extend(all.iter().map(|b| value(b)));
        cells
    };
    Section {
        title: "一、培训班次、参训人次和人时".to_string(),
        groups,
        rows: vec![
            row("培训班次（期）", &|b| Cell::Num(b.classes as f64)),
            row("参训人次", &|b| Cell::Num(b.attendances as f64)),
            row("参训人时（学时）", &|b| Cell::Num(b.person_hours)),
        ],
        totals_from: usize::MAX,
        empty: String::new(),
    }
}

fn coverage_row(who: String, rule: String, c: &Coverage) -> Vec<Cell> {
    vec![
        Cell::text(who),
        Cell::text(rule),
        Cell::Int(c.total),
        Cell::Int(c.covered),
        Cell::Num(c.percent / 100.0),
    ]
}

fn overdue_row(r: &CadenceRow) -> Vec<Cell> {
    vec![
        Cell::text(&r.community_name),
        Cell::text(&r.name),
        Cell::text(&r.category),
        Cell::text(&r.position),
        Cell::date(Some(&r.hired_on)),
        Cell::text(&r.decided_by),
        Cell::date(Some(&r.due_date)),
        Cell::opt_text(r.last_training.as_deref()),
        Cell::date(r.last_training_date.as_deref()),
    ]
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let year = report.as_of.year();
    let stats = training::statistics(report.conn, year, report.as_of)?;
    let rules = training::get_rules(report.conn)?;
    let total = TrainingBucket {
        label: String::new(),
        classes: stats.classes,
        attendances: stats.attendances,
        person_hours: stats.person_hours,
    };
    let mut overdue: Vec<&CadenceRow> = stats.overdue.iter().collect();
    overdue.sort_by(|a, b| {
        (&a.community_name, &a.due_date, &a.name).cmp(&(&b.community_name, &b.due_date, &b.name))
    });
    let sections = [
        figures(&stats.by_kind, &stats.by_tier, &total),
        Section {
            title: "二、轮训覆盖情况".to_string(),
            groups: singles(vec![
                Column::new("对象", Kind::Wrap, 12.0, 18.0),
                Column::new("要求", Kind::Wrap, 14.0, 22.0),
                Column::new("应训人数", Kind::Int, 8.0, 10.0),
                Column::new("已训人数", Kind::Int, 8.0, 10.0),
                Column::new("覆盖率", Kind::Percent, 8.0, 10.0),
            ]),
            rows: vec![
                coverage_row(
                    rules.leader_positions.join("、"),
                    format!("{year}年内至少1次{}及以上", rules.min_tier),
                    &stats.leaders,
                ),
                coverage_row(
                    "其他社区工作者".to_string(),
                    format!(
                        "近{}个月内至少1次{}及以上",
                        rules.others_every_months, rules.min_tier
                    ),
                    &stats.others,
                ),
            ],
            totals_from: 2,
            empty: String::new(),
        },
        Section {
            title: format!(
                "三、逾期未培训人员（截至{}，共 {} 人）",
                format::chinese_date(report.as_of),
                overdue.len()
            ),
            groups: singles(vec![
                Column::new("社区", Kind::Wrap, 8.0, 18.0),
                Column::new("姓名", Kind::Wrap, 6.0, 22.0),
                Column::new("人员类别", Kind::Center, 8.0, 15.0),
                Column::new("职务", Kind::Center, 6.0, 11.5),
                Column::new("入职时间", Kind::Date, 10.0, 10.5),
                Column::new("未完成的要求", Kind::Wrap, 10.0, 18.0),
                Column::new("应训截止日期", Kind::Date, 10.0, 10.5),
                Column::new("最近一次计入的培训", Kind::Wrap, 12.0, 24.0),
                Column::new("最近培训日期", Kind::Date, 10.0, 10.5),
            ]),
            rows: overdue.iter().map(|r| overdue_row(r)).collect(),
            totals_from: usize::MAX,
            empty: "截至统计截止日期，没有逾期未培训的社区工作者。".to_string(),
        },
    ];
    format::section_sheet(
        ws,
        styles,
        &report.year_sheet(
            "社区工作者培训情况表",
            &format!(
                "注：培训班按结束日期计入年度；参训人次、人时计结业和未结业的参训人员（缺席不计），含在外单位参加并登记的培训。\
                 覆盖情况和逾期名单只计统计截止日期在岗的社区工作者，只有结业且层级为{}及以上的培训计入；\
                 新入职人员还须在入职{}个月内参加初任培训。",
                rules.min_tier, rules.induction_within_months
            ),
            true,
        ),
        &sections,
    )?;
    Ok(overdue.len())
}
