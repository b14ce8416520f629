//! The grade engine (第4条, 第10条), pure: takes one worker's facts (职务, 学历, service,
//! assessments, certificates), the grade record in effect with its bookkeeping, the rules,
//! the scheme and the date, and gives the proposed category and level with the reasoning line
//! by line. It reads nothing and writes nothing: `facts` loads the facts and runs it, `apply`
//! writes what the clerk confirms.
//!
//! - No grade yet → [`initial_grade`] (定级): the category of the worker's 职务 in the scheme
//!   in effect, its lowest level, + 1 level per N years of credited service (社区工作年限 with
//!   years whose assessment was below 合格 left out, plus the degree's credited years), + the
//!   certificate bonus, capped at the category's top level.
//! - A grade → [`annual_step`] (年度晋级) from the record in effect: each assessment year whose
//!   promotion date has come (year Y takes effect on the promotion date of Y + 1) and that the
//!   record has not yet accounted for counts if 合格 or better; the counted years add to the
//!   record's credited years and every multiple of N passed gives a level (the remainder
//!   carries on). A year without a result stops the count there until it is entered.
//!   Consecutive 优秀 give an early level (at most so many in a career); a higher degree adds
//!   its extra years; a higher certificate bonus adds its extra levels; a new category (职务
//!   changed) takes the higher of the level and the new category's lowest; the result stays
//!   within the category's range.
//!
//! Each record carries the run's bookkeeping as of itself (credited years, last year
//! accounted, 优秀 streak, early levels used, certificate levels and degree years credited), so
//! a step depends only on the record in effect and the facts after it.

use super::rules::GradeRules;
use super::scheme::{GradeCategory, Scheme};
use crate::dates;
use crate::vocab::AssessmentResult;
use crate::workers::ServiceFacts;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// The promotion run's state as of a grade record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bookkeeping {
    /// Credited years so far (service at 定级, degree years, counted assessment years).
    pub credited_years: i64,
    /// The last assessment year accounted for.
    pub counted_through: i32,
    /// Consecutive 优秀 at the end of `counted_through`.
    pub excellent_streak: i64,
    /// Early levels given for 优秀 in the career.
    pub early_levels: i64,
    /// Levels credited for certificates.
    pub certificate_levels: i64,
    /// Years credited for the degree.
    pub degree_years: i64,
}

/// What the engine knows of one worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Facts {
    /// 职务, which decides the category.
    pub position: String,
    /// 最高学历, which may credit years.
    pub education: String,
    /// What 社区工作年限 is counted from.
    pub service: ServiceFacts,
    /// 年度考核: (year, result), any order.
    pub assessments: Vec<(i32, AssessmentResult)>,
    /// 职业资格: (kind, obtained on).
    pub certificates: Vec<(String, NaiveDate)>,
}

/// The grade record in effect, with the bookkeeping it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GradeState {
    pub date: NaiveDate,
    pub scheme_id: i64,
    pub category: String,
    pub level: i64,
    pub reason: String,
    pub book: Bookkeeping,
}

/// The engine's answer for one worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    pub category: String,
    pub level: i64,
    /// Whether a record should be written (category or level differs from the current one).
    pub changed: bool,
    /// The reason the record will carry (定级, 年限晋升 …), when changed.
    pub reason: Option<String>,
    pub lines: Vec<String>,
    pub attention: Vec<String>,
    /// The bookkeeping as of the new record.
    pub book: Bookkeeping,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrentGrade {
    pub category: String,
    pub level: i64,
    pub effective_date: String,
    pub reason: String,
    pub scheme_name: String,
}

/// One line of the promotion run: a worker, the grade in effect and the step proposed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub worker_id: i64,
    pub name: String,
    pub community_id: i64,
    pub community_name: String,
    pub position: String,
    pub current: Option<CurrentGrade>,
    pub category: String,
    pub level: i64,
    /// Whether applying writes a record (category or level differs from the current grade).
    pub changed: bool,
    /// The reason the record will carry (定级, 年限晋升 …), when changed.
    pub reason: Option<String>,
    /// The reasoning, line by line.
    pub lines: Vec<String>,
    /// Things the clerk should look at (a missing assessment, a later record).
    pub attention: Vec<String>,
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) book: Bookkeeping,
}

