//! What 填报上级表格 can put in a column of a county form: a person's field (one row per
//! person) or a community's figure (one row per community), and the header names each is
//! known by. A header is matched by its exact names first, then by the words it contains,
//! most specific first (岗位类别 before 类别, 社区工作年限 before 社区). Only what the ledger
//! holds is offered: a column no source matches is left empty, never guessed.

use super::team::Team;
use crate::grades::WorkerSalary;
use crate::idcard;
use crate::import::header::normalize_header;
use crate::reports::format::Cell;
use crate::reports::roster::{self, yes_no, Extras};
use crate::staffing::StaffingRow;
#[cfg(test)]
use crate::vocab;
use crate::workers::WorkerRecord;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What one row of a form stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowKind {
    /// 一人一行: a list of people.
    People,
    /// 一社区一行: figures per community.
    Communities,
}

impl RowKind {
    pub fn label(self) -> &'static str {
        match self {
            RowKind::People => "一人一行",
            RowKind::Communities => "一社区一行",
        }
    }
}

/// One person as a form row sees them.
pub(crate) struct Person<'a> {
    pub index: usize,
    pub record: &'a WorkerRecord,
    pub extras: &'a Extras,
    pub salary: Option<&'a WorkerSalary>,
    pub mask: bool,
}

/// One community (or, with `index` None, the whole street) as a form row sees it.
pub(crate) struct CommunityRow<'a> {
    pub index: Option<usize>,
    pub staffing: &'a StaffingRow,
    pub team: &'a Team,
}

/// A source of values for a column; `V` is how a row's value is made.
pub(crate) struct Source<V> {
    pub key: &'static str,
    pub label: &'static str,
    /// Exact header names (normalised as the import does).
    pub names: &'static [&'static str],
    /// Words a header contains; the lists of all sources are searched in order.
    pub words: &'static [&'static str],
    pub value: V,
}

pub(crate) type PersonValue = fn(&Person<'_>) -> Cell;
pub(crate) type CommunityValue = fn(&CommunityRow<'_>) -> Cell;

const fn p(
    key: &'static str,
    label: &'static str,
    names: &'static [&'static str],
    words: &'static [&'static str],
    value: PersonValue,
) -> Source<PersonValue> {
    Source {
        key,
        label,
        names,
        words,
        value,
    }
}

const fn c(
    key: &'static str,
    label: &'static str,
    names: &'static [&'static str],
    words: &'static [&'static str],
    value: CommunityValue,
) -> Source<CommunityValue> {
    Source {
        key,
        label,
        names,
        words,
        value,
    }
}

fn grade<'a>(p: &'a Person<'a>) -> Option<&'a roster::Grade> {
    p.extras.grades.get(&p.record.worker.id)
}

