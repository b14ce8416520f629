//! Grade records (岗位等级记录): dated, each with its category, level, reason (定级, 年限晋升,
//! 职业水平提升, 学历提升, 岗位晋升, 考核调整, 手工调整) and note. The grade on a date is the
//! latest record in effect on it; nothing else stores a worker's grade. Records keep the
//! scheme and category name they were made under. Reads only: takes a connection and a
//! worker, gives their records; `apply` writes them.

use crate::dates;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRecordInput {
    pub effective_date: String,
    pub category: String,
    pub level: i64,
    pub reason: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRecord {
    pub id: i64,
    pub worker_id: i64,
    pub scheme_id: i64,
    pub scheme_name: String,
    #[serde(flatten)]
    pub input: GradeRecordInput,
}

pub(super) const SELECT: &str =
    "SELECT g.id, g.worker_id, g.scheme_id, s.name, g.effective_date, g.category,
    g.level, g.reason, g.note FROM grade_records g JOIN grade_schemes s ON s.id = g.scheme_id";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<GradeRecord> {
    Ok(GradeRecord {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        scheme_id: r.get(2)?,
        scheme_name: r.get(3)?,
        input: GradeRecordInput {
            effective_date: r.get(4)?,
            category: r.get(5)?,
            level: r.get(6)?,
            reason: r.get(7)?,
            note: r.get(8)?,
        },
    })
}

/// A worker's grade records, newest first.
pub fn grade_history(conn: &Connection, worker_id: i64) -> Result<Vec<GradeRecord>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE g.worker_id = ?1 ORDER BY g.effective_date DESC, g.id DESC"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The grade in effect on `as_of`: the latest record dated on or before it.
pub fn current_grade(
    conn: &Connection,
    worker_id: i64,
    as_of: NaiveDate,
) -> Result<Option<GradeRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT} WHERE g.worker_id = ?1 AND g.effective_date <= ?2
                 ORDER BY g.effective_date DESC, g.id DESC LIMIT 1"
            ),
            params![worker_id, dates::text(as_of)],
            from_row,
        )
        .optional()?)
}
