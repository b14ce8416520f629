//! `shegong bench-import`: writes roster workbooks of 5,000 and 20,000 rows (the usual mess:
//! a title row, text dates, variant values, community names with 居委会), then times
//! reading + preview and the commit into a temporary ledger. It prints figures; it never
//! fails on time.

use crate::args::Args;
use crate::Failure;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};
use shegong_core::audit::Channel;
use shegong_core::communities::{self, CommunityInput};
use shegong_core::idcard::check_char;
use shegong_core::import::{self, CommitChoices, ImportOptions};
use shegong_core::{clock, store, CoreError};
use std::path::Path;
use std::time::Instant;

const COMMUNITIES: usize = 30;
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟",
];

fn xlsx(e: XlsxError) -> Failure {
    Failure::Core(CoreError::validation(
        "file",
        format!("写入基准测试文件失败：{e}"),
    ))
}

/// A small deterministic generator, so every run reads the same files.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn community_name(i: usize) -> String {
    format!("第{}社区", i + 1)
}

fn write_roster(path: &Path, rows: usize) -> Result<(), Failure> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("花名册").map_err(xlsx)?;
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.write_string(0, 0, "某某街道社区工作者花名册")
        .map_err(xlsx)?;
    let header = [
        "序号",
        "姓名",
        "性别",
        "身份证号码",
        "民族",
        "政治面貌",
        "文化程度",
        "所在社区",
        "职务",
        "人员类别",
        "入职时间",
        "联系电话",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).map_err(xlsx)?;
    }
    let mut rng = Lcg(2024);
    let politics = ["中共党员", "党员", "群众", "团员", "群众"];
    let education = ["本科", "大学本科", "大专", "大学专科", "硕士"];
    for i in 0..rows {
        let r = 3 + i as u32;
        let year = 1960 + rng.next(25);
        let month = 1 + rng.next(12);
        let day = 1 + rng.next(28);
        // Unique by construction: the sequence number carries the row.
        let first17 = format!(
            "{:06}{year}{month:02}{day:02}{:03}",
            330100 + (i / 1000) % 100,
            i % 1000
        );
        let id = format!("{first17}{}", check_char(&first17).unwrap_or('0'));
        let male = (i % 1000) % 2 == 1;
        let name = format!(
            "{}{}{}",
            SURNAMES[rng.next(SURNAMES.len())],
            GIVEN[rng.next(GIVEN.len())],
            GIVEN[rng.next(GIVEN.len())]
        );
        let c = rng.next(COMMUNITIES);
        let community = if i % 3 == 0 {
            format!("第{}社区居委会", c + 1)
        } else {
            community_name(c)
        };
        ws.write_number(r, 0, (i + 1) as f64).map_err(xlsx)?;
        ws.write_string(r, 1, &name).map_err(xlsx)?;
        ws.write_string(r, 2, if male { "男" } else { "女" })
            .map_err(xlsx)?;
        ws.write_string(r, 3, &id).map_err(xlsx)?;
        ws.write_string(r, 4, if i % 7 == 0 { "汉" } else { "汉族" })
            .map_err(xlsx)?;
        ws.write_string(r, 5, politics[rng.next(politics.len())])
            .map_err(xlsx)?;
        ws.write_string(r, 6, education[rng.next(education.len())])
            .map_err(xlsx)?;
        ws.write_string(r, 7, &community).map_err(xlsx)?;
        ws.write_string(r, 8, "专职工作人员").map_err(xlsx)?;
        ws.write_string(r, 9, "社区专职工作人员").map_err(xlsx)?;
        let hired_year = 2005 + rng.next(19);
        let hired_month = 1 + rng.next(12);
        if i % 2 == 0 {
            let dt =
                ExcelDateTime::from_ymd(hired_year as u16, hired_month as u8, 1).map_err(xlsx)?;
            ws.write_datetime_with_format(r, 10, &dt, &date)
                .map_err(xlsx)?;
        } else {
            ws.write_string(r, 10, format!("{hired_year}.{hired_month:02}"))
                .map_err(xlsx)?;
        }
        ws.write_string(r, 11, format!("139{:08}", i))
            .map_err(xlsx)?;
    }
    wb.save(path).map_err(xlsx)?;
    Ok(())
}

