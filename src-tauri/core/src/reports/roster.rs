//! 花名册: one row per person. The county roster lists the people in post on the as-of
//! date (and, with the option, those who exited within the period); the roster page's
//! export lists exactly the rows of its query. Both are written here, the same way.

use super::format::{self, Cell, Column, Kind, Styles, XResult};
use super::{Report, ReportOptions, Tracker, ROWS_PER_STEP};
use crate::error::Result;
use crate::training::{self, tenths_to_hours, Completed};
use crate::vocab::WorkerStatus;
use crate::workers::WorkerRecord;
use crate::{care, dates, idcard, vocab};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rust_xlsxwriter::Worksheet;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The header row (under the title and subtitle).
const HEADER_ROW: u32 = 2;
/// 序号, 社区 and 姓名 stay in view when scrolling right.
const FROZEN_COLS: u16 = 3;

/// What the subtitle says: 填报单位 and the date the statuses are computed for.
pub(crate) struct Heading {
    pub unit: String,
    pub date_label: String,
    /// "共 N 人：…" — see [`composition`].
    pub composition: String,
}

/// How the roster's count relates to the staffing sheets, said on the roster itself: the
/// roster lists every category (兼职、挂职 too, and with the option people who left in the
/// period), while 配备情况 and 队伍结构 count only 两委专职成员 and 社区专职工作人员 in post
/// (第1条). E.g. "共 296 人：两委专职成员和社区专职工作人员在岗 286 人（即配备情况表的实有人数）；
/// 另有两委兼职成员 6 人、挂职人员 4 人，不计入实有人数".
pub(crate) fn composition(people: &[&WorkerRecord]) -> String {
    use super::{in_post, is_community_worker};
    let counted = people
        .iter()
        .filter(|r| in_post(r) && is_community_worker(r))
        .count();
    let mut others: Vec<(&str, usize)> = Vec::new();
    let mut left = 0;
    for r in people {
        if !in_post(r) {
            left += 1;
        } else if !is_community_worker(r) {
            let c = r.worker.input.category.as_str();
            match others.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => others.push((c, 1)),
            }
        }
    }
    others.sort_by_key(|(c, _)| rank(vocab::CATEGORIES, c));
    let mut text = format!(
        "共 {} 人：两委专职成员和社区专职工作人员在岗 {counted} 人（即配备情况表的实有人数）",
        people.len()
    );
    let mut extra: Vec<String> = others
        .iter()
        .map(|(c, n)| {
            format!(
                "{} {n} 人",
                if c.is_empty() {
                    "未填人员类别"
                } else {
                    c
                }
            )
        })
        .collect();
    if left > 0 {
        extra.push(format!("已离职或不在岗 {left} 人"));
    }
    if !extra.is_empty() {
        text.push_str(&format!("；另有{}，不计入实有人数", extra.join("、")));
    }
    text
}

/// A column of the roster and how a person's cell is made.
struct RosterColumn {
    column: Column,
    value: fn(&Row) -> Cell,
}

/// One person as a roster row sees them.
struct Row<'a> {
    index: usize,
    record: &'a WorkerRecord,
    extras: &'a Extras,
    mask: bool,
}

impl Row<'_> {
    fn grade(&self) -> Option<&Grade> {
        self.extras.grades.get(&self.record.worker.id)
    }
}

/// How far back 近三年培训 looks.
const RECENT_TRAINING_MONTHS: u32 = 36;

/// A grade in effect: its 岗位类别 and level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grade {
    pub category: String,
    pub level: i64,
}

/// Facts from the training, care, grade and assessment records that roster columns (and
/// the grade and assessment sheets) show, read once per export for everyone, as of the
/// roster's date.
pub(crate) struct Extras {
    trainings: HashMap<i64, Completed>,
    checked: HashSet<i64>,
    /// The grade in effect on the roster's date, by worker.
    pub grades: HashMap<i64, Grade>,
    /// The 年度考核 result of the year before the roster date's year, by worker.
    pub previous_assessments: HashMap<i64, String>,
}

impl Extras {
    /// Whether the person attended a check-up from 1 January of the date's year to it.
    pub(crate) fn checked_this_year(&self, worker_id: i64) -> bool {
        self.checked.contains(&worker_id)
    }

