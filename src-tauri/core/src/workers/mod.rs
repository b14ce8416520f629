//! Workers (人员): the person record, its certificates and exit, and the roster query.
//!
//! - `validate` turns what the clerk typed into a checked record (every rule is here);
//! - this file reads and writes the record, auditing each change;
//! - `roster` is the searchable, filterable list; `status` derives 在岗/试用期/… as of a date.

mod certificates;
mod exits;
mod initials;
mod records;
mod roster;
pub mod status;
mod validate;

pub(crate) use certificates::validate as validate_certificate;
pub use certificates::{
    add_certificate, delete_certificate, update_certificate, Certificate, CertificateInput,
};
pub use exits::{remove_exit, set_exit, Exit, ExitInput};
pub use initials::initials;
pub use records::{all_records, records, WorkerRecord};
pub use roster::{roster, roster_ids, RosterPage, RosterQuery, RosterRow, SortKey};
pub use validate::validate;

use crate::audit::{self, Action, AuditEntry, Entity, Fields, Source};
use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{named_params, params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the form sends. Dates are `YYYY-MM-DD`; ID and phone numbers are text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerInput {
    pub name: String,
    pub id_number: String,
    pub ethnicity: String,
    pub native_place: Option<String>,
    pub phone: Option<String>,
    pub political_status: String,
    pub party_joined_on: Option<String>,
    pub education: String,
    pub full_time_education: Option<bool>,
    pub school: Option<String>,
    pub major: Option<String>,
    pub social_work_major: bool,
    pub community_id: i64,
    pub category: String,
    pub position: String,
    pub post_detail: Option<String>,
    pub source: Option<String>,
    pub recruitment: Option<String>,
    /// 参加社区工作时间
    pub community_work_start: Option<String>,
    /// 省内此前社区工作年限, in months
    pub prior_service_months: i64,
    /// 中断社区工作的月数 since 参加社区工作时间 (None: never interrupted). Subtracted from
    /// 社区工作年限, or, where the grade rules say interrupted service does not count, the
    /// years before 重新参加社区工作时间 are dropped instead.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interruption_months: Option<i64>,
    /// 中断后重新参加社区工作时间 (the end of the latest interruption).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_resumed_on: Option<String>,
    /// 入职时间
    pub hired_on: String,
    /// 试用期满日期 (the last day of probation)
    pub probation_end: Option<String>,
    pub remarks: Option<String>,
}

/// A saved worker with what is derived from the record as of a date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Worker {
    pub id: i64,
    #[serde(flatten)]
    pub input: WorkerInput,
    pub community_name: String,
    /// Derived from the ID number.
    pub gender: String,
    pub birth_date: String,
    pub age: i64,
    pub status: crate::vocab::WorkerStatus,
    /// 社区工作年限 in whole months as of the date: from 参加社区工作时间 (or 入职时间) to the
    /// date or the exit, plus the months accumulated elsewhere in the province, minus the
    /// months of interruption.
    pub service_months: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerDetail {
    pub worker: Worker,
    pub certificates: Vec<Certificate>,
    pub exit: Option<Exit>,
    pub history: Vec<AuditEntry>,
}

const SELECT: &str = "SELECT w.id, w.name, w.id_number, w.ethnicity, w.native_place, w.phone,
        w.political_status, w.party_joined_on, w.education, w.full_time_education, w.school, w.major,
        w.social_work_major, w.community_id, w.category, w.position, w.post_detail, w.source,
        w.recruitment, w.community_work_start, w.prior_service_months, w.hired_on, w.probation_end,
        w.remarks, c.name, w.gender, w.birth_date, e.exit_date, w.interruption_months,
        w.service_resumed_on";

fn from_row(
    r: &Row,
) -> rusqlite::Result<(i64, WorkerInput, String, String, String, Option<String>)> {
    let input = WorkerInput {
        name: r.get(1)?,
        id_number: r.get(2)?,
        ethnicity: r.get(3)?,
        native_place: r.get(4)?,
        phone: r.get(5)?,
        political_status: r.get(6)?,
        party_joined_on: r.get(7)?,
        education: r.get(8)?,
        full_time_education: r.get(9)?,
        school: r.get(10)?,
        major: r.get(11)?,
        social_work_major: r.get(12)?,
        community_id: r.get(13)?,
        category: r.get(14)?,
        position: r.get(15)?,
        post_detail: r.get(16)?,
        source: r.get(17)?,
        recruitment: r.get(18)?,
        community_work_start: r.get(19)?,
        prior_service_months: r.get(20)?,
        hired_on: r.get(21)?,
        probation_end: r.get(22)?,
        remarks: r.get(23)?,
        interruption_months: r.get(28)?,
        service_resumed_on: r.get(29)?,
    };
    Ok((
        r.get(0)?,
        input,
        r.get(24)?,
        r.get(25)?,
        r.get(26)?,
        r.get(27)?,
    ))
}

/// 社区工作年限 in whole months as of `as_of`, counted as `grades::service_years` does with
/// interruptions subtracted (the default rule).
fn service_months(input: &WorkerInput, exit_date: Option<&str>, as_of: NaiveDate) -> i64 {
    crate::grades::ServiceFacts::of(input, exit_date).months(as_of, false)
}

/// Loads one worker with its derived facts as of `as_of`.
pub fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Worker> {
    let sql = format!(
        "{SELECT}, {status} AS status, {age} AS age
         FROM workers w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id WHERE w.id = :id",
        status = status::STATUS_SQL,
        age = status::AGE_SQL
    );
    let as_of_text = crate::dates::text(as_of);
    let found = conn
        .query_row(&sql, named_params! {":id": id, ":as_of": as_of_text}, |r| {
            Ok((
                from_row(r)?,
                r.get::<_, crate::vocab::WorkerStatus>(30)?,
                r.get::<_, i64>(31)?,
            ))
        })
        .optional()?;
    let ((id, input, community_name, gender, birth_date, exit_date), status, age) =
        found.ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新列表。"))?;
    let service_months = service_months(&input, exit_date.as_deref(), as_of);
    Ok(Worker {
        id,
        input,
        community_name,
        gender,
        birth_date,
        age,
        status,
        service_months,
    })
}

pub fn detail(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<WorkerDetail> {
    Ok(WorkerDetail {
        worker: get(conn, id, as_of)?,
        certificates: certificates::list(conn, id)?,
        exit: exits::get(conn, id)?,
        history: audit::for_worker(conn, id)?,
    })
}

fn yes_no(b: bool) -> String {
    if b { "是" } else { "否" }.to_string()
}

/// The record as the audit trail shows it (import's preview shows changes with the same labels).
pub(crate) fn fields(w: &WorkerInput, community_name: &str) -> Fields {
    vec![
        ("姓名", Some(w.name.clone())),
        ("身份证号", Some(w.id_number.clone())),
        ("民族", Some(w.ethnicity.clone())),
        ("籍贯", w.native_place.clone()),
        ("手机号", w.phone.clone()),
        ("政治面貌", Some(w.political_status.clone())),
        ("入党时间", w.party_joined_on.clone()),
        ("最高学历", Some(w.education.clone())),
        ("是否全日制", w.full_time_education.map(yes_no)),
        ("毕业院校", w.school.clone()),
        ("所学专业", w.major.clone()),
        ("社会工作相关专业", Some(yes_no(w.social_work_major))),
        ("所在社区", Some(community_name.to_string())),
        ("人员类别", Some(w.category.clone())),
        ("职务", Some(w.position.clone())),
        ("具体岗位", w.post_detail.clone()),
        ("来源", w.source.clone()),
        ("招聘方式", w.recruitment.clone()),
        ("参加社区工作时间", w.community_work_start.clone()),
        (
            "省内此前社区工作月数",
            Some(w.prior_service_months.to_string()),
        ),
        (
            "中断社区工作月数",
            w.interruption_months.map(|m| m.to_string()),
        ),
        ("重新参加社区工作时间", w.service_resumed_on.clone()),
        ("入职时间", Some(w.hired_on.clone())),
        ("试用期满日期", w.probation_end.clone()),
        ("备注", w.remarks.clone()),
    ]
}

fn community_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM communities WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| {
        CoreError::validation(
            "communityId",
            "请选择所在社区（所选社区不存在，可能已被删除）。",
        )
    })
}

