//! 填报上级表格: county forms of both kinds, built here with headers written several ways,
//! filled from a small ledger whose every value is known, and read back as the county would
//! (calamine, and the sheet's XML for what calamine does not show: styles).

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook};
use shegong_core::fill::{self, FillOptions, RowKind};
use shegong_core::Connection;
use std::io::Read;
use std::path::{Path, PathBuf};

const AS_OF: &str = "2026-06-15";

struct Street {
    conn: Connection,
    ids: Vec<String>,
}

/// 和平社区 (12,000 people): 张三 (man, 1985), 李四 (woman, 1990, phone, remarks "=1+1");
/// 光明社区 (8,000): 王五 (man, 1996).
fn street() -> Street {
    let mut conn = ledger();
    let heping = community(&mut conn, "和平社区", 12_000);
    let guangming = community(&mut conn, "光明社区", 8_000);
    let ids = vec![
        id_for("1985-06-15", 1),
        id_for("1990-02-03", 2),
        id_for("1996-11-20", 3),
    ];
    worker(&mut conn, &input("张三", &ids[0], heping));
    let mut li = input("李四", &ids[1], heping);
    li.phone = Some("13800000001".into());
    li.remarks = Some("=1+1".into());
    li.political_status = "中共党员".into();
    li.party_joined_on = Some("2015-07-01".into());
    worker(&mut conn, &li);
    let mut wang = input("王五", &ids[2], guangming);
    wang.education = "大学专科".into();
    worker(&mut conn, &wang);
    Street { conn, ids }
}

fn options() -> FillOptions {
    FillOptions {
        as_of: AS_OF.into(),
        ..FillOptions::default()
    }
}

fn border() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

/// A people form: a merged title, a two-row header (基本情况 over 姓名/性别/公民身份号码/
/// 出生年月), two bordered blank rows, a 合计 row counting names and a 填表人 line.
fn people_form(dir: &Path) -> PathBuf {
    let path = dir.join("信息采集表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("表1").expect("name");
    let head = border().set_bold();
    ws.merge_range(
        0,
        0,
        0,
        7,
        "和平街道社区工作者信息采集表",
        &Format::new().set_bold(),
    )
    .expect("title");
    ws.merge_range(1, 0, 2, 0, "序号", &head).expect("h");
    ws.merge_range(1, 1, 1, 4, "基本情况", &head).expect("h");
    for (c, h) in ["姓 名", "性别", "公民身份号码", "出生年月"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(2, 1 + c as u16, *h, &head)
            .expect("h");
    }
    ws.merge_range(1, 5, 2, 5, "所在社区", &head).expect("h");
    ws.merge_range(1, 6, 2, 6, "家庭住址", &head).expect("h");
    ws.merge_range(1, 7, 2, 7, "联系电话", &head).expect("h");
    for r in 3..5 {
        for c in 0..8 {
            ws.write_blank(r, c, &border()).expect("blank");
        }
        ws.set_row_height(r, 24).expect("height");
    }
    ws.write_string_with_format(5, 0, "合计", &border())
        .expect("total");
    ws.write_formula_with_format(5, 1, Formula::new("=COUNTA(B4:B5)"), &border())
        .expect("formula");
    ws.write_string(6, 0, "填表人：").expect("footer");
    ws.set_column_width(3, 21).expect("width");
    ws.set_print_area(0, 0, 6, 7).expect("print area");
    wb.save(&path).expect("save form");
    path
}

/// A community form: one header row, three blank rows and a 合计 row of SUM formulas.
fn community_form(dir: &Path, with_sums: bool) -> PathBuf {
    let path = dir.join(if with_sums {
        "配备表.xlsx"
    } else {
        "配备表2.xlsx"
    });
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "社区工作者配备情况统计表")
        .expect("title");
    let headers = [
        "社区名称",
        "城镇常住人口（人）",
        "应配人数",
        "实有人数",
        "其中：女",
        "35岁及以下",
        "办公用房面积（㎡）",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &border().set_bold())
            .expect("h");
    }
    for r in 2..5 {
        for c in 0..7 {
            ws.write_blank(r, c, &border()).expect("blank");
        }
    }
    ws.write_string_with_format(5, 0, "合计", &border())
        .expect("total");
    if with_sums {
        for (c, l) in ["B", "C", "D", "E", "F"].iter().enumerate() {
            ws.write_formula_with_format(
                5,
                1 + c as u16,
                Formula::new(format!("=SUM({l}3:{l}5)")),
                &border(),
            )
            .expect("sum");
        }
    }
    wb.save(&path).expect("save form");
    path
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).expect("filled workbook opens")
}

