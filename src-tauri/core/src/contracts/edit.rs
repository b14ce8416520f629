//! Writes: register a contract (新签, or 续签 linked to the one it follows), end one by
//! 终止/解除 (through the exit, in the same transaction), delete a mistaken one, and follow an
//! exit recorded on the person. Each writes audit rows (Entity 劳动合同) in the caller's
//! transaction.

use super::law::{self, Term, ONE_PROBATION};
use super::{end_kind, get, person, stored_for, Contract, ContractInput, Person, Stored};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::vocab::{ContractEndReason, ContractKind};
use crate::workers::{self, ExitInput};
use chrono::{Days, Months, NaiveDate};
use rusqlite::{named_params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A contract saved by an action that did more (ending it recorded the exit), with the
/// sentence saying what else happened.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContractSaved {
    pub contract: Contract,
    pub message: String,
}

/// What the 终止/解除 form sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EndInput {
    /// 终止（解除）日期: the first day no longer in post (the exit's date).
    pub ended_on: String,
    pub reason: Option<ContractEndReason>,
    pub remarks: Option<String>,
}

fn span(term: &Term) -> String {
    match term.end {
        Some(e) => format!("{} 至 {}", dates::text(term.start), dates::text(e)),
        None => format!("{} 起，无固定期限", dates::text(term.start)),
    }
}

fn fields(k: &Stored) -> Fields {
    vec![
        ("合同类型", Some(k.kind.to_string())),
        ("签订单位", Some(k.signing_party.clone())),
        ("派遣单位", k.dispatch_company.clone()),
        ("合同开始日期", Some(dates::text(k.term.start))),
        ("合同结束日期", k.term.end.map(dates::text)),
        ("试用期满日期", k.probation_end.map(dates::text)),
        ("终止（解除）日期", k.ended_on.map(dates::text)),
        ("终止（解除）原因", k.end_reason.clone()),
        ("备注", k.remarks.clone()),
    ]
}

fn audited(
    tx: &Transaction,
    channel: &Channel,
    k: &Stored,
    action: Action,
    summary: &str,
    (old, new): (Option<&Stored>, Option<&Stored>),
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::Contract,
            entity_id: Some(k.id),
            worker_id: Some(k.worker_id),
            action,
            summary,
            changes: audit::diff(old.map(fields).as_ref(), new.map(fields).as_ref()),
        },
    )
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1)).unwrap_or(d)
}

/// Why no new contract can be registered for the person now, or None.
pub(super) fn add_refusal(who: &Person, latest: Option<&Stored>) -> Option<String> {
    if let Some((date, reason)) = &who.exit {
        return Some(format!(
            "此人已于 {} 退出（{reason}），不能再登记劳动合同；如退出登记有误，请先撤销退出。",
            dates::text(*date)
        ));
    }
    latest
        .filter(|k| k.ended_on.is_none() && k.term.end.is_none())
        .map(|k| {
            format!(
                "此人 {} 起的无固定期限劳动合同仍在履行，不能再签新合同。",
                dates::text(k.term.start)
            )
        })
}

