//! The street's communities (社区) and their urban resident population.

use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CommunityInput {
    pub name: String,
    pub code: Option<String>,
    /// 城镇常住人口
    pub population: i64,
    /// 人口统计日期 (YYYY-MM-DD)
    pub population_date: Option<String>,
    /// 户数
    pub households: Option<i64>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Community {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub population: i64,
    pub population_date: Option<String>,
    pub households: Option<i64>,
    pub remarks: Option<String>,
    /// Everyone recorded under this community, whatever their status.
    pub worker_count: i64,
    /// Pinyin initials of the name ("gmsq" for 光明社区): drop-downs find it by "gm".
    pub initials: String,
}

const SELECT: &str =
    "SELECT c.id, c.name, c.code, c.population, c.population_date, c.households, c.remarks,
        (SELECT count(*) FROM workers w WHERE w.community_id = c.id)
    FROM communities c";

fn from_row(r: &Row) -> rusqlite::Result<Community> {
    Ok(Community {
        id: r.get(0)?,
        name: r.get(1)?,
        code: r.get(2)?,
        population: r.get(3)?,
        population_date: r.get(4)?,
        households: r.get(5)?,
        remarks: r.get(6)?,
        worker_count: r.get(7)?,
        initials: crate::workers::place_initials(&r.get::<_, String>(1)?),
    })
}

/// How communities are listed everywhere (the list, every drop-down, staffing): by 社区代码,
/// those with one first (all-digit codes as numbers: 2 before 10), then by the name's pinyin
/// (东风, 光明, 和平, 友谊 — not the code-point order 东, 光, 友, 和).
pub fn order_key(code: Option<&str>, name: &str) -> (bool, String, String, String) {
    let code = code.map(str::trim).filter(|c| !c.is_empty());
    let code_key = match code {
        Some(c) if c.chars().all(|d| d.is_ascii_digit()) => format!("{c:0>20}"),
        Some(c) => c.to_string(),
        None => String::new(),
    };
    (
        code.is_none(),
        code_key,
        crate::workers::pinyin_key(name),
        name.to_string(),
    )
}

/// Community ids in display order ([`order_key`]).
pub fn display_order(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id, code, name FROM communities")?;
    let mut rows: Vec<(i64, Option<String>, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by_cached_key(|(_, code, name)| order_key(code.as_deref(), name));
    Ok(rows.into_iter().map(|(id, _, _)| id).collect())
}

pub fn list(conn: &Connection) -> Result<Vec<Community>> {
    let mut stmt = conn.prepare(SELECT)?;
    let rows = stmt.query_map([], from_row)?;
    let mut list: Vec<Community> = rows.collect::<rusqlite::Result<_>>()?;
    list.sort_by_cached_key(|c| order_key(c.code.as_deref(), &c.name));
    Ok(list)
}

pub fn get(conn: &Connection, id: i64) -> Result<Community> {
    conn.query_row(&format!("{SELECT} WHERE c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该社区，可能已被删除，请刷新列表。"))
}

pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<Community>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE c.name = ?1"),
            [name.trim()],
            from_row,
        )
        .optional()?)
}

fn validate(input: &CommunityInput) -> Result<CommunityInput> {
    let name = clean_optional(Some(&input.name))
        .ok_or_else(|| CoreError::validation("name", "请填写社区名称。"))?;
    if name.chars().count() > 40 {
        return Err(CoreError::validation("name", "社区名称不能超过 40 个字。"));
    }
    if !(0..=1_000_000).contains(&input.population) {
        return Err(CoreError::validation(
            "population",
            "城镇常住人口应在 0 到 1,000,000 之间，请核对。",
        ));
    }
    if let Some(h) = input.households {
        if !(0..=1_000_000).contains(&h) {
            return Err(CoreError::validation(
                "households",
                "户数应在 0 到 1,000,000 之间，请核对。",
            ));
        }
    }
    let date = dates::optional(
        "populationDate",
        "人口统计日期",
        input.population_date.as_deref(),
    )?;
    Ok(CommunityInput {
        name,
        code: clean_optional(input.code.as_deref()),
        population: input.population,
        population_date: date.map(dates::text),
        households: input.households,
        remarks: clean_optional(input.remarks.as_deref()),
    })
}

fn fields(c: &CommunityInput) -> Fields {
    vec![
        ("社区名称", Some(c.name.clone())),
        ("社区代码", c.code.clone()),
        ("城镇常住人口", Some(c.population.to_string())),
        ("人口统计日期", c.population_date.clone()),
        ("户数", c.households.map(|h| h.to_string())),
        ("备注", c.remarks.clone()),
    ]
}

fn as_input(c: &Community) -> CommunityInput {
    CommunityInput {
        name: c.name.clone(),
        code: c.code.clone(),
        population: c.population,
        population_date: c.population_date.clone(),
        households: c.households,
        remarks: c.remarks.clone(),
    }
}

fn ensure_name_free(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    if let Some(existing) = find_by_name(conn, name)? {
        if Some(existing.id) != except {
            return Err(CoreError::conflict(
                Some("name"),
                format!("已有名为“{name}”的社区，请换一个名称或编辑已有的社区。"),
            ));
        }
    }
    Ok(())
}

pub fn create(tx: &Transaction, channel: &Channel, input: &CommunityInput) -> Result<Community> {
    let c = validate(input)?;
    ensure_name_free(tx, &c.name, None)?;
    tx.execute(
        "INSERT INTO communities (name, code, population, population_date, households, remarks)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            c.name,
            c.code,
            c.population,
            c.population_date,
            c.households,
            c.remarks
        ],
    )?;
    let id = tx.last_insert_rowid();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Community,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Create,
            summary: &c.name,
            changes: audit::diff(None, Some(&fields(&c))),
        },
    )?;
    get(tx, id)
}

pub fn update(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &CommunityInput,
) -> Result<Community> {
    let old = get(tx, id)?;
    let c = validate(input)?;
    ensure_name_free(tx, &c.name, Some(id))?;
    tx.execute(
        "UPDATE communities SET name = ?2, code = ?3, population = ?4, population_date = ?5,
                households = ?6, remarks = ?7 WHERE id = ?1",
        params![
            id,
            c.name,
            c.code,
            c.population,
            c.population_date,
            c.households,
            c.remarks
        ],
    )?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Community,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Update,
            summary: &c.name,
            changes: audit::diff(Some(&fields(&as_input(&old))), Some(&fields(&c))),
        },
    )?;
    get(tx, id)
}

/// Only a community entered by mistake, with nobody recorded in it, can be deleted.
pub fn delete(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get(tx, id)?;
    if old.worker_count > 0 {
        return Err(CoreError::conflict(
            None,
            format!(
                "“{}”下还登记着 {} 名人员，不能删除。请先把这些人员调整到其他社区。",
                old.name, old.worker_count
            ),
        ));
    }
    tx.execute("DELETE FROM communities WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Community,
            entity_id: Some(id),
            worker_id: None,
            action: Action::Delete,
            summary: &old.name,
            changes: audit::diff(Some(&fields(&as_input(&old))), None),
        },
    )?;
    Ok(())
}
