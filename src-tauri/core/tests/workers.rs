//! Workers end to end in the core: validation, conflicts, the audit trail, derived status,
//! the roster query and staffing.

mod common;
use common::*;
use shegong_core::audit::{self, Channel};
use shegong_core::error::ErrorKind;
use shegong_core::vocab::{Category, Position, WorkerStatus};
use shegong_core::workers::{self, CertificateInput, ExitInput, RosterQuery, SortKey};
use shegong_core::{communities, staffing, stats, CoreError};

/// A change to a valid input that makes it invalid.
type Edit = Box<dyn Fn(&mut shegong_core::workers::WorkerInput)>;

fn err_of<T: std::fmt::Debug>(r: Result<T, CoreError>) -> (ErrorKind, Option<String>, String) {
    let e = r.expect_err("an error");
    let dto = e.to_dto();
    (dto.kind, dto.field, dto.message)
}

#[test]
fn create_normalises_and_derives_from_the_id_number() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let mut w = input("  张三 ", " 11010519491231002x ", c);
    w.phone = Some("138 0013 8000".into());
    w.hired_on = "2010-05-01".into();
    let id = worker(&mut conn, &w);
    let saved = workers::get(&conn, id, today()).expect("saved");
    assert_eq!(saved.input.name, "张三");
    assert_eq!(saved.input.id_number, "11010519491231002X");
    assert_eq!(saved.input.phone.as_deref(), Some("13800138000"));
    assert_eq!(
        (saved.gender.as_str(), saved.birth_date.as_str()),
        ("女", "1949-12-31")
    );
    assert_eq!(saved.age, 76);
    assert_eq!(saved.status, WorkerStatus::InPost);
    assert_eq!(saved.community_name, "幸福社区");
}

#[test]
fn validation_errors_name_the_field_in_chinese() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let cases: Vec<(Edit, &str, &str)> = vec![
        (Box::new(|w| w.name = " ".into()), "name", "请填写姓名"),
        (
            Box::new(|w| w.id_number = "110105194912310021".into()),
            "idNumber",
            "校验位",
        ),
        (
            Box::new(|w| w.phone = Some("12345".into())),
            "phone",
            "11 位",
        ),
        (
            Box::new(|w| w.ethnicity = "汉".into()),
            "ethnicity",
            "下拉列表",
        ),
        (
            Box::new(|w| w.party_joined_on = Some("2010-01-01".into())),
            "partyJoinedOn",
            "不填入党时间",
        ),
        (
            Box::new(|w| w.hired_on = "2020-13-01".into()),
            "hiredOn",
            "不是有效日期",
        ),
        (
            Box::new(|w| w.hired_on = "".into()),
            "hiredOn",
            "请填写入职时间",
        ),
        (
            Box::new(|w| w.probation_end = Some("2020-02-01".into())),
            "probationEnd",
            "不能早于入职时间",
        ),
        (
            Box::new(|w| w.probation_end = Some("2020-12-01".into())),
            "probationEnd",
            "6 个月",
        ),
        (
            Box::new(|w| w.community_id = 0),
            "communityId",
            "请选择所在社区",
        ),
        (
            Box::new(|w| w.community_id = 999),
            "communityId",
            "请选择所在社区",
        ),
        (
            Box::new(|w| w.category = "临时工".into()),
            "category",
            "人员类别",
        ),
        (
            Box::new(|w| w.position = "书记".into()),
            "category",
            "职务“书记”属于两委成员，人员类别应为",
        ),
    ];
    for (change, field, text) in cases {
        let mut w = input("李四", &id_for("1988-02-03", 21), c);
        change(&mut w);
        let (kind, f, message) = err_of(shegong_core::write(&mut conn, |tx| {
            workers::create(tx, &Channel::Ui, &w, today())
        }));
        assert_eq!(kind, ErrorKind::Validation, "{field}: {message}");
        assert_eq!(f.as_deref(), Some(field), "{message}");
        assert!(message.contains(text), "{field}: {message}");
    }
    assert_eq!(
        count(&conn, "SELECT count(*) FROM workers"),
        0,
        "nothing half-written"
    );
}

#[test]
fn party_member_needs_a_plausible_date() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let mut w = input("王五", &id_for("1990-06-01", 31), c);
    w.political_status = "中共党员".into();
    w.party_joined_on = Some("2005-01-01".into());
    let (_, f, m) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::create(tx, &Channel::Ui, &w, today())
    }));
    assert_eq!(
        (f.as_deref(), m.contains("18 周岁")),
        (Some("partyJoinedOn"), true)
    );
    w.party_joined_on = Some("2012-07-01".into());
    worker(&mut conn, &w);
}

