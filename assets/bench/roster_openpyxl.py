"""The comparison for `shegong bench-export`: writes the same roster sheet as 社工台账 does
(same cells, formats, widths, title rows and print setup) with openpyxl, from the JSON that
the benchmark dumps. Prints one JSON line: the seconds spent building and saving the
workbook (without reading the JSON or starting Python) and the peak memory of the process.

Usage: python3 roster_openpyxl.py table.json out.xlsx
"""

import datetime
import json
import resource
import sys
import time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties


def main():
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        table = json.load(f)

    started = time.perf_counter()
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    cols = table["columns"]
    last = len(cols)

    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = Font(name="宋体", size=10)
    center = Alignment(horizontal="center", vertical="center")
    left = Alignment(vertical="center")
    wrap = Alignment(vertical="center", wrap_text=True)

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(1, 1, table["title"]).font = Font(name="黑体", size=18)
    ws.cell(1, 1).alignment = center
    ws.row_dimensions[1].height = 34
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.cell(2, 1, table["subtitle"]).font = body

    header_font = Font(name="宋体", size=10, bold=True)
    fill = PatternFill("solid", fgColor="F2F2F2")
    for i, c in enumerate(cols, start=1):
        cell = ws.cell(3, i, c["header"])
        cell.font = header_font
        cell.border = border
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = table["widths"][i - 1]

    formats = {
        "int": ("0", center),
        "decimal1": ("0.0", left),
        "decimal2": ("0.00", left),
        "percent": ("0.0%", left),
        "date": ("yyyy-mm-dd", center),
        "month": ("yyyy.mm", center),
        "text": ("General", left),
        "wrap": ("General", wrap),
        "center": ("General", center),
    }
    kinds = [c["kind"] for c in cols]
    for r, row in enumerate(table["rows"], start=4):
        for c, value in enumerate(row, start=1):
            kind = kinds[c - 1]
            if kind in ("date", "month") and isinstance(value, str):
                value = datetime.date.fromisoformat(value)
            cell = ws.cell(r, c, value)
            if isinstance(value, str):
                # openpyxl takes "=..." for a formula; user text must stay text.
                cell.data_type = "s"
                if value[:1] in ("=", "+", "-", "@"):
                    cell.quotePrefix = True
            fmt, align = formats[kind]
            cell.number_format = fmt
            cell.alignment = align
            cell.font = body
            cell.border = border

    last_row = max(3, 3 + len(table["rows"]))
    ws.auto_filter.ref = f"A3:{ws.cell(last_row, last).coordinate}"
    ws.freeze_panes = "D4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = "3:3"
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    wb.save(out)
    seconds = time.perf_counter() - started

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": seconds, "peak_kib": peak}))


if __name__ == "__main__":
    main()
