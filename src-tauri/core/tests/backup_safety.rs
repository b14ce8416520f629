//! Data safety, second round: a damaged page inside the ledger is found by the backup's
//! check and by any query that reads it (never a "retry" error), it never replaces the good
//! backups, rotation keeps the newest verified copies whatever their age, a second writer is
//! told the ledger is busy, and the files are the owner's only.

mod common;

use common::*;
use shegong_core::demo::{self, DemoOptions};
use shegong_core::error::ErrorKind;
use shegong_core::{store, Connection, CoreError};
use std::path::{Path, PathBuf};

/// A ledger with a demo street in it, checkpointed so every page is in the main file.
fn demo_ledger(dir: &Path) -> (Connection, PathBuf) {
    let path = dir.join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    let options = DemoOptions {
        seed: 3,
        communities: 4,
        workers: Some(300),
    };
    shegong_core::write(&mut conn, |tx| demo::generate(tx, &options, today())).expect("demo");
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
    (conn, path)
}

/// The `workers` table's root page and the page size: every read of the table passes it.
fn workers_root(conn: &Connection) -> (i64, i64) {
    let page: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'workers'",
            [],
            |r| r.get(0),
        )
        .expect("root");
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .expect("page size");
    (page, page_size)
}

/// Overwrites the page `page` (1-based) of the file with garbage, as a failing disk would.
fn garble_page(path: &Path, page: i64, page_size: i64) {
    let mut bytes = std::fs::read(path).expect("read");
    let start = ((page - 1) * page_size) as usize;
    for b in &mut bytes[start..start + page_size as usize] {
        *b = 0xA5;
    }
    std::fs::write(path, &bytes).expect("garble");
}

