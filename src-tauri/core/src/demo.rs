//! A realistic demo street: communities of 3,000–20,000 residents staffed near the 18 per
//! 10,000 standard, Chinese names, valid ID numbers with real region codes of one county
//! (杭州市西湖区), plausible ages, education, party membership, certificates, hire dates,
//! probationers and a few exits. Deterministic for a seed and an as-of date. Every record
//! goes through the same validation and audit as the clerk's own input.

use crate::audit::Source;
use crate::communities::{self, CommunityInput};
use crate::error::Result;
use crate::idcard::check_char;
use crate::settings::{self, Settings};
use crate::workers::{self, CertificateInput, ExitInput, WorkerInput};
use crate::{dates, vocab};
use chrono::{Datelike, Duration, Months, NaiveDate};
use rusqlite::Transaction;
use std::collections::HashSet;

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

/// Generates the street into an empty ledger.
pub fn generate(tx: &Transaction, options: &DemoOptions, today: NaiveDate) -> Result<DemoSummary> {
    let mut rng = Rng(options.seed);
    let source = Source::Demo;
    settings::save(
        tx,
        &source,
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
            &source,
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
            };
            // Demo people are generated valid; one that is not would be a bug in this file.
            let worker = workers::create(tx, &source, &input, today)?;
            summary.workers += 1;

            let cert_roll = rng.below(100);
            let certs: &[&str] = match cert_roll {
                0..=1 => &["助理社会工作师", "社会工作师", "高级社会工作师"],
                2..=16 => &["助理社会工作师", "社会工作师"],
                17..=44 => &["助理社会工作师"],
                45..=49 => &["其他职业技能等级"],
                _ => &[],
            };
            let mut obtained = hired.max(adult);
            for kind in certs {
                obtained = date_between(&mut rng, obtained, today.max(obtained));
                workers::add_certificate(
                    tx,
                    &source,
                    worker.id,
                    &CertificateInput {
                        kind: (*kind).into(),
                        title: (*kind == "其他职业技能等级").then(|| "养老护理员（四级）".into()),
                        obtained_on: dates::text(obtained),
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
                    &source,
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
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn community_names_are_unique() {
        let mut names: Vec<String> = (0..400).map(community_name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 400);
    }
}
