//! The preview: every data row of the chosen sheets read, checked with the same rules as the
//! form (`workers::validate`), matched to the ledger by ID number and classified as new,
//! changed (with each field old -> new), unchanged or rejected (with sheet, row, column and
//! a Chinese reason). Nothing is written here.

use super::header::{self, community_stem, ledger_community, Layout};
use super::read::{self, Book, Cell, Row, Sheet};
use super::values::{self, display, key, DateValue, Listed};
use super::{
    file_error, CommunityMatch, CommunityPlan, ImportField, ImportOptions, ImportPlan,
    PendingChoice, PlanCounts, PlanRow, RememberedColumn, RowAction, RowIssue, RowStatus,
    SheetChoice, SheetPlan, SkippedRow, MAX_DATA_ROWS,
};
use crate::audit::{self, FieldChange};
use crate::communities::{self, Community};
use crate::error::{CoreError, Result};
use crate::idcard::{self, IdNumber};
use crate::vocab::{self, Variants};
use crate::workers::{self, CertificateInput, WorkerInput};
use crate::{dates, text};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use ImportField::*;

/// Stands in for a community the import will create, so the record can be checked.
const TO_BE_CREATED: i64 = i64::MAX;

/// A chosen sheet with its header and mapping settled.
struct SheetWork<'a> {
    sheet: &'a Sheet,
    layout: Layout,
    fields: Vec<Option<ImportField>>,
    community: Option<String>,
    /// Cells of the body covered by a merged region -> the region's first cell.
    merged: HashMap<(u32, u32), (u32, u32)>,
}

/// Cells a merged region covers, beyond its first: at most this many are looked up.
const MAX_MERGED_CELLS: usize = 1_000_000;

fn body_merges(sheet: &Sheet, data_start: u32) -> HashMap<(u32, u32), (u32, u32)> {
    let mut out = HashMap::new();
    for m in sheet.merges.iter().filter(|m| m.last_row >= data_start) {
        let last_col = m.last_col.min(read::MAX_COLUMNS - 1);
        for r in m.first_row.max(data_start)..=m.last_row {
            for c in m.first_col..=last_col {
                if (r, c) != (m.first_row, m.first_col) {
                    if out.len() >= MAX_MERGED_CELLS {
                        return out;
                    }
                    out.insert((r, c), (m.first_row, m.first_col));
                }
            }
        }
    }
    out
}

impl SheetWork<'_> {
    fn column(&self, field: ImportField) -> Option<u32> {
        self.fields
            .iter()
            .position(|f| *f == Some(field))
            .map(|c| c as u32)
    }

    fn header(&self, col: u32) -> String {
        self.layout
            .headers
            .get(col as usize)
            .filter(|h| !h.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("{} 列", super::column_letter(col)))
    }
}

/// A person already in the ledger.
struct Existing {
    id: i64,
    input: WorkerInput,
    community: String,
    exit_date: Option<String>,
    birth_date: String,
}

fn load_existing(conn: &Connection) -> Result<HashMap<String, Existing>> {
    let mut stmt = conn.prepare(
        "SELECT w.id, w.name, w.id_number, w.ethnicity, w.native_place, w.phone,
            w.political_status, w.party_joined_on, w.education, w.full_time_education, w.school,
            w.major, w.social_work_major, w.community_id, w.category, w.position, w.post_detail,
            w.source, w.recruitment, w.community_work_start, w.prior_service_months, w.hired_on,
            w.probation_end, w.remarks, c.name, e.exit_date, w.birth_date, w.interruption_months,
            w.service_resumed_on
         FROM workers w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Existing {
            id: r.get(0)?,
            input: WorkerInput {
                name: r.get(1)?,
                id_number: r.get(2)?,
                ethnicity: r.get(3)?,
                native_place: r.get(4)?,
                phone: r.get(5)?,
                political_status: r.get(6)?,
                party_joined_on: r.get(7)?,
                education: r.get(8)?,
                full_time_education: r.get(9)?,
                school: r.get(10)?,
                major: r.get(11)?,
                social_work_major: r.get(12)?,
                community_id: r.get(13)?,
                category: r.get(14)?,
                position: r.get(15)?,
                post_detail: r.get(16)?,
                source: r.get(17)?,
                recruitment: r.get(18)?,
                community_work_start: r.get(19)?,
                prior_service_months: r.get(20)?,
                hired_on: r.get(21)?,
                probation_end: r.get(22)?,
                remarks: r.get(23)?,
                interruption_months: r.get(27)?,
                service_resumed_on: r.get(28)?,
            },
            community: r.get(24)?,
            exit_date: r.get(25)?,
            birth_date: r.get(26)?,
        })
    })?;
    let mut out = HashMap::new();
    for e in rows {
        let e = e?;
        out.insert(e.input.id_number.clone(), e);
    }
    Ok(out)
}

fn load_certificates(conn: &Connection) -> Result<HashMap<i64, Vec<String>>> {
    let mut stmt = conn.prepare("SELECT worker_id, kind FROM certificates")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for row in rows {
        let (id, kind) = row?;
        out.entry(id).or_default().push(kind);
    }
    Ok(out)
}

/// The typed values of one row (None = blank, or the column is not in the file).
#[derive(Default)]
struct Values {
    name: Option<String>,
    id: Option<IdNumber>,
    ethnicity: Option<String>,
    native_place: Option<String>,
    phone: Option<String>,
    political_status: Option<String>,
    party_joined_on: Option<NaiveDate>,
    education: Option<String>,
    full_time_education: Option<bool>,
    school: Option<String>,
    major: Option<String>,
    social_work_major: Option<bool>,
    category: Option<String>,
    position: Option<String>,
    post_detail: Option<String>,
    source: Option<String>,
    recruitment: Option<String>,
    community_work_start: Option<NaiveDate>,
    prior_service_months: Option<i64>,
    hired_on: Option<NaiveDate>,
    probation_end: Option<NaiveDate>,
    remarks: Option<String>,
    cert_kind: Option<String>,
    /// The cell also named 其他职业技能等级, which this column cannot import.
    cert_other: bool,
    cert_date: Option<NaiveDate>,
    cert_no: Option<String>,
}

