//! Grade records (岗位等级记录): dated, each with its category, level, reason (定级, 年限晋升,
//! 职业水平提升, 学历提升, 岗位晋升, 考核调整, 手工调整) and note. The grade on a date is the
//! latest record in effect on it; nothing else stores a worker's grade. Records keep the
//! scheme and category name they were made under.

use super::proposal::{self, Bookkeeping};
use super::{scheme_in_effect, GRADE_REASONS};
use crate::audit::{self, Action, Entity, Fields, Source};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use chrono::{Months, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRecordInput {
    pub effective_date: String,
    pub category: String,
    pub level: i64,
    pub reason: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeRecord {
    pub id: i64,
    pub worker_id: i64,
    pub scheme_id: i64,
    pub scheme_name: String,
    #[serde(flatten)]
    pub input: GradeRecordInput,
}

const SELECT: &str = "SELECT g.id, g.worker_id, g.scheme_id, s.name, g.effective_date, g.category,
    g.level, g.reason, g.note FROM grade_records g JOIN grade_schemes s ON s.id = g.scheme_id";

fn from_row(r: &Row) -> rusqlite::Result<GradeRecord> {
    Ok(GradeRecord {
        id: r.get(0)?,
        worker_id: r.get(1)?,
        scheme_id: r.get(2)?,
        scheme_name: r.get(3)?,
        input: GradeRecordInput {
            effective_date: r.get(4)?,
            category: r.get(5)?,
            level: r.get(6)?,
            reason: r.get(7)?,
            note: r.get(8)?,
        },
    })
}

/// A worker's grade records, newest first.
pub fn grade_history(conn: &Connection, worker_id: i64) -> Result<Vec<GradeRecord>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE g.worker_id = ?1 ORDER BY g.effective_date DESC, g.id DESC"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The grade in effect on `as_of`: the latest record dated on or before it.
pub fn current_grade(
    conn: &Connection,
    worker_id: i64,
    as_of: NaiveDate,
) -> Result<Option<GradeRecord>> {
    Ok(conn
        .query_row(
            &format!(
                "{SELECT} WHERE g.worker_id = ?1 AND g.effective_date <= ?2
                 ORDER BY g.effective_date DESC, g.id DESC LIMIT 1"
            ),
            params![worker_id, dates::text(as_of)],
            from_row,
        )
        .optional()?)
}

fn fields(g: &GradeRecordInput, scheme_name: &str) -> Fields {
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
pub(crate) fn insert(
    tx: &Transaction,
    source: &Source,
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
        source,
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
    source: &Source,
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
    let book = proposal::book_for_manual(tx, worker_id, date)?;
    let record = GradeRecordInput {
        effective_date: dates::text(date),
        category: category.into(),
        level: input.level,
        reason: reason.into(),
        note,
    };
    let id = insert(tx, source, worker_id, &name, scheme.id, &record, &book)?;
    Ok(tx.query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)?)
}

/// Removes a record entered by mistake (audited).
pub fn delete_grade_record(tx: &Transaction, source: &Source, id: i64) -> Result<()> {
    let old = tx
        .query_row(&format!("{SELECT} WHERE g.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该岗位等级记录，请刷新后重试。"))?;
    let name = worker_name(tx, old.worker_id)?;
    tx.execute("DELETE FROM grade_records WHERE id = ?1", [id])?;
    audit::write(
        tx,
        source,
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