fn cell(path: &Path, sheet: &str, row: u32, col: u32) -> Data {
    let range = open(path).worksheet_range(sheet).expect("sheet");
    range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
}

fn text(path: &Path, sheet: &str, row: u32, col: u32) -> String {
    match cell(path, sheet, row, col) {
        Data::Empty => String::new(),
        Data::String(s) => s,
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => format!("{other:?}"),
    }
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("file")).expect("zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect("part")
        .read_to_string(&mut s)
        .expect("read");
    s
}

/// The `s="…"` style of a cell in the sheet XML.
fn style_of(xml: &str, cell: &str) -> Option<String> {
    let at = xml.find(&format!("<c r=\"{cell}\""))?;
    let tag = &xml[at..at + xml[at..].find('>')?];
    let s = tag.find(" s=\"")?;
    let rest = &tag[s + 4..];
    Some(rest[..rest.find('"')?].to_string())
}

#[test]
fn a_people_form_is_filled_in_a_copy_that_keeps_the_county_s_layout() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form_path = people_form(dir.path());
    let form = fill::read_form(&form_path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert_eq!(found.kind, RowKind::People);
    assert_eq!(
        (found.header_row, found.header_rows, found.first_data_row),
        (2, 2, 4)
    );
    let sources: Vec<Option<&str>> = found.columns.iter().map(|c| c.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("p.seq"),
            Some("p.name"),
            Some("p.gender"),
            Some("p.id"),
            Some("p.birth"),
            Some("p.community"),
            None,
            Some("p.phone"),
        ]
    );
    assert_eq!(found.footer_row, Some(6));
    assert_eq!(found.space_rows, Some(2));
    assert!(found.keeps_formatting);

    let out = dir.path().join("已填.xlsx");
    let result = fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    assert_eq!(result.rows, 3);
    assert_eq!(result.inserted_rows, 1, "two blank rows for three people");
    assert!(result.id_numbers_masked);

    // Official order: 光明社区 first, then 和平社区's people by name.
    let rows: Vec<Vec<String>> = (3..6)
        .map(|r| (0..8).map(|c| text(&out, "表1", r, c)).collect())
        .collect();
    assert_eq!(
        rows[0][..6],
        ["1", "王五", "男", &rows[0][3], "1996.11", "光明社区"]
    );
    assert_eq!(rows[0][3], shegong_core::idcard::mask(&s.ids[2]));
    assert_eq!(rows[1][1], "李四");
    assert_eq!(rows[1][2], "女");
    assert_eq!(rows[1][7], "13800000001", "phone numbers stay text");
    assert_eq!(rows[2][1], "张三");
    for r in &rows {
        assert_eq!(r[6], "", "家庭住址 is not in the ledger: left empty");
    }
    // The footer moved down a row and its count takes in the new row.
    assert_eq!(text(&out, "表1", 6, 0), "合计");
    assert_eq!(text(&out, "表1", 7, 0), "填表人：");
    let formulas = open(&out).worksheet_formula("表1").expect("formulas");
    assert_eq!(
        formulas.get_value((6, 1)).map(String::as_str),
        Some("COUNTA(B4:B6)")
    );
    // Title, header merges and the print area are kept (the print area grew by a row).
    let merges = open(&out).merge_cells_by_sheet_name("表1").expect("merges");
    let spans: Vec<((u32, u32), (u32, u32))> = merges.iter().map(|d| (d.start, d.end)).collect();
    for m in [((0, 0), (0, 7)), ((1, 0), (2, 0)), ((1, 1), (1, 4))] {
        assert!(spans.contains(&m), "{m:?} in {spans:?}");
    }
    let workbook = part(&out, "xl/workbook.xml");
    assert!(workbook.contains("$A$1:$H$8"), "{workbook}");
    assert!(workbook.contains("fullCalcOnLoad=\"1\""));
    // The new row has the blank rows' borders; widths are the county's.
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    assert_eq!(style_of(&sheet, "B6"), style_of(&sheet, "B5"));
    assert!(
        sheet.contains(r#"<row r="6" ht="24" customHeight="1">"#),
        "row height copied"
    );
    assert!(style_of(&sheet, "B6").is_some());
    assert!(sheet.contains("<cols>"), "column widths kept");
    // The original is untouched.
    assert_eq!(text(&form_path, "表1", 3, 1), "");
}

