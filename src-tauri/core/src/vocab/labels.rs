//! The closed lists that rules and the UI branch on, as enums: takes nothing, gives each list
//! as a Rust enum whose JSON, SQLite and TypeScript form is its Chinese label (ts-rs emits a
//! string-literal union, so a typo in the UI is a type error). Each enum has `ALL` (in the
//! list's order), `LABELS` (the same as text, for CHECK lists and drop-downs), `as_str` and
//! `parse`; the migrations' CHECK constraints are tested against `ALL`.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text read from the ledger that is not a label of the expected list: the file was
/// changed outside the program (the CHECK constraints keep the program's own writes valid).
#[derive(Debug)]
pub struct UnknownLabel {
    pub list: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownLabel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "“{}”不是{}中的值", self.value, self.list)
    }
}

impl std::error::Error for UnknownLabel {}

macro_rules! labels {
    ($(#[$meta:meta])* $name:ident, $list:literal { $($(#[$vmeta:meta])* $variant:ident = $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant),+
        }

        impl $name {
            /// Every value, in the list's order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
            /// Every label, in the list's order.
            pub const LABELS: &'static [&'static str] = &[$($label),+];
            /// The list's Chinese name, for messages.
            pub const LIST: &'static str = $list;

            /// The Chinese label (stored, shown and serialised).
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }

            /// The value with this exact label.
            pub fn parse(label: &str) -> Option<Self> {
                match label {
                    $($label => Some(Self::$variant),)+
                    _ => None,
                }
            }

            /// The labels of some values, in const context (for `&[&str]` constants).
            pub const fn labels_of<const N: usize>(values: [Self; N]) -> [&'static str; N] {
                let mut out = [""; N];
                let mut i = 0;
                while i < N {
                    out[i] = values[i].as_str();
                    i += 1;
                }
                out
            }

            /// `('a', 'b')`, for `x IN …` in SQL (labels never contain quotes).
            pub fn sql_list(list: &[Self]) -> String {
                let quoted: Vec<String> = list.iter().map(|v| format!("'{}'", v.as_str())).collect();
                format!("({})", quoted.join(", "))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                Self::parse(text).ok_or_else(|| {
                    FromSqlError::Other(Box::new(UnknownLabel {
                        list: $list,
                        value: text.to_string(),
                    }))
                })
            }
        }
    };
}

labels! {
    /// 人员状态, derived from dated records as of a date, never typed (`workers::status`).
    WorkerStatus, "人员状态" {
        NotHired = "未入职",
        Probation = "试用期",
        InPost = "在岗",
        Exited = "已退出",
        Retired = "退休",
    }
}

impl WorkerStatus {
    /// The statuses in which a person counts as in post (在岗人数, staffing, the report roster).
    pub const IN_POST: [Self; 2] = [Self::Probation, Self::InPost];
    /// Who care reaches: people in post (any category) and retired workers.
    pub const CARE: [Self; 3] = [Self::Probation, Self::InPost, Self::Retired];
}

labels! {
    /// 培训状态 under a cadence rule, derived (`training::cadence`); most pressing first.
    CadenceStatus, "培训状态" {
        Overdue = "已逾期",
        DueSoon = "即将到期",
        Pending = "待培训",
        Done = "已完成",
    }
}

labels! {
    /// 困难诉求的办理状态.
    DifficultyStatus, "诉求状态" {
        Open = "待办理",
        InProgress = "办理中",
        /// The one status that closes a difficulty (needs 解决日期 and 办理结果).
        Solved = "已解决",
    }
}

labels! {
    /// 慰问形式 of a holiday visit.
    VisitForm, "慰问形式" {
        Visit = "走访",
        /// The form that needs an amount per recipient.
        Cash = "慰问金",
        Gift = "慰问品",
    }
}

labels! {
    /// 年度考核结果 (第10条), best first.
    AssessmentResult, "考核结果" {
        Excellent = "优秀",
        Pass = "合格",
        BasicPass = "基本合格",
        Fail = "不合格",
    }
}

impl AssessmentResult {
    /// With these a year counts towards promotion (合格 or better).
    pub const fn counts_for_promotion(self) -> bool {
        matches!(self, Self::Excellent | Self::Pass)
    }
}

labels! {
    /// 政治面貌.
    PoliticalStatus, "政治面貌" {
        PartyMember = "中共党员",
        ProbationaryMember = "中共预备党员",
        YouthLeague = "共青团员",
        DemocraticParty = "民主党派成员",
        NonParty = "无党派人士",
        Masses = "群众",
    }
}

