/// Every command the page may call. Only these are callable (each gets an `allow-…`
/// permission, granted in capabilities/main.json); keep this list, that file and
/// `generate_handler!` in src/lib.rs in step.
const COMMANDS: &[&str] = &[
    "vocabulary",
    "get_settings",
    "save_settings",
    "ledger_info",
    "backup_now",
    "list_communities",
    "create_community",
    "update_community",
    "delete_community",
    "get_stats",
    "get_staffing",
    "query_roster",
    "check_id_number",
    "get_worker",
    "create_worker",
    "update_worker",
    "delete_worker",
    "add_certificate",
    "update_certificate",
    "delete_certificate",
    "set_exit",
    "remove_exit",
    "recent_changes",
    "report_sheets",
    "export_county",
    "export_roster",
    "open_last_export",
    "import_choose_file",
    "import_preview",
    "import_commit",
    "import_save_error_report",
    "import_save_template",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
