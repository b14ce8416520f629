//! A year's care figures: check-up coverage and who is not checked, visits by festival,
//! activities, open difficulties and those open more than 30 days.

use super::{list_difficulties, not_checked, people, Difficulty, PersonRef};
use crate::dates;
use crate::error::Result;
use crate::stats::Count;
use crate::vocab::{self, DifficultyStatus, WorkerStatus};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FestivalVisits {
    pub festival: String,
    /// Distinct people visited.
    pub people: i64,
    pub visits: i64,
    pub amount_fen: i64,
    /// The same in yuan with two decimals.
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareSummary {
    pub year: i32,
    /// 31 December of the year, or today if earlier.
    pub as_of: String,
    /// Community workers in post on the date (the check-up base).
    pub checkup_total: i64,
    pub checked: i64,
    /// Percent with one decimal.
    pub checkup_percent: f64,
    /// People flagged 需关注 in the year's check-ups.
    pub needs_attention: i64,
    pub not_checked: Vec<PersonRef>,
    /// Every festival in list order, zeros included.
    pub visits: Vec<FestivalVisits>,
    /// Distinct people visited in the year, any festival.
    pub visited_people: i64,
    pub activities: i64,
    /// Distinct people who took part in the year's activities.
    pub activity_people: i64,
    /// Difficulties reported in the year by their status now, every status in list order.
    pub difficulties_by_status: Vec<Count>,
    pub open_difficulties: Vec<Difficulty>,
    /// Open more than 30 days.
    pub flagged_difficulties: i64,
}

pub fn care_summary(conn: &Connection, year: i32, today: NaiveDate) -> Result<CareSummary> {
    let as_of = crate::dates::year_as_of(year, today);
    let base = people(conn, as_of, &WorkerStatus::IN_POST, true, "")?;
    let missing = not_checked(conn, year, as_of)?;
    let total = base.len() as i64;
    let checked = total - missing.len() as i64;
    let y = format!("{year:04}");
    let needs_attention: i64 = conn.query_row(
        "SELECT count(DISTINCT a.worker_id) FROM checkup_attendees a
         JOIN checkup_rounds r ON r.id = a.round_id
         WHERE a.needs_attention = 1 AND substr(r.checkup_date, 1, 4) = ?1
           AND r.checkup_date <= ?2",
        [&y, &dates::text(as_of)],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT festival, count(DISTINCT worker_id), count(*), coalesce(sum(amount_fen), 0)
         FROM holiday_visits WHERE year = ?1 GROUP BY festival",
    )?;
    let found: Vec<(String, i64, i64, i64)> = stmt
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let visits = vocab::FESTIVALS
        .iter()
        .map(|f| {
            let (people, visits, fen) = found
                .iter()
                .find(|(name, ..)| name == f)
                .map_or((0, 0, 0), |(_, p, v, a)| (*p, *v, *a));
            FestivalVisits {
                festival: f.to_string(),
                people,
                visits,
                amount_fen: fen,
                amount: super::fen_to_yuan(fen),
            }
        })
        .collect();
    let (activities, activity_people): (i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM care_activities
                  WHERE substr(activity_date, 1, 4) = ?1 AND activity_date <= ?2),
                (SELECT count(DISTINCT p.worker_id) FROM care_participants p
                   JOIN care_activities a ON a.id = p.activity_id
                  WHERE substr(a.activity_date, 1, 4) = ?1 AND a.activity_date <= ?2)",
        [&y, &dates::text(as_of)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let visited_people: i64 = conn.query_row(
        "SELECT count(DISTINCT worker_id) FROM holiday_visits WHERE year = ?1",
        [year],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(
        "SELECT status, count(*) FROM difficulties WHERE substr(reported_on, 1, 4) = ?1
         GROUP BY status",
    )?;
    let by_status: Vec<(DifficultyStatus, i64)> = stmt
        .query_map([&y], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let difficulties_by_status = DifficultyStatus::ALL
        .iter()
        .map(|s| Count {
            label: s.to_string(),
            count: by_status
                .iter()
                .find(|(l, _)| l == s)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    let open = list_difficulties(conn, true, None, as_of)?;
    Ok(CareSummary {
        year,
        as_of: dates::text(as_of),
        checkup_total: total,
        checked,
        checkup_percent: if total == 0 {
            100.0
        } else {
            (checked as f64 * 1000.0 / total as f64).round() / 10.0
        },
        needs_attention,
        not_checked: missing,
        visits,
        visited_people,
        activities,
        activity_people,
        difficulties_by_status,
        flagged_difficulties: open.iter().filter(|d| d.flagged).count() as i64,
        open_difficulties: open,
    })
}
