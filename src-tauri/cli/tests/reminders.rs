//! `shegong reminders` on the demo ledger: the JSON is core's `reminders` as the home page
//! receives it (the shell's IPC test checks the window's side), and the text says the same.

mod common;
use common::{demo, json, shegong, text};
use shegong_core::{reminders, store};

#[test]
fn reminders_print_what_the_home_page_shows() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    demo(db);

    let v = json(&["--db", db, "reminders", "--as-of", "2026-06-30", "--json"]);
    let conn = store::open(std::path::Path::new(db)).expect("open");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let core = reminders::reminders(&conn, date).expect("reminders");
    assert_eq!(v, serde_json::to_value(&core).expect("json"));
    let kinds: Vec<&str> = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["kind"].as_str())
        .collect();
    for kind in [
        "contractsDue",
        "trainingOverdue",
        "notCheckedUp",
        "secondmentsOverdue",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }

    // The contracts item counts the people `contracts due` lists.
    let due = json(&[
        "--db",
        db,
        "contracts",
        "due",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    let mut people: Vec<i64> = due["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["workerId"].as_i64())
        .collect();
    people.sort_unstable();
    people.dedup();
    let contracts = v["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["kind"] == "contractsDue")
        .expect("contracts item");
    assert_eq!(contracts["count"].as_i64(), Some(people.len() as i64));

    let out = shegong(&["--db", db, "reminders", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(
        printed.starts_with("待办提醒（截至 2026-06-30）"),
        "{printed}"
    );
    for item in core.items {
        assert!(
            printed.contains(&format!("{}\t{} {}", item.title, item.count, item.unit)),
            "{} in {printed}",
            item.title
        );
    }

    let bad = shegong(&["--db", db, "reminders", "--as-of", "2026-02-30"]);
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad.stderr));
    assert!(
        text(&bad.stderr).contains("--as-of"),
        "{}",
        text(&bad.stderr)
    );
}
