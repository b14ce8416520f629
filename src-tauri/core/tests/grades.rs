//! The grade sequence: schemes, rules, assessments, the promotion run across years (the
//! worked examples of docs/grades.md), history and salary standards.

mod common;
use common::*;
use shegong_core::audit::Channel;
use shegong_core::grades::{self, AssessmentBatch, AssessmentInput, GradeRules, Override};
use shegong_core::vocab::AssessmentResult;
use shegong_core::workers::{self, history, CertificateInput};
use shegong_core::Connection;

/// Adopts the 三岗十八级 template from 2015-01-01.
fn adopt(conn: &mut Connection) -> i64 {
    let template = grades::get_scheme(conn, 1).expect("template");
    assert!(template.is_template);
    let mut input = template.input.clone();
    input.name = "本区社区工作者岗位等级".into();
    input.effective_from = Some("2015-01-01".into());
    shegong_core::write(conn, |tx| grades::create_scheme(tx, &Channel::Ui, &input))
        .expect("scheme")
        .id
}

fn person(
    conn: &mut Connection,
    name: &str,
    seq: u32,
    c: i64,
    position: &str,
    education: &str,
    start: &str,
) -> i64 {
    let category = if position == "专职工作人员" {
        "社区专职工作人员"
    } else {
        "两委专职成员"
    };
    worker(
        conn,
        &workers::WorkerInput {
            position: position.into(),
            category: category.into(),
            education: education.into(),
            community_work_start: Some(start.into()),
            hired_on: start.into(),
            ..input(name, &id_for("1975-05-05", seq), c)
        },
    )
}

fn certificate(conn: &mut Connection, w: i64, kind: &str, on: &str) {
    shegong_core::write(conn, |tx| {
        workers::add_certificate(
            tx,
            &Channel::Ui,
            w,
            &CertificateInput {
                kind: kind.into(),
                title: None,
                obtained_on: Some(on.into()),
                cert_no: None,
                remarks: None,
            },
            today(),
        )
    })
    .expect("certificate");
}

fn assess(conn: &mut Connection, year: i32, rows: &[(i64, &str)]) {
    let batch = AssessmentBatch {
        year,
        rows: rows
            .iter()
            .map(|(w, r)| AssessmentInput {
                worker_id: *w,
                result: AssessmentResult::parse(r).expect("result"),
                political_score: None,
                performance_score: None,
                satisfaction_score: None,
                remarks: None,
            })
            .collect(),
    };
    shegong_core::write(conn, |tx| {
        grades::save_assessments(tx, &Channel::Ui, &batch, today())
    })
    .expect("assessments");
}

fn run(conn: &mut Connection, as_of: &str) -> Vec<grades::Proposal> {
    let proposals = grades::propose(conn, d(as_of)).expect("propose");
    shegong_core::write(conn, |tx| grades::apply(tx, &Channel::Ui, d(as_of), &[])).expect("apply");
    proposals
}

fn of(proposals: &[grades::Proposal], w: i64) -> &grades::Proposal {
    proposals
        .iter()
        .find(|p| p.worker_id == w)
        .expect("proposal")
}

fn grade(conn: &Connection, w: i64, on: &str) -> (String, i64) {
    let g = grades::current_grade(conn, w, d(on))
        .expect("grade")
        .expect("graded");
    (g.input.category, g.input.level)
}

fn rules(conn: &mut Connection, f: impl FnOnce(&mut GradeRules)) {
    let mut r = grades::get_rules(conn).expect("rules");
    f(&mut r);
    shegong_core::write(conn, |tx| grades::save_rules(tx, &Channel::Ui, &r)).expect("save rules");
}

#[test]
fn templates_ship_and_a_scheme_must_be_adopted() {
    let mut conn = ledger();
    let schemes = grades::list_schemes(&conn).expect("list");
    assert_eq!(schemes.len(), 2);
    assert!(schemes
        .iter()
        .all(|s| s.is_template && s.input.name.contains("模板")));
    let four = &schemes[1].input;
    let ranges: Vec<(String, i64, i64)> = four
        .categories
        .iter()
        .map(|c| (c.name.clone(), c.min_level, c.max_level))
        .collect();
    assert_eq!(
        ranges,
        [
            ("正职".to_string(), 7, 18),
            ("副职".into(), 5, 16),
            ("专职委员".into(), 3, 14),
            ("工作人员".into(), 1, 12)
        ]
    );
    let err = grades::propose(&conn, d("2026-01-01")).expect_err("no scheme");
    assert!(
        err.to_string().contains("还没有生效的岗位等级方案"),
        "{err}"
    );
    let id = adopt(&mut conn);
    let s = grades::scheme_in_effect(&conn, d("2026-01-01"))
        .expect("in effect")
        .expect("some");
    assert_eq!(s.id, id);
    assert_eq!(s.category_of("书记兼主任"), Some("正职"));
    // A mapping that leaves a 职务 out is refused, naming it.
    let mut bad = s.input.clone();
    bad.mapping.retain(|m| m.position != "委员");
    bad.effective_from = Some("2027-01-01".into());
    bad.name = "缺委员".into();
    let err = shegong_core::write(&mut conn, |tx| {
        grades::create_scheme(tx, &Channel::Ui, &bad)
    })
    .expect_err("mapping");
    assert_eq!(err.field(), Some("mapping"));
    assert!(err.to_string().contains("委员"));
}

