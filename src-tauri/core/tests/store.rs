//! The ledger file: migrations, refusal of newer files, backups, pragmas, constraints.

mod common;
use common::*;
use shegong_core::store::{self, Migration, MIGRATIONS};
use shegong_core::{vocab, CoreError};

#[test]
fn fresh_ledger_has_every_table_and_the_latest_version() {
    let conn = ledger();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("version");
    assert_eq!(version, MIGRATIONS.len() as i64);
    for table in [
        "settings",
        "communities",
        "workers",
        "certificates",
        "exits",
        "audit_log",
    ] {
        let strict: i64 = conn
            .query_row(
                "SELECT strict FROM pragma_table_list WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .expect(table);
        assert_eq!(strict, 1, "{table} is STRICT");
    }
}

#[test]
fn file_pragmas_are_wal_full_sync_and_foreign_keys() {
    let dir = tempfile::tempdir().expect("tmp");
    let conn = store::open(&dir.path().join("a.db")).expect("open");
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .expect("mode");
    let sync: i64 = conn
        .pragma_query_value(None, "synchronous", |r| r.get(0))
        .expect("sync");
    let fk: i64 = conn
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .expect("fk");
    assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
}

/// The real migrations plus one more, as a later version of the program would have.
fn next_version() -> Vec<Migration> {
    let mut list: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            description: m.description,
            sql: m.sql,
        })
        .collect();
    list.push(Migration {
        description: "测试：增加一列",
        sql: "ALTER TABLE communities ADD COLUMN street_code TEXT;",
    });
    list
}

#[test]
fn upgrade_keeps_data_and_takes_a_backup_first() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let mut conn = store::open(&path).expect("v1");
        let c = community(&mut conn, "幸福社区", 8000);
        worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    }
    let conn = store::open_with(&path, &next_version()).expect("upgrade");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(version, MIGRATIONS.len() as i64 + 1);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM workers WHERE name = '张三'"),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM pragma_table_info('communities') WHERE name = 'street_code'"
        ),
        1
    );

    let backups: Vec<_> = std::fs::read_dir(store::backups_dir(&path))
        .expect("backups folder")
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(backups.len(), 1, "one pre-migration backup");
    let name = backups[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with("迁移前备份-v1-"), "{name}");
    // The backup is the old version with the data in it.
    let old = shegong_core::Connection::open(backups[0].path()).expect("open backup");
    let v: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(v, MIGRATIONS.len() as i64);
    assert_eq!(count(&old, "SELECT count(*) FROM workers"), 1);
}

#[test]
fn a_failing_migration_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let mut conn = store::open(&path).expect("v1");
        community(&mut conn, "和平社区", 5000);
    }
    let mut broken = next_version();
    broken.push(Migration {
        description: "测试：出错的迁移",
        sql: "CREATE TABLE x (a INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);",
    });
    assert!(store::open_with(&path, &broken).is_err());
    let conn = store::open(&path).expect("still opens with the old program");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(version, MIGRATIONS.len() as i64, "no partial upgrade");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM sqlite_master WHERE name = 'x'"),
        0
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM pragma_table_info('communities') WHERE name = 'street_code'"
        ),
        0
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM communities"), 1);
}

#[test]
fn a_newer_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let conn = store::open(&path).expect("create");
        conn.pragma_update(None, "user_version", 99).expect("bump");
    }
    let err = store::open(&path).expect_err("refused");
    assert!(matches!(err, CoreError::TooNew { found: 99, .. }));
    assert_eq!(err.to_dto().kind, shegong_core::error::ErrorKind::TooNew);
    assert!(err.to_string().contains("请升级社工台账"), "{err}");
    // Refusing did not touch it.
    let raw = shegong_core::Connection::open(&path).expect("raw");
    let v: i64 = raw
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(v, 99);
}

