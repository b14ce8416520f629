//! The ledger side of the grade engine, read-only: loads what `proposal` works from — for
//! every community worker in post (or one worker), their facts (职务, 学历, service,
//! assessments, certificates), the grade record in effect on a date with its bookkeeping and
//! whether a later record exists — and runs the engine over them: [`propose`] gives the
//! promotion run's lines, [`book_for_manual`] the bookkeeping a hand-made record carries.

use super::proposal::{
    annual_step, initial_grade, Bookkeeping, CurrentGrade, Facts, GradeState, Proposal,
};
use super::rules::get_rules;
use super::scheme::scheme_in_effect;
use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab;
use crate::workers::status::{IN_POST, STATUS_SQL};
use crate::workers::ServiceFacts;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection};
use std::collections::HashMap;

/// A community worker in post: who, where, and the facts of the worker record.
struct Person {
    id: i64,
    name: String,
    community_id: i64,
    community_name: String,
    position: String,
    education: String,
    service: ServiceFacts,
}

/// A worker's grade records and the facts kept beside the worker record.
#[derive(Default)]
struct WorkerHistory {
    current: Option<GradeState>,
    later: Option<NaiveDate>,
    assessments: Vec<(i32, crate::vocab::AssessmentResult)>,
    certificates: Vec<(String, NaiveDate)>,
    /// Certificates held whose 取得时间 is not entered: not counted, and said.
    undated: Vec<String>,
}

impl Person {
    fn facts(&self, h: &mut WorkerHistory) -> Facts {
        Facts {
            position: self.position.clone(),
            education: self.education.clone(),
            service: self.service.clone(),
            assessments: std::mem::take(&mut h.assessments),
            certificates: std::mem::take(&mut h.certificates),
        }
    }
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap_or(NaiveDate::MIN)
}

/// Everything the run needs, in four queries (for one worker or everyone).
fn load(
    conn: &Connection,
    as_of: NaiveDate,
    only: Option<i64>,
) -> Result<(Vec<Person>, HashMap<i64, WorkerHistory>)> {
    let as_of_text = dates::text(as_of);
    let in_post = serde_json::to_string(IN_POST).unwrap_or_default();
    let counted = serde_json::to_string(vocab::COUNTED_CATEGORIES).unwrap_or_default();
    // 职务 and 学历 as held on the run's date (任职经历): a post taken later, or a degree
    // obtained later, does not count yet.
    let table = crate::workers::history::table(conn, as_of)?;
    let sql = format!(
        "SELECT w.id, w.name, w.community_id, c.name, w.position, w.education,
            w.community_work_start, w.hired_on, w.prior_service_months, w.interruption_months,
            w.service_resumed_on, e.exit_date
         FROM {table} w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN (SELECT value FROM json_each(:in_post))
           AND w.category IN (SELECT value FROM json_each(:counted))
           AND (:only IS NULL OR w.id = :only)
         ORDER BY c.name, w.name_initials, w.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let people = stmt
        .query_map(
            named_params! {":as_of": as_of_text, ":in_post": in_post, ":counted": counted, ":only": only},
            |r| {
                let start: Option<String> = r.get(6)?;
                let hired: String = r.get(7)?;
                let resumed: Option<String> = r.get(10)?;
                let exit: Option<String> = r.get(11)?;
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    community_id: r.get(2)?,
                    community_name: r.get(3)?,
                    position: r.get(4)?,
                    education: r.get(5)?,
                    service: ServiceFacts {
                        start: Some(date(start.as_deref().unwrap_or(&hired))),
                        prior_months: r.get(8)?,
                        interruption_months: r.get::<_, Option<i64>>(9)?.unwrap_or(0),
                        resumed_on: resumed.as_deref().map(date),
                        exit: exit.as_deref().map(date),
                    },
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut histories: HashMap<i64, WorkerHistory> = HashMap::with_capacity(people.len());
    let mut stmt = conn.prepare(
        "SELECT worker_id, effective_date, scheme_id, category, level, reason, credited_years,
            counted_through, excellent_streak, early_levels, certificate_levels, degree_years
         FROM grade_records WHERE (:only IS NULL OR worker_id = :only)
         ORDER BY worker_id, effective_date, id",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        let worker: i64 = r.get(0)?;
        let d = date(&r.get::<_, String>(1)?);
        let h = histories.entry(worker).or_default();
        if d > as_of {
            h.later = h.later.or(Some(d));
            continue;
        }
        h.current = Some(GradeState {
            date: d,
            scheme_id: r.get(2)?,
            category: r.get(3)?,
            level: r.get(4)?,
            reason: r.get(5)?,
            book: Bookkeeping {
                credited_years: r.get(6)?,
                counted_through: r.get(7)?,
                excellent_streak: r.get(8)?,
                early_levels: r.get(9)?,
                certificate_levels: r.get(10)?,
                degree_years: r.get(11)?,
            },
        });
    }
    let mut stmt = conn.prepare(
        "SELECT worker_id, year, result FROM assessments WHERE (:only IS NULL OR worker_id = :only)
         ORDER BY worker_id, year",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        histories
            .entry(r.get(0)?)
            .or_default()
            .assessments
            .push((r.get(1)?, r.get(2)?));
    }
    for (worker, certs) in certificates(conn, only)? {
        histories.entry(worker).or_default().certificates = certs;
    }
    let mut stmt = conn.prepare(
        "SELECT worker_id, kind FROM certificates
         WHERE obtained_on IS NULL AND (:only IS NULL OR worker_id = :only) ORDER BY id",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        histories
            .entry(r.get(0)?)
            .or_default()
            .undated
            .push(r.get(1)?);
    }
    Ok((people, histories))
}

/// Certificate kinds and dates per worker (one worker's or everyone's); a certificate whose
/// 取得时间 is not entered counts for nothing until it is (the run says so, see `undated`).
pub(crate) fn certificates(
    conn: &Connection,
    only: Option<i64>,
) -> Result<HashMap<i64, Vec<(String, NaiveDate)>>> {
    let mut out: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT worker_id, kind, obtained_on FROM certificates
         WHERE obtained_on IS NOT NULL AND (:only IS NULL OR worker_id = :only)",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        let obtained: String = r.get(2)?;
        out.entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, date(&obtained)));
    }
    Ok(out)
}

