//! 借调登记 (第17条): community workers seconded (借调 / 抽调) out of their community.
//!
//! - `rules` checks a secondment (county-level units refused with the policy's sentence, the
//!   county approval, dates, no overlap) — every rule is there;
//! - `edit` adds one, records its approval or the return, deletes a mistaken entry, audited;
//! - this file reads them, with what is true of each on a date.
//!
//! On a date D a person is 借调在外 when start ≤ D and (not returned, or returned after D);
//! the secondment is 逾期未归 when, besides, its planned end is before D; it is 未经批准 on D
//! unless its approval is dated on or before D. The person stays on the roster (still the
//! community's worker); staffing shows how many of a community are away ([`per_community`]).
//! Rules and worked examples: `src-tauri/core/docs/secondments.md`.

mod edit;
mod rules;

pub use edit::{add, delete, record_approval, record_return};
pub use rules::POLICY_SENTENCE;

use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::{ApprovalStatus, SecondmentKind, SecondmentPhase, UnitLevel, WorkerStatus};
use crate::workers::status::STATUS_SQL;
use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The county approval (县级党委社会工作部门): all three, or none at all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalInput {
    /// 批准单位
    pub approved_by: String,
    /// 批准文号
    pub approval_no: String,
    /// 批准日期 (YYYY-MM-DD)
    pub approved_on: String,
}

/// What the form sends to register a secondment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SecondmentInput {
    pub kind: SecondmentKind,
    /// 借入单位
    pub unit: String,
    pub unit_level: UnitLevel,
    /// 借调事由
    pub reason: String,
    /// 借调开始日期
    pub start_on: String,
    /// 计划结束日期
    pub planned_end: String,
    /// 归队日期 (blank: still away)
    pub returned_on: Option<String>,
    /// The clerk's explicit choice: 已批准 needs `approval`; 未经批准 must leave it out.
    pub approval_status: ApprovalStatus,
    pub approval: Option<ApprovalInput>,
    pub remarks: Option<String>,
}

/// A saved secondment, with the person, and what is true of it on `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Secondment {
    pub id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_id: i64,
    pub community_name: String,
    pub kind: SecondmentKind,
    pub unit: String,
    pub unit_level: UnitLevel,
    pub reason: String,
    pub start_on: String,
    pub planned_end: String,
    pub returned_on: Option<String>,
    pub approval: Option<ApprovalInput>,
    pub remarks: Option<String>,
    /// The date the fields below are for.
    pub as_of: String,
    pub phase: SecondmentPhase,
    /// 已批准 only when the approval is dated on or before `as_of`.
    pub approval_status: ApprovalStatus,
    /// 逾期未归: away on `as_of` and the planned end is before it.
    pub overdue: bool,
    /// Approved after it started (补批): from the start to the day before the approval it
    /// was 未经批准, and the history keeps showing that.
    pub approved_late: bool,
}

impl Secondment {
    /// Away and 未经批准 on its date: what the staffing figures count as unapproved.
    pub fn away_unapproved(&self) -> bool {
        self.phase == SecondmentPhase::Away && self.approval_status == ApprovalStatus::Unapproved
    }

    /// Its flags on its date in words, as the workbook and the command line print them:
    /// 未经批准, 逾期未归, and a late approval with the day it came.
    pub fn flag_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.approval_status == ApprovalStatus::Unapproved {
            out.push(ApprovalStatus::Unapproved.to_string());
        }
        if self.overdue {
            out.push("逾期未归".to_string());
        }
        if let (true, Some(a)) = (self.approved_late, &self.approval) {
            out.push(format!("补批（{} 前未经批准）", a.approved_on));
        }
        out
    }
}

/// The head counts of a register: people away on its date, and of those 未经批准 and 逾期未归.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RegisterCounts {
    pub away: i64,
    pub unapproved: i64,
    pub overdue: i64,
}

