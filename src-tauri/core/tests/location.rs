//! Where the ledger lives: the one-time move out of the roaming folder, the move to a folder
//! the clerk chose, and what is refused (store::location).

mod common;
use common::*;
use shegong_core::audit::Channel;
use shegong_core::demo::{self, DemoOptions};
use shegong_core::store::{self, location, APP_IDENTIFIER, DB_FILE_NAME};
use std::path::{Path, PathBuf};

fn now() -> chrono::NaiveDateTime {
    d("2026-12-05").and_hms_opt(9, 30, 0).expect("time")
}

/// A ledger with a demo street and two backups in `dir`, closed; returns its path and worker count.
fn ledger_in(dir: &Path) -> (PathBuf, i64) {
    let path = dir.join(DB_FILE_NAME);
    let mut conn = store::open(&path).expect("open");
    let options = DemoOptions {
        seed: 7,
        communities: 3,
        workers: Some(60),
    };
    shegong_core::write(&mut conn, |tx| demo::generate(tx, &options, today())).expect("demo");
    store::manual_backup(&conn, &path, None, now()).expect("backup");
    std::fs::write(store::backups_dir(&path).join("说明.txt"), "手工放的文件").expect("note");
    let workers = count(&conn, "SELECT count(*) FROM workers");
    drop(conn);
    (path, workers)
}

fn workers_in(path: &Path) -> i64 {
    let conn = store::open(path).expect("open moved ledger");
    count(&conn, "SELECT count(*) FROM workers")
}

/// Every file under `dir`, relative, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            for (rel, bytes) in files(&p) {
                out.push((PathBuf::from(p.file_name().expect("name")).join(rel), bytes));
            }
        } else {
            out.push((
                PathBuf::from(p.file_name().expect("name")),
                std::fs::read(&p).expect("read"),
            ));
        }
    }
    out.sort();
    out
}

#[test]
fn a_roaming_ledger_moves_to_the_local_folder_once_and_the_old_folder_is_renamed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let roaming = tmp.path().join("Roaming").join(APP_IDENTIFIER);
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    std::fs::create_dir_all(&roaming).expect("roaming");
    let (_, workers) = ledger_in(&roaming);
    let backups_before = files(&roaming.join("backups"));
    assert!(backups_before.len() >= 2, "{backups_before:?}");

    let found = location::resolve_in(&local, Some(&roaming), &Channel::Ui, now()).expect("resolve");
    assert_eq!(found.db, local.join(DB_FILE_NAME));
    let notice = found.notice.expect("the clerk is told");
    assert!(
        notice.contains("搬到本机磁盘") && notice.contains("没有删除"),
        "{notice}"
    );

    // The ledger and every backup, byte for byte; the move is on the audit trail.
    assert_eq!(workers_in(&found.db), workers);
    assert_eq!(files(&local.join("backups")), backups_before);
    let conn = store::open(&found.db).expect("open");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE summary = '台账搬到本机磁盘'"
        ),
        1
    );
    drop(conn);

    // The old folder is renamed, its ledger intact; nothing was deleted.
    assert!(!roaming.exists());
    let aside: Vec<PathBuf> = std::fs::read_dir(roaming.parent().expect("parent"))
        .expect("list")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    let name = aside[0]
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with(&format!("{APP_IDENTIFIER}.已搬到本机-")),
        "{name}"
    );
    assert_eq!(workers_in(&aside[0].join(DB_FILE_NAME)), workers);
    assert_eq!(files(&aside[0].join("backups")), backups_before);

    // The next start opens the local ledger and says nothing.
    let again = location::resolve_in(&local, Some(&roaming), &Channel::Ui, now()).expect("again");
    assert_eq!(again.db, local.join(DB_FILE_NAME));
    assert_eq!(again.notice, None);
}

#[test]
fn a_local_ledger_wins_and_the_roaming_one_is_left_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let roaming = tmp.path().join("Roaming").join(APP_IDENTIFIER);
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    std::fs::create_dir_all(&roaming).expect("roaming");
    std::fs::create_dir_all(&local).expect("local");
    ledger_in(&roaming);
    let (_, local_workers) = ledger_in(&local);
    let roaming_before = files(&roaming);

    let found = location::resolve_in(&local, Some(&roaming), &Channel::Ui, now()).expect("resolve");
    assert_eq!(found.db, local.join(DB_FILE_NAME));
    assert_eq!(found.notice, None);
    assert_eq!(files(&roaming), roaming_before);
    assert_eq!(workers_in(&found.db), local_workers);
}

#[test]
fn the_same_folder_for_both_moves_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join(APP_IDENTIFIER);
    std::fs::create_dir_all(&dir).expect("dir");
    let (path, _) = ledger_in(&dir);
    let found = location::resolve_in(&dir, Some(&dir), &Channel::Ui, now()).expect("resolve");
    assert_eq!((found.db, found.notice), (path, None));
}

