//! Ordered, append-only migrations tracked in `PRAGMA user_version`. Never edit a shipped
//! migration: add a new one at the end.

use crate::error::{CoreError, Result};
use rusqlite::Connection;

pub struct Migration {
    pub description: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        description: "街道设置、社区、人员、职业资格、退出与审计日志",
        sql: include_str!("schema_v1.sql"),
    },
    Migration {
        description:
            "培训班次、参训记录、个人培训，体检、走访慰问、关爱活动、困难诉求；审计日志增加记录类别",
        sql: include_str!("schema_v2.sql"),
    },
    Migration {
        description: "岗位等级方案、岗位等级记录、年度考核、薪酬标准；人员增加中断社区工作信息；审计日志增加记录类别",
        sql: include_str!("schema_v3.sql"),
    },
    Migration {
        description: "退出原因增加合同到期不续签、试用期不予录用；审计日志增加任职经历、学历经历、书记备案、劳动合同、试用期考核、借调",
        sql: include_str!("schema_v4.sql"),
    },
    Migration {
        description: "任职经历（社区、人员类别、职务的变动）、学历经历、书记备案；现有人员的当前信息成为其第一条记录，自入职时间起",
        sql: include_str!("schema_v5.sql"),
    },
    Migration {
        description: "借调登记",
        sql: include_str!("schema_v6.sql"),
    },
    Migration {
        description: "劳动合同（含续签、终止、解除）、试用期考核",
        sql: include_str!("schema_v7.sql"),
    },
    Migration {
        description: "职业资格的取得时间可以暂缺（已取得、日期未填）",
        sql: include_str!("schema_v8.sql"),
    },
    Migration {
        description: "晋级测算的写入记录（可撤销最近一次写入）",
        sql: include_str!("schema_v9.sql"),
    },
];

pub(crate) fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

pub(crate) fn check_not_newer(found: i64, supported: usize) -> Result<()> {
    if found > supported as i64 {
        return Err(CoreError::TooNew {
            found,
            supported: supported as i64,
        });
    }
    Ok(())
}

pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_with(conn, MIGRATIONS)
}

/// Applies every migration after the file's version, all in one transaction: either the
/// file reaches the newest version or it stays exactly as it was.
pub fn migrate_with(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let version = current_version(conn)?;
    check_not_newer(version, migrations.len())?;
    let tx = conn.transaction()?;
    for m in &migrations[version as usize..] {
        tx.execute_batch(m.sql)?;
    }
    tx.pragma_update(None, "user_version", migrations.len() as i64)?;
    tx.commit()?;
    Ok(())
}
