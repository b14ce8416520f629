//! 借调登记 (第17条): the rules, the as-of answers, staffing, the roster and the workbook.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use shegong_core::audit::{self, Channel};
use shegong_core::reports::{self, ReportOptions};
use shegong_core::secondments::{
    self, ApprovalInput, Secondment, SecondmentInput, POLICY_SENTENCE,
};
use shegong_core::store;
use shegong_core::vocab::{ApprovalStatus, SecondmentKind, SecondmentPhase, UnitLevel};
use shegong_core::workers::{self, ExitInput, RosterQuery};
use shegong_core::{staffing, Connection, CoreError};

fn approval(on: &str) -> ApprovalInput {
    ApprovalInput {
        approved_by: "西湖区委社会工作部".into(),
        approval_no: "西社工〔2026〕3号".into(),
        approved_on: on.into(),
    }
}

/// 借调 to the street's service centre, 2026-03-01 .. planned 2026-05-31, not approved.
fn unapproved(start: &str, planned: &str) -> SecondmentInput {
    SecondmentInput {
        kind: SecondmentKind::Borrowed,
        unit: "西溪街道党群服务中心".into(),
        unit_level: UnitLevel::Street,
        reason: "协助经济普查".into(),
        start_on: start.into(),
        planned_end: planned.into(),
        returned_on: None,
        approval_status: ApprovalStatus::Unapproved,
        approval: None,
        remarks: None,
    }
}

fn approved(start: &str, planned: &str, on: &str) -> SecondmentInput {
    SecondmentInput {
        approval_status: ApprovalStatus::Approved,
        approval: Some(approval(on)),
        ..unapproved(start, planned)
    }
}

fn add(
    conn: &mut Connection,
    worker: i64,
    input: &SecondmentInput,
) -> Result<Secondment, CoreError> {
    shegong_core::write(conn, |tx| {
        secondments::add(tx, &Channel::Ui, worker, input, today())
    })
}

fn one_worker() -> (Connection, i64, i64) {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    (conn, c, w)
}

fn validation_field(e: &CoreError) -> Option<&str> {
    match e {
        CoreError::Validation { field, .. } => Some(field),
        _ => None,
    }
}

fn rows(conn: &Connection, table: &str) -> i64 {
    count(conn, &format!("SELECT count(*) FROM {table}"))
}

#[test]
fn approval_is_required_for_approved_and_unapproved_is_saved_explicitly_and_flagged() {
    let (mut conn, _, w) = one_worker();
    let mut no_approval = unapproved("2026-03-01", "2026-05-31");
    no_approval.approval_status = ApprovalStatus::Approved;
    let e = add(&mut conn, w, &no_approval).expect_err("approved without approval");
    assert_eq!(validation_field(&e), Some("approvedBy"));
    assert!(e.to_string().contains("未经批准"), "{e}");

    let mut half = approved("2026-03-01", "2026-05-31", "2026-02-20");
    half.approval.as_mut().expect("approval").approval_no = " ".into();
    let e = add(&mut conn, w, &half).expect_err("no number");
    assert_eq!(validation_field(&e), Some("approvalNo"));

    let mut wrong_body = approved("2026-03-01", "2026-05-31", "2026-02-20");
    wrong_body.approval.as_mut().expect("approval").approved_by = "区教育局".into();
    let e = add(&mut conn, w, &wrong_body).expect_err("not the social-work department");
    assert!(e.to_string().contains("县级党委社会工作部门"), "{e}");

    let mut contradictory = unapproved("2026-03-01", "2026-05-31");
    contradictory.approval = Some(approval("2026-02-20"));
    let e = add(&mut conn, w, &contradictory).expect_err("unapproved with approval");
    assert_eq!(validation_field(&e), Some("approvalStatus"));
    assert_eq!(rows(&conn, "secondments"), 0, "nothing saved by a refusal");

    let s = add(&mut conn, w, &unapproved("2026-03-01", "2026-07-31")).expect("unapproved");
    assert_eq!(s.approval_status, ApprovalStatus::Unapproved);
    assert_eq!(s.phase, SecondmentPhase::Away);
    assert!(s.approval.is_none());
    let history = audit::for_worker(&conn, w).expect("history");
    assert_eq!(history[0].entity, "借调");
    assert!(
        history[0].summary.contains("未经批准"),
        "{}",
        history[0].summary
    );
}

