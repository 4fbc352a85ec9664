"""``ntmkit import``: filled entry workbooks and progress CSV files read onto the campaign, all
or nothing; what each file holds and what it adds per village is printed, and ``--write-csv``
keeps the records as one progress CSV (the log an officer keeps)."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io

from .. import _core
from ._common import number_text, write_output

HEADER = ("unit", "indicator", "date", "reported", "quantity", "note", "reporter", "supersedes")


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "import", help="read filled workbooks and progress CSV files (nhập tiến độ)",
        description="Read entry workbooks (.xlsx, from `ntmkit template`) and progress CSV "
        "files onto CAMPAIGN in the order given, all or nothing: one bad cell or row and "
        "nothing is written, the problem named as 'Sheet'!Cell or file row and column. Prints "
        "how many records each file holds and what they add per village and indicator (as "
        "of the campaign's last day). --write-csv keeps the records as one progress CSV. The "
        "campaign file is not changed.")
    p.add_argument("campaign", metavar="CAMPAIGN", help="campaign file, JSON (tệp đợt phát động)")
    p.add_argument("files", metavar="WORKBOOK_OR_CSV", nargs="+",
                   help="filled entry workbooks (.xlsx) and progress CSV files (tiến độ)")
    p.add_argument("--write-csv", metavar="OUT.csv",
                   help="write every record read as a progress CSV (UTF-8, d/m/yyyy dates)")
    p.add_argument("--number-style", choices=("vi", "en"),
                   help="how the files write quantities: vi 1.234,5 or en 1,234.5 (kiểu số); "
                   "without it, a number like 1.234 is refused as ambiguous")
    p.add_argument("--check", action="store_true",
                   help="only check the files (kiểm tra): print the counts, write nothing")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = _core.Campaign.load(args.campaign)
    first = len(campaign.progress)
    before = _village_cumulative(campaign)
    counts = []
    for path in args.files:
        n = len(campaign.progress)
        # Each file is one batch; a later file's problem stops before anything is written,
        # so the whole import is all or nothing.
        if str(path).lower().endswith((".xlsx", ".xlsm")):
            campaign.add_progress_workbook(path, number_style=args.number_style)
        else:
            campaign.load_progress_csv(path, number_style=args.number_style)
        counts.append((path, len(campaign.progress) - n))
    lines = [f"{path}: {n} record{'' if n == 1 else 's'}" for path, n in counts]
    after = _village_cumulative(campaign)
    added = [(v, i, after[(v, i)] - before[(v, i)]) for v, i in after
             if after[(v, i)] != before[(v, i)]]
    if added:
        lines.append(f"added per village, as of {_core.format_date_vi(campaign.last)}:")
        lines += [f"  {v:<24} {i:<24} {number_text(q):>8}" for v, i, q in added]
    if args.write_csv and not args.check:
        write_output(progress_csv(campaign, first), args.write_csv)
        lines.append(f"wrote {args.write_csv}")
    write_output("\n".join(lines), None)
    return 0


def _village_cumulative(campaign) -> dict:
    """{(village id, indicator id): cumulative on the campaign's last day}."""
    rollup = campaign.rollup(campaign.last)
    units, indicators = campaign.units, campaign.indicators
    return {(units.id(v), ind.id): float(rollup.cumulative[v, k])
            for v in units.units_at("village") for k, ind in enumerate(indicators)}


def progress_csv(campaign, first: int) -> str:
    """The records from index `first` on as progress CSV text (docs/format.md): the header,
    d/m/yyyy dates, `reported` only where it differs from the day done."""
    log, units, indicators = campaign.progress, campaign.units, campaign.indicators
    start = campaign.first
    day = lambda offset: _core.format_date_vi(start + dt.timedelta(days=int(offset)))  # noqa: E731
    columns = (log.units(), log.indicators(), log.done_days(), log.reported_days(),
               log.quantities(), log.notes(), log.reporters(), log.supersedes_column())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for k in range(first, len(log)):
        u, i, done, reported, q, note, reporter, sup = (c[k] for c in columns)
        writer.writerow([units.id(int(u)), indicators[int(i)].id, day(done),
                         "" if reported == done else day(reported), quantity_text(q), note,
                         reporter, "" if sup < 0 else int(sup)])
    return out.getvalue()


def quantity_text(q: float) -> str:
    """A quantity the CSV reader reads back exactly: 12, 1.5; 1.125 as 1.1250, since one to
    three digits, a dot and three digits is refused as ambiguous (docs/format.md)."""
    text = number_text(q)
    whole, _, fraction = text.partition(".")
    return text + "0" if len(fraction) == 3 and len(whole) <= 3 else text
