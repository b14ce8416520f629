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
        "training_classes",
        "training_attendance",
        "training_external",
        "checkup_rounds",
        "checkup_attendees",
        "holiday_visits",
        "care_activities",
        "care_participants",
        "difficulties",
        "secondments",
        "contracts",
        "probation_reviews",
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
        .filter(|e| e.file_name() != store::CHECKS_FILE)
        .collect();
    assert_eq!(backups.len(), 1, "one pre-migration backup");
    let name = backups[0].file_name().to_string_lossy().into_owned();
    let prefix = format!("迁移前备份-v{}-", MIGRATIONS.len());
    assert!(name.starts_with(&prefix), "{name}");
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

/// The window's 立即备份 and `shegong backup` without `--out` name the copy alike, by the time
/// they were given; with `--out` the copy goes where it was asked to.
#[test]
fn manual_backup_is_named_by_its_time_or_goes_where_asked() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    let at = chrono::NaiveDate::from_ymd_opt(2026, 11, 28)
        .and_then(|d| d.and_hms_opt(9, 5, 7))
        .expect("time");
    let made = store::manual_backup(&conn, &path, None, at).expect("backup");
    assert_eq!(
        made,
        store::backups_dir(&path).join("手动备份-20261128-090507.db")
    );
    let listed = store::list_backups(&path).expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].kind, "手动备份");
    assert_eq!(listed[0].communities, Some(1));

    let out = dir.path().join("elsewhere").join("copy.db");
    let made = store::manual_backup(&conn, &path, Some(&out), at).expect("to out");
    assert_eq!(made, out);
    // Checked like every copy, but no record of checks is left beside a copy put elsewhere.
    assert!(!dir
        .path()
        .join("elsewhere")
        .join(store::CHECKS_FILE)
        .exists());
    let copy = shegong_core::Connection::open(&out).expect("copy");
    assert_eq!(count(&copy, "SELECT count(*) FROM communities"), 1);
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
        .filter(|n| n.ends_with(".db"))
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

#[test]
fn upgrades_rebuild_the_audit_log_without_losing_a_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let before: Vec<(i64, String, String, Option<i64>, String)>;
    {
        let mut conn = store::open_with(&path, &MIGRATIONS[..1]).expect("v1");
        let c = community(&mut conn, "幸福社区", 8000);
        // The person and the exit are written as version 1 knew them (today's code writes
        // the columns of later versions).
        conn.execute(
            "INSERT INTO workers (name, name_initials, id_number, ethnicity, political_status,
                education, community_id, category, position, hired_on)
             VALUES ('张三', 'zs', ?1, '汉族', '群众', '大学本科', ?2, '社区专职工作人员',
                '专职工作人员', '2020-03-01')",
            shegong_core::rusqlite::params![id_for("1985-04-12", 11), c],
        )
        .expect("worker");
        let w = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO exits (worker_id, exit_date, reason) VALUES (?1, '2026-01-31', '退休')",
            [w],
        )
        .expect("exit");
        for entity in ["人员", "退出"] {
            conn.execute(
                "INSERT INTO audit_log (at, operator, source, entity, entity_id, worker_id, action,
                    summary, changes)
                 VALUES ('2026-06-15 10:00:00', '甲', '界面', ?1, ?2, ?2, '新增', '张三', '[]')",
                shegong_core::rusqlite::params![entity, w],
            )
            .expect("audit");
        }
        // A gap in the ids must survive the copy.
        conn.execute("DELETE FROM audit_log WHERE id = 2", [])
            .expect("gap");
        let mut stmt = conn
            .prepare("SELECT id, at, entity, worker_id, changes FROM audit_log ORDER BY id")
            .expect("stmt");
        before = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("collect");
        assert_eq!(before.len(), 2);
    }
    let conn = store::open(&path).expect("upgrade");
    let mut stmt = conn
        .prepare("SELECT id, at, entity, worker_id, changes FROM audit_log ORDER BY id")
        .expect("stmt");
    let after: Vec<(i64, String, String, Option<i64>, String)> = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("collect");
    assert_eq!(after, before);
    // The new record kinds are accepted, unknown ones still refused, the index is back.
    conn.execute(
        "INSERT INTO audit_log (at, operator, source, entity, action, summary, changes)
         VALUES ('2026-06-15 10:00:00', '甲', '界面', '走访慰问', '新增', 'x', '[]')",
        [],
    )
    .expect("new entity");
    conn.execute(
        "INSERT INTO audit_log (at, operator, source, entity, action, summary, changes)
         VALUES ('2026-06-15 10:00:00', '甲', '界面', '岗位等级', '新增', 'x', '[]')",
        [],
    )
    .expect("version 3 entity");
    assert!(conn
        .execute(
            "INSERT INTO audit_log (at, operator, source, entity, action, summary, changes)
             VALUES ('2026-06-15 10:00:00', '甲', '界面', '不存在', '新增', 'x', '[]')",
            [],
        )
        .is_err());
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'audit_worker'"
        ),
        1
    );
    let strict: i64 = conn
        .query_row(
            "SELECT strict FROM pragma_table_list WHERE name = 'audit_log'",
            [],
            |r| r.get(0),
        )
        .expect("strict");
    assert_eq!(strict, 1);
}