#[test]
fn daily_backup_once_a_day_keeping_the_newest() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    let first = store::daily_backup(&conn, &path, d("2026-01-01")).expect("backup");
    assert!(first.is_some());
    assert!(store::daily_backup(&conn, &path, d("2026-01-01"))
        .expect("again")
        .is_none());
    for day in 2..=20 {
        store::daily_backup(&conn, &path, d(&format!("2026-01-{day:02}"))).expect("day");
    }
    let mut names: Vec<String> = std::fs::read_dir(store::backups_dir(&path))
        .expect("dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    assert_eq!(names.len(), store::DAILY_BACKUPS_KEPT);
    assert_eq!(
        names.first().map(String::as_str),
        Some("每日备份-2026-01-07.db")
    );
    let copy =
        shegong_core::Connection::open(store::backups_dir(&path).join("每日备份-2026-01-20.db"))
            .expect("copy");
    assert_eq!(count(&copy, "SELECT count(*) FROM communities"), 1);
}

#[test]
fn check_constraints_match_the_vocabulary() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let base = "INSERT INTO workers (name, name_initials, id_number, ethnicity, political_status, education,
        community_id, category, position, hired_on, source, recruitment) VALUES
        ('甲', 'j', ?1, ?2, ?3, ?4, ?5, ?6, ?7, '2020-01-01', ?8, ?9)";
    let try_insert = |conn: &shegong_core::Connection, n: u32, col: usize, value: &str| {
        let mut v = vec![
            id_for("1980-01-01", n),
            "汉族".to_string(),
            "群众".into(),
            "大学本科".into(),
            c.to_string(),
            "社区专职工作人员".into(),
            "专职工作人员".into(),
            "其他".into(),
            "公开招聘".into(),
        ];
        v[col] = value.to_string();
        conn.execute(
            base,
            shegong_core::rusqlite::params![v[0], v[1], v[2], v[3], c, v[5], v[6], v[7], v[8]],
        )
    };
    let lists: [(usize, &[&str]); 7] = [
        (1, vocab::ETHNIC_GROUPS),
        (2, vocab::POLITICAL_STATUSES),
        (3, vocab::EDUCATION_LEVELS),
        (5, vocab::CATEGORIES),
        (6, vocab::POSITIONS),
        (7, vocab::SOURCES),
        (8, vocab::RECRUITMENT_METHODS),
    ];
    let mut n = 1;
    for (col, list) in lists {
        for value in list {
            n += 2;
            try_insert(&conn, n, col, value).unwrap_or_else(|e| panic!("{value} rejected: {e}"));
        }
        n += 2;
        assert!(
            try_insert(&conn, n, col, "不存在的值").is_err(),
            "column {col} accepts anything"
        );
    }
    for reason in vocab::EXIT_REASONS {
        let w: i64 = conn
            .query_row(
                "SELECT min(id) FROM workers WHERE id NOT IN (SELECT worker_id FROM exits)",
                [],
                |r| r.get(0),
            )
            .expect("w");
        conn.execute(
            "INSERT INTO exits (worker_id, exit_date, reason) VALUES (?1, '2024-01-01', ?2)",
            shegong_core::rusqlite::params![w, reason],
        )
        .unwrap_or_else(|e| panic!("{reason}: {e}"));
    }
    for kind in vocab::CERTIFICATE_KINDS {
        conn.execute(
            "INSERT INTO certificates (worker_id, kind, obtained_on) VALUES (1, ?1, '2024-01-01')",
            [kind],
        )
        .unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    // Dates are real dates in ISO form.
    assert!(conn
        .execute(
            "UPDATE workers SET hired_on = '2024-02-30' WHERE id = 1",
            []
        )
        .is_err());
    assert!(conn
        .execute(
            "UPDATE workers SET hired_on = '2024/02/01' WHERE id = 1",
            []
        )
        .is_err());
    assert!(conn
        .execute("UPDATE workers SET phone = '1380013800x' WHERE id = 1", [])
        .is_err());
    // Foreign keys are enforced.
    assert!(conn
        .execute("UPDATE workers SET community_id = 9999 WHERE id = 1", [])
        .is_err());
}
