//! The promotion run (第4条, 第10条): as of a date, for every community worker in post, the
//! proposed category and level next to the current one, with the reasoning line by line.
//!
//! - No grade yet → 定级: the category of the worker's 职务 in the scheme in effect, its
//!   lowest level, + 1 level per N years of credited service (社区工作年限 with years whose
//!   assessment was below 合格 left out, plus the degree's credited years), + the certificate
//!   bonus, capped at the category's top level.
//! - A grade → 年度晋级 from the record in effect: each assessment year whose promotion date
//!   has come (year Y takes effect on the promotion date of Y + 1) and that the record has not
//!   yet accounted for counts if 合格 or better; the counted years add to the record's credited
//!   years and every multiple of N passed gives a level (the remainder carries on). A year
//!   without a result stops the count there until it is entered. Consecutive 优秀 give an
//!   early level (at most so many in a career); a higher degree adds its extra years; a higher
//!   certificate bonus adds its extra levels; a new category (职务 changed) takes the higher of
//!   the level and the new category's lowest; the result stays within the category's range.
//!
//! Each record carries the run's bookkeeping as of itself (credited years, last year
//! accounted, 优秀 streak, early levels used, certificate levels and degree years credited), so
//! a run depends only on the record in effect and the facts after it. `apply` writes a record
//! only where category or level changes; the same date run twice changes nothing the second
//! time.

