//! 岗位等级与薪酬 (第4条、第12条): as of the as-of date, per community and for the street,
//! the community workers in post by 岗位类别 (people, lowest, highest and average level),
//! those without a grade, and 人员经费 from the salary standard in effect. The people are
//! those 队伍结构 counts; the grade is the one in effect on the as-of date (as on the
//! roster's 岗位类别 and 岗位等级 columns); the amounts are `grades::salary_totals`.

use super::format::{self, Cell, Column, Group, Kind, Styles};
use super::roster::Grade;
use super::{Report, Tracker};
use crate::error::Result;
use crate::grades::{self, UnitTotal};
use crate::workers::WorkerRecord;
use chrono::Datelike;
use rust_xlsxwriter::Worksheet;
use std::collections::HashMap;

/// One category's people and levels in one community.
#[derive(Default, Clone)]
struct Levels {
    people: i64,
    min: Option<i64>,
    max: Option<i64>,
    sum: i64,
}

impl Levels {
    fn add(&mut self, level: i64) {
        self.people += 1;
        self.sum += level;
        self.min = Some(self.min.map_or(level, |m| m.min(level)));
        self.max = Some(self.max.map_or(level, |m| m.max(level)));
    }

    fn cells(&self) -> [Cell; 4] {
        let level = |l: Option<i64>| l.map_or(Cell::Blank, Cell::Int);
        [
            Cell::Int(self.people),
            level(self.min),
            level(self.max),
            if self.people == 0 {
                Cell::Blank
            } else {
                Cell::Num(self.sum as f64 / self.people as f64)
            },
        ]
    }
}

/// A community's (or the street's) people by category.
struct Tally {
    people: i64,
    by_category: Vec<Levels>,
    ungraded: i64,
}

impl Tally {
    fn new(categories: usize) -> Tally {
        Tally {
            people: 0,
            by_category: vec![Levels::default(); categories],
            ungraded: 0,
        }
    }

    fn add(&mut self, grade: Option<&Grade>, categories: &[String]) {
        self.people += 1;
        match grade.and_then(|g| {
            categories
                .iter()
                .position(|c| *c == g.category)
                .map(|i| (i, g.level))
        }) {
            Some((i, level)) => self.by_category[i].add(level),
            None => self.ungraded += 1,
        }
    }

    fn cells(&self, money: Option<&UnitTotal>) -> Vec<Cell> {
        let mut out = vec![Cell::Int(self.people)];
        for l in &self.by_category {
            out.extend(l.cells());
        }
        out.push(Cell::Int(self.ungraded));
        let yuan = |fen: i64| Cell::Num(fen as f64 / 100.0);
        match money {
            Some(m) => out.extend([
                yuan(m.monthly_fen),
                yuan(m.annual_fen),
                Cell::Int(m.without_standard),
            ]),
            None => out.extend([Cell::Num(0.0), Cell::Num(0.0), Cell::Int(0)]),
        }
        out
    }
}

/// The categories to show, with their headers: the scheme in effect's, highest first, with
/// their level ranges, then any other category a grade in effect was recorded under (an
/// earlier scheme's name). Also what the note says of the scheme.
struct Categories {
    names: Vec<String>,
    headers: Vec<String>,
    scheme: String,
}

fn categories(report: &Report, people: &[&WorkerRecord]) -> Result<Categories> {
    let scheme = grades::scheme_in_effect(report.conn, report.as_of)?;
    let (mut names, mut headers) = (Vec::new(), Vec::new());
    for c in scheme.iter().flat_map(|s| &s.input.categories) {
        names.push(c.name.clone());
        headers.push(format!("{}（{}–{}级）", c.name, c.min_level, c.max_level));
    }
    for p in people {
        if let Some(g) = report.extras.grades.get(&p.worker.id) {
            if !names.contains(&g.category) {
                names.push(g.category.clone());
                headers.push(g.category.clone());
            }
        }
    }
    Ok(Categories {
        names,
        headers,
        scheme: match &scheme {
            Some(s) => format!("岗位等级方案为“{}”", s.input.name),
            None => "统计截止日期还没有生效的岗位等级方案".to_string(),
        },
    })
}

