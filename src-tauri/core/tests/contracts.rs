//! 劳动合同 and 试用期考核: the law's checks through the write path, status as of dates, the
//! exit tie-in in both directions, reviews, reminders, the roster filters and the migration.

mod common;
use common::*;
use shegong_core::audit::Channel;
use shegong_core::contracts::{
    self, Contract, ContractInput, ContractRules, ContractSaved, EndInput, ReviewInput,
};
use shegong_core::settings::{self, Settings};
use shegong_core::vocab::{
    ContractEndKind, ContractEndReason, ContractFilter, ContractFlagKind, ContractKind,
    ContractPhase, ProbationOutcome, WorkerStatus,
};
use shegong_core::workers::{self, ExitInput, RosterQuery};
use shegong_core::{store, Connection, CoreError};

const STREET: &str = "西溪街道办事处";

fn fixed(start: &str, end: &str, probation: Option<&str>) -> ContractInput {
    ContractInput {
        kind: Some(ContractKind::FixedTerm),
        signing_party: None,
        dispatch_company: None,
        start_on: start.into(),
        end_on: Some(end.into()),
        probation_end: probation.map(Into::into),
        remarks: None,
    }
}

fn add(conn: &mut Connection, w: i64, input: &ContractInput) -> Result<Contract, CoreError> {
    shegong_core::write(conn, |tx| {
        contracts::add(tx, &Channel::Ui, w, input, today())
    })
}

fn end(
    conn: &mut Connection,
    id: i64,
    on: &str,
    reason: ContractEndReason,
) -> Result<ContractSaved, CoreError> {
    let input = EndInput {
        ended_on: on.into(),
        reason: Some(reason),
        remarks: None,
    };
    shegong_core::write(conn, |tx| {
        contracts::end(tx, &Channel::Ui, id, &input, today())
    })
}

fn review(
    conn: &mut Connection,
    id: i64,
    on: &str,
    outcome: ProbationOutcome,
) -> Result<ContractSaved, CoreError> {
    let input = ReviewInput {
        reviewed_on: on.into(),
        outcome: Some(outcome),
        remarks: None,
    };
    shegong_core::write(conn, |tx| {
        contracts::record_review(tx, &Channel::Ui, id, &input, today())
    })
}

fn status(conn: &Connection, w: i64, on: &str) -> WorkerStatus {
    workers::get(conn, w, d(on)).expect("worker").status
}

fn name_the_street(conn: &mut Connection) {
    let named = Settings {
        street_name: STREET.into(),
        ..Default::default()
    };
    shegong_core::write(conn, |tx| settings::save(tx, &Channel::Ui, &named)).expect("settings");
}

/// A ledger with the street's name set, one community and one worker hired 2020-03-01.
fn one_worker() -> (Connection, i64) {
    let mut conn = ledger();
    name_the_street(&mut conn);
    let c = community(&mut conn, "幸福社区", 8000);
    let w = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    (conn, w)
}

fn message(e: &CoreError) -> String {
    e.to_string()
}

fn flags(c: &Contract) -> Vec<ContractFlagKind> {
    c.flags.iter().map(|f| f.kind).collect()
}

#[test]
fn an_over_long_probation_is_refused_citing_article_19_and_nothing_is_saved() {
    let (mut conn, w) = one_worker();
    let err = add(
        &mut conn,
        w,
        &fixed("2026-03-01", "2027-02-28", Some("2026-05-01")),
    )
    .expect_err("too long");
    assert_eq!(err.field(), Some("probationEnd"));
    let msg = message(&err);
    assert!(
        msg.contains("不得超过二个月") && msg.contains("第十九条"),
        "{msg}"
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM contracts"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '劳动合同'"
        ),
        0
    );
    let ok = add(
        &mut conn,
        w,
        &fixed("2026-03-01", "2027-02-28", Some("2026-04-30")),
    )
    .expect("two months");
    assert_eq!(
        ok.signing_party, STREET,
        "blank 签订单位 is the street's name"
    );
    assert_eq!(ok.sequence, 1);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '劳动合同'"
        ),
        1
    );
}

