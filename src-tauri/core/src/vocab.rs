//! The closed lists of the ledger (民族, 政治面貌, 学历 …). The Chinese label is the stored
//! value: it is what the clerk reads in the database, the UI and every export. The same
//! lists are written as CHECK constraints in the migrations; a test keeps them in step.

use serde::Serialize;
use ts_rs::TS;

mod labels;
pub use labels::{
    ApprovalStatus, AssessmentResult, CadenceStatus, Category, ContractEndKind, ContractEndReason,
    ContractFilter, ContractFlagKind, ContractKind, ContractPhase, DifficultyStatus,
    PoliticalStatus, Position, ProbationOutcome, SecondmentKind, SecondmentPhase, UnitLevel,
    UnknownLabel, VisitForm, WorkerStatus, POSTS_BY_CATEGORY,
};

pub const ETHNIC_GROUPS: &[&str] = &[
    "汉族",
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
];

pub const POLITICAL_STATUSES: &[&str] = PoliticalStatus::LABELS;

/// Statuses for which 入党时间 applies.
pub const PARTY_MEMBER_STATUSES: &[&str] =
    &PoliticalStatus::labels_of(PoliticalStatus::PARTY_MEMBER);

pub const EDUCATION_LEVELS: &[&str] = &[
    "博士研究生",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "中专/中技",
    "高中",
    "初中及以下",
];

pub const CATEGORIES: &[&str] = Category::LABELS;

/// Only these categories are 社区工作者 for staffing (第1条).
pub const COUNTED_CATEGORIES: &[&str] = &Category::labels_of(Category::COUNTED);

pub const POSITIONS: &[&str] = Position::LABELS;

pub const SOURCES: &[&str] = &[
    "高校毕业生",
    "退役军人",
    "社会工作专业人才",
    "原网格员转聘",
    "其他",
];

pub const RECRUITMENT_METHODS: &[&str] = &["公开招聘", "选举产生", "转聘", "选派"];

/// Why a post record (任职经历) starts: 入职 is the first record only; a later change is one
/// of the others (选举 for 两委 posts, 聘任 for staff, 调整 within the street, 交流 between
/// communities).
pub const POST_CHANGE_REASONS: &[&str] = &["入职", "选举", "聘任", "调整", "交流"];

/// The posts a 书记 holds, whose appointment is filed with the county (书记备案).
pub const SECRETARY_POSTS: &[&str] = &["书记", "书记兼主任"];

pub const EXIT_REASONS: &[&str] = &[
    "辞职",
    "解聘",
    "罢免",
    "合同到期不续签",
    "试用期不予录用",
    "退休",
    "调出",
    "考录公务员",
    "聘用为事业单位人员",
    "死亡",
    "其他",
];

/// The certificate kind that is not a social-work level: it needs its own name (title).
pub const OTHER_SKILL_LEVEL: &str = "其他职业技能等级";

pub const CERTIFICATE_KINDS: &[&str] = &[
    "助理社会工作师",
    "社会工作师",
    "高级社会工作师",
    OTHER_SKILL_LEVEL,
];

/// 培训类型 (第8条).
pub const TRAINING_KINDS: &[&str] = &["初任培训", "在职培训", "专项工作培训", "实践锻炼"];

/// 培训层级, highest first: the cadence rule's minimum tier counts itself and every tier
/// before it in this list.
pub const TRAINING_TIERS: &[&str] = &[
    "省级以上示范培训",
    "市地级重点培训",
    "县级骨干培训",
    "街道(乡镇)全员培训",
];

pub const TRAINING_MODES: &[&str] = &["线下", "线上"];

/// 结业 counts for the cadence rules; 未结业 and 缺席 do not.
pub const TRAINING_RESULTS: &[&str] = &["结业", "未结业", "缺席"];

/// Derived, never typed: see `training::cadence`.
pub const CADENCE_STATUSES: &[&str] = CadenceStatus::LABELS;

pub const FESTIVALS: &[&str] = &[
    "春节",
    "元宵节",
    "端午节",
    "中秋节",
    "国庆节",
    "重阳节",
    "其他",
];

pub const VISIT_FORMS: &[&str] = VisitForm::LABELS;