#[test]
fn the_same_person_cannot_be_entered_twice() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let id = id_for("1985-04-12", 11);
    worker(&mut conn, &input("张三", &id, c));
    let dup = input("张叁", &id.to_lowercase(), c);
    let (kind, field, message) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::create(tx, &Channel::Ui, &dup, today())
    }));
    assert_eq!(kind, ErrorKind::Conflict);
    assert_eq!(field.as_deref(), Some("idNumber"));
    assert!(message.contains("已登记给“张三”（幸福社区）"), "{message}");
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '人员'"
        ),
        1
    );
}

#[test]
fn every_change_is_audited_with_old_and_new_values() {
    let mut conn = ledger();
    shegong_core::write(&mut conn, |tx| {
        shegong_core::settings::save(
            tx,
            &Channel::Ui,
            &shegong_core::settings::Settings {
                street_name: "翠苑街道".into(),
                operator: "王晓".into(),
                ..Default::default()
            },
        )
    })
    .expect("settings");
    let c = community(&mut conn, "幸福社区", 8000);
    let c2 = community(&mut conn, "和平社区", 6000);
    let id = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), c));
    let mut changed = input("张三", &id_for("1985-04-12", 11), c2);
    changed.phone = Some("13900139000".into());
    shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, id, &changed, today())
    })
    .expect("update");
    // Saving the same values again records nothing.
    shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, id, &changed, today())
    })
    .expect("same");

    let history = audit::for_worker(&conn, id).expect("history");
    // The move to another community is also a dated post record (任职经历), from today.
    assert_eq!(history.len(), 3);
    assert_eq!(
        (history[1].entity.as_str(), history[1].action.as_str()),
        ("任职经历", "新增")
    );
    assert!(
        history[1].summary.contains("（交流）"),
        "{}",
        history[1].summary
    );
    let update = &history[0];
    assert_eq!(
        (
            update.action.as_str(),
            update.operator.as_str(),
            update.channel.as_str()
        ),
        ("修改", "王晓", "界面")
    );
    let fields: Vec<(&str, Option<&str>, Option<&str>)> = update
        .changes
        .iter()
        .map(|c| (c.field.as_str(), c.old.as_deref(), c.new.as_deref()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("手机号", None, Some("13900139000")),
            ("所在社区", Some("幸福社区"), Some("和平社区"))
        ]
    );
    assert_eq!(history[2].action, "新增");
    assert!(history[2].changes.iter().any(|c| c.field == "身份证号"));
}

#[test]
fn a_failed_write_leaves_neither_the_change_nor_its_audit_row() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let before = count(&conn, "SELECT count(*) FROM audit_log");
    let result: Result<(), CoreError> = shegong_core::write(&mut conn, |tx| {
        workers::create(
            tx,
            &Channel::Ui,
            &input("张三", &id_for("1985-04-12", 11), c),
            today(),
        )?;
        // Something later in the same operation fails.
        Err(CoreError::validation("x", "模拟失败"))
    });
    assert!(result.is_err());
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), before);
}

