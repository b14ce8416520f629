//! 体检: a check-up round (date, institution) with its attendees entered in bulk. Only
//! attendance and an optional 需关注 flag with a short note are kept: no diagnoses.

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
pub struct CheckupAttendeeInput {
    pub worker_id: i64,
    /// Whether the person was actually checked.
    pub attended: bool,
    /// 需关注: set only by the clerk, never a diagnosis.
    pub needs_attention: bool,
    /// A short note (at most 50 characters), only with 需关注.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupRoundInput {
    pub checkup_date: String,
    /// 体检机构
    pub institution: String,
    pub remarks: Option<String>,
    pub attendees: Vec<CheckupAttendeeInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupRound {
    pub id: i64,
    pub checkup_date: String,
    pub institution: String,
    pub remarks: Option<String>,
    pub listed: i64,
    pub attended: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupAttendee {
    pub id: i64,
    pub round_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_name: String,
    pub attended: bool,
    pub needs_attention: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckupDetail {
    pub round: CheckupRound,
    pub attendees: Vec<CheckupAttendee>,
}

const ROUND_SELECT: &str = "SELECT r.id, r.checkup_date, r.institution, r.remarks,
    (SELECT count(*) FROM checkup_attendees a WHERE a.round_id = r.id),
    (SELECT count(*) FROM checkup_attendees a WHERE a.round_id = r.id AND a.attended = 1)
    FROM checkup_rounds r";

fn round_from_row(r: &rusqlite::Row) -> rusqlite::Result<CheckupRound> {
    Ok(CheckupRound {
        id: r.get(0)?,
        checkup_date: r.get(1)?,
        institution: r.get(2)?,
        remarks: r.get(3)?,
        listed: r.get(4)?,
        attended: r.get(5)?,
    })
}

fn get_round(conn: &Connection, id: i64) -> Result<CheckupRound> {
    conn.query_row(
        &format!("{ROUND_SELECT} WHERE r.id = ?1"),
        [id],
        round_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这次体检，可能已被删除，请刷新列表。"))
}

fn validate_round(
    input: &CheckupRoundInput,
    today: NaiveDate,
) -> Result<(NaiveDate, String, Option<String>)> {
    let date = dates::required("checkupDate", "体检日期", &input.checkup_date)?;
    no_later_than_today("checkupDate", "体检日期", date, today)?;
    let institution = input.institution.trim();
    if institution.is_empty() {
        return Err(CoreError::validation("institution", "请填写体检机构。"));
    }
    if institution.chars().count() > 100 {
        return Err(CoreError::validation(
            "institution",
            "体检机构不能超过 100 个字。",
        ));
    }
    let remarks = short_text("remarks", "备注", input.remarks.as_deref(), 200)?;
    Ok((date, institution.to_string(), remarks))
}

fn round_fields(date: &str, institution: &str, remarks: &Option<String>) -> Fields {
    vec![
        ("体检日期", Some(date.to_string())),
        ("体检机构", Some(institution.to_string())),
        ("备注", remarks.clone()),
    ]
}

/// One attendee line's flag and note checked (the person's name leads every message);
/// returns the cleaned note.
fn check_line(name: &str, a: &CheckupAttendeeInput) -> Result<Option<String>> {
    let note = short_text("note", "关注说明", a.note.as_deref(), 50)
        .map_err(|e| CoreError::validation("note", format!("{name}：{e}")))?;
    if note.is_some() && !a.needs_attention {
        return Err(CoreError::validation(
            "note",
            format!("{name}：只有勾选“需关注”时才填写说明。"),
        ));
    }
    if a.needs_attention && !a.attended {
        return Err(CoreError::validation(
            "needsAttention",
            format!("{name}未参加体检，不能标记“需关注”。"),
        ));
    }
    Ok(note)
}

fn attendee_fields(
    round: &CheckupRound,
    attended: bool,
    needs_attention: bool,
    note: &Option<String>,
) -> Fields {
    let yes_no = |b: bool| Some(if b { "是" } else { "否" }.to_string());
    vec![
        (
            "体检",
            Some(format!("{} {}", round.checkup_date, round.institution)),
        ),
        ("已体检", yes_no(attended)),
        ("需关注", yes_no(needs_attention)),
        ("关注说明", note.clone()),
    ]
}

const ATTENDEE_SELECT: &str = "SELECT a.id, a.round_id, a.worker_id, w.name, c.name,
    a.attended, a.needs_attention, a.note
    FROM checkup_attendees a JOIN workers w ON w.id = a.worker_id
    JOIN communities c ON c.id = w.community_id";

fn attendee_from_row(r: &rusqlite::Row) -> rusqlite::Result<CheckupAttendee> {
    Ok(CheckupAttendee {
        id: r.get(0)?,
        round_id: r.get(1)?,
        worker_id: r.get(2)?,
        worker_name: r.get(3)?,
        community_name: r.get(4)?,
        attended: r.get(5)?,
        needs_attention: r.get(6)?,
        note: r.get(7)?,
    })
}

fn get_attendee(conn: &Connection, id: i64) -> Result<CheckupAttendee> {
    conn.query_row(
        &format!("{ATTENDEE_SELECT} WHERE a.id = ?1"),
        [id],
        attendee_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这条体检记录，可能已被删除，请刷新。"))
}

/// Creates a round and its attendees in one go (the attendee list may be empty and filled
/// later with [`add_checkup_attendees`]).
pub fn create_checkup_round(
    tx: &Transaction,
    channel: &Channel,
    input: &CheckupRoundInput,
    today: NaiveDate,
) -> Result<CheckupDetail> {
    let (date, institution, remarks) = validate_round(input, today)?;
    tx.execute(
        "INSERT INTO checkup_rounds (checkup_date, institution, remarks) VALUES (?1, ?2, ?3)",
        params![dates::text(date), institution, remarks],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Checkup,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Create,
            summary: &format!("{} {institution} 体检", dates::text(date)),
            changes: audit::diff(
                None,
                Some(&round_fields(&dates::text(date), &institution, &remarks)),
            ),
        },
    )?;
    if !input.attendees.is_empty() {
        add_checkup_attendees(tx, channel, id, &input.attendees)?;
    }
    checkup_detail(tx, id)
}

/// Adds people to a round; every line is checked first and one bad line rejects them all.
pub fn add_checkup_attendees(
    tx: &Transaction,
    channel: &Channel,
    round_id: i64,
    attendees: &[CheckupAttendeeInput],
) -> Result<Vec<CheckupAttendee>> {
    let round = get_round(tx, round_id)?;
    let date = dates::required("checkupDate", "体检日期", &round.checkup_date)?;
    if attendees.is_empty() {
        return Err(CoreError::validation(
            "attendees",
            "请至少选择一名体检人员。",
        ));
    }
    let ids: Vec<i64> = attendees.iter().map(|a| a.worker_id).collect();
    no_repeats(tx, "attendees", &ids)?;
    let mut checked = Vec::with_capacity(attendees.len());
    for a in attendees {
        let name = care_recipient(tx, "attendees", a.worker_id, date, "体检名单")?;
        let note = check_line(&name, a)?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM checkup_attendees WHERE round_id = ?1 AND worker_id = ?2)",
            params![round_id, a.worker_id],
            |r| r.get(0),
        )?;
        if exists {
            return Err(CoreError::conflict(
                Some("attendees"),
                format!("{name}已在本次体检名单中，请勿重复添加。"),
            ));
        }
        checked.push((a, name, note));
    }
    let mut out_ids = Vec::with_capacity(checked.len());
    for (a, name, note) in checked {
        tx.execute(
            "INSERT INTO checkup_attendees (round_id, worker_id, attended, needs_attention, note)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![round_id, a.worker_id, a.attended, a.needs_attention, note],
        )?;
        let id = tx.last_insert_rowid();
        let fields = attendee_fields(&round, a.attended, a.needs_attention, &note);
        audit::write(
            tx,
            channel,
            audit::Record {
                entity: Entity::Checkup,
                entity_id: Some(id),
                worker_id: Some(a.worker_id),
                action: Action::Create,
                summary: &format!("{name} {} 体检", round.checkup_date),
                changes: audit::diff(None, Some(&fields)),
            },
        )?;
        out_ids.push(id);
    }
    let all = checkup_detail(tx, round_id)?.attendees;
    Ok(all
        .into_iter()
        .filter(|a| out_ids.contains(&a.id))
        .collect())
}

/// Corrects a round's date, institution or remarks; `input.attendees` is ignored (add and
/// remove people with [`add_checkup_attendees`] and [`remove_checkup_attendee`]). A new date
/// must suit everyone already listed, as [`add_checkup_attendees`] requires.
pub fn update_checkup_round(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &CheckupRoundInput,
    today: NaiveDate,
) -> Result<CheckupRound> {
    let old = get_round(tx, id)?;
    let (date, institution, remarks) = validate_round(input, today)?;
    let date_text = dates::text(date);
    if date_text != old.checkup_date {
        for a in checkup_detail(tx, id)?.attendees {
            care_recipient(tx, "checkupDate", a.worker_id, date, "体检名单").map_err(|e| {
                e.moved_to(
                    "checkupDate",
                    "请先把此人移出本次体检名单，或核对体检日期。",
                )
            })?;
        }
    }
    tx.execute(
        "UPDATE checkup_rounds SET checkup_date = ?2, institution = ?3, remarks = ?4 WHERE id = ?1",
        params![id, date_text, institution, remarks],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Checkup,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Update,
            summary: &format!("{date_text} {institution} 体检"),
            changes: audit::diff(
                Some(&round_fields(
                    &old.checkup_date,
                    &old.institution,
                    &old.remarks,
                )),
                Some(&round_fields(&date_text, &institution, &remarks)),
            ),
        },
    )?;
    get_round(tx, id)
}

/// Deletes a mistaken round with its attendee lines (each audited under its person).
pub fn delete_checkup_round(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let detail = checkup_detail(tx, id)?;
    for a in &detail.attendees {
        remove_checkup_attendee(tx, channel, a.id)?;
    }
    tx.execute("DELETE FROM checkup_rounds WHERE id = ?1", [id])?;
    let r = &detail.round;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Checkup,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Delete,
            summary: &format!("{} {} 体检", r.checkup_date, r.institution),
            changes: audit::diff(
                Some(&round_fields(&r.checkup_date, &r.institution, &r.remarks)),
                None,
            ),
        },
    )?;
    Ok(())
}