pub const DIFFICULTY_CATEGORIES: &[&str] = &["生活", "工作", "健康", "家庭", "其他"];

pub const DIFFICULTY_STATUSES: &[&str] = DifficultyStatus::LABELS;

/// Derived, never typed: see `workers::status`.
pub const STATUSES: &[&str] = WorkerStatus::LABELS;

pub const AGE_BANDS: &[&str] = &["35岁及以下", "36-45岁", "46-55岁", "56岁及以上"];

/// The social-work qualification levels among CERTIFICATE_KINDS, lowest first (持证率).
pub const SOCIAL_WORK_LEVELS: &[&str] = &["助理社会工作师", "社会工作师", "高级社会工作师"];

/// The education bands the county counts (队伍结构), highest first.
pub const EDUCATION_BANDS: &[&str] = &["研究生", "大学本科", "大学专科", "大专以下"];

/// The band of an EDUCATION_LEVELS label.
pub fn education_band(education: &str) -> &'static str {
    match education {
        "博士研究生" | "硕士研究生" => EDUCATION_BANDS[0],
        "大学本科" => EDUCATION_BANDS[1],
        "大学专科" => EDUCATION_BANDS[2],
        _ => EDUCATION_BANDS[3],
    }
}

/// How spreadsheets commonly write a value of a closed list, and the label(s) it can mean
/// (used by import). One label: read as that label. Several: the clerk chooses; never guessed.
/// Keys are compared after removing spaces and turning full-width letters half-width.
pub type Variants = &'static [(&'static str, &'static [&'static str])];

pub const POLITICAL_STATUS_VARIANTS: Variants = &[
    ("党员", &["中共党员"]),
    ("共产党员", &["中共党员"]),
    ("中国共产党党员", &["中共党员"]),
    ("中共正式党员", &["中共党员"]),
    ("正式党员", &["中共党员"]),
    ("预备党员", &["中共预备党员"]),
    ("中共预备", &["中共预备党员"]),
    ("团员", &["共青团员"]),
    ("共青团", &["共青团员"]),
    ("共青团员", &["共青团员"]),
    ("无党派", &["无党派人士"]),
    ("民主党派", &["民主党派成员"]),
    ("民革", &["民主党派成员"]),
    ("民盟", &["民主党派成员"]),
    ("民建", &["民主党派成员"]),
    ("民进", &["民主党派成员"]),
    ("农工党", &["民主党派成员"]),
    ("致公党", &["民主党派成员"]),
    ("九三学社", &["民主党派成员"]),
    ("台盟", &["民主党派成员"]),
    ("普通群众", &["群众"]),
];

pub const EDUCATION_VARIANTS: Variants = &[
    ("博士", &["博士研究生"]),
    ("硕士", &["硕士研究生"]),
    ("研究生", &["博士研究生", "硕士研究生"]),
    ("本科", &["大学本科"]),
    ("大本", &["大学本科"]),
    ("大学", &["大学本科", "大学专科"]),
    ("大专", &["大学专科"]),
    ("专科", &["大学专科"]),
    ("高职", &["大学专科"]),
    ("中专", &["中专/中技"]),
    ("中技", &["中专/中技"]),
    ("技校", &["中专/中技"]),
    ("中职", &["中专/中技"]),
    ("职高", &["高中", "中专/中技"]),
    ("初中", &["初中及以下"]),
    ("初中以下", &["初中及以下"]),
    ("小学", &["初中及以下"]),
];

pub const ETHNIC_GROUP_VARIANTS: Variants = &[("蒙族", &["蒙古族"]), ("维族", &["维吾尔族"])];

pub const CATEGORY_VARIANTS: Variants = &[
    ("两委专职", &["两委专职成员"]),
    ("两委兼职", &["两委兼职成员"]),
    ("两委成员", &["两委专职成员", "两委兼职成员"]),
    ("两委", &["两委专职成员", "两委兼职成员"]),
    ("社区专职", &["社区专职工作人员"]),
    ("专职工作人员", &["社区专职工作人员"]),
    ("社区专职工作者", &["社区专职工作人员"]),
    ("专职社区工作者", &["社区专职工作人员"]),
    ("挂职", &["挂职干部"]),
    ("挂职人员", &["挂职干部"]),
];

