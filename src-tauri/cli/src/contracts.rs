//! `shegong contracts due`: contracts ending within the reminder window as of a date, with
//! their flags (第十四条, 法定退休年龄 …), from core's one due list (`contracts::due`), as the
//! 合同 tab and the roster's 合同到期 filter show them. `shegong contracts probation`: the
//! probations ending within the window (or ended) without a recorded 试用期考核 outcome.

use crate::args::Args;
use crate::Failure;
use shegong_core::{contracts, dates, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let as_of = args.value("--as-of")?;
    let within: Option<i64> = args.number("--within")?;
    let json = args.flag("--json");
    let command = args.command();
    let probation = match command.as_deref() {
        Some("due") => false,
        Some("probation") => true,
        _ => return Err(Failure::Usage(
            "contracts 后面需要子命令，目前可用：due（合同到期情况）、probation（待试用期考核）。"
                .into(),
        )),
    };
    let as_of = as_of.ok_or_else(|| {
        Failure::Usage(format!(
            "contracts {} 需要 --as-of 日期。",
            command.unwrap_or_default()
        ))
    })?;
    let date = dates::required("asOf", "--as-of", &as_of)?;
    args.finish()?;
    let conn = store::open(db)?;
    let list = if probation {
        contracts::probation_due(&conn, date, within)?
    } else {
        contracts::due(&conn, date, within)?
    };
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Ok(());
    }
    let (title, what, none, days) = if probation {
        (
            "待试用期考核",
            "试用期届满",
            "没有待考核的试用期。",
            "距试用期满天数",
        )
    } else {
        (
            "合同到期情况",
            "到期",
            "没有在此期间到期的合同。",
            "距到期天数",
        )
    };
    println!(
        "{title}（截至 {}，{} 天内{what}，即 {} 前），共 {} 份",
        list.as_of,
        list.within_days,
        list.until,
        list.rows.len()
    );
    if list.rows.is_empty() {
        println!("{none}");
        return Ok(());
    }
    println!(
        "\n社区\t姓名\t合同类型\t签订单位\t开始日期\t结束日期\t试用期满\t{days}\t第几份\t提示"
    );
    for row in &list.rows {
        let c = &row.contract;
        let flags: Vec<String> = c.flags.iter().map(|f| f.kind.to_string()).collect();
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            c.community_name,
            c.worker_name,
            c.kind,
            c.signing_party,
            c.start_on,
            c.end_on.as_deref().unwrap_or("—"),
            c.probation_end.as_deref().unwrap_or("—"),
            row.days_to_due.map_or("—".to_string(), |d| d.to_string()),
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
