//! The county report workbook (第16条): what the street office sends up to the county, a
//! print-ready xlsx with one sheet per subject, correct to the person.
//!
//! - [`export_county`] writes the whole workbook for an as-of date and a period;
//! - [`export_roster`] writes exactly the rows of a roster query (the list on screen);
//! - `format` holds what every sheet shares (fonts, title rows, print setup, safe text);
//! - one file per sheet: `cover`, `roster`, `staffing_sheet`, `structure`, `grade_sheet`
//!   (岗位等级与薪酬), `training_sheet` (培训情况), `assessment_sheet` (考核情况), `changes`
//!   (人员变动 and its list 人员变动明细, a sheet of its own so that it prints with its header
//!   on every page), `care_sheet` (关爱情况) and `secondment_sheet` (借调情况).
//!
//! Every figure comes from the ledger through the core's own rules (status and age SQL,
//! `staffing`, `stats`, `training::statistics`, `care::care_summary`,
//! `grades::salary_totals`, `grades::assessment_sheet`, the vocabulary lists);
//! every total on a summary sheet is counted from the same people as the roster sheet, and a
//! test reads the workbook back to check. 培训情况 and 关爱情况 cover the as-of date's
//! calendar year up to the as-of date; each is a stack of titled sections
//! (`format::section_sheet`) whose short lists (逾期未培训, 超过30天未办结) close the sheet.
//! 岗位等级与薪酬 is as of the as-of date (grades in effect on it, the salary standard in
//! effect, 人员经费 for its month and its calendar year); 考核情况 is the 年度考核 of the
//! year before the as-of date's year. The roster's 岗位类别, 岗位等级, 上年度考核结果, 近三年培训
//! and 本年体检 columns come from the same records (`roster::Extras`, read once per export).
//!
//! Extension point: a sheet is one entry in [`SHEETS`], and a roster column one entry in
//! `roster::columns`. A feature adds its sheet and columns when it lands; until then they do
//! not exist: no empty placeholders.

mod assessment_sheet;
mod care_sheet;
mod changes;
mod cover;
pub mod format;
mod grade_sheet;
mod registration;
pub(crate) mod roster;
pub(crate) mod save;
mod secondment_sheet;
mod staffing_sheet;
mod structure;
mod training_sheet;

pub use registration::{export_registration_forms, MAX_PEOPLE as REGISTRATION_MAX_PEOPLE};
pub use roster::{roster_table, RosterTable};

use crate::error::{CoreError, Result};
use crate::settings::{self, Settings};
use crate::staffing::{self, Staffing};
use crate::workers::{self, status, RosterQuery, WorkerRecord};
use crate::{dates, vocab};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use format::Styles;
use rusqlite::Connection;
use rust_xlsxwriter::{DocProperties, Worksheet};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

pub const COVER: &str = "封面";
pub const ROSTER: &str = "花名册";
pub const STAFFING: &str = "配备情况";
pub const STRUCTURE: &str = "队伍结构";
pub const GRADES: &str = "岗位等级与薪酬";
pub const TRAINING: &str = "培训情况";
pub const ASSESSMENT: &str = "考核情况";
pub const CHANGES: &str = "人员变动";
pub const CHANGE_LIST: &str = "人员变动明细";
pub const CARE: &str = "关爱情况";
pub const SECONDMENTS: &str = "借调情况";

/// What the clerk chooses on the 报表 page (or with `shegong export county`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReportOptions {
    /// 统计截止日期 (YYYY-MM-DD): statuses, ages and headcounts are as of this date.
    pub as_of: String,
    /// 报表期间 (YYYY-MM-DD), both or neither; by default from 1 January of the as-of
    /// date's year to the as-of date. The period may not end after the as-of date.
    pub period_from: Option<String>,
    /// The last day of the 报表期间 (see `period_from`).
    pub period_to: Option<String>,
    /// Sheet names to include (order does not matter); empty means every sheet.
    pub sheets: Vec<String>,
    /// Full ID numbers; by default they are masked (110105********002X).
    pub full_id_numbers: bool,
    /// Also list on the roster the people who exited within the period (状态 已退出/退休).
    pub include_exited: bool,
}

/// A sheet the workbook can hold, for the 报表 page's check list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportSheet {
    pub name: String,
    pub description: String,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportResult {
    pub path: String,
    /// The sheet names, in the workbook's order.
    pub sheets: Vec<String>,
    /// People on the roster sheet (0 when it was not exported).
    pub roster_rows: i64,
    pub id_numbers_masked: bool,
}

