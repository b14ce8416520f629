//! `shegong training due` on a demo ledger: text and JSON agree, bad input is a usage error.

mod common;
use common::{demo, json, shegong, text};

#[test]
fn training_due_lists_the_overdue_first() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);

    let v = json(&[
        "--db",
        db,
        "training",
        "due",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    assert_eq!(v["asOf"], "2026-06-30");
    let rows = v["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    assert_eq!(rows[0]["status"], "已逾期", "overdue first");
    let total: u64 = v["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| c["count"].as_u64().expect("n"))
        .sum();
    assert_eq!(total as usize, rows.len());
    assert_eq!(v["rules"]["warningDays"], 90);

    let out = shegong(&["training", "due", "--as-of", "2026-06-30", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("培训到期情况（截至 2026-06-30）"),
        "{stdout}"
    );
    assert!(stdout.contains("已逾期"), "{stdout}");
}

#[test]
fn training_due_needs_a_valid_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("empty.db");
    let db = db.to_str().expect("utf-8");
    let out = shegong(&["--db", db, "training", "due"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("需要 --as-of"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&["--db", db, "training", "due", "--as-of", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是有效日期"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&["--db", db, "training", "list"]);
    assert_eq!(out.status.code(), Some(2));
    // An empty ledger has nobody due.
    let out = shegong(&["--db", db, "training", "due", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("共 0 人"));
}
