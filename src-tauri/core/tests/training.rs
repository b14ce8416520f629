//! Training: classes, bulk attendance (all or nothing), records from elsewhere, the cadence
//! rules at their edges, editable parameters and the year's statistics.

mod common;
use common::*;
use shegong_core::audit::{self, Channel};
use shegong_core::training::{self, AttendeeInput, CadenceRules, ClassInput};
use shegong_core::vocab::CadenceStatus;
use shegong_core::workers::{self, history, ExitInput, WorkerInput};
use shegong_core::{Connection, CoreError};

fn class(conn: &mut Connection, name: &str, tier: &str, kind: &str, end: &str) -> i64 {
    shegong_core::write(conn, |tx| {
        training::create_class(
            tx,
            &Channel::Ui,
            &ClassInput {
                name: name.into(),
                kind: kind.into(),
                tier: tier.into(),
                organizer: Some("区委社会工作部".into()),
                start_date: end.into(),
                end_date: end.into(),
                hours: 8.0,
                mode: "线下".into(),
                place: None,
                remarks: None,
            },
            today(),
        )
    })
    .expect("class")
    .id
}

fn county(conn: &mut Connection, end: &str) -> i64 {
    class(
        conn,
        &format!("县级骨干班 {end}"),
        "县级骨干培训",
        "在职培训",
        end,
    )
}

fn attend(conn: &mut Connection, class_id: i64, workers: &[i64], result: &str) {
    let rows: Vec<AttendeeInput> = workers
        .iter()
        .map(|w| AttendeeInput {
            worker_id: *w,
            hours: None,
            result: result.into(),
            remarks: None,
        })
        .collect();
    shegong_core::write(conn, |tx| {
        training::add_attendees(tx, &Channel::Ui, class_id, &rows)
    })
    .expect("attend");
}

/// A Chinese name per test sequence number (names may not hold digits).
fn name_for(n: u32) -> &'static str {
    [
        "张伟", "李娜", "王芳", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴刚",
    ][(n as usize / 2) % 10]
}

fn person(conn: &mut Connection, c: i64, n: u32, position: &str, hired: &str) -> i64 {
    let category = if position == "专职工作人员" {
        "社区专职工作人员"
    } else {
        "两委专职成员"
    };
    worker(
        conn,
        &WorkerInput {
            category: category.into(),
            position: position.into(),
            hired_on: hired.into(),
            ..input(name_for(n), &id_for("1985-04-12", n), c)
        },
    )
}

fn status(conn: &Connection, id: i64, on: &str) -> (String, String) {
    let row = training::cadence_for_worker(conn, id, d(on))
        .expect("cadence")
        .expect("counted");
    (row.status.to_string(), row.due_date)
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn leader_yearly_rule_turns_over_between_31_december_and_1_january() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let trained = person(&mut conn, c, 11, "书记", "2020-03-01");
    let untrained = person(&mut conn, c, 13, "主任", "2020-03-01");
    let late = person(&mut conn, c, 15, "书记兼主任", "2020-03-01");
    // All trained in 2024, so only the 2025/2026 turn is at stake.
    let k2024 = county(&mut conn, "2024-06-01");
    attend(&mut conn, k2024, &[trained, untrained, late], "结业");
    let k = county(&mut conn, "2025-12-31");
    attend(&mut conn, k, &[trained], "结业");
    let k2 = county(&mut conn, "2026-01-01");
    attend(&mut conn, k2, &[late], "结业");

    assert_eq!(
        status(&conn, trained, "2025-12-31"),
        pair("已完成", "2026-12-31")
    );
    // A new year: last year's class does not count for this one, and nothing is late yet.
    assert_eq!(
        status(&conn, trained, "2026-01-01"),
        pair("待培训", "2026-12-31")
    );
    assert_eq!(
        status(&conn, trained, "2026-10-02"),
        pair("即将到期", "2026-12-31")
    );

    assert_eq!(
        status(&conn, untrained, "2025-12-31"),
        pair("即将到期", "2025-12-31")
    );
    assert_eq!(
        status(&conn, untrained, "2026-01-01"),
        pair("已逾期", "2025-12-31")
    );

    // A class on 1 January counts for the new year, not the old one.
    assert_eq!(
        status(&conn, late, "2025-12-31"),
        pair("即将到期", "2025-12-31")
    );
    assert_eq!(
        status(&conn, late, "2026-01-01"),
        pair("已完成", "2027-12-31")
    );
    let row = training::cadence_for_worker(&conn, late, d("2026-01-01"))
        .expect("c")
        .expect("row");
    assert_eq!(row.last_training.as_deref(), Some("县级骨干班 2026-01-01"));
    assert_eq!(row.rule, "每年至少1次");
}

