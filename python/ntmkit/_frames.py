"""pandas views of a campaign: tidy DataFrames in, tidy DataFrames out.

pandas is imported only when one of these is called, so ``import ntmkit`` works without it.
The functions become methods of the C++ classes through the table in ``_extend.py``.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from . import _core


def _pd():
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - exercised only without pandas
        raise ImportError("this ntmkit function needs pandas: pip install pandas") from e
    return pd


def _error(cls, where: str, detail: str):
    e = cls(f"{where}: {detail}")
    e.where, e.detail = where, detail
    return e


def _missing(x: Any) -> bool:
    if x is None:
        return True
    try:
        return bool(_pd().isna(x))
    except (TypeError, ValueError):
        return False


def _cells(series) -> list:
    """Values with every kind of missing (None, NaN, NaT, pd.NA) as None."""
    return [None if _missing(x) else x for x in series.tolist()]


def _dates64(days) -> np.ndarray:
    """datetime64[ns] from datetime.date / None (NaT), the dtype pandas gives date columns."""
    return np.array([np.datetime64("NaT") if d is None else np.datetime64(d, "D") for d in days],
                    dtype="datetime64[D]").astype("datetime64[ns]")


def _as_date(d):
    """A datetime.date from anything the C++ core reads as one (date, datetime, pandas
    Timestamp, numpy.datetime64, 15/4/2022 or ISO text): its own date conversion, round-tripped."""
    import datetime as dt

    return dt.date.fromisoformat(_core.format_date_iso(d))


def check_levels(level) -> set:
    """The level names asked for (one level or a list, names or UnitLevel); ValidationError
    naming the valid levels for anything else, so a typo is not an empty frame."""
    import difflib

    valid = [lv.name for lv in _core.UnitLevel]
    wanted = [level] if isinstance(level, (str, _core.UnitLevel)) else list(level)
    names = set()
    for w in wanted:
        name = w.name if isinstance(w, _core.UnitLevel) else w
        if name not in valid:
            near = difflib.get_close_matches(str(name), valid, n=1)
            hint = f'did you mean "{near[0]}"? ' if near else ""
            raise _error(_core.ValidationError, "level",
                         f'"{name}" is not a unit level; {hint}expected one of {", ".join(valid)}')
        names.add(name)
    return names


def _date_cells(series) -> list:
    pd = _pd()
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        # The Timestamp's own calendar day: no conversion between time zones.
        return [None if _missing(x) else x.date() for x in series]
    return _cells(series)


def _unit_table(c: _core.Campaign):
    t = c.units
    ids = np.array(t.ids, dtype=object)
    names = np.array(t.names, dtype=object)
    levels = np.array([t.level(u).name for u in range(len(t))], dtype=object)
    parents = t.parents
    parent_ids = np.array([ids[p] if p >= 0 else None for p in parents], dtype=object)
    return ids, names, levels, parent_ids


def units_frame(self):
    """One row per unit in tree order: unit, name, level, parent, households, depth."""
    pd = _pd()
    t = self.units
    ids, names, levels, parents = _unit_table(self)
    return pd.DataFrame({
        "unit": ids,
        "name": names,
        "level": levels,
        "parent": parents,
        "households": pd.array([t.households(u) for u in range(len(t))], dtype="Int64"),
        "households_known": pd.array([t.households_known(u) for u in range(len(t))], dtype="Int64"),
        "depth": [t.depth(u) for u in range(len(t))],
        "illustrative": [t.illustrative(u) for u in range(len(t))],
    })


def indicators_frame(self):
    """One row per indicator: indicator, name_vi, name_en, measure, over_time, over_units."""
    pd = _pd()
    return pd.DataFrame([
        {"indicator": i.id, "name_vi": i.name_vi, "name_en": i.name_en, "measure": i.measure,
         "over_time": i.over_time.name, "over_units": i.over_units.name}
        for i in self.indicators
    ])


def targets_frame(self):
    """Every set target, one row per unit × indicator, in tree order.

    Columns: unit, unit_name, level, parent, indicator, indicator_name, target, basis.
    ``set_targets_frame`` reads the same columns back.
    """
    pd = _pd()
    ids, names, levels, parents = _unit_table(self)
    inds = self.indicators
    rows = self.targets.items()
    u = np.array([r[0] for r in rows], dtype=np.int64)
    i = np.array([r[1] for r in rows], dtype=np.int64)
    return pd.DataFrame({
        "unit": ids[u] if len(u) else [],
        "unit_name": names[u] if len(u) else [],
        "level": levels[u] if len(u) else [],
        "parent": parents[u] if len(u) else [],
        "indicator": [inds[k].id for k in i],
        "indicator_name": [inds[k].name_vi for k in i],
        "target": np.array([r[2] for r in rows], dtype=float),
        "basis": [r[3].name for r in rows],
    })


def set_targets_frame(self, frame) -> None:
    """Set targets from a DataFrame with columns unit, indicator, target (or value) and
    optionally basis. All rows or none; errors name the row's index label."""
    value_col = "target" if "target" in frame.columns else "value"
    for col in ("unit", "indicator", value_col):
        if col not in frame.columns:
            raise _error(_core.ValidationError, "DataFrame", f'missing column "{col}"')
    bases = frame["basis"].tolist() if "basis" in frame.columns else ["planned"] * len(frame)
    specs = []
    for label, unit, ind, value, basis in zip(frame.index, frame["unit"], frame["indicator"],
                                              frame[value_col], bases):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise _error(_core.ParseError, f"DataFrame row {label}, column {value_col}",
                         f'expected a number, got "{value}"') from None
        specs.append(_core.TargetSpec(str(unit), str(ind), value,
                                      "planned" if _missing(basis) else basis))
    try:
        self.set_targets(specs)
    except _core.Error as e:
        # The core numbers targets 0..n-1; say which DataFrame row that was.
        where = e.where
        if where.startswith("target "):
            k = int(where.split()[1].rstrip(","))
            where = f"DataFrame row {frame.index[k]}" + where[len(f"target {k}"):]
        raise _error(type(e), where, e.detail) from None


