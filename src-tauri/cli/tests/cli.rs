//! Runs the `shegong` binary on temporary ledgers and checks its output, files and exit codes.

mod common;
use common::{json, shegong, text};

use std::path::Path;
use std::process::Output;

fn demo(db: &Path) -> Output {
    shegong(&[
        "--db",
        db.to_str().expect("utf-8 path"),
        "demo",
        "--seed",
        "7",
        "--communities",
        "4",
        "--as-of",
        "2026-06-30",
    ])
}

#[test]
fn demo_then_stats_json_agree() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let out = demo(&db);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("已生成演示台账"),
        "{}",
        text(&out.stdout)
    );

    let out = shegong(&[
        "stats",
        "--json",
        "--as-of",
        "2026-06-30",
        "--db",
        db.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let communities = v["staffing"]["communities"].as_array().expect("rows");
    assert_eq!(communities.len(), 4);
    let sum = |key: &str| {
        communities
            .iter()
            .map(|r| r[key].as_i64().expect("int"))
            .sum::<i64>()
    };
    assert_eq!(
        v["staffing"]["total"]["actual"].as_i64(),
        Some(sum("actual"))
    );
    assert_eq!(
        v["staffing"]["total"]["population"].as_i64(),
        Some(sum("population"))
    );
    assert_eq!(v["communityWorkersInPost"].as_i64(), Some(sum("actual")));
    let by_status: i64 = v["byStatus"]
        .as_array()
        .expect("status")
        .iter()
        .map(|c| c["count"].as_i64().expect("n"))
        .sum();
    assert_eq!(
        v["totalPeople"].as_i64(),
        Some(by_status),
        "every person has exactly one status"
    );
}

#[test]
fn demo_is_the_same_for_the_same_seed_and_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    assert!(demo(&a).status.success());
    assert!(demo(&b).status.success());
    let stats = |db: &Path| {
        text(
            &shegong(&[
                "--db",
                db.to_str().expect("p"),
                "stats",
                "--json",
                "--as-of",
                "2026-06-30",
            ])
            .stdout,
        )
    };
    assert_eq!(stats(&a), stats(&b));
}

#[test]
fn demo_refuses_a_ledger_that_has_data() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("real.db");
    assert!(demo(&db).status.success());
    let out = demo(&db);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("只能生成到空台账中"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn human_readable_stats_are_chinese() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    assert!(demo(&db).status.success());
    let out = shegong(&["--db", db.to_str().expect("p"), "stats"]);
    let s = text(&out.stdout);
    assert!(s.contains("全街道合计") && s.contains("按人员类别"), "{s}");
}

