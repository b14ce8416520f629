//! 晋级测算的写入记录: a confirmed promotion run is remembered with the records it wrote, so
//! the clerk can undo the last one (撤销本次写入) — a run written with the wrong date or
//! before the assessments were complete. Undoing deletes exactly those records, each
//! audited, and is refused once something later depends on them: a grade record of one of
//! its people entered after the run (its bookkeeping carries on from the run's record), or
//! a later run not undone.

use super::history::{from_row, SELECT};
use crate::audit::{self, Action, Channel, Entity};
use crate::error::{CoreError, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// A confirmed run, as the 晋级测算 page offers to undo it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRun {
    pub id: i64,
    /// The 生效日期 of its records.
    pub as_of: String,
    /// When it was written (YYYY-MM-DD HH:MM:SS).
    pub applied_at: String,
    pub written: i64,
    pub overridden: i64,
    /// Why it can no longer be undone, or null when it can.
    pub undo_refusal: Option<String>,
}

/// Records that `record_ids` were written by one run as of `as_of`.
pub(super) fn record(
    tx: &Transaction,
    as_of: &str,
    record_ids: &[i64],
    overridden: usize,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO grade_runs (as_of, applied_at, written, overridden) VALUES (?1, ?2, ?3, ?4)",
        params![
            as_of,
            crate::clock::now_text(),
            record_ids.len() as i64,
            overridden as i64
        ],
    )?;
    let run = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached("UPDATE grade_records SET run_id = ?1 WHERE id = ?2")?;
    for id in record_ids {
        stmt.execute(params![run, id])?;
    }
    Ok(run)
}

/// The last run not undone, with why it cannot be undone if so. None when there is none.
pub fn last_run(conn: &Connection) -> Result<Option<GradeRun>> {
    let run = conn
        .query_row(
            "SELECT id, as_of, applied_at, written, overridden FROM grade_runs
             WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(GradeRun {
                    id: r.get(0)?,
                    as_of: r.get(1)?,
                    applied_at: r.get(2)?,
                    written: r.get(3)?,
                    overridden: r.get(4)?,
                    undo_refusal: None,
                })
            },
        )
        .optional()?;
    let Some(mut run) = run else { return Ok(None) };
    run.undo_refusal = refusal(conn, run.id)?;
    Ok(Some(run))
}

/// Grade records entered after the run for its people: undoing would pull the ground from
/// under them. Lists up to three, e.g. "张三 2026-03-01 手工调整".
fn refusal(conn: &Connection, run: i64) -> Result<Option<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.name, g.effective_date, g.reason FROM grade_records g
         JOIN workers w ON w.id = g.worker_id
         WHERE g.id > (SELECT max(id) FROM grade_records WHERE run_id = ?1)
           AND g.run_id IS NOT ?1
           AND g.worker_id IN (SELECT worker_id FROM grade_records WHERE run_id = ?1)
         ORDER BY g.id",
    )?;
    let later: Vec<String> = stmt
        .query_map([run], |r| {
            Ok(format!(
                "{} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if later.is_empty() {
        return Ok(None);
    }
    let shown = later.iter().take(3).cloned().collect::<Vec<_>>().join("、");
    let more = if later.len() > 3 {
        format!("等 {} 条", later.len())
    } else {
        String::new()
    };
    Ok(Some(format!(
        "本次写入之后又登记了这些人的岗位等级记录（{shown}{more}），它们以本次结果为基础，不能撤销。\
         如确需撤销，请先在人员的“岗位等级”页删除这些记录。"
    )))
}

/// Undoes run `run_id`, which must be the last run not undone: deletes its records (each
/// audited as 撤销晋级测算写入) and marks it undone. Returns how many records were removed.
pub fn undo_run(tx: &Transaction, channel: &Channel, run_id: i64) -> Result<usize> {
    let last = last_run(tx)?;
    let Some(run) = last.filter(|r| r.id == run_id) else {
        return Err(CoreError::conflict(
            None,
            "只能撤销最近一次晋级写入，而这次已撤销或之后又写入过。请刷新页面后再看。",
        ));
    };
    if let Some(reason) = run.undo_refusal {
        return Err(CoreError::conflict(None, reason));
    }
    let records = {
        let mut stmt = tx.prepare(&format!("{SELECT} WHERE g.run_id = ?1 ORDER BY g.id"))?;
        let rows = stmt.query_map([run_id], from_row)?;
        rows.collect::<rusqlite::Result<Vec<_>>>()?
    };
    for g in &records {
        let name: String = tx.query_row(
            "SELECT name FROM workers WHERE id = ?1",
            [g.worker_id],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM grade_records WHERE id = ?1", [g.id])?;
        audit::write(
            tx,
            channel,
            audit::Record {
                entity: Entity::Grade,
                entity_id: Some(g.id),
                worker_id: Some(g.worker_id),
                action: Action::Delete,
                summary: &format!(
                    "{name}：{} {} 级（撤销 {} 晋级测算的写入）",
                    g.input.category, g.input.level, run.as_of
                ),
                changes: audit::diff(Some(&super::apply::fields(&g.input, &g.scheme_name)), None),
            },
        )?;
    }
    tx.execute(
        "UPDATE grade_runs SET undone_at = ?1 WHERE id = ?2",
        params![crate::clock::now_text(), run_id],
    )?;
    Ok(records.len())
}
