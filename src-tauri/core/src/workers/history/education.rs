//! 学历经历: each 最高学历 with its 取得时间. The highest 学历 never goes down over time.

use super::{audit_record, check_change_date, owner, sync_cache, Owner};
use crate::audit::{Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::workers::validate::{limited, one_of};
use crate::workers::WorkerInput;
use crate::{dates, vocab};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the 学历变更 dialog sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EducationInput {
    /// 取得时间 (the day the degree was conferred).
    pub obtained_on: String,
    pub education: String,
    pub full_time_education: Option<bool>,
    pub school: Option<String>,
    pub major: Option<String>,
    pub remarks: Option<String>,
}

struct Row {
    id: i64,
    worker_id: i64,
    obtained_on: String,
    education: String,
    full_time_education: Option<bool>,
    school: Option<String>,
    major: Option<String>,
    remarks: Option<String>,
}

impl Row {
    fn same(&self, o: &Row) -> bool {
        self.education == o.education
            && self.full_time_education == o.full_time_education
            && self.school == o.school
            && self.major == o.major
    }
}

const COLUMNS: &str =
    "id, worker_id, obtained_on, education, full_time_education, school, major, remarks";

fn read(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        obtained_on: r.get(2)?,
        education: r.get(3)?,
        full_time_education: r.get(4)?,
        school: r.get(5)?,
        major: r.get(6)?,
        remarks: r.get(7)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<Row> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM education_records WHERE id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到该学历记录，可能已被删除，请刷新。"))
}

fn all(conn: &Connection, worker_id: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM education_records WHERE worker_id = ?1 ORDER BY obtained_on"
    ))?;
    let rows = stmt.query_map([worker_id], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn fields(r: &Row) -> Fields {
    vec![
        ("取得时间", Some(r.obtained_on.clone())),
        ("最高学历", Some(r.education.clone())),
        (
            "是否全日制",
            r.full_time_education
                .map(|b| if b { "是" } else { "否" }.to_string()),
        ),
        ("毕业院校", r.school.clone()),
        ("所学专业", r.major.clone()),
        ("备注", r.remarks.clone()),
    ]
}

/// 0 for the highest (博士研究生), growing downwards.
fn rank(education: &str) -> usize {
    vocab::EDUCATION_LEVELS
        .iter()
        .position(|e| *e == education)
        .unwrap_or(usize::MAX)
}

fn checked(input: &EducationInput) -> Result<Row> {
    Ok(Row {
        id: 0,
        worker_id: 0,
        obtained_on: String::new(),
        education: one_of(
            "education",
            "最高学历",
            &input.education,
            vocab::EDUCATION_LEVELS,
        )?,
        full_time_education: input.full_time_education,
        school: limited("school", "毕业院校", input.school.as_deref(), 60)?,
        major: limited("major", "所学专业", input.major.as_deref(), 60)?,
        remarks: limited("remarks", "备注", input.remarks.as_deref(), 200)?,
    })
}

/// The highest 学历 does not go down: not below the one before, not above the one after;
/// and a record must differ from the one before.
fn ensure_order(records: &[Row], new: &Row) -> Result<()> {
    let others = records.iter().filter(|r| r.id != new.id);
    let before = others.clone().rfind(|r| r.obtained_on < new.obtained_on);
    let after = others.clone().find(|r| r.obtained_on > new.obtained_on);
    if let Some(b) = before {
        if rank(&new.education) > rank(&b.education) {
            return Err(CoreError::validation(
                "education",
                format!(
                    "最高学历不会降低：{} 起已是{}，不能登记为{}。请核对学历或取得时间。",
                    b.obtained_on, b.education, new.education
                ),
            ));
        }
        if b.same(new) {
            return Err(CoreError::validation(
                "education",
                format!("与 {} 起的学历相同，不是变更。", b.obtained_on),
            ));
        }
    }
    if let Some(a) = after.filter(|a| rank(&new.education) < rank(&a.education)) {
        return Err(CoreError::validation(
            "education",
            format!(
                "{} 起登记的学历是{}，比{}低；最高学历不会降低，请核对。",
                a.obtained_on, a.education, new.education
            ),
        ));
    }
    Ok(())
}

fn write(tx: &Transaction, r: &Row) -> Result<i64> {
    let params = named_params! {
        ":id": r.id, ":worker_id": r.worker_id, ":obtained_on": r.obtained_on,
        ":education": r.education, ":full_time_education": r.full_time_education,
        ":school": r.school, ":major": r.major, ":remarks": r.remarks,
    };
    if r.id == 0 {
        tx.execute(
            "INSERT INTO education_records (worker_id, obtained_on, education,
                full_time_education, school, major, remarks)
             VALUES (:worker_id, :obtained_on, :education, :full_time_education, :school,
                :major, :remarks)",
            &params[1..],
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE education_records SET obtained_on = :obtained_on, education = :education,
                full_time_education = :full_time_education, school = :school, major = :major,
                remarks = :remarks
             WHERE id = :id AND worker_id = :worker_id",
            params,
        )?;
        Ok(r.id)
    }
}

