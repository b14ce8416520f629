; Runs src-tauri/windows/hooks.nsh the way Tauri's uninstaller does, under Wine (.ci/windows-test).
; Tauri's real installer cannot be built here (see README, 发布), so this uninstaller copies the
; parts of the template that matter, from tauri-bundler 2.10's installer.nsi "Section Uninstall":
; the PREUNINSTALL hook, then the delete of both app-data folders when the box was ticked and
; this is not an update, then the POSTUNINSTALL hook. The box's state is what the template's
; un.ConfirmLeave would have read: 1 (ticked) unless /UNTICKED is given.
;
; makensis -DHOOKS=path\to\hooks.nsh -DOUT=setup.exe uninstall-hooks.nsi; without HOOKS it is
; the template alone (the control run: the ledger goes, which is what the hooks prevent).

Unicode true
Target amd64-unicode
SilentInstall silent
SilentUnInstall silent
RequestExecutionLevel user
OutFile "${OUT}"
InstallDir "$TEMP\shegong-hook-test"

!include LogicLib.nsh
!include FileFunc.nsh

!define BUNDLEID "cn.shegong.taizhang"

Var UpdateMode
Var DeleteAppDataCheckboxState

!ifdef HOOKS
  !include "${HOOKS}"
!endif

Section
  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
SectionEnd

Function un.onInit
  StrCpy $DeleteAppDataCheckboxState 1
  ${GetOptions} $CMDLINE "/UNTICKED" $0
  ${IfNot} ${Errors}
    StrCpy $DeleteAppDataCheckboxState 0
  ${EndIf}
  ${GetOptions} $CMDLINE "/UPDATE" $0
  ${IfNot} ${Errors}
    StrCpy $UpdateMode 1
  ${EndIf}
FunctionEnd

Section Uninstall
  !ifmacrodef NSIS_HOOK_PREUNINSTALL
    !insertmacro NSIS_HOOK_PREUNINSTALL
  !endif

  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  ; As the template does it.
  ${If} $DeleteAppDataCheckboxState = 1
  ${AndIf} $UpdateMode <> 1
    SetShellVarContext current
    RmDir /r "$APPDATA\${BUNDLEID}"
    RmDir /r "$LOCALAPPDATA\${BUNDLEID}"
  ${EndIf}

  !ifmacrodef NSIS_HOOK_POSTUNINSTALL
    !insertmacro NSIS_HOOK_POSTUNINSTALL
  !endif
SectionEnd
