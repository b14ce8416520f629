//! The package's other parts that change with a fill: the workbook (print areas,
//! recalculation), calcChain dropped, styles (quote-prefixed twins), Excel tables and other
//! sheets' formulas that point into the edited sheet.

use super::*;

/// The table parts (xl/tables/tableN.xml) a sheet's relationships name.
pub(super) fn table_parts<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    sheet_part: &str,
) -> HashSet<String> {
    let (dir, file) = sheet_part.rsplit_once('/').unwrap_or(("", sheet_part));
    let Some(rels) = read_part(zip, &format!("{dir}/_rels/{file}.rels")) else {
        return HashSet::new();
    };
    let mut out = HashSet::new();
    let mut reader = Reader::from_reader(rels.as_slice());
    while let Ok(ev) = reader.read_event() {
        match &ev {
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "Relationship" => {
                let is_table = attr(e, "Type").is_some_and(|t| t.ends_with("/table"));
                if let (true, Some(target)) = (is_table, attr(e, "Target")) {
                    out.insert(resolve_part(dir, &target));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// A relationship target relative to `dir` (../tables/table1.xml from xl/worksheets).
pub(super) fn resolve_part(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for piece in target.split('/') {
        match piece {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A table's range and its filter's range grow and move as the sheet's ranges do.
pub(super) fn shift_table(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let Some(ins) = edit.insertion else {
        return Ok(xml.to_vec());
    };
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.local_name().as_ref(),
                    "table" | "autoFilter" | "sortState"
                ) =>
            {
                let moved = match attr(e, "ref") {
                    Some(r) => with_attr(e, "ref", Some(&shift_sqref(&r, &ins, true))),
                    None => e.clone().into_owned(),
                };
                if matches!(ev, Event::Start(_)) {
                    put(&mut w, Event::Start(moved))?;
                } else {
                    put(&mut w, Event::Empty(moved))?;
                }
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

/// Formulas of other sheets that point into the edited sheet follow its moved rows.
pub(super) fn shift_other_sheet(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let Some(ins) = edit.insertion else {
        return Ok(xml.to_vec());
    };
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    let mut in_f = false;
    let mut f_raw = String::new();
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) if e.local_name().as_ref() == "f" => {
                in_f = true;
                f_raw.clear();
                put(&mut w, ev.clone())?;
            }
            Event::Text(_) | Event::GeneralRef(_) if in_f => push_raw(&mut f_raw, &ev),
            Event::End(e) if e.local_name().as_ref() == "f" => {
                in_f = false;
                let f = shift_formula(&unescape(&f_raw), &ins, false, Some(&edit.sheet), true);
                put(&mut w, Event::Text(text_event(&f)))?;
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

/// workbook.xml: defined names (print area, print titles) follow moved rows, and the
/// workbook recalculates on opening.
pub(super) fn edit_workbook(xml: &[u8], edit: &Edit) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len() + 64);
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    let mut in_name = false;
    let mut name_raw = String::new();
    let mut calc_done = false;
    const AFTER_CALC: &[&str] = &[
        "oleSize",
        "customWorkbookViews",
        "pivotCaches",
        "smartTagPr",
        "smartTagTypes",
        "webPublishing",
        "fileRecoveryPr",
        "webPublishObjects",
        "extLst",
    ];
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "calcPr" => {
                let c = with_attr(e, "fullCalcOnLoad", Some("1"));
                calc_done = true;
                if matches!(ev, Event::Start(_)) {
                    put(&mut w, Event::Start(c))?;
                } else {
                    put(&mut w, Event::Empty(c))?;
                }
            }
            Event::Start(e) | Event::Empty(e)
                if !calc_done && AFTER_CALC.contains(&e.local_name().as_ref()) =>
            {
                put(&mut w, Event::Empty(calc_pr()))?;
                calc_done = true;
                put(&mut w, ev.clone())?;
            }
            Event::End(e) if e.local_name().as_ref() == "workbook" && !calc_done => {
                put(&mut w, Event::Empty(calc_pr()))?;
                calc_done = true;
                put(&mut w, ev.clone())?;
            }
            Event::Start(e) if e.local_name().as_ref() == "definedName" => {
                in_name = edit.insertion.is_some();
                name_raw.clear();
                put(&mut w, ev.clone())?;
            }
            Event::Text(_) | Event::GeneralRef(_) if in_name => push_raw(&mut name_raw, &ev),
            Event::End(e) if e.local_name().as_ref() == "definedName" && in_name => {
                in_name = false;
                let f = match edit.insertion {
                    Some(i) => {
                        shift_formula(&unescape(&name_raw), &i, false, Some(&edit.sheet), true)
                    }
                    None => unescape(&name_raw),
                };
                put(&mut w, Event::Text(text_event(&f)))?;
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

pub(super) fn calc_pr() -> BytesStart<'static> {
    let mut c = BytesStart::new("calcPr");
    c.push_attribute(("fullCalcOnLoad", "1"));
    c
}

/// [Content_Types].xml and the workbook's relationships without calcChain.xml.
pub(super) fn drop_calc_chain(xml: &[u8]) -> XmlResult<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len());
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Empty(e)
                if ["PartName", "Target"]
                    .iter()
                    .any(|k| attr(e, k).is_some_and(|v| v.ends_with("calcChain.xml"))) => {}
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok(out)
}

/// Base style (None: the default) -> its quote-prefixed twin.
pub(super) type QuotedStyles = HashMap<Option<u32>, u32>;

/// Adds, for each style of `need`, a copy with quotePrefix="1" at the end of cellXfs.
pub(super) fn add_quoted_styles(
    xml: &[u8],
    need: &BTreeSet<Option<u32>>,
) -> XmlResult<(Vec<u8>, QuotedStyles)> {
    // First pass: each xf of cellXfs as its events.
    let mut xfs: Vec<Vec<Event<'static>>> = Vec::new();
    {
        let mut reader = Reader::from_reader(xml);
        let mut in_xfs = false;
        let mut current: Option<Vec<Event<'static>>> = None;
        loop {
            let ev = reader.read_event()?.into_owned();
            if let Some(c) = current.as_mut() {
                let end = matches!(&ev, Event::End(e) if e.local_name().as_ref() == "xf");
                c.push(ev);
                if end {
                    xfs.extend(current.take());
                }
                continue;
            }
            match &ev {
                Event::Start(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = true,
                Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
                Event::Empty(e) if in_xfs && e.local_name().as_ref() == "xf" => {
                    xfs.push(vec![ev.clone()])
                }
                Event::Start(e) if in_xfs && e.local_name().as_ref() == "xf" => {
                    current = Some(vec![ev.clone()])
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let mut map = HashMap::new();
    let mut added: Vec<Vec<Event<'static>>> = Vec::new();
    for s in need {
        let base = s.unwrap_or(0) as usize;
        let Some(events) = xfs.get(base) else {
            continue;
        };
        let mut copy = events.clone();
        if let Some(first) = copy.first_mut() {
            let quoted = match &*first {
                Event::Start(e) => Event::Start(with_attr(e, "quotePrefix", Some("1"))),
                Event::Empty(e) => Event::Empty(with_attr(e, "quotePrefix", Some("1"))),
                other => other.clone(),
            };
            *first = quoted;
        }
        map.insert(*s, (xfs.len() + added.len()) as u32);
        added.push(copy);
    }
    let total = xfs.len() + added.len();
    let mut out = Vec::with_capacity(xml.len() + 200);
    let mut reader = Reader::from_reader(xml);
    let mut w = Writer::new(&mut out);
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) if e.local_name().as_ref() == "cellXfs" => {
                put(
                    &mut w,
                    Event::Start(with_attr(e, "count", Some(&total.to_string()))),
                )?;
            }
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => {
                for x in &added {
                    for ev in x {
                        put(&mut w, ev.clone())?;
                    }
                }
                put(&mut w, ev.clone())?;
            }
            Event::Eof => break,
            _ => put(&mut w, ev.clone())?,
        }
    }
    Ok((out, map))
}