/// Corrects one attendee line: whether checked, the 需关注 flag and its note (the person and
/// round stay; `input.worker_id` is ignored).
pub fn update_checkup_attendee(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &CheckupAttendeeInput,
) -> Result<CheckupAttendee> {
    let old = get_attendee(tx, id)?;
    let round = get_round(tx, old.round_id)?;
    let note = check_line(&old.worker_name, input)?;
    tx.execute(
        "UPDATE checkup_attendees SET attended = ?2, needs_attention = ?3, note = ?4 WHERE id = ?1",
        params![id, input.attended, input.needs_attention, note],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Checkup,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Update,
            summary: &format!("{} {} 体检", old.worker_name, round.checkup_date),
            changes: audit::diff(
                Some(&attendee_fields(
                    &round,
                    old.attended,
                    old.needs_attention,
                    &old.note,
                )),
                Some(&attendee_fields(
                    &round,
                    input.attended,
                    input.needs_attention,
                    &note,
                )),
            ),
        },
    )?;
    get_attendee(tx, id)
}

/// Removes a mistaken attendee line (audited).
pub fn remove_checkup_attendee(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get_attendee(tx, id)?;
    let round = get_round(tx, old.round_id)?;
    tx.execute("DELETE FROM checkup_attendees WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Checkup,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &format!("{} {} 体检", old.worker_name, round.checkup_date),
            changes: audit::diff(
                Some(&attendee_fields(
                    &round,
                    old.attended,
                    old.needs_attention,
                    &old.note,
                )),
                None,
            ),
        },
    )?;
    Ok(())
}

