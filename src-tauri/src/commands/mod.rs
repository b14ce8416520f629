//! Commands by area. Each is thin: arguments in, one core call, a DTO or an ErrorDto out.

pub mod care;
pub mod communities;
pub mod contracts;
pub mod grades;
pub mod history;
pub mod import;
mod names;
pub mod offsite;
pub mod reports;
pub mod secondments;
pub mod settings;
pub mod stats;
pub mod training;
pub mod workers;

pub use names::COMMANDS;

use shegong_core::audit::Channel;
use shegong_core::{dates, ErrorDto};

/// Changes made from the window are audited as coming from 界面.
pub const UI: Channel = Channel::Ui;

pub type CmdResult<T> = Result<T, ErrorDto>;

/// The as-of date a command was given, or today.
pub fn as_of(input: Option<String>) -> CmdResult<chrono::NaiveDate> {
    dates::optional("asOf", "统计日期", input.as_deref())
        .map(|d| d.unwrap_or_else(shegong_core::clock::today))
        .map_err(|e| e.to_dto())
}
