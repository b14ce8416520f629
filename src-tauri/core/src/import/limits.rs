//! What a workbook may hold, checked before calamine reads it, so a hostile or broken file is
//! refused in seconds with bounded memory instead of unpacking gigabytes.
//!
//! xlsx (and the other zip formats, xlsb and ods): at most [`MAX_PARTS`] parts; no part
//! larger than [`MAX_PART_BYTES`] unpacked and all together at most [`MAX_UNPACKED_BYTES`],
//! both as the zip declares them and as actually unpacked (a zip can understate them; every
//! part is unpacked once here, into nothing, and counted); in the XML parts no run of text or
//! one tag longer than [`MAX_XML_RUN`] bytes (so no XML reader ever buffers more); in
//! `sharedStrings.xml` at most [`MAX_SHARED_STRINGS`] strings (counted while reading, and the
//! declared `count`/`uniqueCount` too, which calamine reserves memory for) and no string
//! longer than [`MAX_CELL_CHARS`] characters.
//!
//! xls (an OLE compound file): the container must open with the `cfb` crate (which refuses
//! loops and overlaps in its sector chains) and its Workbook stream may not claim to be longer
//! than the file; walking its BIFF records: at most [`MAX_SHARED_STRINGS`] strings in the SST
//! (declared and counted, following calamine's reading of CONTINUE records), every sheet's
//! DIMENSIONS record consistent, no cell beyond Excel's 256 columns, the sheets' cells
//! within [`MAX_XLS_CELLS`] in all (calamine lays every sheet out as a full table as it opens
//! the file), and the text of all cells (each cell a copy of its string) within
//! [`MAX_TEXT_BYTES`], reckoned at 3 bytes a character.
//! Cells read from any format are held to [`MAX_TEXT_BYTES`] too (`read::RowsBuilder`).
//! Not capped for xls: the file itself is at most `MAX_FILE_BYTES` and calamine reads its
//! Workbook stream whole; its own OLE reader is not the `cfb` crate, so a container `cfb`
//! accepts is assumed to read the same way; one string is at most 65,535 characters by the
//! format (not checked against [`MAX_CELL_CHARS`]); formulas and other records are not looked at.

use super::read::damaged;
use super::{
    file_error, MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_PARTS, MAX_PART_BYTES, MAX_SHARED_STRINGS,
    MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
};
use crate::error::{CoreError, Result};
use quick_xml::events::Event;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::Path;

/// The longest run of text, or one tag, in an XML part (bytes). A cell of 32,767 characters
/// written as character references (`&#40657;`) takes under 330 KB.
pub(crate) const MAX_XML_RUN: u64 = 1024 * 1024;
/// Cells of an xls as calamine lays its sheets out (rows × columns from the first to the last
/// cell of each, all sheets together): 50,000 rows of 160 columns.
pub(crate) const MAX_XLS_CELLS: u64 = 8_000_000;

const MB: u64 = 1024 * 1024;

/// What to do with a file that is over a limit: it is not a roster as Excel writes one.
const RESAVE: &str = "这不像一份花名册，可能选错了文件，或文件已损坏。请确认选对了文件；如确是花名册，请在 Excel 中打开它，只保留需要导入的工作表，另存为新的工作簿后再试。";

fn over(name: &str, what: String) -> CoreError {
    file_error(format!("“{name}”{what}，{RESAVE}"))
}

/// The cells' text together is over [`MAX_TEXT_BYTES`].
pub(super) fn too_much_text(name: &str) -> CoreError {
    over(
        name,
        format!(
            "中单元格的文字合计超过 {} MB（本程序的上限）",
            MAX_TEXT_BYTES / MB
        ),
    )
}

fn too_many_strings(name: &str) -> CoreError {
    over(
        name,
        format!(
            "中的共享文本超过 {} 万条（本程序的上限）",
            MAX_SHARED_STRINGS / 10_000
        ),
    )
}

fn string_too_long(name: &str) -> CoreError {
    over(
        name,
        format!("中有一段文本超过 {MAX_CELL_CHARS} 字（Excel 一个单元格最多 {MAX_CELL_CHARS} 字，也是本程序的上限）"),
    )
}

/// Where reading a part went over a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Breach {
    Part,
    Total,
    Run,
}

/// Counts what a part unpacks to (and, for XML, the longest run between `<` and `>`), and
/// stops reading at the first limit passed.
struct Guard<R> {
    inner: R,
    /// Bytes of this part read so far.
    read: u64,
    /// Bytes of the parts before this one.
    before: u64,
    xml: bool,
    run: u64,
    breach: Option<Breach>,
}

