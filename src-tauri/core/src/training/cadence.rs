//! The training cadence (第8条): who must be trained how often, and each person's status as
//! of a date. Derived every time from the dated records, never stored.
//!
//! Rules (parameters in [`CadenceRules`], kept in settings as JSON, editable from the UI):
//! - 书记/主任/书记兼主任: at least one class of the minimum tier (县级骨干培训) or higher in
//!   each calendar year in which they held such a post. The post is the one held on the
//!   as-of date (任职经历), and trainings earlier that year (before they took the post) count.
//!   A year counts only if the person held the post by 30 Sep of it — hired, or elected or
//!   appointed to it, by then (there is too little of it left otherwise): someone elected
//!   书记 in March is held to this year's class, not to last year's, when they were other
//!   staff under the 36-month rule. A missed previous year shows 已逾期 until this year's
//!   class is done.
//! - every other community worker (两委专职成员, 社区专职工作人员): one such class within
//!   every 36 months; the window runs from the last one, or from 入职时间 for someone never
//!   trained. Due on the same calendar day 36 months on; overdue the day after.
//! - new hires (入职时间 on or after `inductionHiredFrom`): an 初任培训 of any tier within
//!   12 months of 入职时间.
//! - only 结业 counts: 未结业 and 缺席 do not (a person who failed must attend again).
//! - 两委兼职成员 and 挂职干部 are not community workers (第1条); exited, retired and not yet
//!   hired people are not counted.
//!
//! Status: 已逾期 (past due), 即将到期 (due within `warningDays`), 待培训 (not yet trained for
//! the current period, due later), 已完成 (trained, not due soon).