#[test]
fn training_and_care_checks_match_the_vocabulary() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    let class = |kind: &str, tier: &str, mode: &str| {
        conn.execute(
            "INSERT INTO training_classes (name, kind, tier, start_date, end_date, hours_tenths, mode)
             VALUES ('班', ?1, ?2, '2026-01-01', '2026-01-02', 10, ?3)",
            shegong_core::rusqlite::params![kind, tier, mode],
        )
    };
    for kind in vocab::TRAINING_KINDS {
        class(kind, "县级骨干培训", "线下").unwrap_or_else(|e| panic!("{kind}: {e}"));
    }
    for tier in vocab::TRAINING_TIERS {
        class("在职培训", tier, "线下").unwrap_or_else(|e| panic!("{tier}: {e}"));
    }
    for mode in vocab::TRAINING_MODES {
        class("在职培训", "县级骨干培训", mode).unwrap_or_else(|e| panic!("{mode}: {e}"));
    }
    assert!(class("培训", "县级骨干培训", "线下").is_err());
    assert!(class("在职培训", "区级", "线下").is_err());
    assert!(class("在职培训", "县级骨干培训", "混合").is_err());
    assert!(conn
        .execute(
            "INSERT INTO training_classes (name, kind, tier, start_date, end_date, hours_tenths, mode)
             VALUES ('班', '在职培训', '县级骨干培训', '2026-01-02', '2026-01-01', 10, '线下')",
            [],
        )
        .is_err(), "end before start");
    for (i, result) in vocab::TRAINING_RESULTS.iter().enumerate() {
        conn.execute(
            "INSERT INTO training_attendance (class_id, worker_id, hours_tenths, result) VALUES (?1, ?2, 0, ?3)",
            shegong_core::rusqlite::params![i as i64 + 1, w, result],
        )
        .unwrap_or_else(|e| panic!("{result}: {e}"));
    }
    assert!(conn
        .execute(
            "INSERT INTO training_attendance (class_id, worker_id, hours_tenths, result) VALUES (5, ?1, 0, '及格')",
            [w],
        )
        .is_err());
    let visit = |festival: &str, form: &str| {
        conn.execute(
            "INSERT INTO holiday_visits (festival, year, visit_date, worker_id, form) VALUES (?1, 2026, '2026-02-01', ?2, ?3)",
            shegong_core::rusqlite::params![festival, w, form],
        )
    };
    for festival in vocab::FESTIVALS {
        visit(festival, "走访").unwrap_or_else(|e| panic!("{festival}: {e}"));
    }
    for form in vocab::VISIT_FORMS {
        visit("其他", form).ok();
    }
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT form) FROM holiday_visits"),
        3
    );
    assert!(visit("圣诞节", "走访").is_err());
    assert!(visit("中秋节", "红包").is_err());
    assert!(conn
        .execute("UPDATE holiday_visits SET amount_fen = -1 WHERE id = 1", [],)
        .is_err());
    let difficulty = |category: &str, status: &str, resolved: Option<&str>| {
        conn.execute(
            "INSERT INTO difficulties (worker_id, reported_on, category, description, status, resolved_on)
             VALUES (?1, '2026-01-01', ?2, '说明', ?3, ?4)",
            shegong_core::rusqlite::params![w, category, status, resolved],
        )
    };
    for category in vocab::DIFFICULTY_CATEGORIES {
        difficulty(category, "待办理", None).unwrap_or_else(|e| panic!("{category}: {e}"));
    }
    for status in vocab::DIFFICULTY_STATUSES {
        let resolved = (*status == "已解决").then_some("2026-02-01");
        difficulty("其他", status, resolved).unwrap_or_else(|e| panic!("{status}: {e}"));
    }
    assert!(difficulty("钱", "待办理", None).is_err());
    assert!(difficulty("其他", "搁置", None).is_err());
    assert!(
        difficulty("其他", "已解决", None).is_err(),
        "solved needs a date"
    );
    assert!(difficulty("其他", "待办理", Some("2026-02-01")).is_err());
    assert!(conn
        .execute(
            "INSERT INTO checkup_rounds (checkup_date, institution) VALUES ('2026-02-30', '医院')",
            [],
        )
        .is_err());
}

