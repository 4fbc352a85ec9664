"""``ntmkit submit``: record which units sent their Friday report and when, in the campaign file,
without editing its JSON (Campaign.add_submission, then save); prints who has still not sent
that period's report."""
from __future__ import annotations

import argparse
import datetime as dt

from .. import _core
from ._common import InputProblem, date_arg, officer_parser


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "submit", help="ghi nhận thôn đã gửi báo cáo thứ Sáu (record reports received)",
        description="Ghi vào tệp đợt phát động rằng các đơn vị UNIT đã gửi báo cáo của kỳ "
        "--period (ngày báo cáo của kỳ, thứ Sáu; mặc định là ngày báo cáo gần nhất không sau "
        "ngày nhận), nhận ngày --received (mặc định hôm nay). Báo cáo nhận sau hạn được tính là "
        "muộn. In ra các đơn vị chưa gửi báo cáo kỳ đó. Tệp được lưu lại ở dạng chuẩn. "
        "(Record the reports received.)")
    p.add_argument("campaign", metavar="CAMPAIGN",
                   help="tệp đợt phát động, JSON; được ghi lại (campaign file, rewritten)")
    p.add_argument("units", metavar="UNIT", nargs="+",
                   help="mã hoặc tên đơn vị đã gửi báo cáo, ví dụ cam_trang hoặc \"Cẩm Trang\"")
    p.add_argument("--period", type=date_arg, metavar="DATE",
                   help="ngày báo cáo của kỳ được báo cáo (report day of the period)")
    p.add_argument("--received", type=date_arg, metavar="DATE",
                   help="ngày nhận được báo cáo, mặc định hôm nay (day received)")
    p.add_argument("--reporter", default="", help="người gửi, ví dụ \"Thôn trưởng\" (reporter)")
    p.add_argument("--note", default="", help="ghi chú (note)")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    received = args.received or dt.date.today()
    period = args.period or last_report_day(campaign, received)
    fmt = _core.format_date_vi
    units = campaign.units
    before = {(s["unit"], s["period"]) for s in campaign.submissions}
    for unit in args.units:
        campaign.add_submission(unit, period, received, args.reporter, args.note)
    campaign.save(args.campaign)

    due = campaign.schedule.due_date(period)
    names = [units.name(campaign.unit_index(u)) for u in args.units]
    late = f" — muộn, hạn {fmt(due)} (late)" if received > due else ""
    print(f"đã ghi (recorded) {args.campaign}: {', '.join(names)} — báo cáo "
          f"{campaign.period_label(campaign.period_for(period))}, nhận ngày {fmt(received)}{late}")
    again = [units.name(campaign.unit_index(u)) for u in args.units
             if (units.id(campaign.unit_index(u)), period) in before]
    if again:
        print(f"đã có báo cáo kỳ này, tính một lần (already reported): {', '.join(again)}")
    level = units.level(campaign.unit_index(args.units[0])).name
    r = campaign.reporting_completeness(period, level=level)
    missing = ", ".join(units.name(m.unit) for m in r.missing) or "không có (none)"
    print(f"kỳ {fmt(period)}: đã nhận {r.received}/{r.expected}; chưa gửi (not yet): {missing}")
    return 0


def last_report_day(campaign: _core.Campaign, received: dt.date) -> dt.date:
    """The latest report day on or before the day received: a report that comes on Saturday
    is Friday's, late."""
    days = [d for d in campaign.report_dates() if d <= received]
    if not days:
        raise InputProblem(f"--received {_core.format_date_vi(received)}: before the "
                           f"campaign's first report day; give --period")
    return days[-1]