/// Person sources in match order: a source whose words are more specific comes first.
pub(crate) const PERSON: &[Source<PersonValue>] = &[
    p("p.seq", "序号", &["序号", "排序"], &[], |p| {
        Cell::Int(p.index as i64 + 1)
    }),
    p(
        "p.name",
        "姓名",
        &["姓名", "名字", "人员姓名"],
        &["姓名"],
        |p| Cell::text(&p.record.worker.input.name),
    ),
    p(
        "p.id",
        "身份证号",
        &["身份证号", "身份证号码", "公民身份号码", "身份证"],
        &["身份证", "身份号码", "证件号"],
        |p| {
            let id = &p.record.worker.input.id_number;
            Cell::text(if p.mask { idcard::mask(id) } else { id.clone() })
        },
    ),
    p(
        "p.birth",
        "出生年月",
        &["出生年月", "出生日期"],
        &["出生"],
        |p| Cell::date(Some(&p.record.worker.birth_date)),
    ),
    p("p.age", "年龄", &["年龄", "周岁"], &["年龄"], |p| {
        Cell::Int(p.record.worker.age)
    }),
    p("p.gender", "性别", &["性别"], &["性别"], |p| {
        Cell::text(&p.record.worker.gender)
    }),
    p("p.ethnicity", "民族", &["民族"], &["民族"], |p| {
        Cell::text(&p.record.worker.input.ethnicity)
    }),
    p("p.native", "籍贯", &["籍贯"], &["籍贯"], |p| {
        Cell::opt_text(p.record.worker.input.native_place.as_deref())
    }),
    p(
        "p.party",
        "入党时间",
        &["入党时间"],
        &["入党"],
        |p| Cell::date(p.record.worker.input.party_joined_on.as_deref()),
    ),
    p(
        "p.political",
        "政治面貌",
        &["政治面貌"],
        &["政治面貌", "党派"],
        |p| Cell::text(&p.record.worker.input.political_status),
    ),
    p(
        "p.fullTime",
        "是否全日制",
        &["是否全日制", "全日制"],
        &["全日制"],
        |p| yes_no(p.record.worker.input.full_time_education),
    ),
    p(
        "p.education",
        "学历",
        &["学历", "最高学历", "文化程度"],
        &["学历", "文化程度"],
        |p| Cell::text(&p.record.worker.input.education),
    ),
    p(
        "p.socialWorkMajor",
        "是否社会工作专业",
        &["是否社会工作专业", "社会工作相关专业"],
        &["社会工作专业", "社工专业", "社会工作相关专业"],
        |p| yes_no(Some(p.record.worker.input.social_work_major)),
    ),
    p(
        "p.schoolMajor",
        "毕业院校及专业",
        &[
            "毕业院校及专业",
            "毕业院校及所学专业",
            "毕业学校及专业",
            "院校及专业",
        ],
        &["院校及", "学校及"],
        |p| roster::school_and_major(p.record),
    ),
    p(
        "p.school",
        "毕业院校",
        &["毕业院校", "毕业学校"],
        &["院校", "学校"],
        |p| Cell::opt_text(p.record.worker.input.school.as_deref()),
    ),
    p(
        "p.major",
        "所学专业",
        &["所学专业", "专业"],
        &["专业"],
        |p| Cell::opt_text(p.record.worker.input.major.as_deref()),
    ),
    p(
        "p.workStart",
        "参加社区工作时间",
        &["参加社区工作时间"],
        &["参加社区工作", "参加工作", "从事社区工作时间"],
        |p| {
            let w = &p.record.worker.input;
            Cell::date(Some(
                w.community_work_start.as_deref().unwrap_or(&w.hired_on),
            ))
        },
    ),
    p(
        "p.serviceYears",
        "社区工作年限",
        &["社区工作年限", "工作年限"],
        &["年限", "工龄"],
        |p| Cell::Int(p.record.worker.service_months / 12),
    ),
    p(
        "p.hired",
        "入职时间",
        &["入职时间", "聘用时间", "入职日期"],
        &["入职", "聘用时间", "聘用日期", "到岗", "录用时间"],
        |p| Cell::date(Some(&p.record.worker.input.hired_on)),
    ),
    p(
        "p.probationEnd",
        "试用期满日期",
        &["试用期满日期", "试用期满"],
        &["试用期"],
        |p| Cell::date(p.record.worker.input.probation_end.as_deref()),
    ),
    p(
        "p.certificate",
        "职业资格",
        &["职业资格", "社工证"],
        &["职业资格", "社工证", "职业水平", "资格证", "持证"],
        |p| roster::qualification(p.record),
    ),
    p(
        "p.gradeBoth",
        "岗位类别及等级",
        &["岗位类别及等级", "岗位等级类别"],
        &["类别及等级", "类别和等级"],
        |p| {
            grade(p).map_or(Cell::Blank, |g| {
                Cell::text(format!("{}{}级", g.category, g.level))
            })
        },
    ),
    p(
        "p.gradeCategory",
        "岗位类别",
        &["岗位类别"],
        &["岗位类别"],
        |p| Cell::opt_text(grade(p).map(|g| g.category.as_str())),
    ),
    p(
        "p.gradeLevel",
        "岗位等级",
        &["岗位等级", "级别"],
        &["等级"],
        |p| grade(p).map_or(Cell::Blank, |g| Cell::Int(g.level)),
    ),
    p(
        "p.salary",
        "月薪酬标准（元）",
        &["月薪酬标准", "薪酬标准", "月工资"],
        &["薪酬", "工资", "月薪", "报酬"],
        |p| match p.salary {
            Some(s) if s.missing.is_none() => {
                Cell::Num((s.standard_fen + s.allowance_fen) as f64 / 100.0)
            }
            _ => Cell::Blank,
        },
    ),
    p(
        "p.training",
        "近三年培训",
        &["近三年培训", "近三年参加培训情况"],
        &["培训"],
        |p| roster::recent_training(p.extras, p.record),
    ),
    p(
        "p.checkup",
        "本年体检",
        &["本年体检", "体检"],
        &["体检"],
        |p| yes_no(Some(p.extras.checked_this_year(p.record.worker.id))),
    ),
    p(
        "p.assessment",
        "上年度考核结果",
        &["上年度考核结果", "考核结果", "年度考核"],
        &["考核"],
        |p| {
            Cell::opt_text(
                p.extras
                    .previous_assessments
                    .get(&p.record.worker.id)
                    .map(String::as_str),
            )
        },
    ),
    p(
        "p.postDetail",
        "具体岗位",
        &["具体岗位"],
        &["具体岗位", "分管"],
        |p| Cell::opt_text(p.record.worker.input.post_detail.as_deref()),
    ),
    p(
        "p.category",
        "人员类别",
        &["人员类别", "类别"],
        &["人员类别", "类别", "人员身份"],
        |p| Cell::text(&p.record.worker.input.category),
    ),
    p(
        "p.position",
        "职务",
        &["职务", "现任职务", "岗位"],
        &["职务", "岗位"],
        |p| Cell::text(&p.record.worker.input.position),
    ),
    p(
        "p.community",
        "社区",
        &["社区", "所在社区", "社区名称"],
        &["社区", "居委会", "工作单位", "所在单位"],
        |p| Cell::text(&p.record.worker.community_name),
    ),
    p(
        "p.source",
        "人员来源",
        &["来源", "人员来源"],
        &["来源"],
        |p| Cell::opt_text(p.record.worker.input.source.as_deref()),
    ),
    p(
        "p.recruitment",
        "招聘方式",
        &["招聘方式", "产生方式"],
        &["招聘方式", "产生方式"],
        |p| Cell::opt_text(p.record.worker.input.recruitment.as_deref()),
    ),
    p(
        "p.phone",
        "手机号",
        &["手机号", "手机", "联系电话"],
        &["手机", "电话", "联系方式"],
        |p| Cell::opt_text(p.record.worker.input.phone.as_deref()),
    ),
    p(
        "p.status",
        "状态",
        &["状态", "在岗状态"],
        &["在岗状态"],
        |p| Cell::text(p.record.worker.status.as_str()),
    ),
    // 备注 in a county form is rarely the ledger's remarks: offered, never proposed.
    p(
        "p.remarks",
        "备注（台账中的备注）",
        &[],
        &[],
        |p| Cell::opt_text(p.record.worker.input.remarks.as_deref()),
    ),
];

