//! The county roster the ledger exports, read back by the import: a clerk exports it, fixes a
//! few cells in Excel and imports it again. With nothing edited, every row must come back
//! unchanged: no rejection, no change the clerk did not make.

mod common;
use common::*;
use shegong_core::demo::{self, DemoOptions};
use shegong_core::import::{self, ImportOptions, RowStatus};
use shegong_core::reports::{self, ReportOptions};

#[test]
fn the_exported_county_roster_imports_back_unchanged() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut conn = ledger();
    let today = today();
    shegong_core::write(&mut conn, |tx| {
        demo::generate(
            tx,
            &DemoOptions {
                seed: 7,
                communities: 3,
                workers: None,
            },
            today,
        )
    })
    .expect("demo");
    let path = dir.path().join("报表.xlsx");
    let options = ReportOptions {
        as_of: today.format("%Y-%m-%d").to_string(),
        period_from: None,
        period_to: None,
        sheets: vec!["花名册".into()],
        full_id_numbers: true,
        include_exited: false,
    };
    let generated = today.and_hms_opt(9, 0, 0).expect("time");
    reports::export_county(&conn, &options, &path, generated, &mut |_| {}).expect("export");

    let plan =
        import::preview(&conn, &path, &[], &ImportOptions::default(), today).expect("preview");
    let mut problems = Vec::new();
    for r in &plan.rows {
        match r.status {
            RowStatus::Unchanged => {}
            RowStatus::Rejected => problems.push(format!(
                "第{}行 {} 拒绝：{}",
                r.row,
                r.name,
                r.errors
                    .iter()
                    .map(|e| format!("「{}」{}", e.column, e.message))
                    .collect::<Vec<_>>()
                    .join("；")
            )),
            _ => problems.push(format!(
                "第{}行 {} {:?}：{}",
                r.row,
                r.name,
                r.status,
                r.changes
                    .iter()
                    .map(|c| format!("{} {:?}→{:?}", c.field, c.old, c.new))
                    .collect::<Vec<_>>()
                    .join("；")
            )),
        }
    }
    assert!(plan.rows.len() > 20, "{} rows", plan.rows.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