/// One data row while the preview is built.
struct Parsed {
    sheet: usize,
    sheet_name: String,
    row: u32,
    cells: Vec<String>,
    id_shown: String,
    values: Values,
    /// The community as written (or the sheet's), if any.
    community_raw: Option<String>,
    errors: Vec<RowIssue>,
    warnings: Vec<RowIssue>,
    choices: Vec<PendingChoice>,
}

impl Parsed {
    fn location(&self) -> String {
        format!("「{}」第 {} 行", self.sheet_name, self.row)
    }
}

/// Where a field's problem is reported: its column, or the field's name when no column holds it.
fn issue(work: &SheetWork, field: ImportField, message: impl Into<String>) -> RowIssue {
    let col = work.column(field);
    RowIssue {
        column: col.map_or_else(|| field.label().to_string(), |c| work.header(c)),
        column_index: col,
        field: Some(field),
        message: message.into(),
    }
}

const TOTAL_WORDS: &[&str] = &["合计", "总计", "小计", "共计", "总人数"];
const FOOTER_WORDS: &[&str] = &[
    "填表人",
    "制表人",
    "审核人",
    "填报人",
    "负责人",
    "制表日期",
    "填表日期",
    "填报日期",
    "单位盖章",
    "注:",
    "说明:",
];

/// Why a row is not data (合计, 填表人 …), or None for a data row.
fn trailer(row: &Row, work: &SheetWork) -> Option<&'static str> {
    let id_like = work
        .column(IdNumber)
        .map(|c| row.get(c))
        .is_some_and(|c| match c {
            Cell::Text(t) => key(t).chars().filter(char::is_ascii_digit).count() >= 15,
            Cell::Number(f) => *f >= 1e14,
            _ => false,
        });
    if id_like {
        return None;
    }
    let texts: Vec<String> = row
        .cells
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) => Some(key(t)),
            _ => None,
        })
        .collect();
    if texts
        .iter()
        .any(|t| TOTAL_WORDS.iter().any(|w| t.starts_with(w)))
    {
        return Some("合计行，不是人员，未导入。");
    }
    if texts
        .iter()
        .any(|t| FOOTER_WORDS.iter().any(|w| t.starts_with(w)))
    {
        return Some("表尾（填表人、日期或说明），不是人员，未导入。");
    }
    None
}

fn is_repeated_header(row: &Row, work: &SheetWork) -> bool {
    let mapped: Vec<u32> = (0..work.fields.len() as u32)
        .filter(|c| work.fields[*c as usize].is_some())
        .collect();
    !mapped.is_empty()
        && mapped.iter().all(|c| {
            let h = &work.layout.headers[*c as usize];
            let v = display(row.get(*c));
            v.is_empty() || header::normalize_header(&v) == header::normalize_header(h)
        })
        && mapped.iter().any(|c| !row.get(*c).is_empty())
}

/// A row with one filled cell, outside the name and ID columns (一、和平社区): a group title.
fn is_group_title(row: &Row, work: &SheetWork) -> bool {
    let filled: Vec<u32> = (0..row.cells.len() as u32)
        .filter(|c| !row.get(*c).is_empty())
        .collect();
    let key_cols = [work.column(Name), work.column(IdNumber)];
    let [only] = filled[..] else {
        return false;
    };
    let title_like = match row.get(only) {
        Cell::Text(t) => !key(t).chars().all(|c| c.is_ascii_digit() || c == '-'),
        _ => false,
    };
    title_like && !key_cols.contains(&Some(only))
}

/// The value of a cell, reading through merged cells of the body to their first cell.
fn cell_at<'a>(work: &SheetWork<'a>, row: &'a Row, col: u32) -> &'a Cell {
    let own = row.get(col);
    if !own.is_empty() || work.merged.is_empty() {
        return own;
    }
    match work.merged.get(&(row.index, col)) {
        Some(&(r, c)) => header::row_at(work.sheet, r).map_or(own, |first| first.get(c)),
        None => own,
    }
}

struct Context<'a> {
    options: &'a ImportOptions,
    defaults: HashMap<ImportField, Cell>,
}

impl Context<'_> {
    /// A value the clerk chose for this cell text (this row first, then the whole file).
    fn chosen(&self, field: ImportField, raw: &str, sheet: &str, row: u32) -> Option<&str> {
        let k = key(raw);
        let fits = |c: &&super::ValueChoice| c.field == field && key(&c.raw) == k;
        self.options
            .values
            .iter()
            .filter(fits)
            .find(|c| c.sheet.as_deref() == Some(sheet) && c.row == Some(row))
            .or_else(|| {
                self.options
                    .values
                    .iter()
                    .filter(fits)
                    .find(|c| c.sheet.is_none() && c.row.is_none())
            })
            .map(|c| c.value.as_str())
    }
}