impl RegisterCounts {
    pub fn of(list: &[Secondment]) -> RegisterCounts {
        let away = list.iter().filter(|s| s.phase == SecondmentPhase::Away);
        RegisterCounts {
            away: away.clone().count() as i64,
            unapproved: away.clone().filter(|s| s.away_unapproved()).count() as i64,
            overdue: away.filter(|s| s.overdue).count() as i64,
        }
    }
}

/// The street's 借调登记 on a date (the list page, `shegong secondments --json`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Register {
    pub as_of: String,
    /// The first day of the period: secondments over before it are left out.
    pub since: String,
    pub counts: RegisterCounts,
    pub rows: Vec<Secondment>,
}

/// The stored dates of a secondment, which every as-of answer is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: NaiveDate,
    pub planned_end: NaiveDate,
    pub returned: Option<NaiveDate>,
    pub approved: Option<NaiveDate>,
}

impl Span {
    pub fn phase(&self, d: NaiveDate) -> SecondmentPhase {
        if self.start > d {
            SecondmentPhase::NotStarted
        } else if self.returned.is_some_and(|r| r <= d) {
            SecondmentPhase::Returned
        } else {
            SecondmentPhase::Away
        }
    }

    pub fn overdue(&self, d: NaiveDate) -> bool {
        self.phase(d) == SecondmentPhase::Away && self.planned_end < d
    }

    pub fn approval(&self, d: NaiveDate) -> ApprovalStatus {
        if self.approved.is_some_and(|a| a <= d) {
            ApprovalStatus::Approved
        } else {
            ApprovalStatus::Unapproved
        }
    }

    /// Whether two secondments share a day. A secondment not returned runs on without end,
    /// whatever its planned end: the person is still away.
    pub fn overlaps(&self, other: &Span) -> bool {
        let before_end = |d: NaiveDate, end: Option<NaiveDate>| end.is_none_or(|e| d < e);
        before_end(self.start, other.returned) && before_end(other.start, self.returned)
    }
}

/// The register's columns, with the person's community as of `as_of` (任职经历), the one
/// `per_community` counts them under.
fn select(conn: &Connection, as_of: NaiveDate) -> Result<String> {
    Ok(format!(
        "SELECT s.id, s.worker_id, w.name, w.community_id, c.name, s.kind, s.unit,
        s.unit_level, s.reason, s.start_on, s.planned_end, s.returned_on, s.approved_by,
        s.approval_no, s.approved_on, s.remarks
     FROM secondments s JOIN {} w ON w.id = s.worker_id
     JOIN communities c ON c.id = w.community_id",
        crate::workers::history::table(conn, as_of)?
    ))
}

fn parse(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, dates::ISO).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn from_row(r: &Row, as_of: NaiveDate) -> rusqlite::Result<Secondment> {
    let approved_on: Option<String> = r.get(14)?;
    let approval = match approved_on {
        Some(approved_on) => Some(ApprovalInput {
            approved_by: r.get(12)?,
            approval_no: r.get(13)?,
            approved_on,
        }),
        None => None,
    };
    let start_on: String = r.get(9)?;
    let planned_end: String = r.get(10)?;
    let returned_on: Option<String> = r.get(11)?;
    let span = Span {
        start: parse(&start_on)?,
        planned_end: parse(&planned_end)?,
        returned: returned_on.as_deref().map(parse).transpose()?,
        approved: approval
            .as_ref()
            .map(|a| parse(&a.approved_on))
            .transpose()?,
    };
    Ok(Secondment {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        worker_name: r.get(2)?,
        community_id: r.get(3)?,
        community_name: r.get(4)?,
        kind: r.get(5)?,
        unit: r.get(6)?,
        unit_level: r.get(7)?,
        reason: r.get(8)?,
        start_on,
        planned_end,
        returned_on,
        approval,
        remarks: r.get(15)?,
        as_of: dates::text(as_of),
        phase: span.phase(as_of),
        approval_status: span.approval(as_of),
        overdue: span.overdue(as_of),
        approved_late: span.approved.is_some_and(|a| a > span.start),
    })
}

