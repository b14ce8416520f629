//! Grade schemes as data (第4条: set by the province or city): post categories (岗位类别),
//! each with a level range, highest post first, and the mapping from 职务 to category.
//! Versioned by effective date: the scheme in effect on a date is the latest non-template
//! scheme that has started. Two templates ship with the ledger (三岗十八级 and a four-post
//! variant); a clerk copies one, adjusts it to the local document and gives it a date.

use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::{dates, vocab};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GradeCategory {
    pub name: String,
    pub min_level: i64,
    pub max_level: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PositionMapping {
    /// A 职务 of the ledger.
    pub position: String,
    /// The name of one of the scheme's categories.
    pub category: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SchemeInput {
    pub name: String,
    /// 生效日期 (YYYY-MM-DD); required except on a template.
    pub effective_from: Option<String>,
    pub remarks: Option<String>,
    /// Highest post first.
    pub categories: Vec<GradeCategory>,
    /// One row per 职务.
    pub mapping: Vec<PositionMapping>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scheme {
    pub id: i64,
    /// A shipped template: never in effect, copy it to use it.
    pub is_template: bool,
    #[serde(flatten)]
    pub input: SchemeInput,
}

impl Scheme {
    pub(crate) fn category(&self, name: &str) -> Option<(usize, &GradeCategory)> {
        self.input
            .categories
            .iter()
            .enumerate()
            .find(|(_, c)| c.name == name)
    }

    /// The category a 职务 maps to.
    pub fn category_of(&self, position: &str) -> Option<&str> {
        self.input
            .mapping
            .iter()
            .find(|m| m.position == position)
            .map(|m| m.category.as_str())
    }
}

fn load(conn: &Connection, id: i64) -> Result<Option<Scheme>> {
    let head: Option<(bool, String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT is_template, name, effective_from, remarks FROM grade_schemes WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((is_template, name, effective_from, remarks)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT name, min_level, max_level FROM grade_categories WHERE scheme_id = ?1 ORDER BY ordinal",
    )?;
    let categories = stmt
        .query_map([id], |r| {
            Ok(GradeCategory {
                name: r.get(0)?,
                min_level: r.get(1)?,
                max_level: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = conn
        .prepare_cached("SELECT position, category FROM grade_position_map WHERE scheme_id = ?1")?;
    let mut mapping = stmt
        .query_map([id], |r| {
            Ok(PositionMapping {
                position: r.get(0)?,
                category: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let order = |p: &str| vocab::POSITIONS.iter().position(|q| *q == p);
    mapping.sort_by_key(|m| order(&m.position));
    Ok(Some(Scheme {
        id,
        is_template,
        input: SchemeInput {
            name,
            effective_from,
            remarks,
            categories,
            mapping,
        },
    }))
}

pub fn get_scheme(conn: &Connection, id: i64) -> Result<Scheme> {
    load(conn, id)?.ok_or_else(|| CoreError::not_found("找不到该岗位等级方案，请刷新后重试。"))
}

/// Templates first, then the schemes in use by effective date.
pub fn list_schemes(conn: &Connection) -> Result<Vec<Scheme>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM grade_schemes ORDER BY is_template DESC, effective_from, id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get_scheme(conn, id)).collect()
}

/// The scheme in effect on `date`, if any has started.
pub fn scheme_in_effect(conn: &Connection, date: NaiveDate) -> Result<Option<Scheme>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM grade_schemes WHERE is_template = 0 AND effective_from <= ?1
             ORDER BY effective_from DESC LIMIT 1",
            [dates::text(date)],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get_scheme(conn, id)).transpose()
}

fn validate(input: &SchemeInput, is_template: bool) -> Result<SchemeInput> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(CoreError::validation(
            "name",
            "请填写方案名称（不超过 40 个字），例如“西湖区社区工作者岗位等级（2025 版）”。",
        ));
    }
    let effective_from = if is_template {
        None
    } else {
        Some(dates::text(dates::required(
            "effectiveFrom",
            "生效日期",
            input.effective_from.as_deref().unwrap_or(""),
        )?))
    };
    if input.categories.is_empty() {
        return Err(CoreError::validation(
            "categories",
            "请至少设置一个岗位类别。",
        ));
    }
    let mut categories: Vec<GradeCategory> = Vec::new();
    for (i, c) in input.categories.iter().enumerate() {
        let cname = c.name.trim();
        let row = i + 1;
        if cname.is_empty() || cname.chars().count() > 20 {
            return Err(CoreError::validation(
                "categories",
                format!("第 {row} 个岗位类别：请填写类别名称（不超过 20 个字）。"),
            ));
        }
        if categories.iter().any(|k| k.name == cname) {
            return Err(CoreError::validation(
                "categories",
                format!("岗位类别“{cname}”重复，请改名或删去一个。"),
            ));
        }
        if !(1..=99).contains(&c.min_level)
            || !(1..=99).contains(&c.max_level)
            || c.min_level > c.max_level
        {
            return Err(CoreError::validation(
                "categories",
                format!("岗位类别“{cname}”的等级范围须在 1 至 99 级之间，且最低级不大于最高级。"),
            ));
        }
        categories.push(GradeCategory {
            name: cname.into(),
            min_level: c.min_level,
            max_level: c.max_level,
        });
    }
    let mut mapping = Vec::new();
    for position in vocab::POSITIONS {
        let rows: Vec<&PositionMapping> = input
            .mapping
            .iter()
            .filter(|m| m.position.trim() == *position)
            .collect();
        let [one] = rows.as_slice() else {
            return Err(CoreError::validation(
                "mapping",
                format!("请为职务“{position}”选择一个岗位类别。"),
            ));
        };
        let category = one.category.trim();
        if !categories.iter().any(|c| c.name == category) {
            return Err(CoreError::validation(
                "mapping",
                format!("职务“{position}”对应的岗位类别“{category}”不在本方案中，请重新选择。"),
            ));
        }
        mapping.push(PositionMapping {
            position: (*position).into(),
            category: category.into(),
        });
    }
    if let Some(m) = input
        .mapping
        .iter()
        .find(|m| !vocab::POSITIONS.contains(&m.position.trim()))
    {
        return Err(CoreError::validation(
            "mapping",
            format!("“{}”不是职务列表中的值。", m.position.trim()),
        ));
    }
    Ok(SchemeInput {
        name: name.into(),
        effective_from,
        remarks: clean_optional(input.remarks.as_deref()),
        categories,
        mapping,
    })
}

fn fields(s: &SchemeInput) -> Fields {
    vec![
        ("方案名称", Some(s.name.clone())),
        ("生效日期", s.effective_from.clone()),
        (
            "岗位类别",
            Some(
                s.categories
                    .iter()
                    .map(|c| format!("{} {}–{} 级", c.name, c.min_level, c.max_level))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        ),
        (
            "职务对应",
            Some(
                s.mapping
                    .iter()
                    .map(|m| format!("{}→{}", m.position, m.category))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        ),
        ("备注", s.remarks.clone()),
    ]
}

fn conflict_checks(conn: &Connection, s: &SchemeInput, except: Option<i64>) -> Result<()> {
    let clash = |sql: &str, value: &str| -> Result<bool> {
        Ok(conn
            .query_row(sql, params![value, except.unwrap_or(0)], |r| {
                r.get::<_, i64>(0)
            })
            .optional()?
            .is_some())
    };
    if clash(
        "SELECT id FROM grade_schemes WHERE name = ?1 AND id <> ?2",
        &s.name,
    )? {
        return Err(CoreError::conflict(
            Some("name"),
            format!("已有名为“{}”的方案，请换一个名称。", s.name),
        ));
    }
    if let Some(from) = &s.effective_from {
        if clash(
            "SELECT id FROM grade_schemes WHERE effective_from = ?1 AND id <> ?2",
            from,
        )? {
            return Err(CoreError::conflict(
                Some("effectiveFrom"),
                format!("已有从 {from} 起生效的方案，同一天只能有一个方案生效，请换一个日期。"),
            ));
        }
    }
    Ok(())
}

fn write_parts(tx: &Transaction, id: i64, s: &SchemeInput) -> Result<()> {
    tx.execute("DELETE FROM grade_position_map WHERE scheme_id = ?1", [id])?;
    tx.execute("DELETE FROM grade_categories WHERE scheme_id = ?1", [id])?;
    for (i, c) in s.categories.iter().enumerate() {
        tx.execute(
            "INSERT INTO grade_categories (scheme_id, ordinal, name, min_level, max_level)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, i as i64, c.name, c.min_level, c.max_level],
        )?;
    }
    for m in &s.mapping {
        tx.execute(
            "INSERT INTO grade_position_map (scheme_id, position, category) VALUES (?1, ?2, ?3)",
            params![id, m.position, m.category],
        )?;
    }
    Ok(())
}

fn audit_change(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    action: Action,
    old: Option<&SchemeInput>,
    new: Option<&SchemeInput>,
) -> Result<()> {
    let name = new.or(old).map(|s| s.name.as_str()).unwrap_or_default();
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::GradeScheme,
            entity_id: Some(id),
            worker_id: None,
            action,
            summary: name,
            changes: audit::diff(old.map(fields).as_ref(), new.map(fields).as_ref()),
        },
    )
}

/// Adds a scheme in use (usually a template's copy, adjusted) with its effective date.
pub fn create_scheme(tx: &Transaction, channel: &Channel, input: &SchemeInput) -> Result<Scheme> {
    let s = validate(input, false)?;
    conflict_checks(tx, &s, None)?;
    tx.execute(
        "INSERT INTO grade_schemes (name, is_template, effective_from, remarks) VALUES (?1, 0, ?2, ?3)",
        params![s.name, s.effective_from, s.remarks],
    )?;
    let id = tx.last_insert_rowid();
    write_parts(tx, id, &s)?;
    audit_change(tx, channel, id, Action::Create, None, Some(&s))?;
    get_scheme(tx, id)
}

/// Changes a scheme (names, ranges, mapping, date). Grade records made under it keep the
/// category names they were written with.
pub fn update_scheme(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &SchemeInput,
) -> Result<Scheme> {
    let old = get_scheme(tx, id)?;
    let s = validate(input, old.is_template)?;
    conflict_checks(tx, &s, Some(id))?;
    tx.execute(
        "UPDATE grade_schemes SET name = ?1, effective_from = ?2, remarks = ?3 WHERE id = ?4",
        params![s.name, s.effective_from, s.remarks, id],
    )?;
    write_parts(tx, id, &s)?;
    audit_change(tx, channel, id, Action::Update, Some(&old.input), Some(&s))?;
    get_scheme(tx, id)
}

/// Deletes a scheme entered by mistake. A template stays (it is what new schemes start
/// from), and a scheme that grade records were written under stays: those records name it.
pub fn delete_scheme(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = get_scheme(tx, id)?;
    if old.is_template {
        return Err(CoreError::conflict(
            None,
            format!(
                "“{}”是随程序提供的模板，不能删除；不需要时不用它即可。",
                old.input.name
            ),
        ));
    }
    let records: i64 = tx.query_row(
        "SELECT count(*) FROM grade_records WHERE scheme_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if records > 0 {
        return Err(CoreError::conflict(
            None,
            format!(
                "已有 {records} 条岗位等级记录按“{}”写入，不能删除。要改用新标准，请新建一个方案并设定新的生效日期。",
                old.input.name
            ),
        ));
    }
    tx.execute("DELETE FROM grade_position_map WHERE scheme_id = ?1", [id])?;
    tx.execute("DELETE FROM grade_categories WHERE scheme_id = ?1", [id])?;
    tx.execute("DELETE FROM grade_schemes WHERE id = ?1", [id])?;
    audit_change(tx, channel, id, Action::Delete, Some(&old.input), None)
}
