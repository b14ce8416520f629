//! 删除(误录): takes a worker id; gives why the record must stay (for the person page, before
//! the clerk asks) or deletes it, audited.
//!
//! A worker who leaves is never deleted (DOMAIN; 第9条 archives): deletion exists only for a
//! record entered by mistake, and "entered by mistake, with no history" means nothing has
//! happened to the person in the ledger beyond the record itself — no exit, no grade record,
//! no annual assessment, no training (a class attended or training elsewhere) and no care
//! record (check-up, holiday visit, care activity, difficulty). Each of these is a dated
//! event that reports may already have carried upward.
//!
//! Certificates do not keep a record: they are typed in with the person (the same form, the
//! same import row), so a mistaken person's certificate is the same mistake and goes with it.
//! The audit trail keeps everything, the deletion included.

use super::{fields, get};
use crate::audit::{self, Action, Channel, Entity};
use crate::error::{CoreError, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};

/// The records that keep a person, by table, with what the clerk calls them. Every table with
/// a `worker_id` is here or in [`WITH_THE_RECORD`] (a test checks it): a new one must choose.
const HISTORY: &[(&str, &str)] = &[
    ("exits", "退出记录"),
    ("grade_records", "岗位等级记录"),
    ("assessments", "年度考核"),
    ("training_attendance", "参训记录"),
    ("training_external", "个人培训记录"),
    ("checkup_attendees", "体检记录"),
    ("holiday_visits", "走访慰问记录"),
    ("care_participants", "关爱活动记录"),
    ("difficulties", "困难诉求"),
    ("secondments", "借调记录"),
    ("secretary_filings", "书记备案"),
    ("contracts", "劳动合同"),
    ("probation_reviews", "试用期考核"),
];

/// Records typed in with the person, deleted with a mistaken entry. The first post and
/// education records are the form's own fields (任职经历 starts with them).
const WITH_THE_RECORD: &[&str] = &["certificates", "post_records", "education_records"];

/// Of the records above, those past the first are dated changes: history that keeps a person.
const CHANGES: &[(&str, &str)] = &[
    ("post_records", "任职变动记录"),
    ("education_records", "学历变更记录"),
];

/// What the person already has, e.g. ["退出记录", "参训记录 2 条"] (empty: deletable).
fn history_held(conn: &Connection, id: i64) -> Result<Vec<String>> {
    let mut held = Vec::new();
    for (table, label) in HISTORY {
        let n: i64 = conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE worker_id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        match n {
            0 => {}
            1 => held.push((*label).to_string()),
            n => held.push(format!("{label} {n} 条")),
        }
    }
    for (table, label) in CHANGES {
        let n: i64 = conn.query_row(
            &format!("SELECT max(count(*) - 1, 0) FROM {table} WHERE worker_id = ?1"),
            [id],
            |r| r.get(0),
        )?;
        match n {
            0 => {}
            1 => held.push((*label).to_string()),
            n => held.push(format!("{label} {n} 条")),
        }
    }
    Ok(held)
}

/// Why 删除(误录) is refused for this person, in the words core refuses with, or None when the
/// record may be deleted.
pub fn delete_refusal(conn: &Connection, id: i64, name: &str) -> Result<Option<String>> {
    let held = history_held(conn, id)?;
    if held.is_empty() {
        return Ok(None);
    }
    let what_to_do = if held.iter().any(|h| h == HISTORY[0].1) {
        "退出的人员不删除，记录连同退出日期和原因一直保留；信息录错请点“编辑”改正，退出登记有误请“修改退出”或“撤销退出”。"
    } else {
        "人员离开请点“登记退出”，记录会一直保留；信息录错请点“编辑”改正；确属误录的，请先删除上述记录再删除此人。"
    };
    Ok(Some(format!(
        "不能删除“{name}”：此人已有{}，不是误录的记录，台账要保留。{what_to_do}",
        held.join("、")
    )))
}

/// Deletes a record entered by mistake, with its certificates; refused (Conflict, with what
/// to do instead) when the person has any history ([`delete_refusal`]). Audited.
pub fn delete(tx: &Transaction, channel: &Channel, id: i64, today: NaiveDate) -> Result<()> {
    let old = get(tx, id, today)?;
    if let Some(message) = delete_refusal(tx, id, &old.input.name)? {
        return Err(CoreError::conflict(None, message));
    }
    for table in WITH_THE_RECORD {
        tx.execute(&format!("DELETE FROM {table} WHERE worker_id = ?1"), [id])?;
    }
    tx.execute("DELETE FROM workers WHERE id = ?1", [id])?;
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Worker,
            entity_id: Some(id),
            worker_id: Some(id),
            action: Action::Delete,
            summary: &format!("{}（误录删除）", old.input.name),
            changes: audit::diff(Some(&fields(&old.input, &old.community_name)), None),
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table that refers to a person and is in neither list would make deleting fail on its
    /// foreign key, or silently leave a record behind.
    #[test]
    fn every_table_about_a_person_is_history_or_goes_with_the_record() {
        let conn = crate::store::open_in_memory().expect("ledger");
        let mut stmt = conn
            .prepare(
                "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' AND p.name = 'worker_id' AND m.name <> 'audit_log'",
            )
            .expect("stmt");
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .expect("q")
            .map(|r| r.expect("row"))
            .collect();
        assert!(tables.len() >= HISTORY.len(), "{tables:?}");
        for t in &tables {
            assert!(
                HISTORY.iter().any(|(h, _)| h == t) || WITH_THE_RECORD.contains(&t.as_str()),
                "{t}: history that keeps a person, or deleted with a mistaken entry?"
            );
        }
        for (h, _) in HISTORY {
            assert!(tables.iter().any(|t| t == h), "{h} is a table");
        }
    }
}