/// Rounds dated in `year` (all when None), newest first.
pub fn list_checkup_rounds(conn: &Connection, year: Option<i32>) -> Result<Vec<CheckupRound>> {
    let mut stmt = conn.prepare(&format!(
        "{ROUND_SELECT} WHERE ?1 IS NULL OR substr(r.checkup_date, 1, 4) = printf('%04d', ?1)
         ORDER BY r.checkup_date DESC, r.id DESC"
    ))?;
    let rows = stmt.query_map([year], round_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn checkup_detail(conn: &Connection, id: i64) -> Result<CheckupDetail> {
    let round = get_round(conn, id)?;
    let mut stmt = conn.prepare(&format!(
        "{ATTENDEE_SELECT} WHERE a.round_id = ?1 ORDER BY c.name, w.name_initials, w.id"
    ))?;
    let rows = stmt.query_map([id], attendee_from_row)?;
    Ok(CheckupDetail {
        round,
        attendees: rows.collect::<rusqlite::Result<_>>()?,
    })
}

/// Community workers in post on `as_of` who have not been checked in `year` (by `as_of`).
pub fn not_checked(conn: &Connection, year: i32, as_of: NaiveDate) -> Result<Vec<PersonRef>> {
    let extra = format!(
        "AND NOT EXISTS (SELECT 1 FROM checkup_attendees a JOIN checkup_rounds r ON r.id = a.round_id
            WHERE a.worker_id = w.id AND a.attended = 1
              AND substr(r.checkup_date, 1, 4) = '{year:04}' AND r.checkup_date <= :as_of)"
    );
    people(conn, as_of, &WorkerStatus::IN_POST, true, &extra)
}

/// One check-up of a person, for the 关爱 tab of the person's page.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerCheckup {
    pub round_id: i64,
    pub checkup_date: String,
    pub institution: String,
    pub attended: bool,
    pub needs_attention: bool,
    pub note: Option<String>,
}

/// A person's check-ups, newest first.
pub fn worker_checkups(conn: &Connection, worker_id: i64) -> Result<Vec<WorkerCheckup>> {
    let mut stmt = conn.prepare(
        "SELECT r.id, r.checkup_date, r.institution, a.attended, a.needs_attention, a.note
         FROM checkup_attendees a JOIN checkup_rounds r ON r.id = a.round_id
         WHERE a.worker_id = ?1 ORDER BY r.checkup_date DESC, r.id DESC",
    )?;
    let rows = stmt.query_map([worker_id], |r| {
        Ok(WorkerCheckup {
            round_id: r.get(0)?,
            checkup_date: r.get(1)?,
            institution: r.get(2)?,
            attended: r.get(3)?,
            needs_attention: r.get(4)?,
            note: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everyone checked (attended) from 1 January of `as_of`'s year to `as_of`, the same rule as
/// [`not_checked`].
pub(crate) fn checked_this_year(
    conn: &Connection,
    as_of: NaiveDate,
) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT a.worker_id FROM checkup_attendees a
         JOIN checkup_rounds r ON r.id = a.round_id
         WHERE a.attended = 1 AND substr(r.checkup_date, 1, 4) = substr(?1, 1, 4)
           AND r.checkup_date <= ?1",
    )?;
    let rows = stmt.query_map([dates::text(as_of)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
