//! `shegong export county`: the county report workbook, as on the 报表 page.

use crate::args::Args;
use crate::Failure;
use shegong_core::reports::{self, ReportOptions};
use shegong_core::{clock, store};
use std::path::{Path, PathBuf};

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    // Options first: what is left is the report's name.
    let as_of = args.value("--as-of")?;
    let period_from = args.value("--from")?;
    let period_to = args.value("--to")?;
    let out = args.value("--out")?;
    let sheets = args.value("--sheets")?;
    let full_id_numbers = args.flag("--full-id");
    let include_exited = args.flag("--include-exited");
    if args.command().as_deref() != Some("county") {
        return Err(Failure::Usage(
            "export 后面需要报表名称，目前可用：county（区县报表工作簿）。".into(),
        ));
    }
    let as_of =
        as_of.ok_or_else(|| Failure::Usage("export county 需要 --as-of 统计截止日期。".into()))?;
    if period_from.is_some() != period_to.is_some() {
        return Err(Failure::Usage(
            "--from 和 --to 要一起给出（或都不给，默认为统计截止日期所在年度的 1 月 1 日至统计截止日期）。"
                .into(),
        ));
    }
    let out = out.ok_or_else(|| Failure::Usage("export county 需要 --out 文件.xlsx。".into()))?;
    let sheets = sheets
        .map(|s| {
            s.split([',', '，', '、'])
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let options = ReportOptions {
        as_of,
        period_from,
        period_to,
        sheets,
        full_id_numbers,
        include_exited,
    };
    args.finish()?;
    let conn = store::open(db)?;
    let started = std::time::Instant::now();
    let result = reports::export_county(
        &conn,
        &options,
        &PathBuf::from(&out),
        clock::now(),
        &mut |_| {},
    )?;
    println!(
        "已导出 {}：{} 个工作表（{}），花名册 {} 人，身份证号{}（{:.1} 秒）。",
        result.path,
        result.sheets.len(),
        result.sheets.join("、"),
        result.roster_rows,
        if result.id_numbers_masked {
            "已隐去中间 8 位"
        } else {
            "为完整号码，请妥善保管"
        },
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
