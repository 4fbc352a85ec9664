"""The national benchmark's strongest peers: dense arrays, the way an expert would write them.

The level-by-level peers in national.py group and join at every level. An expert who knows the
unit tree is small (≈ 1 M units × 8 indicators) does better: one aggregation over a combined
int64 key (unit × indicators + indicator) into a dense (unit, indicator) array, then the totals
carried to parents level by level with `np.bincount` over the parent ids, targets the same way
(own target, else the sum of the children's that have one). Only the first step differs by
engine — numpy `bincount`, a Polars group-by, a DuckDB group-by — the carry-up is shared.

Adding a day is incremental where the engine makes it natural: numpy keeps the units' own
totals of day 45 and adds the new day's `bincount` to them before carrying up again.
"""
from __future__ import annotations

import os
import time

import numpy as np

N_INDICATORS = 8


def units_by_level(level: np.ndarray, levels: int) -> list[np.ndarray]:
    return [np.flatnonzero(level == lv) for lv in range(levels)]


def carry_up(own: np.ndarray, target: np.ndarray, parent: np.ndarray,
             by_level: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Dense (unit, indicator) cumulative and target from the units' own figures: each level's
    totals added to its parents', deepest level first; a unit without a target of its own gets
    the sum of its children's targets when at least one child has one."""
    n_units, n_ind = own.shape
    cum = own.copy()
    tgt = target.copy()
    for lv in range(len(by_level) - 1, 0, -1):
        kids = by_level[lv]
        up = parent[kids]
        above = by_level[lv - 1]
        for i in range(n_ind):
            cum[:, i] += np.bincount(up, weights=cum[kids, i], minlength=n_units)
            t = tgt[kids, i]
            known = ~np.isnan(t)
            derived = np.bincount(up[known], weights=t[known], minlength=n_units)
            any_child = np.bincount(up[known], minlength=n_units) > 0
            col = tgt[above, i]
            fill = np.isnan(col) & any_child[above]
            col[fill] = derived[above][fill]
            tgt[above, i] = col
    return cum, tgt


def dense_targets(d: dict, n_units: int) -> np.ndarray:
    target = np.full((n_units, N_INDICATORS), np.nan)
    target[d["target_unit"], d["target_indicator"]] = d["target_value"]
    return target


def own_from_keys(keys: np.ndarray, sums: np.ndarray, n_units: int) -> np.ndarray:
    """Scatters an engine's (combined key, sum) result into the dense array."""
    own = np.zeros(n_units * N_INDICATORS)
    own[keys] = sums
    return own.reshape(n_units, N_INDICATORS)


def _prepared(d: dict, levels: int):
    parent, level = d["parent"], d["level"]
    n_units = len(parent)
    # The country's parent is itself or -1: it is never carried (level 0 is not a child).
    return parent, n_units, units_by_level(level, levels), dense_targets(d, n_units)


def _result(best, median, ingest, add_day, cum45, tgt45, cum46, tgt46, digest):
    n_units = cum45.shape[0]
    parts = lambda c, t: [(np.repeat(np.arange(n_units), N_INDICATORS),  # noqa: E731
                           np.tile(np.arange(N_INDICATORS), n_units), t.ravel(), c.ravel())]
    return dict(ingest=ingest, rollup=best, rollup_median=median, add_day=add_day,
                digest_day45=digest(n_units, N_INDICATORS, lambda: parts(cum45, tgt45)),
                digest_day46=digest(n_units, N_INDICATORS, lambda: parts(cum46, tgt46)))


def work_numpy_dense(d: dict, args, *, levels: int, day45: int, day46: int, best_of,
                     digest, release_inputs) -> dict:
    parent, n_units, by_level, target = _prepared(d, levels)
    cut = int(d["day_start"][day46])
    cols = ("unit", "indicator", "done", "quantity")

    ingest, _, rec = best_of(args.repeat, lambda: {k: d[k][:cut].copy() for k in cols})
    release_inputs(d, cut)

    def own_until(r, as_of):
        keep = r["done"] <= as_of
        key = r["unit"][keep].astype(np.int64) * N_INDICATORS + r["indicator"][keep]
        return np.bincount(key, weights=r["quantity"][keep],
                           minlength=n_units * N_INDICATORS).reshape(n_units, N_INDICATORS)

    def rollup():
        own = own_until(rec, day45)
        return own, carry_up(own, target, parent, by_level)

    best, median, (own45, (cum45, tgt45)) = best_of(args.repeat, rollup)
    t = time.perf_counter()
    day = {k: d[k] for k in cols}  # day 46, all that is left
    own46 = own45 + own_until(day, day46)  # the new day only, added to the kept own totals
    cum46, tgt46 = carry_up(own46, target, parent, by_level)
    add_day = time.perf_counter() - t
    return _result(best, median, ingest, add_day, cum45, tgt45, cum46, tgt46, digest)


def work_polars_dense(d: dict, args, *, levels: int, day45: int, day46: int, best_of,
                      digest, release_inputs) -> dict:
    import polars as pl

    parent, n_units, by_level, target = _prepared(d, levels)
    cut = int(d["day_start"][day46])

    def frame(a, b):
        return pl.DataFrame({k: d[k][a:b] for k in ("unit", "indicator", "done", "quantity")})

    ingest, _, df = best_of(args.repeat, lambda: frame(0, cut))
    release_inputs(d, cut)
    key = pl.col("unit").cast(pl.Int64) * N_INDICATORS + pl.col("indicator").cast(pl.Int64)

    def rollup(df, as_of):
        own = (df.lazy().filter(pl.col("done") <= as_of).group_by(key.alias("key"))
               .agg(pl.col("quantity").sum()).collect())
        dense = own_from_keys(own["key"].to_numpy(), own["quantity"].to_numpy(), n_units)
        return carry_up(dense, target, parent, by_level)

    best, median, (cum45, tgt45) = best_of(args.repeat, lambda: rollup(df, day45))
    t = time.perf_counter()
    df = pl.concat([df, frame(0, None)], rechunk=False)  # day 46, all that is left
    cum46, tgt46 = rollup(df, day46)
    add_day = time.perf_counter() - t
    return _result(best, median, ingest, add_day, cum45, tgt45, cum46, tgt46, digest)


def work_duckdb_dense(d: dict, args, *, levels: int, day45: int, day46: int, best_of,
                      digest, release_inputs) -> dict:
    import duckdb
    import pandas as pd

    parent, n_units, by_level, target = _prepared(d, levels)
    cut = int(d["day_start"][day46])
    con = duckdb.connect()
    con.execute(f"SET threads TO {os.cpu_count()}")

    def frame(a, b):
        return pd.DataFrame({k: d[k][a:b] for k in ("unit", "indicator", "done", "quantity")})

    def load_records():
        con.execute("DROP TABLE IF EXISTS records")
        t = time.perf_counter()
        batch = frame(0, cut)  # numpy → DuckDB through a (zero-copy) frame
        con.execute("CREATE TABLE records AS SELECT * FROM batch")
        return time.perf_counter() - t

    ingest = min(load_records() for _ in range(args.repeat))
    release_inputs(d, cut)

    def rollup(as_of):
        res = con.execute(f"""SELECT unit::BIGINT * {N_INDICATORS} + indicator AS key,
                                     SUM(quantity) AS quantity
                              FROM records WHERE done <= {as_of} GROUP BY key""").fetchnumpy()
        dense = own_from_keys(np.asarray(res["key"]), np.asarray(res["quantity"]), n_units)
        return carry_up(dense, target, parent, by_level)

    best, median, (cum45, tgt45) = best_of(args.repeat, lambda: rollup(day45))
    t = time.perf_counter()
    more = frame(0, None)  # day 46, all that is left
    con.execute("INSERT INTO records SELECT * FROM more")
    cum46, tgt46 = rollup(day46)
    add_day = time.perf_counter() - t
    return _result(best, median, ingest, add_day, cum45, tgt45, cum46, tgt46, digest)
