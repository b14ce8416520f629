//! `shegong import roster|template`: importing Excel rosters without the window (IT staff,
//! scripts, tests). The preview is printed; rows are written only when none was rejected or
//! --skip-rejected is given, never with --dry-run. ID numbers are printed masked.

use crate::args::Args;
use crate::{as_of, db_path, Failure};
use serde_json::{json, Value};
use shegong_core::import::{
    self, CommitChoices, FieldDefault, ImportField, ImportOptions, ImportPlan, ImportSummary,
    PlanRow, RowAction, RowStatus, SheetChoice,
};
use shegong_core::{idcard, store, CoreError};
use std::path::{Path, PathBuf};

pub fn run(args: &mut Args, db: &Option<String>) -> Result<(), Failure> {
    // Options first: what is left are the subcommand and the file.
    let mut sheets = Vec::new();
    while let Some(s) = args.value("--sheet")? {
        sheets.push(s);
    }
    let dry_run = args.flag("--dry-run");
    let on_existing = match args.value("--on-existing")?.as_deref() {
        None | Some("update") => RowAction::Update,
        Some("skip") => RowAction::Skip,
        Some(other) => {
            return Err(Failure::Usage(format!(
                "--on-existing 应为 update 或 skip，现在是“{other}”。"
            )))
        }
    };
    let create_communities = args.flag("--create-communities");
    let skip_rejected = args.flag("--skip-rejected");
    let json = args.flag("--json");
    let error_report = args.value("--error-report")?;
    let out = args.value("--out")?;
    let changes_on = args.value("--changes-on")?;
    // File-wide values for what the roster lacks (a blank cell takes them too).
    let mut defaults = Vec::new();
    for (flag, field) in [
        ("--category", ImportField::Category),
        ("--hired", ImportField::HiredOn),
    ] {
        if let Some(value) = args.value(flag)? {
            defaults.push(FieldDefault { field, value });
        }
    }
    let today = as_of(args)?;
    match args.command().as_deref() {
        Some("roster") => {
            let file = args.command().ok_or_else(|| {
                Failure::Usage("import roster 后面需要要导入的 Excel 文件。".into())
            })?;
            args.finish()?;
            if out.is_some() {
                return Err(Failure::Usage(
                    "--out 只用于 import template；错误报告请用 --error-report 文件.xlsx。".into(),
                ));
            }
            roster(
                &db_path(db)?,
                Path::new(&file),
                Roster {
                    sheets,
                    dry_run,
                    options: ImportOptions {
                        on_existing,
                        create_communities,
                        changes_on,
                        defaults,
                        ..Default::default()
                    },
                    skip_rejected,
                    json,
                    error_report: error_report.map(PathBuf::from),
                    today,
                },
            )
        }
        Some("template") => {
            args.finish()?;
            let out =
                out.ok_or_else(|| Failure::Usage("import template 需要 --out 文件.xlsx。".into()))?;
            template(db, Path::new(&out))
        }
        _ => Err(Failure::Usage(
            "import 后面需要 roster（导入花名册）或 template（生成导入模板）。".into(),
        )),
    }
}

struct Roster {
    sheets: Vec<String>,
    dry_run: bool,
    options: ImportOptions,
    skip_rejected: bool,
    json: bool,
    error_report: Option<PathBuf>,
    today: chrono::NaiveDate,
}

fn masked(id: &str) -> String {
    if id.chars().count() == 18 {
        idcard::mask(id)
    } else {
        id.to_string()
    }
}