/// The category a 职务 maps to in `scheme` with its rank (highest post 0), or, for a 职务
/// the scheme leaves out, a stand-in of that name ranked last.
fn category_for(scheme: &Scheme, position: &str) -> (usize, GradeCategory) {
    let name = scheme.category_of(position).unwrap_or_default();
    match scheme.category(name) {
        Some((rank, c)) => (rank, c.clone()),
        None => (
            usize::MAX,
            GradeCategory {
                name: name.to_string(),
                min_level: 1,
                max_level: 99,
            },
        ),
    }
}

/// The certificate levels as of `as_of` and the certificates that give them.
fn certificate_bonus(
    rules: &GradeRules,
    certs: &[(String, NaiveDate)],
    as_of: NaiveDate,
) -> (i64, Vec<(String, i64, NaiveDate)>) {
    let mut held: Vec<(String, i64, NaiveDate)> = Vec::new();
    for (kind, obtained) in certs {
        let effect = rules.certificate_effect(*obtained);
        let levels = rules.certificate_levels(kind);
        if effect > as_of || levels == 0 {
            continue;
        }
        match held.iter_mut().find(|(k, _, _)| k == kind) {
            Some(h) if h.2 > effect => h.2 = effect,
            Some(_) => {}
            None => held.push((kind.clone(), levels, effect)),
        }
    }
    if rules.certificate_cumulative {
        (held.iter().map(|h| h.1).sum(), held)
    } else {
        let best = held
            .into_iter()
            .max_by_key(|h| (h.1, std::cmp::Reverse(h.2)));
        (best.as_ref().map_or(0, |b| b.1), best.into_iter().collect())
    }
}

/// A step before it is held to the category's range.
struct Draft {
    level: i64,
    reason: &'static str,
    book: Bookkeeping,
    lines: Vec<String>,
    attention: Vec<String>,
}

/// Holds the draft's level to the category's range and decides whether it changes the
/// current grade.
fn finish(
    current: Option<&GradeState>,
    position: &str,
    (rank, cat): (usize, GradeCategory),
    draft: Draft,
) -> Step {
    let Draft {
        mut level,
        reason,
        book,
        mut lines,
        mut attention,
    } = draft;
    if level > cat.max_level {
        lines.push(format!(
            "合计 {level} 级，超过{}最高 {} 级，按 {} 级",
            cat.name, cat.max_level, cat.max_level
        ));
        level = cat.max_level;
    } else if level < cat.min_level {
        lines.push(format!(
            "低于{}最低 {} 级，按 {} 级",
            cat.name, cat.min_level, cat.min_level
        ));
        level = cat.min_level;
    }
    if rank == usize::MAX {
        attention.push(format!("职务“{position}”在方案中没有对应的岗位类别"));
    }
    let changed = current.is_none_or(|c| c.category != cat.name || c.level != level);
    Step {
        category: cat.name,
        level,
        changed,
        reason: changed.then(|| reason.to_string()),
        lines,
        attention,
        book,
    }
}

