"""Checks a Windows build of the app the way Explorer and the installer see it (.ci/windows-app):
a GUI program (no console window behind it), the product's icon, and version information that
names the product, its publisher, its copyright and the version of tauri.conf.json.
Usage: check_exe.py app.exe tauri.conf.json"""
import json
import sys

import pefile

exe, conf_path = sys.argv[1], sys.argv[2]
conf = json.load(open(conf_path, encoding="utf-8"))
pe = pefile.PE(exe)
problems = []

if pe.OPTIONAL_HEADER.Subsystem != pefile.SUBSYSTEM_TYPE["IMAGE_SUBSYSTEM_WINDOWS_GUI"]:
    problems.append(f"subsystem {pe.OPTIONAL_HEADER.Subsystem}, not the Windows GUI (2): a console window would open behind the app")

resources = getattr(pe, "DIRECTORY_ENTRY_RESOURCE", None)
resource_types = {e.id for e in resources.entries} if resources else set()
for name in ("RT_GROUP_ICON", "RT_ICON", "RT_VERSION", "RT_MANIFEST"):
    if pefile.RESOURCE_TYPE[name] not in resource_types:
        problems.append(f"no {name} resource")

info = {}
for file_info in getattr(pe, "FileInfo", []):
    for entry in file_info:
        for table in getattr(entry, "StringTable", []):
            for k, v in table.entries.items():
                info[k.decode("utf-8", "replace")] = v.decode("utf-8", "replace")
want = {
    "ProductName": conf["productName"],
    "FileDescription": conf["productName"],
    "CompanyName": conf["bundle"]["publisher"],
    "LegalCopyright": conf["bundle"]["copyright"],
    "ProductVersion": conf["version"],
    "FileVersion": conf["version"],
}
for key, value in want.items():
    if info.get(key) != value:
        problems.append(f"version info {key} is {info.get(key)!r}, expected {value!r}")

print(f"{exe}: GUI subsystem, icon, manifest, version info:")
for key in want:
    print(f"  {key}: {info.get(key)}")
if problems:
    print("PROBLEMS:\n  " + "\n  ".join(problems))
    sys.exit(1)
