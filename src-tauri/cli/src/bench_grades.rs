//! `shegong bench-grades`: the promotion run over a large street (20,000 workers with five
//! years of assessments each, graded year by year by the demo). Prints figures; never fails
//! on time.

use crate::args::Args;
use crate::bench_training::{build_kind, demo_street, line, scratch, time};
use crate::Failure;
use chrono::Datelike;
use shegong_core::{clock, grades, store, Result};
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
    let (conn, made) = demo_street(&path, workers, today)?;
    println!(
        "{:<26} {:>8.1} s    （{} 人，{} 条年度考核，{} 条岗位等级记录）",
        "生成演示台账",
        t.elapsed().as_secs_f64(),
        made.workers,
        made.assessments,
        made.grade_records
    );
    // Top up to five years of assessments for everyone, this year included, straight into the
    // table (a benchmark fixture, not the clerk's path): 1 in 8 优秀, 1 in 40 不合格.
    let t = Instant::now();
    let added = conn.execute(
        "INSERT OR IGNORE INTO assessments (worker_id, year, result)
         SELECT w.id, y.value,
             CASE (w.id * 7 + y.value) % 40 WHEN 0 THEN '不合格' WHEN 1 THEN '优秀'
                  WHEN 2 THEN '优秀' WHEN 3 THEN '优秀' WHEN 4 THEN '优秀' WHEN 5 THEN '优秀'
                  ELSE '合格' END
         FROM workers w, json_each(?1) y",
        [format!(
            "[{}]",
            ((today.year() - 4)..=today.year())
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )],
    )?;
    conn.execute_batch("ANALYZE")?;
    let total: i64 = conn.query_row("SELECT count(*) FROM assessments", [], |r| r.get(0))?;
    println!(
        "{:<26} {:>8.1} s    （补 {added} 条，共 {total} 条年度考核）",
        "补足每人 5 年考核",
        t.elapsed().as_secs_f64()
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
