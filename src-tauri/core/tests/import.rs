//! Importing Excel rosters: fixture workbooks are written here with rust_xlsxwriter, one for
//! each kind of mess the issue lists, then inspected, previewed and committed.

mod common;

use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook, Worksheet};
use shegong_core::communities;
use shegong_core::error::ErrorKind;
use shegong_core::import::{
    self, CommitChoices, CommunityChoice, CommunityMatch, ImportField, ImportOptions, ImportPlan,
    RowAction, RowChoice, RowStatus, SheetChoice, ValueChoice,
};
use shegong_core::workers::{self, WorkerInput};
use shegong_core::{store, Connection};
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
enum V {
    S(String),
    N(f64),
    D(u16, u8, u8),
    /// A formula with its cached result.
    F(&'static str, &'static str),
    Blank,
}

fn s(x: &str) -> V {
    V::S(x.to_string())
}

impl From<&str> for V {
    fn from(x: &str) -> V {
        if x.is_empty() {
            V::Blank
        } else {
            s(x)
        }
    }
}

fn put(ws: &mut Worksheet, r: u32, c: u16, v: &V) {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    match v {
        V::S(t) => {
            ws.write_string(r, c, t).expect("write");
        }
        V::N(n) => {
            ws.write_number(r, c, *n).expect("write");
        }
        V::D(y, m, d) => {
            let dt = ExcelDateTime::from_ymd(*y, *m, *d).expect("date");
            ws.write_datetime_with_format(r, c, &dt, &date)
                .expect("write");
        }
        V::F(f, result) => {
            ws.write_formula(r, c, Formula::new(*f).set_result(*result))
                .expect("write");
        }
        V::Blank => {}
    }
}

fn rows_at(ws: &mut Worksheet, first: u32, rows: &[Vec<V>]) {
    for (i, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            put(ws, first + i as u32, c as u16, v);
        }
    }
}

fn save(wb: &mut Workbook, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    wb.save(&path).expect("save workbook");
    path
}

const HEADER: [&str; 12] = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "民族",
    "政治面貌",
    "学历",
    "所在社区",
    "职务",
    "人员类别",
    "入职时间",
    "手机号码",
];

fn header() -> Vec<V> {
    HEADER.iter().map(|h| s(h)).collect()
}

fn gender_of(id: &str) -> &'static str {
    let d = id.as_bytes()[16] - b'0';
    if d % 2 == 1 {
        "男"
    } else {
        "女"
    }
}

/// A clean row in HEADER's order.
fn person(n: u32, name: &str, id: &str, community: &str) -> Vec<V> {
    vec![
        V::N(n as f64),
        s(name),
        s(gender_of(id)),
        s(id),
        s("汉族"),
        s("群众"),
        s("大学本科"),
        community.into(),
        s("专职工作人员"),
        s("社区专职工作人员"),
        s("2020-03-01"),
        V::Blank,
    ]
}

/// A one-sheet roster: header in row 1, then `rows`.
fn roster(dir: &Path, name: &str, rows: &[Vec<V>]) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").expect("name");
    rows_at(ws, 0, &[header()]);
    rows_at(ws, 1, rows);
    save(&mut wb, dir, name)
}

fn preview(conn: &Connection, path: &Path) -> ImportPlan {
    import::preview(conn, path, &[], &ImportOptions::default(), today()).expect("preview")
}

fn preview_with(conn: &Connection, path: &Path, options: &ImportOptions) -> ImportPlan {
    import::preview(conn, path, &[], options, today()).expect("preview")
}

fn commit(conn: &mut Connection, plan: &ImportPlan) -> import::ImportSummary {
    import::apply(conn, None, plan, &CommitChoices::default(), today()).expect("commit")
}

fn row(plan: &ImportPlan, r: u32) -> &import::PlanRow {
    plan.rows
        .iter()
        .find(|x| x.row == r)
        .unwrap_or_else(|| panic!("row {r} in {:#?}", plan.rows))
}

fn errors(plan: &ImportPlan, r: u32) -> String {
    row(plan, r)
        .errors
        .iter()
        .map(|e| format!("[{}] {}", e.column, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn warnings(plan: &ImportPlan, r: u32) -> String {
    row(plan, r)
        .warnings
        .iter()
        .map(|e| format!("[{}] {}", e.column, e.message))
        .collect::<Vec<_>>()
        .join("\n")
}

fn worker_by_id(conn: &Connection, id_number: &str) -> workers::Worker {
    let id: i64 = conn
        .query_row(
            "SELECT id FROM workers WHERE id_number = ?1",
            [id_number],
            |r| r.get(0),
        )
        .expect("worker in ledger");
    workers::get(conn, id, today()).expect("worker")
}

fn ledger_with(names: &[&str]) -> Connection {
    let mut conn = ledger();
    for n in names {
        community(&mut conn, n, 10_000);
    }
    conn
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tmp")
}

#[test]
fn plain_roster_is_previewed_then_committed_with_backup_and_audit() {
    let dir = tmp();
    let db = dir.path().join("ledger.db");
    let mut conn = store::open(&db).expect("ledger");
    community(&mut conn, "和平社区", 8000);
    let a = id_for("1985-04-12", 31);
    let b = id_for("1990-11-02", 42);
    let file = roster(
        dir.path(),
        "和平花名册.xlsx",
        &[
            person(1, "张三", &a, "和平社区"),
            person(2, "李四", &b, "和平社区"),
        ],
    );
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 2, "{:#?}", plan.rows);
    assert_eq!(plan.counts.rejected, 0);
    assert_eq!(row(&plan, 2).name, "张三");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM workers"),
        0,
        "preview writes nothing"
    );

    let summary = import::apply(
        &mut conn,
        Some(&db),
        &plan,
        &CommitChoices::default(),
        today(),
    )
    .expect("ok");
    assert_eq!(summary.created, 2);
    let backup = PathBuf::from(summary.backup.expect("backup made"));
    assert!(backup.exists());
    let backup_name = backup
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(backup_name.starts_with("导入前备份-"), "{backup_name}");
    assert_eq!(backup.parent(), Some(store::backups_dir(&db).as_path()));
    let before = Connection::open(&backup).expect("open backup");
    assert_eq!(
        count(&before, "SELECT count(*) FROM workers"),
        0,
        "backup is from before"
    );

    let w = worker_by_id(&conn, &a);
    assert_eq!(w.input.name, "张三");
    assert_eq!(w.community_name, "和平社区");
    assert_eq!(w.input.hired_on, "2020-03-01");
    let history = workers::detail(&conn, w.id, today())
        .expect("detail")
        .history;
    let channels: Vec<String> = history.iter().map(|h| h.channel.clone()).collect();
    assert_eq!(channels, ["导入：和平花名册.xlsx"]);
}

#[test]
fn title_rows_and_blank_rows_above_the_header_and_community_from_the_title() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区", "幸福社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.merge_range(0, 0, 0, 9, "和平社区工作人员名单", &Format::new())
        .expect("merge");
    // Row 2 blank; row 3 a note; header on row 4 without a community column.
    ws.write_string(2, 0, "填报单位：和平社区居委会")
        .expect("w");
    ws.write_string(2, 6, "填报日期：2024年3月").expect("w");
    let head: Vec<V> = [
        "序号",
        "姓名",
        "性别",
        "身份证号",
        "民族",
        "政治面貌",
        "学历",
        "职务",
        "人员类别",
        "入职时间",
    ]
    .iter()
    .map(|h| s(h))
    .collect();
    let id = id_for("1988-01-20", 11);
    let data = vec![
        V::N(1.0),
        s("王五"),
        s("男"),
        s(&id),
        s("汉族"),
        s("中共党员"),
        s("大学专科"),
        s("副主任"),
        s("两委专职成员"),
        s("2018-06-01"),
    ];
    rows_at(ws, 3, &[head, data]);
    let file = save(&mut wb, dir.path(), "标题行.xlsx");

    let info = import::inspect(&conn, &file).expect("inspect");
    let sheet = &info.sheets[0];
    assert_eq!(sheet.header_row, Some(4));
    assert_eq!(sheet.header_rows, 1);
    assert!(!sheet.has_community_column);
    assert_eq!(sheet.proposed_community.as_deref(), Some("和平社区"));
    assert_eq!(sheet.community_from.as_deref(), Some("标题行"));
    assert!(sheet.selected);
    // No community column: the default choice takes the proposed community.
    assert_eq!(sheet.default_choice.name, sheet.name);
    assert_eq!(sheet.default_choice.community.as_deref(), Some("和平社区"));
    assert_eq!(sheet.default_choice.header_row, None);
    assert_eq!(sheet.default_choice.mapping, None);
    assert_eq!(sheet.data_rows, 1);

    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 1, "{:#?}", plan.rows);
    assert_eq!(row(&plan, 5).community.as_deref(), Some("和平社区"));
}

