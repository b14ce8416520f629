//! 待办提醒 (`reminders::reminders`): every count is the length of the list its link opens
//! (the roster's filters, the training, care, grades and secondments pages), computed as of the
//! date asked; items the ledger cannot know yet are absent.

mod common;
use common::{community, d, demo_street, id_for, input, ledger, roster_total, worker};
use shegong_core::care::{self, DifficultyInput};
use shegong_core::reminders::{reminders, Reminder, ReminderKind, Reminders};
use shegong_core::vocab::{CadenceStatus, ContractFilter, DifficultyStatus};
use shegong_core::workers::RosterQuery;
use shegong_core::{audit::Channel, grades, secondments, staffing, training, Connection};

fn item(list: &Reminders, kind: ReminderKind) -> &Reminder {
    list.items
        .iter()
        .find(|i| i.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} in {list:#?}"))
}

#[test]
fn each_count_is_the_list_its_link_opens_on_the_demo_street() {
    for as_of in ["2026-06-30", "2026-02-15"] {
        let conn = demo_street(11, 5, "2026-06-30");
        let date = d(as_of);
        let list = reminders(&conn, date).expect("reminders");
        assert_eq!(list.as_of, as_of);

        let contract = |f| {
            roster_total(
                &conn,
                as_of,
                RosterQuery {
                    contract: Some(f),
                    ..Default::default()
                },
            )
        };
        assert_eq!(
            item(&list, ReminderKind::ContractsDue).count,
            contract(ContractFilter::EndingSoon),
            "{as_of}"
        );
        assert_eq!(
            item(&list, ReminderKind::ProbationEnding).count,
            contract(ContractFilter::ProbationEnding),
            "{as_of}"
        );
        let retiring = RosterQuery {
            retiring: Some(true),
            ..Default::default()
        };
        assert_eq!(
            item(&list, ReminderKind::RetiringSoon).count,
            roster_total(&conn, as_of, retiring),
            "{as_of}"
        );

        let cadence = training::cadence(&conn, date).expect("cadence");
        let with = |s| cadence.iter().filter(|r| r.status == s).count() as i64;
        assert_eq!(
            item(&list, ReminderKind::TrainingOverdue).count,
            with(CadenceStatus::Overdue)
        );
        assert_eq!(
            item(&list, ReminderKind::TrainingDueSoon).count,
            with(CadenceStatus::DueSoon)
        );

        let checkups = item(&list, ReminderKind::NotCheckedUp);
        assert_eq!(checkups.year, Some(2026));
        let not_checked = care::not_checked(&conn, 2026, date).expect("not checked");
        assert_eq!(checkups.count, not_checked.len() as i64);

        let flagged = care::list_difficulties(&conn, true, None, date)
            .expect("difficulties")
            .iter()
            .filter(|x| x.flagged)
            .count();
        assert_eq!(
            item(&list, ReminderKind::DifficultiesOverdue).count,
            flagged as i64,
            "{as_of}: the care page's 超过30天未办结"
        );

        let assessments = item(&list, ReminderKind::AssessmentsMissing);
        assert_eq!(assessments.year, Some(2025));
        let missing = grades::assessment_sheet(&conn, 2025, None)
            .expect("sheet")
            .iter()
            .filter(|r| !r.saved)
            .count();
        assert_eq!(assessments.count, missing as i64);

        let overdue = secondments::register(&conn, date, None)
            .expect("register")
            .counts
            .overdue;
        assert_eq!(item(&list, ReminderKind::SecondmentsOverdue).count, overdue);

        let short = staffing::staffing(&conn, date)
            .expect("staffing")
            .communities
            .iter()
            .filter(|c| c.gap > 0)
            .count();
        assert_eq!(
            item(&list, ReminderKind::CommunitiesShort).count,
            short as i64
        );
    }
}

#[test]
fn the_demo_street_has_something_to_do_in_most_items() {
    let conn = demo_street(11, 5, "2026-06-30");
    let list = reminders(&conn, d("2026-06-30")).expect("reminders");
    let count = |k| item(&list, k).count;
    assert!(count(ReminderKind::ContractsDue) >= 2, "{list:#?}");
    assert!(count(ReminderKind::TrainingOverdue) > 0);
    assert!(count(ReminderKind::NotCheckedUp) > 0);
    assert!(count(ReminderKind::DifficultiesOverdue) > 0);
    assert!(count(ReminderKind::SecondmentsOverdue) > 0);
    let contracts = item(&list, ReminderKind::ContractsDue);
    assert!(
        contracts.detail.contains("7 天内") && contracts.detail.contains("60 天内"),
        "{}",
        contracts.detail
    );
}

#[test]
fn what_the_ledger_cannot_know_yet_is_absent_not_zero() {
    let mut conn = ledger();
    let list = reminders(&conn, d("2026-06-30")).expect("reminders");
    let kinds: Vec<ReminderKind> = list.items.iter().map(|i| i.kind).collect();
    // Nothing entered: no contracts, training, check-ups, assessments, grade scheme,
    // secondments or populations. What is known: no difficulty is open, nobody retires.
    assert_eq!(
        kinds,
        [
            ReminderKind::DifficultiesOverdue,
            ReminderKind::RetiringSoon
        ]
    );
    assert!(list.items.iter().all(|i| i.count == 0));

    // A community without its population cannot be short; with it, it can.
    let c = community(&mut conn, "和平社区", 10_000);
    let list = reminders(&conn, d("2026-06-30")).expect("reminders");
    let short = item(&list, ReminderKind::CommunitiesShort);
    assert_eq!((short.count, short.unit.as_str()), (1, "个社区"));
    assert!(short.detail.contains("共缺 18 人"), "{}", short.detail);
    let _ = c;
}

#[test]
fn a_difficulty_is_counted_as_it_stood_on_the_date() {
    let mut conn = ledger();
    let c = community(&mut conn, "和平社区", 10_000);
    let w = worker(&mut conn, &input("张三", &id_for("1990-03-07", 12), c));
    let mut report = DifficultyInput {
        worker_id: w,
        category: "生活".into(),
        description: "家中老人住院".into(),
        reported_on: "2026-03-01".into(),
        status: DifficultyStatus::Open,
        resolution: None,
        resolved_on: None,
    };
    let id = shegong_core::write(&mut conn, |tx| {
        care::create_difficulty(tx, &Channel::Ui, &report, d("2026-12-01"))
    })
    .expect("add")
    .id;
    let count = |conn: &Connection, on: &str| {
        item(
            &reminders(conn, d(on)).expect("reminders"),
            ReminderKind::DifficultiesOverdue,
        )
        .count
    };
    assert_eq!(
        count(&conn, "2026-03-31"),
        0,
        "30 days open is not yet over 30"
    );
    assert_eq!(count(&conn, "2026-04-01"), 1);

    report.status = DifficultyStatus::Solved;
    report.resolution = Some("已协调医疗救助".into());
    report.resolved_on = Some("2026-05-10".into());
    shegong_core::write(&mut conn, |tx| {
        care::update_difficulty(tx, &Channel::Ui, id, &report, d("2026-12-01"))
    })
    .expect("solve");
    assert_eq!(count(&conn, "2026-05-09"), 1, "still open the day before");
    assert_eq!(count(&conn, "2026-05-10"), 0);
}

#[test]
fn someone_reaching_retirement_age_within_six_months_is_reminded() {
    let mut conn = ledger();
    let c = community(&mut conn, "和平社区", 10_000);
    // A man born 1966-03-10: 60 years 4 months under the 2025 reform, reached 2026-07-10.
    let mut man = input("李四", &id_for("1966-03-10", 13), c);
    man.hired_on = "2010-01-01".into();
    worker(&mut conn, &man);
    let on = |conn: &Connection, date: &str| {
        item(
            &reminders(conn, d(date)).expect("reminders"),
            ReminderKind::RetiringSoon,
        )
        .clone()
    };
    assert_eq!(
        on(&conn, "2026-01-09").count,
        0,
        "more than six months before"
    );
    let r = on(&conn, "2026-01-10");
    assert_eq!((r.count, r.urgent), (1, false));
    assert!(
        !on(&conn, "2026-07-09").urgent,
        "the day before it is reached"
    );
    let r = on(&conn, "2026-07-10");
    assert_eq!((r.count, r.urgent), (1, true), "reached and still in post");
    assert!(r.detail.contains("已到龄仍在岗 1 人"), "{}", r.detail);

    // The worked example of docs/reminders.md, on 2026-12-05 (six months: to 2027-06-05).
    for (name, birth, seq) in [("王五", "1966-11-15", 15), ("赵六", "1967-01-01", 17)] {
        let mut p = input(name, &id_for(birth, seq), c);
        p.hired_on = "2010-01-01".into();
        worker(&mut conn, &p);
    }
    let r = on(&conn, "2026-12-05");
    assert_eq!(
        r.count, 2,
        "李四 past it, 王五 on 2027-05-15; 赵六 not until 2027-08-01"
    );
    assert!(r.detail.contains("已到龄仍在岗 1 人"), "{}", r.detail);
}
