//! The grade engine (第4条, 第10条), pure: takes one worker's facts (职务, 学历, service,
//! assessments, certificates), the grade record in effect with its bookkeeping, the rules,
//! the scheme and the date, and gives the proposed category and level with the reasoning line
//! by line. It reads nothing and writes nothing: `facts` loads the facts and runs it, `apply`
//! writes what the clerk confirms.
//!
//! One rule, whatever the date the ledger first graded a worker (path independence): the grade
//! by rule on a date D is the lowest level of the category of the worker's 职务 + the levels
//! earned, capped at the category's top level. The levels earned are
//! - 1 per N credited years: 社区工作年限 in full years counted to the latest promotion date on
//!   or before D (the months after it count on the next promotion date), less one year per
//!   assessment year below 合格 whose promotion date has come (with 中断前年限不计, only the
//!   years from the return on), plus the degree's credited years;
//! - 1 per run of consecutive 优秀 (at most so many in a career), over every assessment year
//!   entered, including those before the first grade record;
//! - the certificate bonus as of D.
//!
//! - No grade yet → [`initial_grade`] (定级) gives exactly that.
//! - A grade → [`annual_step`] (年度晋级) gives the same, plus, when the record in effect is a
//!   手工调整, what it differs from the rule by its own bookkeeping (the adjustment stays). A year without a result
//!   stops the count at that year until it is entered. A post promotion is the new category's
//!   lowest level + the levels earned, as a fresh 定级 would give.
//!
//! Each record carries the bookkeeping as of itself (credited years, last year accounted, 优秀
//! streak, early levels, certificate levels and degree years credited), from which the step
//! tells the reasons (年限晋升, 学历提升 …) and any manual difference.

use super::rules::GradeRules;
use super::scheme::{GradeCategory, Scheme};
use crate::dates;
use crate::vocab::AssessmentResult;
use crate::workers::ServiceFacts;
use chrono::{Datelike, NaiveDate};
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

/// The levels the rules give on a date above the category's lowest level, with what they
/// come from. The grade by rule is the category's lowest level + [`Earned::levels`], capped:
/// a fresh 定级 and every yearly step compute it the same way, so the grade does not depend on
/// when the ledger first graded the worker.
struct Earned {
    /// The last assessment year counted.
    through: i32,
    /// 社区工作年限 in full years, counted to the promotion date on which `through` takes
    /// effect (so a year is never counted both as service and as an assessment year).
    service_years: i64,
    years_to: NaiveDate,
    /// Assessment years below 合格 up to `through` (after the interruption when 中断前年限不计).
    excluded: Vec<(i32, AssessmentResult)>,
    degree_years: i64,
    /// (service − excluded, not below 0) + degree years.
    credited_years: i64,
    early_levels: i64,
    /// Consecutive 优秀 at the end of `through` not yet turned into an early level.
    streak: i64,
    /// The 优秀 streaks that reached the count, each with the year it was reached.
    early_lines: Vec<(i32, String)>,
    certificate_levels: i64,
    certificates: Vec<(String, i64, NaiveDate)>,
}

impl Earned {
    fn levels(&self, n: i64) -> i64 {
        self.credited_years / n + self.early_levels + self.certificate_levels
    }

    fn book(&self) -> Bookkeeping {
        Bookkeeping {
            credited_years: self.credited_years,
            counted_through: self.through,
            excellent_streak: self.streak,
            early_levels: self.early_levels,
            certificate_levels: self.certificate_levels,
            degree_years: self.degree_years,
        }
    }
}

/// The first assessment year that counts: with 中断前年限不计, the year of the return (the
/// results of earlier years, 不合格 or 优秀, go with the years they judged).
fn first_counted_year(facts: &Facts, rules: &GradeRules) -> i32 {
    match (rules.interruption_resets, facts.service.resumed_on) {
        (true, Some(r)) => r.year(),
        _ => i32::MIN,
    }
}

/// What the rules give for assessment years up to `through`, certificates as of `as_of`.
fn earned(facts: &Facts, rules: &GradeRules, through: i32, as_of: NaiveDate) -> Earned {
    let first = first_counted_year(facts, rules);
    let years_to = rules.promotion_date(through + 1);
    let service_years = facts.service.months(years_to, rules.interruption_resets) / 12;
    let mut results: Vec<(i32, AssessmentResult)> = facts
        .assessments
        .iter()
        .filter(|(y, _)| (first..=through).contains(y))
        .copied()
        .collect();
    results.sort_by_key(|(y, _)| *y);
    let excluded: Vec<(i32, AssessmentResult)> = results
        .iter()
        .filter(|(_, r)| !r.counts_for_promotion())
        .copied()
        .collect();
    let degree_years = rules.degree_years(&facts.education);
    let credited_years = (service_years - excluded.len() as i64).max(0) + degree_years;
    // 优秀 streaks over consecutive years; a year without a result breaks the streak.
    let (mut streak, mut early_levels, mut early_lines) = (0i64, 0i64, Vec::new());
    let mut previous: Option<i32> = None;
    for (y, r) in &results {
        if previous.is_some_and(|p| p + 1 != *y) {
            streak = 0;
        }
        previous = Some(*y);
        if *r != AssessmentResult::Excellent || rules.excellent_years == 0 {
            streak = 0;
            continue;
        }
        streak += 1;
        if streak < i64::from(rules.excellent_years) {
            continue;
        }
        let from = *y - streak as i32 + 1;
        let line = if early_levels < i64::from(rules.excellent_max_times) {
            early_levels += 1;
            format!(
                "{from}–{y} 年度连续 {streak} 年考核优秀，提前晋升 1 级（第 {early_levels} 次，最多 {} 次）",
                rules.excellent_max_times
            )
        } else {
            format!(
                "{from}–{y} 年度连续考核优秀，但提前晋升已用满 {} 次",
                rules.excellent_max_times
            )
        };
        early_lines.push((*y, line));
        streak = 0;
    }
    let (certificate_levels, certificates) = certificate_bonus(rules, &facts.certificates, as_of);
    Earned {
        through,
        service_years,
        years_to,
        excluded,
        degree_years,
        credited_years,
        early_levels,
        streak,
        early_lines,
        certificate_levels,
        certificates,
    }
}

