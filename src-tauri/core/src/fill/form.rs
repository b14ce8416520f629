//! What a form holds: its data area (blank rows up to a footer such as 合计 or 填表人, or the
//! rows the county listed), whether rows are people or communities, and what fills each
//! column (remembered, chosen, or proposed by its header).

use super::*;

/// Text that starts a footer row under a form's data area.
pub(super) const FOOTER_MARKS: &[&str] = &[
    "合计",
    "全街道",
    "总计",
    "小计",
    "填表人",
    "填报人",
    "制表人",
    "审核人",
    "负责人",
    "单位负责人",
    "联系电话",
    "填表日期",
    "填报日期",
    "填表时间",
    "说明",
    "注:",
    "注：",
    "备注:",
    "备注：",
];

pub(super) fn is_footer(row: &read::Row) -> bool {
    row.cells.iter().any(|c| match c {
        BookCell::Text(t) => {
            let k = key(t);
            FOOTER_MARKS.iter().any(|m| k.starts_with(&key(m)))
        }
        _ => false,
    })
}

/// A totals row (合计, 总计) as opposed to a signature or notes line.
pub(super) fn is_totals(row: &read::Row) -> bool {
    row.cells.iter().any(|c| match c {
        BookCell::Text(t) => {
            let k = key(t);
            ["合计", "总计", "全街道", "小计"]
                .iter()
                .any(|m| k.starts_with(m))
        }
        _ => false,
    })
}

/// The form's data area, as found in its cells and XML.
pub(super) struct Area {
    pub(super) first: u32,
    pub(super) footer: Option<u32>,
    pub(super) footer_is_totals: bool,
    /// The last row of the data area with formatting of its own, for new rows to copy.
    pub(super) template: Option<u32>,
    pub(super) formula_cols: HashSet<u32>,
    pub(super) xml: Option<xlsx::SheetXml>,
}

pub(super) fn area(form: &Form) -> Result<Area> {
    let sheet = form.sheet();
    let first = form.found.data_start;
    let xml = match form.book.format {
        Format::Xlsx => Some(xlsx::read_sheet(
            &form.path,
            form.book.file_name(),
            &sheet.name,
        )?),
        _ => None,
    };
    // A totals row sums the rows above it: a formula with a vertical range that ends
    // above its own row. Per-row formulas (=SUM(C5:E5), =SUBTOTAL(3,$B$5:B5),
    // =COUNTIF($C$5:$C$24,C5)) are not totals.
    let sums = |r: u32| {
        xml.as_ref().is_some_and(|x| {
            x.rows.get(&r).is_some_and(|row| {
                row.cells.values().any(|c| {
                    c.formula.as_deref().is_some_and(|f| {
                        refs::row_ranges(f)
                            .iter()
                            .any(|(r1, r2)| r1 < r2 && *r2 <= r)
                    })
                })
            })
        })
    };
    let mut footer = sheet
        .rows
        .iter()
        .filter(|r| r.index >= first)
        .find(|r| is_footer(r))
        .map(|r| r.index);
    if let Some(x) = &xml {
        if let Some(r) = x
            .rows
            .keys()
            .copied()
            .filter(|r| *r >= first)
            .find(|r| sums(*r))
        {
            footer = Some(footer.map_or(r, |f| f.min(r)));
        }
    }
    let footer_is_totals =
        footer.is_some_and(|f| header_row_at(sheet, f).is_some_and(is_totals) || sums(f));
    let end = footer.unwrap_or(u32::MAX);
    let (template, formula_cols) = match &xml {
        Some(x) => {
            let in_area = x.rows.range(first..end);
            let template = in_area
                .clone()
                .filter(|(_, r)| !r.cells.is_empty() || r.style.is_some())
                .map(|(i, _)| *i)
                .next_back();
            let formulas = in_area
                .flat_map(|(_, r)| {
                    r.cells
                        .iter()
                        .filter(|(_, c)| c.formula.is_some())
                        .map(|(col, _)| *col)
                })
                .collect();
            (template, formulas)
        }
        None => (None, HashSet::new()),
    };
    Ok(Area {
        first,
        footer,
        footer_is_totals,
        template,
        formula_cols,
        xml,
    })
}

pub(super) fn header_row_at(sheet: &Sheet, index: u32) -> Option<&read::Row> {
    crate::import::header::row_at(sheet, index)
}

/// The row kind a header shows: people when it names 姓名 or 身份证号.
/// The row kind a header shows. An ID number column means people. Otherwise the columns
/// are read both ways: more figures a community has (人口, 应配, 女, 35岁及以下 …) than
/// facts a person has (性别, 出生年月, 学历 …) means communities, so that a community form
/// with a 书记姓名 column is not taken for a list of people; a 姓名 column decides the rest.
pub(super) fn kind_of(found: &Found<&'static str>) -> RowKind {
    let as_people: Vec<Option<&str>> = found
        .headers
        .iter()
        .map(|h| sources::match_source(RowKind::People, h))
        .collect();
    if as_people.contains(&Some("p.id")) {
        return RowKind::People;
    }
    let person_facts = as_people
        .iter()
        .flatten()
        .filter(|k| !matches!(**k, "p.seq" | "p.name" | "p.community" | "p.phone"))
        .count();
    let community_figures = found
        .headers
        .iter()
        .filter_map(|h| sources::match_source(RowKind::Communities, h))
        .filter(|k| !matches!(*k, "c.seq" | "c.name" | "c.secretary"))
        .count();
    if community_figures > person_facts {
        RowKind::Communities
    } else if as_people.contains(&Some("p.name")) || community_figures == 0 {
        RowKind::People
    } else {
        RowKind::Communities
    }
}

