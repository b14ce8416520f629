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
        "台账文件已损坏，无法读取（{0}）。文件没有被改动；请从备份恢复，或把文件交给技术人员检查。"
    )]
    Damaged(String),
    #[error("数据库错误：{0}。数据未被修改，请重试；如果反复出现，请联系技术支持并提供此信息。")]
    Db(#[from] rusqlite::Error),
    #[error("文件读写失败：{0}。请检查磁盘空间和文件权限后重试。")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, CoreError>;

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
