//! 劳动合同 and 试用期考核 (第9、10条; 劳动合同法第十四、十九至二十一、四十四条).
//!
//! - `law` is the law as checks on dates (probation limits, one probation per employer,
//!   第十四条 and retirement flags) — every legal rule is there;
//! - `edit` adds a contract (a renewal is a new contract linked to the one it follows), ends
//!   one by 终止/解除 (which records the exit), deletes a mistaken one, and follows an exit
//!   recorded on the person; `review` records the probation outcome (转正 / 不予录用);
//! - `due` lists contracts ending and probations to review within the reminder window, and
//!   keeps the reminder days;
//! - this file reads a person's contracts with what is true of each on a date.
//!
//! On a date D a contract is in force when start ≤ D ≤ its last day (none when open-ended)
//! and it was not ended (终止/解除) on or before D. 合同到期未续: the latest contract started by
//! D ran out by its term before D, nothing was signed after it, and the person has not exited.
//! Rules and worked examples: `src-tauri/core/docs/contracts.md`.

mod due;
mod edit;
pub mod law;
mod review;

pub use due::{due, get_rules, probation_due, save_rules, ContractRules, DueList, DueRow};
pub use edit::{
    add, check_exit, check_hired_on, delete, end, follow_exit, follow_exit_removed, ContractSaved,
    EndInput,
};
pub use review::{record_review, ReviewInput};

use crate::dates;
use crate::error::{CoreError, Result};
use crate::vocab::{
    ContractEndKind, ContractFilter, ContractFlagKind, ContractKind, ContractPhase,
    ProbationOutcome,
};
use crate::workers::{retirement_day, retirement_group_of};
use chrono::NaiveDate;
use law::Term;
use rusqlite::{named_params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the form sends to register a contract (新签 or 续签: a person whose latest contract
/// was not ended gets the new one as its renewal).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractInput {
    pub kind: Option<ContractKind>,
    /// 签订单位 (blank: the street's name from 设置)
    pub signing_party: Option<String>,
    /// 派遣单位 (劳务派遣 only)
    pub dispatch_company: Option<String>,
    /// 合同开始日期
    pub start_on: String,
    /// 合同结束日期 (its last day; blank for 无固定期限)
    pub end_on: Option<String>,
    /// 试用期满日期 (the last day of probation; blank: none)
    pub probation_end: Option<String>,
    pub remarks: Option<String>,
}

/// The recorded outcome of a probation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProbationReview {
    pub id: i64,
    pub contract_id: i64,
    pub reviewed_on: String,
    pub outcome: ProbationOutcome,
    pub remarks: Option<String>,
}

/// A warning on a contract (never a refusal), with the law's sentence.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractFlag {
    pub kind: ContractFlagKind,
    pub message: String,
}

/// A saved contract, and what is true of it on `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_name: String,
    /// The contract this one renews (续签), if any.
    pub previous_id: Option<i64>,
    /// The contract that renews this one, if any.
    pub renewed_by: Option<i64>,
    /// 1 for the first contract of a renewal chain, 2 for its first renewal …
    pub sequence: i64,
    pub kind: ContractKind,
    pub signing_party: String,
    pub dispatch_company: Option<String>,
    pub start_on: String,
    pub end_on: Option<String>,
    pub probation_end: Option<String>,
    /// 终止/解除日期: the first day no longer in force (the exit's date).
    pub ended_on: Option<String>,
    /// The exit reason it ended with.
    pub end_reason: Option<String>,
    pub end_kind: Option<ContractEndKind>,
    pub remarks: Option<String>,
    pub review: Option<ProbationReview>,
    /// The date the fields below are for.
    pub as_of: String,
    pub phase: ContractPhase,
    /// In probation on `as_of` (the probation's days, not yet 转正).
    pub in_probation: bool,
    /// Days from `as_of` to its last day, while in force with a fixed term.
    pub days_left: Option<i64>,
    pub flags: Vec<ContractFlag>,
    /// Why 删除(误录) is refused, or null when it may be deleted.
    pub delete_refusal: Option<String>,
}

