//! `shegong grades propose|apply`: the promotion run as of a date, as on the 岗位等级 page:
//! each worker's current and proposed grade with the reasoning, and writing it.

use crate::args::Args;
use crate::Failure;
use shegong_core::audit::Channel;
use shegong_core::{dates, grades, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let as_of = args.value("--as-of")?;
    let json = args.flag("--json");
    let all = args.flag("--all");
    let sub = args.command();
    let usage = || {
        Failure::Usage(
            "grades 后面需要子命令：propose（晋级建议）或 apply（写入岗位等级记录）。".into(),
        )
    };
    let sub = sub.ok_or_else(usage)?;
    if sub != "propose" && sub != "apply" {
        return Err(usage());
    }
    let as_of = as_of.ok_or_else(|| Failure::Usage(format!("grades {sub} 需要 --as-of 日期。")))?;
    let date = dates::required("asOf", "--as-of", &as_of)?;
    if sub == "apply" && (json || all) {
        return Err(Failure::Usage(
            "grades apply 不接受 --json 或 --all。".into(),
        ));
    }
    args.finish()?;
    let mut conn = store::open(db)?;
    if sub == "apply" {
        let s = shegong_core::write(&mut conn, |tx| grades::apply(tx, &Channel::Cli, date, &[]))?;
        println!(
            "已按 {} 的晋级建议写入 {} 条岗位等级记录，{} 人等级不变。",
            dates::text(date),
            s.written,
            s.unchanged
        );
        return Ok(());
    }
    let proposals = grades::propose(&conn, date)?;
    let initial = proposals.iter().filter(|p| p.current.is_none()).count();
    let changed = proposals.iter().filter(|p| p.changed).count();
    let attention = proposals.iter().filter(|p| !p.attention.is_empty()).count();
    if json {
        let value = serde_json::json!({
            "asOf": dates::text(date),
            "rules": grades::get_rules(&conn)?,
            "total": proposals.len(),
            "initial": initial,
            "changed": changed,
            "proposals": proposals,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(());
    }
    println!(
        "岗位等级晋级建议（截至 {}）：在岗 {} 人，定级 {} 人，调整 {} 人，不变 {} 人，需核对 {} 人",
        dates::text(date),
        proposals.len(),
        initial,
        changed - initial,
        proposals.len() - changed,
        attention
    );
    for p in proposals
        .iter()
        .filter(|p| all || p.changed || !p.attention.is_empty())
    {
        let now = p.current.as_ref().map_or("未定级".to_string(), |c| {
            format!("{} {} 级", c.category, c.level)
        });
        let reason = p.reason.as_deref().unwrap_or("不变");
        println!(
            "\n{} {}（{}）：{} → {} {} 级（{}）",
            p.community_name, p.name, p.position, now, p.category, p.level, reason
        );
        for line in &p.lines {
            println!("  · {line}");
        }
        for line in &p.attention {
            println!("  ！{line}");
        }
    }
    Ok(())
}
