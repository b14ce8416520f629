//! 关爱活动 (stress relief, group activities): name, date, place and participants.

use super::{care_recipient, no_later_than_today, no_repeats, people, short_text, PersonRef};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::WorkerStatus;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
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

/// The activity's own facts checked: (name, date, place, remarks).
fn validate(
    input: &ActivityInput,
    today: NaiveDate,
) -> Result<(String, NaiveDate, Option<String>, Option<String>)> {
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
    Ok((name.to_string(), date, place, remarks))
}

fn fields(a: &CareActivity) -> Fields {
    vec![
        ("活动名称", Some(a.name.clone())),
        ("活动日期", Some(a.activity_date.clone())),
        ("活动地点", a.place.clone()),
        ("备注", a.remarks.clone()),
    ]
}

fn get(conn: &Connection, id: i64) -> Result<CareActivity> {
    conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到这项关爱活动，可能已被删除，请刷新列表。"))
}

/// Audits one participant line of `activity` (added or removed).
fn audit_participant(
    tx: &Transaction,
    channel: &Channel,
    activity: &CareActivity,
    worker_id: i64,
    person: &str,
    action: Action,
) -> Result<()> {
    let row: Fields = vec![
        (
            "活动",
            Some(format!("{} {}", activity.activity_date, activity.name)),
        ),
        ("参加人员", Some(person.to_string())),
    ];
    let (old, new) = match action {
        Action::Delete => (Some(&row), None),
        _ => (None, Some(&row)),
    };
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::CareActivity,
            entity_id: Some(activity.id),
            worker_id: Some(worker_id),
            action,
            summary: &format!("{person} 参加 {}", activity.name),
            changes: audit::diff(old, new),
        },
    )
}

/// Checks every person (listed once, in post or retired on the activity's date, not already
/// on the activity `existing`); returns their names. Nothing is written.
fn check_participants(
    conn: &Connection,
    existing: Option<i64>,
    date: NaiveDate,
    worker_ids: &[i64],
) -> Result<Vec<String>> {
    no_repeats(conn, "workerIds", worker_ids)?;
    let mut names = Vec::with_capacity(worker_ids.len());
    for id in worker_ids {
        let name = care_recipient(conn, "workerIds", *id, date, "活动参加人员")?;
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM care_participants WHERE activity_id = ?1 AND worker_id = ?2)",
            params![existing, id],
            |r| r.get(0),
        )?;
        if exists {
            return Err(CoreError::conflict(
                Some("workerIds"),
                format!("{name}已在本次活动的参加人员中，请勿重复添加。"),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// Writes checked participants, each audited under the person.
fn write_participants(
    tx: &Transaction,
    channel: &Channel,
    activity: &CareActivity,
    worker_ids: &[i64],
    names: &[String],
) -> Result<()> {
    for (worker_id, person) in worker_ids.iter().zip(names) {
        tx.execute(
            "INSERT INTO care_participants (activity_id, worker_id) VALUES (?1, ?2)",
            params![activity.id, worker_id],
        )?;
        audit_participant(tx, channel, activity, *worker_id, person, Action::Create)?;
    }
    Ok(())
}

/// Creates an activity with its participants; every participant is checked first.
pub fn create_activity(
    tx: &Transaction,
    channel: &Channel,
    input: &ActivityInput,
    today: NaiveDate,
) -> Result<CareActivity> {
    let (name, date, place, remarks) = validate(input, today)?;
    let names = check_participants(tx, None, date, &input.worker_ids)?;
    tx.execute(
        "INSERT INTO care_activities (name, activity_date, place, remarks) VALUES (?1, ?2, ?3, ?4)",
        params![name, dates::text(date), place, remarks],
    )?;
    let id = tx.last_insert_rowid();
    let activity = get(tx, id)?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::CareActivity,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Create,
            summary: &name,
            changes: audit::diff(None, Some(&fields(&activity))),
        },
    )?;
    write_participants(tx, channel, &activity, &input.worker_ids, &names)?;
    get(tx, id)
}

/// Corrects an activity's name, date, place or remarks; `input.worker_ids` is ignored (use
/// [`add_activity_participants`] and [`remove_activity_participant`]). A new date must suit
/// every participant already listed.
pub fn update_activity(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &ActivityInput,
    today: NaiveDate,
) -> Result<CareActivity> {
    let old = get(tx, id)?;
    let (name, date, place, remarks) = validate(input, today)?;
    let date_text = dates::text(date);
    if date_text != old.activity_date {
        for id in participant_ids(tx, id)? {
            care_recipient(tx, "activityDate", id, date, "活动参加人员").map_err(|e| {
                e.moved_to("activityDate", "请先把此人移出参加人员，或核对活动日期。")
            })?;
        }
    }
    tx.execute(
        "UPDATE care_activities SET name = ?2, activity_date = ?3, place = ?4, remarks = ?5
         WHERE id = ?1",
        params![id, name, date_text, place, remarks],
    )?;
    let new = get(tx, id)?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::CareActivity,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Update,
            summary: &name,
            changes: audit::diff(Some(&fields(&old)), Some(&fields(&new))),
        },
    )?;
    Ok(new)
}

fn participant_ids(conn: &Connection, activity_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare("SELECT worker_id FROM care_participants WHERE activity_id = ?1 ORDER BY id")?;
    let ids = stmt
        .query_map([activity_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Adds many people to an activity at once: all or nothing, each line audited.
pub fn add_activity_participants(
    tx: &Transaction,
    channel: &Channel,
    activity_id: i64,
    worker_ids: &[i64],
) -> Result<CareActivity> {
    let activity = get(tx, activity_id)?;
    if worker_ids.is_empty() {
        return Err(CoreError::validation(
            "workerIds",
            "请至少选择一名参加人员。",
        ));
    }
    let date = dates::required("activityDate", "活动日期", &activity.activity_date)?;
    let names = check_participants(tx, Some(activity_id), date, worker_ids)?;
    write_participants(tx, channel, &activity, worker_ids, &names)?;
    get(tx, activity_id)
}

/// Removes a person from an activity's participants (audited).
pub fn remove_activity_participant(
    tx: &Transaction,
    channel: &Channel,
    activity_id: i64,
    worker_id: i64,
) -> Result<CareActivity> {
    let activity = get(tx, activity_id)?;
    let name: String = tx
        .query_row(
            "SELECT w.name FROM care_participants p JOIN workers w ON w.id = p.worker_id
             WHERE p.activity_id = ?1 AND p.worker_id = ?2",
            params![activity_id, worker_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("此人不在本次活动的参加人员中，请刷新后重试。"))?;
    tx.execute(
        "DELETE FROM care_participants WHERE activity_id = ?1 AND worker_id = ?2",
        params![activity_id, worker_id],
    )?;
    audit_participant(tx, channel, &activity, worker_id, &name, Action::Delete)?;
    get(tx, activity_id)
}

/// Deletes a mistaken activity with its participant lines (each audited under its person).
pub fn delete_activity(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let activity = get(tx, id)?;
    for worker_id in participant_ids(tx, id)? {
        remove_activity_participant(tx, channel, id, worker_id)?;
    }
    tx.execute("DELETE FROM care_activities WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::CareActivity,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Delete,
            summary: &activity.name,
            changes: audit::diff(Some(&fields(&activity)), None),
        },
    )?;
    Ok(())
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
    people(conn, as_of, WorkerStatus::ALL, false, &extra)
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