/// A scheme entered by mistake can go; a template and a scheme that records name stay.
#[test]
fn only_an_unused_scheme_can_be_deleted() {
    let mut conn = ledger();
    let delete = |conn: &mut Connection, id: i64| {
        shegong_core::write(conn, |tx| grades::delete_scheme(tx, &Channel::Ui, id))
    };
    let err = delete(&mut conn, 1).expect_err("template");
    assert!(err.to_string().contains("模板"), "{err}");
    let used = adopt(&mut conn);
    let mut input = grades::get_scheme(&conn, used).expect("scheme").input;
    input.name = "录错的方案".into();
    input.effective_from = Some("2030-01-01".into());
    let mistaken = shegong_core::write(&mut conn, |tx| {
        grades::create_scheme(tx, &Channel::Ui, &input)
    })
    .expect("second scheme")
    .id;
    let c = community(&mut conn, "幸福社区", 9000);
    person(&mut conn, "甲", 11, c, "委员", "大学专科", "2017-01-01");
    run(&mut conn, "2026-01-01");

    let err = delete(&mut conn, used).expect_err("records name it");
    assert!(err.to_string().contains("条岗位等级记录"), "{err}");
    assert!(grades::get_scheme(&conn, used).is_ok());

    delete(&mut conn, mistaken).expect("unused scheme");
    assert!(grades::get_scheme(&conn, mistaken).is_err());
    let left: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM grade_categories WHERE scheme_id = ?1)
                  + (SELECT count(*) FROM grade_position_map WHERE scheme_id = ?1)",
            [mistaken],
            |r| r.get(0),
        )
        .expect("parts");
    assert_eq!(left, 0);
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity = '岗位等级方案' AND action = '删除' AND summary = '录错的方案'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(audited, 1);
}

/// The worked examples of docs/grades.md, run year by year from 2023 to 2027.
#[test]
fn worked_examples_across_years() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    // 甲: one 不合格. 乙: two consecutive 优秀. 丙: 委员 promoted to 副主任. 丁: reaches the cap.
    let jia = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2017-01-01",
    );
    let yi = person(
        &mut conn,
        "乙",
        13,
        c,
        "专职工作人员",
        "大学本科",
        "2020-01-01",
    );
    let bing = person(&mut conn, "丙", 15, c, "委员", "大学专科", "2021-01-01");
    let ding = person(&mut conn, "丁", 17, c, "书记", "大学本科", "2000-01-01");
    certificate(&mut conn, ding, "社会工作师", "2012-06-10");
    assess(
        &mut conn,
        2022,
        &[(jia, "合格"), (yi, "合格"), (bing, "合格"), (ding, "合格")],
    );

    // 2023-01-01: 定级.
    let p = run(&mut conn, "2023-01-01");
    assert_eq!(
        grade(&conn, jia, "2023-01-01"),
        ("其他社区工作者".into(), 3)
    );
    assert_eq!(
        of(&p, jia).lines[1],
        "社区工作年限满 6 年（自 2017-01-01 起），每满 3 年晋升 1 级：+2 级"
    );
    assert_eq!(grade(&conn, yi, "2023-01-01"), ("其他社区工作者".into(), 3));
    assert!(of(&p, yi)
        .lines
        .contains(&"大学本科学历折算 3 年".to_string()));
    assert_eq!(
        grade(&conn, bing, "2023-01-01"),
        ("其他社区工作者".into(), 1)
    );
    assert_eq!(grade(&conn, ding, "2023-01-01"), ("正职".into(), 17));
    assert!(of(&p, ding)
        .lines
        .contains(&"持社会工作师证书 +2 级".to_string()));
    assert!(p.iter().all(|p| p.reason.as_deref() == Some("定级")));

    // 2024-01-01.
    assess(
        &mut conn,
        2023,
        &[(jia, "合格"), (yi, "优秀"), (bing, "合格"), (ding, "优秀")],
    );
    let p = run(&mut conn, "2024-01-01");
    assert_eq!(grade(&conn, jia, "2024-01-01").1, 3);
    assert!(
        of(&p, jia).lines[0].ends_with("距下次年限晋升还差 2 年"),
        "{:?}",
        of(&p, jia).lines
    );
    assert_eq!(grade(&conn, yi, "2024-01-01").1, 3);
    assert_eq!(grade(&conn, bing, "2024-01-01").1, 2);
    assert_eq!(grade(&conn, ding, "2024-01-01").1, 18);

    // 2025-01-01: 丙 was elected 副主任 during 2024 (任职经历, dated).
    let b = workers::get(&conn, bing, today()).expect("丙").input;
    shegong_core::write(&mut conn, |tx| {
        history::add_post(
            tx,
            &Channel::Ui,
            bing,
            &history::PostChangeInput {
                effective_on: "2024-05-20".into(),
                community_id: b.community_id,
                category: b.category.clone(),
                position: "副主任".into(),
                reason: "选举".into(),
                ..Default::default()
            },
            today(),
        )
    })
    .expect("post");
    assess(
        &mut conn,
        2024,
        &[
            (jia, "不合格"),
            (yi, "优秀"),
            (bing, "合格"),
            (ding, "优秀"),
        ],
    );
    let p = run(&mut conn, "2025-01-01");
    assert_eq!(grade(&conn, jia, "2025-01-01").1, 3);
    assert!(of(&p, jia)
        .lines
        .contains(&"2024 年度考核不合格，当年不计".to_string()));
    assert_eq!(grade(&conn, yi, "2025-01-01").1, 4);
    assert_eq!(of(&p, yi).reason.as_deref(), Some("考核调整"));
    assert!(of(&p, yi)
        .lines
        .iter()
        .any(|l| l.contains("2023–2024 年度连续 2 年考核优秀，提前晋升 1 级")));
    // 副职 lowest 4 + the 1 level 丙 earned by 4 years (docs/grades.md, 丙).
    assert_eq!(grade(&conn, bing, "2025-01-01"), ("副职".into(), 5));
    assert_eq!(of(&p, bing).reason.as_deref(), Some("岗位晋升"));
    assert!(!of(&p, ding).changed, "capped");
    assert!(of(&p, ding)
        .lines
        .iter()
        .any(|l| l.contains("超过正职最高 18 级，按 18 级")));

    // 2026-01-01 and 2027-01-01.
    assess(
        &mut conn,
        2025,
        &[(jia, "合格"), (yi, "合格"), (bing, "合格"), (ding, "合格")],
    );
    run(&mut conn, "2026-01-01");
    assert_eq!(grade(&conn, jia, "2026-01-01").1, 3);
    assert_eq!(grade(&conn, yi, "2026-01-01").1, 5);
    assert_eq!(grade(&conn, bing, "2026-01-01").1, 5);
    assess(
        &mut conn,
        2026,
        &[(jia, "合格"), (yi, "合格"), (bing, "合格"), (ding, "合格")],
    );
    run(&mut conn, "2027-01-01");
    assert_eq!(grade(&conn, jia, "2027-01-01").1, 4, "9 counted years");
    assert_eq!(grade(&conn, bing, "2027-01-01").1, 6, "6 counted years");
    assert_eq!(grade(&conn, ding, "2027-01-01").1, 18);

    // History: the grade as of any date is the record in effect then.
    assert_eq!(grade(&conn, yi, "2024-12-31").1, 3);
    let history = grades::grade_history(&conn, yi).expect("history");
    let reasons: Vec<&str> = history.iter().map(|h| h.input.reason.as_str()).collect();
    assert_eq!(reasons, ["年限晋升", "考核调整", "定级"]);
}

