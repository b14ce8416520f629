//! The open ledger, shared by all commands. One connection writes (behind a mutex: one
//! clerk, one writer); the pages' queries go to a small pool of read-only connections, and a
//! long export opens one of its own, so a write, an import's commit or an export never holds
//! up the other pages (WAL mode: readers see the last committed state). A ledger that could
//! not be opened is kept as its error (every command answers with it, so the window can show
//! it), until the clerk recovers it from a backup; then the recovered ledger takes its place.

use shegong_core::{audit::Channel, store, Connection, CoreError, ErrorDto, Transaction};
use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

pub struct Ledger {
    /// The writer: every change, and reads that must see a change not yet committed.
    conn: Mutex<Connection>,
    /// Read-only connections for the pages' queries: the home page asks four things at
    /// once, and two cores answer two of them together.
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// [`Ledger::read_cached`]'s answers: by question, with the reader and its data_version.
    cache: Mutex<HashMap<String, CachedAnswer>>,
    path: PathBuf,
}

type CachedAnswer = ((usize, i64), Arc<dyn Any + Send + Sync>);

/// How many read-only connections the pages share.
const READERS: usize = 2;

fn busy() -> ErrorDto {
    CoreError::Io(std::io::Error::other("台账正被另一个操作占用，请稍后重试")).to_dto()
}

impl Ledger {
    /// Opens and migrates the ledger, then takes the day's automatic backup.
    pub fn open(path: PathBuf) -> Result<Ledger, CoreError> {
        let conn = store::open(&path)?;
        Ledger::with(conn, path)
    }