fn roster(db: &Path, file: &Path, r: Roster) -> Result<(), Failure> {
    let mut conn = store::open(db)?;
    // The file is read once, without the ledger, as the window reads it.
    let book = import::read_book(file, None)?;
    let view = import::LedgerView::load(&conn)?;
    // Named sheets start from core's default choice, as the window does; a name the file
    // lacks is passed on for `preview` to refuse.
    let choices: Vec<SheetChoice> = if r.sheets.is_empty() {
        Vec::new()
    } else {
        let info = import::inspect_book(&book, &view)?;
        r.sheets
            .iter()
            .map(|name| {
                info.sheets.iter().find(|s| &s.name == name).map_or_else(
                    || SheetChoice {
                        name: name.clone(),
                        ..Default::default()
                    },
                    |s| s.default_choice.clone(),
                )
            })
            .collect()
    };
    let plan = import::preview_book(&book, &view, &choices, &r.options, r.today)?;

    let blocked = plan.counts.rejected > 0 && !r.skip_rejected;
    let mut summary = None;
    if !blocked && !r.dry_run {
        let choices = CommitChoices {
            skip_rejected: r.skip_rejected,
            rows: Vec::new(),
        };
        summary = Some(import::apply(
            &mut conn,
            Some(db),
            &plan,
            &choices,
            r.today,
        )?);
    }
    if let Some(path) = &r.error_report {
        if plan.counts.rejected > 0 {
            import::write_error_report(&plan, path)?;
        }
    }
    if r.json {
        let v = to_json(&plan, r.dry_run, summary.as_ref());
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        print_plan(&plan);
        if let (Some(path), true) = (&r.error_report, plan.counts.rejected > 0) {
            println!("错误报告已保存到 {}", path.display());
        }
        match &summary {
            Some(s) => print_summary(s),
            None if r.dry_run && !blocked => println!("\n试运行（--dry-run）：没有写入台账。"),
            None => {}
        }
    }
    if blocked {
        return Err(Failure::Core(CoreError::validation(
            "rejected",
            format!(
                "有 {} 行未通过检查，没有写入任何数据。请按上面的说明改正文件后重新导入（--error-report 文件.xlsx 可保存错误报告），或加 --skip-rejected 只导入其余各行。",
                plan.counts.rejected
            ),
        )));
    }
    Ok(())
}

fn template(db: &Option<String>, out: &Path) -> Result<(), Failure> {
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Failure::Usage(format!(
            "模板文件名“{}”应以 .xlsx 结尾，例如 导入模板.xlsx。",
            out.display()
        )));
    }
    // The ledger's communities fill the 所在社区 drop-down; a ledger is never created for it.
    let path = db_path(db).ok().filter(|p| p.exists());
    let conn = match path {
        Some(p) => store::open(&p)?,
        None => store::open_in_memory()?,
    };
    import::write_template(&conn, out)?;
    println!("已生成导入模板 {}", out.display());
    Ok(())
}

fn where_(r: &PlanRow) -> String {
    format!("「{}」第 {} 行", r.sheet, r.row)
}

fn print_plan(plan: &ImportPlan) {
    println!("文件：{}", plan.file_name);
    for s in &plan.sheets {
        let mut line = format!(
            "工作表「{}」：表头在第 {} 行{}",
            s.name,
            s.header_row,
            if s.header_rows == 2 {
                "（两行表头）"
            } else {
                ""
            }
        );
        if let Some(c) = &s.community {
            line.push_str(&format!("；没有社区的行归入“{c}”"));
        }
        println!("{line}");
        let cols: Vec<String> = s
            .mapping
            .iter()
            .filter(|m| {
                !s.headers
                    .get(m.column as usize)
                    .is_none_or(|h| h.is_empty())
            })
            .map(|m| {
                let header = &s.headers[m.column as usize];
                match m.field {
                    Some(f) => format!(
                        "{}「{header}」→{}",
                        import::column_letter(m.column),
                        f.label()
                    ),
                    None => format!("{}「{header}」不导入", import::column_letter(m.column)),
                }
            })
            .collect();
        println!("  列：{}", cols.join("，"));
    }
    let c = &plan.counts;
    println!(
        "\n新增 {} 人，修改 {} 人，无变化 {} 人，未通过 {} 行；另有 {} 行不是人员数据，未导入。",
        c.new, c.changed, c.unchanged, c.rejected, c.skipped
    );
    let rejected: Vec<&PlanRow> = plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Rejected)
        .collect();
    if !rejected.is_empty() {
        println!("\n未通过（不会导入）：");
        for r in rejected {
            for e in &r.errors {
                let col = if e.column.is_empty() {
                    String::new()
                } else {
                    format!("「{}」", e.column)
                };
                println!("  {}{col}：{}", where_(r), e.message);
            }
        }
    }
    let changed: Vec<&PlanRow> = plan
        .rows
        .iter()
        .filter(|r| r.status == RowStatus::Changed)
        .collect();
    if !changed.is_empty() {
        println!("\n修改（台账中已有的人员）：");
        for r in changed {
            let parts: Vec<String> = r
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "{} {} → {}",
                        c.field,
                        c.old.as_deref().unwrap_or("（空）"),
                        c.new.as_deref().unwrap_or("（空）")
                    )
                })
                .collect();
            let action = match r.action {
                RowAction::Update => "更新",
                RowAction::Skip => "跳过",
            };
            println!(
                "  {} {}（{}）：{}【{action}】",
                where_(r),
                r.name,
                masked(&r.id_number),
                parts.join("；")
            );
        }
    }
    let warned: Vec<&PlanRow> = plan
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Rejected && !r.warnings.is_empty())
        .collect();
    if !warned.is_empty() {
        println!("\n提示：");
        for r in warned {
            for w in &r.warnings {
                println!("  {}「{}」：{}", where_(r), w.column, w.message);
            }
        }
    }
    if !plan.skipped.is_empty() {
        println!("\n未导入的非数据行：");
        for s in &plan.skipped {
            println!("  「{}」第 {} 行：{}", s.sheet, s.row, s.reason);
        }
    }
    let resolved: Vec<String> = plan
        .communities
        .iter()
        .filter(|c| c.community.as_deref() != Some(c.raw.as_str()))
        .map(|c| match (&c.community, c.matched) {
            (Some(name), import::CommunityMatch::Create) => format!("“{}” → 新建“{name}”", c.raw),
            (Some(name), _) => format!("“{}” → {name}", c.raw),
            (None, _) => format!("“{}” → 待选择", c.raw),
        })
        .collect();
    if !resolved.is_empty() {
        println!("\n社区对应：{}", resolved.join("，"));
    }
    for n in &plan.notes {
        println!("\n注意：{n}");
    }
}