fn ensure_id_free(conn: &Connection, id_number: &str, except: Option<i64>) -> Result<()> {
    let holder: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT w.id, w.name, c.name FROM workers w JOIN communities c ON c.id = w.community_id
             WHERE w.id_number = ?1",
            [id_number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match holder {
        Some((id, name, community)) if Some(id) != except => Err(CoreError::conflict(
            Some("idNumber"),
            format!("身份证号 {id_number} 已登记给“{name}”（{community}），同一人不能重复登记。请核对号码，或到人员台账中编辑已有记录。"),
        )),
        _ => Ok(()),
    }
}

fn write_params(w: &WorkerInput) -> [&dyn rusqlite::ToSql; 24] {
    [
        &w.name,
        &w.id_number,
        &w.ethnicity,
        &w.native_place,
        &w.phone,
        &w.political_status,
        &w.party_joined_on,
        &w.education,
        &w.full_time_education,
        &w.school,
        &w.major,
        &w.social_work_major,
        &w.community_id,
        &w.category,
        &w.position,
        &w.post_detail,
        &w.source,
        &w.recruitment,
        &w.community_work_start,
        &w.prior_service_months,
        &w.hired_on,
        &w.probation_end,
        &w.interruption_months,
        &w.service_resumed_on,
    ]
}

/// Adds a worker. `today` bounds the dates (nothing in the future that cannot be).
pub fn create(
    tx: &Transaction,
    source: &Source,
    input: &WorkerInput,
    today: NaiveDate,
) -> Result<Worker> {
    let w = validate(input, today)?;
    let cname = community_name(tx, w.community_id)?;
    ensure_id_free(tx, &w.id_number, None)?;
    let p = write_params(&w);
    tx.execute(
        "INSERT INTO workers (name, id_number, ethnicity, native_place, phone, political_status,
            party_joined_on, education, full_time_education, school, major, social_work_major,
            community_id, category, position, post_detail, source, recruitment, community_work_start,
            prior_service_months, hired_on, probation_end, remarks, name_initials,
            interruption_months, service_resumed_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
            ?20, ?21, ?22, ?23, ?24, ?25, ?26)",
        params![
            p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
            p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], w.remarks, initials(&w.name),
            p[22], p[23]
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        source,
        audit::Record {
            entity: Entity::Worker,
            entity_id: Some(id),
            worker_id: Some(id),
            action: Action::Create,
            summary: &w.name,
            changes: audit::diff(None, Some(&fields(&w, &cname))),
        },
    )?;
    get(tx, id, today)
}

