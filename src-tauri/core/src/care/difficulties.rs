//! 困难诉求: a difficulty a worker reports, its handling and resolution. Open items older
//! than [`OPEN_DAYS_FLAGGED`] days are flagged.

use super::{care_recipient, no_later_than_today, short_text};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::training::check_label;
use crate::vocab::{self, DifficultyStatus};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An open difficulty older than this many days is flagged.
pub const OPEN_DAYS_FLAGGED: i64 = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DifficultyInput {
    pub worker_id: i64,
    pub reported_on: String,
    /// 生活 / 工作 / 健康 / 家庭 / 其他
    pub category: String,
    pub description: String,
    pub status: DifficultyStatus,
    pub resolution: Option<String>,
    /// Required with 已解决, empty otherwise.
    pub resolved_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Difficulty {
    pub id: i64,
    #[serde(flatten)]
    pub input: DifficultyInput,
    pub worker_name: String,
    pub community_name: String,
    /// Days from 反映日期 to the as-of date (or to 解决日期 once solved).
    pub days_open: i64,
    /// Still open after more than 30 days.
    pub flagged: bool,
}

fn validate(
    conn: &Connection,
    input: &DifficultyInput,
    today: NaiveDate,
) -> Result<(DifficultyInput, String)> {
    let reported = dates::required("reportedOn", "反映日期", &input.reported_on)?;
    no_later_than_today("reportedOn", "反映日期", reported, today)?;
    let name = care_recipient(
        conn,
        "workerId",
        input.worker_id,
        reported,
        "困难诉求的反映人",
    )?;
    let category = check_label(
        "category",
        "诉求类别",
        &input.category,
        vocab::DIFFICULTY_CATEGORIES,
    )?;
    let status = input.status;
    let description = short_text("description", "诉求内容", Some(&input.description), 500)?
        .ok_or_else(|| CoreError::validation("description", "请填写诉求内容。"))?;
    let resolution = short_text("resolution", "办理结果", input.resolution.as_deref(), 500)?;
    let resolved = dates::optional("resolvedOn", "解决日期", input.resolved_on.as_deref())?;
    match (status, resolved) {
        (DifficultyStatus::Solved, None) => {
            return Err(CoreError::validation(
                "resolvedOn",
                "状态为“已解决”时，请填写解决日期。",
            ))
        }
        (DifficultyStatus::Solved, Some(d)) => {
            if d < reported {
                return Err(CoreError::validation(
                    "resolvedOn",
                    "解决日期不能早于反映日期。",
                ));
            }
            no_later_than_today("resolvedOn", "解决日期", d, today)?;
            if resolution.is_none() {
                return Err(CoreError::validation(
                    "resolution",
                    "状态为“已解决”时，请填写办理结果（怎样解决的）。",
                ));
            }
        }
        (_, Some(_)) => {
            return Err(CoreError::validation(
                "resolvedOn",
                "尚未解决的诉求不填解决日期；已经解决请把状态改为“已解决”。",
            ))
        }
        _ => {}
    }
    Ok((
        DifficultyInput {
            worker_id: input.worker_id,
            reported_on: dates::text(reported),
            category,
            description,
            status,
            resolution,
            resolved_on: resolved.map(dates::text),
        },
        name,
    ))
}

fn fields(d: &DifficultyInput) -> Fields {
    vec![
        ("反映日期", Some(d.reported_on.clone())),
        ("诉求类别", Some(d.category.clone())),
        ("诉求内容", Some(d.description.clone())),
        ("办理状态", Some(d.status.to_string())),
        ("办理结果", d.resolution.clone()),
        ("解决日期", d.resolved_on.clone()),
    ]
}

const SELECT: &str = "SELECT d.id, d.worker_id, d.reported_on, d.category, d.description,
    d.status, d.resolution, d.resolved_on, w.name, c.name
    FROM difficulties d JOIN workers w ON w.id = d.worker_id
    JOIN communities c ON c.id = w.community_id";

fn from_row(r: &rusqlite::Row, as_of: NaiveDate) -> rusqlite::Result<Difficulty> {
    let input = DifficultyInput {
        worker_id: r.get(1)?,
        reported_on: r.get(2)?,
        category: r.get(3)?,
        description: r.get(4)?,
        status: r.get(5)?,
        resolution: r.get(6)?,
        resolved_on: r.get(7)?,
    };
    let parse = |s: &str| NaiveDate::parse_from_str(s, dates::ISO).ok();
    let end = input
        .resolved_on
        .as_deref()
        .and_then(parse)
        .unwrap_or(as_of);
    let days_open = parse(&input.reported_on).map_or(0, |d| (end - d).num_days().max(0));
    Ok(Difficulty {
        id: r.get(0)?,
        flagged: input.status != DifficultyStatus::Solved && days_open > OPEN_DAYS_FLAGGED,
        input,
        worker_name: r.get(8)?,
        community_name: r.get(9)?,
        days_open,
    })
}

fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Difficulty> {
    conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], |r| {
        from_row(r, as_of)
    })
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到这条困难诉求，可能已被删除，请刷新列表。"))
}

