//! Who goes in and where: the people or communities chosen, read from the ledger as of the
//! date, placed in the form's rows (in order, or matched to the rows the county listed),
//! and each row's values.

use super::*;

pub(super) fn check_options(options: &FillOptions, today: NaiveDate) -> Result<NaiveDate> {
    Ok(dates::optional(
        "asOf",
        "统计截止日期",
        Some(options.as_of.as_str()).filter(|s| !s.trim().is_empty()),
    )?
    .unwrap_or(today))
}

/// Everything the rows are made from.
pub(super) struct Ledger {
    pub(super) as_of: NaiveDate,
    pub(super) records: Vec<WorkerRecord>,
    pub(super) extras: Extras,
    pub(super) salaries: HashMap<i64, grades::WorkerSalary>,
    pub(super) staffing: staffing::Staffing,
    pub(super) teams: HashMap<i64, team::Team>,
    pub(super) street: team::Team,
}

pub(super) fn load(
    conn: &Connection,
    options: &FillOptions,
    today: NaiveDate,
    kind: RowKind,
) -> Result<(Ledger, Vec<usize>)> {
    let mut as_of = check_options(options, today)?;
    let wanted = community_ids(conn, &options.communities)?;
    let (records, chosen): (Vec<WorkerRecord>, Vec<usize>) = match (&options.roster, kind) {
        (Some(q), RowKind::People) => {
            let mut q = q.clone();
            if q.as_of.is_none() {
                q.as_of = Some(dates::text(as_of));
            }
            let (d, ids) = workers::roster_ids(conn, &q, today)?;
            as_of = d;
            let recs = workers::records(conn, &ids, as_of)?;
            let n = recs.len();
            (recs, (0..n).collect())
        }
        _ => {
            let recs = workers::all_records(conn, as_of)?;
            let mut people: Vec<&WorkerRecord> = recs
                .iter()
                .filter(|r| in_post(r))
                .filter(|r| {
                    wanted
                        .as_ref()
                        .is_none_or(|w| w.contains(&r.worker.input.community_id))
                })
                .collect();
            official_order(&mut people);
            let index: HashMap<i64, usize> = recs
                .iter()
                .enumerate()
                .map(|(i, r)| (r.worker.id, i))
                .collect();
            let chosen = people.iter().map(|p| index[&p.worker.id]).collect();
            (recs, chosen)
        }
    };
    let extras = Extras::load(conn, as_of)?;
    let ids: Vec<i64> = chosen.iter().map(|&i| records[i].worker.id).collect();
    let salaries = if kind == RowKind::People {
        grades::salaries_on(conn, &ids, as_of)?
    } else {
        HashMap::new()
    };
    let mut staffing = staffing::staffing(conn, as_of)?;
    if let Some(w) = &wanted {
        staffing
            .communities
            .retain(|c| c.community_id.is_some_and(|id| w.contains(&id)));
    }
    let (teams, street) = if kind == RowKind::Communities {
        let all = if options.roster.is_some() {
            workers::all_records(conn, as_of)?
        } else {
            Vec::new()
        };
        team::teams(
            if options.roster.is_some() {
                &all
            } else {
                &records
            },
            &extras,
        )
    } else {
        (HashMap::new(), team::Team::default())
    };
    Ok((
        Ledger {
            as_of,
            records,
            extras,
            salaries,
            staffing,
            teams,
            street,
        },
        chosen,
    ))
}

pub(super) fn community_ids(conn: &Connection, names: &[String]) -> Result<Option<HashSet<i64>>> {
    let names: Vec<&str> = names
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(None);
    }
    let all = crate::communities::list(conn)?;
    let mut out = HashSet::new();
    for n in names {
        let c = crate::import::header::ledger_community(n, &all).ok_or_else(|| {
            let known: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
            CoreError::validation(
                "communities",
                format!(
                    "台账中没有“{n}”社区。台账中的社区有：{}。",
                    known.join("、")
                ),
            )
        })?;
        out.insert(c.id);
    }
    Ok(Some(out))
}