/// The checked contract a form describes, for worker `w` with contracts `list`.
fn checked(
    tx: &Transaction,
    w: &workers::Worker,
    list: &[Stored],
    input: &ContractInput,
    today: NaiveDate,
) -> Result<Stored> {
    let kind = input
        .kind
        .ok_or_else(|| CoreError::validation("kind", "请选择合同类型。"))?;
    let start = dates::required("startOn", "合同开始日期", &input.start_on)?;
    if dates::text(start) < w.input.hired_on {
        return Err(CoreError::validation(
            "startOn",
            format!("合同开始日期不能早于入职时间 {}。", w.input.hired_on),
        ));
    }
    if start > today.checked_add_months(Months::new(12)).unwrap_or(today) {
        return Err(CoreError::validation(
            "startOn",
            "合同开始日期不能晚于一年以后，请核对。",
        ));
    }
    let end = dates::optional("endOn", "合同结束日期", input.end_on.as_deref())?;
    let end = match (kind, end) {
        (ContractKind::OpenEnded, Some(_)) => {
            return Err(CoreError::validation(
                "endOn",
                "无固定期限劳动合同没有结束日期，请清空合同结束日期。",
            ))
        }
        (ContractKind::OpenEnded, None) => None,
        (_, None) => {
            return Err(CoreError::validation(
                "endOn",
                format!("请填写合同结束日期（{kind}合同须约定期限）。"),
            ))
        }
        (_, Some(e)) if e < start => {
            return Err(CoreError::validation(
                "endOn",
                "合同结束日期不能早于开始日期。",
            ))
        }
        (_, Some(e)) => Some(e),
    };
    let dispatch = clean_optional(input.dispatch_company.as_deref());
    match (kind, &dispatch) {
        (ContractKind::Dispatch, None) => {
            return Err(CoreError::validation(
                "dispatchCompany",
                "劳务派遣合同请填写派遣单位。",
            ))
        }
        (ContractKind::Dispatch, Some(_)) | (_, None) => {}
        (_, Some(_)) => {
            return Err(CoreError::validation(
                "dispatchCompany",
                "只有劳务派遣合同填写派遣单位：请清空派遣单位，或把合同类型选为劳务派遣。",
            ))
        }
    }
    let signing_party = match clean_optional(input.signing_party.as_deref()) {
        Some(p) => p,
        None => clean_optional(Some(&crate::settings::get(tx)?.street_name)).ok_or_else(|| {
            CoreError::validation(
                "signingParty",
                "请填写签订单位（也可以在“设置”中填写街道名称，作为默认的签订单位）。",
            )
        })?,
    };
    let term = Term { start, end };
    let probation_end = dates::optional(
        "probationEnd",
        "试用期满日期",
        input.probation_end.as_deref(),
    )?;
    law::check_probation(&term, probation_end)?;
    if probation_end.is_some() {
        if let Some(k) = list
            .iter()
            .find(|k| k.probation_end.is_some() && k.signing_party == signing_party)
        {
            return Err(CoreError::validation(
                "probationEnd",
                format!(
                    "{ONE_PROBATION}。此人与“{signing_party}”的劳动合同（{}）已约定过试用期，续签或再次签订不得再约定，请清空试用期满日期。",
                    span(&k.term)
                ),
            ));
        }
    }
    let latest = list.last();
    let previous_id = latest.filter(|k| k.ended_on.is_none()).map(|k| k.id);
    if let Some(from) = latest.and_then(Stored::over_from) {
        if start < from {
            return Err(CoreError::validation(
                "startOn",
                format!(
                    "新合同与上一份合同（{}）的期限重叠：开始日期须不早于 {}。",
                    span(&latest.map(|k| k.term).unwrap_or(term)),
                    dates::text(from)
                ),
            ));
        }
    }
    Ok(Stored {
        id: 0,
        worker_id: w.id,
        worker_name: w.input.name.clone(),
        community_name: w.community_name.clone(),
        previous_id,
        kind,
        signing_party,
        dispatch_company: dispatch,
        term,
        probation_end,
        ended_on: None,
        end_reason: None,
        remarks: clean_optional(input.remarks.as_deref()),
        review: None,
    })
}

/// Registers a contract of worker `worker_id`: a renewal (续签) of the latest one when that
/// was not ended, else a first contract. Refused with the law's article when it breaks
/// 第十九条; flagged (never refused) for 第十四条 and retirement. Returns it as of `today`.
pub fn add(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    input: &ContractInput,
    today: NaiveDate,
) -> Result<Contract> {
    let w = workers::get(tx, worker_id, today)?;
    let who = person(tx, worker_id)?;
    let list = stored_for(tx, worker_id)?;
    if let Some(message) = add_refusal(&who, list.last()) {
        return Err(CoreError::conflict(None, message));
    }
    let mut k = checked(tx, &w, &list, input, today)?;
    tx.execute(
        "INSERT INTO contracts (worker_id, previous_id, kind, signing_party, dispatch_company,
             start_on, end_on, probation_end, remarks)
         VALUES (:worker, :previous, :kind, :party, :dispatch, :start, :end, :probation, :remarks)",
        named_params! {
            ":worker": worker_id,
            ":previous": k.previous_id,
            ":kind": k.kind,
            ":party": k.signing_party,
            ":dispatch": k.dispatch_company,
            ":start": dates::text(k.term.start),
            ":end": k.term.end.map(dates::text),
            ":probation": k.probation_end.map(dates::text),
            ":remarks": k.remarks,
        },
    )?;
    k.id = tx.last_insert_rowid();
    let what = if k.previous_id.is_some() {
        "续签"
    } else {
        "新签"
    };
    let summary = format!(
        "{}：{what}{}劳动合同（{}）",
        w.input.name,
        k.kind,
        span(&k.term)
    );
    audited(tx, channel, &k, Action::Create, &summary, (None, Some(&k)))?;
    get(tx, k.id, today)
}

