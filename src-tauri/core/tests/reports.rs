//! The county workbook, read back with calamine: sheets, headers, cell types, masking,
//! formula-looking text, people who exited, and every summary total against the roster.
//! The PDF test converts a workbook with LibreOffice (skipped with a notice when it is not
//! installed) and checks the pages.

mod common;

use calamine::{open_workbook, Data, DataType, Range, Reader, Xlsx};
use chrono::NaiveDate;
use common::*;
use shegong_core::audit::Channel;
use shegong_core::care::{self, CheckupAttendeeInput, CheckupRoundInput, DifficultyInput};
use shegong_core::grades::{self, AssessmentBatch, AssessmentInput, GradeRecordInput};
use shegong_core::reports::{self, ExportProgress, ReportOptions};
use shegong_core::settings::{self, Settings};
use shegong_core::training::{self, AttendeeInput, ClassInput};
use shegong_core::vocab::{AssessmentResult, DifficultyStatus, VisitForm};
use shegong_core::workers::{self, history, ExitInput, RosterQuery, SortKey};
use shegong_core::{demo, idcard, Connection, CoreError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-06-30";
const ALL_SHEETS: [&str; 11] = [
    "封面",
    "花名册",
    "配备情况",
    "队伍结构",
    "岗位等级与薪酬",
    "培训情况",
    "考核情况",
    "人员变动",
    "人员变动明细",
    "关爱情况",
    "借调情况",
];
/// Tables start under the title and subtitle.
const HEADER_ROW: u32 = 2;

fn generated_at() -> chrono::NaiveDateTime {
    d("2026-07-02").and_hms_opt(9, 30, 0).expect("time")
}

fn options() -> ReportOptions {
    ReportOptions {
        as_of: AS_OF.into(),
        ..Default::default()
    }
}

fn export(conn: &Connection, options: &ReportOptions, dir: &Path) -> PathBuf {
    let path = dir.join("报表.xlsx");
    reports::export_county(conn, options, &path, generated_at(), &mut |_| {}).expect("export");
    path
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("open xlsx")
}

fn sheet(path: &Path, name: &str) -> Range<Data> {
    open(path).worksheet_range(name).expect("sheet")
}

fn text(range: &Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({row},{col}) is not text: {other:?}"),
    }
}

fn number(range: &Range<Data>, row: u32, col: u32) -> f64 {
    match range.get_value((row, col)) {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(n)) => *n as f64,
        other => panic!("({row},{col}) is not a number: {other:?}"),
    }
}

/// The header row's labels as column indices.
fn headers(range: &Range<Data>, row: u32) -> HashMap<String, u32> {
    let width = range.end().map_or(0, |(_, c)| c + 1);
    (0..width)
        .filter_map(|c| match range.get_value((row, c)) {
            Some(Data::String(s)) => Some((s.clone(), c)),
            _ => None,
        })
        .collect()
}

/// The roster's data rows as maps from header to cell.
fn roster_rows(path: &Path) -> Vec<HashMap<String, Data>> {
    let r = sheet(path, "花名册");
    let cols = headers(&r, HEADER_ROW);
    let last = r.end().map_or(0, |(row, _)| row);
    (HEADER_ROW + 1..=last)
        .map(|row| {
            cols.iter()
                .map(|(h, c)| {
                    (
                        h.clone(),
                        r.get_value((row, *c)).cloned().unwrap_or(Data::Empty),
                    )
                })
                .collect()
        })
        .collect()
}

