//! Shared fixtures for the core's integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use shegong_core::audit::Channel;
use shegong_core::communities::{self, CommunityInput};
use shegong_core::idcard::check_char;
use shegong_core::training::ExternalInput;
use shegong_core::workers::{self, WorkerInput};
use shegong_core::{store, Connection};
use std::process::Command;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

pub fn today() -> NaiveDate {
    d("2026-06-15")
}

/// A valid ID number for a birth date; `seq` odd for men, even for women.
pub fn id_for(birth: &str, seq: u32) -> String {
    let first17 = format!("330106{}{seq:03}", birth.replace('-', ""));
    format!("{first17}{}", check_char(&first17).expect("digits"))
}

/// A copy, in `dir`, of a ledger written by release 3 (people, exits, no later tables): the
/// older file each migration test opens.
pub fn older_release_ledger(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("ledger.db");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/ledger-v3-release.db"
        ),
        &path,
    )
    .expect("copy fixture");
    path
}

pub fn ledger() -> Connection {
    store::open_in_memory().expect("in-memory ledger")
}

/// A demo street (`demo::generate`) of `communities` communities, generated as of `as_of`.
pub fn demo_street(seed: u64, communities: usize, as_of: &str) -> Connection {
    let mut conn = ledger();
    shegong_core::write(&mut conn, |tx| {
        let options = shegong_core::demo::DemoOptions {
            seed,
            communities,
            workers: None,
        };
        shegong_core::demo::generate(tx, &options, d(as_of))
    })
    .expect("demo");
    conn
}

/// How many people the roster lists for `q` on `as_of` (the count a page shows).
pub fn roster_total(conn: &Connection, as_of: &str, q: workers::RosterQuery) -> i64 {
    let q = workers::RosterQuery {
        as_of: Some(as_of.into()),
        page: 1,
        page_size: 1,
        ..q
    };
    workers::roster(conn, &q, d(as_of)).expect("roster").total
}

pub fn community(conn: &mut Connection, name: &str, population: i64) -> i64 {
    shegong_core::write(conn, |tx| {
        communities::create(
            tx,
            &Channel::Ui,
            &CommunityInput {
                name: name.into(),
                code: None,
                population,
                population_date: Some("2025-12-31".into()),
                households: None,
                remarks: None,
            },
        )
    })
    .expect("community")
    .id
}

pub fn input(name: &str, id_number: &str, community_id: i64) -> WorkerInput {
    WorkerInput {
        name: name.into(),
        id_number: id_number.into(),
        ethnicity: "汉族".into(),
        political_status: "群众".into(),
        education: "大学本科".into(),
        community_id,
        category: "社区专职工作人员".into(),
        position: "专职工作人员".into(),
        hired_on: "2020-03-01".into(),
        ..Default::default()
    }
}

pub fn worker(conn: &mut Connection, input: &WorkerInput) -> i64 {
    shegong_core::write(conn, |tx| workers::create(tx, &Channel::Ui, input, today()))
        .expect("worker")
        .id
}

pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// A training attended elsewhere (个人培训), 2025-09-01 .. 05, provincial tier.
pub fn external_training() -> ExternalInput {
    ExternalInput {
        name: "省社区工作者示范培训班".into(),
        kind: "在职培训".into(),
        tier: "省级以上示范培训".into(),
        organizer: Some("省委社会工作部".into()),
        start_date: "2025-09-01".into(),
        end_date: "2025-09-05".into(),
        hours: 32.5,
        mode: "线下".into(),
        remarks: None,
    }
}

// ---------------------------------------------------------------- xls (BIFF8 in OLE)
// Small xls files written byte by byte: no xls writer is a dependency.

/// A BIFF8 record.
pub fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend_from_slice(&(data.len() as u16).to_le_bytes());
    v.extend_from_slice(data);
    v
}

pub fn bof(dt: u16) -> Vec<u8> {
    let mut d = vec![0x00, 0x06];
    d.extend_from_slice(&dt.to_le_bytes());
    d.extend_from_slice(&[0; 12]);
    rec(0x0809, &d)
}

