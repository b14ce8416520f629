//! `shegong`: the command-line front of 社工台账 for IT staff, scripts and tests. Each
//! subcommand parses its arguments and calls the core; messages are Chinese.

mod args;
mod backups;
mod bench;
mod bench_export;
mod bench_fill;
mod bench_grades;
mod bench_import;
mod bench_training;
mod care;
mod community;
mod contracts;
mod export;
mod fill;
mod grades;
mod import;
mod person;
mod reminders;
mod secondments;
mod training;

use args::Args;
use shegong_core::{clock, demo, stats, store, CoreError};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "社工台账命令行

用法：
  shegong [--db 文件] demo [--seed N] [--communities N] [--workers N] [--as-of 日期]
      在空台账中生成演示街道（同一 seed 和日期生成相同数据）。
  shegong [--db 文件] stats [--as-of 日期] [--json]
      按人员类别、状态、社区统计人数，以及各社区配备情况。
  shegong [--db 文件] backup [--out 文件]
      把台账完整备份到指定文件；不指定时存入台账旁的 backups 文件夹
      （手动备份-时间.db，与窗口里的“立即备份”相同）。
  shegong [--db 文件] backups [--json]
      列出台账旁 backups 文件夹里的备份：类型、保存时间、是否已校验、社区数和人数，不能恢复的
      说明原因。每份备份写好后都读回检查，没通过的当即删除，以前的备份保留。
  shegong [--db 文件] check
      完整检查台账（读遍每一页和每个索引，窗口每周自动做一次），结果记入台账。
  shegong [--db 文件] community set 社区名 --population 人数 [--as-of 统计日期] [--households 户数]
      填写社区的城镇常住人口（导入时新建的社区人口为 0，配备情况要按人口计算应配人数）。
  shegong [--db 文件] restore 备份文件名
  shegong [--db 文件] restore --from 文件 [--password 密码]
      用 backups 文件夹里的一份备份恢复台账：先把当前台账另存为“恢复前备份”；台账已损坏
      打不开时，把它原样移到 backups 文件夹（“打不开的台账-时间.db”）再放回备份。
      --from 用其他位置的备份（U 盘上的异地备份等）：先复制进 backups 文件夹（加密的
      .db.age 用 --password 解密）并检查，再同样恢复。
  shegong [--db 文件] offsite status | set 位置 [--remind-days N] [--password 密码 | --no-password] | backup
      异地备份：查看状态；设置本机以外的位置（U 盘、移动硬盘、共享文件夹；空位置 “” 表示不再
      异地备份），可加密；立即备份到那里（读回检查，保留最近 14 份）。窗口每天自动备份一次。
  shegong [--db 文件] export county --as-of 日期 [--from 日期 --to 日期] --out 文件.xlsx
          [--full-id] [--include-exited] [--sheets 工作表,工作表,...]
      导出报送区县的统计报表工作簿。报表期间默认为统计截止日期所在年度的 1 月 1 日至
      统计截止日期；身份证号默认隐去中间 8 位，--full-id 导出完整号码；--include-exited
      把报表期间内退出的人员也列入花名册；--sheets 只导出所列工作表（封面、花名册、
      配备情况、队伍结构、岗位等级与薪酬、培训情况、考核情况、人员变动、人员变动明细、关爱情况、
      借调情况）。
  shegong [--db 文件] fill 表格.xlsx [--out 已填.xlsx] [--sheet 工作表] [--community 社区]
          [--as-of 日期] [--full-id] [--json]
      填报上级表格：按表头认出每一列（姓名、身份证号、社区、城镇常住人口、应配人数……），
      从台账填好另存为“原文件名-已填.xlsx”，保留县里表格的格式、合并单元格和公式；台账中没有
      的列留空。一人一行的表填统计截止日期在岗的人员（--community 只填这些社区），一社区一行
      的表填各社区的数字；表中已列出姓名或社区的，按行对应填写。身份证号默认隐去中间 8 位。
      --json 打印每列填的内容和行数。
  shegong [--db 文件] import roster 文件.xlsx [--sheet 工作表 ...] [--dry-run]
          [--on-existing update|skip] [--create-communities] [--skip-rejected] [--json]
          [--error-report 文件.xlsx] [--as-of 日期] [--changes-on 日期]
          [--category 人员类别] [--hired 日期]
      导入 Excel 花名册（.xlsx/.xls）：先列出新增、修改、无变化和未通过的行。有未通过的行
      而没有 --skip-rejected 时什么也不写入，退出码非零；--dry-run 只预览；写入前自动备份。
      已在台账中的人员，社区、人员类别、职务、学历有变化的，登记为任职经历中的一条变动，
      自 --changes-on（花名册的截止日期；默认今天）起。
      没有“人员类别”列时按职务定（书记、主任、委员等为两委专职成员，专职工作人员和网格员、
      民政专干等岗位为社区专职工作人员），--category 为整个文件指定；没有“入职时间”列时取
      参加社区工作时间（或参加工作时间，提示核对），--hired 为整个文件指定。
  shegong [--db 文件] import template --out 文件.xlsx
      生成空白导入模板（下拉选项、文本格式的身份证号列、填写说明）。
  shegong [--db 文件] training due --as-of 日期 [--all] [--json]
      培训到期情况：按培训规则列出已逾期、即将到期的人员（--all 列出全部）。
  shegong [--db 文件] care summary --year 年度 [--as-of 日期] [--json]
      年度关爱情况：体检覆盖与未检人员、节日走访慰问、关爱活动、未解决的困难诉求。
  shegong [--db 文件] grades propose --as-of 日期 [--json] [--all]
      岗位等级晋级建议：在岗社区工作者的现等级与建议等级，逐条列出依据（未定级的人员给出
      定级建议）。默认只列出有变动或需要核对的人员，--all 列出全部。
  shegong [--db 文件] grades apply --as-of 日期
      按晋级建议写入岗位等级记录（生效日期为该日期），全部在一个事务中完成并记入审计；
      同一日期再次运行不会重复写入。
  shegong [--db 文件] secondments --as-of 日期 [--from 日期] [--json]
      借调登记（第17条）：统计日期借调（抽调）在外的人员和 --from（默认该年 1 月 1 日）以来
      归队的人员，借入单位、日期、县级批准，标出未经批准、逾期未归和补批。
  shegong [--db 文件] person history 身份证号 [--json]
      一个人的任职经历（社区、人员类别、职务的每次变动及原因、文号，书记备案）和学历经历。
  shegong [--db 文件] person unfiled [--as-of 日期] [--json]
      在任书记（书记兼主任）中尚未向县级党委组织部门备案的人员。
  shegong [--db 文件] contracts due --as-of 日期 [--within 天数] [--json]
      合同到期情况：统计日期履行中、在 --within 天内（默认取设置里最大的合同到期提醒天数）到期
      且尚未续签的劳动合同，标出可要求无固定期限（第十四条）、超过法定退休年龄等提示。
  shegong [--db 文件] contracts probation --as-of 日期 [--within 天数] [--json]
      待试用期考核：统计日期履行中、试用期在 --within 天内届满（或已届满）而未登记考核结果的合同。
  shegong [--db 文件] reminders [--as-of 日期] [--json]
      待办提醒：合同即将到期、试用期将满、培训逾期、本年未体检、困难诉求超过 30 天未办结、
      上年度考核未录入、晋级测算未做、即将退休、借调超期未归、社区缺员，各项人数（与首页相同）。
  shegong bench [--communities 300] [--workers 20000] [--runs 50]
      基准测试：生成演示台账并测量花名册查询耗时（打印数据，不判定通过与否）。
  shegong bench-import [--rows 5000,20000] [--write-roster 文件.xlsx]
      基准测试：生成花名册工作簿，测量导入预览与提交的耗时；--write-roster 只生成一份示例花名册
      （--rows 的第一个行数）。
  shegong bench-export [--workers 5000,20000] [--communities 300] [--runs 3]
      基准测试：导出区县报表工作簿的耗时与峰值内存，并与 Python openpyxl 写同一花名册对比。
  shegong bench-fill [--rows 5000] [--runs 5] [--write-form 文件.xlsx [--communities-form]]
      基准测试：填一份 N 行、20 列的一人一行表格（含表尾合计行，需插入行）的耗时；
      --write-form 只生成一份示例表格（--communities-form 为一社区一行的表）。
  shegong bench-training [--workers 20000] [--attendances 200000] [--runs 20]
      基准测试：培训到期情况的计算耗时（打印数据，不判定通过与否）。
  shegong bench-grades [--workers 20000] [--runs 20]
      基准测试：每人 5 年考核记录时，全街道晋级建议的计算耗时（打印数据，不判定通过与否）。