impl PoliticalStatus {
    /// Statuses for which 入党时间 applies.
    pub const PARTY_MEMBER: [Self; 2] = [Self::PartyMember, Self::ProbationaryMember];
}

labels! {
    /// 人员类别.
    Category, "人员类别" {
        FullTimeCommittee = "两委专职成员",
        Staff = "社区专职工作人员",
        PartTimeCommittee = "两委兼职成员",
        Seconded = "挂职干部",
    }
}

impl Category {
    /// Only these categories are 社区工作者 for staffing (第1条).
    pub const COUNTED: [Self; 2] = [Self::FullTimeCommittee, Self::Staff];
}

labels! {
    /// 岗位.
    Position, "岗位" {
        Secretary = "书记",
        Director = "主任",
        SecretaryAndDirector = "书记兼主任",
        DeputySecretary = "副书记",
        DeputyDirector = "副主任",
        Member = "委员",
        /// The post of a 社区专职工作人员.
        Staff = "专职工作人员",
    }
}

impl Position {
    /// The 两委 posts (社区党组织和居民委员会的职务).
    pub const COMMITTEE: [Self; 6] = [
        Self::Secretary,
        Self::Director,
        Self::SecretaryAndDirector,
        Self::DeputySecretary,
        Self::DeputyDirector,
        Self::Member,
    ];
}

/// 人员类别 × 职务: the 职务 each 人员类别 may hold (第1条), the one table the record rule
/// (`workers::validate`), the import and the form's instant check all use.
///
/// - 两委专职成员 and 两委兼职成员 hold a 两委 post: 书记, 主任, 书记兼主任, 副书记, 副主任, 委员;
/// - 社区专职工作人员 hold the post 专职工作人员 (their 具体岗位 says what they do);
/// - 挂职干部 (cadres seconded into a community, 第3条) may be given any post, a 两委 post
///   (挂任副书记, 任书记) or a staff post, so every 职务 is accepted for them.
///
/// Worked example: 李四, 社区专职工作人员, recorded as 书记, is refused with “职务“书记”属于两委
/// 成员，人员类别应为“两委专职成员”“两委兼职成员”或“挂职干部”，请修改人员类别或职务。”; as
/// 两委专职成员 (or with the 职务 专职工作人员) the record is saved.
pub const POSTS_BY_CATEGORY: [(Category, &[Position]); 4] = [
    (Category::FullTimeCommittee, &Position::COMMITTEE),
    (Category::PartTimeCommittee, &Position::COMMITTEE),
    (Category::Staff, &[Position::Staff]),
    (Category::Seconded, Position::ALL),
];

impl Category {
    /// The 职务 a person of this category may hold ([`POSTS_BY_CATEGORY`]).
    pub fn posts(self) -> &'static [Position] {
        POSTS_BY_CATEGORY
            .iter()
            .find(|(c, _)| *c == self)
            .map_or(&[], |(_, posts)| *posts)
    }
}

labels! {
    /// 借调 or 抽调 (第17条): both take a worker out of the community for a while.
    SecondmentKind, "借调类型" {
        Borrowed = "借调",
        Drawn = "抽调",
    }
}

labels! {
    /// The level of the unit a worker is seconded to (借入单位层级), chosen by the clerk.
    UnitLevel, "借入单位层级" {
        Street = "街道（乡镇）及所属单位",
        /// Refused outright (第17条); the table's CHECK does not even allow it.
        CountyOrAbove = "县级及以上机关单位",
    }
}

impl UnitLevel {
    /// The levels a secondment may be saved with.
    pub const PERMITTED: [Self; 1] = [Self::Street];
}

labels! {
    /// Where a secondment stands on a date (derived from its dates, never typed).
    SecondmentPhase, "借调状态" {
        NotStarted = "未开始",
        Away = "借调在外",
        Returned = "已归队",
    }
}

labels! {
    /// Whether a secondment has the county's approval (on a date: approved on or before it).
    ApprovalStatus, "审批情况" {
        Approved = "已批准",
        Unapproved = "未经批准",
    }
}

labels! {
    /// 合同类型 (劳动合同法): a fixed term, open-ended, or through a dispatch company.
    ContractKind, "合同类型" {
        FixedTerm = "固定期限",
        OpenEnded = "无固定期限",
        Dispatch = "劳务派遣",
    }
}

labels! {
    /// How a contract ended: 终止 (it ran out, or the law ends it) or 解除 (rescinded early).
    /// Derived from the end reason, never stored (`contracts::end_kind`).
    ContractEndKind, "合同结束方式" {
        Terminated = "终止",
        Rescinded = "解除",
    }
}

