"""``ntmkit template``: the data-entry workbook (sổ nhập tiến độ) an officer fills in Excel."""
from __future__ import annotations

import argparse

from .. import _core
from ..workbook import write_entry_workbook
from ._common import officer_parser


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "template", help="tạo sổ nhập tiến độ Excel (.xlsx) để điền (template)",
        description="Ghi sổ nhập tiến độ của đợt CAMPAIGN ra --out: mỗi thôn một trang (rồi một "
        "trang cho xã và các đoàn thể), hoặc mỗi --unit một trang; có danh sách chọn đơn vị "
        "và chỉ tiêu, chỉ tiêu được giao ở bên cạnh các cột nhập. Điền trong Excel rồi đọc "
        "lại bằng `ntmkit import`. Cần openpyxl. (Write the data-entry workbook.)")
    p.add_argument("campaign", metavar="CAMPAIGN",
                   help="tệp đợt phát động, JSON (campaign file)")
    p.add_argument("--out", metavar="FILE.xlsx", required=True,
                   help="tệp sổ nhập cần ghi (workbook to write)")
    p.add_argument("--unit", metavar="ID", nargs="+", action="extend", default=None,
                   help="mỗi đơn vị này (và các đơn vị bên dưới) một trang, thay vì mỗi thôn "
                   "một trang (one sheet per unit)")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="tiêu đề, hướng dẫn và tên chỉ tiêu bằng tiếng Việt (mặc định) hoặc "
                   "tiếng Anh (language)")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    wb = write_entry_workbook(campaign, args.out, units=args.unit, language=args.lang)
    sheets = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"][1:]
    print(f"wrote {args.out}: {len(sheets)} entry sheets ({', '.join(sheets)})")
    return 0
