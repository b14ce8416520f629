//! 任职经历 (issue 12): dated post and 学历 records, the checks on them, 书记备案, and every
//! "as of D" answered from what was true on D. Each worked example is in the README's and
//! docs/history.md's words.

mod common;

use common::*;
use shegong_core::audit::Channel;
use shegong_core::store::{self, MIGRATIONS};
use shegong_core::workers::history::{self, EducationInput, FilingInput, PostChangeInput};
use shegong_core::workers::{self, RosterQuery};
use shegong_core::{staffing, stats, Connection, CoreError};

fn change(
    community: i64,
    category: &str,
    position: &str,
    on: &str,
    reason: &str,
) -> PostChangeInput {
    PostChangeInput {
        effective_on: on.into(),
        community_id: community,
        category: category.into(),
        position: position.into(),
        reason: reason.into(),
        doc_no: Some("翠组〔2026〕3号".into()),
        ..Default::default()
    }
}

fn add_post(conn: &mut Connection, w: i64, input: &PostChangeInput) -> Result<i64, CoreError> {
    shegong_core::write(conn, |tx| {
        history::add_post(tx, &Channel::Ui, w, input, today())
    })
}

fn message(e: CoreError) -> String {
    e.to_string()
}

fn roster_row(conn: &Connection, w: i64, as_of: &str) -> workers::RosterRow {
    let q = RosterQuery {
        as_of: Some(as_of.into()),
        page_size: 500,
        ..Default::default()
    };
    workers::roster(conn, &q, today())
        .expect("roster")
        .rows
        .into_iter()
        .find(|r| r.id == w)
        .expect("on the roster")
}

/// 张三, staff of 东风 since 2020-03-01, moves to 光明 as 两委专职成员/委员 on 2026-03-01
/// (交流): before that day every answer is 东风 and staff, from it 光明 and 两委.
#[test]
fn a_move_is_true_from_its_date_and_not_before() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let b = community(&mut conn, "光明社区", 5_000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    add_post(
        &mut conn,
        w,
        &change(b, "两委专职成员", "委员", "2026-03-01", "交流"),
    )
    .expect("move");

    let before = roster_row(&conn, w, "2026-02-28");
    assert_eq!(
        (
            before.community_name.as_str(),
            before.category.as_str(),
            before.position.as_str()
        ),
        ("东风社区", "社区专职工作人员", "专职工作人员")
    );
    let after = roster_row(&conn, w, "2026-03-01");
    assert_eq!(
        (
            after.community_name.as_str(),
            after.category.as_str(),
            after.position.as_str()
        ),
        ("光明社区", "两委专职成员", "委员")
    );
    // Today's record (the worker row) is the newest.
    let now = workers::get(&conn, w, today()).expect("get");
    assert_eq!(
        (now.input.community_id, now.input.position.as_str()),
        (b, "委员")
    );
    let then = workers::get(&conn, w, d("2025-12-31")).expect("get");
    assert_eq!(
        (then.community_name.as_str(), then.input.position.as_str()),
        ("东风社区", "专职工作人员")
    );

    // Staffing and statistics as of a date count the person where they were.
    let s = staffing::staffing(&conn, d("2025-12-31")).expect("staffing");
    let row = |s: &staffing::Staffing, name: &str| {
        s.communities
            .iter()
            .find(|r| r.name == name)
            .cloned()
            .expect("row")
    };
    assert_eq!(
        (
            row(&s, "东风社区").full_time_staff,
            row(&s, "光明社区").two_committee
        ),
        (1, 0)
    );
    let s = staffing::staffing(&conn, d("2026-06-01")).expect("staffing");
    assert_eq!(
        (
            row(&s, "东风社区").full_time_staff,
            row(&s, "光明社区").two_committee
        ),
        (0, 1)
    );
    let by_category = |on: &str| {
        stats::stats(&conn, d(on))
            .expect("stats")
            .by_category
            .into_iter()
            .map(|c| (c.label, c.count))
            .filter(|(_, n)| *n > 0)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        by_category("2026-01-01"),
        vec![("社区专职工作人员".to_string(), 1)]
    );
    assert_eq!(
        by_category("2026-03-01"),
        vec![("两委专职成员".to_string(), 1)]
    );

    // The roster's filters ask about the date too.
    let q = |as_of: &str| RosterQuery {
        as_of: Some(as_of.into()),
        community_id: Some(a),
        page_size: 50,
        ..Default::default()
    };
    assert_eq!(
        workers::roster(&conn, &q("2026-02-01"), today())
            .expect("r")
            .total,
        1
    );
    assert_eq!(
        workers::roster(&conn, &q("2026-04-01"), today())
            .expect("r")
            .total,
        0
    );

    let h = history::history(&conn, w).expect("history");
    assert_eq!(h.posts.len(), 2);
    assert_eq!(h.posts[0].ended_on.as_deref(), Some("2026-02-28"));
    assert_eq!(
        (h.posts[1].reason.as_str(), h.posts[1].ended_on.as_deref()),
        ("交流", None)
    );
}