#[test]
fn header_over_two_rows_with_merged_group_cells() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let f = Format::new();
    // 姓名, 身份证号, 所在社区 … merged down over two rows; 合同期限 over 起/止;
    // 学历信息 over 学历/毕业院校.
    let singles = [
        (0, "姓名"),
        (1, "身份证号"),
        (2, "民族"),
        (3, "政治面貌"),
        (4, "所在社区"),
        (5, "职务"),
        (6, "人员类别"),
        (7, "入职时间"),
    ];
    for (c, h) in singles {
        ws.merge_range(0, c, 1, c, h, &f).expect("merge");
    }
    ws.merge_range(0, 8, 0, 9, "学历信息", &f).expect("merge");
    ws.write_string(1, 8, "学历").expect("w");
    ws.write_string(1, 9, "毕业院校").expect("w");
    ws.merge_range(0, 10, 0, 11, "合同期限", &f).expect("merge");
    ws.write_string(1, 10, "起").expect("w");
    ws.write_string(1, 11, "止").expect("w");
    let id = id_for("1992-05-05", 21);
    rows_at(
        ws,
        2,
        &[vec![
            s("赵六"),
            s(&id),
            s("汉"),
            s("群众"),
            s("和平社区"),
            s("专职工作人员"),
            s("社区专职工作人员"),
            s("2021-07-01"),
            s("本科"),
            s("浙江大学"),
            s("2021-07-01"),
            s("2024-06-30"),
        ]],
    );
    let file = save(&mut wb, dir.path(), "两行表头.xlsx");

    let info = import::inspect(&conn, &file).expect("inspect");
    let sheet = &info.sheets[0];
    assert_eq!(sheet.header_row, Some(1));
    assert_eq!(sheet.header_rows, 2);
    let col = |c: usize| (&sheet.columns[c].header, sheet.columns[c].field);
    assert_eq!(col(0), (&"姓名".to_string(), Some(ImportField::Name)));
    assert_eq!(
        col(8),
        (&"学历信息/学历".to_string(), Some(ImportField::Education))
    );
    assert_eq!(
        col(9),
        (&"学历信息/毕业院校".to_string(), Some(ImportField::School))
    );
    assert_eq!(col(10), (&"合同期限/起".to_string(), None));
    assert_eq!(col(11), (&"合同期限/止".to_string(), None));

    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 1, "{:#?}", plan.rows);
    let rec = row(&plan, 3).record.as_ref().expect("record");
    assert_eq!(rec.education, "大学本科");
    assert_eq!(rec.school.as_deref(), Some("浙江大学"));
}

#[test]
fn header_over_two_rows_without_merge_information() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let id = id_for("1992-05-05", 21);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    rows_at(
        ws,
        0,
        &[
            vec![
                s("姓名"),
                s("身份证号"),
                s("所在社区"),
                s("入职时间"),
                s("合同期限"),
                V::Blank,
            ],
            vec![V::Blank, V::Blank, V::Blank, V::Blank, s("起"), s("止")],
            vec![
                s("赵六"),
                s(&id),
                s("和平社区"),
                s("2021-07-01"),
                s("2021-07-01"),
                s("2024-06-30"),
            ],
        ],
    );
    let file = save(&mut wb, dir.path(), "两行表头无合并.xlsx");
    let info = import::inspect(&conn, &file).expect("inspect");
    let sheet = &info.sheets[0];
    assert_eq!(sheet.header_rows, 2);
    assert_eq!(sheet.columns[4].header, "合同期限/起");
    assert_eq!(sheet.columns[5].header, "合同期限/止");
    assert_eq!(sheet.data_rows, 1);
}

#[test]
fn dates_in_every_listed_form() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let forms: Vec<(V, bool)> = vec![
        (V::D(2019, 3, 1), false),
        (V::N(43525.0), false),
        (s("2019-03-01"), false),
        (s("2019/3/1"), false),
        (s("2019.03"), true),
        (s("2019.3"), true),
        (s("2019年3月"), true),
        (s("2019年3月1日"), false),
        (s("20190301"), false),
        (s("201903"), true),
        (V::N(20190301.0), false),
    ];
    let rows: Vec<Vec<V>> = forms
        .iter()
        .enumerate()
        .map(|(i, (v, _))| {
            let mut r = person(
                i as u32 + 1,
                "钱七",
                &id_for("1980-01-01", 100 + i as u32),
                "和平社区",
            );
            r[10] = v.clone();
            r
        })
        .collect();
    let file = roster(dir.path(), "日期.xlsx", &rows);
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.rejected, 0, "{:#?}", plan.rows);
    for (i, (v, month_only)) in forms.iter().enumerate() {
        let r = row(&plan, i as u32 + 2);
        assert_eq!(
            r.record.as_ref().expect("record").hired_on,
            "2019-03-01",
            "{v:?}"
        );
        let note = warnings(&plan, r.row);
        assert_eq!(note.contains("只写了年月"), *month_only, "{v:?}: {note}");
        if *month_only {
            assert!(note.contains("按 2019-03-01 导入"), "{note}");
            assert!(note.contains("[入职时间]"), "{note}");
        }
    }
}

#[test]
fn ambiguous_and_bad_dates_are_rejected_with_the_column() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut a = person(1, "孙八", &id_for("1980-01-01", 11), "和平社区");
    a[10] = V::N(2019.1);
    let mut b = person(2, "周九", &id_for("1980-01-01", 13), "和平社区");
    b[10] = s("去年三月");
    let file = roster(dir.path(), "坏日期.xlsx", &[a, b]);
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.rejected, 2);
    let e = errors(&plan, 2);
    assert!(e.contains("[入职时间]") && e.contains("10 月"), "{e}");
    let e = errors(&plan, 3);
    assert!(e.contains("不是可识别的日期"), "{e}");
}

#[test]
fn id_numbers_excel_turned_into_numbers_are_rejected_never_guessed() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let good = "11010519491231002X";
    let mut as_number = person(1, "吴一", good, "和平社区");
    as_number[3] = V::N(110105194912310000.0);
    let mut as_text_sci = person(2, "郑二", good, "和平社区");
    as_text_sci[3] = s("1.10105E+17");
    let mut zeros = person(3, "王三", good, "和平社区");
    zeros[3] = s("110105194912310000");
    // Lowercase x, full-width digits, spaces and a non-breaking space are only normalised.
    let mut messy = person(4, "冯四", good, "和平社区");
    messy[3] = s(" １１０１０５ 19491231\u{00A0}002x ");
    messy[2] = s("女");
    let file = roster(
        dir.path(),
        "身份证.xlsx",
        &[as_number, as_text_sci, zeros, messy],
    );
    let plan = preview(&conn, &file);
    for r in [2, 3] {
        let e = errors(&plan, r);
        assert!(e.contains("[身份证号]"), "{e}");
        assert!(e.contains("文本") && e.contains("15 位"), "{e}");
    }
    assert!(errors(&plan, 2).contains("1.10105E+17"));
    assert!(
        errors(&plan, 4).contains("末尾是 000"),
        "{}",
        errors(&plan, 4)
    );
    let ok = row(&plan, 5);
    assert_eq!(ok.status, RowStatus::New, "{}", errors(&plan, 5));
    assert_eq!(ok.id_number, good);
}

#[test]
fn gender_or_birth_date_contradicting_the_id_number_warns_and_the_id_wins() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let id = id_for("1985-04-12", 31); // a man born 1985-04-12
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut head = header();
    head.push(s("出生年月"));
    let mut r = person(1, "陈五", &id, "和平社区");
    r[2] = s("女");
    r.push(s("1985.05"));
    rows_at(ws, 0, &[head, r]);
    let file = save(&mut wb, dir.path(), "性别.xlsx");
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 1);
    assert_eq!(plan.counts.warned, 1);
    let w = warnings(&plan, 2);
    assert!(w.contains("[性别]") && w.contains("以身份证号为准"), "{w}");
    assert!(w.contains("[出生年月]") && w.contains("1985-04-12"), "{w}");
    commit(&mut conn, &plan);
    let saved = worker_by_id(&conn, &id);
    assert_eq!(saved.gender, "男");
    assert_eq!(saved.birth_date, "1985-04-12");
}

#[test]
fn variant_values_are_read_and_unknown_or_ambiguous_values_are_not_guessed() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let variants = [
        ("党员", "本科", "汉", "中共党员", "大学本科", "汉族"),
        ("预备党员", "大专", "回", "中共预备党员", "大学专科", "回族"),
        ("团员", "硕士", "蒙古", "共青团员", "硕士研究生", "蒙古族"),
    ];
    let mut rows = Vec::new();
    for (i, (pol, edu, eth, ..)) in variants.iter().enumerate() {
        let mut r = person(
            i as u32 + 1,
            "褚六",
            &id_for("1990-01-01", 201 + i as u32),
            "和平社区",
        );
        r[5] = s(pol);
        r[6] = s(edu);
        r[4] = s(eth);
        rows.push(r);
    }
    let mut grad = person(4, "卫七", &id_for("1990-01-01", 301), "和平社区");
    grad[6] = s("研究生");
    rows.push(grad);
    let mut unknown = person(5, "蒋八", &id_for("1990-01-01", 303), "和平社区");
    unknown[5] = s("党外人士");
    rows.push(unknown);
    let file = roster(dir.path(), "变体.xlsx", &rows);

    let plan = preview(&conn, &file);
    for (i, (.., pol, edu, eth)) in variants.iter().enumerate() {
        let rec = row(&plan, i as u32 + 2).record.clone().expect("record");
        assert_eq!(
            (
                rec.political_status.as_str(),
                rec.education.as_str(),
                rec.ethnicity.as_str()
            ),
            (*pol, *edu, *eth)
        );
    }
    let g = row(&plan, 5);
    assert_eq!(g.status, RowStatus::Rejected);
    assert!(errors(&plan, 5).contains("[学历]"), "{}", errors(&plan, 5));
    assert_eq!(g.choices.len(), 1);
    assert_eq!(g.choices[0].field, ImportField::Education);
    assert_eq!(g.choices[0].options, ["博士研究生", "硕士研究生"]);
    let u = errors(&plan, 6);
    assert!(
        u.contains("“党外人士”不在可选范围内") && u.contains("中共党员、"),
        "{u}"
    );

    // The clerk chooses: 研究生 here means 硕士研究生, 党外人士 means 无党派人士.
    let options = ImportOptions {
        values: vec![
            ValueChoice {
                field: ImportField::Education,
                raw: "研究生".into(),
                value: "硕士研究生".into(),
                sheet: Some("花名册".into()),
                row: Some(5),
            },
            ValueChoice {
                field: ImportField::PoliticalStatus,
                raw: "党外人士".into(),
                value: "无党派人士".into(),
                sheet: None,
                row: None,
            },
        ],
        ..Default::default()
    };
    let plan = preview_with(&conn, &file, &options);
    assert_eq!(plan.counts.new, 5, "{:#?}", plan.rows);
    commit(&mut conn, &plan);
    assert_eq!(
        worker_by_id(&conn, &id_for("1990-01-01", 301))
            .input
            .education,
        "硕士研究生"
    );
    assert_eq!(
        worker_by_id(&conn, &id_for("1990-01-01", 303))
            .input
            .political_status,
        "无党派人士"
    );
}

