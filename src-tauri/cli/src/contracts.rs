//! `shegong contracts due`: contracts ending within the reminder window as of a date, with
//! their flags (第十四条, 法定退休年龄 …), from core's one due list (`contracts::due`), as the
//! 合同 tab and the roster's 合同到期 filter show them.

use crate::args::Args;
use crate::Failure;
use shegong_core::{contracts, dates, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let as_of = args.value("--as-of")?;
    let within: Option<i64> = args.number("--within")?;
    let json = args.flag("--json");
    if args.command().as_deref() != Some("due") {
        return Err(Failure::Usage(
            "contracts 后面需要子命令，目前可用：due（合同到期情况）。".into(),
        ));
    }
    let as_of = as_of.ok_or_else(|| Failure::Usage("contracts due 需要 --as-of 日期。".into()))?;
    let date = dates::required("asOf", "--as-of", &as_of)?;
    args.finish()?;
    let conn = store::open(db)?;
    let list = contracts::due(&conn, date, within)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Ok(());
    }
    println!(
        "合同到期情况（截至 {}，{} 天内到期，即 {} 前），共 {} 份",
        list.as_of,
        list.within_days,
        list.until,
        list.rows.len()
    );
    if list.rows.is_empty() {
        println!("没有在此期间到期的合同。");
        return Ok(());
    }
    println!("\n社区\t姓名\t合同类型\t签订单位\t开始日期\t结束日期\t剩余天数\t第几份\t提示");
    for row in &list.rows {
        let c = &row.contract;
        let flags: Vec<String> = c.flags.iter().map(|f| f.kind.to_string()).collect();
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.community_name,
            c.worker_name,
            c.kind,
            c.signing_party,
            c.start_on,
            c.end_on.as_deref().unwrap_or("—"),
            c.days_left.map_or("—".to_string(), |d| d.to_string()),
            c.sequence,
            flags.join("、")
        );
    }
    for row in &list.rows {
        for f in &row.contract.flags {
            if f.kind != shegong_core::vocab::ContractFlagKind::EndingSoon {
                println!("{}：{}", row.contract.worker_name, f.message);
            }
        }
    }
    Ok(())
}
