//! 职业资格 certificates: dated records per worker.

use super::get as get_worker;
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::{dates, vocab};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CertificateInput {
    pub kind: String,
    /// The name of a skill level when kind is 其他职业技能等级.
    pub title: Option<String>,
    /// 取得日期; `None` for a certificate held whose date is not known yet (brought in by an
    /// import: rosters rarely carry it). The form always asks for it.
    pub obtained_on: Option<String>,
    /// 证书编号: text, never a number.
    pub cert_no: Option<String>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub id: i64,
    pub worker_id: i64,
    #[serde(flatten)]
    pub input: CertificateInput,
}

fn from_row(r: &Row) -> rusqlite::Result<Certificate> {
    Ok(Certificate {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        input: CertificateInput {
            kind: r.get(2)?,
            title: r.get(3)?,
            obtained_on: r.get(4)?,
            cert_no: r.get(5)?,
            remarks: r.get(6)?,
        },
    })
}

const SELECT: &str =
    "SELECT id, worker_id, kind, title, obtained_on, cert_no, remarks FROM certificates";

pub(super) fn list(conn: &Connection, worker_id: i64) -> Result<Vec<Certificate>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE worker_id = ?1 ORDER BY obtained_on, id"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get(conn: &Connection, id: i64) -> Result<Certificate> {
    conn.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该职业资格记录，请刷新后重试。"))
}

/// Whether a certificate may be saved without its 取得日期.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateRule {
    /// The form: the date is asked for (and an undated certificate gets it when edited).
    Required,
    /// An import: a roster's certificate without a date is kept as held, date unknown.
    MayBeUnknown,
}

/// Every rule on a certificate (import checks rows with it before writing).
pub(crate) fn validate(
    input: &CertificateInput,
    birth_date: &str,
    today: NaiveDate,
    date_rule: DateRule,
) -> Result<CertificateInput> {
    let kind = input.kind.trim();
    if !vocab::CERTIFICATE_KINDS.contains(&kind) {
        return Err(CoreError::validation(
            "kind",
            "请从列表中选择职业资格类别。",
        ));
    }
    let title = clean_optional(input.title.as_deref());
    if kind == vocab::OTHER_SKILL_LEVEL && title.is_none() {
        return Err(CoreError::validation(
            "title",
            "请填写职业技能等级的名称，例如“养老护理员（三级）”。",
        ));
    }
    let typed = input.obtained_on.as_deref().unwrap_or("");
    let obtained = if typed.trim().is_empty() && date_rule == DateRule::MayBeUnknown {
        None
    } else {
        let obtained = dates::required("obtainedOn", "取得日期", typed)?;
        if obtained > today {
            return Err(CoreError::validation(
                "obtainedOn",
                "取得日期不能晚于今天。",
            ));
        }
        if dates::text(obtained).as_str() <= birth_date {
            return Err(CoreError::validation(
                "obtainedOn",
                "取得日期早于出生日期，请核对。",
            ));
        }
        Some(dates::text(obtained))
    };
    Ok(CertificateInput {
        kind: kind.to_string(),
        title,
        obtained_on: obtained,
        cert_no: clean_optional(input.cert_no.as_deref()),
        remarks: clean_optional(input.remarks.as_deref()),
    })
}

fn fields(c: &CertificateInput) -> Fields {
    vec![
        ("职业资格", Some(c.kind.clone())),
        ("等级名称", c.title.clone()),
        (
            "取得日期",
            Some(c.obtained_on.clone().unwrap_or_else(|| UNKNOWN_DATE.into())),
        ),
        ("证书编号", c.cert_no.clone()),
        ("备注", c.remarks.clone()),
    ]
}

/// How a certificate without its date is shown and recorded.
pub const UNKNOWN_DATE: &str = "未填";

fn summary(worker_name: &str, c: &CertificateInput) -> String {
    format!("{worker_name}：{}", c.title.as_deref().unwrap_or(&c.kind))
}

pub fn add_certificate(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &CertificateInput,
    today: NaiveDate,
) -> Result<Certificate> {
    add_certificate_as(tx, channel, worker_id, input, today, DateRule::Required)
}

/// [`add_certificate`] with the import's rule for a missing date.
pub(crate) fn add_certificate_as(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &CertificateInput,
    today: NaiveDate,
    date_rule: DateRule,
) -> Result<Certificate> {
    let w = get_worker(tx, worker_id, today)?;
    let c = validate(input, &w.birth_date, today, date_rule)?;
    tx.execute(
        "INSERT INTO certificates (worker_id, kind, title, obtained_on, cert_no, remarks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            worker_id,
            c.kind,
            c.title,
            c.obtained_on,
            c.cert_no,
            c.remarks
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Certificate,
            entity_id: Some(id),
            worker_id: Some(worker_id),
            action: Action::Create,
            summary: &summary(&w.input.name, &c),
            changes: audit::diff(None, Some(&fields(&c))),
        },
    )?;
    get(tx, id)
}

pub fn update_certificate(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &CertificateInput,
    today: NaiveDate,
) -> Result<Certificate> {
    let old = get(tx, id)?;
    let w = get_worker(tx, old.worker_id, today)?;
    let c = validate(input, &w.birth_date, today, DateRule::Required)?;
    tx.execute(
        "UPDATE certificates SET kind = ?2, title = ?3, obtained_on = ?4, cert_no = ?5, remarks = ?6
         WHERE id = ?1",
        params![id, c.kind, c.title, c.obtained_on, c.cert_no, c.remarks],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Certificate,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Update,
            summary: &summary(&w.input.name, &c),
            changes: audit::diff(Some(&fields(&old.input)), Some(&fields(&c))),
        },
    )?;
    get(tx, id)
}

pub fn delete_certificate(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    today: NaiveDate,
) -> Result<()> {
    let old = get(tx, id)?;
    let w = get_worker(tx, old.worker_id, today)?;
    tx.execute("DELETE FROM certificates WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Certificate,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &summary(&w.input.name, &old.input),
            changes: audit::diff(Some(&fields(&old.input)), None),
        },
    )?;
    Ok(())
}
