//! Reminders: the contract reminder days (设置, default 60/30/7 days before the end) and the
//! lists they drive — contracts ending within the window, probations to review.

use super::{for_worker, Contract, IN_FORCE, NOT_EXITED};
use crate::audit::{Channel, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::ContractPhase;
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const RULES_KEY: &str = "contract_rules";

/// How many days before a contract's end the ledger reminds, largest first. The largest is
/// the window of the roster's 合同到期 filter and of `shegong contracts due`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractRules {
    pub reminder_days: Vec<i64>,
}

impl Default for ContractRules {
    fn default() -> Self {
        ContractRules {
            reminder_days: vec![60, 30, 7],
        }
    }
}

impl ContractRules {
    /// The largest reminder day: the window every list uses.
    pub fn window(&self) -> i64 {
        self.reminder_days.iter().copied().max().unwrap_or(60)
    }
}

/// The rules in force (the defaults until a clerk saves others).
pub fn get_rules(conn: &Connection) -> Result<ContractRules> {
    crate::settings::rules(conn, RULES_KEY)
}

fn validate(rules: &ContractRules) -> Result<ContractRules> {
    let field = "reminderDays";
    if rules.reminder_days.is_empty() {
        return Err(CoreError::validation(
            field,
            "请至少填写一个合同到期提醒天数，例如 60、30、7。",
        ));
    }
    if let Some(bad) = rules.reminder_days.iter().find(|d| !(1..=366).contains(*d)) {
        return Err(CoreError::validation(
            field,
            format!("合同到期提醒天数须是 1 至 366 之间的整数，“{bad}”不符合。"),
        ));
    }
    if rules.reminder_days.windows(2).any(|w| w[0] <= w[1]) {
        return Err(CoreError::validation(
            field,
            "合同到期提醒天数须从大到小排列且不重复，例如 60、30、7。",
        ));
    }
    Ok(rules.clone())
}

/// Saves the reminder days (audited as a settings change).
pub fn save_rules(
    tx: &Transaction,
    channel: &Channel,
    rules: &ContractRules,
) -> Result<ContractRules> {
    let new = validate(rules)?;
    let old = get_rules(tx)?;
    let f = |r: &ContractRules| -> Fields {
        let days: Vec<String> = r.reminder_days.iter().map(i64::to_string).collect();
        vec![("合同到期提醒天数", Some(days.join("、")))]
    };
    crate::settings::save_rules(tx, channel, RULES_KEY, "合同提醒", &new, &f(&old), &f(&new))?;
    Ok(new)
}

/// One contract of a due list, with the person's contract in force and its flags.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueRow {
    #[serde(flatten)]
    pub contract: Contract,
    /// The reminder step its date (end, or probation end) falls in (e.g. 30: within 30 days),
    /// the smallest that holds it; none once the date has passed or beyond the largest step.
    pub reminder_step: Option<i64>,
    /// Days from the list's date to that date (negative once it has passed).
    pub days_to_due: Option<i64>,
}

/// A due list on a date (`shegong contracts due --json`, the reminders).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DueList {
    pub as_of: String,
    pub within_days: i64,
    /// The last day of the window.
    pub until: String,
    pub rows: Vec<DueRow>,
}

fn ids(
    conn: &Connection,
    sql: &str,
    as_of: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(
        named_params! {":as_of": dates::text(as_of), ":until": dates::text(until)},
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The contracts `ids` (contract, worker) as their person's tab shows them on `as_of`, each with
/// the reminder step its `due_on` date (the end, or the probation's end) falls in.
fn rows(
    conn: &Connection,
    found: &[(i64, i64)],
    as_of: NaiveDate,
    steps: &[i64],
    due_on: fn(&Contract) -> Option<&String>,
) -> Result<Vec<DueRow>> {
    let mut out = Vec::new();
    for (id, worker) in found {
        let tab = for_worker(conn, *worker, as_of)?;
        if let Some(contract) = tab.contracts.into_iter().find(|c| c.id == *id) {
            let days_to_due = due_on(&contract)
                .and_then(|d| NaiveDate::parse_from_str(d, dates::ISO).ok())
                .map(|d| (d - as_of).num_days());
            let reminder_step = days_to_due
                .filter(|l| *l >= 0)
                .and_then(|l| steps.iter().copied().filter(|s| l <= *s).min());
            out.push(DueRow {
                contract,
                reminder_step,
                days_to_due,
            });
        }
    }
    Ok(out)
}

fn window(
    conn: &Connection,
    as_of: NaiveDate,
    within: Option<i64>,
) -> Result<(i64, NaiveDate, Vec<i64>)> {
    let rules = get_rules(conn)?;
    let days = within.unwrap_or_else(|| rules.window());
    if !(0..=3660).contains(&days) {
        return Err(CoreError::validation(
            "within",
            "天数须是 0 至 3660 之间的整数。",
        ));
    }
    Ok((
        days,
        as_of + chrono::Duration::days(days),
        rules.reminder_days,
    ))
}

/// Contracts in force on `as_of` whose last day is within `within` days (default: the largest
/// reminder day), not renewed, of people not exited; soonest first.
pub fn due(conn: &Connection, as_of: NaiveDate, within: Option<i64>) -> Result<DueList> {
    let (days, until, steps) = window(conn, as_of, within)?;
    let sql = format!(
        "SELECT k.id, k.worker_id FROM contracts k JOIN workers w ON w.id = k.worker_id
         JOIN communities c ON c.id = w.community_id
         WHERE {IN_FORCE} AND k.end_on <= :until AND k.ended_on IS NULL AND {NOT_EXITED}
           AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.previous_id = k.id)
         ORDER BY k.end_on, c.name, w.name_initials, k.id"
    );
    let found = ids(conn, &sql, as_of, until)?;
    Ok(DueList {
        as_of: dates::text(as_of),
        within_days: days,
        until: dates::text(until),
        rows: rows(conn, &found, as_of, &steps, |c| c.end_on.as_ref())?,
    })
}

/// Contracts whose probation ends by the window's last day (or has ended) without a recorded
/// outcome, in force on `as_of`, of people not exited; soonest first. A person without a
/// contract (only the old 试用期满日期 field) has nothing to review here.
pub fn probation_due(conn: &Connection, as_of: NaiveDate, within: Option<i64>) -> Result<DueList> {
    let (days, until, steps) = window(conn, as_of, within)?;
    let sql = format!(
        "SELECT k.id, k.worker_id FROM contracts k JOIN workers w ON w.id = k.worker_id
         JOIN communities c ON c.id = w.community_id
         WHERE {IN_FORCE} AND k.probation_end <= :until AND {NOT_EXITED}
           AND NOT EXISTS (SELECT 1 FROM probation_reviews r WHERE r.contract_id = k.id)
         ORDER BY k.probation_end, c.name, w.name_initials, k.id"
    );
    let found = ids(conn, &sql, as_of, until)?;
    let mut list = rows(conn, &found, as_of, &steps, |c| c.probation_end.as_ref())?;
    list.retain(|r| r.contract.phase == ContractPhase::InForce);
    Ok(DueList {
        as_of: dates::text(as_of),
        within_days: days,
        until: dates::text(until),
        rows: list,
    })
}
