//! 人员变动 and 人员变动明细: within the period, who was hired, who completed probation, who
//! exited (by reason) and who moved between 人员类别 (任职经历). The first sheet counts them
//! per 人员类别 with the headcount in post before and after (期末 = 期初 + 新入职 − 退出 +
//! 类别调入 − 类别调出); the second lists every change, so that a long list prints with its
//! header on every page. Each event counts under the category held on its own date.

use super::format::{self, Cell, Column, Kind, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::stats::{self, Count};
use crate::vocab;
use crate::workers::history::Timeline;
use crate::workers::WorkerRecord;
use chrono::NaiveDate;
use rust_xlsxwriter::Worksheet;

const HIRED: &str = "新入职";
const PROBATION: &str = "试用期满";
const EXITED: &str = "退出";
const MOVED: &str = "类别调整";
const MOVED_IN: &str = "类别调入";
const MOVED_OUT: &str = "类别调出";
const SUBTOTAL: &str = "社区工作者小计";
const TOTAL: &str = "合计";
const HEADER_ROW: u32 = 2;

/// One change of one person.
struct Event<'a> {
    kind: &'static str,
    date: NaiveDate,
    record: &'a WorkerRecord,
    /// 社区, 人员类别 and 职务 held on the event's date.
    community: String,
    category: String,
    position: String,
    /// For a 类别调整: the category before.
    previous_category: Option<String>,
}

fn parse(d: Option<&str>) -> Option<NaiveDate> {
    d.and_then(|t| t.parse().ok())
}

/// Every change within [from, to]. Probation counts as completed when its last day falls in
/// the period and the person had not left by then.
fn events<'a>(report: &'a Report) -> Result<Vec<Event<'a>>> {
    let timeline = Timeline::load(report.conn)?;
    let within = |d: &NaiveDate| *d >= report.from && *d <= report.to;
    let mut out = Vec::new();
    let event = |kind, date: NaiveDate, r: &'a WorkerRecord| {
        let w = &r.worker;
        let held = timeline.at(w.id, &crate::dates::text(date));
        Event {
            kind,
            date,
            record: r,
            community: held.map_or(w.community_name.clone(), |p| p.community_name.clone()),
            category: held.map_or(w.input.category.clone(), |p| p.category.clone()),
            position: held.map_or(w.input.position.clone(), |p| p.position.clone()),
            previous_category: None,
        }
    };
    for r in &report.records {
        let w = &r.worker.input;
        let exit = parse(r.exit.as_ref().map(|e| e.exit_date.as_str()));
        if let Some(date) = parse(Some(&w.hired_on)).filter(within) {
            out.push(event(HIRED, date, r));
        }
        if let Some(date) = parse(w.probation_end.as_deref()).filter(within) {
            if exit.is_none_or(|e| e > date) {
                out.push(event(PROBATION, date, r));
            }
        }
        if let Some(date) = exit.filter(within) {
            out.push(event(EXITED, date, r));
        }
        let (from, to) = (
            crate::dates::text(report.from),
            crate::dates::text(report.to),
        );
        for (before, after) in timeline.category_moves(r.worker.id, &from, &to) {
            let Some(date) = parse(Some(&after.from)) else {
                continue;
            };
            out.push(Event {
                previous_category: Some(before.category.clone()),
                ..event(MOVED, date, r)
            });
        }
    }
    let order = |k: &str| {
        [HIRED, PROBATION, MOVED, EXITED]
            .iter()
            .position(|x| *x == k)
    };
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(order(a.kind).cmp(&order(b.kind)))
            .then(a.community.cmp(&b.community))
            .then(a.record.worker.input.name.cmp(&b.record.worker.input.name))
    });
    Ok(out)
}

/// The summary's columns: each category, the community-worker subtotal after the counted
/// ones, and the total.
fn summary_columns() -> Vec<&'static str> {
    let mut cols: Vec<&'static str> = vocab::COUNTED_CATEGORIES.to_vec();
    cols.push(SUBTOTAL);
    cols.extend(
        vocab::CATEGORIES
            .iter()
            .filter(|c| !vocab::COUNTED_CATEGORIES.contains(c)),
    );
    cols.push(TOTAL);
    cols
}