impl<R: Read> Guard<R> {
    fn new(inner: R, before: u64, xml: bool) -> Self {
        Guard {
            inner,
            read: 0,
            before,
            xml,
            run: 0,
            breach: None,
        }
    }

    fn stop(&mut self, breach: Breach) -> io::Error {
        self.breach = Some(breach);
        io::Error::other("import limit")
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.breach.is_some() {
            return Err(io::Error::other("import limit"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > MAX_PART_BYTES {
            return Err(self.stop(Breach::Part));
        }
        if self.before + self.read > MAX_UNPACKED_BYTES {
            return Err(self.stop(Breach::Total));
        }
        if self.xml {
            for &b in &buf[..n] {
                if b == b'<' || b == b'>' {
                    self.run = 0;
                } else {
                    self.run += 1;
                    if self.run > MAX_XML_RUN {
                        return Err(self.stop(Breach::Run));
                    }
                }
            }
        }
        Ok(n)
    }
}

/// Checks a zip-based workbook (xlsx, xlsb, ods) against the limits. A file that is not a
/// readable zip passes: reading it then says what is wrong.
pub(super) fn check_zip(path: &Path, name: &str) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(File::open(path)?)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(over(
            name,
            format!("里有 {} 个部件，超过本程序的上限 {MAX_PARTS} 个", zip.len()),
        ));
    }
    // As declared: cheap, and most oversized files say so.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_data(i) else {
            continue;
        };
        if entry.size() > MAX_PART_BYTES {
            return Err(part_too_large(name, &entry.name().unwrap_or_default()));
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(all_too_large(name));
    }
    // As actually unpacked.
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else {
            // Encrypted or an unknown compression: calamine meets the same and says so.
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let part = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = part.to_ascii_lowercase();
        // The parts a reader parses as XML (custom XML and document properties are not read).
        let xml = (lower.ends_with(".xml") || lower.ends_with(".rels"))
            && !lower.starts_with("customxml/")
            && !lower.starts_with("docprops/");
        let mut guard = Guard::new(entry, total, xml);
        let strings = if lower.ends_with("sharedstrings.xml") {
            shared_strings(&mut guard)
        } else {
            // A part that cannot be unpacked (damaged) is calamine's to report, if it reads it.
            let _ = io::copy(&mut guard, &mut io::sink());
            Ok(())
        };
        match guard.breach {
            Some(Breach::Part) => return Err(part_too_large(name, &part)),
            Some(Breach::Total) => return Err(all_too_large(name)),
            Some(Breach::Run) if lower.ends_with("sharedstrings.xml") => {
                return Err(string_too_long(name))
            }
            Some(Breach::Run) => {
                return Err(over(
                    name,
                    format!(
                        "的“{part}”中有一段内容超过 {} MB，没有单元格会这么长",
                        MAX_XML_RUN / MB
                    ),
                ))
            }
            None => {}
        }
        match strings {
            Ok(()) => {}
            Err(Strings::TooMany) => return Err(too_many_strings(name)),
            Err(Strings::TooLong) => return Err(string_too_long(name)),
            Err(Strings::Damaged) => {
                return Err(damaged(name, format!("“{part}”解压失败或内容不完整")))
            }
        }
        total += guard.read;
    }
    Ok(())
}

fn part_too_large(name: &str, part: &str) -> CoreError {
    over(
        name,
        format!(
            "中的“{part}”解压后超过 {} MB（本程序对一个部件的上限）",
            MAX_PART_BYTES / MB
        ),
    )
}

fn all_too_large(name: &str) -> CoreError {
    over(
        name,
        format!("解压后超过 {} MB（本程序的上限）", MAX_UNPACKED_BYTES / MB),
    )
}

enum Strings {
    TooMany,
    TooLong,
    /// Not readable to its end (a broken or lying zip entry, malformed XML).
    Damaged,
}