#[test]
fn community_names_that_differ_from_the_ledger() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区", "幸福社区", "东风社区", "东风居委会"]);
    let names = [
        "和平社区居委会",
        "幸福居委会",
        "和平",
        "新村社区",
        "东风社区居民委员会",
    ];
    let rows: Vec<Vec<V>> = names
        .iter()
        .enumerate()
        .map(|(i, c)| {
            person(
                i as u32 + 1,
                "沈九",
                &id_for("1991-02-03", 11 + 2 * i as u32),
                c,
            )
        })
        .collect();
    let file = roster(dir.path(), "社区名称.xlsx", &rows);
    let plan = preview(&conn, &file);
    assert_eq!(row(&plan, 2).community.as_deref(), Some("和平社区"));
    assert_eq!(row(&plan, 3).community.as_deref(), Some("幸福社区"));
    assert_eq!(row(&plan, 4).community.as_deref(), Some("和平社区"));
    let unknown = errors(&plan, 5);
    assert!(
        unknown.contains("“新村社区”不在台账中") && unknown.contains("--create-communities"),
        "{unknown}"
    );
    let ambiguous = errors(&plan, 6);
    assert!(
        ambiguous.contains("可能是")
            && ambiguous.contains("“东风社区”")
            && ambiguous.contains("“东风居委会”"),
        "{ambiguous}"
    );
    let matched = |raw: &str| {
        plan.communities
            .iter()
            .find(|c| c.raw == raw)
            .map(|c| c.matched)
    };
    assert_eq!(matched("和平社区居委会"), Some(CommunityMatch::Similar));
    assert_eq!(matched("新村社区"), Some(CommunityMatch::Unknown));
    // The name the window offers to create, as the import would name it.
    let suggested = |raw: &str| {
        plan.communities
            .iter()
            .find(|c| c.raw == raw)
            .map(|c| c.suggested_name.clone())
    };
    assert_eq!(suggested("新村社区").as_deref(), Some("新村社区"));
    assert_eq!(suggested("东风社区居民委员会").as_deref(), Some("东风社区"));
    assert_eq!(
        matched("东风社区居民委员会"),
        Some(CommunityMatch::Ambiguous)
    );

    let dongfeng = communities::find_by_name(&conn, "东风社区")
        .expect("q")
        .expect("c")
        .id;
    let options = ImportOptions {
        create_communities: true,
        communities: vec![CommunityChoice {
            raw: "东风社区居民委员会".into(),
            community_id: Some(dongfeng),
            create_name: None,
        }],
        ..Default::default()
    };
    let plan = preview_with(&conn, &file, &options);
    assert_eq!(plan.counts.new, 5, "{:#?}", plan.rows);
    assert!(row(&plan, 5).creates_community);
    let summary = commit(&mut conn, &plan);
    assert_eq!(summary.communities_created, ["新村社区"]);
    assert_eq!(
        worker_by_id(&conn, &id_for("1991-02-03", 17)).community_name,
        "新村社区"
    );
    assert_eq!(
        worker_by_id(&conn, &id_for("1991-02-03", 19)).community_name,
        "东风社区"
    );
    let created = communities::find_by_name(&conn, "新村社区")
        .expect("q")
        .expect("c");
    assert_eq!(created.population, 0);
    assert!(created
        .remarks
        .unwrap_or_default()
        .contains("补填城镇常住人口"));
}

#[test]
fn one_sheet_per_community_takes_the_community_from_the_sheet_name() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区", "幸福社区"]);
    let head: Vec<V> = HEADER
        .iter()
        .filter(|h| **h != "所在社区")
        .map(|h| s(h))
        .collect();
    let mut wb = Workbook::new();
    for (i, sheet) in ["和平社区", "幸福"].iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(*sheet).expect("name");
        let mut r = person(1, "韩十", &id_for("1987-07-07", 11 + 2 * i as u32), "");
        r.remove(7);
        rows_at(ws, 0, &[head.clone(), r]);
    }
    let file = save(&mut wb, dir.path(), "分社区.xlsx");
    let info = import::inspect(&conn, &file).expect("inspect");
    assert_eq!(
        info.sheets[0].proposed_community.as_deref(),
        Some("和平社区")
    );
    assert_eq!(
        info.sheets[1].proposed_community.as_deref(),
        Some("幸福社区")
    );
    assert_eq!(info.sheets[1].community_from.as_deref(), Some("工作表名称"));

    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 2, "{:#?}", plan.rows);
    let by_sheet = |name: &str| {
        plan.rows
            .iter()
            .find(|r| r.sheet == name)
            .and_then(|r| r.community.clone())
    };
    assert_eq!(by_sheet("和平社区").as_deref(), Some("和平社区"));
    assert_eq!(by_sheet("幸福").as_deref(), Some("幸福社区"));

    // A sheet chosen without a community (the clerk did not confirm one) has none.
    let chosen = [SheetChoice {
        name: "幸福".into(),
        ..Default::default()
    }];
    let plan = import::preview(&conn, &file, &chosen, &ImportOptions::default(), today())
        .expect("preview");
    assert!(
        errors(&plan, 2).contains("请在导入时为这个工作表指定社区"),
        "{}",
        errors(&plan, 2)
    );
}

#[test]
fn the_same_id_number_twice_rejects_both_rows_each_naming_the_other() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let id = id_for("1983-03-03", 11);
    let mut wb = Workbook::new();
    let first = wb.add_worksheet();
    first.set_name("一组").expect("name");
    rows_at(
        first,
        0,
        &[
            header(),
            person(1, "杨一", &id, "和平社区"),
            person(2, "朱二", &id_for("1983-03-03", 13), "和平社区"),
        ],
    );
    let second = wb.add_worksheet();
    second.set_name("二组").expect("name");
    rows_at(
        second,
        0,
        &[
            header(),
            V::Blank.into_row(),
            person(1, "杨一", &id, "和平社区"),
        ],
    );
    let file = save(&mut wb, dir.path(), "重复.xlsx");
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.rejected, 2);
    assert_eq!(plan.counts.new, 1);
    let a = plan
        .rows
        .iter()
        .find(|r| r.sheet == "一组" && r.row == 2)
        .expect("a");
    let b = plan
        .rows
        .iter()
        .find(|r| r.sheet == "二组" && r.row == 3)
        .expect("b");
    assert!(
        a.errors[0].message.contains("「二组」第 3 行"),
        "{:?}",
        a.errors
    );
    assert!(
        b.errors[0].message.contains("「一组」第 2 行"),
        "{:?}",
        b.errors
    );
    assert_eq!(a.errors[0].column, "身份证号");
}

trait IntoRow {
    fn into_row(self) -> Vec<V>;
}

impl IntoRow for V {
    fn into_row(self) -> Vec<V> {
        vec![self]
    }
}

#[test]
fn empty_hidden_and_totals_rows_formulas_and_merged_cells_in_the_body() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let ids: Vec<String> = (0..4).map(|i| id_for("1986-06-06", 11 + 2 * i)).collect();
    let mut rows = vec![
        header(),
        person(1, "许一", &ids[0], "和平社区"),
        vec![],
        person(2, "何二", &ids[1], ""),
        person(3, "吕三", &ids[2], ""),
        person(4, "施四", &ids[3], "和平社区"),
    ];
    // Row 4 (index 3) gets its name from a formula with a cached value.
    rows[3][1] = V::F("=\"何\"&\"二\"", "何二");
    rows.push(vec![
        V::Blank,
        s("合计"),
        V::Blank,
        V::F("=COUNTA(D2:D6)", "4"),
    ]);
    rows_at(ws, 0, &rows);
    // 所在社区 merged down over rows 4-5: only the first holds the text.
    ws.merge_range(3, 7, 4, 7, "和平社区", &Format::new())
        .expect("merge");
    ws.set_row_hidden(5).expect("hide");
    let file = save(&mut wb, dir.path(), "杂项.xlsx");

    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 3, "{:#?}", plan.rows);
    assert_eq!(row(&plan, 4).name, "何二", "formula's cached value");
    assert_eq!(
        row(&plan, 4).community.as_deref(),
        Some("和平社区"),
        "merged cell"
    );
    assert_eq!(
        row(&plan, 5).community.as_deref(),
        Some("和平社区"),
        "merged cell"
    );
    let skipped: Vec<(u32, &str)> = plan
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(
        skipped[0].0 == 6 && skipped[0].1.contains("隐藏"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].0 == 7 && skipped[1].1.contains("合计"),
        "{skipped:?}"
    );
    assert!(
        plan.rows.iter().all(|r| r.row != 3),
        "the empty row is left out"
    );

    let options = ImportOptions {
        include_hidden_rows: true,
        ..Default::default()
    };
    let plan = preview_with(&conn, &file, &options);
    assert_eq!(plan.counts.new, 4);
    commit(&mut conn, &plan);
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 4);
}