/// What 打印 wrote and whether it could open the file for printing (in Excel or WPS, where
/// the clerk presses Ctrl+P). The file stays in the print folder either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintResult {
    pub export: ExportResult,
    pub opened: bool,
    /// Why it could not be opened, in words for the clerk.
    pub open_error: Option<String>,
}

/// Sent while an export runs: `done` of `total` steps, and what is being done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
    pub stage: String,
}

/// Counts steps and tells the caller.
pub(crate) struct Tracker<'p> {
    done: u32,
    total: u32,
    report: &'p mut dyn FnMut(ExportProgress),
}

impl Tracker<'_> {
    pub(crate) fn step(&mut self, stage: &str) {
        self.done = (self.done + 1).min(self.total);
        (self.report)(ExportProgress {
            done: self.done,
            total: self.total,
            stage: stage.to_string(),
        });
    }
}

/// Roster rows written per progress step.
pub(crate) const ROWS_PER_STEP: usize = 500;

/// One sheet of the workbook: its name, what the cover says of it, and how it is built.
/// `build` writes the sheet and returns how many people it lists (used for the roster).
pub(crate) struct SheetSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub build: fn(&Report, &mut Worksheet, &Styles, &mut Tracker) -> Result<usize>,
}

/// The sheets, in the workbook's order. New features add their sheets here.
pub(crate) const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        name: COVER,
        description: "报送单位、报表期间、统计截止日期、填报人和本表目录",
        build: cover::build,
    },
    SheetSpec {
        name: ROSTER,
        description: "统计截止日期在岗的人员，每人一行",
        build: roster::build,
    },
    SheetSpec {
        name: STAFFING,
        description: "各社区按每万城镇常住人口18人的应配人数、实有人数和差额",
        build: staffing_sheet::build,
    },
    SheetSpec {
        name: STRUCTURE,
        description: "在岗社区工作者的性别、年龄、学历、政治面貌、职业资格和来源",
        build: structure::build,
    },
    SheetSpec {
        name: GRADES,
        description: "在岗社区工作者按岗位类别的人数和等级（最低、最高、平均）、未定级人数，按薪酬标准计算的本月和全年人员经费",
        build: grade_sheet::build,
    },
    SheetSpec {
        name: TRAINING,
        description: "统计年度按培训类型、层级的班次、人次和人时，书记主任年度培训和其他社区工作者轮训覆盖率，逾期未培训名单",
        build: training_sheet::build,
    },
    SheetSpec {
        name: ASSESSMENT,
        description: "上一年度年度考核结果：各社区优秀、合格、基本合格、不合格、未考核人数和优秀比例，不合格人员名单",
        build: assessment_sheet::build,
    },
    SheetSpec {
        name: CHANGES,
        description:
            "报表期间内按人员类别统计的新入职、试用期满、退出（按原因）和期初、期末在岗人数",
        build: changes::build_summary,
    },
    SheetSpec {
        name: CHANGE_LIST,
        description: "报表期间内每一次人员变动（新入职、试用期满、退出），逐人列出",
        build: changes::build_list,
    },
    SheetSpec {
        name: CARE,
        description: "统计年度的体检覆盖、节日走访慰问（人数、人次、金额）、关爱活动、困难诉求办理情况和超过30天未办结的诉求",
        build: care_sheet::build,
    },
    SheetSpec {
        name: SECONDMENTS,
        description: "统计截止日期借调（抽调）在外和报表期间内归队的人员：借入单位、日期、县级批准，标出未经批准和逾期未归",
        build: secondment_sheet::build,
    },
];

/// The sheets the workbook can hold, in order.
pub fn report_sheets() -> Vec<ReportSheet> {
    SHEETS
        .iter()
        .map(|s| ReportSheet {
            name: s.name.to_string(),
            description: s.description.to_string(),
        })
        .collect()
}

/// Everything a sheet reads: the options, resolved and checked, and the ledger's data,
/// loaded once.
pub(crate) struct Report<'a> {
    pub conn: &'a Connection,
    pub settings: Settings,
    pub as_of: NaiveDate,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub mask: bool,
    pub include_exited: bool,
    pub generated_at: NaiveDateTime,
    /// Everyone in the ledger, with facts derived as of `as_of`.
    pub records: Vec<WorkerRecord>,
    pub staffing: Staffing,
    /// Training and check-up facts for the roster's columns.
    pub extras: roster::Extras,
    pub sheets: Vec<&'static SheetSpec>,
}