/// The lowest and highest level of a category of `scheme` by name (None for a name the
/// scheme leaves out: then no difference from the rule can be told).
fn range_of(scheme: &Scheme, name: &str) -> Option<(i64, i64)> {
    scheme
        .category(name)
        .map(|(_, c)| (c.min_level, c.max_level))
}

/// 定级 as of `as_of` for a worker without a grade record.
pub(crate) fn initial_grade(
    facts: &Facts,
    rules: &GradeRules,
    scheme: &Scheme,
    as_of: NaiveDate,
) -> Step {
    let n = i64::from(rules.years_per_level.max(1));
    let e = earned(facts, rules, rules.last_counted_year(as_of), as_of);
    let (rank, cat) = category_for(scheme, &facts.position);
    let mut lines: Vec<String> = Vec::new();
    lines.push(format!(
        "按职务“{}”定为{}（{}–{} 级），起点 {} 级",
        facts.position, cat.name, cat.min_level, cat.max_level, cat.min_level
    ));
    let service_years = e.service_years;
    let total = e.credited_years;
    let by_years = total / n;
    let how = facts.service.describe(rules.interruption_resets);
    if e.excluded.is_empty() && e.degree_years == 0 {
        lines.push(format!(
            "社区工作年限满 {service_years} 年（{how}），每满 {n} 年晋升 1 级：+{by_years} 级"
        ));
    } else {
        lines.push(format!("社区工作年限满 {service_years} 年（{how}）"));
        for (y, r) in &e.excluded {
            lines.push(format!("{y} 年度考核{r}，当年不计"));
        }
        if e.degree_years > 0 {
            lines.push(format!("{}学历折算 {} 年", facts.education, e.degree_years));
        }
        lines.push(format!(
            "计算年限共 {total} 年，每满 {n} 年晋升 1 级：+{by_years} 级"
        ));
    }
    if e.years_to != as_of {
        lines.push(format!(
            "年限算至最近的晋级生效日 {}（此后的月份在下一个晋级生效日计入）",
            dates::text(e.years_to)
        ));
    }
    lines.extend(e.early_lines.iter().map(|(_, l)| l.clone()));
    for (kind, levels, _) in &e.certificates {
        lines.push(format!("持{kind}证书 +{levels} 级"));
    }
    if e.certificates.len() == 1 && !rules.certificate_cumulative {
        let others = facts
            .certificates
            .iter()
            .filter(|(k, _)| k != &e.certificates[0].0 && rules.certificate_levels(k) > 0)
            .count();
        if others > 0 {
            lines.push("（多个证书只计最高一个）".into());
        }
    }
    let draft = Draft {
        level: cat.min_level + e.levels(n),
        reason: "定级",
        book: e.book(),
        lines,
        attention: Vec::new(),
    };
    finish(None, &facts.position, (rank, cat), draft)
}