pub(super) fn inspect_with(
    conn: &Connection,
    form: &Form,
    kind: Option<RowKind>,
    chosen: Option<&[Option<String>]>,
) -> Result<FormInspection> {
    let sheet = form.sheet();
    let found = &form.found;
    let area = area(form)?;
    let sig = signature(&found.headers);
    let memory = memory(conn)?;
    let remembered = memory
        .get(&sig)
        .filter(|m| m.columns.len() == found.headers.len() && kind.is_none_or(|k| k == m.kind));
    let kind = kind
        .or(remembered.map(|m| m.kind))
        .unwrap_or_else(|| kind_of(found));
    let known: HashSet<&str> = sources::keys_and_labels(kind)
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let mut notes = Vec::new();
    let columns: Vec<FormColumn> = found
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let formula = area.formula_cols.contains(&(i as u32));
            let source = match (chosen, remembered) {
                (Some(c), _) => c.get(i).cloned().flatten(),
                (None, Some(m)) => m.columns[i].clone(),
                (None, None) => sources::match_source(kind, header).map(str::to_string),
            }
            .filter(|k| known.contains(k.as_str()))
            .filter(|_| !formula && (chosen.is_some() || !header.trim().is_empty()));
            FormColumn {
                index: i as u32,
                letter: crate::import::column_letter(i as u32),
                header: header.clone(),
                source_label: source
                    .as_deref()
                    .and_then(sources::label)
                    .map(str::to_string),
                source,
                formula,
            }
        })
        .collect();
    if columns.iter().any(|c| c.formula) {
        let letters: Vec<&str> = columns
            .iter()
            .filter(|c| c.formula)
            .map(|c| c.letter.as_str())
            .collect();
        notes.push(format!(
            "{} 列是表中原有的公式，保持不动，打开时自动计算。",
            letters.join("、")
        ));
    }
    let end = area.footer.unwrap_or(u32::MAX);
    let body = || {
        sheet
            .rows
            .iter()
            .filter(move |r| r.index >= area.first && r.index < end)
    };
    // The identifying columns the county filled in, most exact first.
    let key_cols: Vec<(u32, &str)> = key_columns(kind, &columns)
        .into_iter()
        .filter(|(c, _)| body().any(|r| !r.get(*c).is_empty()))
        .collect();
    let listed_rows = body()
        .filter(|r| key_cols.iter().any(|(c, _)| !r.get(*c).is_empty()))
        .count() as u32;
    if let Some((_, by)) = key_cols.first() {
        notes.push(format!(
            "表中已列出 {listed_rows} 个{}，将按{by}逐行对应填写，不新增行。",
            if kind == RowKind::People {
                "人"
            } else {
                "社区"
            },
        ));
    }
    let keeps_formatting = form.book.format == Format::Xlsx;
    if !keeps_formatting {
        notes.push("原表不是 .xlsx 格式，程序不能在原表上修改：将另存为新的 .xlsx，表头文字和合并单元格照原表，字体、边框和列宽按程序的样式。如需保留原表格式，请先在 Excel 中把它另存为 .xlsx 再填。".into());
    }
    Ok(FormInspection {
        file_name: form.book.file_name().to_string(),
        sheets: form.book.sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: sheet.name.clone(),
        kind,
        header_row: found.header_row + 1,
        header_rows: found.header_rows,
        first_data_row: found.data_start + 1,
        sources: sources::keys_and_labels(kind)
            .into_iter()
            .map(|(k, l)| FillSource {
                key: k.to_string(),
                label: l.to_string(),
            })
            .collect(),
        footer_row: area.footer.map(|f| f + 1),
        space_rows: area.footer.map(|f| f.saturating_sub(area.first)),
        listed_rows,
        keeps_formatting,
        remembered: remembered.is_some() && chosen.is_none(),
        columns,
        notes,
    })
}

/// The columns that identify a listed row, with what they are called: ID number and name
/// (people), community.
pub(super) fn key_columns(kind: RowKind, columns: &[FormColumn]) -> Vec<(u32, &'static str)> {
    let keys: &[(&str, &'static str)] = match kind {
        RowKind::People => &[("p.id", "身份证号"), ("p.name", "姓名")],
        RowKind::Communities => &[("c.name", "社区名称")],
    };
    keys.iter()
        .filter_map(|(k, label)| {
            columns
                .iter()
                .find(|c| c.source.as_deref() == Some(*k))
                .map(|c| (c.index, *label))
        })
        .collect()
}