fn query(
    conn: &Connection,
    filter: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    as_of: NaiveDate,
) -> Result<Vec<Secondment>> {
    let mut stmt = conn.prepare(&format!("{} {filter}", select(conn, as_of)?))?;
    let rows = stmt.query_map(params, |r| from_row(r, as_of))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One secondment, as of `as_of`.
pub fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Secondment> {
    conn.query_row(
        &format!("{} WHERE s.id = :id", select(conn, as_of)?),
        named_params! {":id": id},
        |r| from_row(r, as_of),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到该借调记录，可能已被删除，请刷新后重试。"))
}

/// A person's secondments, oldest first, as of `as_of` (the person page's 借调 tab).
pub fn for_worker(conn: &Connection, worker_id: i64, as_of: NaiveDate) -> Result<Vec<Secondment>> {
    query(
        conn,
        "WHERE s.worker_id = :worker ORDER BY s.start_on, s.id",
        named_params! {":worker": worker_id},
        as_of,
    )
}

/// The street's 借调登记 as of `as_of`: every secondment that had started by then and was not
/// over before `since` (those away on `as_of`, and those that came back within the period),
/// by community, person and start. By default `since` is 1 January of the as-of date's year,
/// the same default as the county workbook's 报表期间.
pub fn register(conn: &Connection, as_of: NaiveDate, since: Option<NaiveDate>) -> Result<Register> {
    let since =
        since.unwrap_or_else(|| NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of));
    if since > as_of {
        return Err(CoreError::validation(
            "since",
            "借调登记的起始日期不能晚于统计日期。",
        ));
    }
    let rows = query(
        conn,
        "WHERE s.start_on <= :as_of AND (s.returned_on IS NULL OR s.returned_on >= :since)
         ORDER BY c.name, w.name_initials, w.id, s.start_on",
        named_params! {":as_of": dates::text(as_of), ":since": dates::text(since)},
        as_of,
    )?;
    Ok(Register {
        as_of: dates::text(as_of),
        since: dates::text(since),
        counts: RegisterCounts::of(&rows),
        rows,
    })
}

/// Refuses an exit on `exit_date` while a secondment of the person is not over by then (not
/// returned, returned after it, or starting on or after it): the person leaves the community,
/// so the clerk first records the return, no later than the exit. Called by `workers::set_exit`.
pub fn check_exit(conn: &Connection, worker_id: i64, exit_date: &str) -> Result<()> {
    let open = conn
        .query_row(
            "SELECT unit, start_on FROM secondments
             WHERE worker_id = ?1 AND (returned_on IS NULL OR returned_on > ?2 OR start_on >= ?2)
             ORDER BY start_on LIMIT 1",
            rusqlite::params![worker_id, exit_date],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?;
    match open {
        None => Ok(()),
        Some((unit, start)) => Err(CoreError::validation(
            "exitDate",
            format!(
                "此人 {start} 起借调到“{unit}”，到退出日期 {exit_date} 还没有结束。\
                 请先在“借调”页签登记归队日期（不晚于退出日期），再登记退出。"
            ),
        )),
    }
}

/// SQL true when secondment `s` has its person away on `:as_of`: the one definition of 借调在外
/// in SQL (`Span::phase` is the same rule on one record).
const AWAY_ON: &str = "s.start_on <= :as_of AND (s.returned_on IS NULL OR s.returned_on > :as_of)";

/// SQL true when worker `w` is 借调在外 on `:as_of` (the roster's filter).
pub fn away_sql() -> String {
    format!("EXISTS (SELECT 1 FROM secondments s WHERE s.worker_id = w.id AND {AWAY_ON})")
}

/// How a person away on a date shows on the roster: 借调在外, and whether 未经批准 / 逾期未归.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwayTag {
    pub unapproved: bool,
    pub overdue: bool,
}

/// The workers of `ids` who are away on `as_of`, with their tag (one query for a page).
pub fn away_tags(
    conn: &Connection,
    ids: &[i64],
    as_of: NaiveDate,
) -> Result<HashMap<i64, AwayTag>> {
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let found = query(
        conn,
        &format!("WHERE s.worker_id IN (SELECT value FROM json_each(:ids)) AND {AWAY_ON}"),
        named_params! {":ids": format!("[{}]", list.join(",")), ":as_of": dates::text(as_of)},
        as_of,
    )?;
    Ok(found
        .into_iter()
        .map(|s| {
            let tag = AwayTag {
                unapproved: s.away_unapproved(),
                overdue: s.overdue,
            };
            (s.worker_id, tag)
        })
        .collect())
}

/// Per community, of the 社区工作者 in post on a date: how many are 借调在外, and how many of
/// those 未经批准.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AwayCounts {
    pub away: i64,
    pub unapproved: i64,
}

