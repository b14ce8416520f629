//! 关爱情况 (第14条): the report year's check-up coverage, holiday visits by festival
//! (people, visits and amounts in yuan), care activities, difficulties by status and the open
//! ones older than 30 days. The figures are `care::care_summary` for the as-of date's year,
//! as of the as-of date. No health detail and no difficulty's description is printed: the
//! county needs the counts, not the persons' circumstances.

use super::format::{self, singles, Cell, Column, Kind, Section, Styles};
use super::{Report, Tracker};
use crate::care::{self, OPEN_DAYS_FLAGGED};
use crate::error::Result;
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;

fn yuan(fen: i64) -> Cell {
    Cell::Num(fen as f64 / 100.0)
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let year = report.as_of.year();
    let summary = care::care_summary(report.conn, year, report.as_of)?;
    let activities = care::list_activities(report.conn, Some(year))?;
    let as_of_text = crate::dates::text(report.as_of);
    let activities: Vec<_> = activities
        .iter()
        .filter(|a| a.activity_date <= as_of_text)
        .collect();

    let checkups = Section {
        title: "一、健康体检".to_string(),
        groups: singles(vec![
            Column::new("对象", Kind::Wrap, 12.0, 18.0),
            Column::new("应检人数", Kind::Int, 8.0, 10.0),
            Column::new("已体检人数", Kind::Int, 8.0, 10.0),
            Column::new("体检率", Kind::Percent, 8.0, 10.0),
            Column::new("未体检人数", Kind::Int, 8.0, 10.0),
            Column::new("需关注人数", Kind::Int, 8.0, 10.0),
        ]),
        rows: vec![vec![
            Cell::text("在岗社区工作者"),
            Cell::Int(summary.checkup_total),
            Cell::Int(summary.checked),
            Cell::Num(summary.checkup_percent / 100.0),
            Cell::Int(summary.not_checked.len() as i64),
            Cell::Int(summary.needs_attention),
        ]],
        totals_from: 1,
        empty: String::new(),
    };

    let mut visit_rows: Vec<Vec<Cell>> = summary
        .visits
        .iter()
        .map(|v| {
            vec![
                Cell::text(&v.festival),
                Cell::Int(v.people),
                Cell::Int(v.visits),
                yuan(v.amount_fen),
            ]
        })
        .collect();
    visit_rows.push(vec![
        Cell::text("合计"),
        Cell::Int(summary.visited_people),
        Cell::Int(summary.visits.iter().map(|v| v.visits).sum()),
        yuan(summary.visits.iter().map(|v| v.amount_fen).sum()),
    ]);
    let visits = Section {
        title: "二、节日走访慰问".to_string(),
        groups: singles(vec![
            Column::new("节日", Kind::Wrap, 12.0, 18.0),
            Column::new("慰问人数", Kind::Int, 8.0, 10.0),
            Column::new("慰问人次", Kind::Int, 8.0, 10.0),
            Column::new("慰问金额（元）", Kind::Decimal2, 10.0, 13.0),
        ]),
        totals_from: visit_rows.len() - 1,
        rows: visit_rows,
        empty: String::new(),
    };

    let mut activity_rows: Vec<Vec<Cell>> = activities
        .iter()
        .rev()
        .map(|a| {
            vec![
                Cell::text(&a.name),
                Cell::date(Some(&a.activity_date)),
                Cell::opt_text(a.place.as_deref()),
                Cell::Int(a.participants),
            ]
        })
        .collect();
    if !activity_rows.is_empty() {
        activity_rows.push(vec![
            Cell::text(format!("合计 {} 次", activity_rows.len())),
            Cell::Blank,
            Cell::text("（参加人数按人去重）"),
            Cell::Int(summary.activity_people),
        ]);
    }
    let activities_section = Section {
        title: "三、关爱活动".to_string(),
        groups: singles(vec![
            Column::new("活动名称", Kind::Wrap, 12.0, 18.0),
            Column::new("活动日期", Kind::Date, 10.0, 10.5),
            Column::new("活动地点", Kind::Wrap, 10.0, 18.0),
            Column::new("参加人数", Kind::Int, 8.0, 10.0),
        ]),
        totals_from: activity_rows.len().saturating_sub(1),
        rows: activity_rows,
        empty: format!("{year}年没有登记关爱活动。"),
    };

    let mut status_rows: Vec<Vec<Cell>> = summary
        .difficulties_by_status
        .iter()
        .map(|c| vec![Cell::text(&c.label), Cell::Int(c.count)])
        .collect();
    status_rows.push(vec![
        Cell::text("合计"),
        Cell::Int(summary.difficulties_by_status.iter().map(|c| c.count).sum()),
    ]);
    let statuses = Section {
        title: format!("四、困难诉求（{year}年反映，按目前办理状态）"),
        groups: singles(vec![
            Column::new("办理状态", Kind::Wrap, 12.0, 18.0),
            Column::new("件数", Kind::Int, 8.0, 10.0),
        ]),
        totals_from: status_rows.len() - 1,
        rows: status_rows,
        empty: String::new(),
    };

    let flagged: Vec<Vec<Cell>> = summary
        .open_difficulties
        .iter()
        .filter(|d| d.flagged)
        .map(|d| {
            vec![
                Cell::text(&d.community_name),
                Cell::text(&d.worker_name),
                Cell::date(Some(&d.input.reported_on)),
                Cell::text(&d.input.category),
                Cell::text(d.input.status.as_str()),
                Cell::Int(d.days_open),
            ]
        })
        .collect();
    let flagged_count = flagged.len();
    let old_open = Section {
        title: format!(
            "五、超过{OPEN_DAYS_FLAGGED}天未办结的困难诉求（截至{}，共 {flagged_count} 件）",
            format::chinese_date(report.as_of)
        ),
        groups: singles(vec![
            Column::new("社区", Kind::Wrap, 8.0, 18.0),
            Column::new("姓名", Kind::Wrap, 6.0, 10.0),
            Column::new("反映日期", Kind::Date, 10.0, 10.5),
            Column::new("诉求类别", Kind::Center, 8.0, 10.0),
            Column::new("办理状态", Kind::Center, 8.0, 10.0),
            Column::new("已历时（天）", Kind::Int, 8.0, 10.0),
        ]),
        totals_from: usize::MAX,
        rows: flagged,
        empty: format!("没有超过{OPEN_DAYS_FLAGGED}天未办结的困难诉求。"),
    };

    format::section_sheet(
        ws,
        styles,
        &report.year_sheet(
            "社区工作者关心关爱情况表",
            "注：体检对象为统计截止日期在岗（含试用期）的社区工作者，与花名册“本年体检”一致，只记是否参加体检和是否需关注，不记体检结果。\
                   走访慰问对象含在岗人员、两委兼职成员和退休人员；慰问人数按人去重，慰问人次按每次慰问计。\
                   困难诉求只列类别和办理情况，不列具体内容。",
            false,
        ),
        &[checkups, visits, activities_section, statuses, old_open],
    )?;
    Ok(flagged_count)
}
