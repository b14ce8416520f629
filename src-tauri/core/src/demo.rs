//! A realistic demo street: communities of 3,000–20,000 residents staffed near the 18 per
//! 10,000 standard, Chinese names, valid ID numbers with real region codes of one county
//! (杭州市西湖区), plausible ages, education, party membership, certificates, hire dates,
//! probationers and a few exits. Deterministic for a seed and an as-of date. Every record
//! goes through the same validation and audit as the clerk's own input.

use crate::audit::Channel;
use crate::communities::{self, CommunityInput};
use crate::dates;
use crate::error::{CoreError, Result};
use crate::idcard::check_char;
use crate::settings::{self, Settings};
use crate::vocab::{self, AssessmentResult, DifficultyStatus, VisitForm};
use crate::workers::{self, CertificateInput, ExitInput, WorkerInput};
use chrono::{Datelike, Duration, Months, NaiveDate};
use rusqlite::{Connection, Transaction};
use std::collections::HashSet;
use std::path::Path;

mod contracts;
mod secondments;
mod top_up;
pub use top_up::{community_ids, top_up_assessments, top_up_attendance, worker_ids, TopUp};

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    pub communities: usize,
    /// Total people; None staffs each community near the standard.
    pub workers: Option<usize>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2024,
            communities: 8,
            workers: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub communities: usize,
    pub workers: usize,
    pub certificates: usize,
    pub exits: usize,
    pub training_classes: usize,
    pub attendances: usize,
    pub checkups: usize,
    pub visits: usize,
    pub difficulties: usize,
    pub assessments: usize,
    pub grade_records: usize,
    pub salary_versions: usize,
    pub secondments: usize,
    pub contracts: usize,
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
    /// Picks by weights (same length as items).
    fn weighted<'a, T>(&mut self, items: &'a [T], weights: &[u64]) -> &'a T {
        let total: u64 = weights.iter().sum();
        let mut x = self.below(total);
        for (item, w) in items.iter().zip(weights) {
            if x < *w {
                return item;
            }
            x -= w;
        }
        &items[items.len() - 1]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
    "任", "沈", "姚", "卢", "傅", "钟", "姜", "崔", "谭", "廖", "范", "汪", "陆", "金", "石", "戴",
    "贾", "韦", "夏", "邱", "方", "侯", "邹", "熊", "孟", "秦", "白", "江", "闫", "薛", "尹", "段",
    "欧阳",
];
const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "建国", "志强", "海涛", "晓东", "文博", "子豪",
    "国庆", "建华", "永刚", "立新", "宏伟", "振华", "家豪", "一鸣", "浩然", "晨阳",
];
const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "颖", "琳", "倩",
    "佳", "欣", "洁", "萍", "秀英", "桂英", "晓燕", "海燕", "丽华", "雅琴", "美玲", "思雨", "梦瑶",
    "雨婷", "欣怡", "诗涵", "静怡", "晓雯", "春梅", "红霞", "雪梅", "佳怡", "子涵", "若曦",
];
const COMMUNITY_STEMS: &[&str] = &[
    "幸福", "和平", "光明", "东风", "建设", "新华", "文化", "春晖", "滨江", "翠苑", "紫荆", "桂花",
    "银杏", "锦绣", "朝阳", "长青", "明珠", "金桥", "丰收", "福寿", "学院", "古荡", "文新", "嘉绿",
    "益乐", "竹竿", "求是", "松木", "花园", "西溪", "东岳", "振华", "枫桥", "荷花", "兰亭", "青枝",
];
const COMMUNITY_SUFFIXES: &[&str] = &["", "东", "西", "南", "北", "新村", "一", "二", "三", "花园"];
/// 杭州市西湖区 and its neighbours: where the demo street's people were born.
const REGION_CODES: &[&str] = &[
    "330106", "330106", "330106", "330102", "330105", "330108", "330110", "330122",
];
const NATIVE_PLACES: &[&str] = &[
    "浙江杭州",
    "浙江绍兴",
    "浙江宁波",
    "浙江湖州",
    "浙江金华",
    "安徽安庆",
    "江西上饶",
    "江苏苏州",
];
const SCHOOLS: &[&str] = &[
    "浙江工业大学",
    "杭州师范大学",
    "浙江大学",
    "浙江工商大学",
    "浙江树人学院",
    "杭州职业技术学院",
    "浙江广播电视大学",
];
const MAJORS: &[&str] = &[
    "社会工作",
    "行政管理",
    "汉语言文学",
    "会计学",
    "计算机应用",
    "法学",
    "公共事业管理",
];
const POSTS: &[&str] = &[
    "网格员",
    "民政专干",
    "综治专干",
    "党建专干",
    "文化专干",
    "残联专干",
    "退役军人服务专干",
];