#[test]
fn a_unit_at_county_level_is_refused_with_the_policy_sentence() {
    let (mut conn, _, w) = one_worker();
    assert_eq!(
        POLICY_SENTENCE,
        "县级以上机关事业单位不得借调社区工作者；街道（乡镇）确需借调的，按程序报请县级党委社会工作部门批准。"
    );
    let policy = std::fs::read_to_string("/work/shared/policy/opinion-2024-community-workers.txt");
    if let Ok(text) = policy {
        assert!(
            text.contains(POLICY_SENTENCE),
            "quoted verbatim from 第17条"
        );
    }
    for input in [
        SecondmentInput {
            unit_level: UnitLevel::CountyOrAbove,
            unit: "区住房和城乡建设局".into(),
            ..approved("2026-03-01", "2026-05-31", "2026-02-20")
        },
        SecondmentInput {
            unit_level: UnitLevel::CountyOrAbove,
            kind: SecondmentKind::Drawn,
            ..unapproved("2026-03-01", "2026-05-31")
        },
    ] {
        let e = add(&mut conn, w, &input).expect_err("county level");
        assert_eq!(validation_field(&e), Some("unitLevel"));
        assert!(e.to_string().contains(POLICY_SENTENCE), "{e}");
    }
    assert_eq!(rows(&conn, "secondments"), 0);
    assert!(audit::for_worker(&conn, w)
        .expect("history")
        .iter()
        .all(|h| h.entity != "借调"));
    // The table itself refuses the level, whatever writes to it.
    let raw = conn.execute(
        "INSERT INTO secondments (worker_id, kind, unit, unit_level, reason, start_on, planned_end)
         VALUES (?1, '借调', '区局', '县级及以上机关单位', '事由', '2026-03-01', '2026-05-31')",
        [w],
    );
    assert!(raw.is_err());
}

#[test]
fn dates_are_checked_against_each_other_and_the_person() {
    let (mut conn, _, w) = one_worker();
    let cases: Vec<(SecondmentInput, &str)> = vec![
        (unapproved("2026-3-1", "2026-05-31"), "startOn"),
        (unapproved("2019-12-31", "2020-05-31"), "startOn"), // before 入职时间 2020-03-01
        (unapproved("2026-03-01", "2026-02-28"), "plannedEnd"),
        (
            SecondmentInput {
                returned_on: Some("2026-02-28".into()),
                ..unapproved("2026-03-01", "2026-05-31")
            },
            "returnedOn",
        ),
        (
            SecondmentInput {
                returned_on: Some("2026-06-16".into()), // tomorrow
                ..unapproved("2026-03-01", "2026-05-31")
            },
            "returnedOn",
        ),
        (
            approved("2026-03-01", "2026-05-31", "2026-06-16"),
            "approvedOn",
        ),
        (
            SecondmentInput {
                returned_on: Some("2026-04-01".into()),
                ..approved("2026-03-01", "2026-05-31", "2026-04-02")
            },
            "approvedOn",
        ),
        (unapproved("2027-07-01", "2027-08-31"), "startOn"),
    ];
    for (input, field) in cases {
        let e = add(&mut conn, w, &input).expect_err(field);
        assert_eq!(validation_field(&e), Some(field), "{e}");
    }
    assert_eq!(rows(&conn, "secondments"), 0);
    // Approved before the start: an ordinary approved secondment.
    let s = add(
        &mut conn,
        w,
        &approved("2026-03-01", "2026-05-31", "2026-02-20"),
    )
    .expect("ok");
    assert_eq!(s.approval_status, ApprovalStatus::Approved);
    assert!(!s.approved_late);
}

#[test]
fn overlapping_secondments_of_one_person_are_refused() {
    let (mut conn, _, w) = one_worker();
    let first = add(&mut conn, w, &unapproved("2026-01-05", "2026-02-28")).expect("first");
    // Not returned: still away, whatever the planned end says.
    let e = add(&mut conn, w, &unapproved("2026-04-01", "2026-04-30")).expect_err("overlap");
    assert!(matches!(e, CoreError::Conflict { .. }), "{e}");
    assert!(e.to_string().contains("时间重叠"), "{e}");
    shegong_core::write(&mut conn, |tx| {
        secondments::record_return(tx, &Channel::Ui, first.id, "2026-03-10", today())
    })
    .expect("return");
    let e = add(&mut conn, w, &unapproved("2026-03-09", "2026-04-30")).expect_err("one day");
    assert!(e.to_string().contains("2026-03-10 归队"), "{e}");
    add(&mut conn, w, &unapproved("2026-03-10", "2026-04-30")).expect("from the return day");
    // Another person is not affected.
    let c = community(&mut conn, "和谐社区", 6000);
    let other = worker(&mut conn, &input("李四", &id_for("1990-01-01", 21), c));
    add(&mut conn, other, &unapproved("2026-01-05", "2026-02-28")).expect("other person");
}

