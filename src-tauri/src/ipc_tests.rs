//! The IPC as the page sees it: a few commands invoked through Tauri's mock runtime with the
//! JSON the UI's wrappers send (ui/src/api). In: a request body; out: the JSON the page gets —
//! a DTO, or an error as `{ kind, message, field? }` — or Tauri's own refusal when an argument
//! is named otherwise (the page sends camelCase: `fileName`, `workerId`, `asOf`).

use crate::commands;
use crate::state::LedgerState;
use serde_json::{json, Value};
use std::path::Path;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// A mock window on the ledger at `path`, with a handful of the real commands.
fn window(path: &Path) -> WebviewWindow<tauri::test::MockRuntime> {
    let app = mock_builder()
        .manage(LedgerState::open(Ok(path.to_path_buf())))
        .invoke_handler(tauri::generate_handler![
            commands::settings::restore_backup,
            commands::settings::ledger_problem,
            commands::communities::create_community,
            commands::workers::get_worker,
            commands::workers::remove_exit,
            commands::stats::get_stats,
            commands::stats::get_reminders,
            commands::care::list_difficulties,
            commands::care::add_activity_participants,
        ])
        .build(mock_context(noop_assets()))
        .expect("mock app");
    tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("mock window")
}

/// Invokes `cmd` with `args` as the page would; Ok is the command's value, Err what the page's
/// promise rejects with.
fn invoke(
    window: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    args: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.into(),
        },
    )
    .map(|body| body.deserialize::<Value>().expect("a JSON answer"))
}

fn community(name: &str, population_date: Option<&str>) -> Value {
    json!({ "input": {
        "name": name, "code": null, "population": 8000,
        "populationDate": population_date, "households": null, "remarks": null
    }})
}

#[test]
fn core_errors_reach_the_page_as_kind_message_and_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let w = window(&dir.path().join("ledger.db"));

    assert_eq!(
        invoke(&w, "create_community", community("  ", None)),
        Err(json!({ "kind": "validation", "message": "请填写社区名称。", "field": "name" }))
    );
    // The field is named as in the DTO the form edits (camelCase), so the form can mark it.
    let err = invoke(
        &w,
        "create_community",
        community("幸福社区", Some("2026-13-01")),
    )
    .expect_err("a bad date");
    assert_eq!(err["kind"], "validation");
    assert_eq!(err["field"], "populationDate");

    // No field: the key is left out, not sent as null.
    assert_eq!(
        invoke(&w, "restore_backup", json!({ "fileName": "没有这个.db" })),
        Err(json!({
            "kind": "notFound",
            "message": "备份文件夹里没有“没有这个.db”。请刷新备份列表后重新选择。"
        }))
    );
    let err = invoke(&w, "get_worker", json!({ "id": 424242 })).expect_err("no such worker");
    assert_eq!(err["kind"], "notFound");
    assert_eq!(
        err.as_object()
            .map(|o| o.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["kind".to_string(), "message".to_string()])
    );

    // A value and its camelCase keys come back as the bindings describe them.
    let made = invoke(
        &w,
        "create_community",
        community("幸福社区", Some("2026-01-01")),
    )
    .expect("created");
    assert_eq!(made["name"], "幸福社区");
    assert_eq!(made["populationDate"], "2026-01-01");
    assert_eq!(made["workerCount"], 0);
}

#[test]
fn a_ledger_that_cannot_be_opened_answers_every_command_with_its_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    std::fs::write(&path, "坏了".repeat(1000)).expect("garble");
    let w = window(&path);

    let problem = invoke(&w, "ledger_problem", json!({})).expect("asked");
    assert_eq!(problem["kind"], "damaged");
    let err = invoke(&w, "get_worker", json!({ "id": 1 })).expect_err("not open");
    assert_eq!(err, problem);
}