/// 定级 as of `as_of` for a worker without a grade record.
pub(crate) fn initial_grade(
    facts: &Facts,
    rules: &GradeRules,
    scheme: &Scheme,
    as_of: NaiveDate,
) -> Step {
    let n = i64::from(rules.years_per_level.max(1));
    let target_year = rules.last_counted_year(as_of);
    let (rank, cat) = category_for(scheme, &facts.position);
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!(
        "按职务“{}”定为{}（{}–{} 级），起点 {} 级",
        facts.position, cat.name, cat.min_level, cat.max_level, cat.min_level
    ));
    let service_years = facts.service.months(as_of, rules.interruption_resets) / 12;
    let excluded: Vec<&(i32, AssessmentResult)> = facts
        .assessments
        .iter()
        .filter(|(y, r)| *y <= target_year && !r.counts_for_promotion())
        .collect();
    let credited_service = (service_years - excluded.len() as i64).max(0);
    let degree_years = rules.degree_years(&facts.education);
    let total = credited_service + degree_years;
    let by_years = total / n;
    let how = facts.service.describe(rules.interruption_resets);
    if excluded.is_empty() && degree_years == 0 {
        lines.push(format!(
            "社区工作年限满 {service_years} 年（{how}），每满 {n} 年晋升 1 级：+{by_years} 级"
        ));
    } else {
        lines.push(format!("社区工作年限满 {service_years} 年（{how}）"));
        for (y, r) in &excluded {
            lines.push(format!("{y} 年度考核{r}，当年不计"));
        }
        if degree_years > 0 {
            lines.push(format!("{}学历折算 {degree_years} 年", facts.education));
        }
        lines.push(format!(
            "计算年限共 {total} 年，每满 {n} 年晋升 1 级：+{by_years} 级"
        ));
    }
    let (cert_levels, certs) = certificate_bonus(rules, &facts.certificates, as_of);
    for (kind, levels, _) in &certs {
        lines.push(format!("持{kind}证书 +{levels} 级"));
    }
    if certs.len() == 1 && !rules.certificate_cumulative {
        let others = facts
            .certificates
            .iter()
            .filter(|(k, _)| k != &certs[0].0 && rules.certificate_levels(k) > 0)
            .count();
        if others > 0 {
            lines.push("（多个证书只计最高一个）".into());
        }
    }
    let book = Bookkeeping {
        credited_years: total,
        counted_through: target_year,
        excellent_streak: 0,
        early_levels: 0,
        certificate_levels: cert_levels,
        degree_years,
    };
    let draft = Draft {
        level: cat.min_level + by_years + cert_levels,
        reason: "定级",
        book,
        lines,
        attention: Vec::new(),
    };
    finish(None, &facts.position, (rank, cat), draft)
}