/// One row's values, by column.
pub(super) fn row_values(
    ledger: &Ledger,
    columns: &[FormColumn],
    kind: RowKind,
    item: Item,
    mask: bool,
) -> BTreeMap<u32, Cell> {
    let mut out = BTreeMap::new();
    match (kind, item) {
        (RowKind::People, Item::Person(seq, i)) => {
            let record = &ledger.records[i];
            let p = Person {
                index: seq,
                record,
                extras: &ledger.extras,
                salary: ledger.salaries.get(&record.worker.id),
                mask,
            };
            for c in columns {
                if let Some(s) = c.source.as_deref().and_then(sources::person) {
                    out.insert(c.index, (s.value)(&p));
                }
            }
        }
        (RowKind::Communities, Item::Community(seq, row)) => {
            let empty = team::Team::default();
            let (staffing, team) = match row {
                Some(r) => {
                    let s = &ledger.staffing.communities[r];
                    (
                        s,
                        s.community_id
                            .and_then(|id| ledger.teams.get(&id))
                            .unwrap_or(&empty),
                    )
                }
                None => (&ledger.staffing.total, &ledger.street),
            };
            let c = CommunityRow {
                index: row.map(|_| seq),
                staffing,
                team,
            };
            for col in columns {
                if let Some(s) = col.source.as_deref().and_then(sources::community) {
                    out.insert(col.index, (s.value)(&c));
                }
            }
        }
        _ => {}
    }
    out.retain(|_, v| !matches!(v, Cell::Blank));
    out
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Item {
    /// Sequence number and index into the ledger's records.
    Person(usize, usize),
    /// Sequence number and index into the staffing rows (None: the street).
    Community(usize, Option<usize>),
}

/// Where each chosen person or community goes.
pub(super) struct Placement {
    /// Final 0-based row -> item.
    pub(super) rows: Vec<(u32, Item)>,
    pub(super) insertion: Option<Insertion>,
    pub(super) not_in_ledger: Vec<String>,
    pub(super) not_in_form: u32,
}

impl Placement {
    /// People or communities written (the street's totals row is not one).
    pub(super) fn filled(&self) -> u32 {
        self.rows
            .iter()
            .filter(|(_, it)| !matches!(it, Item::Community(_, None)))
            .count() as u32
    }
}

pub(super) fn items(ledger: &Ledger, chosen: &[usize], kind: RowKind) -> Vec<Item> {
    match kind {
        RowKind::People => chosen
            .iter()
            .enumerate()
            .map(|(s, &i)| Item::Person(s, i))
            .collect(),
        RowKind::Communities => (0..ledger.staffing.communities.len())
            .map(|i| Item::Community(i, Some(i)))
            .collect(),
    }
}

pub(super) fn place(
    form: &Form,
    area: &Area,
    inspection: &FormInspection,
    ledger: &Ledger,
    chosen: &[usize],
) -> Placement {
    let kind = inspection.kind;
    let all = items(ledger, chosen, kind);
    let end = area.footer.unwrap_or(u32::MAX);
    if inspection.listed_rows > 0 {
        return place_listed(form, area, inspection, ledger, &all, end);
    }
    let n = all.len() as u32;
    let insertion = match area.footer {
        Some(f) if n > f - area.first => Some(Insertion {
            at: f + 1,
            count: n - (f - area.first),
            data_first: area.first + 1,
        }),
        _ => None,
    };
    let mut rows: Vec<(u32, Item)> = all
        .into_iter()
        .enumerate()
        .map(|(i, it)| (area.first + i as u32, it))
        .collect();
    if kind == RowKind::Communities && area.footer_is_totals {
        if let Some(f) = area.footer {
            let moved = refs::moved(insertion, f);
            rows.push((moved, Item::Community(0, None)));
        }
    }
    Placement {
        rows,
        insertion,
        not_in_ledger: Vec::new(),
        not_in_form: 0,
    }
}

pub(super) fn place_listed(
    form: &Form,
    area: &Area,
    inspection: &FormInspection,
    ledger: &Ledger,
    all: &[Item],
    end: u32,
) -> Placement {
    let sheet = form.sheet();
    let cols = &inspection.columns;
    let col_of = |k: &str| {
        cols.iter()
            .find(|c| c.source.as_deref() == Some(k))
            .map(|c| c.index)
    };
    let mut used: HashSet<usize> = HashSet::new();
    let mut rows = Vec::new();
    let mut not_in_ledger = Vec::new();
    let label = |it: &Item| -> (String, String, String) {
        match it {
            Item::Person(_, i) => {
                let w = &ledger.records[*i].worker;
                (
                    key(&w.input.id_number).to_uppercase(),
                    key(&w.input.name),
                    community_stem(&w.community_name),
                )
            }
            Item::Community(_, Some(r)) => (
                String::new(),
                community_stem(&ledger.staffing.communities[*r].name),
                String::new(),
            ),
            Item::Community(_, None) => Default::default(),
        }
    };
    let keys: Vec<(String, String, String)> = all.iter().map(label).collect();
    for row in sheet
        .rows
        .iter()
        .filter(|r| r.index >= area.first && r.index < end)
    {
        let text = |k: &str| col_of(k).map(|c| display(row.get(c))).unwrap_or_default();
        let (id, name, community) = match inspection.kind {
            RowKind::People => (
                key(&text("p.id")).to_uppercase(),
                key(&text("p.name")),
                community_stem(&text("p.community")),
            ),
            RowKind::Communities => (
                String::new(),
                community_stem(&text("c.name")),
                String::new(),
            ),
        };
        if id.is_empty() && name.is_empty() {
            continue;
        }
        let by_id = !id.is_empty() && !id.contains('*');
        let matching = |by_id: bool| -> Vec<usize> {
            (0..all.len())
                .filter(|i| !used.contains(i))
                .filter(|&i| {
                    let (kid, kname, kcomm) = &keys[i];
                    if by_id {
                        *kid == id
                    } else {
                        !name.is_empty()
                            && *kname == name
                            && (community.is_empty() || *kcomm == community)
                    }
                })
                .collect()
        };
        // An ID number Excel stored as a number has lost its last digits: then the name.
        let mut fits = matching(by_id);
        if by_id && fits.is_empty() {
            fits = matching(false);
        }
        let shown = if name.is_empty() {
            id.clone()
        } else {
            display(
                row.get(
                    col_of(if inspection.kind == RowKind::People {
                        "p.name"
                    } else {
                        "c.name"
                    })
                    .unwrap_or(0),
                ),
            )
        };
        match fits.as_slice() {
            [one] => {
                used.insert(*one);
                rows.push((row.index, all[*one]));
            }
            [] => not_in_ledger.push(format!("第 {} 行 {}：台账中没有", row.index + 1, shown)),
            _ => not_in_ledger.push(format!(
                "第 {} 行 {}：台账中有 {} 人同名，请在表中填上身份证号或社区后再填",
                row.index + 1,
                shown,
                fits.len()
            )),
        }
    }
    if inspection.kind == RowKind::Communities && area.footer_is_totals {
        if let Some(f) = area.footer {
            rows.push((f, Item::Community(0, None)));
        }
    }
    Placement {
        not_in_form: (all.len() - used.len()) as u32,
        rows,
        insertion: None,
        not_in_ledger,
    }
}

/// Columns whose values a listed row keeps where the county filled them in.
pub(super) fn kept_in_listed(key: &str) -> bool {
    matches!(key, "p.name" | "p.id" | "p.seq" | "c.name" | "c.seq")
}

pub(super) struct Plan {
    pub(super) inspection: FormInspection,
    pub(super) area: Area,
    pub(super) ledger: Ledger,
    pub(super) placement: Placement,
    pub(super) writes: BTreeMap<u32, BTreeMap<u32, Cell>>,
}

/// What the fill would write; values are made for the first `limit` rows only (the
/// preview shows a few; a fill writes them all).
pub(super) fn plan(
    conn: &Connection,
    form: &Form,
    options: &FillOptions,
    today: NaiveDate,
    limit: usize,
) -> Result<Plan> {
    let inspection = inspect_with(conn, form, options.kind, options.columns.as_deref())?;
    if inspection.columns.iter().all(|c| c.source.is_none()) {
        return Err(CoreError::validation(
            "columns",
            "没有一列选了台账中的内容，表格不会有任何变化。请至少为一列选择要填的内容。",
        ));
    }
    let area = area(form)?;
    let (ledger, chosen) = load(conn, options, today, inspection.kind)?;
    let placement = place(form, &area, &inspection, &ledger, &chosen);
    let mask = !options.full_id_numbers;
    let listed = inspection.listed_rows > 0;
    let mut writes = BTreeMap::new();
    for (row, item) in placement.rows.iter().take(limit) {
        let mut values = row_values(&ledger, &inspection.columns, inspection.kind, *item, mask);
        if listed || matches!(item, Item::Community(_, None)) {
            // The county's own names, ID numbers and numbering stay as it wrote them.
            let existing = header_row_at(form.sheet(), *row);
            values.retain(|col, _| {
                let kept = inspection.columns[*col as usize]
                    .source
                    .as_deref()
                    .is_some_and(kept_in_listed);
                !kept || existing.is_none_or(|r| r.get(*col).is_empty())
            });
        }
        if !values.is_empty() {
            writes.insert(*row, values);
        }
    }
    Ok(Plan {
        inspection,
        area,
        ledger,
        placement,
        writes,
    })
}

/// A cell as the preview shows it.
pub(super) fn shown(v: &Cell, month: bool) -> String {
    match v {
        Cell::Blank => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(n) => {
            let s = format!("{n:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        Cell::Date(d) if month => d.format("%Y.%m").to_string(),
        Cell::Date(d) => dates::text(*d),
    }
}

pub(super) fn month_cols(columns: &[FormColumn]) -> HashSet<u32> {
    columns
        .iter()
        .filter(|c| sources::month_only(&c.header))
        .map(|c| c.index)
        .collect()
}

pub(super) fn placement_notes(p: &Plan) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some(i) = p.placement.insertion {
        notes.push(format!(
            "表中留的空行不够：将在表尾（第 {} 行）上方插入 {} 行，表尾的公式和打印区域随之调整。",
            i.at, i.count
        ));
    }
    if !p.placement.not_in_ledger.is_empty() {
        notes.push(format!(
            "表中列出的 {} 行在台账中找不到对应，保持原样：{}。",
            p.placement.not_in_ledger.len(),
            p.placement
                .not_in_ledger
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join("；")
        ));
    }
    if p.placement.not_in_form > 0 {
        notes.push(format!(
            "所选范围中有 {} 个{}不在表中列出的行里，没有新增。",
            p.placement.not_in_form,
            if p.inspection.kind == RowKind::People {
                "人"
            } else {
                "社区"
            }
        ));
    }
    notes
}
