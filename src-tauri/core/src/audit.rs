//! The audit trail: every change to a record is written, in the same transaction as the
//! change, with who (the operator in settings), when, from where, and each field old -> new.

use crate::error::Result;
use crate::kv;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The operator recorded when none has been set yet.
pub const DEFAULT_OPERATOR: &str = "未设置操作员";

/// Who is making changes: the 当前操作员 saved in settings, or [`DEFAULT_OPERATOR`].
pub fn operator(conn: &Connection) -> Result<String> {
    let name = kv::get(conn, kv::OPERATOR)?;
    Ok(if name.is_empty() {
        DEFAULT_OPERATOR.to_string()
    } else {
        name
    })
}

/// The way a change came in (界面, 命令行, 演示数据, 导入：文件), shown as 来源 in the history. Not
/// to be confused with a worker's 来源 (`WorkerInput::source`, 高校毕业生 …). Stored in the
/// column `audit_log.source`, which keeps its first name: a rename is not worth a migration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    Ui,
    Cli,
    Demo,
    Import(String),
}

impl Channel {
    pub fn label(&self) -> String {
        match self {
            Channel::Ui => "界面".into(),
            Channel::Cli => "命令行".into(),
            Channel::Demo => "演示数据".into(),
            Channel::Import(file) => format!("导入：{file}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Settings,
    Community,
    Worker,
    Certificate,
    Exit,
    TrainingClass,
    Attendance,
    ExternalTraining,
    Checkup,
    Visit,
    CareActivity,
    Difficulty,
    GradeScheme,
    Grade,
    Assessment,
    SalaryStandard,
    PostRecord,
    EducationRecord,
    SecretaryFiling,
    Contract,
    ProbationReview,
    Secondment,
}

impl Entity {
    pub fn label(self) -> &'static str {
        match self {
            Entity::Settings => "设置",
            Entity::Community => "社区",
            Entity::Worker => "人员",
            Entity::Certificate => "职业资格",
            Entity::Exit => "退出",
            Entity::TrainingClass => "培训班次",
            Entity::Attendance => "参训记录",
            Entity::ExternalTraining => "个人培训",
            Entity::Checkup => "体检",
            Entity::Visit => "走访慰问",
            Entity::CareActivity => "关爱活动",
            Entity::Difficulty => "困难诉求",
            Entity::GradeScheme => "岗位等级方案",
            Entity::Grade => "岗位等级",
            Entity::Assessment => "年度考核",
            Entity::SalaryStandard => "薪酬标准",
            Entity::PostRecord => "任职经历",
            Entity::EducationRecord => "学历经历",
            Entity::SecretaryFiling => "书记备案",
            Entity::Contract => "劳动合同",
            Entity::ProbationReview => "试用期考核",
            Entity::Secondment => "借调",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
}

impl Action {
    fn label(self) -> &'static str {
        match self {
            Action::Create => "新增",
            Action::Update => "修改",
            Action::Delete => "删除",
        }
    }
}

/// One changed field, with its Chinese label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A record as (label, value) pairs, in display order: what the audit compares.
pub type Fields = Vec<(&'static str, Option<String>)>;

/// The fields that differ between two versions of a record (`None` for a side that does
/// not exist: creation or deletion).
pub fn diff(old: Option<&Fields>, new: Option<&Fields>) -> Vec<FieldChange> {
    let empty = Fields::new();
    let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
    let labels: Vec<&'static str> = if new.is_empty() {
        old.iter().map(|(l, _)| *l).collect()
    } else {
        new.iter().map(|(l, _)| *l).collect()
    };
    let value = |fields: &Fields, label: &str| -> Option<String> {
        fields
            .iter()
            .find(|(l, _)| *l == label)
            .and_then(|(_, v)| v.clone())
    };
    labels
        .into_iter()
        .filter_map(|label| {
            let (o, n) = (value(old, label), value(new, label));
            (o != n).then(|| FieldChange {
                field: label.to_string(),
                old: o,
                new: n,
            })
        })
        .collect()
}

pub struct Record<'a> {
    pub entity: Entity,
    pub entity_id: Option<i64>,
    pub worker_id: Option<i64>,
    pub action: Action,
    pub summary: &'a str,
    pub changes: Vec<FieldChange>,
}

/// Writes one audit row inside `tx`. An update that changed nothing writes nothing.
pub fn write(tx: &Transaction, channel: &Channel, record: Record) -> Result<()> {
    if record.action == Action::Update && record.changes.is_empty() {
        return Ok(());
    }
    let operator = operator(tx)?;
    let changes = serde_json::to_string(&record.changes).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO audit_log (at, operator, source, entity, entity_id, worker_id, action, summary, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            crate::clock::now_text(),
            operator,
            channel.label(),
            record.entity.label(),
            record.entity_id,
            record.worker_id,
            record.action.label(),
            record.summary,
            changes
        ],
    )?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub operator: String,
    /// [`Channel::label`] of the change.
    pub channel: String,
    pub entity: String,
    pub action: String,
    pub summary: String,
    pub changes: Vec<FieldChange>,
}

fn entries(
    conn: &Connection,
    filter: &str,
    arg: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditEntry>> {
    let sql = format!(
        "SELECT id, at, operator, source, entity, action, summary, changes FROM audit_log
         {filter} ORDER BY id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![arg, limit], |r| {
        let changes: String = r.get(7)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            channel: r.get(3)?,
            entity: r.get(4)?,
            action: r.get(5)?,
            summary: r.get(6)?,
            changes: serde_json::from_str(&changes).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A worker's whole history (the record itself, certificates, exit), newest first.
pub fn for_worker(conn: &Connection, worker_id: i64) -> Result<Vec<AuditEntry>> {
    entries(conn, "WHERE worker_id = ?1", Some(worker_id), i64::MAX)
}

/// The newest changes in the whole ledger.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<AuditEntry>> {
    entries(conn, "WHERE ?1 IS NULL", None, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audited_operator(conn: &mut Connection) -> String {
        let record = Record {
            entity: Entity::Settings,
            entity_id: None,
            worker_id: None,
            action: Action::Create,
            summary: "测试",
            changes: Vec::new(),
        };
        crate::write(conn, |tx| write(tx, &Channel::Cli, record)).expect("audit row");
        recent(conn, 1).expect("recent").remove(0).operator
    }

    #[test]
    fn the_operator_is_the_one_in_settings_or_the_default() {
        let mut conn = crate::store::open_in_memory().expect("ledger");
        assert_eq!(audited_operator(&mut conn), DEFAULT_OPERATOR);
        crate::write(&mut conn, |tx| kv::put(tx, kv::OPERATOR, "李四")).expect("operator");
        assert_eq!(audited_operator(&mut conn), "李四");
        assert_eq!(
            crate::settings::get(&conn).expect("settings").operator,
            "李四"
        );
    }
}
