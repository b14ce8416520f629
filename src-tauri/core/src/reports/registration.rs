//! 人员登记表: one A4 portrait page per person, as a personnel office files it — an empty
//! photo box, the basic data, then 任职经历, 学历, 职业资格, 培训 (the last three years) and
//! 考核, and a line to sign. Everyone chosen goes on one sheet with a page break before each
//! person, so Ctrl+P prints them all. Excel ignores manual page breaks under "fit to page",
//! so the sheet prints at 100 %: each section shows as many of its newest rows as the page
//! has room for (estimated from the text's wrapped height), and a note names what is left
//! out, so one person never runs onto a second page.

use super::format::{self, XResult};
use super::{properties, save, unit, ExportProgress, ExportResult, Tracker};
use crate::error::{CoreError, Result};
use crate::grades::{self, Assessment};
use crate::training::{self, TrainingEntry};
use crate::workers::{self, history, Certificate, WorkerDetail};
use crate::{idcard, settings};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet};
use std::path::Path;

pub const SHEET: &str = "人员登记表";
const TITLE: &str = "社区工作者登记表";

/// Excel allows 1,023 manual page breaks on a sheet.
pub const MAX_PEOPLE: usize = 1000;

/// Column widths (characters): eight columns, 64 characters, which a portrait A4 page with
/// 0.5-inch margins holds at 100 % in Excel, WPS and LibreOffice.
const WIDTHS: [f64; 8] = [8.0, 10.0, 7.0, 10.0, 8.0, 10.0, 5.5, 5.5];
const LAST_COL: u16 = 7;

/// Points of an A4 page inside 0.5-inch margins (842 − 72), less a little for the
/// difference between the fonts the estimate assumes and those a printer uses.
const PAGE_HEIGHT: f64 = 740.0;
/// Row heights (points): a line of the basic data, a line of a section, the note saying
/// what is left out, the signature line.
const BASIC_ROW: f64 = 20.0;
const ROW: f64 = 18.0;
const NOTE_HEIGHT: f64 = 28.0;
const SIGN_HEIGHT: f64 = 30.0;

/// Training of the last three years, as the roster's 近三年培训.
const TRAINING_YEARS: i32 = 3;
const TRAINING_TITLE: &str = "近三年\n培训";

struct Styles {
    title: format::TextFormat,
    subtitle: format::TextFormat,
    subtitle_right: format::TextFormat,
    label: format::TextFormat,
    value: format::TextFormat,
    center: format::TextFormat,
    section: format::TextFormat,
    photo: format::TextFormat,
    note: format::TextFormat,
    sign: format::TextFormat,
}

fn body() -> Format {
    Format::new()
        .set_font_name(format::BODY_FONT)
        .set_font_charset(format::CHARSET_GB2312)
        .set_font_size(10)
        .set_align(FormatAlign::VerticalCenter)
}

impl Styles {
    fn new() -> Styles {
        let cell = || body().set_border(FormatBorder::Thin).set_text_wrap();
        Styles {
            title: format::TextFormat::new(
                body()
                    .set_font_name(format::TITLE_FONT)
                    .set_font_size(16)
                    .set_align(FormatAlign::Center),
            ),
            subtitle: format::TextFormat::new(body().set_align(FormatAlign::Left)),
            subtitle_right: format::TextFormat::new(body().set_align(FormatAlign::Right)),
            label: format::TextFormat::new(
                cell()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_background_color(Color::RGB(0xF2F2F2)),
            ),
            value: format::TextFormat::new(cell()),
            center: format::TextFormat::new(cell().set_align(FormatAlign::Center)),
            section: format::TextFormat::new(
                cell()
                    .set_bold()
                    .set_align(FormatAlign::Center)
                    .set_background_color(Color::RGB(0xD9E1F2)),
            ),
            photo: format::TextFormat::new(
                cell()
                    .set_align(FormatAlign::Center)
                    .set_font_color(Color::RGB(0x808080)),
            ),
            note: format::TextFormat::new(body().set_font_size(9).set_text_wrap()),
            sign: format::TextFormat::new(body().set_font_size(11)),
        }
    }
}

/// Everything one form shows, read before anything is written.
struct Person {
    detail: WorkerDetail,
    history: history::History,
    grade: Option<grades::GradeRecord>,
    training: Vec<TrainingEntry>,
    assessments: Vec<Assessment>,
}