/// A valid ID number not yet used in this street (real people never share one).
fn id_number(rng: &mut Rng, birth: NaiveDate, male: bool, used: &mut HashSet<String>) -> String {
    loop {
        let id = candidate_id(rng, birth, male);
        if used.insert(id.clone()) {
            return id;
        }
    }
}

fn candidate_id(rng: &mut Rng, birth: NaiveDate, male: bool) -> String {
    let region = rng.pick(REGION_CODES);
    let seq = rng.range(0, 99) * 10
        + if male {
            rng.range(0, 4) * 2 + 1
        } else {
            rng.range(0, 4) * 2
        };
    let first17 = format!("{region}{}{seq:03}", birth.format("%Y%m%d"));
    let check = check_char(&first17).unwrap_or('0');
    format!("{first17}{check}")
}

fn date_between(rng: &mut Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let days = (to - from).num_days().max(0);
    from + Duration::days(rng.range(0, days))
}

fn community_name(index: usize) -> String {
    let stem = COMMUNITY_STEMS[index % COMMUNITY_STEMS.len()];
    let suffix = COMMUNITY_SUFFIXES[(index / COMMUNITY_STEMS.len()) % COMMUNITY_SUFFIXES.len()];
    let round = index / (COMMUNITY_STEMS.len() * COMMUNITY_SUFFIXES.len());
    if round == 0 {
        format!("{stem}{suffix}社区")
    } else {
        format!("{stem}{suffix}{}社区", round + 1)
    }
}

/// (category, position, post detail) for the n-th person of a community of `size`.
fn role(
    rng: &mut Rng,
    n: usize,
    size: usize,
) -> (&'static str, &'static str, Option<&'static str>) {
    let combined = size < 12;
    match n {
        0 if combined => ("两委专职成员", "书记兼主任", None),
        0 => ("两委专职成员", "书记", None),
        1 if !combined => ("两委专职成员", "主任", None),
        1 | 2 => (
            "两委专职成员",
            if n == 1 { "副书记" } else { "副主任" },
            None,
        ),
        3..=5 => ("两委专职成员", "委员", None),
        _ if n + 1 == size && size > 10 => ("两委兼职成员", "委员", None),
        _ if n + 2 == size && size > 30 => ("挂职干部", "副书记", None),
        _ => ("社区专职工作人员", "专职工作人员", Some(*rng.pick(POSTS))),
    }
}

/// Demo data goes only into an empty ledger (no community, no person): otherwise a Conflict
/// saying what the ledger at `ledger` already holds.
pub fn ensure_empty(conn: &Connection, ledger: &Path) -> Result<()> {
    let people: i64 = conn.query_row("SELECT count(*) FROM workers", [], |r| r.get(0))?;
    let places: i64 = conn.query_row("SELECT count(*) FROM communities", [], |r| r.get(0))?;
    if people > 0 || places > 0 {
        return Err(CoreError::conflict(
            None,
            format!(
                "{} 中已有数据（{places} 个社区、{people} 名人员）。演示数据只能生成到空台账中，请用 --db 指定一个新文件。",
                ledger.display()
            ),
        ));
    }
    Ok(())
}

