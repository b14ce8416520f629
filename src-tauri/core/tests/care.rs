//! Care: check-ups in bulk, holiday visits for many recipients (amounts in fen), care
//! activities, difficulties with the 30-day flag, and the year's summary.

mod common;
use common::*;
use shegong_core::audit::{self, Channel};
use shegong_core::care::{
    self, ActivityInput, CheckupAttendeeInput, CheckupRoundInput, DifficultyInput, VisitBatchInput,
};
use shegong_core::vocab::{DifficultyStatus, VisitForm};
use shegong_core::workers::{self, ExitInput, WorkerInput};
use shegong_core::{Connection, CoreError};

struct Street {
    conn: Connection,
    a: i64,
    b: i64,
    part_time: i64,
    retired: i64,
    resigned: i64,
}

fn exit(conn: &mut Connection, id: i64, reason: &str) {
    shegong_core::write(conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            id,
            &ExitInput {
                exit_date: "2025-12-31".into(),
                reason: reason.into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
}

fn street() -> Street {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let a = worker(&mut conn, &input("张伟", &id_for("1985-04-12", 11), c));
    let b = worker(&mut conn, &input("李娜", &id_for("1986-04-12", 12), c));
    let part_time = worker(
        &mut conn,
        &WorkerInput {
            category: "两委兼职成员".into(),
            position: "委员".into(),
            ..input("王芳", &id_for("1975-01-01", 14), c)
        },
    );
    let retired = worker(&mut conn, &input("刘洋", &id_for("1965-01-01", 13), c));
    exit(&mut conn, retired, "退休");
    let resigned = worker(&mut conn, &input("陈静", &id_for("1990-01-01", 16), c));
    exit(&mut conn, resigned, "辞职");
    Street {
        conn,
        a,
        b,
        part_time,
        retired,
        resigned,
    }
}

fn visit(ids: Vec<i64>) -> VisitBatchInput {
    VisitBatchInput {
        festival: "春节".into(),
        year: 2026,
        visit_date: "2026-02-10".into(),
        form: VisitForm::Cash,
        amount: Some("500".into()),
        visited_by: Some("街道党工委书记".into()),
        remarks: None,
        worker_ids: ids,
    }
}

#[test]
fn amounts_are_yuan_text_stored_as_fen() {
    let ok = |t: &str| care::yuan_to_fen("amount", "慰问金额", Some(t)).expect(t);
    assert_eq!(ok("500"), Some(50_000));
    assert_eq!(ok("300.5"), Some(30_050));
    assert_eq!(ok("300.05"), Some(30_005));
    assert_eq!(ok(" 800元 "), Some(80_000));
    assert_eq!(ok("100000"), Some(10_000_000));
    assert_eq!(
        care::yuan_to_fen("amount", "慰问金额", Some("  ")).expect("blank"),
        None
    );
    for (bad, text) in [
        ("-5", "不能为负数"),
        ("1.234", "最多保留两位小数"),
        ("abc", "不是有效金额"),
        ("1.", "不是有效金额"),
        ("100000.01", "不能超过 100000 元"),
        ("99999999999999999999", "不能超过"),
    ] {
        let err = care::yuan_to_fen("amount", "慰问金额", Some(bad)).expect_err(bad);
        assert_eq!(err.field(), Some("amount"));
        assert!(err.to_string().contains(text), "{bad}: {err}");
    }
    assert_eq!(care::fen_to_yuan(30_005), "300.05");
}

#[test]
fn visits_for_many_recipients_are_all_or_nothing() {
    let Street {
        mut conn,
        a,
        b,
        part_time,
        retired,
        resigned,
    } = street();
    // One recipient who resigned: nothing is written.
    let err = shegong_core::write(&mut conn, |tx| {
        care::create_visits(tx, &Channel::Ui, &visit(vec![a, b, resigned]), today())
    })
    .expect_err("resigned");
    assert!(
        err.to_string()
            .contains("陈静在 2026-02-10 的状态是“已退出”"),
        "{err}"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM holiday_visits"), 0);

    // Active workers, a part-time member and a retired worker can all be visited.
    let made = shegong_core::write(&mut conn, |tx| {
        care::create_visits(
            tx,
            &Channel::Ui,
            &visit(vec![a, part_time, retired]),
            today(),
        )
    })
    .expect("visits");
    assert_eq!(made.len(), 3);
    assert_eq!(made[0].amount_fen, Some(50_000));
    assert_eq!(made[0].amount.as_deref(), Some("500.00"));
    assert!(audit::for_worker(&conn, retired)
        .expect("audit")
        .iter()
        .any(|e| e.entity == "走访慰问"));

    // Twice the same form for the same festival: a conflict naming the person.
    let err = shegong_core::write(&mut conn, |tx| {
        care::create_visits(tx, &Channel::Ui, &visit(vec![b, a]), today())
    })
    .expect_err("twice");
    assert!(matches!(err, CoreError::Conflict { .. }));
    assert!(
        err.to_string().contains("张伟已登记过 2026 年春节的慰问金"),
        "{err}"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM holiday_visits"), 3);

    let missing = care::not_visited(&conn, "春节", 2026, today()).expect("not visited");
    let ids: Vec<i64> = missing.iter().map(|p| p.worker_id).collect();
    assert_eq!(ids, vec![b]);
}

#[test]
fn visit_validation_speaks_chinese() {
    let Street { mut conn, a, .. } = street();
    let cases = [
        (
            VisitBatchInput {
                amount: None,
                ..visit(vec![a])
            },
            "amount",
            "请填写每人的慰问金额",
        ),
        (
            VisitBatchInput {
                amount: Some("-100".into()),
                ..visit(vec![a])
            },
            "amount",
            "不能为负数",
        ),
        (
            VisitBatchInput {
                festival: "圣诞节".into(),
                ..visit(vec![a])
            },
            "festival",
            "请从列表中选择节日",
        ),
        (
            VisitBatchInput {
                visit_date: "2024-02-10".into(),
                ..visit(vec![a])
            },
            "visitDate",
            "与年度 2026 不符",
        ),
        (
            VisitBatchInput {
                visit_date: "2026-13-01".into(),
                ..visit(vec![a])
            },
            "visitDate",
            "不是有效日期",
        ),
        (
            VisitBatchInput {
                visit_date: "2026-09-01".into(),
                ..visit(vec![a])
            },
            "visitDate",
            "不能晚于今天",
        ),
        (visit(vec![]), "workerIds", "请至少选择一名慰问对象"),
        (visit(vec![a, a]), "workerIds", "被选了两次"),
    ];
    for (input, field, text) in cases {
        let err = shegong_core::write(&mut conn, |tx| {
            care::create_visits(tx, &Channel::Ui, &input, today())
        })
        .expect_err(text);
        assert_eq!(err.field(), Some(field), "{err}");
        assert!(err.to_string().contains(text), "{err}");
    }
    // A 走访 needs no amount.
    shegong_core::write(&mut conn, |tx| {
        care::create_visits(
            tx,
            &Channel::Ui,
            &VisitBatchInput {
                form: VisitForm::Visit,
                amount: None,
                ..visit(vec![a])
            },
            today(),
        )
    })
    .expect("走访");
}

#[test]
fn checkups_in_bulk_and_who_is_not_checked() {
    let Street {
        mut conn,
        a,
        b,
        retired,
        ..
    } = street();
    let line = |id: i64, attended: bool, flag: bool, note: Option<&str>| CheckupAttendeeInput {
        worker_id: id,
        attended,
        needs_attention: flag,
        note: note.map(Into::into),
    };
    let err = shegong_core::write(&mut conn, |tx| {
        care::create_checkup_round(
            tx,
            &Channel::Ui,
            &CheckupRoundInput {
                checkup_date: "2026-05-20".into(),
                institution: "区人民医院体检中心".into(),
                remarks: None,
                attendees: vec![line(a, true, false, None), line(b, false, true, None)],
            },
            today(),
        )
    })
    .expect_err("flag without attendance");
    assert!(err.to_string().contains("李娜未参加体检"), "{err}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM checkup_rounds"),
        0,
        "round rolled back"
    );

    let round = shegong_core::write(&mut conn, |tx| {
        care::create_checkup_round(
            tx,
            &Channel::Ui,
            &CheckupRoundInput {
                checkup_date: "2026-05-20".into(),
                institution: "区人民医院体检中心".into(),
                remarks: None,
                attendees: vec![
                    line(a, true, true, Some("建议复查")),
                    line(b, false, false, None),
                    line(retired, true, false, None),
                ],
            },
            today(),
        )
    })
    .expect("round");
    assert_eq!((round.round.listed, round.round.attended), (3, 2));
    let missing = care::not_checked(&conn, 2026, today()).expect("not checked");
    let ids: Vec<i64> = missing.iter().map(|p| p.worker_id).collect();
    assert_eq!(
        ids,
        vec![b],
        "listed but absent is not checked; retired are not in the base"
    );

    let mine = care::worker_checkups(&conn, a).expect("mine");
    assert_eq!(mine.len(), 1);
    assert!(mine[0].needs_attention);
    assert_eq!(mine[0].note.as_deref(), Some("建议复查"));

    let long_note = "很".repeat(51);
    let err = shegong_core::write(&mut conn, |tx| {
        care::add_checkup_attendees(
            tx,
            &Channel::Ui,
            round.round.id,
            &[line(b, true, true, Some(&long_note))],
        )
    })
    .expect_err("long note");
    assert_eq!(err.field(), Some("note"));
    assert!(err.to_string().contains("不能超过 50 个字"), "{err}");
}

#[test]
fn difficulties_open_more_than_thirty_days_are_flagged() {
    let Street { mut conn, a, b, .. } = street();
    let base = DifficultyInput {
        worker_id: a,
        reported_on: "2026-05-01".into(),
        category: "家庭".into(),
        description: "父亲住院，需调休照顾".into(),
        status: DifficultyStatus::Open,
        resolution: None,
        resolved_on: None,
    };
    let old = shegong_core::write(&mut conn, |tx| {
        care::create_difficulty(tx, &Channel::Ui, &base, today())
    })
    .expect("create");
    assert_eq!(old.days_open, 45);
    assert!(old.flagged);
    let recent = shegong_core::write(&mut conn, |tx| {
        care::create_difficulty(
            tx,
            &Channel::Ui,
            &DifficultyInput {
                worker_id: b,
                reported_on: "2026-05-16".into(),
                category: "工作".into(),
                ..base.clone()
            },
            today(),
        )
    })
    .expect("create");
    assert_eq!((recent.days_open, recent.flagged), (30, false));

    let err = shegong_core::write(&mut conn, |tx| {
        care::update_difficulty(
            tx,
            &Channel::Ui,
            old.id,
            &DifficultyInput {
                status: DifficultyStatus::Solved,
                ..base.clone()
            },
            today(),
        )
    })
    .expect_err("no date");
    assert_eq!(err.field(), Some("resolvedOn"));
    let solved = shegong_core::write(&mut conn, |tx| {
        care::update_difficulty(
            tx,
            &Channel::Ui,
            old.id,
            &DifficultyInput {
                status: DifficultyStatus::Solved,
                resolution: Some("协调同事顶岗两周".into()),
                resolved_on: Some("2026-06-10".into()),
                ..base.clone()
            },
            today(),
        )
    })
    .expect("solve");
    assert!(!solved.flagged);
    let history = audit::for_worker(&conn, a).expect("audit");
    assert!(history
        .iter()
        .any(|e| e.entity == "困难诉求" && e.action == "修改"));
    let open = care::list_difficulties(&conn, true, None, today()).expect("open");
    assert_eq!(open.len(), 1);
}

#[test]
fn care_summary_for_a_year() {
    let Street {
        mut conn,
        a,
        b,
        part_time,
        retired,
        ..
    } = street();
    shegong_core::write(&mut conn, |tx| {
        care::create_visits(tx, &Channel::Ui, &visit(vec![a, b, retired]), today())?;
        care::create_visits(
            tx,
            &Channel::Ui,
            &VisitBatchInput {
                form: VisitForm::Gift,
                amount: Some("120.50".into()),
                ..visit(vec![a])
            },
            today(),
        )?;
        care::create_checkup_round(
            tx,
            &Channel::Ui,
            &CheckupRoundInput {
                checkup_date: "2026-04-01".into(),
                institution: "社区卫生服务中心".into(),
                remarks: None,
                attendees: vec![CheckupAttendeeInput {
                    worker_id: a,
                    attended: true,
                    needs_attention: true,
                    note: None,
                }],
            },
            today(),
        )?;
        care::create_activity(
            tx,
            &Channel::Ui,
            &ActivityInput {
                name: "社工减压团辅".into(),
                activity_date: "2026-03-08".into(),
                place: Some("街道社工站".into()),
                remarks: None,
                worker_ids: vec![a, b, part_time],
            },
            today(),
        )?;
        care::create_difficulty(
            tx,
            &Channel::Ui,
            &DifficultyInput {
                worker_id: b,
                reported_on: "2026-04-01".into(),
                category: "生活".into(),
                description: "租房离社区远".into(),
                status: DifficultyStatus::InProgress,
                resolution: None,
                resolved_on: None,
            },
            today(),
        )
    })
    .expect("data");
    let s = care::care_summary(&conn, 2026, today()).expect("summary");
    assert_eq!(s.as_of, "2026-06-15");
    assert_eq!((s.checkup_total, s.checked, s.needs_attention), (2, 1, 1));
    assert_eq!(s.checkup_percent, 50.0);
    assert_eq!(s.not_checked.len(), 1);
    let spring = &s.visits[0];
    assert_eq!(spring.festival, "春节");
    assert_eq!(
        (spring.people, spring.visits, spring.amount_fen),
        (3, 4, 162_050)
    );
    assert_eq!(spring.amount, "1620.50");
    assert_eq!(s.visits.len(), 7);
    assert_eq!((s.activities, s.activity_people), (1, 3));
    assert_eq!(
        care::worker_activities(&conn, part_time)
            .expect("acts")
            .len(),
        1
    );
    assert_eq!(
        care::list_visits(&conn, Some(2026), None, Some(a))
            .expect("visits")
            .len(),
        2
    );
    assert_eq!((s.open_difficulties.len(), s.flagged_difficulties), (1, 1));
}

fn round(conn: &mut Connection, date: &str, ids: &[i64]) -> care::CheckupDetail {
    shegong_core::write(conn, |tx| {
        care::create_checkup_round(
            tx,
            &Channel::Ui,
            &CheckupRoundInput {
                checkup_date: date.into(),
                institution: "区人民医院体检中心".into(),
                remarks: None,
                attendees: ids
                    .iter()
                    .map(|id| CheckupAttendeeInput {
                        worker_id: *id,
                        attended: true,
                        ..Default::default()
                    })
                    .collect(),
            },
            today(),
        )
    })
    .expect("round")
}

fn last_audit(conn: &Connection) -> (String, String) {
    let e = audit::recent(conn, 1).expect("audit").remove(0);
    (e.entity, e.action)
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.into(), b.into())
}

#[test]
fn checkup_rounds_and_lines_are_corrected_and_deleted_with_audit() {
    let Street {
        mut conn,
        a,
        b,
        resigned,
        ..
    } = street();
    let last_year = round(&mut conn, "2025-06-01", &[a, resigned]);
    let id = last_year.round.id;
    let edit = |date: &str| CheckupRoundInput {
        checkup_date: date.into(),
        institution: "市中心医院".into(),
        remarks: Some("上午空腹".into()),
        attendees: vec![],
    };
    // 陈静 left at the end of 2025: the round cannot move into 2026 with her on it.
    let err = shegong_core::write(&mut conn, |tx| {
        care::update_checkup_round(tx, &Channel::Ui, id, &edit("2026-03-01"), today())
    })
    .expect_err("resigned by then");
    assert_eq!(err.field(), Some("checkupDate"));
    assert!(
        err.to_string()
            .contains("陈静在 2026-03-01 的状态是“已退出”"),
        "{err}"
    );
    assert!(err.to_string().contains("请先把此人移出本次体检名单"));
    let err = shegong_core::write(&mut conn, |tx| {
        care::update_checkup_round(tx, &Channel::Ui, id, &edit("2026-07-01"), today())
    })
    .expect_err("future");
    assert!(err.to_string().contains("体检日期不能晚于今天"), "{err}");
    let moved = shegong_core::write(&mut conn, |tx| {
        care::update_checkup_round(tx, &Channel::Ui, id, &edit("2025-07-01"), today())
    })
    .expect("same year");
    assert_eq!(
        (moved.checkup_date.as_str(), moved.institution.as_str()),
        ("2025-07-01", "市中心医院")
    );
    assert_eq!(last_audit(&conn), pair("体检", "修改"));

    let line = last_year
        .attendees
        .iter()
        .find(|x| x.worker_id == a)
        .expect("a")
        .id;
    let set = |conn: &mut Connection, attended: bool, flag: bool, note: Option<&str>| {
        shegong_core::write(conn, |tx| {
            care::update_checkup_attendee(
                tx,
                &Channel::Ui,
                line,
                &CheckupAttendeeInput {
                    worker_id: b, // ignored: the line's person stays
                    attended,
                    needs_attention: flag,
                    note: note.map(Into::into),
                },
            )
        })
    };
    let err = set(&mut conn, true, false, Some("复查")).expect_err("note without flag");
    assert_eq!(err.field(), Some("note"));
    assert!(
        err.to_string()
            .contains("张伟：只有勾选“需关注”时才填写说明"),
        "{err}"
    );
    let err = set(&mut conn, false, true, None).expect_err("flag without attendance");
    assert!(err.to_string().contains("张伟未参加体检"), "{err}");
    let fixed = set(&mut conn, true, true, Some("建议复查血压")).expect("flag");
    assert_eq!(fixed.worker_id, a);
    assert!(fixed.needs_attention);
    let history = audit::for_worker(&conn, a).expect("history");
    let change = history
        .iter()
        .find(|e| e.entity == "体检" && e.action == "修改")
        .expect("audited");
    assert!(change.changes.iter().any(|c| c.field == "需关注"
        && c.old.as_deref() == Some("否")
        && c.new.as_deref() == Some("是")));

    shegong_core::write(&mut conn, |tx| {
        care::remove_checkup_attendee(tx, &Channel::Ui, line)
    })
    .expect("remove");
    assert_eq!(
        care::checkup_detail(&conn, id)
            .expect("detail")
            .round
            .listed,
        1
    );
    assert!(audit::for_worker(&conn, a)
        .expect("history")
        .iter()
        .any(|e| e.entity == "体检" && e.action == "删除"));

    shegong_core::write(&mut conn, |tx| {
        care::delete_checkup_round(tx, &Channel::Ui, id)
    })
    .expect("delete");
    assert_eq!(count(&conn, "SELECT count(*) FROM checkup_rounds"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM checkup_attendees"), 0);
    assert_eq!(last_audit(&conn), pair("体检", "删除"));
    assert!(audit::for_worker(&conn, resigned)
        .expect("history")
        .iter()
        .any(|e| e.action == "删除"));
}

#[test]
fn visits_are_corrected_and_deleted_with_audit() {
    let Street {
        mut conn,
        a,
        b,
        retired,
        ..
    } = street();
    let made = shegong_core::write(&mut conn, |tx| {
        care::create_visits(tx, &Channel::Ui, &visit(vec![a, b]), today())
    })
    .expect("visits");
    let walk = shegong_core::write(&mut conn, |tx| {
        care::create_visits(
            tx,
            &Channel::Ui,
            &VisitBatchInput {
                form: VisitForm::Visit,
                amount: None,
                ..visit(vec![a])
            },
            today(),
        )
    })
    .expect("walk")
    .remove(0);
    let to = |form: &str, amount: Option<&str>, date: &str| care::VisitInput {
        visit_date: date.into(),
        form: VisitForm::parse(form).expect("form"),
        amount: amount.map(Into::into),
        visited_by: Some("街道办主任".into()),
        remarks: Some("上门".into()),
    };
    let update = |conn: &mut Connection, id: i64, input: care::VisitInput| {
        shegong_core::write(conn, |tx| {
            care::update_visit(tx, &Channel::Ui, id, &input, today())
        })
    };
    let err = update(&mut conn, made[0].id, to("慰问金", None, "2026-02-11")).expect_err("no sum");
    assert_eq!(err.field(), Some("amount"));
    assert!(err.to_string().contains("请填写每人的慰问金额"), "{err}");
    let err = update(&mut conn, made[0].id, to("走访", None, "2026-02-11")).expect_err("dup");
    assert!(matches!(err, CoreError::Conflict { .. }), "{err}");
    assert_eq!(err.field(), Some("form"));
    assert!(
        err.to_string().contains("张伟已登记过 2026 年春节的走访"),
        "{err}"
    );
    let err = update(&mut conn, made[0].id, to("慰问品", None, "2024-02-11")).expect_err("year");
    assert!(err.to_string().contains("与年度 2026 不符"), "{err}");

    let fixed = update(
        &mut conn,
        made[0].id,
        to("慰问金", Some("800.5"), "2026-02-12"),
    )
    .expect("fix");
    assert_eq!(fixed.amount_fen, Some(80_050));
    assert_eq!(fixed.visit_date, "2026-02-12");
    assert_eq!((fixed.festival.as_str(), fixed.year), ("春节", 2026));
    let change = audit::for_worker(&conn, a)
        .expect("history")
        .into_iter()
        .find(|e| e.entity == "走访慰问" && e.action == "修改")
        .expect("audited");
    assert!(change.changes.iter().any(|c| c.field == "慰问金额（元）"
        && c.old.as_deref() == Some("500.00")
        && c.new.as_deref() == Some("800.50")));

    shegong_core::write(&mut conn, |tx| {
        care::delete_visit(tx, &Channel::Ui, walk.id)
    })
    .expect("delete");
    let left = care::list_visits(&conn, Some(2026), None, None).expect("list");
    assert_eq!(left.len(), 2);
    assert_eq!(last_audit(&conn), pair("走访慰问", "删除"));
    // Retired workers can be visited; nobody else was touched.
    assert!(care::not_visited(&conn, "春节", 2026, today())
        .expect("not visited")
        .iter()
        .any(|p| p.worker_id == retired));
}

#[test]
fn activities_are_edited_and_participants_added_all_or_nothing() {
    let Street {
        mut conn,
        a,
        b,
        part_time,
        resigned,
        ..
    } = street();
    let input = |date: &str, ids: Vec<i64>| ActivityInput {
        name: "减压读书会".into(),
        activity_date: date.into(),
        place: Some("街道活动中心".into()),
        remarks: None,
        worker_ids: ids,
    };
    let activity = shegong_core::write(&mut conn, |tx| {
        care::create_activity(tx, &Channel::Ui, &input("2025-11-20", vec![a]), today())
    })
    .expect("activity");
    let add = |conn: &mut Connection, ids: &[i64]| {
        shegong_core::write(conn, |tx| {
            care::add_activity_participants(tx, &Channel::Ui, activity.id, ids)
        })
    };
    let audit_before = count(&conn, "SELECT count(*) FROM audit_log");
    let err = add(&mut conn, &[b, a]).expect_err("already on it");
    assert!(matches!(err, CoreError::Conflict { .. }), "{err}");
    assert!(
        err.to_string().contains("张伟已在本次活动的参加人员中"),
        "{err}"
    );
    let err = add(&mut conn, &[b, b]).expect_err("twice");
    assert!(err.to_string().contains("李娜被选了两次"), "{err}");
    let err = add(&mut conn, &[]).expect_err("empty");
    assert!(err.to_string().contains("请至少选择一名参加人员"), "{err}");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM care_participants"),
        1,
        "nothing added"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audit_before);
    let grown = add(&mut conn, &[b, part_time, resigned]).expect("add");
    assert_eq!(grown.participants, 4);

    // 陈静 left at the end of 2025: the activity cannot move into 2026 with her on it.
    let err = shegong_core::write(&mut conn, |tx| {
        care::update_activity(
            tx,
            &Channel::Ui,
            activity.id,
            &input("2026-01-10", vec![]),
            today(),
        )
    })
    .expect_err("resigned by then");
    assert_eq!(err.field(), Some("activityDate"));
    assert!(
        err.to_string()
            .contains("陈静在 2026-01-10 的状态是“已退出”"),
        "{err}"
    );
    let shrunk = shegong_core::write(&mut conn, |tx| {
        care::remove_activity_participant(tx, &Channel::Ui, activity.id, resigned)
    })
    .expect("remove");
    assert_eq!(shrunk.participants, 3);
    assert!(audit::for_worker(&conn, resigned)
        .expect("history")
        .iter()
        .any(|e| e.entity == "关爱活动" && e.action == "删除"));
    let err = shegong_core::write(&mut conn, |tx| {
        care::remove_activity_participant(tx, &Channel::Ui, activity.id, resigned)
    })
    .expect_err("not on it");
    assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
    let moved = shegong_core::write(&mut conn, |tx| {
        care::update_activity(
            tx,
            &Channel::Ui,
            activity.id,
            &ActivityInput {
                name: "  ".into(),
                ..input("2026-01-10", vec![])
            },
            today(),
        )
    });
    assert_eq!(moved.expect_err("no name").field(), Some("name"));
    let moved = shegong_core::write(&mut conn, |tx| {
        care::update_activity(
            tx,
            &Channel::Ui,
            activity.id,
            &input("2026-01-10", vec![resigned]),
            today(),
        )
    })
    .expect("moved; worker_ids ignored");
    assert_eq!(
        (moved.activity_date.as_str(), moved.participants),
        ("2026-01-10", 3)
    );
    assert_eq!(last_audit(&conn), pair("关爱活动", "修改"));

    shegong_core::write(&mut conn, |tx| {
        care::delete_activity(tx, &Channel::Ui, activity.id)
    })
    .expect("delete");
    assert_eq!(count(&conn, "SELECT count(*) FROM care_activities"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM care_participants"), 0);
    assert_eq!(last_audit(&conn), pair("关爱活动", "删除"));
    assert!(audit::for_worker(&conn, b)
        .expect("history")
        .iter()
        .any(|e| e.entity == "关爱活动" && e.action == "删除"));
}

#[test]
fn a_mistaken_difficulty_is_deleted_with_audit() {
    let Street { mut conn, a, .. } = street();
    let made = shegong_core::write(&mut conn, |tx| {
        care::create_difficulty(
            tx,
            &Channel::Ui,
            &DifficultyInput {
                worker_id: a,
                reported_on: "2026-05-01".into(),
                category: "生活".into(),
                description: "租房困难".into(),
                status: DifficultyStatus::Open,
                resolution: None,
                resolved_on: None,
            },
            today(),
        )
    })
    .expect("create");
    shegong_core::write(&mut conn, |tx| {
        care::delete_difficulty(tx, &Channel::Ui, made.id, today())
    })
    .expect("delete");
    assert_eq!(count(&conn, "SELECT count(*) FROM difficulties"), 0);
    let e = audit::for_worker(&conn, a).expect("history").remove(0);
    assert_eq!((e.entity.as_str(), e.action.as_str()), ("困难诉求", "删除"));
    assert!(e
        .changes
        .iter()
        .any(|c| c.field == "诉求内容" && c.old.as_deref() == Some("租房困难")));
    let err = shegong_core::write(&mut conn, |tx| {
        care::delete_difficulty(tx, &Channel::Ui, made.id, today())
    })
    .expect_err("gone");
    assert!(matches!(err, CoreError::NotFound { .. }));
}
