//! Care (关心关爱, 第14条): health check-ups, holiday visits, care activities and the
//! difficulties a worker reports. Retired workers stay visible here.
//!
//! - `checkups`: a round (date, institution) with its attendees in bulk; attendance and an
//!   optional 需关注 flag with a short note only: no diagnoses (sensitive personal information);
//! - `visits`: 走访慰问 for many recipients at once, amounts in fen;
//! - `activities`: 关爱活动 and their participants;
//! - `difficulties`: 困难诉求 and how they were handled; open items older than 30 days flagged;
//! - `summary`: a year's figures.
//!
//! Bulk entries check every line before writing the first, so one bad line leaves the ledger
//! as it was (and the caller's transaction rolls back on the error anyway).

mod activities;
mod checkups;
mod difficulties;
mod summary;
mod visits;

pub use activities::{
    activity_participants, add_activity_participants, create_activity, delete_activity,
    list_activities, remove_activity_participant, update_activity, worker_activities,
    ActivityInput, CareActivity,
};
pub(crate) use checkups::checked_this_year;
pub use checkups::{
    add_checkup_attendees, checkup_detail, create_checkup_round, delete_checkup_round,
    list_checkup_rounds, not_checked, remove_checkup_attendee, update_checkup_attendee,
    update_checkup_round, worker_checkups, CheckupAttendee, CheckupAttendeeInput, CheckupDetail,
    CheckupRound, CheckupRoundInput, WorkerCheckup,
};
pub use difficulties::{
    create_difficulty, delete_difficulty, list_difficulties, update_difficulty, Difficulty,
    DifficultyInput, OPEN_DAYS_FLAGGED,
};
pub use summary::{care_summary, CareSummary, FestivalVisits};
pub use visits::{
    create_visits, delete_visit, fen_to_yuan, list_visits, not_visited, update_visit, yuan_to_fen,
    Visit, VisitBatchInput, VisitInput,
};

use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::{Category, WorkerStatus};
use crate::workers::status::STATUS_SQL;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// A person in a care list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PersonRef {
    pub worker_id: i64,
    pub name: String,
    pub community_name: String,
    pub category: String,
    /// 在岗 / 试用期 / 退休 … as of the list's date.
    pub status: WorkerStatus,
}

/// People in the given statuses on `as_of`, optionally only community workers, ordered as
/// the roster.
pub(crate) fn people(
    conn: &Connection,
    as_of: NaiveDate,
    statuses: &[WorkerStatus],
    community_workers_only: bool,
    extra: &str,
) -> Result<Vec<PersonRef>> {
    let categories = if community_workers_only {
        format!(
            "AND w.category IN {}",
            Category::sql_list(&Category::COUNTED)
        )
    } else {
        String::new()
    };
    let statuses = WorkerStatus::sql_list(statuses);
    let table = crate::workers::history::table(conn, as_of)?;
    let sql = format!(
        "SELECT w.id, w.name, c.name, w.category, {STATUS_SQL} AS status
         FROM {table} w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN {statuses} {categories} {extra}
         ORDER BY c.name, w.name_initials, w.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(named_params! {":as_of": dates::text(as_of)}, |r| {
        Ok(PersonRef {
            worker_id: r.get(0)?,
            name: r.get(1)?,
            community_name: r.get(2)?,
            category: r.get(3)?,
            status: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The name and status of a person on a date, or a validation error naming the field.
pub(crate) fn person_on(
    conn: &Connection,
    field: &str,
    worker_id: i64,
    on: NaiveDate,
) -> Result<(String, WorkerStatus)> {
    let sql = format!(
        "SELECT w.name, {STATUS_SQL} FROM workers w LEFT JOIN exits e ON e.worker_id = w.id
         WHERE w.id = :id"
    );
    conn.query_row(
        &sql,
        named_params! {":id": worker_id, ":as_of": dates::text(on)},
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| {
        CoreError::validation(
            field,
            format!("找不到编号为 {worker_id} 的人员，请刷新名单后重新选择。"),
        )
    })
}

/// Checks that a person could be reached by care on `on`: everyone in post (any category,
/// 两委兼职成员 included) and retired workers.
pub(crate) fn care_recipient(
    conn: &Connection,
    field: &str,
    worker_id: i64,
    on: NaiveDate,
    what: &str,
) -> Result<String> {
    let (name, status) = person_on(conn, field, worker_id, on)?;
    if WorkerStatus::CARE.contains(&status) {
        Ok(name)
    } else {
        Err(CoreError::validation(
            field,
            format!(
                "{name}在 {} 的状态是“{status}”，不能列入{what}（只能选在岗人员和退休人员）。",
                dates::text(on)
            ),
        ))
    }
}

pub(crate) fn short_text(
    field: &str,
    label: &str,
    input: Option<&str>,
    max: usize,
) -> Result<Option<String>> {
    let t = crate::text::clean_optional(input);
    if let Some(t) = &t {
        if t.chars().count() > max {
            return Err(CoreError::validation(
                field,
                format!("{label}不能超过 {max} 个字，请精简。"),
            ));
        }
    }
    Ok(t)
}

pub(crate) fn no_later_than_today(
    field: &str,
    label: &str,
    d: NaiveDate,
    today: NaiveDate,
) -> Result<()> {
    if d > today {
        return Err(CoreError::validation(
            field,
            format!(
                "{label}不能晚于今天（{}），请登记已发生的事。",
                dates::text(today)
            ),
        ));
    }
    Ok(())
}

/// Rejects a list that names the same person twice.
pub(crate) fn no_repeats(conn: &Connection, field: &str, ids: &[i64]) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    for id in ids {
        if !seen.insert(*id) {
            let name: String = conn
                .query_row("SELECT name FROM workers WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .unwrap_or_else(|| format!("编号 {id}"));
            return Err(CoreError::validation(
                field,
                format!("{name}被选了两次，请去掉重复的一行。"),
            ));
        }
    }
    Ok(())
}