pub const POSITION_VARIANTS: Variants = &[
    ("党委书记", &["书记"]),
    ("党总支书记", &["书记"]),
    ("党支部书记", &["书记"]),
    ("社区党委书记", &["书记"]),
    ("党组织书记", &["书记"]),
    ("社区书记", &["书记"]),
    ("居委会主任", &["主任"]),
    ("社区主任", &["主任"]),
    ("社区居委会主任", &["主任"]),
    ("书记、主任", &["书记兼主任"]),
    ("书记/主任", &["书记兼主任"]),
    ("书记,主任", &["书记兼主任"]),
    ("书记主任", &["书记兼主任"]),
    ("一肩挑", &["书记兼主任"]),
    ("书记兼居委会主任", &["书记兼主任"]),
    ("党委副书记", &["副书记"]),
    ("社区副书记", &["副书记"]),
    ("居委会副主任", &["副主任"]),
    ("社区副主任", &["副主任"]),
    ("两委委员", &["委员"]),
    ("居委会委员", &["委员"]),
    ("党委委员", &["委员"]),
    ("专职社工", &["专职工作人员"]),
    ("社工", &["专职工作人员"]),
    ("工作人员", &["专职工作人员"]),
    ("社区工作者", &["专职工作人员"]),
    ("社区专职工作人员", &["专职工作人员"]),
];

pub const SOURCE_VARIANTS: Variants = &[
    ("应届毕业生", &["高校毕业生"]),
    ("大学生", &["高校毕业生"]),
    ("毕业生", &["高校毕业生"]),
    ("退伍军人", &["退役军人"]),
    ("复员军人", &["退役军人"]),
    ("转业军人", &["退役军人"]),
    ("社工人才", &["社会工作专业人才"]),
    ("社会工作人才", &["社会工作专业人才"]),
    ("网格员", &["原网格员转聘"]),
    ("原网格员", &["原网格员转聘"]),
    ("网格员转聘", &["原网格员转聘"]),
];

pub const RECRUITMENT_VARIANTS: Variants = &[
    ("招聘", &["公开招聘"]),
    ("公开招考", &["公开招聘"]),
    ("考试招聘", &["公开招聘"]),
    ("社会招聘", &["公开招聘"]),
    ("选举", &["选举产生"]),
    ("换届选举", &["选举产生"]),
    ("下派", &["选派"]),
];

pub const CERTIFICATE_KIND_VARIANTS: Variants = &[
    ("助理社工师", &["助理社会工作师"]),
    ("初级社工师", &["助理社会工作师"]),
    ("初级社会工作师", &["助理社会工作师"]),
    ("初级", &["助理社会工作师"]),
    ("社工师", &["社会工作师"]),
    ("中级社工师", &["社会工作师"]),
    ("中级社会工作师", &["社会工作师"]),
    ("中级", &["社会工作师"]),
    ("高级社工师", &["高级社会工作师"]),
    ("高级", &["高级社会工作师"]),
];

/// All lists at once, for the UI's drop-downs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub ethnic_groups: Vec<String>,
    pub political_statuses: Vec<PoliticalStatus>,
    pub party_member_statuses: Vec<PoliticalStatus>,
    pub education_levels: Vec<String>,
    pub categories: Vec<Category>,
    pub counted_categories: Vec<Category>,
    pub positions: Vec<Position>,
    pub sources: Vec<String>,
    pub recruitment_methods: Vec<String>,
    pub exit_reasons: Vec<String>,
    /// Why a post changes (任职变动): 选举, 聘任, 调整, 交流 (入职 is the first record's).
    pub post_change_reasons: Vec<String>,
    pub certificate_kinds: Vec<String>,
    pub statuses: Vec<WorkerStatus>,
    pub age_bands: Vec<String>,
    /// 人员类别 × 职务 (vocab::POSTS_BY_CATEGORY), for the form's instant check.
    pub posts_by_category: Vec<CategoryPosts>,
}

/// The 职务 one 人员类别 may hold.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CategoryPosts {
    pub category: Category,
    pub positions: Vec<Position>,
}

