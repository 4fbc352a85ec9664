"""The Friday report as text: the C++ renderer (report.hpp) when built in, else a plain
table from the roll-up."""
from __future__ import annotations

from . import _core


def weekly_report(self: _core.Campaign, report_date=None, language: str = "vi",
                  level="village", known_by=None) -> str:
    """The Friday report the commune's NTM officer sends: per unit of ``level`` and for the
    commune, per indicator: target / this period / cumulative / % / status.

    ``report_date`` defaults to the last scheduled report date; ``known_by`` reproduces the
    report as it stood on that day.
    """
    if report_date is None:
        dates = self.report_dates()
        report_date = dates[-1] if dates else self.last
    if getattr(_core, "_has_report", False):
        return _core.weekly_report_text(self, report_date, language, level, known_by)
    return _fallback(self, report_date, level, known_by)


def _fallback(c, report_date, level, known_by) -> str:
    r = c.rollup(report_date, known_by=known_by)
    t = c.units
    name = level.name if isinstance(level, _core.UnitLevel) else level
    units = [u for u in range(len(t)) if t.level(u).name == name] + [t.root]
    lines = [c.name, f"Báo cáo ngày {_core.format_date_vi(r.as_of)}"]
    for u in units:
        lines.append(t.name(u))
        for k, ind in enumerate(c.indicators):
            row = r.row(u, k)
            if row.target is None and row.cumulative == 0:
                continue
            pct = "" if row.ratio is None else f"{100 * row.ratio:.1f}%"
            lines.append(f"  {ind.name_vi}: {row.target if row.target is not None else '-'} / "
                         f"{row.done_period:g} / {row.cumulative:g} {pct} {row.status.name}")
    return "\n".join(lines) + "\n"


def install() -> None:
    _core.Campaign.weekly_report = weekly_report
