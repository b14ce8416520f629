//! 书记备案: a 书记's appointment filed with the county party organisation department
//! (第9条: 社区党组织书记…报县级党委组织部门备案). One filing per tenure, on the record
//! that began it.

use super::{audit_record, history, is_secretary, owner, PostRecord};
use crate::audit::{Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::workers::status::{in_post_sql, STATUS_SQL};
use crate::workers::validate::limited;
use chrono::NaiveDate;
use rusqlite::{named_params, params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilingInput {
    pub filed_on: String,
    /// 备案机关, e.g. 县委组织部.
    pub filed_with: String,
    pub doc_no: Option<String>,
    pub remarks: Option<String>,
}

/// A 书记 in post on a date whose tenure is not filed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Unfiled {
    pub worker_id: i64,
    pub name: String,
    pub community_name: String,
    pub position: String,
    /// The record that began the tenure (where the filing goes) and its date.
    pub post_record_id: i64,
    pub since: String,
    /// Days from `since` to the date asked about.
    pub days: i64,
}

fn fields(f: &FilingInput) -> Fields {
    vec![
        ("备案日期", Some(f.filed_on.clone())),
        ("备案机关", Some(f.filed_with.clone())),
        ("文号", f.doc_no.clone()),
        ("备注", f.remarks.clone()),
    ]
}

fn stored(conn: &Connection, post_record_id: i64) -> Result<Option<FilingInput>> {
    Ok(conn
        .query_row(
            "SELECT filed_on, filed_with, doc_no, remarks FROM secretary_filings
             WHERE post_record_id = ?1",
            [post_record_id],
            |r| {
                Ok(FilingInput {
                    filed_on: r.get(0)?,
                    filed_with: r.get(1)?,
                    doc_no: r.get(2)?,
                    remarks: r.get(3)?,
                })
            },
        )
        .optional()?)
}

fn worker_of(conn: &Connection, post_record_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT worker_id FROM post_records WHERE id = ?1",
        [post_record_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到该任职记录，可能已被删除，请刷新。"))
}

/// Records (or corrects) the filing of the tenure that `post_record_id` began.
pub fn file_secretary(
    tx: &Transaction,
    channel: &Channel,
    post_record_id: i64,
    input: &FilingInput,
    today: NaiveDate,
) -> Result<()> {
    let worker_id = worker_of(tx, post_record_id)?;
    let o = owner(tx, worker_id)?;
    let record: PostRecord = history(tx, worker_id)?
        .posts
        .into_iter()
        .find(|p| p.id == post_record_id)
        .ok_or_else(|| CoreError::not_found("找不到该任职记录，可能已被删除，请刷新。"))?;
    if !record.starts_secretary_tenure {
        let msg = if is_secretary(&record.position) {
            "这段书记任期不是从这条记录开始的，备案请登记在任期开始的那条记录上。"
        } else {
            "只有书记、书记兼主任的任职需要向县级党委组织部门备案。"
        };
        return Err(CoreError::validation("position", msg));
    }
    let date = dates::required("filedOn", "备案日期", &input.filed_on)?;
    if date > today {
        return Err(CoreError::validation("filedOn", "备案日期不能晚于今天。"));
    }
    if dates::text(date) < o.hired_on {
        return Err(CoreError::validation(
            "filedOn",
            format!("备案日期不能早于入职时间 {}。", o.hired_on),
        ));
    }
    let filed_with = limited("filedWith", "备案机关", Some(&input.filed_with), 60)?
        .ok_or_else(|| CoreError::validation("filedWith", "请填写备案机关，例如 县委组织部。"))?;
    let new = FilingInput {
        filed_on: dates::text(date),
        filed_with,
        doc_no: limited("docNo", "文号", input.doc_no.as_deref(), 60)?,
        remarks: limited("remarks", "备注", input.remarks.as_deref(), 200)?,
    };
    let old = stored(tx, post_record_id)?;
    tx.execute(
        "INSERT INTO secretary_filings (worker_id, post_record_id, filed_on, filed_with, doc_no,
            remarks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT(post_record_id) DO UPDATE SET filed_on = excluded.filed_on,
            filed_with = excluded.filed_with, doc_no = excluded.doc_no, remarks = excluded.remarks",
        params![
            worker_id,
            post_record_id,
            new.filed_on,
            new.filed_with,
            new.doc_no,
            new.remarks
        ],
    )?;
    audit_record(
        tx,
        channel,
        Entity::SecretaryFiling,
        (post_record_id, worker_id),
        if old.is_some() {
            Action::Update
        } else {
            Action::Create
        },
        &format!(
            "{}：{} 起任{}的备案",
            o.name, record.effective_on, record.position
        ),
        (old.as_ref().map(fields).as_ref(), Some(&fields(&new))),
    )
}

/// Removes a filing entered by mistake.
pub fn remove_filing(tx: &Transaction, channel: &Channel, post_record_id: i64) -> Result<()> {
    let worker_id = worker_of(tx, post_record_id)?;
    let o = owner(tx, worker_id)?;
    let old = stored(tx, post_record_id)?
        .ok_or_else(|| CoreError::not_found("这条任职记录没有备案。"))?;
    tx.execute(
        "DELETE FROM secretary_filings WHERE post_record_id = ?1",
        [post_record_id],
    )?;
    audit_record(
        tx,
        channel,
        Entity::SecretaryFiling,
        (post_record_id, worker_id),
        Action::Delete,
        &format!("{}：删除书记备案", o.name),
        (Some(&fields(&old)), None),
    )
}

/// The 书记 (and 书记兼主任) in post on `as_of` whose tenure has no filing, longest waiting
/// first.
pub fn unfiled_secretaries(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Unfiled>> {
    let table = super::table(conn, as_of)?;
    let sql = format!(
        "SELECT w.id FROM {table} w LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN {in_post} AND w.position IN ('书记', '书记兼主任')",
        in_post = in_post_sql()
    );
    let ids: Vec<i64> = conn
        .prepare(&sql)?
        .query_map(named_params! {":as_of": dates::text(as_of)}, |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let day = dates::text(as_of);
    let mut out = Vec::new();
    for id in ids {
        let h = history(conn, id)?;
        let in_force: Vec<&PostRecord> = h.posts.iter().filter(|p| p.effective_on <= day).collect();
        let Some(current) = in_force.last() else {
            continue;
        };
        let Some(start) = in_force
            .iter()
            .rev()
            .find(|p| p.starts_secretary_tenure)
            .filter(|s| s.filing.is_none())
        else {
            continue;
        };
        let since: NaiveDate = start.effective_on.parse().unwrap_or(as_of);
        out.push(Unfiled {
            worker_id: id,
            name: h.name.clone(),
            community_name: current.community_name.clone(),
            position: current.position.clone(),
            post_record_id: start.id,
            since: start.effective_on.clone(),
            days: (as_of - since).num_days(),
        });
    }
    out.sort_by(|a, b| a.since.cmp(&b.since).then(a.worker_id.cmp(&b.worker_id)));
    Ok(out)
}