#[test]
fn the_same_date_twice_changes_nothing() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学本科",
        "2015-03-01",
    );
    certificate(&mut conn, w, "助理社会工作师", "2019-05-01");
    run(&mut conn, "2024-01-01");
    assess(&mut conn, 2024, &[(w, "合格")]);
    assess(&mut conn, 2025, &[(w, "优秀")]);
    let first = grades::propose(&conn, d("2026-01-01")).expect("p");
    let summary = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2026-01-01"), &[])
    })
    .expect("apply");
    let audits = count(&conn, "SELECT count(*) FROM audit_log");
    let records = count(&conn, "SELECT count(*) FROM grade_records");
    let again = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2026-01-01"), &[])
    })
    .expect("again");
    assert_eq!(summary.written, usize::from(first[0].changed));
    assert_eq!(again.written, 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audits);
    assert_eq!(count(&conn, "SELECT count(*) FROM grade_records"), records);
    let second = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert!(second.iter().all(|p| !p.changed));
}

#[test]
fn initial_grading_rules_one_by_one() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    // Degree only: 硕士 5 years, no service yet → +1 level (5 / 3).
    let master = person(
        &mut conn,
        "硕士",
        11,
        c,
        "专职工作人员",
        "硕士研究生",
        "2025-09-01",
    );
    // Certificates: highest only by default.
    let certs = person(
        &mut conn,
        "两证",
        13,
        c,
        "专职工作人员",
        "大学专科",
        "2025-09-01",
    );
    certificate(&mut conn, certs, "助理社会工作师", "2025-01-10");
    certificate(&mut conn, certs, "社会工作师", "2025-10-10");
    // A certificate obtained in December counts from the next month (January).
    let late = person(
        &mut conn,
        "新证",
        15,
        c,
        "专职工作人员",
        "大学专科",
        "2025-09-01",
    );
    certificate(&mut conn, late, "助理社会工作师", "2025-12-20");
    // Interruption: 2016-01-01 start, 12 months interrupted, resumed 2022-01-01.
    let broken = worker(
        &mut conn,
        &workers::WorkerInput {
            education: "大学专科".into(),
            community_work_start: Some("2016-01-01".into()),
            hired_on: "2016-01-01".into(),
            interruption_months: Some(12),
            service_resumed_on: Some("2022-01-01".into()),
            ..input("中断", &id_for("1980-01-01", 17), c)
        },
    );
    // 副主任 starts at the 副职's lowest level.
    let deputy = person(&mut conn, "副职", 19, c, "副主任", "大学专科", "2025-09-01");

    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert_eq!(of(&p, master).level, 2);
    assert_eq!(of(&p, certs).level, 3, "1 + 社会工作师 2");
    assert!(of(&p, certs)
        .lines
        .contains(&"（多个证书只计最高一个）".to_string()));
    assert_eq!(of(&p, late).level, 2);
    assert_eq!(
        of(&p, broken).level,
        1 + 3,
        "10 years − 1 interrupted = 9 → +3"
    );
    assert_eq!(of(&p, deputy).level, 4);
    let dec = grades::propose(&conn, d("2025-12-31")).expect("p");
    assert_eq!(of(&dec, late).level, 1, "not yet in December");

    rules(&mut conn, |r| {
        r.certificate_cumulative = true;
        r.interruption_resets = true;
        r.degree_credits.retain(|c| c.education != "硕士研究生");
    });
    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert_eq!(of(&p, certs).level, 4, "cumulative: 1 + 1 + 2");
    assert_eq!(of(&p, broken).level, 2, "4 years since resuming → +1");
    assert_eq!(of(&p, master).level, 1, "degree credit set to zero");

    // A year below 合格 before grading is left out of the service years.
    assess(&mut conn, 2024, &[(broken, "基本合格")]);
    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert!(of(&p, broken)
        .lines
        .contains(&"2024 年度考核基本合格，当年不计".to_string()));
    assert_eq!(of(&p, broken).level, 2, "4 − 1 = 3 years → +1");
}