use super::history::{self, GradeRecordInput};
use super::service_years::ServiceFacts;
use super::{counts, get_rules, scheme_in_effect, GradeRules, Scheme};
use crate::audit::Source;
use crate::dates;
use crate::error::{CoreError, Result};
use crate::text::clean_optional;
use crate::vocab;
use crate::workers::status::{IN_POST, STATUS_SQL};
use chrono::NaiveDate;
use rusqlite::{named_params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CurrentGrade {
    pub category: String,
    pub level: i64,
    pub effective_date: String,
    pub reason: String,
    pub scheme_name: String,
}

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

/// The clerk's decision on one line of the run, with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Override {
    pub worker_id: i64,
    pub category: String,
    pub level: i64,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApplySummary {
    /// Records written.
    pub written: usize,
    /// Of which the clerk's overrides.
    pub overridden: usize,
    /// Workers whose grade stays as it is.
    pub unchanged: usize,
}

struct Person {
    id: i64,
    name: String,
    community_id: i64,
    community_name: String,
    position: String,
    education: String,
    facts: ServiceFacts,
}

struct CurrentRecord {
    date: NaiveDate,
    scheme_id: i64,
    category: String,
    level: i64,
    reason: String,
    book: Bookkeeping,
}

#[derive(Default)]
struct WorkerHistory {
    current: Option<CurrentRecord>,
    later: Option<NaiveDate>,
    assessments: Vec<(i32, String)>,
    certificates: Vec<(String, NaiveDate)>,
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap_or(NaiveDate::MIN)
}

/// Everything the run needs, in four queries (for one worker or everyone).
fn load(
    conn: &Connection,
    as_of: NaiveDate,
    only: Option<i64>,
) -> Result<(Vec<Person>, HashMap<i64, WorkerHistory>)> {
    let as_of_text = dates::text(as_of);
    let in_post = serde_json::to_string(IN_POST).unwrap_or_default();
    let counted = serde_json::to_string(vocab::COUNTED_CATEGORIES).unwrap_or_default();
    let sql = format!(
        "SELECT w.id, w.name, w.community_id, c.name, w.position, w.education,
            w.community_work_start, w.hired_on, w.prior_service_months, w.interruption_months,
            w.service_resumed_on, e.exit_date
         FROM workers w JOIN communities c ON c.id = w.community_id
         LEFT JOIN exits e ON e.worker_id = w.id
         WHERE ({STATUS_SQL}) IN (SELECT value FROM json_each(:in_post))
           AND w.category IN (SELECT value FROM json_each(:counted))
           AND (:only IS NULL OR w.id = :only)
         ORDER BY c.name, w.name_initials, w.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let people = stmt
        .query_map(
            named_params! {":as_of": as_of_text, ":in_post": in_post, ":counted": counted, ":only": only},
            |r| {
                let start: Option<String> = r.get(6)?;
                let hired: String = r.get(7)?;
                let resumed: Option<String> = r.get(10)?;
                let exit: Option<String> = r.get(11)?;
                Ok(Person {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    community_id: r.get(2)?,
                    community_name: r.get(3)?,
                    position: r.get(4)?,
                    education: r.get(5)?,
                    facts: ServiceFacts {
                        start: Some(date(start.as_deref().unwrap_or(&hired))),
                        prior_months: r.get(8)?,
                        interruption_months: r.get::<_, Option<i64>>(9)?.unwrap_or(0),
                        resumed_on: resumed.as_deref().map(date),
                        exit: exit.as_deref().map(date),
                    },
                })
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut histories: HashMap<i64, WorkerHistory> = HashMap::with_capacity(people.len());
    let mut stmt = conn.prepare(
        "SELECT worker_id, effective_date, scheme_id, category, level, reason, credited_years,
            counted_through, excellent_streak, early_levels, certificate_levels, degree_years
         FROM grade_records WHERE (:only IS NULL OR worker_id = :only)
         ORDER BY worker_id, effective_date, id",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        let worker: i64 = r.get(0)?;
        let d = date(&r.get::<_, String>(1)?);
        let h = histories.entry(worker).or_default();
        if d > as_of {
            h.later = h.later.or(Some(d));
            continue;
        }
        h.current = Some(CurrentRecord {
            date: d,
            scheme_id: r.get(2)?,
            category: r.get(3)?,
            level: r.get(4)?,
            reason: r.get(5)?,
            book: Bookkeeping {
                credited_years: r.get(6)?,
                counted_through: r.get(7)?,
                excellent_streak: r.get(8)?,
                early_levels: r.get(9)?,
                certificate_levels: r.get(10)?,
                degree_years: r.get(11)?,
            },
        });
    }
    let mut stmt = conn.prepare(
        "SELECT worker_id, year, result FROM assessments WHERE (:only IS NULL OR worker_id = :only)
         ORDER BY worker_id, year",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        histories
            .entry(r.get(0)?)
            .or_default()
            .assessments
            .push((r.get(1)?, r.get(2)?));
    }
    for (worker, certs) in certificates(conn, only)? {
        histories.entry(worker).or_default().certificates = certs;
    }
    Ok((people, histories))
}

/// Certificate kinds and dates per worker (one worker's or everyone's).
pub(crate) fn certificates(
    conn: &Connection,
    only: Option<i64>,
) -> Result<HashMap<i64, Vec<(String, NaiveDate)>>> {
    let mut out: HashMap<i64, Vec<(String, NaiveDate)>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT worker_id, kind, obtained_on FROM certificates WHERE (:only IS NULL OR worker_id = :only)",
    )?;
    let mut rows = stmt.query(named_params! {":only": only})?;
    while let Some(r) = rows.next()? {
        let obtained: String = r.get(2)?;
        out.entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, date(&obtained)));
    }
    Ok(out)
}

fn no_scheme(as_of: NaiveDate) -> CoreError {
    CoreError::validation(
        "asOf",
        format!(
            "{} 还没有生效的岗位等级方案：请先在“岗位等级方案”中复制一个模板，按本地文件调整后设定生效日期。",
            dates::text(as_of)
        ),
    )
}

/// The run as of `as_of`: one proposal per community worker in post, in roster order.
pub fn propose(conn: &Connection, as_of: NaiveDate) -> Result<Vec<Proposal>> {
    let rules = get_rules(conn)?;
    let scheme = scheme_in_effect(conn, as_of)?.ok_or_else(|| no_scheme(as_of))?;
    let (people, mut histories) = load(conn, as_of, None)?;
    let names = scheme_names(conn)?;
    Ok(people
        .iter()
        .map(|p| {
            let h = histories.remove(&p.id).unwrap_or_default();
            propose_one(p, &h, &scheme, &names, &rules, as_of)
        })
        .collect())
}

fn scheme_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, name FROM grade_schemes")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The bookkeeping for a record added by hand on `date`: the previous record's, or (for a
/// first record) what 定级 on that date would start from.
pub(crate) fn book_for_manual(
    conn: &Connection,
    worker_id: i64,
    on: NaiveDate,
) -> Result<Bookkeeping> {
    let rules = get_rules(conn)?;
    let scheme = scheme_in_effect(conn, on)?.ok_or_else(|| no_scheme(on))?;
    let (people, mut histories) = load(conn, on, Some(worker_id))?;
    let h = histories.remove(&worker_id).unwrap_or_default();
    if let Some(c) = &h.current {
        return Ok(c.book.clone());
    }
    Ok(match people.first() {
        Some(p) => propose_one(p, &h, &scheme, &HashMap::new(), &rules, on).book,
        // Not a community worker in post on that date: nothing to carry.
        None => Bookkeeping {
            counted_through: rules.last_counted_year(on),
            ..Bookkeeping::default()
        },
    })
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

fn propose_one(
    p: &Person,
    h: &WorkerHistory,
    scheme: &Scheme,
    scheme_names: &HashMap<i64, String>,
    rules: &GradeRules,
    as_of: NaiveDate,
) -> Proposal {
    let n = i64::from(rules.years_per_level.max(1));
    let target_year = rules.last_counted_year(as_of);
    let mut lines: Vec<String> = Vec::new();
    let mut attention: Vec<String> = Vec::new();
    let category_name = scheme
        .category_of(&p.position)
        .unwrap_or_default()
        .to_string();
    let (rank, cat) = match scheme.category(&category_name) {
        Some((rank, c)) => (rank, c.clone()),
        None => (
            usize::MAX,
            super::GradeCategory {
                name: category_name.clone(),
                min_level: 1,
                max_level: 99,
            },
        ),
    };
    let current = h.current.as_ref().map(|c| CurrentGrade {
        category: c.category.clone(),
        level: c.level,
        effective_date: dates::text(c.date),
        reason: c.reason.clone(),
        scheme_name: scheme_names.get(&c.scheme_id).cloned().unwrap_or_default(),
    });
    let unchanged = |c: &CurrentRecord, lines, attention| Proposal {
        worker_id: p.id,
        name: p.name.clone(),
        community_id: p.community_id,
        community_name: p.community_name.clone(),
        position: p.position.clone(),
        current: current.clone(),
        category: c.category.clone(),
        level: c.level,
        changed: false,
        reason: None,
        lines,
        attention,
        book: c.book.clone(),
    };

    let (level, book, reason) = match &h.current {
        None => {
            // 定级
            lines.push(format!(
                "按职务“{}”定为{}（{}–{} 级），起点 {} 级",
                p.position, cat.name, cat.min_level, cat.max_level, cat.min_level
            ));
            let service_years = p.facts.months(as_of, rules.interruption_resets) / 12;
            let excluded: Vec<&(i32, String)> = h
                .assessments
                .iter()
                .filter(|(y, r)| *y <= target_year && !counts(r))
                .collect();
            let credited_service = (service_years - excluded.len() as i64).max(0);
            let degree_years = rules.degree_years(&p.education);
            let total = credited_service + degree_years;
            let by_years = total / n;
            let how = p.facts.describe(rules.interruption_resets);
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
                    lines.push(format!("{}学历折算 {degree_years} 年", p.education));
                }
                lines.push(format!(
                    "计算年限共 {total} 年，每满 {n} 年晋升 1 级：+{by_years} 级"
                ));
            }
            let (cert_levels, certs) = certificate_bonus(rules, &h.certificates, as_of);
            for (kind, levels, _) in &certs {
                lines.push(format!("持{kind}证书 +{levels} 级"));
            }
            if certs.len() == 1 && !rules.certificate_cumulative {
                let others = h
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
            (cat.min_level + by_years + cert_levels, book, "定级")
        }
        Some(c) => {
            if let Some(later) = h.later {
                attention.push(format!(
                    "已有 {} 生效的岗位等级记录，晚于本次日期，本次不作调整",
                    dates::text(later)
                ));
                return unchanged(c, lines, attention);
            }
            let mut book = c.book.clone();
            let mut level = c.level;
            let mut gains: Vec<(&'static str, i64)> = Vec::new();
            // Assessment years since the record.
            let mut counted_years: Vec<i32> = Vec::new();
            let mut early = 0;
            for y in (book.counted_through + 1)..=target_year {
                let Some((_, result)) = h.assessments.iter().find(|(ay, _)| *ay == y) else {
                    attention.push(format!(
                        "{y} 年度考核结果未录入，该年及以后暂不计算年限，请先录入考核结果"
                    ));
                    break;
                };
                book.counted_through = y;
                if counts(result) {
                    counted_years.push(y);
                } else {
                    lines.push(format!("{y} 年度考核{result}，当年不计"));
                }
                if result == "优秀" && rules.excellent_years > 0 {
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
            let degree_now = rules.degree_years(&p.education);
            if degree_now > book.degree_years {
                let extra = degree_now - book.degree_years;
                let before = book.credited_years;
                book.credited_years += extra;
                book.degree_years = degree_now;
                let up = book.credited_years / n - before / n;
                lines.push(format!(
                    "学历提升为{}，计算年限增加 {extra} 年：+{up} 级",
                    p.education
                ));
                gains.push(("学历提升", up));
            }
            // Certificates.
            let (cert_now, certs) = certificate_bonus(rules, &h.certificates, as_of);
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
                        p.position, c.category, cat.name, cat.name, cat.min_level
                    ));
                    level = raised;
                    reason = Some("岗位晋升");
                } else {
                    lines.push(format!(
                        "职务为{}，岗位类别由{}调整为{}（{}–{} 级）",
                        p.position, c.category, cat.name, cat.min_level, cat.max_level
                    ));
                    attention.push("岗位类别不是晋升，请核对等级".into());
                    reason = Some("手工调整");
                }
            }
            if reason.is_none() && (c.category != cat.name || c.scheme_id != scheme.id) {
                reason = Some("手工调整");
            }
            (level, book, reason.unwrap_or("年限晋升"))
        }
    };
    let mut level = level;
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
        attention.push(format!("职务“{}”在方案中没有对应的岗位类别", p.position));
    }
    let changed = h
        .current
        .as_ref()
        .is_none_or(|c| c.category != cat.name || c.level != level);
    Proposal {
        worker_id: p.id,
        name: p.name.clone(),
        community_id: p.community_id,
        community_name: p.community_name.clone(),
        position: p.position.clone(),
        current,
        category: cat.name,
        level,
        changed,
        reason: changed.then(|| reason.to_string()),
        lines,
        attention,
        book,
    }
}