fn s(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

fn excel_serial(date: &str) -> f64 {
    (d(date) - NaiveDate::from_ymd_opt(1899, 12, 30).expect("epoch")).num_days() as f64
}

fn set_street(conn: &mut Connection) {
    shegong_core::write(conn, |tx| {
        settings::save(
            tx,
            &Channel::Ui,
            &Settings {
                street_name: "翠苑街道".into(),
                county: "杭州市西湖区".into(),
                operator: "测试".into(),
                preparer: "李晓燕".into(),
                phone: "0571-88001234".into(),
            },
        )
    })
    .expect("settings");
}

fn exit(conn: &mut Connection, id: i64, date: &str, reason: &str, remarks: Option<&str>) {
    shegong_core::write(conn, |tx| {
        workers::set_exit(
            tx,
            &Channel::Ui,
            id,
            &ExitInput {
                exit_date: date.into(),
                reason: reason.into(),
                remarks: remarks.map(Into::into),
            },
            today(),
        )
    })
    .expect("exit");
}

/// A small street whose every person is there for a reason.
struct Small {
    conn: Connection,
    zhang_id_number: String,
}

fn small() -> Small {
    let mut conn = ledger();
    set_street(&mut conn);
    let a = community(&mut conn, "东风社区", 10_000);
    let b = community(&mut conn, "光明社区", 5_000);

    // In post, with text a spreadsheet could take for formulas.
    let zhang_id_number = id_for("1980-05-10", 11);
    let mut zhang = input("张三", &zhang_id_number, a);
    zhang.category = "两委专职成员".into();
    zhang.position = "书记".into();
    zhang.post_detail = Some("+8613800000000".into());
    zhang.remarks = Some("=SUM(A1)".into());
    zhang.phone = Some("13800138000".into());
    zhang.party_joined_on = Some("2005-07-01".into());
    zhang.political_status = "中共党员".into();
    let zhang = worker(&mut conn, &zhang);

    // Exits within the period.
    let mut li = input("李四", &id_for("1990-01-02", 22), a);
    li.remarks = Some("@cmd".into());
    let li = worker(&mut conn, &li);
    exit(&mut conn, li, "2026-03-01", "辞职", Some("-回老家"));

    // Hired within the period, probation completed within it.
    let mut wang = input("王五", &id_for("1995-03-04", 33), b);
    wang.hired_on = "2026-02-01".into();
    wang.probation_end = Some("2026-04-30".into());
    wang.source = Some("高校毕业生".into());
    let wang = worker(&mut conn, &wang);

    // Not a community worker: on the roster, not in the summaries.
    let mut zhao = input("赵六", &id_for("1970-08-09", 44), b);
    zhao.category = "两委兼职成员".into();
    zhao.position = "委员".into();
    let zhao = worker(&mut conn, &zhao);

    // Exited before the period: on no sheet.
    let qian = worker(&mut conn, &input("钱七", &id_for("1985-11-12", 55), b));
    exit(&mut conn, qian, "2025-05-01", "调出", None);

    // Hired after the as-of date: 未入职, not on the roster.
    let mut sun = input("孙八", &id_for("1999-12-01", 66), a);
    sun.hired_on = "2026-07-15".into();
    worker(&mut conn, &sun);

    training_and_care(&mut conn, zhang, wang, zhao);
    grades_and_assessments(&mut conn, zhang, qian);
    Small {
        conn,
        zhang_id_number,
    }
}

fn class(conn: &mut Connection, tier: &str, date: &str, hours: f64, people: &[i64]) {
    shegong_core::write(conn, |tx| {
        let c = training::create_class(
            tx,
            &Channel::Ui,
            &ClassInput {
                name: format!("{tier}班"),
                kind: "在职培训".into(),
                tier: tier.into(),
                start_date: date.into(),
                end_date: date.into(),
                hours,
                mode: "线下".into(),
                ..Default::default()
            },
            today(),
        )?;
        let lines: Vec<AttendeeInput> = people
            .iter()
            .map(|w| AttendeeInput {
                worker_id: *w,
                hours: None,
                result: "结业".into(),
                remarks: None,
            })
            .collect();
        training::add_attendees(tx, &Channel::Ui, c.id, &lines)
    })
    .expect("class");
}

/// 张三 (书记) had a county class in 2024 but none in 2025: overdue. Both had a street class
/// in 2026, which does not count for the rotation. 张三 was checked this year, 王五 listed
/// but absent; 张三 and 赵六 were visited at 春节; 王五's difficulty has been open 90 days.
fn training_and_care(conn: &mut Connection, zhang: i64, wang: i64, zhao: i64) {
    class(conn, "县级骨干培训", "2024-10-01", 8.0, &[zhang]);
    class(
        conn,
        "街道(乡镇)全员培训",
        "2026-03-10",
        4.0,
        &[zhang, wang],
    );
    shegong_core::write(conn, |tx| {
        let line = |worker_id: i64, attended: bool| CheckupAttendeeInput {
            worker_id,
            attended,
            ..Default::default()
        };
        care::create_checkup_round(
            tx,
            &Channel::Ui,
            &CheckupRoundInput {
                checkup_date: "2026-05-20".into(),
                institution: "区人民医院".into(),
                remarks: None,
                attendees: vec![line(zhang, true), line(wang, false)],
            },
            today(),
        )?;
        care::create_visits(
            tx,
            &Channel::Ui,
            &care::VisitBatchInput {
                festival: "春节".into(),
                year: 2026,
                visit_date: "2026-02-10".into(),
                form: VisitForm::Cash,
                amount: Some("500".into()),
                visited_by: None,
                remarks: None,
                worker_ids: vec![zhang, zhao],
            },
            today(),
        )?;
        care::create_difficulty(
            tx,
            &Channel::Ui,
            &DifficultyInput {
                worker_id: wang,
                reported_on: "2026-04-01".into(),
                category: "生活".into(),
                description: "租房困难".into(),
                status: DifficultyStatus::Open,
                resolution: None,
                resolved_on: None,
            },
            today(),
        )
    })
    .expect("training and care");
}

/// The 三岗十八级 template adopted from 2015; 张三 (书记, so 正职 7–18) is 正职 9 级 from
/// 2025, 10 级 from 2026 and 11 级 only from 2026-07-01, after the as-of date; 王五 has no
/// grade. The 2026 standard is generated from 3000 yuan (10 级: 3000 × 1.36 = 4080.00).
/// 2025's assessment: 张三 不合格 (with a remark a spreadsheet could take for a formula),
/// 钱七 (exited in 2025) 优秀, 李四 (exited in 2026) not yet entered.
fn grades_and_assessments(conn: &mut Connection, zhang: i64, qian: i64) {
    let mut scheme = grades::get_scheme(conn, 1).expect("template").input;
    scheme.name = "本区社区工作者岗位等级".into();
    scheme.effective_from = Some("2015-01-01".into());
    shegong_core::write(conn, |tx| {
        let scheme = grades::create_scheme(tx, &Channel::Ui, &scheme)?;
        for (date, level) in [("2025-01-01", 9), ("2026-01-01", 10), ("2026-07-01", 11)] {
            grades::add_grade_record(
                tx,
                &Channel::Ui,
                zhang,
                &GradeRecordInput {
                    effective_date: date.into(),
                    category: "正职".into(),
                    level,
                    reason: "手工调整".into(),
                    note: None,
                },
                today(),
            )?;
        }
        grades::create_salary_version(
            tx,
            &Channel::Ui,
            &grades::SalaryVersionInput {
                name: "2026 年薪酬标准".into(),
                effective_from: "2026-01-01".into(),
                performance_percent: 20,
                remarks: None,
                cells: grades::generate_amounts(&scheme, "3000", 0.04)?,
            },
        )?;
        let row = |worker_id: i64, result: &str, remarks: Option<&str>| AssessmentInput {
            worker_id,
            result: AssessmentResult::parse(result).expect("result"),
            political_score: None,
            performance_score: None,
            satisfaction_score: None,
            remarks: remarks.map(Into::into),
        };
        grades::save_assessments(
            tx,
            &Channel::Ui,
            &AssessmentBatch {
                year: 2025,
                rows: vec![
                    row(zhang, "不合格", Some("=群众投诉3次")),
                    row(qian, "优秀", None),
                ],
            },
            today(),
        )
    })
    .expect("grades and assessments");
}

fn demo_ledger(communities: usize, workers: Option<usize>) -> Connection {
    let mut conn = ledger();
    shegong_core::write(&mut conn, |tx| {
        demo::generate(
            tx,
            &demo::DemoOptions {
                seed: 11,
                communities,
                workers,
            },
            d(AS_OF),
        )
    })
    .expect("demo");
    conn
}

#[test]
fn sheets_in_order_and_by_choice() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());
    assert_eq!(open(&path).sheet_names(), ALL_SHEETS);

    let chosen = ReportOptions {
        sheets: vec!["人员变动".into(), " 封面 ".into()],
        ..options()
    };
    let path = export(&small.conn, &chosen, dir.path());
    assert_eq!(open(&path).sheet_names(), ["封面", "人员变动"]);
    let cover = sheet(&path, "封面");
    let listed: Vec<String> = cover
        .rows()
        .filter_map(|r| match r.get(1) {
            Some(Data::String(s)) if ALL_SHEETS.contains(&s.as_str()) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(listed, ["封面", "人员变动"], "the cover lists the sheets");

    let names: Vec<String> = reports::report_sheets()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, ALL_SHEETS);
}

#[test]
fn cover_says_who_when_and_what() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());
    let cover = sheet(&path, "封面");
    let all: Vec<String> = cover
        .rows()
        .flat_map(|r| r.iter().filter_map(|c| c.get_string().map(str::to_string)))
        .collect();
    for expected in [
        "杭州市西湖区翠苑街道\n社区工作者队伍统计报表",
        "翠苑街道",
        "杭州市西湖区",
        "2026年1月1日 至 2026年6月30日",
        "2026年6月30日",
        "李晓燕",
        "0571-88001234",
        "2026年7月2日",
        "2026-07-02 09:30",
    ] {
        assert!(
            all.iter().any(|t| t == expected),
            "cover lacks {expected}: {all:?}"
        );
    }
}

