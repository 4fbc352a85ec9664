"""``ntmkit allocate``: propose how a unit's target is split among its children (largest
remainder) and, with --write, save it into the campaign file as 'proposed' targets."""
from __future__ import annotations

import argparse

from .. import _core
from ._common import add_level_argument, write_output


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "allocate", help="split a unit's target among its children (phân bổ chỉ tiêu)",
        description="Propose how UNIT's target on INDICATOR is split among its children "
        "(commune → villages, village → household groups): proportional to households (theo "
        "số hộ) or equal (chia đều), in whole numbers that add up exactly. Children with a "
        "target of their own keep it. Prints one line per child: unit, households, value, "
        "kept or proposed. --write sets the proposed values in CAMPAIGN (basis 'proposed') "
        "and saves the file (canonical JSON).")
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign file, JSON (tệp đợt phát động)")
    p.add_argument("unit", metavar="UNIT", help="id or unique name of the unit (đơn vị)")
    p.add_argument("indicator", metavar="INDICATOR", help="indicator id (chỉ tiêu)")
    p.add_argument("--method", choices=("proportional", "equal"), default="proportional",
                   help="proportional to households (default) or equal shares")
    add_level_argument(p, None, "split among the units of this level under UNIT instead of its "
                       "children, e.g. organisation (đoàn thể)")
    p.add_argument("--write", action="store_true",
                   help="apply the proposal and save the campaign file (ghi vào tệp)")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    allocation = campaign.propose_allocation(args.unit, args.indicator, method=args.method,
                                             level=args.level)
    units = campaign.units
    lines = [f"{'unit':<24} {'households':>10} {'value':>8}  basis"]
    for share in allocation.shares:
        households = units.households(share.unit)
        lines.append(f"{units.id(share.unit):<24} "
                     f"{'' if households is None else households:>10} {share.value:>8g}  "
                     f"{'kept' if share.fixed else 'proposed'}")
    lines.append(f"{'total':<24} {'':>10} {allocation.total():>8g}")
    write_output("\n".join(lines), None)
    if args.write:
        allocation.apply()
        campaign.save(args.campaign)
        print(f"saved {args.campaign}")
    return 0
