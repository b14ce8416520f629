//! `shegong bench-export`: times the county workbook (all sheets, and the roster alone) on
//! demo ledgers of the given sizes, with peak memory, side by side with a Python openpyxl
//! script writing the same roster sheet from the same cells. Prints figures; never fails on
//! time.

use crate::args::Args;
use crate::Failure;
use shegong_core::reports::{self, ReportOptions};
use shegong_core::{clock, dates, demo, store, CoreError, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Options {
    sizes: Vec<usize>,
    communities: Option<usize>,
    runs: usize,
    script: PathBuf,
}

pub fn run(args: &mut Args) -> std::result::Result<(), Failure> {
    let sizes = match args.value("--workers")? {
        None => vec![5_000, 20_000],
        Some(list) => list
            .split(',')
            .map(|s| s.trim().parse::<usize>())
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| {
                Failure::Usage(format!(
                    "--workers 需要用逗号分隔的人数，例如 5000,20000，现在是“{list}”。"
                ))
            })?,
    };
    let options = Options {
        sizes,
        communities: args.number("--communities")?,
        runs: args.number("--runs")?.unwrap_or(3).max(1),
        script: args
            .value("--script")?
            .map(PathBuf::from)
            .unwrap_or_else(default_script),
    };
    args.finish()?;
    bench(&options)?;
    Ok(())
}

/// The script in the source tree (the benchmark is run from a checkout).
fn default_script() -> PathBuf {
    let in_tree =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/bench/roster_openpyxl.py");
    if in_tree.exists() {
        in_tree
    } else {
        PathBuf::from("assets/bench/roster_openpyxl.py")
    }
}

/// A line of /proc/self/status in KiB (Linux only).
fn status_kib(key: &str) -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets the peak (VmHWM) to the current size, so the next reading is this step's peak.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or("不可用".to_string(), |k| {
        format!("{:.1} MiB", k as f64 / 1024.0)
    })
}

struct Measure {
    median: Duration,
    peak_kib: Option<u64>,
}

/// Runs `f` `runs` times: the median time, and the peak memory of the first run.
fn measure(runs: usize, mut f: impl FnMut() -> Result<()>) -> Result<Measure> {
    let resettable = reset_peak();
    let mut samples = Vec::new();
    let mut peak_kib = None;
    for i in 0..runs {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed());
        if i == 0 && resettable {
            peak_kib = status_kib("VmHWM:");
        }
    }
    samples.sort();
    Ok(Measure {
        median: samples[samples.len() / 2],
        peak_kib,
    })
}

fn openpyxl_available() -> bool {
    Command::new("python3")
        .args(["-c", "import openpyxl"])
        .output()
        .is_ok_and(|o| o.status.success())
}

struct PythonRun {
    seconds: f64,
    wall: Duration,
    peak_kib: Option<u64>,
}

fn run_python(script: &Path, table: &Path, out: &Path) -> Result<PythonRun> {
    let t = Instant::now();
    let output = Command::new("python3")
        .arg(script)
        .arg(table)
        .arg(out)
        .output()?;
    let wall = t.elapsed();
    if !output.status.success() {
        return Err(CoreError::Io(std::io::Error::other(format!(
            "openpyxl 脚本失败：{}",
            String::from_utf8_lossy(&output.stderr)
        ))));
    }
    let v: serde_json::Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        CoreError::Io(std::io::Error::other(format!(
            "openpyxl 脚本输出无法解析：{e}"
        )))
    })?;
    Ok(PythonRun {
        seconds: v["seconds"].as_f64().unwrap_or(f64::NAN),
        wall,
        peak_kib: v["peak_kib"].as_u64(),
    })
}

fn bench(o: &Options) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("shegong-bench-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let today = clock::today();
    let has_python = openpyxl_available();
    println!(
        "导出基准测试：区县报表工作簿，每项 {} 次取中位数（{}）",
        o.runs,
        if cfg!(debug_assertions) {
            "调试构建，数字偏大；请用 --release"
        } else {
            "发布构建"
        }
    );
    if !has_python {
        println!("未找到 Python 的 openpyxl，跳过对比一栏。安装方法：pip install openpyxl");
    }
    for &n in &o.sizes {
        let db = dir.join(format!("bench-{n}.db"));
        let _ = std::fs::remove_file(&db);
        let communities = o.communities.unwrap_or((n / 65).max(8));
        let mut conn = store::open(&db)?;
        let t = Instant::now();
        let made = shegong_core::write(&mut conn, |tx| {
            demo::generate(
                tx,
                &demo::DemoOptions {
                    seed: 7,
                    communities,
                    workers: Some(n),
                },
                today,
            )
        })?;
        println!(
            "\n{n} 人、{communities} 个社区（演示台账生成 {:.1} s，{} 条退出）",
            t.elapsed().as_secs_f64(),
            made.exits
        );
        drop(conn);
        let conn = store::open(&db)?;
        let full = ReportOptions {
            as_of: dates::text(today),
            ..Default::default()
        };
        let roster_only = ReportOptions {
            sheets: vec![reports::ROSTER.to_string()],
            ..full.clone()
        };
        let out = dir.join(format!("county-{n}.xlsx"));
        let before = status_kib("VmRSS:");
        let whole = measure(o.runs, || {
            reports::export_county(&conn, &full, &out, clock::now(), &mut |_| {}).map(|_| ())
        })?;
        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
        let roster = measure(o.runs, || {
            reports::export_county(&conn, &roster_only, &out, clock::now(), &mut |_| {}).map(|_| ())
        })?;
        println!(
            "  {:<22} {:>8.3} s   峰值内存 {}（导出前 {}，文件 {:.1} MiB）",
            "全部工作表",
            whole.median.as_secs_f64(),
            mib(whole.peak_kib),
            mib(before),
            size as f64 / 1024.0 / 1024.0
        );
        println!(
            "  {:<22} {:>8.3} s   峰值内存 {}",
            "仅花名册",
            roster.median.as_secs_f64(),
            mib(roster.peak_kib)
        );
        if has_python {
            let table = reports::roster_table(&conn, &roster_only, clock::now())?;
            let json = dir.join(format!("roster-{n}.json"));
            std::fs::write(
                &json,
                serde_json::to_vec(&table).map_err(|e| CoreError::Io(e.into()))?,
            )?;
            let py_out = dir.join(format!("openpyxl-{n}.xlsx"));
            let py = run_python(&o.script, &json, &py_out)?;
            println!(
                "  {:<22} {:>8.3} s   峰值内存 {}（含启动和读取 JSON 共 {:.3} s）",
                "openpyxl 仅花名册",
                py.seconds,
                mib(py.peak_kib),
                py.wall.as_secs_f64()
            );
            println!(
                "  {:<22} {:>8.1} 倍（openpyxl ÷ 社工台账，仅花名册）",
                "速度比",
                py.seconds / roster.median.as_secs_f64()
            );
        }
    }
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
