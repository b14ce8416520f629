"""Exits 1 unless two xlsx files hold the same parts byte for byte, but for the file's creation
time (docProps/core.xml): the Windows build's workbook against the Linux build's (.ci/windows-test)."""
import sys
import zipfile

STAMPED = {"docProps/core.xml"}


def parts(path):
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n not in STAMPED}


a, b = parts(sys.argv[1]), parts(sys.argv[2])
if a.keys() != b.keys():
    sys.exit(f"different parts: {sorted(a.keys() ^ b.keys())}")
differ = [n for n in sorted(a) if a[n] != b[n]]
if differ:
    sys.exit(f"parts that differ: {differ}")
print(f"same workbook: {len(a)} parts")
