"""DataFrames of the year: the grading (GradingResult.to_frame, GradingTable.set_values_frame)
and several campaigns summed (YearSummary.to_frame).

pandas is imported only when called.
"""
from __future__ import annotations

import math

from ._frames import _pd


def result_frame(self, language: str = "vi"):
    """One row per subject, in the table's order: id, name, kind, each component's value (NaN
    when missing), score, grade (its name, e.g. "good"; None when ungraded) and explanation."""
    pd = _pd()
    comp_ids = [c.id for c in self.components]
    rows = []
    for s in self.subjects:
        row = {"id": s.id, "name": s.name, "kind": s.kind}
        values = s.values
        for c in comp_ids:
            row[c] = math.nan if values[c] is None else values[c]
        row["score"] = math.nan if s.score is None else s.score
        row["grade"] = None if s.grade is None else s.grade.name
        row["explanation"] = self.explanation(s.id, language)
        rows.append(row)
    cols = ["id", "name", "kind", *comp_ids, "score", "grade", "explanation"]
    return pd.DataFrame(rows, columns=cols)


def set_values_frame(self, frame) -> None:
    """Sets values from a DataFrame: a column ``id`` (or the index), optional ``name`` and
    ``kind``, and one column per component id; NaN leaves a value unset. Another tool's output
    (support given, criteria kept) joins the table this way. All rows or none."""
    if "id" not in frame.columns:
        frame = frame.rename_axis("id").reset_index()
    known = [c.id for c in self.components]
    extra = [c for c in frame.columns if c not in known and c not in ("id", "name", "kind")]
    if extra:
        raise ValueError(f"columns {extra} are not components of the table "
                         f"(components: {known})")
    cells = []
    for _, row in frame.iterrows():
        name = str(row["name"]) if "name" in frame.columns else None
        kind = str(row["kind"]) if "kind" in frame.columns else None
        for c in known:
            if c in frame.columns and not _missing(row[c]):
                cells.append((str(row["id"]), c, float(row[c]), name, kind))
    # Checked on a copy first, so a bad value leaves the table as it was.
    staged = type(self).from_json_text(self.to_json_text())
    for subject, c, v, name, kind in cells:
        staged.set_value(subject, c, v, name=name, kind=kind)
    for subject, c, v, name, kind in cells:
        self.set_value(subject, c, v, name=name, kind=kind)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def year_frame(self):
    """One row per unit and indicator: unit, indicator, target (NaN: none), cumulative, ratio
    (NaN without a target above 0), campaigns (ids joined by ", ")."""
    pd = _pd()
    rows = [{
        "unit": c.unit,
        "indicator": c.indicator,
        "target": math.nan if c.target is None else c.target,
        "cumulative": c.cumulative,
        "ratio": math.nan if c.ratio is None else c.ratio,
        "campaigns": ", ".join(c.campaigns),
    } for c in self.cells]
    return pd.DataFrame(rows, columns=["unit", "indicator", "target", "cumulative", "ratio",
                                       "campaigns"])
