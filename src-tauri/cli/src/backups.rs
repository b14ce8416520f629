//! `shegong backups` and `shegong restore`: the backups beside the ledger, and going back to
//! one, for IT staff (also when the window cannot start). Restoring an open ledger keeps it as
//! 恢复前备份 first; a ledger that cannot be opened is set aside as 打不开的台账 instead.

use crate::args::Args;
use crate::Failure;
use shegong_core::audit::Channel;
use shegong_core::{store, CoreError};
use std::path::Path;

pub fn list(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let json = args.flag("--json");
    args.finish()?;
    let backups = store::list_backups(db)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&backups).unwrap_or_default()
        );
        return Ok(());
    }
    println!("备份文件夹：{}", store::backups_dir(db).display());
    if backups.is_empty() {
        println!("还没有备份。");
    }
    for b in &backups {
        let what = match (&b.problem, b.communities, b.workers) {
            (Some(p), _, _) => format!("不能恢复：{p}"),
            (None, Some(c), Some(w)) => format!("{c} 个社区、{w} 人"),
            _ => String::new(),
        };
        let checked = match (b.check_passed, &b.checked_at) {
            (Some(true), Some(at)) => format!("已校验 {at}"),
            (Some(false), _) => "未通过校验".to_string(),
            _ => "未校验".to_string(),
        };
        println!(
            "  {}  {:<8}  {}  {}  {}",
            b.saved_at, b.kind, b.file_name, checked, what
        );
    }
    Ok(())
}

/// `shegong check`: the full check (完整检查) the window runs weekly, now, recorded in the
/// ledger like the window's.
pub fn check(args: &mut Args, db: &Path) -> Result<(), Failure> {
    args.finish()?;
    let mut conn = store::open(db)?;
    let found = store::integrity::check_file(db, shegong_core::clock::now());
    store::integrity::record_check(&mut conn, &found)?;
    if found.ok {
        println!(
            "完整检查通过：台账的每一页和每个索引都读得出来（{}）。",
            found.checked_at
        );
        Ok(())
    } else {
        Err(CoreError::Damaged(format!(
            "完整检查发现问题：{}",
            found.problem.unwrap_or_default()
        ))
        .into())
    }
}

pub fn restore(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let file_name = args.command().ok_or_else(|| {
        Failure::Usage("restore 需要备份文件名（用 shegong backups 查看）。".into())
    })?;
    args.finish()?;
    let done = match store::open(db) {
        Ok(mut conn) => store::restore_backup(&mut conn, db, &file_name, &Channel::Cli)?,
        Err(e @ CoreError::Damaged(_)) => {
            eprintln!("{e}\n改为把它移到 backups 文件夹，用备份代替它。");
            store::recover_ledger(db, &file_name, &Channel::Cli)?.1
        }
        // A newer, locked or unreadable ledger is not damaged: an older copy must not replace it.
        Err(e) => return Err(e.into()),
    };
    println!(
        "已从 {} 恢复：{} 个社区、{} 人。原台账另存为 {}。",
        done.restored_from, done.communities, done.workers, done.safety_copy
    );
    Ok(())
}