#[test]
fn backup_writes_a_complete_copy() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("demo.db");
    let copy = dir.path().join("copy.db");
    assert!(demo(&db).status.success());
    let out = shegong(&[
        "--db",
        db.to_str().expect("p"),
        "backup",
        "--out",
        copy.to_str().expect("p"),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stats = |p: &Path| {
        text(
            &shegong(&[
                "--db",
                p.to_str().expect("p"),
                "stats",
                "--json",
                "--as-of",
                "2026-06-30",
            ])
            .stdout,
        )
    };
    assert_eq!(stats(&db), stats(&copy));
}

/// Without `--out` the copy is a 手动备份 in the backups folder, as the window's 立即备份 makes.
#[test]
fn backup_without_out_is_a_manual_backup_beside_the_ledger() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("ledger.db");
    assert!(demo(&db).status.success());
    let out = shegong(&["--db", db.to_str().expect("p"), "backup"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let names: Vec<String> = std::fs::read_dir(dir.path().join("backups"))
        .expect("backups")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.starts_with("手动备份-") && n.ends_with(".db"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        text(&out.stdout).contains(&names[0]),
        "{}",
        text(&out.stdout)
    );
}

/// IT staff list the backups and restore one; a garbled ledger is set aside, not lost.
#[test]
fn backups_are_listed_and_restored_also_when_the_ledger_is_garbled() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("ledger.db");
    let db_arg = db.to_str().expect("p");
    assert!(demo(&db).status.success());
    let copy = dir
        .path()
        .join("backups")
        .join("手动备份-20261128-090000.db");
    let out = shegong(&["--db", db_arg, "backup", "--out", copy.to_str().expect("p")]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = shegong(&["--db", db_arg, "backups"]);
    let listed = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        listed.contains("手动备份-20261128-090000.db") && listed.contains("个社区"),
        "{listed}"
    );

    // The ledger opens: restoring keeps it as 恢复前备份 first.
    let out = shegong(&["--db", db_arg, "restore", "手动备份-20261128-090000.db"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("恢复前备份-"),
        "{}",
        text(&out.stdout)
    );

    // The ledger is garbled: it is set aside and the backup put in its place.
    std::fs::write(&db, "坏了".repeat(1000)).expect("garble");
    let out = shegong(&["--db", db_arg, "restore", "手动备份-20261128-090000.db"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("台账文件已损坏"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("打不开的台账-"),
        "{}",
        text(&out.stdout)
    );
    let stats = shegong(&["--db", db_arg, "stats"]);
    assert!(stats.status.success(), "{}", text(&stats.stderr));

    // A ledger from a newer version is not damaged: no backup replaces it.
    shegong_core::Connection::open(&db)
        .expect("open")
        .pragma_update(None, "user_version", 99)
        .expect("bump");
    let out = shegong(&["--db", db_arg, "restore", "手动备份-20261128-090000.db"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("请升级社工台账"),
        "{}",
        text(&out.stderr)
    );
    shegong_core::Connection::open(&db)
        .expect("open")
        .pragma_update(
            None,
            "user_version",
            shegong_core::store::MIGRATIONS.len() as i64,
        )
        .expect("back");

    // A name that is not in the folder is refused with the way to see the list.
    let out = shegong(&["--db", db_arg, "restore", "../ledger.db"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("备份文件夹里没有"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_2_with_chinese_help() {
    for args in [
        &["frobnicate"][..],
        &["demo", "--seed", "abc"],
        &["stats", "--bogus"],
        &[],
    ] {
        let out = shegong(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("用法"), "{args:?}");
    }
    let out = shegong(&["--help"]);
    assert!(out.status.success() && text(&out.stdout).contains("shegong [--db 文件] demo"));
}

#[test]
fn bad_dates_are_explained() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = shegong(&[
        "--db",
        dir.path().join("x.db").to_str().expect("p"),
        "stats",
        "--as-of",
        "2026/01/01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("年-月-日"),
        "{}",
        text(&out.stderr)
    );
}

/// IT staff set up 异地备份 from the command line, copy to it (encrypted), and restore the copy
/// on a new PC with `restore --from`; `check` runs the full check; a wrong password is refused.
#[test]
fn offsite_copies_restore_elsewhere_and_the_full_check_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("ledger.db");
    let db_arg = db.to_str().expect("p");
    assert!(demo(&db).status.success());
    let stick = tempfile::tempdir().expect("stick");
    let stick_arg = stick.path().to_str().expect("p");

    let out = shegong(&["--db", db_arg, "offsite", "status"]);
    assert!(
        text(&out.stdout).contains("还没有设置异地备份"),
        "{}",
        text(&out.stdout)
    );
    let out = shegong(&[
        "--db",
        db_arg,
        "offsite",
        "set",
        stick_arg,
        "--password",
        "翠苑街道2026",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = shegong(&["--db", db_arg, "offsite", "backup"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let folder = stick.path().join("社工台账备份");
    let copy = std::fs::read_dir(&folder)
        .expect("folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.to_string_lossy().ends_with(".db.age"))
        .expect("an encrypted copy");
    let out = shegong(&["--db", db_arg, "offsite", "status"]);
    assert!(
        text(&out.stdout).contains("加密：是"),
        "{}",
        text(&out.stdout)
    );

    let out = shegong(&["--db", db_arg, "check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("完整检查通过"));

    let new_pc = tempfile::tempdir().expect("new pc");
    let new_db = new_pc.path().join("ledger.db");
    let new_arg = new_db.to_str().expect("p");
    let copy_arg = copy.to_str().expect("p");
    let out = shegong(&[
        "--db",
        new_arg,
        "restore",
        "--from",
        copy_arg,
        "--password",
        "不对",
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("密码不对"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&[
        "--db",
        new_arg,
        "restore",
        "--from",
        copy_arg,
        "--password",
        "翠苑街道2026",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stats = |db: &str| json(&["--db", db, "stats", "--json"])["totalPeople"].clone();
    assert_eq!(stats(new_arg), stats(db_arg));
    let out = shegong(&["--db", new_arg, "backups"]);
    assert!(
        text(&out.stdout).contains("外部备份"),
        "{}",
        text(&out.stdout)
    );
    assert!(
        text(&out.stdout).contains("已校验"),
        "{}",
        text(&out.stdout)
    );
}
