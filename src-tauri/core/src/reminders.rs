//! 待办提醒: what the clerk must act on as of a date, each item a count that the home page opens
//! as a filtered list and `shegong reminders` prints. One function, [`reminders`], for both.
//!
//! Each item is computed by the module that owns the rule (contracts, training, care, grades,
//! workers::retirement, secondments, staffing); this file only asks and counts. An item the
//! ledger cannot know yet is absent, never a zero: contracts before any contract is entered,
//! training before any training is recorded, check-ups before any round, assessments before any
//! result, the promotion run before the promotion date or without a grade scheme, secondments
//! before any is entered, staffing before any community has its population.
//! Rules and a worked example: `src-tauri/core/docs/reminders.md`.

use crate::care::{self, OPEN_DAYS_FLAGGED};
use crate::error::Result;
use crate::vocab::{CadenceStatus, DifficultyStatus};
use crate::{contracts, dates, grades, secondments, staffing, training, workers};
use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, Connection};
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;

/// Which list an item opens; the window maps it to a page and its filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReminderKind {
    ContractsDue,
    ProbationEnding,
    TrainingOverdue,
    TrainingDueSoon,
    NotCheckedUp,
    DifficultiesOverdue,
    AssessmentsMissing,
    PromotionPending,
    RetiringSoon,
    SecondmentsOverdue,
    CommunitiesShort,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub kind: ReminderKind,
    pub title: String,
    pub count: i64,
    /// 人 / 件 / 个社区.
    pub unit: String,
    /// What the count is, in a sentence (windows, years, the rule's parameter).
    pub detail: String,
    /// Overdue or past a legal date: shown in red.
    pub urgent: bool,
    /// For the window: the year the list is of (上年度考核, 本年体检), or the date the
    /// promotion run should use.
    pub year: Option<i32>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Reminders {
    pub as_of: String,
    pub items: Vec<Reminder>,
}

impl Reminder {
    fn new(kind: ReminderKind, title: &str, count: usize, unit: &str, detail: String) -> Self {
        Reminder {
            kind,
            title: title.into(),
            count: count as i64,
            unit: unit.into(),
            detail,
            urgent: false,
            year: None,
            date: None,
        }
    }

    fn urgent(mut self, urgent: bool) -> Self {
        self.urgent = urgent;
        self
    }
}

fn any(conn: &Connection, sql: &str) -> Result<bool> {
    Ok(conn.query_row(&format!("SELECT EXISTS ({sql})"), [], |r| r.get(0))?)
}

/// Everything to act on as of `as_of`, in the order the home page lists it.
pub fn reminders(conn: &Connection, as_of: NaiveDate) -> Result<Reminders> {
    let mut items = Vec::new();
    contract_items(conn, as_of, &mut items)?;
    training_items(conn, as_of, &mut items)?;
    care_items(conn, as_of, &mut items)?;
    grade_items(conn, as_of, &mut items)?;
    items.push(retiring_item(conn, as_of)?);
    if any(conn, "SELECT 1 FROM secondments")? {
        let overdue = secondments::register(conn, as_of, None)?.counts.overdue;
        items.push(
            Reminder::new(
                ReminderKind::SecondmentsOverdue,
                "借调超期未归",
                overdue as usize,
                "人",
                "借调期限已过、尚未登记归队".into(),
            )
            .urgent(overdue > 0),
        );
    }
    if any(conn, "SELECT 1 FROM communities WHERE population > 0")? {
        let s = staffing::staffing(conn, as_of)?;
        let short: Vec<_> = s.communities.iter().filter(|c| c.gap > 0).collect();
        let missing: i64 = short.iter().map(|c| c.gap).sum();
        items.push(Reminder::new(
            ReminderKind::CommunitiesShort,
            "社区缺员",
            short.len(),
            "个社区",
            format!("按每万名城镇常住人口 18 人的标准，实有人数少于应配人数，共缺 {missing} 人"),
        ));
    }
    Ok(Reminders {
        as_of: dates::text(as_of),
        items,
    })
}

/// People (not contracts) in each list, as the roster's 合同 filter counts them.
fn people(list: &contracts::DueList) -> usize {
    list.rows
        .iter()
        .map(|r| r.contract.worker_id)
        .collect::<BTreeSet<_>>()
        .len()
}

fn contract_items(conn: &Connection, as_of: NaiveDate, items: &mut Vec<Reminder>) -> Result<()> {
    if !any(conn, "SELECT 1 FROM contracts")? {
        return Ok(());
    }
    let due = contracts::due(conn, as_of, None)?;
    let mut steps = contracts::get_rules(conn)?.reminder_days;
    steps.sort_unstable();
    let by_step: Vec<String> = steps
        .iter()
        .map(|s| {
            let n = due
                .rows
                .iter()
                .filter(|r| r.days_to_due.is_some_and(|d| d <= *s))
                .map(|r| r.contract.worker_id)
                .collect::<BTreeSet<_>>()
                .len();
            format!("{s} 天内 {n} 人")
        })
        .collect();
    let soonest = steps.first().copied().unwrap_or(7);
    let urgent = due
        .rows
        .iter()
        .any(|r| r.days_to_due.is_some_and(|d| d <= soonest));
    items.push(
        Reminder::new(
            ReminderKind::ContractsDue,
            "合同即将到期",
            people(&due),
            "人",
            format!("劳动合同到期、尚未续签：{}", by_step.join("，")),
        )
        .urgent(urgent),
    );
    let probation = contracts::probation_due(conn, as_of, None)?;
    let ended = probation
        .rows
        .iter()
        .filter(|r| r.days_to_due.is_some_and(|d| d < 0))
        .count();
    items.push(
        Reminder::new(
            ReminderKind::ProbationEnding,
            "试用期将满",
            people(&probation),
            "人",
            format!(
                "{} 天内试用期届满、尚未登记试用期考核（其中已届满 {ended} 人）",
                probation.within_days
            ),
        )
        .urgent(ended > 0),
    );
    Ok(())
}

