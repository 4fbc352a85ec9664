"""``ntmkit submit``: record which units sent their Friday report and when, in the campaign file
without editing its JSON (Campaign.add_submission, then save), or with --store as one import into
a campaign store (Store.import_submissions); prints who has still not sent that period's
report."""
from __future__ import annotations

import argparse
import datetime as dt

from .. import _core
from ._common import InputProblem, date_arg, import_counts, officer_parser, open_store

SOURCE = "ntmkit submit"  # the source of the store's imports made by this command


def add_parser(sub) -> argparse.ArgumentParser:
    p = officer_parser(
        sub, "submit", help="ghi nhận thôn đã gửi báo cáo thứ Sáu (record reports received)",
        description="Ghi vào tệp đợt phát động rằng các đơn vị UNIT đã gửi báo cáo của kỳ "
        "--period (ngày báo cáo của kỳ, thứ Sáu; mặc định là ngày báo cáo gần nhất không sau "
        "ngày nhận), nhận ngày --received (mặc định hôm nay). Báo cáo nhận sau hạn được tính là "
        "muộn. In ra các đơn vị chưa gửi báo cáo kỳ đó. Tệp được lưu lại ở dạng chuẩn. Với "
        "--store STORE thay cho CAMPAIGN, các báo cáo được nhập vào kho thành một lần nhập "
        "(nguồn \"ntmkit submit\"): ghi lại đúng như cũ thì không thêm gì; cùng đơn vị, kỳ và "
        "ngày nhận mà khác người gửi hoặc ghi chú thì bị từ chối, in cả hai. (Record the "
        "reports received.)")
    p.usage = ("%(prog)s (CAMPAIGN | --store STORE) UNIT... [--period DATE] [--received DATE] "
               "[--reporter NAME] [--note TEXT]")
    p.add_argument("campaign", metavar="CAMPAIGN", nargs="?",
                   help="tệp đợt phát động, JSON; được ghi lại (campaign file, rewritten); "
                   "hoặc --store")
    p.add_argument("units", metavar="UNIT", nargs="+",
                   help="mã hoặc tên đơn vị đã gửi báo cáo, ví dụ cam_trang hoặc \"Cẩm Trang\"")
    p.add_argument("--store", metavar="STORE",
                   help="ghi vào kho STORE (tệp .sqlite hoặc postgresql://…#schema, xem `ntmkit "
                   "store`) thay cho tệp CAMPAIGN (campaign store)")
    p.add_argument("--period", type=date_arg, metavar="DATE",
                   help="ngày báo cáo của kỳ được báo cáo (report day of the period)")
    p.add_argument("--received", type=date_arg, metavar="DATE",
                   help="ngày nhận được báo cáo, mặc định hôm nay (day received)")
    p.add_argument("--reporter", default="", help="người gửi, ví dụ \"Thôn trưởng\" (reporter)")
    p.add_argument("--note", default="", help="ghi chú (note)")
    return p


def run(args: argparse.Namespace) -> int:
    units = _units(args)
    store = open_store(args.store, "--store") if args.store is not None else None
    campaign = store.campaign() if store is not None else _core.Campaign.load(args.campaign)
    received = args.received or dt.date.today()
    period = args.period or last_report_day(campaign, received)
    fmt = _core.format_date_vi
    before = {(s["unit"], s["period"]) for s in campaign.submissions}
    if store is None:
        where = args.campaign
        # The same report recorded again (same unit, period, day, reporter and note) is kept
        # once: the file must not grow each time an officer repeats a command.
        held = {(s["unit"], s["period"], s["submitted"], s["reporter"], s["note"])
                for s in campaign.submissions}
        for unit in units:
            key = (campaign.units.id(campaign.unit_index(unit)), period, received,
                   args.reporter, args.note)
            if key not in held:
                campaign.add_submission(unit, period, received, args.reporter, args.note)
                held.add(key)
        campaign.save(args.campaign)
    else:
        # One import, all units or none; the store checks them against what it holds.
        where = args.store
        result = store.import_submissions(
            [{"unit": unit, "period": period, "submitted": received, "reporter": args.reporter,
              "note": args.note} for unit in units], SOURCE)
        campaign = store.campaign()

    tree = campaign.units
    due = campaign.schedule.due_date(period)
    names = [tree.name(campaign.unit_index(u)) for u in units]
    late = f" — muộn, hạn {fmt(due)} (late)" if received > due else ""
    print(f"đã ghi (recorded) {where}: {', '.join(names)} — báo cáo "
          f"{campaign.period_label(campaign.period_for(period))}, nhận ngày {fmt(received)}{late}")
    if store is not None:
        print(f"{where}: {import_counts(result)}")
    again = [tree.name(campaign.unit_index(u)) for u in units
             if (tree.id(campaign.unit_index(u)), period) in before]
    if again:
        print(f"đã có báo cáo kỳ này, tính một lần (already reported): {', '.join(again)}")
    level = tree.level(campaign.unit_index(units[0])).name
    r = campaign.reporting_completeness(period, level=level)
    missing = ", ".join(tree.name(m.unit) for m in r.missing) or "không có (none)"
    print(f"kỳ {fmt(period)}: đã nhận {r.received}/{r.expected}; chưa gửi (not yet): {missing}")
    return 0


def _units(args: argparse.Namespace) -> list[str]:
    """The UNITs. With --store there is no CAMPAIGN, and argparse puts the first UNIT there."""
    parser = args.parser
    if args.store is None:
        if args.campaign is None:
            parser.error("give CAMPAIGN (the campaign file) or --store STORE, then the UNITs")
        return args.units
    if args.campaign is not None and args.campaign.lower().endswith(".json"):
        parser.error("give CAMPAIGN or --store, not both (--store holds the campaign)")
    return ([args.campaign] if args.campaign is not None else []) + args.units


def last_report_day(campaign: _core.Campaign, received: dt.date) -> dt.date:
    """The latest report day on or before the day received: a report that comes on Saturday
    is Friday's, late."""
    days = [d for d in campaign.report_dates() if d <= received]
    if not days:
        raise InputProblem(f"--received {_core.format_date_vi(received)}: before the "
                           f"campaign's first report day; give --period")
    return days[-1]
