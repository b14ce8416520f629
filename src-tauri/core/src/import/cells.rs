//! Stage 2b of the preview: one data row's cells into typed values.
//!
//! In: a settled sheet ([`SheetWork`]), one of its data rows and the clerk's choices and
//! defaults ([`Context`]).
//! Out: a [`Parsed`] row — the typed [`Values`], the community as written, and the row's
//! errors, warnings and pending choices, each on its column. Field groups are read one
//! function each, in the order the clerk reads the problems.

use super::read::{Cell, Row};
use super::sheets::SheetWork;
use super::values::{self, display, key, DateValue, Listed};
use super::{ImportField, ImportOptions, PendingChoice, RowIssue, ValueChoice};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::idcard::{self, IdNumber};
use crate::text::{self, excerpt};
use crate::vocab::{self, Variants};
use chrono::NaiveDate;
use std::collections::HashMap;

use ImportField::*;

/// The clerk's answers that apply to every row: chosen values and per-field defaults.
pub(super) struct Context<'a> {
    options: &'a ImportOptions,
    pub defaults: HashMap<ImportField, Cell>,
}

impl<'a> Context<'a> {
    /// Refuses a default for 姓名 or 身份证号 (each person must be named in the file).
    pub fn new(options: &'a ImportOptions) -> Result<Self> {
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
        Ok(Context { options, defaults })
    }

    /// A value the clerk chose for this cell text (this row first, then the whole file).
    fn chosen(&self, field: ImportField, raw: &str, sheet: &str, row: u32) -> Option<&str> {
        let k = key(raw);
        let fits = |c: &&ValueChoice| c.field == field && key(&c.raw) == k;
        let values = &self.options.values;
        values
            .iter()
            .filter(fits)
            .find(|c| c.sheet.as_deref() == Some(sheet) && c.row == Some(row))
            .or_else(|| {
                values
                    .iter()
                    .filter(fits)
                    .find(|c| c.sheet.is_none() && c.row.is_none())
            })
            .map(|c| c.value.as_str())
    }
}

/// The typed values of one row (None = blank, or the column is not in the file).
#[derive(Default)]
pub(super) struct Values {
    pub name: Option<String>,
    pub id: Option<IdNumber>,
    pub ethnicity: Option<String>,
    pub native_place: Option<String>,
    pub phone: Option<String>,
    pub political_status: Option<String>,
    pub party_joined_on: Option<NaiveDate>,
    pub education: Option<String>,
    pub full_time_education: Option<bool>,
    pub school: Option<String>,
    pub major: Option<String>,
    pub social_work_major: Option<bool>,
    pub category: Option<String>,
    pub position: Option<String>,
    pub post_detail: Option<String>,
    pub source: Option<String>,
    pub recruitment: Option<String>,
    pub community_work_start: Option<NaiveDate>,
    pub prior_service_months: Option<i64>,
    pub hired_on: Option<NaiveDate>,
    pub probation_end: Option<NaiveDate>,
    pub remarks: Option<String>,
    pub cert_kind: Option<String>,
    /// The cell also named 其他职业技能等级, which this column cannot import.
    pub cert_other: bool,
    pub cert_date: Option<NaiveDate>,
    pub cert_no: Option<String>,
}

/// One data row while the preview is built.
pub(super) struct Parsed {
    /// Index of its sheet among the chosen ones.
    pub sheet: usize,
    pub sheet_name: String,
    /// The row number as Excel shows it (1-based).
    pub row: u32,
    pub cells: Vec<String>,
    /// The ID number as shown: normalised when valid, else as written.
    pub id_shown: String,
    pub values: Values,
    /// The community as written (or the sheet's), if any.
    pub community_raw: Option<String>,
    /// The community's 城镇常住人口 from the file, if it has that column.
    pub population: Option<i64>,
    pub errors: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    pub choices: Vec<PendingChoice>,
}