#[test]
fn roster_headers_and_cell_types() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());
    let r = sheet(&path, "花名册");
    assert_eq!(text(&r, 0, 0), "社区工作者花名册");
    assert!(text(&r, 1, 0).contains("填报单位：杭州市西湖区翠苑街道"));
    let header: Vec<String> = (0..29).map(|c| text(&r, HEADER_ROW, c)).collect();
    assert_eq!(
        header,
        [
            "序号",
            "社区",
            "姓名",
            "性别",
            "民族",
            "出生年月",
            "年龄",
            "身份证号",
            "政治面貌",
            "入党时间",
            "最高学历",
            "是否全日制",
            "毕业院校及专业",
            "人员类别",
            "职务",
            "具体岗位",
            "参加社区工作时间",
            "社区工作年限",
            "职业资格",
            "岗位类别",
            "岗位等级",
            "上年度考核结果",
            "近三年培训",
            "本年体检",
            "入职时间",
            "试用期满",
            "状态",
            "手机号",
            "备注",
        ]
    );

    let rows = roster_rows(&path);
    let names: Vec<String> = rows.iter().map(|r| s(&r["姓名"])).collect();
    // In post only, in official order: community, then category (两委 first).
    assert_eq!(names, ["张三", "王五", "赵六"]);
    let zhang = &rows[0];
    assert_eq!(zhang["序号"], Data::Float(1.0));
    assert!(matches!(zhang["身份证号"], Data::String(_)), "ID as text");
    assert!(matches!(zhang["手机号"], Data::String(_)), "phone as text");
    assert_eq!(s(&zhang["手机号"]), "13800138000");
    assert!(matches!(zhang["年龄"], Data::Float(_)), "age as a number");
    assert_eq!(zhang["年龄"], Data::Float(46.0));
    for (col, date) in [
        ("出生年月", "1980-05-10"),
        ("入党时间", "2005-07-01"),
        ("入职时间", "2020-03-01"),
        ("参加社区工作时间", "2020-03-01"),
    ] {
        match &zhang[col] {
            Data::DateTime(x) => assert_eq!(x.as_f64(), excel_serial(date), "{col}"),
            other => panic!("{col} is not a date: {other:?}"),
        }
    }
    assert_eq!(zhang["社区工作年限"], Data::Float(6.0));
    assert_eq!(s(&zhang["状态"]), "在岗");
    assert_eq!(
        s(&rows[1]["状态"]),
        "在岗",
        "王五's probation ended 2026-04-30"
    );
    assert_eq!(s(&rows[2]["人员类别"]), "两委兼职成员");
}

/// The row whose first cell is `label`, from `from` on.
fn row_of(range: &Range<Data>, label: &str, from: u32) -> u32 {
    let last = range.end().map_or(0, |e| e.0);
    (from..=last)
        .find(|r| text(range, *r, 0) == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

#[test]
fn training_and_care_sheets_and_roster_columns() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());

    let rows = roster_rows(&path);
    let of = |name: &str| rows.iter().find(|r| s(&r["姓名"]) == name).expect(name);
    assert_eq!(
        s(&of("张三")["近三年培训"]),
        "1次，8学时",
        "the street class does not count"
    );
    assert_eq!(s(&of("张三")["本年体检"]), "是");
    assert_eq!(s(&of("王五")["近三年培训"]), "无");
    assert_eq!(s(&of("王五")["本年体检"]), "否", "listed but absent");
    assert_eq!(s(&of("赵六")["本年体检"]), "否");

    let t = sheet(&path, "培训情况");
    assert_eq!(text(&t, 0, 0), "社区工作者培训情况表");
    assert!(text(&t, 1, 0).contains("填报单位：杭州市西湖区翠苑街道"));
    let top = row_of(&t, "项目", 0);
    let mut cols = headers(&t, top);
    cols.extend(headers(&t, top + 1));
    for group in [
        "按培训类型",
        "按培训层级",
        "合计",
        "在职培训",
        "县级骨干培训",
    ] {
        assert!(cols.contains_key(group), "{group}: {cols:?}");
    }
    let classes = row_of(&t, "培训班次（期）", top);
    let (attendances, hours) = (classes + 1, classes + 2);
    assert_eq!(text(&t, attendances, 0), "参训人次");
    assert_eq!(number(&t, classes, cols["合计"]), 1.0, "2026 only");
    assert_eq!(number(&t, classes, cols["街道(乡镇)全员培训"]), 1.0);
    assert_eq!(number(&t, classes, cols["县级骨干培训"]), 0.0);
    assert_eq!(number(&t, attendances, cols["合计"]), 2.0);
    assert_eq!(number(&t, hours, cols["在职培训"]), 8.0);
    let leaders = row_of(&t, "书记、主任、书记兼主任", hours);
    let cov = headers(&t, leaders - 1);
    assert_eq!(number(&t, leaders, cov["应训人数"]), 1.0);
    assert_eq!(number(&t, leaders, cov["已训人数"]), 0.0);
    assert_eq!(number(&t, leaders, cov["覆盖率"]), 0.0);
    let others = row_of(&t, "其他社区工作者", leaders);
    assert_eq!(number(&t, others, cov["应训人数"]), 1.0, "王五");
    let list = row_of(&t, "社区", others);
    let lc = headers(&t, list);
    assert_eq!(text(&t, list + 1, lc["姓名"]), "张三");
    match t.get_value((list + 1, lc["应训截止日期"])) {
        Some(Data::DateTime(x)) => assert_eq!(x.as_f64(), excel_serial("2025-12-31")),
        other => panic!("due date: {other:?}"),
    }
    assert_eq!(
        text(&t, list + 1, lc["最近一次计入的培训"]),
        "县级骨干培训班"
    );
    assert!(text(&t, list + 2, 0).is_empty(), "only 张三 is overdue");

    let c = sheet(&path, "关爱情况");
    assert_eq!(text(&c, 0, 0), "社区工作者关心关爱情况表");
    let checkups = row_of(&c, "在岗社区工作者", 0);
    let cc = headers(&c, checkups - 1);
    assert_eq!(number(&c, checkups, cc["应检人数"]), 2.0, "张三 and 王五");
    assert_eq!(number(&c, checkups, cc["已体检人数"]), 1.0);
    assert_eq!(number(&c, checkups, cc["体检率"]), 0.5);
    let spring = row_of(&c, "春节", checkups);
    let vc = headers(&c, spring - 1);
    assert_eq!(number(&c, spring, vc["慰问人数"]), 2.0);
    assert_eq!(number(&c, spring, vc["慰问金额（元）"]), 1000.0);
    let total = row_of(&c, "合计", spring);
    assert_eq!(number(&c, total, vc["慰问人次"]), 2.0);
    assert_eq!(number(&c, total, vc["慰问金额（元）"]), 1000.0);
    let waiting = row_of(&c, "待办理", total);
    assert_eq!(number(&c, waiting, 1), 1.0);
    let flagged = row_of(&c, "社区", waiting);
    let fc = headers(&c, flagged);
    assert_eq!(text(&c, flagged + 1, fc["姓名"]), "王五");
    assert_eq!(number(&c, flagged + 1, fc["已历时（天）"]), 90.0);
    let all: Vec<String> = c
        .rows()
        .flat_map(|r| r.iter().filter_map(|x| x.get_string().map(str::to_string)))
        .collect();
    assert!(
        !all.iter().any(|t| t.contains("租房困难")),
        "no description of a difficulty"
    );
}

