//! The Windows delivery as configured (README, 发布): what the installer is told in
//! tauri.conf.json, and the files it names. The installer itself is built on a Windows runner
//! (.github/workflows/release.yml); .ci/windows-test runs the uninstall hooks under Wine.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn shell_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn conf() -> Value {
    json(&shell_dir().join("tauri.conf.json"))
}

fn text_of(conf_value: &Value) -> String {
    let rel = conf_value.as_str().expect("a path");
    let path = shell_dir().join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_version_is_one_semver_shared_with_cargo() {
    let version = conf()["version"].as_str().expect("version").to_string();
    assert_eq!(
        version,
        env!("CARGO_PKG_VERSION"),
        "tauri.conf.json and Cargo.toml"
    );
    let parts: Vec<&str> = version.split('.').collect();
    assert!(
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok()),
        "MAJOR.MINOR.PATCH, which the installer compares: {version}"
    );
}

#[test]
fn the_installer_is_per_user_chinese_nsis_with_a_publisher_and_no_downgrades() {
    let c = conf();
    let bundle = &c["bundle"];
    assert_eq!(
        bundle["targets"],
        serde_json::json!(["nsis", "deb"]),
        "no msi: it needs admin"
    );
    for key in ["publisher", "copyright"] {
        assert!(
            bundle[key].as_str().is_some_and(|s| !s.trim().is_empty()),
            "{key} goes into the exe's version info"
        );
    }
    let windows = &bundle["windows"];
    assert_eq!(windows["allowDowngrades"], Value::Bool(false));
    assert_eq!(windows["webviewInstallMode"]["type"], "embedBootstrapper");
    let nsis = &windows["nsis"];
    assert_eq!(
        nsis["installMode"], "currentUser",
        "a clerk has no admin rights"
    );
    assert_eq!(nsis["languages"], serde_json::json!(["SimpChinese"]));
    assert!(bundle["icon"].as_array().expect("icons").iter().any(|i| i
        .as_str()
        .is_some_and(|s| s.ends_with(".ico") && shell_dir().join(s).is_file())));

    let offline = json(&shell_dir().join("tauri.offline.conf.json"));
    assert_eq!(
        offline["bundle"]["windows"]["webviewInstallMode"]["type"],
        "offlineInstaller"
    );
}

#[test]
fn the_uninstall_hooks_force_the_data_box_off_and_clear_only_the_webview_cache() {
    let hooks = text_of(&conf()["bundle"]["windows"]["nsis"]["installerHooks"]);
    let macro_body = |name: &str| -> String {
        let start = hooks
            .find(&format!("!macro {name}"))
            .unwrap_or_else(|| panic!("no {name} in hooks.nsh"));
        let end = hooks[start..].find("!macroend").expect("!macroend") + start;
        hooks[start..end].to_string()
    };
    let pre = macro_body("NSIS_HOOK_PREUNINSTALL");
    assert!(
        pre.contains("StrCpy $DeleteAppDataCheckboxState 0"),
        "{pre}"
    );
    let post = macro_body("NSIS_HOOK_POSTUNINSTALL");
    let deletes: Vec<&str> = post
        .lines()
        .map(str::trim)
        .filter(|l| l.to_ascii_lowercase().starts_with("rmdir") || l.starts_with("Delete"))
        .collect();
    assert_eq!(
        deletes,
        [r#"RMDir /r "$LOCALAPPDATA\${BUNDLEID}\EBWebView""#],
        "only the WebView2 cache may go"
    );
    assert!(post.contains("$UpdateMode <> 1"), "never during an update");
}

#[test]
fn the_chinese_texts_say_the_ledger_stays() {
    let lang = text_of(&conf()["bundle"]["windows"]["nsis"]["customLanguageFiles"]["SimpChinese"]);
    let string = |name: &str| -> String {
        lang.lines()
            .find(|l| l.starts_with(&format!("LangString {name} ")))
            .unwrap_or_else(|| panic!("no LangString {name}"))
            .to_string()
    };
    let box_text = string("deleteAppData");
    assert!(
        box_text.contains("不会删除") && !box_text.contains("删除应用程序数据"),
        "{box_text}"
    );
    let keeps = string("shegongUninstallKeeps");
    assert!(
        keeps.contains("不会删除") && keeps.contains("$LOCALAPPDATA"),
        "{keeps}"
    );
    // Both spellings of the template's string, so an older or newer template builds.
    string("chooseHowToInstall");
    string("choowHowToInstall");
}

#[test]
fn the_shell_builds_no_unused_library_kinds() {
    let manifest = std::fs::read_to_string(shell_dir().join("Cargo.toml")).expect("Cargo.toml");
    let line = manifest
        .lines()
        .find(|l| l.trim_start().starts_with("crate-type"))
        .expect("crate-type");
    assert!(
        !line.contains("cdylib") && !line.contains("staticlib"),
        "an unused 37 MB DLL on Windows: {line}"
    );
}

/// On a 1366×768 screen a 1280×800 window starts with its top off-screen: the first start is
/// maximised, and the window-state plugin (src/lib.rs) brings back the clerk's size after that.
#[test]
fn the_window_opens_maximised_and_is_remembered() {
    let window = &conf()["app"]["windows"][0];
    assert_eq!(window["maximized"], Value::Bool(true));
    assert!(
        window["minHeight"].as_u64().is_some_and(|h| h <= 700),
        "fits 768 with a taskbar"
    );
    let lib = std::fs::read_to_string(shell_dir().join("src/lib.rs")).expect("lib.rs");
    assert!(lib.contains("tauri_plugin_window_state::Builder::default().build()"));
}