/// The labels a column's `CHECK (… column IN ('a','b') …)` allows, read from the ledger's
/// own schema (so a migration that rebuilt the table is what is checked).
fn check_list(conn: &shegong_core::Connection, table: &str, column: &str) -> Vec<String> {
    let sql: String = conn
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{table}: {e}"));
    let start = [format!("({column} IN ("), format!("OR {column} IN (")]
        .iter()
        .find_map(|p| sql.find(p.as_str()).map(|i| i + p.len()))
        .unwrap_or_else(|| panic!("{table}.{column} has no CHECK list"));
    let end = start + sql[start..].find(')').expect("closing parenthesis");
    sql[start..end]
        .split(',')
        .map(|v| v.trim().trim_matches('\'').to_string())
        .collect()
}

#[test]
fn check_lists_are_exactly_the_enums() {
    use shegong_core::vocab::{
        AssessmentResult, Category, ContractKind, DifficultyStatus, PoliticalStatus, Position,
        ProbationOutcome, SecondmentKind, UnitLevel, VisitForm,
    };
    let conn = ledger();
    // Only the permitted level: a county-level unit cannot be stored at all (第17条).
    let permitted = UnitLevel::labels_of(UnitLevel::PERMITTED);
    // 延长试用期 is refused by the program and cannot be stored either (第十九条).
    let outcomes = ProbationOutcome::labels_of(ProbationOutcome::PERMITTED);
    let cases: [(&str, &str, &[&str]); 17] = [
        ("workers", "political_status", PoliticalStatus::LABELS),
        ("post_records", "category", Category::LABELS),
        ("post_records", "position", Position::LABELS),
        (
            "post_records",
            "reason",
            shegong_core::vocab::POST_CHANGE_REASONS,
        ),
        (
            "education_records",
            "education",
            shegong_core::vocab::EDUCATION_LEVELS,
        ),
        ("workers", "category", Category::LABELS),
        ("workers", "position", Position::LABELS),
        ("grade_position_map", "position", Position::LABELS),
        ("holiday_visits", "form", VisitForm::LABELS),
        ("difficulties", "status", DifficultyStatus::LABELS),
        ("assessments", "result", AssessmentResult::LABELS),
        ("secondments", "kind", SecondmentKind::LABELS),
        ("secondments", "unit_level", &permitted),
        ("contracts", "kind", ContractKind::LABELS),
        ("contracts", "end_reason", shegong_core::vocab::EXIT_REASONS),
        ("exits", "reason", shegong_core::vocab::EXIT_REASONS),
        ("probation_reviews", "outcome", &outcomes),
    ];
    for (table, column, labels) in cases {
        assert_eq!(check_list(&conn, table, column), labels, "{table}.{column}");
    }
}

