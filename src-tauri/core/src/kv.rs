//! The `settings` table as plain key-value rows: takes a key, gives its text ("" when the key
//! was never saved), and saves a key's text. `settings` (the office's details, each feature's
//! rules as JSON) and `audit` (who the operator is) both read the table through here, so
//! neither has to import the other.

use crate::error::Result;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The key of 当前操作员: written by the settings page, read by the audit trail.
pub(crate) const OPERATOR: &str = "operator";

/// The text saved under `key`, or "" when none was saved.
pub(crate) fn get(conn: &Connection, key: &str) -> Result<String> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_default())
}

/// Saves `value` under `key`, replacing what was there.
pub(crate) fn put(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}
