//! `shegong import`: runs the binary on workbooks written here and checks the ledger, the
//! output and the exit codes.

mod common;
use common::{json, shegong, text};

use rust_xlsxwriter::Workbook;
use shegong_core::audit::Channel;
use shegong_core::communities::{self, CommunityInput};
use shegong_core::idcard::check_char;
use shegong_core::store;
use std::path::{Path, PathBuf};

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn id_for(birth: &str, seq: u32) -> String {
    let first17 = format!("330106{}{seq:03}", birth.replace('-', ""));
    format!("{first17}{}", check_char(&first17).expect("digits"))
}

/// A ledger file with the given communities.
fn ledger(dir: &Path, names: &[&str]) -> PathBuf {
    let db = dir.join("ledger.db");
    let mut conn = store::open(&db).expect("ledger");
    shegong_core::write(&mut conn, |tx| {
        for n in names {
            communities::create(
                tx,
                &Channel::Cli,
                &CommunityInput {
                    name: n.to_string(),
                    code: None,
                    population: 9000,
                    population_date: None,
                    households: None,
                    remarks: None,
                },
            )?;
        }
        Ok(())
    })
    .expect("communities");
    db
}

fn people(db: &Path) -> i64 {
    let conn = store::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM workers", [], |r| r.get(0))
        .expect("count")
}

const HEADER: [&str; 9] = [
    "姓名",
    "身份证号",
    "民族",
    "政治面貌",
    "学历",
    "所在社区",
    "职务",
    "人员类别",
    "入职时间",
];

/// (name, ID number, community, 民族)
type Person<'a> = (&'a str, String, &'a str, &'a str);

/// A roster sheet per (sheet name, rows).
fn roster(dir: &Path, file: &str, sheets: &[(&str, Vec<Person>)]) -> PathBuf {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("name");
        // A sheet whose rows name no community has no 所在社区 column at all.
        let keep = |c: &usize| *c != 5 || rows.iter().any(|r| !r.2.is_empty());
        for (c, h) in HEADER
            .iter()
            .enumerate()
            .filter(|(c, _)| keep(c))
            .map(|(_, h)| h)
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).expect("w");
        }
        for (i, (person, id, community, ethnicity)) in rows.iter().enumerate() {
            let r = i as u32 + 1;
            let values = [
                *person,
                id.as_str(),
                *ethnicity,
                "群众",
                "本科",
                *community,
                "专职工作人员",
                "社区专职工作人员",
                "2020.03",
            ];
            let kept = values
                .iter()
                .enumerate()
                .filter(|(c, _)| keep(c))
                .map(|(_, v)| v);
            for (c, v) in kept.enumerate() {
                if !v.is_empty() {
                    ws.write_string(r, c as u16, *v).expect("w");
                }
            }
        }
    }
    let path = dir.join(file);
    wb.save(&path).expect("save");
    path
}

#[test]
fn roster_is_imported_with_a_backup_and_the_preview_printed() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区"]);
    let file = roster(
        dir.path(),
        "花名册.xlsx",
        &[(
            "花名册",
            vec![
                ("张三", id_for("1985-04-12", 31), "和平社区居委会", "汉"),
                ("李四", id_for("1990-11-02", 42), "和平社区", "汉族"),
            ],
        )],
    );
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--as-of",
        "2026-06-15",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let stdout = text(&out.stdout);
    assert!(stdout.contains("新增 2 人"), "{stdout}");
    assert!(
        stdout.contains("只写了年月（2020.03），按 2020-03-01 导入"),
        "{stdout}"
    );
    assert!(stdout.contains("“和平社区居委会” → 和平社区"), "{stdout}");
    assert!(stdout.contains("导入前备份："), "{stdout}");
    assert_eq!(people(&db), 2);
    let backups: Vec<String> = std::fs::read_dir(store::backups_dir(&db))
        .expect("backups")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        backups.iter().any(|b| b.starts_with("导入前备份-")),
        "{backups:?}"
    );

    // The same file again: unchanged, nothing to write.
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--json",
        "--as-of",
        "2026-06-15",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["unchanged"].as_array().map(Vec::len), Some(2));
    assert_eq!(v["counts"]["new"], 0);
}

