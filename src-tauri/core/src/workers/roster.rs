//! The roster (人员台账): search, filters, sorting and paging, all in one SQL query so it
//! stays fast at 20,000 people.

use super::status::{AGE_SQL, STATUS_SQL};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::{self, WorkerStatus};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SortKey {
    #[default]
    Community,
    Name,
    HiredOn,
    Age,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RosterQuery {
    /// Name substring, pinyin initials ("zs" for 张三), or part of an ID or phone number.
    pub search: Option<String>,
    pub community_id: Option<i64>,
    pub category: Option<String>,
    pub position: Option<String>,
    pub political_status: Option<String>,
    pub education: Option<String>,
    /// A certificate kind the person holds, or "无" for none.
    pub certificate: Option<String>,
    pub status: Option<WorkerStatus>,
    pub age_band: Option<String>,
    /// Only people 借调在外 on the as-of date (`secondments::away_sql`).
    pub seconded_away: bool,
    /// 合同 filter: 合同到期 (within the largest reminder day), 试用期, 合同到期未续
    /// (`contracts::filter_sql`).
    #[ts(optional)]
    pub contract: Option<crate::vocab::ContractFilter>,
    /// Only 书记 in post whose tenure is not filed with the county (书记备案,
    /// `history::unfiled_secretaries`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfiled_secretary: Option<bool>,
    /// Only people in post who reach the legal retirement age within
    /// [`super::RETIRING_WITHIN_MONTHS`] months (or have reached it), `retirement::retiring`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retiring: Option<bool>,
    /// Only people in post (在岗 or 试用期) on the date: the home page's team charts.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_post: Option<bool>,
    /// Only people whose 岗位等级 on the date reads so ("社区专职工作人员 3 级", or
    /// [`NO_GRADE`]), as the team chart labels it ([`GRADE_LABEL_SQL`]).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// The date statuses and ages are computed for (default today).
    pub as_of: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    /// 1-based.
    pub page: i64,
    pub page_size: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterRow {
    pub id: i64,
    pub name: String,
    pub gender: String,
    pub birth_date: String,
    pub age: i64,
    pub id_number: String,
    pub phone: Option<String>,
    pub community_id: i64,
    pub community_name: String,
    pub category: String,
    pub position: String,
    pub post_detail: Option<String>,
    pub political_status: String,
    pub education: String,
    pub hired_on: String,
    pub status: WorkerStatus,
    /// The certificate kinds held, highest first.
    pub certificates: Vec<String>,
    /// Set when the person is 借调在外 on the query's date, with its 未经批准 / 逾期未归 flags.
    pub seconded_away: Option<crate::secondments::AwayTag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RosterPage {
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
    pub rows: Vec<RosterRow>,
}

pub const MAX_PAGE_SIZE: i64 = 500;

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The label of a person's grade on `:as_of`: the latest record in effect by then.
pub const GRADE_LABEL_SQL: &str = "COALESCE((SELECT g.category || ' ' || g.level || ' 级'
    FROM grade_records g WHERE g.worker_id = w.id AND g.effective_date <= :as_of
    ORDER BY g.effective_date DESC, g.id DESC LIMIT 1), '未定级')";
/// A person with no grade record in effect on the date.
pub const NO_GRADE: &str = "未定级";

/// The WHERE clause and its parameters for a query.
fn filters(q: &RosterQuery) -> Result<(String, Vec<(&'static str, Value)>)> {
    let mut clauses: Vec<String> = Vec::new();
    let mut params: Vec<(&'static str, Value)> = Vec::new();
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let compact = crate::text::compact_ascii(s);
        let like = |t: &str| Value::Text(format!("%{}%", escape_like(t)));
        if compact.chars().all(|c| c.is_ascii_alphabetic()) {
            clauses.push(
                "(w.name_initials LIKE :initials ESCAPE '\\' OR w.name LIKE :search ESCAPE '\\')"
                    .into(),
            );
            params.push((
                ":initials",
                Value::Text(format!("{}%", escape_like(&compact.to_lowercase()))),
            ));
            params.push((":search", like(s)));
        } else if compact.chars().all(|c| c.is_ascii_alphanumeric()) {
            clauses.push(
                "(w.id_number LIKE :search ESCAPE '\\' OR w.phone LIKE :search ESCAPE '\\')".into(),
            );
            params.push((":search", like(&compact.to_uppercase())));
        } else {
            clauses.push("w.name LIKE :search ESCAPE '\\'".into());
            params.push((":search", like(s)));
        }
    }
    if let Some(id) = q.community_id {
        clauses.push("w.community_id = :community_id".into());
        params.push((":community_id", Value::Integer(id)));
    }
    let mut eq = |column: &str, name: &'static str, value: &Option<String>| {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            clauses.push(format!("{column} = {name}"));
            params.push((name, Value::Text(v.to_string())));
        }
    };
    eq("w.category", ":category", &q.category);
    eq("w.position", ":position", &q.position);
    eq(
        "w.political_status",
        ":political_status",
        &q.political_status,
    );
    eq("w.education", ":education", &q.education);
    if let Some(status) = q.status {
        clauses.push(format!("({STATUS_SQL}) = :status"));
        params.push((":status", Value::Text(status.to_string())));
    }
    match q.certificate.as_deref().filter(|v| !v.is_empty()) {
        None => {}
        Some("无") => clauses
            .push("NOT EXISTS (SELECT 1 FROM certificates x WHERE x.worker_id = w.id)".into()),
        Some(kind) => {
            clauses.push(
                "EXISTS (SELECT 1 FROM certificates x WHERE x.worker_id = w.id AND x.kind = :cert)"
                    .into(),
            );
            params.push((":cert", Value::Text(kind.to_string())));
        }
    }
    if let Some(band) = q.age_band.as_deref().filter(|v| !v.is_empty()) {
        let range = match vocab::AGE_BANDS.iter().position(|b| *b == band) {
            Some(0) => "<= 35",
            Some(1) => "BETWEEN 36 AND 45",
            Some(2) => "BETWEEN 46 AND 55",
            Some(3) => ">= 56",
            _ => return Err(CoreError::validation("ageBand", "请从列表中选择年龄段。")),
        };
        clauses.push(format!("{AGE_SQL} {range}"));
    }
    if q.seconded_away {
        clauses.push(crate::secondments::away_sql());
    }
    if let Some(f) = q.contract {
        clauses.push(crate::contracts::filter_sql(f));
    }
    if q.unfiled_secretary == Some(true) {
        clauses.push("w.id IN (SELECT value FROM json_each(:unfiled))".into());
    }
    if q.in_post == Some(true) {
        clauses.push(format!(
            "({STATUS_SQL}) IN {}",
            super::status::in_post_sql()
        ));
    }
    if let Some(grade) = q.grade.as_deref().filter(|v| !v.is_empty()) {
        clauses.push(format!("{GRADE_LABEL_SQL} = :grade"));
        params.push((":grade", Value::Text(grade.to_string())));
    }
    if q.retiring == Some(true) {
        clauses.push("w.id IN (SELECT value FROM json_each(:retiring))".into());
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    Ok((sql, params))
}

/// Whether the SQL text uses a parameter (SQLite rejects binding names it does not know).
fn bind<'a>(
    sql: &str,
    params: &'a [(&'static str, Value)],
) -> Vec<(&'static str, &'a dyn rusqlite::ToSql)> {
    params
        .iter()
        .filter(|(name, _)| sql.contains(name))
        .map(|(name, v)| (*name, v as &dyn rusqlite::ToSql))
        .collect()
}