/// 年度晋级 as of `as_of` from the record in effect (`current`). A record dated after
/// `as_of` (`later`) leaves the grade as it is: the run does not rewrite what comes after.
pub(crate) fn annual_step(
    facts: &Facts,
    current: &GradeState,
    later: Option<NaiveDate>,
    rules: &GradeRules,
    scheme: &Scheme,
    as_of: NaiveDate,
) -> Step {
    let c = current;
    if let Some(later) = later {
        return Step {
            category: c.category.clone(),
            level: c.level,
            changed: false,
            reason: None,
            lines: Vec::new(),
            attention: vec![format!(
                "已有 {} 生效的岗位等级记录，晚于本次日期，本次不作调整",
                dates::text(later)
            )],
            book: c.book.clone(),
        };
    }
    let n = i64::from(rules.years_per_level.max(1));
    let target_year = rules.last_counted_year(as_of);
    let (rank, cat) = category_for(scheme, &facts.position);
    let mut lines: Vec<String> = Vec::new();
    let mut attention: Vec<String> = Vec::new();
    let mut book = c.book.clone();
    let mut level = c.level;
    let mut gains: Vec<(&'static str, i64)> = Vec::new();
    // Assessment years since the record.
    let mut counted_years: Vec<i32> = Vec::new();
    let mut early = 0;
    for y in (book.counted_through + 1)..=target_year {
        let Some((_, result)) = facts.assessments.iter().find(|(ay, _)| *ay == y) else {
            attention.push(format!(
                "{y} 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果"
            ));
            break;
        };
        book.counted_through = y;
        if result.counts_for_promotion() {
            counted_years.push(y);
        } else {
            lines.push(format!("{y} 年度考核{result}，当年不计"));
        }
        if *result == AssessmentResult::Excellent && rules.excellent_years > 0 {
            book.excellent_streak += 1;
            if book.excellent_streak >= i64::from(rules.excellent_years) {
                let first = y - book.excellent_streak as i32 + 1;
                if book.early_levels < i64::from(rules.excellent_max_times) {
                    book.early_levels += 1;
                    early += 1;
                    lines.push(format!(
                        "{first}–{y} 年度连续 {} 年考核优秀，提前晋升 1 级（第 {} 次，最多 {} 次）",
                        book.excellent_streak, book.early_levels, rules.excellent_max_times
                    ));
                } else {
                    lines.push(format!(
                        "{first}–{y} 年度连续考核优秀，但提前晋升已用满 {} 次",
                        rules.excellent_max_times
                    ));
                }
                book.excellent_streak = 0;
            }
        } else {
            book.excellent_streak = 0;
        }
    }
    if !counted_years.is_empty() {
        let before = book.credited_years;
        book.credited_years += counted_years.len() as i64;
        let up = book.credited_years / n - before / n;
        let years: Vec<String> = counted_years.iter().map(|y| y.to_string()).collect();
        let mut line = format!(
            "{} 年度考核合格以上，计入 {} 年，累计计算年限 {} 年",
            years.join("、"),
            counted_years.len(),
            book.credited_years
        );
        if up > 0 {
            line.push_str(&format!("，每满 {n} 年晋升 1 级：+{up} 级"));
        } else {
            line.push_str(&format!(
                "，距下次年限晋升还差 {} 年",
                n - book.credited_years % n
            ));
        }
        lines.push(line);
        gains.push(("年限晋升", up));
    }
    // Degree.
    let degree_now = rules.degree_years(&facts.education);
    if degree_now > book.degree_years {
        let extra = degree_now - book.degree_years;
        let before = book.credited_years;
        book.credited_years += extra;
        book.degree_years = degree_now;
        let up = book.credited_years / n - before / n;
        lines.push(format!(
            "学历提升为{}，计算年限增加 {extra} 年：+{up} 级",
            facts.education
        ));
        gains.push(("学历提升", up));
    }
    // Certificates.
    let (cert_now, certs) = certificate_bonus(rules, &facts.certificates, as_of);
    if cert_now > book.certificate_levels {
        let up = cert_now - book.certificate_levels;
        let held: Vec<String> = certs
            .iter()
            .map(|(k, _, from)| format!("{k}（{from} 起计）"))
            .collect();
        lines.push(format!(
            "职业水平提升：持{}，证书计 {cert_now} 级，原计 {} 级：+{up} 级",
            held.join("、"),
            book.certificate_levels
        ));
        book.certificate_levels = cert_now;
        gains.push(("职业水平提升", up));
    }
    if early > 0 {
        gains.push(("考核调整", early));
    }
    level += gains.iter().map(|g| g.1).sum::<i64>();
    let mut reason = gains.iter().find(|g| g.1 > 0).map(|g| g.0);
    if c.scheme_id != scheme.id {
        lines.push(format!(
            "按岗位等级方案“{}”（{} 起）核定",
            scheme.input.name,
            scheme.input.effective_from.as_deref().unwrap_or_default()
        ));
    }
    if c.category != cat.name {
        let old_rank = scheme.category(&c.category).map(|(r, _)| r);
        if old_rank.is_some_and(|o| rank < o) {
            let raised = level.max(cat.min_level);
            lines.push(format!(
                "职务为{}，岗位由{}晋升为{}，取 {level} 级与{}最低 {} 级中较高者：{raised} 级",
                facts.position, c.category, cat.name, cat.name, cat.min_level
            ));
            level = raised;
            reason = Some("岗位晋升");
        } else {
            lines.push(format!(
                "职务为{}，岗位类别由{}调整为{}（{}–{} 级）",
                facts.position, c.category, cat.name, cat.min_level, cat.max_level
            ));
            attention.push("岗位类别不是晋升，请核对等级".into());
            reason = Some("手工调整");
        }
    }
    if reason.is_none() && (c.category != cat.name || c.scheme_id != scheme.id) {
        reason = Some("手工调整");
    }
    let draft = Draft {
        level,
        reason: reason.unwrap_or("年限晋升"),
        book,
        lines,
        attention,
    };
    finish(Some(c), &facts.position, (rank, cat), draft)
}