use crate::audit::{self, Channel};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::{self, CadenceStatus, Category};
use crate::workers::status::{in_post_sql, STATUS_SQL};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{named_params, params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

const RULES_KEY: &str = "training_rules";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CadenceRules {
    /// Positions held to the yearly rule.
    pub leader_positions: Vec<String>,
    /// The lowest tier that counts (it and every higher tier).
    pub min_tier: String,
    /// Everyone else: at least one counted class within this many months.
    pub others_every_months: u32,
    /// A new hire's 初任培训 within this many months of 入职时间.
    pub induction_within_months: u32,
    /// The 初任培训 rule applies to people hired on or after this date (YYYY-MM-DD), so the
    /// staff of earlier years are not all flagged.
    pub induction_hired_from: String,
    /// 即将到期 when the due date is at most this many days away.
    pub warning_days: i64,
}

impl Default for CadenceRules {
    fn default() -> Self {
        CadenceRules {
            leader_positions: vec!["书记".into(), "主任".into(), "书记兼主任".into()],
            min_tier: "县级骨干培训".into(),
            others_every_months: 36,
            induction_within_months: 12,
            induction_hired_from: "2024-01-01".into(),
            warning_days: 90,
        }
    }
}

/// The rules in force (the defaults until a clerk saves others).
pub fn get_rules(conn: &Connection) -> Result<CadenceRules> {
    crate::settings::rules(conn, RULES_KEY)
}

fn validate(rules: &CadenceRules) -> Result<CadenceRules> {
    let mut leaders: Vec<String> = Vec::new();
    for p in &rules.leader_positions {
        let p = p.trim();
        if !vocab::POSITIONS.contains(&p) {
            return Err(CoreError::validation(
                "leaderPositions",
                format!("“{p}”不是职务列表中的值，请从列表中选择每年须培训的职务。"),
            ));
        }
        if !leaders.iter().any(|l| l == p) {
            leaders.push(p.to_string());
        }
    }
    if !vocab::TRAINING_TIERS.contains(&rules.min_tier.trim()) {
        return Err(CoreError::validation(
            "minTier",
            "请从列表中选择计入轮训的最低培训层级。",
        ));
    }
    if !(1..=120).contains(&rules.others_every_months) {
        return Err(CoreError::validation(
            "othersEveryMonths",
            "其他社区工作者的轮训周期须在 1 至 120 个月之间。",
        ));
    }
    if !(1..=60).contains(&rules.induction_within_months) {
        return Err(CoreError::validation(
            "inductionWithinMonths",
            "初任培训期限须在 1 至 60 个月之间。",
        ));
    }
    let from = dates::required(
        "inductionHiredFrom",
        "初任培训适用的入职起始日期",
        &rules.induction_hired_from,
    )?;
    if !(0..=366).contains(&rules.warning_days) {
        return Err(CoreError::validation(
            "warningDays",
            "提前提醒天数须在 0 至 366 天之间。",
        ));
    }
    Ok(CadenceRules {
        leader_positions: leaders,
        min_tier: rules.min_tier.trim().to_string(),
        others_every_months: rules.others_every_months,
        induction_within_months: rules.induction_within_months,
        induction_hired_from: dates::text(from),
        warning_days: rules.warning_days,
    })
}

/// Saves the rules (audited as a settings change).
pub fn save_rules(
    tx: &Transaction,
    channel: &Channel,
    rules: &CadenceRules,
) -> Result<CadenceRules> {
    let new = validate(rules)?;
    let old = get_rules(tx)?;
    let f = |r: &CadenceRules| -> audit::Fields {
        vec![
            ("每年须培训的职务", Some(r.leader_positions.join("、"))),
            ("计入的最低层级", Some(r.min_tier.clone())),
            (
                "其他人员轮训周期（月）",
                Some(r.others_every_months.to_string()),
            ),
            (
                "初任培训期限（月）",
                Some(r.induction_within_months.to_string()),
            ),
            (
                "初任培训适用的入职起始日期",
                Some(r.induction_hired_from.clone()),
            ),
            ("提前提醒天数", Some(r.warning_days.to_string())),
        ]
    };
    crate::settings::save_rules(tx, channel, RULES_KEY, "培训规则", &new, &f(&old), &f(&new))?;
    Ok(new)
}

/// One person's cadence status as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CadenceRow {
    pub worker_id: i64,
    pub name: String,
    pub community_id: i64,
    pub community_name: String,
    pub category: String,
    pub position: String,
    pub hired_on: String,
    /// 每年至少1次 / 每36个月至少1次
    pub rule: String,
    /// The requirement that decides `status` and `due_date`: `rule`, or
    /// 初任培训（入职12个月内） when the new hire's induction is the more pressing.
    pub decided_by: String,
    /// The overall status (the worse of the rule and the 初任培训 rule): 已逾期 / 即将到期 /
    /// 待培训 / 已完成.
    pub status: CadenceStatus,
    /// When the requirement that decides the status falls (or fell) due.
    pub due_date: String,
    /// The status under the main rule alone.
    pub rule_status: CadenceStatus,
    pub rule_due_date: String,
    /// The class (or training elsewhere) that last satisfied the main rule, and its end date.
    pub last_training: Option<String>,
    pub last_training_date: Option<String>,
    /// The 初任培训 rule, for people it applies to.
    pub induction_status: Option<CadenceStatus>,
    pub induction_due_date: Option<String>,
}

/// Most pressing first: the order of [`CadenceStatus::ALL`].
pub(super) fn severity(status: CadenceStatus) -> usize {
    CadenceStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(CadenceStatus::ALL.len())
}

type Day = [u8; 10];

fn day(text: &str) -> Option<Day> {
    text.as_bytes().try_into().ok()
}

#[derive(Default, Clone, Copy)]
struct Acc {
    /// Latest counted (tier, 结业) training: (date, from elsewhere?, record id).
    last: Option<(Day, bool, i64)>,
    /// Latest counted training before 1 January of the as-of year.
    last_before_year: Option<Day>,
    /// Whether an 初任培训 was completed.
    induction: bool,
}

struct ClassFacts {
    end: Day,
    /// Ended on or before the as-of date.
    held: bool,
    counts: bool,
    induction: bool,
    name: String,
}

struct Person {
    id: i64,
    name: String,
    community_id: i64,
    community_name: String,
    category: String,
    position: String,
    hired_on: String,
    /// Since when the person has held a leader post without a break (任职经历), for a leader.
    leader_since: Option<String>,
}

