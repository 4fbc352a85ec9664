"""The Friday report as an Excel workbook (needs openpyxl), laid out the way a commune's NTM
officer keeps it: title rows, one row per village and the commune's total, and for each
indicator a group of three columns Kế hoạch / Đã làm (lũy kế) / % under a merged header
holding the indicator's name."""
from __future__ import annotations

import os

from . import _core

def write_xlsx(campaign: _core.Campaign, report_date, path, language: str = "vi",
               known_by=None, level="village"):
    """Write the weekly report for ``report_date`` to an .xlsx file at ``path``.

    One row per unit of ``level`` (villages) then the commune's total; for each indicator that
    has a target or progress, three columns: target, cumulative done, and done / target as an
    Excel percentage (empty without a target). ``known_by`` reproduces the report as it stood
    on that day. Returns the openpyxl Workbook.
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("write_xlsx needs openpyxl: pip install openpyxl") from e

    lab = _core.labels(language)  # the reports' own words; refuses a language but vi or en
    rep = campaign.weekly_report(report_date, language=language, level=level, known_by=known_by)
    indicators, units = campaign.indicators, campaign.units
    root = units.root

    values = {(row.unit, row.indicator): row.values for row in rep.rows}
    shown = sorted({i for (_, i) in values})

    wb = Workbook()
    ws = wb.active
    ws.title = lab["report_sheet"]
    ncols = 2 + 3 * len(shown)
    last_col = get_column_letter(ncols)

    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")

    fmt_date = _core.format_date_vi
    titles = [
        (f"{lab['progress_report_caps']} — {rep.campaign_name}", Font(bold=True, size=14)),
        (f"{lab['report_date']}: {fmt_date(rep.report_date)}", bold),
        (f"{lab['report_period']}: {campaign.period_label(rep.period, language)}"
         + (f" — DHIS2 {rep.dhis2_period}" if rep.dhis2_period else ""), None),
    ]
    if rep.known_by is not None:
        titles.append((lab["data_received_by"].format(fmt_date(rep.known_by)), Font(italic=True)))
    for r, (text, font) in enumerate(titles, start=1):
        ws.cell(row=r, column=1, value=text)
        if font is not None:
            ws.cell(row=r, column=1).font = font
        ws.merge_cells(f"A{r}:{last_col}{r}")

    h1 = len(titles) + 2  # a blank row, then two header rows
    h2 = h1 + 1
    for col, text in ((1, lab["row_number"]), (2, lab["unit"])):
        ws.cell(row=h1, column=col, value=text)
        ws.merge_cells(start_row=h1, start_column=col, end_row=h2, end_column=col)
    for k, i in enumerate(shown):
        c0 = 3 + 3 * k
        ws.cell(row=h1, column=c0, value=indicators[i].name(language))
        ws.merge_cells(start_row=h1, start_column=c0, end_row=h1, end_column=c0 + 2)
        for j, text in enumerate((lab["target"], lab["done_cumulative"], "%")):
            ws.cell(row=h2, column=c0 + j, value=text)
    for r in (h1, h2):
        for col in range(1, ncols + 1):
            cell = ws.cell(row=r, column=col)
            cell.font, cell.alignment, cell.border, cell.fill = bold, center, box, head_fill

    r = h2
    n = 0
    for u in rep.units:
        r += 1
        is_total = u == root
        if is_total:
            ws.cell(row=r, column=2, value=f"{lab['unit_total']} ({units.name(u)})")
        else:
            n += 1
            ws.cell(row=r, column=1, value=n)
            ws.cell(row=r, column=2, value=units.name(u))
        for k, i in enumerate(shown):
            c0 = 3 + 3 * k
            v = values.get((u, i))
            target = None if v is None else v.target
            done = 0.0 if v is None else v.cumulative
            ws.cell(row=r, column=c0, value=_number(target))
            ws.cell(row=r, column=c0 + 1, value=_number(done))
            pct = ws.cell(row=r, column=c0 + 2,
                          value=(done / target) if target else None)
            pct.number_format = "0.0%"
            ws.cell(row=r, column=c0).number_format = "#,##0.##"
            ws.cell(row=r, column=c0 + 1).number_format = "#,##0.##"
        for col in range(1, ncols + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = box
            if is_total:
                cell.font = bold

    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = max(
        [len(lab["unit"])] + [len(units.name(u)) + 12 for u in rep.units]) + 2
    for k in range(len(shown)):
        c0 = 3 + 3 * k
        ws.column_dimensions[get_column_letter(c0)].width = 10
        ws.column_dimensions[get_column_letter(c0 + 1)].width = 14
        ws.column_dimensions[get_column_letter(c0 + 2)].width = 8
    ws.row_dimensions[h1].height = 45
    ws.freeze_panes = ws.cell(row=h2 + 1, column=3)

    wb.save(os.fspath(path))
    return wb


def _number(x):
    """Whole numbers as int (Excel shows 21, not 21.0); None stays empty."""
    if x is None:
        return None
    return int(x) if float(x).is_integer() else float(x)