/// Counts the strings of `sharedStrings.xml` and the characters of each, as calamine reads
/// them (the text of `<t>` elements outside phonetic runs `<rPh>`), stopping at a limit.
fn shared_strings<R: Read>(part: &mut Guard<R>) -> std::result::Result<(), Strings> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // calamine's settings, so both readers see the same elements.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;

    let mut buf = Vec::new();
    let mut count = 0usize;
    let mut chars = 0usize;
    let mut in_t = false;
    let mut in_phonetic = false;
    loop {
        let event = xml
            .read_event_into(&mut buf)
            .map_err(|_| Strings::Damaged)?;
        let text = match event {
            Event::Start(e) => {
                match e.local_name().as_ref() {
                    "sst" => {
                        for a in e.attributes().flatten() {
                            let declared = a.value.trim().parse::<u64>().ok();
                            let counted =
                                matches!(a.key.local_name().as_ref(), "count" | "uniqueCount");
                            if counted && declared.is_some_and(|n| n > MAX_SHARED_STRINGS as u64) {
                                return Err(Strings::TooMany);
                            }
                        }
                    }
                    "si" => {
                        count += 1;
                        if count > MAX_SHARED_STRINGS {
                            return Err(Strings::TooMany);
                        }
                        chars = 0;
                    }
                    "t" => in_t = true,
                    "rPh" => in_phonetic = true,
                    _ => {}
                }
                0
            }
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "t" => in_t = false,
                    "rPh" => in_phonetic = false,
                    _ => {}
                }
                0
            }
            Event::Text(t) => t.chars().count(),
            Event::CData(t) => t.chars().count(),
            Event::GeneralRef(_) => 1,
            Event::Eof => return Ok(()),
            _ => 0,
        };
        if in_t && !in_phonetic {
            chars += text;
            if chars > MAX_CELL_CHARS {
                return Err(Strings::TooLong);
            }
        }
        buf.clear();
    }
}

/// Checks an OLE compound file (xls) against the limits. A container that is not a workbook
/// (an encrypted xlsx, a Word document) passes: reading it then says what it is.
pub(super) fn check_ole(path: &Path, name: &str) -> Result<()> {
    let file_len = std::fs::metadata(path)?.len();
    let container = || damaged(name, "文件的内部目录不正确");
    let mut comp = cfb::CompoundFile::open(File::open(path)?).map_err(|_| container())?;
    let Some(stream) = ["/Workbook", "/Book"]
        .into_iter()
        .find(|s| comp.is_stream(s))
    else {
        return Ok(());
    };
    let len = comp.entry(stream).map_err(|_| container())?.len();
    if len > file_len.min(MAX_FILE_BYTES) {
        return Err(damaged(
            name,
            format!("工作簿数据声称有 {len} 字节，比文件本身还大"),
        ));
    }
    let mut data = Vec::with_capacity(len as usize);
    comp.open_stream(stream)
        .map_err(|_| container())?
        .take(len)
        .read_to_end(&mut data)
        .map_err(|_| container())?;
    check_biff(&data, name)
}

/// One BIFF record: its type and data.
fn records(stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.len() < 4 {
            return None;
        }
        let typ = u16::from_le_bytes([rest[0], rest[1]]);
        let len = u16::from_le_bytes([rest[2], rest[3]]) as usize;
        let data = rest.get(4..4 + len)?;
        rest = &rest[4 + len..];
        Some((typ, data))
    })
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const SST: u16 = 0x00FC;
const BOUNDSHEET: u16 = 0x0085;
const CONTINUE: u16 = 0x003C;
const DIMENSIONS: u16 = 0x0200;
const LABEL: u16 = 0x0204;
const LABELSST: u16 = 0x00FD;
const RSTRING: u16 = 0x00D6;
const STRING: u16 = 0x0207;
/// Records that start with a cell's row and column (u16 each), as calamine reads them.
const CELLS: [u16; 6] = [0x0203, LABEL, LABELSST, RSTRING, 0x0205, 0x027E];
const FORMULA: u16 = 0x0006;
const MULRK: u16 = 0x00BD;

fn u16_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
    ])))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// The cells of one sheet, from the first to the last.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let widen =
            |r: Option<(u32, u32)>, v: u32| Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1),
            _ => 0,
        }
    }
}

/// Walks the Workbook stream as calamine does: the globals up to their EOF (the SST, the
/// sheets' positions), then each sheet from its position up to its own EOF.
pub(super) fn check_biff(stream: &[u8], name: &str) -> Result<()> {
    let mut sheets = Vec::new();
    let mut strings = Vec::new();
    let mut globals = records(stream).peekable();
    while let Some((typ, data)) = globals.next() {
        match typ {
            EOF => break,
            BOUNDSHEET => sheets.extend(u32_at(data, 0)),
            SST => {
                let mut parts = vec![data];
                while let Some((_, next)) = globals.next_if(|(t, _)| *t == CONTINUE) {
                    parts.push(next);
                }
                strings = check_sst(&parts).map_err(|s| match s {
                    Strings::TooMany => too_many_strings(name),
                    Strings::TooLong => string_too_long(name),
                    Strings::Damaged => damaged(name, "共享文本不完整"),
                })?;
            }
            _ => {}
        }
    }
    let mut cells = 0u64;
    let mut text = 0u64;
    for pos in sheets {
        let sheet = stream
            .get(pos as usize..)
            .ok_or_else(|| damaged(name, "工作表的位置超出了文件"))?;
        let (n, bytes) = sheet_cells(sheet, &strings, name)?;
        cells = cells.saturating_add(n);
        text = text.saturating_add(bytes);
        if text > MAX_TEXT_BYTES {
            return Err(too_much_text(name));
        }
        if cells > MAX_XLS_CELLS {
            return Err(over(
                name,
                format!(
                    "的工作表从第一个到最后一个单元格共超过 {} 万格（本程序的上限）",
                    MAX_XLS_CELLS / 10_000
                ),
            ));
        }
    }
    Ok(())
}