fn copies(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".db"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// One page of the `workers` table overwritten in the middle of a ledger: a query reading it
/// fails as a damaged ledger (with the backup advice), the backup refuses and leaves no
/// copy, and days of failed daily backups never remove the good ones.
#[test]
fn a_damaged_page_is_found_and_never_replaces_the_good_backups() {
    let dir = tempfile::tempdir().expect("tmp");
    let (conn, path) = demo_ledger(dir.path());
    for day in 1..=20 {
        store::daily_backup(&conn, &path, d(&format!("2026-01-{day:02}"))).expect("good day");
    }
    let backups = store::backups_dir(&path);
    let good = copies(&backups);
    assert_eq!(good.len(), store::DAILY_BACKUPS_KEPT);
    let (page, page_size) = workers_root(&conn);
    drop(conn);
    garble_page(&path, page, page_size);

    let conn = store::open(&path).expect("the first page is fine: it opens");
    let err = conn
        .query_row(
            "SELECT sum(length(name)) FROM workers NOT INDEXED",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(CoreError::from)
        .expect_err("the page is read");
    assert_eq!(err.kind(), ErrorKind::Damaged, "{err}");
    assert!(!err.to_string().contains("请重试"), "{err}");
    assert!(err.to_string().contains("请从备份恢复"), "{err}");
    // The same through a feature, not only raw SQL.
    let err = shegong_core::stats::stats(&conn, today()).expect_err("stats");
    assert_eq!(err.kind(), ErrorKind::Damaged, "{err}");

    let err = store::manual_backup(&conn, &path, None, chrono::Local::now().naive_local())
        .expect_err("a damaged ledger makes no backup");
    assert_eq!(err.kind(), ErrorKind::Damaged, "{err}");
    assert!(err.to_string().contains("以前的备份都还在"), "{err}");
    let out = dir.path().join("elsewhere.db");
    store::manual_backup(&conn, &path, Some(&out), chrono::Local::now().naive_local())
        .expect_err("nor to a chosen file");
    assert!(!out.exists(), "the bad copy is deleted");
    for day in 21..=31 {
        let err = store::daily_backup(&conn, &path, d(&format!("2026-01-{day:02}")))
            .expect_err("no damaged daily copy");
        assert_eq!(err.kind(), ErrorKind::Damaged);
    }
    assert_eq!(copies(&backups), good, "every good copy is still there");
    let listed = store::list_backups(&path).expect("list");
    assert!(listed.iter().all(|b| b.check_passed == Some(true)));
}

/// Copies the ledger into the backups folder without the program (as an older version or
/// a clerk's file manager would): it has no record of a check.
fn unverified_copy(conn: &Connection, dir: &Path, name: &str) {
    let tmp = dir.join("x.tmp.db");
    store::manual_backup(
        conn,
        Path::new(""),
        Some(&tmp),
        chrono::Local::now().naive_local(),
    )
    .expect("copy");
    std::fs::copy(&tmp, dir.join(name)).expect("copy in");
    std::fs::remove_file(&tmp).expect("tidy");
}

/// Rotation keeps the newest 14 daily copies, and besides them the newest three verified
/// copies whatever their age: when every recent copy is unverified, the last good ones stay.
#[test]
fn rotation_keeps_the_newest_verified_copies_whatever_their_age() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    for day in 1..=4 {
        store::daily_backup(&conn, &path, d(&format!("2026-03-{day:02}"))).expect("verified");
    }
    let backups = store::backups_dir(&path);
    // Sixteen newer daily copies nobody verified (the file times keep them newer).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    for day in 5..=20 {
        unverified_copy(&conn, &backups, &format!("每日备份-2026-03-{day:02}.db"));
    }
    // One unverified copy too many: rotation runs without a new verified one being among
    // the newest 14 … except today's, which is verified.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    store::daily_backup(&conn, &path, d("2026-03-21")).expect("today");
    let kept = copies(&backups);
    assert_eq!(kept.len(), store::DAILY_BACKUPS_KEPT + 2, "{kept:?}");
    // Today's and the two newest of the old verified ones stay; the oldest two go.
    for name in [
        "每日备份-2026-03-03.db",
        "每日备份-2026-03-04.db",
        "每日备份-2026-03-21.db",
    ] {
        assert!(kept.iter().any(|k| k == name), "{name} kept: {kept:?}");
    }
    for name in [
        "每日备份-2026-03-01.db",
        "每日备份-2026-03-02.db",
        "每日备份-2026-03-05.db",
    ] {
        assert!(
            !kept.iter().any(|k| k == name),
            "{name} rotated out: {kept:?}"
        );
    }
    let listed = store::list_backups(&path).expect("list");
    let passed = |name: &str| {
        listed
            .iter()
            .find(|b| b.file_name == name)
            .and_then(|b| b.check_passed)
    };
    assert_eq!(passed("每日备份-2026-03-04.db"), Some(true));
    assert_eq!(passed("每日备份-2026-03-10.db"), None, "never verified");
}

/// The safety copy taken before a restore is kept even when the ledger it copies is
/// damaged (it is the only copy of the newest entries); the list says it failed its check.
/// The restore and its audit row arrive together.
#[test]
fn restoring_over_a_damaged_ledger_keeps_its_copy_and_records_the_restore() {
    let dir = tempfile::tempdir().expect("tmp");
    let (conn, path) = demo_ledger(dir.path());
    let made =
        store::manual_backup(&conn, &path, None, chrono::Local::now().naive_local()).expect("good");
    let good = made
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let (page, page_size) = workers_root(&conn);
    drop(conn);
    garble_page(&path, page, page_size);
    let mut conn = store::open(&path).expect("opens");
    let done = store::restore_backup(&mut conn, &path, &good, &shegong_core::audit::Channel::Cli)
        .expect("restore");
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(ok, "ok");
    let listed = store::list_backups(&path).expect("list");
    let safety = listed
        .iter()
        .find(|b| b.file_name == done.safety_copy)
        .expect("the safety copy is kept");
    assert_eq!(safety.check_passed, Some(false), "{safety:?}");
    assert!(safety.problem.is_some());
    let last: String = conn
        .query_row(
            "SELECT summary FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert!(last.starts_with("从备份恢复台账"), "{last}");
}

/// A second program holding the write lock: the clerk is told the ledger is busy in
/// Chinese, with what to do, and nothing is half-written.
#[test]
fn a_second_writer_is_told_the_ledger_is_busy() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    conn.busy_timeout(std::time::Duration::from_millis(200))
        .expect("short wait for the test");
    let other = Connection::open(&path).expect("other");
    other.execute_batch("BEGIN IMMEDIATE").expect("lock");
    let err = shegong_core::write(&mut conn, |tx| {
        tx.execute(
            "UPDATE communities SET population = 9000 WHERE name = '幸福社区'",
            [],
        )?;
        Ok(())
    })
    .expect_err("busy");
    assert_eq!(err.kind(), ErrorKind::Busy, "{err}");
    assert!(
        err.to_string().contains("台账正被另一个窗口或程序使用"),
        "{err}"
    );
    other.execute_batch("ROLLBACK").expect("unlock");
    assert_eq!(
        count(
            &conn,
            "SELECT population FROM communities WHERE name = '幸福社区'"
        ),
        8000
    );
}