#[test]
fn away_and_overdue_as_of_a_date() {
    let (mut conn, _, w) = one_worker();
    let s = add(
        &mut conn,
        w,
        &approved("2026-01-05", "2026-03-31", "2025-12-20"),
    )
    .expect("add");
    let at = |conn: &Connection, d: &str| {
        secondments::for_worker(conn, w, common::d(d))
            .expect("list")
            .remove(0)
    };
    assert_eq!(at(&conn, "2026-01-04").phase, SecondmentPhase::NotStarted);
    assert_eq!(at(&conn, "2026-01-05").phase, SecondmentPhase::Away);
    assert!(!at(&conn, "2026-03-31").overdue);
    assert!(at(&conn, "2026-04-01").overdue);
    assert_eq!(s.phase, SecondmentPhase::Away);
    assert!(s.overdue, "as of today 2026-06-15, planned end passed");
    shegong_core::write(&mut conn, |tx| {
        secondments::record_return(tx, &Channel::Ui, s.id, "2026-05-20", today())
    })
    .expect("return");
    assert!(
        at(&conn, "2026-05-19").overdue,
        "history: overdue before the return"
    );
    assert_eq!(at(&conn, "2026-05-20").phase, SecondmentPhase::Returned);
    assert!(!at(&conn, "2026-05-20").overdue);
    let register = |d: &str| {
        secondments::register(&conn, common::d(d), None)
            .expect("register")
            .rows
    };
    assert_eq!(register("2026-06-15").len(), 1, "came back this year");
    assert_eq!(register("2025-12-31").len(), 0, "not started yet");
    assert_eq!(
        secondments::register(&conn, today(), Some(common::d("2026-05-21")))
            .expect("since")
            .rows
            .len(),
        0,
        "back before the period"
    );
}

#[test]
fn a_late_approval_is_dated_and_the_unapproved_days_stay_visible() {
    let (mut conn, _, w) = one_worker();
    let s = add(&mut conn, w, &unapproved("2026-03-01", "2026-08-31")).expect("add");
    let e = shegong_core::write(&mut conn, |tx| {
        secondments::record_approval(tx, &Channel::Ui, s.id, &approval("2026-06-16"), today())
    })
    .expect_err("future approval");
    assert_eq!(validation_field(&e), Some("approvedOn"));
    let s = shegong_core::write(&mut conn, |tx| {
        secondments::record_approval(tx, &Channel::Ui, s.id, &approval("2026-04-10"), today())
    })
    .expect("approval");
    assert_eq!(s.approval_status, ApprovalStatus::Approved);
    assert!(s.approved_late);
    let before = secondments::for_worker(&conn, w, d("2026-04-09")).expect("list");
    assert_eq!(before[0].approval_status, ApprovalStatus::Unapproved);
    let history = audit::for_worker(&conn, w).expect("history");
    let change = history
        .iter()
        .find(|h| h.entity == "借调" && h.action == "修改")
        .expect("approval audited");
    assert!(change
        .changes
        .iter()
        .any(|c| c.field == "审批情况" && c.old.as_deref() == Some("未经批准")));
}