def progress_frame(self):
    """The progress log, one row per record: record, unit, indicator, date, reported,
    quantity, note, reporter, supersedes. ``add_progress_frame`` reads it back."""
    pd = _pd()
    log = self.progress
    ids = np.array(self.units.ids, dtype=object)
    ind_ids = np.array(self.indicator_ids, dtype=object)
    first = np.datetime64(self.first, "D")
    done = (first + log.done_days().astype("timedelta64[D]")).astype("datetime64[ns]")
    reported = (first + log.reported_days().astype("timedelta64[D]")).astype("datetime64[ns]")
    sup = log.supersedes_column()
    return pd.DataFrame({
        "record": np.arange(len(log)),
        "unit": ids[log.units()] if len(log) else [],
        "indicator": ind_ids[log.indicators()] if len(log) else [],
        "date": done,
        "reported": reported,
        "quantity": log.quantities(),
        "note": log.notes(),
        "reporter": log.reporters(),
        "supersedes": pd.array([None if s < 0 else int(s) for s in sup], dtype="Int64"),
    })


def progress_columns(frame, source: str) -> dict:
    """{canonical column name: the frame's column} of a progress frame (English or Vietnamese
    headers, as the progress CSV); a column given twice or a required one missing is a
    ParseError naming `source`."""
    columns: dict[str, Any] = {}
    for col in frame.columns:
        canonical = _core._canonical_column(str(col))
        if canonical:
            if canonical in columns:
                raise _error(_core.ParseError, f"{source} column {col}",
                             f'column "{canonical}" appears twice')
            columns[canonical] = frame[col]
    for required in ("unit", "indicator", "date", "quantity"):
        if required not in columns:
            raise _error(_core.ParseError, source,
                         f'missing column "{required}"; the frame needs unit, indicator, date, '
                         "quantity")
    return columns