impl Report<'_> {
    /// 填报单位: the county and the street, as set on the 设置 page.
    pub fn unit(&self) -> String {
        unit(&self.settings)
    }

    /// The people on the county roster: in post on the as-of date, and with the option
    /// also those who exited within the period; in the roster's order.
    pub fn roster_people(&self) -> Vec<&WorkerRecord> {
        let mut people: Vec<&WorkerRecord> = self
            .records
            .iter()
            .filter(|r| {
                in_post(r)
                    || (self.include_exited
                        && r.exit
                            .as_ref()
                            .and_then(|e| e.exit_date.parse::<NaiveDate>().ok())
                            .is_some_and(|d| d >= self.from && d <= self.to))
            })
            .collect();
        roster::official_order(&mut people);
        people
    }

    /// 社区工作者 (两委专职成员, 社区专职工作人员) in post on the as-of date: whom the
    /// summary sheets count.
    pub fn community_workers(&self) -> impl Iterator<Item = &WorkerRecord> {
        self.records
            .iter()
            .filter(|r| is_community_worker(r) && in_post(r))
    }

    /// The heading of a sheet about the as-of date's calendar year (培训情况, 关爱情况).
    pub fn year_sheet<'s>(
        &self,
        title: &'s str,
        note: &'s str,
        landscape: bool,
    ) -> format::SectionSheet<'s> {
        format::SectionSheet {
            title,
            subtitle_left: format!("填报单位：{}", self.unit()),
            subtitle_right: format!(
                "统计年度：{}年    统计截止日期：{}",
                self.as_of.year(),
                format::chinese_date(self.as_of)
            ),
            note,
            landscape,
        }
    }

    pub fn period_text(&self) -> String {
        format!(
            "{} 至 {}",
            format::chinese_date(self.from),
            format::chinese_date(self.to)
        )
    }
}

pub(crate) fn in_post(r: &WorkerRecord) -> bool {
    status::IN_POST.contains(&r.worker.status.as_str())
}

pub(crate) fn is_community_worker(r: &WorkerRecord) -> bool {
    vocab::COUNTED_CATEGORIES.contains(&r.worker.input.category.as_str())
}

pub(crate) fn unit(s: &Settings) -> String {
    let u = format!("{}{}", s.county, s.street_name);
    if u.is_empty() {
        "（未填写，请在“设置”中填写街道名称）".to_string()
    } else {
        u
    }
}

/// Checks the options and works out the period and the sheets.
fn resolve(
    options: &ReportOptions,
) -> Result<(NaiveDate, NaiveDate, NaiveDate, Vec<&'static SheetSpec>)> {
    let as_of = dates::required("asOf", "统计截止日期", &options.as_of)?;
    let from = dates::optional(
        "periodFrom",
        "报表期间开始日期",
        options.period_from.as_deref(),
    )?;
    let to = dates::optional("periodTo", "报表期间结束日期", options.period_to.as_deref())?;
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f, t),
        (None, None) => (
            NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of),
            as_of,
        ),
        (Some(_), None) => {
            return Err(CoreError::validation(
                "periodTo",
                "请同时填写报表期间的结束日期，或开始、结束都不填（默认为统计截止日期所在年度的1月1日至统计截止日期）。",
            ))
        }
        (None, Some(_)) => {
            return Err(CoreError::validation(
                "periodFrom",
                "请同时填写报表期间的开始日期，或开始、结束都不填（默认为统计截止日期所在年度的1月1日至统计截止日期）。",
            ))
        }
    };
    if from > to {
        return Err(CoreError::validation(
            "periodFrom",
            "报表期间的开始日期不能晚于结束日期。",
        ));
    }
    if to > as_of {
        return Err(CoreError::validation(
            "periodTo",
            format!(
                "报表期间的结束日期不能晚于统计截止日期 {}：之后的变动还没有发生。",
                dates::text(as_of)
            ),
        ));
    }
    let wanted: Vec<&str> = options
        .sheets
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(unknown) = wanted
        .iter()
        .find(|w| !SHEETS.iter().any(|s| s.name == **w))
    {
        let names: Vec<&str> = SHEETS.iter().map(|s| s.name).collect();
        return Err(CoreError::validation(
            "sheets",
            format!(
                "没有名为“{unknown}”的工作表。可以选择：{}。",
                names.join("、")
            ),
        ));
    }
    let sheets = SHEETS
        .iter()
        .filter(|s| wanted.is_empty() || wanted.contains(&s.name))
        .collect();
    Ok((as_of, from, to, sheets))
}

fn properties(settings: &Settings, title: &str, generated_at: NaiveDateTime) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_author(settings.preparer.as_str())
        .set_company(unit(settings))
        .set_comment(format!(
            "社工台账生成于 {}",
            generated_at.format("%Y-%m-%d %H:%M")
        ))
}

