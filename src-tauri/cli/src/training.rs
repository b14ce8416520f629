//! `shegong training due`: each counted person's training status as of a date (overdue
//! first), as on the 培训 page's cadence list.

use crate::args::Args;
use crate::Failure;
use shegong_core::vocab::CadenceStatus;
use shegong_core::{dates, store, training};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let as_of = args.value("--as-of")?;
    let json = args.flag("--json");
    let all = args.flag("--all");
    if args.command().as_deref() != Some("due") {
        return Err(Failure::Usage(
            "training 后面需要子命令，目前可用：due（培训到期情况）。".into(),
        ));
    }
    let as_of = as_of.ok_or_else(|| Failure::Usage("training due 需要 --as-of 日期。".into()))?;
    let date = dates::required("asOf", "--as-of", &as_of)?;
    args.finish()?;
    let conn = store::open(db)?;
    let rows = training::cadence(&conn, date)?;
    let counts: Vec<(CadenceStatus, usize)> = CadenceStatus::ALL
        .iter()
        .map(|s| (*s, rows.iter().filter(|r| r.status == *s).count()))
        .collect();
    if json {
        let value = serde_json::json!({
            "asOf": dates::text(date),
            "rules": training::get_rules(&conn)?,
            "counts": counts.iter().map(|(s, n)| serde_json::json!({"status": s, "count": n})).collect::<Vec<_>>(),
            "rows": rows,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(());
    }
    println!(
        "培训到期情况（截至 {}），共 {} 人",
        dates::text(date),
        rows.len()
    );
    let parts: Vec<String> = counts.iter().map(|(s, n)| format!("{s} {n}")).collect();
    println!("{}", parts.join("，"));
    let shown: Vec<_> = rows
        .iter()
        .filter(|r| all || matches!(r.status, CadenceStatus::Overdue | CadenceStatus::DueSoon))
        .collect();
    if shown.is_empty() {
        println!("没有已逾期或即将到期的人员。");
        return Ok(());
    }
    println!("\n状态\t到期日\t社区\t姓名\t职务\t依据\t最近一次计入的培训");
    for r in shown {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            r.status,
            r.due_date,
            r.community_name,
            r.name,
            r.position,
            r.decided_by,
            match (&r.last_training, &r.last_training_date) {
                (Some(n), Some(d)) => format!("{n}（{d}）"),
                _ => "无".into(),
            }
        );
    }
    Ok(())
}