#[test]
fn under_three_months_no_probation_and_open_ended_allows_six() {
    let (mut conn, w) = one_worker();
    let err = add(
        &mut conn,
        w,
        &fixed("2026-03-01", "2026-05-30", Some("2026-03-15")),
    )
    .expect_err("short");
    assert!(message(&err).contains("不得约定试用期"), "{err}");
    let open = ContractInput {
        kind: Some(ContractKind::OpenEnded),
        end_on: None,
        probation_end: Some("2026-09-01".into()),
        ..fixed("2026-03-01", "", None)
    };
    let err = add(&mut conn, w, &open).expect_err("seven months");
    assert!(message(&err).contains("不得超过六个月"), "{err}");
    let ok = add(
        &mut conn,
        w,
        &ContractInput {
            probation_end: Some("2026-08-31".into()),
            ..open
        },
    )
    .expect("six months");
    assert_eq!(ok.end_on, None);
}

#[test]
fn kind_end_and_dispatch_are_checked_with_what_to_fix() {
    let (mut conn, w) = one_worker();
    let mut no_kind = fixed("2026-03-01", "2027-02-28", None);
    no_kind.kind = None;
    assert_eq!(
        add(&mut conn, w, &no_kind).expect_err("kind").field(),
        Some("kind")
    );
    let open_with_end = ContractInput {
        kind: Some(ContractKind::OpenEnded),
        ..fixed("2026-03-01", "2027-02-28", None)
    };
    assert!(
        message(&add(&mut conn, w, &open_with_end).expect_err("end"))
            .contains("请清空合同结束日期")
    );
    let no_end = ContractInput {
        end_on: None,
        ..fixed("2026-03-01", "2027-02-28", None)
    };
    assert_eq!(
        add(&mut conn, w, &no_end).expect_err("end").field(),
        Some("endOn")
    );
    let dispatch = ContractInput {
        kind: Some(ContractKind::Dispatch),
        ..fixed("2026-03-01", "2028-02-29", None)
    };
    assert_eq!(
        add(&mut conn, w, &dispatch).expect_err("company").field(),
        Some("dispatchCompany")
    );
    let stray = ContractInput {
        dispatch_company: Some("某人力资源公司".into()),
        ..fixed("2026-03-01", "2027-02-28", None)
    };
    assert_eq!(
        add(&mut conn, w, &stray).expect_err("stray").field(),
        Some("dispatchCompany")
    );
    let bad_date = fixed("2026-02-30", "2027-02-28", None);
    assert!(message(&add(&mut conn, w, &bad_date).expect_err("date")).contains("不是有效日期"));
    let before_hire = fixed("2019-03-01", "2020-02-29", None);
    assert!(message(&add(&mut conn, w, &before_hire).expect_err("hire")).contains("入职时间"));
    let ok = add(
        &mut conn,
        w,
        &ContractInput {
            dispatch_company: Some("杭州某人力资源有限公司".into()),
            ..dispatch
        },
    )
    .expect("dispatch");
    assert_eq!(
        ok.dispatch_company.as_deref(),
        Some("杭州某人力资源有限公司")
    );
}

#[test]
fn the_hire_date_cannot_move_after_the_first_contract() {
    let (mut conn, w) = one_worker();
    add(&mut conn, w, &fixed("2020-03-01", "2023-02-28", None)).expect("contract");
    let mut changed = input("张三", &id_for("1985-04-12", 11), 1);
    changed.hired_on = "2020-03-02".into();
    let err = shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, w, &changed, today())
    })
    .expect_err("after the contract");
    assert_eq!(err.field(), Some("hiredOn"));
    assert!(message(&err).contains("2020-03-01"), "{err}");
    changed.hired_on = "2020-03-01".into();
    shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, w, &changed, today())
    })
    .expect("the same day is fine");
}

