//! Going back to a backup: the ledger gets the backup's contents, a copy of what it held
//! just before is kept, older backups are brought up to date, and what cannot be restored is
//! refused before anything changes.

mod common;
use common::*;
use shegong_core::audit::Channel;
use shegong_core::store::{self, MIGRATIONS};
use shegong_core::{Connection, CoreError};
use std::path::Path;

fn names(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM communities ORDER BY name")
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn backup(conn: &Connection, db: &Path, name: &str) {
    store::backup_to(conn, &store::backups_dir(db).join(name)).expect("backup");
}

#[test]
fn restore_brings_the_backup_back_and_keeps_a_copy_of_the_ledger_before() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    let c = community(&mut conn, "幸福社区", 8000);
    worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    backup(&conn, &path, "手动备份-20261120-090000.db");
    community(&mut conn, "和平社区", 6000);
    worker(&mut conn, &input("李四", &id_for("1990-01-02", 13), c));

    let listed = store::list_backups(&path).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "手动备份");
    assert_eq!(
        (listed[0].communities, listed[0].workers),
        (Some(1), Some(1))
    );
    assert_eq!(listed[0].problem, None);
    // Looking into the copies leaves nothing beside them (no -wal / -shm files).
    let files: Vec<String> = std::fs::read_dir(store::backups_dir(&path))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != store::CHECKS_FILE)
        .collect();
    assert_eq!(files, ["手动备份-20261120-090000.db"]);
    // It was read back whole when it was made.
    assert_eq!(listed[0].check_passed, Some(true));
    assert!(listed[0].checked_at.is_some());

    let done = store::restore_backup(
        &mut conn,
        &path,
        "手动备份-20261120-090000.db",
        &Channel::Ui,
    )
    .expect("restore");
    assert_eq!((done.communities, done.workers), (1, 1));
    assert!(
        done.safety_copy.starts_with("恢复前备份-"),
        "{}",
        done.safety_copy
    );

    // The open connection now holds the backup, and still works as a ledger connection.
    assert_eq!(names(&conn), ["幸福社区"]);
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .expect("fk");
    assert_eq!(fk, 1);
    let journal: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("journal");
    assert_eq!(journal, "wal");
    community(&mut conn, "光明社区", 7000);
    // The history says where the ledger came from.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE summary = '从备份恢复台账：手动备份-20261120-090000.db'"
        ),
        1
    );
    drop(conn);
    // Reopening finds the restored ledger, and the copy kept before has what was replaced.
    let reopened = store::open(&path).expect("reopen");
    assert_eq!(names(&reopened), ["光明社区", "幸福社区"]);
    let before = Connection::open(store::backups_dir(&path).join(&done.safety_copy)).expect("copy");
    assert_eq!(names(&before), ["和平社区", "幸福社区"]);
    assert_eq!(count(&before, "SELECT count(*) FROM workers"), 2);

    let kinds: Vec<String> = store::list_backups(&path)
        .expect("list")
        .into_iter()
        .map(|b| b.kind)
        .collect();
    assert!(kinds.contains(&"恢复前备份".to_string()), "{kinds:?}");
    // The 设置 page's 最近备份 names a copy, never a -shm file standing beside one.
    let shm = store::backups_dir(&path).join("手动备份-20991231-235959.db-shm");
    std::fs::write(&shm, b"").expect("shm");
    let info = store::ledger_info(&reopened, &path).expect("info");
    assert!(
        info.latest_backup
            .as_deref()
            .is_some_and(|n| n.ends_with(".db")),
        "{:?}",
        info.latest_backup
    );
}

