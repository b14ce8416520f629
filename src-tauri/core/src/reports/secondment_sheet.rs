//! 借调情况 (第17条): every secondment away on the as-of date or back within the period
//! (`secondments::register`), one row each, with the county approval; 未经批准 and 逾期未归
//! are written out in a 标记 column, so they show on paper without colour.

use super::format::{self, Cell, Column, Kind, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::secondments::{self, Secondment};
use rust_xlsxwriter::Worksheet;
use std::collections::HashMap;

const HEADER_ROW: u32 = 2;

fn columns() -> Vec<Column> {
    vec![
        Column::new("序号", Kind::Int, 5.0, 6.0),
        Column::new("社区", Kind::Wrap, 8.0, 12.0),
        Column::new("姓名", Kind::Wrap, 6.0, 8.5),
        Column::new("人员类别", Kind::Center, 8.0, 12.0),
        Column::new("职务", Kind::Center, 6.0, 10.0),
        Column::new("类型", Kind::Center, 5.0, 5.0),
        Column::new("借入单位", Kind::Wrap, 12.0, 20.0),
        Column::new("借调事由", Kind::Wrap, 12.0, 20.0),
        Column::new("开始日期", Kind::Date, 10.0, 10.5),
        Column::new("计划结束日期", Kind::Date, 10.0, 10.5),
        Column::new("归队日期", Kind::Date, 10.0, 10.5),
        Column::new("状态", Kind::Center, 8.0, 8.0),
        Column::new("批准单位", Kind::Wrap, 10.0, 16.0),
        Column::new("批准文号", Kind::Wrap, 10.0, 16.0),
        Column::new("批准日期", Kind::Date, 10.0, 10.5),
        Column::new("标记", Kind::Wrap, 8.0, 14.0),
    ]
}

fn row(i: usize, s: &Secondment, people: &HashMap<i64, (&str, &str)>) -> Vec<Cell> {
    let (category, position) = people.get(&s.worker_id).copied().unwrap_or(("", ""));
    let a = s.approval.as_ref();
    vec![
        Cell::Int(i as i64 + 1),
        Cell::text(&s.community_name),
        Cell::text(&s.worker_name),
        Cell::text(category),
        Cell::text(position),
        Cell::text(s.kind.as_str()),
        Cell::text(&s.unit),
        Cell::text(&s.reason),
        Cell::date(Some(&s.start_on)),
        Cell::date(Some(&s.planned_end)),
        Cell::date(s.returned_on.as_deref()),
        Cell::text(s.phase.as_str()),
        Cell::opt_text(a.map(|a| a.approved_by.as_str())),
        Cell::opt_text(a.map(|a| a.approval_no.as_str())),
        Cell::date(a.map(|a| a.approved_on.as_str())),
        Cell::text(s.flag_words().join("、")),
    ]
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let register = secondments::register(report.conn, report.as_of, Some(report.from))?;
    let list = &register.rows;
    let people: HashMap<i64, (&str, &str)> = report
        .records
        .iter()
        .map(|r| {
            let w = &r.worker.input;
            (r.worker.id, (w.category.as_str(), w.position.as_str()))
        })
        .collect();
    let columns = columns();
    let rows: Vec<Vec<Cell>> = list
        .iter()
        .enumerate()
        .map(|(i, s)| row(i, s, &people))
        .collect();
    let widths = format::fit_widths(&columns, &rows);
    let last_col = (columns.len() - 1) as u16;
    format::title_rows(
        ws,
        styles,
        "社区工作者借调情况表",
        &format!("填报单位：{}", report.unit()),
        &format!(
            "统计截止日期：{}    借调在外 {} 人，其中未经批准 {} 人、逾期未归 {} 人",
            format::chinese_date(report.as_of),
            register.counts.away,
            register.counts.unapproved,
            register.counts.overdue
        ),
        last_col,
    )?;
    format::set_widths(ws, &widths)?;
    let end = format::table(ws, styles, HEADER_ROW, &columns, &widths, &rows, |_| false)?;
    if rows.is_empty() {
        format::put_merged(
            ws,
            (end, 0, end, last_col),
            "统计截止日期没有借调在外的人员，报表期间内也没有借调归队的人员。",
            &styles.center,
        )?;
    } else {
        ws.autofilter(HEADER_ROW, 0, end - 1, last_col)?;
    }
    format::note(
        ws,
        styles,
        end + 1,
        last_col,
        &format!(
            "注：列出统计截止日期借调（抽调）在外的人员和报表期间（{}）内归队的人员。第17条：“{}”\
             未经批准指统计截止日期没有县级党委社会工作部门批准；逾期未归指已过计划结束日期仍未归队；补批指开始借调后才批准，批准前的期间未经批准。",
            report.period_text(),
            secondments::POLICY_SENTENCE
        ),
    )?;
    format::print_setup(ws, (HEADER_ROW, HEADER_ROW), 3)?;
    Ok(list.len())
}