#[test]
fn full_id_numbers_only_when_asked() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form = fill::read_form(&people_form(dir.path()), None).expect("form");
    let out = dir.path().join("full.xlsx");
    let opts = FillOptions {
        full_id_numbers: true,
        ..options()
    };
    let r = fill::fill(&s.conn, &form, &opts, &out, today()).expect("fill");
    assert!(!r.id_numbers_masked);
    assert_eq!(text(&out, "表1", 3, 3), s.ids[2]);
}

#[test]
fn a_community_form_gets_each_community_s_figures_and_keeps_its_sums() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form = fill::read_form(&community_form(dir.path(), true), None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert_eq!(found.kind, RowKind::Communities);
    let sources: Vec<Option<&str>> = found.columns.iter().map(|c| c.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("c.name"),
            Some("c.population"),
            Some("c.standard"),
            Some("c.actual"),
            Some("c.female"),
            Some("c.age35"),
            None,
        ]
    );
    let out = dir.path().join("已填.xlsx");
    let r = fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    assert_eq!(r.rows, 2);
    assert_eq!(r.inserted_rows, 0);
    let row = |r: u32| -> Vec<String> { (0..7).map(|c| text(&out, "Sheet1", r, c)).collect() };
    // 光明: 8,000 people -> 8000 × 18 / 10000 = 14.4 -> 15; 王五, a man of 29.
    assert_eq!(row(2), ["光明社区", "8000", "15", "1", "0", "1", ""]);
    // 和平: 12,000 -> 21.6 -> 22; 张三 (41) and 李四 (36, a woman).
    assert_eq!(row(3), ["和平社区", "12000", "22", "2", "1", "0", ""]);
    assert_eq!(row(4), ["", "", "", "", "", "", ""]);
    // The county's sums stay formulas (recalculated when opened).
    let formulas = open(&out).worksheet_formula("Sheet1").expect("formulas");
    assert_eq!(
        formulas.get_value((5, 1)).map(String::as_str),
        Some("SUM(B3:B5)")
    );
    assert_eq!(text(&out, "Sheet1", 5, 0), "合计");
}

#[test]
fn a_totals_row_without_formulas_gets_the_street_s_figures() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form = fill::read_form(&community_form(dir.path(), false), None).expect("form");
    let out = dir.path().join("已填.xlsx");
    fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    let totals: Vec<String> = (0..6).map(|c| text(&out, "Sheet1", 5, c)).collect();
    // The street's standard is from its total population: 20,000 × 18 / 10000 = 36.
    assert_eq!(totals, ["合计", "20000", "36", "3", "1", "1"]);
}

#[test]
fn rows_the_county_listed_are_matched_and_the_rest_reported() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("核对表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["序号", "姓名", "身份证号", "社区", "政治面貌", "入党时间"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("h");
    }
    ws.write_number(1, 0, 7).expect("seq");
    ws.write_string(1, 1, "赵六").expect("name");
    ws.write_number(2, 0, 8).expect("seq");
    ws.write_string(2, 1, "李四").expect("name");
    wb.save(&path).expect("save");

    let form = fill::read_form(&path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert_eq!(found.listed_rows, 2);
    let out = dir.path().join("已填.xlsx");
    let r = fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    assert_eq!(r.rows, 1);
    assert_eq!(r.not_in_ledger.len(), 1);
    assert!(r.not_in_ledger[0].contains("赵六"), "{:?}", r.not_in_ledger);
    assert_eq!(
        r.not_in_form, 2,
        "张三 and 王五 are not listed and not added"
    );
    let row = |r: u32| -> Vec<String> { (0..6).map(|c| text(&out, "Sheet1", r, c)).collect() };
    assert_eq!(row(1), ["7", "赵六", "", "", "", ""]);
    let masked = shegong_core::idcard::mask(&s.ids[1]);
    assert_eq!(
        row(2),
        [
            "8",
            "李四",
            masked.as_str(),
            "和平社区",
            "中共党员",
            "2015-07-01"
        ]
    );
}