fn refused(conn: &Connection, path: &Path, needle: &str) {
    let err = import::inspect(conn, path).expect_err("refused");
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert!(err.to_string().contains(needle), "{err}");
    let err =
        import::preview(conn, path, &[], &ImportOptions::default(), today()).expect_err("refused");
    assert!(err.to_string().contains(needle), "{err}");
}

#[test]
fn files_that_are_not_spreadsheets_are_refused_with_a_clear_message() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let text = dir.path().join("名单.xlsx");
    std::fs::write(&text, "姓名,身份证号\n张三,110105194912310021\n").expect("write");
    refused(&conn, &text, "文本文件");

    let binary = dir.path().join("照片.xlsx");
    std::fs::write(&binary, [0x89u8, b'P', b'N', b'G', 0, 1, 2, 3, 0, 0]).expect("write");
    refused(&conn, &binary, "不是 Excel 工作簿");

    let empty = dir.path().join("空.xlsx");
    std::fs::write(&empty, b"").expect("write");
    refused(&conn, &empty, "空文件");

    let mut wb = Workbook::new();
    wb.add_worksheet();
    let blank = save(&mut wb, dir.path(), "空白工作簿.xlsx");
    refused(&conn, &blank, "是空的");

    // An Excel file with an open password is an OLE container with an EncryptedPackage.
    let locked = dir.path().join("加密.xlsx");
    {
        let mut comp = cfb::create(&locked).expect("cfb");
        use std::io::Write;
        comp.create_stream("/EncryptionInfo")
            .expect("s")
            .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
            .expect("w");
        comp.create_stream("/EncryptedPackage")
            .expect("s")
            .write_all(&[0u8; 4096])
            .expect("w");
        comp.flush().expect("flush");
    }
    refused(&conn, &locked, "密码");

    let missing = dir.path().join("没有这个文件.xlsx");
    let err = import::inspect(&conn, &missing).expect_err("missing");
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 0);
}

#[test]
fn a_sheet_over_the_row_limit_is_refused() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "姓名").expect("w");
    ws.write_string(0, 1, "身份证号").expect("w");
    for r in 1..=(import::MAX_DATA_ROWS as u32 + 10) {
        ws.write_string(r, 0, "某").expect("w");
        ws.write_string(r, 1, "x").expect("w");
    }
    let file = save(&mut wb, dir.path(), "太大.xlsx");
    let err = import::preview(&conn, &file, &[], &ImportOptions::default(), today())
        .expect_err("too many rows");
    assert!(err.to_string().contains("上限"), "{err}");
}

fn existing_person(conn: &mut Connection, name: &str, id: &str) -> i64 {
    let cid = communities::find_by_name(conn, "和平社区")
        .expect("q")
        .expect("c")
        .id;
    worker(
        conn,
        &WorkerInput {
            phone: Some("13800138000".into()),
            remarks: Some("原有备注".into()),
            ..input(name, id, cid)
        },
    )
}

#[test]
fn people_already_in_the_ledger_show_changes_and_follow_update_or_skip() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let a = id_for("1980-02-02", 11);
    let b = id_for("1981-03-03", 13);
    let c = id_for("1982-04-04", 15);
    let a_id = existing_person(&mut conn, "甲", &a);
    existing_person(&mut conn, "乙", &b);
    let mut ra = person(1, "甲", &a, "和平社区");
    ra[11] = s("13900139000");
    ra[5] = s("党员");
    let mut rb = person(2, "乙", &b, "和平社区");
    rb[11] = s("138 0013 8000");
    let rc = person(3, "丙", &c, "和平社区");
    let file = roster(dir.path(), "更新.xlsx", &[ra, rb, rc]);

    let plan = preview(&conn, &file);
    assert_eq!(
        (plan.counts.new, plan.counts.changed, plan.counts.unchanged),
        (1, 1, 1)
    );
    let changed = row(&plan, 2);
    assert_eq!(changed.status, RowStatus::Changed);
    assert_eq!(changed.worker_id, Some(a_id));
    assert_eq!(changed.action, RowAction::Update);
    let fields: Vec<(String, Option<String>, Option<String>)> = changed
        .changes
        .iter()
        .map(|c| (c.field.clone(), c.old.clone(), c.new.clone()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "手机号".to_string(),
                Some("13800138000".into()),
                Some("13900139000".into())
            ),
            (
                "政治面貌".to_string(),
                Some("群众".into()),
                Some("中共党员".into())
            ),
        ]
    );
    assert_eq!(row(&plan, 3).status, RowStatus::Unchanged);
    assert!(plan.notes.iter().any(|n| n.contains("不会清除")));

    // Default skip from the options, but the clerk updates this row.
    let options = ImportOptions {
        on_existing: RowAction::Skip,
        ..Default::default()
    };
    let plan = preview_with(&conn, &file, &options);
    assert_eq!(row(&plan, 2).action, RowAction::Skip);
    let skipped =
        import::apply(&mut conn, None, &plan, &CommitChoices::default(), today()).expect("commit");
    assert_eq!(
        (skipped.created, skipped.updated, skipped.skipped),
        (1, 0, 1)
    );
    assert_eq!(
        worker_by_id(&conn, &a).input.phone.as_deref(),
        Some("13800138000")
    );

    let plan = preview_with(&conn, &file, &options);
    let choices = CommitChoices {
        skip_rejected: false,
        rows: vec![RowChoice {
            sheet: "花名册".into(),
            row: 2,
            action: RowAction::Update,
        }],
    };
    let done = import::apply(&mut conn, None, &plan, &choices, today()).expect("commit");
    assert_eq!(done.updated, 1);
    let w = worker_by_id(&conn, &a);
    assert_eq!(w.input.phone.as_deref(), Some("13900139000"));
    assert_eq!(w.input.political_status, "中共党员");
    assert_eq!(
        w.input.remarks.as_deref(),
        Some("原有备注"),
        "blank cells keep old values"
    );
    let history = workers::detail(&conn, w.id, today())
        .expect("detail")
        .history;
    let last = &history[0];
    assert_eq!(last.channel, "导入：更新.xlsx");
    assert_eq!(last.action, "修改");
}

#[test]
fn rejected_rows_stop_the_commit_unless_the_clerk_skips_them() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let mut bad = person(2, "坏", &id_for("1980-01-01", 11), "和平社区");
    bad[4] = s("火星族");
    let file = roster(
        dir.path(),
        "部分错误.xlsx",
        &[person(1, "好", &id_for("1980-01-01", 13), "和平社区"), bad],
    );
    let plan = preview(&conn, &file);
    assert_eq!((plan.counts.new, plan.counts.rejected), (1, 1));
    let err = import::apply(&mut conn, None, &plan, &CommitChoices::default(), today())
        .expect_err("rejected rows");
    assert!(err.to_string().contains("有 1 行未通过检查"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 0);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM audit_log WHERE entity = '人员'"
        ),
        0
    );

    let choices = CommitChoices {
        skip_rejected: true,
        rows: vec![],
    };
    let s = import::apply(&mut conn, None, &plan, &choices, today()).expect("commit");
    assert_eq!((s.created, s.rejected), (1, 1));
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
}

fn snapshot(conn: &Connection) -> (i64, i64, i64, i64) {
    (
        count(conn, "SELECT count(*) FROM workers"),
        count(conn, "SELECT count(*) FROM audit_log"),
        count(conn, "SELECT count(*) FROM certificates"),
        count(conn, "SELECT count(*) FROM communities"),
    )
}

#[test]
fn a_failure_during_commit_leaves_the_ledger_and_the_audit_unchanged() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let rows: Vec<Vec<V>> = (0..5)
        .map(|i| person(i + 1, "某人", &id_for("1984-08-08", 11 + 2 * i), "和平社区"))
        .collect();
    let file = roster(dir.path(), "全有或全无.xlsx", &rows);
    let options = ImportOptions {
        create_communities: true,
        ..Default::default()
    };

    // Someone registers the fourth person between the preview and the commit: the commit
    // fails on the fourth row after three rows were already written inside its transaction.
    let plan = preview_with(&conn, &file, &options);
    assert_eq!(plan.counts.new, 5);
    existing_person(&mut conn, "抢先", &id_for("1984-08-08", 17));
    let before = snapshot(&conn);
    let err = import::apply(&mut conn, None, &plan, &CommitChoices::default(), today())
        .expect_err("conflict");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert_eq!(snapshot(&conn), before);

    // A plan altered after the preview fails the form's rules on its last row.
    let mut conn = ledger_with(&["和平社区"]);
    let mut plan = preview_with(&conn, &file, &options);
    if let Some(rec) = plan.rows[4].record.as_mut() {
        rec.ethnicity = "火星族".into();
    }
    let before = snapshot(&conn);
    let err = import::apply(&mut conn, None, &plan, &CommitChoices::default(), today())
        .expect_err("invalid");
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert_eq!(snapshot(&conn), before);
    let remembered: i64 = count(
        &conn,
        "SELECT count(*) FROM settings WHERE key = 'import_mapping'",
    );
    assert_eq!(
        remembered, 0,
        "the mapping is remembered only by a committed import"
    );

    // A person changed in the ledger after the preview: nothing is written.
    let mut conn = ledger_with(&["和平社区"]);
    let cid = communities::find_by_name(&conn, "和平社区")
        .expect("q")
        .expect("c")
        .id;
    worker(&mut conn, &input("旧名", &id_for("1984-08-08", 11), cid));
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.changed, 1);
    conn.execute("UPDATE workers SET remarks = '刚改过'", [])
        .expect("edit");
    let before = snapshot(&conn);
    let err = import::apply(&mut conn, None, &plan, &CommitChoices::default(), today())
        .expect_err("stale");
    assert!(err.to_string().contains("预览之后被修改过"), "{err}");
    assert_eq!(snapshot(&conn), before);
}

