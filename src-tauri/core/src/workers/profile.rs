//! 队伍画像: the home page's team charts. The people in post on a date (在岗 and 试用期, every
//! category) counted by age band, 学历, 人员类别, 职业资格 and 岗位等级, each count taken from
//! the roster's own query (`roster_counts`), so a bar opens exactly the people it counts: the
//! roster with `inPost` and the chart's filter set to the bar's value.

use super::roster::{roster_counts, GroupBy, RosterQuery, NO_GRADE};
use crate::dates;
use crate::error::Result;
use crate::vocab;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamBar {
    pub label: String,
    /// What the roster's filter takes to list these people.
    pub value: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamChart {
    pub title: String,
    /// The roster filter a bar sets: ageBand, education, category, certificate or grade.
    pub filter: String,
    pub bars: Vec<TeamBar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TeamProfile {
    pub as_of: String,
    /// People in post on the date, every category.
    pub in_post: i64,
    pub charts: Vec<TeamChart>,
}

/// Bars in the order of `order` (a closed list), anything else after it by count.
fn ordered(counts: Vec<(String, i64)>, order: &[&str]) -> Vec<TeamBar> {
    let mut bars: Vec<(usize, TeamBar)> = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .enumerate()
        .map(|(i, (value, count))| {
            let rank = order
                .iter()
                .position(|o| *o == value)
                .unwrap_or(order.len() + i);
            let label = if value.is_empty() {
                "未填写".to_string()
            } else {
                value.clone()
            };
            (
                rank,
                TeamBar {
                    label,
                    value,
                    count,
                },
            )
        })
        .collect();
    bars.sort_by_key(|(rank, _)| *rank);
    bars.into_iter().map(|(_, b)| b).collect()
}

/// Grades by category, then level as a number ("社区专职工作人员 10 级" after "… 9 级"),
/// 未定级 last.
fn grade_order(mut bars: Vec<TeamBar>) -> Vec<TeamBar> {
    bars.sort_by_cached_key(|b| {
        let mut words = b.value.rsplitn(3, ' ').skip(1);
        let level: i64 = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        let category = words.next().unwrap_or_default().to_string();
        (b.value == NO_GRADE, category, level)
    });
    bars
}

pub fn team_profile(conn: &Connection, as_of: NaiveDate) -> Result<TeamProfile> {
    let q = RosterQuery {
        in_post: Some(true),
        as_of: Some(dates::text(as_of)),
        page: 1,
        page_size: 1,
        ..Default::default()
    };
    let count = |by| roster_counts(conn, &q, as_of, by);
    let mut certificate_order = vocab::CERTIFICATE_KINDS.to_vec();
    certificate_order.push("无");
    let charts = vec![
        TeamChart {
            title: "年龄段".into(),
            filter: "ageBand".into(),
            bars: ordered(count(GroupBy::AgeBand)?, vocab::AGE_BANDS),
        },
        TeamChart {
            title: "学历".into(),
            filter: "education".into(),
            bars: ordered(count(GroupBy::Education)?, vocab::EDUCATION_LEVELS),
        },
        TeamChart {
            title: "人员类别".into(),
            filter: "category".into(),
            bars: ordered(count(GroupBy::Category)?, vocab::CATEGORIES),
        },
        TeamChart {
            title: "职业资格".into(),
            filter: "certificate".into(),
            bars: ordered(count(GroupBy::Certificate)?, &certificate_order),
        },
        TeamChart {
            title: "岗位等级".into(),
            filter: "grade".into(),
            bars: grade_order(ordered(count(GroupBy::Grade)?, &[])),
        },
    ];
    let in_post = charts[0].bars.iter().map(|b| b.count).sum();
    Ok(TeamProfile {
        as_of: dates::text(as_of),
        in_post,
        charts,
    })
}