#[test]
fn the_mapping_is_remembered_per_form_and_ledger_text_is_never_a_formula() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form_path = people_form(dir.path());
    let form = fill::read_form(&form_path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert!(!found.remembered);
    // The clerk puts the ledger's remarks in 家庭住址 and leaves 联系电话 empty.
    let mut columns: Vec<Option<String>> = found.columns.iter().map(|c| c.source.clone()).collect();
    columns[6] = Some("p.remarks".into());
    columns[7] = None;
    let opts = FillOptions {
        columns: Some(columns.clone()),
        ..options()
    };
    let out = dir.path().join("已填.xlsx");
    fill::fill(&s.conn, &form, &opts, &out, today()).expect("fill");
    assert_eq!(cell(&out, "表1", 4, 6), Data::String("=1+1".into()));
    assert_eq!(text(&out, "表1", 4, 7), "");
    let formulas = open(&out).worksheet_formula("表1").expect("formulas");
    assert!(formulas.get_value((4, 6)).is_none_or(|f| f.is_empty()));
    let styles = part(&out, "xl/styles.xml");
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    let quoted = style_of(&sheet, "G5").expect("style");
    let xfs = &styles[styles.find("<cellXfs").expect("xfs")..];
    let nth = xfs
        .split("<xf ")
        .nth(quoted.parse::<usize>().expect("index") + 1)
        .expect("xf");
    assert!(nth.contains("quotePrefix=\"1\""), "{nth}");

    // Next quarter's copy of the same form: the clerk's choice comes back.
    let again = fill::read_form(&form_path, None).expect("form");
    let found = fill::inspect(&s.conn, &again).expect("inspect");
    assert!(found.remembered);
    let remembered: Vec<Option<String>> = found.columns.iter().map(|c| c.source.clone()).collect();
    assert_eq!(remembered, columns);
}

#[test]
fn the_original_cannot_be_overwritten_and_a_form_without_a_header_is_refused() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form_path = people_form(dir.path());
    let form = fill::read_form(&form_path, None).expect("form");
    let err = fill::fill(&s.conn, &form, &options(), &form_path, today()).expect_err("same file");
    assert!(err.to_string().contains("另存为"), "{err}");

    let path = dir.path().join("说明.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "请各街道于12月10日前报送")
        .expect("w");
    wb.save(&path).expect("save");
    let err = fill::read_form(&path, None).err().expect("no header");
    assert!(err.to_string().contains("没有找到表头"), "{err}");
}

#[test]
fn a_community_and_an_as_of_date_choose_who_goes_in() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let form = fill::read_form(&people_form(dir.path()), None).expect("form");
    let out = dir.path().join("和平.xlsx");
    let opts = FillOptions {
        communities: vec!["和平".into()],
        ..options()
    };
    let preview = fill::preview(&s.conn, &form, &opts, today()).expect("preview");
    assert_eq!(preview.total_rows, 2);
    assert_eq!(preview.rows[0][1], "李四");
    let r = fill::fill(&s.conn, &form, &opts, &out, today()).expect("fill");
    assert_eq!((r.rows, r.inserted_rows), (2, 0));
    // Before anyone was hired (2020-03-01), nobody is in post.
    let before = FillOptions {
        as_of: "2019-12-31".into(),
        ..options()
    };
    let p = fill::preview(&s.conn, &form, &before, today()).expect("preview");
    assert_eq!(p.total_rows, 0);
    let wrong = FillOptions {
        communities: vec!["幸福".into()],
        ..options()
    };
    let err = fill::preview(&s.conn, &form, &wrong, today()).expect_err("unknown community");
    assert!(err.to_string().contains("没有“幸福”社区"), "{err}");
}