#[test]
fn no_street_name_and_no_signing_party_asks_for_one() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let w = worker(&mut conn, &input("李四", &id_for("1990-01-01", 13), c));
    let err = add(&mut conn, w, &fixed("2026-03-01", "2027-02-28", None)).expect_err("party");
    assert_eq!(err.field(), Some("signingParty"));
}

#[test]
fn renewals_are_linked_one_probation_per_employer_and_the_third_fixed_term_is_flagged() {
    let (mut conn, w) = one_worker();
    let first = add(
        &mut conn,
        w,
        &fixed("2020-03-01", "2023-02-28", Some("2020-08-31")),
    )
    .expect("first");
    // Overlap is refused; the renewal starts after the previous last day.
    let err = add(&mut conn, w, &fixed("2023-02-01", "2026-01-31", None)).expect_err("overlap");
    assert!(
        message(&err).contains("重叠") && message(&err).contains("2023-03-01"),
        "{err}"
    );
    // A second probation with the same employer is refused (第十九条第二款).
    let err = add(
        &mut conn,
        w,
        &fixed("2023-03-01", "2026-02-28", Some("2023-04-30")),
    )
    .expect_err("again");
    assert!(message(&err).contains("只能约定一次试用期"), "{err}");
    let second = add(&mut conn, w, &fixed("2023-03-01", "2026-02-28", None)).expect("second");
    assert_eq!(second.previous_id, Some(first.id));
    assert_eq!(second.sequence, 2);
    // The second fixed term in a row warns before its renewal; the first did not.
    let hint = second
        .flags
        .iter()
        .find(|f| f.kind == ContractFlagKind::OpenEndedRight)
        .expect("before the renewal");
    assert!(hint.message.contains("已连续订立 2 次"), "{}", hint.message);
    let before = contracts::for_worker(&conn, w, today()).expect("tab");
    assert!(!flags(&before.contracts[0]).contains(&ContractFlagKind::OpenEndedRight));
    let third =
        add(&mut conn, w, &fixed("2026-03-01", "2029-02-28", None)).expect("flag, not refusal");
    assert_eq!(third.sequence, 3);
    let flag = third
        .flags
        .iter()
        .find(|f| f.kind == ContractFlagKind::OpenEndedRight)
        .expect("第十四条");
    assert!(flag.message.contains("第十四条"), "{}", flag.message);
    let tab = contracts::for_worker(&conn, w, today()).expect("tab");
    assert_eq!(tab.contracts[0].renewed_by, Some(second.id));
    // Renewed: the second's hint is over; the third carries one flag of its kind.
    assert!(!flags(&tab.contracts[1]).contains(&ContractFlagKind::OpenEndedRight));
    let kinds = flags(&tab.contracts[2]);
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == ContractFlagKind::OpenEndedRight)
            .count(),
        1
    );
    assert_eq!(tab.renewal_of, Some(third.id));
    assert_eq!(tab.suggested_start.as_deref(), Some("2029-03-01"));
}

#[test]
fn another_employer_may_agree_a_probation_again() {
    let (mut conn, w) = one_worker();
    add(
        &mut conn,
        w,
        &fixed("2020-03-01", "2023-02-28", Some("2020-08-31")),
    )
    .expect("first");
    let other = ContractInput {
        signing_party: Some("西溪街道社区服务中心".into()),
        probation_end: Some("2023-04-30".into()),
        ..fixed("2023-03-01", "2025-02-28", None)
    };
    let k = add(&mut conn, w, &other).expect("another employer");
    assert_eq!(k.signing_party, "西溪街道社区服务中心");
}

#[test]
fn an_open_ended_renewal_is_not_flagged_and_nothing_follows_it() {
    let (mut conn, w) = one_worker();
    add(&mut conn, w, &fixed("2020-03-01", "2022-02-28", None)).expect("1");
    add(&mut conn, w, &fixed("2022-03-01", "2024-02-29", None)).expect("2");
    let open = add(
        &mut conn,
        w,
        &ContractInput {
            kind: Some(ContractKind::OpenEnded),
            end_on: None,
            ..fixed("2024-03-01", "", None)
        },
    )
    .expect("open-ended");
    assert!(!flags(&open).contains(&ContractFlagKind::OpenEndedRight));
    let err = add(&mut conn, w, &fixed("2026-03-01", "2027-02-28", None)).expect_err("in force");
    assert!(
        message(&err).contains("无固定期限劳动合同仍在履行"),
        "{err}"
    );
}