pub fn update(
    tx: &Transaction,
    source: &Source,
    id: i64,
    input: &WorkerInput,
    today: NaiveDate,
) -> Result<Worker> {
    let old = get(tx, id, today)?;
    let w = validate(input, today)?;
    let cname = community_name(tx, w.community_id)?;
    ensure_id_free(tx, &w.id_number, Some(id))?;
    if let Some(exit) = exits::get(tx, id)? {
        if exit.exit_date.as_str() < w.hired_on.as_str() {
            return Err(CoreError::validation(
                "hiredOn",
                format!("入职时间不能晚于已登记的退出日期 {}。", exit.exit_date),
            ));
        }
    }
    let p = write_params(&w);
    tx.execute(
        "UPDATE workers SET name = ?1, id_number = ?2, ethnicity = ?3, native_place = ?4, phone = ?5,
            political_status = ?6, party_joined_on = ?7, education = ?8, full_time_education = ?9,
            school = ?10, major = ?11, social_work_major = ?12, community_id = ?13, category = ?14,
            position = ?15, post_detail = ?16, source = ?17, recruitment = ?18,
            community_work_start = ?19, prior_service_months = ?20, hired_on = ?21,
            probation_end = ?22, remarks = ?23, name_initials = ?24, interruption_months = ?26,
            service_resumed_on = ?27
         WHERE id = ?25",
        params![
            p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13],
            p[14], p[15], p[16], p[17], p[18], p[19], p[20], p[21], w.remarks, initials(&w.name), id,
            p[22], p[23]
        ],
    )?;
    audit::write(
        tx,
        source,
        audit::Record {
            entity: Entity::Worker,
            entity_id: Some(id),
            worker_id: Some(id),
            action: Action::Update,
            summary: &w.name,
            changes: audit::diff(
                Some(&fields(&old.input, &old.community_name)),
                Some(&fields(&w, &cname)),
            ),
        },
    )?;
    get(tx, id, today)
}

/// Deletes a record entered by mistake, with its certificates and exit. A person who left
/// is never deleted: record an exit instead. The deletion itself is audited.
pub fn delete(tx: &Transaction, source: &Source, id: i64, today: NaiveDate) -> Result<()> {
    let old = get(tx, id, today)?;
    tx.execute("DELETE FROM certificates WHERE worker_id = ?1", [id])?;
    tx.execute("DELETE FROM exits WHERE worker_id = ?1", [id])?;
    tx.execute("DELETE FROM workers WHERE id = ?1", [id])?;
    audit::write(
        tx,
        source,
        audit::Record {
            entity: Entity::Worker,
            entity_id: Some(id),
            worker_id: Some(id),
            action: Action::Delete,
            summary: &format!("{}（误录删除）", old.input.name),
            changes: audit::diff(Some(&fields(&old.input, &old.community_name)), None),
        },
    )?;
    Ok(())
}