fn groups(headers: &[String]) -> Vec<Group> {
    let mut g = vec![
        Group::single(Column::new("序号", Kind::Int, 4.5, 6.0)),
        Group::single(Column::new("社区", Kind::Wrap, 7.0, 12.0)),
        Group::single(Column::new("在岗人数", Kind::Int, 6.2, 7.0)),
    ];
    for title in headers {
        g.push(Group::of(
            title.clone(),
            vec![
                Column::new("人数", Kind::Int, 5.0, 6.0),
                Column::new("最低级", Kind::Int, 5.0, 6.0),
                Column::new("最高级", Kind::Int, 5.0, 6.0),
                Column::new("平均等级", Kind::Decimal1, 5.0, 6.0),
            ],
        ));
    }
    g.push(Group::single(Column::new(
        "未定级人数",
        Kind::Int,
        6.2,
        7.0,
    )));
    g.push(Group::of(
        "人员经费",
        vec![
            Column::new("本月合计（元）", Kind::Yuan, 10.0, 14.0),
            Column::new("全年合计（元）", Kind::Yuan, 11.0, 15.0),
            Column::new("未核定标准人数", Kind::Int, 6.2, 8.0),
        ],
    ));
    g
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let people: Vec<&WorkerRecord> = report.community_workers().collect();
    let Categories {
        names,
        headers,
        scheme: scheme_text,
    } = categories(report, &people)?;
    let money = grades::salary_totals(report.conn, report.as_of)?;
    let mut by_community: HashMap<i64, Tally> = HashMap::new();
    let mut street = Tally::new(names.len());
    for p in &people {
        let grade = report.extras.grades.get(&p.worker.id);
        by_community
            .entry(p.worker.input.community_id)
            .or_insert_with(|| Tally::new(names.len()))
            .add(grade, &names);
        street.add(grade, &names);
    }
    let empty = Tally::new(names.len());
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (i, c) in report.staffing.communities.iter().enumerate() {
        let tally = c
            .community_id
            .and_then(|id| by_community.get(&id))
            .unwrap_or(&empty);
        let unit = money
            .communities
            .iter()
            .find(|u| u.community_id.is_some() && u.community_id == c.community_id);
        let mut row = vec![Cell::Int(i as i64 + 1), Cell::text(&c.name)];
        row.extend(tally.cells(unit));
        rows.push(row);
    }
    let mut total = vec![Cell::Blank, Cell::text("全街道合计")];
    total.extend(street.cells(Some(&money.street)));
    rows.push(total);

    let version = grades::list_salary_versions(report.conn)?
        .into_iter()
        .rev()
        .find(|v| v.input.effective_from.as_str() <= crate::dates::text(report.as_of).as_str());
    let version_text = match &version {
        Some(v) => format!(
            "薪酬标准为“{}”（{}起执行）",
            v.input.name, v.input.effective_from
        ),
        None => "统计截止日期还没有执行的薪酬标准".to_string(),
    };
    let note = format!(
        "注：统计对象为统计截止日期在岗（含试用期）的两委专职成员和社区专职工作人员，与配备情况表、队伍结构表一致（花名册另列的兼职、挂职等人员不在本表统计）；\
         岗位类别和等级为统计截止日期有效的岗位等级记录，与花名册“岗位类别”“岗位等级”两列一致，\
         {scheme_text}。人员经费按岗位等级薪酬标准（含证书津贴）计算，{version_text}：\
         本月合计为统计截止日期在岗人员的月标准之和；全年合计为{year}年1月至12月逐月相加，\
         每月按当月1日在岗的人员和当日执行的标准计算，统计截止日期以后的月份按已登记的人员和标准测算。\
         未核定标准人数为未定级或薪酬标准中没有其等级金额的人数，其经费未计入合计。",
        year = report.as_of.year(),
    );
    format::community_table(
        ws,
        styles,
        &format::CommunityTable {
            title: "社区工作者岗位等级与薪酬情况表",
            subtitle_left: format!("填报单位：{}", report.unit()),
            subtitle_right: format!(
                "统计截止日期：{}    单位：人、级、元",
                format::chinese_date(report.as_of)
            ),
            groups: groups(&headers),
            totals_from: rows.len() - 1,
            rows,
            note: &note,
        },
    )?;
    Ok(street.people as usize)
}