#[test]
fn status_shows_probation_from_the_contract_in_force_on_each_date() {
    let (mut conn, w) = one_worker();
    assert_eq!(status(&conn, w, "2026-06-01"), WorkerStatus::InPost);
    let k = add(
        &mut conn,
        w,
        &fixed("2026-05-01", "2029-04-30", Some("2026-10-31")),
    )
    .expect("contract");
    assert_eq!(status(&conn, w, "2026-04-30"), WorkerStatus::InPost);
    assert_eq!(status(&conn, w, "2026-05-01"), WorkerStatus::Probation);
    assert_eq!(status(&conn, w, "2026-10-31"), WorkerStatus::Probation);
    assert_eq!(status(&conn, w, "2026-11-01"), WorkerStatus::InPost);
    assert!(
        contracts::get(&conn, k.id, d("2026-06-15"))
            .expect("k")
            .in_probation
    );
    // An early 转正 ends the probation from its date.
    review(&mut conn, k.id, "2026-06-10", ProbationOutcome::Confirmed).expect("转正");
    assert_eq!(status(&conn, w, "2026-06-09"), WorkerStatus::Probation);
    assert_eq!(status(&conn, w, "2026-06-10"), WorkerStatus::InPost);
}

#[test]
fn the_old_probation_field_counts_only_without_any_contract() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let mut i = input("王五", &id_for("1992-02-02", 15), c);
    i.hired_on = "2026-03-01".into();
    i.probation_end = Some("2026-08-31".into());
    let w = worker(&mut conn, &i);
    assert_eq!(status(&conn, w, "2026-06-01"), WorkerStatus::Probation);
    let page = workers::roster(
        &conn,
        &RosterQuery {
            contract: Some(ContractFilter::Probation),
            as_of: Some("2026-06-01".into()),
            page_size: 50,
            ..Default::default()
        },
        today(),
    )
    .expect("roster");
    assert_eq!(page.total, 1);
    // Once a contract is recorded it decides: this one has no probation.
    name_the_street(&mut conn);
    add(&mut conn, w, &fixed("2026-03-01", "2029-02-28", None)).expect("contract");
    assert_eq!(status(&conn, w, "2026-06-01"), WorkerStatus::InPost);
}

#[test]
fn ending_a_contract_by_resignation_records_the_exit_in_the_same_transaction() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2024-03-01", "2027-02-28", None)).expect("contract");
    let saved = end(&mut conn, k.id, "2026-06-01", ContractEndReason::Resigned).expect("end");
    assert!(
        saved.message.contains("已登记退出（辞职，2026-06-01）"),
        "{}",
        saved.message
    );
    assert_eq!(saved.contract.ended_on.as_deref(), Some("2026-06-01"));
    assert_eq!(saved.contract.end_kind, Some(ContractEndKind::Rescinded));
    assert_eq!(saved.contract.phase, ContractPhase::Ended);
    assert_eq!(status(&conn, w, "2026-05-31"), WorkerStatus::InPost);
    assert_eq!(status(&conn, w, "2026-06-01"), WorkerStatus::Exited);
    let exit_reason: String = conn
        .query_row("SELECT reason FROM exits WHERE worker_id = ?1", [w], |r| {
            r.get(0)
        })
        .expect("exit");
    assert_eq!(exit_reason, "辞职");
    // Ending it again is refused; the contract cannot be deleted any more.
    assert!(end(&mut conn, k.id, "2026-06-02", ContractEndReason::Dismissed).is_err());
    assert!(saved.contract.delete_refusal.is_some());
}

