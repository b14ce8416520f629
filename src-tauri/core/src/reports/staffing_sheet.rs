//! 配备情况 (第3条): per community, the standard of 18 per 10,000 urban residents against
//! the community workers in post, with a street total. The figures are `staffing::staffing`.

use super::format::{self, Cell, Column, Group, Kind, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::staffing::{StaffingRow, STANDARD_PER_10K};
use rust_xlsxwriter::Worksheet;

fn groups() -> Vec<Group> {
    vec![
        Group::single(Column::new("序号", Kind::Int, 5.0, 6.0)),
        Group::single(Column::new("社区", Kind::Wrap, 10.0, 18.0)),
        Group::single(Column::new("城镇常住人口（人）", Kind::Int, 9.0, 12.0)),
        Group::of(
            format!("按每万城镇常住人口{STANDARD_PER_10K}人应配"),
            vec![
                Column::new("精确值", Kind::Decimal2, 9.0, 11.0),
                Column::new("应配人数", Kind::Int, 9.0, 11.0),
            ],
        ),
        Group::of(
            "实有社区工作者",
            vec![
                Column::new("合计", Kind::Int, 8.0, 10.0),
                Column::new("两委专职成员", Kind::Int, 9.0, 11.0),
                Column::new("社区专职工作人员", Kind::Int, 9.0, 11.0),
            ],
        ),
        Group::single(Column::new(
            "差额（应配−实有，正数为缺额）",
            Kind::Int,
            11.0,
            13.0,
        )),
        Group::single(Column::new("每万人拥有数", Kind::Decimal2, 9.0, 11.0)),
        Group::of(
            "其中借调在外",
            vec![
                Column::new("人数", Kind::Int, 7.0, 9.0),
                Column::new("未经批准", Kind::Int, 8.0, 10.0),
            ],
        ),
    ]
}

fn cells(index: Option<usize>, r: &StaffingRow) -> Vec<Cell> {
    vec![
        index.map_or(Cell::Blank, |i| Cell::Int(i as i64 + 1)),
        Cell::text(&r.name),
        Cell::Int(r.population),
        Cell::Num(r.standard_exact),
        Cell::Int(r.standard_headcount),
        Cell::Int(r.actual),
        Cell::Int(r.two_committee),
        Cell::Int(r.full_time_staff),
        Cell::Int(r.gap),
        r.per_10k.map_or(Cell::Blank, Cell::Num),
        Cell::Int(r.seconded_away),
        Cell::Int(r.seconded_unapproved),
    ]
}

/// Why the 全街道合计 row's 应配 differs from the column's sum, with this sheet's numbers:
/// the street's standard is rounded up once from the street's population, each
/// community's separately, so adding the rows by hand gives more.
fn rounding_note(s: &crate::staffing::Staffing) -> String {
    let sum: i64 = s.communities.iter().map(|r| r.standard_headcount).sum();
    let total = s.total.standard_headcount;
    if sum == total {
        "全街道应配人数按全街道人口计算，本表与各社区应配人数之和相等。".to_string()
    } else {
        format!(
            "“全街道合计”的应配人数按全街道人口 {} 人一次计算为 {total} 人；各社区分别向上取整后相加为 {sum} 人，\
             多出的 {} 人是逐个社区取整造成的，所以合计行的应配人数和差额不等于上面各行相加，以合计行为准。",
            s.total.population,
            sum - total
        )
    }
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let s = &report.staffing;
    let mut rows: Vec<Vec<Cell>> = s
        .communities
        .iter()
        .enumerate()
        .map(|(i, r)| cells(Some(i), r))
        .collect();
    rows.push(cells(None, &s.total));
    format::community_table(
        ws,
        styles,
        &format::CommunityTable {
            title: "社区工作者配备情况表",
            subtitle_left: format!("填报单位：{}", report.unit()),
            subtitle_right: format!(
                "统计截止日期：{}    单位：人",
                format::chinese_date(report.as_of)
            ),
            groups: groups(),
            totals_from: rows.len() - 1,
            rows,
            note: &format!(
                "注：应配人数 = 城镇常住人口 × {STANDARD_PER_10K} ÷ 10000，向上取整。{rounding}\
                 实有社区工作者为统计截止日期在岗（含试用期）的两委专职成员和社区专职工作人员，\
                 即花名册中这两类在岗人员的人数；花名册另列的兼职、挂职等人员不计入实有。\
                 借调在外的人员仍是本社区的社区工作者，计入实有；未经批准指没有县级党委社会工作部门批准的借调（第17条），逐人见“借调情况”。",
                rounding = rounding_note(s),
            ),
        },
    )?;
    Ok(s.communities.len())
}
