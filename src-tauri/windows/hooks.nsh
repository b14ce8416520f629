; 社工台账's hooks into Tauri's NSIS installer (tauri.conf.json > bundle > windows > nsis >
; installerHooks). Tauri includes this file at the top of its installer.nsi and expands the
; macros inside its "Section Uninstall".
;
; Why: the template's uninstaller shows a "delete app data" box; when it is ticked it removes
; $APPDATA\${BUNDLEID} and $LOCALAPPDATA\${BUNDLEID} -- the ledger and every backup. An upgrade
; runs the *old* version's uninstaller with that box showing, so this must hold from the very
; first release. The template reads the box into $DeleteAppDataCheckboxState on leaving the
; confirm page, runs NSIS_HOOK_PREUNINSTALL, removes the program files, deletes the two folders
; if the state is 1 and this is not an update, then runs NSIS_HOOK_POSTUNINSTALL. So:
;   - PREUNINSTALL keeps what the clerk chose and sets the state to 0: the template's delete
;     never runs, whatever was ticked, in silent (/S), passive (/P) and update (/UPDATE) modes too;
;   - POSTUNINSTALL, if the box was ticked and this is not an update, removes only the window's
;     WebView2 cache (EBWebView, which the app rebuilds on its next start). The ledger, its
;     backups and a roaming folder set aside by the move to the local disk all stay.
; The box's wording (SimpChinese.nsh, deleteAppData) says it clears the cache only, and the
; confirm page says where the ledger stays. tests/windows/uninstall-hooks.nsi runs these
; macros in the template's order under Wine (.ci/windows-test).

Var ShegongClearCache

; The uninstall confirm page's text: the ledger and backups stay, and where they are.
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(shegongUninstallKeeps)"

!macro NSIS_HOOK_PREUNINSTALL
  StrCpy $ShegongClearCache $DeleteAppDataCheckboxState
  StrCpy $DeleteAppDataCheckboxState 0
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  ${If} $ShegongClearCache = 1
  ${AndIf} $UpdateMode <> 1
    SetShellVarContext current
    RMDir /r "$LOCALAPPDATA\${BUNDLEID}\EBWebView"
  ${EndIf}
!macroend