#[test]
fn rejected_rows_write_nothing_and_exit_non_zero_unless_skipped() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区"]);
    let file = roster(
        dir.path(),
        "有错.xlsx",
        &[(
            "花名册",
            vec![
                ("好人", id_for("1985-04-12", 31), "和平社区", "汉族"),
                ("错人", id_for("1986-04-12", 33), "和平社区", "火星族"),
            ],
        )],
    );
    let report = dir.path().join("错误报告.xlsx");
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--json",
        "--error-report",
        p(&report),
        "--as-of",
        "2026-06-15",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("有 1 行未通过检查，没有写入任何数据"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["written"], false);
    let rejected = &v["rejected"][0];
    assert_eq!(rejected["sheet"], "花名册");
    assert_eq!(rejected["row"], 3);
    assert_eq!(rejected["errors"][0]["column"], "民族");
    assert!(rejected["errors"][0]["reason"]
        .as_str()
        .expect("reason")
        .contains("“火星族”不在可选范围内"));
    assert_eq!(v["new"][0]["row"], 2);
    assert_eq!(
        v["new"][0]["idNumber"],
        shegong_core::idcard::mask(&id_for("1985-04-12", 31)),
        "ID numbers are printed masked"
    );
    assert_eq!(people(&db), 0);
    assert!(report.exists(), "error report written");

    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--skip-rejected",
        "--as-of",
        "2026-06-15",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("未通过未导入 1 行"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(people(&db), 1);
}

#[test]
fn dry_run_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区"]);
    let file = roster(
        dir.path(),
        "试运行.xlsx",
        &[(
            "花名册",
            vec![("张三", id_for("1985-04-12", 31), "和平社区", "汉族")],
        )],
    );
    let out = shegong(&["--db", p(&db), "import", "roster", p(&file), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("没有写入台账"));
    assert_eq!(people(&db), 0);
    assert!(!store::backups_dir(&db).exists(), "no backup either");
}