#[test]
fn annual_rules_one_by_one() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    run(&mut conn, "2022-01-01"); // 3 years → level 2, counted through 2021
    assert_eq!(grade(&conn, w, "2022-01-01").1, 2);

    // A missing year stops the count there.
    assess(&mut conn, 2023, &[(w, "合格")]);
    let p = grades::propose(&conn, d("2024-01-01")).expect("p");
    assert!(!of(&p, w).changed);
    assert!(of(&p, w).attention[0].contains("2022 年度考核结果未录入"));

    // Early promotion at most twice in a career (set to once here).
    rules(&mut conn, |r| r.excellent_max_times = 1);
    assess(&mut conn, 2022, &[(w, "优秀")]);
    assess(&mut conn, 2023, &[(w, "优秀")]);
    let p = run(&mut conn, "2024-01-01");
    // 2 counted years (5 in all, no level) + early level.
    assert_eq!(of(&p, w).level, 3);
    assess(&mut conn, 2024, &[(w, "优秀")]);
    assess(&mut conn, 2025, &[(w, "优秀")]);
    let p = run(&mut conn, "2026-01-01");
    // 7 credited years → +1 (6), no second early level.
    assert_eq!(of(&p, w).level, 4);
    assert!(of(&p, w)
        .lines
        .iter()
        .any(|l| l.contains("提前晋升已用满 1 次")));

    // A new certificate counts at the next promotion date with that option; a degree raises
    // the credited years.
    rules(&mut conn, |r| r.certificate_timing = "下一晋级日起".into());
    certificate(&mut conn, w, "社会工作师", "2026-02-10");
    shegong_core::write(&mut conn, |tx| {
        history::add_education(
            tx,
            &Channel::Ui,
            w,
            &history::EducationInput {
                obtained_on: "2026-01-20".into(),
                education: "大学本科".into(),
                ..Default::default()
            },
            today(),
        )
    })
    .expect("degree");
    assess(&mut conn, 2026, &[(w, "合格")]);
    let mid = grades::propose(&conn, d("2026-06-01")).expect("p");
    assert_eq!(
        of(&mid, w).level,
        4 + 1,
        "degree: 7 + 3 = 10 years → +1; certificate not yet"
    );
    assert_eq!(of(&mid, w).reason.as_deref(), Some("学历提升"));
    let p = grades::propose(&conn, d("2027-01-01")).expect("p");
    // 11 years (+0 over 10) , degree +1, certificate +2.
    assert_eq!(of(&p, w).level, 4 + 1 + 2);
    assert!(of(&p, w)
        .lines
        .iter()
        .any(|l| l.starts_with("职业水平提升")));
}