#[test]
fn grade_and_assessment_sheets_and_roster_columns() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());

    let rows = roster_rows(&path);
    let of = |name: &str| rows.iter().find(|r| s(&r["姓名"]) == name).expect(name);
    let zhang = of("张三");
    assert_eq!(s(&zhang["岗位类别"]), "正职");
    assert_eq!(
        zhang["岗位等级"],
        Data::Float(10.0),
        "the grade in effect on the as-of date, not the later one"
    );
    assert_eq!(s(&zhang["上年度考核结果"]), "不合格");
    for name in ["王五", "赵六"] {
        for col in ["岗位类别", "岗位等级", "上年度考核结果"] {
            assert_eq!(of(name)[col], Data::Empty, "{name} {col}");
        }
    }

    // 岗位等级与薪酬: a row per community, then the street.
    let g = sheet(&path, "岗位等级与薪酬");
    assert_eq!(text(&g, 0, 0), "社区工作者岗位等级与薪酬情况表");
    assert!(text(&g, 1, 0).contains("填报单位：杭州市西湖区翠苑街道"));
    let groups = headers(&g, HEADER_ROW);
    let subs = headers(&g, HEADER_ROW + 1);
    for title in [
        "序号",
        "社区",
        "在岗人数",
        "正职（7–18级）",
        "副职（4–15级）",
        "其他社区工作者（1–12级）",
        "未定级人数",
        "人员经费",
    ] {
        assert!(groups.contains_key(title), "{title}: {groups:?}");
    }
    let top = groups["正职（7–18级）"];
    assert_eq!(text(&g, HEADER_ROW + 1, top), "人数");
    assert_eq!(text(&g, HEADER_ROW + 1, top + 3), "平均等级");
    let money = groups["人员经费"];
    assert_eq!(text(&g, HEADER_ROW + 1, money), "本月合计（元）");
    let find = |label: &str| {
        (HEADER_ROW + 2..=g.end().map_or(0, |e| e.0))
            .find(|r| text(&g, *r, 1) == label)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let (east, bright, street) = (find("东风社区"), find("光明社区"), find("全街道合计"));
    assert_eq!(street, HEADER_ROW + 4, "two communities, then the street");
    let people = groups["在岗人数"];
    let ungraded = groups["未定级人数"];
    // 张三: 正职 10 级; 4080.00 a month; the year is 6 × 4080 + 6 × 4200 (11 级 from July).
    for (row, n, level, none, month, year, without) in [
        (east, 1.0, Some(10.0), 0.0, 4080.0, 49_680.0, 0.0),
        (bright, 1.0, None, 1.0, 0.0, 0.0, 1.0),
        (street, 2.0, Some(10.0), 1.0, 4080.0, 49_680.0, 1.0),
    ] {
        assert_eq!(number(&g, row, people), n, "row {row}");
        match level {
            Some(l) => {
                assert_eq!(number(&g, row, top), 1.0);
                for c in top + 1..top + 4 {
                    assert_eq!(number(&g, row, c), l, "row {row} col {c}");
                }
            }
            None => {
                assert_eq!(number(&g, row, top), 0.0);
                assert_eq!(g.get_value((row, top + 3)), Some(&Data::Empty));
            }
        }
        assert_eq!(number(&g, row, ungraded), none, "row {row}");
        assert_eq!(number(&g, row, money), month, "row {row}");
        assert_eq!(number(&g, row, money + 1), year, "row {row}");
        assert_eq!(number(&g, row, money + 2), without, "row {row}");
    }
    assert_eq!(subs["未核定标准人数"], money + 2);
    let totals = grades::salary_totals(&small.conn, d(AS_OF)).expect("totals");
    assert_eq!(
        number(&g, street, money + 1),
        totals.street.annual_fen as f64 / 100.0
    );
    let note = text(&g, street + 2, 0);
    assert!(note.contains("本区社区工作者岗位等级"), "{note}");
    assert!(note.contains("2026 年薪酬标准"), "{note}");

    // 考核情况: 2025, per community and the street, then who was rated 不合格.
    let a = sheet(&path, "考核情况");
    assert_eq!(text(&a, 0, 0), "社区工作者年度考核情况表");
    let subtitle: String = (0..9).map(|c| text(&a, 1, c)).collect();
    assert!(subtitle.contains("考核年度：2025年"), "{subtitle}");
    let head = row_of(&a, "社区", 0);
    assert_eq!(text(&a, head - 1, 0), "一、2025年度考核结果");
    let ac = headers(&a, head);
    let expect = |label: &str, cells: [f64; 8]| {
        let row = row_of(&a, label, head);
        for (h, v) in [
            "应考核人数",
            "已考核人数",
            "优秀",
            "合格",
            "基本合格",
            "不合格",
            "未考核",
            "优秀比例",
        ]
        .iter()
        .zip(cells)
        {
            assert_eq!(number(&a, row, ac[*h]), v, "{label} {h}");
        }
    };
    // 东风社区: 张三 不合格, 李四 (exited 2026) not entered; 光明社区: 钱七 (exited 2025) 优秀.
    expect("东风社区", [2.0, 1.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0]);
    expect("光明社区", [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 1.0]);
    expect("全街道合计", [3.0, 2.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.5]);
    let list = row_of(&a, "社区", head + 1);
    assert!(text(&a, list - 1, 0).contains("不合格人员（共 1 人）"));
    let lc = headers(&a, list);
    assert_eq!(text(&a, list + 1, lc["姓名"]), "张三");
    assert_eq!(text(&a, list + 1, lc["职务"]), "书记");
    assert_eq!(text(&a, list + 1, lc["考核结果"]), "不合格");
    assert_eq!(text(&a, list + 1, lc["备注"]), "=群众投诉3次", "as text");
    assert!(text(&a, list + 2, 0).is_empty(), "only 张三");
}

#[test]
fn id_numbers_masked_by_default_full_on_request() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&small.conn, &options(), dir.path());
    let rows = roster_rows(&path);
    let shown = s(&rows[0]["身份证号"]);
    assert_eq!(shown, idcard::mask(&small.zhang_id_number));
    assert_eq!(&shown[..6], &small.zhang_id_number[..6]);
    assert_eq!(&shown[6..14], "********");
    assert_eq!(&shown[14..], &small.zhang_id_number[14..]);
    for r in &rows {
        assert!(s(&r["身份证号"]).contains("********"));
    }

    let full = ReportOptions {
        full_id_numbers: true,
        ..options()
    };
    let path = export(&small.conn, &full, dir.path());
    assert_eq!(s(&roster_rows(&path)[0]["身份证号"]), small.zhang_id_number);
}

