//! Workers (人员): the person record, its certificates and exit, and the roster query.
//!
//! - `validate` turns what the clerk typed into a checked record (every rule is here);
//! - this file reads and writes the record, auditing each change;
//! - `roster` is the searchable, filterable list; `status` derives 在岗/试用期/… as of a date;
//! - `deletion` says whether a record may be deleted as 误录 (no history) and deletes it.

mod certificates;
mod deletion;
mod exits;
pub mod history;
mod initials;
mod profile;
mod records;
mod retirement;
mod roster;
mod service_years;
pub mod status;
pub(crate) mod validate;

pub use certificates::{
    add_certificate, delete_certificate, update_certificate, Certificate, CertificateInput,
    UNKNOWN_DATE as CERTIFICATE_DATE_UNKNOWN,
};
pub(crate) use certificates::{
    add_certificate_as, validate as validate_certificate, DateRule as CertificateDateRule,
};
pub use deletion::{delete, delete_refusal};
pub use exits::{record_exit, remove_exit, set_exit, Exit, ExitInput, ExitRecorded};
pub use initials::{initials, pinyin_key, place_initials};
pub use profile::{team_profile, TeamBar, TeamChart, TeamProfile};
pub use records::{all_records, records, WorkerRecord};
pub use retirement::{
    age_text as retirement_age_text, group_of as retirement_group_of, retirement_age_months,
    retirement_day, retirement_month, retiring, FormerFemaleAge, RetirementGroup,
    RETIRING_WITHIN_MONTHS,
};
pub use roster::{
    roster, roster_counts, roster_ids, GroupBy, RosterPage, RosterQuery, RosterRow, SortKey,
    GRADE_LABEL_SQL, NO_GRADE,
};
pub use service_years::ServiceFacts;
pub use validate::validate;

