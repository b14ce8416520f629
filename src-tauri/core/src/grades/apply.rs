//! Writing grade records, each audited in the caller's transaction: [`apply`] confirms the
//! promotion run as of a date (the engine's proposals, with the clerk's overrides), and
//! [`add_grade_record`] / [`delete_grade_record`] are the manual entry and the correction of
//! a mistaken record. Takes a `&Transaction` and the source of the change; gives the summary
//! or the record written.

use super::facts::{book_for_manual, no_scheme, propose};
use super::history::{from_row, GradeRecord, GradeRecordInput, SELECT};
use super::proposal::Bookkeeping;
use super::scheme::scheme_in_effect;
use super::GRADE_REASONS;
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// The clerk's decision on one line of the run, with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub worker_id: i64,
    pub category: String,
    pub level: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplySummary {
    /// Records written.
    pub written: usize,
    /// Of which the clerk's overrides.
    pub overridden: usize,
    /// Workers whose grade stays as it is.
    pub unchanged: usize,
    /// The run that wrote them (撤销本次写入 undoes it); null when nothing was written.
    pub run_id: Option<i64>,
}

pub(super) fn fields(g: &GradeRecordInput, scheme_name: &str) -> Fields {
    vec![
        ("生效日期", Some(g.effective_date.clone())),
        ("岗位等级方案", Some(scheme_name.to_string())),
        ("岗位类别", Some(g.category.clone())),
        ("等级", Some(format!("{} 级", g.level))),
        ("原因", Some(g.reason.clone())),
        ("说明", g.note.clone()),
    ]
}

fn worker_name(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM workers WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新列表。"))
}

/// Writes one record with its bookkeeping, audited (the promotion run and manual entry).
#[allow(clippy::too_many_arguments)]
fn insert(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    worker_name: &str,
    scheme_id: i64,
    record: &GradeRecordInput,
    book: &Bookkeeping,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO grade_records (worker_id, effective_date, scheme_id, category, level, reason,
            note, credited_years, counted_through, excellent_streak, early_levels,
            certificate_levels, degree_years)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            worker_id,
            record.effective_date,
            scheme_id,
            record.category,
            record.level,
            record.reason,
            record.note,
            book.credited_years,
            book.counted_through,
            book.excellent_streak,
            book.early_levels,
            book.certificate_levels,
            book.degree_years
        ],
    )?;
    let id = tx.last_insert_rowid();
    let scheme_name: String = tx.query_row(
        "SELECT name FROM grade_schemes WHERE id = ?1",
        [scheme_id],
        |r| r.get(0),
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Grade,
            entity_id: Some(id),
            worker_id: Some(worker_id),
            action: Action::Create,
            summary: &format!(
                "{worker_name}：{} {} 级（{}）",
                record.category, record.level, record.reason
            ),
            changes: audit::diff(None, Some(&fields(record, &scheme_name))),
        },
    )?;
    Ok(id)
}

/// Adds a record by hand (a grade set outside the promotion run, or a correction). It is
/// checked against the scheme in effect on its date; the promotion run's bookkeeping carries
/// on from the record before it (or, for a first record, is worked out as for 定级).
pub fn add_grade_record(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &GradeRecordInput,
    today: NaiveDate,
) -> Result<GradeRecord> {
    let date = dates::required("effectiveDate", "生效日期", &input.effective_date)?;
    if date > today.checked_add_months(Months::new(12)).unwrap_or(today) {
        return Err(CoreError::validation(
            "effectiveDate",
            "生效日期不能晚于一年以后，请核对。",
        ));
    }
    let reason = input.reason.trim();
    if !GRADE_REASONS.contains(&reason) {
        return Err(CoreError::validation(
            "reason",
            format!("请选择调整原因（{}）。", GRADE_REASONS.join("、")),
        ));
    }
    let note = clean_optional(input.note.as_deref());
    if note.as_ref().is_some_and(|n| n.chars().count() > 500) {
        return Err(CoreError::validation("note", "说明不能超过 500 个字。"));
    }
    let name = worker_name(tx, worker_id)?;
    let scheme = scheme_in_effect(tx, date)?.ok_or_else(|| {
        CoreError::validation(
            "effectiveDate",
            format!(
                "{} 还没有生效的岗位等级方案，请先设定方案或改用更晚的生效日期。",
                dates::text(date)
            ),
        )
    })?;
    let category = input.category.trim();
    let Some((_, c)) = scheme.category(category) else {
        return Err(CoreError::validation(
            "category",
            format!(
                "方案“{}”中没有岗位类别“{category}”，请从列表中选择。",
                scheme.input.name
            ),
        ));
    };
    if !(c.min_level..=c.max_level).contains(&input.level) {
        return Err(CoreError::validation(
            "level",
            format!(
                "{category}的等级范围是 {}–{} 级，请核对。",
                c.min_level, c.max_level
            ),
        ));
    }
    let book = book_for_manual(tx, worker_id, date)?;
    let record = GradeRecordInput {
        effective_date: dates::text(date),
        category: category.into(),
        level: input.level,
        reason: reason.into(),
        note,
    };
    let id = insert(tx, channel, worker_id, &name, scheme.id, &record, &book)?;
    Ok(tx.query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)?)
}

