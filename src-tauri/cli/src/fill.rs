//! `shegong fill`: 填报上级表格, a county form filled from the ledger (as on the 报表 page).

use crate::args::Args;
use crate::Failure;
use shegong_core::fill::{self, FillOptions, FillResult, RowKind};
use shegong_core::{clock, store};
use std::path::{Path, PathBuf};

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let out = args.value("--out")?;
    let sheet = args.value("--sheet")?;
    let as_of = args.value("--as-of")?.unwrap_or_default();
    let mut communities = Vec::new();
    while let Some(c) = args.value("--community")? {
        communities.extend(
            c.split([',', '，', '、'])
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty()),
        );
    }
    let full_id_numbers = args.flag("--full-id");
    let json = args.flag("--json");
    let Some(form_path) = args.command() else {
        return Err(Failure::Usage(
            "fill 后面需要县里发来的表格文件（.xlsx 或 .xls）。".into(),
        ));
    };
    args.finish()?;
    let form_path = PathBuf::from(form_path);
    let out = out.map_or_else(|| fill::default_output(&form_path), PathBuf::from);
    let options = FillOptions {
        sheet: sheet.clone(),
        as_of,
        communities,
        full_id_numbers,
        ..FillOptions::default()
    };
    let started = std::time::Instant::now();
    let form = fill::read_form(&form_path, sheet.as_deref())?;
    let conn = store::open(db)?;
    let result = fill::fill(&conn, &form, &options, &out, clock::today())?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&result).unwrap_or_default()
        );
    } else {
        print(&result, started.elapsed().as_secs_f64());
    }
    Ok(())
}

fn print(r: &FillResult, seconds: f64) {
    println!(
        "已填好 {}（工作表“{}”，{}，统计截止日期 {}）：{} {}{}（{seconds:.1} 秒）。",
        r.path,
        r.sheet,
        r.kind.label(),
        r.as_of,
        r.rows,
        if r.kind == RowKind::People {
            "人"
        } else {
            "个社区"
        },
        match (r.kind, r.id_numbers_masked) {
            (RowKind::Communities, _) => "",
            (_, true) => "，身份证号已隐去中间 8 位",
            (_, false) => "，身份证号为完整号码，请妥善保管",
        },
    );
    for c in &r.columns {
        match &c.source_label {
            Some(label) => println!("  {} 列 {}：{label}", c.letter, c.header),
            None => println!("  {} 列 {}：未填（台账中没有对应内容）", c.letter, c.header),
        }
    }
    if r.inserted_rows > 0 {
        println!("表中空行不够，已在表尾上方插入 {} 行。", r.inserted_rows);
    }
    for n in &r.not_in_ledger {
        println!("  {n}");
    }
    for n in &r.notes {
        println!("{n}");
    }
    if !r.keeps_formatting {
        println!("原表不是 .xlsx：已另存为新的 .xlsx，字体和边框按程序的样式。");
    }
}
