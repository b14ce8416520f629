//! 走访慰问: holiday visits to active workers, 两委兼职成员 and retired workers. One entry
//! creates a visit for each chosen recipient. Amounts arrive as yuan text (at most two
//! decimals) and are stored as INTEGER fen.

use super::{care_recipient, no_later_than_today, no_repeats, people, short_text, PersonRef};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::training::check_label;
use crate::vocab::{self, VisitForm, WorkerStatus};
use chrono::{Datelike, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most one person may receive in one visit: 100,000 元 (a typo guard, not a policy).
pub const MAX_FEN: i64 = 10_000_000;

/// "500", "500.5", "500.50" (元) to fen. Blank is None.
pub fn yuan_to_fen(field: &str, label: &str, input: Option<&str>) -> Result<Option<i64>> {
    let Some(text) = input.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let text = text.trim_end_matches('元').trim();
    if text.starts_with('-') {
        return Err(CoreError::validation(field, format!("{label}不能为负数。")));
    }
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(whole)
        || (!frac.is_empty() && !digits(frac))
        || (text.contains('.') && frac.is_empty())
    {
        return Err(CoreError::validation(
            field,
            format!("{label}“{text}”不是有效金额，请填写以元为单位的数字，例如 500 或 300.50。"),
        ));
    }
    if frac.len() > 2 {
        return Err(CoreError::validation(
            field,
            format!("{label}最多保留两位小数（到分）。"),
        ));
    }
    let too_big = || {
        CoreError::validation(
            field,
            format!("{label}不能超过 {} 元，请核对。", MAX_FEN / 100),
        )
    };
    if whole.len() > 9 {
        return Err(too_big());
    }
    let yuan: i64 = whole.parse().map_err(|_| too_big())?;
    let cents: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    let fen = yuan * 100 + cents;
    if fen > MAX_FEN {
        return Err(too_big());
    }
    Ok(Some(fen))
}

/// Fen to yuan text with two decimals ("500.00").
pub fn fen_to_yuan(fen: i64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitBatchInput {
    /// 春节 / 元宵节 / … / 其他
    pub festival: String,
    pub year: i32,
    pub visit_date: String,
    pub form: VisitForm,
    /// Per recipient, in yuan as text (at most two decimals); required for 慰问金.
    pub amount: Option<String>,
    pub visited_by: Option<String>,
    pub remarks: Option<String>,
    pub worker_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: i64,
    pub festival: String,
    pub year: i32,
    pub visit_date: String,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_name: String,
    pub form: VisitForm,
    /// Stored amount in fen.
    pub amount_fen: Option<i64>,
    /// The same in yuan with two decimals, for display.
    pub amount: Option<String>,
    pub visited_by: Option<String>,
    pub remarks: Option<String>,
}

const SELECT: &str = "SELECT v.id, v.festival, v.year, v.visit_date, v.worker_id, w.name, c.name,
    v.form, v.amount_fen, v.visited_by, v.remarks
    FROM holiday_visits v JOIN workers w ON w.id = v.worker_id
    JOIN communities c ON c.id = w.community_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Visit> {
    let fen: Option<i64> = r.get(8)?;
    Ok(Visit {
        id: r.get(0)?,
        festival: r.get(1)?,
        year: r.get(2)?,
        visit_date: r.get(3)?,
        worker_id: r.get(4)?,
        worker_name: r.get(5)?,
        community_name: r.get(6)?,
        form: r.get(7)?,
        amount_fen: fen,
        amount: fen.map(fen_to_yuan),
        visited_by: r.get(9)?,
        remarks: r.get(10)?,
    })
}

/// What [`update_visit`] may correct: the festival, year and person of a visit stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VisitInput {
    pub visit_date: String,
    pub form: VisitForm,
    /// In yuan as text (at most two decimals); required for 慰问金.
    pub amount: Option<String>,
    pub visited_by: Option<String>,
    pub remarks: Option<String>,
}

/// A visit's checked facts besides the festival, year and person.
struct Details {
    /// ISO date.
    date: String,
    form: VisitForm,
    amount: Option<i64>,
    visited_by: Option<String>,
    remarks: Option<String>,
}

/// Checks the facts of a visit in `year`; returns its date and the cleaned facts.
fn check_details(year: i32, input: &VisitInput, today: NaiveDate) -> Result<(NaiveDate, Details)> {
    let form = input.form;
    let date = dates::required("visitDate", "走访日期", &input.visit_date)?;
    no_later_than_today("visitDate", "走访日期", date, today)?;
    // 春节 visits of a year often happen in the December before it.
    if date.year() != year && date.year() != year - 1 {
        return Err(CoreError::validation(
            "visitDate",
            format!(
                "走访日期 {} 与年度 {year} 不符，请核对年度或日期。",
                dates::text(date)
            ),
        ));
    }
    let amount = yuan_to_fen("amount", "慰问金额", input.amount.as_deref())?;
    if form == VisitForm::Cash && amount.unwrap_or(0) == 0 {
        return Err(CoreError::validation(
            "amount",
            "慰问形式为“慰问金”时，请填写每人的慰问金额（元）。",
        ));
    }
    Ok((
        date,
        Details {
            date: dates::text(date),
            form,
            amount,
            visited_by: short_text("visitedBy", "走访人", input.visited_by.as_deref(), 50)?,
            remarks: short_text("remarks", "备注", input.remarks.as_deref(), 200)?,
        },
    ))
}

fn fields(name: &str, festival: &str, year: i32, d: &Details) -> Fields {
    vec![
        ("慰问对象", Some(name.to_string())),
        ("节日", Some(festival.to_string())),
        ("年度", Some(year.to_string())),
        ("走访日期", Some(d.date.clone())),
        ("慰问形式", Some(d.form.to_string())),
        ("慰问金额（元）", d.amount.map(fen_to_yuan)),
        ("走访人", d.visited_by.clone()),
        ("备注", d.remarks.clone()),
    ]
}

/// A conflict when the person already has a visit in this form for the festival of the year
/// (other than the visit `except`).
fn not_yet_visited(
    conn: &Connection,
    name: &str,
    festival: &str,
    year: i32,
    worker_id: i64,
    form: VisitForm,
    except: Option<i64>,
) -> Result<()> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM holiday_visits
           WHERE festival = ?1 AND year = ?2 AND worker_id = ?3 AND form = ?4
             AND (?5 IS NULL OR id <> ?5))",
        params![festival, year, worker_id, form, except],
        |r| r.get(0),
    )?;
    if exists {
        return Err(CoreError::conflict(
            Some("workerIds"),
            format!("{name}已登记过 {year} 年{festival}的{form}，请勿重复登记。"),
        ));
    }
    Ok(())
}