/// A value per summary column from a count per category.
fn spread(per_category: impl Fn(&str) -> i64) -> Vec<i64> {
    summary_columns()
        .iter()
        .map(|col| match *col {
            SUBTOTAL => vocab::COUNTED_CATEGORIES
                .iter()
                .map(|c| per_category(c))
                .sum(),
            TOTAL => vocab::CATEGORIES.iter().map(|c| per_category(c)).sum(),
            c => per_category(c),
        })
        .collect()
}

fn in_post_on(report: &Report, date: NaiveDate) -> Result<Vec<Count>> {
    Ok(stats::stats(report.conn, date)?.by_category)
}

fn from_counts(counts: &[Count]) -> Vec<i64> {
    spread(|c| counts.iter().find(|x| x.label == c).map_or(0, |x| x.count))
}

fn count_events(events: &[Event], kind: &str, reason: Option<&str>) -> Vec<i64> {
    spread(|category| {
        events
            .iter()
            .filter(|e| e.kind == kind && e.category == category)
            .filter(|e| {
                reason.is_none_or(|r| e.record.exit.as_ref().is_some_and(|x| x.reason == r))
            })
            .count() as i64
    })
}

fn detail_columns() -> Vec<Column> {
    vec![
        Column::new("序号", Kind::Int, 5.0, 6.0),
        Column::new("变动类型", Kind::Center, 7.5, 8.0),
        Column::new("日期", Kind::Date, 10.0, 10.5),
        Column::new("社区", Kind::Wrap, 8.0, 12.0),
        Column::new("姓名", Kind::Wrap, 6.0, 8.5),
        Column::new("性别", Kind::Center, 4.5, 4.5),
        Column::new("人员类别", Kind::Center, 8.0, 15.0),
        Column::new("职务", Kind::Center, 6.0, 11.5),
        Column::new("原人员类别", Kind::Center, 8.0, 15.0),
        Column::new("退出原因", Kind::Center, 8.0, 16.0),
        Column::new("退出说明", Kind::Wrap, 12.0, 24.0),
    ]
}

fn detail_row(i: usize, e: &Event) -> Vec<Cell> {
    let w = &e.record.worker;
    let exit = e.record.exit.as_ref().filter(|_| e.kind == EXITED);
    vec![
        Cell::Int(i as i64 + 1),
        Cell::text(e.kind),
        Cell::Date(e.date),
        Cell::text(&e.community),
        Cell::text(&w.input.name),
        Cell::text(&w.gender),
        Cell::text(&e.category),
        Cell::text(&e.position),
        Cell::opt_text(e.previous_category.as_deref()),
        Cell::opt_text(exit.map(|x| x.reason.as_str())),
        Cell::opt_text(exit.and_then(|x| x.remarks.as_deref())),
    ]
}

/// The summary's rows: a label, a value per summary column, and whether it is a headcount
/// (bold) rather than a change.
fn summary_rows(report: &Report, events: &[Event]) -> Result<Vec<(String, Vec<i64>, bool)>> {
    let before = report.from.pred_opt().unwrap_or(report.from);
    let mut rows = vec![(
        format!("期初在岗人数\n（{}）", format::chinese_date(before)),
        from_counts(&in_post_on(report, before)?),
        true,
    )];
    rows.push((HIRED.to_string(), count_events(events, HIRED, None), false));
    rows.push((
        PROBATION.to_string(),
        count_events(events, PROBATION, None),
        false,
    ));
    rows.push((
        EXITED.to_string(),
        count_events(events, EXITED, None),
        false,
    ));
    for reason in vocab::EXIT_REASONS {
        rows.push((
            format!("{OF_WHICH}{reason}"),
            count_events(events, EXITED, Some(reason)),
            false,
        ));
    }
    // A move counts out of the category before and into the one after.
    rows.push((
        MOVED_IN.to_string(),
        count_events(events, MOVED, None),
        false,
    ));
    let moved_out = spread(|category| {
        events
            .iter()
            .filter(|e| e.kind == MOVED && e.previous_category.as_deref() == Some(category))
            .count() as i64
    });
    rows.push((MOVED_OUT.to_string(), moved_out, false));
    rows.push((
        format!("期末在岗人数\n（{}）", format::chinese_date(report.to)),
        from_counts(&in_post_on(report, report.to)?),
        true,
    ));
    Ok(rows)
}