fn summary(o: &Owner, r: &Row) -> String {
    format!("{}：{} 起 {}", o.name, r.obtained_on, r.education)
}

const KIND: (&str, &str, &str) = ("education_records", "obtained_on", "学历");

/// 学历变更: a new 最高学历 from its 取得时间. Returns the record's id.
pub fn add_education(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &EducationInput,
    today: NaiveDate,
) -> Result<i64> {
    let o = owner(tx, worker_id)?;
    let date = dates::required("obtainedOn", "取得时间", &input.obtained_on)?;
    let mut new = checked(input)?;
    new.worker_id = worker_id;
    new.obtained_on = check_change_date(tx, &o, KIND, worker_id, None, date, today)?;
    ensure_order(&all(tx, worker_id)?, &new)?;
    new.id = write(tx, &new)?;
    sync_cache(tx, worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::EducationRecord,
        (new.id, worker_id),
        Action::Create,
        &summary(&o, &new),
        (None, Some(&fields(&new))),
    )?;
    Ok(new.id)
}

/// 更正 a 学历 record; the first keeps 入职时间 as its date.
pub fn correct_education(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &EducationInput,
    today: NaiveDate,
) -> Result<()> {
    let old = get(tx, id)?;
    let o = owner(tx, old.worker_id)?;
    let records = all(tx, old.worker_id)?;
    let first = records.first().is_some_and(|f| f.id == id);
    let mut new = checked(input)?;
    new.id = id;
    new.worker_id = old.worker_id;
    let date = dates::required("obtainedOn", "取得时间", &input.obtained_on)?;
    new.obtained_on = if first {
        if dates::text(date) != old.obtained_on {
            return Err(CoreError::validation(
                "obtainedOn",
                format!(
                    "第一条学历记录是入职时的最高学历，从 {} 起；它的日期随入职时间改变。",
                    old.obtained_on
                ),
            ));
        }
        old.obtained_on.clone()
    } else {
        check_change_date(tx, &o, KIND, old.worker_id, Some(id), date, today)?
    };
    ensure_order(&records, &new)?;
    let before = fields(&old);
    write(tx, &new)?;
    sync_cache(tx, old.worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::EducationRecord,
        (id, old.worker_id),
        Action::Update,
        &summary(&o, &new),
        (Some(&before), Some(&fields(&new))),
    )
}

/// Deletes a 学历 change entered by mistake (not the first record).
pub fn delete_education(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get(tx, id)?;
    let o = owner(tx, old.worker_id)?;
    if all(tx, old.worker_id)?.first().is_some_and(|f| f.id == id) {
        return Err(CoreError::conflict(
            None,
            "第一条学历记录是入职时的最高学历，不能删除；如有误，请更正它。",
        ));
    }
    tx.execute("DELETE FROM education_records WHERE id = ?1", [id])?;
    sync_cache(tx, old.worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::EducationRecord,
        (id, old.worker_id),
        Action::Delete,
        &summary(&o, &old),
        (Some(&fields(&old)), None),
    )
}

/// The form (or an import) sent another 学历 than the record in force on `day`: that day's
/// record is corrected, or a new one from `day` is added.
pub(super) fn follow_form(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    w: &WorkerInput,
    day: &str,
) -> Result<()> {
    let records = all(tx, worker_id)?;
    let Some(current) = records.iter().rfind(|r| r.obtained_on.as_str() <= day) else {
        return Ok(());
    };
    let wanted = Row {
        id: current.id,
        worker_id,
        obtained_on: current.obtained_on.clone(),
        education: w.education.clone(),
        full_time_education: w.full_time_education,
        school: w.school.clone(),
        major: w.major.clone(),
        remarks: current.remarks.clone(),
    };
    if current.same(&wanted) {
        return Ok(());
    }
    let o = owner(tx, worker_id)?;
    let (new, action, before) = if current.obtained_on == day {
        (wanted, Action::Update, Some(fields(current)))
    } else {
        let new = Row {
            id: 0,
            obtained_on: day.to_string(),
            remarks: None,
            ..wanted
        };
        (new, Action::Create, None)
    };
    let id = write(tx, &new)?;
    audit_record(
        tx,
        channel,
        Entity::EducationRecord,
        (id, worker_id),
        action,
        &summary(&o, &new),
        (before.as_ref(), Some(&fields(&new))),
    )
}