#[test]
fn others_are_due_exactly_three_years_after_their_last_class() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let k = class(
        &mut conn,
        "市级重点班",
        "市地级重点培训",
        "专项工作培训",
        "2023-06-15",
    );
    attend(&mut conn, k, &[w], "结业");
    assert_eq!(status(&conn, w, "2026-03-16"), pair("已完成", "2026-06-15"));
    assert_eq!(
        status(&conn, w, "2026-03-17"),
        pair("即将到期", "2026-06-15")
    );
    assert_eq!(
        status(&conn, w, "2026-06-15"),
        pair("即将到期", "2026-06-15")
    );
    assert_eq!(status(&conn, w, "2026-06-16"), pair("已逾期", "2026-06-15"));

    // Never trained: the window runs from 入职时间.
    let fresh = person(&mut conn, c, 13, "委员", "2023-01-10");
    assert_eq!(
        status(&conn, fresh, "2024-06-01"),
        pair("待培训", "2026-01-10")
    );
    assert_eq!(
        status(&conn, fresh, "2026-01-11"),
        pair("已逾期", "2026-01-10")
    );
}

#[test]
fn a_class_of_too_low_a_tier_or_not_completed_does_not_count() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let low = class(
        &mut conn,
        "街道全员班",
        "街道(乡镇)全员培训",
        "在职培训",
        "2025-05-01",
    );
    attend(&mut conn, low, &[w], "结业");
    let failed = county(&mut conn, "2025-06-01");
    attend(&mut conn, failed, &[w], "未结业");
    let absent = county(&mut conn, "2025-07-01");
    attend(&mut conn, absent, &[w], "缺席");
    // Hired 2018, nothing counted: overdue since 2021.
    assert_eq!(status(&conn, w, "2026-06-15"), pair("已逾期", "2021-03-01"));

    // Lowering the minimum tier in the rules makes the street class count.
    let rules = CadenceRules {
        min_tier: "街道(乡镇)全员培训".into(),
        ..CadenceRules::default()
    };
    shegong_core::write(&mut conn, |tx| {
        training::save_rules(tx, &Channel::Ui, &rules)
    })
    .expect("rules");
    assert_eq!(status(&conn, w, "2026-06-15"), pair("已完成", "2028-05-01"));
}

#[test]
fn a_secretary_is_held_to_the_yearly_rule_by_the_post_held_in_the_year_judged() {
    // Issue 12's worked example: staff since 2018 with a county-level class in May 2024
    // (valid for 36 months), elected 书记 on 2026-03-01 (任职经历). In 2025 they were staff,
    // so 2025 is not judged by the leaders' yearly rule: 2026 is, from the election on.
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let k = county(&mut conn, "2024-05-10");
    attend(&mut conn, k, &[w], "结业");
    let elect = |conn: &mut Connection, w: i64, on: &str| {
        shegong_core::write(conn, |tx| {
            history::add_post(
                tx,
                &Channel::Ui,
                w,
                &history::PostChangeInput {
                    effective_on: on.into(),
                    community_id: c,
                    category: "两委专职成员".into(),
                    position: "书记".into(),
                    reason: "选举".into(),
                    ..Default::default()
                },
                d("2026-12-01"),
            )
        })
        .expect("elected")
    };
    elect(&mut conn, w, "2026-03-01");
    // Before the election: the staff rule, 36 months from the last class.
    assert_eq!(status(&conn, w, "2026-02-01"), pair("已完成", "2027-05-10"));
    // After it: this year's class is due; 2025 is not overdue.
    assert_eq!(status(&conn, w, "2026-04-01"), pair("待培训", "2026-12-31"));
    assert_eq!(
        status(&conn, w, "2026-10-15"),
        pair("即将到期", "2026-12-31")
    );
    let march = county(&mut conn, "2026-03-20");
    attend(&mut conn, march, &[w], "结业");
    assert_eq!(status(&conn, w, "2026-10-15"), pair("已完成", "2027-12-31"));

    // Elected after 30 September: that year is not judged; the next one is.
    let late = person(&mut conn, c, 17, "专职工作人员", "2018-03-01");
    attend(&mut conn, k, &[late], "结业");
    elect(&mut conn, late, "2026-10-10");
    assert_eq!(
        status(&conn, late, "2026-11-01"),
        pair("待培训", "2027-12-31")
    );

    // A 书记 who joined after 30 September owes nothing for that year.
    let autumn = person(&mut conn, c, 13, "书记", "2026-10-08");
    let row = training::cadence_for_worker(&conn, autumn, d("2026-12-01"))
        .expect("c")
        .expect("row");
    assert_eq!(
        (row.rule_status.as_str(), row.rule_due_date.as_str()),
        ("待培训", "2027-12-31")
    );
    // Their 初任培训 falls due first, so it sets the overall date.
    assert_eq!(
        (row.status.as_str(), row.due_date.as_str()),
        ("待培训", "2027-10-08")
    );
    // A missed year before the current one is overdue until this year's class is done.
    let veteran = person(&mut conn, c, 15, "主任", "2020-03-01");
    assert_eq!(
        status(&conn, veteran, "2026-02-01"),
        pair("已逾期", "2025-12-31")
    );
    let feb = county(&mut conn, "2026-02-10");
    attend(&mut conn, feb, &[veteran], "结业");
    assert_eq!(
        status(&conn, veteran, "2026-02-10"),
        pair("已完成", "2027-12-31")
    );
}