#[test]
fn overrides_need_a_reason_and_are_recorded() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    let o = |reason: &str, level| Override {
        worker_id: w,
        category: "其他社区工作者".into(),
        level,
        reason: reason.into(),
    };
    let err = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2024-01-01"), &[o(" ", 4)])
    })
    .expect_err("reason");
    assert_eq!(err.field(), Some("overrides"));
    let err = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2024-01-01"), &[o("x", 13)])
    })
    .expect_err("range");
    assert!(err.to_string().contains("1–12 级"));
    assert_eq!(
        count(&conn, "SELECT count(*) FROM grade_records"),
        0,
        "all or nothing"
    );
    let s = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2024-01-01"), &[o("区委组织部批复", 4)])
    })
    .expect("apply");
    assert_eq!((s.written, s.overridden), (1, 1));
    let g = grades::current_grade(&conn, w, d("2024-01-01"))
        .expect("g")
        .expect("some");
    assert_eq!((g.input.level, g.input.reason.as_str()), (4, "手工调整"));
    assert!(g
        .input
        .note
        .unwrap_or_default()
        .starts_with("审核调整：区委组织部批复"));
    let audit = shegong_core::audit::for_worker(&conn, w).expect("audit");
    assert_eq!(audit[0].entity, "岗位等级");
}

#[test]
fn assessments_save_all_or_nothing_and_the_sheet_defaults_to_pass() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 9000);
    let a = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    let b = person(
        &mut conn,
        "乙",
        13,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    let late = person(
        &mut conn,
        "丙",
        15,
        c,
        "专职工作人员",
        "大学专科",
        "2026-02-01",
    );
    let sheet = grades::assessment_sheet(&conn, 2025, Some(c)).expect("sheet");
    assert_eq!(sheet.len(), 2, "丙 joined after 2025");
    assert!(sheet
        .iter()
        .all(|r| !r.saved && r.input.result == AssessmentResult::Pass));

    let row = |w, result: &str, score| AssessmentInput {
        worker_id: w,
        result: AssessmentResult::parse(result).expect("result"),
        political_score: score,
        performance_score: None,
        satisfaction_score: Some(95.5),
        remarks: None,
    };
    let bad = AssessmentBatch {
        year: 2025,
        rows: vec![row(a, "优秀", Some(18.0)), row(late, "合格", None)],
    };
    let err = shegong_core::write(&mut conn, |tx| {
        grades::save_assessments(tx, &Channel::Ui, &bad, today())
    })
    .expect_err("late");
    assert!(err.to_string().contains("第 2 行（丙）"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM assessments"), 0);
    let bad = AssessmentBatch {
        year: 2025,
        rows: vec![row(a, "优秀", Some(101.0))],
    };
    assert!(shegong_core::write(&mut conn, |tx| {
        grades::save_assessments(tx, &Channel::Ui, &bad, today())
    })
    .is_err());

    let good = AssessmentBatch {
        year: 2025,
        rows: vec![row(a, "优秀", Some(18.5)), row(b, "合格", None)],
    };
    let s = shegong_core::write(&mut conn, |tx| {
        grades::save_assessments(tx, &Channel::Ui, &good, today())
    })
    .expect("save");
    assert_eq!((s.created, s.updated, s.unchanged), (2, 0, 0));
    let s = shegong_core::write(&mut conn, |tx| {
        grades::save_assessments(tx, &Channel::Ui, &good, today())
    })
    .expect("again");
    assert_eq!((s.created, s.updated, s.unchanged), (0, 0, 2));
    let sheet = grades::assessment_sheet(&conn, 2025, None).expect("sheet");
    assert!(sheet[0].saved);
    assert_eq!(sheet[0].input.political_score, Some(18.5));
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '年度考核'"
        ),
        2
    );
}

#[test]
fn salary_standards_never_rewrite_history() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    run(&mut conn, "2025-01-01"); // 6 years → level 3
    let scheme = grades::scheme_in_effect(&conn, d("2025-01-01"))
        .expect("s")
        .expect("s");
    let cells = grades::generate_amounts(&scheme, "3000", 0.04).expect("cells");
    let l3 = cells
        .iter()
        .find(|c| c.category == "其他社区工作者" && c.level == 3)
        .expect("cell");
    assert_eq!(l3.amount, "3240.00", "3000 × 1.08");
    let version = |name: &str, from: &str, cells| grades::SalaryVersionInput {
        name: name.into(),
        effective_from: from.into(),
        performance_percent: 20,
        remarks: None,
        cells,
    };
    shegong_core::write(&mut conn, |tx| {
        grades::create_salary_version(tx, &Channel::Ui, &version("2025 标准", "2025-01-01", cells))
    })
    .expect("v1");
    let s = grades::worker_salary(&conn, w, d("2025-03-01")).expect("salary");
    assert_eq!(
        (s.standard_fen, s.performance_fen, s.fixed_fen),
        (324_000, 64_800, 259_200)
    );
    let totals = grades::salary_totals(&conn, d("2025-03-01")).expect("totals");
    assert_eq!(totals.street.monthly_fen, 324_000);
    assert_eq!(totals.street.annual_fen, 12 * 324_000);

    let more = grades::generate_amounts(&scheme, "3300", 0.04).expect("cells");
    shegong_core::write(&mut conn, |tx| {
        grades::create_salary_version(
            tx,
            &Channel::Ui,
            &version("2025 下半年", "2025-07-01", more),
        )
    })
    .expect("v2");
    let before = grades::worker_salary(&conn, w, d("2025-03-01")).expect("salary");
    assert_eq!(before.standard_fen, 324_000, "March keeps the old standard");
    let after = grades::worker_salary(&conn, w, d("2025-07-01")).expect("salary");
    assert_eq!(after.standard_fen, 356_400);
    let totals = grades::salary_totals(&conn, d("2025-03-01")).expect("totals");
    assert_eq!(totals.street.annual_fen, 6 * 324_000 + 6 * 356_400);
    assert_eq!(totals.communities[0].people, 1);

    // Allowance instead of levels.
    rules(&mut conn, |r| r.certificate_mode = "证书津贴".into());
    certificate(&mut conn, w, "社会工作师", "2025-05-05");
    let s = grades::worker_salary(&conn, w, d("2025-08-01")).expect("salary");
    assert_eq!(s.allowance_fen, 40_000);
    assert_eq!(s.monthly, "3964.00");
    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert!(!of(&p, w).lines.iter().any(|l| l.contains("职业水平提升")));
}

