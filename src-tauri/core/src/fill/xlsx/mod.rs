//! Writing values into one sheet of the county's own xlsx, keeping everything else: the
//! package is copied entry by entry (raw, not even recompressed) except the parts that must
//! change. The sheet's XML is streamed: its cells keep their styles (borders, fonts, number
//! formats), merged ranges, column widths, print setup and the county's formulas stay; new
//! values are inline strings or numbers. When the form's rows run out before its footer
//! (合计, 填表人 …), rows are put in above the footer and every reference below moves down
//! (see `refs`). Formulas on the edited sheet lose their cached results and the workbook is
//! marked to recalculate on opening, so a totals row shows the filled figures.

use super::refs::{cell_ref, moved, parse_cell, shift_formula, shift_sqref, Insertion};
use crate::error::{CoreError, Result};
use crate::import::read::xlsx_sheet_parts;
use crate::reports::format::{looks_like_formula, Cell};
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read, Seek, Write};
use std::path::Path;

mod parts;
mod read;
mod sheet;

use parts::*;
pub(crate) use read::{read_sheet, SheetXml};
use sheet::*;

pub(super) fn damaged(name: &str, detail: impl std::fmt::Display) -> CoreError {
    crate::import::read::damaged(name, detail)
}

pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// A copy of `e` with attribute `name` set to `value` (None: removed).
pub(super) fn with_attr(e: &BytesStart, name: &str, value: Option<&str>) -> BytesStart<'static> {
    let mut out = BytesStart::new(e.name().as_ref().to_string());
    let mut done = false;
    for a in e.attributes().flatten() {
        if a.key.as_ref() == name {
            if let Some(v) = value {
                out.push_attribute((name, v));
            }
            done = true;
        } else {
            out.push_attribute(a);
        }
    }
    if !done {
        if let Some(v) = value {
            out.push_attribute((name, v));
        }
    }
    out
}

pub(super) fn read_part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    part: &str,
) -> Option<Vec<u8>> {
    let mut f = zip.by_name(part).ok()?;
    let mut buf = Vec::with_capacity(f.size() as usize);
    f.read_to_end(&mut buf).ok()?;
    Some(buf)
}

/// Raw text of a text or entity event, to collect a formula split by &amp; and friends.
pub(super) fn push_raw(raw: &mut String, ev: &Event) {
    match ev {
        Event::Text(t) => raw.push_str(t),
        Event::GeneralRef(r) => {
            raw.push('&');
            raw.push_str(r);
            raw.push(';');
        }
        _ => {}
    }
}

/// Text for XML, escaping only what must be (<, >, &), as Excel writes formulas.
pub(super) fn text_event(s: &str) -> BytesText<'static> {
    BytesText::from_escaped(quick_xml::escape::partial_escape(s).into_owned())
}

pub(super) fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| raw.to_string())
}

pub(super) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

pub(super) type XmlResult<T> = std::result::Result<T, quick_xml::Error>;

pub(super) fn put(w: &mut Writer<&mut Vec<u8>>, ev: Event) -> XmlResult<()> {
    w.write_event(ev)
        .map_err(|e| quick_xml::Error::Io(std::sync::Arc::new(e)))
}

/// What is written into the sheet.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edit {
    pub sheet: String,
    /// Rows put in above the footer, if any.
    pub insertion: Option<Insertion>,
    /// The row (0-based, before insertion) whose formatting new rows copy.
    pub template_row: Option<u32>,
    /// Values by final 0-based row and column; a Blank is not written.
    pub writes: BTreeMap<u32, BTreeMap<u32, Cell>>,
    /// Columns whose dates are written as 年月 text (1985.06) where the cell is not a date.
    pub month_cols: HashSet<u32>,
}