/// A person's contracts (the 合同 tab) on a date.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkerContracts {
    pub as_of: String,
    /// Oldest first.
    pub contracts: Vec<Contract>,
    /// 合同到期未续, with the sentence to show, or null.
    pub expired_not_renewed: Option<String>,
    /// Why no new contract can be registered now (exited, open-ended in force), or null.
    pub add_refusal: Option<String>,
    /// The contract a new one would renew (the latest, not ended), or null (新签).
    pub renewal_of: Option<i64>,
    /// The start a new contract most likely has: the day after the latest one's last day.
    pub suggested_start: Option<String>,
    /// The 签订单位 a blank one becomes (the street's name in 设置).
    pub default_signing_party: String,
}

/// The contract's end reason as 终止 or 解除: 辞职, 解聘, 罢免 and 试用期不予录用 end it early
/// (解除, 第三十七至四十条); every other reason ends it (终止, 第四十四条).
pub fn end_kind(reason: &str) -> ContractEndKind {
    match reason {
        "辞职" | "解聘" | "罢免" | "试用期不予录用" => ContractEndKind::Rescinded,
        _ => ContractEndKind::Terminated,
    }
}

/// A contract as stored, with its parsed dates.
#[derive(Debug, Clone)]
pub(crate) struct Stored {
    pub id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub community_name: String,
    pub previous_id: Option<i64>,
    pub kind: ContractKind,
    pub signing_party: String,
    pub dispatch_company: Option<String>,
    pub term: Term,
    pub probation_end: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<String>,
    pub remarks: Option<String>,
    pub review: Option<ProbationReview>,
}

impl Stored {
    pub fn phase(&self, d: NaiveDate) -> ContractPhase {
        if self.term.start > d {
            ContractPhase::NotStarted
        } else if self.ended_on.is_some_and(|e| e <= d) {
            ContractPhase::Ended
        } else if self.term.end.is_some_and(|e| e < d) {
            ContractPhase::Expired
        } else {
            ContractPhase::InForce
        }
    }

    pub fn in_probation(&self, d: NaiveDate) -> bool {
        let confirmed = self.review.as_ref().is_some_and(|r| {
            r.outcome == ProbationOutcome::Confirmed && r.reviewed_on <= dates::text(d)
        });
        self.phase(d) == ContractPhase::InForce
            && self.probation_end.is_some_and(|p| p >= d)
            && !confirmed
    }

