//! Staffing (第3条): 18 community workers per 10,000 urban residents, per community and for
//! the street, against the workers actually in post on a date.

use crate::dates;
use crate::error::Result;
use crate::workers::status::{in_post_sql, STATUS_SQL};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// Workers per 10,000 urban residents.
pub const STANDARD_PER_10K: i64 = 18;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StaffingRow {
    /// None on the street total row.
    pub community_id: Option<i64>,
    pub name: String,
    pub population: i64,
    /// population × 18 / 10,000, exact.
    pub standard_exact: f64,
    /// The exact figure rounded up to whole people.
    pub standard_headcount: i64,
    /// 两委专职成员 in post.
    pub two_committee: i64,
    /// 社区专职工作人员 in post.
    pub full_time_staff: i64,
    pub actual: i64,
    /// standard_headcount − actual: positive means short of the standard.
    pub gap: i64,
    /// Workers per 10,000 residents (None where the population is 0).
    pub per_10k: Option<f64>,
    /// Of `actual`, 借调在外 on the date (still counted: they stay the community's workers).
    pub seconded_away: i64,
    /// Of `seconded_away`, 未经批准 on the date (第17条).
    pub seconded_unapproved: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Staffing {
    pub as_of: String,
    pub communities: Vec<StaffingRow>,
    /// The street: the standard is computed from the street's total population (so it can
    /// be less than the sum of the communities' rounded-up figures).
    pub total: StaffingRow,
}

fn row(
    community_id: Option<i64>,
    name: String,
    population: i64,
    two: i64,
    staff: i64,
) -> StaffingRow {
    let exact = (population * STANDARD_PER_10K) as f64 / 10_000.0;
    // Integer ceiling, so 18 × 10,000 / 10,000 is exactly 18, never 18.000001 -> 19.
    let headcount = (population * STANDARD_PER_10K + 9_999) / 10_000;
    let actual = two + staff;
    StaffingRow {
        community_id,
        name,
        population,
        standard_exact: exact,
        standard_headcount: headcount,
        two_committee: two,
        full_time_staff: staff,
        actual,
        gap: headcount - actual,
        per_10k: (population > 0).then(|| actual as f64 * 10_000.0 / population as f64),
        seconded_away: 0,
        seconded_unapproved: 0,
    }
}

pub fn staffing(conn: &Connection, as_of: NaiveDate) -> Result<Staffing> {
    let in_post = in_post_sql();
    // Each person in the community and category they held on the date (任职经历).
    let table = crate::workers::history::table(conn, as_of)?;
    let sql = format!(
        "SELECT c.id, c.name, c.population,
            count(CASE WHEN s.category = '两委专职成员' THEN 1 END),
            count(CASE WHEN s.category = '社区专职工作人员' THEN 1 END)
         FROM communities c
         LEFT JOIN (SELECT w.community_id, w.category
                    FROM {table} w LEFT JOIN exits e ON e.worker_id = w.id
                    WHERE ({STATUS_SQL}) IN {in_post}) s ON s.community_id = c.id
         GROUP BY c.id ORDER BY c.name"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut communities: Vec<StaffingRow> = stmt
        .query_map(named_params! {":as_of": dates::text(as_of)}, |r| {
            Ok(row(
                Some(r.get(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let rank: std::collections::HashMap<i64, usize> = crate::communities::display_order(conn)?
        .into_iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    communities.sort_by_key(|r| r.community_id.and_then(|id| rank.get(&id).copied()));
    let away = crate::secondments::per_community(conn, as_of)?;
    for r in &mut communities {
        let counts = r.community_id.and_then(|id| away.get(&id)).copied();
        let counts = counts.unwrap_or_default();
        r.seconded_away = counts.away;
        r.seconded_unapproved = counts.unapproved;
    }
    let sum = |f: fn(&StaffingRow) -> i64| communities.iter().map(f).sum::<i64>();
    let mut total = row(
        None,
        "全街道合计".to_string(),
        sum(|r| r.population),
        sum(|r| r.two_committee),
        sum(|r| r.full_time_staff),
    );
    total.seconded_away = sum(|r| r.seconded_away);
    total.seconded_unapproved = sum(|r| r.seconded_unapproved);
    Ok(Staffing {
        as_of: dates::text(as_of),
        communities,
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::row;

    #[test]
    fn standard_rounds_up_exactly() {
        let r = row(None, "x".into(), 10_000, 10, 5);
        assert_eq!(r.standard_exact, 18.0);
        assert_eq!(r.standard_headcount, 18);
        assert_eq!(r.gap, 3);
        let r = row(None, "x".into(), 8_350, 9, 6);
        assert!((r.standard_exact - 15.03).abs() < 1e-9);
        assert_eq!(r.standard_headcount, 16);
        assert_eq!(r.gap, 1);
        assert_eq!(row(None, "x".into(), 0, 0, 0).per_10k, None);
    }
}
