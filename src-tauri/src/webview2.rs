//! Windows only: the window needs Microsoft's WebView2 runtime. Without it Tauri would show
//! its own English dialog ("Could not find the WebView2 Runtime"); the clerk gets this
//! Chinese one instead, saying what to install and where an offline copy comes from, before
//! anything else starts (the ledger is not touched).

/// The runtime's version, or why there is none (the same query Tauri makes, through
/// WebView2Loader's GetAvailableCoreWebView2BrowserVersionString).
pub fn runtime_version() -> Result<String, String> {
    tauri::webview_version().map_err(|e| e.to_string())
}

/// What the clerk reads when the runtime is missing.
pub const MISSING_TITLE: &str = "社工台账无法打开：缺少 WebView2 运行库";
pub const MISSING_TEXT: &str = "社工台账的窗口要用微软的 WebView2 运行库，这台电脑上没有找到它。\
台账数据没有受到任何影响。\n\n\
请任选一种办法安装后，再打开社工台账：\n\n\
1. 能上网：重新运行社工台账的安装程序，它会自动装上；\
或在浏览器打开 https://go.microsoft.com/fwlink/p/?LinkId=2124703 下载并运行。\n\n\
2. 不能上网：请信息员在能上网的电脑上打开\n\
https://developer.microsoft.com/zh-cn/microsoft-edge/webview2/\n\
下载“常青版独立安装程序（x64）”，用 U 盘拷到这台电脑运行；\
或者改用社工台账的离线安装包（文件名带 offline，已经含有这个运行库）。\n\n\
装过仍然提示的，可能只装给了别的 Windows 账户：请用现在这个账户再运行一次安装程序。";

/// Shows the Chinese message box when the runtime is missing; returns whether the app may start.
pub fn check_or_explain() -> bool {
    if runtime_version().is_ok() {
        return true;
    }
    rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(MISSING_TITLE)
        .set_description(MISSING_TEXT)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
    false
}
