//! `shegong bench`: builds a demo ledger in a temporary file and times the roster queries a
//! clerk's clicks make. It prints figures; it never fails on time.

use shegong_core::vocab::WorkerStatus;
use shegong_core::workers::{self, RosterQuery, SortKey};
use shegong_core::{clock, demo, store, CoreError, Result};
use std::time::{Duration, Instant};

pub struct Options {
    pub communities: usize,
    pub workers: usize,
    pub runs: usize,
}

fn summary(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = samples[samples.len() / 2];
    let p95 = samples[(samples.len() * 95 / 100).min(samples.len() - 1)];
    println!(
        "{name:<28} 中位数 {:>8.3} ms   P95 {:>8.3} ms   最大 {:>8.3} ms   ({} 次)",
        ms(median),
        ms(p95),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

fn time<T>(runs: usize, mut f: impl FnMut() -> Result<T>) -> Result<Vec<Duration>> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        std::hint::black_box(f()?);
        samples.push(t.elapsed());
    }
    Ok(samples)
}

pub fn run(o: &Options) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("shegong-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("bench.db");
    let today = clock::today();
    println!(
        "基准测试：{} 个社区，{} 名人员，每项 {} 次（{}）",
        o.communities,
        o.workers,
        o.runs,
        if cfg!(debug_assertions) {
            "调试构建，数字偏大；请用 --release"
        } else {
            "发布构建"
        }
    );

    let t = Instant::now();
    let mut conn = store::open(&path)?;
    let options = demo::DemoOptions {
        seed: 7,
        communities: o.communities,
        workers: Some(o.workers),
    };
    let made = shegong_core::write(&mut conn, |tx| demo::generate(tx, &options, today))?;
    println!(
        "{:<28} {:>8.3} s    （{} 人，{} 条职业资格，{} 条退出）",
        "生成演示台账",
        t.elapsed().as_secs_f64(),
        made.workers,
        made.certificates,
        made.exits
    );
    drop(conn);

    let first_page = RosterQuery {
        page: 1,
        page_size: 50,
        ..Default::default()
    };
    summary(
        "打开台账 + 花名册第一页",
        time(o.runs.min(20), || {
            let conn = store::open(&path)?;
            workers::roster(&conn, &first_page, today)
        })?,
    );

    let conn = store::open(&path)?;
    summary(
        "花名册第一页（已打开）",
        time(o.runs, || workers::roster(&conn, &first_page, today))?,
    );
    for (label, search) in [
        ("姓名搜索“王”", "王"),
        ("拼音首字母搜索“zw”", "zw"),
        ("身份证号片段搜索", "19850"),
    ] {
        let q = RosterQuery {
            search: Some(search.into()),
            ..first_page.clone()
        };
        summary(label, time(o.runs, || workers::roster(&conn, &q, today))?);
    }
    // The eleventh community (or the first of a small street): a mid-sized one.
    let communities = demo::community_ids(&conn)?;
    let community_id = communities
        .get(10)
        .or(communities.first())
        .copied()
        .ok_or_else(|| CoreError::not_found("演示台账中没有社区。"))?;
    let two_filters = RosterQuery {
        category: Some("社区专职工作人员".into()),
        education: Some("大学本科".into()),
        sort: SortKey::Name,
        ..first_page.clone()
    };
    summary(
        "两项筛选（类别+学历）",
        time(o.runs, || workers::roster(&conn, &two_filters, today))?,
    );
    let status_filter = RosterQuery {
        community_id: Some(community_id),
        status: Some(WorkerStatus::InPost),
        ..first_page.clone()
    };
    summary(
        "两项筛选（社区+状态）",
        time(o.runs, || workers::roster(&conn, &status_filter, today))?,
    );
    let last_page = RosterQuery {
        sort: SortKey::Age,
        descending: true,
        page: (o.workers as i64 / 50).max(1),
        ..first_page.clone()
    };
    summary(
        "按年龄排序的最后一页",
        time(o.runs, || workers::roster(&conn, &last_page, today))?,
    );
    let ids = demo::worker_ids(&conn)?;
    let mut i = 0usize;
    summary(
        "单人详情（含历史）",
        time(o.runs, || {
            i = (i + 7919) % ids.len().max(1);
            workers::detail(&conn, ids[i], today)
        })?,
    );
    drop(conn);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
