"""``ntmkit rank``: the end-of-campaign ranking of the units of a level, with the units to
commend and to remind (docs/ranking.md)."""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io

from .. import _core
from ._common import (add_campaign_arguments, add_level_argument, date_arg, fraction_arg, load,
                      percent, write_output)


def add_parser(sub) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "rank", help="rank the units, commend and remind (xếp hạng, khen thưởng, nhắc nhở)",
        description="Rank the units of --level by their weighted completion (each indicator "
        "capped at 100%%, equal weights) on --date (default: the campaign's last day, or today "
        "while it runs). Equal scores share a rank. Commend (biểu dương): the top K ranks "
        "and/or a score of at least X; remind (nhắc nhở): a score below X (default 50%%). "
        "Fractions are written 0.9 or 90%%.")
    add_campaign_arguments(p, progress_required=True)
    add_level_argument(p, "village", "units ranked (cấp), village (thôn) by default; "
                       "household_group (tổ), organisation (đoàn thể), ...")
    p.add_argument("--date", type=date_arg, help="day of the ranking (ngày đánh giá)")
    p.add_argument("--known-by", type=date_arg, metavar="DATE",
                   help="only what had been reported by this day")
    p.add_argument("--commend-top-k", type=int, metavar="K",
                   help="commend the units ranked K or better")
    p.add_argument("--commend-at-least", type=fraction_arg, metavar="X",
                   help="commend the units scoring at least X")
    p.add_argument("--remind-below", type=fraction_arg, metavar="X", default=0.5,
                   help="remind the units scoring below X (default 50%%)")
    p.add_argument("--format", choices=("text", "md", "csv"), default="text",
                   help="text (default), md (the final report's section) or csv")
    p.add_argument("--lang", choices=("vi", "en"), default="vi",
                   help="labels and numbers in Vietnamese (default) or English")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    return p


def run(args: argparse.Namespace) -> int:
    campaign = load(args)
    day = args.date or min(campaign.last, max(campaign.first, dt.date.today()))
    ranking = campaign.rank_units(day, level=args.level, commend_top_k=args.commend_top_k,
                                  commend_at_least=args.commend_at_least,
                                  remind_below=args.remind_below, known_by=args.known_by)
    if args.format == "md":
        text = ranking.to_markdown(args.lang)
    elif args.format == "csv":
        text = as_csv(ranking)
    else:
        text = as_text(ranking, args.lang)
    write_output(text, args.out)
    return 0


def as_text(ranking: _core.CampaignRanking, language: str) -> str:
    """One line per unit: rank, score, marks (★ commend, ⚠ remind), name and id; then the
    lists to commend and to remind. Words from the reports' own label table."""
    lab = _core.labels(language)
    lines = [f"{lab['ranking_of_units']} ({ranking.level.name}), {lab['ranking_as_of'].lower()} "
             f"{_core.format_date_vi(ranking.as_of)}",
             f"{lab['rank']:>5}  {lab['score']:>7}      {lab['unit']}"]
    for s in ranking.ranked:
        mark = ("★" if s.commended else " ") + ("⚠" if s.reminded else " ")
        lines.append(f"{s.rank:>5}  {percent(s.score, language):>7}  {mark}  {s.name} ({s.id})")
    for u in ranking.unscored:
        lines.append(f"{'—':>5}  {'—':>7}      {u.name} ({u.id}): {lab['no_quota_to_score']}")
    lines.append(f"★ {lab['to_commend']}: {', '.join(ranking.commend) or lab['nobody']}")
    lines.append(f"⚠ {lab['to_remind']}: {', '.join(ranking.remind) or lab['nobody']}")
    return "\n".join(lines) + "\n"


def as_csv(ranking: _core.CampaignRanking) -> str:
    """RFC 4180 like the reports' CSV; scores as plain fractions for spreadsheets."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["rank", "unit", "name", "score", "commended", "reminded"])
    for s in ranking.ranked:
        w.writerow([s.rank, s.id, s.name, repr(s.score), int(s.commended), int(s.reminded)])
    return out.getvalue()