#[test]
fn status_is_derived_as_of_a_date() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let mut w = input("赵六", &id_for("1990-01-01", 41), c);
    w.hired_on = "2024-01-01".into();
    w.probation_end = Some("2024-03-31".into());
    let id = worker(&mut conn, &w);
    let status = |conn: &shegong_core::Connection, date: &str| {
        workers::get(conn, id, d(date))
            .expect("get")
            .status
            .as_str()
    };
    assert_eq!(status(&conn, "2023-12-31"), "未入职");
    assert_eq!(status(&conn, "2024-01-01"), "试用期");
    assert_eq!(status(&conn, "2024-03-31"), "试用期");
    assert_eq!(status(&conn, "2024-04-01"), "在岗");

    let exit = ExitInput {
        exit_date: "2025-06-30".into(),
        reason: "辞职".into(),
        remarks: None,
    };
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, id, &exit, today())
    })
    .expect("exit");
    assert_eq!(status(&conn, "2025-06-29"), "在岗");
    assert_eq!(status(&conn, "2025-06-30"), "已退出");
    let retire = ExitInput {
        reason: "退休".into(),
        ..exit
    };
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, id, &retire, today())
    })
    .expect("retire");
    assert_eq!(status(&conn, "2026-01-01"), "退休");
    // The person is still in the ledger, and the roster's status filter agrees.
    let q = RosterQuery {
        status: Some(WorkerStatus::Retired),
        as_of: Some("2026-01-01".into()),
        page: 1,
        page_size: 10,
        ..Default::default()
    };
    let page = workers::roster(&conn, &q, today()).expect("roster");
    assert_eq!(page.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
    // Service stops counting at the exit: 2024-01-01 .. 2025-06-30 is 17 whole months.
    assert_eq!(
        workers::get(&conn, id, today())
            .expect("get")
            .service_months,
        17
    );

    shegong_core::write(&mut conn, |tx| {
        workers::remove_exit(tx, &Channel::Ui, id, today())
    })
    .expect("undo");
    assert_eq!(status(&conn, "2026-01-01"), "在岗");
    let actions: Vec<String> = audit::for_worker(&conn, id)
        .expect("h")
        .into_iter()
        .map(|e| format!("{}{}", e.entity, e.action))
        .collect();
    assert_eq!(
        actions,
        vec!["退出删除", "退出修改", "退出新增", "人员新增"]
    );
}

#[test]
fn exit_before_hire_is_refused() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let id = worker(&mut conn, &input("钱七", &id_for("1990-01-01", 51), c));
    let exit = ExitInput {
        exit_date: "2019-01-01".into(),
        reason: "辞职".into(),
        remarks: None,
    };
    let (_, field, message) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, id, &exit, today())
    }));
    assert_eq!(field.as_deref(), Some("exitDate"));
    assert!(message.contains("2020-03-01"), "{message}");
}

#[test]
fn certificates_are_dated_records_shown_highest_first() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let id = worker(&mut conn, &input("孙八", &id_for("1990-01-01", 61), c));
    for (kind, date) in [
        ("助理社会工作师", "2021-06-20"),
        ("社会工作师", "2024-06-20"),
    ] {
        let cert = CertificateInput {
            kind: kind.into(),
            title: None,
            obtained_on: Some(date.into()),
            cert_no: Some("0012345".into()),
            remarks: None,
        };
        shegong_core::write(&mut conn, |tx| {
            workers::add_certificate(tx, &Channel::Ui, id, &cert, today())
        })
        .expect(kind);
    }
    let future = CertificateInput {
        kind: "社会工作师".into(),
        title: None,
        obtained_on: Some("2030-01-01".into()),
        cert_no: None,
        remarks: None,
    };
    let (_, field, _) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::add_certificate(tx, &Channel::Ui, id, &future, today())
    }));
    assert_eq!(field.as_deref(), Some("obtainedOn"));
    let detail = workers::detail(&conn, id, today()).expect("detail");
    assert_eq!(detail.certificates.len(), 2);
    assert_eq!(
        detail.certificates[0].input.cert_no.as_deref(),
        Some("0012345"),
        "certificate numbers stay text"
    );
    let page = workers::roster(
        &conn,
        &RosterQuery {
            page: 1,
            page_size: 10,
            ..Default::default()
        },
        today(),
    )
    .expect("roster");
    assert_eq!(
        page.rows[0].certificates,
        vec!["社会工作师", "助理社会工作师"]
    );
    let q = RosterQuery {
        certificate: Some("无".into()),
        page: 1,
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(workers::roster(&conn, &q, today()).expect("none").total, 0);
}

