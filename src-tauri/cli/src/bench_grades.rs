//! `shegong bench-grades`: the promotion run over a large street (20,000 workers with five
//! years of assessments each, graded year by year by the demo). Prints figures; never fails
//! on time.

use crate::args::Args;
use crate::bench_training::{build_kind, demo_street, line, scratch, time};
use crate::Failure;
use chrono::Datelike;
use shegong_core::{clock, demo, grades, store, Result};
use std::time::Instant;

pub fn run(args: &mut Args) -> std::result::Result<(), Failure> {
    let workers = args.number("--workers")?.unwrap_or(20_000);
    let runs = args.number("--runs")?.unwrap_or(20);
    args.finish()?;
    bench(workers, runs)?;
    Ok(())
}

fn bench(workers: usize, runs: usize) -> Result<()> {
    let (dir, path) = scratch("grades")?;
    let today = clock::today();
    println!(
        "晋级建议基准测试：{workers} 名人员，每项 {runs} 次（{}）",
        build_kind()
    );
    let t = Instant::now();
    let (mut conn, made) = demo_street(&path, workers, today)?;
    println!(
        "{:<26} {:>8.1} s    （{} 人，{} 条年度考核，{} 条岗位等级记录）",
        "生成演示台账",
        t.elapsed().as_secs_f64(),
        made.workers,
        made.assessments,
        made.grade_records
    );
    // Five years of assessments for everyone, this year included (a benchmark fixture, not
    // the clerk's path).
    let t = Instant::now();
    let made = shegong_core::write(&mut conn, |tx| {
        demo::top_up_assessments(tx, (today.year() - 4)..=today.year())
    })?;
    println!(
        "{:<26} {:>8.1} s    （补 {} 条，共 {} 条年度考核）",
        "补足每人 5 年考核",
        t.elapsed().as_secs_f64(),
        made.added,
        made.total
    );
    drop(conn);

    let conn = store::open(&path)?;
    // The next 1 January: every worker's last year counts (or is missing), as in January.
    let next = chrono::NaiveDate::from_ymd_opt(today.year() + 1, 1, 1).unwrap_or(today);
    let proposals = grades::propose(&conn, next)?;
    println!(
        "在岗 {} 人：定级 {}，调整 {}，需核对 {}",
        proposals.len(),
        proposals.iter().filter(|p| p.current.is_none()).count(),
        proposals.iter().filter(|p| p.changed).count(),
        proposals.iter().filter(|p| !p.attention.is_empty()).count()
    );
    line(
        "全街道晋级建议（下一年度）",
        time(runs, || grades::propose(&conn, next))?,
    );
    line(
        "全街道晋级建议（今天）",
        time(runs, || grades::propose(&conn, today))?,
    );
    line(
        "人员经费（月度与全年）",
        time(runs.clamp(1, 5), || grades::salary_totals(&conn, today))?,
    );
    drop(conn);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
