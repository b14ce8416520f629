//! 队伍结构: the make-up of the community workers in post (the same people the roster lists
//! as 两委专职成员 and 社区专职工作人员 in post): gender, age band and average age,
//! education, political status, social-work qualification and 持证率, and source; a row per
//! community, a street total, and the street's shares.

use super::format::{self, Cell, Column, Group, Kind, Styles};
use super::{Report, Tracker};
use crate::error::Result;
use crate::vocab;
use crate::workers::WorkerRecord;
use rust_xlsxwriter::Worksheet;
use std::collections::HashMap;

const HEADER_ROW: u32 = 2;
/// Source is optional on the person form; those without one are counted here.
const NO_SOURCE: &str = "未填写";

/// A breakdown: its title, its labels (whose counts add up to the total) and a person's label.
struct Dimension {
    title: &'static str,
    labels: Vec<&'static str>,
    of: fn(&WorkerRecord) -> &str,
}

fn dimensions() -> [Dimension; 5] {
    let mut sources = vocab::SOURCES.to_vec();
    sources.push(NO_SOURCE);
    [
        Dimension {
            title: "性别",
            labels: vec!["男", "女"],
            of: |r| &r.worker.gender,
        },
        Dimension {
            title: "年龄",
            labels: vocab::AGE_BANDS.to_vec(),
            of: |r| vocab::age_band(r.worker.age),
        },
        Dimension {
            title: "学历",
            labels: vocab::EDUCATION_BANDS.to_vec(),
            of: |r| vocab::education_band(&r.worker.input.education),
        },
        Dimension {
            title: "政治面貌",
            labels: vocab::POLITICAL_STATUSES.to_vec(),
            of: |r| &r.worker.input.political_status,
        },
        Dimension {
            title: "来源",
            labels: sources,
            of: |r| r.worker.input.source.as_deref().unwrap_or(NO_SOURCE),
        },
    ]
}

/// The highest social-work level a person holds (index into SOCIAL_WORK_LEVELS).
fn highest_level(r: &WorkerRecord) -> Option<usize> {
    r.certificates
        .iter()
        .filter_map(|k| vocab::SOCIAL_WORK_LEVELS.iter().position(|l| l == k))
        .max()
}

#[derive(Default)]
struct Tally {
    total: i64,
    age_sum: i64,
    /// Per dimension, per label.
    counts: HashMap<(&'static str, String), i64>,
    levels: [i64; 3],
}

impl Tally {
    fn add(&mut self, r: &WorkerRecord, dims: &[Dimension]) {
        self.total += 1;
        self.age_sum += r.worker.age;
        for d in dims {
            *self
                .counts
                .entry((d.title, (d.of)(r).to_string()))
                .or_default() += 1;
        }
        if let Some(l) = highest_level(r) {
            self.levels[l] += 1;
        }
    }

    fn count(&self, dim: &'static str, label: &str) -> i64 {
        self.counts
            .get(&(dim, label.to_string()))
            .copied()
            .unwrap_or(0)
    }

    fn holders(&self) -> i64 {
        self.levels.iter().sum()
    }

    fn share(&self, n: i64) -> Cell {
        if self.total == 0 {
            Cell::Blank
        } else {
            Cell::Num(n as f64 / self.total as f64)
        }
    }

    /// The cells after 序号 and 社区, in the order of [`groups`].
    fn cells(&self, dims: &[Dimension]) -> Vec<Cell> {
        let mut out = vec![Cell::Int(self.total)];
        for d in dims {
            out.extend(d.labels.iter().map(|l| Cell::Int(self.count(d.title, l))));
            if d.title == "年龄" {
                out.push(if self.total == 0 {
                    Cell::Blank
                } else {
                    Cell::Num(self.age_sum as f64 / self.total as f64)
                });
            }
            if d.title == "政治面貌" {
                out.extend(self.levels.iter().map(|n| Cell::Int(*n)));
                out.push(Cell::Int(self.holders()));
                out.push(self.share(self.holders()));
            }
        }
        out
    }