fn list_of(field: ImportField) -> (&'static [&'static str], Variants) {
    match field {
        Ethnicity => (vocab::ETHNIC_GROUPS, vocab::ETHNIC_GROUP_VARIANTS),
        PoliticalStatus => (vocab::POLITICAL_STATUSES, vocab::POLITICAL_STATUS_VARIANTS),
        Education => (vocab::EDUCATION_LEVELS, vocab::EDUCATION_VARIANTS),
        Category => (vocab::CATEGORIES, vocab::CATEGORY_VARIANTS),
        Position => (vocab::POSITIONS, vocab::POSITION_VARIANTS),
        Source => (vocab::SOURCES, vocab::SOURCE_VARIANTS),
        Recruitment => (vocab::RECRUITMENT_METHODS, vocab::RECRUITMENT_VARIANTS),
        // Only the social-work levels (the first three kinds) are read from a roster; other
        // skill levels need a name and are added in the person's page.
        CertificateKind => (
            &vocab::CERTIFICATE_KINDS[..3],
            vocab::CERTIFICATE_KIND_VARIANTS,
        ),
        _ => (&[], &[]),
    }
}

fn parse_row(
    ctx: &Context,
    work: &SheetWork,
    sheet_index: usize,
    row: &Row,
    width: usize,
) -> Parsed {
    let sheet = work.sheet;
    let row_no = row.index + 1;
    let mut p = Parsed {
        sheet: sheet_index,
        sheet_name: sheet.name.clone(),
        row: row_no,
        cells: (0..width as u32)
            .map(|c| display(cell_at(work, row, c)))
            .collect(),
        id_shown: String::new(),
        values: Values::default(),
        community_raw: None,
        errors: Vec::new(),
        warnings: Vec::new(),
        choices: Vec::new(),
    };
    // The cell of a field, or the clerk's default for it when the cell is blank.
    let get = |field: ImportField| -> Option<&Cell> {
        work.column(field)
            .map(|c| cell_at(work, row, c))
            .filter(|c| !c.is_empty())
            .or_else(|| ctx.defaults.get(&field))
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut choices = Vec::new();

    let v = &mut p.values;
    v.name = get(Name).and_then(values::person_name);

    if let Some(cell) = get(IdNumber) {
        p.id_shown = display(cell);
        match values::id_text(cell) {
            Ok(Some(k)) => match idcard::parse(&k) {
                Ok(id) => {
                    p.id_shown = id.value.clone();
                    v.id = Some(id);
                }
                Err(e) => {
                    let mut msg = e.to_string();
                    if let Some(hint) = values::id_hint(&k) {
                        msg.push_str(hint);
                    }
                    errors.push(issue(work, IdNumber, msg));
                }
            },
            Ok(None) => {}
            Err(msg) => errors.push(issue(work, IdNumber, msg)),
        }
    }
    if v.id.is_none() && p.id_shown.is_empty() {
        errors.push(issue(
            work,
            IdNumber,
            "身份证号是空的：导入按身份证号识别人员，请补上完整的 18 位号码。",
        ));
    }
    if v.name.is_none() {
        errors.push(issue(work, Name, "姓名是空的，请补上。"));
    }

    // 性别 and 出生日期 are derived from the ID number; the file's values are only checked.
    if let (Some(cell), Some(id)) = (get(Gender), v.id.as_ref()) {
        let raw = display(cell);
        match values::gender(&raw) {
            Some(g) if g != id.gender.label() => warnings.push(issue(
                work,
                Gender,
                format!(
                    "性别写的是“{raw}”，与身份证号（{}）不符；以身份证号为准，请核对。",
                    id.gender.label()
                ),
            )),
            Some(_) => {}
            None => warnings.push(issue(
                work,
                Gender,
                format!("性别“{raw}”无法识别，已忽略（性别由身份证号得出）。"),
            )),
        }
    }
    if let (Some(cell), Some(id)) = (get(BirthDate), v.id.as_ref()) {
        match values::date(cell) {
            Ok(Some(DateValue { date, month_only })) => {
                let same = if month_only {
                    date.format("%Y-%m").to_string() == id.birth_date.format("%Y-%m").to_string()
                } else {
                    date == id.birth_date
                };
                if !same {
                    warnings.push(issue(
                        work,
                        BirthDate,
                        format!(
                            "出生日期写的是 {}，与身份证号中的 {} 不符；以身份证号为准，请核对。",
                            display(cell),
                            dates::text(id.birth_date)
                        ),
                    ));
                }
            }
            Ok(None) => {}
            Err(_) => warnings.push(issue(
                work,
                BirthDate,
                format!(
                    "出生日期“{}”无法识别，已忽略（出生日期由身份证号得出）。",
                    display(cell)
                ),
            )),
        }
    }

    let mut listed = |field: ImportField, required: bool| -> Option<String> {
        let cell = get(field)?;
        let raw = display(cell);
        if !required && values::is_blank_marker(&key(&raw)) {
            return None;
        }
        let (list, variants) = list_of(field);
        let mut found = values::listed(&raw, list, variants, field == Ethnicity);
        if found == Listed::Unknown && field == Education {
            // 全日制本科, 在职研究生: the mode is its own column.
            let k = key(&raw);
            if let Some(rest) = k.strip_prefix("全日制").or_else(|| k.strip_prefix("在职")) {
                found = values::listed(rest, list, variants, false);
            }
        }
        let options: Vec<String> = match &found {
            Listed::One(v) => return Some(v.clone()),
            Listed::Several(opts) => opts.clone(),
            Listed::Unknown => list.iter().map(|s| s.to_string()).collect(),
        };
        if let Some(v) = ctx.chosen(field, &raw, &sheet.name, row_no) {
            if options.iter().any(|o| o == v) {
                return Some(v.to_string());
            }
        }
        let message = match &found {
            Listed::Several(opts) => format!(
                "“{raw}”不能确定是{}，请选择，或在文件中写明。",
                opts.iter().map(|o| format!("“{o}”")).collect::<Vec<_>>().join("还是")
            ),
            _ if field == CertificateKind => format!(
                "职业资格“{raw}”无法识别。本列只导入社会工作者职业资格：{}；其他职业技能等级请导入后在人员信息中添加。",
                list.join("、")
            ),
            _ => format!(
                "{}“{raw}”不在可选范围内，请改为：{}。",
                field.label(),
                list.join("、")
            ),
        };
        errors.push(issue(work, field, message));
        choices.push(PendingChoice {
            field,
            column: work
                .column(field)
                .map_or_else(|| field.label().to_string(), |c| work.header(c)),
            raw,
            options,
        });
        None
    };
    v.ethnicity = listed(Ethnicity, true);
    v.political_status = listed(PoliticalStatus, true);
    v.education = listed(Education, true);
    v.category = listed(Category, true);
    v.position = listed(Position, true);
    v.source = listed(Source, false);
    v.recruitment = listed(Recruitment, false);
    // 职业资格 as the county roster writes it: the highest social-work level, and perhaps
    // 其他职业技能等级 on a line of its own. Anything else goes the usual way (a choice, or
    // the reason it cannot be read).
    match get(CertificateKind).map(|c| certificate_parts(&display(c))) {
        Some(Some((level, other))) => {
            v.cert_kind = level;
            v.cert_other = other;
        }
        _ => v.cert_kind = listed(CertificateKind, false),
    }

    let mut date_of = |field: ImportField| -> Option<NaiveDate> {
        let cell = get(field)?;
        match values::date(cell) {
            Ok(Some(DateValue { date, month_only })) => {
                if month_only {
                    warnings.push(issue(
                        work,
                        field,
                        format!(
                            "只写了年月（{}），按 {} 导入。",
                            display(cell),
                            dates::text(date)
                        ),
                    ));
                }
                Some(date)
            }
            Ok(None) => None,
            Err(msg) => {
                errors.push(issue(work, field, format!("{}：{msg}", field.label())));
                None
            }
        }
    };
    v.party_joined_on = date_of(PartyJoinedOn);
    v.community_work_start = date_of(CommunityWorkStart);
    v.hired_on = date_of(HiredOn);
    v.probation_end = date_of(ProbationEnd);
    v.cert_date = date_of(CertificateObtainedOn);

    for (field, slot) in [
        (FullTimeEducation, &mut v.full_time_education),
        (SocialWorkMajor, &mut v.social_work_major),
    ] {
        if let Some(cell) = get(field) {
            match values::yes_no(cell) {
                Ok(b) => *slot = b,
                Err(msg) => errors.push(issue(work, field, format!("{}：{msg}", field.label()))),
            }
        }
    }
    if let Some(cell) = get(PriorServiceMonths) {
        match values::months(cell) {
            Ok(m) => v.prior_service_months = m,
            Err(msg) => errors.push(issue(work, PriorServiceMonths, msg)),
        }
    }
    let text_of = |field: ImportField| get(field).and_then(values::optional_text);
    v.native_place = text_of(NativePlace);
    v.phone = text_of(Phone);
    v.school = text_of(School);
    v.major = text_of(Major);
    // 毕业院校及专业 in one column (as the county roster writes it): the school on the first
    // line, the major on the next; only when no column of its own holds the major.
    if let (None, Some(col), Some(Cell::Text(raw))) =
        (work.column(Major), work.column(School), get(School))
    {
        if work.header(col).contains("专业") {
            let mut lines = raw
                .lines()
                .filter_map(|l| values::optional_text(&Cell::Text(l.to_string())));
            v.school = lines.next();
            let major: Vec<String> = lines.collect();
            if !major.is_empty() {
                v.major = Some(major.join(" "));
            }
        }
    }
    v.post_detail = text_of(PostDetail);
    v.remarks = text_of(Remarks);
    v.cert_no = text_of(CertificateNo);

    p.community_raw = get(Community)
        .and_then(values::optional_text)
        .or_else(|| work.community.clone());

    if v.cert_kind.is_none() && !v.cert_other && (v.cert_date.is_some() || v.cert_no.is_some()) {
        errors.push(issue(
            work,
            CertificateKind,
            "填写了职业资格的取得时间或证书编号，却没有写职业资格，请补上职业资格或清空这两项。",
        ));
    }
    p.errors = errors;
    p.warnings = warnings;
    p.choices = choices;
    p
}

/// A 职业资格 cell read part by part (split at line breaks, spaces and 、，；/): the highest
/// social-work level named, and whether 其他职业技能等级 was named too. None when a part is
/// not one of them exactly (an unknown or ambiguous value), so the usual reading explains it.
fn certificate_parts(raw: &str) -> Option<(Option<String>, bool)> {
    let mut level: Option<usize> = None;
    let mut other = false;
    let parts = raw
        .split(|c: char| c.is_whitespace() || "、，,；;/".contains(c))
        .filter(|p| !p.is_empty());
    for part in parts {
        if key(part) == key(vocab::OTHER_SKILL_LEVEL) {
            other = true;
            continue;
        }
        let levels = vocab::SOCIAL_WORK_LEVELS;
        let Listed::One(found) =
            values::listed(part, levels, vocab::CERTIFICATE_KIND_VARIANTS, false)
        else {
            return None;
        };
        let rank = levels.iter().position(|l| *l == found)?;
        level = level.max(Some(rank));
    }
    if level.is_none() && !other {
        return None;
    }
    Some((
        level.map(|i| vocab::SOCIAL_WORK_LEVELS[i].to_string()),
        other,
    ))
}

/// How a community name of the file resolves against the ledger.
#[derive(Clone)]
struct Resolved {
    plan: CommunityPlan,
}

fn resolve_communities(
    parsed: &[Parsed],
    ledger: &[Community],
    options: &ImportOptions,
) -> Result<BTreeMap<String, Resolved>> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for p in parsed {
        if let Some(raw) = &p.community_raw {
            let entry = counts.entry(key(raw)).or_insert_with(|| (raw.clone(), 0));
            entry.1 += 1;
        }
    }
    let mut out = BTreeMap::new();
    for (k, (raw, rows)) in counts {
        let mut plan = CommunityPlan {
            raw: raw.clone(),
            matched: CommunityMatch::Unknown,
            community: None,
            community_id: None,
            candidates: Vec::new(),
            rows,
        };
        let choice = options.communities.iter().find(|c| key(&c.raw) == k);
        if let Some(choice) = choice {
            if let Some(id) = choice.community_id {
                let c = ledger.iter().find(|c| c.id == id).ok_or_else(|| {
                    CoreError::validation(
                        "communities",
                        format!("为“{raw}”选择的社区已不在台账中，请刷新后重新选择。"),
                    )
                })?;
                plan.matched = CommunityMatch::Chosen;
                plan.community = Some(c.name.clone());
                plan.community_id = Some(c.id);
            } else if let Some(name) = choice
                .create_name
                .as_deref()
                .and_then(|n| text::clean_optional(Some(n)))
            {
                match ledger.iter().find(|c| key(&c.name) == key(&name)) {
                    Some(c) => {
                        plan.matched = CommunityMatch::Chosen;
                        plan.community = Some(c.name.clone());
                        plan.community_id = Some(c.id);
                    }
                    None => {
                        plan.matched = CommunityMatch::Create;
                        plan.community = Some(name);
                    }
                }
            }
        }
        if plan.community.is_none() {
            if let Some(c) = ledger.iter().find(|c| key(&c.name) == k) {
                plan.matched = CommunityMatch::Exact;
                plan.community = Some(c.name.clone());
                plan.community_id = Some(c.id);
            } else if let Some(c) = ledger_community(&raw, ledger) {
                plan.matched = CommunityMatch::Similar;
                plan.community = Some(c.name.clone());
                plan.community_id = Some(c.id);
            } else {
                let stem = community_stem(&raw);
                plan.candidates = ledger
                    .iter()
                    .filter(|c| community_stem(&c.name) == stem)
                    .map(|c| c.name.clone())
                    .collect();
                if !plan.candidates.is_empty() {
                    plan.matched = CommunityMatch::Ambiguous;
                } else if options.create_communities {
                    plan.matched = CommunityMatch::Create;
                    let raw_key = key(&raw);
                    plan.community = Some(if raw_key.ends_with("社区") {
                        raw_key
                    } else {
                        format!("{stem}社区")
                    });
                }
            }
        }
        out.insert(k, Resolved { plan });
    }
    Ok(out)
}

