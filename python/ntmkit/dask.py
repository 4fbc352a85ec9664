"""Roll-ups of progress records that outgrow one machine, on Dask.

One ntmkit :class:`~ntmkit.Partial` per partition of a Dask DataFrame of progress records,
tallied on the worker that holds the partition, merged ``split_every`` at a time on the workers,
then on the client as the groups arrive, and finished there into the :class:`~ntmkit.Rollup`
one process would give from all the records: the same numbers, cell by cell. Only partials
travel between processes (the touched cells, as compact bytes), never records.

The records' columns (any extra column is ignored):

``unit``, ``indicator``
    indices into the campaign (integers) or ids (strings, categoricals).
``done``, ``reported``
    dates (``datetime64``, ``datetime.date``) or integer day offsets from the campaign's first
    day; ``reported`` is optional (the day done).
``quantity``
    the increment, or the cumulative figure of a ``last`` indicator.
``superseded_on`` (optional)
    when the record's correction was reported (missing: never corrected).
``record`` (optional)
    the record's number in the campaign's log; it breaks ties between ``last`` figures of the
    same days. Without it a partition's rows are numbered from 0, which is only right when no
    two ``last`` figures of a unit share their days.

Usage (docs/distributed.md)::

    import dask.dataframe as dd, ntmkit, ntmkit.archive, ntmkit.dask
    from distributed import Client
    client = Client("scheduler:8786")              # or LocalCluster()
    c = ntmkit.archive.read_campaign("archive", "ntm-2022")  # or Campaign.load("x.json")
    records = dd.read_parquet("archive/records", filters=[("campaign", "==", c.id)])
    r = ntmkit.dask.rollup(c, records, "29/5/2022")
    r.to_frame(level="province")
"""
from __future__ import annotations

import os
from collections import OrderedDict
from typing import Any, Optional

import numpy as np

from . import _core
from ._frames import _error
from .archive import load_definition

NEVER = 2**31 - 1  # aggregation's `never`: a record not corrected
_RECORD_COLUMNS = ("unit", "indicator", "done", "reported", "quantity", "superseded_on", "record")

# Campaigns rebuilt from their bytes on a worker, by fingerprint, most recently used last: each
# worker reads a campaign once, however many partitions of however many campaigns it tallies.
# Bounded by their memory, estimated from their bytes (measured at scale 0.2: 14 MB of bytes,
# 65 MiB in memory), to a quarter of the worker's memory limit, the rest being for Dask and the
# partitions: workers of 500 MB that kept four such campaigns were killed by their nannies.
_CAMPAIGNS: "OrderedDict[int, tuple[_core.Campaign, int]]" = OrderedDict()
_MEMORY_PER_BYTE = 5
_CACHE_BYTES = 800_000_000  # without a memory limit (about four million units)


