//! `shegong bench-training`: the cadence status of a large street (20,000 workers, 200,000
//! attendance records) and the year's statistics. Prints figures; never fails on time.

use crate::args::Args;
use crate::Failure;
use shegong_core::rusqlite::params;
use shegong_core::{clock, demo, store, training, vocab, Result};
use std::time::{Duration, Instant};

struct Options {
    workers: usize,
    attendances: usize,
    runs: usize,
}

pub fn run(args: &mut Args) -> std::result::Result<(), Failure> {
    let o = Options {
        workers: args.number("--workers")?.unwrap_or(20_000),
        attendances: args.number("--attendances")?.unwrap_or(200_000),
        runs: args.number("--runs")?.unwrap_or(20),
    };
    args.finish()?;
    bench(&o)?;
    Ok(())
}

/// A fresh folder for a benchmark's ledger: (folder, ledger path); the caller removes it.
pub(crate) fn scratch(name: &str) -> Result<(std::path::PathBuf, std::path::PathBuf)> {
    let dir = std::env::temp_dir().join(format!("shegong-bench-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    Ok((dir, path))
}

/// Debug or release, for the header line.
pub(crate) fn build_kind() -> &'static str {
    if cfg!(debug_assertions) {
        "调试构建，数字偏大；请用 --release"
    } else {
        "发布构建"
    }
}

/// Prints the median, minimum and maximum of the samples (also used by bench-grades).
pub(crate) fn line(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<26} 中位数 {:>8.2} ms   最小 {:>8.2} ms   最大 {:>8.2} ms   ({} 次)",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

/// A demo street of `workers` people (about 65 a community) in a new ledger at `path`.
pub(crate) fn demo_street(
    path: &std::path::Path,
    workers: usize,
    today: chrono::NaiveDate,
) -> Result<(shegong_core::Connection, demo::DemoSummary)> {
    let mut conn = store::open(path)?;
    let made = shegong_core::write(&mut conn, |tx| {
        demo::generate(
            tx,
            &demo::DemoOptions {
                seed: 7,
                communities: (workers / 65).max(8),
                workers: Some(workers),
            },
            today,
        )
    })?;
    Ok((conn, made))
}

/// Runs `f` `runs` times (at least once) and returns the durations.
pub(crate) fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Vec<Duration>> {
    let mut out = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        std::hint::black_box(f()?);
        out.push(t.elapsed());
    }
    Ok(out)
}

fn bench(o: &Options) -> Result<()> {
    let (dir, path) = scratch("training")?;
    let today = clock::today();
    println!(
        "培训到期基准测试：{} 名人员，{} 条参训记录，每项 {} 次（{}）",
        o.workers,
        o.attendances,
        o.runs,
        build_kind()
    );
    let t = Instant::now();
    let (mut conn, made) = demo_street(&path, o.workers, today)?;
    println!(
        "{:<26} {:>8.1} s    （{} 人，{} 个班次，{} 条参训记录）",
        "生成演示台账",
        t.elapsed().as_secs_f64(),
        made.workers,
        made.training_classes,
        made.attendances
    );

    // Top up with older classes of every kind and tier straight into the tables (a
    // benchmark fixture, not the clerk's path), up to the requested number of records.
    let t = Instant::now();
    let ids: Vec<i64> = {
        let mut stmt = conn.prepare("SELECT id FROM workers ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<shegong_core::rusqlite::Result<_>>()?
    };
    let mut seed: u64 = 0x5EED;
    let mut next = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n.max(1)
    };
    let tx = conn.transaction()?;
    let mut have: i64 =
        tx.query_row("SELECT count(*) FROM training_attendance", [], |r| r.get(0))?;
    let mut class_no = 0;
    while have < o.attendances as i64 && !ids.is_empty() {
        class_no += 1;
        let days_back = 30 + next(365 * 6) as i64;
        let end = today - chrono::Duration::days(days_back);
        let kind = vocab::TRAINING_KINDS[next(4) as usize];
        let tier = vocab::TRAINING_TIERS[next(4) as usize];
        tx.execute(
            "INSERT INTO training_classes (name, kind, tier, start_date, end_date, hours_tenths, mode)
             VALUES (?1, ?2, ?3, ?4, ?4, 80, '线下')",
            params![format!("基准测试班次 {class_no}"), kind, tier, end.format("%Y-%m-%d").to_string()],
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
            have += stmt.execute(params![class_id, w, result])? as i64;
            if have >= o.attendances as i64 {
                break;
            }
        }
    }
    tx.commit()?;
    conn.execute_batch("ANALYZE")?;
    println!(
        "{:<26} {:>8.1} s    （共 {} 条参训记录）",
        "补充参训记录",
        t.elapsed().as_secs_f64(),
        have
    );
    drop(conn);

    let conn = store::open(&path)?;
    let rows = training::cadence(&conn, today)?;
    let counts: Vec<String> = vocab::CadenceStatus::ALL
        .iter()
        .map(|s| format!("{s} {}", rows.iter().filter(|r| r.status == *s).count()))
        .collect();
    println!("计入人数 {}：{}", rows.len(), counts.join("，"));
    line(
        "全员培训到期状态",
        time(o.runs, || training::cadence(&conn, today))?,
    );
    let one = rows.get(rows.len() / 2).map_or(1, |r| r.worker_id);
    line(
        "单人培训到期状态",
        time(o.runs, || training::cadence_for_worker(&conn, one, today))?,
    );
    use chrono::Datelike;
    line(
        "年度培训统计",
        time(o.runs.min(10), || {
            training::statistics(&conn, today.year(), today)
        })?,
    );
    drop(conn);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