fn count(n: i64) -> Cell {
    Cell::Int(n)
}

/// Community sources in match order.
pub(crate) const COMMUNITY: &[Source<CommunityValue>] = &[
    c("c.seq", "序号", &["序号"], &[], |c| {
        c.index.map_or(Cell::Blank, |i| Cell::Int(i as i64 + 1))
    }),
    c(
        "c.population",
        "城镇常住人口",
        &["城镇常住人口", "常住人口", "人口数", "人口"],
        &["常住人口", "人口"],
        |c| count(c.staffing.population),
    ),
    c(
        "c.standard",
        "应配人数",
        &["应配人数", "应配", "核定人数"],
        &["应配", "核定", "标准配备"],
        |c| count(c.staffing.standard_headcount),
    ),
    c(
        "c.gap",
        "差额（应配−实有）",
        &["差额", "缺额"],
        &["差额", "缺额", "缺编", "空缺"],
        |c| count(c.staffing.gap),
    ),
    c(
        "c.per10k",
        "每万人拥有数",
        &["每万人拥有数"],
        &["每万"],
        |c| c.staffing.per_10k.map_or(Cell::Blank, Cell::Num),
    ),
    c(
        "c.twoCommittee",
        "两委专职成员",
        &["两委专职成员", "两委成员", "两委"],
        &["两委"],
        |c| count(c.staffing.two_committee),
    ),
    c(
        "c.staff",
        "社区专职工作人员",
        &["社区专职工作人员", "专职工作人员", "专职人员"],
        &["专职工作人员", "专职人员"],
        |c| count(c.staffing.full_time_staff),
    ),
    c(
        "c.seconded",
        "借调在外人数",
        &["借调在外", "借调人数"],
        &["借调", "抽调"],
        |c| count(c.staffing.seconded_away),
    ),
    c(
        "c.avgAge",
        "平均年龄",
        &["平均年龄"],
        &["平均年龄"],
        |c| c.team.average_age().map_or(Cell::Blank, Cell::Num),
    ),
    c(
        "c.age35",
        "35岁及以下",
        &["35岁及以下", "35周岁及以下", "35岁以下", "35周岁以下"],
        &["35岁及以下", "35周岁及以下", "35岁以下", "35周岁以下"],
        |c| count(c.team.age_bands[0]),
    ),
    c(
        "c.age36",
        "36-45岁",
        &["36-45岁", "36至45岁", "36-45周岁"],
        &["36-45", "36至45", "36—45", "36～45"],
        |c| count(c.team.age_bands[1]),
    ),
    c(
        "c.age46",
        "46-55岁",
        &["46-55岁", "46至55岁", "46-55周岁"],
        &["46-55", "46至55", "46—55", "46～55"],
        |c| count(c.team.age_bands[2]),
    ),
    c(
        "c.age56",
        "56岁及以上",
        &["56岁及以上", "56周岁及以上", "55岁以上", "55周岁以上"],
        &["56岁及以上", "56周岁及以上", "55岁以上", "55周岁以上"],
        |c| count(c.team.age_bands[3]),
    ),
    c(
        "c.bachelorPlus",
        "本科及以上",
        &["本科及以上", "大学本科及以上", "本科以上"],
        &["本科及以上", "本科以上"],
        |c| count(c.team.education[0] + c.team.education[1]),
    ),
    c(
        "c.collegePlus",
        "大专及以上",
        &["大专及以上", "专科及以上", "大专以上"],
        &["大专及以上", "专科及以上", "大专以上"],
        |c| count(c.team.education[0] + c.team.education[1] + c.team.education[2]),
    ),
    c(
        "c.belowCollege",
        "大专以下",
        &["大专以下", "高中及以下", "中专及以下"],
        &["大专以下", "高中及以下", "中专及以下"],
        |c| count(c.team.education[3]),
    ),
    c(
        "c.postgraduate",
        "研究生",
        &["研究生", "硕士及以上"],
        &["研究生", "硕士"],
        |c| count(c.team.education[0]),
    ),
    c(
        "c.bachelor",
        "大学本科",
        &["大学本科", "本科"],
        &["本科"],
        |c| count(c.team.education[1]),
    ),
    c(
        "c.college",
        "大学专科",
        &["大学专科", "大专", "专科"],
        &["大专", "专科"],
        |c| count(c.team.education[2]),
    ),
    c(
        "c.assistantSocialWorker",
        "助理社会工作师",
        &["助理社会工作师", "初级"],
        &["助理社会工作师", "初级"],
        |c| count(c.team.levels[0]),
    ),
    c(
        "c.seniorSocialWorker",
        "高级社会工作师",
        &["高级社会工作师", "高级"],
        &["高级社会工作师"],
        |c| count(c.team.levels[2]),
    ),
    c(
        "c.socialWorker",
        "社会工作师",
        &["社会工作师", "中级"],
        &["社会工作师"],
        |c| count(c.team.levels[1]),
    ),
    c(
        "c.certified",
        "持证人数",
        &["持证人数", "持证", "持证社工"],
        &["持证", "职业资格", "社工证"],
        |c| count(c.team.certified),
    ),
    c(
        "c.ungraded",
        "未定级人数",
        &["未定级"],
        &["未定级"],
        |c| count(c.team.ungraded),
    ),
    c(
        "c.graded",
        "已定级人数",
        &["已定级"],
        &["已定级"],
        |c| count(c.team.graded),
    ),
    c(
        "c.party",
        "中共党员（含预备党员）",
        &["党员", "中共党员", "党员数"],
        &["党员"],
        |c| count(c.team.party),
    ),
    c(
        "c.female",
        "女",
        &["女", "女性", "女性人数"],
        &["女"],
        |c| count(c.team.female),
    ),
    c(
        "c.male",
        "男",
        &["男", "男性", "男性人数"],
        &["男"],
        |c| count(c.team.male),
    ),
    c(
        "c.secretary",
        "书记姓名",
        &["书记姓名", "社区书记", "书记"],
        &["书记"],
        |c| match c.index {
            Some(_) => Cell::text(c.team.secretaries.join("、")),
            None => Cell::Blank,
        },
    ),
    c(
        "c.actual",
        "实有人数（社区工作者）",
        &[
            "实有人数",
            "实有",
            "现有人数",
            "社区工作者人数",
            "社区工作者总数",
            "在岗人数",
            "总人数",
            "人数",
        ],
        &["实有", "现有", "实配", "在岗", "社区工作者"],
        |c| count(c.staffing.actual),
    ),
    c(
        "c.name",
        "社区",
        &["社区", "社区名称", "单位", "单位名称", "社区居委会"],
        &["社区", "居委会"],
        |c| match c.index {
            Some(_) => Cell::text(&c.staffing.name),
            None => Cell::Blank,
        },
    ),
];