    /// The first day this contract no longer covers: its end (终止/解除) or the day after its
    /// last day; None while open-ended and not ended.
    pub fn over_from(&self) -> Option<NaiveDate> {
        let by_term = self
            .term
            .end
            .and_then(|e| e.checked_add_days(chrono::Days::new(1)));
        match (self.ended_on, by_term) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

const SELECT: &str = "SELECT k.id, k.worker_id, w.name, c.name, k.previous_id, k.kind,
        k.signing_party, k.dispatch_company, k.start_on, k.end_on, k.probation_end, k.ended_on,
        k.end_reason, k.remarks, r.id, r.reviewed_on, r.outcome, r.remarks
     FROM contracts k JOIN workers w ON w.id = k.worker_id
     JOIN communities c ON c.id = w.community_id
     LEFT JOIN probation_reviews r ON r.contract_id = k.id";

fn parse(text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, dates::ISO).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .as_deref()
        .map(parse)
        .transpose()
}

fn from_row(r: &Row) -> rusqlite::Result<Stored> {
    let id: i64 = r.get(0)?;
    let review = match r.get::<_, Option<i64>>(14)? {
        Some(review_id) => Some(ProbationReview {
            id: review_id,
            contract_id: id,
            reviewed_on: r.get(15)?,
            outcome: r.get(16)?,
            remarks: r.get(17)?,
        }),
        None => None,
    };
    Ok(Stored {
        id,
        worker_id: r.get(1)?,
        worker_name: r.get(2)?,
        community_name: r.get(3)?,
        previous_id: r.get(4)?,
        kind: r.get(5)?,
        signing_party: r.get(6)?,
        dispatch_company: r.get(7)?,
        term: Term {
            start: parse(&r.get::<_, String>(8)?)?,
            end: opt_date(r, 9)?,
        },
        probation_end: opt_date(r, 10)?,
        ended_on: opt_date(r, 11)?,
        end_reason: r.get(12)?,
        remarks: r.get(13)?,
        review,
    })
}

/// A person's contracts as stored, oldest first.
pub(crate) fn stored_for(conn: &Connection, worker_id: i64) -> Result<Vec<Stored>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE k.worker_id = :worker ORDER BY k.start_on, k.id"
    ))?;
    let rows = stmt.query_map(named_params! {":worker": worker_id}, from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What flags and the add form need to know about the person.
pub(crate) struct Person {
    pub exit: Option<(NaiveDate, String)>,
    /// The day the legal retirement age is reached, with the age in words.
    pub retires: Option<(NaiveDate, String)>,
}

pub(crate) fn person(conn: &Connection, worker_id: i64) -> Result<Person> {
    let (birth, gender, exit_date, reason): (String, String, Option<String>, Option<String>) = conn
        .query_row(
            "SELECT w.birth_date, w.gender, e.exit_date, e.reason FROM workers w
             LEFT JOIN exits e ON e.worker_id = w.id WHERE w.id = ?1",
            [worker_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该人员，可能已被删除，请刷新后重试。"))?;
    let retires = parse(&birth)
        .ok()
        .and_then(|b| retirement_day(b, retirement_group_of(&gender)));
    let exit = match (exit_date, reason) {
        (Some(d), Some(r)) => Some((parse(&d)?, r)),
        _ => None,
    };
    Ok(Person { exit, retires })
}

/// The flags of contract `i` of a person's `list` (oldest first) on `as_of`.
fn flags(
    list: &[Stored],
    i: usize,
    who: &Person,
    as_of: NaiveDate,
    window: i64,
) -> Vec<ContractFlag> {
    let k = &list[i];
    let mut out = Vec::new();
    let flag = |kind, message| ContractFlag { kind, message };
    let chain = chain_before(list, i);
    if let Some(message) = chain
        .first()
        .and_then(|first| {
            law::open_ended_right(chain.len(), list[*first].term.start, (k.term.start, k.kind))
        })
        .filter(|_| k.previous_id.is_some())
    {
        out.push(flag(ContractFlagKind::OpenEndedRight, message));
    }
    let renewed = list.iter().any(|n| n.previous_id == Some(k.id));
    // The latest fixed-term contract, not renewed: say before its renewal what the worker may ask.
    let awaiting_renewal = k.kind == ContractKind::FixedTerm && k.ended_on.is_none() && !renewed;
    if let Some(message) =
        law::next_renewal(chain.len() + 1).filter(|_| awaiting_renewal && out.is_empty())
    {
        out.push(flag(ContractFlagKind::OpenEndedRight, message));
    }
    if let Some(message) = who
        .retires
        .as_ref()
        .and_then(|(day, age)| law::past_retirement(&k.term, *day, age))
    {
        out.push(flag(ContractFlagKind::PastRetirement, message));
    }
    let exited = who.exit.as_ref().is_some_and(|(d, _)| *d <= as_of);
    // The latest contract started by the date (a later one may be signed already).
    let latest = list.iter().rposition(|n| n.term.start <= as_of) == Some(i);
    match (k.phase(as_of), k.term.end) {
        (ContractPhase::InForce, Some(end)) if !exited => {
            let left = (end - as_of).num_days();
            if left <= window && k.ended_on.is_none() && !renewed {
                out.push(flag(
                    ContractFlagKind::EndingSoon,
                    format!(
                        "合同将于 {}（{left} 天后）到期，请及时办理续签或终止。",
                        dates::text(end)
                    ),
                ));
            }
        }
        (ContractPhase::Expired, Some(end)) if latest && !exited => {
            out.push(flag(
                ContractFlagKind::ExpiredNotRenewed,
                format!("合同已于 {} 到期，没有续签，人员也未登记退出：请续签合同，或登记终止（合同到期不续签）。", dates::text(end)),
            ));
        }
        _ => {}
    }
    if let Some(p) = k.probation_end {
        let due = as_of + chrono::Duration::days(window);
        if k.review.is_none() && k.phase(as_of) == ContractPhase::InForce && p <= due && !exited {
            let when = if p < as_of { "已于" } else { "将于" };
            out.push(flag(
                ContractFlagKind::ProbationUnreviewed,
                format!(
                    "试用期{when} {} 届满，尚未登记试用期考核结果（转正或不予录用）。",
                    dates::text(p)
                ),
            ));
        }
    }
    out
}

/// The fixed-term contracts in a row (one employer, linked as renewals) that come just before
/// contract `i`, oldest first, as indices into `list`.
fn chain_before(list: &[Stored], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev = list[i].previous_id;
    while let Some(p) = prev.and_then(|id| list.iter().position(|k| k.id == id)) {
        let k = &list[p];
        if k.kind != ContractKind::FixedTerm || k.signing_party != list[i].signing_party {
            break;
        }
        out.insert(0, p);
        prev = k.previous_id;
    }
    out
}

fn sequence(list: &[Stored], i: usize) -> i64 {
    let mut n = 1;
    let mut prev = list[i].previous_id;
    while let Some(p) = prev.and_then(|id| list.iter().find(|k| k.id == id)) {
        n += 1;
        prev = p.previous_id;
    }
    n
}

/// Why contract `i` may not be deleted as 误录, or None.
fn delete_refusal(list: &[Stored], i: usize) -> Option<String> {
    let k = &list[i];
    if i + 1 != list.len() {
        return Some("只能删除此人最近一份误录的合同：此后已有合同，这份合同要保留。".into());
    }
    if k.review.is_some() {
        return Some("此合同已登记试用期考核结果，不能删除。".into());
    }
    if k.ended_on.is_some() {
        return Some("此合同已随退出终止（解除），不能删除；如退出登记有误，请先撤销退出。".into());
    }
    None
}

fn shown(list: &[Stored], i: usize, who: &Person, as_of: NaiveDate, window: i64) -> Contract {
    let k = &list[i];
    let phase = k.phase(as_of);
    Contract {
        id: k.id,
        worker_id: k.worker_id,
        worker_name: k.worker_name.clone(),
        community_name: k.community_name.clone(),
        previous_id: k.previous_id,
        renewed_by: list
            .iter()
            .find(|n| n.previous_id == Some(k.id))
            .map(|n| n.id),
        sequence: sequence(list, i),
        kind: k.kind,
        signing_party: k.signing_party.clone(),
        dispatch_company: k.dispatch_company.clone(),
        start_on: dates::text(k.term.start),
        end_on: k.term.end.map(dates::text),
        probation_end: k.probation_end.map(dates::text),
        ended_on: k.ended_on.map(dates::text),
        end_reason: k.end_reason.clone(),
        end_kind: k.end_reason.as_deref().map(end_kind),
        remarks: k.remarks.clone(),
        review: k.review.clone(),
        as_of: dates::text(as_of),
        phase,
        in_probation: k.in_probation(as_of),
        days_left: k
            .term
            .end
            .filter(|_| phase == ContractPhase::InForce)
            .map(|e| (e - as_of).num_days()),
        flags: flags(list, i, who, as_of, window),
        delete_refusal: delete_refusal(list, i),
    }
}

/// One contract as of `as_of`.
pub fn get(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Contract> {
    let worker_id: i64 = conn
        .query_row("SELECT worker_id FROM contracts WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| CoreError::not_found("找不到该合同，可能已被删除，请刷新后重试。"))?;
    let list = stored_for(conn, worker_id)?;
    let i = list
        .iter()
        .position(|k| k.id == id)
        .ok_or_else(|| CoreError::not_found("找不到该合同，可能已被删除，请刷新后重试。"))?;
    let window = get_rules(conn)?.window();
    Ok(shown(&list, i, &person(conn, worker_id)?, as_of, window))
}

/// A person's contracts on `as_of` (the 合同 tab), with what the add form needs.
pub fn for_worker(conn: &Connection, worker_id: i64, as_of: NaiveDate) -> Result<WorkerContracts> {
    let who = person(conn, worker_id)?;
    let list = stored_for(conn, worker_id)?;
    let window = get_rules(conn)?.window();
    let contracts: Vec<Contract> = (0..list.len())
        .map(|i| shown(&list, i, &who, as_of, window))
        .collect();
    let expired_not_renewed = contracts
        .iter()
        .flat_map(|c| &c.flags)
        .find(|f| f.kind == ContractFlagKind::ExpiredNotRenewed)
        .map(|f| f.message.clone());
    let latest = list.last();
    Ok(WorkerContracts {
        as_of: dates::text(as_of),
        expired_not_renewed,
        add_refusal: edit::add_refusal(&who, latest),
        renewal_of: latest.filter(|k| k.ended_on.is_none()).map(|k| k.id),
        suggested_start: latest.and_then(Stored::over_from).map(dates::text),
        default_signing_party: crate::settings::get(conn)?.street_name,
        contracts,
    })
}

/// SQL true when contract `k` is in force on `:as_of`.
const IN_FORCE: &str = "k.start_on <= :as_of AND (k.end_on IS NULL OR k.end_on >= :as_of)
    AND (k.ended_on IS NULL OR k.ended_on > :as_of)";

/// SQL true when worker `w` has not exited by `:as_of`.
const NOT_EXITED: &str =
    "NOT EXISTS (SELECT 1 FROM exits x WHERE x.worker_id = w.id AND x.exit_date <= :as_of)";

/// SQL true when worker `w` matches the roster's 合同 filter on `:as_of`; 合同到期 takes the
/// window's last day as `:contract_until`. 试用期 is the status (`workers::status`).
pub fn filter_sql(filter: ContractFilter) -> String {
    match filter {
        // As `due` lists them: not ended early and not yet renewed.
        ContractFilter::EndingSoon => format!(
            "{NOT_EXITED} AND EXISTS (SELECT 1 FROM contracts k WHERE k.worker_id = w.id
                AND {IN_FORCE} AND k.end_on <= :contract_until AND k.ended_on IS NULL
                AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.previous_id = k.id))"
        ),
        // As `probation_due` lists them: probation over by the window's end, no outcome yet.
        ContractFilter::ProbationEnding => format!(
            "{NOT_EXITED} AND EXISTS (SELECT 1 FROM contracts k WHERE k.worker_id = w.id
                AND {IN_FORCE} AND k.probation_end <= :contract_until
                AND NOT EXISTS (SELECT 1 FROM probation_reviews r WHERE r.contract_id = k.id))"
        ),
        ContractFilter::Probation => format!("({}) = '试用期'", crate::workers::status::STATUS_SQL),
        ContractFilter::ExpiredNotRenewed => format!(
            "{NOT_EXITED} AND EXISTS (SELECT 1 FROM contracts k WHERE k.worker_id = w.id
                AND k.ended_on IS NULL AND k.end_on < :as_of
                AND NOT EXISTS (SELECT 1 FROM contracts n WHERE n.worker_id = w.id
                    AND n.start_on > k.start_on AND n.start_on <= :as_of))"
        ),
    }
}

/// The last day of the 合同到期 window from `as_of` (the largest reminder day).
pub fn window_end(conn: &Connection, as_of: NaiveDate) -> Result<NaiveDate> {
    let days = get_rules(conn)?.window();
    Ok(as_of + chrono::Duration::days(days))
}