/// [`AwayCounts`] by community id on `as_of`, for 配备情况: the community the worker belonged
/// to on that date (任职经历).
pub fn per_community(conn: &Connection, as_of: NaiveDate) -> Result<HashMap<i64, AwayCounts>> {
    let in_post = WorkerStatus::sql_list(&WorkerStatus::IN_POST);
    let counted = crate::vocab::Category::sql_list(&crate::vocab::Category::COUNTED);
    let table = crate::workers::history::table(conn, as_of)?;
    let sql = format!(
        "SELECT w.community_id, count(*),
            count(CASE WHEN s.approved_on IS NULL OR s.approved_on > :as_of THEN 1 END)
         FROM secondments s JOIN {table} w ON w.id = s.worker_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE {AWAY_ON} AND ({STATUS_SQL}) IN {in_post} AND w.category IN {counted}
         GROUP BY w.community_id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(named_params! {":as_of": dates::text(as_of)}, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            AwayCounts {
                away: r.get(1)?,
                unapproved: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, dates::ISO).expect("date")
    }

    fn span(start: &str, planned: &str, returned: Option<&str>, approved: Option<&str>) -> Span {
        Span {
            start: d(start),
            planned_end: d(planned),
            returned: returned.map(d),
            approved: approved.map(d),
        }
    }

    #[test]
    fn away_from_the_start_until_the_day_before_the_return() {
        let s = span("2026-03-01", "2026-05-31", Some("2026-06-10"), None);
        assert_eq!(s.phase(d("2026-02-28")), SecondmentPhase::NotStarted);
        assert_eq!(s.phase(d("2026-03-01")), SecondmentPhase::Away);
        assert_eq!(s.phase(d("2026-06-09")), SecondmentPhase::Away);
        assert_eq!(s.phase(d("2026-06-10")), SecondmentPhase::Returned);
        // Overdue from the day after the planned end until the return.
        assert!(!s.overdue(d("2026-05-31")));
        assert!(s.overdue(d("2026-06-01")));
        assert!(!s.overdue(d("2026-06-10")));
    }

    #[test]
    fn approval_counts_from_its_date() {
        let s = span("2026-03-01", "2026-05-31", None, Some("2026-03-20"));
        assert_eq!(s.approval(d("2026-03-19")), ApprovalStatus::Unapproved);
        assert_eq!(s.approval(d("2026-03-20")), ApprovalStatus::Approved);
        let never = span("2026-03-01", "2026-05-31", None, None);
        assert_eq!(never.approval(d("2030-01-01")), ApprovalStatus::Unapproved);
    }

    #[test]
    fn overlap_treats_an_open_secondment_as_running_on() {
        let open = span("2026-03-01", "2026-04-30", None, None);
        let later = span("2026-09-01", "2026-10-31", Some("2026-10-31"), None);
        assert!(
            open.overlaps(&later),
            "not returned: still away in September"
        );
        let back = span("2026-03-01", "2026-04-30", Some("2026-05-01"), None);
        assert!(!back.overlaps(&later));
        // Returning on a day and leaving again that same day do not share a day.
        let next = span("2026-05-01", "2026-06-30", None, None);
        assert!(!back.overlaps(&next));
        assert!(!next.overlaps(&back));
        let inside = span("2026-04-01", "2026-04-10", Some("2026-04-10"), None);
        assert!(back.overlaps(&inside) && inside.overlaps(&back));
    }
}