fn required_missing(
    work: &SheetWork,
    defaults: &HashMap<ImportField, Cell>,
    field: ImportField,
) -> RowIssue {
    let message = if work.column(field).is_some() || defaults.contains_key(&field) {
        format!("新增人员必须填写{}。", field.label())
    } else {
        format!(
            "文件中没有“{0}”列，新增人员必须有{0}：请在文件中增加这一列，或在导入时为整个文件指定{0}。",
            field.label()
        )
    };
    issue(work, field, message)
}

/// Builds the preview of importing `sheets` of the file at `path` (all importable sheets when
/// `sheets` is empty, with the proposed mapping and community). Reads only.
pub fn preview(
    conn: &Connection,
    path: &Path,
    sheets: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let book = read::open(path, (!names.is_empty()).then_some(names.as_slice()))?;
    preview_book(conn, &book, sheets, options, today)
}

pub(crate) fn preview_book(
    conn: &Connection,
    book: &Book,
    sheets: &[SheetChoice],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<ImportPlan> {
    let memory = header::remembered(conn)?;
    let ledger = communities::list(conn)?;
    let mut notes = book.notes();

    // The sheets to read, each with its choice.
    let mut chosen: Vec<(&Sheet, SheetChoice)> = Vec::new();
    if sheets.is_empty() {
        let inspection = header::inspect_book(book, &memory, &ledger)?;
        for (sheet, info) in book.sheets.iter().zip(&inspection.sheets) {
            if info.selected {
                chosen.push((
                    sheet,
                    SheetChoice {
                        name: sheet.name.clone(),
                        header_row: None,
                        mapping: None,
                        community: info
                            .proposed_community
                            .clone()
                            .filter(|_| !info.has_community_column),
                    },
                ));
            } else if info.hidden && info.problem.is_none() {
                notes.push(format!(
                    "工作表“{}”在 Excel 中被隐藏，未导入；如需导入，请选中这个工作表。",
                    sheet.name
                ));
            } else if !info.hidden && !sheet.rows.is_empty() {
                notes.push(format!(
                    "工作表“{}”未导入：{}",
                    sheet.name,
                    info.problem.clone().unwrap_or_default()
                ));
            }
        }
        if chosen.is_empty() {
            return Err(file_error(format!(
                "“{}”中没有可以导入的工作表。{}",
                book.file_name,
                notes.join(" ")
            )));
        }
    } else {
        for choice in sheets {
            let sheet = book
                .sheets
                .iter()
                .find(|s| s.name == choice.name)
                .ok_or_else(|| {
                    CoreError::validation(
                        "sheets",
                        format!(
                            "文件中没有名为“{}”的工作表，请重新选择。现有工作表：{}。",
                            choice.name,
                            book.sheets
                                .iter()
                                .map(|s| s.name.as_str())
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                    )
                })?;
            chosen.push((sheet, choice.clone()));
        }
    }

    let mut works = Vec::new();
    let mut total_rows = 0usize;
    for (sheet, choice) in chosen {
        if sheet.too_large {
            return Err(file_error(header::too_large_message(&sheet.name)));
        }
        let layout = header::layout(sheet, choice.header_row, &memory).ok_or_else(|| {
            CoreError::validation(
                "headerRow",
                match choice.header_row {
                    Some(r) => format!("工作表“{}”的第 {r} 行是空的，不能作为表头，请重新指定表头所在的行。", sheet.name),
                    None => format!("工作表“{}”的前 30 行中找不到表头（同时写着“姓名”“身份证号”等列名的一行）。请指定表头所在的行。", sheet.name),
                },
            )
        })?;
        let mut fields = layout.proposed.clone();
        if let Some(mapping) = &choice.mapping {
            fields = vec![None; layout.headers.len()];
            for m in mapping {
                let c = m.column as usize;
                if c >= fields.len() {
                    if c >= read::MAX_COLUMNS as usize {
                        continue;
                    }
                    fields.resize(c + 1, None);
                }
                fields[c] = m.field;
            }
        }
        for f in ImportField::ALL {
            let cols: Vec<String> = fields
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == Some(f))
                .map(|(c, _)| super::column_letter(c as u32))
                .collect();
            if cols.len() > 1 {
                return Err(CoreError::validation(
                    "mapping",
                    format!(
                        "工作表“{}”中“{}”对应了 {} 列（{}），请只保留一列。",
                        sheet.name,
                        f.label(),
                        cols.len(),
                        cols.join("、")
                    ),
                ));
            }
        }
        for f in [IdNumber, Name] {
            if !fields.contains(&Some(f)) {
                return Err(CoreError::validation(
                    "mapping",
                    format!(
                        "工作表“{}”没有对应“{}”的列。导入按身份证号识别人员，姓名和身份证号两列都必须有，请在列对应中指定。",
                        sheet.name,
                        f.label()
                    ),
                ));
            }
        }
        total_rows += sheet
            .rows
            .iter()
            .filter(|r| r.index >= layout.data_start)
            .count();
        if total_rows > MAX_DATA_ROWS {
            return Err(file_error(format!(
                "所选工作表共有 {total_rows} 行以上数据，超过一次导入的上限 {MAX_DATA_ROWS} 行。请分几次导入（每次选几个工作表），或把文件拆小。"
            )));
        }
        let community = choice
            .community
            .as_deref()
            .and_then(|c| text::clean_optional(Some(c)));
        let merged = body_merges(sheet, layout.data_start);
        works.push(SheetWork {
            sheet,
            layout,
            fields,
            community,
            merged,
        });
    }

    let mut defaults = HashMap::new();
    for d in &options.defaults {
        if matches!(d.field, Name | IdNumber) {
            return Err(CoreError::validation(
                "defaults",
                "姓名和身份证号不能设默认值，每个人都要在文件中写明。",
            ));
        }
        if let Some(v) = text::clean_optional(Some(&d.value)) {
            defaults.insert(d.field, Cell::Text(v));
        }
    }
    let ctx = Context { options, defaults };

    // Read every data row.
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut skipped: Vec<SkippedRow> = Vec::new();
    for (i, work) in works.iter().enumerate() {
        let sheet = work.sheet;
        let width = work.layout.headers.len();
        for row in sheet
            .rows
            .iter()
            .filter(|r| r.index >= work.layout.data_start)
        {
            let mapped_empty = (0..width as u32)
                .filter(|c| work.fields.get(*c as usize).copied().flatten().is_some())
                .all(|c| row.get(c).is_empty());
            if mapped_empty {
                continue;
            }
            let skip = |reason: &str| SkippedRow {
                sheet: sheet.name.clone(),
                row: row.index + 1,
                reason: reason.to_string(),
            };
            if !options.include_hidden_rows && sheet.hidden_rows.contains(&row.index) {
                skipped.push(skip(
                    "在 Excel 中被隐藏（或被筛选掉），未导入。如需导入隐藏行，请选择“导入隐藏行”。",
                ));
                continue;
            }
            if let Some(reason) = trailer(row, work) {
                skipped.push(skip(reason));
                continue;
            }
            if is_repeated_header(row, work) {
                skipped.push(skip("重复的表头行，未导入。"));
                continue;
            }
            if is_group_title(row, work) {
                skipped.push(skip("只有一格内容（如分组标题），不是人员，未导入。"));
                continue;
            }
            parsed.push(parse_row(&ctx, work, i, row, width));
        }
    }

    // The same person twice in the file(s): both rows are rejected, each naming the other.
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in parsed.iter().enumerate() {
        if let Some(id) = &p.values.id {
            by_id.entry(id.value.clone()).or_default().push(i);
        }
    }
    for rows in by_id.values().filter(|r| r.len() > 1) {
        for &i in rows {
            let others: Vec<String> = rows
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| parsed[j].location())
                .collect();
            let work = &works[parsed[i].sheet];
            let msg = format!(
                "身份证号与{}重复：同一人在文件中只能出现一次。请删除重复的行，或核对号码后再导入。",
                others.join("、")
            );
            parsed[i].errors.push(issue(work, IdNumber, msg));
        }
    }

    let resolved = resolve_communities(&parsed, &ledger, options)?;
    let existing = load_existing(conn)?;
    let certificates = load_certificates(conn)?;
    let ledger_names: Vec<&str> = ledger.iter().map(|c| c.name.as_str()).collect();

    let mut rows = Vec::with_capacity(parsed.len());
    let mut counts = PlanCounts::default();
    let mut any_existing = false;
    for mut p in parsed {
        let work = &works[p.sheet];
        let id = p.values.id.clone();
        let old = id.as_ref().and_then(|id| existing.get(&id.value));
        any_existing |= old.is_some();

        // The community.
        let mut community: Option<(Option<i64>, String, bool)> = None;
        match p.community_raw.as_ref().and_then(|raw| resolved.get(&key(raw))) {
            Some(r) => match (r.plan.matched, &r.plan.community) {
                (CommunityMatch::Create, Some(name)) => {
                    community = Some((None, name.clone(), true));
                }
                (_, Some(name)) => community = Some((r.plan.community_id, name.clone(), false)),
                (CommunityMatch::Ambiguous, None) => p.errors.push(issue(
                    work,
                    Community,
                    format!(
                        "社区“{}”可能是{}，请在导入时选择对应的社区。",
                        r.plan.raw,
                        r.plan
                            .candidates
                            .iter()
                            .map(|c| format!("“{c}”"))
                            .collect::<Vec<_>>()
                            .join("或")
                    ),
                )),
                _ => p.errors.push(issue(
                    work,
                    Community,
                    format!(
                        "社区“{}”不在台账中。请先在“社区”页面添加，或在导入时选择对应的已有社区，或勾选“创建台账中没有的社区”（命令行加 --create-communities）。台账中现有：{}。",
                        r.plan.raw,
                        if ledger_names.is_empty() { "（还没有社区）".to_string() } else { ledger_names.join("、") }
                    ),
                )),
            },
            None if old.is_none() => p.errors.push(issue(
                work,
                Community,
                if work.column(Community).is_some() {
                    "所在社区是空的，请补上。".to_string()
                } else {
                    format!(
                        "不知道所在社区：工作表“{}”没有“所在社区”列。请在导入时为这个工作表指定社区，或在文件中增加“所在社区”列。",
                        work.sheet.name
                    )
                },
            )),
            None => {}
        }

        // A certificate the person already holds needs no date (the county roster has none);
        // a new one does. 其他职业技能等级 needs a name, which only the person's page takes.
        let held = |kind: &str| {
            old.and_then(|o| certificates.get(&o.id))
                .is_some_and(|kinds| kinds.iter().any(|k| k == kind))
        };
        if let Some(kind) = &p.values.cert_kind {
            if p.values.cert_date.is_none() && !held(kind) {
                p.errors.push(issue(
                    work,
                    CertificateObtainedOn,
                    "填写了职业资格，还需要职业资格取得时间（可以只写年月，如 2019.06）。",
                ));
            }
        }
        if p.values.cert_other && !held(vocab::OTHER_SKILL_LEVEL) {
            p.warnings.push(issue(
                work,
                CertificateKind,
                "“其他职业技能等级”没有导入：这一列只导入社会工作者职业资格，其他职业技能等级需要写明名称，请导入后在人员信息的“职业资格”中添加。",
            ));
        }

        let v = &p.values;
        let mut record = None;
        let mut certificate = None;
        let mut changes: Vec<FieldChange> = Vec::new();
        if old.is_none() && id.is_some() {
            for (field, present) in [
                (Ethnicity, v.ethnicity.is_some()),
                (PoliticalStatus, v.political_status.is_some()),
                (Education, v.education.is_some()),
                (Category, v.category.is_some()),
                (Position, v.position.is_some()),
                (HiredOn, v.hired_on.is_some()),
            ] {
                // A cell that failed its own check already has its reason.
                if !present && !p.errors.iter().any(|e| e.field == Some(field)) {
                    p.errors.push(required_missing(work, &ctx.defaults, field));
                }
            }
        }

        if p.errors.is_empty() {
            if let Some(id) = &id {
                let mut input = old.map_or_else(WorkerInput::default, |o| o.input.clone());
                input.id_number = id.value.clone();
                let set = |slot: &mut Option<String>, v: &Option<String>| {
                    if v.is_some() {
                        slot.clone_from(v);
                    }
                };
                let set_req = |slot: &mut String, v: &Option<String>| {
                    if let Some(v) = v {
                        slot.clone_from(v);
                    }
                };
                let set_date = |slot: &mut Option<String>, v: Option<NaiveDate>| {
                    if let Some(d) = v {
                        *slot = Some(dates::text(d));
                    }
                };
                set_req(&mut input.name, &v.name);
                set_req(&mut input.ethnicity, &v.ethnicity);
                set(&mut input.native_place, &v.native_place);
                set(&mut input.phone, &v.phone);
                set_req(&mut input.political_status, &v.political_status);
                set_date(&mut input.party_joined_on, v.party_joined_on);
                set_req(&mut input.education, &v.education);
                if v.full_time_education.is_some() {
                    input.full_time_education = v.full_time_education;
                }
                set(&mut input.school, &v.school);
                set(&mut input.major, &v.major);
                if let Some(b) = v.social_work_major {
                    input.social_work_major = b;
                }
                set_req(&mut input.category, &v.category);
                set_req(&mut input.position, &v.position);
                set(&mut input.post_detail, &v.post_detail);
                set(&mut input.source, &v.source);
                set(&mut input.recruitment, &v.recruitment);
                set_date(&mut input.community_work_start, v.community_work_start);
                if let Some(m) = v.prior_service_months {
                    input.prior_service_months = m;
                }
                if let Some(d) = v.hired_on {
                    input.hired_on = dates::text(d);
                }
                set_date(&mut input.probation_end, v.probation_end);
                set(&mut input.remarks, &v.remarks);
                let mut community_name = old.map(|o| o.community.clone()).unwrap_or_default();
                if let Some((cid, name, _)) = &community {
                    input.community_id = cid.unwrap_or(TO_BE_CREATED);
                    community_name.clone_from(name);
                }

                // The very rules of the form.
                match workers::validate(&input, today) {
                    Ok(mut checked) => {
                        // As `workers::update` checks it, so the commit cannot fail on it.
                        if let Some(exit) = old.and_then(|o| o.exit_date.as_deref()) {
                            if exit < checked.hired_on.as_str() {
                                p.errors.push(issue(
                                    work,
                                    HiredOn,
                                    format!("入职时间不能晚于台账中已登记的退出日期 {exit}。"),
                                ));
                            }
                        }
                        // Legitimate (a hire agreed for next month), but worth a second look:
                        // a typo in the year also lands here.
                        if checked.hired_on.as_str() > dates::text(today).as_str() {
                            p.warnings.push(issue(
                                work,
                                HiredOn,
                                format!(
                                    "入职时间 {} 晚于今天：导入后状态为“未入职”，到入职时间后自动计为试用期或在岗。如果是年份写错了，请改正后再导入。",
                                    checked.hired_on
                                ),
                            ));
                        }
                        if let Some(kind) = &v.cert_kind {
                            if !held(kind) {
                                let cert = CertificateInput {
                                    kind: kind.clone(),
                                    title: None,
                                    obtained_on: v.cert_date.map(dates::text).unwrap_or_default(),
                                    cert_no: v.cert_no.clone(),
                                    remarks: None,
                                };
                                let birth = old.map_or_else(
                                    || dates::text(id.birth_date),
                                    |o| o.birth_date.clone(),
                                );
                                match workers::validate_certificate(&cert, &birth, today) {
                                    Ok(c) => certificate = Some(c),
                                    Err(e) => p.errors.push(form_issue(work, &e)),
                                }
                            }
                        }
                        if let Some(o) = old {
                            // Keep the stored community id for comparison when unchanged.
                            if checked.community_id == TO_BE_CREATED {
                                checked.community_id = 0;
                            }
                            changes = audit::diff(
                                Some(&workers::fields(&o.input, &o.community)),
                                Some(&workers::fields(&checked, &community_name)),
                            );
                            if let Some(c) = &certificate {
                                changes.push(FieldChange {
                                    field: "职业资格".into(),
                                    old: None,
                                    new: Some(format!("{}（取得 {}）", c.kind, c.obtained_on)),
                                });
                            }
                        } else if checked.community_id == TO_BE_CREATED {
                            checked.community_id = 0;
                        }
                        record = Some(checked);
                    }
                    Err(e) => p.errors.push(form_issue(work, &e)),
                }
            }
        }

        let status = if !p.errors.is_empty() {
            record = None;
            certificate = None;
            changes.clear();
            RowStatus::Rejected
        } else if old.is_none() {
            RowStatus::New
        } else if changes.is_empty() {
            RowStatus::Unchanged
        } else {
            RowStatus::Changed
        };
        match status {
            RowStatus::New => counts.new += 1,
            RowStatus::Changed => counts.changed += 1,
            RowStatus::Unchanged => counts.unchanged += 1,
            RowStatus::Rejected => counts.rejected += 1,
        }
        if !p.warnings.is_empty() {
            counts.warned += 1;
        }
        let creates_community =
            community.as_ref().is_some_and(|c| c.2) && status != RowStatus::Rejected;
        rows.push(PlanRow {
            sheet: p.sheet_name,
            row: p.row,
            status,
            name: v.name.clone().unwrap_or_default(),
            id_number: p.id_shown,
            worker_id: old.map(|o| o.id),
            community: community.map(|c| c.1),
            creates_community,
            action: if status == RowStatus::Changed {
                options.on_existing
            } else {
                RowAction::Update
            },
            before: old
                .filter(|_| status == RowStatus::Changed)
                .map(|o| o.input.clone()),
            record,
            certificate,
            changes,
            cells: if status == RowStatus::Rejected {
                p.cells
            } else {
                Vec::new()
            },
            errors: p.errors,
            warnings: p.warnings,
            choices: p.choices,
        });
    }
    counts.skipped = skipped.len();
    if rows.is_empty() {
        notes.push("所选工作表的表头下面没有人员数据，没有可导入的行。".into());
    }
    if any_existing {
        notes.push(
            "已在台账中的人员按身份证号对应：文件中空着的单元格不会清除台账中已有的内容。".into(),
        );
    }

    let sheets_plan = works
        .iter()
        .map(|w| SheetPlan {
            name: w.sheet.name.clone(),
            header_row: w.layout.header_row + 1,
            header_rows: w.layout.header_rows,
            headers: w.layout.headers.clone(),
            mapping: w
                .fields
                .iter()
                .enumerate()
                .map(|(c, f)| super::ColumnMapping {
                    column: c as u32,
                    field: *f,
                })
                .collect(),
            community: w.community.clone(),
        })
        .collect();
    let mut mapping_to_remember = Vec::new();
    for w in &works {
        for (c, header) in w.layout.headers.iter().enumerate() {
            if !header.is_empty()
                && !mapping_to_remember
                    .iter()
                    .any(|m: &RememberedColumn| m.header == *header)
            {
                mapping_to_remember.push(RememberedColumn {
                    header: header.clone(),
                    field: w.fields.get(c).copied().flatten(),
                });
            }
        }
    }

    Ok(ImportPlan {
        file_name: book.file_name.clone(),
        sheets: sheets_plan,
        counts,
        rows,
        skipped,
        communities: resolved.into_values().map(|r| r.plan).collect(),
        notes,
        mapping_to_remember,
    })
}

/// A rule of the form that failed, reported on the column of its field.
fn form_issue(work: &SheetWork, e: &CoreError) -> RowIssue {
    let field = e.field().and_then(ImportField::from_form_field);
    match field {
        Some(f) => issue(work, f, e.to_string()),
        None => RowIssue {
            column: String::new(),
            column_index: None,
            field: None,
            message: e.to_string(),
        },
    }
}
