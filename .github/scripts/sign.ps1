# Signs one file for the release workflow (tauri.conf.json > bundle > windows > signCommand,
# set only when a certificate is configured): Tauri calls it for the app exe, the uninstaller
# and the installer. The certificate comes from the secrets WINDOWS_CERTIFICATE (a .pfx in
# base64) and WINDOWS_CERTIFICATE_PASSWORD, never from the repository.
param([Parameter(Mandatory = $true)][string]$File)
$ErrorActionPreference = 'Stop'
$pfx = Join-Path $env:RUNNER_TEMP 'signing.pfx'
if (-not (Test-Path $pfx)) {
  [IO.File]::WriteAllBytes($pfx, [Convert]::FromBase64String($env:WINDOWS_CERTIFICATE))
}
$signtool = Get-ChildItem 'C:\Program Files (x86)\Windows Kits\10\bin\*\x64\signtool.exe' |
  Sort-Object FullName -Descending | Select-Object -First 1
& $signtool.FullName sign /f $pfx /p $env:WINDOWS_CERTIFICATE_PASSWORD /fd SHA256 `
  /tr http://timestamp.digicert.com /td SHA256 /d '社工台账' $File
if ($LASTEXITCODE -ne 0) { throw "signtool failed for $File" }