def add_progress_frame(self, frame, source: str = "DataFrame") -> None:
    """Add progress from a DataFrame in one batch (all rows or none).

    Columns: unit, indicator, date, quantity; optional reported, note, reporter, supersedes.
    Vietnamese headers work too (đơn vị, chỉ tiêu, ngày, số lượng, ...). Dates may be
    datetime.date, datetime64 or text (15/4/2022, 2022-04-15). Errors name the row's index
    label and the column: ``DataFrame row 7, column date: ...``.
    """
    columns = progress_columns(frame, source)
    labels = [str(x) for x in frame.index]
    quantities = []
    for label, q in zip(labels, columns["quantity"].tolist()):
        try:
            quantities.append(float(q) if not isinstance(q, str) else float(q.replace(",", ".")))
        except (TypeError, ValueError):
            raise _error(_core.ParseError, f"{source} row {label}, column quantity",
                         f'expected a number, got "{q}"') from None
    self._add_progress_columns(
        units=[str(x) for x in columns["unit"].tolist()],
        indicators=[str(x) for x in columns["indicator"].tolist()],
        dates=_date_cells(columns["date"]),
        quantities=quantities,
        reported=_date_cells(columns["reported"]) if "reported" in columns else None,
        notes=_cells(columns["note"]) if "note" in columns else None,
        reporters=_cells(columns["reporter"]) if "reporter" in columns else None,
        supersedes=_cells(columns["supersedes"]) if "supersedes" in columns else None,
        labels=labels,
        source=source,
    )


_STATUS_ORDER = ["achieved", "on_track", "behind", "at_risk", "no_target"]


def rollup_to_frame(self, level=None, with_target: bool = False):
    """The roll-up as a tidy DataFrame, one row per unit × indicator, in tree order.

    Columns: as_of, unit, unit_name, level, parent, indicator, indicator_name, measure, target,
    target_derived, done_day, done_period, cumulative, ratio, expected, gap, remaining,
    needed_per_day, projected_completion, status (categorical). as_of and
    projected_completion are datetime64 (NaT: not projected). ``level`` keeps units of one level
    (or a list of levels; anything else is a ValidationError naming the valid ones);
    ``with_target`` drops rows without a target.
    """
    wanted = None if level is None else check_levels(level)
    pd = _pd()
    c = self.campaign
    ids, names, levels, parents = _unit_table(c)
    inds = c.indicators
    cols = self.columns()
    u, i = cols["unit"], cols["indicator"]
    status_names = np.array([s.name for s in _core.ProgressStatus], dtype=object)
    status_by_code = {int(s.value): s.name for s in _core.ProgressStatus}
    codes = cols["status"]
    frame = pd.DataFrame({
        "as_of": _dates64([self.as_of] * len(u)),
        "unit": ids[u],
        "unit_name": names[u],
        "level": levels[u],
        "parent": parents[u],
        "indicator": np.array([x.id for x in inds], dtype=object)[i] if len(inds) else [],
        "indicator_name": np.array([x.name_vi for x in inds], dtype=object)[i] if len(inds) else [],
        "measure": np.array([x.measure for x in inds], dtype=object)[i] if len(inds) else [],
        "target": cols["target"],
        "target_derived": cols["target_derived"],
        "done_day": self.done_day.ravel(),
        "done_period": self.done_period.ravel(),
        "cumulative": self.cumulative.ravel(),
        "ratio": cols["ratio"],
        "expected": cols["expected"],
        "gap": cols["gap"],
        "remaining": cols["remaining"],
        "needed_per_day": cols["needed_per_day"],
        "projected_completion": cols["projected_completion"].astype("datetime64[ns]"),
        "status": pd.Categorical([status_by_code[int(k)] for k in codes],
                                 categories=_STATUS_ORDER),
    })
    del status_names
    if wanted is not None:
        frame = frame[frame["level"].isin(wanted)]
    if with_target:
        frame = frame[frame["target"].notna()]
    return frame.reset_index(drop=True)