#[test]
fn exited_part_time_and_seconded_people_are_not_counted() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let left = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let stays = person(&mut conn, c, 13, "专职工作人员", "2018-03-01");
    let part_time = worker(
        &mut conn,
        &WorkerInput {
            category: "两委兼职成员".into(),
            position: "委员".into(),
            ..input("兼职", &id_for("1980-01-01", 15), c)
        },
    );
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            left,
            &ExitInput {
                exit_date: "2026-01-31".into(),
                reason: "辞职".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    let all = training::cadence(&conn, d("2026-06-15")).expect("cadence");
    let ids: Vec<i64> = all.iter().map(|r| r.worker_id).collect();
    assert_eq!(ids, vec![stays]);
    assert!(
        training::cadence_for_worker(&conn, part_time, d("2026-06-15"))
            .expect("c")
            .is_none()
    );
    // Before the exit the person was counted.
    assert!(training::cadence_for_worker(&conn, left, d("2026-01-30"))
        .expect("c")
        .is_some());
}

#[test]
fn new_hires_need_an_induction_class_within_twelve_months() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2025-03-01");
    let row = training::cadence_for_worker(&conn, w, d("2025-12-15"))
        .expect("c")
        .expect("row");
    assert_eq!(row.induction_status, Some(CadenceStatus::DueSoon));
    assert_eq!(row.induction_due_date.as_deref(), Some("2026-03-01"));
    assert_eq!(row.status, CadenceStatus::DueSoon);
    assert_eq!(status(&conn, w, "2026-03-02"), pair("已逾期", "2026-03-01"));
    // A street-level 初任培训 satisfies it (any tier), but not the rotation rule.
    let k = class(
        &mut conn,
        "新入职人员初任培训",
        "街道(乡镇)全员培训",
        "初任培训",
        "2025-06-01",
    );
    attend(&mut conn, k, &[w], "结业");
    let row = training::cadence_for_worker(&conn, w, d("2026-03-02"))
        .expect("c")
        .expect("row");
    assert_eq!(row.induction_status, Some(CadenceStatus::Done));
    assert_eq!(
        (row.status.as_str(), row.due_date.as_str()),
        ("待培训", "2028-03-01")
    );
    // Staff hired before the rule's start date are not asked for one.
    let old = person(&mut conn, c, 13, "专职工作人员", "2023-05-01");
    let row = training::cadence_for_worker(&conn, old, d("2026-03-02"))
        .expect("c")
        .expect("row");
    assert_eq!(row.induction_status, None);
}

