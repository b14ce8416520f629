//! Benchmark fixtures: tops a demo street (made by [`super::generate`]) up to sizes that
//! would take hours through the clerk's path — older training classes up to a number of
//! attendance records, five years of assessments for everyone — and lists the ids a
//! benchmark picks from. In: a scratch ledger; out: how many rows were added and are there.
//! The rows go straight into the tables, without validation or audit rows, so these are for
//! the `shegong bench-*` scratch ledgers only, never a clerk's ledger.

use crate::error::Result;
use crate::vocab;
use chrono::NaiveDate;
use rusqlite::{params, Connection, Transaction};
use std::ops::RangeInclusive;

/// What a top-up did: rows added, and rows of that kind now in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopUp {
    pub added: usize,
    pub total: usize,
}

/// Every worker's id, in id order (a benchmark picks people from it).
pub fn worker_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM workers ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every community's id, in id order.
pub fn community_ids(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare("SELECT id FROM communities ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn count(conn: &Connection, table: &str) -> Result<usize> {
    let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// Adds older classes of every kind and tier (ended 30 days to 6 years before `today`, 40 to
/// 119 attendees drawn from all workers, 1 in 10 未结业) until the ledger holds `target`
/// attendance records. The same rows for the same ledger and date.
pub fn top_up_attendance(tx: &Transaction, target: usize, today: NaiveDate) -> Result<TopUp> {
    let ids = worker_ids(tx)?;
    let mut seed: u64 = 0x5EED;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n.max(1)
    };
    let before = count(tx, "training_attendance")?;
    let mut have = before;
    let mut class_no = 0;
    while have < target && !ids.is_empty() {
        class_no += 1;
        let days_back = 30 + next(365 * 6) as i64;
        let end = today - chrono::Duration::days(days_back);
        let kind = vocab::TRAINING_KINDS[next(4) as usize];
        let tier = vocab::TRAINING_TIERS[next(4) as usize];
        tx.execute(
            "INSERT INTO training_classes (name, kind, tier, start_date, end_date, hours_tenths, mode)
             VALUES (?1, ?2, ?3, ?4, ?4, 80, '线下')",
            params![
                format!("基准测试班次 {class_no}"),
                kind,
                tier,
                end.format("%Y-%m-%d").to_string()
            ],
        )?;
        let class_id = tx.last_insert_rowid();
        let size = 40 + next(80);
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO training_attendance (class_id, worker_id, hours_tenths, result)
             VALUES (?1, ?2, 80, ?3)",
        )?;
        for _ in 0..size {
            let w = ids[next(ids.len() as u64) as usize];
            let result = vocab::TRAINING_RESULTS[if next(10) == 0 { 1 } else { 0 }];
            have += stmt.execute(params![class_id, w, result])?;
            if have >= target {
                break;
            }
        }
    }
    // The planner should see the new sizes, as it would after months of real use.
    tx.execute_batch("ANALYZE")?;
    Ok(TopUp {
        added: have - before,
        total: have,
    })
}

/// Gives every worker an assessment for each of `years` they lack one for: 1 in 8 优秀,
/// 1 in 40 不合格, the rest 合格 (fixed by worker id and year).
pub fn top_up_assessments(tx: &Transaction, years: RangeInclusive<i32>) -> Result<TopUp> {
    let years = format!(
        "[{}]",
        years.map(|y| y.to_string()).collect::<Vec<_>>().join(",")
    );
    let added = tx.execute(
        "INSERT OR IGNORE INTO assessments (worker_id, year, result)
         SELECT w.id, y.value,
             CASE (w.id * 7 + y.value) % 40 WHEN 0 THEN '不合格' WHEN 1 THEN '优秀'
                  WHEN 2 THEN '优秀' WHEN 3 THEN '优秀' WHEN 4 THEN '优秀' WHEN 5 THEN '优秀'
                  ELSE '合格' END
         FROM workers w, json_each(?1) y",
        [years],
    )?;
    tx.execute_batch("ANALYZE")?;
    Ok(TopUp {
        added,
        total: count(tx, "assessments")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::{generate, DemoOptions};
    use crate::{store, write};

    fn street() -> Connection {
        let mut conn = store::open_in_memory().expect("ledger");
        let options = DemoOptions {
            seed: 7,
            communities: 2,
            workers: Some(60),
        };
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
        write(&mut conn, |tx| generate(tx, &options, today)).expect("demo");
        conn
    }

    #[test]
    fn attendance_is_topped_up_to_the_target_and_no_further() {
        let mut conn = street();
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
        let before = count(&conn, "training_attendance").expect("count");
        let made =
            write(&mut conn, |tx| top_up_attendance(tx, before + 500, today)).expect("top up");
        assert_eq!(
            made,
            TopUp {
                added: 500,
                total: before + 500
            }
        );
        assert_eq!(
            count(&conn, "training_attendance").expect("count"),
            before + 500
        );
        // Already there: nothing more.
        let again = write(&mut conn, |tx| top_up_attendance(tx, before, today)).expect("again");
        assert_eq!(again.added, 0);
    }

    #[test]
    fn every_worker_gets_each_year_once() {
        let mut conn = street();
        let workers = worker_ids(&conn).expect("ids").len();
        let first = write(&mut conn, |tx| top_up_assessments(tx, 2022..=2026)).expect("top up");
        assert_eq!(first.total, count(&conn, "assessments").expect("count"));
        let per_year: i64 = conn
            .query_row(
                "SELECT max(n) FROM (SELECT count(*) AS n FROM assessments GROUP BY worker_id, year)",
                [],
                |r| r.get(0),
            )
            .expect("max");
        assert_eq!(per_year, 1);
        assert!(
            first.total >= workers * 5,
            "{first:?} for {workers} workers"
        );
        let again = write(&mut conn, |tx| top_up_assessments(tx, 2022..=2026)).expect("again");
        assert_eq!(
            again,
            TopUp {
                added: 0,
                total: first.total
            }
        );
    }

    #[test]
    fn ids_come_in_id_order() {
        let conn = street();
        for ids in [
            worker_ids(&conn).expect("w"),
            community_ids(&conn).expect("c"),
        ] {
            assert!(!ids.is_empty());
            assert!(ids.windows(2).all(|p| p[0] < p[1]), "{ids:?}");
        }
    }
}
