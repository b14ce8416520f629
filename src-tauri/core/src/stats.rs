//! Headline figures for the home page and `shegong stats`: totals by 人员类别, 状态 and
//! community, with the staffing figures.

use crate::dates;
use crate::error::Result;
use crate::staffing::{staffing, Staffing};
use crate::workers::status::{in_post_sql, STATUS_SQL};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Count {
    pub label: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Stats {
    pub as_of: String,
    /// Everyone in the ledger, whatever their status.
    pub total_people: i64,
    /// 社区工作者 (两委专职成员 and 社区专职工作人员) in post.
    pub community_workers_in_post: i64,
    pub by_category: Vec<Count>,
    pub by_status: Vec<Count>,
    /// People in post per community.
    pub by_community: Vec<Count>,
    pub staffing: Staffing,
}

fn counts(conn: &Connection, group: &str, where_sql: &str, as_of: NaiveDate) -> Result<Vec<Count>> {
    // Category and community as they were on the date (任职经历).
    let table = crate::workers::history::table(conn, as_of)?;
    let as_of = &dates::text(as_of);
    let sql = format!(
        "SELECT {group} AS label, count(*) FROM {table} w
         JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         {where_sql} GROUP BY label ORDER BY label"
    );
    let mut stmt = conn.prepare(&sql)?;
    let params = named_params! {":as_of": as_of};
    let bound: Vec<_> = params
        .iter()
        .filter(|(n, _)| sql.contains(n))
        .copied()
        .collect();
    let rows = stmt.query_map(&*bound, |r| {
        Ok(Count {
            label: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Orders counts by a vocabulary list, with zeros for labels that have no one.
fn in_order(found: Vec<Count>, order: &[&str]) -> Vec<Count> {
    order
        .iter()
        .map(|label| Count {
            label: label.to_string(),
            count: found
                .iter()
                .find(|c| c.label == *label)
                .map_or(0, |c| c.count),
        })
        .collect()
}

pub fn stats(conn: &Connection, as_of: NaiveDate) -> Result<Stats> {
    let as_of_text = dates::text(as_of);
    let in_post = format!("WHERE ({STATUS_SQL}) IN {}", in_post_sql());
    let staffing = staffing(conn, as_of)?;
    Ok(Stats {
        total_people: conn.query_row("SELECT count(*) FROM workers", [], |r| r.get(0))?,
        community_workers_in_post: staffing.total.actual,
        by_category: in_order(
            counts(conn, "w.category", &in_post, as_of)?,
            crate::vocab::CATEGORIES,
        ),
        by_status: in_order(counts(conn, STATUS_SQL, "", as_of)?, crate::vocab::STATUSES),
        by_community: counts(conn, "c.name", &in_post, as_of)?,
        staffing,
        as_of: as_of_text,
    })
}