#[test]
fn a_damaged_roaming_ledger_is_not_moved_and_is_opened_where_it_is() {
    let tmp = tempfile::tempdir().expect("tmp");
    let roaming = tmp.path().join("Roaming").join(APP_IDENTIFIER);
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    std::fs::create_dir_all(&roaming).expect("roaming");
    std::fs::write(
        roaming.join(DB_FILE_NAME),
        b"not a ledger at all, only text",
    )
    .expect("junk");

    let found = location::resolve_in(&local, Some(&roaming), &Channel::Ui, now()).expect("resolve");
    assert_eq!(found.db, roaming.join(DB_FILE_NAME));
    let notice = found.notice.expect("says why");
    assert!(
        notice.contains("没能搬到本机磁盘") && notice.contains("没有改动"),
        "{notice}"
    );
    assert!(!local.join(DB_FILE_NAME).exists());
    assert_eq!(
        std::fs::read(roaming.join(DB_FILE_NAME)).expect("read"),
        b"not a ledger at all, only text"
    );
}

#[test]
fn a_move_to_a_chosen_folder_is_remembered_and_the_old_file_is_renamed_with_a_note() {
    let tmp = tempfile::tempdir().expect("tmp");
    let share = tmp.path().join("share");
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    let chosen = tmp.path().join("D").join("社工台账");
    std::fs::create_dir_all(&share).expect("share");
    let (from, workers) = ledger_in(&share);
    let backups_before = files(&share.join("backups"));

    let moved = location::move_ledger(&from, &chosen, &local, &Channel::Ui, now()).expect("move");
    assert_eq!(PathBuf::from(&moved.db_path), chosen.join(DB_FILE_NAME));
    assert_eq!(moved.files, backups_before.len() + 1);
    assert!(
        moved.old_ledger.contains("没有删除"),
        "{}",
        moved.old_ledger
    );
    assert_eq!(workers_in(&chosen.join(DB_FILE_NAME)), workers);
    assert_eq!(files(&chosen.join("backups")), backups_before);

    // The old ledger is renamed beside a note saying where it went; its backups stay.
    assert!(!from.exists());
    let note = std::fs::read_to_string(share.join(location::MOVED_NOTE)).expect("note");
    assert!(
        note.contains(&chosen.join(DB_FILE_NAME).display().to_string()),
        "{note}"
    );
    let renamed = share.join("ledger.已搬走-20261205-093000.db");
    assert_eq!(workers_in(&renamed), workers);
    assert_eq!(files(&share.join("backups")), backups_before);

    // The next start opens the moved ledger.
    let found = location::resolve_in(&local, None, &Channel::Ui, now()).expect("resolve");
    assert_eq!(found.db, chosen.join(DB_FILE_NAME));

    // A folder that already holds a ledger is refused, and nothing changes there.
    let again =
        location::move_ledger(&renamed, &chosen, &local, &Channel::Ui, now()).expect_err("refused");
    assert!(again.to_string().contains("已经有一份台账"), "{again}");
    assert_eq!(workers_in(&chosen.join(DB_FILE_NAME)), workers);
}

#[test]
fn a_remembered_ledger_that_is_missing_is_an_error_not_a_new_empty_ledger() {
    let tmp = tempfile::tempdir().expect("tmp");
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    std::fs::create_dir_all(&local).expect("local");
    let gone = tmp.path().join("U盘").join(DB_FILE_NAME);
    std::fs::write(
        local.join(location::POINTER_FILE),
        format!("{}\r\n", gone.display()),
    )
    .expect("pointer");
    let err = location::resolve_in(&local, None, &Channel::Ui, now()).expect_err("missing");
    assert!(err.to_string().contains("找不到台账"), "{err}");
    assert!(!gone.exists());
}

#[test]
fn a_move_back_to_the_local_folder_forgets_the_chosen_place() {
    let tmp = tempfile::tempdir().expect("tmp");
    let local = tmp.path().join("Local").join(APP_IDENTIFIER);
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).expect("dir");
    let (from, _) = ledger_in(&elsewhere);
    std::fs::create_dir_all(&local).expect("local");
    std::fs::write(
        local.join(location::POINTER_FILE),
        format!("{}\r\n", from.display()),
    )
    .expect("pointer");
    location::move_ledger(&from, &local, &local, &Channel::Ui, now()).expect("move");
    assert!(!local.join(location::POINTER_FILE).exists());
    let found = location::resolve_in(&local, None, &Channel::Ui, now()).expect("resolve");
    assert_eq!(found.db, local.join(DB_FILE_NAME));
}

#[cfg(windows)]
#[test]
fn network_paths_are_told_apart_from_local_disks() {
    assert!(location::is_network(Path::new(
        r"\\server\share\社工台账\ledger.db"
    )));
    assert!(location::is_network(Path::new(
        r"\\?\UNC\server\share\ledger.db"
    )));
    assert!(!location::is_network(Path::new(
        r"C:\Users\clerk\AppData\Local\ledger.db"
    )));
}

#[cfg(not(windows))]
#[test]
fn off_windows_no_path_counts_as_a_network_drive() {
    assert!(!location::is_network(Path::new("/mnt/share/ledger.db")));
}
