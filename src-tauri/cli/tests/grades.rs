//! `shegong grades propose|apply` on a demo ledger: proposals with reasons, text and JSON
//! agree, apply writes once and the same date again writes nothing.

mod common;
use common::{demo, json, shegong, text};

#[test]
fn propose_then_apply_twice() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("utf-8");
    let out = demo(db);
    assert!(text(&out.stdout).contains("条岗位等级记录"));

    let v = json(&[
        "--db",
        db,
        "grades",
        "propose",
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    assert_eq!(v["asOf"], "2026-06-30");
    assert_eq!(v["rules"]["yearsPerLevel"], 3);
    let proposals = v["proposals"].as_array().expect("proposals");
    assert_eq!(proposals.len() as u64, v["total"].as_u64().expect("n"));
    let changed = v["changed"].as_u64().expect("changed");
    assert!(changed > 0, "the demo has people to grade");
    let initial = proposals
        .iter()
        .find(|p| p["current"].is_null())
        .expect("someone without a grade");
    assert_eq!(initial["reason"], "定级");
    assert!(initial["lines"][0]
        .as_str()
        .expect("line")
        .starts_with("按职务"));

    let out = shegong(&["grades", "propose", "--as-of", "2026-06-30", "--db", db]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("岗位等级晋级建议（截至 2026-06-30）"),
        "{stdout}"
    );
    assert!(
        stdout.contains("（定级）") && stdout.contains("  · "),
        "{stdout}"
    );

    let out = shegong(&["--db", db, "grades", "apply", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains(&format!("写入 {changed} 条岗位等级记录")),
        "{}",
        text(&out.stdout)
    );
    let out = shegong(&["--db", db, "grades", "apply", "--as-of", "2026-06-30"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("写入 0 条岗位等级记录"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn grades_needs_a_subcommand_a_date_and_a_scheme() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("empty.db");
    let db = db.to_str().expect("utf-8");
    let out = shegong(&["--db", db, "grades"]);
    assert_eq!(out.status.code(), Some(2));
    let out = shegong(&["--db", db, "grades", "propose"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("需要 --as-of"));
    let out = shegong(&["--db", db, "grades", "apply", "--as-of", "2026-13-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("不是有效日期"));
    // An empty ledger has no scheme in effect yet: the message says what to do.
    let out = shegong(&["--db", db, "grades", "propose", "--as-of", "2026-06-30"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("还没有生效的岗位等级方案"),
        "{}",
        text(&out.stderr)
    );
}
