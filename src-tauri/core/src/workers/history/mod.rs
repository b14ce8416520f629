//! 任职经历: a person's record over time. Each change of 所在社区, 人员类别, 职务 (and 具体岗位)
//! is a dated post record, each 学历 has its 取得时间, and a 书记's filing with the county
//! organisation department (书记备案) belongs to the record that began the tenure.
//!
//! - the first post and education records are what the person was hired with, dated 入职时间
//!   (they move with it); later ones are changes with a date, never overwrites;
//! - the worker row keeps the newest values (`sync_cache`), so a question about today reads
//!   the row, and one "as of D" reads [`table`];
//! - `posts`, `education` and `filings` check and write each kind, audited.

mod as_of;
mod education;
mod filings;
mod posts;

pub use as_of::table;
pub use education::{add_education, correct_education, delete_education, EducationInput};
pub use filings::{file_secretary, remove_filing, unfiled_secretaries, FilingInput, Unfiled};
pub use posts::{add_post, correct_post, delete_post, PostChangeInput};

use super::WorkerInput;
use crate::audit::{self, Action, Channel, Entity};
use crate::dates;
use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{named_params, params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use ts_rs::TS;

/// One post record as the history shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PostRecord {
    pub id: i64,
    /// From this day.
    pub effective_on: String,
    /// The last day (the day before the next record), or null while it is current.
    pub ended_on: Option<String>,
    pub community_id: i64,
    pub community_name: String,
    pub category: String,
    pub position: String,
    pub post_detail: Option<String>,
    /// 入职 for the first record; 选举 / 聘任 / 调整 / 交流 for a change.
    pub reason: String,
    pub doc_no: Option<String>,
    pub remarks: Option<String>,
    /// The first record: dated 入职时间, not deleted.
    pub is_first: bool,
    /// This record begins a 书记 tenure, which is filed with the county (书记备案).
    pub starts_secretary_tenure: bool,
    pub filing: Option<Filing>,
}

/// A 书记备案 as stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Filing {
    pub id: i64,
    pub filed_on: String,
    pub filed_with: String,
    pub doc_no: Option<String>,
    pub remarks: Option<String>,
}

/// One 学历 record: the highest held from 取得时间 on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EducationRecord {
    pub id: i64,
    pub obtained_on: String,
    pub education: String,
    pub full_time_education: Option<bool>,
    pub school: Option<String>,
    pub major: Option<String>,
    pub remarks: Option<String>,
    pub is_first: bool,
}

/// A person's 任职经历 and 学历经历, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct History {
    pub worker_id: i64,
    pub name: String,
    pub hired_on: String,
    pub posts: Vec<PostRecord>,
    pub education: Vec<EducationRecord>,
}

fn day_before(text: &str) -> Option<String> {
    text.parse::<NaiveDate>()
        .ok()
        .and_then(|d| d.pred_opt())
        .map(dates::text)
}

fn is_secretary(position: &str) -> bool {
    crate::vocab::SECRETARY_POSTS.contains(&position)
}

/// The person with this ID number (spaces and a lower-case x forgiven).
pub fn worker_by_id_number(conn: &Connection, id_number: &str) -> Result<i64> {
    let wanted = crate::text::compact_ascii(id_number).to_uppercase();
    conn.query_row(
        "SELECT id FROM workers WHERE id_number = ?1",
        [&wanted],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        CoreError::not_found(format!(
            "台账中没有身份证号为 {wanted} 的人员，请核对号码。"
        ))
    })
}