/// Confirms the run as of `as_of`: every changed line (and every override) becomes a grade
/// record dated `as_of`, all in one transaction and audited. Overrides replace the proposed
/// category and level of a worker and must say why.
pub fn apply(
    tx: &Transaction,
    source: &Source,
    as_of: NaiveDate,
    overrides: &[Override],
) -> Result<ApplySummary> {
    let scheme = scheme_in_effect(tx, as_of)?.ok_or_else(|| no_scheme(as_of))?;
    let proposals = propose(tx, as_of)?;
    let mut by_worker: HashMap<i64, &Override> = HashMap::new();
    for o in overrides {
        let Some(p) = proposals.iter().find(|p| p.worker_id == o.worker_id) else {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "编号为 {} 的人员不在本次晋级名单中，请刷新后重试。",
                    o.worker_id
                ),
            ));
        };
        let Some((_, c)) = scheme.category(o.category.trim()) else {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "{}：方案中没有岗位类别“{}”，请从列表中选择。",
                    p.name,
                    o.category.trim()
                ),
            ));
        };
        if !(c.min_level..=c.max_level).contains(&o.level) {
            return Err(CoreError::validation(
                "overrides",
                format!(
                    "{}：{}的等级范围是 {}–{} 级，请核对。",
                    p.name, c.name, c.min_level, c.max_level
                ),
            ));
        }
        if clean_optional(Some(&o.reason)).is_none() {
            return Err(CoreError::validation(
                "overrides",
                format!("{}：请填写调整理由。", p.name),
            ));
        }
        if by_worker.insert(o.worker_id, o).is_some() {
            return Err(CoreError::validation(
                "overrides",
                format!("{}：同一人只能调整一次，请去掉重复的一行。", p.name),
            ));
        }
    }
    let mut summary = ApplySummary {
        written: 0,
        overridden: 0,
        unchanged: 0,
    };
    let date_text = dates::text(as_of);
    for p in &proposals {
        let (category, level, reason, note) = match by_worker.get(&p.worker_id) {
            Some(o) => (
                o.category.trim().to_string(),
                o.level,
                "手工调整".to_string(),
                format!(
                    "审核调整：{}（晋级建议为{} {} 级：{}）",
                    o.reason.trim(),
                    p.category,
                    p.level,
                    p.lines.join("；")
                ),
            ),
            None if p.changed => (
                p.category.clone(),
                p.level,
                p.reason.clone().unwrap_or_default(),
                p.lines.join("；"),
            ),
            None => {
                summary.unchanged += 1;
                continue;
            }
        };
        if p.current
            .as_ref()
            .is_some_and(|c| c.category == category && c.level == level)
        {
            summary.unchanged += 1;
            continue;
        }
        history::insert(
            tx,
            source,
            p.worker_id,
            &p.name,
            scheme.id,
            &GradeRecordInput {
                effective_date: date_text.clone(),
                category,
                level,
                reason,
                note: Some(note),
            },
            &p.book,
        )?;
        summary.written += 1;
        if by_worker.contains_key(&p.worker_id) {
            summary.overridden += 1;
        }
    }
    Ok(summary)
}