/// The ledger, its backups and the record of checks are the owner's only (Linux, macOS).
#[cfg(unix)]
#[test]
fn the_files_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("数据").join("ledger.db");
    let mut conn = store::open(&path).expect("open");
    community(&mut conn, "幸福社区", 8000);
    let made = store::manual_backup(&conn, &path, None, chrono::Local::now().naive_local())
        .expect("backup");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(
        mode(path.parent().expect("folder")),
        0o700,
        "a folder made by the program"
    );
    assert_eq!(mode(&store::backups_dir(&path)), 0o700);
    assert_eq!(mode(&made), 0o600);
    assert_eq!(
        mode(&store::backups_dir(&path).join(store::CHECKS_FILE)),
        0o600
    );
}

fn set_offsite(
    conn: &mut Connection,
    dir: &str,
    password: Option<&str>,
) -> shegong_core::Result<()> {
    let input = store::offsite::OffsiteInput {
        dir: dir.to_string(),
        remind_days: 7,
        encrypted: password.is_some(),
        password: password.map(str::to_string),
    };
    shegong_core::write(conn, |tx| {
        store::offsite::save(tx, &shegong_core::audit::Channel::Ui, &input)
    })
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
}

/// 异地备份: the home page reminds until a copy is off the disk; a copy goes to the chosen
/// location (read back whole), once a day when it can be reached, rotated like the daily
/// ones; a missing stick is said plainly; the copy restores on a new PC's empty ledger.
#[test]
fn a_copy_off_the_disk_is_written_verified_rotated_and_restores() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut conn, path) = demo_ledger(dir.path());
    let stick = tempfile::tempdir().expect("stick");
    let reminder = store::offsite::status(&conn, d("2026-03-01"))
        .expect("status")
        .reminder;
    assert!(reminder.expect("not set up").contains("还没有设置异地备份"));

    let err = set_offsite(&mut conn, "相对路径", None).expect_err("not a full path");
    assert_eq!(err.field(), Some("dir"));
    set_offsite(&mut conn, &stick.path().display().to_string(), None).expect("set");
    let status = store::offsite::status(&conn, d("2026-03-01")).expect("status");
    assert!(status.present);
    assert!(status
        .reminder
        .expect("nothing copied yet")
        .contains("还没有备份到本机以外"));
    assert!(store::offsite::due(&conn, d("2026-03-01")).expect("due"));

    for day in 1..=20 {
        store::offsite::backup_offsite(&mut conn, &path, at(&format!("2026-03-{day:02} 09:00")))
            .expect("copy");
    }
    let folder = stick.path().join(store::offsite::OFFSITE_FOLDER);
    let kept = copies(&folder);
    assert_eq!(kept.len(), store::DAILY_BACKUPS_KEPT, "{kept:?}");
    assert_eq!(
        kept.last().map(String::as_str),
        Some("异地备份-20260320-090000.db")
    );
    assert!(!store::offsite::due(&conn, d("2026-03-20")).expect("done today"));
    assert!(store::offsite::due(&conn, d("2026-03-21")).expect("due tomorrow"));
    let status = store::offsite::status(&conn, d("2026-03-26")).expect("status");
    assert_eq!(status.reminder, None, "six days is within the week");
    let status = store::offsite::status(&conn, d("2026-03-27")).expect("status");
    assert!(status
        .reminder
        .expect("a week")
        .contains("已经 7 天没有备份到本机以外的位置"));

    // The stick is out.
    set_offsite(
        &mut conn,
        &dir.path().join("没有插上").display().to_string(),
        None,
    )
    .expect("set");
    let err = store::offsite::backup_offsite(&mut conn, &path, at("2026-03-21 09:00"))
        .expect_err("missing");
    assert!(err.to_string().contains("U 盘没有插上"), "{err}");
    assert!(!store::offsite::due(&conn, d("2026-03-21")).expect("not reachable"));

    // A new PC: an empty ledger brings the stick's copy in and restores it.
    let new_pc = tempfile::tempdir().expect("new pc");
    let new_path = new_pc.path().join("ledger.db");
    let mut fresh = store::open(&new_path).expect("fresh");
    let name = store::bring_in_backup(&new_path, &folder.join("异地备份-20260320-090000.db"), None)
        .expect("bring in");
    assert!(name.starts_with("外部备份-"), "{name}");
    let done = store::restore_backup(
        &mut fresh,
        &new_path,
        &name,
        &shegong_core::audit::Channel::Ui,
    )
    .expect("restore");
    assert_eq!(done.workers, count(&conn, "SELECT count(*) FROM workers"));
}

