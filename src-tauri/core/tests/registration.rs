//! 人员登记表: one form per person, read back with calamine and printed with LibreOffice
//! (one A4 page per person; skipped with a notice when LibreOffice is not installed).

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use shegong_core::audit::Channel;
use shegong_core::reports::{self, ExportResult};
use shegong_core::workers::{self, RosterQuery};
use shegong_core::{idcard, Connection, CoreError};
use std::path::Path;

const AS_OF: &str = "2026-06-30";

fn export(
    conn: &Connection,
    ids: &[i64],
    full: bool,
    path: &Path,
) -> shegong_core::Result<ExportResult> {
    let at = d("2026-07-01").and_hms_opt(9, 0, 0).expect("time");
    reports::export_registration_forms(conn, ids, d(AS_OF), full, path, at, &mut |_| {})
}

/// Every non-empty cell of the sheet as text, row by row.
fn cells(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("open");
    assert_eq!(book.sheet_names(), ["人员登记表"]);
    let range = book.worksheet_range("人员登记表").expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn in_post_ids(conn: &Connection) -> Vec<i64> {
    let q = RosterQuery {
        as_of: Some(AS_OF.into()),
        ..Default::default()
    };
    workers::roster_ids(conn, &q, d(AS_OF)).expect("ids").1
}

/// Thirty trainings for `id` in the last three years (测试培训0 oldest … 测试培训29 newest)
/// and one after the as-of date (测试培训30). Gives how many are before the date.
fn many_trainings(conn: &mut Connection, id: i64) -> usize {
    // Thirty trainings in the last three years (newest last), and one after the as-of date.
    let mut dates: Vec<String> = (0..30)
        .map(|k| format!("{}-{:02}-{:02}", 2024 + k / 12, k % 12 + 1, 10))
        .filter(|d| d.as_str() <= AS_OF)
        .collect();
    dates.push("2026-09-01".into());
    for (k, date) in dates.iter().enumerate() {
        let input = shegong_core::training::ExternalInput {
            name: format!("测试培训{k}"),
            start_date: date.clone(),
            end_date: date.clone(),
            hours: 8.0,
            ..external_training()
        };
        shegong_core::write(conn, |tx| {
            shegong_core::training::add_external(tx, &Channel::Ui, id, &input, d("2026-12-31"))
        })
        .expect("training");
    }
    dates.len() - 1
}

#[test]
fn one_form_per_person_with_their_records() {
    let conn = demo_street(11, 4, AS_OF);
    let ids: Vec<i64> = in_post_ids(&conn).into_iter().take(4).collect();
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("登记表.xlsx");
    let result = export(&conn, &ids, false, &path).expect("export");
    assert_eq!(result.roster_rows, 4);
    assert!(result.id_numbers_masked);

    let rows = cells(&path);
    let titles: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r[0] == "社区工作者登记表")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(titles.len(), 4, "a form per person");
    for (k, id) in ids.iter().enumerate() {
        let w = workers::get(&conn, *id, d(AS_OF)).expect("worker");
        let end = titles.get(k + 1).copied().unwrap_or(rows.len());
        let form: Vec<&String> = rows[titles[k]..end].iter().flatten().collect();
        let has = |s: &str| form.iter().any(|c| c.as_str() == s);
        assert!(has(&w.input.name), "{} on form {k}", w.input.name);
        assert!(has(&idcard::mask(&w.input.id_number)), "masked ID");
        assert!(
            !form.iter().any(|c| c.contains(&w.input.id_number)),
            "never the full ID"
        );
        assert!(has(&w.community_name));
        assert!(has("照片"), "an empty photo box");
        for section in ["任职经历", "学历", "职业资格", "近三年培训", "年度考核"]
        {
            assert!(
                form.iter().any(|c| c.replace('\n', "") == section),
                "{section} on form {k}"
            );
        }
        // The newest post of the person's history is there (the list is newest first).
        let posts = workers::history::history(&conn, *id)
            .expect("history")
            .posts;
        let newest = posts
            .iter()
            .map(|p| p.effective_on.clone())
            .max()
            .expect("a post");
        assert!(has(&newest), "latest post {newest}");
        assert!(form.iter().any(|c| c.starts_with("本人签字")));
    }

    let full = dir.path().join("完整.xlsx");
    export(&conn, &ids[..1], true, &full).expect("full");
    let w = workers::get(&conn, ids[0], d(AS_OF)).expect("worker");
    assert!(cells(&full)
        .iter()
        .flatten()
        .any(|c| *c == w.input.id_number));
}