/// What a query selects: its FROM with the joins it needs, WHERE, ORDER BY and parameters.
struct Plan {
    as_of: NaiveDate,
    /// `workers`, or the workers as of the date (`history::table`).
    table: String,
    from: String,
    where_sql: String,
    order: String,
    params: Vec<(&'static str, Value)>,
}

fn plan(conn: &Connection, q: &RosterQuery, today: NaiveDate) -> Result<Plan> {
    let as_of = dates::optional("asOf", "统计日期", q.as_of.as_deref())?.unwrap_or(today);
    let (where_sql, mut params) = filters(q)?;
    params.push((":as_of", Value::Text(dates::text(as_of))));
    if where_sql.contains(":unfiled") {
        let ids: Vec<i64> = super::history::unfiled_secretaries(conn, as_of)?
            .iter()
            .map(|u| u.worker_id)
            .collect();
        let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        params.push((":unfiled", Value::Text(json)));
    }
    if where_sql.contains(":retiring") {
        let ids: Vec<i64> = super::retiring(conn, as_of, super::RETIRING_WITHIN_MONTHS)?
            .iter()
            .map(|(id, _)| *id)
            .collect();
        let json = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
        params.push((":retiring", Value::Text(json)));
    }
    if where_sql.contains(":contract_until") {
        let until = crate::contracts::window_end(conn, as_of)?;
        params.push((":contract_until", Value::Text(dates::text(until))));
    }

    let dir = if q.descending { "DESC" } else { "ASC" };
    let order = match q.sort {
        SortKey::Community => format!("c.name {dir}, w.name_initials {dir}, w.id"),
        SortKey::Name => format!("w.name_initials {dir}, w.name {dir}, w.id"),
        SortKey::HiredOn => format!("w.hired_on {dir}, w.id"),
        // Older people have earlier birth dates.
        SortKey::Age => format!(
            "w.birth_date {}, w.id",
            if q.descending { "ASC" } else { "DESC" }
        ),
    };
    // Community, category, post and 学历 as they were on the date asked about.
    let table = super::history::table(conn, as_of)?;
    let mut from = format!("FROM {table} w");
    if q.sort == SortKey::Community {
        from.push_str(" JOIN communities c ON c.id = w.community_id");
    }
    if where_sql.contains(STATUS_SQL) {
        from.push_str(" LEFT JOIN exits e ON e.worker_id = w.id");
    }
    Ok(Plan {
        as_of,
        table,
        from,
        where_sql,
        order,
        params,
    })
}

/// Two phases keep it fast: first only the ids of the page, sorted (small sorter rows, no
/// derived columns), then the full rows of those ids. Joins are added only when a filter
/// or the sort needs them.
pub fn roster(conn: &Connection, q: &RosterQuery, today: NaiveDate) -> Result<RosterPage> {
    let page_size = q.page_size.clamp(1, MAX_PAGE_SIZE);
    let page = q.page.max(1);
    let Plan {
        as_of,
        table,
        from,
        where_sql,
        order,
        mut params,
    } = plan(conn, q, today)?;

    let count_sql = format!("SELECT count(*) {from} {where_sql}");
    let total: i64 = conn
        .prepare_cached(&count_sql)?
        .query_row(&*bind(&count_sql, &params), |r| r.get(0))?;

    let ids_sql =
        format!("SELECT w.id {from} {where_sql} ORDER BY {order} LIMIT :limit OFFSET :offset");
    params.push((":limit", Value::Integer(page_size)));
    params.push((":offset", Value::Integer((page - 1) * page_size)));
    let ids: Vec<i64> = conn
        .prepare_cached(&ids_sql)?
        .query_map(&*bind(&ids_sql, &params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;

    let mut rows = page_rows(conn, &ids, &params, &table)?;
    attach_certificates(conn, &mut rows)?;
    let mut away = crate::secondments::away_tags(conn, &ids, as_of)?;
    for row in &mut rows {
        row.seconded_away = away.remove(&row.id);
    }
    Ok(RosterPage {
        total,
        page,
        page_size,
        rows,
    })
}

/// What a query's people are counted by (the team charts): each gives the value the roster's
/// filter of that name takes, so a bar opens exactly the people it counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    AgeBand,
    Education,
    Category,
    /// A person is counted under each kind held, and under 无 when none.
    Certificate,
    Grade,
}

/// The people a query matches, counted by `by`: (filter value, count), largest first.
pub fn roster_counts(
    conn: &Connection,
    q: &RosterQuery,
    today: NaiveDate,
    by: GroupBy,
) -> Result<Vec<(String, i64)>> {
    let Plan {
        from,
        where_sql,
        params,
        ..
    } = plan(conn, q, today)?;
    let age_band = format!(
        "CASE WHEN {AGE_SQL} <= 35 THEN 0 WHEN {AGE_SQL} <= 45 THEN 1
              WHEN {AGE_SQL} <= 55 THEN 2 ELSE 3 END"
    );
    let sql = match by {
        GroupBy::AgeBand => format!("SELECT {age_band}, count(*) {from} {where_sql} GROUP BY 1"),
        GroupBy::Education => format!("SELECT w.education, count(*) {from} {where_sql} GROUP BY 1"),
        GroupBy::Category => format!("SELECT w.category, count(*) {from} {where_sql} GROUP BY 1"),
        GroupBy::Grade => {
            format!("SELECT {GRADE_LABEL_SQL}, count(*) {from} {where_sql} GROUP BY 1")
        }
        GroupBy::Certificate => format!(
            "SELECT COALESCE(x.kind, '无'), count(DISTINCT w.id) {from}
             LEFT JOIN certificates x ON x.worker_id = w.id {where_sql} GROUP BY 1"
        ),
    };
    let mut out: Vec<(String, i64)> = conn
        .prepare(&sql)?
        .query_map(&*bind(&sql, &params), |r| {
            let key = match r.get_ref(0)? {
                rusqlite::types::ValueRef::Integer(i) => {
                    vocab::AGE_BANDS[i.clamp(0, 3) as usize].to_string()
                }
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => String::new(),
            };
            Ok((key, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// Every id a query matches, all pages, in its sort order, with the date its statuses and
/// ages are computed for (exporting exactly the list on screen).
pub fn roster_ids(
    conn: &Connection,
    q: &RosterQuery,
    today: NaiveDate,
) -> Result<(NaiveDate, Vec<i64>)> {
    let Plan {
        as_of,
        from,
        where_sql,
        order,
        params,
        ..
    } = plan(conn, q, today)?;
    let sql = format!("SELECT w.id {from} {where_sql} ORDER BY {order}");
    let ids = conn
        .prepare_cached(&sql)?
        .query_map(&*bind(&sql, &params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((as_of, ids))
}

/// The full rows of the given ids, in the given order.
fn page_rows(
    conn: &Connection,
    ids: &[i64],
    params: &[(&'static str, Value)],
    table: &str,
) -> Result<Vec<RosterRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let sql = format!(
        "SELECT w.id, w.name, w.gender, w.birth_date, {AGE_SQL}, w.id_number, w.phone, w.community_id,
                c.name, w.category, w.position, w.post_detail, w.political_status, w.education,
                w.hired_on, {STATUS_SQL}
         FROM {table} w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE w.id IN ({})",
        list.join(","),
        table = table
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut by_id: HashMap<i64, RosterRow> = stmt
        .query_map(&*bind(&sql, params), |r| {
            Ok(RosterRow {
                id: r.get(0)?,
                name: r.get(1)?,
                gender: r.get(2)?,
                birth_date: r.get(3)?,
                age: r.get(4)?,
                id_number: r.get(5)?,
                phone: r.get(6)?,
                community_id: r.get(7)?,
                community_name: r.get(8)?,
                category: r.get(9)?,
                position: r.get(10)?,
                post_detail: r.get(11)?,
                political_status: r.get(12)?,
                education: r.get(13)?,
                hired_on: r.get(14)?,
                status: r.get(15)?,
                certificates: Vec::new(),
                seconded_away: None,
            })
        })?
        .map(|r| r.map(|row| (row.id, row)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// One query for the certificates of the whole page, not one per row.
fn attach_certificates(conn: &Connection, rows: &mut [RosterRow]) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let sql = format!(
        "SELECT DISTINCT worker_id, kind FROM certificates WHERE worker_id IN ({})",
        ids.join(",")
    );
    let mut held: HashMap<i64, Vec<String>> = HashMap::new();
    let mut stmt = conn.prepare(&sql)?;
    for pair in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, kind) = pair?;
        held.entry(id).or_default().push(kind);
    }
    for row in rows.iter_mut() {
        if let Some(mut kinds) = held.remove(&row.id) {
            highest_first(&mut kinds);
            row.certificates = kinds;
        }
    }
    Ok(())
}

/// Orders certificate kinds as the roster shows them: the highest social-work level first.
pub(super) fn highest_first(kinds: &mut [String]) {
    let rank = |k: &str| {
        vocab::CERTIFICATE_KINDS
            .iter()
            .position(|x| *x == k)
            .unwrap_or(usize::MAX)
    };
    // CERTIFICATE_KINDS lists 助理 < 社会工作师 < 高级 < 其他; show the highest social-work level first.
    kinds.sort_by_key(|k| match rank(k) {
        r @ 0..=2 => 2 - r,
        r => r,
    });
}
