//! `shegong contracts due` on the demo ledger: the demo gives in-post workers a contract
//! history with two ending soon; text and JSON agree; the window defaults to the largest
//! reminder day; bad input is refused in Chinese.

mod common;
use common::{demo, json, shegong, text};

#[test]
fn contracts_due_lists_contracts_ending_within_the_window_with_flags() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);

    let v = json(&[
        "--db",
        db,
        "contracts",
        "due",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    assert_eq!(v["asOf"], "2026-06-30");
    assert_eq!(v["withinDays"], 60, "the largest default reminder day");
    assert_eq!(v["until"], "2026-08-29");
    let rows = v["rows"].as_array().expect("rows");
    assert!(rows.len() >= 2, "the demo ends two soon: {rows:?}");
    for r in rows {
        let end = r["endOn"].as_str().expect("fixed term");
        assert!(("2026-06-30"..="2026-08-29").contains(&end), "{end}");
        assert_eq!(r["phase"], "履行中");
        assert!(r["daysLeft"].as_i64().expect("days") <= 60);
        let flags = r["flags"].as_array().expect("flags");
        assert!(flags.iter().any(|f| f["kind"] == "即将到期"), "{flags:?}");
    }
    let mut ends: Vec<&str> = rows.iter().filter_map(|r| r["endOn"].as_str()).collect();
    let sorted = {
        let mut s = ends.clone();
        s.sort_unstable();
        s
    };
    assert_eq!(ends, sorted, "soonest first");
    ends.dedup();

    // A wider window holds every contract of the narrower one.
    let wide = json(&[
        "--db",
        db,
        "contracts",
        "due",
        "--as-of",
        "2026-06-30",
        "--within",
        "400",
        "--json",
    ]);
    assert_eq!(wide["withinDays"], 400);
    let wide_ids: Vec<&serde_json::Value> = wide["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| &r["id"])
        .collect();
    assert!(wide_ids.len() > rows.len());
    assert!(rows.iter().all(|r| wide_ids.contains(&&r["id"])));

    let out = shegong(&["--db", db, "contracts", "due", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!(
            "合同到期情况（截至 2026-06-30，60 天内到期，即 2026-08-29 前），共 {} 份",
            rows.len()
        )),
        "{stdout}"
    );
    assert!(stdout.contains("\t固定期限\t翠苑街道\t"), "{stdout}");
}

#[test]
fn contracts_probation_lists_probations_without_an_outcome() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);
    let v = json(&[
        "--db",
        db,
        "contracts",
        "probation",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    let rows = v["rows"].as_array().expect("rows");
    assert!(!rows.is_empty(), "the demo's recent hires are in probation");
    for r in rows {
        let end = r["probationEnd"].as_str().expect("a probation");
        assert!(end <= "2026-08-29", "{end}");
        assert!(r["review"].is_null());
        assert_eq!(r["phase"], "履行中");
        let days = r["daysToDue"].as_i64().expect("days");
        assert_eq!(days < 0, end < "2026-06-30", "{end}: {days}");
    }
    let out = shegong(&[
        "--db",
        db,
        "contracts",
        "probation",
        "--as-of",
        "2026-06-30",
    ]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("待试用期考核（截至 2026-06-30，60 天内试用期届满"),
        "{stdout}"
    );
    assert!(stdout.contains("距试用期满天数"), "{stdout}");
}

#[test]
fn contracts_due_refuses_bad_input_in_chinese() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);
    let cases: [(&[&str], &str); 4] = [
        (&["contracts", "due"], "需要 --as-of"),
        (
            &["contracts", "due", "--as-of", "2026-02-30"],
            "不是有效日期",
        ),
        (
            &["contracts", "due", "--as-of", "2026-06-30", "--within", "x"],
            "非负整数",
        ),
        (&["contracts", "--as-of", "2026-06-30"], "due"),
    ];
    for (args, expected) in cases {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        let out = shegong(&all);
        assert!(!out.status.success(), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}