#[test]
fn check_constraints_match_the_grade_vocabulary() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    for (i, result) in grades::ASSESSMENT_RESULTS.iter().enumerate() {
        conn.execute(
            "INSERT INTO assessments (worker_id, year, result) VALUES (?1, ?2, ?3)",
            shegong_core::rusqlite::params![w, 2020 + i as i64, result],
        )
        .unwrap_or_else(|e| panic!("{result}: {e}"));
    }
    assert!(conn
        .execute(
            "INSERT INTO assessments (worker_id, year, result) VALUES (?1, 2030, '良好')",
            [w],
        )
        .is_err());
    for reason in grades::GRADE_REASONS {
        conn.execute(
            "INSERT INTO grade_records (worker_id, effective_date, scheme_id, category, level, reason,
                credited_years, counted_through, excellent_streak, early_levels, certificate_levels,
                degree_years) VALUES (?1, '2024-01-01', 1, '正职', 7, ?2, 0, 2023, 0, 0, 0, 0)",
            shegong_core::rusqlite::params![w, reason],
        )
        .unwrap_or_else(|e| panic!("{reason}: {e}"));
    }
    assert!(conn
        .execute(
            "UPDATE grade_records SET reason = '降级' WHERE worker_id = ?1",
            [w]
        )
        .is_err());
}

/// The same people in two ledgers: one graded from 2021-07-01 on and run at every promotion
/// date and on odd dates, the other never graded. On every run date the first ledger's
/// grade equals the second's fresh 定级 proposal (docs/grades.md 二: 与台账从哪天开始用无关),
/// through the ledger's own loading and writing of the bookkeeping.
#[test]
fn the_grade_does_not_depend_on_when_the_ledger_started() {
    const RESULTS: &[&str] = &["合格", "优秀", "优秀", "合格", "不合格", "优秀", "基本合格"];
    // (职务, 学历, 参加社区工作, certificate, a later 职务 from 2024-05-01)
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Option<(&'static str, &'static str)>,
        Option<&'static str>,
    );
    let people: &[Row] = &[
        ("专职工作人员", "硕士研究生", "2021-03-01", None, None),
        (
            "专职工作人员",
            "大学专科",
            "2018-07-01",
            Some(("助理社会工作师", "2023-12-20")),
            None,
        ),
        ("委员", "大学本科", "2014-09-15", None, Some("副主任")),
        (
            "委员",
            "大学专科",
            "2008-01-01",
            Some(("社会工作师", "2022-05-05")),
            Some("书记"),
        ),
        ("副主任", "大学本科", "2019-11-30", None, Some("主任")),
        (
            "书记",
            "博士研究生",
            "2001-04-01",
            Some(("高级社会工作师", "2020-01-10")),
            None,
        ),
        ("专职工作人员", "高中", "2022-03-01", None, None),
        (
            "副书记",
            "大学专科",
            "2016-02-29",
            Some(("社会工作师", "2025-06-30")),
            None,
        ),
    ];
    const NAMES: &[&str] = &[
        "赵一", "钱二", "孙三", "李四", "周五", "吴六", "郑七", "王八",
    ];
    let build = || {
        let mut conn = ledger();
        adopt(&mut conn);
        let c = community(&mut conn, "幸福社区", 9000);
        let mut ids = Vec::new();
        for (i, (position, education, start, cert, _)) in people.iter().enumerate() {
            let w = person(
                &mut conn,
                NAMES[i],
                21 + 2 * i as u32,
                c,
                position,
                education,
                start,
            );
            if let Some((kind, on)) = cert {
                certificate(&mut conn, w, kind, on);
            }
            ids.push(w);
        }
        for year in 2001..=2026 {
            let rows: Vec<(i64, &str)> = ids
                .iter()
                .enumerate()
                .filter(|(i, _)| people[*i].2[..4].parse::<i32>().expect("year") <= year)
                .map(|(i, w)| (*w, RESULTS[(i * 3 + year as usize) % RESULTS.len()]))
                .collect();
            assess(&mut conn, year, &rows);
        }
        (conn, ids)
    };
    let (mut started, ids) = build();
    let (mut fresh, fresh_ids) = build();
    let change_posts = |conn: &mut Connection, ids: &[i64]| {
        for (i, w) in ids.iter().enumerate() {
            if let Some(position) = people[i].4 {
                let mut input = workers::get(conn, *w, today()).expect("w").input;
                input.position = position.into();
                shegong_core::write(conn, |tx| {
                    workers::update(tx, &Channel::Ui, *w, &input, today())
                })
                .expect("post");
            }
        }
    };
    let dates = [
        "2021-07-01",
        "2022-01-01",
        "2022-09-10",
        "2023-01-01",
        "2024-01-01",
        "2024-09-10",
        "2025-01-01",
        "2026-01-01",
        "2026-03-31",
        "2027-01-01",
    ];
    let mut compared = 0;
    for on in dates {
        if on == "2024-09-10" {
            change_posts(&mut started, &ids);
            change_posts(&mut fresh, &fresh_ids);
        }
        run(&mut started, on);
        let by_rule = grades::propose(&fresh, d(on)).expect("fresh");
        for (i, w) in ids.iter().enumerate() {
            let Some(f) = by_rule.iter().find(|p| p.worker_id == fresh_ids[i]) else {
                continue; // not yet hired
            };
            assert_eq!(f.reason.as_deref(), Some("定级"));
            assert_eq!(
                grade(&started, *w, on),
                (f.category.clone(), f.level),
                "{} on {on}: {:?}",
                NAMES[i],
                f.lines
            );
            compared += 1;
        }
    }
    assert!(compared >= 70, "{compared}");
}