fn exact<V>(sources: &'static [Source<V>], header: &str) -> Option<&'static Source<V>> {
    let n = normalize_header(header);
    (!n.is_empty())
        .then(|| {
            sources
                .iter()
                .find(|s| s.names.iter().any(|name| normalize_header(name) == n))
        })
        .flatten()
}

fn by_words<V>(sources: &'static [Source<V>], header: &str) -> Option<&'static Source<V>> {
    let n = normalize_header(header);
    (!n.is_empty())
        .then(|| {
            sources
                .iter()
                .find(|s| s.words.iter().any(|w| n.contains(&normalize_header(w))))
        })
        .flatten()
}

/// The source of `sources` a header names: its exact names first, then its words. A header
/// over two rows (学历/大学本科, 实有社区工作者/合计) is tried by its lower part's exact
/// name, then as a whole, then by its lower part's words.
fn find<V>(sources: &'static [Source<V>], header: &str) -> Option<&'static Source<V>> {
    match header.rsplit_once('/') {
        Some((_, child)) => exact(sources, child)
            .or_else(|| exact(sources, header))
            .or_else(|| by_words(sources, header))
            .or_else(|| by_words(sources, child)),
        None => exact(sources, header).or_else(|| by_words(sources, header)),
    }
}

/// The key of the source of `kind` that a header names.
pub(crate) fn match_source(kind: RowKind, header: &str) -> Option<&'static str> {
    match kind {
        RowKind::People => find(PERSON, header).map(|s| s.key),
        RowKind::Communities => find(COMMUNITY, header).map(|s| s.key),
    }
}

/// The key of any source a header names, people's first: used to find the header row.
pub(crate) fn match_any(header: &str) -> Option<&'static str> {
    find(PERSON, header)
        .map(|s| s.key)
        .or_else(|| find(COMMUNITY, header).map(|s| s.key))
}

/// The fields that identify a row: a header row names at least one of them.
pub(crate) fn is_key(key: &'static str) -> bool {
    matches!(key, "p.name" | "p.id" | "p.community")
}

pub(crate) fn person(key: &str) -> Option<&'static Source<PersonValue>> {
    PERSON.iter().find(|s| s.key == key)
}