/// What the form shows of a person, as it stood on `as_of`: posts, 学历 and certificates
/// dated after it are left out, and a post that ended after it is still 至今.
fn load(conn: &Connection, id: i64, as_of: NaiveDate) -> Result<Person> {
    let mut detail = workers::detail(conn, id, as_of)?;
    let from = NaiveDate::from_ymd_opt(as_of.year() - TRAINING_YEARS + 1, 1, 1).unwrap_or(as_of);
    let (from, to) = (crate::dates::text(from), crate::dates::text(as_of));
    let mut history = history::history(conn, id)?;
    history.posts.retain(|p| p.effective_on <= to);
    for p in &mut history.posts {
        if p.ended_on.as_ref().is_some_and(|e| *e > to) {
            p.ended_on = None;
        }
    }
    history.education.retain(|e| e.obtained_on <= to);
    detail
        .certificates
        .retain(|c| c.input.obtained_on.as_ref().is_none_or(|d| *d <= to));
    let mut training: Vec<TrainingEntry> = training::worker_trainings(conn, id)?
        .into_iter()
        .filter(|t| t.start_date >= from && t.start_date <= to)
        .collect();
    training.sort_by(|a, b| b.start_date.cmp(&a.start_date));
    let mut assessments: Vec<Assessment> = grades::worker_assessments(conn, id)?
        .into_iter()
        .filter(|a| a.year <= as_of.year())
        .collect();
    assessments.sort_by_key(|a| std::cmp::Reverse(a.year));
    Ok(Person {
        history,
        grade: grades::current_grade(conn, id, as_of)?,
        training,
        assessments,
        detail,
    })
}

