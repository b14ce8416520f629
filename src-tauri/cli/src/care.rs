//! `shegong care summary`: a year's care figures (check-ups, holiday visits, activities,
//! difficulties), as on the 关爱 page.

use crate::args::Args;
use crate::Failure;
use shegong_core::{care, clock, dates, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let year: Option<i32> = args.number("--year")?;
    let as_of = args.value("--as-of")?;
    let json = args.flag("--json");
    if args.command().as_deref() != Some("summary") {
        return Err(Failure::Usage(
            "care 后面需要子命令，目前可用：summary（年度关爱情况）。".into(),
        ));
    }
    let year = year.ok_or_else(|| {
        Failure::Usage("care summary 需要 --year 年度，例如 --year 2026。".into())
    })?;
    if !(2000..=2100).contains(&year) {
        return Err(Failure::Usage("--year 须在 2000 至 2100 之间。".into()));
    }
    let today = dates::optional("asOf", "--as-of", as_of.as_deref())?.unwrap_or_else(clock::today);
    args.finish()?;
    let conn = store::open(db)?;
    let s = care::care_summary(&conn, year, today)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
        return Ok(());
    }
    println!("{} 年关爱情况（截至 {}）", s.year, s.as_of);
    println!(
        "体检：应检 {} 人，已检 {} 人（{:.1}%），需关注 {} 人，未检 {} 人",
        s.checkup_total,
        s.checked,
        s.checkup_percent,
        s.needs_attention,
        s.not_checked.len()
    );
    for p in s.not_checked.iter().take(20) {
        println!("  未检：{} {}", p.community_name, p.name);
    }
    if s.not_checked.len() > 20 {
        println!(
            "  ……另有 {} 人（--json 可看全部）",
            s.not_checked.len() - 20
        );
    }
    println!("走访慰问：");
    for v in s.visits.iter().filter(|v| v.visits > 0) {
        println!(
            "  {}：{} 人，{} 次，金额 {} 元",
            v.festival, v.people, v.visits, v.amount
        );
    }
    println!(
        "关爱活动：{} 次，参加 {} 人",
        s.activities, s.activity_people
    );
    println!(
        "困难诉求：未解决 {} 件，其中超过 {} 天 {} 件",
        s.open_difficulties.len(),
        care::OPEN_DAYS_FLAGGED,
        s.flagged_difficulties
    );
    for d in s.open_difficulties.iter().filter(|d| d.flagged) {
        println!(
            "  {} {} {}（{}，已 {} 天）",
            d.community_name, d.worker_name, d.input.category, d.input.status, d.days_open
        );
    }
    Ok(())
}