fn secs(t: Instant) -> f64 {
    t.elapsed().as_secs_f64()
}

pub fn run(args: &mut Args) -> Result<(), Failure> {
    let sizes: Vec<usize> = match args.value("--rows")? {
        None => vec![5_000, 20_000],
        Some(list) => list
            .split(',')
            .map(|s| s.trim().parse::<usize>())
            .collect::<Result<_, _>>()
            .map_err(|_| {
                Failure::Usage(format!(
                    "--rows 需要以逗号分隔的行数，例如 5000,20000，现在是“{list}”。"
                ))
            })?,
    };
    // Only the sample roster, for trying the import by hand and for the crash tests.
    if let Some(out) = args.value("--write-roster")? {
        args.finish()?;
        let rows = sizes.first().copied().unwrap_or(5_000);
        write_roster(Path::new(&out), rows)?;
        println!("已生成 {rows} 行的示例花名册 {out}");
        return Ok(());
    }
    args.finish()?;
    let today = clock::today();
    println!(
        "导入基准测试：{} 个社区（{}）",
        COMMUNITIES,
        if cfg!(debug_assertions) {
            "调试构建，数字偏大；请用 --release"
        } else {
            "发布构建"
        }
    );
    let dir = std::env::temp_dir().join(format!("shegong-bench-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(CoreError::from)?;
    for rows in sizes {
        let file = dir.join(format!("花名册-{rows}.xlsx"));
        let t = Instant::now();
        write_roster(&file, rows)?;
        let bytes = std::fs::metadata(&file).map_err(CoreError::from)?.len();
        println!(
            "\n{rows} 行：生成工作簿 {:.3} s（{:.1} MB）",
            secs(t),
            bytes as f64 / 1024.0 / 1024.0
        );

        let db = dir.join(format!("bench-{rows}.db"));
        let mut conn = store::open(&db)?;
        shegong_core::write(&mut conn, |tx| {
            for i in 0..COMMUNITIES {
                communities::create(
                    tx,
                    &Channel::Cli,
                    &CommunityInput {
                        name: community_name(i),
                        code: None,
                        population: 8_000,
                        population_date: None,
                        households: None,
                        remarks: None,
                    },
                )?;
            }
            Ok(())
        })?;

        let t = Instant::now();
        let info = import::inspect(&conn, &file)?;
        println!("  读取并识别表头（inspect）      {:>8.3} s", secs(t));
        let header_row = info.sheets.first().and_then(|s| s.header_row).unwrap_or(0);

        let t = Instant::now();
        let plan = import::preview(&conn, &file, &[], &ImportOptions::default(), today)?;
        println!(
            "  预览（读取+检查，全部新增）     {:>8.3} s   新增 {}，未通过 {}，表头在第 {header_row} 行",
            secs(t),
            plan.counts.new,
            plan.counts.rejected
        );

        let t = Instant::now();
        let summary = import::apply(
            &mut conn,
            Some(&db),
            &plan,
            &CommitChoices::default(),
            today,
        )?;
        println!(
            "  提交（备份+一个事务写入+审计） {:>8.3} s   写入 {} 人",
            secs(t),
            summary.created
        );

        let t = Instant::now();
        let again = import::preview(&conn, &file, &[], &ImportOptions::default(), today)?;
        println!(
            "  再次预览（全部已在台账中）     {:>8.3} s   无变化 {}",
            secs(t),
            again.counts.unchanged
        );
        drop(conn);
    }
    std::fs::remove_dir_all(&dir).map_err(CoreError::from)?;
    Ok(())
}
