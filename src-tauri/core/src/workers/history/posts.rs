//! Post records (任职经历): a change of 社区, 人员类别, 职务 or 具体岗位 from a date.

use super::{audit_record, check_change_date, is_secretary, owner, sync_cache, Owner};
use crate::audit::{Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::workers::validate::{category_holds_position, limited, one_of};
use crate::workers::WorkerInput;
use crate::{dates, vocab};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the 任职变动 dialog sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PostChangeInput {
    pub effective_on: String,
    pub community_id: i64,
    pub category: String,
    pub position: String,
    pub post_detail: Option<String>,
    /// 选举 / 聘任 / 调整 / 交流 (入职 belongs to the first record only).
    pub reason: String,
    /// 任职文件文号
    pub doc_no: Option<String>,
    pub remarks: Option<String>,
}

/// A stored record's row.
struct Row {
    id: i64,
    worker_id: i64,
    effective_on: String,
    community_id: i64,
    category: String,
    position: String,
    post_detail: Option<String>,
    reason: String,
    doc_no: Option<String>,
    remarks: Option<String>,
}

impl Row {
    fn same_post(&self, other: &Row) -> bool {
        self.community_id == other.community_id
            && self.category == other.category
            && self.position == other.position
            && self.post_detail == other.post_detail
    }
}

const COLUMNS: &str = "id, worker_id, effective_on, community_id, category, position, post_detail,
    reason, doc_no, remarks";

fn read(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        effective_on: r.get(2)?,
        community_id: r.get(3)?,
        category: r.get(4)?,
        position: r.get(5)?,
        post_detail: r.get(6)?,
        reason: r.get(7)?,
        doc_no: r.get(8)?,
        remarks: r.get(9)?,
    })
}

fn get(conn: &Connection, id: i64) -> Result<Row> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM post_records WHERE id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到该任职记录，可能已被删除，请刷新。"))
}

/// The records of one person, oldest first.
fn all(conn: &Connection, worker_id: i64) -> Result<Vec<Row>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM post_records WHERE worker_id = ?1 ORDER BY effective_on"
    ))?;
    let rows = stmt.query_map([worker_id], read)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

fn fields(conn: &Connection, r: &Row) -> Result<Fields> {
    Ok(vec![
        ("起始日期", Some(r.effective_on.clone())),
        ("所在社区", Some(community_name(conn, r.community_id)?)),
        ("人员类别", Some(r.category.clone())),
        ("职务", Some(r.position.clone())),
        ("具体岗位", r.post_detail.clone()),
        ("变动原因", Some(r.reason.clone())),
        ("文号", r.doc_no.clone()),
        ("备注", r.remarks.clone()),
    ])
}

/// Checks the dialog's fields (not the date): the lists, 人员类别 × 职务, the community.
fn checked(conn: &Connection, input: &PostChangeInput, first: bool) -> Result<Row> {
    community_name(conn, input.community_id)?;
    let category = one_of("category", "人员类别", &input.category, vocab::CATEGORIES)?;
    let position = one_of("position", "职务", &input.position, vocab::POSITIONS)?;
    category_holds_position(&category, &position)?;
    let reason = if first {
        "入职".to_string()
    } else {
        let changes = &vocab::POST_CHANGE_REASONS[1..];
        one_of("reason", "变动原因", &input.reason, changes)?
    };
    Ok(Row {
        id: 0,
        worker_id: 0,
        effective_on: String::new(),
        community_id: input.community_id,
        category,
        position,
        post_detail: limited("postDetail", "具体岗位", input.post_detail.as_deref(), 40)?,
        reason,
        doc_no: limited("docNo", "文号", input.doc_no.as_deref(), 60)?,
        remarks: limited("remarks", "备注", input.remarks.as_deref(), 200)?,
    })
}

/// A change must change something: the record in force the day before is compared.
fn ensure_changes(records: &[Row], new: &Row) -> Result<()> {
    let previous = records
        .iter()
        .rfind(|r| r.id != new.id && r.effective_on < new.effective_on);
    match previous {
        Some(p) if p.same_post(new) => Err(CoreError::validation(
            "position",
            format!(
                "与 {} 起的任职（{}，{}，{}）相同，不是变动。要改那条记录的内容，请点它的“更正”。",
                p.effective_on,
                p.position,
                p.category,
                p.post_detail.as_deref().unwrap_or("无具体岗位")
            ),
        )),
        _ => Ok(()),
    }
}

fn write(tx: &Transaction, r: &Row) -> Result<i64> {
    let params = named_params! {
        ":id": r.id, ":worker_id": r.worker_id, ":effective_on": r.effective_on,
        ":community_id": r.community_id, ":category": r.category, ":position": r.position,
        ":post_detail": r.post_detail, ":reason": r.reason, ":doc_no": r.doc_no,
        ":remarks": r.remarks,
    };
    if r.id == 0 {
        tx.execute(
            "INSERT INTO post_records (worker_id, effective_on, community_id, category, position,
                post_detail, reason, doc_no, remarks)
             VALUES (:worker_id, :effective_on, :community_id, :category, :position,
                :post_detail, :reason, :doc_no, :remarks)",
            &params[1..],
        )?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE post_records SET effective_on = :effective_on, community_id = :community_id,
                category = :category, position = :position, post_detail = :post_detail,
                reason = :reason, doc_no = :doc_no, remarks = :remarks
             WHERE id = :id AND worker_id = :worker_id",
            params,
        )?;
        Ok(r.id)
    }
}