#[test]
fn formula_looking_text_is_written_as_text() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let with_exited = ReportOptions {
        include_exited: true,
        ..options()
    };
    let path = export(&small.conn, &with_exited, dir.path());
    let rows = roster_rows(&path);
    let zhang = rows.iter().find(|r| s(&r["姓名"]) == "张三").expect("张三");
    assert_eq!(zhang["备注"], Data::String("=SUM(A1)".into()));
    assert_eq!(zhang["具体岗位"], Data::String("+8613800000000".into()));
    let li = rows.iter().find(|r| s(&r["姓名"]) == "李四").expect("李四");
    assert_eq!(li["备注"], Data::String("@cmd".into()));
    let list = sheet(&path, "人员变动明细");
    let cols = headers(&list, HEADER_ROW);
    let found = (HEADER_ROW + 1..=list.end().map_or(0, |e| e.0))
        .any(|row| text(&list, row, cols["退出说明"]) == "-回老家");
    assert!(found, "exit remarks kept as text");

    let mut book = open(&path);
    for name in ALL_SHEETS {
        let formulas = book.worksheet_formula(name).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formula anywhere, {name}"
        );
    }
}

#[test]
fn exits_within_the_period() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");

    let path = export(&small.conn, &options(), dir.path());
    let names: Vec<String> = roster_rows(&path).iter().map(|r| s(&r["姓名"])).collect();
    assert!(
        !names.contains(&"李四".to_string()),
        "not on the roster by default"
    );
    let list = sheet(&path, "人员变动明细");
    let cols = headers(&list, HEADER_ROW);
    let last = list.end().map_or(0, |e| e.0);
    let events: Vec<(String, String, String)> = (HEADER_ROW + 1..=last)
        .map(|row| {
            (
                text(&list, row, cols["姓名"]),
                text(&list, row, cols["变动类型"]),
                text(&list, row, cols["退出原因"]),
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("王五".into(), "新入职".into(), String::new()),
            ("李四".into(), "退出".into(), "辞职".into()),
            ("王五".into(), "试用期满".into(), String::new()),
        ]
    );
    match list.get_value((HEADER_ROW + 2, cols["日期"])) {
        Some(Data::DateTime(x)) => assert_eq!(x.as_f64(), excel_serial("2026-03-01")),
        other => panic!("exit date: {other:?}"),
    }

    let with_exited = ReportOptions {
        include_exited: true,
        ..options()
    };
    let path = export(&small.conn, &with_exited, dir.path());
    let rows = roster_rows(&path);
    let li = rows
        .iter()
        .find(|r| s(&r["姓名"]) == "李四")
        .expect("李四 listed");
    assert_eq!(s(&li["状态"]), "已退出");
    assert_eq!(s(&li["退出原因"]), "辞职");
    assert!(matches!(li["退出日期"], Data::DateTime(_)));
    assert!(
        !rows.iter().any(|r| s(&r["姓名"]) == "钱七"),
        "exited before the period"
    );
    assert!(
        !rows.iter().any(|r| s(&r["姓名"]) == "孙八"),
        "not yet hired"
    );
}