use crate::audit::{self, Action, AuditEntry, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::vocab::WorkerStatus;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
    pub status: WorkerStatus,
    /// 社区工作年限 in whole months as of the date: from 参加社区工作时间 (or 入职时间) to the
    /// date or the exit, plus the months accumulated elsewhere in the province, minus the
    /// months of interruption — or, where the grade rules say 中断前年限不计, from
    /// 重新参加社区工作时间 only (the same count as the grade reasoning).
    pub service_months: i64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerDetail {
    pub worker: Worker,
    pub certificates: Vec<Certificate>,
    pub exit: Option<Exit>,
    pub history: Vec<AuditEntry>,
    /// Why 删除(误录) is refused (core's message: an exit or other history keeps the record),
    /// or null when the record may be deleted.
    pub delete_refusal: Option<String>,
}

/// The worker's columns, each named as the field it fills (`r.get("name")`), with the
/// community's name, the exit date and what the ledger derives from the ID number.
pub(crate) const SELECT: &str = "SELECT w.id AS id, w.name AS name, w.id_number AS id_number,
        w.ethnicity AS ethnicity, w.native_place AS native_place, w.phone AS phone,
        w.political_status AS political_status, w.party_joined_on AS party_joined_on,
        w.education AS education, w.full_time_education AS full_time_education,
        w.school AS school, w.major AS major, w.social_work_major AS social_work_major,
        w.community_id AS community_id, w.category AS category, w.position AS position,
        w.post_detail AS post_detail, w.source AS source, w.recruitment AS recruitment,
        w.community_work_start AS community_work_start,
        w.prior_service_months AS prior_service_months, w.hired_on AS hired_on,
        w.probation_end AS probation_end, w.remarks AS remarks,
        w.interruption_months AS interruption_months, w.service_resumed_on AS service_resumed_on,
        c.name AS community_name, w.gender AS gender, w.birth_date AS birth_date,
        e.exit_date AS exit_date";

/// The tables [`SELECT`] reads: a worker as of `as_of` (see `history::table`), its community
/// then and its exit (if any).
pub(crate) fn from_as_of(conn: &Connection, as_of: NaiveDate) -> Result<String> {
    Ok(format!(
        "FROM {} w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id",
        history::table(conn, as_of)?
    ))
}

/// A worker as stored: the form's fields and what the ledger keeps beside them.
pub(crate) struct Stored {
    pub id: i64,
    pub input: WorkerInput,
    pub community_name: String,
    pub gender: String,
    pub birth_date: String,
    pub exit_date: Option<String>,
}

impl Stored {
    /// The worker as shown on `as_of`, with the status and age the query derived;
    /// `interruption_resets` is the grade rules' 中断前年限不计 (see `service_years`).
    pub(crate) fn into_worker(
        self,
        status: WorkerStatus,
        age: i64,
        as_of: NaiveDate,
        interruption_resets: bool,
    ) -> Worker {
        let service_months = ServiceFacts::of(&self.input, self.exit_date.as_deref())
            .months(as_of, interruption_resets);
        Worker {
            id: self.id,
            input: self.input,
            community_name: self.community_name,
            gender: self.gender,
            birth_date: self.birth_date,
            age,
            status,
            service_months,
        }
    }
}

/// One row of [`SELECT`], by column name.
pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Stored> {
    let input = WorkerInput {
        name: r.get("name")?,
        id_number: r.get("id_number")?,
        ethnicity: r.get("ethnicity")?,
        native_place: r.get("native_place")?,
        phone: r.get("phone")?,
        political_status: r.get("political_status")?,
        party_joined_on: r.get("party_joined_on")?,
        education: r.get("education")?,
        full_time_education: r.get("full_time_education")?,
        school: r.get("school")?,
        major: r.get("major")?,
        social_work_major: r.get("social_work_major")?,
        community_id: r.get("community_id")?,
        category: r.get("category")?,
        position: r.get("position")?,
        post_detail: r.get("post_detail")?,
        source: r.get("source")?,
        recruitment: r.get("recruitment")?,
        community_work_start: r.get("community_work_start")?,
        prior_service_months: r.get("prior_service_months")?,
        hired_on: r.get("hired_on")?,
        probation_end: r.get("probation_end")?,
        remarks: r.get("remarks")?,
        interruption_months: r.get("interruption_months")?,
        service_resumed_on: r.get("service_resumed_on")?,
    };
    Ok(Stored {
        id: r.get("id")?,
        input,
        community_name: r.get("community_name")?,
        gender: r.get("gender")?,
        birth_date: r.get("birth_date")?,
        exit_date: r.get("exit_date")?,
    })
}

/// Every worker as stored, in no particular order (the import matches them by ID number).
pub(crate) fn all_stored(conn: &Connection) -> Result<Vec<Stored>> {
    // Today's values: the worker row itself.
    let mut stmt = conn.prepare(&format!(
        "{SELECT} FROM workers w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The certificate kinds each worker holds (worker id -> kinds, each once, in no order).
pub(crate) fn held_kinds(conn: &Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut held: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT DISTINCT worker_id, kind FROM certificates")?;
    for pair in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, kind) = pair?;
        held.entry(id).or_default().push(kind);
    }
    Ok(held)
}

/// Loads one worker with its derived facts as of `as_of`.
pub fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Worker> {
    let sql = format!(
        "{SELECT}, {status} AS status, {age} AS age {from} WHERE w.id = :id",
        status = status::STATUS_SQL,
        age = status::AGE_SQL,
        from = from_as_of(conn, as_of)?
    );
    let as_of_text = crate::dates::text(as_of);
    let found = conn
        .query_row(&sql, named_params! {":id": id, ":as_of": as_of_text}, |r| {
            Ok((
                from_row(r)?,
                r.get::<_, WorkerStatus>("status")?,
                r.get::<_, i64>("age")?,
            ))
        })
        .optional()?;
    let (stored, status, age) =
        found.ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新列表。"))?;
    let resets = service_years::interruption_resets(conn)?;
    Ok(stored.into_worker(status, age, as_of, resets))
}

pub fn detail(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<WorkerDetail> {
    let worker = get(conn, id, as_of)?;
    Ok(WorkerDetail {
        certificates: certificates::list(conn, id)?,
        exit: exits::get(conn, id)?,
        history: audit::for_worker(conn, id)?,
        delete_refusal: delete_refusal(conn, id, &worker.input.name)?,
        worker,
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

/// The record's columns by name (`:name` in the INSERT and UPDATE), with the stored initials.
fn write_params<'a>(
    w: &'a WorkerInput,
    name_initials: &'a dyn rusqlite::ToSql,
) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    vec![
        (":name", &w.name),
        (":id_number", &w.id_number),
        (":ethnicity", &w.ethnicity),
        (":native_place", &w.native_place),
        (":phone", &w.phone),
        (":political_status", &w.political_status),
        (":party_joined_on", &w.party_joined_on),
        (":education", &w.education),
        (":full_time_education", &w.full_time_education),
        (":school", &w.school),
        (":major", &w.major),
        (":social_work_major", &w.social_work_major),
        (":community_id", &w.community_id),
        (":category", &w.category),
        (":position", &w.position),
        (":post_detail", &w.post_detail),
        (":source", &w.source),
        (":recruitment", &w.recruitment),
        (":community_work_start", &w.community_work_start),
        (":prior_service_months", &w.prior_service_months),
        (":hired_on", &w.hired_on),
        (":probation_end", &w.probation_end),
        (":remarks", &w.remarks),
        (":name_initials", name_initials),
        (":interruption_months", &w.interruption_months),
        (":service_resumed_on", &w.service_resumed_on),
    ]
}

/// Adds a worker. `today` bounds the dates (nothing in the future that cannot be).
pub fn create(
    tx: &Transaction,
    channel: &Channel,
    input: &WorkerInput,
    today: NaiveDate,
) -> Result<Worker> {
    let w = validate(input, today)?;
    let cname = community_name(tx, w.community_id)?;
    ensure_id_free(tx, &w.id_number, None)?;
    let name_initials = initials(&w.name);
    tx.execute(
        "INSERT INTO workers (name, id_number, ethnicity, native_place, phone, political_status,
            party_joined_on, education, full_time_education, school, major, social_work_major,
            community_id, category, position, post_detail, source, recruitment, community_work_start,
            prior_service_months, hired_on, probation_end, remarks, name_initials,
            interruption_months, service_resumed_on)
         VALUES (:name, :id_number, :ethnicity, :native_place, :phone, :political_status,
            :party_joined_on, :education, :full_time_education, :school, :major,
            :social_work_major, :community_id, :category, :position, :post_detail, :source,
            :recruitment, :community_work_start, :prior_service_months, :hired_on,
            :probation_end, :remarks, :name_initials, :interruption_months,
            :service_resumed_on)",
        write_params(&w, &name_initials).as_slice(),
    )?;
    let id = tx.last_insert_rowid();
    history::record_first(tx, id, &w)?;
    audit::write(
        tx,
        channel,
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

/// Saves the edited record. A changed 社区, 人员类别, 职务, 具体岗位 or 学历 is a change from
/// today in the person's history (the window sends such changes through 任职经历 with their
/// own date; see [`update_dated`]).
pub fn update(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &WorkerInput,
    today: NaiveDate,
) -> Result<Worker> {
    update_dated(tx, channel, id, input, today, today)
}

/// [`update`] with the date a changed post or 学历 takes effect (an import's 截止日期):
/// the record of that day is corrected, or a change from that day is added.
pub fn update_dated(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &WorkerInput,
    today: NaiveDate,
    changes_on: NaiveDate,
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
    crate::contracts::check_hired_on(tx, id, &w.hired_on)?;
    let exit_date = exits::get(tx, id)?.map(|e| e.exit_date);
    history::on_worker_update(
        tx,
        channel,
        id,
        &old.input,
        &w,
        changes_on,
        exit_date.as_deref(),
    )?;
    let name_initials = initials(&w.name);
    let mut params = write_params(&w, &name_initials);
    params.push((":id", &id));
    tx.execute(
        "UPDATE workers SET name = :name, id_number = :id_number, ethnicity = :ethnicity,
            native_place = :native_place, phone = :phone, political_status = :political_status,
            party_joined_on = :party_joined_on, education = :education,
            full_time_education = :full_time_education, school = :school, major = :major,
            social_work_major = :social_work_major, community_id = :community_id,
            category = :category, position = :position, post_detail = :post_detail,
            source = :source, recruitment = :recruitment,
            community_work_start = :community_work_start,
            prior_service_months = :prior_service_months, hired_on = :hired_on,
            probation_end = :probation_end, remarks = :remarks, name_initials = :name_initials,
            interruption_months = :interruption_months, service_resumed_on = :service_resumed_on
         WHERE id = :id",
        params.as_slice(),
    )?;
    // A change dated before a later record leaves that record the newest.
    history::sync_cache(tx, id)?;
    audit::write(
        tx,
        channel,
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