pub fn history(conn: &Connection, worker_id: i64) -> Result<History> {
    let (name, hired_on): (String, String) = conn
        .query_row(
            "SELECT name, hired_on FROM workers WHERE id = ?1",
            [worker_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新列表。"))?;
    let mut stmt = conn.prepare(
        "SELECT p.id, p.effective_on, p.community_id, c.name, p.category, p.position,
            p.post_detail, p.reason, p.doc_no, p.remarks,
            f.id, f.filed_on, f.filed_with, f.doc_no, f.remarks
         FROM post_records p JOIN communities c ON c.id = p.community_id
         LEFT JOIN secretary_filings f ON f.post_record_id = p.id
         WHERE p.worker_id = ?1 ORDER BY p.effective_on",
    )?;
    let mut posts: Vec<PostRecord> = stmt
        .query_map([worker_id], |r| {
            let filing_id: Option<i64> = r.get(10)?;
            Ok(PostRecord {
                id: r.get(0)?,
                effective_on: r.get(1)?,
                ended_on: None,
                community_id: r.get(2)?,
                community_name: r.get(3)?,
                category: r.get(4)?,
                position: r.get(5)?,
                post_detail: r.get(6)?,
                reason: r.get(7)?,
                doc_no: r.get(8)?,
                remarks: r.get(9)?,
                is_first: false,
                starts_secretary_tenure: false,
                filing: match filing_id {
                    None => None,
                    Some(id) => Some(Filing {
                        id,
                        filed_on: r.get(11)?,
                        filed_with: r.get(12)?,
                        doc_no: r.get(13)?,
                        remarks: r.get(14)?,
                    }),
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for i in 0..posts.len() {
        posts[i].is_first = i == 0;
        posts[i].ended_on = posts.get(i + 1).and_then(|n| day_before(&n.effective_on));
        posts[i].starts_secretary_tenure =
            is_secretary(&posts[i].position) && (i == 0 || !same_tenure(&posts[i - 1], &posts[i]));
    }
    let mut stmt = conn.prepare(
        "SELECT id, obtained_on, education, full_time_education, school, major, remarks
         FROM education_records WHERE worker_id = ?1 ORDER BY obtained_on",
    )?;
    let education = stmt
        .query_map([worker_id], |r| {
            Ok(EducationRecord {
                id: r.get(0)?,
                obtained_on: r.get(1)?,
                education: r.get(2)?,
                full_time_education: r.get(3)?,
                school: r.get(4)?,
                major: r.get(5)?,
                remarks: r.get(6)?,
                is_first: false,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .enumerate()
        .map(|(i, e)| EducationRecord {
            is_first: i == 0,
            ..e
        })
        .collect();
    Ok(History {
        worker_id,
        name,
        hired_on,
        posts,
        education,
    })
}

/// A 书记 tenure goes on through a record that keeps the person 书记 of the same community
/// (a new 具体岗位, 书记 → 书记兼主任); the filing belongs to the record that began it.
fn same_tenure(previous: &PostRecord, next: &PostRecord) -> bool {
    is_secretary(&previous.position) && previous.community_id == next.community_id
}

/// The first records of a new person: what they were hired with, dated 入职时间.
pub(crate) fn record_first(tx: &Transaction, worker_id: i64, w: &WorkerInput) -> Result<()> {
    tx.execute(
        "INSERT INTO post_records (worker_id, effective_on, community_id, category, position,
            post_detail, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '入职')",
        params![
            worker_id,
            w.hired_on,
            w.community_id,
            w.category,
            w.position,
            w.post_detail
        ],
    )?;
    tx.execute(
        "INSERT INTO education_records (worker_id, obtained_on, education, full_time_education,
            school, major)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            worker_id,
            w.hired_on,
            w.education,
            w.full_time_education,
            w.school,
            w.major
        ],
    )?;
    Ok(())
}

/// Rewrites the worker row's dated columns from the newest records (the cache `table`
/// relies on).
pub(crate) fn sync_cache(tx: &Transaction, worker_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE workers SET
            (community_id, category, position, post_detail) =
                (SELECT community_id, category, position, post_detail FROM post_records
                 WHERE worker_id = :id ORDER BY effective_on DESC LIMIT 1),
            (education, full_time_education, school, major) =
                (SELECT education, full_time_education, school, major FROM education_records
                 WHERE worker_id = :id ORDER BY obtained_on DESC LIMIT 1)
         WHERE id = :id
           AND EXISTS (SELECT 1 FROM post_records WHERE worker_id = :id)
           AND EXISTS (SELECT 1 FROM education_records WHERE worker_id = :id)",
        named_params! {":id": worker_id},
    )?;
    Ok(())
}

/// The first records follow 入职时间 when the clerk corrects it; a new 入职时间 on or after
/// a later change is refused (the change would then precede the hiring).
fn move_first(tx: &Transaction, worker_id: i64, old: &str, new: &str) -> Result<()> {
    if old == new {
        return Ok(());
    }
    for (table, column, what) in [
        ("post_records", "effective_on", "任职"),
        ("education_records", "obtained_on", "学历"),
    ] {
        let second: Option<String> = tx
            .query_row(
                &format!(
                    "SELECT {column} FROM {table} WHERE worker_id = ?1 ORDER BY {column}
                     LIMIT 1 OFFSET 1"
                ),
                [worker_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(second) = second.filter(|s| s.as_str() <= new) {
            return Err(CoreError::validation(
                "hiredOn",
                format!(
                    "入职时间不能晚于{what}经历中 {second} 的变动。请先在“任职经历”中更正或删除那条记录，再改入职时间。"
                ),
            ));
        }
        tx.execute(
            &format!(
                "UPDATE {table} SET {column} = ?2 WHERE worker_id = ?1
                   AND {column} = (SELECT min({column}) FROM {table} WHERE worker_id = ?1)"
            ),
            params![worker_id, new],
        )?;
    }
    Ok(())
}

/// What `workers::update` does with the dated fields: the first records follow 入职时间,
/// and a changed 社区/类别/职务/具体岗位 or 学历 becomes a record dated `changes_on`
/// (or corrects the record of that day; after an exit, the record in force at the exit).
pub(crate) fn on_worker_update(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    old: &WorkerInput,
    new: &WorkerInput,
    changes_on: NaiveDate,
    exit_date: Option<&str>,
) -> Result<()> {
    move_first(tx, worker_id, &old.hired_on, &new.hired_on)?;
    let day = {
        let d = dates::text(changes_on).max(new.hired_on.clone());
        match exit_date {
            Some(exit) if d.as_str() > exit => exit.to_string(),
            _ => d,
        }
    };
    posts::follow_form(tx, channel, worker_id, new, &day)?;
    education::follow_form(tx, channel, worker_id, new, &day)
}

/// The worker's name, 入职时间 and exit date, for the checks and the audit summary.
struct Owner {
    name: String,
    hired_on: String,
    exit_date: Option<String>,
}

fn owner(conn: &Connection, worker_id: i64) -> Result<Owner> {
    conn.query_row(
        "SELECT w.name, w.hired_on, e.exit_date FROM workers w
         LEFT JOIN exits e ON e.worker_id = w.id WHERE w.id = ?1",
        [worker_id],
        |r| {
            Ok(Owner {
                name: r.get(0)?,
                hired_on: r.get(1)?,
                exit_date: r.get(2)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新列表。"))
}

/// The date of a change (not the first record): after 入职时间, not after today, before an
/// exit, and no other record of the kind on that day.
fn check_change_date(
    conn: &Connection,
    o: &Owner,
    (table, column, what): (&str, &str, &str),
    worker_id: i64,
    except: Option<i64>,
    date: NaiveDate,
    today: NaiveDate,
) -> Result<String> {
    let d = dates::text(date);
    if date > today {
        return Err(CoreError::validation(
            column_field(column),
            "变动日期不能晚于今天。",
        ));
    }
    if d <= o.hired_on {
        return Err(CoreError::validation(
            column_field(column),
            format!(
                "变动日期应晚于入职时间 {}；入职时的{what}请在第一条记录上更正。",
                o.hired_on
            ),
        ));
    }
    if let Some(exit) = o.exit_date.as_deref().filter(|e| d.as_str() >= *e) {
        return Err(CoreError::validation(
            column_field(column),
            format!("该人员已于 {exit} 退出，变动日期应早于退出日期。"),
        ));
    }
    let taken: bool = conn.query_row(
        &format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE worker_id = ?1 AND {column} = ?2
                AND id IS NOT ?3)"
        ),
        params![worker_id, d, except],
        |r| r.get(0),
    )?;
    if taken {
        return Err(CoreError::conflict(
            Some(column_field(column)),
            format!("{d} 已有一条{what}记录。同一天只能有一条，请更正那一条。"),
        ));
    }
    Ok(d)
}

fn column_field(column: &str) -> &'static str {
    if column == "effective_on" {
        "effectiveOn"
    } else {
        "obtainedOn"
    }
}

fn audit_record(
    tx: &Transaction,
    channel: &Channel,
    entity: Entity,
    (id, worker_id): (i64, i64),
    action: Action,
    summary: &str,
    (old, new): (Option<&audit::Fields>, Option<&audit::Fields>),
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity,
            entity_id: Some(id),
            worker_id: Some(worker_id),
            action,
            summary,
            changes: audit::diff(old, new),
        },
    )
}

/// A post as held from a date, for reports that place each event at its own date.
#[derive(Debug, Clone)]
pub(crate) struct PostAt {
    pub from: String,
    pub category: String,
    pub position: String,
    pub community_name: String,
}

/// Everyone's post records, oldest first, read once for a report.
pub(crate) struct Timeline(std::collections::HashMap<i64, Vec<PostAt>>);

impl Timeline {
    pub(crate) fn load(conn: &Connection) -> Result<Timeline> {
        let mut map: std::collections::HashMap<i64, Vec<PostAt>> = Default::default();
        let mut stmt = conn.prepare(
            "SELECT p.worker_id, p.effective_on, p.category, p.position, c.name
             FROM post_records p JOIN communities c ON c.id = p.community_id
             ORDER BY p.worker_id, p.effective_on",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            map.entry(r.get(0)?).or_default().push(PostAt {
                from: r.get(1)?,
                category: r.get(2)?,
                position: r.get(3)?,
                community_name: r.get(4)?,
            });
        }
        Ok(Timeline(map))
    }

    /// The post held on `day` (the first one for a day before it).
    pub(crate) fn at(&self, worker_id: i64, day: &str) -> Option<&PostAt> {
        let posts = self.0.get(&worker_id)?;
        posts
            .iter()
            .rfind(|p| p.from.as_str() <= day)
            .or(posts.first())
    }

    /// The changes of 人员类别 dated within [from, to]: (before, after).
    pub(crate) fn category_moves(
        &self,
        worker_id: i64,
        from: &str,
        to: &str,
    ) -> Vec<(&PostAt, &PostAt)> {
        let Some(posts) = self.0.get(&worker_id) else {
            return Vec::new();
        };
        posts
            .windows(2)
            .filter(|w| w[0].category != w[1].category)
            .filter(|w| w[1].from.as_str() >= from && w[1].from.as_str() <= to)
            .map(|w| (&w[0], &w[1]))
            .collect()
    }
}
