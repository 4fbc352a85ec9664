"""``ntmkit export dhis2``: the cumulative figures of a report day as a DHIS2 dataValueSets
payload, for a district that keeps its figures in DHIS2."""
from __future__ import annotations

import argparse
import json

from .. import _core
from ._common import (EXIT_CODES, add_campaign_arguments, add_level_argument,
                      date_arg, load, number_text, write_output)


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "export", help="export figures for another system (xuất dữ liệu): dhis2",
        description="Export the campaign's figures in another system's format.")
    targets = p.add_subparsers(dest="target", metavar="TARGET", required=True)
    d = targets.add_parser(
        "dhis2", help="DHIS2 dataValueSets JSON of the cumulative figures on a day",
        description="Write {\"dataValues\": [...]} for DHIS2's /api/dataValueSets: one value "
        "per unit of --level and indicator with something done, the cumulative figure (lũy kế) "
        "as of --date, in the DHIS2 weekly period of --date's report period (2022SatW18 for "
        "Friday reports). dataElement and orgUnit are ntmkit ids: map them to your DHIS2 UIDs "
        "with your own table before importing.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_campaign_arguments(d, progress_required=True)
    d.add_argument("--date", type=date_arg, required=True,
                   help="the figures as of this day (ngày số liệu), 6/5/2022 or ISO")
    add_level_argument(d, "village", "units exported (cấp), village (thôn) by default")
    d.add_argument("--out", metavar="FILE.json", help="write to FILE instead of the screen")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = load(args)
    period = campaign.period_for(args.date)
    # Raises (exit 1) for a report day DHIS2 has no weekly period type for (docs/calendar.md).
    period_id = _core.dhis2_period_id(campaign.schedule, period)
    write_output(json.dumps(data_value_set(campaign, args.date, args.level, period_id),
                            ensure_ascii=False, indent=2) + "\n", args.out)
    return 0


def data_value_set(campaign, day, level: str, period_id: str) -> dict:
    """{"dataValues": [...]}: each unit of `level` × indicator with a cumulative figure other
    than zero (DHIS2 stores no zeros unless told to), as text, in tree then indicator order."""
    rollup = campaign.rollup(day)
    units, indicators = campaign.units, campaign.indicators
    values = []
    for u in units.units_at(level):
        for k, ind in enumerate(indicators):
            done = float(rollup.cumulative[u, k])
            if done != 0:
                values.append({"dataElement": ind.id, "period": period_id,
                               "orgUnit": units.id(u), "value": number_text(done)})
    return {"dataValues": values}
