//! `shegong secondments` on the demo ledger: the demo seconds a few people (one 未经批准, one
//! 逾期未归); text and JSON agree; bad input is refused.

mod common;
use common::{demo, json, shegong, text};

#[test]
fn the_register_as_of_a_date_flags_the_unapproved_and_the_overdue() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);

    let v = json(&["--db", db, "secondments", "--as-of", "2026-06-30", "--json"]);
    assert_eq!(v["asOf"], "2026-06-30");
    assert_eq!(v["since"], "2026-01-01");
    let rows = v["rows"].as_array().expect("rows");
    assert!(rows.len() >= 4, "{rows:?}");
    let away: Vec<_> = rows.iter().filter(|r| r["phase"] == "借调在外").collect();
    assert_eq!(v["counts"]["away"], away.len());
    let unapproved = away
        .iter()
        .filter(|r| r["approvalStatus"] == "未经批准")
        .count();
    assert!(unapproved >= 1);
    assert_eq!(v["counts"]["unapproved"], unapproved);
    let overdue = away.iter().filter(|r| r["overdue"] == true).count();
    assert!(overdue >= 1);
    assert_eq!(v["counts"]["overdue"], overdue);
    assert!(rows.iter().any(|r| r["phase"] == "已归队"));

    // Before any demo secondment began, nobody is away.
    let early = json(&["--db", db, "secondments", "--as-of", "2025-01-01", "--json"]);
    assert_eq!(early["counts"]["away"], 0);

    let out = shegong(&["--db", db, "secondments", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("借调登记（截至 2026-06-30"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "借调在外 {} 人，其中未经批准 {unapproved} 人、逾期未归 {overdue} 人",
            away.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("\t未经批准"), "{stdout}");
    assert!(stdout.contains("逾期未归"), "{stdout}");

    // The staffing figures count the same people away.
    let stats = json(&["--db", db, "stats", "--as-of", "2026-06-30", "--json"]);
    assert_eq!(stats["staffing"]["total"]["secondedAway"], away.len());
    assert_eq!(stats["staffing"]["total"]["secondedUnapproved"], unapproved);
    let out = shegong(&["--db", db, "stats", "--as-of", "2026-06-30"]);
    let stdout = text(&out.stdout);
    let total = stdout
        .lines()
        .find(|l| l.starts_with("全街道合计"))
        .expect("total line");
    assert!(
        total.ends_with(&format!("\t{}\t{unapproved}", away.len())),
        "{stdout}"
    );
    assert!(stdout.contains("其中借调在外\t借调未经批准"), "{stdout}");
}

#[test]
fn the_register_needs_a_valid_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("empty.db");
    let db = db.to_str().expect("utf-8");
    let out = shegong(&["--db", db, "secondments"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("需要 --as-of"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&["--db", db, "secondments", "--as-of", "2026-02-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是有效日期"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&[
        "--db",
        db,
        "secondments",
        "--as-of",
        "2026-02-01",
        "--from",
        "2026-03-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("起始日期不能晚于统计日期"),
        "{}",
        text(&out.stderr)
    );
}