impl Parsed {
    pub fn location(&self) -> String {
        format!("「{}」第 {} 行", self.sheet_name, self.row)
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

/// Reads one row, collecting its problems as it goes.
struct Reader<'a> {
    ctx: &'a Context<'a>,
    work: &'a SheetWork<'a>,
    row: &'a Row,
    errors: Vec<RowIssue>,
    warnings: Vec<RowIssue>,
    choices: Vec<PendingChoice>,
}

/// Reads one data row of `work` (the sheet's `sheet_index`-th), `width` columns wide.
pub(super) fn parse_row(
    ctx: &Context,
    work: &SheetWork,
    sheet_index: usize,
    row: &Row,
    width: usize,
) -> Parsed {
    let mut r = Reader {
        ctx,
        work,
        row,
        errors: Vec::new(),
        warnings: Vec::new(),
        choices: Vec::new(),
    };
    let mut v = Values::default();
    let id_shown = r.identity(&mut v);
    r.check_against_id(&v);
    r.listed_fields(&mut v);
    r.dates(&mut v);
    r.flags_and_months(&mut v);
    r.texts(&mut v);
    if v.post_detail.is_none() {
        v.post_detail = r.staff_post();
    }
    let community_raw = r
        .get(Community)
        .and_then(values::optional_text)
        .or_else(|| work.community.clone());
    r.certificate_named(&v);
    let population = r.population();
    Parsed {
        sheet: sheet_index,
        sheet_name: work.sheet.name.clone(),
        row: row.index + 1,
        cells: (0..width as u32)
            .map(|c| display(work.cell(row, c)))
            .collect(),
        id_shown,
        values: v,
        community_raw,
        population,
        errors: r.errors,
        warnings: r.warnings,
        choices: r.choices,
    }
}

impl<'a> Reader<'a> {
    /// The cell of a field, or the clerk's default for it when the cell is blank.
    fn get(&self, field: ImportField) -> Option<&'a Cell> {
        self.work
            .column(field)
            .map(|c| self.work.cell(self.row, c))
            .filter(|c| !c.is_empty())
            .or_else(|| self.ctx.defaults.get(&field))
    }

    fn error(&mut self, field: ImportField, message: impl Into<String>) {
        let issue = self.work.issue(field, message);
        self.errors.push(issue);
    }

    fn warn(&mut self, field: ImportField, message: impl Into<String>) {
        let issue = self.work.issue(field, message);
        self.warnings.push(issue);
    }

    /// 姓名 and 身份证号; returns the ID number as it is shown.
    fn identity(&mut self, v: &mut Values) -> String {
        v.name = self.get(Name).and_then(values::person_name);
        let mut shown = String::new();
        if let Some(cell) = self.get(IdNumber) {
            shown = display(cell);
            match values::id_text(cell) {
                Ok(Some(k)) => match idcard::parse(&k) {
                    Ok(id) => {
                        shown = id.value.clone();
                        v.id = Some(id);
                    }
                    Err(e) => {
                        let mut msg = e.to_string();
                        if let Some(hint) = values::id_hint(&k) {
                            msg.push_str(hint);
                        }
                        self.error(IdNumber, msg);
                    }
                },
                Ok(None) => {}
                Err(msg) => self.error(IdNumber, msg),
            }
        }
        if v.id.is_none() && shown.is_empty() {
            self.error(
                IdNumber,
                "身份证号是空的：导入按身份证号识别人员，请补上完整的 18 位号码。",
            );
        }
        if v.name.is_none() {
            self.error(Name, "姓名是空的，请补上。");
        }
        shown
    }