fn print_summary(s: &ImportSummary) {
    println!(
        "\n已导入：新增 {} 人，更新 {} 人，无变化 {} 人，跳过 {} 人，未通过未导入 {} 行；新增职业资格 {} 条。",
        s.created, s.updated, s.unchanged, s.skipped, s.rejected, s.certificates_added
    );
    if !s.communities_created.is_empty() {
        println!("新建社区：{}", s.communities_created.join("、"));
    }
    if !s.communities_without_population.is_empty() {
        println!(
            "城镇常住人口还是 0 的社区：{}。配备情况要按人口计算应配人数，请到“社区”页面补填，或用 shegong community set 社区名 --population 人数 --as-of 统计日期。",
            s.communities_without_population.join("、")
        );
    }
    if let Some(b) = &s.backup {
        println!("导入前备份：{b}");
    }
}

fn to_json(plan: &ImportPlan, dry_run: bool, summary: Option<&ImportSummary>) -> Value {
    let base = |r: &PlanRow| {
        json!({
            "sheet": r.sheet,
            "row": r.row,
            "name": r.name,
            "idNumber": masked(&r.id_number),
            "community": r.community,
        })
    };
    let with = |r: &PlanRow, key: &str, extra: Value| {
        let mut v = base(r);
        v[key] = extra;
        v
    };
    let issues = |list: &[import::RowIssue], text: &str| -> Value {
        list.iter()
            .map(|e| {
                let mut v = json!({ "column": e.column });
                v[text] = json!(e.message);
                v
            })
            .collect()
    };
    let of = |status: RowStatus| plan.rows.iter().filter(move |r| r.status == status);
    json!({
        "file": plan.file_name,
        "dryRun": dry_run,
        "written": summary.is_some(),
        "counts": plan.counts,
        "sheets": plan.sheets.iter().map(|s| json!({
            "name": s.name,
            "headerRow": s.header_row,
            "headerRows": s.header_rows,
            "community": s.community,
            "columns": s.mapping.iter().map(|m| json!({
                "column": import::column_letter(m.column),
                "header": s.headers.get(m.column as usize),
                "field": m.field,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "new": of(RowStatus::New).map(|r| with(r, "warnings", issues(&r.warnings, "message"))).collect::<Vec<_>>(),
        "changed": of(RowStatus::Changed).map(|r| {
            let mut v = with(r, "changes", json!(r.changes));
            v["action"] = json!(r.action);
            v["warnings"] = issues(&r.warnings, "message");
            v
        }).collect::<Vec<_>>(),
        "unchanged": of(RowStatus::Unchanged).map(base).collect::<Vec<_>>(),
        "rejected": of(RowStatus::Rejected).map(|r| {
            let mut v = with(r, "errors", issues(&r.errors, "reason"));
            v["choices"] = json!(r.choices);
            v
        }).collect::<Vec<_>>(),
        "skipped": plan.skipped,
        "communities": plan.communities,
        "notes": plan.notes,
        "summary": summary,
    })
}