#[test]
fn stored_enums_round_trip_and_an_unknown_label_is_named() {
    use shegong_core::vocab::{AssessmentResult, DifficultyStatus, VisitForm};
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    for (i, form) in VisitForm::ALL.iter().enumerate() {
        conn.execute(
            "INSERT INTO holiday_visits (festival, year, visit_date, worker_id, form) VALUES ('其他', ?1, '2026-02-01', ?2, ?3)",
            shegong_core::rusqlite::params![2000 + i as i64, w, form],
        )
        .unwrap_or_else(|e| panic!("{form}: {e}"));
    }
    for status in DifficultyStatus::ALL {
        let resolved = (*status == DifficultyStatus::Solved).then_some("2026-02-01");
        conn.execute(
            "INSERT INTO difficulties (worker_id, reported_on, category, description, status, resolved_on)
             VALUES (?1, '2026-01-01', '其他', '说明', ?2, ?3)",
            shegong_core::rusqlite::params![w, status, resolved],
        )
        .unwrap_or_else(|e| panic!("{status}: {e}"));
    }
    for (i, result) in AssessmentResult::ALL.iter().enumerate() {
        conn.execute(
            "INSERT INTO assessments (worker_id, year, result) VALUES (?1, ?2, ?3)",
            shegong_core::rusqlite::params![w, 2020 + i as i64, result],
        )
        .unwrap_or_else(|e| panic!("{result}: {e}"));
    }
    let read = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).expect("prepare");
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .expect("query");
        rows.map(|r| r.expect("row")).collect()
    };
    let forms: Vec<VisitForm> = {
        let mut stmt = conn
            .prepare("SELECT form FROM holiday_visits ORDER BY id")
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.map(|r| r.expect("row")).collect()
    };
    assert_eq!(forms, VisitForm::ALL);
    assert_eq!(
        read("SELECT status FROM difficulties ORDER BY id"),
        DifficultyStatus::LABELS
    );
    assert_eq!(
        read("SELECT result FROM assessments ORDER BY id"),
        AssessmentResult::LABELS
    );
    let err = conn
        .query_row("SELECT '红包'", [], |r| r.get::<_, VisitForm>(0))
        .expect_err("not a form");
    assert!(
        err.to_string().contains("“红包”不是慰问形式中的值"),
        "{err}"
    );
}

/// Migration 8 (a certificate's 取得时间 may be unknown) rebuilds the table: every
/// certificate of a ledger made by an earlier release comes through with its id and date,
/// and a certificate without a date can be stored afterwards.
#[test]
fn certificates_keep_their_rows_when_their_date_becomes_optional() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = older_release_ledger(dir.path());
    let certificates = |conn: &shegong_core::Connection| -> Vec<(i64, i64, String, String)> {
        let mut stmt = conn
            .prepare("SELECT id, worker_id, kind, obtained_on FROM certificates ORDER BY id")
            .expect("select");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("rows");
        rows.collect::<Result<_, _>>().expect("collect")
    };
    let before = certificates(&shegong_core::Connection::open(&path).expect("raw"));
    assert!(!before.is_empty(), "the fixture has certificates");
    let conn = store::open(&path).expect("migrated");
    let after = certificates(&conn);
    assert_eq!(before, after);
    conn.execute(
        "INSERT INTO certificates (worker_id, kind, obtained_on) VALUES (?1, '社会工作师', NULL)",
        [before[0].1],
    )
    .expect("an undated certificate");
    let fk: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("fk check");
    assert_eq!(fk, 0);
}
