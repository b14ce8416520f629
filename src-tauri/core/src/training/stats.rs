//! A year's training figures: classes, attendances and person-hours by 类型 and 层级, the
//! coverage the county watches, and the overdue list.
//!
//! A class belongs to the year it ends in. Attendances and person-hours count the people who
//! attended (结业 and 未结业; 缺席 is not an attendance), plus trainings recorded as taken
//! elsewhere ending in the year; the class count is the street's own classes only.

use super::cadence::{compute, get_rules};
use super::tenths_to_hours;
use crate::dates;
use crate::error::Result;
use crate::vocab::{self, CadenceStatus};
use chrono::{Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrainingBucket {
    pub label: String,
    pub classes: i64,
    pub attendances: i64,
    pub person_hours: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    pub total: i64,
    pub covered: i64,
    /// Percent with one decimal; 100 when nobody is required.
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrainingStats {
    pub year: i32,
    /// The statistics date: 31 December of the year, or today if earlier.
    pub as_of: String,
    pub classes: i64,
    pub attendances: i64,
    pub person_hours: f64,
    pub by_kind: Vec<TrainingBucket>,
    pub by_tier: Vec<TrainingBucket>,
    /// 书记/主任 trained in the year (target 100%).
    pub leaders: Coverage,
    /// Everyone else trained within the rotation period before the statistics date.
    pub others: Coverage,
    pub overdue: Vec<super::CadenceRow>,
}

fn coverage(total: i64, covered: i64) -> Coverage {
    let percent = if total == 0 {
        100.0
    } else {
        (covered as f64 * 1000.0 / total as f64).round() / 10.0
    };
    Coverage {
        total,
        covered,
        percent,
    }
}

/// One pass over the year's classes and records, grouped by (类型, 层级), folded into both
/// lists: every label in list order, zeros included, so a report's rows never move.
fn buckets(conn: &Connection, year: i32) -> Result<(Vec<TrainingBucket>, Vec<TrainingBucket>)> {
    type Group = (String, String, i64, i64, i64);
    let mut stmt = conn.prepare(
        "WITH t AS (
            SELECT c.kind AS kind, c.tier AS tier, c.id AS class_id, a.hours_tenths AS tenths,
                   a.result <> '缺席' AS attended
              FROM training_classes c LEFT JOIN training_attendance a ON a.class_id = c.id
             WHERE substr(c.end_date, 1, 4) = printf('%04d', ?1)
            UNION ALL
            SELECT x.kind, x.tier, NULL, x.hours_tenths, 1 FROM training_external x
             WHERE substr(x.end_date, 1, 4) = printf('%04d', ?1))
         SELECT kind, tier, count(DISTINCT class_id), coalesce(sum(attended), 0),
                coalesce(sum(CASE WHEN attended THEN tenths END), 0)
           FROM t GROUP BY kind, tier",
    )?;
    let groups: Vec<Group> = stmt
        .query_map([year], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let fold = |labels: &[&str], key: &dyn Fn(&Group) -> &str| {
        labels
            .iter()
            .map(|l| {
                let (mut classes, mut attendances, mut tenths) = (0, 0, 0);
                for g in groups.iter().filter(|g| key(g) == *l) {
                    classes += g.2;
                    attendances += g.3;
                    tenths += g.4;
                }
                TrainingBucket {
                    label: l.to_string(),
                    classes,
                    attendances,
                    person_hours: tenths_to_hours(tenths),
                }
            })
            .collect::<Vec<_>>()
    };
    let by_kind = fold(vocab::TRAINING_KINDS, &|g| g.0.as_str());
    let by_tier = fold(vocab::TRAINING_TIERS, &|g| g.1.as_str());
    Ok((by_kind, by_tier))
}

/// The figures for `year`, with coverage and the overdue list as of 31 December of the year
/// or `today` if that is earlier.
pub fn statistics(conn: &Connection, year: i32, today: NaiveDate) -> Result<TrainingStats> {
    let as_of = crate::dates::year_as_of(year, today);
    let (by_kind, by_tier) = buckets(conn, year)?;
    let rules = get_rules(conn)?;
    let rows = compute(conn, as_of, None)?;
    let year_start = format!("{year:04}-01-01");
    let window_start = as_of
        .checked_sub_months(Months::new(rules.others_every_months))
        .map(dates::text)
        .unwrap_or_default();
    let (mut leaders, mut leaders_done, mut others, mut others_done) = (0, 0, 0, 0);
    for r in &rows {
        let last = r.last_training_date.as_deref().unwrap_or("");
        if rules.leader_positions.contains(&r.position) {
            leaders += 1;
            leaders_done += i64::from(last >= year_start.as_str());
        } else {
            others += 1;
            others_done += i64::from(last >= window_start.as_str() && !last.is_empty());
        }
    }
    Ok(TrainingStats {
        year,
        as_of: dates::text(as_of),
        classes: by_kind.iter().map(|b| b.classes).sum(),
        attendances: by_kind.iter().map(|b| b.attendances).sum(),
        // Summed in tenths so the total has no floating-point residue.
        person_hours: tenths_to_hours(
            by_kind
                .iter()
                .map(|b| (b.person_hours * 10.0).round() as i64)
                .sum(),
        ),
        by_kind,
        by_tier,
        leaders: coverage(leaders, leaders_done),
        others: coverage(others, others_done),
        overdue: rows
            .into_iter()
            .filter(|r| r.status == CadenceStatus::Overdue)
            .collect(),
    })
}

/// What one person completed in a window: trainings and hours (tenths).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Completed {
    pub count: i64,
    pub tenths: i64,
}

/// Per person, the trainings that count for the cadence (the rules' minimum tier or higher;
/// classes with 结业 and records from elsewhere) that ended within the `months` up to
/// `as_of`, both ends included, as the cadence counts them.
pub(crate) fn completed_within(
    conn: &Connection,
    as_of: NaiveDate,
    months: u32,
) -> Result<HashMap<i64, Completed>> {
    let rules = get_rules(conn)?;
    let min = vocab::TRAINING_TIERS
        .iter()
        .position(|t| *t == rules.min_tier)
        .unwrap_or(2);
    let tiers = serde_json::to_string(&vocab::TRAINING_TIERS[..=min]).unwrap_or_default();
    let from = as_of
        .checked_sub_months(Months::new(months))
        .map(dates::text)
        .unwrap_or_default();
    let mut stmt = conn.prepare(
        "WITH t AS (
            SELECT a.worker_id AS w, a.hours_tenths AS h
              FROM training_attendance a JOIN training_classes c ON c.id = a.class_id
             WHERE a.result = '结业' AND c.end_date BETWEEN ?1 AND ?2
               AND c.tier IN (SELECT value FROM json_each(?3))
            UNION ALL
            SELECT x.worker_id, x.hours_tenths FROM training_external x
             WHERE x.end_date BETWEEN ?1 AND ?2 AND x.tier IN (SELECT value FROM json_each(?3)))
         SELECT w, count(*), sum(h) FROM t GROUP BY w",
    )?;
    let rows = stmt.query_map(rusqlite::params![from, dates::text(as_of), tiers], |r| {
        Ok((
            r.get(0)?,
            Completed {
                count: r.get(1)?,
                tenths: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
