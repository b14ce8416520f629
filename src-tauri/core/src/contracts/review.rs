//! 试用期考核 (试用期筛选, 第9条): the outcome at the end of a probation — 转正, or 不予录用,
//! which is the person's exit (试用期不予录用, dated the review) in the same transaction.
//! 延长试用期 is refused with the law's reason (第十九条第二款).

use super::{get, law, stored_for, Contract, ContractSaved, Stored};
use crate::audit::{self, Action, Channel, Entity, Fields};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::vocab::ProbationOutcome;
use crate::workers::{self, ExitInput};
use chrono::NaiveDate;
use rusqlite::{named_params, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the 试用期考核 form sends.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReviewInput {
    /// 考核日期
    pub reviewed_on: String,
    pub outcome: Option<ProbationOutcome>,
    pub remarks: Option<String>,
}

fn fields(on: &str, outcome: ProbationOutcome, remarks: &Option<String>) -> Fields {
    vec![
        ("考核日期", Some(on.to_string())),
        ("考核结果", Some(outcome.to_string())),
        ("备注", remarks.clone()),
    ]
}

fn write_audit(
    tx: &Transaction,
    channel: &Channel,
    k: &Stored,
    (id, action): (i64, Action),
    summary: &str,
    (old, new): (Option<Fields>, Option<Fields>),
) -> Result<()> {
    audit::write(
        tx,
        channel,
        audit::Record {
            entity: Entity::ProbationReview,
            entity_id: Some(id),
            worker_id: Some(k.worker_id),
            action,
            summary,
            changes: audit::diff(old.as_ref(), new.as_ref()),
        },
    )
}

/// Records the probation outcome of contract `contract_id`. 不予录用 must fall within the
/// probation (第三十九条) and records the exit; 转正 may come at its end or earlier.
pub fn record_review(
    tx: &Transaction,
    channel: &Channel,
    contract_id: i64,
    input: &ReviewInput,
    today: NaiveDate,
) -> Result<ContractSaved> {
    let c: Contract = get(tx, contract_id, today)?;
    let list = stored_for(tx, c.worker_id)?;
    let k = list
        .iter()
        .find(|k| k.id == contract_id)
        .ok_or_else(|| CoreError::not_found("找不到该合同，请刷新后重试。"))?;
    let Some(probation_end) = k.probation_end else {
        return Err(CoreError::conflict(
            None,
            "此合同没有约定试用期，无需登记试用期考核。",
        ));
    };
    if let Some(r) = &k.review {
        return Err(CoreError::conflict(
            None,
            format!(
                "此合同已于 {} 登记试用期考核结果（{}），不能重复登记。",
                r.reviewed_on, r.outcome
            ),
        ));
    }
    let outcome = input
        .outcome
        .ok_or_else(|| CoreError::validation("outcome", "请选择考核结果（转正或不予录用）。"))?;
    if outcome == ProbationOutcome::Extended {
        return Err(CoreError::validation("outcome", law::extension_refused()));
    }
    let on = dates::required("reviewedOn", "考核日期", &input.reviewed_on)?;
    if on <= k.term.start {
        return Err(CoreError::validation(
            "reviewedOn",
            format!("考核日期须晚于合同开始日期 {}。", dates::text(k.term.start)),
        ));
    }
    if on > today {
        return Err(CoreError::validation(
            "reviewedOn",
            "考核日期不能晚于今天：请在考核之后登记结果。",
        ));
    }
    if k.ended_on.is_some_and(|e| e <= on) {
        return Err(CoreError::conflict(
            None,
            "此合同在考核日期前已终止（解除），不能再登记试用期考核。",
        ));
    }
    if outcome == ProbationOutcome::NotHired && on > probation_end {
        return Err(CoreError::validation(
            "reviewedOn",
            format!(
                "试用期已于 {} 届满，不能再以“试用期不予录用”解除（劳动合同法第三十九条只适用于试用期间）。请登记“转正”；如需解除合同，请在合同上登记解聘并留存依据。",
                dates::text(probation_end)
            ),
        ));
    }
    let remarks = clean_optional(input.remarks.as_deref());
    tx.execute(
        "INSERT INTO probation_reviews (contract_id, worker_id, reviewed_on, outcome, remarks)
         VALUES (:contract, :worker, :on, :outcome, :remarks)",
        named_params! {
            ":contract": contract_id,
            ":worker": c.worker_id,
            ":on": dates::text(on),
            ":outcome": outcome,
            ":remarks": remarks,
        },
    )?;
    let id = tx.last_insert_rowid();
    let summary = format!("{}：试用期考核 {outcome}", c.worker_name);
    let new = fields(&dates::text(on), outcome, &remarks);
    write_audit(
        tx,
        channel,
        k,
        (id, Action::Create),
        &summary,
        (None, Some(new)),
    )?;
    let message = if outcome == ProbationOutcome::NotHired {
        let exit = ExitInput {
            exit_date: dates::text(on),
            reason: "试用期不予录用".into(),
            remarks: remarks.clone(),
        };
        let recorded = workers::record_exit(tx, channel, c.worker_id, &exit, today)?;
        format!(
            "已登记试用期不予录用，并登记退出（试用期不予录用，{}）。{}",
            exit.exit_date,
            recorded.contract_note.unwrap_or_default()
        )
    } else {
        format!("已登记转正（{}）。", dates::text(on))
    };
    Ok(ContractSaved {
        contract: get(tx, contract_id, today)?,
        message,
    })
}

/// Removes the 不予录用 review of contract `k` when its exit is withdrawn; audited.
pub(super) fn remove_not_hired(tx: &Transaction, channel: &Channel, k: &Stored) -> Result<()> {
    let Some(r) = k
        .review
        .as_ref()
        .filter(|r| r.outcome == ProbationOutcome::NotHired)
    else {
        return Ok(());
    };
    tx.execute("DELETE FROM probation_reviews WHERE id = ?1", [r.id])?;
    let summary = format!(
        "{}：撤销退出，试用期不予录用的考核结果随之撤销",
        k.worker_name
    );
    let old = fields(&r.reviewed_on, r.outcome, &r.remarks);
    write_audit(
        tx,
        channel,
        k,
        (r.id, Action::Delete),
        &summary,
        (Some(old), None),
    )
}
