//! 关爱活动 (stress relief, group activities): name, date, place and participants.

use super::{care_recipient, no_later_than_today, no_repeats, people, short_text, PersonRef};
use crate::audit::{self, Action, Entity, Fields, Source};
use crate::dates;
use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActivityInput {
    pub name: String,
    pub activity_date: String,
    pub place: Option<String>,
    pub remarks: Option<String>,
    pub worker_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareActivity {
    pub id: i64,
    pub name: String,
    pub activity_date: String,
    pub place: Option<String>,
    pub remarks: Option<String>,
    pub participants: i64,
}

const SELECT: &str = "SELECT a.id, a.name, a.activity_date, a.place, a.remarks,
    (SELECT count(*) FROM care_participants p WHERE p.activity_id = a.id)
    FROM care_activities a";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<CareActivity> {
    Ok(CareActivity {
        id: r.get(0)?,
        name: r.get(1)?,
        activity_date: r.get(2)?,
        place: r.get(3)?,
        remarks: r.get(4)?,
        participants: r.get(5)?,
    })
}

/// Creates an activity with its participants; every participant is checked first.
pub fn create_activity(
    tx: &Transaction,
    source: &Source,
    input: &ActivityInput,
    today: NaiveDate,
) -> Result<CareActivity> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(CoreError::validation("name", "请填写活动名称。"));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::validation("name", "活动名称不能超过 100 个字。"));
    }
    let date = dates::required("activityDate", "活动日期", &input.activity_date)?;
    no_later_than_today("activityDate", "活动日期", date, today)?;
    let place = short_text("place", "活动地点", input.place.as_deref(), 100)?;
    let remarks = short_text("remarks", "备注", input.remarks.as_deref(), 200)?;
    no_repeats(tx, "workerIds", &input.worker_ids)?;
    let mut names = Vec::with_capacity(input.worker_ids.len());
    for id in &input.worker_ids {
        names.push(care_recipient(tx, "workerIds", *id, date, "活动参加人员")?);
    }
    tx.execute(
        "INSERT INTO care_activities (name, activity_date, place, remarks) VALUES (?1, ?2, ?3, ?4)",
        params![name, dates::text(date), place, remarks],
    )?;
    let id = tx.last_insert_rowid();
    let fields: Fields = vec![
        ("活动名称", Some(name.to_string())),
        ("活动日期", Some(dates::text(date))),
        ("活动地点", place.clone()),
        ("备注", remarks.clone()),
    ];
    audit::write(
        tx,
        source,
        audit::Record {
            entity: Entity::CareActivity,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Create,
            summary: name,
            changes: audit::diff(None, Some(&fields)),
        },
    )?;
    for (worker_id, person) in input.worker_ids.iter().zip(&names) {
        tx.execute(
            "INSERT INTO care_participants (activity_id, worker_id) VALUES (?1, ?2)",
            params![id, worker_id],
        )?;
        let row: Fields = vec![
            ("活动", Some(format!("{} {name}", dates::text(date)))),
            ("参加人员", Some(person.clone())),
        ];
        audit::write(
            tx,
            source,
            audit::Record {
                entity: Entity::CareActivity,
                entity_id: Some(id),
                worker_id: Some(*worker_id),
                action: Action::Create,
                summary: &format!("{person} 参加 {name}"),
                changes: audit::diff(None, Some(&row)),
            },
        )?;
    }
    Ok(tx.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)?)
}

/// Activities dated in `year` (all when None), newest first.
pub fn list_activities(conn: &Connection, year: Option<i32>) -> Result<Vec<CareActivity>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ?1 IS NULL OR substr(a.activity_date, 1, 4) = printf('%04d', ?1)
         ORDER BY a.activity_date DESC, a.id DESC"
    ))?;
    let rows = stmt.query_map([year], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The participants of an activity (with their status on `as_of`).
pub fn activity_participants(
    conn: &Connection,
    activity_id: i64,
    as_of: NaiveDate,
) -> Result<Vec<PersonRef>> {
    let extra = format!(
        "AND EXISTS (SELECT 1 FROM care_participants p WHERE p.worker_id = w.id AND p.activity_id = {activity_id})"
    );
    people(
        conn,
        as_of,
        "('未入职', '试用期', '在岗', '已退出', '退休')",
        false,
        &extra,
    )
}

/// The activities a person took part in, newest first.
pub fn worker_activities(conn: &Connection, worker_id: i64) -> Result<Vec<CareActivity>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE a.id IN (SELECT activity_id FROM care_participants WHERE worker_id = ?1)
         ORDER BY a.activity_date DESC, a.id DESC"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
