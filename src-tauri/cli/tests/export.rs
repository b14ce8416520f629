//! `shegong export county` on a demo ledger: the file, the message and the exit codes.

mod common;
use common::{shegong, text};

use std::path::Path;

fn demo(db: &Path) {
    let out = shegong(&[
        "--db",
        db.to_str().expect("utf-8 path"),
        "demo",
        "--seed",
        "7",
        "--communities",
        "4",
        "--as-of",
        "2026-06-30",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// An xlsx is a zip file.
fn is_xlsx(path: &Path) -> bool {
    std::fs::read(path).is_ok_and(|b| b.starts_with(b"PK\x03\x04"))
}

#[test]
fn exports_the_county_workbook() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    demo(&db);
    let out_file = dir.path().join("区县报表.xlsx");
    let out = shegong(&[
        "--db",
        db.to_str().expect("path"),
        "export",
        "county",
        "--as-of",
        "2026-06-30",
        "--out",
        out_file.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("11 个工作表"), "{said}");
    assert!(
        said.contains(
            "封面、花名册、配备情况、队伍结构、岗位等级与薪酬、培训情况、考核情况、人员变动、人员变动明细、关爱情况、借调情况"
        ),
        "{said}"
    );
    assert!(said.contains("身份证号已隐去中间 8 位"), "{said}");
    assert!(is_xlsx(&out_file));
}

#[test]
fn options_in_any_order_with_a_period_full_ids_and_chosen_sheets() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    demo(&db);
    let out_file = dir.path().join("花名册.xlsx");
    let out = shegong(&[
        "export",
        "--out",
        out_file.to_str().expect("path"),
        "--sheets",
        "花名册，配备情况",
        "--from",
        "2026-01-01",
        "--to",
        "2026-03-31",
        "--full-id",
        "--include-exited",
        "--as-of",
        "2026-06-30",
        "county",
        "--db",
        db.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("2 个工作表（花名册、配备情况）"), "{said}");
    assert!(said.contains("完整号码"), "{said}");
    assert!(is_xlsx(&out_file));
}

#[test]
fn wrong_input_is_refused_with_a_chinese_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    demo(&db);
    let db = db.to_str().expect("path");
    let out_file = dir.path().join("x.xlsx");
    let out_file = out_file.to_str().expect("path");

    // Usage errors: exit code 2 with the usage text.
    for (args, expected) in [
        (vec!["export", "county", "--out", out_file], "--as-of"),
        (vec!["export", "county", "--as-of", "2026-06-30"], "--out"),
        (
            vec![
                "export",
                "county",
                "--as-of",
                "2026-06-30",
                "--from",
                "2026-01-01",
                "--out",
                out_file,
            ],
            "--from 和 --to 要一起给出",
        ),
        (
            vec!["export", "--as-of", "2026-06-30", "--out", out_file],
            "county",
        ),
    ] {
        let mut all = vec!["--db", db];
        all.extend(args);
        let out = shegong(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        let err = text(&out.stderr);
        assert!(err.contains(expected), "{all:?}: {err}");
        assert!(err.contains("export county"), "usage shown");
    }

    // Errors from the core: exit code 1 and what to fix.
    for (args, expected) in [
        (vec!["--as-of", "2026-02-30"], "不是有效日期"),
        (
            vec!["--as-of", "2026-06-30", "--sheets", "考勤情况"],
            "没有名为“考勤情况”的工作表",
        ),
        (
            vec![
                "--as-of",
                "2026-06-30",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
            ],
            "不能晚于统计截止日期",
        ),
    ] {
        let mut all = vec!["--db", db, "export", "county", "--out", out_file];
        all.extend(args);
        let out = shegong(&all);
        assert_eq!(out.status.code(), Some(1), "{all:?}");
        let err = text(&out.stderr);
        assert!(err.contains(expected), "{all:?}: {err}");
    }
    let elsewhere = dir.path().join("没有的文件夹").join("x.xlsx");
    let out = shegong(&[
        "--db",
        db,
        "export",
        "county",
        "--as-of",
        "2026-06-30",
        "--out",
        elsewhere.to_str().expect("path"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不存在"),
        "{}",
        text(&out.stderr)
    );
    assert!(!Path::new(out_file).exists(), "nothing written on failure");
}
