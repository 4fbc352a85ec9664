"""Notebook display: ``_repr_html_`` for campaigns and roll-ups, status shown as colour."""
from __future__ import annotations

from html import escape

from . import _core
from ._frames import check_levels

# Spreadsheet-like fills that stay readable in light and dark notebook themes.
STATUS_COLOURS = {
    "achieved": "#c6efce",
    "on_track": "#e2f0d9",
    "behind": "#ffeb9c",
    "at_risk": "#ffc7ce",
    "no_target": "#f2f2f2",
}
# The words the reports print for each status (the C++ label table, render/labels.hpp).
STATUS_LABELS_VI = {s: _core.labels("vi")[f"status_{s}"] for s in STATUS_COLOURS}


def _num(v) -> str:
    if v is None or v != v:
        return "–"
    return f"{v:g}"


def _legend() -> str:
    cells = "".join(
        f'<span style="background:{col};color:#000;padding:1px 6px;margin-right:4px">'
        f"{escape(STATUS_LABELS_VI[s])} ({s})</span>"
        for s, col in STATUS_COLOURS.items())
    return f'<div style="font-size:85%;margin:4px 0">{cells}</div>'


def campaign_html(self) -> str:
    t = self.units
    root = t.root
    levels: dict[str, int] = {}
    for u in range(len(t)):
        levels[t.level(u).name] = levels.get(t.level(u).name, 0) + 1
    sched = self.schedule
    sched_text = (f"weekly, {sched.report_day.name}" if sched.kind == _core.ScheduleKind.weekly
                  else "daily")
    rows = []
    for k, ind in enumerate(self.indicators):
        target = self.target(root, k) if root is not None and root >= 0 else None
        rows.append(
            f"<tr><td><code>{escape(ind.id)}</code></td><td>{escape(ind.name_vi)}</td>"
            f"<td>{escape(ind.name_en)}</td><td>{escape(ind.measure)}</td>"
            f'<td style="text-align:right">{_num(target)}</td></tr>')
    counts = ", ".join(f"{n} {escape(lv)}" for lv, n in levels.items())
    return (
        f"<div><strong>{escape(self.name)}</strong> <code>{escape(self.id)}</code><br>"
        f"{escape(_core.format_date_vi(self.first))} – {escape(_core.format_date_vi(self.last))}"
        f" ({self.window.days} days), reports {escape(sched_text)}; units: {counts}; "
        f"{len(self.progress)} progress records"
        "<table><thead><tr><th>indicator</th><th>chỉ tiêu</th><th>English</th><th>measure</th>"
        f"<th>target ({escape(t.name(root)) if len(t) else ''})</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>")


def rollup_html(self, level=None, max_units: int = 60) -> str:
    """Units (the root and the level below by default) × indicators: cumulative / target,
    coloured by status."""
    c = self.campaign
    t = c.units
    if level is None:
        units = [u for u in range(len(t)) if t.depth(u) <= 1]
    else:
        names = check_levels(level)
        units = [u for u in range(len(t)) if t.level(u).name in names]
    units = units[:max_units]
    inds = c.indicators
    head = "".join(f'<th title="{escape(i.name_en)}">{escape(i.name_vi)}</th>' for i in inds)
    body = []
    for u in units:
        cells = []
        for k in range(len(inds)):
            row = self.row(u, k)
            status = row.status.name
            text = (f"{_num(row.cumulative)}/{_num(row.target)}" if row.target is not None
                    else _num(row.cumulative))
            tip = f"{STATUS_LABELS_VI[status]}; this period {_num(row.done_period)}"
            cells.append(f'<td style="background:{STATUS_COLOURS[status]};color:#000;'
                         f'text-align:right" title="{escape(tip)}">{text}</td>')
        indent = "&nbsp;" * 3 * t.depth(u)
        body.append(f"<tr><td>{indent}{escape(t.name(u))}</td>{''.join(cells)}</tr>")
    p = self.period
    return (
        f"<div><strong>{escape(c.name)}</strong><br>as of "
        f"{escape(_core.format_date_vi(self.as_of))}, report period "
        f"{escape(_core.format_date_vi(p.first))}–{escape(_core.format_date_vi(p.last))} "
        f"(day {self.elapsed_days} of {c.window.days}); cells: done / target"
        f"{_legend()}<table><thead><tr><th>unit</th>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>")
