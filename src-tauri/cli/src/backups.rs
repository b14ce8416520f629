//! `shegong backups` and `shegong restore`: the backups beside the ledger, and going back to
//! one, for IT staff (also when the window cannot start). Restoring an open ledger keeps it as
//! 恢复前备份 first; a ledger that cannot be opened is set aside as 打不开的台账 instead.

use crate::args::Args;
use crate::Failure;
use shegong_core::audit::Channel;
use shegong_core::{clock, store, CoreError};
use std::path::{Path, PathBuf};

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
    let from = args.value("--from")?.map(PathBuf::from);
    let password = args.value("--password")?;
    let named = match &from {
        Some(_) => None,
        None => Some(args.command().ok_or_else(|| {
            Failure::Usage(
                "restore 需要备份文件名（用 shegong backups 查看），或 --from 其他位置的备份文件。"
                    .into(),
            )
        })?),
    };
    args.finish()?;
    // A file from elsewhere is copied into the backups folder (decrypted) and checked first.
    let file_name = match (named, from) {
        (Some(name), _) => name,
        (None, Some(from)) => store::bring_in_backup(db, &from, password.as_deref())?,
        (None, None) => unreachable!("one of the two was required above"),
    };
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

/// `shegong offsite …`: 异地备份 as the 设置 page does it.
pub fn offsite(args: &mut Args, db: &Path) -> Result<(), Failure> {
    let what = args.command().unwrap_or_default();
    match what.as_str() {
        "status" => {
            args.finish()?;
            let conn = store::open(db)?;
            let s = store::offsite::status(&conn, clock::today())?;
            println!("异地备份位置：{}", s.dir.as_deref().unwrap_or("未设置"));
            if s.dir.is_some() {
                println!("现在能否访问：{}", if s.present { "能" } else { "找不到" });
                println!("加密：{}", if s.encrypted { "是" } else { "否" });
            }
            println!(
                "最近一次异地备份：{}",
                s.last_copy_at.as_deref().unwrap_or("还没有")
            );
            if let Some(r) = s.reminder {
                println!("提醒：{r}");
            }
            Ok(())
        }
        "set" => {
            let dir = args.command().unwrap_or_default();
            let remind_days = args
                .number("--remind-days")?
                .unwrap_or(store::offsite::DEFAULT_REMIND_DAYS);
            let password = args.value("--password")?;
            let plain = args.flag("--no-password");
            args.finish()?;
            let mut conn = store::open(db)?;
            let encrypted =
                !plain && (password.is_some() || store::offsite::password(&conn)?.is_some());
            let input = store::offsite::OffsiteInput {
                dir: if dir.is_empty() { dir } else { absolute(&dir) },
                remind_days,
                encrypted,
                password,
            };
            shegong_core::write(&mut conn, |tx| {
                store::offsite::save(tx, &Channel::Cli, &input)
            })?;
            println!(
                "已保存：异地备份位置 {}，{} 天提醒{}。",
                if input.dir.is_empty() {
                    "（不再异地备份）"
                } else {
                    &input.dir
                },
                remind_days,
                if encrypted { "，加密" } else { "" }
            );
            Ok(())
        }
        "backup" => {
            args.finish()?;
            let mut conn = store::open(db)?;
            let made = store::offsite::backup_offsite(&mut conn, db, clock::now())?;
            println!("已异地备份到 {}（已读回检查）", made.display());
            Ok(())
        }
        _ => Err(Failure::Usage(
            "offsite 之后请写 status、set 位置 或 backup。".into(),
        )),
    }
}

/// A location typed on the command line, made absolute against the current folder.
fn absolute(dir: &str) -> String {
    let p = Path::new(dir);
    if p.is_absolute() {
        dir.to_string()
    } else {
        std::env::current_dir()
            .map(|cwd| cwd.join(p).display().to_string())
            .unwrap_or_else(|_| dir.to_string())
    }
}
