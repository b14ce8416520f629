//! A training a person took elsewhere (another street's class, a provincial course), kept
//! as one row with the class's facts inline. It is a record of completed training, so it
//! counts as 结业 for the cadence rules; a training not completed is simply not recorded.

use super::{check_kind_tier_mode, hours_to_tenths, person, tenths_to_hours};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExternalInput {
    pub name: String,
    pub kind: String,
    pub tier: String,
    pub organizer: Option<String>,
    pub start_date: String,
    pub end_date: String,
    /// 学时, at most one decimal.
    pub hours: f64,
    pub mode: String,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExternalTraining {
    pub id: i64,
    pub worker_id: i64,
    #[serde(flatten)]
    pub input: ExternalInput,
}

/// One line of a person's training history: a class attended or a training taken elsewhere.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrainingEntry {
    /// The class, for a street class; None for a training taken elsewhere.
    pub class_id: Option<i64>,
    /// The attendance or external record id.
    pub record_id: i64,
    pub name: String,
    pub kind: String,
    pub tier: String,
    pub organizer: Option<String>,
    pub start_date: String,
    pub end_date: String,
    pub hours: f64,
    pub result: String,
}

fn fields(e: &ExternalInput) -> Fields {
    vec![
        ("培训名称", Some(e.name.clone())),
        ("培训类型", Some(e.kind.clone())),
        ("培训层级", Some(e.tier.clone())),
        ("主办单位", e.organizer.clone()),
        ("开始日期", Some(e.start_date.clone())),
        ("结束日期", Some(e.end_date.clone())),
        ("学时", Some(e.hours.to_string())),
        ("培训方式", Some(e.mode.clone())),
        ("备注", e.remarks.clone()),
    ]
}

fn get(conn: &Connection, id: i64) -> Result<ExternalTraining> {
    conn.query_row(
        "SELECT id, worker_id, name, kind, tier, organizer, start_date, end_date, hours_tenths,
            mode, remarks FROM training_external WHERE id = ?1",
        [id],
        |r| {
            Ok(ExternalTraining {
                id: r.get(0)?,
                worker_id: r.get(1)?,
                input: ExternalInput {
                    name: r.get(2)?,
                    kind: r.get(3)?,
                    tier: r.get(4)?,
                    organizer: r.get(5)?,
                    start_date: r.get(6)?,
                    end_date: r.get(7)?,
                    hours: tenths_to_hours(r.get(8)?),
                    mode: r.get(9)?,
                    remarks: r.get(10)?,
                },
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这条培训记录，可能已被删除，请刷新。"))
}

/// Records a training the person took elsewhere. It must have ended (it is a completed
/// training) and cannot end before the person's 入职时间 minus a year (pre-job courses count).
pub fn add_external(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &ExternalInput,
    today: NaiveDate,
) -> Result<ExternalTraining> {
    let p = person(tx, "workerId", worker_id)?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(CoreError::validation("name", "请填写培训名称。"));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::validation("name", "培训名称不能超过 100 个字。"));
    }
    let (kind, tier, mode) = check_kind_tier_mode(&input.kind, &input.tier, &input.mode)?;
    let start = dates::required("startDate", "开始日期", &input.start_date)?;
    let end = dates::required("endDate", "结束日期", &input.end_date)?;
    if end < start {
        return Err(CoreError::validation(
            "endDate",
            "结束日期不能早于开始日期，请核对。",
        ));
    }
    if end > today {
        return Err(CoreError::validation(
            "endDate",
            "个人培训记录只登记已结束的培训，结束日期不能晚于今天。",
        ));
    }
    if let Some(exit) = p
        .exit_date
        .as_deref()
        .filter(|d| *d < dates::text(start).as_str())
    {
        return Err(CoreError::validation(
            "startDate",
            format!("{}已于 {exit} 退出，开始日期不能晚于退出日期。", p.name),
        ));
    }
    let tenths = hours_to_tenths("hours", "学时", input.hours, false)?;
    let clean = ExternalInput {
        name: name.to_string(),
        kind,
        tier,
        organizer: clean_optional(input.organizer.as_deref()),
        start_date: dates::text(start),
        end_date: dates::text(end),
        hours: tenths_to_hours(tenths),
        mode,
        remarks: clean_optional(input.remarks.as_deref()),
    };
    let c = &clean;
    tx.execute(
        "INSERT INTO training_external (worker_id, name, kind, tier, organizer, start_date,
            end_date, hours_tenths, mode, remarks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            worker_id,
            c.name,
            c.kind,
            c.tier,
            c.organizer,
            c.start_date,
            c.end_date,
            tenths,
            c.mode,
            c.remarks
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::ExternalTraining,
            entity_id: Some(id),
            worker_id: Some(worker_id),
            action: Action::Create,
            summary: &format!("{} {}", p.name, c.name),
            changes: audit::diff(None, Some(&fields(c))),
        },
    )?;
    get(tx, id)
}

/// Removes a mistaken record (audited).
pub fn remove_external(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get(tx, id)?;
    tx.execute("DELETE FROM training_external WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::ExternalTraining,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &old.input.name,
            changes: audit::diff(Some(&fields(&old.input)), None),
        },
    )?;
    Ok(())
}

/// A person's whole training history (classes and records from elsewhere), newest first.
pub fn worker_trainings(conn: &Connection, worker_id: i64) -> Result<Vec<TrainingEntry>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, a.id, c.name, c.kind, c.tier, c.organizer, c.start_date, c.end_date,
                a.hours_tenths, a.result
         FROM training_attendance a JOIN training_classes c ON c.id = a.class_id
         WHERE a.worker_id = ?1
         UNION ALL
         SELECT NULL, x.id, x.name, x.kind, x.tier, x.organizer, x.start_date, x.end_date,
                x.hours_tenths, '结业'
         FROM training_external x WHERE x.worker_id = ?1
         ORDER BY 8 DESC, 2 DESC",
    )?;
    let rows = stmt.query_map([worker_id], |r| {
        Ok(TrainingEntry {
            class_id: r.get(0)?,
            record_id: r.get(1)?,
            name: r.get(2)?,
            kind: r.get(3)?,
            tier: r.get(4)?,
            organizer: r.get(5)?,
            start_date: r.get(6)?,
            end_date: r.get(7)?,
            hours: tenths_to_hours(r.get(8)?),
            result: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
