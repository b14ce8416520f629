//! `shegong bench-training`: the cadence status of a large street (20,000 workers, 200,000
//! attendance records) and the year's statistics. Prints figures; never fails on time.

use crate::args::Args;
use crate::Failure;
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

    // Older classes of every kind and tier, up to the requested number of records (a
    // benchmark fixture, not the clerk's path).
    let t = Instant::now();
    let made = shegong_core::write(&mut conn, |tx| {
        demo::top_up_attendance(tx, o.attendances, today)
    })?;
    println!(
        "{:<26} {:>8.1} s    （共 {} 条参训记录）",
        "补充参训记录",
        t.elapsed().as_secs_f64(),
        made.total
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
