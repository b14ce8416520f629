//! 培训班次 and their attendees. A class of 40 people is entered in one go: every attendee is
//! checked before the first row is written, so a bad line leaves the class as it was.

use super::{check_kind_tier_mode, check_label, hours_to_tenths, person, tenths_to_hours, Person};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::{dates, vocab};
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClassInput {
    pub name: String,
    /// 培训类型 (vocab::TRAINING_KINDS)
    pub kind: String,
    /// 培训层级 (vocab::TRAINING_TIERS)
    pub tier: String,
    /// 主办单位
    pub organizer: Option<String>,
    pub start_date: String,
    pub end_date: String,
    /// 学时: hours, at most one decimal (stored as tenths of an hour).
    pub hours: f64,
    /// 线下 / 线上
    pub mode: String,
    pub place: Option<String>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TrainingClass {
    pub id: i64,
    #[serde(flatten)]
    pub input: ClassInput,
    /// Attendees listed (any result).
    pub attendees: i64,
    /// Attendees with 结业.
    pub completed: i64,
}

/// One person on a class. `hours` None means the class's 学时; a 缺席 always has 0 hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AttendeeInput {
    pub worker_id: i64,
    pub hours: Option<f64>,
    /// 结业 / 未结业 / 缺席
    pub result: String,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Attendance {
    pub id: i64,
    pub class_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_name: String,
    pub hours: f64,
    pub result: String,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ClassDetail {
    pub class: TrainingClass,
    pub attendees: Vec<Attendance>,
}

struct Clean {
    input: ClassInput,
    tenths: i64,
}

fn validate(input: &ClassInput, today: NaiveDate) -> Result<Clean> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(CoreError::validation("name", "请填写培训班名称。"));
    }
    if name.chars().count() > 100 {
        return Err(CoreError::validation(
            "name",
            "培训班名称不能超过 100 个字。",
        ));
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
    if end > today.checked_add_months(Months::new(12)).unwrap_or(today) {
        return Err(CoreError::validation(
            "endDate",
            "结束日期不能晚于一年以后，请核对。",
        ));
    }
    let tenths = hours_to_tenths("hours", "学时", input.hours, false)?;
    Ok(Clean {
        input: ClassInput {
            name: name.to_string(),
            kind,
            tier,
            organizer: clean_optional(input.organizer.as_deref()),
            start_date: dates::text(start),
            end_date: dates::text(end),
            hours: tenths_to_hours(tenths),
            mode,
            place: clean_optional(input.place.as_deref()),
            remarks: clean_optional(input.remarks.as_deref()),
        },
        tenths,
    })
}

fn fields(c: &ClassInput) -> Fields {
    vec![
        ("培训班名称", Some(c.name.clone())),
        ("培训类型", Some(c.kind.clone())),
        ("培训层级", Some(c.tier.clone())),
        ("主办单位", c.organizer.clone()),
        ("开始日期", Some(c.start_date.clone())),
        ("结束日期", Some(c.end_date.clone())),
        ("学时", Some(c.hours.to_string())),
        ("培训方式", Some(c.mode.clone())),
        ("培训地点", c.place.clone()),
        ("备注", c.remarks.clone()),
    ]
}

const CLASS_SELECT: &str = "SELECT c.id, c.name, c.kind, c.tier, c.organizer, c.start_date,
    c.end_date, c.hours_tenths, c.mode, c.place, c.remarks,
    (SELECT count(*) FROM training_attendance a WHERE a.class_id = c.id),
    (SELECT count(*) FROM training_attendance a WHERE a.class_id = c.id AND a.result = '结业')
    FROM training_classes c";

fn class_from_row(r: &rusqlite::Row) -> rusqlite::Result<TrainingClass> {
    Ok(TrainingClass {
        id: r.get(0)?,
        input: ClassInput {
            name: r.get(1)?,
            kind: r.get(2)?,
            tier: r.get(3)?,
            organizer: r.get(4)?,
            start_date: r.get(5)?,
            end_date: r.get(6)?,
            hours: tenths_to_hours(r.get(7)?),
            mode: r.get(8)?,
            place: r.get(9)?,
            remarks: r.get(10)?,
        },
        attendees: r.get(11)?,
        completed: r.get(12)?,
    })
}

fn get_class(conn: &Connection, id: i64) -> Result<TrainingClass> {
    conn.query_row(
        &format!("{CLASS_SELECT} WHERE c.id = ?1"),
        [id],
        class_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这个培训班，可能已被删除，请刷新列表。"))
}

pub fn create_class(
    tx: &Transaction,
    channel: &Channel,
    input: &ClassInput,
    today: NaiveDate,
) -> Result<TrainingClass> {
    let c = validate(input, today)?;
    let i = &c.input;
    tx.execute(
        "INSERT INTO training_classes (name, kind, tier, organizer, start_date, end_date,
            hours_tenths, mode, place, remarks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            i.name,
            i.kind,
            i.tier,
            i.organizer,
            i.start_date,
            i.end_date,
            c.tenths,
            i.mode,
            i.place,
            i.remarks
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::TrainingClass,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Create,
            summary: &i.name,
            changes: audit::diff(None, Some(&fields(i))),
        },
    )?;
    get_class(tx, id)
}

pub fn update_class(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &ClassInput,
    today: NaiveDate,
) -> Result<TrainingClass> {
    let old = get_class(tx, id)?;
    let c = validate(input, today)?;
    let i = &c.input;
    // Attendee hours above the class's new 学时 would no longer make sense.
    let above: i64 = tx.query_row(
        "SELECT count(*) FROM training_attendance WHERE class_id = ?1 AND hours_tenths > ?2",
        params![id, c.tenths],
        |r| r.get(0),
    )?;
    if above > 0 {
        return Err(CoreError::validation(
            "hours",
            format!("有 {above} 名参训人员的学时超过了新的班次学时，请先调整他们的学时。"),
        ));
    }
    // New dates must still fit everyone already on the class, as add_attendees requires.
    if (&i.start_date, &i.end_date) != (&old.input.start_date, &old.input.end_date) {
        let mut stmt =
            tx.prepare("SELECT worker_id FROM training_attendance WHERE class_id = ?1")?;
        let ids: Vec<i64> = stmt
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for worker_id in ids {
            let p = person(tx, "workerId", worker_id)?;
            in_post_during(&p, i).map_err(|e| {
                e.moved_to("startDate", "请先把此人移出参训名单，或核对培训班日期。")
            })?;
        }
    }
    tx.execute(
        "UPDATE training_classes SET name = ?2, kind = ?3, tier = ?4, organizer = ?5,
            start_date = ?6, end_date = ?7, hours_tenths = ?8, mode = ?9, place = ?10,
            remarks = ?11 WHERE id = ?1",
        params![
            id,
            i.name,
            i.kind,
            i.tier,
            i.organizer,
            i.start_date,
            i.end_date,
            c.tenths,
            i.mode,
            i.place,
            i.remarks
        ],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::TrainingClass,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Update,
            summary: &i.name,
            changes: audit::diff(Some(&fields(&old.input)), Some(&fields(i))),
        },
    )?;
    get_class(tx, id)
}