#[test]
fn summary_totals_agree_with_the_roster() {
    let conn = demo_ledger(8, None);
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&conn, &options(), dir.path());
    let rows = roster_rows(&path);
    assert!(rows.len() > 100, "a real street");
    let in_post = |r: &HashMap<String, Data>| matches!(s(&r["状态"]).as_str(), "在岗" | "试用期");
    assert!(
        rows.iter().all(in_post),
        "the default roster is in post only"
    );
    let counted = |r: &&HashMap<String, Data>| {
        matches!(
            s(&r["人员类别"]).as_str(),
            "两委专职成员" | "社区专职工作人员"
        )
    };
    let per = |category: &str, community: Option<&str>| {
        rows.iter()
            .filter(|r| s(&r["人员类别"]) == category)
            .filter(|r| community.is_none_or(|c| s(&r["社区"]) == c))
            .count() as f64
    };
    let workers: Vec<&HashMap<String, Data>> = rows.iter().filter(counted).collect();

    // 配备情况: per community and the street, by category.
    let st = sheet(&path, "配备情况");
    let first = HEADER_ROW + 2;
    let last = (first..)
        .find(|r| text(&st, *r, 1) == "全街道合计")
        .expect("total row");
    assert_eq!(last - first, 8, "a row per community");
    for row in first..=last {
        let community = (row < last).then(|| text(&st, row, 1));
        let two = per("两委专职成员", community.as_deref());
        let staff = per("社区专职工作人员", community.as_deref());
        assert_eq!(number(&st, row, 6), two, "两委专职成员 row {row}");
        assert_eq!(number(&st, row, 7), staff, "社区专职工作人员 row {row}");
        assert_eq!(number(&st, row, 5), two + staff, "合计 row {row}");
    }
    assert_eq!(number(&st, last, 5), workers.len() as f64);
    // The roster says how its count relates to 实有 (it lists 兼职、挂职 too), and the
    // staffing note gives the rounding difference with this sheet's numbers.
    let roster_sheet = sheet(&path, "花名册");
    let subtitle = (0..roster_sheet.width() as u32)
        .map(|c| text(&roster_sheet, 1, c))
        .collect::<String>();
    assert!(
        subtitle.contains(&format!(
            "共 {} 人：两委专职成员和社区专职工作人员在岗 {} 人（即配备情况表的实有人数）",
            rows.len(),
            workers.len()
        )),
        "{subtitle}"
    );
    let others = rows.len() - workers.len();
    assert_eq!(
        subtitle.contains("不计入实有人数"),
        others > 0,
        "{subtitle}"
    );
    let note = (last + 1..last + 4)
        .map(|r| text(&st, r, 0))
        .collect::<String>();
    let by_hand: f64 = (first..last).map(|r| number(&st, r, 4)).sum();
    let street_standard = number(&st, last, 4);
    if by_hand == street_standard {
        assert!(note.contains("相等"), "{note}");
    } else {
        assert!(
            note.contains(&format!(
                "一次计算为 {street_standard} 人；各社区分别向上取整后相加为 {by_hand} 人"
            )),
            "{note}"
        );
    }

    // 队伍结构: the total and every breakdown add up to the roster's community workers.
    let sr = sheet(&path, "队伍结构");
    let groups = headers(&sr, HEADER_ROW);
    let subs = headers(&sr, HEADER_ROW + 1);
    let total_row = (first..)
        .find(|r| text(&sr, *r, 1) == "全街道合计")
        .expect("total");
    let total = number(&sr, total_row, 2);
    assert_eq!(total, workers.len() as f64);
    let group_sum = |title: &str, width: u32| -> f64 {
        let start = groups[title];
        (start..start + width)
            .map(|c| number(&sr, total_row, c))
            .sum()
    };
    assert_eq!(group_sum("性别", 2), total);
    assert_eq!(group_sum("年龄", 4), total);
    assert_eq!(group_sum("学历", 4), total);
    assert_eq!(group_sum("政治面貌", 6), total);
    assert_eq!(group_sum("来源", 6), total);
    let men = workers.iter().filter(|r| s(&r["性别"]) == "男").count() as f64;
    assert_eq!(number(&sr, total_row, subs["男"]), men);
    let young = workers
        .iter()
        .filter(|r| matches!(r["年龄"], Data::Float(a) if a <= 35.0))
        .count() as f64;
    assert_eq!(number(&sr, total_row, subs["35岁及以下"]), young);
    let holders = workers
        .iter()
        .filter(|r| s(&r["职业资格"]).contains("社会工作师"))
        .count() as f64;
    assert_eq!(number(&sr, total_row, subs["持证合计"]), holders);
    let rate = number(&sr, total_row, subs["持证率"]);
    assert!(
        (rate - holders / total).abs() < 1e-9,
        "持证率 is a fraction"
    );
    for row in first..total_row {
        let community = text(&sr, row, 1);
        let n = workers
            .iter()
            .filter(|r| s(&r["社区"]) == community)
            .count() as f64;
        assert_eq!(number(&sr, row, 2), n, "{community}");
    }
    let share_row = total_row + 1;
    assert_eq!(text(&sr, share_row, 1), "占比");
    let women_share = number(&sr, share_row, subs["女"]);
    assert!((women_share - (total - men) / total).abs() < 1e-9);

    // 岗位等级与薪酬: the same people; each category's count and levels are the roster's
    // 岗位类别 and 岗位等级; 人员经费 is `grades::salary_totals`.
    let g = sheet(&path, "岗位等级与薪酬");
    let gg = headers(&g, HEADER_ROW);
    let street = (first..)
        .find(|r| text(&g, *r, 1) == "全街道合计")
        .expect("total");
    assert_eq!(street - first, 8, "a row per community");
    assert_eq!(number(&g, street, gg["在岗人数"]), total);
    let mut graded = 0.0;
    for category in ["正职", "副职", "其他社区工作者"] {
        let (title, c) = gg
            .iter()
            .find(|(t, _)| t.starts_with(&format!("{category}（")))
            .expect(category);
        let levels: Vec<f64> = workers
            .iter()
            .filter(|r| s(&r["岗位类别"]) == category)
            .map(|r| match r["岗位等级"] {
                Data::Float(l) => l,
                ref other => panic!("level: {other:?}"),
            })
            .collect();
        assert!(!levels.is_empty(), "{title}");
        graded += levels.len() as f64;
        assert_eq!(number(&g, street, *c), levels.len() as f64, "{title}");
        let min = levels.iter().copied().fold(f64::MAX, f64::min);
        let max = levels.iter().copied().fold(f64::MIN, f64::max);
        assert_eq!(number(&g, street, c + 1), min, "{title}");
        assert_eq!(number(&g, street, c + 2), max, "{title}");
        let mean = levels.iter().sum::<f64>() / levels.len() as f64;
        assert!((number(&g, street, c + 3) - mean).abs() < 1e-9, "{title}");
    }
    assert_eq!(number(&g, street, gg["未定级人数"]), total - graded);
    let totals = grades::salary_totals(&conn, d(AS_OF)).expect("totals");
    let money = gg["人员经费"];
    assert_eq!(totals.street.people as f64, total);
    assert_eq!(
        number(&g, street, money),
        totals.street.monthly_fen as f64 / 100.0
    );
    assert!(totals.street.monthly_fen > 0, "the demo has a standard");
    let by_community: f64 = (first..street).map(|r| number(&g, r, money + 1)).sum();
    assert!((by_community - number(&g, street, money + 1)).abs() < 1e-6);

    // 考核情况: every count adds up, per community and for the street.
    let a = sheet(&path, "考核情况");
    let head = row_of(&a, "社区", 0);
    let ac = headers(&a, head);
    let street = row_of(&a, "全街道合计", head);
    assert_eq!(street - head, 9, "a row per community");
    for row in head + 1..=street {
        let v = |h: &str| number(&a, row, ac[h]);
        assert_eq!(v("应考核人数"), v("已考核人数") + v("未考核"), "row {row}");
        assert_eq!(
            v("已考核人数"),
            v("优秀") + v("合格") + v("基本合格") + v("不合格"),
            "row {row}"
        );
    }
    for h in ["应考核人数", "优秀", "不合格", "未考核"] {
        let sum: f64 = (head + 1..street).map(|r| number(&a, r, ac[h])).sum();
        assert_eq!(sum, number(&a, street, ac[h]), "{h}");
    }
    let excellent_in_post = workers
        .iter()
        .filter(|r| s(&r["上年度考核结果"]) == "优秀")
        .count() as f64;
    assert!(excellent_in_post > 0.0 && excellent_in_post <= number(&a, street, ac["优秀"]));

    // 人员变动: 期末 = 期初 + 新入职 − 退出, and the subtotal's 期末 is the roster's count.
    let ch = sheet(&path, "人员变动");
    let labels: HashMap<String, u32> = (HEADER_ROW + 1..=ch.end().map_or(0, |e| e.0))
        .filter_map(|r| match ch.get_value((r, 0)) {
            Some(Data::String(s)) => Some((s.split('\n').next().unwrap_or("").to_string(), r)),
            _ => None,
        })
        .collect();
    let cols = headers(&ch, HEADER_ROW);
    for c in 1..=6 {
        let v = |label: &str| number(&ch, labels[label], c);
        assert_eq!(
            v("期末在岗人数"),
            v("期初在岗人数") + v("新入职") - v("退出") + v("类别调入") - v("类别调出"),
            "column {c}"
        );
        let reasons: f64 = labels
            .iter()
            .filter(|(l, _)| l.starts_with("其中："))
            .map(|(_, r)| number(&ch, *r, c))
            .sum();
        assert_eq!(reasons, v("退出"), "exits by reason, column {c}");
    }
    assert_eq!(
        number(&ch, labels["期末在岗人数"], cols["社区工作者小计"]),
        workers.len() as f64
    );
    assert_eq!(
        number(&ch, labels["期末在岗人数"], cols["合计"]),
        rows.len() as f64
    );
    let list = sheet(&path, "人员变动明细");
    let events = list.end().map_or(0, |e| e.0) - HEADER_ROW;
    let changes = |label: &str| number(&ch, labels[label], cols["合计"]);
    assert_eq!(
        f64::from(events),
        changes("新入职") + changes("试用期满") + changes("退出") + changes("类别调入")
    );
}

#[test]
fn options_are_checked() {
    let conn = ledger();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("x.xlsx");
    let field = |o: ReportOptions| match reports::export_county(
        &conn,
        &o,
        &path,
        generated_at(),
        &mut |_| {},
    ) {
        Err(CoreError::Validation { field, message }) => {
            assert!(!message.is_empty());
            field
        }
        other => panic!("expected a validation error, got {other:?}"),
    };
    assert_eq!(
        field(ReportOptions {
            as_of: "2026-02-30".into(),
            ..options()
        }),
        "asOf"
    );
    assert_eq!(
        field(ReportOptions {
            period_from: Some("2026-01-01".into()),
            ..options()
        }),
        "periodTo"
    );
    assert_eq!(
        field(ReportOptions {
            period_from: Some("2026-05-01".into()),
            period_to: Some("2026-04-01".into()),
            ..options()
        }),
        "periodFrom"
    );
    assert_eq!(
        field(ReportOptions {
            period_from: Some("2026-01-01".into()),
            period_to: Some("2026-12-31".into()),
            ..options()
        }),
        "periodTo"
    );
    assert_eq!(
        field(ReportOptions {
            sheets: vec!["考勤情况".into()],
            ..options()
        }),
        "sheets"
    );
    assert!(!path.exists());
}