#[test]
fn a_refused_exit_leaves_the_contract_open() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2024-03-01", "2028-02-29", None)).expect("contract");
    // More than a year ahead: the exit refuses, so the contract stays as it was.
    let err = end(&mut conn, k.id, "2027-07-01", ContractEndReason::Dismissed).expect_err("future");
    assert_eq!(err.field(), Some("exitDate"));
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM contracts WHERE ended_on IS NOT NULL"
        ),
        0
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM exits"), 0);
}

#[test]
fn expiry_without_renewal_ends_on_the_last_day_or_the_next() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2023-06-01", "2026-05-31", None)).expect("contract");
    let err = end(
        &mut conn,
        k.id,
        "2026-05-01",
        ContractEndReason::ExpiredNotRenewed,
    )
    .expect_err("early");
    assert!(
        message(&err).contains("2026-05-31") && message(&err).contains("2026-06-01"),
        "{err}"
    );
    let saved = end(
        &mut conn,
        k.id,
        "2026-06-01",
        ContractEndReason::ExpiredNotRenewed,
    )
    .expect("end");
    assert_eq!(saved.contract.end_kind, Some(ContractEndKind::Terminated));
    assert_eq!(status(&conn, w, "2026-06-01"), WorkerStatus::Exited);
}

#[test]
fn an_exit_on_the_person_ends_the_open_contract_and_follows_corrections() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2024-03-01", "2027-02-28", None)).expect("contract");
    let exit = |date: &str, reason: &str| ExitInput {
        exit_date: date.into(),
        reason: reason.into(),
        remarks: None,
    };
    let recorded = shegong_core::write(&mut conn, |tx| {
        workers::record_exit(tx, &Channel::Ui, w, &exit("2026-05-01", "调出"), today())
    })
    .expect("exit");
    let note = recorded.contract_note.expect("says so");
    assert!(note.contains("随退出于 2026-05-01 终止（调出）"), "{note}");
    let c = contracts::get(&conn, k.id, today()).expect("k");
    assert_eq!(c.ended_on.as_deref(), Some("2026-05-01"));
    assert_eq!(c.end_kind, Some(ContractEndKind::Terminated));
    // Corrected exit: the contract's end moves with it.
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, w, &exit("2026-05-20", "辞职"), today())
    })
    .expect("correct");
    let c = contracts::get(&conn, k.id, today()).expect("k");
    assert_eq!(
        (c.ended_on.as_deref(), c.end_reason.as_deref()),
        (Some("2026-05-20"), Some("辞职"))
    );
    assert_eq!(c.end_kind, Some(ContractEndKind::Rescinded));
    // Withdrawn: the contract is in force again.
    shegong_core::write(&mut conn, |tx| {
        workers::remove_exit(tx, &Channel::Ui, w, today())
    })
    .expect("remove");
    let c = contracts::get(&conn, k.id, today()).expect("k");
    assert_eq!((c.ended_on, c.phase), (None, ContractPhase::InForce));
    // An exit before a contract's start is refused.
    let err = shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, w, &exit("2024-03-01", "辞职"), today())
    })
    .expect_err("before start");
    assert!(
        message(&err).contains("不能早于或等于合同开始日期"),
        "{err}"
    );
}

