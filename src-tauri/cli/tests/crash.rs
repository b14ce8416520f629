//! Crash safety, kept in the suite: the CLI is killed (SIGKILL on Unix, TerminateProcess on
//! Windows: no chance to clean up) at random moments while it generates a demo street and
//! while it commits a large import. Afterwards the ledger must pass SQLite's full
//! integrity check and hold all of the work or none of it.
//!
//! 10 kills each by default; `SHEGONG_CRASH_KILLS=50` for more. The moments are drawn from
//! a seed printed with each run (`SHEGONG_CRASH_SEED` repeats a run).

mod common;

use common::{shegong, text};
use shegong_core::Connection;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn kills() -> usize {
    std::env::var("SHEGONG_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
}

/// A small generator for the kill moments (no dependency for it).
struct Lcg(u64);

impl Lcg {
    fn from_env() -> Lcg {
        let seed = std::env::var("SHEGONG_CRASH_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        println!("SHEGONG_CRASH_SEED={seed}");
        Lcg(seed)
    }

    /// A fraction in [0, 1).
    fn fraction(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Runs `shegong` with `args` and kills it after `after`; true when it was still running.
fn run_and_kill(args: &[&str], after: Duration) -> bool {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shegong"))
        .args(args)
        .env_remove("SHEGONG_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start shegong");
    let started = Instant::now();
    while started.elapsed() < after {
        if child.try_wait().expect("poll").is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let killed = child.try_wait().expect("poll").is_none();
    let _ = child.kill();
    let _ = child.wait();
    killed
}

/// The whole-file check and the number of workers of the ledger at `db` (0 when the kill
/// came before the ledger had its tables).
fn check(db: &Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let conn = Connection::open(db).expect("open after the kill");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity_check");
    assert_eq!(ok, "ok", "the ledger is intact after the kill");
    let has_workers: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'workers'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    if has_workers == 0 {
        return 0;
    }
    conn.query_row("SELECT count(*) FROM workers", [], |r| r.get(0))
        .expect("count")
}

fn remove_ledger(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}

const DEMO: [&str; 7] = [
    "demo",
    "--seed",
    "7",
    "--communities",
    "20",
    "--as-of",
    "2026-06-30",
];

#[test]
fn a_demo_generation_killed_at_any_moment_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("ledger.db");
    let db_arg = db.to_str().expect("path");
    let mut args = vec!["--db", db_arg];
    args.extend(DEMO);
    // The full run: how long it takes and what it leaves.
    let started = Instant::now();
    let out = shegong(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full = started.elapsed();
    let all = check(&db);
    assert!(all > 0);

    let mut rng = Lcg::from_env();
    let (mut killed, mut complete) = (0, 0);
    for _ in 0..kills() {
        remove_ledger(&db);
        let at = full.mul_f64(rng.fraction());
        killed += usize::from(run_and_kill(&args, at));
        let found = check(&db);
        complete += usize::from(found == all);
        assert!(
            found == 0 || found == all,
            "killed after {at:?}: {found} workers, expected 0 or {all}"
        );
    }
    println!(
        "demo: {killed} of {} runs killed before they ended, {complete} left the whole street (full run {full:?})",
        kills()
    );
}

#[test]
fn an_import_commit_killed_at_any_moment_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let roster = dir.path().join("花名册.xlsx");
    let out = shegong(&[
        "bench-import",
        "--rows",
        "3000",
        "--write-roster",
        roster.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let db = dir.path().join("ledger.db");
    let db_arg = db.to_str().expect("path");
    let args = [
        "--db",
        db_arg,
        "import",
        "roster",
        roster.to_str().expect("path"),
        "--create-communities",
        "--skip-rejected",
    ];
    // A ledger that already holds something, so "nothing" is not an empty file.
    let base = dir.path().join("base.db");
    let mut demo = vec!["--db", base.to_str().expect("path")];
    demo.extend(DEMO);
    let out = shegong(&demo);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let before = check(&base);

    std::fs::copy(&base, &db).expect("copy");
    let started = Instant::now();
    let out = shegong(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full = started.elapsed();
    let after = check(&db);
    assert!(after > before, "the import adds people: {before} → {after}");

    let mut rng = Lcg::from_env();
    let (mut killed, mut complete) = (0, 0);
    for _ in 0..kills() {
        remove_ledger(&db);
        std::fs::copy(&base, &db).expect("copy");
        // The first part of the run only reads the file: the kills aim at the rest, where
        // the backup and the commit are.
        let at = full.mul_f64(0.3 + 0.75 * rng.fraction());
        killed += usize::from(run_and_kill(&args, at));
        let found = check(&db);
        complete += usize::from(found == after);
        assert!(
            found == before || found == after,
            "killed after {at:?}: {found} workers, expected {before} or {after}"
        );
    }
    println!(
        "import: {killed} of {} runs killed before they ended, {complete} left the whole import (full run {full:?})",
        kills()
    );
}