#[test]
fn training_after_the_date_is_not_on_the_form_and_long_lists_say_what_is_left_out() {
    let mut conn = demo_street(5, 3, AS_OF);
    let id = in_post_ids(&conn)[0];
    let before = many_trainings(&mut conn, id);
    // A certificate obtained after the form's date is not on it.
    shegong_core::write(&mut conn, |tx| {
        workers::add_certificate(
            tx,
            &Channel::Ui,
            id,
            &workers::CertificateInput {
                kind: "其他职业技能等级".into(),
                title: Some("以后取得的证书".into()),
                obtained_on: Some("2026-09-01".into()),
                cert_no: None,
                remarks: None,
            },
            d("2026-12-31"),
        )
    })
    .expect("certificate");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("登记表.xlsx");
    export(&conn, &[id], false, &path).expect("export");
    let all: Vec<String> = cells(&path).into_iter().flatten().collect();
    assert!(
        !all.iter().any(|c| *c == format!("测试培训{before}")),
        "2026-09-01 is after the date"
    );
    // As many as fit, the newest first and none skipped between; the rest are said.
    let shown: Vec<usize> = all
        .iter()
        .filter_map(|c| c.strip_prefix("测试培训")?.parse().ok())
        .collect();
    assert!(
        !shown.is_empty() && shown.len() < before,
        "{} of {before} shown",
        shown.len()
    );
    let oldest = *shown.iter().min().expect("some");
    assert_eq!(
        shown.len(),
        before - oldest,
        "the newest, without gaps: {shown:?}"
    );
    assert!(
        !all.iter().any(|c| c.contains("以后取得的证书")),
        "2026-09-01 is after the form's date"
    );
    let note = all
        .iter()
        .find(|c| c.starts_with("注：为一人一页"))
        .expect("a note on what is left out");
    assert!(note.contains("近三年培训另有较早的"), "{note}");
}

#[test]
fn nobody_or_too_many_is_refused_with_advice() {
    let conn = demo_street(3, 2, AS_OF);
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("登记表.xlsx");
    let err = export(&conn, &[], false, &path).expect_err("empty");
    assert!(matches!(err, CoreError::Validation { .. }), "{err}");
    assert!(err.to_string().contains("勾选"), "{err}");
    let many: Vec<i64> = (1..=reports::REGISTRATION_MAX_PEOPLE as i64 + 1).collect();
    let err = export(&conn, &many, false, &path).expect_err("too many");
    assert!(err.to_string().contains("分几次打印"), "{err}");
    assert!(!path.exists(), "nothing written");
}

#[test]
fn prints_one_a4_page_per_person() {
    if !on_path("libreoffice") {
        println!("跳过：没有找到 libreoffice（apt-get install libreoffice-calc poppler-utils），未检查登记表页数。");
        return;
    }
    let mut conn = demo_street(11, 4, AS_OF);
    let ids: Vec<i64> = in_post_ids(&conn).into_iter().step_by(7).take(5).collect();
    // One with far more than a page holds: still one page.
    many_trainings(&mut conn, ids[2]);
    let dir = tempfile::tempdir().expect("tmp");
    let book = dir.path().join("登记表.xlsx");
    export(&conn, &ids, false, &book).expect("export");
    to_pdf(dir.path(), &[&book]);
    let pdf = dir.path().join("登记表.pdf");
    assert_eq!(pdf_pages(&pdf), ids.len(), "one page per person");
    for (k, id) in ids.iter().enumerate() {
        let name = workers::get(&conn, *id, d(AS_OF)).expect("w").input.name;
        let page = pdf_page_text(&pdf, k + 1);
        assert!(page.contains("社区工作者登记表"), "{page}");
        assert!(page.contains(&name), "{name} on page {}", k + 1);
        assert!(
            page.contains("本人签字"),
            "the whole form on one page: {page}"
        );
    }
}