#[test]
fn a_change_is_checked_and_says_what_to_fix() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let staff = |on: &str| change(a, "社区专职工作人员", "专职工作人员", on, "调整");
    let refused = |conn: &mut Connection, i: &PostChangeInput| {
        message(add_post(conn, w, i).expect_err("refused"))
    };

    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "书记", "2020-03-01", "选举")
    )
    .contains("应晚于入职时间 2020-03-01"));
    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "书记", "2026-07-01", "选举")
    )
    .contains("不能晚于今天"));
    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "书记", "2026-13-01", "选举")
    )
    .contains("不是有效日期"));
    // 人员类别 × 职务, as on the form.
    assert!(refused(
        &mut conn,
        &change(a, "社区专职工作人员", "书记", "2024-03-01", "选举")
    )
    .contains("人员类别应为"));
    // 入职 belongs to the first record.
    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "书记", "2024-03-01", "入职")
    )
    .contains("变动原因"));
    // Nothing changes: not a change.
    assert!(refused(&mut conn, &staff("2024-03-01")).contains("不是变动"));

    let id = add_post(
        &mut conn,
        w,
        &change(a, "两委专职成员", "书记", "2024-03-01", "选举"),
    )
    .expect("elected");
    // One record a day.
    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "主任", "2024-03-01", "选举")
    )
    .contains("已有一条任职记录"));

    // After an exit, nothing can change from the exit date on.
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            w,
            &workers::ExitInput {
                exit_date: "2026-01-31".into(),
                reason: "辞职".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    assert!(refused(
        &mut conn,
        &change(a, "两委专职成员", "主任", "2026-02-01", "选举")
    )
    .contains("已于 2026-01-31 退出"));

    // The first record cannot be deleted nor moved away from 入职时间; a change can be deleted.
    let h = history::history(&conn, w).expect("h");
    let first = h.posts[0].id;
    let e = shegong_core::write(&mut conn, |tx| {
        history::delete_post(tx, &Channel::Ui, first)
    })
    .expect_err("first");
    assert!(message(e).contains("不能删除"));
    let e = shegong_core::write(&mut conn, |tx| {
        history::correct_post(tx, &Channel::Ui, first, &staff("2019-01-01"), today())
    })
    .expect_err("first date");
    assert!(message(e).contains("入职时间"));
    // The person now has history: 删除(误录) is refused and says why.
    let refusal = workers::delete_refusal(&conn, w, "张三")
        .expect("r")
        .expect("refused");
    assert!(refusal.contains("任职变动记录"), "{refusal}");
    shegong_core::write(&mut conn, |tx| history::delete_post(tx, &Channel::Ui, id))
        .expect("delete change");
    assert_eq!(
        workers::get(&conn, w, today()).expect("g").input.position,
        "专职工作人员"
    );
    // Every step is in the audit trail.
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '任职经历'"
        ),
        2
    );
}

#[test]
fn hired_on_moves_the_first_records_and_not_past_a_change() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    add_post(
        &mut conn,
        w,
        &change(a, "两委专职成员", "委员", "2023-01-10", "选举"),
    )
    .expect("elected");
    let mut edit = workers::get(&conn, w, today()).expect("g").input;
    edit.hired_on = "2019-09-01".into();
    shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, w, &edit, today())
    })
    .expect("earlier");
    let h = history::history(&conn, w).expect("h");
    assert_eq!(
        (
            h.posts[0].effective_on.as_str(),
            h.education[0].obtained_on.as_str()
        ),
        ("2019-09-01", "2019-09-01")
    );
    edit.hired_on = "2023-02-01".into();
    let e = shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, w, &edit, today())
    })
    .expect_err("after the change");
    assert!(message(e).contains("2023-01-10"));
}

