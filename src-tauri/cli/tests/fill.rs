//! `shegong fill` on the demo street: both sample forms, the JSON mapping and row count, and
//! figures that agree with `stats`.

mod common;
use common::{demo, json, shegong, text};

#[test]
fn fills_both_kinds_of_form_and_prints_the_mapping() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("path");
    demo(db);
    let people = dir.path().join("人员表.xlsx");
    let people = people.to_str().expect("path");
    let out = shegong(&["bench-fill", "--write-form", people]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let stats = json(&["--db", db, "stats", "--as-of", "2026-06-30", "--json"]);
    let filled = json(&[
        "--db",
        db,
        "fill",
        people,
        "--as-of",
        "2026-06-30",
        "--json",
    ]);
    assert_eq!(filled["kind"], "people");
    assert!(filled["path"]
        .as_str()
        .expect("path")
        .ends_with("人员表-已填.xlsx"));
    assert!(std::path::Path::new(&dir.path().join("人员表-已填.xlsx")).exists());
    assert_eq!(filled["idNumbersMasked"], true);
    let columns = filled["columns"].as_array().expect("columns");
    assert_eq!(columns.len(), 20);
    let source = |header: &str| {
        columns
            .iter()
            .find(|c| c["header"] == header)
            .map(|c| c["source"].clone())
            .expect("column")
    };
    assert_eq!(source("公民身份号码"), "p.id");
    assert_eq!(source("家庭住址"), serde_json::Value::Null);
    // Everyone in post: the roster's people, whatever their category.
    let in_post = stats["byStatus"]
        .as_array()
        .expect("statuses")
        .iter()
        .filter(|s| ["在岗", "试用期"].contains(&s["label"].as_str().unwrap_or("")))
        .map(|s| s["count"].as_i64().unwrap_or(0))
        .sum::<i64>();
    assert_eq!(filled["rows"].as_i64(), Some(in_post));

    let communities = dir.path().join("社区表.xlsx");
    let communities = communities.to_str().expect("path");
    let out = shegong(&[
        "bench-fill",
        "--write-form",
        communities,
        "--communities-form",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out_file = dir.path().join("社区-已填.xlsx");
    let out = shegong(&[
        "--db",
        db,
        "fill",
        communities,
        "--out",
        out_file.to_str().expect("path"),
        "--community",
        "和平社区",
        "--as-of",
        "2026-06-30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(
        said.contains("一社区一行") && said.contains("1 个社区"),
        "{said}"
    );
    assert!(
        said.contains("E 列 实有社区工作者/合计：实有人数"),
        "{said}"
    );
}

#[test]
fn a_missing_form_or_a_wrong_community_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let db = db.to_str().expect("path");
    demo(db);
    let out = shegong(&["--db", db, "fill", "/nowhere/表格.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("找不到文件"),
        "{}",
        text(&out.stderr)
    );
    let form = dir.path().join("表.xlsx");
    let form = form.to_str().expect("path");
    assert!(shegong(&["bench-fill", "--write-form", form])
        .status
        .success());
    let out = shegong(&["--db", db, "fill", form, "--community", "不存在"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("台账中没有“不存在”社区"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&["--db", db, "fill"]);
    assert_eq!(out.status.code(), Some(2));
}
