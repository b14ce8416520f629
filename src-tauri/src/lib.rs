//! The desktop shell: opens the ledger and exposes the core to the page as commands.
//! Each command parses its arguments, calls one core function and returns a DTO; no SQL
//! and no business rule lives here.

mod commands;
#[cfg(test)]
mod ipc_tests;
mod state;
#[cfg(windows)]
mod webview2;

pub use commands::COMMANDS;

use state::LedgerState;
use tauri::Manager;

/// Opens the ledger: `SHEGONG_DB` if set (tests, demo runs), else the ledger a move chose, else
/// the local app-data folder (on Windows `%LOCALAPPDATA%\cn.shegong.taizhang\ledger.db`, the
/// same folder as Tauri's app_local_data_dir), moving a ledger out of the roaming folder first
/// (store::location).
fn open_ledger() -> LedgerState {
    let channel = shegong_core::audit::Channel::Ui;
    match shegong_core::store::location::resolve(&channel, shegong_core::clock::now()) {
        Ok(found) => LedgerState::open_with_notice(Ok(found.db), found.notice),
        Err(e) => LedgerState::open(Err(e.to_dto())),
    }
}

pub fn run() {
    #[cfg(windows)]
    if !webview2::check_or_explain() {
        return;
    }
    tauri::Builder::default()
        // First, as its docs ask: a second start (a double click on the shortcut while the app
        // is open) brings the open window forward and exits, so one ledger never has two
        // windows writing to it. Without a session bus (Linux) it launches normally.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // Size, position and maximised state are saved on close (in the app's config folder)
        // and restored at start; the first start takes tauri.conf.json's maximised window,
        // which fits a 1366×768 screen above the taskbar.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(commands::reports::LastExport::default())
        .manage(commands::fill::FillSession::default())
        .manage(commands::import::ImportSession::default())
        .manage(commands::offsite::ChosenBackup::default())
        .setup(|app| {
            app.manage(open_ledger());
            commands::offsite::start_daily_offsite(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::settings::vocabulary,
            commands::settings::care_vocabulary,
            commands::settings::get_settings,
            commands::settings::save_settings,
            commands::settings::ledger_info,
            commands::settings::backup_now,
            commands::settings::list_backups,
            commands::settings::restore_backup,
            commands::settings::ledger_problem,
            commands::settings::ledger_path,
            commands::settings::recover_ledger,
            commands::location::ledger_location,
            commands::location::choose_ledger_dir,
            commands::location::move_ledger,
            commands::location::restart_app,
            commands::offsite::offsite_status,
            commands::offsite::save_offsite,
            commands::offsite::choose_offsite_dir,
            commands::offsite::backup_offsite_now,
            commands::offsite::choose_backup_file,
            commands::offsite::restore_chosen_backup,
            commands::communities::list_communities,
            commands::communities::create_community,
            commands::communities::update_community,
            commands::communities::delete_community,
            commands::stats::get_stats,
            commands::stats::get_reminders,
            commands::stats::team_profile,
            commands::stats::get_staffing,
            commands::stats::recent_changes,
            commands::workers::query_roster,
            commands::workers::check_id_number,
            commands::workers::get_worker,
            commands::workers::create_worker,
            commands::workers::update_worker,
            commands::workers::delete_worker,
            commands::workers::add_certificate,
            commands::workers::update_certificate,
            commands::workers::delete_certificate,
            commands::workers::set_exit,
            commands::workers::remove_exit,
            commands::grades::grade_vocabulary,
            commands::grades::list_schemes,
            commands::grades::create_scheme,
            commands::grades::update_scheme,
            commands::grades::delete_scheme,
            commands::grades::get_grade_rules,
            commands::grades::save_grade_rules,
            commands::grades::assessment_sheet,
            commands::grades::save_assessments,
            commands::grades::worker_assessments,
            commands::grades::delete_assessment,
            commands::grades::grade_history,
            commands::grades::add_grade_record,
            commands::grades::delete_grade_record,
            commands::grades::propose_grades,
            commands::grades::apply_grades,
            commands::grades::last_grade_run,
            commands::grades::undo_grade_run,
            commands::grades::list_salary_versions,
            commands::grades::generate_salary_amounts,
            commands::grades::create_salary_version,
            commands::grades::update_salary_version,
            commands::grades::worker_salary,
            commands::grades::salary_totals,
            commands::reports::report_sheets,
            commands::reports::export_county,
            commands::reports::export_roster,
            commands::reports::open_last_export,
            commands::reports::print_roster,
            commands::reports::print_registration,
            commands::fill::fill_choose_form,
            commands::fill::fill_inspect,
            commands::fill::fill_preview,
            commands::fill::fill_save,
            commands::import::import_choose_file,
            commands::import::import_preview,
            commands::import::import_commit,
            commands::import::import_save_error_report,
            commands::import::import_save_template,
            commands::training::list_classes,
            commands::training::get_class,
            commands::training::create_class,
            commands::training::update_class,
            commands::training::add_attendees,
            commands::training::update_attendance,
            commands::training::remove_attendance,
            commands::training::worker_trainings,
            commands::training::add_external_training,
            commands::training::remove_external_training,
            commands::training::training_cadence,
            commands::training::worker_cadence,
            commands::training::training_statistics,
            commands::training::get_cadence_rules,
            commands::training::save_cadence_rules,
            commands::care::care_summary,
            commands::care::list_checkup_rounds,
            commands::care::get_checkup_round,
            commands::care::create_checkup_round,
            commands::care::add_checkup_attendees,
            commands::care::not_checked,
            commands::care::worker_checkups,
            commands::care::list_visits,
            commands::care::create_visits,
            commands::care::not_visited,
            commands::care::list_activities,
            commands::care::create_activity,
            commands::care::activity_participants,
            commands::care::worker_activities,
            commands::care::list_difficulties,
            commands::care::create_difficulty,
            commands::care::update_difficulty,
            commands::training::delete_class,
            commands::care::update_checkup_round,
            commands::care::delete_checkup_round,
            commands::care::update_checkup_attendee,
            commands::care::remove_checkup_attendee,
            commands::care::update_visit,
            commands::care::delete_visit,
            commands::care::update_activity,
            commands::care::add_activity_participants,
            commands::care::remove_activity_participant,
            commands::care::delete_activity,
            commands::care::delete_difficulty,
            commands::secondments::worker_secondments,
            commands::secondments::add_secondment,
            commands::secondments::record_secondment_approval,
            commands::secondments::record_secondment_return,
            commands::secondments::delete_secondment,
            commands::secondments::secondment_register,
            commands::history::worker_history,
            commands::history::add_post_change,
            commands::history::correct_post_record,
            commands::history::delete_post_record,
            commands::history::add_education_record,
            commands::history::correct_education_record,
            commands::history::delete_education_record,
            commands::history::file_secretary,
            commands::history::remove_secretary_filing,
            commands::history::unfiled_secretaries,
            commands::contracts::worker_contracts,
            commands::contracts::add_contract,
            commands::contracts::end_contract,
            commands::contracts::delete_contract,
            commands::contracts::record_probation_review,
            commands::contracts::contract_rules,
            commands::contracts::save_contract_rules,
        ])
        .run(tauri::generate_context!())
        .expect("社工台账无法启动");
}