/// Copies `src` to `dest` (written atomically by the caller) with the edit applied.
pub(crate) fn write_filled<W: Write + Seek>(
    src: &Path,
    file_name: &str,
    info: &SheetXml,
    edit: &Edit,
    dest: W,
) -> Result<()> {
    let mut zip = zip::ZipArchive::new(BufReader::new(File::open(src)?))
        .map_err(|e| damaged(file_name, e))?;
    let bad = |e: &dyn std::fmt::Display| damaged(file_name, e);

    // Styles: quote-prefixed twins of the styles formula-like text is written in.
    let need = quoted_styles_needed(edit, info);
    let mut quoted: HashMap<Option<u32>, u32> = HashMap::new();
    let mut new_styles: Option<Vec<u8>> = None;
    if !need.is_empty() {
        if let Some(styles) = read_part(&mut zip, "xl/styles.xml") {
            let (xml, map) = add_quoted_styles(&styles, &need).map_err(|e| bad(&e))?;
            new_styles = Some(xml);
            quoted = map;
        }
    }

    let parts = xlsx_sheet_parts(&mut zip).unwrap_or_default();
    // Excel tables (套用表格格式) on the sheet: their ranges move with inserted rows.
    let tables = if edit.insertion.is_some() {
        table_parts(&mut zip, &info.part)
    } else {
        HashSet::new()
    };
    let sheet_xml = read_part(&mut zip, &info.part).ok_or_else(|| bad(&info.part))?;
    let writer = CellWriter {
        info,
        month_cols: &edit.month_cols,
        quoted: &quoted,
    };
    let new_sheet = edit_sheet(&sheet_xml, info, edit, &writer).map_err(|e| bad(&e))?;

    let mut out = zip::ZipWriter::new(dest);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let other_sheets: HashSet<&str> = parts
        .iter()
        .filter(|(n, _)| *n != edit.sheet)
        .map(|(_, p)| p.as_str())
        .collect();
    for i in 0..zip.len() {
        let name = zip
            .name_for_index(i)
            .ok_or_else(|| bad(&"目录项缺失"))?
            .map_err(|e| bad(&e))?
            .into_owned();
        let replaced: Option<Vec<u8>> = if name == info.part {
            Some(new_sheet.clone())
        } else if name == "xl/styles.xml" && new_styles.is_some() {
            new_styles.clone()
        } else if name == "xl/calcChain.xml" {
            // Lists formula cells by position; Excel rebuilds it, and a stale one is an error.
            continue;
        } else if name == "[Content_Types].xml" || name == "xl/_rels/workbook.xml.rels" {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(drop_calc_chain(&xml).map_err(|e| bad(&e))?)
        } else if name == "xl/workbook.xml" {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(edit_workbook(&xml, edit).map_err(|e| bad(&e))?)
        } else if tables.contains(&name) {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            Some(shift_table(&xml, edit).map_err(|e| bad(&e))?)
        } else if edit.insertion.is_some() && other_sheets.contains(name.as_str()) {
            let xml = read_part(&mut zip, &name).ok_or_else(|| bad(&name))?;
            if contains(&xml, edit.sheet.as_bytes()) {
                Some(shift_other_sheet(&xml, edit).map_err(|e| bad(&e))?)
            } else {
                None
            }
        } else {
            None
        };
        match replaced {
            Some(bytes) => {
                out.start_file(name.as_str(), options)
                    .map_err(|e| bad(&e))?;
                out.write_all(&bytes)?;
            }
            None => {
                let raw = zip.by_index_raw(i).map_err(|e| bad(&e))?;
                out.raw_copy_file(raw).map_err(|e| bad(&e))?;
            }
        }
    }
    out.finish().map_err(|e| bad(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parts::*;
    use super::read::*;
    use super::sheet::*;
    use super::*;

    #[test]
    fn table_ranges_grow_with_inserted_rows() {
        assert_eq!(
            resolve_part("xl/worksheets", "../tables/table1.xml"),
            "xl/tables/table1.xml"
        );
        assert_eq!(
            resolve_part("xl/worksheets", "/xl/tables/t.xml"),
            "xl/tables/t.xml"
        );
        let edit = Edit {
            insertion: Some(Insertion {
                at: 25,
                count: 10,
                data_first: 5,
            }),
            ..Edit::default()
        };
        // The table takes in its header row (4) and the blank rows: it grows.
        let xml = br#"<table id="1" ref="A4:H24"><autoFilter ref="A4:H24"/></table>"#;
        let out = String::from_utf8(shift_table(xml, &edit).expect("xml")).expect("utf8");
        assert_eq!(out.matches(r#"ref="A4:H34""#).count(), 2, "{out}");
    }

    #[test]
    fn date_formats_are_recognised() {
        for code in [
            "yyyy-mm-dd",
            "yyyy\"年\"m\"月\"",
            "yyyy.mm",
            "[$-804]yyyy/m/d",
        ] {
            assert!(code_is_date(code), "{code}");
        }
        for code in ["0.00", "@", "#,##0", "\"人\"0", "[Red]0"] {
            assert!(!code_is_date(code), "{code}");
        }
        assert!(builtin_date(14) && builtin_date(57) && !builtin_date(49));
    }

    #[test]
    fn control_characters_are_left_out_of_text() {
        assert_eq!(
            xml_chars("第一行\u{0B}第二行\n第三行"),
            "第一行第二行\n第三行"
        );
        assert!(matches!(xml_chars("张三"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_serial_is_excel_s() {
        assert_eq!(
            serial(NaiveDate::from_ymd_opt(2020, 3, 1).expect("date")),
            43891
        );
    }

    #[test]
    fn calc_chain_references_are_dropped() {
        let xml = br#"<Types><Override PartName="/xl/calcChain.xml" ContentType="x"/><Override PartName="/xl/workbook.xml" ContentType="y"/></Types>"#;
        let out = String::from_utf8(drop_calc_chain(xml).expect("xml")).expect("utf8");
        assert!(!out.contains("calcChain"));
        assert!(out.contains("workbook.xml"));
    }

    #[test]
    fn the_workbook_recalculates_and_print_areas_move() {
        let xml = r#"<workbook><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'表1'!$A$1:$H$30</definedName></definedNames><calcPr calcId="191029"/></workbook>"#;
        let edit = Edit {
            sheet: "表1".into(),
            insertion: Some(Insertion {
                at: 25,
                count: 10,
                data_first: 5,
            }),
            ..Edit::default()
        };
        let out =
            String::from_utf8(edit_workbook(xml.as_bytes(), &edit).expect("xml")).expect("utf8");
        assert!(out.contains("'表1'!$A$1:$H$40"), "{out}");
        assert!(
            out.contains(r#"<calcPr calcId="191029" fullCalcOnLoad="1"/>"#),
            "{out}"
        );
        let bare = "<workbook><sheets/></workbook>";
        let out = String::from_utf8(edit_workbook(bare.as_bytes(), &Edit::default()).expect("xml"))
            .expect("utf8");
        assert!(
            out.contains(r#"<calcPr fullCalcOnLoad="1"/></workbook>"#),
            "{out}"
        );
    }
}