#[test]
fn template_round_trip_fills_the_ledger_with_the_same_people() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区", "幸福社区"]);
    let template = dir.path().join("导入模板.xlsx");
    import::write_template(&conn, &template).expect("template");

    // The template: headers, a hidden 选项 sheet with the lists, data validations, text columns.
    let info = import::inspect(&conn, &template).expect("inspect template");
    let names: Vec<&str> = info.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["花名册", "填写说明", "选项"]);
    assert!(info.sheets[2].hidden);
    let sheet_xml = {
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(&template).expect("open")).expect("zip");
        let mut xml = String::new();
        use std::io::Read;
        zip.by_name("xl/worksheets/sheet1.xml")
            .expect("sheet1")
            .read_to_string(&mut xml)
            .expect("read");
        xml
    };
    assert!(
        sheet_xml.matches("<dataValidation ").count() >= 10,
        "drop-downs"
    );
    assert!(
        sheet_xml.contains("'选项'!$A$2:$A$57"),
        "56 民族 from the lists sheet"
    );

    // Fill the template and import it.
    let mut wb = import::template_workbook(&conn).expect("template");
    let ws = wb
        .worksheet_from_name(import::TEMPLATE_SHEET)
        .expect("sheet");
    let people = [
        (
            "林一",
            id_for("1985-01-15", 11),
            "和平社区",
            "中共党员",
            Some("2010-07-01"),
            "大学本科",
            "书记",
            "两委专职成员",
            "2015-03-01",
            Some("社会工作师"),
            Some("2019-06"),
        ),
        (
            "郭二",
            id_for("1993-09-30", 22),
            "幸福社区",
            "共青团员",
            None,
            "大学专科",
            "专职工作人员",
            "社区专职工作人员",
            "2021-08-16",
            None,
            None,
        ),
    ];
    // Columns of the template, in order (see 填写说明).
    let col = |f: ImportField| -> u16 {
        info.sheets[0]
            .columns
            .iter()
            .find(|c| c.field == Some(f))
            .map(|c| c.index as u16)
            .unwrap_or_else(|| panic!("{f:?} proposed"))
    };
    for (i, p) in people.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, col(ImportField::Name), p.0).expect("w");
        ws.write_string(r, col(ImportField::IdNumber), &p.1)
            .expect("w");
        ws.write_string(r, col(ImportField::Community), p.2)
            .expect("w");
        ws.write_string(r, col(ImportField::Ethnicity), "汉族")
            .expect("w");
        ws.write_string(r, col(ImportField::PoliticalStatus), p.3)
            .expect("w");
        if let Some(d) = p.4 {
            ws.write_string(r, col(ImportField::PartyJoinedOn), d)
                .expect("w");
        }
        ws.write_string(r, col(ImportField::Education), p.5)
            .expect("w");
        ws.write_string(r, col(ImportField::Position), p.6)
            .expect("w");
        ws.write_string(r, col(ImportField::Category), p.7)
            .expect("w");
        let (y, m, d) = (&p.8[0..4], &p.8[5..7], &p.8[8..10]);
        let dt = ExcelDateTime::from_ymd(
            y.parse().expect("y"),
            m.parse().expect("m"),
            d.parse().expect("d"),
        )
        .expect("date");
        ws.write_datetime(r, col(ImportField::HiredOn), &dt)
            .expect("w");
        ws.write_string(r, col(ImportField::Phone), "13712345678")
            .expect("w");
        ws.write_string(r, col(ImportField::FullTimeEducation), "是")
            .expect("w");
        ws.write_number(r, col(ImportField::PriorServiceMonths), 12.0)
            .expect("w");
        if let (Some(k), Some(d)) = (p.9, p.10) {
            ws.write_string(r, col(ImportField::CertificateKind), k)
                .expect("w");
            ws.write_string(r, col(ImportField::CertificateObtainedOn), d)
                .expect("w");
            ws.write_string(r, col(ImportField::CertificateNo), "0012345")
                .expect("w");
        }
    }
    let filled = save(&mut wb, dir.path(), "已填写.xlsx");
    let info = import::inspect(&conn, &filled).expect("inspect");
    for c in &info.sheets[0].columns {
        assert!(
            c.field.is_some(),
            "template column {} is recognised",
            c.header
        );
    }
    // A community column: the default choice names no community for the sheet.
    assert!(info.sheets[0].has_community_column);
    assert_eq!(info.sheets[0].default_choice.community, None);
    let plan = preview(&conn, &filled);
    // Each column's letter as Excel shows it, for the window's mapping table.
    let letters = &plan.sheets[0].letters;
    assert_eq!(letters.len(), plan.sheets[0].headers.len());
    assert_eq!((letters[0].as_str(), letters[1].as_str()), ("A", "B"));
    assert_eq!(plan.counts.new, 2, "{:#?}", plan.rows);
    let summary = commit(&mut conn, &plan);
    assert_eq!((summary.created, summary.certificates_added), (2, 1));

    for p in &people {
        let w = worker_by_id(&conn, &p.1);
        assert_eq!(w.input.name, p.0);
        assert_eq!(w.community_name, p.2);
        assert_eq!(w.input.ethnicity, "汉族");
        assert_eq!(w.input.political_status, p.3);
        assert_eq!(w.input.party_joined_on.as_deref(), p.4);
        assert_eq!(w.input.education, p.5);
        assert_eq!(w.input.position, p.6);
        assert_eq!(w.input.category, p.7);
        assert_eq!(w.input.hired_on, p.8);
        assert_eq!(w.input.phone.as_deref(), Some("13712345678"));
        assert_eq!(w.input.full_time_education, Some(true));
        assert_eq!(w.input.prior_service_months, 12);
        let detail = workers::detail(&conn, w.id, today()).expect("detail");
        match p.9 {
            Some(kind) => {
                assert_eq!(detail.certificates.len(), 1);
                assert_eq!(detail.certificates[0].input.kind, kind);
                assert_eq!(
                    detail.certificates[0].input.obtained_on.as_deref(),
                    Some("2019-06-01")
                );
                assert_eq!(
                    detail.certificates[0].input.cert_no.as_deref(),
                    Some("0012345")
                );
            }
            None => assert!(detail.certificates.is_empty()),
        }
    }
    // The same file again: nothing changes.
    let again = preview(&conn, &filled);
    assert_eq!(
        (
            again.counts.unchanged,
            again.counts.new,
            again.counts.changed
        ),
        (2, 0, 0)
    );
}

#[test]
fn a_mapping_that_worked_is_proposed_for_the_next_file() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let make = |name: &str, id: &str| {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let mut head = header();
        head[3] = s("证件");
        head[10] = s("来社区时间");
        rows_at(ws, 0, &[head, person(1, name, id, "和平社区")]);
        save(&mut wb, dir.path(), &format!("{name}.xlsx"))
    };
    let first = make("甲", &id_for("1980-05-05", 11));
    let info = import::inspect(&conn, &first).expect("inspect");
    assert_eq!(info.sheets[0].columns[3].field, None);
    assert!(!info.sheets[0].selected, "{:?}", info.sheets[0].problem);

    let mut mapping: Vec<import::ColumnMapping> = info.sheets[0]
        .columns
        .iter()
        .map(|c| import::ColumnMapping {
            column: c.index,
            field: c.field,
        })
        .collect();
    mapping[3].field = Some(ImportField::IdNumber);
    mapping[10].field = Some(ImportField::HiredOn);
    let chosen = [SheetChoice {
        name: info.sheets[0].name.clone(),
        mapping: Some(mapping),
        ..Default::default()
    }];
    let plan = import::preview(&conn, &first, &chosen, &ImportOptions::default(), today())
        .expect("preview");
    assert_eq!(plan.counts.new, 1, "{:#?}", plan.rows);
    commit(&mut conn, &plan);

    let second = make("乙", &id_for("1981-06-06", 13));
    let info = import::inspect(&conn, &second).expect("inspect");
    let c = &info.sheets[0].columns;
    assert_eq!(
        (c[3].field, c[3].remembered),
        (Some(ImportField::IdNumber), true)
    );
    assert_eq!(
        (c[10].field, c[10].remembered),
        (Some(ImportField::HiredOn), true)
    );
    assert!(info.sheets[0].selected);
    assert_eq!(preview(&conn, &second).counts.new, 1);
}

#[test]
fn the_error_report_has_the_original_rows_and_a_reason_column() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut bad = person(1, "错一", "110105194912310000", "和平社区");
    bad[3] = V::N(110105194912310000.0);
    let mut bad2 = person(3, "错二", &id_for("1980-01-01", 13), "火星社区");
    bad2[6] = s("研究生");
    let file = roster(
        dir.path(),
        "有错.xlsx",
        &[
            bad,
            person(2, "对", &id_for("1980-01-01", 11), "和平社区"),
            bad2,
        ],
    );
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.rejected, 2);
    let report = dir.path().join("错误报告.xlsx");
    let n = import::write_error_report(&plan, &report).expect("report");
    assert_eq!(n, 2);

    let mut wb: Xlsx<_> = open_workbook(&report).expect("open report");
    let range = wb.worksheet_range("花名册").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => format!("{other:?}"),
                })
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][..12], &HEADER.map(String::from)[..]);
    assert_eq!(rows[0][12], "错误说明");
    assert_eq!(rows[1][1], "错一");
    assert_eq!(rows[1][3], "110105194912310000", "written as text");
    assert!(
        rows[1][12].contains("「身份证号」") && rows[1][12].contains("文本"),
        "{}",
        rows[1][12]
    );
    assert_eq!(rows[1][13], "花名册 第 2 行");
    assert!(
        rows[2][12].contains("「学历」") && rows[2][12].contains("「所在社区」"),
        "{}",
        rows[2][12]
    );
}