#[test]
fn an_xls_form_becomes_a_new_xlsx_with_its_header_and_the_values() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    // 信息表 (title), then 姓名 | 身份证号 | 家庭住址 | 所在社区, then 合计.
    let strings = ["信息表", "姓名", "身份证号", "家庭住址", "所在社区", "合计"];
    let mut sheet = dimensions((0, 6), (0, 4));
    sheet.extend(label_sst(0, 0, 0));
    for c in 0..4u16 {
        sheet.extend(label_sst(1, c, u32::from(c) + 1));
    }
    sheet.extend(label_sst(4, 0, 5));
    let records = sst(strings.len() as u32, &strings.map(sst_string));
    let path = xls(dir.path(), "信息表.xls", records, sheet, true);

    let form = fill::read_form(&path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert!(!found.keeps_formatting);
    assert!(
        found.notes.iter().any(|n| n.contains("另存为 .xlsx")),
        "{:?}",
        found.notes
    );
    let out = dir.path().join("信息表-已填.xlsx");
    let r = fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    assert_eq!(
        (r.rows, r.inserted_rows),
        (3, 1),
        "two rows before 合计 for three people"
    );
    let sheet = "花名册";
    assert_eq!(text(&out, sheet, 0, 0), "信息表");
    assert_eq!(text(&out, sheet, 1, 1), "身份证号");
    assert_eq!(text(&out, sheet, 2, 0), "王五");
    assert_eq!(text(&out, sheet, 4, 0), "张三");
    assert_eq!(text(&out, sheet, 4, 3), "和平社区");
    assert_eq!(text(&out, sheet, 4, 2), "", "家庭住址 stays empty");
    assert_eq!(
        text(&out, sheet, 5, 0),
        "合计",
        "the footer moved down a row"
    );
}

#[test]
fn a_community_form_with_a_name_column_is_still_one_row_per_community() {
    let mut s = street();
    let heping = s
        .conn
        .query_row(
            "SELECT id FROM communities WHERE name = '和平社区'",
            [],
            |r| r.get(0),
        )
        .expect("id");
    let mut zhao = input("赵书记", &id_for("1975-03-03", 5), heping);
    zhao.category = "两委专职成员".into();
    zhao.position = "书记".into();
    worker(&mut s.conn, &zhao);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("书记表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["社区", "社区书记姓名", "联系电话", "常住人口", "实有人数"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("h");
    }
    wb.save(&path).expect("save");
    let form = fill::read_form(&path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert_eq!(found.kind, RowKind::Communities);
    let sources: Vec<Option<&str>> = found.columns.iter().map(|c| c.source.as_deref()).collect();
    assert_eq!(
        sources,
        [
            Some("c.name"),
            Some("c.secretary"),
            None,
            Some("c.population"),
            Some("c.actual")
        ]
    );
    let out = dir.path().join("已填.xlsx");
    fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    let row = |r: u32| -> Vec<String> { (0..5).map(|c| text(&out, "Sheet1", r, c)).collect() };
    assert_eq!(row(1), ["光明社区", "", "", "8000", "1"]);
    assert_eq!(row(2), ["和平社区", "赵书记", "", "12000", "3"]);
}

#[test]
fn a_per_row_formula_is_not_the_footer_and_new_rows_keep_every_border() {
    let s = street();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("核查表.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["姓名", "身份证号", "家庭住址", "重复"].iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &border())
            .expect("h");
    }
    for r in 1..3u32 {
        for c in 0..3 {
            ws.write_blank(r, c, &border()).expect("blank");
        }
        // A duplicate check in every row: a range, but not a total.
        let f = format!("=COUNTIF($B$2:$B$3,B{})", r + 1);
        ws.write_formula_with_format(r, 3, Formula::new(f), &border())
            .expect("f");
    }
    ws.write_string_with_format(3, 0, "合计", &border())
        .expect("total");
    wb.save(&path).expect("save");

    let form = fill::read_form(&path, None).expect("form");
    let found = fill::inspect(&s.conn, &form).expect("inspect");
    assert_eq!(
        found.footer_row,
        Some(4),
        "the 合计 row, not the first formula row"
    );
    assert!(found.columns[3].formula);
    let out = dir.path().join("已填.xlsx");
    let r = fill::fill(&s.conn, &form, &options(), &out, today()).expect("fill");
    assert_eq!((r.rows, r.inserted_rows), (3, 1));
    assert_eq!(text(&out, "Sheet1", 3, 0), "张三");
    assert_eq!(text(&out, "Sheet1", 4, 0), "合计");
    let sheet = part(&out, "xl/worksheets/sheet1.xml");
    // 家庭住址 of the new row is empty but bordered like the rows above it.
    assert_eq!(style_of(&sheet, "C4"), style_of(&sheet, "C3"));
    assert!(style_of(&sheet, "C4").is_some());
    // The per-row check keeps its range and grows with the rows put in.
    let formulas = open(&out).worksheet_formula("Sheet1").expect("formulas");
    assert_eq!(
        formulas.get_value((2, 3)).map(String::as_str),
        Some("COUNTIF($B$2:$B$4,B3)")
    );
}
