"""Charts with matplotlib (imported only when a chart is drawn): a unit's burn-up, a grid of
burn-ups and a comparison of units on one indicator.

Every word comes from the label table in the chart's language; dates read 15/4 as in the
reports; counts get whole-number ticks. A line of done work stops at the latest data
(``Campaign.data_through``): past it there is no data yet, which a flat line would misread as
"no progress".
"""
from __future__ import annotations

import datetime as _dt
import math
import textwrap

from . import _core
from ._frames import _as_date
from ._html import STATUS_COLOURS

_AXIS_LABELS = {"households": "chart_axis_households", "gardens": "chart_axis_gardens",
                "areas": "chart_axis_areas"}


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


def _labels(language: str) -> dict:
    return _core.labels("vi" if language == "vi" else "en")


def axis_label(measure: str, language: str = "vi") -> str:
    """The y-axis label of an indicator's measure in the chart's language."""
    lab = _labels(language)
    key = _AXIS_LABELS.get(measure)
    return lab[key] if key else lab["chart_axis_quantity"].format(measure)


def _short_date(d) -> str:
    return f"{d.day}/{d.month}"  # as the reports write dates, without padding


def _style_axes(ax, values) -> None:
    """15/4 dates on the x axis; whole-number ticks when every value is a whole number."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _short_date(mdates.num2date(x))))
    if all(float(v).is_integer() for v in values if v is not None):
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _wrapped_title(ax, text: str, fontsize: float) -> str:
    """Wraps a title to the width of its axes, so titles in a grid of charts do not run into
    each other (about 0.55 em per character)."""
    width_in = ax.get_position().width * ax.figure.get_figwidth()
    chars = max(12, int(width_in * 72 / (fontsize * 0.55)))
    return textwrap.fill(text, chars)


def burnup_chart(campaign: _core.Campaign, unit, indicator, as_of=None, ax=None,
                 language: str = "vi"):
    """Burn-up chart of one unit on one indicator; returns the matplotlib Figure.

    Draws the target line, the expected linear pace (0 before the first day, the target on
    the last), the cumulative done up to ``as_of`` (default: the latest data,
    ``campaign.data_through()``; no line when nothing was done yet) and marks the report dates
    (Fridays in the seed). Words follow ``language`` ('vi' or 'en'). Pass ``ax`` to draw into
    existing axes (a grid: ``burnup_grid``).
    """
    import matplotlib.pyplot as plt

    c = campaign
    u = c.unit_index(unit)
    ind = c.indicator(indicator)
    through = c.data_through() if as_of is None else _as_date(as_of)
    dates, cum = cumulative_series(c, u, ind.id, through) if through else ([], [])
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
        # Closed so notebooks show only the returned figure, not a second copy.
        plt.close(fig)
    else:
        fig = ax.figure
    target = c.rollup(c.last).row(u, ind.id).target
    lab = _labels(language)
    start = c.first - _dt.timedelta(days=1)
    ax.step(dates, cum, where="post", color="#1f77b4", linewidth=2, label=lab["chart_done"])
    if dates:  # where the data ends, so the gap after it reads as "no data yet"
        ax.annotate(lab["chart_data_through"].format(_short_date(dates[-1])),
                    (dates[-1], cum[-1]), xytext=(4, 4), textcoords="offset points",
                    fontsize="small", color="#1f77b4")
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
    size = 12 if len(fig.axes) == 1 else 10
    ax.set_title(_wrapped_title(ax, f"{c.units.name(u)} – {ind.name(language)}", size),
                 fontsize=size)
    ax.set_ylabel(axis_label(ind.measure, language))
    _style_axes(ax, list(cum) + [target])
    ax.legend(loc="upper left", fontsize="small")
    ax.grid(axis="y", alpha=0.3)
    return fig


def _burnup_method(self, unit, indicator, as_of=None, ax=None, language: str = "vi"):
    return burnup_chart(self, unit, indicator, as_of=as_of, ax=ax, language=language)


_burnup_method.__doc__ = burnup_chart.__doc__


def burnup_grid(self, indicator, units=None, as_of=None, language: str = "vi",
                columns: int = 3):
    """Burn-up charts of several units (default: the villages) on one indicator, in a grid
    with room for every title; returns the Figure."""
    import matplotlib.pyplot as plt

    chosen = self.units.units_at("village") if units is None else [
        self.unit_index(x) for x in ([units] if isinstance(units, (str, int)) else units)]
    cols = max(1, min(columns, len(chosen)))
    rows = max(1, math.ceil(len(chosen) / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.2 * rows), squeeze=False,
                             layout="constrained")
    plt.close(fig)
    for k, ax in enumerate(axes.flat):
        if k < len(chosen):
            burnup_chart(self, chosen[k], indicator, as_of=as_of, ax=ax, language=language)
            ax.legend().set_visible(k == 0)
        else:
            ax.set_visible(False)
    return fig


def comparison_chart(self, indicator, as_of=None, level="village", language: str = "vi",
                     ax=None):
    """Units of one level side by side on one indicator: each bar its completion (done ÷
    target) as of ``as_of`` (default: the latest data), coloured by status, with the expected
    pace as a line; units without a target are left out. Returns the Figure."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    from ._frames import check_levels

    check_levels(level)
    as_of = _as_date(as_of) if as_of is not None else (self.data_through() or self.first)
    ind = self.indicator(indicator)
    r = self.rollup(as_of)
    rows = [(u, r.row(u, ind.id)) for u in self.units.units_at(level)]
    rows = [(u, row) for u, row in rows if row.target]
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.5), layout="constrained")
        plt.close(fig)
    else:
        fig = ax.figure
    lab = _labels(language)
    names = [self.units.name(u) for u, _ in rows]
    ratios = [row.ratio for _, row in rows]
    colours = [STATUS_COLOURS[row.status.name] for _, row in rows]
    ax.barh(names, ratios, color=colours, edgecolor="#555555")
    ax.invert_yaxis()  # the first unit on top, as in the reports
    pace = r.elapsed_days / self.window.days
    ax.axvline(pace, color="#ff7f0e", linestyle="--", label=lab["chart_expected_pace"])
    ax.axvline(1.0, color="#2ca02c", linewidth=1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(lab["chart_completion"])
    ax.set_title(lab["chart_completion_of"].format(ind.name(language),
                                                   _core.format_date_vi(as_of)))
    ax.legend(loc="lower right", fontsize="small")
    ax.grid(axis="x", alpha=0.3)
    return fig