#[test]
fn training_taken_elsewhere_counts_and_shows_in_the_history() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    shegong_core::write(&mut conn, |tx| {
        training::add_external(tx, &Channel::Ui, w, &external_training(), today())
    })
    .expect("external");
    let row = training::cadence_for_worker(&conn, w, today())
        .expect("c")
        .expect("row");
    assert_eq!(row.status, CadenceStatus::Done);
    assert_eq!(row.last_training.as_deref(), Some("省社区工作者示范培训班"));
    let history = training::worker_trainings(&conn, w).expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].hours, 32.5);
    let audit = audit::for_worker(&conn, w).expect("audit");
    assert!(audit.iter().any(|e| e.entity == "个人培训"));
}

#[test]
fn bulk_attendance_is_all_or_nothing_and_audited_per_person() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let a = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let b = person(&mut conn, c, 13, "专职工作人员", "2018-03-01");
    let gone = person(&mut conn, c, 15, "专职工作人员", "2018-03-01");
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            gone,
            &ExitInput {
                exit_date: "2025-01-31".into(),
                reason: "辞职".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    let k = county(&mut conn, "2026-04-01");
    let audit_before = count(&conn, "SELECT count(*) FROM audit_log");
    let line = |w: i64, result: &str| AttendeeInput {
        worker_id: w,
        hours: None,
        result: result.into(),
        remarks: None,
    };
    let err = shegong_core::write(&mut conn, |tx| {
        training::add_attendees(
            tx,
            &Channel::Ui,
            k,
            &[line(a, "结业"), line(b, "结业"), line(gone, "结业")],
        )
    })
    .expect_err("exited person");
    assert!(
        err.to_string().contains("黄强已于 2025-01-31 退出"),
        "{err}"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM training_attendance"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audit_before);

    let err = shegong_core::write(&mut conn, |tx| {
        training::add_attendees(tx, &Channel::Ui, k, &[line(a, "结业"), line(b, "及格")])
    })
    .expect_err("bad result");
    assert!(matches!(err, CoreError::Validation { .. }));
    assert!(err.to_string().starts_with("赵敏："), "{err}");

    let added = shegong_core::write(&mut conn, |tx| {
        training::add_attendees(tx, &Channel::Ui, k, &[line(a, "结业"), line(b, "缺席")])
    })
    .expect("add");
    assert_eq!(added.len(), 2);
    assert_eq!(added[1].hours, 0.0, "an absentee has no hours");
    let err = shegong_core::write(&mut conn, |tx| {
        training::add_attendees(tx, &Channel::Ui, k, &[line(a, "结业")])
    })
    .expect_err("twice");
    assert!(matches!(err, CoreError::Conflict { .. }), "{err}");
    assert!(err.to_string().contains("已在本培训班的参训名单中"));
    let history = audit::for_worker(&conn, a).expect("audit");
    assert!(history
        .iter()
        .any(|e| e.entity == "参训记录" && e.action == "新增"));
    let detail = training::class_detail(&conn, k).expect("detail");
    assert_eq!((detail.class.attendees, detail.class.completed), (2, 1));
}

#[test]
fn hours_and_dates_are_validated_in_chinese() {
    let mut conn = ledger();
    let good = ClassInput {
        name: "班".into(),
        kind: "在职培训".into(),
        tier: "县级骨干培训".into(),
        organizer: None,
        start_date: "2026-03-01".into(),
        end_date: "2026-03-02".into(),
        hours: 16.0,
        mode: "线上".into(),
        place: None,
        remarks: None,
    };
    let cases = [
        (
            ClassInput {
                hours: 2.55,
                ..good.clone()
            },
            "hours",
            "最多保留一位小数",
        ),
        (
            ClassInput {
                hours: -1.0,
                ..good.clone()
            },
            "hours",
            "不能为负数",
        ),
        (
            ClassInput {
                hours: 0.0,
                ..good.clone()
            },
            "hours",
            "须大于 0",
        ),
        (
            ClassInput {
                hours: 5000.0,
                ..good.clone()
            },
            "hours",
            "不能超过",
        ),
        (
            ClassInput {
                end_date: "2026-02-28".into(),
                ..good.clone()
            },
            "endDate",
            "不能早于开始日期",
        ),
        (
            ClassInput {
                start_date: "2026-02-30".into(),
                ..good.clone()
            },
            "startDate",
            "不是有效日期",
        ),
        (
            ClassInput {
                tier: "区级".into(),
                ..good.clone()
            },
            "tier",
            "请从列表中选择培训层级",
        ),
        (
            ClassInput {
                name: " ".into(),
                ..good.clone()
            },
            "name",
            "请填写培训班名称",
        ),
    ];
    for (input, field, text) in cases {
        let err = shegong_core::write(&mut conn, |tx| {
            training::create_class(tx, &Channel::Ui, &input, today())
        })
        .expect_err(text);
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(text), "{err}");
    }
    let ok = shegong_core::write(&mut conn, |tx| {
        training::create_class(
            tx,
            &Channel::Ui,
            &ClassInput {
                hours: 2.5,
                ..good.clone()
            },
            today(),
        )
    })
    .expect("ok");
    assert_eq!(ok.input.hours, 2.5);
    assert_eq!(
        count(&conn, "SELECT hours_tenths FROM training_classes"),
        25
    );
    let bad_rules = CadenceRules {
        warning_days: -1,
        ..CadenceRules::default()
    };
    let err = shegong_core::write(&mut conn, |tx| {
        training::save_rules(tx, &Channel::Ui, &bad_rules)
    })
    .expect_err("rules");
    assert_eq!(err.field(), Some("warningDays"));
}

