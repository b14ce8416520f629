//! Demo labour contracts: every in-post 社区工作者 gets a history from the hire date — mostly
//! three-year fixed terms renewed back to back, a few open-ended after two fixed terms; recent
//! hires in probation keep exactly the probation they already had on a three-year first term
//! (so statuses stay as before); two contracts end within the reminder window and one lapsed
//! without renewal (合同到期未续).
//! Drawn from a generator of its own, seeded from the demo seed, so every other demo figure
//! stays as it was before contracts existed. Exited people get none (their history is closed).

use super::{DemoSummary, Rng};
use crate::audit::Channel;
use crate::contracts::{self, ContractInput};
use crate::dates;
use crate::error::Result;
use crate::vocab::{Category, ContractKind};
use chrono::{Duration, Months, NaiveDate};
use rusqlite::Transaction;

/// In-post 社区工作者 by id, with the hire date and the probation end already on record.
fn people(tx: &Transaction) -> Result<Vec<(i64, NaiveDate, Option<NaiveDate>)>> {
    let counted = Category::sql_list(&Category::COUNTED);
    let mut stmt = tx.prepare(&format!(
        "SELECT w.id, w.hired_on, w.probation_end FROM workers w
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE e.worker_id IS NULL AND w.category IN {counted} ORDER BY w.id"
    ))?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let parse = |t: &str| NaiveDate::parse_from_str(t, dates::ISO).ok();
    Ok(rows
        .filter_map(|r| r.ok())
        .filter_map(|(id, hired, p)| Some((id, parse(&hired)?, p.as_deref().and_then(parse))))
        .collect())
}

fn years_on(start: NaiveDate, years: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(12 * years))
        .map_or(start, |d| d - Duration::days(1))
}

pub(super) fn generate(
    tx: &Transaction,
    seed: u64,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    let mut rng = Rng(seed ^ 0x00C0_47AC_7000_u64);
    let list = people(tx)?;
    // Two to end soon and one lapsed, among people without a probation on record (whose
    // first term is free to choose).
    let mut plain: Vec<usize> = (0..list.len()).filter(|i| list[*i].2.is_none()).collect();
    let mut draw = |rng: &mut Rng| match plain.len() {
        0 => usize::MAX,
        n => plain.swap_remove(rng.below(n as u64) as usize),
    };
    let soon = [draw(&mut rng), draw(&mut rng)];
    let lapsed = draw(&mut rng);
    for (i, (id, hired, probation)) in list.iter().enumerate() {
        let mut start = *hired;
        let mut fixed = 0;
        loop {
            let open = fixed >= 2 && rng.chance(25);
            let years = if fixed == 0 && probation.is_some() {
                3
            } else {
                *rng.pick(&[3, 3, 3, 2, 5])
            };
            let mut end = (!open).then(|| years_on(start, years));
            let covers_today = end.is_none_or(|e| e >= today);
            // The shortest term worth a contract here: three months.
            let shortest = start
                .checked_add_months(Months::new(3))
                .map_or(start, |d| d - Duration::days(1));
            let adjustable = covers_today && !open;
            if adjustable && soon.contains(&i) {
                end = Some((today + Duration::days(rng.range(5, 55))).max(shortest));
            }
            let lapse = adjustable && i == lapsed;
            if lapse {
                end = Some((today - Duration::days(rng.range(10, 40))).max(shortest));
            }
            let input = ContractInput {
                kind: Some(if open {
                    ContractKind::OpenEnded
                } else {
                    ContractKind::FixedTerm
                }),
                start_on: dates::text(start),
                end_on: end.map(dates::text),
                probation_end: probation.filter(|_| fixed == 0).map(dates::text),
                ..ContractInput::default()
            };
            contracts::add(tx, &Channel::Demo, *id, &input, today)?;
            summary.contracts += 1;
            fixed += 1;
            match end {
                Some(e) if e < today && !lapse => start = e + Duration::days(1),
                _ => break,
            }
        }
    }
    Ok(())
}
