//! Salary standards (岗位等级薪酬标准, 第12条): versions by effective date, each with a
//! monthly amount per category and level (in fen), entered directly or generated from a base
//! amount and the coefficient rule 1.00 + step × (level − 1) (default step 0.04) and edited
//! afterwards; and a performance share (绩效部分, default 20%). A worker's standard on a date
//! is the amount of the version in effect for the grade in effect, plus, where certificates
//! give an allowance instead of levels, the certificate allowance. Totals per community and
//! for the street (人员经费): the month of the date, and the year of the date month by month
//! (each month as of its first day). A new version never changes an earlier month.

use super::{get_rules, GradeRules, Scheme};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::care::{fen_to_yuan, yuan_to_fen};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::workers::status::{IN_POST, STATUS_SQL};
use crate::{dates, vocab};
use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One cell of a standard: a monthly amount in yuan ("3200.00").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalaryCell {
    pub category: String,
    pub level: i64,
    pub amount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalaryVersionInput {
    pub name: String,
    pub effective_from: String,
    /// 绩效部分 as a percentage of the monthly standard (default 20).
    pub performance_percent: i64,
    pub remarks: Option<String>,
    pub cells: Vec<SalaryCell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalaryVersion {
    pub id: i64,
    #[serde(flatten)]
    pub input: SalaryVersionInput,
}

/// A worker's monthly standard on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerSalary {
    pub worker_id: i64,
    pub as_of: String,
    pub category: Option<String>,
    pub level: Option<i64>,
    pub version_name: Option<String>,
    /// 岗位等级薪酬 per month, in fen, and split into its fixed and performance parts.
    pub standard_fen: i64,
    pub performance_fen: i64,
    pub fixed_fen: i64,
    /// 证书津贴 per month (allowance mode only).
    pub allowance_fen: i64,
    /// standard + allowance, in yuan.
    pub monthly: String,
    /// Why there is no standard (no grade, no version, no amount for the grade).
    pub missing: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnitTotal {
    pub community_id: Option<i64>,
    pub name: String,
    /// People in post on the date.
    pub people: i64,
    /// People in post on the date without a standard (no grade or no amount).
    pub without_standard: i64,
    pub monthly_fen: i64,
    pub monthly: String,
    /// The calendar year of the date, month by month.
    pub annual_fen: i64,
    pub annual: String,
}

impl UnitTotal {
    fn empty(community_id: Option<i64>, name: String) -> Self {
        UnitTotal {
            community_id,
            name,
            people: 0,
            without_standard: 0,
            monthly_fen: 0,
            monthly: String::new(),
            annual_fen: 0,
            annual: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SalaryTotals {
    pub as_of: String,
    pub year: i32,
    pub communities: Vec<UnitTotal>,
    pub street: UnitTotal,
}

/// The amounts of a scheme's categories and levels from a base amount (yuan) and the step of
/// the coefficient (0.04 for 1.00 + 0.04 × (level − 1)).
pub fn generate_amounts(scheme: &Scheme, base: &str, step: f64) -> Result<Vec<SalaryCell>> {
    let base_fen = yuan_to_fen("base", "基数", Some(base))?
        .ok_or_else(|| CoreError::validation("base", "请填写基数（元/月），例如 3000。"))?;
    let bp = (step * 10_000.0).round();
    if !step.is_finite() || !(0.0..=5_000.0).contains(&bp) || (step * 10_000.0 - bp).abs() > 1e-6 {
        return Err(CoreError::validation(
            "step",
            "每级系数增量须在 0 至 0.5 之间，最多四位小数，例如 0.04。",
        ));
    }
    let bp = bp as i64;
    let mut cells = Vec::new();
    for c in &scheme.input.categories {
        for level in c.min_level..=c.max_level {
            let fen = (base_fen * (10_000 + bp * (level - 1)) + 5_000) / 10_000;
            cells.push(SalaryCell {
                category: c.name.clone(),
                level,
                amount: fen_to_yuan(fen),
            });
        }
    }
    Ok(cells)
}

fn validate(input: &SalaryVersionInput) -> Result<(SalaryVersionInput, Vec<i64>)> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(CoreError::validation(
            "name",
            "请填写标准名称（不超过 40 个字），例如“2025 年社区工作者薪酬标准”。",
        ));
    }
    let from = dates::required("effectiveFrom", "生效日期", &input.effective_from)?;
    if !(0..=100).contains(&input.performance_percent) {
        return Err(CoreError::validation(
            "performancePercent",
            "绩效部分占比须在 0% 至 100% 之间。",
        ));
    }
    if input.cells.is_empty() {
        return Err(CoreError::validation(
            "cells",
            "请填写各岗位类别、等级的月标准，或用基数和系数生成。",
        ));
    }
    let mut cells: Vec<SalaryCell> = Vec::with_capacity(input.cells.len());
    let mut fens = Vec::with_capacity(input.cells.len());
    for c in &input.cells {
        let category = c.category.trim();
        if category.is_empty() || !(1..=99).contains(&c.level) {
            return Err(CoreError::validation(
                "cells",
                "每一格都须有岗位类别和 1 至 99 之间的等级。",
            ));
        }
        if cells
            .iter()
            .any(|k| k.category == category && k.level == c.level)
        {
            return Err(CoreError::validation(
                "cells",
                format!("{category} {} 级填了两次，请去掉重复的一格。", c.level),
            ));
        }
        let label = format!("{category} {} 级的月标准", c.level);
        let fen = yuan_to_fen("cells", &label, Some(&c.amount))?
            .ok_or_else(|| CoreError::validation("cells", format!("请填写{label}。")))?;
        cells.push(SalaryCell {
            category: category.into(),
            level: c.level,
            amount: fen_to_yuan(fen),
        });
        fens.push(fen);
    }
    Ok((
        SalaryVersionInput {
            name: name.into(),
            effective_from: dates::text(from),
            performance_percent: input.performance_percent,
            remarks: clean_optional(input.remarks.as_deref()),
            cells,
        },
        fens,
    ))
}

fn fields(v: &SalaryVersionInput) -> Fields {
    vec![
        ("标准名称", Some(v.name.clone())),
        ("生效日期", Some(v.effective_from.clone())),
        ("绩效部分占比", Some(format!("{}%", v.performance_percent))),
        (
            "月标准",
            Some(
                v.cells
                    .iter()
                    .map(|c| format!("{}{}级 {}", c.category, c.level, c.amount))
                    .collect::<Vec<_>>()
                    .join("；"),
            ),
        ),
        ("备注", v.remarks.clone()),
    ]
}

fn load_version(conn: &Connection, id: i64) -> Result<SalaryVersion> {
    let head: Option<(String, String, i64, Option<String>)> = conn
        .query_row(
            "SELECT name, effective_from, performance_percent, remarks FROM salary_versions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (name, effective_from, performance_percent, remarks) =
        head.ok_or_else(|| CoreError::not_found("找不到该薪酬标准，请刷新后重试。"))?;
    let mut stmt = conn.prepare_cached(
        "SELECT category, level, amount_fen FROM salary_amounts WHERE version_id = ?1
         ORDER BY category, level",
    )?;
    let cells = stmt
        .query_map([id], |r| {
            Ok(SalaryCell {
                category: r.get(0)?,
                level: r.get(1)?,
                amount: fen_to_yuan(r.get(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SalaryVersion {
        id,
        input: SalaryVersionInput {
            name,
            effective_from,
            performance_percent,
            remarks,
            cells,
        },
    })
}

/// Every version, oldest first.
pub fn list_salary_versions(conn: &Connection) -> Result<Vec<SalaryVersion>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM salary_versions ORDER BY effective_from")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| load_version(conn, id)).collect()
}

fn write_cells(tx: &Transaction, id: i64, v: &SalaryVersionInput, fens: &[i64]) -> Result<()> {
    tx.execute("DELETE FROM salary_amounts WHERE version_id = ?1", [id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO salary_amounts (version_id, category, level, amount_fen) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (c, fen) in v.cells.iter().zip(fens) {
        stmt.execute(params![id, c.category, c.level, fen])?;
    }
    Ok(())
}

fn date_taken(conn: &Connection, from: &str, except: i64) -> Result<()> {
    let other: Option<String> = conn
        .query_row(
            "SELECT name FROM salary_versions WHERE effective_from = ?1 AND id <> ?2",
            params![from, except],
            |r| r.get(0),
        )
        .optional()?;
    match other {
        Some(name) => Err(CoreError::conflict(
            Some("effectiveFrom"),
            format!("“{name}”已从 {from} 起生效，同一天只能有一个薪酬标准，请换一个日期。"),
        )),
        None => Ok(()),
    }
}

fn audit_version(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    action: Action,
    old: Option<&SalaryVersionInput>,
    new: &SalaryVersionInput,
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::SalaryStandard,
            entity_id: Some(id),
            worker_id: None,
            action,
            summary: &new.name,
            changes: audit::diff(old.map(fields).as_ref(), Some(&fields(new))),
        },
    )
}

/// Adds a version. Earlier versions and the months before its date are untouched.
pub fn create_salary_version(
    tx: &Transaction,
    channel: &Channel,
    input: &SalaryVersionInput,
) -> Result<SalaryVersion> {
    let (v, fens) = validate(input)?;
    date_taken(tx, &v.effective_from, 0)?;
    tx.execute(
        "INSERT INTO salary_versions (name, effective_from, performance_percent, remarks)
         VALUES (?1, ?2, ?3, ?4)",
        params![v.name, v.effective_from, v.performance_percent, v.remarks],
    )?;
    let id = tx.last_insert_rowid();
    write_cells(tx, id, &v, &fens)?;
    audit_version(tx, channel, id, Action::Create, None, &v)?;
    load_version(tx, id)
}

/// Corrects a version (its cells, share, date or name), audited.
pub fn update_salary_version(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &SalaryVersionInput,
) -> Result<SalaryVersion> {
    let old = load_version(tx, id)?;
    let (v, fens) = validate(input)?;
    date_taken(tx, &v.effective_from, id)?;
    tx.execute(
        "UPDATE salary_versions SET name = ?1, effective_from = ?2, performance_percent = ?3,
            remarks = ?4 WHERE id = ?5",
        params![
            v.name,
            v.effective_from,
            v.performance_percent,
            v.remarks,
            id
        ],
    )?;
    write_cells(tx, id, &v, &fens)?;
    audit_version(tx, channel, id, Action::Update, Some(&old.input), &v)?;
    load_version(tx, id)
}

/// A version as the computation needs it: (effective from, name, performance %, amounts).
pub(super) type LoadedVersion = (NaiveDate, String, i64, HashMap<(String, i64), i64>);

/// What the standards of any date are computed from, loaded once (built by hand in the
/// worked examples).
pub(super) struct Ledger {
    pub(super) rules: GradeRules,
    /// (effective_from, name, performance %, (category, level) -> fen), oldest first.
    pub(super) versions: Vec<LoadedVersion>,
    /// Per worker: (effective date, category, level), oldest first.
    pub(super) grades: HashMap<i64, Vec<(NaiveDate, String, i64)>>,
    pub(super) certificates: HashMap<i64, Vec<(String, NaiveDate)>>,
}

fn parse(text: &str) -> NaiveDate {
    text.parse().unwrap_or(NaiveDate::MIN)
}

impl Ledger {
    fn load(conn: &Connection, only: Option<i64>) -> Result<Self> {
        let mut versions = Vec::new();
        for v in list_salary_versions(conn)? {
            let mut cells = HashMap::new();
            for c in &v.input.cells {
                let fen = yuan_to_fen("cells", "月标准", Some(&c.amount))?.unwrap_or(0);
                cells.insert((c.category.clone(), c.level), fen);
            }
            versions.push((
                parse(&v.input.effective_from),
                v.input.name,
                v.input.performance_percent,
                cells,
            ));
        }
        let mut grades: HashMap<i64, Vec<(NaiveDate, String, i64)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT worker_id, effective_date, category, level FROM grade_records
             WHERE (:only IS NULL OR worker_id = :only) ORDER BY worker_id, effective_date, id",
        )?;
        let mut rows = stmt.query(named_params! {":only": only})?;
        while let Some(r) = rows.next()? {
            let d: String = r.get(1)?;
            grades
                .entry(r.get(0)?)
                .or_default()
                .push((parse(&d), r.get(2)?, r.get(3)?));
        }
        let certificates = super::facts::certificates(conn, only)?;
        Ok(Ledger {
            rules: get_rules(conn)?,
            versions,
            grades,
            certificates,
        })
    }

    fn allowance(&self, worker_id: i64, on: NaiveDate) -> i64 {
        let Some(certs) = self.certificates.get(&worker_id) else {
            return 0;
        };
        let mut kinds: Vec<&str> = certs
            .iter()
            .filter(|(_, obtained)| self.rules.certificate_effect(*obtained) <= on)
            .map(|(k, _)| k.as_str())
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        let amounts = kinds.iter().map(|k| self.rules.allowance_fen(k));
        if self.rules.certificate_cumulative {
            amounts.sum()
        } else {
            amounts.max().unwrap_or(0)
        }
    }

    pub(super) fn salary(&self, worker_id: i64, on: NaiveDate) -> WorkerSalary {
        let grade = self
            .grades
            .get(&worker_id)
            .and_then(|g| g.iter().rev().find(|(d, _, _)| *d <= on));
        let version = self.versions.iter().rev().find(|(d, ..)| *d <= on);
        let allowance_fen = self.allowance(worker_id, on);
        let (standard, missing) = match (grade, version) {
            (None, _) => (None, Some("尚未定级".to_string())),
            (_, None) => (
                None,
                Some(format!("{} 没有生效的薪酬标准", dates::text(on))),
            ),
            (Some((_, cat, level)), Some((_, name, _, cells))) => {
                match cells.get(&(cat.clone(), *level)) {
                    Some(fen) => (Some(*fen), None),
                    None => (
                        None,
                        Some(format!("薪酬标准“{name}”中没有{cat} {level} 级的金额")),
                    ),
                }
            }
        };
        let standard_fen = standard.unwrap_or(0);
        let percent = version.map_or(0, |v| v.2);
        let performance_fen = (standard_fen * percent + 50) / 100;
        WorkerSalary {
            worker_id,
            as_of: dates::text(on),
            category: grade.map(|g| g.1.clone()),
            level: grade.map(|g| g.2),
            version_name: version.map(|v| v.1.clone()),
            standard_fen,
            performance_fen,
            fixed_fen: standard_fen - performance_fen,
            allowance_fen,
            monthly: fen_to_yuan(standard_fen + allowance_fen),
            missing,
        }
    }
}

/// A worker's monthly standard in effect on `as_of`.
pub fn worker_salary(conn: &Connection, worker_id: i64, as_of: NaiveDate) -> Result<WorkerSalary> {
    Ok(Ledger::load(conn, Some(worker_id))?.salary(worker_id, as_of))
}

/// The monthly standards of `ids` in effect on `as_of`, read in one pass.
pub(crate) fn salaries_on(
    conn: &Connection,
    ids: &[i64],
    as_of: NaiveDate,
) -> Result<HashMap<i64, WorkerSalary>> {
    let ledger = Ledger::load(conn, None)?;
    Ok(ids
        .iter()
        .map(|&id| (id, ledger.salary(id, as_of)))
        .collect())
}

/// Community workers in post on `on`: (worker id, community id).
fn in_post(conn: &Connection, on: NaiveDate) -> Result<Vec<(i64, i64)>> {
    let table = crate::workers::history::table(conn, on)?;
    let sql = format!(
        "SELECT w.id, w.community_id FROM {table} w LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN (SELECT value FROM json_each(:in_post))
           AND w.category IN (SELECT value FROM json_each(:counted))"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        named_params! {
            ":as_of": dates::text(on),
            ":in_post": serde_json::to_string(IN_POST).unwrap_or_default(),
            ":counted": serde_json::to_string(vocab::COUNTED_CATEGORIES).unwrap_or_default(),
        },
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// 人员经费 per community and for the street: the monthly total on `as_of` and the year of
/// `as_of` month by month.
pub fn salary_totals(conn: &Connection, as_of: NaiveDate) -> Result<SalaryTotals> {
    let ledger = Ledger::load(conn, None)?;
    let mut units: Vec<UnitTotal> = conn
        .prepare("SELECT id, name FROM communities ORDER BY name")?
        .query_map([], |r| Ok(UnitTotal::empty(Some(r.get(0)?), r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let index: HashMap<i64, usize> = units
        .iter()
        .enumerate()
        .filter_map(|(i, u)| Some((u.community_id?, i)))
        .collect();
    let add = |units: &mut Vec<UnitTotal>, on: NaiveDate, monthly: bool| -> Result<()> {
        for (worker, community) in in_post(conn, on)? {
            let Some(&i) = index.get(&community) else {
                continue;
            };
            let s = ledger.salary(worker, on);
            let fen = s.standard_fen + s.allowance_fen;
            let u = &mut units[i];
            if monthly {
                u.people += 1;
                u.monthly_fen += fen;
                u.without_standard += i64::from(s.missing.is_some());
            } else {
                u.annual_fen += fen;
            }
        }
        Ok(())
    };
    add(&mut units, as_of, true)?;
    for month in 1..=12 {
        if let Some(first) = NaiveDate::from_ymd_opt(as_of.year(), month, 1) {
            add(&mut units, first, false)?;
        }
    }
    let mut street = UnitTotal::empty(None, "全街道".into());
    for u in &mut units {
        u.monthly = fen_to_yuan(u.monthly_fen);
        u.annual = fen_to_yuan(u.annual_fen);
        street.people += u.people;
        street.without_standard += u.without_standard;
        street.monthly_fen += u.monthly_fen;
        street.annual_fen += u.annual_fen;
    }
    street.monthly = fen_to_yuan(street.monthly_fen);
    street.annual = fen_to_yuan(street.annual_fen);
    Ok(SalaryTotals {
        as_of: dates::text(as_of),
        year: as_of.year(),
        communities: units,
        street,
    })
}