/// Writes the 人员登记表 of `worker_ids` (in that order) to `path`, every fact as of
/// `as_of`. ID numbers are masked unless `full_id_numbers`.
pub fn export_registration_forms(
    conn: &Connection,
    worker_ids: &[i64],
    as_of: NaiveDate,
    full_id_numbers: bool,
    path: &Path,
    generated_at: NaiveDateTime,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<ExportResult> {
    if worker_ids.is_empty() {
        return Err(CoreError::validation(
            "workerIds",
            "没有选中人员：请在人员台账中勾选要打印登记表的人员。",
        ));
    }
    if worker_ids.len() > MAX_PEOPLE {
        return Err(CoreError::validation(
            "workerIds",
            format!(
                "一次最多打印 {MAX_PEOPLE} 人的登记表（Excel 一张表最多分 1000 多页），现选了 {} 人。请按社区筛选后分几次打印。",
                worker_ids.len()
            ),
        ));
    }
    save::check_target(path)?;
    let settings = settings::get(conn)?;
    let steps_per = 50;
    let mut tracker = Tracker {
        done: 0,
        total: 2 + worker_ids.len().div_ceil(steps_per) as u32,
        report: progress,
    };
    let mut wb = format::new_workbook()?;
    wb.set_properties(&properties(&settings, TITLE, generated_at));
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    let styles = Styles::new();
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let heading = Heading {
        unit: unit(&settings),
        date: format::chinese_date(as_of),
    };
    let mut breaks = Vec::with_capacity(worker_ids.len());
    let mut row = 0;
    for (i, id) in worker_ids.iter().enumerate() {
        let person = load(conn, *id, as_of)?;
        if i > 0 {
            breaks.push(row);
        }
        row = write_person(ws, &styles, &heading, &person, !full_id_numbers, row)?;
        if (i + 1) % steps_per == 0 {
            tracker.step(&format!("已写入 {} 人", i + 1));
        }
    }
    page_setup(ws, &breaks)?;
    tracker.step("已写入全部人员");
    save::save_atomic(&mut wb, path)?;
    tracker.step("已保存");
    Ok(ExportResult {
        path: path.display().to_string(),
        sheets: vec![SHEET.to_string()],
        roster_rows: worker_ids.len() as i64,
        id_numbers_masked: !full_id_numbers,
    })
}

fn page_setup(ws: &mut Worksheet, breaks: &[u32]) -> XResult<()> {
    ws.set_paper_size(9); // A4
    ws.set_portrait();
    ws.set_print_scale(100);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&C第 &P 页 共 &N 页");
    if !breaks.is_empty() {
        ws.set_page_breaks(breaks)?;
    }
    Ok(())
}

struct Heading {
    unit: String,
    date: String,
}

/// A cell spanning columns `c1..=c2` of one row.
fn put(
    ws: &mut Worksheet,
    row: u32,
    (c1, c2): (u16, u16),
    s: &str,
    f: &format::TextFormat,
) -> XResult<()> {
    format::put_merged(ws, (row, c1, row, c2), s, f)
}

/// How tall a row must be for the longest wrapped text in `cells`, at least `min` points.
fn height_of(cells: &[((u16, u16), &str)], min: f64) -> f64 {
    let lines = cells
        .iter()
        .map(|((c1, c2), s)| {
            let width: f64 = WIDTHS[*c1 as usize..=*c2 as usize].iter().sum();
            format::lines_needed(s, width)
        })
        .max()
        .unwrap_or(1);
    format::row_height(lines).max(min)
}

/// A label and its value, each over a span of columns.
type Pair<'a> = ((u16, u16), &'a str, (u16, u16), &'a str);

/// A row of label/value pairs: each (label span, label, value span, value). Gives the
/// row's height.
fn pairs(ws: &mut Worksheet, st: &Styles, row: u32, items: &[Pair]) -> XResult<f64> {
    for (ls, label, vs, value) in items {
        put(ws, row, *ls, label, &st.label)?;
        put(ws, row, *vs, value, &st.value)?;
    }
    let cells: Vec<((u16, u16), &str)> = items
        .iter()
        .flat_map(|(ls, l, vs, v)| [(*ls, *l), (*vs, *v)])
        .collect();
    let height = height_of(&cells, BASIC_ROW);
    ws.set_row_height(row, height)?;
    Ok(height)
}

fn or_blank(s: Option<&str>) -> &str {
    s.unwrap_or("")
}

fn years_months(months: i64) -> String {
    match (months / 12, months % 12) {
        (0, m) => format!("{m} 个月"),
        (y, 0) => format!("{y} 年"),
        (y, m) => format!("{y} 年 {m} 个月"),
    }
}

fn write_person(
    ws: &mut Worksheet,
    st: &Styles,
    heading: &Heading,
    p: &Person,
    mask: bool,
    top: u32,
) -> XResult<u32> {
    let w = &p.detail.worker;
    let i = &w.input;
    put(ws, top, (0, LAST_COL), TITLE, &st.title)?;
    ws.set_row_height(top, 30)?;
    put(
        ws,
        top + 1,
        (0, 4),
        &format!("填报单位：{}", heading.unit),
        &st.subtitle,
    )?;
    put(
        ws,
        top + 1,
        (5, LAST_COL),
        &format!("信息截至：{}", heading.date),
        &st.subtitle_right,
    )?;
    ws.set_row_height(top + 1, 20)?;

    let mut r = top + 2;
    let id_number = if mask {
        idcard::mask(&i.id_number)
    } else {
        i.id_number.clone()
    };
    let birth = w
        .birth_date
        .get(..7)
        .unwrap_or(&w.birth_date)
        .replace('-', ".");
    let full_time = match i.full_time_education {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    };
    let grade = p
        .grade
        .as_ref()
        .map(|g| format!("{} {} 级", g.input.category, g.input.level))
        .unwrap_or_else(|| "未定级".into());
    let certificates = qualification(&p.detail.certificates);
    let school = [i.school.as_deref(), i.major.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let position = match &i.post_detail {
        Some(d) if !d.is_empty() => format!("{}（{d}）", i.position),
        _ => i.position.clone(),
    };
    let service = years_months(w.service_months);
    let status = w.status.as_str().to_string();
    let rows: [&[Pair]; 10] = [
        &[
            ((0, 0), "姓名", (1, 1), &i.name),
            ((2, 2), "性别", (3, 3), &w.gender),
            ((4, 4), "出生年月", (5, 5), &birth),
        ],
        &[
            ((0, 0), "民族", (1, 1), &i.ethnicity),
            ((2, 2), "籍贯", (3, 3), or_blank(i.native_place.as_deref())),
            ((4, 4), "政治面貌", (5, 5), &i.political_status),
        ],
        &[
            (
                (0, 0),
                "入党时间",
                (1, 1),
                or_blank(i.party_joined_on.as_deref()),
            ),
            ((2, 2), "最高学历", (3, 3), &i.education),
            ((4, 4), "是否全日制", (5, 5), full_time),
        ],
        &[
            ((0, 0), "所在社区", (1, 1), &w.community_name),
            ((2, 2), "人员类别", (3, 3), &i.category),
            ((4, 4), "状态", (5, 5), &status),
        ],
        &[
            ((0, 0), "职务", (1, 3), &position),
            ((4, 4), "入职时间", (5, 5), &i.hired_on),
        ],
        &[
            ((0, 0), "身份证号", (1, 3), &id_number),
            ((4, 4), "手机号", (5, 7), or_blank(i.phone.as_deref())),
        ],
        &[
            (
                (0, 0),
                "参加社区\n工作时间",
                (1, 1),
                or_blank(i.community_work_start.as_deref()),
            ),
            ((2, 2), "社区工作\n年限", (3, 3), &service),
            (
                (4, 4),
                "试用期满",
                (5, 7),
                or_blank(i.probation_end.as_deref()),
            ),
        ],
        &[
            ((0, 0), "岗位等级", (1, 3), &grade),
            ((4, 4), "来源", (5, 7), or_blank(i.source.as_deref())),
        ],
        &[
            ((0, 0), "毕业院校\n及专业", (1, 3), &school),
            ((4, 4), "职业资格", (5, 7), &certificates),
        ],
        &[
            (
                (0, 0),
                "招聘方式",
                (1, 3),
                or_blank(i.recruitment.as_deref()),
            ),
            ((4, 4), "备注", (5, 7), or_blank(i.remarks.as_deref())),
        ],
    ];
    // The photo box: 2 columns by the first 5 rows, left empty for a 1-inch photo.
    format::put_merged(ws, (r, 6, r + 4, LAST_COL), "照片", &st.photo)?;
    let mut used = 30.0 + 20.0;
    for items in rows {
        used += pairs(ws, st, r, items)?;
        r += 1;
    }

    let mut sections = [
        posts(&p.history.posts),
        education(&p.history.education),
        certificate_rows(&p.detail.certificates),
        training_rows(&p.training),
        assessment_rows(&p.assessments),
    ];
    // What is left of the page for the sections, with room for the note and the signature.
    let budget = PAGE_HEIGHT - used - NOTE_HEIGHT - SIGN_HEIGHT;
    fit_sections(&mut sections, budget);
    for s in &sections {
        r = section(ws, st, r, s)?;
    }
    let left_out: Vec<String> = sections
        .iter()
        .filter(|s| s.shown < s.rows.len())
        .map(|s| {
            format!(
                "{}另有较早的 {} 条",
                s.title.replace('\n', ""),
                s.rows.len() - s.shown
            )
        })
        .collect();
    if !left_out.is_empty() {
        let note = format!(
            "注：为一人一页，{}未列出，见台账人员详情。",
            left_out.join("、")
        );
        put(ws, r, (0, LAST_COL), &note, &st.note)?;
        ws.set_row_height(r, NOTE_HEIGHT)?;
        r += 1;
    }
    put(
        ws,
        r,
        (0, LAST_COL),
        "本人签字：                    审核人：                    街道（乡镇）盖章：              年    月    日",
        &st.sign,
    )?;
    ws.set_row_height(r, SIGN_HEIGHT)?;
    Ok(r + 1)
}

fn qualification(certificates: &[Certificate]) -> String {
    certificates
        .iter()
        .map(|c| {
            c.input
                .title
                .clone()
                .unwrap_or_else(|| c.input.kind.clone())
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// A section of the form: its name down the left column, a header row over `spans`
/// (columns 1..=7), then the first `shown` of `rows` (newest first), or 无.
struct Section {
    title: &'static str,
    spans: &'static [(u16, u16)],
    headers: &'static [&'static str],
    rows: Vec<Vec<String>>,
    shown: usize,
}

impl Section {
    fn new(
        title: &'static str,
        spans: &'static [(u16, u16)],
        headers: &'static [&'static str],
        rows: Vec<Vec<String>>,
    ) -> Section {
        Section {
            title,
            spans,
            headers,
            shown: rows.len(),
            rows,
        }
    }

    fn row_height(&self, row: &[String]) -> f64 {
        let cells: Vec<((u16, u16), &str)> = self
            .spans
            .iter()
            .copied()
            .zip(row.iter().map(String::as_str))
            .collect();
        height_of(&cells, ROW)
    }

    /// The header, the rows shown (or the 无 line), and the title's own lines.
    fn height(&self) -> f64 {
        let rows: f64 = if self.rows.is_empty() {
            ROW
        } else {
            self.rows[..self.shown]
                .iter()
                .map(|r| self.row_height(r))
                .sum()
        };
        (ROW + rows).max(format::row_height(self.title.lines().count()))
    }
}

/// Shows as many rows as fit `budget` points: while the sections are too tall, the one
/// showing the most rows gives up its oldest (each keeps at least one).
fn fit_sections(sections: &mut [Section], budget: f64) {
    loop {
        let total: f64 = sections.iter().map(Section::height).sum();
        if total <= budget {
            return;
        }
        let Some(longest) = sections
            .iter_mut()
            .filter(|s| s.shown > 1)
            .max_by_key(|s| s.shown)
        else {
            return;
        };
        longest.shown -= 1;
    }
}

fn section(ws: &mut Worksheet, st: &Styles, top: u32, s: &Section) -> XResult<u32> {
    let mut r = top;
    for (span, h) in s.spans.iter().zip(s.headers) {
        put(ws, r, *span, h, &st.label)?;
    }
    ws.set_row_height(r, ROW)?;
    r += 1;
    if s.rows.is_empty() {
        put(ws, r, (1, LAST_COL), "无", &st.center)?;
        ws.set_row_height(r, ROW)?;
        r += 1;
    }
    for row in &s.rows[..s.shown] {
        for (span, v) in s.spans.iter().zip(row) {
            put(ws, r, *span, v, &st.center)?;
        }
        ws.set_row_height(r, s.row_height(row))?;
        r += 1;
    }
    // The name down the left, over the section's rows.
    format::put_merged(ws, (top, 0, r - 1, 0), s.title, &st.section)?;
    Ok(r)
}

fn posts(posts: &[history::PostRecord]) -> Section {
    let mut rows: Vec<Vec<String>> = posts
        .iter()
        .map(|p| {
            vec![
                p.effective_on.clone(),
                p.ended_on.clone().unwrap_or_else(|| "至今".into()),
                p.community_name.clone(),
                p.position.clone(),
                p.category.clone(),
                p.reason.clone(),
            ]
        })
        .collect();
    rows.sort_by(|a, b| b[0].cmp(&a[0]));
    Section::new(
        "任职\n经历",
        &[(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 7)],
        &[
            "起始日期",
            "截止日期",
            "社区",
            "职务",
            "人员类别",
            "变动原因",
        ],
        rows,
    )
}

fn education(records: &[history::EducationRecord]) -> Section {
    let mut rows: Vec<Vec<String>> = records
        .iter()
        .map(|e| {
            vec![
                e.obtained_on.clone(),
                e.education.clone(),
                match e.full_time_education {
                    Some(true) => "全日制".into(),
                    Some(false) => "非全日制".into(),
                    None => String::new(),
                },
                e.school.clone().unwrap_or_default(),
                e.major.clone().unwrap_or_default(),
            ]
        })
        .collect();
    rows.sort_by(|a, b| b[0].cmp(&a[0]));
    Section::new(
        "学历",
        &[(1, 1), (2, 2), (3, 3), (4, 5), (6, 7)],
        &["取得时间", "学历", "学习形式", "毕业院校", "专业"],
        rows,
    )
}

fn certificate_rows(certificates: &[Certificate]) -> Section {
    let mut rows: Vec<Vec<String>> = certificates
        .iter()
        .map(|c| {
            vec![
                c.input
                    .title
                    .clone()
                    .unwrap_or_else(|| c.input.kind.clone()),
                c.input
                    .obtained_on
                    .clone()
                    .unwrap_or_else(|| "未登记".into()),
                c.input.cert_no.clone().unwrap_or_default(),
            ]
        })
        .collect();
    rows.sort_by(|a, b| b[1].cmp(&a[1]));
    Section::new(
        "职业\n资格",
        &[(1, 3), (4, 4), (5, 7)],
        &["证书", "取得日期", "证书编号"],
        rows,
    )
}

/// 2025-10-08—10-10 within a year, 2025-12-29—2026-01-02 across one.
fn date_range(from: &str, to: &str) -> String {
    if from == to {
        from.to_string()
    } else if from.get(..5) == to.get(..5) {
        format!("{from}—{}", to.get(5..).unwrap_or(to))
    } else {
        format!("{from}—{to}")
    }
}

fn training_rows(entries: &[TrainingEntry]) -> Section {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|t| {
            vec![
                date_range(&t.start_date, &t.end_date),
                t.name.clone(),
                t.tier.clone(),
                format!("{}", t.hours),
            ]
        })
        .collect();
    Section::new(
        TRAINING_TITLE,
        &[(1, 2), (3, 4), (5, 6), (7, 7)],
        &["日期", "培训名称", "层级", "学时"],
        rows,
    )
}

fn assessment_rows(assessments: &[Assessment]) -> Section {
    let score = |s: Option<f64>| s.map(|v| format!("{v}")).unwrap_or_default();
    let rows: Vec<Vec<String>> = assessments
        .iter()
        .map(|a| {
            vec![
                format!("{} 年度", a.year),
                a.input.result.as_str().to_string(),
                score(a.input.political_score),
                score(a.input.performance_score),
                score(a.input.satisfaction_score),
                a.input.remarks.clone().unwrap_or_default(),
            ]
        })
        .collect();
    Section::new(
        "年度\n考核",
        &[(1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 7)],
        &["年度", "结果", "政治素质", "工作实绩", "群众满意度", "备注"],
        rows,
    )
}