/// Generates the street into an empty ledger.
pub fn generate(tx: &Transaction, options: &DemoOptions, today: NaiveDate) -> Result<DemoSummary> {
    let mut rng = Rng(options.seed);
    let channel = Channel::Demo;
    settings::save(
        tx,
        &channel,
        &Settings {
            street_name: "翠苑街道".into(),
            county: "杭州市西湖区".into(),
            operator: "演示操作员".into(),
            preparer: "李晓燕".into(),
            phone: "0571-88001234".into(),
        },
    )?;

    let n_communities = options.communities.max(1);
    let mut plan: Vec<(i64, i64)> = Vec::new(); // (community id, population)
    for i in 0..n_communities {
        let population = rng.range(3_000, 20_000);
        let created = communities::create(
            tx,
            &channel,
            &CommunityInput {
                name: community_name(i),
                code: Some(format!("330106{:03}{:03}", 1 + i / 999, 1 + i % 999)),
                population,
                population_date: Some(format!("{}-12-31", today.year() - 1)),
                households: Some(population * 10 / rng.range(25, 32)),
                remarks: None,
            },
        )?;
        plan.push((created.id, population));
    }
    let total_population: i64 = plan.iter().map(|(_, p)| p).sum();
    let sizes: Vec<usize> = match options.workers {
        // Exactly `total` people, shared by population: each community gets the difference
        // of the rounded running totals, so the sizes add up.
        Some(total) => {
            let mut running = 0i64;
            plan.iter()
                .map(|(_, population)| {
                    let before =
                        (total as i64 * running + total_population / 2) / total_population.max(1);
                    running += population;
                    let after =
                        (total as i64 * running + total_population / 2) / total_population.max(1);
                    (after - before) as usize
                })
                .collect()
        }
        // Near the standard: between 85% and 105% of it, plus a part-timer.
        None => plan
            .iter()
            .map(|(_, population)| {
                ((population * 18 / 10_000) * rng.range(85, 105) / 100 + 1) as usize
            })
            .collect(),
    };

    let mut used_ids = HashSet::new();
    let mut summary = DemoSummary {
        communities: n_communities,
        workers: 0,
        certificates: 0,
        exits: 0,
        training_classes: 0,
        attendances: 0,
        checkups: 0,
        visits: 0,
        difficulties: 0,
        assessments: 0,
        grade_records: 0,
        salary_versions: 0,
        secondments: 0,
        contracts: 0,
    };
    for ((community_id, _), size) in plan.iter().zip(&sizes) {
        for n in 0..*size {
            let male = rng.chance(if n < 3 { 55 } else { 35 });
            let age = rng.range(23, 59);
            let birth_year = today.year() - age as i32;
            let birth = date_between(
                &mut rng,
                NaiveDate::from_ymd_opt(birth_year, 1, 1).unwrap_or(today),
                NaiveDate::from_ymd_opt(birth_year, 12, 28).unwrap_or(today),
            );
            let surname = rng.pick(SURNAMES);
            let given = if male {
                rng.pick(GIVEN_MALE)
            } else {
                rng.pick(GIVEN_FEMALE)
            };
            let (category, position, post) = role(&mut rng, n, *size);
            let education = *rng.weighted(vocab::EDUCATION_LEVELS, &[1, 6, 52, 30, 6, 4, 1]);
            let graduated = matches!(
                education,
                "博士研究生" | "硕士研究生" | "大学本科" | "大学专科"
            );
            let leader = category == "两委专职成员";
            let political = *rng.weighted(
                vocab::POLITICAL_STATUSES,
                if leader {
                    &[80, 5, 3, 1, 1, 10]
                } else {
                    &[35, 5, 20, 1, 1, 38]
                },
            );
            let adult = birth
                .checked_add_months(Months::new(12 * 22))
                .unwrap_or(birth);
            let earliest_start = adult.max(NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(adult));
            let recent = rng.chance(8);
            let hired = if recent {
                today - Duration::days(rng.range(10, 200))
            } else {
                date_between(&mut rng, earliest_start, today - Duration::days(220))
            };
            let hired = hired.max(adult);
            let work_start = if rng.chance(20) {
                date_between(&mut rng, adult, hired)
            } else {
                hired
            };
            let probation_end = (recent && category == "社区专职工作人员")
                .then(|| {
                    hired
                        .checked_add_months(Months::new(3))
                        .map(|d| d - Duration::days(1))
                })
                .flatten();
            let party_joined = if matches!(political, "中共党员" | "中共预备党员") {
                let from = birth
                    .checked_add_months(Months::new(12 * 19))
                    .unwrap_or(birth);
                let to = if political == "中共预备党员" {
                    today
                } else {
                    today - Duration::days(400)
                };
                Some(dates::text(date_between(&mut rng, from.min(to), to)))
            } else {
                None
            };
            let phone = format!(
                "1{}{:09}",
                rng.pick(&["3", "5", "7", "8", "9"]),
                rng.below(1_000_000_000)
            );
            let social_work_major = graduated && rng.chance(15);
            let input = WorkerInput {
                name: format!("{surname}{given}"),
                id_number: id_number(&mut rng, birth, male, &mut used_ids),
                ethnicity: (*rng.weighted(
                    &["汉族", "回族", "满族", "畲族", "土家族"],
                    &[95, 2, 1, 1, 1],
                ))
                .into(),
                native_place: Some((*rng.pick(NATIVE_PLACES)).into()),
                phone: Some(phone),
                political_status: political.into(),
                party_joined_on: party_joined,
                education: education.into(),
                full_time_education: graduated.then(|| rng.chance(70)),
                school: graduated.then(|| (*rng.pick(SCHOOLS)).into()),
                major: graduated.then(|| {
                    if social_work_major {
                        "社会工作"
                    } else {
                        *rng.pick(MAJORS)
                    }
                    .into()
                }),
                social_work_major,
                community_id: *community_id,
                category: category.into(),
                position: position.into(),
                post_detail: post.map(Into::into),
                source: Some((*rng.weighted(vocab::SOURCES, &[40, 8, 10, 22, 20])).into()),
                recruitment: Some(
                    if leader {
                        "选举产生"
                    } else if rng.chance(85) {
                        "公开招聘"
                    } else {
                        "转聘"
                    }
                    .into(),
                ),
                community_work_start: Some(dates::text(work_start)),
                prior_service_months: if rng.chance(10) { rng.range(6, 60) } else { 0 },
                hired_on: dates::text(hired),
                probation_end: probation_end.map(dates::text),
                remarks: None,
                ..WorkerInput::default()
            };
            // Demo people are generated valid; one that is not would be a bug in this file.
            let worker = workers::create(tx, &channel, &input, today)?;
            summary.workers += 1;

            let cert_roll = rng.below(100);
            let certs: &[&str] = match cert_roll {
                0..=1 => &["助理社会工作师", "社会工作师", "高级社会工作师"],
                2..=16 => &["助理社会工作师", "社会工作师"],
                17..=44 => &["助理社会工作师"],
                45..=49 => &[vocab::OTHER_SKILL_LEVEL],
                _ => &[],
            };
            let mut obtained = hired.max(adult);
            for kind in certs {
                obtained = date_between(&mut rng, obtained, today.max(obtained));
                workers::add_certificate(
                    tx,
                    &channel,
                    worker.id,
                    &CertificateInput {
                        kind: (*kind).into(),
                        title: (*kind == vocab::OTHER_SKILL_LEVEL)
                            .then(|| "养老护理员（四级）".into()),
                        obtained_on: Some(dates::text(obtained)),
                        cert_no: Some(format!("{}{:08}", obtained.year(), rng.below(100_000_000))),
                        remarks: None,
                    },
                    today,
                )?;
                summary.certificates += 1;
            }

            let years_in = (today - hired).num_days() / 365;
            if !recent && years_in > 2 && rng.chance(3) {
                let reason = if age >= 55 {
                    "退休"
                } else {
                    *rng.pick(&["辞职", "调出", "考录公务员", "聘用为事业单位人员"])
                };
                workers::set_exit(
                    tx,
                    &channel,
                    worker.id,
                    &ExitInput {
                        exit_date: dates::text(
                            date_between(
                                &mut rng,
                                today - Duration::days(700),
                                today - Duration::days(5),
                            )
                            .max(hired),
                        ),
                        reason: reason.into(),
                        remarks: None,
                    },
                    today,
                )?;
                summary.exits += 1;
            }
        }
    }
    // Training and care come after everyone exists and draw on the same generator, so the
    // people of a seed are the same as before these were added.
    care_and_training(tx, &mut rng, today, &mut summary)?;
    grades(tx, &mut rng, today, &mut summary)?;
    secondments::generate(tx, options.seed, n_communities, today, &mut summary)?;
    contracts::generate(tx, options.seed, today, &mut summary)?;
    Ok(summary)
}