fn training_items(conn: &Connection, as_of: NaiveDate, items: &mut Vec<Reminder>) -> Result<()> {
    if !any(
        conn,
        "SELECT 1 FROM training_attendance UNION ALL SELECT 1 FROM training_external",
    )? {
        return Ok(());
    }
    let rows = training::cadence(conn, as_of)?;
    let count = |s: CadenceStatus| rows.iter().filter(|r| r.status == s).count();
    let overdue = count(CadenceStatus::Overdue);
    items.push(
        Reminder::new(
            ReminderKind::TrainingOverdue,
            "培训已逾期",
            overdue,
            "人",
            "按培训周期规则，应培训日期已过仍未培训".into(),
        )
        .urgent(overdue > 0),
    );
    let warning = training::get_rules(conn)?.warning_days;
    items.push(Reminder::new(
        ReminderKind::TrainingDueSoon,
        "培训即将到期",
        count(CadenceStatus::DueSoon),
        "人",
        format!("{warning} 天内到应培训日期"),
    ));
    Ok(())
}

fn care_items(conn: &Connection, as_of: NaiveDate, items: &mut Vec<Reminder>) -> Result<()> {
    if any(conn, "SELECT 1 FROM checkup_rounds")? {
        let year = as_of.year();
        let mut item = Reminder::new(
            ReminderKind::NotCheckedUp,
            "本年未体检",
            care::not_checked(conn, year, as_of)?.len(),
            "人",
            format!("在岗社区工作者中 {year} 年还没有体检记录"),
        );
        item.year = Some(year);
        items.push(item);
    }
    // Open on the date: reported by then and not solved by then (a solved one has its date).
    let overdue: i64 = conn.query_row(
        "SELECT count(*) FROM difficulties d
         WHERE d.reported_on <= :as_of AND (d.status <> :solved OR d.resolved_on > :as_of)
           AND julianday(:as_of) - julianday(d.reported_on) > :days",
        named_params! {
            ":as_of": dates::text(as_of),
            ":solved": DifficultyStatus::Solved,
            ":days": OPEN_DAYS_FLAGGED,
        },
        |r| r.get(0),
    )?;
    items.push(
        Reminder::new(
            ReminderKind::DifficultiesOverdue,
            "困难诉求超过 30 天未办结",
            overdue as usize,
            "件",
            format!("登记已超过 {OPEN_DAYS_FLAGGED} 天、还没有解决"),
        )
        .urgent(overdue > 0),
    );
    Ok(())
}

fn grade_items(conn: &Connection, as_of: NaiveDate, items: &mut Vec<Reminder>) -> Result<()> {
    if any(conn, "SELECT 1 FROM assessments")? {
        let year = as_of.year() - 1;
        let missing = grades::assessment_sheet(conn, year, None)?
            .iter()
            .filter(|r| !r.saved)
            .count();
        let mut item = Reminder::new(
            ReminderKind::AssessmentsMissing,
            "上年度考核未录入",
            missing,
            "人",
            format!("{year} 年度考核结果未录入；晋级测算里“需核对”的人多半因此"),
        );
        item.year = Some(year);
        items.push(item);
    }
    let promotion = grades::get_rules(conn)?.promotion_date(as_of.year());
    if as_of >= promotion && grades::scheme_in_effect(conn, promotion)?.is_some() {
        let pending = grades::propose(conn, promotion)?
            .iter()
            .filter(|p| p.changed)
            .count();
        let mut item = Reminder::new(
            ReminderKind::PromotionPending,
            "晋级测算未做",
            pending,
            "人",
            format!(
                "按 {} 测算，岗位等级应调整而尚未写入的人数",
                dates::text(promotion)
            ),
        );
        item.date = Some(dates::text(promotion));
        items.push(item);
    }
    Ok(())
}

fn retiring_item(conn: &Connection, as_of: NaiveDate) -> Result<Reminder> {
    let list = workers::retiring(conn, as_of, workers::RETIRING_WITHIN_MONTHS)?;
    let past = list.iter().filter(|(_, day)| *day <= as_of).count();
    Ok(Reminder::new(
        ReminderKind::RetiringSoon,
        "即将退休",
        list.len(),
        "人",
        format!(
            "{} 个月内到法定退休年龄（渐进式延迟退休，女职工按原 55 岁计算），其中已到龄仍在岗 {past} 人",
            workers::RETIRING_WITHIN_MONTHS
        ),
    )
    .urgent(past > 0))
}