/// Issue 12: a 委员 elected 书记 on 2023-03-01. A run as of 2023-02-01 — even one made after
/// the election — grades the post held then (委员), and the post promotion comes with the
/// first run on or after the election date, never before it.
#[test]
fn a_post_promotion_counts_from_the_election_date() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let w = person(&mut conn, "委员", 11, c, "委员", "大学本科", "2018-03-01");
    shegong_core::write(&mut conn, |tx| {
        history::add_post(
            tx,
            &Channel::Ui,
            w,
            &history::PostChangeInput {
                effective_on: "2023-03-01".into(),
                community_id: c,
                category: "两委专职成员".into(),
                position: "书记".into(),
                reason: "选举".into(),
                ..Default::default()
            },
            today(),
        )
    })
    .expect("elected");
    let february = run(&mut conn, "2023-02-01");
    assert_eq!(of(&february, w).position, "委员");
    assert_ne!(grade(&conn, w, "2023-02-01").0, "正职");
    let march = run(&mut conn, "2023-03-01");
    assert_eq!(of(&march, w).position, "书记");
    assert_eq!(grade(&conn, w, "2023-03-01").0, "正职");
    assert_eq!(of(&march, w).reason.as_deref(), Some("岗位晋升"));
    // The February record stays 委员's: the promotion is not back-dated.
    assert_ne!(grade(&conn, w, "2023-02-28").0, "正职");
}

/// A certificate held without its 取得时间 (an imported roster's) counts for nothing until the
/// date is entered, and the run lists the person under 需核对 saying so; once the date is
/// entered it counts as any other.
#[test]
fn an_undated_certificate_is_not_counted_and_asks_for_its_date() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let with = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    let without = person(
        &mut conn,
        "乙",
        13,
        c,
        "专职工作人员",
        "大学专科",
        "2019-01-01",
    );
    conn.execute(
        "INSERT INTO certificates (worker_id, kind, obtained_on) VALUES (?1, '社会工作师', NULL)",
        [with],
    )
    .expect("undated certificate");
    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert_eq!(of(&p, with).level, of(&p, without).level, "not counted");
    assert!(
        of(&p, with)
            .attention
            .iter()
            .any(|a| a.contains("证书取得时间未填（社会工作师）")),
        "{:?}",
        of(&p, with).attention
    );
    assert!(of(&p, without).attention.is_empty());

    let id: i64 = conn
        .query_row(
            "SELECT id FROM certificates WHERE worker_id = ?1",
            [with],
            |r| r.get(0),
        )
        .expect("id");
    shegong_core::write(&mut conn, |tx| {
        workers::update_certificate(
            tx,
            &Channel::Ui,
            id,
            &CertificateInput {
                kind: "社会工作师".into(),
                title: None,
                obtained_on: Some("2020-05-01".into()),
                cert_no: None,
                remarks: None,
            },
            today(),
        )
    })
    .expect("date entered");
    let p = grades::propose(&conn, d("2026-01-01")).expect("p");
    assert!(
        of(&p, with).level > of(&p, without).level,
        "counted once dated"
    );
    assert!(
        of(&p, with).attention.is_empty(),
        "{:?}",
        of(&p, with).attention
    );
}

