//! The open ledger, shared by all commands. One clerk, one window: a mutex around one
//! connection is all the concurrency there is.

use shegong_core::{store, Connection, CoreError, ErrorDto, Transaction};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub struct Ledger {
    conn: Mutex<Connection>,
    path: PathBuf,
}

/// The ledger, or why it could not be opened (a file from a newer version, a locked or
/// unreadable file). Every command then answers with that error, so the window can show it.
pub type LedgerState = Result<Ledger, ErrorDto>;

fn busy() -> ErrorDto {
    CoreError::Io(std::io::Error::other("台账正被另一个操作占用，请稍后重试")).to_dto()
}

impl Ledger {
    /// Opens and migrates the ledger, then takes the day's automatic backup.
    pub fn open(path: PathBuf) -> Result<Ledger, CoreError> {
        let conn = store::open(&path)?;
        store::daily_backup(&conn, &path, shegong_core::clock::today())?;
        Ok(Ledger {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let conn = self.conn.lock().map_err(|_| busy())?;
        f(&conn).map_err(|e| e.to_dto())
    }

    /// For core functions that manage their own transaction (an import backs up first).
    pub fn with_conn<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let mut conn = self.conn.lock().map_err(|_| busy())?;
        f(&mut conn).map_err(|e| e.to_dto())
    }

    /// Runs `f` in one transaction; nothing is kept if it fails.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&Transaction) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let mut conn = self.conn.lock().map_err(|_| busy())?;
        shegong_core::write(&mut conn, f).map_err(|e| e.to_dto())
    }
}

/// The ledger from Tauri's managed state, or the error it failed to open with.
pub fn ledger<'a>(state: &'a tauri::State<'_, LedgerState>) -> Result<&'a Ledger, ErrorDto> {
    state.inner().as_ref().map_err(Clone::clone)
}
