//! Every rule on a secondment (第17条), checked in this order so that the clerk first hears
//! the one that cannot be fixed by retyping: a unit at county level or above is refused
//! outright, whatever else the form says.

use super::{ApprovalInput, SecondmentInput, Span};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::vocab::{ApprovalStatus, SecondmentKind, UnitLevel};
use crate::workers::Worker;
use chrono::{Months, NaiveDate};
use rusqlite::Connection;

/// 《关于加强社区工作者队伍建设的意见》第17条, verbatim.
pub const POLICY_SENTENCE: &str = "县级以上机关事业单位不得借调社区工作者；街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准。";

/// The words a county social-work department's name holds (县委社会工作部, 区委社工部 …).
const APPROVER_WORDS: [&str; 2] = ["社会工作部", "社工部"];

/// A checked secondment, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Checked {
    pub kind: SecondmentKind,
    pub unit: String,
    pub unit_level: UnitLevel,
    pub reason: String,
    pub span: Span,
    pub approval: Option<ApprovalInput>,
    pub remarks: Option<String>,
}

fn required_text(field: &str, label: &str, value: &str, example: &str) -> Result<String> {
    clean_optional(Some(value))
        .ok_or_else(|| CoreError::validation(field, format!("请填写{label}，例如“{example}”。")))
}

fn refuse_county_level(level: UnitLevel) -> Result<()> {
    if UnitLevel::PERMITTED.contains(&level) {
        return Ok(());
    }
    Err(CoreError::validation(
        "unitLevel",
        format!(
            "不能登记：借入单位是{}。《关于加强社区工作者队伍建设的意见》第17条规定：“{POLICY_SENTENCE}”\
             请与借入单位沟通，让此人回社区工作；借入单位若属街道（乡镇）及所属单位，请改选层级。",
            level.as_str()
        ),
    ))
}