    /// 性别 and 出生日期 are derived from the ID number; the file's values are only checked.
    fn check_against_id(&mut self, v: &Values) {
        let Some(id) = v.id.as_ref() else {
            return;
        };
        if let Some(cell) = self.get(Gender) {
            let raw = display(cell);
            match values::gender(&raw) {
                Some(g) if g != id.gender.label() => self.warn(
                    Gender,
                    format!(
                        "性别写的是“{}”，与身份证号（{}）不符；以身份证号为准，请核对。",
                        excerpt(&raw),
                        id.gender.label()
                    ),
                ),
                Some(_) => {}
                None => self.warn(
                    Gender,
                    format!(
                        "性别“{}”无法识别，已忽略（性别由身份证号得出）。",
                        excerpt(&raw)
                    ),
                ),
            }
        }
        if let Some(cell) = self.get(BirthDate) {
            match values::date(cell) {
                Ok(Some(DateValue { date, month_only })) => {
                    let same = if month_only {
                        date.format("%Y-%m").to_string()
                            == id.birth_date.format("%Y-%m").to_string()
                    } else {
                        date == id.birth_date
                    };
                    if !same {
                        self.warn(
                            BirthDate,
                            format!(
                                "出生日期写的是 {}，与身份证号中的 {} 不符；以身份证号为准，请核对。",
                                excerpt(&display(cell)),
                                dates::text(id.birth_date)
                            ),
                        );
                    }
                }
                Ok(None) => {}
                Err(_) => self.warn(
                    BirthDate,
                    format!(
                        "出生日期“{}”无法识别，已忽略（出生日期由身份证号得出）。",
                        excerpt(&display(cell))
                    ),
                ),
            }
        }
    }

    /// The fields with a fixed list (民族, 政治面貌, 学历 …) and 职业资格.
    fn listed_fields(&mut self, v: &mut Values) {
        v.ethnicity = self.listed(Ethnicity, true);
        v.political_status = self.listed(PoliticalStatus, true);
        v.education = self.listed(Education, true);
        v.category = self.listed(Category, true);
        v.position = match self.staff_post() {
            Some(post) => {
                let post = excerpt(&post);
                self.warn(
                    Position,
                    format!("职务“{post}”按“专职工作人员”导入，“{post}”记为具体岗位。"),
                );
                Some(vocab::Position::Staff.as_str().to_string())
            }
            None => self.listed(Position, true),
        };
        v.source = self.listed(Source, false);
        v.recruitment = self.listed(Recruitment, false);
        // 职业资格 as the county roster writes it: the highest social-work level, and perhaps
        // 其他职业技能等级 on a line of its own. Anything else goes the usual way (a choice, or
        // the reason it cannot be read).
        match self
            .get(CertificateKind)
            .map(|c| certificate_parts(&display(c)))
        {
            Some(Some((level, other))) => {
                v.cert_kind = level;
                v.cert_other = other;
            }
            _ => v.cert_kind = self.listed(CertificateKind, false),
        }
    }

    /// 城镇常住人口: a whole number of people (8600, 8,600, 8600人); anything else is a warning
    /// and no population (it only ever fills a community the import creates).
    fn population(&mut self) -> Option<i64> {
        let cell = self.get(Population)?;
        let found = match cell {
            Cell::Number(n) if *n >= 0.0 && n.fract() == 0.0 && *n < 1e9 => Some(*n as i64),
            Cell::Text(t) => {
                let digits: String = t
                    .trim()
                    .trim_end_matches('人')
                    .chars()
                    .filter(|c| *c != ',' && *c != '，')
                    .collect();
                digits.trim().parse::<i64>().ok().filter(|n| *n >= 0)
            }
            _ => None,
        };
        if found.is_none() {
            self.warn(
                Population,
                format!(
                    "城镇常住人口“{}”不是人数，已忽略；请导入后在“社区”中填写。",
                    excerpt(&display(cell))
                ),
            );
        }
        found
    }

    /// A 职务 cell that names a staff post rather than a 职务 (网格员, 民政专干, 社保协理员 …, as
    /// community rosters write it): the post, to be imported as 专职工作人员 with it as 具体岗位.
    /// A 职务 of the list (委员 ends in 员 too) is never one.
    fn staff_post(&self) -> Option<String> {
        const ENDINGS: [&str; 7] = ["员", "专干", "干事", "社工", "助理", "专职", "岗"];
        let raw = display(self.get(Position)?);
        let text = raw.trim();
        let (list, variants) = list_of(Position);
        let known = values::listed(text, list, variants, false) != Listed::Unknown;
        (!known && ENDINGS.iter().any(|e| text.ends_with(e)) && text.chars().count() <= 20)
            .then(|| text.to_string())
    }

