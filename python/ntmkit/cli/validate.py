"""``ntmkit validate``: load a campaign and its progress files, print every problem found, or a
short summary when there is none."""
from __future__ import annotations

import argparse
import sys
from collections import Counter

from .. import _core
from ._common import InputProblem, add_campaign_arguments, open_campaign, progress_bar
from ._csv_problems import csv_problems


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "validate", help="check a campaign and its progress files (kiểm tra)",
        description="Load the campaign file and every progress CSV. Each problem is printed on "
        "stderr with its place (file and JSON pointer, or file, row and column) and the exit "
        "code is 1; every bad row of a UTF-8 CSV is listed (up to 50 a file), a file with a "
        "problem adds nothing, the other files are still checked. "
        "Without problems, prints a summary (units per level, indicators, targets, records) "
        "and exits 0. Targets whose children do not add up to their parent's are listed as "
        "notes (đối chiếu chỉ tiêu): they are allowed.")
    add_campaign_arguments(p, progress_required=False)
    return p


def run(args: argparse.Namespace) -> int:
    try:
        campaign = open_campaign(args)
    except (_core.Error, InputProblem) as e:
        print(f"ntmkit: {e}", file=sys.stderr)
        if args.progress:
            print(f"ntmkit: {', '.join(args.progress)}: not checked (the campaign "
                  f"{'store' if args.store else 'file'} could not be read)", file=sys.stderr)
        return 1
    in_file = len(campaign.progress)
    added, problems = [], 0
    for path in progress_bar(args.progress, args, "kiểm tra"):
        before = len(campaign.progress)
        try:
            campaign.load_progress_csv(path)  # one batch: a bad file adds nothing
        except _core.Error as e:
            for problem in csv_problems(campaign, path, str(e)):
                print(f"ntmkit: {problem}", file=sys.stderr)
            problems += 1
            continue
        added.append((path, len(campaign.progress) - before))
    if problems:
        return 1
    print(summary(args.store or args.campaign, campaign, in_file, added,
                  "the store" if args.store else "the campaign file"))
    return 0


def summary(path: str, campaign: _core.Campaign, in_file: int, added,
            held_by: str = "the campaign file") -> str:
    units = campaign.units
    levels = Counter(units.level(u).name for u in range(len(units)))
    window = campaign.window
    lines = [
        f"{path}: {campaign.id} — {campaign.name}",
        f"window: {_core.format_date_vi(window.first)} – {_core.format_date_vi(window.last)} "
        f"({window.days} days), {len(campaign.report_dates())} report days",
        f"units: {len(units)} (" + ", ".join(f"{level} {n}" for level, n in levels.items()) + ")",
        f"indicators: {len(campaign.indicators)}",
        f"targets: {len(campaign.targets.items())}",
        f"records: {len(campaign.progress)} ({in_file} in {held_by}"
        + "".join(f", {n} from {p}" for p, n in added) + ")",
    ]
    for issue in campaign.reconcile():
        lines.append(
            f"note: {units.id(issue.parent)} / {campaign.indicators[issue.indicator].id}: "
            f"target {issue.parent_target:g}, its {issue.children_with_target} children with "
            f"a target add up to {issue.children_sum:g}")
    return "\n".join(lines)