#[test]
fn rules_are_stored_editable_and_audited() {
    let mut conn = ledger();
    assert_eq!(
        training::get_rules(&conn).expect("rules"),
        CadenceRules::default()
    );
    let c = community(&mut conn, "幸福社区", 8000);
    let w = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let k = county(&mut conn, "2023-08-01");
    attend(&mut conn, k, &[w], "结业");
    assert_eq!(status(&conn, w, "2026-06-15").0, "即将到期");
    let rules = CadenceRules {
        warning_days: 30,
        ..CadenceRules::default()
    };
    shegong_core::write(&mut conn, |tx| {
        training::save_rules(tx, &Channel::Ui, &rules)
    })
    .expect("save");
    assert_eq!(training::get_rules(&conn).expect("rules").warning_days, 30);
    assert_eq!(status(&conn, w, "2026-06-15").0, "已完成");
    let recent = audit::recent(&conn, 1).expect("audit");
    assert_eq!(recent[0].summary, "培训规则");
    assert!(recent[0].changes.iter().any(|c| c.field == "提前提醒天数"));
}

#[test]
fn statistics_for_a_year_by_kind_and_tier_with_coverage() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let secretary = person(&mut conn, c, 11, "书记", "2018-03-01");
    let director = person(&mut conn, c, 13, "主任", "2018-03-01");
    let a = person(&mut conn, c, 15, "专职工作人员", "2018-03-01");
    let b = person(&mut conn, c, 17, "专职工作人员", "2018-03-01");
    let k = county(&mut conn, "2026-04-01");
    attend(&mut conn, k, &[secretary, a], "结业");
    let s = class(
        &mut conn,
        "街道全员班",
        "街道(乡镇)全员培训",
        "专项工作培训",
        "2026-05-01",
    );
    attend(&mut conn, s, &[secretary, director, a, b], "结业");
    let stats = training::statistics(&conn, 2026, d("2026-06-15")).expect("stats");
    assert_eq!(stats.as_of, "2026-06-15");
    assert_eq!((stats.classes, stats.attendances), (2, 6));
    assert_eq!(stats.person_hours, 48.0);
    let kind = |l: &str| {
        stats
            .by_kind
            .iter()
            .find(|b| b.label == l)
            .expect(l)
            .clone()
    };
    assert_eq!(kind("在职培训").attendances, 2);
    assert_eq!(kind("专项工作培训").attendances, 4);
    assert_eq!(kind("初任培训").classes, 0);
    assert_eq!(stats.by_tier.len(), 4);
    assert_eq!((stats.leaders.total, stats.leaders.covered), (2, 1));
    assert_eq!(stats.leaders.percent, 50.0);
    assert_eq!((stats.others.total, stats.others.covered), (2, 1));
    let overdue: Vec<i64> = stats.overdue.iter().map(|r| r.worker_id).collect();
    assert!(
        overdue.contains(&b) && overdue.contains(&director),
        "{overdue:?}"
    );
    assert!(!overdue.contains(&a));
}

