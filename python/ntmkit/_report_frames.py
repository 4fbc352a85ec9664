"""DataFrames of the reports and of reporting completeness (``WeeklyReport.to_frame`` …).

The same figures the rendered reports print, as data: ratios and rates are fractions (1 = 100%),
as everywhere in ntmkit's data; only rendered text shows percents. Dates are datetime64.
pandas is imported only when called.
"""
from __future__ import annotations

import numpy as np

from ._frames import _dates64, _pd


def weekly_report_frame(self):
    """One row per unit × indicator in report order (the commune last): report_date,
    period_key, unit, unit_name, level, indicator, indicator_name, target, done_period,
    cumulative, ratio (fraction, NaN without a target), status."""
    pd = _pd()
    c = self.campaign
    t, inds = c.units, c.indicators
    rows = self.rows
    return pd.DataFrame({
        "report_date": _dates64([self.report_date] * len(rows)),
        "period_key": [self.period_key] * len(rows),
        "unit": [t.id(r.unit) for r in rows],
        "unit_name": [t.name(r.unit) for r in rows],
        "level": [t.level(r.unit).name for r in rows],
        "indicator": [inds[r.indicator].id for r in rows],
        "indicator_name": [inds[r.indicator].name(self.language) for r in rows],
        "target": np.array([np.nan if r.values.target is None else r.values.target
                            for r in rows], dtype=float),
        "done_period": [r.values.done_period for r in rows],
        "cumulative": [r.values.cumulative for r in rows],
        "ratio": np.array([np.nan if r.values.ratio is None else r.values.ratio for r in rows],
                          dtype=float),
        "status": [r.values.status.name for r in rows],
    })


def daily_report_frame(self):
    """One row per record read out, in report order: day, group (its unit at the report's
    level), group_name, unit, unit_name, indicator, indicator_name, quantity, note, reporter,
    record."""
    pd = _pd()
    c = self.campaign
    t, inds = c.units, c.indicators
    es = self.entries
    return pd.DataFrame({
        "day": _dates64([self.day] * len(es)),
        "group": [t.id(e.group) for e in es],
        "group_name": [t.name(e.group) for e in es],
        "unit": [t.id(e.unit) for e in es],
        "unit_name": [t.name(e.unit) for e in es],
        "indicator": [inds[e.indicator].id for e in es],
        "indicator_name": [inds[e.indicator].name(self.language) for e in es],
        "quantity": np.array([e.quantity for e in es], dtype=float),
        "note": [e.note for e in es],
        "reporter": [e.reporter for e in es],
        "record": np.array([e.record for e in es], dtype=np.int64),
    })


def final_report_frame(self):
    """The ranking section as data: ``ranking.to_frame()`` (rank, id, name, score, …) with each
    unit's reports over the campaign (received, expected, reporting_rate as a fraction). The
    closing figures per indicator are ``totals.to_frame()``."""
    frame = self.ranking.to_frame()
    reporting = self.unit_reporting
    for col in ("received", "expected"):
        frame[col] = [getattr(reporting[u], col) if u in reporting else 0 for u in frame["id"]]
    frame["reporting_rate"] = [reporting[u].reporting_rate if u in reporting else np.nan
                               for u in frame["id"]]
    return frame


def completeness_frame(self, campaign=None):
    """The reports late or missing, in period then unit order: unit (its id when ``campaign``
    is given, else its index), unit_name (with ``campaign``), report_date, submitted (NaT when
    missing), state ('late' or 'missing'). The counts and rates are the object's own fields."""
    pd = _pd()
    items = [(x, "late") for x in self.late] + [(x, "missing") for x in self.missing]
    items.sort(key=lambda item: (item[0].report_date, item[0].unit))
    frame = pd.DataFrame({
        "unit": [x.unit if campaign is None else campaign.units.id(x.unit) for x, _ in items],
        "report_date": _dates64([x.report_date for x, _ in items]),
        "submitted": _dates64([x.submitted for x, _ in items]),
        "state": pd.Categorical([s for _, s in items], categories=["late", "missing"]),
    })
    if campaign is not None:
        frame.insert(1, "unit_name", [campaign.units.name(x.unit) for x, _ in items])
    return frame