/// The error for a date no scheme covers yet.
pub(crate) fn no_scheme(as_of: NaiveDate) -> CoreError {
    CoreError::validation(
        "asOf",
        format!(
            "{} 还没有生效的岗位等级方案：请先在“岗位等级方案”中复制一个模板，按本地文件调整后设定生效日期。",
            dates::text(as_of)
        ),
    )
}

fn scheme_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM grade_schemes")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The run as of `as_of`: one proposal per community worker in post, in roster order.
pub fn propose(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Proposal>> {
    let rules = get_rules(conn)?;
    let scheme = scheme_in_effect(conn, as_of)?.ok_or_else(|| no_scheme(as_of))?;
    let (people, mut histories) = load(conn, as_of, None)?;
    let names = scheme_names(conn)?;
    Ok(people
        .into_iter()
        .map(|p| {
            let mut h = histories.remove(&p.id).unwrap_or_default();
            let facts = p.facts(&mut h);
            let step = match &h.current {
                None => initial_grade(&facts, &rules, &scheme, as_of),
                Some(c) => annual_step(&facts, c, h.later, &rules, &scheme, as_of),
            };
            Proposal {
                worker_id: p.id,
                name: p.name,
                community_id: p.community_id,
                community_name: p.community_name,
                position: p.position,
                current: h.current.map(|c| CurrentGrade {
                    scheme_name: names.get(&c.scheme_id).cloned().unwrap_or_default(),
                    category: c.category,
                    level: c.level,
                    effective_date: dates::text(c.date),
                    reason: c.reason,
                }),
                category: step.category,
                level: step.level,
                changed: step.changed,
                reason: step.reason,
                lines: step.lines,
                attention: undated_attention(step.attention, &h.undated),
                book: step.book,
            }
        })
        .collect())
}

/// A certificate without its 取得时间 is not counted, and the person is listed under 需核对
/// with what to enter (never a guess at the date).
fn undated_attention(mut attention: Vec<String>, undated: &[String]) -> Vec<String> {
    if !undated.is_empty() {
        attention.push(format!(
            "证书取得时间未填（{}）：补填前不计入等级，请在人员信息的“职业资格”中补填",
            undated.join("、")
        ));
    }
    attention
}

/// The bookkeeping for a record added by hand on `on`: the previous record's, or (for a
/// first record) what 定级 on that date would start from.
pub(crate) fn book_for_manual(
    conn: &Connection,
    worker_id: i64,
    on: NaiveDate,
) -> Result<Bookkeeping> {
    let rules = get_rules(conn)?;
    let scheme = scheme_in_effect(conn, on)?.ok_or_else(|| no_scheme(on))?;
    let (people, mut histories) = load(conn, on, Some(worker_id))?;
    let mut h = histories.remove(&worker_id).unwrap_or_default();
    if let Some(c) = &h.current {
        return Ok(c.book.clone());
    }
    Ok(match people.first() {
        Some(p) => initial_grade(&p.facts(&mut h), &rules, &scheme, on).book,
        // Not a community worker in post on that date: nothing to carry.
        None => Bookkeeping {
            counted_through: rules.last_counted_year(on),
            ..Bookkeeping::default()
        },
    })
}