    /// Each count as a share of the total, in the same columns.
    fn shares(&self, dims: &[Dimension]) -> Vec<Cell> {
        let mut out = vec![self.share(self.total)];
        for d in dims {
            out.extend(d.labels.iter().map(|l| self.share(self.count(d.title, l))));
            if d.title == "年龄" {
                out.push(Cell::Blank);
            }
            if d.title == "政治面貌" {
                out.extend(self.levels.iter().map(|n| self.share(*n)));
                out.push(self.share(self.holders()));
                out.push(Cell::Blank);
            }
        }
        out
    }
}

fn count_col(label: &str) -> Column {
    // Wide enough for a share such as 100.0% in the 占比 row.
    Column::new(label, Kind::Int, 6.2, 7.0)
}

fn groups(dims: &[Dimension]) -> Vec<Group> {
    let mut g = vec![
        Group::single(Column::new("序号", Kind::Int, 4.5, 6.0)),
        Group::single(Column::new("社区", Kind::Wrap, 7.0, 12.0)),
        Group::single(count_col("人数合计")),
    ];
    for d in dims {
        let mut cols: Vec<Column> = d.labels.iter().map(|l| count_col(l)).collect();
        if d.title == "年龄" {
            cols.push(Column::new("平均年龄", Kind::Decimal1, 6.2, 7.0));
        }
        g.push(Group::of(d.title, cols));
        if d.title == "政治面貌" {
            let mut q: Vec<Column> = vocab::SOCIAL_WORK_LEVELS
                .iter()
                .map(|l| count_col(l))
                .collect();
            q.push(count_col("持证合计"));
            q.push(Column::new("持证率", Kind::Percent, 6.2, 7.0));
            g.push(Group::of("社会工作职业资格", q));
        }
    }
    g
}

pub(crate) fn build(
    report: &Report,
    ws: &mut Worksheet,
    styles: &Styles,
    _tracker: &mut Tracker,
) -> Result<usize> {
    let dims = dimensions();
    let mut by_community: HashMap<i64, Tally> = HashMap::new();
    let mut street = Tally::default();
    for r in report.community_workers() {
        by_community
            .entry(r.worker.input.community_id)
            .or_default()
            .add(r, &dims);
        street.add(r, &dims);
    }
    let empty = Tally::default();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for (i, c) in report.staffing.communities.iter().enumerate() {
        let tally = c
            .community_id
            .and_then(|id| by_community.get(&id))
            .unwrap_or(&empty);
        let mut row = vec![Cell::Int(i as i64 + 1), Cell::text(&c.name)];
        row.extend(tally.cells(&dims));
        rows.push(row);
    }
    let mut total = vec![Cell::Blank, Cell::text("全街道合计")];
    total.extend(street.cells(&dims));
    rows.push(total);
    let mut shares = vec![Cell::Blank, Cell::text("占比")];
    shares.extend(street.shares(&dims));

    let groups = groups(&dims);
    let columns = format::flatten(&groups);
    let last_col = (columns.len() - 1) as u16;
    let widths = format::fit_widths(&columns, &rows);
    format::title_rows(
        ws,
        styles,
        "社区工作者队伍结构情况表",
        &format!("填报单位：{}", report.unit()),
        &format!(
            "统计截止日期：{}    单位：人",
            format::chinese_date(report.as_of)
        ),
        last_col,
    )?;
    format::set_widths(ws, &widths)?;
    format::grouped_header(ws, styles, HEADER_ROW, &groups, &widths)?;
    let mut r = HEADER_ROW + 2;
    let total_index = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        format::write_row(ws, styles, r, &columns, &widths, row, i == total_index)?;
        r += 1;
    }
    // The shares row: every count column shown as a percent of the street total.
    for (c, (col, cell)) in columns.iter().zip(&shares).enumerate() {
        let kind = match (col.kind, cell) {
            (Kind::Int | Kind::Decimal1 | Kind::Percent, Cell::Num(_) | Cell::Blank) if c >= 2 => {
                Kind::Percent
            }
            (k, _) => k,
        };
        format::put_cell(ws, styles, r, c as u16, kind, true, cell)?;
    }
    r += 1;
    format::note(
        ws,
        styles,
        r + 1,
        last_col,
        "注：统计对象为统计截止日期在岗（含试用期）的社区工作者（两委专职成员和社区专职工作人员），人数合计与配备情况表的实有人数一致，即花名册中这两类在岗人员的人数（花名册另列的兼职、挂职等人员不在本表统计）。\
         年龄按统计截止日期计算；学历按最高学历；社会工作职业资格每人按所持最高等级计一次，持证率 = 持证合计 ÷ 人数合计。",
    )?;
    format::print_setup(ws, (HEADER_ROW, HEADER_ROW + 1), 2)?;
    Ok(street.total as usize)
}