/// With a password the copy on the stick is encrypted (no ID number readable in it), opens
/// with that password only, and restores.
#[test]
fn an_encrypted_copy_opens_with_its_password_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let (mut conn, path) = demo_ledger(dir.path());
    let stick = tempfile::tempdir().expect("stick");
    let err = set_offsite(
        &mut conn,
        &stick.path().display().to_string(),
        Some("12345"),
    )
    .expect_err("too short");
    assert_eq!(err.field(), Some("password"));
    set_offsite(
        &mut conn,
        &stick.path().display().to_string(),
        Some("翠苑街道2026"),
    )
    .expect("set");
    let made =
        store::offsite::backup_offsite(&mut conn, &path, at("2026-03-01 09:00")).expect("copy");
    assert!(
        made.to_string_lossy().ends_with(".db.age"),
        "{}",
        made.display()
    );
    let id: String = conn
        .query_row("SELECT id_number FROM workers LIMIT 1", [], |r| r.get(0))
        .expect("id");
    let bytes = std::fs::read(&made).expect("read");
    assert!(
        !bytes.windows(id.len()).any(|w| w == id.as_bytes()),
        "no readable ID number"
    );
    assert!(!bytes.starts_with(b"SQLite format 3"));
    // Saving again without a new password keeps the one set.
    set_offsite(&mut conn, &stick.path().display().to_string(), None).expect("plain");
    let input = store::offsite::OffsiteInput {
        dir: stick.path().display().to_string(),
        remind_days: 7,
        encrypted: true,
        password: None,
    };
    let err = shegong_core::write(&mut conn, |tx| {
        store::offsite::save(tx, &shegong_core::audit::Channel::Ui, &input)
    })
    .expect_err("turned off: no password kept");
    assert_eq!(err.field(), Some("password"));

    let err = store::bring_in_backup(&path, &made, Some("不对的密码")).expect_err("wrong");
    assert!(err.to_string().contains("密码不对"), "{err}");
    let err = store::bring_in_backup(&path, &made, None).expect_err("none");
    assert_eq!(err.field(), Some("password"));
    let before = copies(&store::backups_dir(&path));
    let name = store::bring_in_backup(&path, &made, Some("翠苑街道2026")).expect("right");
    let done = store::restore_backup(&mut conn, &path, &name, &shegong_core::audit::Channel::Ui)
        .expect("restore");
    assert!(done.workers > 0);
    assert_eq!(
        copies(&store::backups_dir(&path)).len(),
        before.len() + 2,
        "the copy and 恢复前备份"
    );
}
