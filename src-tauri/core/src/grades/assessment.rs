//! 年度考核 (第10条): one result per worker and year (优秀, 合格, 基本合格, 不合格) with
//! optional sub-scores for 政治素质, 工作实绩 and 居民群众满意度 (0–100, one decimal) and
//! remarks. The clerk enters a whole community or the street at once: `assessment_sheet`
//! lists everyone to assess with 合格 filled in where nothing is saved yet, and
//! `save_assessments` writes the table all or nothing, auditing each row that changed.

use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::vocab::{self, AssessmentResult};
use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentInput {
    pub worker_id: i64,
    pub result: AssessmentResult,
    /// 政治素质 score, 0–100 with at most one decimal.
    pub political_score: Option<f64>,
    /// 工作实绩 score.
    pub performance_score: Option<f64>,
    /// 居民群众满意度 score.
    pub satisfaction_score: Option<f64>,
    pub remarks: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentBatch {
    pub year: i32,
    pub rows: Vec<AssessmentInput>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Assessment {
    pub id: i64,
    pub year: i32,
    pub worker_name: String,
    #[serde(flatten)]
    pub input: AssessmentInput,
}

/// One line of the bulk-entry table; `input` goes back as a row of [`AssessmentBatch`].
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentSheetRow {
    pub name: String,
    pub community_id: i64,
    pub community_name: String,
    pub position: String,
    /// Whether a result is saved; if not, the result is the default 合格.
    pub saved: bool,
    #[serde(flatten)]
    pub input: AssessmentInput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentSaved {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn tenths(field: &str, label: &str, score: Option<f64>) -> Result<Option<i64>> {
    let Some(s) = score else { return Ok(None) };
    let scaled = s * 10.0;
    if !s.is_finite() || !(0.0..=100.0).contains(&s) || (scaled - scaled.round()).abs() > 1e-6 {
        return Err(CoreError::validation(
            field,
            format!("{label}须在 0 至 100 之间，最多一位小数，例如 92.5。"),
        ));
    }
    Ok(Some(scaled.round() as i64))
}

fn score(t: Option<i64>) -> Option<f64> {
    t.map(|t| t as f64 / 10.0)
}

/// People to assess for `year`: community workers (两委专职成员, 社区专职工作人员) hired by
/// the end of the year and not gone before it began, in the roster's order — with the
/// community, category and post they held at the end of that year (任职经历), so last year's
/// sheet lists a person under last year's community.
fn people(conn: &Connection, year: i32) -> Result<String> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let table = crate::workers::history::table(conn, end)?;
    Ok(format!(
        "FROM {table} w JOIN communities c ON c.id = w.community_id
    LEFT JOIN exits e ON e.worker_id = w.id
    WHERE w.hired_on <= :end AND (e.exit_date IS NULL OR e.exit_date >= :start)
      AND w.category IN (SELECT value FROM json_each(:categories))"
    ))
}

fn year_params(year: i32) -> (String, String, String) {
    let categories = serde_json::to_string(vocab::COUNTED_CATEGORIES).unwrap_or_default();
    (format!("{year}-01-01"), format!("{year}-12-31"), categories)
}

/// The bulk-entry table for `year`, for one community or (None) the whole street.
pub fn assessment_sheet(
    conn: &Connection,
    year: i32,
    community_id: Option<i64>,
) -> Result<Vec<AssessmentSheetRow>> {
    let (start, end, categories) = year_params(year);
    let sql = format!(
        "SELECT w.id, w.name, c.id, c.name, w.position, a.result, a.political_tenths,
            a.performance_tenths, a.satisfaction_tenths, a.remarks
         {people} AND (:community IS NULL OR w.community_id = :community)
         ORDER BY c.name, w.name_initials, w.id",
        people = people(conn, year)?
    );
    let sql = sql.replace(
        "LEFT JOIN exits e ON e.worker_id = w.id",
        "LEFT JOIN exits e ON e.worker_id = w.id
         LEFT JOIN assessments a ON a.worker_id = w.id AND a.year = :year",
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(
        named_params! {":start": start, ":end": end, ":categories": categories,
        ":community": community_id, ":year": year},
        |r| {
            let result: Option<AssessmentResult> = r.get(5)?;
            Ok(AssessmentSheetRow {
                name: r.get(1)?,
                community_id: r.get(2)?,
                community_name: r.get(3)?,
                position: r.get(4)?,
                saved: result.is_some(),
                input: AssessmentInput {
                    worker_id: r.get(0)?,
                    result: result.unwrap_or(AssessmentResult::Pass),
                    political_score: score(r.get(6)?),
                    performance_score: score(r.get(7)?),
                    satisfaction_score: score(r.get(8)?),
                    remarks: r.get(9)?,
                },
            })
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT: &str = "SELECT a.id, a.year, w.name, a.worker_id, a.result, a.political_tenths,
    a.performance_tenths, a.satisfaction_tenths, a.remarks
    FROM assessments a JOIN workers w ON w.id = a.worker_id";

fn from_row(r: &Row) -> rusqlite::Result<Assessment> {
    Ok(Assessment {
        id: r.get(0)?,
        year: r.get(1)?,
        worker_name: r.get(2)?,
        input: AssessmentInput {
            worker_id: r.get(3)?,
            result: r.get(4)?,
            political_score: score(r.get(5)?),
            performance_score: score(r.get(6)?),
            satisfaction_score: score(r.get(7)?),
            remarks: r.get(8)?,
        },
    })
}

/// A worker's assessments, newest year first.
pub fn worker_assessments(conn: &Connection, worker_id: i64) -> Result<Vec<Assessment>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE a.worker_id = ?1 ORDER BY a.year DESC"
    ))?;
    let rows = stmt.query_map([worker_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn fields(a: &AssessmentInput) -> Fields {
    let s = |v: Option<f64>| v.map(|v| format!("{v:.1}"));
    vec![
        ("考核结果", Some(a.result.to_string())),
        ("政治素质", s(a.political_score)),
        ("工作实绩", s(a.performance_score)),
        ("居民群众满意度", s(a.satisfaction_score)),
        ("备注", a.remarks.clone()),
    ]
}

struct Checked {
    input: AssessmentInput,
    tenths: [Option<i64>; 3],
}

fn check_row(
    conn: &Connection,
    year: i32,
    row_no: usize,
    a: &AssessmentInput,
) -> Result<(String, Checked)> {
    let (start, end, _) = year_params(year);
    let person: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT w.name, w.hired_on, e.exit_date FROM workers w
             LEFT JOIN exits e ON e.worker_id = w.id WHERE w.id = ?1",
            [a.worker_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((name, hired_on, exit)) = person else {
        return Err(CoreError::validation(
            "rows",
            format!(
                "第 {row_no} 行：找不到编号为 {} 的人员，请刷新名单。",
                a.worker_id
            ),
        ));
    };
    let at =
        |msg: String| CoreError::validation("rows", format!("第 {row_no} 行（{name}）：{msg}"));
    if hired_on > end {
        return Err(at(format!(
            "入职时间 {hired_on} 晚于 {year} 年，不能录入该年度考核。"
        )));
    }
    if exit.as_deref().is_some_and(|e| e < start.as_str()) {
        return Err(at(format!("{year} 年以前已退出，不能录入该年度考核。")));
    }
    let t = |label: &str, v: Option<f64>| tenths("rows", label, v).map_err(|e| at(e.to_string()));
    let tenths = [
        t("政治素质得分", a.political_score)?,
        t("工作实绩得分", a.performance_score)?,
        t("居民群众满意度得分", a.satisfaction_score)?,
    ];
    let remarks = clean_optional(a.remarks.as_deref());
    if remarks.as_ref().is_some_and(|r| r.chars().count() > 200) {
        return Err(at("备注不能超过 200 个字。".into()));
    }
    Ok((
        name,
        Checked {
            input: AssessmentInput {
                worker_id: a.worker_id,
                result: a.result,
                political_score: score(tenths[0]),
                performance_score: score(tenths[1]),
                satisfaction_score: score(tenths[2]),
                remarks,
            },
            tenths,
        },
    ))
}

/// Saves a year's table: every row is checked first, then all are written (new rows added,
/// changed rows updated, each change audited) — or, if any row is wrong, nothing is.
pub fn save_assessments(
    tx: &Transaction,
    channel: &Channel,
    batch: &AssessmentBatch,
    today: NaiveDate,
) -> Result<AssessmentSaved> {
    let year = batch.year;
    if !(2000..=today.year()).contains(&year) {
        return Err(CoreError::validation(
            "year",
            format!("考核年度须在 2000 年至 {} 年之间。", today.year()),
        ));
    }
    if batch.rows.is_empty() {
        return Err(CoreError::validation("rows", "请至少录入一人的考核结果。"));
    }
    crate::care::no_repeats(
        tx,
        "rows",
        &batch.rows.iter().map(|r| r.worker_id).collect::<Vec<_>>(),
    )?;
    let mut checked = Vec::with_capacity(batch.rows.len());
    for (i, a) in batch.rows.iter().enumerate() {
        checked.push(check_row(tx, year, i + 1, a)?);
    }
    let mut saved = AssessmentSaved {
        created: 0,
        updated: 0,
        unchanged: 0,
    };
    for (name, c) in checked {
        let old: Option<Assessment> = tx
            .query_row(
                &format!("{SELECT} WHERE a.worker_id = ?1 AND a.year = ?2"),
                params![c.input.worker_id, year],
                from_row,
            )
            .optional()?;
        let [p, w, s] = c.tenths;
        let (id, action) = match &old {
            Some(o) if o.input == c.input => {
                saved.unchanged += 1;
                continue;
            }
            Some(o) => {
                tx.execute(
                    "UPDATE assessments SET result = ?1, political_tenths = ?2, performance_tenths = ?3,
                        satisfaction_tenths = ?4, remarks = ?5 WHERE id = ?6",
                    params![c.input.result, p, w, s, c.input.remarks, o.id],
                )?;
                saved.updated += 1;
                (o.id, Action::Update)
            }
            None => {
                tx.execute(
                    "INSERT INTO assessments (worker_id, year, result, political_tenths,
                        performance_tenths, satisfaction_tenths, remarks)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        c.input.worker_id,
                        year,
                        c.input.result,
                        p,
                        w,
                        s,
                        c.input.remarks
                    ],
                )?;
                saved.created += 1;
                (tx.last_insert_rowid(), Action::Create)
            }
        };
        audit::write(
            tx,
            channel,
            audit::Record {
                entity: Entity::Assessment,
                entity_id: Some(id),
                worker_id: Some(c.input.worker_id),
                action,
                summary: &format!("{name}：{year} 年度考核"),
                changes: audit::diff(
                    old.as_ref().map(|o| fields(&o.input)).as_ref(),
                    Some(&fields(&c.input)),
                ),
            },
        )?;
    }
    Ok(saved)
}

/// Removes a result entered by mistake (audited).
pub fn delete_assessment(tx: &Transaction, channel: &Channel, id: i64) -> Result<()> {
    let old = tx
        .query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该考核记录，请刷新后重试。"))?;
    tx.execute("DELETE FROM assessments WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Assessment,
            entity_id: Some(id),
            worker_id: Some(old.input.worker_id),
            action: Action::Delete,
            summary: &format!("{}：{} 年度考核（误录删除）", old.worker_name, old.year),
            changes: audit::diff(Some(&fields(&old.input)), None),
        },
    )
}
