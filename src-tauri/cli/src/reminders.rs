//! `shegong reminders`: the home page's 待办提醒 as of a date, from the same core function
//! (`reminders::reminders`); `--json` prints the items as the window receives them.

use crate::args::Args;
use crate::{as_of, Failure};
use shegong_core::{reminders, store};
use std::path::Path;

pub fn run(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let date = as_of(args)?;
    let json = args.flag("--json");
    args.finish()?;
    let conn = store::open(db)?;
    let list = reminders::reminders(&conn, date)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Ok(());
    }
    println!("待办提醒（截至 {}）", list.as_of);
    if list.items.is_empty() {
        println!("台账里还没有可以提醒的记录（合同、培训、体检、考核、社区人口等录入后才有）。");
        return Ok(());
    }
    for item in &list.items {
        let mark = if item.urgent { "！" } else { "  " };
        println!(
            "{mark}{}\t{} {}\t{}",
            item.title, item.count, item.unit, item.detail
        );
    }
    Ok(())
}
