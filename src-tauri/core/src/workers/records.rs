//! Whole worker records in bulk, for exports: one query for everyone (or for a list of ids)
//! instead of one per person, with the facts derived as of a date and the exit and the
//! certificate kinds attached. The derivations are the same as for one worker (`get`).

use super::roster::highest_first;
use super::status::{AGE_SQL, STATUS_SQL};
use super::{from_as_of, from_row, Exit, Worker, SELECT};
use crate::dates;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection};
use std::collections::HashMap;

/// A worker with what an export needs beside the record itself.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkerRecord {
    pub worker: Worker,
    pub exit: Option<Exit>,
    /// Certificate kinds held, highest first (as on the roster page).
    pub certificates: Vec<String>,
}

/// Everyone in the ledger as of `as_of`, whatever their status, ordered as the roster's
/// default sort (community, then name initials).
pub fn all_records(conn: &Connection, as_of: NaiveDate) -> Result<Vec<WorkerRecord>> {
    load(conn, None, as_of)
}

/// The records of `ids`, in that order (a roster query's rows); unknown ids are skipped.
pub fn records(conn: &Connection, ids: &[i64], as_of: NaiveDate) -> Result<Vec<WorkerRecord>> {
    let mut by_id: HashMap<i64, WorkerRecord> = load(conn, Some(ids), as_of)?
        .into_iter()
        .map(|r| (r.worker.id, r))
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

fn load(conn: &Connection, ids: Option<&[i64]>, as_of: NaiveDate) -> Result<Vec<WorkerRecord>> {
    // The ids travel as one JSON array parameter, so 20,000 of them need no giant SQL text.
    let ids_json = ids.map(|ids| {
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        format!("[{}]", list.join(","))
    });
    let filter = if ids_json.is_some() {
        "WHERE w.id IN (SELECT value FROM json_each(:ids))"
    } else {
        "WHERE :ids IS NULL"
    };
    let sql = format!(
        "{SELECT}, {STATUS_SQL} AS status, {AGE_SQL} AS age, e.reason AS exit_reason,
            e.remarks AS exit_remarks
         {from}
         {filter}
         ORDER BY c.name, w.name_initials, w.id",
        from = from_as_of(conn, as_of)?
    );
    let resets = super::service_years::interruption_resets(conn)?;
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        named_params! {":as_of": dates::text(as_of), ":ids": ids_json},
        |r| {
            let stored = from_row(r)?;
            let reason: Option<String> = r.get("exit_reason")?;
            let remarks: Option<String> = r.get("exit_remarks")?;
            let exit = match (stored.exit_date.clone(), reason) {
                (Some(exit_date), Some(reason)) => Some(Exit {
                    exit_date,
                    reason,
                    remarks,
                }),
                _ => None,
            };
            Ok(WorkerRecord {
                worker: stored.into_worker(r.get("status")?, r.get("age")?, as_of, resets),
                exit,
                certificates: Vec::new(),
            })
        },
    )?;
    let mut out: Vec<WorkerRecord> = rows.collect::<rusqlite::Result<_>>()?;

    let mut held = super::held_kinds(conn)?;
    for r in &mut out {
        if let Some(mut kinds) = held.remove(&r.worker.id) {
            highest_first(&mut kinds);
            r.certificates = kinds;
        }
    }
    Ok(out)
}
