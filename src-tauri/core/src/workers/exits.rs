//! Exit (退出): a dated record with its reason. The person stays in the ledger.

use super::get as get_worker;
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::{dates, vocab};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExitInput {
    pub exit_date: String,
    pub reason: String,
    pub remarks: Option<String>,
}

pub type Exit = ExitInput;

/// An exit as saved, with what it did to the person's labour contract.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExitRecorded {
    pub exit: Exit,
    /// E.g. "劳动合同（…）随退出于 2026-07-01 解除（辞职）。", or null when no contract was in force.
    pub contract_note: Option<String>,
}

pub(super) fn get(conn: &Connection, worker_id: i64) -> Result<Option<Exit>> {
    Ok(conn
        .query_row(
            "SELECT exit_date, reason, remarks FROM exits WHERE worker_id = ?1",
            [worker_id],
            |r| {
                Ok(ExitInput {
                    exit_date: r.get(0)?,
                    reason: r.get(1)?,
                    remarks: r.get(2)?,
                })
            },
        )
        .optional()?)
}

fn fields(e: &ExitInput) -> Fields {
    vec![
        ("退出日期", Some(e.exit_date.clone())),
        ("退出原因", Some(e.reason.clone())),
        ("备注", e.remarks.clone()),
    ]
}

/// Records (or corrects) a worker's exit.
pub fn set_exit(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &ExitInput,
    today: NaiveDate,
) -> Result<Exit> {
    record_exit(tx, channel, worker_id, input, today).map(|r| r.exit)
}

/// Records (or corrects) a worker's exit; the open labour contract ends on the exit's date
/// in the same transaction (`contracts::follow_exit`), and the result says so.
pub fn record_exit(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &ExitInput,
    today: NaiveDate,
) -> Result<ExitRecorded> {
    let w = get_worker(tx, worker_id, today)?;
    let date = dates::required("exitDate", "退出日期", &input.exit_date)?;
    if dates::text(date) < w.input.hired_on {
        return Err(CoreError::validation(
            "exitDate",
            format!("退出日期不能早于入职时间 {}。", w.input.hired_on),
        ));
    }
    if date > today.checked_add_months(Months::new(12)).unwrap_or(today) {
        return Err(CoreError::validation(
            "exitDate",
            "退出日期不能晚于一年以后，请核对。",
        ));
    }
    crate::secondments::check_exit(tx, worker_id, &dates::text(date))?;
    crate::contracts::check_exit(tx, worker_id, date)?;
    let reason = input.reason.trim();
    if !vocab::EXIT_REASONS.contains(&reason) {
        return Err(CoreError::validation("reason", "请从列表中选择退出原因。"));
    }
    let new = ExitInput {
        exit_date: dates::text(date),
        reason: reason.to_string(),
        remarks: clean_optional(input.remarks.as_deref()),
    };
    let old = get(tx, worker_id)?;
    tx.execute(
        "INSERT INTO exits (worker_id, exit_date, reason, remarks) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(worker_id) DO UPDATE SET exit_date = excluded.exit_date,
             reason = excluded.reason, remarks = excluded.remarks",
        params![worker_id, new.exit_date, new.reason, new.remarks],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Exit,
            entity_id: Some(worker_id),
            worker_id: Some(worker_id),
            action: if old.is_some() {
                Action::Update
            } else {
                Action::Create
            },
            summary: &format!("{}：{}", w.input.name, new.reason),
            changes: audit::diff(old.as_ref().map(fields).as_ref(), Some(&fields(&new))),
        },
    )?;
    let contract_note = crate::contracts::follow_exit(tx, channel, worker_id, old.as_ref(), &new)?;
    Ok(ExitRecorded {
        exit: new,
        contract_note,
    })
}

/// Removes an exit entered by mistake (the person is back in post); the contract it ended is
/// in force again (`contracts::follow_exit_removed`). Audited.
pub fn remove_exit(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    today: NaiveDate,
) -> Result<()> {
    let w = get_worker(tx, worker_id, today)?;
    let old = get(tx, worker_id)?.ok_or_else(|| CoreError::not_found("该人员没有退出记录。"))?;
    tx.execute("DELETE FROM exits WHERE worker_id = ?1", [worker_id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Exit,
            entity_id: Some(worker_id),
            worker_id: Some(worker_id),
            action: Action::Delete,
            summary: &format!("{}：撤销退出", w.input.name),
            changes: audit::diff(Some(&fields(&old)), None),
        },
    )?;
    crate::contracts::follow_exit_removed(tx, channel, worker_id, &old)?;
    Ok(())
}