#[test]
fn roster_searches_filters_sorts_and_pages() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    let b = community(&mut conn, "和平社区", 6000);
    let people = [
        ("张三", "1990-01-01", 1, a, "大学本科"),
        ("张珊珊", "1970-05-05", 2, a, "大学专科"),
        ("李四", "1985-03-03", 3, b, "大学本科"),
        ("欧阳娜娜", "1995-07-07", 4, b, "硕士研究生"),
    ];
    for (name, birth, seq, community_id, education) in people {
        let mut w = input(name, &id_for(birth, seq), community_id);
        w.education = education.into();
        worker(&mut conn, &w);
    }
    let names = |q: RosterQuery| -> Vec<String> {
        workers::roster(
            &conn,
            &RosterQuery {
                page: 1,
                page_size: 50,
                ..q
            },
            today(),
        )
        .expect("roster")
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
    };
    assert_eq!(
        names(RosterQuery {
            search: Some("zs".into()),
            ..Default::default()
        }),
        vec!["张三", "张珊珊"]
    );
    assert_eq!(
        names(RosterQuery {
            search: Some("ZS".into()),
            ..Default::default()
        }),
        vec!["张三", "张珊珊"]
    );
    assert_eq!(
        names(RosterQuery {
            search: Some("娜".into()),
            ..Default::default()
        }),
        vec!["欧阳娜娜"]
    );
    assert_eq!(
        names(RosterQuery {
            search: Some("19850303".into()),
            ..Default::default()
        }),
        vec!["李四"]
    );
    assert_eq!(
        names(RosterQuery {
            search: Some("%".into()),
            ..Default::default()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        names(RosterQuery {
            community_id: Some(a),
            education: Some("大学本科".into()),
            ..Default::default()
        }),
        vec!["张三"]
    );
    assert_eq!(
        names(RosterQuery {
            age_band: Some("56岁及以上".into()),
            ..Default::default()
        }),
        vec!["张珊珊"]
    );
    // Default order: community name, then pinyin; 和平 (h) before 幸福 (x).
    assert_eq!(
        names(RosterQuery::default()),
        vec!["李四", "欧阳娜娜", "张三", "张珊珊"]
    );
    assert_eq!(
        names(RosterQuery {
            sort: SortKey::Age,
            descending: true,
            ..Default::default()
        }),
        vec!["张珊珊", "李四", "张三", "欧阳娜娜"]
    );
    let page2 = workers::roster(
        &conn,
        &RosterQuery {
            sort: SortKey::Name,
            page: 2,
            page_size: 3,
            ..Default::default()
        },
        today(),
    )
    .expect("page 2");
    assert_eq!(
        (page2.total, page2.rows.len(), page2.rows[0].name.as_str()),
        (4, 1, "张珊珊")
    );
}

#[test]
fn staffing_counts_only_community_workers_in_post() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8350);
    community(&mut conn, "和平社区", 10_000);
    let mut seq = 1;
    let mut add = |conn: &mut shegong_core::Connection, category: &str, position: &str| {
        seq += 2;
        let mut w = input("某某", &id_for("1980-01-01", seq), a);
        w.category = category.into();
        w.position = position.into();
        worker(conn, &w)
    };
    add(&mut conn, "两委专职成员", "书记兼主任");
    add(&mut conn, "社区专职工作人员", "专职工作人员");
    add(&mut conn, "两委兼职成员", "委员");
    add(&mut conn, "挂职干部", "副书记");
    let left = add(&mut conn, "社区专职工作人员", "专职工作人员");
    let exit = ExitInput {
        exit_date: "2025-01-01".into(),
        reason: "调出".into(),
        remarks: None,
    };
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(tx, &Channel::Ui, left, &exit, today())
    })
    .expect("exit");

    let s = staffing::staffing(&conn, today()).expect("staffing");
    let row = s
        .communities
        .iter()
        .find(|r| r.name == "幸福社区")
        .expect("row");
    assert_eq!(
        (row.two_committee, row.full_time_staff, row.actual),
        (1, 1, 2)
    );
    assert_eq!((row.standard_headcount, row.gap), (16, 14));
    assert_eq!(s.total.population, 18_350);
    assert_eq!(
        s.total.standard_headcount, 34,
        "ceil(18350 × 18 / 10000 = 33.03)"
    );
    assert_eq!(s.total.actual, 2);

    let st = stats::stats(&conn, today()).expect("stats");
    assert_eq!(st.total_people, 5);
    assert_eq!(st.community_workers_in_post, 2);
    let status = |label: &str| {
        st.by_status
            .iter()
            .find(|c| c.label == label)
            .map(|c| c.count)
    };
    assert_eq!((status("在岗"), status("已退出")), (Some(4), Some(1)));
}

#[test]
fn a_community_with_people_cannot_be_deleted_and_names_are_unique() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let (kind, _, message) = err_of(shegong_core::write(&mut conn, |tx| {
        communities::delete(tx, &Channel::Ui, a)
    }));
    assert_eq!(kind, ErrorKind::Conflict);
    assert!(message.contains("1 名人员"), "{message}");
    let dup = communities::CommunityInput {
        name: " 幸福社区 ".into(),
        code: None,
        population: 1,
        population_date: None,
        households: None,
        remarks: None,
    };
    let (kind, field, _) = err_of(shegong_core::write(&mut conn, |tx| {
        communities::create(tx, &Channel::Ui, &dup)
    }));
    assert_eq!(
        (kind, field.as_deref()),
        (ErrorKind::Conflict, Some("name"))
    );
}