#[test]
fn staffing_counts_the_away_per_community_and_the_unapproved() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    let b = community(&mut conn, "和谐社区", 6000);
    let w1 = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let w2 = worker(&mut conn, &input("李四", &id_for("1986-05-12", 13), a));
    let w3 = worker(&mut conn, &input("王五", &id_for("1987-06-12", 15), b));
    let cadre = worker(
        &mut conn,
        &workers::WorkerInput {
            category: "挂职干部".into(),
            position: "副书记".into(),
            ..input("赵六", &id_for("1980-06-12", 17), b)
        },
    );
    add(&mut conn, w1, &unapproved("2026-03-01", "2026-08-31")).expect("w1");
    add(
        &mut conn,
        w2,
        &approved("2026-03-01", "2026-08-31", "2026-02-01"),
    )
    .expect("w2");
    add(
        &mut conn,
        w3,
        &approved("2026-05-01", "2026-08-31", "2026-05-10"),
    )
    .expect("w3 late");
    add(&mut conn, cadre, &unapproved("2026-03-01", "2026-08-31")).expect("cadre");
    let on = |conn: &Connection, d: &str| staffing::staffing(conn, common::d(d)).expect("staffing");
    let s = on(&conn, "2026-05-05");
    let row = |s: &staffing::Staffing, id: i64| {
        let r = s
            .communities
            .iter()
            .find(|r| r.community_id == Some(id))
            .expect("row");
        (r.actual, r.seconded_away, r.seconded_unapproved)
    };
    assert_eq!(row(&s, a), (2, 2, 1), "still counted as actual");
    assert_eq!(
        row(&s, b),
        (1, 1, 1),
        "late approval: unapproved on 05-05; 挂职干部 not counted"
    );
    assert_eq!((s.total.seconded_away, s.total.seconded_unapproved), (3, 2));
    let s = on(&conn, "2026-05-10");
    assert_eq!(row(&s, b), (1, 1, 0));
    assert_eq!(row(&on(&conn, "2026-02-28"), a), (2, 0, 0));
    // A person who exited is no longer counted. The exit waits for the return.
    let exit = |conn: &mut Connection| {
        shegong_core::write(conn, |tx| {
            workers::set_exit(
                tx,
                &Channel::Ui,
                w1,
                &ExitInput {
                    exit_date: "2026-06-01".into(),
                    reason: "辞职".into(),
                    remarks: None,
                },
                today(),
            )
        })
    };
    let e = exit(&mut conn).expect_err("still away");
    assert_eq!(validation_field(&e), Some("exitDate"));
    assert!(
        e.to_string().contains("请先在“借调”页签登记归队日期"),
        "{e}"
    );
    let s1 = secondments::for_worker(&conn, w1, today()).expect("list")[0].id;
    shegong_core::write(&mut conn, |tx| {
        secondments::record_return(tx, &Channel::Ui, s1, "2026-06-02", today())
    })
    .expect("return after the exit date");
    assert!(exit(&mut conn).is_err(), "returned after the exit");
    shegong_core::write(&mut conn, |tx| {
        secondments::record_return(tx, &Channel::Ui, s1, "2026-06-01", today())
    })
    .expect("return on the exit date");
    exit(&mut conn).expect("exit");
    assert_eq!(row(&on(&conn, "2026-06-10"), a), (1, 1, 0));
}

#[test]
fn the_roster_filters_the_away_and_tags_them() {
    let (mut conn, c, w) = one_worker();
    let other = worker(&mut conn, &input("李四", &id_for("1990-01-01", 21), c));
    add(&mut conn, w, &unapproved("2026-01-05", "2026-03-31")).expect("add");
    let q = RosterQuery {
        seconded_away: true,
        page_size: 50,
        ..Default::default()
    };
    let page = workers::roster(&conn, &q, today()).expect("roster");
    assert_eq!(page.total, 1);
    assert_eq!(page.rows[0].id, w);
    let tag = page.rows[0].seconded_away.expect("tag");
    assert!(tag.unapproved && tag.overdue);
    let all = workers::roster(
        &conn,
        &RosterQuery {
            page_size: 50,
            ..Default::default()
        },
        today(),
    )
    .expect("all");
    assert_eq!(all.total, 2, "the seconded stay on the roster");
    let row = all.rows.iter().find(|r| r.id == other).expect("other");
    assert!(row.seconded_away.is_none());
    let before = RosterQuery {
        as_of: Some("2026-01-04".into()),
        ..q
    };
    assert_eq!(
        workers::roster(&conn, &before, today()).expect("q").total,
        0
    );
}

#[test]
fn a_secondment_keeps_the_person_and_a_mistaken_one_can_be_deleted() {
    let (mut conn, _, w) = one_worker();
    let s = add(&mut conn, w, &unapproved("2026-01-05", "2026-03-31")).expect("add");
    let refusal = workers::delete_refusal(&conn, w, "张三").expect("refusal");
    assert!(refusal.expect("kept").contains("借调记录"));
    shegong_core::write(&mut conn, |tx| {
        secondments::delete(tx, &Channel::Ui, s.id, today())
    })
    .expect("delete");
    assert_eq!(rows(&conn, "secondments"), 0);
    let history = audit::for_worker(&conn, w).expect("history");
    assert_eq!(history[0].action, "删除");
    assert_eq!(workers::delete_refusal(&conn, w, "张三").expect("r"), None);
}