    pub(crate) fn load(conn: &Connection, as_of: NaiveDate) -> Result<Extras> {
        Ok(Extras {
            trainings: training::completed_within(conn, as_of, RECENT_TRAINING_MONTHS)?,
            checked: care::checked_this_year(conn, as_of)?,
            grades: grades_on(conn, as_of)?,
            previous_assessments: assessments_of(conn, as_of.year() - 1)?,
        })
    }
}

/// Everyone's grade in effect on `as_of`, as `grades::current_grade` finds one person's
/// (the latest record dated on or before it; on the same date, the last entered), read in
/// one pass.
fn grades_on(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, Grade>> {
    let mut stmt = conn.prepare(
        "SELECT worker_id, category, level FROM grade_records WHERE effective_date <= ?1
         ORDER BY worker_id, effective_date, id",
    )?;
    let mut rows = stmt.query([dates::text(as_of)])?;
    let mut out = HashMap::new();
    while let Some(r) = rows.next()? {
        out.insert(
            r.get(0)?,
            Grade {
                category: r.get(1)?,
                level: r.get(2)?,
            },
        );
    }
    Ok(out)
}

/// Every saved 年度考核 result of `year`, by worker.
fn assessments_of(conn: &Connection, year: i32) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT worker_id, result FROM assessments WHERE year = ?1")?;
    let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 近三年培训: what a county reader checks against the rotation rule, so only trainings
/// that count for it: those of the cadence rules' minimum tier (县级骨干培训) or higher,
/// completed (结业, or recorded from elsewhere), that ended in the 36 months up to the
/// roster's date, as "2次，24学时"; "无" when there are none.
pub(crate) fn recent_training(extras: &Extras, record: &WorkerRecord) -> Cell {
    match extras.trainings.get(&record.worker.id) {
        Some(c) if c.count > 0 => {
            Cell::text(format!("{}次，{}学时", c.count, tenths_to_hours(c.tenths)))
        }
        _ => Cell::text("无"),
    }
}

fn col(header: &str, kind: Kind, min: f64, max: f64, value: fn(&Row) -> Cell) -> RosterColumn {
    RosterColumn {
        column: Column::new(header, kind, min, max),
        value,
    }
}

pub(crate) fn yes_no(b: Option<bool>) -> Cell {
    match b {
        Some(true) => Cell::text("是"),
        Some(false) => Cell::text("否"),
        None => Cell::Blank,
    }
}

/// 毕业院校 on one line and 专业 on the next, so the column stays narrow.
pub(crate) fn school_and_major(record: &WorkerRecord) -> Cell {
    let w = &record.worker.input;
    let parts: Vec<&str> = [w.school.as_deref(), w.major.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    Cell::text(parts.join("\n"))
}

/// The highest social-work level held, and any other skill level: a higher level implies
/// the lower ones, so listing them all would only widen the column.
pub(crate) fn qualification(record: &WorkerRecord) -> Cell {
    let mut shown: Vec<&str> = Vec::new();
    let mut social_work_shown = false;
    for kind in &record.certificates {
        if vocab::SOCIAL_WORK_LEVELS.contains(&kind.as_str()) {
            if social_work_shown {
                continue;
            }
            social_work_shown = true;
        }
        shown.push(kind);
    }
    Cell::text(shown.join("\n"))
}

/// The columns, in order. New features add theirs here. The exit columns appear only when
/// some row has exited. 岗位类别 and 岗位等级 are the grade in effect on the roster's date
/// (blank without one); 上年度考核结果 is the 年度考核 of the year before the roster date's
/// year (blank when none is saved). 近三年培训 is [`recent_training`]; 本年体检 is 是 when
/// the person attended a check-up from 1 January of the roster date's year to that date.
fn columns(with_exit: bool) -> Vec<RosterColumn> {
    let mut cols = vec![
        col("序号", Kind::Int, 4.5, 6.0, |r| {
            Cell::Int(r.index as i64 + 1)
        }),
        col("社区", Kind::Wrap, 7.0, 12.0, |r| {
            Cell::text(&r.record.worker.community_name)
        }),
        col("姓名", Kind::Wrap, 6.0, 8.5, |r| {
            Cell::text(&r.record.worker.input.name)
        }),
        col("性别", Kind::Center, 4.5, 4.5, |r| {
            Cell::text(&r.record.worker.gender)
        }),
        col("民族", Kind::Center, 5.0, 10.0, |r| {
            Cell::text(&r.record.worker.input.ethnicity)
        }),
        col("出生年月", Kind::Month, 7.5, 8.0, |r| {
            Cell::date(Some(&r.record.worker.birth_date))
        }),
        col("年龄", Kind::Int, 4.5, 5.0, |r| {
            Cell::Int(r.record.worker.age)
        }),
        col("身份证号", Kind::Center, 17.5, 18.0, |r| {
            let id = &r.record.worker.input.id_number;
            Cell::text(if r.mask { idcard::mask(id) } else { id.clone() })
        }),
        col("政治面貌", Kind::Center, 6.0, 11.5, |r| {
            Cell::text(&r.record.worker.input.political_status)
        }),
        col("入党时间", Kind::Month, 7.5, 8.0, |r| {
            Cell::date(r.record.worker.input.party_joined_on.as_deref())
        }),
        col("最高学历", Kind::Center, 6.0, 10.0, |r| {
            Cell::text(&r.record.worker.input.education)
        }),
        col("是否全日制", Kind::Center, 5.0, 5.0, |r| {
            yes_no(r.record.worker.input.full_time_education)
        }),
        col("毕业院校及专业", Kind::Wrap, 10.0, 15.0, |r| {
            school_and_major(r.record)
        }),
        col("人员类别", Kind::Center, 6.0, 15.0, |r| {
            Cell::text(&r.record.worker.input.category)
        }),
        col("职务", Kind::Center, 5.0, 11.5, |r| {
            Cell::text(&r.record.worker.input.position)
        }),
        col("具体岗位", Kind::Wrap, 6.0, 8.0, |r| {
            Cell::opt_text(r.record.worker.input.post_detail.as_deref())
        }),
        col("参加社区工作时间", Kind::Month, 7.5, 8.0, |r| {
            let w = &r.record.worker.input;
            Cell::date(Some(
                w.community_work_start.as_deref().unwrap_or(&w.hired_on),
            ))
        }),
        col("社区工作年限", Kind::Int, 5.0, 5.5, |r| {
            Cell::Int(r.record.worker.service_months / 12)
        }),
        col("职业资格", Kind::Wrap, 8.0, 15.0, |r| {
            qualification(r.record)
        }),
        col("岗位类别", Kind::Center, 6.0, 10.0, |r| {
            Cell::opt_text(r.grade().map(|g| g.category.as_str()))
        }),
        col("岗位等级", Kind::Int, 4.5, 5.0, |r| {
            r.grade().map_or(Cell::Blank, |g| Cell::Int(g.level))
        }),
        col("上年度考核结果", Kind::Center, 5.5, 8.0, |r| {
            Cell::opt_text(
                r.extras
                    .previous_assessments
                    .get(&r.record.worker.id)
                    .map(String::as_str),
            )
        }),
        col("近三年培训", Kind::Center, 7.0, 11.0, |r| {
            recent_training(r.extras, r.record)
        }),
        col("本年体检", Kind::Center, 4.5, 5.0, |r| {
            yes_no(Some(r.extras.checked_this_year(r.record.worker.id)))
        }),
        col("入职时间", Kind::Date, 10.0, 10.5, |r| {
            Cell::date(Some(&r.record.worker.input.hired_on))
        }),
        col("试用期满", Kind::Date, 10.0, 10.5, |r| {
            Cell::date(r.record.worker.input.probation_end.as_deref())
        }),
        col("状态", Kind::Center, 5.0, 6.5, |r| {
            Cell::text(r.record.worker.status.as_str())
        }),
    ];
    if with_exit {
        cols.push(col("退出日期", Kind::Date, 10.0, 10.5, |r| {
            Cell::date(exited(r.record).map(|e| e.exit_date.as_str()))
        }));
        cols.push(col("退出原因", Kind::Center, 6.0, 16.0, |r| {
            Cell::opt_text(exited(r.record).map(|e| e.reason.as_str()))
        }));
    }
    cols.push(col("手机号", Kind::Center, 11.0, 11.5, |r| {
        Cell::opt_text(r.record.worker.input.phone.as_deref())
    }));
    cols.push(col("备注", Kind::Wrap, 8.0, 16.0, |r| {
        Cell::opt_text(r.record.worker.input.remarks.as_deref())
    }));
    cols
}

/// The exit, if it has taken effect by the roster's date.
fn exited(r: &WorkerRecord) -> Option<&crate::workers::Exit> {
    r.exit.as_ref().filter(|_| {
        matches!(
            r.worker.status,
            WorkerStatus::Exited | WorkerStatus::Retired
        )
    })
}

fn rank(list: &[&str], v: &str) -> usize {
    list.iter().position(|x| *x == v).unwrap_or(usize::MAX)
}

/// The order of an official roster: by community, then 人员类别 and 职务 in the order of
/// the vocabulary (书记 first), keeping the name order within.
pub(crate) fn official_order(people: &mut [&WorkerRecord]) {
    people.sort_by(|a, b| {
        let (a, b) = (&a.worker, &b.worker);
        a.community_name
            .cmp(&b.community_name)
            .then(
                rank(vocab::CATEGORIES, &a.input.category)
                    .cmp(&rank(vocab::CATEGORIES, &b.input.category)),
            )
            .then(
                rank(vocab::POSITIONS, &a.input.position)
                    .cmp(&rank(vocab::POSITIONS, &b.input.position)),
            )
    });
}

/// The roster's cells, as the sheet holds them (benchmarks and other writers use it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RosterTable {
    pub title: String,
    pub subtitle: String,
    pub columns: Vec<Column>,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

fn cells(people: &[&WorkerRecord], extras: &Extras, mask: bool) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let with_exit = people.iter().any(|p| exited(p).is_some());
    let cols = columns(with_exit);
    let rows = people
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let row = Row {
                index,
                record,
                extras,
                mask,
            };
            cols.iter().map(|c| (c.value)(&row)).collect()
        })
        .collect();
    (cols.into_iter().map(|c| c.column).collect(), rows)
}