/// The training and care lists, for those pages' drop-downs. Kept apart from [`Vocabulary`]
/// so that adding them did not change a type the existing pages and their tests build.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CareVocabulary {
    pub training_kinds: Vec<String>,
    pub training_tiers: Vec<String>,
    pub training_modes: Vec<String>,
    pub training_results: Vec<String>,
    pub cadence_statuses: Vec<CadenceStatus>,
    pub festivals: Vec<String>,
    pub visit_forms: Vec<VisitForm>,
    pub difficulty_categories: Vec<String>,
    pub difficulty_statuses: Vec<DifficultyStatus>,
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        ethnic_groups: owned(ETHNIC_GROUPS),
        political_statuses: PoliticalStatus::ALL.to_vec(),
        party_member_statuses: PoliticalStatus::PARTY_MEMBER.to_vec(),
        education_levels: owned(EDUCATION_LEVELS),
        categories: Category::ALL.to_vec(),
        counted_categories: Category::COUNTED.to_vec(),
        positions: Position::ALL.to_vec(),
        sources: owned(SOURCES),
        recruitment_methods: owned(RECRUITMENT_METHODS),
        exit_reasons: owned(EXIT_REASONS),
        post_change_reasons: owned(&POST_CHANGE_REASONS[1..]),
        certificate_kinds: owned(CERTIFICATE_KINDS),
        statuses: WorkerStatus::ALL.to_vec(),
        age_bands: owned(AGE_BANDS),
        posts_by_category: POSTS_BY_CATEGORY
            .iter()
            .map(|(category, positions)| CategoryPosts {
                category: *category,
                positions: positions.to_vec(),
            })
            .collect(),
    }
}

pub fn care_vocabulary() -> CareVocabulary {
    CareVocabulary {
        training_kinds: owned(TRAINING_KINDS),
        training_tiers: owned(TRAINING_TIERS),
        training_modes: owned(TRAINING_MODES),
        training_results: owned(TRAINING_RESULTS),
        cadence_statuses: CadenceStatus::ALL.to_vec(),
        festivals: owned(FESTIVALS),
        visit_forms: VisitForm::ALL.to_vec(),
        difficulty_categories: owned(DIFFICULTY_CATEGORIES),
        difficulty_statuses: DifficultyStatus::ALL.to_vec(),
    }
}

/// Age band of a person of the given age (in whole years).
pub fn age_band(age: i64) -> &'static str {
    match age {
        ..=35 => AGE_BANDS[0],
        36..=45 => AGE_BANDS[1],
        46..=55 => AGE_BANDS[2],
        _ => AGE_BANDS[3],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifty_six_groups() {
        assert_eq!(ETHNIC_GROUPS.len(), 56);
        let mut sorted = ETHNIC_GROUPS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 56, "no group listed twice");
    }

    #[test]
    fn education_bands_cover_every_level() {
        let bands: Vec<&str> = EDUCATION_LEVELS.iter().map(|e| education_band(e)).collect();
        assert_eq!(
            bands,
            [
                "研究生",
                "研究生",
                "大学本科",
                "大学专科",
                "大专以下",
                "大专以下",
                "大专以下"
            ]
        );
    }

    #[test]
    fn variants_mean_listed_labels() {
        let tables: [(Variants, &[&str]); 8] = [
            (POLITICAL_STATUS_VARIANTS, POLITICAL_STATUSES),
            (EDUCATION_VARIANTS, EDUCATION_LEVELS),
            (ETHNIC_GROUP_VARIANTS, ETHNIC_GROUPS),
            (CATEGORY_VARIANTS, CATEGORIES),
            (POSITION_VARIANTS, POSITIONS),
            (SOURCE_VARIANTS, SOURCES),
            (RECRUITMENT_VARIANTS, RECRUITMENT_METHODS),
            (CERTIFICATE_KIND_VARIANTS, CERTIFICATE_KINDS),
        ];
        for (variants, list) in tables {
            for (raw, labels) in variants {
                assert!(!labels.is_empty(), "{raw}");
                for l in *labels {
                    assert!(list.contains(l), "{raw} -> {l}");
                }
            }
        }
    }

    #[test]
    fn bands() {
        assert_eq!(age_band(35), "35岁及以下");
        assert_eq!(age_band(36), "36-45岁");
        assert_eq!(age_band(55), "46-55岁");
        assert_eq!(age_band(56), "56岁及以上");
    }
}