#[test]
fn the_migration_adds_the_register_to_an_older_ledger() {
    // A ledger written by an older release (version 3), with people in it: the program of
    // today reads people through later tables (contracts), so the older ledger is a real
    // file rather than one built by today's code on an older schema.
    let dir = tempfile::tempdir().expect("tmp");
    let path = older_release_ledger(dir.path());
    {
        let conn = Connection::open(&path).expect("older ledger");
        assert_eq!(
            count(
                &conn,
                "SELECT count(*) FROM sqlite_master WHERE name = 'secondments'"
            ),
            0
        );
    }
    let mut conn = store::open(&path).expect("upgraded");
    let (w, name): (i64, String) = conn
        .query_row(
            "SELECT w.id, w.name FROM workers w LEFT JOIN exits e ON e.worker_id = w.id
             WHERE e.id IS NULL AND w.hired_on <= '2026-01-01' ORDER BY w.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("worker kept");
    let s = add(&mut conn, w, &unapproved("2026-03-01", "2026-05-31")).expect("add");
    assert_eq!(s.worker_name, name);
    let strict: i64 = conn
        .query_row(
            "SELECT strict FROM pragma_table_list WHERE name = 'secondments'",
            [],
            |r| r.get(0),
        )
        .expect("strict");
    assert_eq!(strict, 1);
    // Approval is all three fields or none.
    assert!(conn
        .execute(
            "UPDATE secondments SET approved_on = '2026-03-01' WHERE id = ?1",
            [s.id]
        )
        .is_err());
}

#[test]
fn the_workbook_lists_secondments_with_flags_and_counts_them_in_staffing() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    let w1 = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let w2 = worker(&mut conn, &input("李四", &id_for("1986-05-12", 13), a));
    let w3 = worker(&mut conn, &input("王五", &id_for("1987-06-12", 15), a));
    add(&mut conn, w1, &unapproved("2026-03-01", "2026-05-31")).expect("unapproved, overdue");
    add(
        &mut conn,
        w2,
        &approved("2026-02-01", "2026-12-31", "2026-01-20"),
    )
    .expect("approved");
    let back = add(
        &mut conn,
        w3,
        &approved("2026-01-10", "2026-02-28", "2026-01-05"),
    )
    .expect("w3");
    shegong_core::write(&mut conn, |tx| {
        secondments::record_return(tx, &Channel::Ui, back.id, "2026-02-27", today())
    })
    .expect("back");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("报表.xlsx");
    let options = ReportOptions {
        as_of: "2026-06-15".into(),
        ..Default::default()
    };
    reports::export_county(
        &conn,
        &options,
        &path,
        chrono::NaiveDateTime::default(),
        &mut |_| {},
    )
    .expect("export");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    assert!(book.sheet_names().contains(&"借调情况".to_string()));
    let sheet = book.worksheet_range("借调情况").expect("sheet");
    let text = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let subtitle: String = (0..16).map(|c| text(1, c)).collect();
    assert!(
        subtitle.contains("借调在外 2 人，其中未经批准 1 人、逾期未归 1 人"),
        "{subtitle}"
    );
    let header: Vec<String> = (0..16).map(|c| text(2, c)).collect();
    let col = |h: &str| header.iter().position(|x| x == h).expect(h) as u32;
    let rows: Vec<(String, String, String)> = (3..6)
        .map(|r| {
            (
                text(r, col("姓名")),
                text(r, col("状态")),
                text(r, col("标记")),
            )
        })
        .collect();
    let find = |name: &str| rows.iter().find(|r| r.0 == name).expect(name).clone();
    assert_eq!(find("张三").1, "借调在外");
    assert_eq!(find("张三").2, "未经批准、逾期未归");
    assert_eq!(find("李四").2, "");
    assert_eq!(find("王五").1, "已归队");
    assert_eq!(
        text(
            3 + rows.iter().position(|r| r.0 == "李四").expect("row") as u32,
            col("批准文号")
        ),
        "西社工〔2026〕3号"
    );

    let st = book.worksheet_range("配备情况").expect("staffing");
    let header_row: Vec<String> = (0..13)
        .map(|c| match st.get_value((3, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        })
        .collect();
    let away_col = header_row.iter().position(|h| h == "人数").expect("人数") as u32;
    let num = |r: u32, c: u32| match st.get_value((r, c)) {
        Some(Data::Float(x)) => *x,
        other => panic!("{other:?}"),
    };
    assert_eq!(num(4, away_col), 2.0);
    assert_eq!(num(4, away_col + 1), 1.0);
}