#[test]
fn deleting_a_mistaken_entry_is_itself_audited() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    let id = worker(&mut conn, &input("误录", &id_for("1985-04-12", 11), a));
    // A certificate typed in with the mistaken record goes with it.
    shegong_core::write(&mut conn, |tx| {
        workers::add_certificate(
            tx,
            &Channel::Ui,
            id,
            &CertificateInput {
                kind: "助理社会工作师".into(),
                title: None,
                obtained_on: Some("2021-06-20".into()),
                cert_no: None,
                remarks: None,
            },
            today(),
        )
    })
    .expect("certificate");
    let detail = workers::detail(&conn, id, today()).expect("detail");
    assert_eq!(detail.delete_refusal, None, "no history: deletable");
    shegong_core::write(&mut conn, |tx| {
        workers::delete(tx, &Channel::Ui, id, today())
    })
    .expect("delete");
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM certificates"), 0);
    let history = audit::for_worker(&conn, id).expect("history");
    assert_eq!(history[0].action, "删除");
    assert!(history[0].summary.contains("误录删除"));
    assert!(history[0]
        .changes
        .iter()
        .any(|c| c.field == "身份证号" && c.new.is_none()));
}

/// DOMAIN: a worker who exits is never deleted. 删除(误录) is refused (Conflict, saying what to
/// do instead) for a person with an exit or any other history, and the person page knows it
/// before the clerk asks (`WorkerDetail::delete_refusal`, the same words).
#[test]
fn a_person_with_an_exit_or_other_history_cannot_be_deleted() {
    let mut conn = ledger();
    let a = community(&mut conn, "幸福社区", 8000);
    let left = worker(&mut conn, &input("王五", &id_for("1985-04-12", 11), a));
    shegong_core::write(&mut conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            left,
            &ExitInput {
                exit_date: "2025-06-30".into(),
                reason: "辞职".into(),
                remarks: None,
            },
            today(),
        )
    })
    .expect("exit");
    let refusal = workers::detail(&conn, left, today())
        .expect("detail")
        .delete_refusal
        .expect("refused");
    assert_eq!(
        refusal,
        "不能删除“王五”：此人已有退出记录，不是误录的记录，台账要保留。退出的人员不删除，记录连同退出日期和原因一直保留；信息录错请点“编辑”改正，退出登记有误请“修改退出”或“撤销退出”。"
    );
    let audit_rows = count(&conn, "SELECT count(*) FROM audit_log");
    let (kind, field, message) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::delete(tx, &Channel::Ui, left, today())
    }));
    assert_eq!((kind, field), (ErrorKind::Conflict, None));
    assert_eq!(message, refusal);
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM exits"), 1);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_log"), audit_rows);

    // Training elsewhere and an assessment: listed, and deletable once they are removed.
    let trained = worker(&mut conn, &input("赵六", &id_for("1986-03-01", 13), a));
    let external = shegong_core::write(&mut conn, |tx| {
        shegong_core::training::add_external(
            tx,
            &Channel::Ui,
            trained,
            &external_training(),
            today(),
        )
    })
    .expect("training")
    .id;
    let assess = || shegong_core::grades::AssessmentInput {
        worker_id: trained,
        result: shegong_core::vocab::AssessmentResult::Pass,
        political_score: None,
        performance_score: None,
        satisfaction_score: None,
        remarks: None,
    };
    for year in [2024, 2025] {
        shegong_core::write(&mut conn, |tx| {
            shegong_core::grades::save_assessments(
                tx,
                &Channel::Ui,
                &shegong_core::grades::AssessmentBatch {
                    year,
                    rows: vec![assess()],
                },
                today(),
            )
        })
        .expect("assessment");
    }
    let refusal = workers::detail(&conn, trained, today())
        .expect("detail")
        .delete_refusal
        .expect("refused");
    assert_eq!(
        refusal,
        "不能删除“赵六”：此人已有年度考核 2 条、个人培训记录，不是误录的记录，台账要保留。人员离开请点“登记退出”，记录会一直保留；信息录错请点“编辑”改正；确属误录的，请先删除上述记录再删除此人。"
    );
    let (kind, _, _) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::delete(tx, &Channel::Ui, trained, today())
    }));
    assert_eq!(kind, ErrorKind::Conflict);

    shegong_core::write(&mut conn, |tx| {
        shegong_core::training::remove_external(tx, &Channel::Ui, external)?;
        for a in shegong_core::grades::worker_assessments(tx, trained)? {
            shegong_core::grades::delete_assessment(tx, &Channel::Ui, a.id)?;
        }
        Ok(())
    })
    .expect("remove the mistaken records");
    assert_eq!(
        workers::detail(&conn, trained, today())
            .expect("detail")
            .delete_refusal,
        None
    );
    shegong_core::write(&mut conn, |tx| {
        workers::delete(tx, &Channel::Ui, trained, today())
    })
    .expect("now a mistaken entry");
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
}