/// Removes a record entered by mistake (audited).
pub fn delete_grade_record(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = tx
        .query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该岗位等级记录，请刷新后重试。"))?;
    let name = worker_name(tx, old.worker_id)?;
    tx.execute("DELETE FROM grade_records WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Grade,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &format!(
                "{name}：{} {} 级（误录删除）",
                old.input.category, old.input.level
            ),
            changes: audit::diff(Some(&fields(&old.input, &old.scheme_name)), None),
        },
    )
}

/// Confirms the run as of `as_of`: every changed line (and every override) becomes a grade
/// record dated `as_of`, all in one transaction and audited. Overrides replace the proposed
/// category and level of a worker and must say why.
pub fn apply(
    tx: &Transaction,
    channel: &Channel,
    as_of: NaiveDate,
    overrides: &[Override],
) -> Result<ApplySummary> {
    let scheme = scheme_in_effect(tx, as_of)?.ok_or_else(|| no_scheme(as_of))?;
    let proposals = propose(tx, as_of)?;
    let mut by_worker: HashMap<i64, &Override> = HashMap::new();
    for o in overrides {
        let Some(p) = proposals.iter().find(|p| p.worker_id == o.worker_id) else {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "编号为 {} 的人员不在本次晋级名单中，请刷新后重试。",
                    o.worker_id
                ),
            ));
        };
        let Some((_, c)) = scheme.category(o.category.trim()) else {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "{}：方案中没有岗位类别“{}”，请从列表中选择。",
                    p.name,
                    o.category.trim()
                ),
            ));
        };
        if !(c.min_level..=c.max_level).contains(&o.level) {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "{}：{}的等级范围是 {}–{} 级，请核对。",
                    p.name, c.name, c.min_level, c.max_level
                ),
            ));
        }
        if clean_optional(Some(&o.reason)).is_none() {
            return Err(CoreError::validation(
                "overrides",
                format!("{}：请填写调整理由。", p.name),
            ));
        }
        if by_worker.insert(o.worker_id, o).is_some() {
            return Err(CoreError::validation(
                "overrides",
                format!("{}：同一人只能调整一次，请去掉重复的一行。", p.name),
            ));
        }
    }
    let mut summary = ApplySummary {
        written: 0,
        overridden: 0,
        unchanged: 0,
        run_id: None,
    };
    let date_text = dates::text(as_of);
    let mut written = Vec::new();
    for p in &proposals {
        let (category, level, reason, note) = match by_worker.get(&p.worker_id) {
            Some(o) => (
                o.category.trim().to_string(),
                o.level,
                "手工调整".to_string(),
                format!(
                    "审核调整：{}（晋级建议为{} {} 级：{}）",
                    o.reason.trim(),
                    p.category,
                    p.level,
                    p.lines.join("；")
                ),
            ),
            None if p.changed => (
                p.category.clone(),
                p.level,
                p.reason.clone().unwrap_or_default(),
                p.lines.join("；"),
            ),
            None => {
                summary.unchanged += 1;
                continue;
            }
        };
        if p.current
            .as_ref()
            .is_some_and(|c| c.category == category && c.level == level)
        {
            summary.unchanged += 1;
            continue;
        }
        written.push(insert(
            tx,
            channel,
            p.worker_id,
            &p.name,
            scheme.id,
            &GradeRecordInput {
                effective_date: date_text.clone(),
                category,
                level,
                reason,
                note: Some(note),
            },
            &p.book,
        )?);
        summary.written += 1;
        if by_worker.contains_key(&p.worker_id) {
            summary.overridden += 1;
        }
    }
    if !written.is_empty() {
        summary.run_id = Some(super::runs::record(
            tx,
            &date_text,
            &written,
            summary.overridden,
        )?);
    }
    Ok(summary)
}
