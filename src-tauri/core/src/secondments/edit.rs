//! Writes: register a secondment, record its approval or the return, delete a mistaken
//! entry. Each re-checks the whole secondment with `rules::check` and writes one audit row
//! (Entity 借调) in the caller's transaction.

use super::rules::{self, Checked};
use super::{get, ApprovalInput, Secondment, SecondmentInput};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::Result;
use crate::vocab::ApprovalStatus;
use crate::workers;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};

fn exit_date(conn: &Connection, worker_id: i64) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT exit_date FROM exits WHERE worker_id = ?1",
            [worker_id],
            |r| r.get(0),
        )
        .optional()?)
}

fn fields(c: &Checked) -> Fields {
    let a = c.approval.as_ref();
    vec![
        ("类型", Some(c.kind.to_string())),
        ("借入单位", Some(c.unit.clone())),
        ("借入单位层级", Some(c.unit_level.to_string())),
        ("借调事由", Some(c.reason.clone())),
        ("借调开始日期", Some(dates::text(c.span.start))),
        ("计划结束日期", Some(dates::text(c.span.planned_end))),
        ("归队日期", c.span.returned.map(dates::text)),
        (
            "审批情况",
            Some(
                if a.is_some() {
                    ApprovalStatus::Approved
                } else {
                    ApprovalStatus::Unapproved
                }
                .to_string(),
            ),
        ),
        ("批准单位", a.map(|a| a.approved_by.clone())),
        ("批准文号", a.map(|a| a.approval_no.clone())),
        ("批准日期", a.map(|a| a.approved_on.clone())),
        ("备注", c.remarks.clone()),
    ]
}

/// The stored secondment as the form would send it (to re-check it with one field changed).
fn as_input(s: &Secondment) -> SecondmentInput {
    SecondmentInput {
        kind: s.kind,
        unit: s.unit.clone(),
        unit_level: s.unit_level,
        reason: s.reason.clone(),
        start_on: s.start_on.clone(),
        planned_end: s.planned_end.clone(),
        returned_on: s.returned_on.clone(),
        approval_status: if s.approval.is_some() {
            ApprovalStatus::Approved
        } else {
            ApprovalStatus::Unapproved
        },
        approval: s.approval.clone(),
        remarks: s.remarks.clone(),
    }
}

fn checked(
    tx: &Transaction,
    worker_id: i64,
    own_id: Option<i64>,
    input: &SecondmentInput,
    today: NaiveDate,
) -> Result<(workers::Worker, Checked)> {
    let w = workers::get(tx, worker_id, today)?;
    let exit = exit_date(tx, worker_id)?;
    let c = rules::check(tx, &w, exit.as_deref(), own_id, input, today)?;
    Ok((w, c))
}

fn summary(name: &str, c: &Checked, what: &str) -> String {
    let flag = if c.approval.is_none() {
        "（未经批准）"
    } else {
        ""
    };
    format!("{name}：{what}{} {}{flag}", c.kind, c.unit)
}

/// The audit row of a change to secondment `id` of worker `worker_id`.
fn audited(
    tx: &Transaction,
    channel: &Channel,
    (id, worker_id): (i64, i64),
    action: Action,
    summary: &str,
    (old, new): (Option<&Checked>, Option<&Checked>),
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Secondment,
            entity_id: Some(id),
            worker_id: Some(worker_id),
            action,
            summary,
            changes: audit::diff(old.map(fields).as_ref(), new.map(fields).as_ref()),
        },
    )
}

