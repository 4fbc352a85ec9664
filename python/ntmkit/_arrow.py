"""Arrow out, and Parquet in: a roll-up as a pyarrow Table or a Polars DataFrame, and progress
read from a Parquet file batch by batch.

Progress from any Arrow table (``Campaign.add_progress_arrow``) is C++ (src/register_arrow.cpp);
this module only adds what needs pyarrow or Polars, imported when one of these is called. The
functions become methods of the C++ classes through the table in ``_extend.py``.
"""
from __future__ import annotations

import numpy as np

from . import _core
from ._frames import _unit_table, check_levels


def _pa():
    try:
        import pyarrow as pa
    except ImportError as e:  # pragma: no cover - exercised only without pyarrow
        raise ImportError("this ntmkit function needs pyarrow: pip install pyarrow") from e
    return pa


def _coded(pa, codes, values, missing=None):
    """A dictionary-encoded column: `codes` (read in place) into `values`."""
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=missing), pa.array(values))


def rollup_to_arrow(self, level=None, with_target: bool = False):
    """The roll-up as a pyarrow Table with ``to_frame``'s columns and rows.

    Text columns (unit, unit_name, level, parent, indicator, indicator_name, measure, status)
    are dictionary-encoded: their codes are the roll-up's own index arrays, not copied. as_of
    and projected_completion are date32; a missing target, ratio, expected, gap, remaining,
    needed_per_day or projected_completion is null (pandas' NaN / NaT). ``level`` and
    ``with_target`` as in ``to_frame``.
    """
    pa = _pa()
    wanted = None if level is None else check_levels(level)
    c = self.campaign
    ids, names, levels, _ = _unit_table(c)
    inds = c.indicators
    cols = self.columns()
    u, i = cols["unit"], cols["indicator"]
    level_names, level_codes = np.unique(levels.astype(str), return_inverse=True)
    parents = np.asarray(c.units.parents, dtype=np.int32)[u] if len(u) else np.zeros(0, np.int32)
    statuses = {int(s.value): s.name for s in _core.ProgressStatus}
    numbers = {k: pa.array(cols[k], from_pandas=True)
               for k in ("target", "ratio", "expected", "gap", "remaining", "needed_per_day")}
    table = pa.table({
        "as_of": pa.array(np.full(len(u), np.datetime64(self.as_of, "D"))),
        "unit": _coded(pa, u, ids.astype(str)),
        "unit_name": _coded(pa, u, names.astype(str)),
        "level": _coded(pa, level_codes.astype(np.int32)[u], level_names),
        "parent": _coded(pa, parents, ids.astype(str), missing=parents < 0),
        "indicator": _coded(pa, i, [x.id for x in inds]),
        "indicator_name": _coded(pa, i, [x.name_vi for x in inds]),
        "measure": _coded(pa, i, [x.measure for x in inds]),
        "target": numbers["target"],
        "target_derived": pa.array(cols["target_derived"]),
        "done_day": pa.array(self.done_day.ravel()),
        "done_period": pa.array(self.done_period.ravel()),
        "cumulative": pa.array(self.cumulative.ravel()),
        **{k: numbers[k] for k in ("ratio", "expected", "gap", "remaining", "needed_per_day")},
        "projected_completion": pa.array(cols["projected_completion"], from_pandas=True),
        "status": _coded(pa, cols["status"].view(np.int8),
                         [statuses[k] for k in range(len(statuses))]),
    })
    keep = None
    if wanted is not None:
        keep = np.isin(levels[u], list(wanted))
    if with_target:
        has = ~np.isnan(cols["target"])
        keep = has if keep is None else keep & has
    return table if keep is None else table.filter(pa.array(keep))


def rollup_to_polars(self, level=None, with_target: bool = False):
    """The roll-up as a Polars DataFrame (``to_arrow``'s columns; text columns categorical)."""
    try:
        import polars as pl
    except ImportError as e:  # pragma: no cover - exercised only without Polars
        raise ImportError("Rollup.to_polars needs Polars: pip install polars") from e
    return pl.from_arrow(rollup_to_arrow(self, level=level, with_target=with_target))


def rollup_arrow_c_stream(self, requested_schema=None):
    """The Arrow PyCapsule stream of ``to_arrow()``: pyarrow.table(r), polars.DataFrame(r),
    duckdb.sql("... FROM r") read a roll-up directly."""
    return rollup_to_arrow(self).__arrow_c_stream__(requested_schema)


def add_progress_parquet(self, path, columns=None, source=None,
                         batch_size: int = 1 << 20) -> None:
    """Add a Parquet file of progress records in one batch (the whole file or nothing).

    The file is read batch by batch (pyarrow.parquet), only the columns the progress needs,
    then added as ``add_progress_arrow`` adds a table: the same columns (``columns`` names the
    file's own, e.g. ``{"date": "done"}``), types and checks. Errors name ``<path> row i,
    column c``, rows counted from 0.
    """
    _pa()
    import pyarrow.parquet as pq

    f = pq.ParquetFile(path)
    given = set((columns or {}).values())
    progress = {"unit", "indicator", "date", "quantity", "reported", "note", "reporter",
                "supersedes"} - set(columns or {})
    needed = [n for n in f.schema_arrow.names
              if n in given or _core._canonical_column(n) in progress]
    reader = _pa().RecordBatchReader.from_batches(
        f.schema_arrow.empty_table().select(needed).schema,
        f.iter_batches(batch_size=batch_size, columns=needed))
    self.add_progress_arrow(reader, source=str(path) if source is None else source,
                            columns=columns)