pub fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// One string of the SST: UTF-16, no runs.
pub fn sst_string(s: &str) -> Vec<u8> {
    let mut v = (s.encode_utf16().count() as u16).to_le_bytes().to_vec();
    v.push(1);
    v.extend(utf16(s));
    v
}

/// The SST record and as many CONTINUE records as its strings need (8224 bytes each).
pub fn sst(declared: u32, strings: &[Vec<u8>]) -> Vec<u8> {
    let mut head = declared.to_le_bytes().to_vec();
    head.extend_from_slice(&declared.to_le_bytes());
    let mut out = Vec::new();
    let mut current = head;
    let mut typ = 0x00FC;
    for s in strings {
        if current.len() + s.len() > 8224 {
            out.extend(rec(typ, &current));
            typ = 0x003C;
            current = Vec::new();
        }
        current.extend_from_slice(s);
    }
    out.extend(rec(typ, &current));
    out
}

pub fn label_sst(row: u16, col: u16, isst: u32) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend_from_slice(&col.to_le_bytes());
    d.extend_from_slice(&15u16.to_le_bytes());
    d.extend_from_slice(&isst.to_le_bytes());
    rec(0x00FD, &d)
}

pub fn dimensions(rows: (u32, u32), cols: (u16, u16)) -> Vec<u8> {
    let mut d = rows.0.to_le_bytes().to_vec();
    d.extend_from_slice(&rows.1.to_le_bytes());
    d.extend_from_slice(&cols.0.to_le_bytes());
    d.extend_from_slice(&cols.1.to_le_bytes());
    d.extend_from_slice(&[0, 0]);
    rec(0x0200, &d)
}

/// A workbook stream: the globals (one sheet named 花名册, the SST) and the sheet's records.
pub fn xls(
    dir: &std::path::Path,
    name: &str,
    sst_records: Vec<u8>,
    sheet: Vec<u8>,
    boundsheet: bool,
) -> std::path::PathBuf {
    let name_utf16 = utf16("花名册");
    let mut bound = vec![0u8; 4];
    bound.extend_from_slice(&[0, 0, 3, 1]);
    bound.extend_from_slice(&name_utf16);
    let mut globals = bof(0x0005);
    let bound_at = globals.len() + 4;
    if boundsheet {
        globals.extend(rec(0x0085, &bound));
    } else {
        // Too short for calamine, which indexes past its end.
        globals.extend(rec(0x0085, &bound[..4]));
    }
    globals.extend(sst_records);
    globals.extend(rec(0x000A, &[]));
    let at = globals.len() as u32;
    globals[bound_at..bound_at + 4].copy_from_slice(&at.to_le_bytes());
    let mut stream = globals;
    stream.extend(bof(0x0010));
    stream.extend(sheet);
    stream.extend(rec(0x000A, &[]));

    let path = dir.join(name);
    let mut comp = cfb::create(&path).expect("cfb");
    use std::io::Write;
    comp.create_stream("/Workbook")
        .expect("stream")
        .write_all(&stream)
        .expect("write");
    comp.flush().expect("flush");
    path
}

// Printing: workbooks converted with LibreOffice and read with poppler, as the county would
// print them.

pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Converts `books` to PDF beside them in `dir`.
pub fn to_pdf(dir: &std::path::Path, books: &[&std::path::Path]) {
    // Its own profile, so parallel runs do not share LibreOffice's.
    let profile = dir.join("lo-profile");
    let status = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(books)
        .output()
        .expect("run libreoffice");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

pub fn pdf_pages(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8_lossy(&out.stdout);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

pub fn pdf_page_text(pdf: &std::path::Path, page: usize) -> String {
    let out = Command::new("pdftotext")
        .args(["-f", &page.to_string(), "-l", &page.to_string(), "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    // The layout puts spaces where it likes; compare without them.
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