fn get(conn: &Connection, id: i64) -> Result<Visit> {
    conn.query_row(&format!("{SELECT} WHERE v.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到这条走访慰问记录，可能已被删除，请刷新列表。"))
}

/// Creates one visit per recipient. Every recipient is checked first (in post or retired on
/// the date, not already visited in this form for this festival); one bad line rejects all.
pub fn create_visits(
    tx: &Transaction,
    channel: &Channel,
    input: &VisitBatchInput,
    today: NaiveDate,
) -> Result<Vec<Visit>> {
    let festival = check_label("festival", "节日", &input.festival, vocab::FESTIVALS)?;
    if !(2000..=2100).contains(&input.year) {
        return Err(CoreError::validation(
            "year",
            "年度须在 2000 至 2100 之间。",
        ));
    }
    let (date, details) = check_details(
        input.year,
        &VisitInput {
            visit_date: input.visit_date.clone(),
            form: input.form,
            amount: input.amount.clone(),
            visited_by: input.visited_by.clone(),
            remarks: input.remarks.clone(),
        },
        today,
    )?;
    if input.worker_ids.is_empty() {
        return Err(CoreError::validation(
            "workerIds",
            "请至少选择一名慰问对象。",
        ));
    }
    no_repeats(tx, "workerIds", &input.worker_ids)?;
    let mut names = Vec::with_capacity(input.worker_ids.len());
    for id in &input.worker_ids {
        let name = care_recipient(tx, "workerIds", *id, date, "慰问对象")?;
        not_yet_visited(tx, &name, &festival, input.year, *id, details.form, None)?;
        names.push(name);
    }
    let d = &details;
    let mut ids = Vec::with_capacity(names.len());
    for (worker_id, name) in input.worker_ids.iter().zip(&names) {
        tx.execute(
            "INSERT INTO holiday_visits (festival, year, visit_date, worker_id, form, amount_fen,
                visited_by, remarks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                festival,
                input.year,
                d.date,
                worker_id,
                d.form,
                d.amount,
                d.visited_by,
                d.remarks
            ],
        )?;
        let id = tx.last_insert_rowid();
        audit::write(
            tx,
            channel,
            audit::Record {
                entity: Entity::Visit,
                entity_id: Some(id),
                worker_id: Some(*worker_id),
                action: Action::Create,
                summary: &format!("{name} {}年{festival}{}", input.year, d.form),
                changes: audit::diff(None, Some(&fields(name, &festival, input.year, d))),
            },
        )?;
        ids.push(id);
    }
    let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
    let mut stmt = tx.prepare(&format!(
        "{SELECT} WHERE v.id IN (SELECT value FROM json_each(?1)) ORDER BY v.id"
    ))?;
    let rows = stmt.query_map([json], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Corrects one visit's date, form, amount, visitor or remarks; the festival, year and
/// person stay. The same rules as [`create_visits`] apply.
pub fn update_visit(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &VisitInput,
    today: NaiveDate,
) -> Result<Visit> {
    let old = get(tx, id)?;
    let (date, new) = check_details(old.year, input, today)?;
    if new.date != old.visit_date {
        care_recipient(tx, "visitDate", old.worker_id, date, "慰问对象")?;
    }
    not_yet_visited(
        tx,
        &old.worker_name,
        &old.festival,
        old.year,
        old.worker_id,
        new.form,
        Some(id),
    )
    .map_err(|e| match e {
        CoreError::Conflict { message, .. } => CoreError::conflict(Some("form"), message),
        other => other,
    })?;
    tx.execute(
        "UPDATE holiday_visits SET visit_date = ?2, form = ?3, amount_fen = ?4, visited_by = ?5,
            remarks = ?6 WHERE id = ?1",
        params![
            id,
            new.date,
            new.form,
            new.amount,
            new.visited_by,
            new.remarks
        ],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Visit,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Update,
            summary: &format!(
                "{} {}年{}{}",
                old.worker_name, old.year, old.festival, new.form
            ),
            changes: audit::diff(
                Some(&visit_fields(&old)),
                Some(&fields(&old.worker_name, &old.festival, old.year, &new)),
            ),
        },
    )?;
    get(tx, id)
}

