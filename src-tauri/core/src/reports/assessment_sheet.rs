//! 考核情况 (第10条): the 年度考核 of the year before the as-of date's year. Per community and
//! for the street: the people to assess (`grades::assessment_sheet`: community workers hired
//! by the end of that year and not gone before it began), how many were rated 优秀, 合格,
//! 基本合格 and 不合格, how many have no result saved (未考核), and the 优秀 share of those
//! assessed; then the list of people rated 不合格. The roster's 上年度考核结果 column shows
//! the same results.

use super::format::{self, singles, Cell, Column, Kind, Section, SectionSheet, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::grades::{self, AssessmentSheetRow, ASSESSMENT_RESULTS};
use crate::vocab::AssessmentResult;
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;
use std::collections::HashMap;

const NOT_ASSESSED: &str = "未考核";
const EXCELLENT: &str = AssessmentResult::Excellent.as_str();
const FAILED: AssessmentResult = AssessmentResult::Fail;

/// Counts by result (in the order of `ASSESSMENT_RESULTS`), then 未考核.
#[derive(Default)]
struct Tally {
    results: [i64; 4],
    not_assessed: i64,
}

impl Tally {
    fn add(&mut self, row: &AssessmentSheetRow) {
        match AssessmentResult::ALL
            .iter()
            .position(|r| *r == row.input.result)
            .filter(|_| row.saved)
        {
            Some(i) => self.results[i] += 1,
            None => self.not_assessed += 1,
        }
    }

    fn cells(&self) -> Vec<Cell> {
        let assessed: i64 = self.results.iter().sum();
        let mut out = vec![Cell::Int(assessed + self.not_assessed), Cell::Int(assessed)];
        out.extend(self.results.iter().map(|n| Cell::Int(*n)));
        out.push(Cell::Int(self.not_assessed));
        out.push(if assessed == 0 {
            Cell::Blank
        } else {
            Cell::Num(self.results[0] as f64 / assessed as f64)
        });
        out
    }
}

fn counts_section(year: i32, report: &Report, rows: &[AssessmentSheetRow]) -> Section {
    let mut by_community: HashMap<i64, Tally> = HashMap::new();
    let mut street = Tally::default();
    for r in rows {
        by_community.entry(r.community_id).or_default().add(r);
        street.add(r);
    }
    let empty = Tally::default();
    let mut table: Vec<Vec<Cell>> = report
        .staffing
        .communities
        .iter()
        .map(|c| {
            let tally = c
                .community_id
                .and_then(|id| by_community.get(&id))
                .unwrap_or(&empty);
            let mut row = vec![Cell::text(&c.name)];
            row.extend(tally.cells());
            row
        })
        .collect();
    let mut total = vec![Cell::text("全街道合计")];
    total.extend(street.cells());
    table.push(total);
    let mut columns = vec![
        Column::new("社区", Kind::Wrap, 8.0, 14.0),
        Column::new("应考核人数", Kind::Int, 6.2, 8.0),
        Column::new("已考核人数", Kind::Int, 6.2, 8.0),
    ];
    columns.extend(
        ASSESSMENT_RESULTS
            .iter()
            .map(|r| Column::new(*r, Kind::Int, 6.2, 8.0)),
    );
    columns.push(Column::new(NOT_ASSESSED, Kind::Int, 6.2, 8.0));
    columns.push(Column::new(
        format!("{EXCELLENT}比例"),
        Kind::Percent,
        6.2,
        8.0,
    ));
    Section {
        title: format!("一、{year}年度考核结果"),
        groups: singles(columns),
        totals_from: table.len() - 1,
        rows: table,
        empty: String::new(),
    }
}

fn failed_section(year: i32, rows: &[AssessmentSheetRow]) -> Section {
    let failed: Vec<Vec<Cell>> = rows
        .iter()
        .filter(|r| r.saved && r.input.result == FAILED)
        .map(|r| {
            vec![
                Cell::text(&r.community_name),
                Cell::text(&r.name),
                Cell::text(&r.position),
                Cell::text(r.input.result.as_str()),
                Cell::opt_text(r.input.remarks.as_deref()),
            ]
        })
        .collect();
    Section {
        title: format!("二、{year}年度考核{FAILED}人员（共 {} 人）", failed.len()),
        groups: singles(vec![
            Column::new("社区", Kind::Wrap, 8.0, 14.0),
            Column::new("姓名", Kind::Wrap, 6.0, 10.0),
            Column::new("职务", Kind::Center, 6.0, 11.5),
            Column::new("考核结果", Kind::Center, 6.2, 8.0),
            Column::new("备注", Kind::Wrap, 8.0, 30.0),
        ]),
        totals_from: usize::MAX,
        rows: failed,
        empty: format!("{year}年度没有考核{FAILED}的社区工作者。"),
    }
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let year = report.as_of.year() - 1;
    let rows = grades::assessment_sheet(report.conn, year, None)?;
    let sections = [
        counts_section(year, report, &rows),
        failed_section(year, &rows),
    ];
    format::section_sheet(
        ws,
        styles,
        &SectionSheet {
            title: "社区工作者年度考核情况表",
            subtitle_left: format!("填报单位：{}", report.unit()),
            subtitle_right: format!(
                "考核年度：{year}年    统计截止日期：{}",
                format::chinese_date(report.as_of)
            ),
            note: &format!(
                "注：考核年度为统计截止日期所在年度的上一年度。应考核人数为{year}年12月31日以前入职、\
                 {year}年1月1日以后才退出的社区工作者（两委专职成员和社区专职工作人员），按现所在社区统计，\
                 与“年度考核”录入页的名单一致；未考核为尚未录入考核结果的人数。\
                 {EXCELLENT}比例 = {EXCELLENT}人数 ÷ 已考核人数。花名册“上年度考核结果”一列为同一年度的结果。"
            ),
            landscape: false,
        },
        &sections,
    )?;
    Ok(rows.len())
}
