"""Exits 1 unless two xlsx files hold the same parts byte for byte, but for when each was made:
the Windows build's workbook against the Linux build's (.ci/windows-test).

The two CLIs run minutes apart, so the file's creation time (docProps/core.xml) and the cover's
生成时间 (to the minute) and 填报日期 differ by design. The cover's stamp is found in each file and
replaced, as a whole shared string, by a placeholder; everything else must match exactly."""
import re
import sys
import zipfile

STAMPED = {"docProps/core.xml"}
STAMP = re.compile(rb"<t>(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}</t>")


def unstamped(shared):
    stamps = set(STAMP.finditer(shared))
    for m in stamps:
        y, mo, d = (int(g) for g in m.groups())
        shared = shared.replace(m.group(0), b"<t>STAMP</t>")
        shared = shared.replace(f"<t>{y}年{mo}月{d}日</t>".encode(), b"<t>DATE</t>")
    return shared


def parts(path):
    with zipfile.ZipFile(path) as z:
        found = {n: z.read(n) for n in z.namelist() if n not in STAMPED}
    if "xl/sharedStrings.xml" in found:
        found["xl/sharedStrings.xml"] = unstamped(found["xl/sharedStrings.xml"])
    return found


a, b = parts(sys.argv[1]), parts(sys.argv[2])
if a.keys() != b.keys():
    sys.exit(f"different parts: {sorted(a.keys() ^ b.keys())}")
differ = [n for n in sorted(a) if a[n] != b[n]]
if differ:
    sys.exit(f"parts that differ: {differ}")
print(f"same workbook: {len(a)} parts")