/// Ends contract `id` by 终止/解除 on `input.ended_on` for `input.reason`: records the
/// person's exit with the reason of that name, which ends the contract ([`follow_exit`]) —
/// one transaction, so neither is saved without the other.
pub fn end(
    tx: &Transaction,
    channel: &Channel,
    id: i64,
    input: &EndInput,
    today: NaiveDate,
) -> Result<ContractSaved> {
    let c = get(tx, id, today)?;
    let list = stored_for(tx, c.worker_id)?;
    let k = list
        .iter()
        .find(|k| k.id == id)
        .ok_or_else(|| CoreError::not_found("找不到该合同，请刷新后重试。"))?;
    if let Some(on) = k.ended_on {
        return Err(CoreError::conflict(
            None,
            format!(
                "此合同已于 {} {}，不能再次登记。",
                dates::text(on),
                end_kind(k.end_reason.as_deref().unwrap_or_default())
            ),
        ));
    }
    if c.renewed_by.is_some() {
        return Err(CoreError::conflict(
            None,
            "此合同已续签，不能再终止；请在最新的一份合同上登记终止或解除。",
        ));
    }
    if let Some((date, reason)) = person(tx, c.worker_id)?.exit {
        return Err(CoreError::conflict(
            None,
            format!(
                "此人已于 {} 登记退出（{reason}）；如需更正，请修改退出登记。",
                dates::text(date)
            ),
        ));
    }
    let reason = input
        .reason
        .ok_or_else(|| CoreError::validation("reason", "请选择终止（解除）原因。"))?;
    let on = dates::required("endedOn", "终止（解除）日期", &input.ended_on)?;
    if on <= k.term.start {
        return Err(CoreError::validation(
            "endedOn",
            format!(
                "终止（解除）日期须晚于合同开始日期 {}。",
                dates::text(k.term.start)
            ),
        ));
    }
    match (reason, k.term.end) {
        (ContractEndReason::ExpiredNotRenewed, None) => {
            return Err(CoreError::validation(
                "reason",
                "无固定期限劳动合同没有到期日，不能以“合同到期不续签”终止。",
            ))
        }
        (ContractEndReason::ExpiredNotRenewed, Some(e)) if on < e || on > next_day(e) => {
            return Err(CoreError::validation(
                "endedOn",
                format!(
                    "合同到期不续签的终止日期是合同到期之日 {} 或其次日 {}。",
                    dates::text(e),
                    dates::text(next_day(e))
                ),
            ))
        }
        (_, Some(e)) if on > next_day(e) => {
            return Err(CoreError::validation(
                "endedOn",
                format!(
                    "合同已于 {} 到期，终止（解除）日期不能晚于其次日 {}；到期后未续签仍在岗的，请续签合同。",
                    dates::text(e),
                    dates::text(next_day(e))
                ),
            ))
        }
        _ => {}
    }
    let exit = ExitInput {
        exit_date: dates::text(on),
        reason: reason.to_string(),
        remarks: clean_optional(input.remarks.as_deref()),
    };
    let recorded = workers::record_exit(tx, channel, c.worker_id, &exit, today)?;
    let note = recorded.contract_note.unwrap_or_default();
    Ok(ContractSaved {
        contract: get(tx, id, today)?,
        message: format!("已登记退出（{reason}，{}）。{note}", exit.exit_date),
    })
}

/// Deletes a contract entered by mistake (误录): only the person's latest, with no review,
/// not ended; audited with everything it held.
pub fn delete(tx: &Transaction, channel: &Channel, id: i64, today: NaiveDate) -> Result<()> {
    let c = get(tx, id, today)?;
    if let Some(message) = &c.delete_refusal {
        return Err(CoreError::conflict(None, message.clone()));
    }
    let list = stored_for(tx, c.worker_id)?;
    let k = list
        .iter()
        .find(|k| k.id == id)
        .ok_or_else(|| CoreError::not_found("找不到该合同，请刷新后重试。"))?;
    tx.execute("DELETE FROM contracts WHERE id = ?1", [id])?;
    let summary = format!("{}：删除误录的劳动合同（{}）", c.worker_name, span(&k.term));
    audited(tx, channel, k, Action::Delete, &summary, (Some(k), None))
}

