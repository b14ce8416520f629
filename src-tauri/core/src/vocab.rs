//! The closed lists of the ledger (民族, 政治面貌, 学历 …). The Chinese label is the stored
//! value: it is what the clerk reads in the database, the UI and every export. The same
//! lists are written as CHECK constraints in the migrations; a test keeps them in step.

use serde::Serialize;
use ts_rs::TS;

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

pub const POLITICAL_STATUSES: &[&str] = &[
    "中共党员",
    "中共预备党员",
    "共青团员",
    "民主党派成员",
    "无党派人士",
    "群众",
];

/// Statuses for which 入党时间 applies.
pub const PARTY_MEMBER_STATUSES: &[&str] = &["中共党员", "中共预备党员"];

pub const EDUCATION_LEVELS: &[&str] = &[
    "博士研究生",
    "硕士研究生",
    "大学本科",
    "大学专科",
    "中专/中技",
    "高中",
    "初中及以下",
];

pub const CATEGORIES: &[&str] = &[
    "两委专职成员",
    "社区专职工作人员",
    "两委兼职成员",
    "挂职干部",
];

/// Only these categories are 社区工作者 for staffing (第1条).
pub const COUNTED_CATEGORIES: &[&str] = &["两委专职成员", "社区专职工作人员"];

pub const POSITIONS: &[&str] = &[
    "书记",
    "主任",
    "书记兼主任",
    "副书记",
    "副主任",
    "委员",
    "专职工作人员",
];

pub const SOURCES: &[&str] = &[
    "高校毕业生",
    "退役军人",
    "社会工作专业人才",
    "原网格员转聘",
    "其他",
];

pub const RECRUITMENT_METHODS: &[&str] = &["公开招聘", "选举产生", "转聘", "选派"];

pub const EXIT_REASONS: &[&str] = &[
    "辞职",
    "解聘",
    "罢免",
    "退休",
    "调出",
    "考录公务员",
    "聘用为事业单位人员",
    "死亡",
    "其他",
];

pub const CERTIFICATE_KINDS: &[&str] = &[
    "助理社会工作师",
    "社会工作师",
    "高级社会工作师",
    "其他职业技能等级",
];

/// Derived, never typed: see `workers::status`.
pub const STATUSES: &[&str] = &["未入职", "试用期", "在岗", "已退出", "退休"];

pub const AGE_BANDS: &[&str] = &["35岁及以下", "36-45岁", "46-55岁", "56岁及以上"];

/// All lists at once, for the UI's drop-downs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    pub ethnic_groups: Vec<String>,
    pub political_statuses: Vec<String>,
    pub party_member_statuses: Vec<String>,
    pub education_levels: Vec<String>,
    pub categories: Vec<String>,
    pub counted_categories: Vec<String>,
    pub positions: Vec<String>,
    pub sources: Vec<String>,
    pub recruitment_methods: Vec<String>,
    pub exit_reasons: Vec<String>,
    pub certificate_kinds: Vec<String>,
    pub statuses: Vec<String>,
    pub age_bands: Vec<String>,
}

fn owned(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

pub fn vocabulary() -> Vocabulary {
    Vocabulary {
        ethnic_groups: owned(ETHNIC_GROUPS),
        political_statuses: owned(POLITICAL_STATUSES),
        party_member_statuses: owned(PARTY_MEMBER_STATUSES),
        education_levels: owned(EDUCATION_LEVELS),
        categories: owned(CATEGORIES),
        counted_categories: owned(COUNTED_CATEGORIES),
        positions: owned(POSITIONS),
        sources: owned(SOURCES),
        recruitment_methods: owned(RECRUITMENT_METHODS),
        exit_reasons: owned(EXIT_REASONS),
        certificate_kinds: owned(CERTIFICATE_KINDS),
        statuses: owned(STATUSES),
        age_bands: owned(AGE_BANDS),
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
    fn bands() {
        assert_eq!(age_band(35), "35岁及以下");
        assert_eq!(age_band(36), "36-45岁");
        assert_eq!(age_band(55), "46-55岁");
        assert_eq!(age_band(56), "56岁及以上");
    }
}