/// The form (or an import) sending another post: a record dated the day of the change
/// (today for the form, the import's date for a roster), never an overwrite of the past.
#[test]
fn an_edit_with_another_post_is_a_dated_change() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let mut edit = workers::get(&conn, w, today()).expect("g").input;
    edit.category = "两委专职成员".into();
    edit.position = "副主任".into();
    edit.education = "硕士研究生".into();
    shegong_core::write(&mut conn, |tx| {
        workers::update_dated(
            tx,
            &Channel::Import("花名册.xlsx".into()),
            w,
            &edit,
            today(),
            d("2026-01-01"),
        )
    })
    .expect("import");
    let h = history::history(&conn, w).expect("h");
    assert_eq!(h.posts.len(), 2);
    assert_eq!(
        (
            h.posts[1].effective_on.as_str(),
            h.posts[1].reason.as_str(),
            h.posts[1].position.as_str()
        ),
        ("2026-01-01", "调整", "副主任")
    );
    assert_eq!(
        (
            h.education[1].obtained_on.as_str(),
            h.education[1].education.as_str()
        ),
        ("2026-01-01", "硕士研究生")
    );
    assert_eq!(roster_row(&conn, w, "2025-12-31").position, "专职工作人员");
    // The same file again changes nothing.
    shegong_core::write(&mut conn, |tx| {
        workers::update_dated(
            tx,
            &Channel::Import("花名册.xlsx".into()),
            w,
            &edit,
            today(),
            d("2026-01-01"),
        )
    })
    .expect("again");
    assert_eq!(history::history(&conn, w).expect("h").posts.len(), 2);
}

#[test]
fn the_highest_education_never_goes_down() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let w = worker(
        &mut conn,
        &WorkerInputExt::with_education(input("张三", &id_for("1985-04-12", 11), a), "大学专科"),
    );
    let degree = |on: &str, e: &str| EducationInput {
        obtained_on: on.into(),
        education: e.into(),
        school: Some("省广播电视大学".into()),
        ..Default::default()
    };
    let add = |conn: &mut Connection, i: &EducationInput| {
        shegong_core::write(conn, |tx| {
            history::add_education(tx, &Channel::Ui, w, i, today())
        })
    };
    add(&mut conn, &degree("2024-07-01", "大学本科")).expect("本科");
    let e = add(&mut conn, &degree("2025-07-01", "大学专科")).expect_err("lower");
    assert!(message(e).contains("最高学历不会降低"));
    // Not above the one after, either.
    let e = add(&mut conn, &degree("2022-07-01", "硕士研究生")).expect_err("higher than later");
    assert!(message(e).contains("比硕士研究生低"));
    assert_eq!(roster_row(&conn, w, "2024-06-30").education, "大学专科");
    assert_eq!(roster_row(&conn, w, "2024-07-01").education, "大学本科");
}

trait WorkerInputExt {
    fn with_education(self, e: &str) -> Self;
}

impl WorkerInputExt for workers::WorkerInput {
    fn with_education(self, e: &str) -> Self {
        workers::WorkerInput {
            education: e.into(),
            ..self
        }
    }
}