台账文件：--db 指定；否则读环境变量 SHEGONG_DB；否则为窗口里“搬到本机磁盘”选定的位置
（本机应用数据目录下 cn.shegong.taizhang/台账位置.txt 所记）；否则为本机应用数据目录下的
cn.shegong.taizhang/ledger.db（Windows 为 %LOCALAPPDATA%\\cn.shegong.taizhang\\ledger.db）。
日期格式：YYYY-MM-DD。";

fn main() -> ExitCode {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    match run(raw) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("{msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Core(e)) => {
            eprintln!("错误：{e}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    Usage(String),
    Core(CoreError),
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure::Core(e)
    }
}

fn db_path(db: &Option<String>) -> Result<PathBuf, Failure> {
    match db {
        Some(p) => Ok(PathBuf::from(p)),
        // The app's own choice (SHEGONG_DB, a moved ledger, the local app-data folder), moving
        // a ledger out of the roaming folder first as the app would.
        None => {
            let found = store::location::resolve(&shegong_core::audit::Channel::Cli, clock::now())?;
            if let Some(notice) = &found.notice {
                eprintln!("{notice}");
            }
            Ok(found.db)
        }
    }
}

fn as_of(args: &mut Args) -> Result<chrono::NaiveDate, Failure> {
    let text = args.value("--as-of")?;
    Ok(
        shegong_core::dates::optional("asOf", "--as-of", text.as_deref())?
            .unwrap_or_else(clock::today),
    )
}

fn run(raw: Vec<String>) -> Result<(), Failure> {
    let mut args = Args::new(raw);
    if args.flag("--help") || args.flag("-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let db = args.value("--db")?;
    let Some(command) = args.command() else {
        return Err(Failure::Usage("请指定子命令。".into()));
    };
    match command.as_str() {
        "demo" => {
            let path = db_path(&db)?;
            let options = demo::DemoOptions {
                seed: args.number("--seed")?.unwrap_or(2024),
                communities: args.number("--communities")?.unwrap_or(8),
                workers: args.number("--workers")?,
            };
            let today = as_of(&mut args)?;
            args.finish()?;
            let mut conn = store::open(&path)?;
            demo::ensure_empty(&conn, &path)?;
            let started = std::time::Instant::now();
            let summary = shegong_core::write(&mut conn, |tx| demo::generate(tx, &options, today))?;
            println!(
                "已生成演示台账 {}：{} 个社区，{} 名人员，{} 条职业资格，{} 条退出记录，{} 条年度考核，{} 条岗位等级记录，{} 份劳动合同（{:.1} 秒）。",
                path.display(),
                summary.communities,
                summary.workers,
                summary.certificates,
                summary.exits,
                summary.assessments,
                summary.grade_records,
                summary.contracts,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        "stats" => {
            let path = db_path(&db)?;
            let date = as_of(&mut args)?;
            let json = args.flag("--json");
            args.finish()?;
            let conn = store::open(&path)?;
            let s = stats::stats(&conn, date)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            } else {
                print_stats(&s);
            }
            Ok(())
        }
        "backup" => {
            let path = db_path(&db)?;
            let out = args.value("--out")?.map(PathBuf::from);
            args.finish()?;
            let conn = store::open(&path)?;
            let made = store::manual_backup(&conn, &path, out.as_deref(), clock::now())?;
            println!("已备份到 {}", made.display());
            Ok(())
        }
        "backups" => backups::list(&mut args, &db_path(&db)?),
        "restore" => backups::restore(&mut args, &db_path(&db)?),
        "check" => backups::check(&mut args, &db_path(&db)?),
        "offsite" => backups::offsite(&mut args, &db_path(&db)?),
        "community" => community::run(&mut args, &db_path(&db)?),
        "bench" => {
            let options = bench::Options {
                communities: args.number("--communities")?.unwrap_or(300),
                workers: args.number("--workers")?.unwrap_or(20_000),
                runs: args.number("--runs")?.unwrap_or(50),
            };
            args.finish()?;
            bench::run(&options)?;
            Ok(())
        }
        "export" => export::run(&mut args, &db_path(&db)?),
        "fill" => fill::run(&mut args, &db_path(&db)?),
        "bench-fill" => bench_fill::run(&mut args),
        "bench-export" => bench_export::run(&mut args),
        "import" => import::run(&mut args, &db),
        "bench-import" => bench_import::run(&mut args),
        "training" => training::run(&mut args, &db_path(&db)?),
        "care" => care::run(&mut args, &db_path(&db)?),
        "bench-training" => bench_training::run(&mut args),
        "grades" => grades::run(&mut args, &db_path(&db)?),
        "secondments" => secondments::run(&mut args, &db_path(&db)?),
        "person" => person::run(&mut args, &db_path(&db)?),
        "contracts" => contracts::run(&mut args, &db_path(&db)?),
        "reminders" => reminders::run(&mut args, &db_path(&db)?),
        "bench-grades" => bench_grades::run(&mut args),
        other => Err(Failure::Usage(format!("不认识的子命令“{other}”。"))),
    }
}

fn print_stats(s: &stats::Stats) {
    println!("统计日期：{}", s.as_of);
    println!(
        "台账总人数：{}；在岗社区工作者：{}",
        s.total_people, s.community_workers_in_post
    );
    let line = |title: &str, counts: &[stats::Count]| {
        let parts: Vec<String> = counts
            .iter()
            .map(|c| format!("{} {}", c.label, c.count))
            .collect();
        println!("{title}：{}", parts.join("，"));
    };
    line("按人员类别（在岗）", &s.by_category);
    line("按状态", &s.by_status);
    println!("\n社区\t城镇常住人口\t应配(精确)\t应配\t实有\t差额\t其中借调在外\t借调未经批准");
    for r in s
        .staffing
        .communities
        .iter()
        .chain(std::iter::once(&s.staffing.total))
    {
        println!(
            "{}\t{}\t{:.2}\t{}\t{}\t{}\t{}\t{}",
            r.name,
            r.population,
            r.standard_exact,
            r.standard_headcount,
            r.actual,
            r.gap,
            r.seconded_away,
            r.seconded_unapproved
        );
    }
}