/// The cells calamine lays one sheet out in (rows × columns from the first cell to the last)
/// and the bytes of their text (3 a character; `strings` = the characters of each SST
/// string), refusing what would make it misread the sheet: an inconsistent DIMENSIONS
/// record, a cell beyond column 256.
fn sheet_cells(sheet: &[u8], strings: &[u32], name: &str) -> Result<(u64, u64)> {
    let bad = |what: &str| damaged(name, what);
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut extent = Extent::default();
    let mut text = 0u64;
    for (typ, data) in records(sheet) {
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS if !dimensions_fit(data) => {
                return Err(bad("工作表的范围记录不正确"));
            }
            t if CELLS.contains(&t) || t == FORMULA || t == MULRK => {
                let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                // MULRK: several numbers in a row, 6 bytes each after row and first column.
                let last = if t == MULRK {
                    col + (data.len().saturating_sub(6) / 6) as u32
                } else {
                    col
                };
                if last > 255 {
                    return Err(bad("有单元格超出了 Excel 的 256 列"));
                }
                extent.add(row, col);
                extent.add(row, last);
                let chars = match t {
                    LABELSST => u32_at(data, 6).and_then(|i| strings.get(i as usize).copied()),
                    LABEL | RSTRING => u16_at(data, 6),
                    _ => None,
                };
                text += u64::from(chars.unwrap_or(0)) * 3;
            }
            // The text of a formula's result.
            STRING => text += u64::from(u16_at(data, 0).unwrap_or(0)) * 3,
            _ => {}
        }
    }
    Ok((extent.cells(), text))
}

/// A DIMENSIONS record calamine can lay a sheet out from: first row and column before the
/// last, within Excel's 65,536 rows and 256 columns.
fn dimensions_fit(d: &[u8]) -> bool {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
        // calamine refuses other lengths itself.
        _ => return true,
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return true;
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return true;
    }
    rf < rl && cf < cl && rl - rf <= 65_536 && cl - cf <= 256
}

/// Counts the strings of an SST record and its CONTINUE records the way calamine reads them;
/// the characters of each.
fn check_sst(parts: &[&[u8]]) -> std::result::Result<Vec<u32>, Strings> {
    let declared = parts
        .first()
        .and_then(|d| Some((u32_at(d, 0)?, u32_at(d, 4)?)));
    if let Some((total, unique)) = declared {
        if total.max(unique) as usize > MAX_SHARED_STRINGS {
            return Err(Strings::TooMany);
        }
    }
    let mut rest = parts.iter().copied();
    let mut data = rest.next().and_then(|d| d.get(8..)).unwrap_or_default();
    let mut lengths = Vec::new();
    loop {
        if data.is_empty() {
            match rest.next() {
                Some(next) => {
                    data = next;
                    continue;
                }
                None => return Ok(lengths),
            }
        }
        // cch, flags, then the run count and the extension's size when flagged.
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else {
            return Ok(lengths); // calamine refuses it as damaged
        };
        data = &data[3..];
        if lengths.len() >= MAX_SHARED_STRINGS {
            return Err(Strings::TooMany);
        }
        lengths.push(cch);
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = u16_at(data, 0) else {
                return Ok(lengths);
            };
            skip += runs as usize * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(ext) = u32_at(data, 0) else {
                return Ok(lengths);
            };
            skip += ext as usize;
            data = &data[4..];
        }
        // The characters, one or two bytes each; a CONTINUE record inside them starts with
        // the width of the rest.
        let mut wide = flags & 0x1 != 0;
        let mut left = cch as usize;
        while left > 0 {
            let per = if wide { 2 } else { 1 };
            let take = left.min(data.len() / per);
            data = &data[take * per..];
            left -= take;
            if left > 0 {
                let Some(next) = rest.next() else {
                    return Ok(lengths);
                };
                let Some((&f, chars)) = next.split_first() else {
                    return Ok(lengths);
                };
                wide = f & 0x1 != 0;
                data = chars;
            }
        }
        // Formatting runs and the extension, across CONTINUE records without a width byte.
        while skip > 0 {
            if data.is_empty() {
                let Some(next) = rest.next() else {
                    return Ok(lengths);
                };
                data = next;
                continue;
            }
            let n = skip.min(data.len());
            data = &data[n..];
            skip -= n;
        }
    }
}
