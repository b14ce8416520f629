//! `shegong care summary` on a demo ledger.

mod common;
use common::{demo, shegong, text};

#[test]
fn care_summary_reports_checkups_visits_and_difficulties() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);

    let out = shegong(&[
        "--db",
        db,
        "care",
        "summary",
        "--year",
        "2026",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["year"], 2026);
    assert_eq!(v["asOf"], "2026-06-30");
    let total = v["checkupTotal"].as_i64().expect("total");
    let checked = v["checked"].as_i64().expect("checked");
    let missing = v["notChecked"].as_array().expect("list").len() as i64;
    assert_eq!(total, checked + missing);
    let spring = &v["visits"][0];
    assert_eq!(spring["festival"], "春节");
    assert!(spring["people"].as_i64().expect("people") > 0);
    assert!(spring["amountFen"].as_i64().expect("fen") > 0);
    assert!(v["openDifficulties"].is_array());

    let out = shegong(&[
        "--db",
        db,
        "care",
        "summary",
        "--year",
        "2026",
        "--as-of",
        "2026-06-30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("2026 年关爱情况"), "{stdout}");
    assert!(stdout.contains("春节："), "{stdout}");

    let out = shegong(&["--db", db, "care", "summary"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("需要 --year"),
        "{}",
        text(&out.stderr)
    );
}