#[test]
fn demo_is_deterministic_valid_and_near_the_standard() {
    let build = || {
        let mut conn = ledger();
        let options = shegong_core::demo::DemoOptions {
            seed: 42,
            communities: 5,
            workers: None,
        };
        let summary = shegong_core::write(&mut conn, |tx| {
            shegong_core::demo::generate(tx, &options, today())
        })
        .expect("demo");
        (conn, summary)
    };
    let (a, sa) = build();
    let (b, sb) = build();
    assert_eq!(sa, sb);
    let dump = |conn: &shegong_core::Connection| -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT name, id_number, hired_on FROM workers ORDER BY id")
            .expect("stmt");
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("q")
            .map(|r| r.expect("row"))
            .collect()
    };
    assert_eq!(dump(&a), dump(&b));
    for (_, id, _) in dump(&a) {
        shegong_core::idcard::parse(&id).expect("demo IDs are valid");
        assert!(id.starts_with("3301"), "regions of one city");
    }
    let s = staffing::staffing(&a, today()).expect("staffing");
    for row in &s.communities {
        assert!((3_000..=20_000).contains(&row.population));
        let ratio = row.actual as f64 / row.standard_exact;
        assert!(
            (0.7..=1.15).contains(&ratio),
            "{}: {} of {}",
            row.name,
            row.actual,
            row.standard_exact
        );
    }
    assert!(sa.exits > 0 || sa.workers < 40);
    assert!(sa.certificates > sa.workers / 4);
    // Every demo person holds a post their 人员类别 may hold (vocab::POSTS_BY_CATEGORY).
    let mut stmt = a
        .prepare("SELECT DISTINCT category, position FROM workers")
        .expect("stmt");
    let pairs: Vec<(Category, Position)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("q")
        .map(|r| r.expect("row"))
        .collect();
    assert!(pairs.len() >= 5, "{pairs:?}");
    for (c, p) in pairs {
        assert!(c.posts().contains(&p), "demo has {c} as {p}");
    }
}

/// A ledger kept before 人员类别 × 职务 was checked may hold a 社区专职工作人员 recorded as 书记:
/// it still opens, lists and records an exit; saving the record asks for the fix, on 人员类别.
#[test]
fn an_inconsistent_record_from_an_older_ledger_opens_and_is_fixed_on_save() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 8000);
    let record = input("李四", &id_for("1985-04-12", 11), c);
    let id = worker(&mut conn, &record);
    conn.execute("UPDATE workers SET position = '书记' WHERE id = ?1", [id])
        .expect("as an older release could have saved it");

    let w = workers::get(&conn, id, today()).expect("opens");
    assert_eq!(
        (w.input.category.as_str(), w.input.position.as_str()),
        ("社区专职工作人员", "书记")
    );
    let q = RosterQuery {
        page: 1,
        page_size: 10,
        ..Default::default()
    };
    assert_eq!(
        workers::roster(&conn, &q, today()).expect("roster").total,
        1
    );

    let as_stored = w.input.clone();
    let (kind, field, message) = err_of(shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, id, &as_stored, today())
    }));
    assert_eq!(kind, ErrorKind::Validation);
    assert_eq!(field.as_deref(), Some("category"));
    assert_eq!(
        message,
        "职务“书记”属于两委成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。"
    );
    let fixed = workers::WorkerInput {
        category: "两委专职成员".into(),
        ..as_stored
    };
    shegong_core::write(&mut conn, |tx| {
        workers::update(tx, &Channel::Ui, id, &fixed, today())
    })
    .expect("fixed");
    assert_eq!(
        workers::get(&conn, id, today())
            .expect("get")
            .input
            .category,
        "两委专职成员"
    );
}
