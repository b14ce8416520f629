//! `shegong bench-fill`: 填报上级表格 on a large form. A people form of 20 columns (title, a
//! two-row header, 100 bordered blank rows and a 合计 row with a formula, so rows are put in
//! above the footer) is filled with N people of a demo street. Prints figures; never fails on
//! time.

use crate::args::Args;
use crate::bench_training::{build_kind, demo_street, line, scratch, time};
use crate::Failure;
use rust_xlsxwriter::{Format, FormatBorder, Formula, Workbook};
use shegong_core::fill::{self, FillOptions};
use shegong_core::{clock, store, Result};
use std::path::Path;
use std::time::Instant;

const HEADERS: [&str; 20] = [
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生年月",
    "年龄",
    "公民身份号码",
    "政治面貌",
    "学历",
    "毕业院校及专业",
    "所在社区",
    "职务",
    "人员类别",
    "参加社区工作时间",
    "社区工作年限",
    "职业资格",
    "岗位等级",
    "上年度考核结果",
    "联系电话",
    "家庭住址",
];
const BLANK_ROWS: u32 = 100;

pub fn run(args: &mut Args) -> std::result::Result<(), Failure> {
    let rows = args.number("--rows")?.unwrap_or(5_000);
    let runs = args.number("--runs")?.unwrap_or(5);
    let sample = args.value("--write-form")?;
    let communities = args.flag("--communities-form");
    args.finish()?;
    match sample {
        // A sample form only, to try 填报上级表格 by hand (and for the end-to-end tests).
        Some(p) if communities => write_community_form(Path::new(&p))?,
        Some(p) => write_form(Path::new(&p))?,
        None => bench(rows, runs)?,
    }
    Ok(())
}

/// A form with one row per community: a group header over two rows, a blank row per
/// community and a 合计 row of SUM formulas.
fn write_community_form(path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("配备情况")?;
    let border = Format::new().set_border(FormatBorder::Thin);
    let head = border.clone().set_bold().set_text_wrap();
    ws.merge_range(
        0,
        0,
        0,
        10,
        "社区工作者配备和结构情况统计表",
        &Format::new().set_bold().set_font_size(16),
    )?;
    ws.merge_range(
        1,
        0,
        1,
        10,
        "填报单位（盖章）：                    填报日期：",
        &Format::new(),
    )?;
    for (c, h) in ["序号", "社区名称", "城镇常住人口（人）", "应配人数"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &head)?;
    }
    ws.merge_range(2, 4, 2, 6, "实有社区工作者", &head)?;
    for (c, h) in ["合计", "两委专职成员", "社区专职工作人员"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(3, 4 + c as u16, *h, &head)?;
    }
    for (c, h) in ["其中：女", "35岁及以下", "本科及以上", "持证社工"]
        .iter()
        .enumerate()
    {
        ws.merge_range(2, 7 + c as u16, 3, 7 + c as u16, h, &head)?;
    }
    for r in 4..12 {
        for c in 0..=10 {
            ws.write_blank(r, c, &border)?;
        }
    }
    ws.write_string_with_format(12, 1, "合计", &border)?;
    ws.write_blank(12, 0, &border)?;
    for c in 2..=10u16 {
        let l = shegong_core::import::column_letter(u32::from(c));
        ws.write_formula_with_format(12, c, Formula::new(format!("=SUM({l}5:{l}12)")), &border)?;
    }
    ws.write_string(
        13,
        0,
        "填表人：              审核人：              联系电话：",
    )?;
    ws.set_column_width(1, 14)?;
    for c in 2..=10 {
        ws.set_column_width(c, 10)?;
    }
    ws.set_print_area(0, 0, 13, 10)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    ws.set_row_height(0, 26)?;
    wb.save(path)?;
    Ok(())
}

/// The form: the county's layout, empty.
fn write_form(path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let border = Format::new().set_border(FormatBorder::Thin);
    let head = border.clone().set_bold();
    let last = HEADERS.len() as u16 - 1;
    ws.merge_range(
        0,
        0,
        0,
        last,
        "社区工作者信息采集表",
        &Format::new().set_bold(),
    )?;
    ws.merge_range(1, 0, 1, last, "（一人一行，请勿改动表头）", &Format::new())?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &head)?;
    }
    for r in 3..3 + BLANK_ROWS {
        for c in 0..=last {
            ws.write_blank(r, c, &border)?;
        }
    }
    let total = 3 + BLANK_ROWS;
    ws.write_string_with_format(total, 0, "合计", &border)?;
    ws.write_formula_with_format(
        total,
        1,
        Formula::new(format!("=COUNTA(B4:B{total})")),
        &border,
    )?;
    ws.write_string(total + 1, 0, "填表人：")?;
    for (c, w) in [
        (0, 5.0),
        (1, 8.0),
        (6, 20.0),
        (9, 16.0),
        (10, 10.0),
        (18, 12.0),
        (19, 16.0),
    ] {
        ws.set_column_width(c, w)?;
    }
    ws.set_print_area(0, 0, total + 1, last)?;
    ws.set_repeat_rows(2, 2)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    wb.save(path)?;
    Ok(())
}

fn bench(rows: usize, runs: usize) -> Result<()> {
    let (dir, path) = scratch("fill")?;
    let today = clock::today();
    println!(
        "填报上级表格基准测试：{rows} 人，{} 列，每项 {runs} 次（{}）",
        HEADERS.len(),
        build_kind()
    );
    let t = Instant::now();
    let (conn, made) = demo_street(&path, rows, today)?;
    println!(
        "{:<26} {:>8.1} s    （{} 人）",
        "生成演示台账",
        t.elapsed().as_secs_f64(),
        made.workers
    );
    drop(conn);
    let form = dir.join("表格.xlsx");
    write_form(&form)?;
    let conn = store::open(&path)?;
    let options = FillOptions::default();
    let out = dir.join("表格-已填.xlsx");
    let first = fill::fill(&conn, &fill::read_form(&form, None)?, &options, &out, today)?;
    println!(
        "填入 {} 人，{} 列有内容，插入 {} 行，文件 {} KB",
        first.rows,
        first.columns.iter().filter(|c| c.source.is_some()).count(),
        first.inserted_rows,
        std::fs::metadata(&out)?.len() / 1024
    );
    line(
        "读取表格并认出表头",
        time(runs, || fill::read_form(&form, None))?,
    );
    let parsed = fill::read_form(&form, None)?;
    line(
        "预览前几行",
        time(runs, || fill::preview(&conn, &parsed, &options, today))?,
    );
    line(
        "读取、填写并保存（全过程）",
        time(runs, || {
            let f = fill::read_form(&form, None)?;
            fill::fill(&conn, &f, &options, &out, today)
        })?,
    );
    drop(conn);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
