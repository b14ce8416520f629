//! Writes the rows the clerk confirmed: all of them or none, in one transaction, after a
//! backup of the ledger. Each row goes through `workers::create`/`update` and
//! `add_certificate`, so every rule of the form applies again and every change is audited
//! with 导入 and the file name. A rejected row is never written.

use super::{header, CommitChoices, ImportPlan, ImportSummary, PlanRow, RowAction, RowStatus};
use crate::audit::Channel;
use crate::communities::{self, CommunityInput};
use crate::error::{CoreError, Result};
use crate::{store, workers};
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Copies the ledger to `backups/导入前备份-<time>.db` beside it.
pub fn backup_before_import(conn: &Connection, db_path: &Path) -> Result<PathBuf> {
    let name = format!(
        "导入前备份-{}.db",
        chrono::Local::now().format("%Y%m%d-%H%M%S")
    );
    let dest = store::backups_dir(db_path).join(name);
    store::backup_to(conn, &dest)?;
    Ok(dest)
}

fn action(row: &PlanRow, choices: &CommitChoices) -> RowAction {
    choices
        .rows
        .iter()
        .find(|c| c.sheet == row.sheet && c.row == row.row)
        .map_or(row.action, |c| c.action)
}

fn writes(row: &PlanRow, choices: &CommitChoices) -> bool {
    match row.status {
        RowStatus::New => true,
        RowStatus::Changed => action(row, choices) == RowAction::Update,
        RowStatus::Unchanged | RowStatus::Rejected => false,
    }
}

fn check_rejected(plan: &ImportPlan, choices: &CommitChoices) -> Result<()> {
    if plan.counts.rejected > 0 && !choices.skip_rejected {
        return Err(CoreError::validation(
            "rejected",
            format!(
                "有 {} 行未通过检查，没有导入任何数据。请按错误说明改正文件后重新导入，或选择“跳过未通过的行，只导入其余各行”。",
                plan.counts.rejected
            ),
        ));
    }
    Ok(())
}

fn location(row: &PlanRow) -> String {
    format!("「{}」第 {} 行（{}）", row.sheet, row.row, row.name)
}

/// Writes the plan's rows inside `tx` (no backup: [`apply`] makes it first). Any failure
/// returns an error and the transaction, rolled back, leaves the ledger and the audit trail
/// exactly as they were.
fn write_rows(
    tx: &Transaction,
    plan: &ImportPlan,
    choices: &CommitChoices,
    today: NaiveDate,
) -> Result<ImportSummary> {
    check_rejected(plan, choices)?;
    let channel = Channel::Import(plan.file_name.clone());
    let changes_on = super::plan::changes_on(Some(&plan.changes_on), today)?;
    let mut summary = ImportSummary::default();

    // Communities the written rows need that the ledger does not have yet.
    let mut created: HashMap<String, i64> = HashMap::new();
    for row in plan
        .rows
        .iter()
        .filter(|r| r.creates_community && writes(r, choices))
    {
        let Some(name) = row.community.as_deref() else {
            continue;
        };
        if created.contains_key(name) {
            continue;
        }
        let id = match communities::find_by_name(tx, name)? {
            Some(c) => c.id,
            None => {
                // The file's 城镇常住人口 for it, dated the roster's date (its 变动日期).
                let population = plan
                    .communities
                    .iter()
                    .find(|c| c.community.as_deref() == Some(name))
                    .and_then(|c| c.population);
                let c = communities::create(
                    tx,
                    &channel,
                    &CommunityInput {
                        name: name.to_string(),
                        code: None,
                        population: population.unwrap_or(0),
                        population_date: population.map(|_| plan.changes_on.clone()),
                        households: None,
                        remarks: Some(match population {
                            Some(_) => "导入花名册时创建，城镇常住人口取自花名册。".into(),
                            None => "导入花名册时创建，请补填城镇常住人口。".into(),
                        }),
                    },
                )?;
                summary.communities_created.push(c.name.clone());
                c.id
            }
        };
        created.insert(name.to_string(), id);
    }

    for row in &plan.rows {
        match row.status {
            RowStatus::Rejected => {
                summary.rejected += 1;
                continue;
            }
            RowStatus::Unchanged => {
                summary.unchanged += 1;
                continue;
            }
            RowStatus::Changed if action(row, choices) == RowAction::Skip => {
                summary.skipped += 1;
                continue;
            }
            RowStatus::New | RowStatus::Changed => {}
        }
        let mut input = row.record.clone().ok_or_else(|| {
            CoreError::validation(
                "plan",
                format!("{} 没有可写入的内容，请重新预览后再导入。", location(row)),
            )
        })?;
        if row.creates_community {
            if let Some(id) = row.community.as_deref().and_then(|n| created.get(n)) {
                input.community_id = *id;
            }
        }
        let worker_id = if row.status == RowStatus::New {
            summary.created += 1;
            workers::create(tx, &channel, &input, today)?.id
        } else {
            let id = row.worker_id.ok_or_else(|| {
                CoreError::validation(
                    "plan",
                    format!("{} 缺少台账中的人员，请重新预览后再导入。", location(row)),
                )
            })?;
            let current = workers::get(tx, id, today)?.input;
            if row.before.as_ref() != Some(&current) {
                return Err(CoreError::conflict(
                    None,
                    format!(
                        "{} 在台账中的记录在预览之后被修改过，没有导入任何数据。请重新预览后再导入。",
                        location(row)
                    ),
                ));
            }
            if input != current {
                workers::update_dated(tx, &channel, id, &input, today, changes_on)?;
            }
            summary.updated += 1;
            id
        };
        if let Some(cert) = &row.certificate {
            workers::add_certificate_as(
                tx,
                &channel,
                worker_id,
                cert,
                today,
                workers::CertificateDateRule::MayBeUnknown,
            )?;
            summary.certificates_added += 1;
        }
    }
    header::remember(tx, &plan.mapping_to_remember)?;
    Ok(summary)
}

/// The clerk's confirmation, the one entry for the window and the CLI: refuses at once when
/// rows were rejected and the clerk did not choose to skip them; otherwise backs the ledger up
/// (when it is a file and something will be written) and writes the rows in one transaction.
pub fn apply(
    conn: &mut Connection,
    db_path: Option<&Path>,
    plan: &ImportPlan,
    choices: &CommitChoices,
    today: NaiveDate,
) -> Result<ImportSummary> {
    check_rejected(plan, choices)?;
    let any_write = plan.rows.iter().any(|r| writes(r, choices));
    let backup = match db_path {
        Some(p) if any_write => Some(backup_before_import(conn, p)?),
        _ => None,
    };
    let mut summary = crate::write(conn, |tx| write_rows(tx, plan, choices, today))?;
    summary.backup = backup.map(|p| p.display().to_string());
    summary.communities_without_population = communities::list(conn)?
        .into_iter()
        .filter(|c| c.population == 0)
        .map(|c| c.name)
        .collect();
    Ok(summary)
}
