"""Labour support as DataFrames: needs against what was pledged and delivered.

The C++ core (src/register_support.cpp) reads support files and rolls support up; these
functions shape its columns into pandas DataFrames and accept support as plain dicts.
"""
from __future__ import annotations

import datetime as _dt
import json

from . import _core
from ._frames import _error, _pd


def _jsonable(value):
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return value


def _items(rows) -> list:
    if rows is None:
        return []
    if hasattr(rows, "to_dict"):  # a DataFrame: one dict per row, missing cells left out
        rows = rows.to_dict("records")
    out = []
    for row in rows:
        item = {}
        for key, value in dict(row).items():
            try:
                missing = value is None or bool(_pd().isna(value))
            except (TypeError, ValueError):
                missing = False
            if not missing:
                item[key] = _jsonable(value.item() if hasattr(value, "item") else value)
        out.append(item)
    return out


def add_support(self, supporters=None, needs=None, records=None) -> None:
    """Adds supporters, labour needs and support records, all or nothing.

    Each is a list of dicts (or a DataFrame) with the members of the campaign file's
    ``support`` (docs/format.md); dates as ``datetime.date`` or text. Errors name the item as a
    JSON pointer: ``/support/needs/1/person_days``.
    """
    support = {}
    for key, rows in (("supporters", supporters), ("needs", needs), ("records", records)):
        items = _items(rows)
        if items:
            support[key] = items
    doc = {"format": "ntmkit-support", "format_version": 1, "campaign": self.id,
           "support": support}
    self.add_support_json(json.dumps(doc, ensure_ascii=False))


def _plan(self) -> dict:
    return json.loads(self.support_json()).get("support", {})


def supporters_frame(self):
    """One row per supporter: supporter, name, kind, units (assigned), note, illustrative."""
    rows = _plan(self).get("supporters", [])
    return _pd().DataFrame(rows, columns=["id", "name", "kind", "units", "note",
                                          "illustrative"]).rename(columns={"id": "supporter"})


def labour_needs_frame(self):
    """One row per labour need: unit, date, person_days, task, indicator, note, illustrative."""
    pd = _pd()
    df = pd.DataFrame(_plan(self).get("needs", []),
                      columns=["unit", "date", "person_days", "task", "indicator", "note",
                               "illustrative"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    return df


def support_records_frame(self):
    """One row per pledge or delivery: kind, date, giver, receiver, person_days, materials…"""
    pd = _pd()
    df = pd.DataFrame(_plan(self).get("records", []),
                      columns=["kind", "date", "giver", "receiver", "person_days", "materials",
                               "task", "note", "illustrative"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    return df


def support_frame(self, as_of, by: str = "receiver", level="village", period_first=None):
    """Needs against support as of ``as_of`` (inclusive).

    ``by="receiver"``: one row per unit of ``level`` with any figure in its subtree, then the
    root: unit, name, needed, pledged, delivered, delivered_period (from ``period_first``),
    still_needed = max(needed − delivered, 0). ``by="giver"``: one row per supporter, then per
    unit that gave: giver, name, kind, assigned, pledged, delivered, delivered_period,
    outstanding = max(pledged − delivered, 0), receivers. ``by="delivery"``: the deliveries
    from ``period_first`` to ``as_of``.
    """
    keys = {"receiver": "receivers", "giver": "givers", "delivery": "period_deliveries"}
    if by not in keys:
        raise _error(_core.ValidationError, "by", f"expected one of {', '.join(keys)}, got {by!r}")
    cols = self._support_rollup_columns(as_of, level, period_first)[keys[by]]
    return _pd().DataFrame(cols)


def add_funds(self, records) -> None:
    """Adds fund records (dicts or a DataFrame with the members of the campaign file's
    ``funds``: date, source, amount in đồng, unit, purpose…), all or nothing.

    Amounts must be whole numbers: a float amount (``1234.5``) or one past 2**63 − 1, alone or
    in the campaign's sum, is refused naming ``/funds/<i>/amount``.
    """
    doc = {"format": "ntmkit-support", "format_version": 1, "campaign": self.id,
           "funds": _items(records)}
    self.add_support_json(json.dumps(doc, ensure_ascii=False))


def funds_frame(self):
    """One row per fund record: date, source, amount (int64 đồng), unit, purpose, contributor,
    note, illustrative."""
    pd = _pd()
    rows = json.loads(self.support_json()).get("funds", [])
    df = pd.DataFrame(rows, columns=["date", "source", "amount", "unit", "purpose",
                                     "contributor", "note", "illustrative"])
    df["date"] = pd.to_datetime(df["date"]).dt.date
    df["amount"] = df["amount"].astype("int64")
    return df


def funds_totals_frame(self, as_of, by: str = "source", level="village", period_first=None):
    """Money mobilised up to ``as_of`` (and from ``period_first``) as exact int64 đồng.

    ``by="source"``: source, amount_period, amount for the whole campaign; ``by="unit"``: unit,
    source, … for each unit of ``level`` with money in its subtree, then the root;
    ``by="purpose"``: purpose, source, ….
    """
    if by not in ("source", "unit", "purpose"):
        raise _error(_core.ValidationError, "by",
                     f"expected one of source, unit, purpose, got {by!r}")
    pd = _pd()
    cols = self._funds_totals_columns(as_of, level, period_first)
    table = cols["purpose" if by == "purpose" else "unit"]
    df = pd.DataFrame(table, columns=["key", "source", "amount_period", "amount"])
    df = df.astype({"amount_period": "int64", "amount": "int64"})
    if by == "source":
        root = self.units.ids[0] if len(self.units) else None
        df = df[df["key"] == root].drop(columns="key").reset_index(drop=True)
        return df
    return df.rename(columns={"key": by})