/// Checks the options as [`export_county`] would, without reading the ledger: the desktop
/// shell calls it before asking where to save, so a wrong date is reported first.
pub fn check_options(options: &ReportOptions) -> Result<()> {
    resolve(options).map(|_| ())
}

impl<'a> Report<'a> {
    /// Checks the options and loads what the sheets read. `generated_at` is the local time
    /// printed on the cover (its date is the 填报日期).
    pub(crate) fn load(
        conn: &'a Connection,
        options: &ReportOptions,
        generated_at: NaiveDateTime,
    ) -> Result<Report<'a>> {
        let (as_of, from, to, sheets) = resolve(options)?;
        Ok(Report {
            conn,
            settings: settings::get(conn)?,
            as_of,
            from,
            to,
            mask: !options.full_id_numbers,
            include_exited: options.include_exited,
            generated_at,
            records: workers::all_records(conn, as_of)?,
            staffing: staffing::staffing(conn, as_of)?,
            extras: roster::Extras::load(conn, as_of)?,
            sheets,
        })
    }
}

/// Writes the county workbook to `path` (an .xlsx). The file is written beside the target
/// under a temporary name and renamed, so a failed export never leaves half a file.
/// `generated_at` is the local time printed on the cover (its date is the 填报日期).
pub fn export_county(
    conn: &Connection,
    options: &ReportOptions,
    path: &Path,
    generated_at: NaiveDateTime,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportResult> {
    save::check_target(path)?;
    let report = Report::load(conn, options, generated_at)?;
    // The roster steps once per full chunk of rows.
    let roster_steps = (report.roster_people().len() / ROWS_PER_STEP) as u32;
    let sheet_steps: u32 = report
        .sheets
        .iter()
        .map(|s| {
            if s.name == ROSTER {
                1 + roster_steps
            } else {
                1
            }
        })
        .sum();
    let mut tracker = Tracker {
        done: 0,
        total: 2 + sheet_steps,
        report: progress,
    };
    tracker.step("已读取台账");

    let mut wb = format::new_workbook()?;
    wb.set_properties(&properties(
        &report.settings,
        "社区工作者队伍统计报表",
        generated_at,
    ));
    let styles = Styles::new();
    let mut roster_rows = 0;
    for spec in &report.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(spec.name)?;
        let rows = (spec.build)(&report, ws, &styles, &mut tracker)?;
        if spec.name == ROSTER {
            roster_rows = rows;
        }
        tracker.step(&format!("已写入「{}」", spec.name));
    }
    save::save_atomic(&mut wb, path)?;
    tracker.step("已保存");
    Ok(ExportResult {
        path: path.display().to_string(),
        sheets: report.sheets.iter().map(|s| s.name.to_string()).collect(),
        roster_rows: roster_rows as i64,
        id_numbers_masked: report.mask,
    })
}

/// Writes exactly the rows of a roster query (its filters and sort, every page) to `path`,
/// formatted as the county roster. Statuses and ages are as of the query's date (or the
/// date of `generated_at`).
pub fn export_roster(
    conn: &Connection,
    query: &RosterQuery,
    full_id_numbers: bool,
    path: &Path,
    generated_at: NaiveDateTime,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportResult> {
    save::check_target(path)?;
    let (as_of, ids) = workers::roster_ids(conn, query, generated_at.date())?;
    let people = workers::records(conn, &ids, as_of)?;
    let extras = roster::Extras::load(conn, as_of)?;
    let settings = settings::get(conn)?;
    let mut tracker = Tracker {
        done: 0,
        total: 3 + (people.len() / ROWS_PER_STEP) as u32,
        report: progress,
    };
    tracker.step("已读取台账");
    let mut wb = format::new_workbook()?;
    wb.set_properties(&properties(&settings, "社区工作者花名册", generated_at));
    let styles = Styles::new();
    let ws = wb.add_worksheet();
    ws.set_name(ROSTER)?;
    let refs: Vec<&WorkerRecord> = people.iter().collect();
    let rows = roster::write_sheet(
        ws,
        &styles,
        &roster::Heading {
            unit: unit(&settings),
            date_label: format!("统计日期：{}", format::chinese_date(as_of)),
            composition: roster::composition(&refs),
        },
        &refs,
        &extras,
        !full_id_numbers,
        &mut tracker,
    )?;
    tracker.step("已写入「花名册」");
    save::save_atomic(&mut wb, path)?;
    tracker.step("已保存");
    Ok(ExportResult {
        path: path.display().to_string(),
        sheets: vec![ROSTER.to_string()],
        roster_rows: rows as i64,
        id_numbers_masked: !full_id_numbers,
    })
}