def _cache_budget() -> int:
    """Bytes of campaigns this process keeps: a quarter of its Dask worker's memory limit."""
    try:
        from distributed import get_worker

        limit = get_worker().memory_manager.memory_limit
    except (ImportError, ValueError, AttributeError):  # not on a worker
        limit = None
    return min(_CACHE_BYTES, limit // 4) if limit else _CACHE_BYTES


def _campaign_on_worker(fingerprint: int, definition: bytes) -> _core.Campaign:
    """The campaign of these bytes (Campaign.to_bytes), read once per worker."""
    kept = _CAMPAIGNS.get(fingerprint)
    if kept is not None:
        _CAMPAIGNS.move_to_end(fingerprint)
        return kept[0]
    size = len(definition) * _MEMORY_PER_BYTE
    # The oldest go first, before this one is read: the worker never holds more than budget.
    while _CAMPAIGNS and sum(k[1] for k in _CAMPAIGNS.values()) + size > _cache_budget():
        _CAMPAIGNS.popitem(last=False)
    c = _core.Campaign.from_bytes(definition)
    _CAMPAIGNS[fingerprint] = (c, size)
    return c


def _day_offsets(column, first: np.datetime64, missing: Optional[int], where: str) -> np.ndarray:
    """A column of dates (any pandas or Arrow date type) or integer offsets as int32 offsets
    from the campaign's first day; missing days become `missing` (None: refused)."""
    if column.dtype.kind in "iu":
        return column.to_numpy().astype(np.int32, copy=False)
    arrow_days = _arrow_days(column)
    if arrow_days is not None:
        import pyarrow.compute as pc

        if arrow_days.null_count and missing is None:
            raise _error(_core.ValidationError, f"column {where}", "missing days")
        offsets = pc.subtract(arrow_days, _arrow_scalar_days(first))
        if arrow_days.null_count:
            offsets = pc.fill_null(offsets, missing)
        return offsets.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    days = (column.to_numpy() if column.dtype.kind == "M"
            else column.astype("datetime64[s]").to_numpy()).astype("datetime64[D]")
    nat = np.isnat(days)
    if nat.any() and missing is None:
        raise _error(_core.ValidationError, f"column {where}", "missing days")
    out = (days - first).astype(np.int64)
    out[nat] = missing if missing is not None else 0
    return out.astype(np.int32)


def _arrow_days(column):
    """Days since 1970 (an int32 Arrow array) of a column of Arrow dates, as Parquet's date32
    arrives in pandas; None for other columns. Arrow casts them in place, where pandas would
    make a Python date object of each (thousands of times slower)."""
    import pandas as pd

    if not isinstance(column.dtype, pd.ArrowDtype):
        return None
    import pyarrow as pa

    a = pa.array(column.array)  # no copy
    if not (pa.types.is_date32(a.type) or pa.types.is_date64(a.type)):
        return None
    return a.cast(pa.date32()).cast(pa.int32())


def _arrow_scalar_days(first: np.datetime64):
    import pyarrow as pa

    return pa.scalar(int(first.astype(np.int64)), pa.int32())


def _indices(values, ids, where: str) -> np.ndarray:
    """Integer indices as they are; ids (strings) looked up in `ids()`."""
    a = np.asarray(values)
    if a.dtype.kind in "iu":
        return a.astype(np.int32, copy=False)
    import pandas as pd

    idx = pd.Index(ids()).get_indexer(pd.Series(values).astype(object))
    if (idx < 0).any():
        bad = pd.Series(values).astype(object)[idx < 0].iloc[0]
        raise _error(_core.ValidationError, f"column {where}",
                     f'no such id "{bad}" in the campaign')
    return idx.astype(np.int32)


def partial_of_frame(campaign: _core.Campaign, frame, as_of: Any,
                     known_by: Any = None) -> _core.Partial:
    """The Partial of one pandas DataFrame of progress records (columns: see the module)."""
    first = np.datetime64(campaign.window.first, "D")
    p = _core.Partial(campaign, as_of, known_by)
    if len(frame) == 0:
        return p
    unit = _indices(frame["unit"].to_numpy(), lambda: campaign.units.ids, "unit")
    ind = _indices(frame["indicator"].to_numpy(), lambda: [i.id for i in campaign.indicators],
                   "indicator")
    done = _day_offsets(frame["done"], first, None, "done")
    reported = (_day_offsets(frame["reported"], first, None, "reported")
                if "reported" in frame else None)
    superseded = (_day_offsets(frame["superseded_on"], first, NEVER, "superseded_on")
                  if "superseded_on" in frame else None)
    record = (frame["record"].to_numpy().astype(np.int64, copy=False)
              if "record" in frame else None)
    p.add(campaign, unit, ind, done, frame["quantity"].to_numpy(np.float64), reported,
          superseded, record)
    return p


def _partition_bytes(frame, fingerprint: int, definition: bytes, as_of, known_by) -> bytes:
    c = _campaign_on_worker(fingerprint, definition)
    return partial_of_frame(c, frame, as_of, known_by).to_bytes()


def _merge_bytes(*parts: bytes) -> bytes:
    it = iter(parts)
    total = _core.Partial.from_bytes(next(it))
    for b in it:
        total += _core.Partial.from_bytes(b)
    return total.to_bytes()


def _partial_graph(campaign: _core.Campaign, records, as_of: Any, known_by: Any,
                   split_every: int) -> list:
    """The delayed bytes of the campaign's partials, each merged on a worker from
    `split_every` partitions' partials; [] when there are no partitions.

    Workers merge no further: a partial of many partitions grows towards the whole campaign's
    (2.1 million cells, 112 MiB at scale 0.2), and a worker merging eight of them holds them,
    their bytes and the merged copy at once, which killed workers of 500 MB. The client, which
    keeps the whole partial anyway to finish it, merges the groups as they arrive."""
    import dask

    # The definition travels as compact bytes (one graph key shared by every task, read once
    # per worker); the campaign's own log, if any, is not sent: only the records given here
    # count.
    fingerprint = _core.campaign_fingerprint(campaign)
    definition = dask.delayed(campaign.to_bytes(definition_only=True), pure=True)
    # Only the columns a partial reads: Dask pushes the selection down into the Parquet reader.
    records = records[[k for k in _RECORD_COLUMNS if k in records.columns]]
    level = [dask.delayed(_partition_bytes, pure=True)(part, fingerprint, definition, as_of,
                                                       known_by)
             for part in records.to_delayed()]
    return [level[k] if len(level[k:k + split_every]) == 1
            else dask.delayed(_merge_bytes, pure=True)(*level[k:k + split_every])
            for k in range(0, len(level), split_every)]


def _as_completed(graphs: list):
    """(position, value) of each delayed as it finishes on the distributed client, if there is
    one (each result released once handed over); otherwise all at once from dask.compute."""
    try:
        from distributed import as_completed, default_client

        client = default_client()
    except (ImportError, ValueError):  # no distributed client: the local scheduler
        import dask

        yield from enumerate(dask.compute(*graphs))
        return
    futures = client.compute(graphs)
    position = {f.key: k for k, f in enumerate(futures)}
    for f in as_completed(futures):
        yield position[f.key], f.result()
        f.release()


class _Merger:
    """Partials merged as they come, equal sizes first (a binary counter): n partials cost
    O(n log n) cells, not the O(n²) of adding each to a growing total."""

    def __init__(self):
        self.stack: list = []  # (partial, partials merged in), counts decreasing

    def add(self, p: _core.Partial) -> None:
        n = 1
        while self.stack and self.stack[-1][1] == n:
            q, m = self.stack.pop()
            q += p
            p, n = q, m + n
        self.stack.append((p, n))

    def total(self, empty: _core.Partial) -> _core.Partial:
        if not self.stack:
            return empty
        p = self.stack.pop()[0]
        while self.stack:
            q = self.stack.pop()[0]
            q += p
            p = q
        return p


def partials(questions, split_every: int = 8) -> list:
    """Merged Partials of several (campaign, records, as_of[, known_by]) at once, in one
    computation on the cluster (e.g. every campaign of an archive). A campaign may be given as
    the path of its bytes (an archive's ``.bytes``) or its file; it is read once, here, and
    travels to the workers as bytes."""
    questions = [(_definition(q[0]), *q[1:]) for q in questions]
    graphs, owner = [], []
    for k, q in enumerate(questions):
        campaign, records, as_of = q[:3]
        groups = _partial_graph(campaign, records, as_of, q[3] if len(q) > 3 else None,
                                split_every)
        graphs += groups
        owner += [k] * len(groups)
    mergers = [_Merger() for _ in questions]
    for position, data in _as_completed(graphs):
        mergers[owner[position]].add(_core.Partial.from_bytes(data))
    return [m.total(_core.Partial(q[0], q[2], q[3] if len(q) > 3 else None))
            for m, q in zip(mergers, questions)]


def _definition(campaign) -> _core.Campaign:
    """A Campaign as given, or read from its path: campaign bytes (``.bytes``, as
    :mod:`ntmkit.archive` keeps them) or a campaign file."""
    return load_definition(campaign) if isinstance(campaign, (str, os.PathLike)) else campaign


def partial(campaign: _core.Campaign, records, as_of: Any, known_by: Any = None,
            split_every: int = 8) -> _core.Partial:
    """The merged Partial of every record of the Dask DataFrame `records`, computed on the
    cluster: one partial per partition, merged `split_every` at a time on the workers, the
    groups then on the client as they arrive."""
    return partials([(campaign, records, as_of, known_by)], split_every)[0]


def rollup(campaign: _core.Campaign, records, as_of: Any, known_by: Any = None,
           split_every: int = 8, on_track_pace: float = 0.9,
           at_risk_pace: float = 0.6) -> _core.Rollup:
    """The roll-up of `campaign` as of `as_of` over the Dask DataFrame `records`: the numbers
    ``campaign.rollup(as_of)`` would give with every record in its log."""
    campaign = _definition(campaign)
    return partial(campaign, records, as_of, known_by, split_every).finish(
        campaign, on_track_pace, at_risk_pace)


def weekly_figures(result: _core.Rollup, level: str = "village", include_root: bool = True):
    """The weekly report's table from a roll-up: per unit of `level` (and the root), per
    indicator with a target or progress: target, this period, cumulative, ratio, status."""
    frame = result.to_frame()
    c = result.campaign
    keep = frame["level"] == level
    if include_root:
        keep |= frame["unit"] == c.units.ids[c.units.root]
    frame = frame[keep & (frame["target"].notna() | (frame["cumulative"] > 0))]
    return frame[["unit", "unit_name", "indicator", "target", "done_period", "cumulative",
                  "ratio", "status"]].reset_index(drop=True)


def rank_units(campaign: _core.Campaign, records, as_of: Any, split_every: int = 8,
               **options):
    """Campaign.rank_units over the records of a Dask DataFrame (options as there)."""
    campaign = _definition(campaign)
    return partial(campaign, records, as_of, None, split_every).rank_units(campaign, **options)