#[test]
fn group_title_rows_and_repeated_headers_in_the_body_are_left_out() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区", "幸福社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut quoted = person(2, "乙", &id_for("1986-06-06", 13), "幸福社区");
    quoted[3] = s(&format!("'{}", id_for("1986-06-06", 13)));
    rows_at(
        ws,
        0,
        &[
            header(),
            vec![
                V::Blank,
                V::Blank,
                V::Blank,
                V::Blank,
                V::Blank,
                V::Blank,
                V::Blank,
                s("和平社区"),
            ],
            person(1, "甲", &id_for("1986-06-06", 11), "和平社区"),
            header(),
            vec![s("二、幸福社区")],
            quoted,
        ],
    );
    ws.merge_range(4, 0, 4, 11, "二、幸福社区", &Format::new())
        .expect("merge");
    let file = save(&mut wb, dir.path(), "分组.xlsx");
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 2, "{:#?}", plan.rows);
    let reasons: Vec<(u32, &str)> = plan
        .skipped
        .iter()
        .map(|s| (s.row, s.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0].1.contains("分组标题") && reasons[0].0 == 2,
        "{reasons:?}"
    );
    assert!(
        reasons[1].1.contains("重复的表头行") && reasons[1].0 == 4,
        "{reasons:?}"
    );
    // 二、幸福社区 stands in 序号, a column not imported: the row is simply empty.
    assert!(plan.rows.iter().all(|r| r.row != 5));
}

/// A demo street in a fresh ledger, and its county roster exported as of `as_of` with full
/// ID numbers (as a county would be sent it to import elsewhere).
fn demo_county_roster(
    dir: &Path,
    seed: u64,
    communities: usize,
    workers: Option<usize>,
    as_of: chrono::NaiveDate,
) -> (Connection, PathBuf) {
    use shegong_core::reports::{self, ReportOptions};
    let mut source = shegong_core::store::open_in_memory().expect("ledger");
    let options = shegong_core::demo::DemoOptions {
        seed,
        communities,
        workers,
    };
    shegong_core::write(&mut source, |tx| {
        shegong_core::demo::generate(tx, &options, as_of)
    })
    .expect("demo");
    let path = dir.join("county.xlsx");
    let report = ReportOptions {
        as_of: as_of.format("%Y-%m-%d").to_string(),
        period_from: None,
        period_to: None,
        sheets: vec!["花名册".into()],
        full_id_numbers: true,
        include_exited: false,
    };
    let generated = as_of.and_hms_opt(9, 0, 0).expect("time");
    reports::export_county(&source, &report, &path, generated, &mut |_| {}).expect("export");
    (source, path)
}

/// The county workbook's own roster (title, a merged 填报单位 subtitle, then the header) is
/// read with the header found by itself.
#[test]
fn our_own_county_roster_is_read_back() {
    let dir = tmp();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let (_, path) = demo_county_roster(dir.path(), 5, 2, Some(30), today);

    let target = shegong_core::store::open_in_memory().expect("empty ledger");
    let inspection = import::inspect(&target, &path).expect("inspect");
    let sheet = &inspection.sheets[0];
    assert_eq!(
        sheet.header_rows, 1,
        "the 填报单位 line is not half of the header"
    );
    assert_eq!(sheet.header_row, Some(3));
    let mapped: Vec<_> = sheet.columns.iter().filter_map(|c| c.field).collect();
    assert!(mapped.contains(&import::ImportField::IdNumber));
    assert!(mapped.contains(&import::ImportField::Name));
    assert!(mapped.contains(&import::ImportField::Community));
}

/// A clerk exports the county roster, fixes a few cells in Excel and imports it again. With
/// nothing edited, every row must come back unchanged: no rejection, no change the clerk
/// did not make.
#[test]
fn the_exported_county_roster_imports_back_unchanged() {
    let dir = tmp();
    let (conn, path) = demo_county_roster(dir.path(), 7, 3, None, today());
    let plan = preview(&conn, &path);
    let problems: Vec<String> = plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Unchanged)
        .map(|r| {
            let why: Vec<String> = r
                .errors
                .iter()
                .map(|e| format!("「{}」{}", e.column, e.message))
                .chain(
                    r.changes
                        .iter()
                        .map(|c| format!("{} {:?}→{:?}", c.field, c.old, c.new)),
                )
                .collect();
            format!(
                "第{}行 {} {:?}：{}",
                r.row,
                r.name,
                r.status,
                why.join("；")
            )
        })
        .collect();
    assert!(plan.rows.len() > 20, "{} rows", plan.rows.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The county roster's own ways of writing two columns: 毕业院校及专业 on two lines of one
/// cell, and 职业资格 as the highest social-work level plus 其他职业技能等级, without a date.
#[test]
fn the_county_rosters_combined_columns_are_read_the_way_it_writes_them() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let holder = existing_person(&mut conn, "持证人", &id_for("1980-03-03", 21));
    shegong_core::write(&mut conn, |tx| {
        workers::add_certificate(
            tx,
            &shegong_core::audit::Channel::Ui,
            holder,
            &workers::CertificateInput {
                kind: "社会工作师".into(),
                title: None,
                obtained_on: Some("2018-06-10".into()),
                cert_no: None,
                remarks: None,
            },
            today(),
        )
    })
    .expect("certificate");

    let mut head = header();
    head.push(s("毕业院校及专业"));
    head.push(s("职业资格"));
    let with = |mut row: Vec<V>, school: &str, cert: &str| {
        row.push(s(school));
        row.push(s(cert));
        row
    };
    let held = with(
        person(1, "持证人", &id_for("1980-03-03", 21), "和平社区"),
        "浙江大学\n社会工作",
        "社会工作师\n其他职业技能等级",
    );
    let rows = [
        held,
        // New, with a level but no date: the date is needed.
        with(
            person(2, "新人甲", &id_for("1990-05-05", 23), "和平社区"),
            "杭州师范大学",
            "助理社会工作师",
        ),
        // New, with only 其他职业技能等级: imported, with a warning saying where to add it.
        with(
            person(3, "新人乙", &id_for("1991-06-06", 25), "和平社区"),
            "浙江工业大学\n行政管理",
            "其他职业技能等级",
        ),
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").expect("name");
    rows_at(ws, 0, &[head]);
    rows_at(ws, 1, &rows);
    let file = save(&mut wb, dir.path(), "区县花名册.xlsx");

    let plan = preview(&conn, &file);
    let holder_row = row(&plan, 2);
    assert!(holder_row.errors.is_empty(), "{}", errors(&plan, 2));
    assert!(
        holder_row.certificate.is_none(),
        "already held: nothing to add"
    );
    let changed: Vec<&str> = holder_row
        .changes
        .iter()
        .map(|c| c.field.as_str())
        .collect();
    assert_eq!(
        changed,
        ["毕业院校", "所学专业"],
        "{:?}",
        holder_row.changes
    );
    assert_eq!(
        holder_row
            .record
            .as_ref()
            .expect("record")
            .school
            .as_deref(),
        Some("浙江大学")
    );
    assert_eq!(
        holder_row.record.as_ref().expect("record").major.as_deref(),
        Some("社会工作")
    );
    // The holder has no 其他职业技能等级 in the ledger: the warning says it was not imported.
    assert!(
        warnings(&plan, 2).contains("其他职业技能等级"),
        "{}",
        warnings(&plan, 2)
    );

    // A new certificate without its date: held, date unknown, said in a warning.
    assert_eq!(row(&plan, 3).status, RowStatus::New, "{}", errors(&plan, 3));
    assert_eq!(
        row(&plan, 3)
            .certificate
            .as_ref()
            .map(|c| c.obtained_on.clone()),
        Some(None)
    );
    assert!(
        warnings(&plan, 3).contains("取得时间未填"),
        "{}",
        warnings(&plan, 3)
    );

    let other = row(&plan, 4);
    assert_eq!(other.status, RowStatus::New, "{}", errors(&plan, 4));
    assert!(other.certificate.is_none());
    assert!(
        warnings(&plan, 4).contains("其他职业技能等级"),
        "{}",
        warnings(&plan, 4)
    );
    assert_eq!(
        other.record.as_ref().expect("record").school.as_deref(),
        Some("浙江工业大学")
    );
    assert_eq!(
        other.record.as_ref().expect("record").major.as_deref(),
        Some("行政管理")
    );
}

/// A hire dated after today is accepted (agreed for next month) but pointed out: a wrong
/// year lands there too.
#[test]
fn a_hire_date_after_today_is_imported_with_a_warning() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut later = person(1, "新来的", &id_for("1995-02-02", 31), "和平社区");
    let next_month = today() + chrono::Duration::days(31);
    later[10] = s(&next_month.format("%Y-%m-%d").to_string());
    let file = roster(dir.path(), "未入职.xlsx", &[later]);
    let plan = preview(&conn, &file);
    assert_eq!(row(&plan, 2).status, RowStatus::New, "{}", errors(&plan, 2));
    let note = warnings(&plan, 2);
    assert!(
        note.contains("晚于今天") && note.contains("未入职"),
        "{note}"
    );
}