/// The county roster's cells for the options.
pub fn roster_table(
    conn: &Connection,
    options: &ReportOptions,
    generated_at: NaiveDateTime,
) -> Result<RosterTable> {
    let report = Report::load(conn, options, generated_at)?;
    let people = report.roster_people();
    let (columns, rows) = cells(&people, &report.extras, report.mask);
    let widths = format::fit_widths(&columns, &rows);
    Ok(RosterTable {
        title: TITLE.to_string(),
        subtitle: format!("填报单位：{}    {}", report.unit(), date_label(&report)),
        columns,
        widths,
        rows,
    })
}

const TITLE: &str = "社区工作者花名册";

fn date_label(report: &Report) -> String {
    format!("统计截止日期：{}", format::chinese_date(report.as_of))
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    tracker: &mut Tracker,
) -> Result<usize> {
    let people = report.roster_people();
    let heading = Heading {
        unit: report.unit(),
        date_label: date_label(report),
        composition: composition(&people),
    };
    write_sheet(
        ws,
        styles,
        &heading,
        &people,
        &report.extras,
        report.mask,
        tracker,
    )
}

/// Writes the roster sheet; returns the number of people on it.
pub(crate) fn write_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    heading: &Heading,
    people: &[&WorkerRecord],
    extras: &Extras,
    mask: bool,
    tracker: &mut Tracker,
) -> Result<usize> {
    let (columns, rows) = cells(people, extras, mask);
    let widths = format::fit_widths(&columns, &rows);
    write_table(ws, styles, heading, &columns, &widths, &rows, tracker)?;
    Ok(rows.len())
}

fn write_table(
    ws: &mut Worksheet,
    styles: &Styles,
    heading: &Heading,
    columns: &[Column],
    widths: &[f64],
    rows: &[Vec<Cell>],
    tracker: &mut Tracker,
) -> XResult<()> {
    let last_col = columns.len().saturating_sub(1) as u16;
    format::title_rows(
        ws,
        styles,
        TITLE,
        &format!("填报单位：{}", heading.unit),
        &format!("{}    {}", heading.date_label, heading.composition),
        last_col,
    )?;
    format::set_widths(ws, widths)?;
    format::header_row(ws, styles, HEADER_ROW, columns, widths)?;
    let mut r = HEADER_ROW + 1;
    for (i, cells) in rows.iter().enumerate() {
        format::write_row(ws, styles, r, columns, widths, cells, false)?;
        r += 1;
        if (i + 1) % ROWS_PER_STEP == 0 {
            tracker.step("正在写入「花名册」");
        }
    }
    ws.autofilter(HEADER_ROW, 0, (r - 1).max(HEADER_ROW), last_col)?;
    format::print_setup(ws, (HEADER_ROW, HEADER_ROW), FROZEN_COLS)?;
    Ok(())
}