#[test]
fn an_exit_after_the_contract_ran_out_leaves_it_as_it_was() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2023-01-01", "2025-12-31", None)).expect("contract");
    let recorded = shegong_core::write(&mut conn, |tx| {
        workers::record_exit(
            tx,
            &Channel::Ui,
            w,
            &ExitInput {
                exit_date: "2026-04-01".into(),
                reason: "合同到期不续签".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    assert_eq!(recorded.contract_note, None);
    let c = contracts::get(&conn, k.id, today()).expect("k");
    assert_eq!((c.ended_on, c.phase), (None, ContractPhase::Expired));
}

#[test]
fn probation_review_confirms_or_ends_the_contract_with_an_exit() {
    let (mut conn, w) = one_worker();
    let k = add(
        &mut conn,
        w,
        &fixed("2026-03-01", "2029-02-28", Some("2026-08-31")),
    )
    .expect("contract");
    let err =
        review(&mut conn, k.id, "2026-06-01", ProbationOutcome::Extended).expect_err("extend");
    assert!(message(&err).contains("法律不允许延长试用期"), "{err}");
    let err =
        review(&mut conn, k.id, "2026-06-16", ProbationOutcome::Confirmed).expect_err("future");
    assert_eq!(err.field(), Some("reviewedOn"));
    let saved =
        review(&mut conn, k.id, "2026-06-10", ProbationOutcome::NotHired).expect("not hired");
    assert!(
        saved.message.contains("试用期不予录用"),
        "{}",
        saved.message
    );
    assert_eq!(saved.contract.ended_on.as_deref(), Some("2026-06-10"));
    assert_eq!(saved.contract.end_reason.as_deref(), Some("试用期不予录用"));
    assert_eq!(status(&conn, w, "2026-06-10"), WorkerStatus::Exited);
    assert_eq!(status(&conn, w, "2026-06-09"), WorkerStatus::Probation);
    assert!(
        review(&mut conn, k.id, "2026-06-11", ProbationOutcome::Confirmed).is_err(),
        "once"
    );
    // Withdrawing the exit withdraws the 不予录用 with it.
    shegong_core::write(&mut conn, |tx| {
        workers::remove_exit(tx, &Channel::Ui, w, today())
    })
    .expect("remove");
    let c = contracts::get(&conn, k.id, today()).expect("k");
    assert_eq!((c.review.clone(), c.ended_on.clone()), (None, None));
    assert!(c.in_probation);
}

#[test]
fn not_hired_after_the_probation_ended_is_refused() {
    let (mut conn, w) = one_worker();
    let k = add(
        &mut conn,
        w,
        &fixed("2026-01-01", "2026-12-31", Some("2026-01-31")),
    )
    .expect("contract");
    let err = review(&mut conn, k.id, "2026-02-01", ProbationOutcome::NotHired).expect_err("late");
    assert!(message(&err).contains("第三十九条"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM exits"), 0);
    let no_probation = {
        let (mut c2, w2) = one_worker();
        let k2 = add(&mut c2, w2, &fixed("2026-01-01", "2026-12-31", None)).expect("k2");
        review(&mut c2, k2.id, "2026-02-01", ProbationOutcome::Confirmed).expect_err("none")
    };
    assert!(message(&no_probation).contains("没有约定试用期"));
    review(&mut conn, k.id, "2026-02-01", ProbationOutcome::Confirmed).expect("转正 after the end");
    let _ = w;
}

#[test]
fn expired_not_renewed_shows_on_the_tab_and_filters_the_roster_as_of_dates() {
    let (mut conn, w) = one_worker();
    let k = add(&mut conn, w, &fixed("2023-06-01", "2026-05-31", None)).expect("contract");
    let roster = |conn: &Connection, f: ContractFilter, on: &str| {
        workers::roster(
            conn,
            &RosterQuery {
                contract: Some(f),
                as_of: Some(on.into()),
                page_size: 50,
                ..Default::default()
            },
            today(),
        )
        .expect("roster")
        .total
    };
    assert_eq!(
        roster(&conn, ContractFilter::ExpiredNotRenewed, "2026-05-31"),
        0
    );
    assert_eq!(
        roster(&conn, ContractFilter::ExpiredNotRenewed, "2026-06-01"),
        1
    );
    let tab = contracts::for_worker(&conn, w, d("2026-06-01")).expect("tab");
    assert!(tab
        .expired_not_renewed
        .as_deref()
        .is_some_and(|m| m.contains("2026-05-31")));
    assert_eq!(tab.contracts[0].phase, ContractPhase::Expired);
    assert!(contracts::for_worker(&conn, w, d("2026-05-31"))
        .expect("tab")
        .expired_not_renewed
        .is_none());
    // 合同到期 within the largest reminder day (60): from 2026-04-01 on.
    assert_eq!(roster(&conn, ContractFilter::EndingSoon, "2026-03-31"), 0);
    assert_eq!(roster(&conn, ContractFilter::EndingSoon, "2026-04-01"), 1);
    let soon = contracts::get(&conn, k.id, d("2026-04-01")).expect("k");
    assert!(flags(&soon).contains(&ContractFlagKind::EndingSoon));
    assert_eq!(soon.days_left, Some(60));
    // Renewed later: as of a date before the renewal it was still not renewed.
    let renewal = add(&mut conn, w, &fixed("2026-06-10", "2029-06-09", None)).expect("renewal");
    assert_eq!(renewal.previous_id, Some(k.id));
    assert_eq!(
        roster(&conn, ContractFilter::ExpiredNotRenewed, "2026-06-05"),
        1
    );
    assert_eq!(
        roster(&conn, ContractFilter::ExpiredNotRenewed, "2026-06-10"),
        0
    );
    assert!(contracts::for_worker(&conn, w, d("2026-06-05"))
        .expect("tab")
        .expired_not_renewed
        .is_some());
    // Exited people are never 合同到期未续.
    let (mut c2, w2) = one_worker();
    add(&mut c2, w2, &fixed("2023-06-01", "2026-05-31", None)).expect("contract");
    shegong_core::write(&mut c2, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            w2,
            &ExitInput {
                exit_date: "2026-06-01".into(),
                reason: "合同到期不续签".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    assert_eq!(
        roster(&c2, ContractFilter::ExpiredNotRenewed, "2026-06-02"),
        0
    );
}

#[test]
fn reminder_days_are_validated_and_set_the_window() {
    let (mut conn, w) = one_worker();
    let save = |conn: &mut Connection, days: Vec<i64>| {
        shegong_core::write(conn, |tx| {
            contracts::save_rules(
                tx,
                &Channel::Ui,
                &ContractRules {
                    reminder_days: days,
                },
            )
        })
    };
    assert_eq!(
        contracts::get_rules(&conn).expect("rules").reminder_days,
        vec![60, 30, 7]
    );
    assert!(message(&save(&mut conn, vec![]).expect_err("empty")).contains("至少"));
    assert!(message(&save(&mut conn, vec![30, 0]).expect_err("zero")).contains("1 至 366"));
    assert!(message(&save(&mut conn, vec![7, 30]).expect_err("order")).contains("从大到小"));
    assert!(save(&mut conn, vec![30, 30]).is_err());
    save(&mut conn, vec![90, 14]).expect("saved");
    add(&mut conn, w, &fixed("2023-09-01", "2026-08-31", None)).expect("contract");
    let list = contracts::due(&conn, d("2026-06-15"), None).expect("due");
    assert_eq!((list.within_days, list.until.as_str()), (90, "2026-09-13"));
    assert_eq!(list.rows.len(), 1);
    assert_eq!(list.rows[0].reminder_step, Some(90));
    assert_eq!(
        contracts::due(&conn, d("2026-06-15"), Some(30))
            .expect("due")
            .rows
            .len(),
        0
    );
    assert_eq!(
        contracts::due(&conn, d("2026-08-20"), None)
            .expect("due")
            .rows[0]
            .reminder_step,
        Some(14)
    );
    assert!(contracts::due(&conn, d("2026-06-15"), Some(-1)).is_err());
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE summary = '合同提醒'"
        ),
        1
    );
}

#[test]
fn probations_to_review_are_listed_until_reviewed() {
    let (mut conn, w) = one_worker();
    let k = add(
        &mut conn,
        w,
        &fixed("2026-05-01", "2029-04-30", Some("2026-07-31")),
    )
    .expect("contract");
    assert_eq!(
        contracts::probation_due(&conn, d("2026-05-15"), Some(30))
            .expect("due")
            .rows
            .len(),
        0
    );
    let due = contracts::probation_due(&conn, d("2026-07-01"), Some(30)).expect("due");
    assert_eq!(due.rows.len(), 1);
    assert!(flags(&due.rows[0].contract).contains(&ContractFlagKind::ProbationUnreviewed));
    assert_eq!(
        due.rows[0].reminder_step,
        Some(30),
        "30 days to the probation's end"
    );
    // Past its end without a review: still listed, past every reminder step.
    let late = contracts::probation_due(&conn, d("2026-08-10"), Some(7)).expect("due");
    assert_eq!((late.rows.len(), late.rows[0].reminder_step), (1, None));
    review(&mut conn, k.id, "2026-06-10", ProbationOutcome::Confirmed).expect("转正");
    assert_eq!(
        contracts::probation_due(&conn, d("2026-07-01"), Some(30))
            .expect("due")
            .rows
            .len(),
        0
    );
}

#[test]
fn a_contract_past_the_retirement_day_is_flagged() {
    let mut conn = ledger();
    name_the_street(&mut conn);
    let c = community(&mut conn, "幸福社区", 8000);
    // A man born 1966-03-15 retires at 60 years 4 months: 2026-07-15.
    let w = worker(&mut conn, &input("赵六", &id_for("1966-03-15", 17), c));
    let before = add(&mut conn, w, &fixed("2024-03-01", "2026-07-14", None)).expect("before");
    assert!(!flags(&before).contains(&ContractFlagKind::PastRetirement));
    shegong_core::write(&mut conn, |tx| {
        contracts::delete(tx, &Channel::Ui, before.id, today())
    })
    .expect("delete");
    let past = add(&mut conn, w, &fixed("2024-03-01", "2026-07-15", None)).expect("past");
    let flag = past
        .flags
        .iter()
        .find(|f| f.kind == ContractFlagKind::PastRetirement)
        .expect("flag");
    assert!(
        flag.message.contains("2026-07-15") && flag.message.contains("60 岁 4 个月"),
        "{}",
        flag.message
    );
}

#[test]
fn only_the_latest_unreferenced_contract_may_be_deleted_and_it_is_audited() {
    let (mut conn, w) = one_worker();
    let first = add(
        &mut conn,
        w,
        &fixed("2020-03-01", "2023-02-28", Some("2020-04-30")),
    )
    .expect("1");
    let second = add(&mut conn, w, &fixed("2023-03-01", "2026-02-28", None)).expect("2");
    let del = |conn: &mut Connection, id| {
        shegong_core::write(conn, |tx| contracts::delete(tx, &Channel::Ui, id, today()))
    };
    let err = del(&mut conn, first.id).expect_err("not latest");
    assert!(matches!(err, CoreError::Conflict { .. }), "{err}");
    del(&mut conn, second.id).expect("latest");
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '劳动合同' AND action = '删除'"
        ),
        1
    );
    review(
        &mut conn,
        first.id,
        "2020-04-30",
        ProbationOutcome::Confirmed,
    )
    .expect("review");
    assert!(message(&del(&mut conn, first.id).expect_err("reviewed")).contains("试用期考核"));
    // A person with a contract is not deletable as 误录 either.
    let refusal = workers::delete_refusal(&conn, w, "张三")
        .expect("refusal")
        .expect("kept");
    assert!(refusal.contains("劳动合同"), "{refusal}");
}

#[test]
fn an_older_ledger_opens_and_keeps_probation_from_the_old_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = older_release_ledger(dir.path());
    let conn = store::open(&path).expect("migrated");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .expect("v");
    assert_eq!(version, store::MIGRATIONS.len() as i64);
    assert_eq!(count(&conn, "SELECT count(*) FROM contracts"), 0);
    let (id, end): (i64, String) = conn
        .query_row(
            "SELECT id, probation_end FROM workers WHERE probation_end IS NOT NULL ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a worker in probation");
    let on_end = d(&end);
    assert_eq!(
        workers::get(&conn, id, on_end).expect("w").status,
        WorkerStatus::Probation
    );
    let after = on_end.succ_opt().expect("next day");
    assert_eq!(
        workers::get(&conn, id, after).expect("w").status,
        WorkerStatus::InPost
    );
}
