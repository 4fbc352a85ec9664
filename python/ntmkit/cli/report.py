"""``ntmkit report``: the Friday report, the daily loudspeaker list or the final review, through
the library's own renderers; .xlsx, .docx (Nghị định 30/2020 layout) and PDF (the HTML page
printed by headless Chromium) to a file."""
from __future__ import annotations

import argparse
import datetime as dt

from ._common import (MissingTool, add_campaign_arguments, add_level_argument, date_arg,
                      default_day, default_report_date, load, officer_parser, write_output)

RENDER = {"text": "to_text", "md": "to_markdown", "html": "to_html", "csv": "to_csv"}
FILE_FORMATS = ("xlsx", "docx", "pdf")  # binary: only to --out


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "report", help="in báo cáo tuần, danh sách đọc trên loa, báo cáo tổng kết (report)",
        description="In một báo cáo của đợt phát động từ các tệp tiến độ. weekly: báo cáo "
        "thứ Sáu (báo cáo tuần) của --date, mặc định là ngày báo cáo gần nhất đã có số liệu và "
        "không ở tương lai; daily: danh sách đọc trên loa của --date, mặc định là ngày gần "
        "nhất có việc làm; final: báo cáo tổng kết vào ngày cuối đợt. --known-by lập lại báo "
        "cáo như tại ngày đó (chỉ số liệu đã nhận đến ngày đó). --format docx: văn bản hành "
        "chính theo Nghị định 30/2020/NĐ-CP để trình ký; pdf: bản in A4. (Render the weekly "
        "Friday report, the daily loudspeaker list or the final review.)")
    add_campaign_arguments(p, progress_required=True)
    p.add_argument("--date", type=date_arg,
                   help="ngày báo cáo, 6/5/2022 hoặc 2022-05-06 (report day)")
    p.add_argument("--kind", choices=("weekly", "daily", "final"), default="weekly",
                   help="weekly: báo cáo tuần (mặc định), daily: đọc trên loa hằng ngày, "
                   "final: tổng kết")
    p.add_argument("--format", choices=tuple(RENDER) + FILE_FORMATS, default="text",
                   help="định dạng (format), mặc định text; xlsx, docx và pdf cần --out; xlsx "
                   "chỉ cho báo cáo tuần, docx cho báo cáo tuần và tổng kết")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="chữ và số theo tiếng Việt (mặc định) hoặc tiếng Anh (language)")
    add_level_argument(p, "village", "cấp đơn vị liệt kê, mặc định village (thôn) (level)")
    p.add_argument("--known-by", type=date_arg, metavar="DATE",
                   help="chỉ tính số liệu nhận được đến ngày này (as known by)")
    p.add_argument("--out", metavar="FILE", help="ghi ra tệp FILE thay vì màn hình (output file)")
    doc = p.add_argument_group("văn bản .docx (Nghị định 30/2020/NĐ-CP)")
    doc.add_argument("--number", default="……", help="số văn bản trong \"Số: …/BC-BCĐ\"")
    doc.add_argument("--place", default="……", help="địa danh trước ngày tháng (place)")
    doc.add_argument("--issuer", help="cơ quan ban hành, mặc định \"BAN CHỈ ĐẠO XÂY DỰNG NTM\"")
    doc.add_argument("--superior", help="cơ quan chủ quản, mặc định \"UBND <tên xã>\"")
    doc.add_argument("--recipient", metavar="TEXT", action="append",
                     help="một dòng \"Nơi nhận\" (lặp lại được); \"Lưu: VT.\" luôn có ở cuối")
    doc.add_argument("--signer", default="", help="họ tên người ký (để trống: ký tay)")
    return p


def run(args: argparse.Namespace) -> int:
    if args.format in FILE_FORMATS and args.out is None:
        args.parser.error(f"--format {args.format} writes a file: give --out FILE")
    if args.format == "xlsx" and args.kind != "weekly":
        args.parser.error("--format xlsx is the weekly report: use --kind weekly")
    if args.format == "docx" and args.kind == "daily":
        args.parser.error("--format docx is the weekly report or the final review, not the "
                          "loudspeaker list")
    if args.kind == "final" and args.date is not None:
        args.parser.error("--date does not apply to --kind final (it is on the last day)")
    campaign = load(args)
    today = dt.date.today()
    if args.kind == "final":
        day = None
    elif args.kind == "daily":
        day = args.date or default_day(campaign, today)
    else:
        day = args.date or default_report_date(campaign, today)
    if args.format == "xlsx":
        from .. import xlsx

        _needs("openpyxl")
        xlsx.write_xlsx(campaign, day, args.out, language=args.lang, known_by=args.known_by,
                        level=args.level)
        return 0
    if args.format == "docx":
        from ..docx_report import write_docx

        _needs("docx", "python-docx")
        write_docx(campaign, args.out, day, kind=args.kind, language=args.lang,
                   known_by=args.known_by, level=args.level, number=args.number,
                   place=args.place, issuer=args.issuer, superior=args.superior,
                   recipients=args.recipient, signer=args.signer)
        return 0
    if args.kind == "final":
        rep = campaign.final_report(language=args.lang, level=args.level, known_by=args.known_by)
    elif args.kind == "daily":
        rep = campaign.daily_report(day, language=args.lang, level=args.level,
                                    known_by=args.known_by)
    else:
        rep = campaign.weekly_report(day, language=args.lang, level=args.level,
                                     known_by=args.known_by)
    if args.format == "pdf":
        from ..pdf_report import find_browser, write_pdf

        try:
            find_browser()
        except FileNotFoundError as e:
            raise MissingTool(str(e)) from None
        write_pdf(rep.to_html(), args.out)
        return 0
    write_output(getattr(rep, RENDER[args.format])(), args.out)
    return 0


def _needs(module: str, package: str | None = None) -> None:
    try:
        __import__(module)
    except ImportError:
        raise MissingTool(f"--format needs the Python package {package or module}: "
                          f"pip install {package or module}") from None