#[test]
fn the_template_and_the_error_report_replace_a_file_whole() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let template = dir.path().join("导入模板.xlsx");
    std::fs::write(&template, b"old").expect("old file");
    import::write_template(&conn, &template).expect("template");
    assert!(import::inspect(&conn, &template).is_ok());

    let file = roster(
        dir.path(),
        "有错.xlsx",
        &[person(1, "错一", "110105194912310000", "和平社区")],
    );
    let plan = preview(&conn, &file);
    let report = dir.path().join("错误报告.xlsx");
    std::fs::write(&report, b"old").expect("old file");
    assert_eq!(
        import::write_error_report(&plan, &report).expect("report"),
        1
    );
    assert!(import::inspect(&conn, &report).is_ok());

    // Saved through a temporary file renamed into place: nothing is left beside them.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["导入模板.xlsx", "有错.xlsx", "错误报告.xlsx"]);
}

#[test]
fn a_category_that_cannot_hold_the_post_is_rejected_on_its_column() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut staff_as_secretary = person(1, "李四", &id_for("1980-01-01", 11), "和平社区");
    staff_as_secretary[8] = s("书记");
    let mut part_time = person(2, "周九", &id_for("1980-01-01", 13), "和平社区");
    part_time[8] = s("委员");
    part_time[9] = s("两委兼职成员");
    let file = roster(
        dir.path(),
        "类别职务.xlsx",
        &[staff_as_secretary, part_time],
    );
    let plan = preview(&conn, &file);
    assert_eq!((plan.counts.new, plan.counts.rejected), (1, 1));
    assert_eq!(
        errors(&plan, 2),
        "[人员类别] 职务“书记”属于两委成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。"
    );
    assert_eq!(row(&plan, 2).errors[0].column_index, Some(9));
}

#[test]
fn messages_cut_long_values() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let long_date = format!("2019年{}", "三".repeat(9_995));
    let long_community = "和".repeat(10_000);
    let mut bad = person(1, "甲", &id_for("1986-06-06", 11), "和平社区");
    bad[10] = s(&long_date);
    bad[7] = s(&long_community);
    bad[5] = s(&"党".repeat(10_000));
    let file = roster(dir.path(), "长值.xlsx", &[bad]);
    let plan = preview(&conn, &file);
    let msgs = errors(&plan, 2);
    assert!(msgs.contains("…（共 10000 字）"), "{msgs}");
    for line in msgs.lines() {
        assert!(line.chars().count() < 400, "{line}");
    }
    // The clerk's choice still answers the value as written, whole.
    let choice = &row(&plan, 2).choices[0];
    assert_eq!(choice.raw.chars().count(), 10_000);
}

#[test]
fn the_error_report_quotes_cells_excel_could_take_for_formulas() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut bad = person(
        1,
        "=HYPERLINK(\"http://x\")",
        "110105194912310000",
        "和平社区",
    );
    bad[2] = s("+男");
    bad[4] = s("-汉");
    bad[11] = s("@13800138000");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut head = header();
    head[0] = s("=序号");
    rows_at(ws, 0, &[head, bad]);
    let file = save(&mut wb, dir.path(), "公式样.xlsx");
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.rejected, 1);
    let report = dir.path().join("报告.xlsx");
    import::write_error_report(&plan, &report).expect("report");

    // Each of those cells uses a format with the quote prefix; the others do not.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&report).expect("open")).expect("zip");
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text)
            .expect("read");
        text
    };
    let styles = part("xl/styles.xml");
    let strings = part("xl/sharedStrings.xml");
    let sheet = part("xl/worksheets/sheet1.xml");
    let xfs: Vec<&str> = styles
        .split("<cellXfs")
        .nth(1)
        .and_then(|x| x.split("</cellXfs>").next())
        .expect("cellXfs")
        .split("<xf ")
        .skip(1)
        .collect();
    let texts: Vec<String> = strings
        .split("<si>")
        .skip(1)
        .map(|si| {
            let t = si.split("</t>").next().unwrap_or_default();
            t.rsplit('>')
                .next()
                .unwrap_or_default()
                .replace("&quot;", "\"")
        })
        .collect();
    let quoted = |value: &str| -> bool {
        let index = texts.iter().position(|t| t == value).expect(value);
        let cell = sheet
            .split("<c ")
            .find(|c| c.contains(&format!("<v>{index}</v>")))
            .expect("cell");
        let style: usize = cell
            .split("s=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        xfs[style].contains("quotePrefix=\"1\"")
    };
    for v in [
        "=HYPERLINK(\"http://x\")",
        "+男",
        "-汉",
        "@13800138000",
        "=序号",
    ] {
        assert!(quoted(v), "{v}");
    }
    for v in ["群众", "姓名"] {
        assert!(!quoted(v), "{v}");
    }
}

#[test]
fn rows_of_spaces_do_not_count_towards_the_row_limit() {
    let dir = tmp();
    let conn = ledger_with(&["和平社区"]);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    rows_at(
        ws,
        0,
        &[
            header(),
            person(1, "甲", &id_for("1986-06-06", 11), "和平社区"),
            person(2, "乙", &id_for("1987-07-07", 12), "和平社区"),
        ],
    );
    // More rows than one import takes, holding nothing but spaces of every kind.
    let blanks = [
        " ",
        "  ",
        "\u{3000}",
        "\u{00A0}",
        " \u{3000}\u{00A0} ",
        "\u{200B}",
    ];
    for r in 0..(import::MAX_DATA_ROWS as u32 + 5_000) {
        let blank = blanks[r as usize % blanks.len()];
        ws.write_string(3 + r, 1, blank).expect("w");
        ws.write_string(3 + r, 3, blank).expect("w");
    }
    let file = save(&mut wb, dir.path(), "空格行.xlsx");
    let info = import::inspect(&conn, &file).expect("inspect");
    assert_eq!(info.sheets[0].data_rows, 2);
    assert_eq!(info.sheets[0].problem, None);
    let plan = preview(&conn, &file);
    assert_eq!(plan.counts.new, 2);
    assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
}

#[test]
fn a_workbook_read_without_the_ledger_previews_as_the_one_call_does() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let a = id_for("1980-01-01", 11);
    let b = id_for("1981-02-02", 12);
    existing_person(&mut conn, "乙", &b);
    let mut new_phone = person(2, "乙", &b, "和平社区");
    new_phone[11] = s("13900139000");
    let file = roster(
        dir.path(),
        "分开读.xlsx",
        &[person(1, "甲", &a, "和平社区"), new_phone],
    );
    // The window reads the file with no ledger at hand, then the ledger in one short read.
    let book = import::read_book(&file, None).expect("read");
    assert_eq!(book.file_name(), "分开读.xlsx");
    let view = import::LedgerView::load(&conn).expect("view");
    let plan = import::preview_book(&book, &view, &[], &ImportOptions::default(), today())
        .expect("preview");
    assert_eq!(plan, preview(&conn, &file));
    assert_eq!(
        import::inspect_book(&book, &view).expect("inspect"),
        import::inspect(&conn, &file).expect("inspect")
    );
    assert_eq!(row(&plan, 3).status, RowStatus::Changed);

    // The ledger moved after it was read: the commit checks again and writes nothing.
    let id = worker_by_id(&conn, &b).id;
    shegong_core::write(&mut conn, |tx| {
        let mut input = workers::get(tx, id, today())?.input;
        input.remarks = Some("预览之后改的".into());
        workers::update(tx, &shegong_core::audit::Channel::Ui, id, &input, today())
    })
    .expect("edit");
    let err = import::apply(&mut conn, None, &plan, &CommitChoices::default(), today())
        .expect_err("moved");
    assert_eq!(err.kind(), ErrorKind::Conflict, "{err}");
    assert!(err.to_string().contains("重新预览"), "{err}");
    assert_eq!(count(&conn, "SELECT count(*) FROM workers"), 1);
}