/// 书记备案 (第9条): one per tenure, on the record that began it; the list of 书记 not filed.
#[test]
fn secretaries_are_filed_once_per_tenure() {
    let mut conn = ledger();
    let a = community(&mut conn, "东风社区", 10_000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let other = worker(&mut conn, &input("李四", &id_for("1986-04-12", 13), a));
    let elected = add_post(
        &mut conn,
        w,
        &change(a, "两委专职成员", "书记", "2024-03-01", "选举"),
    )
    .expect("书记");
    // Still 书记 of the same community, now also 主任: the same tenure.
    let both = add_post(
        &mut conn,
        w,
        &change(a, "两委专职成员", "书记兼主任", "2025-03-01", "选举"),
    )
    .expect("兼");
    let unfiled = history::unfiled_secretaries(&conn, d("2026-01-01")).expect("list");
    assert_eq!(unfiled.len(), 1);
    assert_eq!(
        (
            unfiled[0].worker_id,
            unfiled[0].since.as_str(),
            unfiled[0].post_record_id
        ),
        (w, "2024-03-01", elected)
    );
    // Nobody was 书记 before the election.
    assert!(history::unfiled_secretaries(&conn, d("2024-02-01"))
        .expect("l")
        .is_empty());
    // The roster's 书记未备案 filter lists the same people, as of its date.
    let unfiled_on = |conn: &Connection, as_of: &str| {
        let q = RosterQuery {
            unfiled_secretary: Some(true),
            as_of: Some(as_of.into()),
            page_size: 50,
            ..Default::default()
        };
        let page = workers::roster(conn, &q, today()).expect("roster");
        page.rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(unfiled_on(&conn, "2026-01-01"), vec![w]);
    assert!(unfiled_on(&conn, "2024-02-01").is_empty());

    let filing = FilingInput {
        filed_on: "2024-03-20".into(),
        filed_with: "县委组织部".into(),
        doc_no: Some("县组备〔2024〕12号".into()),
        remarks: None,
    };
    let file = |conn: &mut Connection, record: i64| {
        shegong_core::write(conn, |tx| {
            history::file_secretary(tx, &Channel::Ui, record, &filing, today())
        })
    };
    assert!(message(file(&mut conn, both).expect_err("not the start")).contains("任期开始"));
    let first_of_other = history::history(&conn, other).expect("h").posts[0].id;
    assert!(message(file(&mut conn, first_of_other).expect_err("staff")).contains("只有书记"));
    file(&mut conn, elected).expect("filed");
    assert!(history::unfiled_secretaries(&conn, d("2026-01-01"))
        .expect("l")
        .is_empty());
    assert!(unfiled_on(&conn, "2026-01-01").is_empty());
    // A filed record keeps its 书记 post.
    let e = shegong_core::write(&mut conn, |tx| {
        history::delete_post(tx, &Channel::Ui, elected)
    })
    .expect_err("filed");
    assert!(message(e).contains("先删除备案"));
}

/// A ledger made by the previous release (bbd3c32: `shegong demo --seed 7 --communities 3
/// --workers 60 --as-of 2026-06-30`) opens, and each person's current values become their
/// first records, dated 入职时间; every answer as of any date stays what it was.
#[test]
fn an_older_ledger_gets_its_history_from_today_values() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/ledger-v3-release.db"
        ),
        &path,
    )
    .expect("copy fixture");
    let before: Vec<(i64, i64, String, String, String, String)> = {
        let old = rusqlite::Connection::open(&path).expect("open as is");
        let v: i64 = old
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("v");
        assert_eq!(v, 3, "the fixture is a version-3 ledger");
        let mut stmt = old
            .prepare("SELECT id, community_id, category, position, education, hired_on FROM workers ORDER BY id")
            .expect("stmt");
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .expect("q")
            .map(|r| r.expect("row"))
            .collect();
        rows
    };
    assert_eq!(before.len(), 60);
    let conn = store::open(&path).expect("upgrade");
    let v: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(v, MIGRATIONS.len() as i64);
    for (id, community, category, position, education, hired) in &before {
        let h = history::history(&conn, *id).expect("history");
        assert_eq!(h.posts.len(), 1, "{id}");
        let p = &h.posts[0];
        assert_eq!(
            (
                p.community_id,
                &p.category,
                &p.position,
                &p.effective_on,
                p.reason.as_str()
            ),
            (*community, category, position, hired, "入职")
        );
        assert_eq!(
            (&h.education[0].education, &h.education[0].obtained_on),
            (education, hired)
        );
    }
    // As of a past date, the derived table gives the same rows as the worker table.
    let q = |as_of: &str| RosterQuery {
        as_of: Some(as_of.into()),
        page_size: 500,
        ..Default::default()
    };
    for as_of in ["2019-01-01", "2024-06-30", "2026-06-30"] {
        let rows = workers::roster(&conn, &q(as_of), today())
            .expect("roster")
            .rows;
        assert_eq!(rows.len(), 60);
        for r in rows {
            let b = before.iter().find(|b| b.0 == r.id).expect("known");
            assert_eq!(
                (r.community_id, &r.category, &r.position),
                (b.1, &b.2, &b.3)
            );
        }
    }
}
