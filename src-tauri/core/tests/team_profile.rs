//! 队伍画像 (the home page's team charts): every bar is the roster's total with `inPost` and
//! the chart's filter set to the bar's value, on the demo street and as of the date asked.

mod common;
use common::{d, demo_street, roster_total};
use shegong_core::workers::{team_profile, RosterQuery, NO_GRADE};

#[test]
fn every_bar_opens_exactly_the_people_it_counts() {
    let conn = demo_street(3, 4, "2026-06-30");
    for as_of in ["2026-06-30", "2024-01-01"] {
        let profile = team_profile(&conn, d(as_of)).expect("profile");
        let total = |q: RosterQuery| {
            let q = RosterQuery {
                in_post: Some(true),
                ..q
            };
            roster_total(&conn, as_of, q)
        };
        assert_eq!(profile.in_post, total(RosterQuery::default()), "{as_of}");
        assert!(profile.in_post > 0);
        for chart in &profile.charts {
            assert!(!chart.bars.is_empty(), "{as_of} {}", chart.title);
            for bar in &chart.bars {
                let v = Some(bar.value.clone());
                let q = match chart.filter.as_str() {
                    "ageBand" => RosterQuery {
                        age_band: v,
                        ..Default::default()
                    },
                    "education" => RosterQuery {
                        education: v,
                        ..Default::default()
                    },
                    "category" => RosterQuery {
                        category: v,
                        ..Default::default()
                    },
                    "certificate" => RosterQuery {
                        certificate: v,
                        ..Default::default()
                    },
                    "grade" => RosterQuery {
                        grade: v,
                        ..Default::default()
                    },
                    other => panic!("unknown filter {other}"),
                };
                assert_eq!(bar.count, total(q), "{as_of} {} {}", chart.title, bar.label);
            }
        }
        // Each person has one age band, 学历, category and grade: those charts add up.
        for title in ["年龄段", "学历", "人员类别", "岗位等级"] {
            let chart = profile
                .charts
                .iter()
                .find(|c| c.title == title)
                .expect("chart");
            let sum: i64 = chart.bars.iter().map(|b| b.count).sum();
            assert_eq!(sum, profile.in_post, "{as_of} {title}");
        }
    }
    let profile = team_profile(&conn, d("2026-06-30")).expect("profile");
    let grades = &profile
        .charts
        .iter()
        .find(|c| c.filter == "grade")
        .expect("grades")
        .bars;
    assert!(
        grades.iter().any(|b| b.value.ends_with(" 级")),
        "{grades:?}"
    );
    if let Some(i) = grades.iter().position(|b| b.value == NO_GRADE) {
        assert_eq!(i, grades.len() - 1, "未定级 last");
    }
    let bands: Vec<&str> = profile.charts[0]
        .bars
        .iter()
        .map(|b| b.label.as_str())
        .collect();
    let mut sorted = bands.clone();
    sorted.sort_by_key(|b| shegong_core::vocab::AGE_BANDS.iter().position(|x| x == b));
    assert_eq!(bands, sorted, "age bands youngest first");
}