/// A roster as communities keep it: no 人员类别 and no 入职时间 column. 人员类别 comes from
/// 职务 (a 两委 post → 两委专职成员; 专职工作人员 and staff posts such as 网格员 → 社区专职工作人员,
/// the post kept as 具体岗位), 入职时间 from 参加社区工作时间, each with a warning; a file-wide
/// value wins; with nothing to go by the row is refused and the file is told once how to fix it.
#[test]
fn a_community_roster_without_category_or_hiring_date_imports_with_warnings() {
    let dir = tmp();
    let mut conn = ledger_with(&["和平社区"]);
    let ids = [
        id_for("1975-02-03", 11),
        id_for("1988-07-21", 22),
        id_for("1992-11-30", 13),
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    rows_at(
        ws,
        0,
        &[
            [
                "姓名",
                "身份证号",
                "民族",
                "职务",
                "学历",
                "政治面貌",
                "所在社区",
                "参加社区工作时间",
            ]
            .iter()
            .map(|h| s(h))
            .collect(),
            vec![
                s("王书记"),
                s(&ids[0]),
                s("汉族"),
                s("党委书记"),
                s("大学本科"),
                s("中共党员"),
                s("和平社区"),
                s("2008.03"),
            ],
            vec![
                s("李网格"),
                s(&ids[1]),
                s("汉族"),
                s("网格员"),
                s("大专"),
                s("群众"),
                s("和平社区"),
                V::D(2019, 5, 6),
            ],
            vec![
                s("赵社工"),
                s(&ids[2]),
                s("汉族"),
                s("专职社工"),
                s("本科"),
                s("群众"),
                s("和平社区"),
                s("2021-09-01"),
            ],
        ],
    );
    let path = save(&mut wb, dir.path(), "和平社区花名册.xlsx");
    let plan = preview(&conn, &path);
    assert_eq!(plan.counts.rejected, 0, "{:#?}", plan.rows);
    assert_eq!(plan.counts.new, 3);
    assert!(
        warnings(&plan, 2).contains("按职务“书记”定为“两委专职成员”"),
        "{}",
        warnings(&plan, 2)
    );
    assert!(
        warnings(&plan, 2).contains("没有填入职时间，按“参加社区工作时间”2008-03-01 计"),
        "{}",
        warnings(&plan, 2)
    );
    assert!(
        warnings(&plan, 3).contains("职务“网格员”按“专职工作人员”导入"),
        "{}",
        warnings(&plan, 3)
    );
    commit(&mut conn, &plan);
    let secretary = worker_by_id(&conn, &ids[0]);
    assert_eq!(
        (
            secretary.input.category.as_str(),
            secretary.input.position.as_str(),
            secretary.input.hired_on.as_str()
        ),
        ("两委专职成员", "书记", "2008-03-01")
    );
    let grid = worker_by_id(&conn, &ids[1]);
    assert_eq!(grid.input.category, "社区专职工作人员");
    assert_eq!(grid.input.position, "专职工作人员");
    assert_eq!(grid.input.post_detail.as_deref(), Some("网格员"));
    assert_eq!(grid.input.hired_on, "2019-05-06");

    // 参加工作时间 may be earlier than the community work: taken, but to be checked.
    let other = id_for("1990-01-15", 17);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    rows_at(
        ws,
        0,
        &[
            [
                "姓名",
                "身份证号",
                "民族",
                "职务",
                "学历",
                "政治面貌",
                "所在社区",
                "参加工作时间",
            ]
            .iter()
            .map(|h| s(h))
            .collect(),
            vec![
                s("钱委员"),
                s(&other),
                s("汉族"),
                s("委员"),
                s("大专"),
                s("群众"),
                s("和平社区"),
                s("2012-07-01"),
            ],
        ],
    );
    let path = save(&mut wb, dir.path(), "参加工作时间.xlsx");
    let plan = preview(&conn, &path);
    assert!(
        warnings(&plan, 2).contains("参加工作时间不一定是到社区工作的时间，请核对"),
        "{}",
        warnings(&plan, 2)
    );
    // A file-wide 人员类别 and 入职时间 win over what would be inferred.
    let options = ImportOptions {
        defaults: vec![
            import::FieldDefault {
                field: ImportField::Category,
                value: "两委兼职成员".into(),
            },
            import::FieldDefault {
                field: ImportField::HiredOn,
                value: "2015-01-01".into(),
            },
        ],
        ..Default::default()
    };
    let plan = preview_with(&conn, &path, &options);
    let record = row(&plan, 2).record.clone().expect("record");
    assert_eq!(
        (record.category.as_str(), record.hired_on.as_str()),
        ("两委兼职成员", "2015-01-01")
    );
    assert!(
        !warnings(&plan, 2).contains("没有填"),
        "{}",
        warnings(&plan, 2)
    );

    // Nothing to go by: refused, and the file is told once how to fix it.
    let ids: Vec<String> = (0..5).map(|i| id_for("1985-03-03", 41 + 2 * i)).collect();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut rows: Vec<Vec<V>> = vec![[
        "姓名",
        "身份证号",
        "民族",
        "职务",
        "学历",
        "政治面貌",
        "所在社区",
    ]
    .iter()
    .map(|h| s(h))
    .collect()];
    for (i, id) in ids.iter().enumerate() {
        rows.push(vec![
            s(&format!("孙{i}")),
            s(id),
            s("汉族"),
            s("专职工作人员"),
            s("大专"),
            s("群众"),
            s("和平社区"),
        ]);
    }
    rows_at(ws, 0, &rows);
    let path = save(&mut wb, dir.path(), "没有日期.xlsx");
    let plan = preview(&conn, &path);
    assert_eq!(plan.counts.rejected, 5);
    let told: Vec<&String> = plan
        .notes
        .iter()
        .filter(|n| n.contains("--hired"))
        .collect();
    assert_eq!(told.len(), 1, "{:?}", plan.notes);
    assert!(told[0].starts_with("5 行因此未通过"), "{}", told[0]);
}

/// Our county roster (full ID numbers) into a new, empty ledger — a new PC, a reinstall, a
/// county that receives it — with 自动新建社区: every person comes across, none refused, and
/// each person's fields equal the source ledger's (a certificate without its date in the
/// roster arrives as held, date unknown).
#[test]
fn our_county_roster_moves_every_person_into_an_empty_ledger() {
    let dir = tmp();
    let (source, path) = demo_county_roster(dir.path(), 7, 4, None, today());
    let mut target = shegong_core::store::open_in_memory().expect("empty ledger");
    let options = ImportOptions {
        create_communities: true,
        ..Default::default()
    };
    let plan = preview_with(&target, &path, &options);
    let refused: Vec<String> = plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Rejected)
        .map(|r| format!("第{}行 {}：{}", r.row, r.name, errors(&plan, r.row)))
        .collect();
    assert!(refused.is_empty(), "{}", refused.join("\n"));
    assert!(plan.counts.new > 20, "{:?}", plan.counts);
    commit(&mut target, &plan);

    let people = |conn: &Connection| -> Vec<(String, i64)> {
        let mut stmt = conn
            .prepare("SELECT id_number, id FROM workers ORDER BY id_number")
            .expect("q");
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("rows");
        rows.collect::<Result<_, _>>().expect("collect")
    };
    // The roster lists the people in post (no exits): each of them, field by field.
    let moved = people(&target);
    assert_eq!(moved.len(), plan.counts.new);
    for (id_number, target_id) in moved {
        let source_id: i64 = source
            .query_row(
                "SELECT id FROM workers WHERE id_number = ?1",
                [&id_number],
                |r| r.get(0),
            )
            .expect("in the source");
        let a = workers::get(&source, source_id, today()).expect("source");
        let b = workers::get(&target, target_id, today()).expect("target");
        // Every field the county roster carries (籍贯, 人员来源, 招聘方式, 是否社会工作专业 and
        // 省内此前社区工作月数 are not columns of it; its 社区工作年限 is whole years, too coarse
        // to give the months).
        let fields = |w: &workers::Worker| {
            let mut input = w.input.clone();
            input.community_id = 0;
            input.native_place = None;
            input.source = None;
            input.recruitment = None;
            input.prior_service_months = 0;
            input.social_work_major = false;
            (input, w.community_name.clone(), w.status)
        };
        assert_eq!(fields(&a), fields(&b), "{id_number}");
        let kinds = |conn: &Connection, id: i64| {
            let mut k: Vec<String> = workers::detail(conn, id, today())
                .expect("detail")
                .certificates
                .iter()
                .filter(|c| c.input.kind != "其他职业技能等级")
                .map(|c| c.input.kind.clone())
                .collect();
            k.sort();
            k
        };
        // The roster carries the highest social-work level only.
        let highest = |k: Vec<String>| {
            k.into_iter().max_by_key(|k| match k.as_str() {
                "高级社会工作师" => 3,
                "社会工作师" => 2,
                _ => 1,
            })
        };
        assert_eq!(
            highest(kinds(&source, source_id)),
            highest(kinds(&target, target_id)),
            "{id_number}"
        );
    }
}

/// A community the import creates takes its 城镇常住人口 from the file's column of that name
/// (dated the roster's 变动日期); without one it stays 0 and the result names it.
#[test]
fn a_created_community_takes_its_population_from_the_file() {
    let dir = tmp();
    let mut conn = ledger_with(&[]);
    let ids = [
        id_for("1980-01-01", 11),
        id_for("1981-02-02", 13),
        id_for("1982-03-03", 15),
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    rows_at(
        ws,
        0,
        &[
            [
                "姓名",
                "身份证号",
                "民族",
                "政治面貌",
                "学历",
                "社区",
                "城镇常住人口",
                "职务",
                "人员类别",
                "入职时间",
            ]
            .iter()
            .map(|h| s(h))
            .collect(),
            vec![
                s("甲某"),
                s(&ids[0]),
                s("汉族"),
                s("群众"),
                s("大专"),
                s("光明社区"),
                V::N(8600.0),
                s("委员"),
                s("两委专职成员"),
                s("2020-01-01"),
            ],
            vec![
                s("乙某"),
                s(&ids[1]),
                s("汉族"),
                s("群众"),
                s("大专"),
                s("光明社区"),
                s("8,600人"),
                s("委员"),
                s("两委专职成员"),
                s("2020-01-01"),
            ],
            vec![
                s("丙某"),
                s(&ids[2]),
                s("汉族"),
                s("群众"),
                s("大专"),
                s("朝阳社区"),
                s("不详"),
                s("委员"),
                s("两委专职成员"),
                s("2020-01-01"),
            ],
        ],
    );
    let path = save(&mut wb, dir.path(), "人口.xlsx");
    let options = ImportOptions {
        create_communities: true,
        changes_on: Some("2024-06-30".into()),
        ..Default::default()
    };
    let plan = preview_with(&conn, &path, &options);
    assert_eq!(plan.counts.rejected, 0, "{:#?}", plan.rows);
    assert!(
        warnings(&plan, 4).contains("城镇常住人口“不详”不是人数"),
        "{}",
        warnings(&plan, 4)
    );
    let summary = commit(&mut conn, &plan);
    let all = communities::list(&conn).expect("list");
    let bright = all.iter().find(|c| c.name == "光明社区").expect("created");
    assert_eq!(
        (bright.population, bright.population_date.as_deref()),
        (8600, Some("2024-06-30"))
    );
    let sunny = all.iter().find(|c| c.name == "朝阳社区").expect("created");
    assert_eq!(sunny.population, 0);
    assert_eq!(summary.communities_without_population, ["朝阳社区"]);
}
