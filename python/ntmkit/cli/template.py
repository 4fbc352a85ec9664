"""``ntmkit template``: the data-entry workbook (sổ nhập tiến độ) an officer fills in Excel."""
from __future__ import annotations

import argparse

from .. import _core
from ..workbook import write_entry_workbook


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "template", help="write a data-entry workbook (sổ nhập tiến độ, .xlsx)",
        description="Write the data-entry workbook of CAMPAIGN to --out: one sheet per village "
        "(then one for the commune and its organisations), or one per --unit; drop-down lists "
        "of units and indicators, the targets set beside the entry columns. Fill it in Excel, "
        "then read it back with `ntmkit import`. Needs openpyxl.")
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign file, JSON (tệp đợt phát động)")
    p.add_argument("--out", metavar="FILE.xlsx", required=True, help="workbook to write")
    p.add_argument("--unit", metavar="ID", nargs="+", action="extend", default=None,
                   help="one sheet for each of these units (đơn vị) and the units below it, "
                   "instead of one per village")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="headings, instructions and indicator names in Vietnamese (default) "
                   "or English")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    wb = write_entry_workbook(campaign, args.out, units=args.unit, language=args.lang)
    sheets = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"][1:]
    print(f"wrote {args.out}: {len(sheets)} entry sheets ({', '.join(sheets)})")
    return 0