/// For each person holding a leader post on `as_of`: the first day of the unbroken run of
/// leader records that reaches `as_of`.
fn leader_since(
    conn: &Connection,
    as_of: &str,
    leaders: &[String],
) -> Result<std::collections::HashMap<i64, String>> {
    let leaders = serde_json::to_string(leaders).unwrap_or_default();
    let mut stmt = conn.prepare(
        "SELECT x.worker_id, min(x.effective_on) FROM post_records x
         WHERE x.effective_on <= :as_of
           AND x.effective_on > coalesce((SELECT max(y.effective_on) FROM post_records y
                WHERE y.worker_id = x.worker_id AND y.effective_on <= :as_of
                  AND y.position NOT IN (SELECT value FROM json_each(:leaders))), '')
         GROUP BY x.worker_id",
    )?;
    let rows = stmt.query_map(named_params! {":as_of": as_of, ":leaders": leaders}, |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every counted person's status as of `as_of`: overdue first, then soonest due.
pub fn cadence(conn: &Connection, as_of: NaiveDate) -> Result<Vec<CadenceRow>> {
    compute(conn, as_of, None)
}

/// One person's status, or None when the person is not counted (not a community worker, not
/// in post on the date).
pub fn cadence_for_worker(
    conn: &Connection,
    worker_id: i64,
    as_of: NaiveDate,
) -> Result<Option<CadenceRow>> {
    Ok(compute(conn, as_of, Some(worker_id))?.into_iter().next())
}

pub(super) fn compute(
    conn: &Connection,
    as_of: NaiveDate,
    only: Option<i64>,
) -> Result<Vec<CadenceRow>> {
    let rules = get_rules(conn)?;
    let as_of_text = dates::text(as_of);
    // Labels from vocab (never input), so they can stand in the SQL text as literals.
    let counted = Category::sql_list(&Category::COUNTED);
    let in_post = in_post_sql();
    // The post and community held on the date judged (任职经历), not today's.
    let table = crate::workers::history::table(conn, as_of)?;
    let people_sql = format!(
        "SELECT w.id, w.name, w.community_id, c.name, w.category, w.position, w.hired_on
         FROM {table} w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN {in_post}
           AND w.category IN {counted}
           AND (:only IS NULL OR w.id = :only)"
    );
    let mut stmt = conn.prepare(&people_sql)?;
    let people: Vec<Person> = stmt
        .query_map(named_params! {":as_of": as_of_text, ":only": only}, |r| {
            Ok(Person {
                id: r.get(0)?,
                name: r.get(1)?,
                community_id: r.get(2)?,
                community_name: r.get(3)?,
                category: r.get(4)?,
                position: r.get(5)?,
                hired_on: r.get(6)?,
                leader_since: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut since = leader_since(conn, &as_of_text, &rules.leader_positions)?;
    let mut people = people;
    for p in &mut people {
        if rules.leader_positions.contains(&p.position) {
            p.leader_since = since.remove(&p.id);
        }
    }

    let min = vocab::TRAINING_TIERS
        .iter()
        .position(|t| *t == rules.min_tier)
        .unwrap_or(2);
    let counted_tiers = &vocab::TRAINING_TIERS[..=min];
    let year_start = format!("{:04}-01-01", as_of.year());
    // Worker ids are dense rowids: a vector indexed by id is much cheaper than a map.
    let max_id = people.iter().map(|p| p.id).max().unwrap_or(0).max(0) as usize;
    let mut acc: Vec<Acc> = vec![Acc::default(); max_id + 1];
    let mut note = |worker: i64, d: Day, counts: bool, induction: bool, external: bool, id: i64| {
        // People not counted (exited, part-time …) have no slot: their records do not matter.
        let Some(a) = usize::try_from(worker).ok().and_then(|w| acc.get_mut(w)) else {
            return;
        };
        a.induction |= induction;
        if counts {
            if a.last.is_none_or(|(l, _, _)| d > l) {
                a.last = Some((d, external, id));
            }
            if d.as_slice() < year_start.as_bytes() && a.last_before_year.is_none_or(|l| d > l) {
                a.last_before_year = Some(d);
            }
        }
    };

    // Classes are few and attendances many: the classes' facts go into a map, and the
    // attendances are read as bare (worker, class) pairs, which keeps 200,000 rows cheap.
    let mut classes: HashMap<i64, ClassFacts> = HashMap::new();
    let mut stmt = conn.prepare("SELECT id, end_date, tier, kind, name FROM training_classes")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let Some(end) = r.get_ref(1)?.as_str().ok().and_then(day) else {
            continue;
        };
        let tier: String = r.get(2)?;
        let kind: String = r.get(3)?;
        classes.insert(
            r.get(0)?,
            ClassFacts {
                end,
                held: end.as_slice() <= as_of_text.as_bytes(),
                counts: counted_tiers.contains(&tier.as_str()),
                induction: kind == "初任培训",
                name: r.get(4)?,
            },
        );
    }
    drop(rows);
    let attendance_sql = if only.is_some() {
        "SELECT worker_id, class_id FROM training_attendance WHERE result = '结业' AND worker_id = ?1"
    } else {
        "SELECT worker_id, class_id FROM training_attendance WHERE result = '结业' AND ?1 IS NULL"
    };
    let mut stmt = conn.prepare(attendance_sql)?;
    let mut rows = stmt.query([only])?;
    // A class's attendees are usually added together, so consecutive rows share a class.
    let mut cached: Option<(i64, Option<&ClassFacts>)> = None;
    while let Some(r) = rows.next()? {
        let class_id: i64 = r.get(1)?;
        let facts = match cached {
            Some((id, facts)) if id == class_id => facts,
            _ => {
                let facts = classes.get(&class_id).filter(|c| c.held);
                cached = Some((class_id, facts));
                facts
            }
        };
        if let Some(c) = facts {
            note(r.get(0)?, c.end, c.counts, c.induction, false, class_id);
        }
    }
    drop(rows);
    let mut stmt = conn.prepare(
        "SELECT worker_id, id, end_date, tier, kind FROM training_external
         WHERE end_date <= ?1 AND (?2 IS NULL OR worker_id = ?2)",
    )?;
    let mut rows = stmt.query(params![as_of_text, only])?;
    while let Some(r) = rows.next()? {
        let Some(end) = r.get_ref(2)?.as_str().ok().and_then(day) else {
            continue;
        };
        let counts = counted_tiers.contains(&r.get_ref(3)?.as_str().unwrap_or(""));
        let induction = r.get_ref(4)?.as_str().unwrap_or("") == "初任培训";
        note(r.get(0)?, end, counts, induction, true, r.get(1)?);
    }
    drop(rows);

    let mut out: Vec<CadenceRow> = people
        .into_iter()
        .filter_map(|p| {
            let a = usize::try_from(p.id)
                .ok()
                .and_then(|i| acc.get(i))
                .copied()
                .unwrap_or_default();
            row(&rules, as_of, p, a)
        })
        .collect();
    name_last_trainings(conn, &mut out, &acc, &classes)?;
    out.sort_by(|a, b| {
        (severity(a.status), &a.due_date, &a.community_name, &a.name).cmp(&(
            severity(b.status),
            &b.due_date,
            &b.community_name,
            &b.name,
        ))
    });
    Ok(out)
}

/// A stored ISO date to a date without chrono's format parser (20,000 people a call).
fn parse_day(d: &[u8]) -> Option<NaiveDate> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        d.get(r)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    if d.len() != 10 || d[4] != b'-' || d[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// ISO text of a date, without chrono's formatter.
fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Status for a requirement not yet met that falls due on `due`.
fn pending(as_of: NaiveDate, due: NaiveDate, warning_days: i64) -> CadenceStatus {
    if as_of > due {
        CadenceStatus::Overdue
    } else if (due - as_of).num_days() <= warning_days {
        CadenceStatus::DueSoon
    } else {
        CadenceStatus::Pending
    }
}

fn row(rules: &CadenceRules, as_of: NaiveDate, p: Person, a: Acc) -> Option<CadenceRow> {
    let hired = parse_day(p.hired_on.as_bytes())?;
    let last = a.last.and_then(|(d, _, _)| parse_day(&d));
    let leader = rules.leader_positions.contains(&p.position);
    let (rule, status, due) = if leader {
        let y = as_of.year();
        // A year counts only for people who held the post by 30 Sep of it.
        let took_post = p
            .leader_since
            .as_deref()
            .and_then(|d| parse_day(d.as_bytes()))
            .map_or(hired, |d| d.max(hired));
        let required = |year: i32| ymd(year, 9, 30).is_some_and(|cut| took_post <= cut);
        let this_year = last.is_some_and(|d| d.year() == y);
        let prev_year = a
            .last_before_year
            .and_then(|d| parse_day(&d))
            .is_some_and(|d| d.year() == y - 1);
        let (status, due) = if this_year {
            (CadenceStatus::Done, ymd(y + 1, 12, 31)?)
        } else if required(y - 1) && !prev_year {
            (CadenceStatus::Overdue, ymd(y - 1, 12, 31)?)
        } else if !required(y) {
            (CadenceStatus::Pending, ymd(y + 1, 12, 31)?)
        } else {
            let due = ymd(y, 12, 31)?;
            (pending(as_of, due, rules.warning_days), due)
        };
        ("每年至少1次".to_string(), status, due)
    } else {
        let months = Months::new(rules.others_every_months);
        let due = last.unwrap_or(hired).checked_add_months(months)?;
        let status = match pending(as_of, due, rules.warning_days) {
            CadenceStatus::Pending if last.is_some() => CadenceStatus::Done,
            s => s,
        };
        (
            format!("每{}个月至少1次", rules.others_every_months),
            status,
            due,
        )
    };
    let induction = (p.hired_on.as_str() >= rules.induction_hired_from.as_str())
        .then(|| {
            let due = hired.checked_add_months(Months::new(rules.induction_within_months))?;
            let status = if a.induction {
                CadenceStatus::Done
            } else {
                pending(as_of, due, rules.warning_days)
            };
            Some((status, due))
        })
        .flatten();
    let induction_first = induction.is_some_and(|(s, d)| {
        severity(s) < severity(status) || (s == status && s != CadenceStatus::Done && d < due)
    });
    let (overall, overall_due, decided_by) = match induction {
        Some((s, d)) if induction_first => (
            s,
            d,
            format!("初任培训（入职{}个月内）", rules.induction_within_months),
        ),
        _ => (status, due, rule.clone()),
    };
    Some(CadenceRow {
        worker_id: p.id,
        name: p.name,
        community_id: p.community_id,
        community_name: p.community_name,
        category: p.category,
        position: p.position,
        hired_on: p.hired_on,
        rule,
        decided_by,
        status: overall,
        due_date: iso(overall_due),
        rule_status: status,
        rule_due_date: iso(due),
        last_training: None,
        last_training_date: last.map(iso),
        induction_status: induction.map(|(s, _)| s),
        induction_due_date: induction.map(|(_, d)| iso(d)),
    })
}

/// Fills in the names of the trainings that last satisfied the rule, with one query for
/// classes and one for records from elsewhere.
fn name_last_trainings(
    conn: &Connection,
    rows: &mut [CadenceRow],
    acc: &[Acc],
    classes: &HashMap<i64, ClassFacts>,
) -> Result<()> {
    let external_ids: Vec<i64> = rows
        .iter()
        .filter_map(|r| acc.get(usize::try_from(r.worker_id).ok()?)?.last)
        .filter(|(_, external, _)| *external)
        .map(|(_, _, id)| id)
        .collect();
    let mut external: HashMap<i64, String> = HashMap::new();
    if !external_ids.is_empty() {
        let json = serde_json::to_string(&external_ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = conn.prepare(
            "SELECT id, name FROM training_external WHERE id IN (SELECT value FROM json_each(?1))",
        )?;
        for pair in stmt.query_map([json], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })? {
            let (id, name) = pair?;
            external.insert(id, name);
        }
    }
    for r in rows.iter_mut() {
        let slot = usize::try_from(r.worker_id).ok().and_then(|i| acc.get(i));
        if let Some((_, is_external, id)) = slot.and_then(|a| a.last) {
            r.last_training = if is_external {
                external.get(&id).cloned()
            } else {
                classes.get(&id).map(|c| c.name.clone())
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_date_parsing_and_formatting_agree_with_chrono() {
        for text in ["2024-02-29", "1999-12-31", "2026-01-01"] {
            let d = parse_day(text.as_bytes()).expect(text);
            assert_eq!(dates::text(d), text);
            assert_eq!(iso(d), text);
        }
        for bad in ["2023-02-29", "2024/02/01", "2024-2-01", "abcd-ef-gh", ""] {
            assert_eq!(parse_day(bad.as_bytes()), None, "{bad}");
        }
    }
}
