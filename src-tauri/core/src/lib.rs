//! 社工台账 core: the ledger of one street office's community workers, with no dependency on
//! the desktop shell. Reading order follows the data: `store` -> `vocab`/`idcard` ->
//! `settings`, `communities`, `workers` -> `staffing`, `stats`, `training`, `care`,
//! `grades` -> `demo`.
//!
//! Reads take `&Connection`; writes take a `&Transaction` (see [`write`]), so every change
//! and its audit row commit together or not at all.

pub mod audit;
pub mod bindings;
pub mod care;
pub mod clock;
pub mod communities;
pub mod contracts;
pub mod dates;
pub mod demo;
pub mod error;
pub mod fill;
pub mod grades;
pub mod idcard;
pub mod import;
mod kv;
pub mod reminders;
pub mod reports;
pub mod secondments;
pub mod settings;
pub mod staffing;
pub mod stats;
pub mod store;
pub mod text;
pub mod training;
pub mod vocab;
pub mod workers;

pub use error::{CoreError, ErrorDto, Result};
pub use rusqlite::{self, Connection, Transaction};

/// Runs `f` in one transaction: committed if it returns Ok, rolled back otherwise.
pub fn write<T>(conn: &mut Connection, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
    let tx = conn.transaction()?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}
