//! Hostile and huge files: each is made here, small on disk and huge (or malformed) inside,
//! and must be refused with a Chinese message naming the limit, in seconds and with bounded
//! memory. The time each refusal took is printed (`--nocapture`); no test fails on time.
//!
//! The zip files are written by hand (a deflate stream of fixed Huffman codes, where a long
//! repetition is a run of back-references), so a gibibyte of text costs a megabyte and a
//! fraction of a second to make even in a debug build.

mod common;

use common::*;
use shegong_core::error::ErrorKind;
use shegong_core::import::{
    self, ImportOptions, MAX_CELL_CHARS, MAX_PARTS, MAX_SHARED_STRINGS, MAX_TEXT_BYTES,
};
use shegong_core::{Connection, CoreError};
use std::path::{Path, PathBuf};
use std::time::Instant;

// ---------------------------------------------------------------- deflate, by hand

fn crc_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    t
}

/// A deflate stream of one block with the fixed Huffman codes (RFC 1951 3.2.6).
struct Deflate {
    out: Vec<u8>,
    acc: u64,
    bits: u32,
    /// Bytes the stream unpacks to.
    size: u64,
    /// The CRC-32 of those bytes, or None when not kept (a bomb is never read to its end).
    crc: Option<u32>,
    table: [u32; 256],
}

impl Deflate {
    fn new(keep_crc: bool) -> Self {
        let mut d = Deflate {
            out: Vec::new(),
            acc: 0,
            bits: 0,
            size: 0,
            crc: keep_crc.then_some(0xFFFF_FFFF),
            table: crc_table(),
        };
        d.put(1, 1); // the final block
        d.put(1, 2); // fixed codes
        d
    }

    fn put(&mut self, value: u32, len: u32) {
        self.acc |= u64::from(value) << self.bits;
        self.bits += len;
        while self.bits >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.bits -= 8;
        }
    }

    /// A Huffman code: its bits from the most significant.
    fn code(&mut self, code: u32, len: u32) {
        let mut rev = 0;
        for i in 0..len {
            rev |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(rev, len);
    }

    fn symbol(&mut self, s: u32) {
        match s {
            0..=143 => self.code(0x30 + s, 8),
            144..=255 => self.code(0x190 + s - 144, 9),
            256..=279 => self.code(s - 256, 7),
            _ => self.code(0xC0 + s - 280, 8),
        }
    }

    fn count(&mut self, bytes: &[u8]) {
        self.size += bytes.len() as u64;
        if let Some(mut c) = self.crc {
            for b in bytes {
                c = self.table[((c ^ u32::from(*b)) & 0xFF) as usize] ^ (c >> 8);
            }
            self.crc = Some(c);
        }
    }

    fn text(&mut self, bytes: &[u8]) -> &mut Self {
        for b in bytes {
            self.symbol(u32::from(*b));
        }
        self.count(bytes);
        self
    }

    /// `unit` written `times` times: once as literals, then copies of 258 bytes from
    /// `unit.len()` back.
    fn repeat(&mut self, unit: &[u8], times: u64) -> &mut Self {
        if times == 0 {
            return self;
        }
        self.text(unit);
        let period = unit.len() as u64;
        let mut left = period * (times - 1);
        let mut copied = 0u64;
        let (dist_code, extra_bits, extra) = distance_code(period as u32);
        while left >= 258 {
            self.symbol(285); // length 258
            self.code(dist_code, 5);
            self.put(extra, extra_bits);
            left -= 258;
            copied += 258;
        }
        let tail: Vec<u8> = (0..left)
            .map(|i| unit[((copied + i) % period) as usize])
            .collect();
        for b in &tail {
            self.symbol(u32::from(*b));
        }
        if self.crc.is_some() {
            for _ in 0..times - 1 {
                self.count(unit);
            }
        } else {
            self.size += period * (times - 1);
        }
        self
    }

    fn finish(&mut self) -> Part {
        self.symbol(256);
        if self.bits > 0 {
            self.out.push(self.acc as u8);
        }
        Part {
            name: String::new(),
            data: std::mem::take(&mut self.out),
            size: self.size,
            declared: None,
            crc: self.crc.map_or(0, |c| !c),
        }
    }
}

