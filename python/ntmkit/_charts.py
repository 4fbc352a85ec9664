"""Burn-up charts with matplotlib (imported only when a chart is drawn)."""
from __future__ import annotations

import datetime as _dt

from . import _core


def cumulative_series(self, unit, indicator, through=None):
    """(dates, cumulative) of a unit on an indicator for each day from the first day to
    ``through`` (default: the last day), rolled up the tree as the roll-up does, in one pass
    over the log (C++ ``cumulative_series``) rather than one roll-up per day."""
    last = self.last if through is None else _as_date(through)
    u, i = self.unit_index(unit), self.indicator(indicator).id
    dates = [d for d in self.window.dates() if d <= last]
    if not dates:
        return [], []
    return dates, self._cumulative_values(u, i, dates[0], dates[-1])


def _as_date(d):
    return d if isinstance(d, _dt.date) else _core.parse_date(d)


def burnup_chart(campaign: _core.Campaign, unit, indicator, as_of=None, ax=None,
                 language: str = "vi"):
    """Burn-up chart of one unit on one indicator; returns the matplotlib Figure.

    Draws the target line, the expected linear pace (0 before the first day, the target on
    the last), the cumulative done up to ``as_of`` (default: the last day) and marks the
    report dates (Fridays in the seed). Pass ``ax`` to draw into existing axes.
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    c = campaign
    u = c.unit_index(unit)
    ind = c.indicator(indicator)
    dates, cum = cumulative_series(c, u, ind.id, as_of)
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        # Closed so notebooks show only the returned figure, not a second copy.
        plt.close(fig)
    else:
        fig = ax.figure
    target = c.rollup(c.last).row(u, ind.id).target
    lab = _core.labels("vi" if language == "vi" else "en")
    start = c.first - _dt.timedelta(days=1)
    ax.step(dates, cum, where="post", color="#1f77b4", linewidth=2,
            label=lab["chart_done"])
    if target is not None:
        ax.axhline(target, color="#2ca02c", linestyle="-", linewidth=1.5,
                   label=f"{lab['chart_target']} {target:g}")
        ax.plot([start, c.last], [0, target], color="#ff7f0e", linestyle="--",
                label=lab["chart_expected_pace"])
    for k, d in enumerate(c.report_dates()):
        ax.axvline(d, color="#999999", linestyle=":", linewidth=1,
                   label=lab["report_date"] if k == 0 else None)
    ax.set_xlim(start, c.last)
    ax.set_ylim(bottom=0)
    name = ind.name(language)
    ax.set_title(f"{c.units.name(u)} – {name}")
    ax.set_ylabel(ind.measure)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d/%m"))
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    return fig


def _burnup_method(self, unit, indicator, as_of=None, ax=None, language: str = "vi"):
    return burnup_chart(self, unit, indicator, as_of=as_of, ax=ax, language=language)


_burnup_method.__doc__ = burnup_chart.__doc__