fn visit_fields(v: &Visit) -> Fields {
    let d = Details {
        date: v.visit_date.clone(),
        form: v.form,
        amount: v.amount_fen,
        visited_by: v.visited_by.clone(),
        remarks: v.remarks.clone(),
    };
    fields(&v.worker_name, &v.festival, v.year, &d)
}

/// Deletes a mistaken visit (audited).
pub fn delete_visit(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get(tx, id)?;
    tx.execute("DELETE FROM holiday_visits WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Visit,
            entity_id: Some(id),
            worker_id: Some(old.worker_id),
            action: Action::Delete,
            summary: &format!(
                "{} {}年{}{}",
                old.worker_name, old.year, old.festival, old.form
            ),
            changes: audit::diff(Some(&visit_fields(&old)), None),
        },
    )?;
    Ok(())
}

/// A year's visits, optionally of one festival (or one person), newest first.
pub fn list_visits(
    conn: &Connection,
    year: Option<i32>,
    festival: Option<&str>,
    worker_id: Option<i64>,
) -> Result<Vec<Visit>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR v.year = ?1) AND (?2 IS NULL OR v.festival = ?2)
           AND (?3 IS NULL OR v.worker_id = ?3)
         ORDER BY v.visit_date DESC, c.name, w.name_initials, v.id"
    ))?;
    let rows = stmt.query_map(params![year, festival, worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Recipients (in post on `as_of`, any category, and retired workers) with no visit of any
/// form for the festival of the year.
pub fn not_visited(
    conn: &Connection,
    festival: &str,
    year: i32,
    as_of: NaiveDate,
) -> Result<Vec<PersonRef>> {
    let festival = check_label("festival", "节日", festival, vocab::FESTIVALS)?;
    // The values are checked labels and a number, so they can stand in the SQL text.
    let extra = format!(
        "AND NOT EXISTS (SELECT 1 FROM holiday_visits v WHERE v.worker_id = w.id
            AND v.festival = '{festival}' AND v.year = {year})"
    );
    people(conn, as_of, &WorkerStatus::CARE, false, &extra)
}