/// 撤销本次写入: the last run's records go (each audited), the run is marked undone, the same
/// run written again gives the same records; refused once a later record of one of its
/// people exists, and for any run but the last.
#[test]
fn the_last_run_can_be_undone_until_something_depends_on_it() {
    let mut conn = ledger();
    adopt(&mut conn);
    let c = community(&mut conn, "幸福社区", 9000);
    let a = person(
        &mut conn,
        "甲",
        11,
        c,
        "专职工作人员",
        "大学本科",
        "2015-03-01",
    );
    let b = person(
        &mut conn,
        "乙",
        12,
        c,
        "专职工作人员",
        "大学专科",
        "2012-03-01",
    );
    run(&mut conn, "2024-01-01");
    let first = grades::last_run(&conn).expect("last").expect("a run");
    assert_eq!(first.as_of, "2024-01-01");
    assess(&mut conn, 2024, &[(a, "优秀"), (b, "合格")]);
    assess(&mut conn, 2025, &[(a, "优秀"), (b, "合格")]);
    let before = (grade(&conn, a, "2026-01-01"), grade(&conn, b, "2026-01-01"));
    let summary = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2026-01-01"), &[])
    })
    .expect("apply");
    assert!(summary.written > 0, "a promotion to undo");
    let run_id = summary.run_id.expect("recorded");
    let last = grades::last_run(&conn).expect("last").expect("a run");
    assert_eq!((last.id, last.written), (run_id, summary.written as i64));
    assert_eq!(last.undo_refusal, None);
    let after = (grade(&conn, a, "2026-01-01"), grade(&conn, b, "2026-01-01"));

    // Not the last run: refused, nothing changes.
    let records = count(&conn, "SELECT count(*) FROM grade_records");
    let err = shegong_core::write(&mut conn, |tx| grades::undo_run(tx, &Channel::Ui, first.id))
        .expect_err("not the last");
    assert!(err.to_string().contains("只能撤销最近一次"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM grade_records"), records);

    let removed = shegong_core::write(&mut conn, |tx| grades::undo_run(tx, &Channel::Ui, run_id))
        .expect("undo");
    assert_eq!(removed, summary.written);
    assert_eq!(
        (grade(&conn, a, "2026-01-01"), grade(&conn, b, "2026-01-01")),
        before,
        "back to the grades before the run"
    );
    assert_eq!(
        count(&conn, "SELECT count(*) FROM audit_log WHERE action = '删除' AND summary LIKE '%撤销 2026-01-01 晋级测算的写入%'"),
        removed as i64
    );
    assert_eq!(
        grades::last_run(&conn).expect("last").map(|r| r.id),
        Some(first.id),
        "the earlier run is now the last"
    );
    // Written again: the same grades as the first time.
    let again = shegong_core::write(&mut conn, |tx| {
        grades::apply(tx, &Channel::Ui, d("2026-01-01"), &[])
    })
    .expect("again");
    assert_eq!(again.written, summary.written);
    assert_eq!(
        (grade(&conn, a, "2026-01-01"), grade(&conn, b, "2026-01-01")),
        after
    );

    // A record entered later for one of its people: the run stays.
    let (category, level) = grade(&conn, a, "2026-01-01");
    shegong_core::write(&mut conn, |tx| {
        grades::add_grade_record(
            tx,
            &Channel::Ui,
            a,
            &grades::GradeRecordInput {
                effective_date: "2026-03-01".into(),
                category,
                level: level + 1,
                reason: "手工调整".into(),
                note: Some("区委组织部批复".into()),
            },
            d("2026-03-01"),
        )
    })
    .expect("manual");
    let last = grades::last_run(&conn).expect("last").expect("a run");
    let refusal = last.undo_refusal.expect("refused");
    assert!(refusal.contains("甲 2026-03-01 手工调整"), "{refusal}");
    let records = count(&conn, "SELECT count(*) FROM grade_records");
    let err = shegong_core::write(&mut conn, |tx| grades::undo_run(tx, &Channel::Ui, last.id))
        .expect_err("depends");
    assert!(err.to_string().contains("不能撤销"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM grade_records"), records);
}

/// Version 9 adds the run record: grade records written before it stay as they were, belong
/// to no run, and so are never undone by 撤销本次写入.
#[test]
fn records_from_before_run_tracking_survive_the_upgrade() {
    use shegong_core::store::{self, MIGRATIONS};
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    {
        let mut conn = store::open_with(&path, &MIGRATIONS[..8]).expect("v8");
        let scheme = adopt(&mut conn);
        let c = community(&mut conn, "幸福社区", 9000);
        let w = person(
            &mut conn,
            "甲",
            11,
            c,
            "专职工作人员",
            "大学本科",
            "2015-03-01",
        );
        conn.execute(
            "INSERT INTO grade_records (worker_id, effective_date, scheme_id, category, level,
                reason, note, credited_years, counted_through, excellent_streak, early_levels,
                certificate_levels, degree_years)
             VALUES (?1, '2024-01-01', ?2, '社区专职工作人员', 3, '定级', '旧记录', 8, 2023, 0, 0, 0, 0)",
            shegong_core::rusqlite::params![w, scheme],
        )
        .expect("v8 record");
    }
    let conn = store::open(&path).expect("upgrade");
    let kept: (String, i64, Option<i64>) = conn
        .query_row("SELECT note, level, run_id FROM grade_records", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("record");
    assert_eq!(kept, ("旧记录".to_string(), 3, None));
    assert_eq!(grades::last_run(&conn).expect("last"), None);
}
