//! Shared fixtures for the core's integration tests.
#![allow(dead_code)]

use chrono::NaiveDate;
use shegong_core::audit::Channel;
use shegong_core::communities::{self, CommunityInput};
use shegong_core::idcard::check_char;
use shegong_core::training::ExternalInput;
use shegong_core::workers::{self, WorkerInput};
use shegong_core::{store, Connection};

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