#[test]
fn arguments_are_named_in_camel_case_as_the_ui_sends_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let w = window(&dir.path().join("ledger.db"));

    // As the wrappers send them: the command runs (and answers with a core error or a value).
    let err = invoke(&w, "remove_exit", json!({ "workerId": 424242 })).expect_err("no worker");
    assert!(err["kind"].is_string(), "{err}");
    let stats = invoke(&w, "get_stats", json!({ "asOf": "2026-06-30" })).expect("stats");
    assert_eq!(stats["asOf"], "2026-06-30");
    assert_eq!(
        invoke(&w, "get_stats", json!({ "asOf": "2026-06-31" })).expect_err("bad date")["field"],
        "asOf"
    );
    let open = invoke(
        &w,
        "list_difficulties",
        json!({ "openOnly": true, "workerId": null }),
    )
    .expect("list");
    assert_eq!(open, json!([]));
    let err = invoke(
        &w,
        "add_activity_participants",
        json!({ "activityId": 424242, "workerIds": [1, 2] }),
    )
    .expect_err("no activity");
    assert!(err["kind"].is_string(), "{err}");

    // Named otherwise, Tauri refuses before the command runs, naming the key it wanted.
    for (cmd, args, wanted) in [
        ("restore_backup", json!({ "file_name": "a.db" }), "fileName"),
        ("remove_exit", json!({ "worker_id": 1 }), "workerId"),
        (
            "list_difficulties",
            json!({ "open_only": true }),
            "openOnly",
        ),
        (
            "add_activity_participants",
            json!({ "activity_id": 1, "worker_ids": [1] }),
            "activityId",
        ),
    ] {
        let refused = invoke(&w, cmd, args).expect_err(cmd);
        let text = refused.as_str().unwrap_or_default();
        assert!(text.contains(wanted), "{cmd}: {refused}");
    }
    // An optional argument named otherwise is not refused but ignored: the date is today's.
    let stats = invoke(&w, "get_stats", json!({ "as_of": "2000-01-01" })).expect("stats");
    assert_ne!(stats["asOf"], "2000-01-01");
}

/// The home page's 待办提醒 is core's `reminders` for the date, as `shegong reminders --json`
/// prints it (cli/tests/reminders.rs compares the CLI's side).
#[test]
fn the_home_page_reminders_are_cores_as_the_cli_prints_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let mut conn = shegong_core::store::open(&path).expect("ledger");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    shegong_core::write(&mut conn, |tx| {
        let options = shegong_core::demo::DemoOptions {
            seed: 7,
            communities: 3,
            workers: None,
        };
        shegong_core::demo::generate(tx, &options, as_of)
    })
    .expect("demo");
    let core = shegong_core::reminders::reminders(&conn, as_of).expect("reminders");
    drop(conn);

    let w = window(&path);
    let page = invoke(&w, "get_reminders", json!({ "asOf": "2026-06-30" })).expect("reminders");
    assert_eq!(page, serde_json::to_value(&core).expect("json"));
    assert!(
        page["items"].as_array().is_some_and(|i| i.len() >= 8),
        "{page}"
    );
    let err = invoke(&w, "get_reminders", json!({ "asOf": "2026-02-30" })).expect_err("bad");
    assert_eq!(err["field"], "asOf");
}

/// The home page's figures come from memory on a return visit, but never stale: a change
/// made in the window, or by another program on the same file (the command line), is in the
/// next answer.
#[test]
fn the_home_figures_follow_every_commit_from_anywhere() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("ledger.db");
    let w = window(&path);
    let communities = |w: &WebviewWindow<tauri::test::MockRuntime>| {
        invoke(w, "get_stats", json!({ "asOf": "2026-06-30" })).expect("stats")["staffing"]
            ["communities"]
            .as_array()
            .expect("rows")
            .len()
    };
    assert_eq!(communities(&w), 0);
    assert_eq!(communities(&w), 0, "asked again: the same");
    invoke(&w, "create_community", community("幸福社区", None)).expect("created");
    assert_eq!(communities(&w), 1, "a change in the window");
    assert_eq!(communities(&w), 1);
    // Another program commits to the file.
    let other = shegong_core::store::open(&path).expect("second connection");
    other
        .execute(
            "INSERT INTO communities (name, population) VALUES ('和平社区', 5000)",
            [],
        )
        .expect("insert");
    drop(other);
    // Each reader notices (two readers: ask enough times to meet both).
    for _ in 0..4 {
        assert_eq!(communities(&w), 2, "a change by another program");
    }
}