/// The approval, checked: from the county's social-work department, with a number, dated
/// no later than today and no later than the return (a secondment already over cannot be
/// approved any more). It may be dated after the start: then it is a late approval (补批)
/// and the days before it stay 未经批准 in the history.
fn approval(
    a: &ApprovalInput,
    returned: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(ApprovalInput, NaiveDate)> {
    let by = required_text(
        "approvedBy",
        "批准单位",
        &a.approved_by,
        "某某县委社会工作部",
    )?;
    if !APPROVER_WORDS.iter().any(|w| by.contains(w)) {
        return Err(CoreError::validation(
            "approvedBy",
            format!("批准单位“{by}”不是县级党委社会工作部门。第17条要求报请县级党委社会工作部门批准，请填写如“某某县委社会工作部”。"),
        ));
    }
    let no = required_text(
        "approvalNo",
        "批准文号",
        &a.approval_no,
        "某社工〔2026〕12号",
    )?;
    let on = dates::required("approvedOn", "批准日期", &a.approved_on)?;
    if on > today {
        return Err(CoreError::validation(
            "approvedOn",
            "批准日期不能晚于今天：还没有批准的，请先按“未经批准”登记，批准后再“登记批准”。",
        ));
    }
    if let Some(r) = returned.filter(|r| on > *r) {
        return Err(CoreError::validation(
            "approvedOn",
            format!(
                "批准日期晚于归队日期 {}：借调结束后不能再补批，这次借调在台账中保留为未经批准。",
                dates::text(r)
            ),
        ));
    }
    Ok((
        ApprovalInput {
            approved_by: by,
            approval_no: no,
            approved_on: dates::text(on),
        },
        on,
    ))
}

/// The dates against the person and each other: the start on or after 入职时间 and before any
/// exit, no more than a year ahead; the planned end not before the start; the return not
/// before the start, not after today and not after an exit.
fn span_dates(
    input: &SecondmentInput,
    w: &Worker,
    exit: Option<&str>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate, Option<NaiveDate>)> {
    let start = dates::required("startOn", "借调开始日期", &input.start_on)?;
    if dates::text(start) < w.input.hired_on {
        return Err(CoreError::validation(
            "startOn",
            format!("借调开始日期不能早于入职时间 {}。", w.input.hired_on),
        ));
    }
    if exit.is_some_and(|e| dates::text(start).as_str() >= e) {
        return Err(CoreError::validation(
            "startOn",
            format!(
                "此人已于 {} 退出，借调开始日期应早于退出日期。",
                exit.unwrap_or_default()
            ),
        ));
    }
    if start > today.checked_add_months(Months::new(12)).unwrap_or(today) {
        return Err(CoreError::validation(
            "startOn",
            "借调开始日期不能晚于一年以后，请核对。",
        ));
    }
    let planned = dates::required("plannedEnd", "计划结束日期", &input.planned_end)?;
    if planned < start {
        return Err(CoreError::validation(
            "plannedEnd",
            "计划结束日期不能早于借调开始日期。",
        ));
    }
    let returned = dates::optional("returnedOn", "归队日期", input.returned_on.as_deref())?;
    if let Some(r) = returned {
        if r < start {
            return Err(CoreError::validation(
                "returnedOn",
                format!("归队日期不能早于借调开始日期 {}。", dates::text(start)),
            ));
        }
        if r > today {
            return Err(CoreError::validation(
                "returnedOn",
                "归队日期不能晚于今天：人回到社区后再登记归队。",
            ));
        }
        if exit.is_some_and(|e| dates::text(r).as_str() > e) {
            return Err(CoreError::validation(
                "returnedOn",
                format!(
                    "此人已于 {} 退出，归队日期不能晚于退出日期。",
                    exit.unwrap_or_default()
                ),
            ));
        }
    }
    Ok((start, planned, returned))
}

/// Checks a whole secondment of worker `w` (whose exit date is `exit`), for a new one
/// (`own_id` None) or a change to secondment `own_id`.
pub(super) fn check(
    conn: &Connection,
    w: &Worker,
    exit: Option<&str>,
    own_id: Option<i64>,
    input: &SecondmentInput,
    today: NaiveDate,
) -> Result<Checked> {
    refuse_county_level(input.unit_level)?;
    let unit = required_text("unit", "借入单位", &input.unit, "某某街道党群服务中心")?;
    let reason = required_text(
        "reason",
        "借调事由",
        &input.reason,
        "协助开展第五次全国经济普查",
    )?;
    let (start, planned_end, returned) = span_dates(input, w, exit, today)?;
    let filled = input.approval.as_ref().filter(|a| {
        [&a.approved_by, &a.approval_no, &a.approved_on]
            .iter()
            .any(|t| !t.trim().is_empty())
    });
    let (approval, approved) = match (input.approval_status, filled) {
        (ApprovalStatus::Approved, Some(a)) => {
            let (a, on) = approval(a, returned, today)?;
            (Some(a), Some(on))
        }
        (ApprovalStatus::Approved, None) => {
            return Err(CoreError::validation(
                "approvedBy",
                "选择“已批准”须填写县级党委社会工作部门的批准单位、批准文号和批准日期；还没有批准的，请选择“未经批准”登记。",
            ))
        }
        (ApprovalStatus::Unapproved, Some(_)) => {
            return Err(CoreError::validation(
                "approvalStatus",
                "选择了“未经批准”，就不要填写批准单位、文号和日期；已经批准的，请选择“已批准”。",
            ))
        }
        (ApprovalStatus::Unapproved, None) => (None, None),
    };
    let span = Span {
        start,
        planned_end,
        returned,
        approved,
    };
    no_overlap(conn, w.id, own_id, &span)?;
    Ok(Checked {
        kind: input.kind,
        unit,
        unit_level: input.unit_level,
        reason,
        span,
        approval,
        remarks: clean_optional(input.remarks.as_deref()),
    })
}

/// One person is seconded to one unit at a time.
fn no_overlap(conn: &Connection, worker_id: i64, own_id: Option<i64>, span: &Span) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT unit, start_on, planned_end, returned_on FROM secondments
         WHERE worker_id = ?1 AND id IS NOT ?2 ORDER BY start_on",
    )?;
    let others = stmt.query_map(rusqlite::params![worker_id, own_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for other in others {
        let (unit, start, planned, returned) = other?;
        let parse = |t: &str| NaiveDate::parse_from_str(t, dates::ISO).ok();
        let (Some(s), Some(p)) = (parse(&start), parse(&planned)) else {
            continue;
        };
        let theirs = Span {
            start: s,
            planned_end: p,
            returned: returned.as_deref().and_then(parse),
            approved: None,
        };
        if span.overlaps(&theirs) {
            let until = returned.map_or("至今未归队".to_string(), |r| format!("{r} 归队"));
            return Err(CoreError::conflict(
                Some("startOn"),
                format!(
                    "与已登记的借调时间重叠（{unit}，{start} 起，{until}）：同一人同一时间只能借调到一个单位。\
                     请核对日期；前一次已结束的，请先为它登记归队日期。"
                ),
            ));
        }
    }
    Ok(())
}