#[test]
fn the_demo_street_is_mostly_trained_with_a_few_overdue_and_is_deterministic() {
    let make = || {
        let mut conn = ledger();
        let summary = shegong_core::write(&mut conn, |tx| {
            shegong_core::demo::generate(
                tx,
                &shegong_core::demo::DemoOptions {
                    seed: 7,
                    communities: 4,
                    workers: None,
                },
                d("2026-06-30"),
            )
        })
        .expect("demo");
        (conn, summary)
    };
    let (conn, summary) = make();
    assert!(summary.training_classes >= 10, "{summary:?}");
    assert!(summary.attendances > summary.workers, "{summary:?}");
    assert!(summary.visits > 0 && summary.checkups == 2 && summary.difficulties >= 3);
    let rows = training::cadence(&conn, d("2026-06-30")).expect("cadence");
    let n = |s: &str| rows.iter().filter(|r| r.status.as_str() == s).count();
    assert!(
        n("已完成") * 2 > rows.len(),
        "most are trained: {}",
        n("已完成")
    );
    assert!(n("已逾期") > 0, "some are overdue");
    let care = shegong_core::care::care_summary(&conn, 2026, d("2026-06-30")).expect("care");
    assert!(care.checked * 10 > care.checkup_total * 7);
    assert!(care.visits[0].people > 0, "春节 visits");
    let (again, again_summary) = make();
    assert_eq!(again_summary, summary);
    assert_eq!(
        training::cadence(&again, d("2026-06-30")).expect("cadence"),
        rows
    );
}

#[test]
fn new_class_dates_are_checked_against_its_attendees_and_a_class_can_be_deleted() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let a = person(&mut conn, c, 11, "专职工作人员", "2018-03-01");
    let leaving = person(&mut conn, c, 13, "专职工作人员", "2018-03-01");
    let new_hire = person(&mut conn, c, 15, "专职工作人员", "2026-03-01");
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            leaving,
            &ExitInput {
                exit_date: "2026-04-15".into(),
                reason: "辞职".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    let k = county(&mut conn, "2026-04-01");
    attend(&mut conn, k, &[a, leaving, new_hire], "结业");
    let input = training::class_detail(&conn, k)
        .expect("detail")
        .class
        .input;
    let update = |conn: &mut Connection, start: &str, end: &str| {
        shegong_core::write(conn, |tx| {
            training::update_class(
                tx,
                &Channel::Ui,
                k,
                &ClassInput {
                    start_date: start.into(),
                    end_date: end.into(),
                    ..input.clone()
                },
                today(),
            )
        })
    };

    let err = update(&mut conn, "2026-05-01", "2026-05-01").expect_err("exited before");
    assert_eq!(err.field(), Some("startDate"));
    assert!(
        err.to_string()
            .contains("赵敏已于 2026-04-15 退出，早于培训班开始日期"),
        "{err}"
    );
    assert!(err.to_string().contains("请先把此人移出参训名单"), "{err}");
    let err = update(&mut conn, "2026-02-01", "2026-02-01").expect_err("hired after");
    assert!(
        err.to_string()
            .contains("黄强的入职时间（2026-03-01）晚于培训班结束日期（2026-02-01）"),
        "{err}"
    );
    let unchanged = training::class_detail(&conn, k).expect("detail").class;
    assert_eq!(unchanged.input.end_date, "2026-04-01");
    // Dates that still fit everyone are fine.
    let moved = update(&mut conn, "2026-03-30", "2026-04-02").expect("fits");
    assert_eq!(moved.input.start_date, "2026-03-30");

    let audit_before = count(&conn, "SELECT count(*) FROM audit_log");
    shegong_core::write(&mut conn, |tx| training::delete_class(tx, &Channel::Ui, k))
        .expect("delete");
    assert_eq!(count(&conn, "SELECT count(*) FROM training_classes"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM training_attendance"), 0);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit_log"),
        audit_before + 4,
        "three attendance lines and the class"
    );
    let history = audit::for_worker(&conn, a).expect("audit");
    assert!(history
        .iter()
        .any(|e| e.entity == "参训记录" && e.action == "删除"));
    let recent = audit::recent(&conn, 1).expect("recent");
    assert_eq!(
        (recent[0].entity.as_str(), recent[0].action.as_str()),
        ("培训班次", "删除")
    );
    let err = shegong_core::write(&mut conn, |tx| training::delete_class(tx, &Channel::Ui, k))
        .expect_err("gone");
    assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
}
