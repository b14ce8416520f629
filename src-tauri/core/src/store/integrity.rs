//! The weekly full check: `PRAGMA integrity_check` reads every page and every index of the
//! ledger (the backups' `quick_check` skips the indexes' agreement with their tables). It
//! runs on its own connection, so the app can do it in the background while the clerk
//! works; its result is kept in the ledger's settings for the 设置 page.

use crate::error::Result;
use crate::kv;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// How often the full check runs: at the first start after this many days.
pub const CHECK_EVERY_DAYS: i64 = 7;
const KEY: &str = "integrity_check";

/// What the last full check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IntegrityCheck {
    /// Local time, YYYY-MM-DD HH:MM.
    pub checked_at: String,
    pub ok: bool,
    /// What SQLite reported (the first few findings), when not ok.
    pub problem: Option<String>,
}

/// The last full check, if one was ever run.
pub fn last_check(conn: &Connection) -> Result<Option<IntegrityCheck>> {
    Ok(serde_json::from_str(&kv::get(conn, KEY)?).ok())
}

/// Whether the full check is due on `today`: never run, or run [`CHECK_EVERY_DAYS`] ago.
pub fn check_due(conn: &Connection, today: NaiveDate) -> Result<bool> {
    Ok(last_check(conn)?
        .and_then(|c| NaiveDateTime::parse_from_str(&c.checked_at, "%Y-%m-%d %H:%M").ok())
        .is_none_or(|at| (today - at.date()).num_days() >= CHECK_EVERY_DAYS))
}

/// Runs the full check of the ledger file at `path` on a connection of its own (the open
/// ledger's connection is not held meanwhile).
pub fn check_file(path: &Path, at: NaiveDateTime) -> IntegrityCheck {
    let found =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).and_then(|conn| {
            let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<String>>>();
            rows
        });
    let (ok, problem) = match found {
        Ok(rows) if rows == ["ok"] => (true, None),
        Ok(rows) => (false, Some(rows.join("；"))),
        Err(e) => (false, Some(e.to_string())),
    };
    IntegrityCheck {
        checked_at: at.format("%Y-%m-%d %H:%M").to_string(),
        ok,
        problem,
    }
}

/// Keeps the result in the ledger's settings.
pub fn record_check(conn: &mut Connection, check: &IntegrityCheck) -> Result<()> {
    let json = serde_json::to_string(check)
        .map_err(|e| crate::CoreError::Io(std::io::Error::other(e.to_string())))?;
    crate::write(conn, |tx| kv::put(tx, KEY, &json))
}