#[test]
fn an_older_backup_is_brought_up_to_the_current_version() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let old_path = store::backups_dir(&path).join("迁移前备份-v1-20250101-080000.db");
    {
        std::fs::create_dir_all(store::backups_dir(&path)).expect("dir");
        let mut old = store::open_with(&old_path, &MIGRATIONS[..1]).expect("v1 file");
        community(&mut old, "老社区", 5000);
    }
    let mut conn = store::open(&path).expect("open");
    store::restore_backup(
        &mut conn,
        &path,
        "迁移前备份-v1-20250101-080000.db",
        &Channel::Ui,
    )
    .expect("restore");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(version, MIGRATIONS.len() as i64);
    assert_eq!(names(&conn), ["老社区"]);
    // Version 3's shipped templates arrived with the migration.
    assert_eq!(count(&conn, "SELECT count(*) FROM grade_schemes"), 2);
    // The backup itself is untouched, and no scratch copy or -wal / -shm file is left behind.
    let old = Connection::open(&old_path).expect("old");
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(v, 1);
    drop(old);
    let left: Vec<String> = std::fs::read_dir(store::backups_dir(&path))
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.ends_with("-wal") || n.ends_with("-shm"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn what_cannot_be_restored_is_refused_before_anything_changes() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    let backups = store::backups_dir(&path);
    std::fs::create_dir_all(&backups).expect("dir");
    std::fs::write(backups.join("其他-坏文件.db"), "这不是数据库").expect("garbage");
    store::backup_to(&conn, &backups.join("手动备份-新版本.db")).expect("copy");
    Connection::open(backups.join("手动备份-新版本.db"))
        .expect("newer")
        .pragma_update(None, "user_version", 99)
        .expect("bump");

    let listed = store::list_backups(&path).expect("list");
    let problem = |name: &str| {
        listed
            .iter()
            .find(|b| b.file_name == name)
            .and_then(|b| b.problem.clone())
            .unwrap_or_default()
    };
    assert!(problem("其他-坏文件.db").contains("不是社工台账的数据文件"));
    assert!(problem("手动备份-新版本.db").contains("请升级社工台账"));

    let err = store::restore_backup(&mut conn, &path, "其他-坏文件.db", &Channel::Ui)
        .expect_err("garbage");
    assert_eq!(err.field(), Some("fileName"));
    let err = store::restore_backup(&mut conn, &path, "手动备份-新版本.db", &Channel::Ui)
        .expect_err("newer");
    assert!(matches!(err, CoreError::TooNew { found: 99, .. }));
    for name in ["../ledger.db", "..", "没有这个文件.db", "ledger.db"] {
        let err = store::restore_backup(&mut conn, &path, name, &Channel::Ui).expect_err(name);
        assert!(
            err.to_string().contains("备份文件夹里没有"),
            "{name}: {err}"
        );
    }
    // Nothing changed, and no copy was taken for a refused restore.
    assert_eq!(names(&conn), ["幸福社区"]);
    assert!(!std::fs::read_dir(&backups)
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().starts_with("恢复前备份")));
}

#[test]
fn a_ledger_that_cannot_be_opened_is_set_aside_and_replaced_by_a_backup() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let mut conn = store::open(&path).expect("open");
        community(&mut conn, "幸福社区", 8000);
        backup(&conn, &path, "每日备份-2026-11-28.db");
    }
    // The disk garbled the file.
    let garbage = "这不是数据库，磁盘出错了".repeat(400);
    std::fs::write(&path, &garbage).expect("garble");
    let err = store::open(&path).expect_err("cannot open");
    assert!(matches!(err, CoreError::Damaged(_)), "{err}");
    assert_eq!(err.to_dto().kind, shegong_core::error::ErrorKind::Damaged);
    assert!(
        err.to_string().contains("台账文件已损坏") && err.to_string().contains("从备份恢复"),
        "{err}"
    );

    // A bad choice changes nothing.
    std::fs::write(store::backups_dir(&path).join("坏的.db"), "x").expect("bad");
    let refused = store::recover_ledger(&path, "坏的.db", &Channel::Ui).expect_err("refused");
    assert_eq!(refused.field(), Some("fileName"));
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        garbage
    );

    let (conn, done) =
        store::recover_ledger(&path, "每日备份-2026-11-28.db", &Channel::Ui).expect("recover");
    assert_eq!(names(&conn), ["幸福社区"]);
    assert!(
        done.safety_copy.starts_with("打不开的台账-"),
        "{}",
        done.safety_copy
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE summary LIKE '从备份恢复台账（原台账无法打开）%'"
        ),
        1
    );
    drop(conn);
    // The damaged file is kept as it was, listed with why it cannot be restored.
    let aside = store::backups_dir(&path).join(&done.safety_copy);
    assert_eq!(std::fs::read_to_string(&aside).expect("kept"), garbage);
    let listed = store::list_backups(&path).expect("list");
    let entry = listed
        .iter()
        .find(|b| b.file_name == done.safety_copy)
        .expect("listed");
    assert_eq!(entry.kind, "打不开的台账");
    assert!(entry.problem.is_some());
    // And the ledger opens again.
    assert_eq!(names(&store::open(&path).expect("reopen")), ["幸福社区"]);
}

/// Damage past the first page is found when the day's backup reads every page: it is still
/// reported as a damaged ledger (the window then offers the backups), not a passing error.
#[test]
fn damage_inside_the_file_is_reported_as_a_damaged_ledger() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let mut conn = store::open(&path).expect("open");
        let c = community(&mut conn, "幸福社区", 8000);
        let names = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
        for (i, first) in names.iter().enumerate() {
            for (j, second) in names.iter().enumerate() {
                let seq = 2 * (i * 10 + j) as u32 + 11;
                worker(
                    &mut conn,
                    &input(&format!("张{first}{second}"), &id_for("1985-04-12", seq), c),
                );
            }
        }
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .expect("checkpoint");
    }
    let mut bytes = std::fs::read(&path).expect("read");
    assert!(bytes.len() > 4096 * 4, "{} bytes", bytes.len());
    for b in &mut bytes[4096 * 2..] {
        *b = 0x5A;
    }
    std::fs::write(&path, &bytes).expect("garble");
    let err = store::open(&path)
        .and_then(|conn| store::daily_backup(&conn, &path, today()).map(|_| ()))
        .expect_err("damaged");
    assert_eq!(
        err.to_dto().kind,
        shegong_core::error::ErrorKind::Damaged,
        "{err}"
    );
}