const OF_WHICH: &str = "其中：";

/// 人员变动: the counts per 人员类别.
pub(crate) fn build_summary(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let events = events(report)?;
    let summary = summary_rows(report, &events)?;
    let mut columns = vec![Column::new("项目", Kind::Wrap, 22.0, 22.0)];
    columns.extend(
        summary_columns()
            .iter()
            .map(|c| Column::new(*c, Kind::Int, 10.0, 10.0)),
    );
    let rows: Vec<Vec<Cell>> = summary
        .iter()
        .map(|(label, values, _)| {
            let mut row = vec![Cell::text(label)];
            row.extend(values.iter().map(|v| Cell::Int(*v)));
            row
        })
        .collect();
    let widths = format::fit_widths(&columns, &rows);
    let last_col = (columns.len() - 1) as u16;
    format::title_rows(
        ws,
        styles,
        "社区工作者变动情况表",
        &format!("填报单位：{}", report.unit()),
        &format!("报表期间：{}    单位：人", report.period_text()),
        last_col,
    )?;
    format::set_widths(ws, &widths)?;
    let end = format::table(ws, styles, HEADER_ROW, &columns, &widths, &rows, |i| {
        summary.get(i).is_some_and(|(_, _, bold)| *bold)
    })?;
    for (i, (label, _, _)) in summary.iter().enumerate() {
        if label.starts_with(OF_WHICH) {
            format::put_text(ws, HEADER_ROW + 1 + i as u32, 0, label, &styles.indented)?;
        }
    }
    format::note(
        ws,
        styles,
        end + 1,
        last_col,
        "注：期末在岗人数 = 期初在岗人数 + 新入职 − 退出 + 类别调入 − 类别调出（在岗含试用期）。试用期满指试用期最后一天在报表期间内、且当时未退出的人员；\
         每项变动按变动当日的人员类别统计（任职经历），类别调整在原类别计调出、在新类别计调入。社区工作者小计的期末在岗人数与配备情况表、队伍结构表一致（报表期间截至统计截止日期时）。逐人明细见“人员变动明细”。",
    )?;
    format::print_setup(ws, (HEADER_ROW, HEADER_ROW), 1)?;
    Ok(events.len())
}

/// 人员变动明细: every change of the period, in date order, one row each.
pub(crate) fn build_list(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let events = events(report)?;
    let columns = detail_columns();
    let rows: Vec<Vec<Cell>> = events
        .iter()
        .enumerate()
        .map(|(i, e)| detail_row(i, e))
        .collect();
    let widths = format::fit_widths(&columns, &rows);
    let last_col = (columns.len() - 1) as u16;
    format::title_rows(
        ws,
        styles,
        "社区工作者变动明细表",
        &format!("填报单位：{}", report.unit()),
        &format!("报表期间：{}    共 {} 条", report.period_text(), rows.len()),
        last_col,
    )?;
    format::set_widths(ws, &widths)?;
    let end = format::table(ws, styles, HEADER_ROW, &columns, &widths, &rows, |_| false)?;
    if rows.is_empty() {
        format::put_merged(
            ws,
            (end, 0, end, last_col),
            "报表期间内没有人员变动。",
            &styles.center,
        )?;
    } else {
        ws.autofilter(HEADER_ROW, 0, end - 1, last_col)?;
    }
    format::print_setup(ws, (HEADER_ROW, HEADER_ROW), 0)?;
    Ok(events.len())
}
