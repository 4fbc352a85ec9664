"""``ntmkit report``: the Friday report, the daily loudspeaker list or the final review, through
the library's own renderers."""
from __future__ import annotations

import argparse
import datetime as dt

from ._common import (add_campaign_arguments, add_level_argument, date_arg, default_day,
                      default_report_date, load, write_output)

RENDER = {"text": "to_text", "md": "to_markdown", "html": "to_html", "csv": "to_csv"}


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "report", help="print the Friday, daily or final report (báo cáo)",
        description="Render a report of the campaign with its progress files. weekly: the "
        "Friday report (báo cáo tuần) of --date, by default the latest report day that has "
        "data and is not in the future; daily: the loudspeaker list (danh sách đọc trên loa) "
        "of --date, by default the last day with work done; final: the closing review (báo "
        "cáo tổng kết) on the campaign's last day. --known-by reproduces the report as it "
        "stood on that day (only what had been reported by then).")
    add_campaign_arguments(p, progress_required=True)
    p.add_argument("--date", type=date_arg, help="report day (ngày báo cáo), 6/5/2022 or ISO")
    p.add_argument("--kind", choices=("weekly", "daily", "final"), default="weekly",
                   help="weekly (tuần, default), daily (hằng ngày) or final (tổng kết)")
    p.add_argument("--format", choices=("text", "md", "html", "csv", "xlsx"), default="text",
                   help="output format (default text); xlsx needs --out and --kind weekly")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="labels and numbers in Vietnamese (default) or English")
    add_level_argument(p, "village", "units listed (cấp), village (thôn) by default")
    p.add_argument("--known-by", type=date_arg, metavar="DATE",
                   help="only what had been reported by this day (báo cáo như tại ngày)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    return p


def run(args: argparse.Namespace) -> int:
    if args.format == "xlsx" and (args.out is None or args.kind != "weekly"):
        args.parser.error("--format xlsx writes the weekly report to a file: give --out FILE "
                          "(and --kind weekly)")
    if args.kind == "final" and args.date is not None:
        args.parser.error("--date does not apply to --kind final (it is on the last day)")
    campaign = load(args)
    today = dt.date.today()
    if args.kind == "final":
        rep = campaign.final_report(language=args.lang, level=args.level, known_by=args.known_by)
    elif args.kind == "daily":
        day = args.date or default_day(campaign, today)
        rep = campaign.daily_report(day, language=args.lang, level=args.level,
                                    known_by=args.known_by)
    else:
        day = args.date or default_report_date(campaign, today)
        if args.format == "xlsx":
            from .. import xlsx

            xlsx.write_xlsx(campaign, day, args.out, language=args.lang,
                            known_by=args.known_by, level=args.level)
            return 0
        rep = campaign.weekly_report(day, language=args.lang, level=args.level,
                                     known_by=args.known_by)
    write_output(getattr(rep, RENDER[args.format])(), args.out)
    return 0