/// What the training and care demo needs to know of a person.
struct DemoPerson {
    id: i64,
    counted: bool,
    leader: bool,
    hired: NaiveDate,
    exit: Option<(NaiveDate, bool)>,
}

impl DemoPerson {
    /// In post (any category) during the whole of [from, to].
    fn in_post(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.hired <= from && self.exit.is_none_or(|(d, _)| d > to)
    }
    fn retired_by(&self, on: NaiveDate) -> bool {
        self.exit.is_some_and(|(d, retired)| retired && d <= on)
    }
}

/// The grade sequence: the 三岗十八级 template adopted five years back, the last five years'
/// assessments (mostly 合格, some 优秀, a few 基本合格/不合格), the promotion run on each
/// 1 January since (定级 first), and two salary standards (last year's and this year's).
fn grades(
    tx: &Transaction,
    rng: &mut Rng,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    use crate::grades::{self, AssessmentBatch, SalaryVersionInput};
    let channel = Channel::Demo;
    let first = today.year() - 5;
    let mut scheme = grades::get_scheme(tx, 1)?.input;
    scheme.name = "翠苑街道社区工作者岗位等级序列".into();
    scheme.effective_from = Some(format!("{first}-01-01"));
    scheme.remarks = Some("按区委组织部、区委社会工作部文件，由三岗十八级模板调整（演示）".into());
    let scheme = grades::create_scheme(tx, &channel, &scheme)?;
    for year in first..today.year() {
        let mut rows: Vec<_> = grades::assessment_sheet(tx, year, None)?
            .into_iter()
            .map(|r| r.input)
            .collect();
        for row in &mut rows {
            row.result = *rng.weighted(AssessmentResult::ALL, &[15, 80, 3, 2]);
            if rng.chance(30) {
                let base = match row.result {
                    AssessmentResult::Excellent => 92,
                    AssessmentResult::Pass => 82,
                    AssessmentResult::BasicPass => 68,
                    AssessmentResult::Fail => 55,
                };
                row.political_score = Some(rng.range(base, base + 8) as f64);
                row.performance_score = Some(rng.range(base - 2, base + 8) as f64);
                row.satisfaction_score = Some(rng.range(base, base + 7) as f64 + 0.5);
            }
        }
        if rows.is_empty() {
            continue;
        }
        summary.assessments += rows.len();
        grades::save_assessments(tx, &channel, &AssessmentBatch { year, rows }, today)?;
    }
    for year in (first + 1)..=today.year() {
        let date = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
        summary.grade_records += grades::apply(tx, &channel, date, &[])?.written;
    }
    for (year, base) in [(today.year() - 1, "3000"), (today.year(), "3200")] {
        grades::create_salary_version(
            tx,
            &channel,
            &SalaryVersionInput {
                name: format!("{year} 年社区工作者岗位等级薪酬标准"),
                effective_from: format!("{year}-01-01"),
                performance_percent: 20,
                remarks: Some(format!("基数 {base} 元，每级系数递增 0.04（演示）")),
                cells: grades::generate_amounts(&scheme, base, 0.04)?,
            },
        )?;
        summary.salary_versions += 1;
    }
    Ok(())
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Classes over the last four years (most people trained, a few overdue), check-ups, Spring
/// Festival and 中秋 visits, care activities and a few difficulties.
fn care_and_training(
    tx: &Transaction,
    rng: &mut Rng,
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<()> {
    use crate::care::{
        self, ActivityInput, CheckupAttendeeInput, CheckupRoundInput, DifficultyInput,
        VisitBatchInput,
    };
    use crate::training::{self, AttendeeInput, ClassInput};
    let channel = Channel::Demo;
    let mut stmt = tx.prepare(
        "SELECT w.id, w.category, w.position, w.hired_on, e.exit_date, e.reason
         FROM workers w LEFT JOIN exits e ON e.worker_id = w.id ORDER BY w.id",
    )?;
    let people: Vec<DemoPerson> = stmt
        .query_map([], |r| {
            let category: String = r.get(1)?;
            let position: String = r.get(2)?;
            let hired: String = r.get(3)?;
            let exit_date: Option<String> = r.get(4)?;
            let reason: Option<String> = r.get(5)?;
            let parse = |t: &str| NaiveDate::parse_from_str(t, dates::ISO).ok();
            Ok(DemoPerson {
                id: r.get(0)?,
                counted: vocab::COUNTED_CATEGORIES.contains(&category.as_str()),
                leader: category == "两委专职成员"
                    && matches!(position.as_str(), "书记" | "主任" | "书记兼主任"),
                hired: parse(&hired).unwrap_or(today),
                exit: exit_date
                    .as_deref()
                    .and_then(parse)
                    .map(|d| (d, reason.as_deref() == Some("退休"))),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    drop(stmt);

    let add_class = |rng: &mut Rng,
                     summary: &mut DemoSummary,
                     input: ClassInput,
                     attendees: Vec<i64>|
     -> Result<()> {
        let class = training::create_class(tx, &channel, &input, today)?;
        summary.training_classes += 1;
        if attendees.is_empty() {
            return Ok(());
        }
        let lines: Vec<AttendeeInput> = attendees
            .into_iter()
            .map(|id| {
                let roll = rng.below(100);
                AttendeeInput {
                    worker_id: id,
                    hours: None,
                    result: match roll {
                        0..=2 => "缺席",
                        3..=5 => "未结业",
                        _ => "结业",
                    }
                    .into(),
                    remarks: None,
                }
            })
            .collect();
        summary.attendances += lines.len();
        training::add_attendees(tx, &channel, class.id, &lines)?;
        Ok(())
    };
    let class = |name: String, kind: &str, tier: &str, start: NaiveDate, days: i64, hours: f64| {
        ClassInput {
            name,
            kind: kind.into(),
            tier: tier.into(),
            organizer: Some(
                match tier {
                    "市地级重点培训" => "杭州市委社会工作部",
                    "县级骨干培训" => "西湖区委组织部、区委社会工作部",
                    _ => "翠苑街道党工委",
                }
                .into(),
            ),
            start_date: dates::text(start),
            end_date: dates::text(start + Duration::days(days)),
            hours,
            mode: "线下".into(),
            place: Some("西湖区委党校".into()),
            remarks: None,
        }
    };

    let this_year = today.year();
    let mut rotation = 0u64;
    for year in this_year - 3..=this_year {
        // The county's yearly class for 书记 and 主任 (in April; not yet held early in a year).
        if let Some(start) = ymd(year, 4, 13).filter(|d| *d + Duration::days(3) <= today) {
            let end = start + Duration::days(3);
            let who: Vec<i64> = people
                .iter()
                .filter(|p| p.leader && p.in_post(end, start) && rng.chance(92))
                .map(|p| p.id)
                .collect();
            add_class(
                rng,
                summary,
                class(
                    format!("{year}年社区党组织书记、居委会主任示范培训班"),
                    "在职培训",
                    "县级骨干培训",
                    start,
                    3,
                    32.0,
                ),
                who,
            )?;
        }
        // Rotation classes: about a third of everyone else each year, so most are trained
        // within three years and a few fall overdue.
        for (n, month) in [(1u64, 6), (2, 10)] {
            let Some(start) = ymd(year, month, 8).filter(|d| *d + Duration::days(2) <= today)
            else {
                continue;
            };
            let end = start + Duration::days(2);
            // Each class takes the next quarter of the staff in turn.
            rotation += 1;
            let who: Vec<i64> = people
                .iter()
                .filter(|p| {
                    p.counted
                        && !p.leader
                        && p.in_post(end, start)
                        && (p.id as u64 + rotation).is_multiple_of(4)
                        && rng.chance(93)
                })
                .map(|p| p.id)
                .collect();
            add_class(
                rng,
                summary,
                class(
                    format!("{year}年社区工作者轮训班（第{n}期）"),
                    "在职培训",
                    "县级骨干培训",
                    start,
                    2,
                    24.0,
                ),
                who,
            )?;
        }
        // The street's own all-staff class (does not count for the rotation).
        if let Some(start) = ymd(year, 3, 20).filter(|d| *d <= today) {
            let who: Vec<i64> = people
                .iter()
                .filter(|p| p.counted && p.in_post(start, start) && rng.chance(70))
                .map(|p| p.id)
                .collect();
            add_class(
                rng,
                summary,
                class(
                    format!("{year}年翠苑街道社区工作者全员培训"),
                    "专项工作培训",
                    "街道(乡镇)全员培训",
                    start,
                    0,
                    6.0,
                ),
                who,
            )?;
        }
        // Induction for the year's new hires.
        if let Some(start) = ymd(year, 9, 16).filter(|d| *d <= today) {
            let who: Vec<i64> = people
                .iter()
                .filter(|p| {
                    p.counted
                        && p.in_post(start, start)
                        && p.hired > start - Duration::days(365)
                        && rng.chance(85)
                })
                .map(|p| p.id)
                .collect();
            add_class(
                rng,
                summary,
                class(
                    format!("{year}年新入职社区工作者初任培训"),
                    "初任培训",
                    "街道(乡镇)全员培训",
                    start,
                    1,
                    16.0,
                ),
                who,
            )?;
        }
    }

    // Care: a check-up round, Spring Festival and 中秋 visits each year of the last two.
    for year in this_year - 1..=this_year {
        if let Some(date) = ymd(year, 5, 18).filter(|d| *d <= today) {
            let mut attendees = Vec::new();
            for p in &people {
                if !(p.counted && p.in_post(date, date) && rng.chance(95)) {
                    continue;
                }
                let attended = rng.chance(88);
                let flag = attended && rng.chance(3);
                attendees.push(CheckupAttendeeInput {
                    worker_id: p.id,
                    attended,
                    needs_attention: flag,
                    note: flag.then(|| "建议复查".into()),
                });
            }
            care::create_checkup_round(
                tx,
                &channel,
                &CheckupRoundInput {
                    checkup_date: dates::text(date),
                    institution: "西湖区人民医院体检中心".into(),
                    remarks: Some(format!("{year}年社区工作者健康体检")),
                    attendees,
                },
                today,
            )?;
            summary.checkups += 1;
        }
        for (festival, month, day) in [("春节", 1, 20), ("中秋节", 9, 12)] {
            let Some(date) = ymd(year, month, day).filter(|d| *d <= today) else {
                continue;
            };
            let (mut active, mut retired) = (Vec::new(), Vec::new());
            for p in &people {
                if p.in_post(date, date) && rng.chance(95) {
                    active.push(p.id);
                } else if p.retired_by(date) {
                    retired.push(p.id);
                }
            }
            for (form, amount, ids) in [
                (VisitForm::Cash, "500", active),
                (VisitForm::Gift, "300", retired),
            ] {
                if ids.is_empty() {
                    continue;
                }
                summary.visits += ids.len();
                care::create_visits(
                    tx,
                    &channel,
                    &VisitBatchInput {
                        festival: festival.into(),
                        year,
                        visit_date: dates::text(date),
                        form,
                        amount: Some(amount.into()),
                        visited_by: Some("街道党工委".into()),
                        remarks: None,
                        worker_ids: ids,
                    },
                    today,
                )?;
            }
        }
    }
    if let Some(date) = ymd(this_year, 3, 8).filter(|d| *d <= today) {
        let ids: Vec<i64> = people
            .iter()
            .filter(|p| p.in_post(date, date) && rng.chance(15))
            .map(|p| p.id)
            .collect();
        care::create_activity(
            tx,
            &channel,
            &ActivityInput {
                name: "社区工作者纾压团体辅导".into(),
                activity_date: dates::text(date),
                place: Some("翠苑街道社工站".into()),
                remarks: None,
                worker_ids: ids,
            },
            today,
        )?;
    }
    // A few difficulties: about one person in a hundred, at least three.
    let active: Vec<&DemoPerson> = people
        .iter()
        .filter(|p| p.in_post(today - Duration::days(130), today))
        .collect();
    let n = (active.len() / 100).max(3).min(active.len());
    const STORIES: &[(&str, &str)] = &[
        ("家庭", "家中老人长期住院，需要调整值班时间"),
        ("生活", "租住房屋离社区较远，通勤时间长"),
        ("工作", "网格内老旧小区改造任务重，希望增派人手"),
        ("健康", "腰椎不适，希望减少夜间值守"),
        ("其他", "子女入学咨询"),
    ];
    for i in 0..n {
        let p = active[(i * 97 + rng.below(97) as usize) % active.len()];
        let reported = today - Duration::days(rng.range(3, 120));
        let (category, story) = *rng.pick(STORIES);
        let status = *rng.weighted(DifficultyStatus::ALL, &[3, 3, 4]);
        let solved = status == DifficultyStatus::Solved;
        let input = DifficultyInput {
            worker_id: p.id,
            reported_on: dates::text(reported),
            category: category.into(),
            description: story.into(),
            status,
            resolution: solved.then(|| "街道协调解决，已回访本人".into()),
            resolved_on: solved.then(|| dates::text(date_between(rng, reported, today))),
        };
        care::create_difficulty(tx, &channel, &input, today)?;
        summary.difficulties += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_data_goes_only_into_an_empty_ledger() {
        let mut conn = crate::store::open_in_memory().expect("ledger");
        let ledger = Path::new("台账.db");
        assert!(ensure_empty(&conn, ledger).is_ok());
        let options = DemoOptions {
            communities: 1,
            workers: Some(3),
            ..DemoOptions::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
        crate::write(&mut conn, |tx| generate(tx, &options, today)).expect("demo");
        let err = ensure_empty(&conn, ledger).expect_err("not empty");
        assert_eq!(err.kind(), crate::error::ErrorKind::Conflict);
        assert!(
            err.to_string()
                .starts_with("台账.db 中已有数据（1 个社区、")
                && err.to_string().contains("只能生成到空台账中"),
            "{err}"
        );
    }

    #[test]
    fn community_names_are_unique() {
        let mut names: Vec<String> = (0..400).map(community_name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 400);
    }
}