pub fn create_difficulty(
    tx: &Transaction,
    channel: &Channel,
    input: &DifficultyInput,
    today: NaiveDate,
) -> Result<Difficulty> {
    let (d, name) = validate(tx, input, today)?;
    tx.execute(
        "INSERT INTO difficulties (worker_id, reported_on, category, description, status,
            resolution, resolved_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.worker_id,
            d.reported_on,
            d.category,
            d.description,
            d.status,
            d.resolution,
            d.resolved_on
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Difficulty,
            entity_id: Some(id),
            worker_id: Some(d.worker_id),
            action: Action::Create,
            summary: &format!("{name} {}诉求", d.category),
            changes: audit::diff(None, Some(&fields(&d))),
        },
    )?;
    get(tx, id, today)
}

/// Updates the handling (status, resolution) or corrects the record; the person stays.
pub fn update_difficulty(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &DifficultyInput,
    today: NaiveDate,
) -> Result<Difficulty> {
    let old = get(tx, id, today)?;
    let fixed = DifficultyInput {
        worker_id: old.input.worker_id,
        ..input.clone()
    };
    let (d, name) = validate(tx, &fixed, today)?;
    tx.execute(
        "UPDATE difficulties SET reported_on = ?2, category = ?3, description = ?4, status = ?5,
            resolution = ?6, resolved_on = ?7 WHERE id = ?1",
        params![
            id,
            d.reported_on,
            d.category,
            d.description,
            d.status,
            d.resolution,
            d.resolved_on
        ],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Difficulty,
            entity_id: Some(id),
            worker_id: Some(d.worker_id),
            action: Action::Update,
            summary: &format!("{name} {}诉求", d.category),
            changes: audit::diff(Some(&fields(&old.input)), Some(&fields(&d))),
        },
    )?;
    get(tx, id, today)
}

/// Deletes a mistaken entry (audited). A difficulty that was handled is better closed with
/// [`update_difficulty`], which keeps its history.
pub fn delete_difficulty(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    today: NaiveDate,
) -> Result<()> {
    let old = get(tx, id, today)?;
    tx.execute("DELETE FROM difficulties WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Difficulty,
            entity_id: Some(id),
            worker_id: Some(old.input.worker_id),
            action: Action::Delete,
            summary: &format!("{} {}诉求", old.worker_name, old.input.category),
            changes: audit::diff(Some(&fields(&old.input)), None),
        },
    )?;
    Ok(())
}

/// Difficulties (only open ones when `open_only`; of one person when `worker_id`), flagged
/// ones first, then oldest first.
pub fn list_difficulties(
    conn: &Connection,
    open_only: bool,
    worker_id: Option<i64>,
    as_of: NaiveDate,
) -> Result<Vec<Difficulty>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 = 0 OR d.status <> ?3) AND (?2 IS NULL OR d.worker_id = ?2)
         ORDER BY d.status = ?3, d.reported_on, d.id"
    ))?;
    let solved = DifficultyStatus::Solved;
    let rows = stmt.query_map(params![open_only, worker_id, solved], |r| {
        from_row(r, as_of)
    })?;
    let mut out: Vec<Difficulty> = rows.collect::<rusqlite::Result<_>>()?;
    out.sort_by_key(|d| !d.flagged);
    Ok(out)
}