#[test]
fn an_explicit_period_counts_only_its_changes() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let april_on = ReportOptions {
        period_from: Some("2026-04-01".into()),
        period_to: Some("2026-06-30".into()),
        include_exited: true,
        ..options()
    };
    let path = export(&small.conn, &april_on, dir.path());
    let list = sheet(&path, "人员变动明细");
    assert_eq!(
        list.end().map_or(0, |e| e.0),
        HEADER_ROW + 1,
        "only 王五's probation"
    );
    let names: Vec<String> = roster_rows(&path).iter().map(|r| s(&r["姓名"])).collect();
    assert!(
        !names.contains(&"李四".to_string()),
        "exited before this period"
    );
}

#[test]
fn roster_query_export_is_the_list_on_screen() {
    let conn = demo_ledger(12, Some(1_400));
    let dir = tempfile::tempdir().expect("tmp");
    let query = RosterQuery {
        category: Some("社区专职工作人员".into()),
        sort: SortKey::Age,
        descending: true,
        as_of: Some(AS_OF.into()),
        page: 1,
        page_size: 500,
        ..Default::default()
    };
    let mut expected: Vec<String> = Vec::new();
    let mut page = 1;
    loop {
        let p = workers::roster(
            &conn,
            &RosterQuery {
                page,
                ..query.clone()
            },
            d(AS_OF),
        )
        .expect("page");
        expected.extend(p.rows.iter().map(|r| idcard::mask(&r.id_number)));
        if expected.len() as i64 >= p.total {
            break;
        }
        page += 1;
    }
    assert!(expected.len() > 500, "more than one page");

    let path = dir.path().join("花名册.xlsx");
    let result = reports::export_roster(&conn, &query, false, &path, generated_at(), &mut |_| {})
        .expect("export");
    assert_eq!(result.roster_rows, expected.len() as i64);
    assert_eq!(result.sheets, ["花名册"]);
    let rows = roster_rows(&path);
    let got: Vec<String> = rows.iter().map(|r| s(&r["身份证号"])).collect();
    assert_eq!(got, expected, "same people, same order");
    assert!(rows.iter().all(|r| s(&r["人员类别"]) == "社区专职工作人员"));
    assert!(
        rows.iter().any(|r| matches!(r["岗位等级"], Data::Float(_))
            && !s(&r["岗位类别"]).is_empty()
            && !s(&r["上年度考核结果"]).is_empty()),
        "the grade and assessment columns are on the list's export too"
    );
    let r = sheet(&path, "花名册");
    let subtitle: String = (0..30).map(|c| text(&r, 1, c)).collect();
    assert!(subtitle.contains("统计日期：2026年6月30日"), "{subtitle}");
}

#[test]
fn progress_is_reported_to_the_end() {
    let conn = demo_ledger(10, Some(1_200));
    let dir = tempfile::tempdir().expect("tmp");
    let mut seen: Vec<ExportProgress> = Vec::new();
    reports::export_county(
        &conn,
        &options(),
        &dir.path().join("p.xlsx"),
        generated_at(),
        &mut |p| seen.push(p),
    )
    .expect("export");
    assert!(
        seen.len() >= 12,
        "load, 2 roster chunks, 10 sheets, save: {seen:?}"
    );
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let last = seen.last().expect("events");
    assert_eq!((last.done, last.stage.as_str()), (last.total, "已保存"));
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let small = small();
    let dir = tempfile::tempdir().expect("tmp");
    let missing = dir.path().join("没有的文件夹").join("报表.xlsx");
    let err = reports::export_county(
        &small.conn,
        &options(),
        &missing,
        generated_at(),
        &mut |_| {},
    )
    .expect_err("no folder");
    assert!(err.to_string().contains("不存在"), "{err}");

    let not_xlsx = dir.path().join("报表.xls");
    assert!(reports::export_county(
        &small.conn,
        &options(),
        &not_xlsx,
        generated_at(),
        &mut |_| {}
    )
    .is_err());

    // Over an existing file: replaced whole, and no temporary file left beside it.
    let path = dir.path().join("报表.xlsx");
    std::fs::write(&path, b"old").expect("old file");
    reports::export_county(&small.conn, &options(), &path, generated_at(), &mut |_| {})
        .expect("export");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["报表.xlsx"]);
    assert_eq!(open(&path).sheet_names().len(), ALL_SHEETS.len());
}