fn summary(o: &Owner, r: &Row) -> String {
    format!(
        "{}：{} 起 {}（{}）",
        o.name, r.effective_on, r.position, r.reason
    )
}

/// 任职变动: a new record from its date. Returns the new record's id.
pub fn add_post(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &PostChangeInput,
    today: NaiveDate,
) -> Result<i64> {
    let o = owner(tx, worker_id)?;
    let date = dates::required("effectiveOn", "变动日期", &input.effective_on)?;
    let mut new = checked(tx, input, false)?;
    new.worker_id = worker_id;
    new.effective_on = check_change_date(
        tx,
        &o,
        ("post_records", "effective_on", "任职"),
        worker_id,
        None,
        date,
        today,
    )?;
    ensure_changes(&all(tx, worker_id)?, &new)?;
    new.id = write(tx, &new)?;
    sync_cache(tx, worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::PostRecord,
        (new.id, worker_id),
        Action::Create,
        &summary(&o, &new),
        (None, Some(&fields(tx, &new)?)),
    )?;
    Ok(new.id)
}

/// 更正: a record entered wrongly. The first record keeps 入职时间 as its date (the form's
/// 入职时间 moves it) and 入职 as its reason.
pub fn correct_post(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &PostChangeInput,
    today: NaiveDate,
) -> Result<()> {
    let old = get(tx, id)?;
    let o = owner(tx, old.worker_id)?;
    let records = all(tx, old.worker_id)?;
    let first = records.first().is_some_and(|f| f.id == id);
    let mut new = checked(tx, input, first)?;
    new.id = id;
    new.worker_id = old.worker_id;
    new.effective_on = if first {
        let date = dates::required("effectiveOn", "起始日期", &input.effective_on)?;
        if dates::text(date) != o.hired_on {
            return Err(CoreError::validation(
                "effectiveOn",
                format!(
                    "第一条任职记录从入职时间 {} 起。要改这个日期，请在“编辑”中改入职时间。",
                    o.hired_on
                ),
            ));
        }
        o.hired_on.clone()
    } else {
        let date = dates::required("effectiveOn", "变动日期", &input.effective_on)?;
        check_change_date(
            tx,
            &o,
            ("post_records", "effective_on", "任职"),
            old.worker_id,
            Some(id),
            date,
            today,
        )?
    };
    ensure_changes(&records, &new)?;
    let filed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM secretary_filings WHERE post_record_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if filed && !is_secretary(&new.position) {
        return Err(CoreError::conflict(
            Some("position"),
            "这条记录有书记备案，职务须为书记或书记兼主任。如确属误录，请先删除备案再更正。",
        ));
    }
    let before = fields(tx, &old)?;
    write(tx, &new)?;
    sync_cache(tx, old.worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::PostRecord,
        (id, old.worker_id),
        Action::Update,
        &summary(&o, &new),
        (Some(&before), Some(&fields(tx, &new)?)),
    )
}

/// Deletes a change entered by mistake; the first record stays (it is the hiring).
pub fn delete_post(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get(tx, id)?;
    let o = owner(tx, old.worker_id)?;
    if old.reason == "入职" || all(tx, old.worker_id)?.first().is_some_and(|f| f.id == id) {
        return Err(CoreError::conflict(
            None,
            "第一条任职记录是入职时的任职，不能删除；如有误，请更正它。",
        ));
    }
    let filed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM secretary_filings WHERE post_record_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if filed {
        return Err(CoreError::conflict(
            None,
            "这条记录有书记备案，请先删除备案，再删除任职记录。",
        ));
    }
    let before = fields(tx, &old)?;
    tx.execute("DELETE FROM post_records WHERE id = ?1", [id])?;
    sync_cache(tx, old.worker_id)?;
    audit_record(
        tx,
        channel,
        Entity::PostRecord,
        (id, old.worker_id),
        Action::Delete,
        &summary(&o, &old),
        (Some(&before), None),
    )
}

/// The form (or an import) sent other post fields than the record in force on `day`: the
/// record dated `day` is corrected, or a change from `day` is added (交流 when the
/// community differs, else 调整).
pub(super) fn follow_form(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    w: &WorkerInput,
    day: &str,
) -> Result<()> {
    let records = all(tx, worker_id)?;
    let Some(current) = records.iter().rfind(|r| r.effective_on.as_str() <= day) else {
        return Ok(());
    };
    let wanted = Row {
        id: current.id,
        worker_id,
        effective_on: current.effective_on.clone(),
        community_id: w.community_id,
        category: w.category.clone(),
        position: w.position.clone(),
        post_detail: w.post_detail.clone(),
        reason: current.reason.clone(),
        doc_no: current.doc_no.clone(),
        remarks: current.remarks.clone(),
    };
    if current.same_post(&wanted) {
        return Ok(());
    }
    let o = owner(tx, worker_id)?;
    let (new, action, before) = if current.effective_on == day {
        (wanted, Action::Update, Some(fields(tx, current)?))
    } else {
        let reason = if w.community_id != current.community_id {
            "交流"
        } else {
            "调整"
        };
        let new = Row {
            id: 0,
            effective_on: day.to_string(),
            reason: reason.to_string(),
            doc_no: None,
            remarks: None,
            ..wanted
        };
        (new, Action::Create, None)
    };
    let id = write(tx, &new)?;
    audit_record(
        tx,
        channel,
        Entity::PostRecord,
        (id, worker_id),
        action,
        &summary(&o, &new),
        (before.as_ref(), Some(&fields(tx, &new)?)),
    )
}