    /// One of the field's list: as written, by a usual variant, or as the clerk chose; else an
    /// error and a choice for the clerk.
    fn listed(&mut self, field: ImportField, required: bool) -> Option<String> {
        let cell = self.get(field)?;
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
        let chosen = self
            .ctx
            .chosen(field, &raw, &self.work.sheet.name, self.row.index + 1);
        if let Some(v) = chosen.filter(|v| options.iter().any(|o| o == v)) {
            return Some(v.to_string());
        }
        let quoted = excerpt(&raw);
        let message = match &found {
            Listed::Several(opts) => format!(
                "“{quoted}”不能确定是{}，请选择，或在文件中写明。",
                opts.iter().map(|o| format!("“{o}”")).collect::<Vec<_>>().join("还是")
            ),
            _ if field == CertificateKind => format!(
                "职业资格“{quoted}”无法识别。本列只导入社会工作者职业资格：{}；其他职业技能等级请导入后在人员信息中添加。",
                list.join("、")
            ),
            _ => format!(
                "{}“{quoted}”不在可选范围内，请改为：{}。",
                field.label(),
                list.join("、")
            ),
        };
        self.error(field, message);
        self.choices.push(PendingChoice {
            field,
            column: self.work.column_name(field),
            raw,
            options,
        });
        None
    }

    fn dates(&mut self, v: &mut Values) {
        v.party_joined_on = self.date_of(PartyJoinedOn);
        v.community_work_start = self.date_of(CommunityWorkStart);
        v.hired_on = self.date_of(HiredOn);
        v.probation_end = self.date_of(ProbationEnd);
        v.cert_date = self.date_of(CertificateObtainedOn);
    }

    fn date_of(&mut self, field: ImportField) -> Option<NaiveDate> {
        let cell = self.get(field)?;
        match values::date(cell) {
            Ok(Some(DateValue { date, month_only })) => {
                if month_only {
                    self.warn(
                        field,
                        format!(
                            "只写了年月（{}），按 {} 导入。",
                            excerpt(&display(cell)),
                            dates::text(date)
                        ),
                    );
                }
                Some(date)
            }
            Ok(None) => None,
            Err(msg) => {
                self.error(field, format!("{}：{msg}", field.label()));
                None
            }
        }
    }

    /// 是否全日制, 社会工作相关专业 (是/否) and 省内此前社区工作月数.
    fn flags_and_months(&mut self, v: &mut Values) {
        v.full_time_education = self.yes_no(FullTimeEducation);
        v.social_work_major = self.yes_no(SocialWorkMajor);
        if let Some(cell) = self.get(PriorServiceMonths) {
            match values::months(cell) {
                Ok(m) => v.prior_service_months = m,
                Err(msg) => self.error(PriorServiceMonths, msg),
            }
        }
    }

    fn yes_no(&mut self, field: ImportField) -> Option<bool> {
        let cell = self.get(field)?;
        match values::yes_no(cell) {
            Ok(b) => b,
            Err(msg) => {
                self.error(field, format!("{}：{msg}", field.label()));
                None
            }
        }
    }

    /// The free-text fields.
    fn texts(&mut self, v: &mut Values) {
        let text_of = |field: ImportField| self.get(field).and_then(values::optional_text);
        v.native_place = text_of(NativePlace);
        v.phone = text_of(Phone);
        v.school = text_of(School);
        v.major = text_of(Major);
        // 毕业院校及专业 in one column (as the county roster writes it): the school on the first
        // line, the major on the next; only when no column of its own holds the major.
        if let (None, Some(col), Some(Cell::Text(raw))) = (
            self.work.column(Major),
            self.work.column(School),
            self.get(School),
        ) {
            if self.work.header(col).contains("专业") {
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
    }

    /// A date or number of a certificate needs the certificate.
    fn certificate_named(&mut self, v: &Values) {
        if v.cert_kind.is_none() && !v.cert_other && (v.cert_date.is_some() || v.cert_no.is_some())
        {
            self.error(
                CertificateKind,
                "填写了职业资格的取得时间或证书编号，却没有写职业资格，请补上职业资格或清空这两项。",
            );
        }
    }
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