    fn with(conn: Connection, path: PathBuf) -> Result<Ledger, CoreError> {
        store::daily_backup(&conn, &path, shegong_core::clock::today())?;
        let readers = (0..READERS)
            .map(|_| store::open_reader(&path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(Ledger {
            conn: Mutex::new(conn),
            readers,
            next_reader: AtomicUsize::new(0),
            cache: Mutex::new(HashMap::new()),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts the weekly full check (完整检查) in the background when it is due: it reads the
    /// file on a connection of its own, so the window is never held; only its result is
    /// written through the ledger's connection.
    fn start_weekly_check(ledger: &Arc<Ledger>) {
        let due = ledger
            .read(|conn| store::integrity::check_due(conn, shegong_core::clock::today()))
            .unwrap_or(false);
        if !due {
            return;
        }
        let ledger = Arc::clone(ledger);
        std::thread::spawn(move || {
            let found = store::integrity::check_file(&ledger.path, shegong_core::clock::now());
            let _ = ledger.with_conn(|conn| store::integrity::record_check(conn, &found));
        });
    }

    /// A read-only connection: a free one if there is, else the next in turn; with its index.
    fn reader(&self) -> Result<(usize, MutexGuard<'_, Connection>), ErrorDto> {
        if let Some(free) = self
            .readers
            .iter()
            .enumerate()
            .find_map(|(i, r)| r.try_lock().ok().map(|c| (i, c)))
        {
            return Ok(free);
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        Ok((i, self.readers[i].lock().map_err(|_| busy())?))
    }

    /// A query on a read-only connection.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&Connection) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let (_, conn) = self.reader()?;
        f(&conn).map_err(|e| e.to_dto())
    }

    /// A summary that takes long on a large ledger (the home page's figures), answered again
    /// from memory while nothing has been committed since: SQLite's `data_version` on a
    /// read-only connection changes with every commit by any connection or program (the
    /// window, the command line), so a change anywhere recomputes it. `key` names the
    /// question and its date.
    pub fn read_cached<T: Clone + Send + Sync + 'static>(
        &self,
        key: String,
        f: impl FnOnce(&Connection) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let (i, conn) = self.reader()?;
        let version: i64 = conn
            .pragma_query_value(None, "data_version", |r| r.get(0))
            .map_err(|e| CoreError::from(e).to_dto())?;
        let stamp = (i, version);
        if let Ok(cache) = self.cache.lock() {
            if let Some((at, value)) = cache.get(&key) {
                if *at == stamp {
                    if let Some(hit) = value.downcast_ref::<T>() {
                        return Ok(hit.clone());
                    }
                }
            }
        }
        let value = f(&conn).map_err(|e| e.to_dto())?;
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(key, (stamp, Arc::new(value.clone())));
        }
        Ok(value)
    }

    /// A long read (an export, a print) on a read-only connection of its own, so the pages'
    /// queries and the clerk's changes go on while it runs. It reads one consistent state:
    /// the export is a single snapshot even if a change is saved meanwhile.
    pub fn read_alone<T>(
        &self,
        f: impl FnOnce(&Connection) -> shegong_core::Result<T>,
    ) -> Result<T, ErrorDto> {
        let run = || {
            let mut conn = store::open_reader(&self.path)?;
            let tx = conn.transaction()?;
            let out = f(&tx)?;
            tx.finish()?;
            Ok(out)
        };
        run().map_err(|e: CoreError| e.to_dto())
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

/// Where the ledger is, and the ledger or why it could not be opened (a file from a newer
/// version, a damaged or locked file).
pub struct LedgerState {
    path: Result<PathBuf, ErrorDto>,
    open: RwLock<Result<Arc<Ledger>, ErrorDto>>,
    /// What the clerk is told about the ledger's location this once (a move out of the
    /// roaming folder at start); see store::location.
    notice: Option<String>,
}

impl LedgerState {
    pub fn open(path: Result<PathBuf, ErrorDto>) -> LedgerState {
        LedgerState::open_with_notice(path, None)
    }

    pub fn open_with_notice(
        path: Result<PathBuf, ErrorDto>,
        notice: Option<String>,
    ) -> LedgerState {
        let open = path
            .clone()
            .and_then(|p| Ledger::open(p).map(Arc::new).map_err(|e| e.to_dto()));
        if let Ok(ledger) = &open {
            Ledger::start_weekly_check(ledger);
        }
        LedgerState {
            path,
            open: RwLock::new(open),
            notice,
        }
    }

    /// Why the ledger is not open, if it is not.
    pub fn problem(&self) -> Option<ErrorDto> {
        match self.open.read() {
            Ok(open) => open.as_ref().err().cloned(),
            Err(_) => Some(busy()),
        }
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.clone()
    }

    /// Moves the open ledger into `dir` on the local disk (store::location::move_ledger): the
    /// connection is checkpointed and closed first, and stays closed after a move (the window
    /// restarts the app on the new ledger); after a failed one the old ledger is opened again.
    pub fn move_to(
        &self,
        dir: &Path,
        channel: &Channel,
    ) -> Result<store::location::Moved, ErrorDto> {
        let mut open = self.open.write().map_err(|_| busy())?;
        let from = self.path()?.to_path_buf();
        if let Ok(ledger) = &*open {
            ledger.with_conn(|conn| {
                conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
                    .map_err(CoreError::from)
            })?;
        }
        *open = Err(CoreError::Io(std::io::Error::other(
            "台账正在搬到本机磁盘，搬好后社工台账会重新启动",
        ))
        .to_dto());
        let local = store::location::local_dir().ok_or_else(|| {
            CoreError::Io(std::io::Error::other("找不到本机的应用数据文件夹")).to_dto()
        })?;
        match store::location::move_ledger(&from, dir, &local, channel, shegong_core::clock::now())
        {
            Ok(moved) => Ok(moved),
            Err(e) => {
                *open = Ledger::open(from).map(Arc::new).map_err(|e| e.to_dto());
                Err(e.to_dto())
            }
        }
    }

    /// The ledger file's path, known even when it could not be opened.
    pub fn path(&self) -> Result<&Path, ErrorDto> {
        self.path.as_deref().map_err(Clone::clone)
    }

    /// Replaces a damaged ledger with the backup `file_name` (the damaged file is set aside in
    /// the backups folder) and opens it. Refused while the ledger is open (restore it from the
    /// 设置 page instead) and for any other reason it could not be opened: a newer version
    /// needs an upgrade, a locked or unreadable file needs the other program closed or the
    /// permissions fixed (putting an older copy in its place would lose the newer data).
    pub fn recover(
        &self,
        file_name: &str,
        channel: &Channel,
    ) -> Result<store::RestoreResult, ErrorDto> {
        let mut open = self.open.write().map_err(|_| busy())?;
        match &*open {
            Ok(_) => {
                return Err(CoreError::conflict(
                    None,
                    "台账已经打开，请在“设置”页的备份列表中恢复。",
                )
                .to_dto())
            }
            Err(e) if e.kind != shegong_core::error::ErrorKind::Damaged => return Err(e.clone()),
            Err(_) => {}
        }
        let path = self.path()?.to_path_buf();
        let (conn, done) =
            store::recover_ledger(&path, file_name, channel).map_err(|e| e.to_dto())?;
        *open = Ok(Arc::new(Ledger::with(conn, path).map_err(|e| e.to_dto())?));
        Ok(done)
    }
}

/// The ledger from Tauri's managed state, or the error it failed to open with.
pub fn ledger(state: &tauri::State<'_, LedgerState>) -> Result<Arc<Ledger>, ErrorDto> {
    match state.inner().open.read() {
        Ok(open) => open.clone(),
        Err(_) => Err(busy()),
    }
}