pub(crate) fn community(key: &str) -> Option<&'static Source<CommunityValue>> {
    COMMUNITY.iter().find(|s| s.key == key)
}

/// The label of a source key of either kind.
pub(crate) fn label(key: &str) -> Option<&'static str> {
    person(key)
        .map(|s| s.label)
        .or_else(|| community(key).map(|s| s.label))
}

/// Whether the source's dates read better as a month (出生年月 1985.06) in a text cell.
pub(crate) fn month_only(header: &str) -> bool {
    normalize_header(header).contains("年月")
}

/// Every source of a kind, for the mapping drop-down.
pub(crate) fn keys_and_labels(kind: RowKind) -> Vec<(&'static str, &'static str)> {
    match kind {
        RowKind::People => PERSON.iter().map(|s| (s.key, s.label)).collect(),
        RowKind::Communities => COMMUNITY.iter().map(|s| (s.key, s.label)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_written_several_ways_find_their_source() {
        use RowKind::*;
        for (kind, header, key) in [
            (People, "姓 名", Some("p.name")),
            (People, "公民身份号码（18位）", Some("p.id")),
            (People, "出生年月", Some("p.birth")),
            (People, "岗位类别", Some("p.gradeCategory")),
            (People, "人员类别", Some("p.category")),
            (People, "参加社区工作时间", Some("p.workStart")),
            (People, "社区工作年限（年）", Some("p.serviceYears")),
            (People, "所在社区", Some("p.community")),
            (People, "毕业院校及专业", Some("p.schoolMajor")),
            (People, "职业资格/等级", Some("p.certificate")),
            (People, "联系电话", Some("p.phone")),
            (People, "备注", None),
            (People, "家庭住址", None),
            (Communities, "社区名称", Some("c.name")),
            (Communities, "城镇常住人口（人）", Some("c.population")),
            (
                Communities,
                "按每万城镇常住人口18人应配/应配人数",
                Some("c.standard"),
            ),
            (Communities, "实有社区工作者/合计", Some("c.actual")),
            (
                Communities,
                "实有社区工作者/两委专职成员",
                Some("c.twoCommittee"),
            ),
            (Communities, "性别/女", Some("c.female")),
            (Communities, "学历/本科及以上", Some("c.bachelorPlus")),
            (Communities, "学历/大学本科", Some("c.bachelor")),
            (Communities, "年龄/35岁及以下", Some("c.age35")),
            (Communities, "持证社工人数", Some("c.certified")),
            (Communities, "职业资格/社会工作师", Some("c.socialWorker")),
            (
                Communities,
                "职业资格/助理社会工作师",
                Some("c.assistantSocialWorker"),
            ),
            (Communities, "其中：中共党员", Some("c.party")),
            (Communities, "办公用房面积", None),
            (Communities, "社区书记姓名", Some("c.secretary")),
        ] {
            assert_eq!(match_source(kind, header), key, "{header}");
        }
    }

    #[test]
    fn every_key_is_unique_and_has_a_label() {
        let mut keys: Vec<&str> = PERSON.iter().map(|s| s.key).collect();
        keys.extend(COMMUNITY.iter().map(|s| s.key));
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n);
        for k in keys {
            assert!(label(k).is_some(), "{k}");
        }
    }

    #[test]
    fn the_age_bands_and_education_bands_are_the_vocabulary_s() {
        // The community sources index Team's arrays in the vocabulary's order.
        assert_eq!(vocab::AGE_BANDS.len(), 4);
        assert_eq!(
            vocab::EDUCATION_BANDS,
            ["研究生", "大学本科", "大学专科", "大专以下"]
        );
        assert_eq!(vocab::SOCIAL_WORK_LEVELS.len(), 3);
    }
}
