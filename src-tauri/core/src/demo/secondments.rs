//! Demo secondments (借调登记): a few workers seconded to units of the street, among them one
//! 未经批准, one 逾期未归, one approved late (补批) and one back already. Drawn from a
//! generator of its own, seeded from the demo seed, so that every other demo figure stays as
//! it was before secondments existed.

use super::{DemoSummary, Rng};
use crate::audit::Channel;
use crate::dates;
use crate::error::Result;
use crate::secondments::{self, ApprovalInput, SecondmentInput};
use crate::vocab::{ApprovalStatus, Category, SecondmentKind, UnitLevel};
use chrono::{Duration, NaiveDate};
use rusqlite::Transaction;

const UNITS: &[&str] = &[
    "翠苑街道党群服务中心",
    "翠苑街道综合行政执法队",
    "翠苑街道社区服务中心",
    "翠苑街道基层治理综合信息指挥室",
];

const REASONS: &[&str] = &[
    "协助开展第五次全国经济普查",
    "创建全国文明城市迎检",
    "防汛防台应急值守",
    "街道养老服务补贴核查",
];

/// (days before today the secondment starts, planned length in days, days after the start
/// it was approved — None: not approved, days after the start it ended — None: still away).
type Pattern = (i64, i64, Option<i64>, Option<i64>);

/// 未经批准; 逾期未归; 补批; back already (approved before it began); an ordinary approved one.
const PATTERNS: [Pattern; 5] = [
    (60, 150, None, None),
    (200, 180, Some(-10), None),
    (100, 160, Some(15), None),
    (300, 150, Some(-7), Some(150)),
    (40, 120, Some(-5), None),
];

/// In-post 社区工作者 hired at least 400 days ago, by id: whom the demo may second.
fn candidates(tx: &Transaction, today: NaiveDate) -> Result<Vec<i64>> {
    let counted = Category::sql_list(&Category::COUNTED);
    let mut stmt = tx.prepare(&format!(
        "SELECT w.id FROM workers w LEFT JOIN exits e ON e.worker_id = w.id
         WHERE e.worker_id IS NULL AND w.category IN {counted} AND w.hired_on <= ?1
         ORDER BY w.id"
    ))?;
    let since = dates::text(today - Duration::days(400));
    let ids = stmt.query_map([since], |r| r.get(0))?;
    Ok(ids.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn generate(
    tx: &Transaction,
    seed: u64,
    communities: usize,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    let mut rng = Rng(seed ^ 0x005E_C04D_3E47_u64);
    let mut people = candidates(tx, today)?;
    let wanted = (communities / 2).max(PATTERNS.len()).min(people.len());
    for k in 0..wanted {
        let person = people.swap_remove(rng.below(people.len() as u64) as usize);
        let (before, length, approved, ended) = match PATTERNS.get(k) {
            Some(p) => *p,
            None => *rng.pick(&PATTERNS),
        };
        let start = today - Duration::days(before);
        let day = |offset: i64| dates::text(start + Duration::days(offset));
        let input = SecondmentInput {
            kind: if rng.chance(70) {
                SecondmentKind::Borrowed
            } else {
                SecondmentKind::Drawn
            },
            unit: (*rng.pick(UNITS)).into(),
            unit_level: UnitLevel::Street,
            reason: (*rng.pick(REASONS)).into(),
            start_on: dates::text(start),
            planned_end: day(length),
            returned_on: ended.map(day),
            approval_status: if approved.is_some() {
                ApprovalStatus::Approved
            } else {
                ApprovalStatus::Unapproved
            },
            approval: approved.map(|offset| ApprovalInput {
                approved_by: "杭州市西湖区委社会工作部".into(),
                approval_no: format!("西社工〔{}〕{}号", &day(offset)[..4], 10 + k),
                approved_on: day(offset),
            }),
            remarks: None,
        };
        secondments::add(tx, &Channel::Demo, person, &input, today)?;
        summary.secondments += 1;
    }
    Ok(())
}