/// Registers a secondment of worker `worker_id`; returns it as of `today`.
pub fn add(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &SecondmentInput,
    today: NaiveDate,
) -> Result<Secondment> {
    let (w, c) = checked(tx, worker_id, None, input, today)?;
    let a = c.approval.as_ref();
    tx.execute(
        "INSERT INTO secondments (worker_id, kind, unit, unit_level, reason, start_on, planned_end,
             returned_on, approved_by, approval_no, approved_on, remarks)
         VALUES (:worker, :kind, :unit, :level, :reason, :start, :planned, :returned, :by, :no, :on, :remarks)",
        named_params! {
            ":worker": worker_id,
            ":kind": c.kind,
            ":unit": c.unit,
            ":level": c.unit_level,
            ":reason": c.reason,
            ":start": dates::text(c.span.start),
            ":planned": dates::text(c.span.planned_end),
            ":returned": c.span.returned.map(dates::text),
            ":by": a.map(|a| &a.approved_by),
            ":no": a.map(|a| &a.approval_no),
            ":on": a.map(|a| &a.approved_on),
            ":remarks": c.remarks,
        },
    )?;
    let id = tx.last_insert_rowid();
    audited(
        tx,
        channel,
        (id, worker_id),
        Action::Create,
        &summary(&w.input.name, &c, "登记"),
        (None, Some(&c)),
    )?;
    get(tx, id, today)
}

/// Re-checks secondment `id` changed by `change` and saves it, audited as `what`.
fn change(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    today: NaiveDate,
    what: &str,
    change: impl FnOnce(&mut SecondmentInput),
) -> Result<Secondment> {
    let old = get(tx, id, today)?;
    let before = stored_as_checked(&old)?;
    let mut input = as_input(&old);
    change(&mut input);
    let (w, c) = checked(tx, old.worker_id, Some(id), &input, today)?;
    let a = c.approval.as_ref();
    tx.execute(
        "UPDATE secondments SET returned_on = :returned, approved_by = :by, approval_no = :no,
             approved_on = :on WHERE id = :id",
        named_params! {
            ":returned": c.span.returned.map(dates::text),
            ":by": a.map(|a| &a.approved_by),
            ":no": a.map(|a| &a.approval_no),
            ":on": a.map(|a| &a.approved_on),
            ":id": id,
        },
    )?;
    audited(
        tx,
        channel,
        (id, old.worker_id),
        Action::Update,
        &summary(&w.input.name, &c, what),
        (Some(&before), Some(&c)),
    )?;
    get(tx, id, today)
}

fn stored_as_checked(s: &Secondment) -> Result<Checked> {
    let parse = |t: &str| dates::required("startOn", "日期", t);
    Ok(Checked {
        kind: s.kind,
        unit: s.unit.clone(),
        unit_level: s.unit_level,
        reason: s.reason.clone(),
        span: super::Span {
            start: parse(&s.start_on)?,
            planned_end: parse(&s.planned_end)?,
            returned: s.returned_on.as_deref().map(parse).transpose()?,
            approved: s
                .approval
                .as_ref()
                .map(|a| parse(&a.approved_on))
                .transpose()?,
        },
        approval: s.approval.clone(),
        remarks: s.remarks.clone(),
    })
}

/// Records (or corrects) the county approval of secondment `id`. Dated: if it is dated
/// after the start, the secondment stays 未经批准 up to the day before (补批).
pub fn record_approval(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    approval: &ApprovalInput,
    today: NaiveDate,
) -> Result<Secondment> {
    change(tx, channel, id, today, "登记批准：", |input| {
        input.approval_status = ApprovalStatus::Approved;
        input.approval = Some(approval.clone());
    })
}

/// Records (or corrects) the day the person came back (归队日期).
pub fn record_return(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    returned_on: &str,
    today: NaiveDate,
) -> Result<Secondment> {
    let returned = dates::required("returnedOn", "归队日期", returned_on)?;
    change(tx, channel, id, today, "登记归队：", |input| {
        input.returned_on = Some(dates::text(returned));
    })
}

/// Deletes a secondment entered by mistake; audited with everything it held.
pub fn delete(tx: &Transaction, channel: &Channel, id: i64, today: NaiveDate) -> Result<()> {
    let old = get(tx, id, today)?;
    let c = stored_as_checked(&old)?;
    tx.execute("DELETE FROM secondments WHERE id = ?1", [id])?;
    audited(
        tx,
        channel,
        (id, old.worker_id),
        Action::Delete,
        &summary(&old.worker_name, &c, "删除误录的"),
        (Some(&c), None),
    )?;
    Ok(())
}
