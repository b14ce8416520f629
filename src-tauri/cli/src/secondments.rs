//! `shegong secondments`: the street's 借调登记 as of a date, with 未经批准 and 逾期未归 marked,
//! as on the 借调登记 page and the workbook's 借调情况 sheet.

use crate::args::Args;
use crate::Failure;
use shegong_core::{dates, secondments, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let as_of = args
        .value("--as-of")?
        .ok_or_else(|| Failure::Usage("secondments 需要 --as-of 日期。".into()))?;
    let since = args.value("--from")?;
    let json = args.flag("--json");
    args.finish()?;
    let as_of = dates::required("asOf", "--as-of", &as_of)?;
    let since = dates::optional("since", "--from", since.as_deref())?;
    let conn = store::open(db)?;
    let register = secondments::register(&conn, as_of, since)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&register).unwrap_or_default()
        );
        return Ok(());
    }
    let c = register.counts;
    println!(
        "借调登记（截至 {}，{} 以来归队的也列出），共 {} 条；借调在外 {} 人，其中未经批准 {} 人、逾期未归 {} 人",
        register.as_of,
        register.since,
        register.rows.len(),
        c.away,
        c.unapproved,
        c.overdue
    );
    if register.rows.is_empty() {
        println!("没有借调记录。");
        return Ok(());
    }
    println!(
        "\n社区\t姓名\t类型\t借入单位\t开始日期\t计划结束日期\t归队日期\t状态\t批准文号\t标记"
    );
    for s in &register.rows {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            s.community_name,
            s.worker_name,
            s.kind,
            s.unit,
            s.start_on,
            s.planned_end,
            s.returned_on.as_deref().unwrap_or("—"),
            s.phase,
            s.approval.as_ref().map_or("—", |a| a.approval_no.as_str()),
            s.flag_words().join("、")
        );
    }
    Ok(())
}