/// 年度晋级 as of `as_of` from the record in effect (`current`): the grade by rule as of
/// `as_of` (as a fresh 定级 would give it), plus, when the record is a 手工调整, what it differs
/// from the rule by its own bookkeeping. A record dated after `as_of` (`later`) leaves the
/// grade as it is: the run does not rewrite what comes after.
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
    let old = &c.book;
    let mut lines: Vec<String> = Vec::new();
    let mut attention: Vec<String> = Vec::new();
    // A year without a result stops the count there until it is entered (years before the
    // service counted began have nothing to assess).
    let mut through = rules.last_counted_year(as_of).max(old.counted_through);
    let first_needed = facts
        .service
        .start
        .map_or(i32::MIN, |s| s.year())
        .max(first_counted_year(facts, rules));
    if let Some(y) = ((old.counted_through + 1).max(first_needed)..=through)
        .find(|y| !facts.assessments.iter().any(|(ay, _)| ay == y))
    {
        attention.push(format!(
            "{y} 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果"
        ));
        through = y - 1;
    }
    let e = earned(facts, rules, through, as_of);
    let (rank, cat) = category_for(scheme, &facts.position);

    // Assessment years and service.
    for (y, r) in e.excluded.iter().filter(|(y, _)| *y > old.counted_through) {
        lines.push(format!("{y} 年度考核{r}，当年不计"));
    }
    let extra_degree = e.degree_years - old.degree_years;
    let without_degree = e.credited_years - extra_degree;
    let years_up = without_degree / n - old.credited_years / n;
    if e.through > old.counted_through || without_degree != old.credited_years {
        let mut line = format!(
            "社区工作年限满 {} 年（算至 {}），计算年限 {} 年",
            e.service_years,
            dates::text(e.years_to),
            without_degree
        );
        if years_up > 0 {
            line.push_str(&format!("，每满 {n} 年晋升 1 级：+{years_up} 级"));
        } else {
            line.push_str(&format!(
                "，距下次年限晋升还差 {} 年",
                n - without_degree % n
            ));
        }
        lines.push(line);
    }
    // Degree.
    let degree_up = e.credited_years / n - without_degree / n;
    if extra_degree > 0 {
        lines.push(format!(
            "学历提升为{}，计算年限增加 {extra_degree} 年（共 {} 年）：+{degree_up} 级",
            facts.education, e.credited_years
        ));
    } else if extra_degree < 0 {
        lines.push(format!(
            "学历为{}，折算 {} 年（原 {} 年），计算年限 {} 年：{degree_up:+} 级",
            facts.education, e.degree_years, old.degree_years, e.credited_years
        ));
    }
    // Early levels for 优秀 reached since the record.
    let early_up = e.early_levels - old.early_levels;
    lines.extend(
        e.early_lines
            .iter()
            .filter(|(y, _)| *y > old.counted_through)
            .map(|(_, l)| l.clone()),
    );
    // Certificates.
    let cert_up = e.certificate_levels - old.certificate_levels;
    if cert_up > 0 {
        let held: Vec<String> = e
            .certificates
            .iter()
            .map(|(k, _, from)| format!("{k}（{from} 起计）"))
            .collect();
        lines.push(format!(
            "职业水平提升：持{}，证书计 {} 级，原计 {} 级：+{cert_up} 级",
            held.join("、"),
            e.certificate_levels,
            old.certificate_levels
        ));
    }
    let gains = [
        ("年限晋升", years_up),
        ("学历提升", degree_up),
        ("职业水平提升", cert_up),
        ("考核调整", early_up),
    ];
    let mut reason = gains.iter().find(|g| g.1 > 0).map(|g| g.0);

    // A 手工调整 (an override in the run, or a record made by hand for that reason) keeps what
    // it differs from the rule by its bookkeeping; any other record is the rule's own, so a
    // difference (a record of an earlier version) is not carried on.
    let manual = c.reason == "手工调整";
    let offset = range_of(scheme, &c.category)
        .filter(|_| manual)
        .map_or(0, |(min, max)| {
            let by_rule =
                (min + old.credited_years / n + old.early_levels + old.certificate_levels)
                    .clamp(min, max);
            c.level - by_rule
        });
    if offset != 0 {
        lines.push(format!(
            "现等级与按规则算出的等级相差 {offset:+} 级（手工调整），予以保留"
        ));
    }
    let level = cat.min_level + e.levels(n) + offset;

    if c.scheme_id != scheme.id {
        lines.push(format!(
            "按岗位等级方案“{}”（{} 起）核定",
            scheme.input.name,
            scheme.input.effective_from.as_deref().unwrap_or_default()
        ));
    }
    if c.category != cat.name {
        let old_rank = scheme.category(&c.category).map(|(r, _)| r);
        let earned_levels = e.levels(n);
        if old_rank.is_some_and(|o| rank < o) {
            lines.push(format!(
                "职务为{}，岗位由{}晋升为{}：{}最低 {} 级 + 已得 {earned_levels} 级 = {} 级",
                facts.position,
                c.category,
                cat.name,
                cat.name,
                cat.min_level,
                cat.min_level + earned_levels
            ));
            reason = Some("岗位晋升");
        } else {
            lines.push(format!(
                "职务为{}，岗位类别由{}调整为{}（{}–{} 级）：{}最低 {} 级 + 已得 {earned_levels} 级",
                facts.position,
                c.category,
                cat.name,
                cat.min_level,
                cat.max_level,
                cat.name,
                cat.min_level
            ));
            attention.push("岗位类别不是晋升，请核对等级".into());
            reason = Some("手工调整");
        }
    } else if level.clamp(cat.min_level, cat.max_level) < c.level {
        attention.push("按规则算出的等级低于现等级（学历、证书或规则有改动），请核对".into());
        reason = Some("手工调整");
    }
    if reason.is_none() && (c.category != cat.name || c.scheme_id != scheme.id) {
        reason = Some("手工调整");
    }
    let draft = Draft {
        level,
        reason: reason.unwrap_or("年限晋升"),
        book: e.book(),
        lines,
        attention,
    };
    finish(Some(c), &facts.position, (rank, cat), draft)
}
