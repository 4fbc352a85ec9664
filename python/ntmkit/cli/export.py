"""``ntmkit export dhis2``: the cumulative figures of a report day as a DHIS2 dataValueSets
payload, for a district that keeps its figures in DHIS2."""
from __future__ import annotations

import argparse
import json

from .. import _core
from ._common import (EXIT_CODES, InputProblem, add_campaign_arguments, add_level_argument,
                      date_arg, load, write_output)


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export", help="export figures for another system (xuất dữ liệu): dhis2",
        description="Export the campaign's figures in another system's format.")
    targets = p.add_subparsers(dest="target", metavar="TARGET", required=True)
    d = targets.add_parser(
        "dhis2", help="DHIS2 dataValueSets JSON of the figures on a day",
        description="Write a payload for DHIS2's /api/dataValueSets: one value per unit of "
        "--level and indicator with something done. --values cumulative (default): the "
        "cumulative figure (lũy kế) as of --date, in the DHIS2 period of --date's report period "
        "(2022SatW18 for Friday reports, 2022TueW18 for Monday reports); --values per-period: "
        "each period's own figure from the campaign's start to --date. --mapping names the "
        "DHIS2 uids of indicators (dataElements), units (orgUnits) and the dataSet; without "
        "it the ntmkit ids are written. Read back with `ntmkit import CAMPAIGN payload.json`.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_campaign_arguments(d, progress_required=True)
    d.add_argument("--date", type=date_arg, required=True,
                   help="the figures as of this day (ngày số liệu), 6/5/2022 or ISO")
    add_level_argument(d, "village", "units exported (cấp), village (thôn) by default")
    add_dhis2_arguments(d)
    d.add_argument("--period-type", choices=PERIOD_TYPES, metavar="TYPE",
                   help="DHIS2 period type of the data set (" + ", ".join(PERIOD_TYPES) +
                   "); by default the schedule's")
    d.add_argument("--out", metavar="FILE.json", help="write to FILE instead of the screen")
    return p


PERIOD_TYPES = [t.name for t in _core.Dhis2PeriodType]


def add_dhis2_arguments(p: argparse.ArgumentParser) -> None:
    """--mapping and --values, shared with `ntmkit import`."""
    p.add_argument("--mapping", metavar="MAP.json",
                   help="DHIS2 mapping table (format ntmkit-dhis2-mapping, docs/format.md)")
    p.add_argument("--values", choices=["cumulative", "per-period"], default="cumulative",
                   help="cumulative figures (lũy kế, default) or each period's own figure")


def read_json(path: str | None) -> dict | None:
    """A JSON file (mapping table, DHIS2 payload) as Python data; None for no path."""
    if path is None:
        return None
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except json.JSONDecodeError as e:
            raise InputProblem(f"{path}: line {e.lineno} column {e.colno}: {e.msg}") from None


def run(args: argparse.Namespace) -> int:
    campaign = load(args)
    payload = campaign.to_dhis2(args.date, read_json(args.mapping), args.level,
                                args.values.replace("-", "_"), args.period_type)
    write_output(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", args.out)
    return 0