#[test]
fn prints_as_expected_with_libreoffice() {
    if !on_path("libreoffice") {
        println!(
            "跳过：没有找到 libreoffice（apt-get install libreoffice-calc poppler-utils），未检查 PDF 页数。"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tmp");
    // A small street: every sheet fits one page.
    let small = small();
    let book = dir.path().join("small.xlsx");
    reports::export_county(&small.conn, &options(), &book, generated_at(), &mut |_| {})
        .expect("small");
    // A longer roster: several pages, each with the header row and its page number.
    let conn = demo_ledger(6, Some(240));
    let long = dir.path().join("long.xlsx");
    let only_roster = ReportOptions {
        sheets: vec!["花名册".into()],
        ..options()
    };
    reports::export_county(&conn, &only_roster, &long, generated_at(), &mut |_| {}).expect("long");

    to_pdf(dir.path(), &[&book, &long]);

    let pdf = dir.path().join("small.pdf");
    assert_eq!(pdf_pages(&pdf), ALL_SHEETS.len(), "one page per sheet");
    let cover = pdf_page_text(&pdf, 1);
    assert!(cover.contains("社区工作者队伍统计报表"), "{cover}");
    assert!(
        cover.contains(&format!("第1页共{}页", ALL_SHEETS.len())),
        "{cover}"
    );

    let pdf = dir.path().join("long.pdf");
    let pages = pdf_pages(&pdf);
    assert!(pages >= 3, "240 people take several pages, got {pages}");
    for page in 1..=pages {
        let t = pdf_page_text(&pdf, page);
        assert!(t.contains("身份证号"), "header row repeated on page {page}");
        assert!(
            t.contains(&format!("第{page}页共{pages}页")),
            "footer, page {page}"
        );
    }
}

/// 社区工作年限 is one count: the person page, the exported roster and the grade reasoning
/// follow the grade rules' 中断前年限不计 together. Worked example: started 2010-03-01, 24 months
/// elsewhere in the province, 12 months interrupted, back 2021-03-01.
/// On 2026-01-01 (a 晋级生效日, where the grade counts years up to the day itself):
/// rule off: 190 + 24 − 12 = 202 months, 16 years; rule on: 2021-03-01 .. 2026-01-01 is 58
/// months, 4 years. On 2026-06-30 the page and the roster say 207 months / 17 years (rule off),
/// while the grade still counts to 2026-01-01 and says so in its reasoning.
#[test]
fn service_years_agree_everywhere_with_the_interruption_rule() {
    let mut conn = ledger();
    let c = community(&mut conn, "幸福社区", 9000);
    let template = grades::get_scheme(&conn, 1).expect("template");
    let mut scheme = template.input.clone();
    scheme.name = "本区社区工作者岗位等级".into();
    scheme.effective_from = Some("2015-01-01".into());
    shegong_core::write(&mut conn, |tx| {
        grades::create_scheme(tx, &Channel::Ui, &scheme)
    })
    .expect("scheme");
    let id = worker(
        &mut conn,
        &workers::WorkerInput {
            community_work_start: Some("2010-03-01".into()),
            hired_on: "2010-03-01".into(),
            prior_service_months: 24,
            interruption_months: Some(12),
            service_resumed_on: Some("2021-03-01".into()),
            ..input("孙七", &id_for("1980-05-10", 3), c)
        },
    );
    let dir = tempfile::tempdir().expect("tmp");
    let years_everywhere = |conn: &Connection, as_of: &str, name: &str| {
        let report = ReportOptions {
            as_of: as_of.into(),
            ..Default::default()
        };
        let as_of = d(as_of);
        let detail = workers::detail(conn, id, as_of).expect("detail");
        let records = workers::records(conn, &[id], as_of).expect("records");
        let path = dir.path().join(format!("{name}.xlsx"));
        reports::export_county(conn, &report, &path, generated_at(), &mut |_| {}).expect("export");
        let rows = roster_rows(&path);
        let proposal = grades::propose(conn, as_of).expect("propose");
        let reasoning = proposal
            .iter()
            .find(|p| p.worker_id == id)
            .expect("graded")
            .lines
            .iter()
            .find(|l| l.starts_with("社区工作年限满"))
            .cloned()
            .expect("service line");
        (
            detail.worker.service_months,
            records[0].worker.service_months,
            rows[0]["社区工作年限"].clone(),
            reasoning,
        )
    };

    let (page, record, exported, reasoning) = years_everywhere(&conn, "2026-01-01", "off");
    assert_eq!((page, record), (202, 202));
    assert_eq!(exported, Data::Float(16.0));
    assert!(reasoning.starts_with("社区工作年限满 16 年"), "{reasoning}");
    let (page, record, exported, _) = years_everywhere(&conn, AS_OF, "off-mid-year");
    assert_eq!((page, record), (207, 207));
    assert_eq!(exported, Data::Float(17.0));
    let mid_year = grades::propose(&conn, d(AS_OF)).expect("propose");
    let lines = &mid_year
        .iter()
        .find(|p| p.worker_id == id)
        .expect("graded")
        .lines;
    assert!(
        lines
            .iter()
            .any(|l| l.contains("年限算至最近的晋级生效日 2026-01-01")),
        "the grade says where its count stops: {lines:?}"
    );

    let mut rules = grades::get_rules(&conn).expect("rules");
    rules.interruption_resets = true;
    shegong_core::write(&mut conn, |tx| grades::save_rules(tx, &Channel::Ui, &rules))
        .expect("save rules");
    let (page, record, exported, reasoning) = years_everywhere(&conn, "2026-01-01", "on");
    assert_eq!((page, record), (58, 58));
    assert_eq!(exported, Data::Float(4.0));
    assert!(reasoning.starts_with("社区工作年限满 4 年"), "{reasoning}");
}

/// Issue 12: a person who moved from 社区专职工作人员 to 两委专职成员 on 2026-04-01 counts as
/// staff at the start of 2026 and as 两委 at the end; the move is a change in 人员变动 (out of
/// one category, into the other) and a row of 人员变动明细 with the category before. The
/// hiring of someone who has since moved counts under the category they were hired into.
#[test]
fn a_category_move_is_a_change_of_the_period() {
    let mut conn = ledger();
    set_street(&mut conn);
    let a = community(&mut conn, "东风社区", 10_000);
    let moved = worker(&mut conn, &input("张三", &id_for("1985-04-12", 11), a));
    let mut newcomer = input("王五", &id_for("1995-03-04", 33), a);
    newcomer.hired_on = "2026-02-01".into();
    let newcomer = worker(&mut conn, &newcomer);
    for (w, on) in [(moved, "2026-04-01"), (newcomer, "2026-05-01")] {
        shegong_core::write(&mut conn, |tx| {
            history::add_post(
                tx,
                &Channel::Ui,
                w,
                &history::PostChangeInput {
                    effective_on: on.into(),
                    community_id: a,
                    category: "两委专职成员".into(),
                    position: "委员".into(),
                    reason: "选举".into(),
                    ..Default::default()
                },
                d("2026-06-30"),
            )
        })
        .expect("elected");
    }
    let dir = tempfile::tempdir().expect("tmp");
    let path = export(&conn, &options(), dir.path());
    let ch = sheet(&path, "人员变动");
    let cols = headers(&ch, HEADER_ROW);
    let row = |label: &str| {
        (HEADER_ROW + 1..=ch.end().map_or(0, |e| e.0))
            .find(|r| text(&ch, *r, 0).split('\n').next() == Some(label))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let value = |label: &str, col: &str| number(&ch, row(label), cols[col]);
    let (two, staff) = ("两委专职成员", "社区专职工作人员");
    assert_eq!(
        (value("期初在岗人数", two), value("期初在岗人数", staff)),
        (0.0, 1.0)
    );
    assert_eq!((value("新入职", two), value("新入职", staff)), (0.0, 1.0));
    assert_eq!(
        (value("类别调入", two), value("类别调出", staff)),
        (2.0, 2.0)
    );
    assert_eq!(
        (value("类别调出", two), value("类别调入", staff)),
        (0.0, 0.0)
    );
    assert_eq!(
        (value("期末在岗人数", two), value("期末在岗人数", staff)),
        (2.0, 0.0)
    );
    for col in [two, staff, "合计"] {
        assert_eq!(
            value("期末在岗人数", col),
            value("期初在岗人数", col) + value("新入职", col) - value("退出", col)
                + value("类别调入", col)
                - value("类别调出", col),
            "{col}"
        );
    }
    let list = sheet(&path, "人员变动明细");
    let lc = headers(&list, HEADER_ROW);
    let rows: Vec<(String, String, String)> = (HEADER_ROW + 1..=list.end().map_or(0, |e| e.0))
        .map(|r| {
            (
                text(&list, r, lc["变动类型"]),
                text(&list, r, lc["人员类别"]),
                text(&list, r, lc["原人员类别"]),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("新入职".into(), staff.into(), String::new()),
            ("类别调整".into(), two.into(), staff.into()),
            ("类别调整".into(), two.into(), staff.into()),
        ]
    );
}
