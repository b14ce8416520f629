//! `shegong person history 身份证号` and `shegong person unfiled`: a person's 任职经历 and
//! 学历经历, and the 书记 not yet filed with the county, as on the person page.

use crate::args::Args;
use crate::{as_of, Failure};
use shegong_core::store;
use shegong_core::workers::history;
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let json = args.flag("--json");
    match args.command().as_deref() {
        Some("history") => {
            let id_number = args
                .command()
                .ok_or_else(|| Failure::Usage("person history 后面需要身份证号。".into()))?;
            args.finish()?;
            let conn = store::open(db)?;
            let h = history::history(&conn, history::worker_by_id_number(&conn, &id_number)?)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&h).unwrap_or_default());
                return Ok(());
            }
            println!("{}（入职时间 {}）的任职经历：", h.name, h.hired_on);
            println!("起始日期\t截止日期\t社区\t人员类别\t职务\t具体岗位\t原因\t文号\t书记备案");
            for p in &h.posts {
                let filing = match (&p.filing, p.starts_secretary_tenure) {
                    (Some(f), _) => format!("{} {}", f.filed_on, f.filed_with),
                    (None, true) => "未备案".to_string(),
                    (None, false) => "—".to_string(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.effective_on,
                    p.ended_on.as_deref().unwrap_or("至今"),
                    p.community_name,
                    p.category,
                    p.position,
                    p.post_detail.as_deref().unwrap_or("—"),
                    p.reason,
                    p.doc_no.as_deref().unwrap_or("—"),
                    filing
                );
            }
            println!("\n学历经历：\n起算日期\t最高学历\t毕业院校\t所学专业");
            for e in &h.education {
                println!(
                    "{}\t{}\t{}\t{}",
                    e.obtained_on,
                    e.education,
                    e.school.as_deref().unwrap_or("—"),
                    e.major.as_deref().unwrap_or("—")
                );
            }
            Ok(())
        }
        Some("unfiled") => {
            let on = as_of(args)?;
            args.finish()?;
            let conn = store::open(db)?;
            let list = history::unfiled_secretaries(&conn, on)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                );
                return Ok(());
            }
            println!("截至 {on}，尚未备案的书记 {} 人", list.len());
            for u in &list {
                println!(
                    "{}\t{}\t{}\t{} 起，已 {} 天",
                    u.community_name, u.name, u.position, u.since, u.days
                );
            }
            Ok(())
        }
        _ => Err(Failure::Usage(
            "person 后面应为 history 身份证号 或 unfiled。".into(),
        )),
    }
}