/// Refuses an exit on `exit_date` while a contract of the person starts on or after it (it
/// would never be in force). Called by `workers::record_exit`.
pub fn check_exit(conn: &rusqlite::Connection, worker_id: i64, exit_date: NaiveDate) -> Result<()> {
    let list = stored_for(conn, worker_id)?;
    match list.iter().find(|k| k.term.start >= exit_date) {
        None => Ok(()),
        Some(k) => Err(CoreError::validation(
            "exitDate",
            format!(
                "此人有 {} 起的劳动合同，退出日期 {} 不能早于或等于合同开始日期。请改正退出日期；合同属误录的，请先在“合同”页签删除。",
                dates::text(k.term.start),
                dates::text(exit_date)
            ),
        )),
    }
}

/// Refuses a 入职时间 later than the person's first contract's start (a contract never starts
/// before the hire). Called by `workers::update`.
pub fn check_hired_on(conn: &rusqlite::Connection, worker_id: i64, hired_on: &str) -> Result<()> {
    match stored_for(conn, worker_id)?.first() {
        Some(k) if dates::text(k.term.start).as_str() < hired_on => Err(CoreError::validation(
            "hiredOn",
            format!(
                "入职时间不能晚于此人第一份劳动合同的开始日期 {}；请核对入职时间，或先改正合同。",
                dates::text(k.term.start)
            ),
        )),
        _ => Ok(()),
    }
}

fn set_end(
    tx: &Transaction,
    channel: &Channel,
    k: &Stored,
    end: Option<(NaiveDate, &str)>,
    summary: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE contracts SET ended_on = :on, end_reason = :reason WHERE id = :id",
        named_params! {
            ":on": end.map(|(d, _)| dates::text(d)),
            ":reason": end.map(|(_, r)| r),
            ":id": k.id,
        },
    )?;
    let new = Stored {
        ended_on: end.map(|(d, _)| d),
        end_reason: end.map(|(_, r)| r.to_string()),
        ..k.clone()
    };
    audited(
        tx,
        channel,
        k,
        Action::Update,
        summary,
        (Some(k), Some(&new)),
    )
}

/// The contract an exit with `old`'s date and reason ended, if any.
fn ended_by<'a>(list: &'a [Stored], old: &ExitInput) -> Option<&'a Stored> {
    list.iter().find(|k| {
        k.ended_on.map(dates::text).as_deref() == Some(old.exit_date.as_str())
            && k.end_reason.as_deref() == Some(old.reason.as_str())
    })
}

/// After an exit is recorded or corrected (`old` -> `new`): the person's open contract ends on
/// the exit's date with its reason (a contract ended by the old exit moves with it). Gives
/// the sentence saying so, or None when no contract was in force.
pub fn follow_exit(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    old: Option<&ExitInput>,
    new: &ExitInput,
) -> Result<Option<String>> {
    let list = stored_for(tx, worker_id)?;
    let prior = old.and_then(|o| ended_by(&list, o));
    let on = dates::required("exitDate", "退出日期", &new.exit_date)?;
    // The latest contract, open (or ended by the old exit), covering the exit date.
    let target = list.last().filter(|k| {
        (k.ended_on.is_none() || prior.is_some_and(|p| p.id == k.id))
            && k.term.start < on
            && k.term.end.is_none_or(|e| on <= next_day(e))
    });
    if let Some(p) = prior.filter(|p| target.is_none_or(|t| t.id != p.id)) {
        let summary = format!(
            "{}：退出更正，劳动合同（{}）恢复履行",
            p.worker_name,
            span(&p.term)
        );
        set_end(tx, channel, p, None, &summary)?;
    }
    let Some(k) = target else {
        return Ok(None);
    };
    let how = end_kind(&new.reason);
    let note = format!(
        "劳动合同（{}）随退出于 {} {how}（{}）。",
        span(&k.term),
        new.exit_date,
        new.reason
    );
    set_end(
        tx,
        channel,
        k,
        Some((on, &new.reason)),
        &format!("{}：{note}", k.worker_name),
    )?;
    Ok(Some(note))
}

/// After an exit is withdrawn (撤销退出): the contract it ended is in force again, and a
/// 不予录用 review recorded with it goes too (the two were one decision).
pub fn follow_exit_removed(
    tx: &Transaction,
    channel: &Channel,
    worker_id: i64,
    old: &ExitInput,
) -> Result<Option<String>> {
    let list = stored_for(tx, worker_id)?;
    let Some(k) = ended_by(&list, old) else {
        return Ok(None);
    };
    if old.reason == "试用期不予录用" {
        super::review::remove_not_hired(tx, channel, k)?;
    }
    let note = format!("劳动合同（{}）恢复履行。", span(&k.term));
    set_end(
        tx,
        channel,
        k,
        None,
        &format!("{}：撤销退出，{note}", k.worker_name),
    )?;
    Ok(Some(note))
}