def rollup_frame(self, dates=None, level=None, with_target: bool = False, known_by=None):
    """Roll-ups at several dates in one tidy frame (Rollup.to_frame's columns, as_of first):
    how units moved week by week. ``dates`` defaults to every report day up to the latest data
    (``data_through()``), the last one cut at that day; ``known_by`` as in ``rollup``."""
    pd = _pd()
    if dates is None:
        through = self.data_through()
        dates = [min(p.report_date, through) for p in self.periods()
                 if through is not None and p.first <= through]
    elif isinstance(dates, (str, np.datetime64)) or not hasattr(dates, "__iter__"):
        dates = [dates]
    frames = [self.rollup(d, known_by=known_by).to_frame(level=level, with_target=with_target)
              for d in dates]
    if not frames:
        return self.rollup(self.first).to_frame(level=level, with_target=with_target).iloc[:0]
    return pd.concat(frames, ignore_index=True)


def allocation_to_frame(self):
    """The proposed split, one row per child: parent, unit, unit_name, indicator,
    indicator_name, households, value, fixed, basis ('kept' or 'proposed')."""
    pd = _pd()
    c = self.campaign
    t = c.units
    ind = c.indicator(self.indicator)
    return pd.DataFrame({
        "parent": [t.id(self.parent)] * len(self.shares),
        "unit": [t.id(s.unit) for s in self.shares],
        "unit_name": [t.name(s.unit) for s in self.shares],
        "indicator": [ind.id] * len(self.shares),
        "indicator_name": [ind.name_vi] * len(self.shares),
        "households": pd.array([t.households_known(s.unit) for s in self.shares], dtype="Int64"),
        "value": [s.value for s in self.shares],
        "fixed": [s.fixed for s in self.shares],
    })


def reconcile_frame(self):
    """Parents whose children's targets do not add up: parent, indicator, parent_target,
    children_sum, difference, children_with_target."""
    pd = _pd()
    issues = self.reconcile()
    return pd.DataFrame({
        "parent": [self.units.id(x.parent) for x in issues],
        "indicator": [self.indicator(x.indicator).id for x in issues],
        "parent_target": [x.parent_target for x in issues],
        "children_sum": [x.children_sum for x in issues],
        "difference": [x.children_sum - x.parent_target for x in issues],
        "children_with_target": [x.children_with_target for x in issues],
    })


def evaluation_to_frame(self):
    """One row per criterion × indicator (a criterion without indicators gets one row with
    indicator None): criterion, criterion_name, criterion_status, assessed_directly, evidence,
    uses_unverified_threshold, indicator, status, value, threshold_kind, threshold,
    threshold_verified, shortfall, reason (the indicator's, else the criterion's)."""
    pd = _pd()
    rows = []
    for c in self.to_dict()["criteria"]:
        head = {"criterion": c["code"], "criterion_name": c["name_vi"],
                "criterion_status": c["status"], "assessed_directly": c["assessed_directly"],
                "evidence": c["evidence"],
                "uses_unverified_threshold": c["uses_unverified_threshold"]}
        for i in c["indicators"] or [None]:
            t = (i or {}).get("threshold") or {}
            rows.append({**head, "indicator": i and i["code"], "status": i and i["status"],
                         "value": i and i["value"], "threshold_kind": t.get("kind"),
                         "threshold": t.get("value"), "threshold_verified": t.get("verified"),
                         "shortfall": i and i["shortfall"],
                         "reason": (i and i["reason"]) or c["reason"]})
    columns = ["criterion", "criterion_name", "criterion_status", "assessed_directly", "evidence",
               "uses_unverified_threshold", "indicator", "status", "value", "threshold_kind",
               "threshold", "threshold_verified", "shortfall", "reason"]
    return pd.DataFrame(rows, columns=columns)