#[test]
fn sheets_communities_and_existing_people() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区", "幸福社区"]);
    let a = id_for("1985-04-12", 31);
    // One sheet per community without a community column, plus a sheet naming a new one.
    let file = roster(
        dir.path(),
        "分社区.xlsx",
        &[
            ("幸福", vec![("王五", a.clone(), "", "汉族")]),
            (
                "新村",
                vec![("赵六", id_for("1988-01-20", 11), "新村社区", "汉族")],
            ),
        ],
    );
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--sheet",
        "幸福",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(
        text(&out.stdout).contains("没有社区的行归入“幸福社区”"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(people(&db), 1);

    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--sheet",
        "新村",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("--create-communities"),
        "{}",
        text(&out.stdout)
    );
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--sheet",
        "新村",
        "--create-communities",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("新建社区：新村社区"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(people(&db), 2);

    // 王五 again with another 民族 spelling and a changed 政治面貌: skip keeps the ledger.
    let changed = {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["姓名", "身份证号", "政治面貌"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("w");
        }
        for (c, v) in ["王五", a.as_str(), "党员"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).expect("w");
        }
        let path = dir.path().join("更新.xlsx");
        wb.save(&path).expect("save");
        path
    };
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&changed),
        "--on-existing",
        "skip",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("政治面貌 群众 → 中共党员【跳过】"),
        "{stdout}"
    );
    assert!(
        stdout.contains("更新 0 人") && stdout.contains("跳过 1 人"),
        "{stdout}"
    );
    let out = shegong(&["--db", p(&db), "import", "roster", p(&changed)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("更新 1 人"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn template_then_bad_files_and_usage() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区"]);
    let template = dir.path().join("模板.xlsx");
    let out = shegong(&["--db", p(&db), "import", "template", "--out", p(&template)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(template.exists());

    let out = shegong(&["import", "template"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--out"));

    let fake = dir.path().join("假的.xlsx");
    std::fs::write(&fake, "这不是表格").expect("write");
    let out = shegong(&["--db", p(&db), "import", "roster", p(&fake)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("不是 Excel 工作簿"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(people(&db), 0);

    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&template),
        "--on-existing",
        "maybe",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// Issue 12: a person already in the ledger appears in a later roster in another community.
/// The move is recorded in 任职经历 from --changes-on (the roster's date), not as an overwrite:
/// `person history` shows both posts and the staffing before that date is unchanged.
#[test]
fn a_changed_community_is_a_dated_move() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区", "幸福社区"]);
    let id = id_for("1985-04-12", 31);
    let first = roster(
        dir.path(),
        "一月.xlsx",
        &[("花名册", vec![("王五", id.clone(), "幸福社区", "汉族")])],
    );
    let out = shegong(&["--db", p(&db), "import", "roster", p(&first)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let moved = roster(
        dir.path(),
        "三月.xlsx",
        &[("花名册", vec![("王五", id.clone(), "和平社区", "汉族")])],
    );
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&moved),
        "--changes-on",
        "2026-03-01",
    ]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}{}", text(&out.stderr));
    assert!(
        stdout.contains("任职经历中的一条变动，自 2026-03-01 起"),
        "{stdout}"
    );

    let h = json(&["--db", p(&db), "person", "history", &id, "--json"]);
    let posts = h["posts"].as_array().expect("posts");
    assert_eq!(posts.len(), 2, "{h}");
    assert_eq!(posts[0]["communityName"], "幸福社区");
    assert_eq!(posts[0]["endedOn"], "2026-02-28");
    assert_eq!(
        (
            &posts[1]["communityName"],
            &posts[1]["effectiveOn"],
            &posts[1]["reason"]
        ),
        (&"和平社区".into(), &"2026-03-01".into(), &"交流".into())
    );
    let actual = |as_of: &str, community: &str| {
        let s = json(&["--db", p(&db), "stats", "--as-of", as_of, "--json"]);
        s["staffing"]["communities"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["name"] == community)
            .map(|r| r["actual"].as_i64().unwrap_or(-1))
            .expect("community")
    };
    assert_eq!(
        (
            actual("2026-02-28", "幸福社区"),
            actual("2026-02-28", "和平社区")
        ),
        (1, 0)
    );
    assert_eq!(
        (
            actual("2026-03-01", "幸福社区"),
            actual("2026-03-01", "和平社区")
        ),
        (0, 1)
    );

    let out = shegong(&["--db", p(&db), "person", "history", &id]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("王五（入职时间 2020-03-01）的任职经历"),
        "{stdout}"
    );
    assert!(stdout.contains("2026-03-01\t至今\t和平社区"), "{stdout}");
    // A future 变动日期 is refused before anything is read.
    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&moved),
        "--changes-on",
        "2099-01-01",
    ]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("变动日期不能晚于今天"),
        "{}",
        text(&out.stderr)
    );
    let out = shegong(&["--db", p(&db), "person", "history", "110101199001011234"]);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("台账中没有身份证号为"),
        "{}",
        text(&out.stderr)
    );
}

/// A community roster with no 人员类别 and no date column at all: refused, with the fix said
/// once; `--category` and `--hired` give the whole file its values and it imports.
#[test]
fn category_and_hired_for_the_whole_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = ledger(dir.path(), &["和平社区"]);
    let file = dir.path().join("社区名单.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "姓名",
        "身份证号",
        "民族",
        "政治面貌",
        "学历",
        "所在社区",
        "职务",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("h");
    }
    for i in 0..3u32 {
        let row = [
            format!("周{}", ["甲", "乙", "丙"][i as usize]),
            id_for("1986-06-06", 21 + 2 * i),
            "汉族".into(),
            "群众".into(),
            "大专".into(),
            "和平社区".into(),
            "网格员".into(),
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(i + 1, c as u16, v).expect("v");
        }
    }
    wb.save(&file).expect("save");

    let out = shegong(&["--db", p(&db), "import", "roster", p(&file), "--dry-run"]);
    assert!(!out.status.success());
    let said = text(&out.stdout) + &text(&out.stderr);
    assert!(
        said.contains("3 行因此未通过") && said.contains("--hired"),
        "{said}"
    );

    let out = shegong(&[
        "--db",
        p(&db),
        "import",
        "roster",
        p(&file),
        "--hired",
        "2020-01-01",
        "--category",
        "社区专职工作人员",
    ]);
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert_eq!(people(&db), 3);
    let roster = json(&[
        "--db",
        p(&db),
        "person",
        "history",
        &id_for("1986-06-06", 21),
        "--json",
    ]);
    assert!(roster.to_string().contains("2020-01-01"), "{roster}");
}
