//! One error type for the whole core. Every message a clerk can see is Chinese and says
//! what to do; the UI switches on [`CoreError::kind`], never on the text.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{message}")]
    NotFound { message: String },
    /// A value the clerk typed is wrong; `field` names the form field (camelCase, as in the DTO).
    #[error("{message}")]
    Validation { field: String, message: String },
    /// The change clashes with what is already saved (a duplicate ID number, a name in use).
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    /// A spreadsheet row that cannot be imported (used by the import feature).
    #[error("第 {row} 行「{column}」列：{message}")]
    Import {
        row: usize,
        column: String,
        message: String,
    },
    /// The ledger file was written by a newer version of the program.
    #[error(
        "台账文件的版本（{found}）比本程序支持的版本（{supported}）新，请升级社工台账后再打开。"
    )]
    TooNew { found: i64, supported: i64 },
    /// The ledger file is not a readable database (the disk garbled it, or it is another
    /// kind of file under the ledger's name).
    #[error(
        "台账文件已损坏，无法读取（{0}）。文件没有被改动；请从备份恢复（“设置”页的备份列表，或命令行 shegong restore），或把文件交给技术人员检查。"
    )]
    Damaged(String),
    /// Another program or window holds the ledger's write lock past the busy timeout.
    #[error(
        "台账正被另一个窗口或程序使用（例如另一个社工台账窗口、命令行工具或正在复制它的程序），这次操作没有保存。请关闭另一个窗口或等它完成后再试。"
    )]
    Busy,
    #[error("数据库错误：{0}。数据未被修改，请重试；如果反复出现，请联系技术支持并提供此信息。")]
    Db(rusqlite::Error),
    #[error("文件读写失败：{0}。请检查磁盘空间和文件权限后重试。")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, CoreError>;

/// SQLite's own words are English and say "retry": the errors a clerk can act on get their
/// kind here, wherever they happen (not only when the ledger is opened). A page the disk
/// garbled is found by the query that reads it, mid-session.
impl From<rusqlite::Error> for CoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseBusy, DatabaseCorrupt, DatabaseLocked, NotADatabase};
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                NotADatabase => CoreError::Damaged("不是有效的数据库文件".into()),
                DatabaseCorrupt => CoreError::Damaged("数据库文件的结构已损坏".into()),
                DatabaseBusy | DatabaseLocked => CoreError::Busy,
                _ => CoreError::Db(e),
            },
            _ => CoreError::Db(e),
        }
    }
}

impl CoreError {
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        CoreError::Validation {
            field: field.to_string(),
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        CoreError::NotFound {
            message: message.into(),
        }
    }

    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> Self {
        CoreError::Conflict {
            field: field.map(str::to_string),
            message: message.into(),
        }
    }

    /// A validation error about a record already saved, reported against `field` of the
    /// form being edited with `hint` (what to do) appended; other errors are unchanged.
    pub fn moved_to(self, field: &str, hint: &str) -> Self {
        match self {
            CoreError::Validation { message, .. } => {
                CoreError::validation(field, format!("{message}{hint}"))
            }
            other => other,
        }
    }

    /// A stable machine-readable name for the UI to switch on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::NotFound { .. } => ErrorKind::NotFound,
            CoreError::Validation { .. } => ErrorKind::Validation,
            CoreError::Conflict { .. } => ErrorKind::Conflict,
            CoreError::Import { .. } => ErrorKind::Import,
            CoreError::TooNew { .. } => ErrorKind::TooNew,
            CoreError::Damaged(_) => ErrorKind::Damaged,
            CoreError::Busy => ErrorKind::Busy,
            CoreError::Db(_) => ErrorKind::Db,
            CoreError::Io(_) => ErrorKind::Io,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Validation { field, .. } => Some(field),
            CoreError::Conflict { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// The serialisable form sent across the IPC boundary.
    pub fn to_dto(&self) -> ErrorDto {
        ErrorDto {
            kind: self.kind(),
            message: self.to_string(),
            field: self.field().map(str::to_string),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ErrorKind {
    NotFound,
    Validation,
    Conflict,
    Import,
    TooNew,
    /// The ledger file is damaged: the only error a backup is offered for at start.
    Damaged,
    /// Another window or program holds the ledger: close it and try again.
    Busy,
    Db,
    Io,
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorDto {
    pub kind: ErrorKind,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
