//! The worker table as it stood on a date. The `workers` row keeps the newest 社区, 人员类别,
//! 职务 and 学历 (a cache, rewritten with every history change); a question about a past
//! date reads them from `post_records` and `education_records` instead. [`table`] gives the
//! SQL to put after `FROM` in place of `workers`, so every query keeps its `w.` columns.

use crate::dates;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

/// The record of a person's history in force on `d`: the latest dated on or before it, or,
/// for a day before the first (before 入职), the first — the post they were hired into.
fn in_force(table: &str, date_column: &str, d: &str) -> String {
    format!(
        "(SELECT x.id FROM {table} x WHERE x.worker_id = w0.id
          ORDER BY x.{date_column} > '{d}',
                   CASE WHEN x.{date_column} <= '{d}' THEN x.{date_column} END DESC,
                   x.{date_column}
          LIMIT 1)"
    )
}

/// The derived table: every column of `workers`, the dated ones as of `d`. A person without
/// history rows (none should exist) keeps the cached values.
fn derived(d: NaiveDate) -> String {
    // A formatted NaiveDate: digits and dashes only, safe to embed.
    let d = dates::text(d);
    format!(
        "(SELECT w0.id AS id, w0.name AS name, w0.name_initials AS name_initials,
            w0.id_number AS id_number, w0.birth_date AS birth_date, w0.gender AS gender,
            w0.ethnicity AS ethnicity, w0.native_place AS native_place, w0.phone AS phone,
            w0.political_status AS political_status, w0.party_joined_on AS party_joined_on,
            coalesce(ed.education, w0.education) AS education,
            CASE WHEN ed.id IS NULL THEN w0.full_time_education ELSE ed.full_time_education END
                AS full_time_education,
            CASE WHEN ed.id IS NULL THEN w0.school ELSE ed.school END AS school,
            CASE WHEN ed.id IS NULL THEN w0.major ELSE ed.major END AS major,
            w0.social_work_major AS social_work_major,
            coalesce(p.community_id, w0.community_id) AS community_id,
            coalesce(p.category, w0.category) AS category,
            coalesce(p.position, w0.position) AS position,
            CASE WHEN p.id IS NULL THEN w0.post_detail ELSE p.post_detail END AS post_detail,
            w0.source AS source, w0.recruitment AS recruitment,
            w0.community_work_start AS community_work_start,
            w0.prior_service_months AS prior_service_months, w0.hired_on AS hired_on,
            w0.probation_end AS probation_end, w0.remarks AS remarks,
            w0.interruption_months AS interruption_months,
            w0.service_resumed_on AS service_resumed_on
         FROM workers w0
         LEFT JOIN post_records p ON p.id = {posts}
         LEFT JOIN education_records ed ON ed.id = {education})",
        posts = in_force("post_records", "effective_on", &d),
        education = in_force("education_records", "obtained_on", &d),
    )
}

/// What to write after `FROM` (then ` w`) to read the workers as they stood on `as_of`:
/// the `workers` table itself when no history change is dated after `as_of` (the cache is
/// then exact, and the roster stays as fast as before), else the derived table.
pub fn table(conn: &Connection, as_of: NaiveDate) -> Result<String> {
    let d = dates::text(as_of);
    let later: bool = conn.query_row(
        // A person's first record dated later (hired in the future) changes nothing: it is
        // also what the derived table gives for the days before it.
        "SELECT EXISTS (SELECT 1 FROM post_records x WHERE x.effective_on > ?1
                  AND EXISTS (SELECT 1 FROM post_records y
                              WHERE y.worker_id = x.worker_id AND y.effective_on < x.effective_on))
             OR EXISTS (SELECT 1 FROM education_records x WHERE x.obtained_on > ?1
                  AND EXISTS (SELECT 1 FROM education_records y
                              WHERE y.worker_id = x.worker_id AND y.obtained_on < x.obtained_on))",
        [&d],
        |r| r.get(0),
    )?;
    Ok(if later {
        derived(as_of)
    } else {
        "workers".to_string()
    })
}