/// The distance code for `d` (1..=32768), its extra bits and their value.
fn distance_code(d: u32) -> (u32, u32, u32) {
    if d <= 4 {
        return (d - 1, 0, 0);
    }
    let (mut code, mut base) = (4, 5);
    loop {
        let extra_bits = (code - 2) / 2;
        if d < base + (1 << extra_bits) {
            return (code, extra_bits, d - base);
        }
        base += 1 << extra_bits;
        code += 1;
    }
}

// ---------------------------------------------------------------- zip, by hand

struct Part {
    name: String,
    data: Vec<u8>,
    size: u64,
    /// The uncompressed size the zip claims, when it lies.
    declared: Option<u64>,
    crc: u32,
}

fn part(name: &str, text: &str) -> Part {
    let mut p = Deflate::new(true).text(text.as_bytes()).finish();
    p.name = name.into();
    p
}

fn named(mut p: Part, name: &str) -> Part {
    p.name = name.into();
    p
}

fn zip(parts: &[Part]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    for p in parts {
        let offset = out.len() as u32;
        let size = p.declared.unwrap_or(p.size) as u32;
        for (v, sig) in [(&mut out, 0x0403_4b50u32), (&mut central, 0x0201_4b50)] {
            u32le(v, sig);
            if sig == 0x0201_4b50 {
                u16le(v, 20); // made by
            }
            u16le(v, 20); // needed
            u16le(v, 0); // flags
            u16le(v, 8); // deflate
            u16le(v, 0); // time
            u16le(v, 0x21); // 1980-01-01
            u32le(v, p.crc);
            u32le(v, p.data.len() as u32);
            u32le(v, size);
            u16le(v, p.name.len() as u16);
            u16le(v, 0); // extra
            if sig == 0x0201_4b50 {
                u16le(v, 0); // comment
                u16le(v, 0); // disk
                u16le(v, 0); // internal attributes
                u32le(v, 0); // external attributes
                u32le(v, offset);
            }
            v.extend_from_slice(p.name.as_bytes());
        }
        out.extend_from_slice(&p.data);
    }
    let cd_offset = out.len() as u32;
    let cd_size = central.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, parts.len().min(0xFFFF) as u16);
    u16le(&mut out, parts.len().min(0xFFFF) as u16);
    u32le(&mut out, cd_size);
    u32le(&mut out, cd_offset);
    u16le(&mut out, 0);
    out
}

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/// An xlsx with one sheet: the given sheet XML and shared strings parts, and the parts
/// around them a reader needs.
fn workbook(sheet: Part, strings: Part, more: Vec<Part>) -> Vec<Part> {
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut parts = vec![
        part(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#,
        ),
        part(
            "_rels/.rels",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        part(
            "xl/workbook.xml",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{rel}"><sheets><sheet name="花名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        part(
            "xl/_rels/workbook.xml.rels",
            &format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        named(sheet, "xl/worksheets/sheet1.xml"),
        named(strings, "xl/sharedStrings.xml"),
    ];
    parts.extend(more);
    parts
}

/// A sheet whose first row is the header 姓名 / 身份证号 and whose body is `row` repeated.
fn sheet_of(row: &str, times: u64) -> Part {
    Deflate::new(false)
        .text(format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData><row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>身份证号</t></is></c></row>"#).as_bytes())
        .repeat(row.as_bytes(), times)
        .text(b"</sheetData></worksheet>")
        .finish()
}

fn plain_sheet() -> Part {
    sheet_of(r#"<row><c t="s"><v>0</v></c></row>"#, 1)
}

fn strings_head(count: &str) -> String {
    format!(r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"{count}>"#)
}

/// A small sharedStrings.xml: the `<sst>` with `attrs`, then `body`.
fn strings(attrs: &str, body: &str) -> Part {
    part("", &format!("{}{body}</sst>", strings_head(attrs)))
}

/// sharedStrings.xml holding one string: `unit` repeated `times` times.
fn one_string(unit: &[u8], times: u64) -> Part {
    Deflate::new(times < 1 << 20)
        .text(format!("{}<si><t>", strings_head(r#" count="1" uniqueCount="1""#)).as_bytes())
        .repeat(unit, times)
        .text(b"</t></si></sst>")
        .finish()
}

/// A one-sheet workbook with these shared strings.
fn with_strings(dir: &Path, name: &str, strings: Part) -> PathBuf {
    write(dir, name, &workbook(plain_sheet(), strings, vec![]))
}

fn write(dir: &Path, name: &str, parts: &[Part]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, zip(parts)).expect("write bomb");
    path
}

// ---------------------------------------------------------------- the checks

fn ledger_view() -> Connection {
    let mut conn = ledger();
    community(&mut conn, "和平社区", 10_000);
    conn
}

/// Inspects and previews `path`; both must refuse it as a file problem whose message
/// contains every one of `needles`. Prints how long each took.
fn refused(path: &Path, needles: &[&str]) -> CoreError {
    let conn = ledger_view();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let started = Instant::now();
    let err = import::inspect(&conn, path).expect_err("inspect refuses");
    println!(
        "{}: inspect refused in {:.2?}: {err}",
        name.clone().unwrap_or_default(),
        started.elapsed()
    );
    let started = Instant::now();
    let again = import::preview(&conn, path, &[], &ImportOptions::default(), today())
        .expect_err("preview refuses");
    println!(
        "{}: preview refused in {:.2?}",
        name.unwrap_or_default(),
        started.elapsed()
    );
    assert_eq!(err.kind(), ErrorKind::Validation, "{err}");
    assert_eq!(err.field(), Some("file"), "{err}");
    for n in needles {
        assert!(err.to_string().contains(n), "{n}: {err}");
    }
    assert_eq!(err.to_string(), again.to_string());
    // Every such message says what to do.
    assert!(err.to_string().contains("请"), "{err}");
    err
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("tmp")
}

#[test]
fn the_bombs_are_small_files() {
    // What each bomb costs on disk, so the tests below stay cheap.
    let gib = Deflate::new(false).repeat(b"a", 1 << 30).finish();
    assert_eq!(gib.size, 1 << 30);
    assert!(gib.data.len() < 8 << 20, "{}", gib.data.len());
    // The hand-made stream unpacks to what it says.
    let dir = tmp();
    let small = Deflate::new(true)
        .text(b"<x>")
        .repeat("张三,".as_bytes(), 1000)
        .text(b"</x>")
        .finish();
    let expected = format!("<x>{}</x>", "张三,".repeat(1000));
    assert_eq!(small.size, expected.len() as u64);
    let path = write(dir.path(), "check.zip", &[named(small, "a.xml")]);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_index(0).expect("entry"), &mut text)
        .expect("unpacks, with a right CRC");
    assert_eq!(text, expected);
}

#[test]
fn a_workbook_made_by_hand_is_read_when_it_is_within_the_limits() {
    let dir = tmp();
    let one = strings(r#" count="1" uniqueCount="1""#, "<si><t>张三</t></si>");
    let path = with_strings(dir.path(), "手工.xlsx", one);
    let conn = ledger_view();
    let info = import::inspect(&conn, &path).expect("read");
    assert_eq!(info.sheets[0].header_row, Some(1));
    assert_eq!(info.sheets[0].data_rows, 1);
}

#[test]
fn one_shared_string_of_a_gibibyte_is_refused_in_seconds() {
    let dir = tmp();
    let one = || one_string(b"a", 1 << 30);
    // As declared: the part says it is over the limit.
    let path = with_strings(dir.path(), "一个共享文本.xlsx", one());
    assert!(std::fs::metadata(&path).expect("size").len() < 10 << 20);
    refused(&path, &["sharedStrings.xml", "200 MB", "另存为"]);

    // Declared small: refused as it is read, long before the gibibyte.
    let mut lying = one();
    lying.declared = Some(1000);
    let path = with_strings(dir.path(), "谎报大小.xlsx", lying);
    refused(&path, &[]);
}

#[test]
fn a_shared_string_longer_than_a_cell_holds_is_refused() {
    let dir = tmp();
    // In one piece, counted in characters (Chinese: three bytes each).
    let long = one_string("张".as_bytes(), MAX_CELL_CHARS as u64 + 1);
    let path = with_strings(dir.path(), "长文本.xlsx", long);
    refused(&path, &["32767 字"]);

    // The same length in rich-text runs, with character references.
    let runs = Deflate::new(true)
        .text(format!("{}<si>", strings_head("")).as_bytes())
        .repeat(b"<r><t>&#24352;ab</t></r>", MAX_CELL_CHARS as u64 / 3 + 1)
        .text(b"</si></sst>")
        .finish();
    let path = with_strings(dir.path(), "分段长文本.xlsx", runs);
    refused(&path, &["32767 字"]);

    // Exactly the limit is a cell Excel can hold: read.
    let most = one_string("张".as_bytes(), MAX_CELL_CHARS as u64);
    let path = with_strings(dir.path(), "最长文本.xlsx", most);
    import::inspect(&ledger_view(), &path).expect("a full cell is read");

    // 50 MB in one run: stopped at a megabyte, before any XML reader buffers it.
    let run = one_string(b"a", 50 << 20);
    let path = with_strings(dir.path(), "50MB文本.xlsx", run);
    refused(&path, &["32767 字"]);
}

#[test]
fn thirty_million_shared_strings_are_refused_in_seconds() {
    let dir = tmp();
    let bomb = Deflate::new(false)
        .text(strings_head(r#" count="30000000" uniqueCount="30000000""#).as_bytes())
        .repeat(b"<si><t>a</t></si>", 30_000_000)
        .text(b"</sst>")
        .finish();
    let path = with_strings(dir.path(), "三千万.xlsx", bomb);
    refused(&path, &[]);

    // Counted, not taken from the attributes: these say there is one.
    let over = MAX_SHARED_STRINGS as u64 + 1;
    let lying = Deflate::new(false)
        .text(strings_head(r#" count="1" uniqueCount="1""#).as_bytes())
        .repeat(b"<si><t>a</t></si>", over)
        .text(b"</sst>")
        .finish();
    let path = with_strings(dir.path(), "少报条数.xlsx", lying);
    refused(&path, &["共享文本超过 100 万条", "另存为新的工作簿"]);

    // And the attributes alone refuse (calamine reserves memory for uniqueCount).
    let declared = strings(
        r#" count="1" uniqueCount="4000000000""#,
        "<si><t>a</t></si>",
    );
    let path = with_strings(dir.path(), "多报条数.xlsx", declared);
    refused(&path, &["100 万条"]);
}

#[test]
fn a_sheet_of_two_million_rows_is_refused_in_seconds() {
    let dir = tmp();
    let two = strings("", "<si><t>某</t></si><si><t>x</t></si>");
    let sheet = sheet_of(
        r#"<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#,
        2_000_000,
    );
    assert!(
        sheet.size < 200 << 20,
        "under the part limit: {}",
        sheet.size
    );
    let path = write(dir.path(), "两百万行.xlsx", &workbook(sheet, two, vec![]));
    let conn = ledger_view();
    let started = Instant::now();
    let info = import::inspect(&conn, &path).expect("inspected");
    println!("two million rows: inspected in {:.2?}", started.elapsed());
    assert!(
        info.sheets[0]
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("50000 行")),
        "{:?}",
        info.sheets[0].problem
    );
    let started = Instant::now();
    let err = import::preview(&conn, &path, &[], &ImportOptions::default(), today())
        .expect_err("too many rows");
    println!(
        "two million rows: preview refused in {:.2?}: {err}",
        started.elapsed()
    );
    assert!(err.to_string().contains("上限"), "{err}");
}

#[test]
fn parts_over_the_limits_are_refused_as_declared_and_as_read() {
    let dir = tmp();
    let one = || strings("", "<si><t>a</t></si>");
    // Three parts of 190 MB each: none over the part limit, all together over 500 MB.
    let media = |i: u32| {
        named(
            Deflate::new(false).repeat(&[0u8], 190 << 20).finish(),
            &format!("xl/media/image{i}.png"),
        )
    };
    let path = write(
        dir.path(),
        "合计太大.xlsx",
        &workbook(plain_sheet(), one(), (1..=3).map(media).collect()),
    );
    refused(&path, &["500 MB"]);

    // A run of two megabytes in a sheet: no cell is that long.
    let sheet = Deflate::new(false)
        .text(
            format!(r#"<worksheet xmlns="{NS}"><sheetData><row><c t="inlineStr"><is><t>"#)
                .as_bytes(),
        )
        .repeat(b"x", 2 << 20)
        .text(b"</t></is></c></row></sheetData></worksheet>")
        .finish();
    let path = write(
        dir.path(),
        "超长单元格.xlsx",
        &workbook(sheet, one(), vec![]),
    );
    refused(&path, &["sheet1.xml", "1 MB"]);

    // More parts than any workbook has.
    let empty: Vec<Part> = (0..=MAX_PARTS)
        .map(|i| part(&format!("xl/media/{i}.bin"), ""))
        .collect();
    let path = write(
        dir.path(),
        "部件太多.xlsx",
        &workbook(plain_sheet(), one(), empty),
    );
    refused(&path, &["10000 个"]);
}

#[test]
fn long_texts_repeated_in_many_cells_are_refused_before_they_fill_memory() {
    let dir = tmp();
    let long = one_string("张".as_bytes(), 32_000);
    // 10,000 cells each holding the same 96 KB: almost a gigabyte once copied out.
    let sheet = sheet_of(r#"<row><c t="s"><v>0</v></c></row>"#, 10_000);
    let path = write(
        dir.path(),
        "重复长文本.xlsx",
        &workbook(sheet, long, vec![]),
    );
    refused(
        &path,
        &[&format!("{} MB", MAX_TEXT_BYTES / 1024 / 1024), "文字合计"],
    );
}

// ---------------------------------------------------------------- xls (BIFF8 in OLE)

fn roster_cells() -> Vec<u8> {
    let mut sheet = dimensions((0, 2), (0, 2));
    for (r, c, i) in [(0, 0, 0), (0, 1, 1), (1, 0, 2), (1, 1, 3)] {
        sheet.extend(label_sst(r, c, i));
    }
    sheet
}

fn roster_strings() -> Vec<Vec<u8>> {
    ["姓名", "身份证号", "张三", &id_for("1980-01-01", 11)]
        .map(sst_string)
        .to_vec()
}

#[test]
fn an_xls_within_the_limits_is_read() {
    let dir = tmp();
    let path = xls(
        dir.path(),
        "花名册.xls",
        sst(4, &roster_strings()),
        roster_cells(),
        true,
    );
    let info = import::inspect(&ledger_view(), &path).expect("read");
    assert_eq!(info.sheets[0].name, "花名册");
    assert_eq!(info.sheets[0].header_row, Some(1));
    assert_eq!(info.sheets[0].data_rows, 1);
}

#[test]
fn an_xls_over_the_limits_or_malformed_is_refused() {
    let dir = tmp();
    // Declared: two million strings.
    let path = xls(
        dir.path(),
        "多报.xls",
        sst(2_000_000, &roster_strings()),
        roster_cells(),
        true,
    );
    refused(&path, &["100 万条"]);

    // Counted across CONTINUE records: declared as four.
    let mut many = roster_strings();
    many.extend((0..MAX_SHARED_STRINGS).map(|_| sst_string("")));
    let path = xls(dir.path(), "少报.xls", sst(4, &many), roster_cells(), true);
    refused(&path, &["100 万条"]);

    // A DIMENSIONS record of four billion rows: calamine would reserve terabytes and abort.
    let mut sheet = dimensions((0, u32::MAX), (0, 256));
    sheet.extend(roster_cells());
    let path = xls(
        dir.path(),
        "范围.xls",
        sst(4, &roster_strings()),
        sheet,
        true,
    );
    refused(&path, &["已损坏", "范围"]);

    // A cell beyond Excel's 256 columns (calamine would lay out 65,536 of them a row).
    let mut sheet = roster_cells();
    sheet.extend(label_sst(60_000, 60_000, 2));
    let path = xls(dir.path(), "列.xls", sst(4, &roster_strings()), sheet, true);
    refused(&path, &["256 列"]);

    // One long string in thousands of cells: each cell is a copy.
    let mut strings = roster_strings();
    strings.push(sst_string(&"张".repeat(30_000)));
    let mut sheet = roster_cells();
    for r in 2..3_002 {
        sheet.extend(label_sst(r, 2, 4));
    }
    let path = xls(dir.path(), "长文本.xls", sst(5, &strings), sheet, true);
    refused(&path, &["文字合计"]);

    // A record calamine indexes past its end: its panic is caught and reported.
    let path = xls(
        dir.path(),
        "短记录.xls",
        sst(4, &roster_strings()),
        roster_cells(),
        false,
    );
    refused(&path, &["已损坏"]);
}
