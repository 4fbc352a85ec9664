"""Reprs an analyst can read at the prompt, and notebook HTML for rankings and allocations.

Each repr says what the object is about and its headline figures in one or a few lines; the
full data is one ``to_frame()`` away. Dates are ISO, as in the other reprs (DateWindow, …).
"""
from __future__ import annotations

from html import escape

from . import _core

_SHOWN = 5  # items listed before "…"


def _num(v) -> str:
    return "–" if v is None or v != v else f"{v:g}"


def _listed(items: list[str]) -> str:
    more = f", … ({len(items) - _SHOWN} more)" if len(items) > _SHOWN else ""
    return ", ".join(items[:_SHOWN]) + more


def rollup_repr(self) -> str:
    c = self.campaign
    t, p = c.units, self.period
    head = (f"Rollup({c.id} as of {self.as_of.isoformat()}, day {self.elapsed_days} of "
            f"{c.window.days}, period {p.first.isoformat()}..{p.last.isoformat()}; "
            f"{self.unit_count} units × {self.indicator_count} indicators")
    if not len(t):
        return head + ")"
    root = t.root
    counts: dict[str, int] = {}
    for k in range(self.indicator_count):
        s = self.row(root, k).status.name
        counts[s] = counts.get(s, 0) + 1
    statuses = ", ".join(f"{n} {s}" for s, n in counts.items())
    return f"{head}; {t.id(root)}: {statuses})"


def ranking_repr(self) -> str:
    head = (f"CampaignRanking({self.level.name} as of {self.as_of.isoformat()}: "
            f"{len(self.ranked)} ranked, {len(self.unscored)} unscored, "
            f"{'capped at 100%' if self.cap_at_100 else 'uncapped'}; "
            f"commend {_listed(self.commend) or 'none'}; remind {_listed(self.remind) or 'none'})")
    rows = [f"  {s.rank:>3}. {s.name} ({s.id}) score {s.score:.3f}" for s in self.ranked[:_SHOWN]]
    if len(self.ranked) > _SHOWN:
        rows.append(f"  … {len(self.ranked) - _SHOWN} more")
    return "\n".join([head, *rows])


def snapshot_diff_repr(self) -> str:
    then = self.report_date.isoformat()
    now = self.known_now.isoformat() if self.known_now is not None else "now"
    if not self:
        return f"SnapshotDiff(report of {then} vs {now}: no change)"
    kinds: dict[str, int] = {}
    for r in self.revisions:
        kinds[r.kind.name] = kinds.get(r.kind.name, 0) + 1
    revs = ", ".join(f"{n} {k}" for k, n in kinds.items()) or "no record"
    return (f"SnapshotDiff(report of {then} vs {now}: {revs}; {len(self.changes)} cells changed,"
            " .changes and .revisions list them)")


def allocation_repr(self) -> str:
    c = self.campaign
    t = c.units
    shares = [f"{t.id(s.unit)} {_num(s.value)}{' (kept)' if s.fixed else ''}" for s in self.shares]
    return (f"Allocation({c.indicator(self.indicator).id} of {t.id(self.parent)}, "
            f"{self.method.name}, total {_num(self.total())}: {_listed(shares)})")


def _table(head: list[str], rows: list[list[str]], caption: str) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(x)}</td>" for x in r) + "</tr>" for r in rows)
    return (f"<div><strong>{escape(caption)}</strong><table><thead><tr>{th}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def ranking_html(self) -> str:
    rows = [[str(s.rank), s.name + (" ★" if s.commended else "") + (" ⚠" if s.reminded else ""),
             f"{s.score:.1%}"] for s in self.ranked]
    return _table(["rank", "unit", "score"], rows,
                  f"Ranking of the {self.level.name} units as of "
                  f"{_core.format_date_vi(self.as_of)} (★ commend, ⚠ remind)")


def allocation_html(self) -> str:
    c = self.campaign
    t = c.units
    rows = [[t.name(s.unit), _num(t.households_known(s.unit)), _num(s.value),
             "kept" if s.fixed else "proposed"] for s in self.shares]
    return _table(["unit", "households", "value", "basis"], rows,
                  f"{c.indicator(self.indicator).name_vi}: {t.name(self.parent)} "
                  f"{_num(self.total())}, {self.method.name}")