/// Classes ending in `year` (all classes when None), newest first.
pub fn list_classes(conn: &Connection, year: Option<i32>) -> Result<Vec<TrainingClass>> {
    let sql = format!(
        "{CLASS_SELECT} WHERE ?1 IS NULL OR substr(c.end_date, 1, 4) = printf('%04d', ?1)
         ORDER BY c.end_date DESC, c.id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([year], class_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const ATTENDANCE_SELECT: &str = "SELECT a.id, a.class_id, a.worker_id, w.name, m.name,
    a.hours_tenths, a.result, a.remarks
    FROM training_attendance a JOIN workers w ON w.id = a.worker_id
    JOIN communities m ON m.id = w.community_id";

fn attendance_from_row(r: &rusqlite::Row) -> rusqlite::Result<Attendance> {
    Ok(Attendance {
        id: r.get(0)?,
        class_id: r.get(1)?,
        worker_id: r.get(2)?,
        worker_name: r.get(3)?,
        community_name: r.get(4)?,
        hours: tenths_to_hours(r.get(5)?),
        result: r.get(6)?,
        remarks: r.get(7)?,
    })
}

fn get_attendance(conn: &Connection, id: i64) -> Result<Attendance> {
    conn.query_row(
        &format!("{ATTENDANCE_SELECT} WHERE a.id = ?1"),
        [id],
        attendance_from_row,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这条参训记录，可能已被删除，请刷新。"))
}

pub fn class_detail(conn: &Connection, id: i64) -> Result<ClassDetail> {
    let class = get_class(conn, id)?;
    let mut stmt = conn.prepare(&format!(
        "{ATTENDANCE_SELECT} WHERE a.class_id = ?1 ORDER BY m.name, w.name_initials, w.id"
    ))?;
    let rows = stmt.query_map([id], attendance_from_row)?;
    Ok(ClassDetail {
        class,
        attendees: rows.collect::<rusqlite::Result<_>>()?,
    })
}

/// Checks one attendee against the class; returns (name, hours in tenths, result, remarks).
fn check_attendee(
    conn: &Connection,
    class: &TrainingClass,
    class_tenths: i64,
    a: &AttendeeInput,
) -> Result<(String, i64, String, Option<String>)> {
    let p = person(conn, "workerId", a.worker_id)?;
    let result = check_label("result", "培训结果", &a.result, vocab::TRAINING_RESULTS)
        .map_err(|e| prefix(&p.name, e))?;
    in_post_during(&p, &class.input)?;
    let tenths = if result == "缺席" {
        0
    } else {
        match a.hours {
            None => class_tenths,
            Some(h) => hours_to_tenths("hours", "学时", h, true).map_err(|e| prefix(&p.name, e))?,
        }
    };
    if tenths > class_tenths {
        return Err(CoreError::validation(
            "hours",
            format!("{}的学时不能超过班次学时 {}。", p.name, class.input.hours),
        ));
    }
    Ok((p.name, tenths, result, clean_optional(a.remarks.as_deref())))
}

/// Checks that a person was in post during the class: hired by its end, not exited before
/// its start.
fn in_post_during(p: &Person, class: &ClassInput) -> Result<()> {
    if p.hired_on > class.end_date {
        return Err(CoreError::validation(
            "workerId",
            format!(
                "{}的入职时间（{}）晚于培训班结束日期（{}），不能列为参训人员。",
                p.name, p.hired_on, class.end_date
            ),
        ));
    }
    if let Some(exit) = p
        .exit_date
        .as_deref()
        .filter(|d| *d < class.start_date.as_str())
    {
        return Err(CoreError::validation(
            "workerId",
            format!(
                "{}已于 {exit} 退出，早于培训班开始日期，不能列为参训人员。",
                p.name
            ),
        ));
    }
    Ok(())
}

/// Puts the person's name in front of a validation message about one row of a bulk entry.
fn prefix(name: &str, e: CoreError) -> CoreError {
    match e {
        CoreError::Validation { field, message } => CoreError::Validation {
            field,
            message: format!("{name}：{message}"),
        },
        other => other,
    }
}

fn attendance_fields(
    class_name: &str,
    hours: i64,
    result: &str,
    remarks: &Option<String>,
) -> Fields {
    vec![
        ("培训班", Some(class_name.to_string())),
        ("学时", Some(tenths_to_hours(hours).to_string())),
        ("培训结果", Some(result.to_string())),
        ("备注", remarks.clone()),
    ]
}

/// Adds many people to a class at once. Every line is checked first (known person, in post
/// at the time of the class, not already on it, valid hours and result); one bad line
/// rejects the whole entry with a message naming the person.
pub fn add_attendees(
    tx: &Transaction,
    channel: &Channel,
    class_id: i64,
    attendees: &[AttendeeInput],
) -> Result<Vec<Attendance>> {
    let class = get_class(tx, class_id)?;
    if attendees.is_empty() {
        return Err(CoreError::validation(
            "workerIds",
            "请至少选择一名参训人员。",
        ));
    }
    let class_tenths = (class.input.hours * 10.0).round() as i64;
    let mut seen = HashSet::new();
    let mut checked = Vec::with_capacity(attendees.len());
    for a in attendees {
        let row = check_attendee(tx, &class, class_tenths, a)?;
        if !seen.insert(a.worker_id) {
            return Err(CoreError::validation(
                "workerIds",
                format!("{}被选了两次，请去掉重复的一行。", row.0),
            ));
        }
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM training_attendance WHERE class_id = ?1 AND worker_id = ?2)",
            params![class_id, a.worker_id],
            |r| r.get(0),
        )?;
        if exists {
            return Err(CoreError::conflict(
                Some("workerIds"),
                format!("{}已在本培训班的参训名单中，请勿重复添加。", row.0),
            ));
        }
        checked.push((a.worker_id, row));
    }
    let mut ids = Vec::with_capacity(checked.len());
    for (worker_id, (name, tenths, result, remarks)) in checked {
        tx.execute(
            "INSERT INTO training_attendance (class_id, worker_id, hours_tenths, result, remarks)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![class_id, worker_id, tenths, result, remarks],
        )?;
        let id = tx.last_insert_rowid();
        audit::write(
            tx,
            channel,
            audit::Record {
                entity: Entity::Attendance,
                entity_id: Some(id),
                worker_id: Some(worker_id),
                action: Action::Create,
                summary: &format!("{name} 参加 {}", class.input.name),
                changes: audit::diff(
                    None,
                    Some(&attendance_fields(
                        &class.input.name,
                        tenths,
                        &result,
                        &remarks,
                    )),
                ),
            },
        )?;
        ids.push(id);
    }
    ids.into_iter().map(|id| get_attendance(tx, id)).collect()
}

/// Corrects one attendee's hours, result or remarks (the person and class stay).
pub fn update_attendance(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &AttendeeInput,
) -> Result<Attendance> {
    let old = get_attendance(tx, id)?;
    let class = get_class(tx, old.class_id)?;
    let class_tenths = (class.input.hours * 10.0).round() as i64;
    let fixed = AttendeeInput {
        worker_id: old.worker_id,
        ..input.clone()
    };
    let (name, tenths, result, remarks) = check_attendee(tx, &class, class_tenths, &fixed)?;
    tx.execute(
        "UPDATE training_attendance SET hours_tenths = ?2, result = ?3, remarks = ?4 WHERE id = ?1",
        params![id, tenths, result, remarks],
    )?;
    let old_tenths = (old.hours * 10.0).round() as i64;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Attendance,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Update,
            summary: &format!("{name} 参加 {}", class.input.name),
            changes: audit::diff(
                Some(&attendance_fields(
                    &class.input.name,
                    old_tenths,
                    &old.result,
                    &old.remarks,
                )),
                Some(&attendance_fields(
                    &class.input.name,
                    tenths,
                    &result,
                    &remarks,
                )),
            ),
        },
    )?;
    get_attendance(tx, id)
}

/// Removes a mistaken attendee line (audited).
pub fn remove_attendance(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get_attendance(tx, id)?;
    let class = get_class(tx, old.class_id)?;
    tx.execute("DELETE FROM training_attendance WHERE id = ?1", [id])?;
    let old_tenths = (old.hours * 10.0).round() as i64;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Attendance,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &format!("{} 参加 {}", old.worker_name, class.input.name),
            changes: audit::diff(
                Some(&attendance_fields(
                    &class.input.name,
                    old_tenths,
                    &old.result,
                    &old.remarks,
                )),
                None,
            ),
        },
    )?;
    Ok(())
}

/// Deletes a mistaken class with its attendance lines; each line and the class are audited
/// (the lines under the person, so each person's history shows it).
pub fn delete_class(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let detail = class_detail(tx, id)?;
    for a in &detail.attendees {
        remove_attendance(tx, channel, a.id)?;
    }
    tx.execute("DELETE FROM training_classes WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::TrainingClass,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Delete,
            summary: &detail.class.input.name,
            changes: audit::diff(Some(&fields(&detail.class.input)), None),
        },
    )?;
    Ok(())
}