labels! {
    /// The reasons a clerk ends a contract on the 合同 tab; each records the person's exit
    /// with the reason of the same name, in the same transaction.
    ContractEndReason, "合同终止（解除）原因" {
        ExpiredNotRenewed = "合同到期不续签",
        Resigned = "辞职",
        Dismissed = "解聘",
        Recalled = "罢免",
    }
}

labels! {
    /// Where a contract stands on a date (derived from its dates, never typed).
    ContractPhase, "合同状态" {
        NotStarted = "未开始",
        InForce = "履行中",
        Expired = "已到期",
        Ended = "已终止",
    }
}

labels! {
    /// 试用期考核结果 (第9条 试用期筛选). 延长试用期 is in the list only to be refused with the
    /// law's reason (劳动合同法第十九条): the table's CHECK does not allow it.
    ProbationOutcome, "试用期考核结果" {
        Confirmed = "转正",
        NotHired = "不予录用",
        Extended = "延长试用期",
    }
}

impl ProbationOutcome {
    /// The outcomes a review may be saved with.
    pub const PERMITTED: [Self; 2] = [Self::Confirmed, Self::NotHired];
}

labels! {
    /// What a contract is flagged for on a date (warnings, never refusals).
    ContractFlagKind, "合同提示" {
        OpenEndedRight = "可要求无固定期限",
        PastRetirement = "超过法定退休年龄",
        EndingSoon = "即将到期",
        ExpiredNotRenewed = "合同到期未续",
        ProbationUnreviewed = "试用期未考核",
    }
}

labels! {
    /// The roster's 合同 filter.
    ContractFilter, "合同筛选" {
        EndingSoon = "合同到期",
        Probation = "试用期",
        /// Probation over within the reminder window (or already), no outcome recorded.
        ProbationEnding = "试用期将满",
        ExpiredNotRenewed = "合同到期未续",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn labels_round_trip_through_json_text_and_sqlite() {
        let conn = Connection::open_in_memory().expect("db");
        for s in DifficultyStatus::ALL {
            let json = serde_json::to_string(s).expect("json");
            assert_eq!(json, format!("\"{}\"", s.as_str()));
            assert_eq!(
                serde_json::from_str::<DifficultyStatus>(&json).expect("back"),
                *s
            );
            assert_eq!(DifficultyStatus::parse(s.as_str()), Some(*s));
            let back: DifficultyStatus = conn
                .query_row("SELECT ?1", [s], |r| r.get(0))
                .expect("sqlite");
            assert_eq!(back, *s);
        }
        assert_eq!(
            DifficultyStatus::LABELS,
            ["待办理", "办理中", "已解决"],
            "LABELS follow ALL"
        );
    }

    #[test]
    fn an_unknown_label_is_a_clear_error() {
        let conn = Connection::open_in_memory().expect("db");
        let err = conn
            .query_row("SELECT '搁置'", [], |r| r.get::<_, DifficultyStatus>(0))
            .expect_err("unknown");
        assert!(
            err.to_string().contains("“搁置”不是诉求状态中的值"),
            "{err}"
        );
        assert!(serde_json::from_str::<VisitForm>("\"红包\"").is_err());
        assert_eq!(VisitForm::parse("红包"), None);
    }

    #[test]
    fn sql_lists_quote_each_label() {
        assert_eq!(
            WorkerStatus::sql_list(&WorkerStatus::CARE),
            "('试用期', '在岗', '退休')"
        );
    }

    #[test]
    fn every_category_has_its_posts_and_every_post_a_category() {
        for c in Category::ALL {
            let listed = POSTS_BY_CATEGORY.iter().filter(|(x, _)| x == c).count();
            assert_eq!(listed, 1, "{c} listed once");
            assert!(!c.posts().is_empty(), "{c}");
        }
        for p in Position::ALL {
            assert!(
                Category::COUNTED.iter().any(|c| c.posts().contains(p)),
                "a community worker can hold {p}"
            );
        }
        assert!(!Category::Staff.posts().contains(&Position::Secretary));
        assert!(!Category::FullTimeCommittee
            .posts()
            .contains(&Position::Staff));
        assert!(Category::PartTimeCommittee
            .posts()
            .contains(&Position::Member));
    }

    #[test]
    fn typescript_is_a_union_of_the_labels() {
        let cfg = ts_rs::Config::default();
        assert_eq!(
            VisitForm::decl(&cfg),
            "type VisitForm = \"走访\" | \"慰问金\" | \"慰问品\";"
        );
    }
}
