#!/usr/bin/env python3
"""National-scale benchmark: ntmkit against pandas, Polars and DuckDB on the same data.

One run generates the synthetic country (ntmkit.synthetic_country: ILLUSTRATIVE, invented data
at national size when --scale 1) and, in one subprocess per engine so that each one's peak
memory is its own, times three tasks:

  ingest   bulk load of the first 45 days' records from numpy arrays (best of --repeat,
           each into a fresh campaign, frame or table)
  rollup   full roll-up as of day 45: every unit at every level, every indicator, target
           (own, or else the sum of the children's), cumulative and ratio
  add_day  append day 46's records, then the roll-up as of day 46 (ntmkit: the kept roll-up
           brought forward by that day's records, Rollup.advance, its ratios with it)

Peers come in two styles. The level-by-level ones (pandas, polars, duckdb) aggregate at the
lowest level first (one group-by over the records), then carry the much smaller per-unit totals
up level by level with group-bys and joins. The dense ones (numpy_dense, polars_dense,
duckdb_dense; dense_peers.py) aggregate over one combined (unit, indicator) key into a dense
array and carry it up with numpy: the strongest way we know to write it. The report names the
best peer of each task and ntmkit's ratio to it. Every
engine's roll-ups are checked cell by cell against ntmkit's (identical numbers, not close
ones). The machine's read bandwidth is measured in the same run, giving the time a roll-up
would take just to read its records once.

  python benchmarks/national.py --scale 1 --json national.json
  python benchmarks/national.py --scale 0.002 --repeat 1          # CI: runs and agrees

Timings are reported, never asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dense_peers  # noqa: E402  (beside this file)

LEVELS = 5  # country 0, province 1, commune 2, village 3, household group 4 (UnitLevel codes)
DAY45, DAY46 = 44, 45  # day offsets of 29/5/2022 and 30/5/2022
ENGINES = ("ntmkit", "pandas", "polars", "duckdb", "numpy_dense", "polars_dense", "duckdb_dense")
RECORDS = ("unit", "indicator", "done", "reported", "quantity")
ARRAYS = RECORDS + ("parent", "level", "target_unit", "target_indicator", "target_value",
                    "day_start")


# ---------------------------------------------------------------------------------------------
# Shared by the workers


def load(workdir: Path) -> dict:
    d = {k: np.load(workdir / f"{k}.npy") for k in ARRAYS}
    d["target_indicator"] = d["target_indicator"].astype(np.uint8)  # as in the records
    return d


def release_inputs(d: dict, cut: int) -> None:
    """Once the first 45 days are ingested, every engine lets the generated record arrays go
    and keeps (a copy of) only day 46's records, still to come: as a user would, who keeps no
    second copy of what the engine holds. An engine that reads the arrays in place (a
    zero-copy Polars frame) keeps them alive, and they count in its memory."""
    for k in RECORDS:
        d[k] = d[k][cut:].copy()


class Peak:
    """Peak resident memory of the engine's work, leaving out the benchmark's own checking:
    the high-water mark is read before each check and reset after it (/proc/self/clear_refs)."""

    def __init__(self):
        self.gib = 0.0
        self.checking = 0  # checks in progress: only the outermost marks and resets

    def mark(self):
        self.gib = max(self.gib, peak_rss_gib())

    def reset(self):
        try:
            Path("/proc/self/clear_refs").write_text("5")
        except OSError:
            pass


PEAK = Peak()


def checked(fn, *args):
    """Runs a check (digest) outside the engine's measured memory. A check inside another
    one neither marks nor resets: its mark would count the outer check's arrays."""
    if PEAK.checking == 0:
        PEAK.mark()
    PEAK.checking += 1
    try:
        out = fn(*args)
    finally:
        PEAK.checking -= 1
    if PEAK.checking == 0:
        PEAK.reset()
    return out


def best_of(repeat: int, fn):
    times, out = [], None
    for _ in range(repeat):
        out = None  # free the previous result before the next run
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), float(np.median(times)), out


def digest(n_units: int, n_ind: int, parts) -> str:
    """`parts` is a callable: the columns compared are built inside the check, after the mark."""
    return checked(lambda: _digest(n_units, n_ind, parts()))


def _digest(n_units: int, n_ind: int, parts) -> str:
    """Dense (unit, indicator) arrays of target, cumulative and ratio from (unit, indicator,
    target, cumulative) columns, hashed: equal digests mean identical numbers in every cell."""
    target = np.full((n_units, n_ind), np.nan)
    cum = np.zeros((n_units, n_ind))
    for u, i, t, c in parts:
        target[u, i] = t
        cum[u, i] = c
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(target > 0, cum / target, np.nan)
    h = hashlib.sha256()
    for a in (target, cum, ratio):
        a = np.where(np.isnan(a), np.nan, a)  # one NaN bit pattern
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Workers: one engine each, in its own process


def work_ntmkit(d: dict | None, args) -> dict:
    import ntmkit
    import datetime as dt

    core = getattr(ntmkit, "_core", ntmkit)
    # The same seed gives the same country: its arrays are the ones the peers load.
    d = core.synthetic_country(args.scale, args.seed, True)
    cut = int(d["day_start"][DAY46])
    # The tree and targets as arrays are the peers' input; the campaign holds them already,
    # and a user of ntmkit keeps no second copy of them (as release_inputs says of records).
    for k in ("parent", "level", "unit_households", "target_unit", "target_indicator",
              "target_value"):
        d.pop(k, None)

    base, c = d["campaign"], None

    def ingest_once(last):
        nonlocal c, base
        c = None  # the previous copy's memory goes back first
        fresh = base.copy()
        if last:
            # One campaign from here on, as a user would have: the pristine copy kept for
            # repeated ingests is the benchmark's, so the memory peak starts again here.
            base = d["campaign"] = None
            PEAK.reset()
        t = time.perf_counter()
        fresh.add_progress_columns(d["unit"][:cut], d["indicator"][:cut], d["done"][:cut],
                                   d["quantity"][:cut], reported=d["reported"][:cut])
        c = fresh
        return time.perf_counter() - t

    ingest = min(ingest_once(k == args.repeat - 1) for k in range(args.repeat))
    release_inputs(d, cut)

    # The ratio of every cell comes with the roll-up (Rollup.ratios, written with the tallies).
    d45, d46 = dt.date(2022, 5, 29), dt.date(2022, 5, 30)
    best, median, r = best_of(args.repeat, lambda: c.rollup(d45))
    # The same into the roll-up kept from the last run (Campaign.rollup(out=...)): a report
    # redone in the memory it already holds.
    reused, _, _ = best_of(args.repeat, lambda: c.rollup(d45, out=r))
    nu, ni = r.unit_count, r.indicator_count

    def dense(r):
        u, i = np.divmod(np.arange(nu * ni), ni)
        return [(u, i, r.targets.ravel(), r.cumulative.ravel())]

    def ratios_agree(r):  # ntmkit's own ratios against numpy's, worked out apart
        t = r.targets
        with np.errstate(divide="ignore", invalid="ignore"):
            want = np.where(t > 0, r.cumulative / t, np.nan)
        if not np.array_equal(r.ratios, want, equal_nan=True):
            raise SystemExit(f"ntmkit's ratios as of {r.as_of} differ from cumulative / target")

    dig45 = digest(nu, ni, lambda: dense(r))
    checked(ratios_agree, r)

    # Add day 46, then bring the kept roll-up forward by that day's records only
    # (Rollup.advance), its ratios with it.
    t, cpu = time.perf_counter(), time.process_time()
    c.add_progress_columns(d["unit"], d["indicator"], d["done"], d["quantity"],
                           reported=d["reported"])
    r.advance(d46)
    add_day = time.perf_counter() - t
    add_day_cpu = time.process_time() - cpu
    dig46 = digest(nu, ni, lambda: dense(r))
    checked(ratios_agree, r)
    # The same roll-up recomputed whole into the kept one, for comparison: the same cells.
    t = time.perf_counter()
    c.rollup(d46, out=r)
    recompute46 = time.perf_counter() - t
    if digest(nu, ni, lambda: dense(r)) != dig46:
        raise SystemExit("the advanced roll-up differs from the recomputed one")
    country46 = r.cumulative[0, 0]
    del r
    PEAK.mark()
    tasks_peak = PEAK.gib  # ingest, roll-ups and add day, as the peers are measured

    # Burn-up series of every unit, every day of the window, one indicator (best of repeat),
    # with no roll-up held: its own memory (0.68 GB at national size) counts in the peak.
    series, _, s = best_of(args.repeat, lambda: c.every_unit_cumulative_series(0))
    series_ok = bool(s[0, DAY46] == country46)
    del s
    return dict(ingest=ingest, rollup=best, rollup_median=median, rollup_reused=reused,
                series=series, series_ok=series_ok, add_day=add_day, add_day_cpu=add_day_cpu,
                rollup_day46_recompute=recompute46,
                digest_day45=dig45,
                digest_day46=dig46, tasks_peak_rss_gib=tasks_peak)


def peer_levels(d: dict):
    """Per level: (units at that level, their parents), for the upward passes."""
    return d["parent"], d["level"]


def work_pandas(d: dict, args) -> dict:
    import pandas as pd

    parent, level = peer_levels(d)
    n_units, n_ind = len(parent), 8
    cut = int(d["day_start"][DAY46])
    tg = pd.DataFrame({"unit": d["target_unit"], "indicator": d["target_indicator"],
                       "target": d["target_value"]})

    def frame(a, b):
        return pd.DataFrame({k: d[k][a:b] for k in ("unit", "indicator", "done", "reported",
                                                    "quantity")})

    ingest, _, df = best_of(args.repeat, lambda: frame(0, cut))
    release_inputs(d, cut)

    def rollup(df, as_of):
        # Lowest level first: one group-by over the records gives each unit's own totals.
        own = (df[df["done"] <= as_of].groupby(["unit", "indicator"], sort=False)["quantity"]
               .sum().rename("cumulative").reset_index())
        own["level"] = level[own["unit"].to_numpy()]
        tg_l = tg.assign(level=level[tg["unit"].to_numpy()])
        out, below, below_t = [], None, None
        for lv in range(LEVELS - 1, -1, -1):
            cum = own[own["level"] == lv][["unit", "indicator", "cumulative"]]
            if below is not None:  # children's totals, carried to their parents
                up = below.assign(unit=parent[below["unit"].to_numpy()])
                cum = (pd.concat([cum, up], ignore_index=True)
                       .groupby(["unit", "indicator"], sort=False)["cumulative"].sum()
                       .reset_index())
            tgt = tg_l[tg_l["level"] == lv][["unit", "indicator", "target"]]
            if below_t is not None:  # own target, or else the sum of the children's
                upt = (below_t.assign(unit=parent[below_t["unit"].to_numpy()])
                       .groupby(["unit", "indicator"], sort=False)["target"].sum()
                       .rename("derived").reset_index())
                tgt = tgt.merge(upt, on=["unit", "indicator"], how="outer")
                tgt["target"] = tgt["target"].fillna(tgt["derived"])
                tgt = tgt[["unit", "indicator", "target"]]
            res = cum.merge(tgt, on=["unit", "indicator"], how="outer")
            res["cumulative"] = res["cumulative"].fillna(0.0)
            res["ratio"] = np.where(res["target"] > 0, res["cumulative"] / res["target"], np.nan)
            out.append(res)
            below, below_t = cum, tgt
        return out

    def parts(out):
        return [(r["unit"].to_numpy(), r["indicator"].to_numpy(), r["target"].to_numpy(),
                 r["cumulative"].to_numpy()) for r in out]

    best, median, out = best_of(args.repeat, lambda: rollup(df, DAY45))
    dig45 = digest(n_units, n_ind, lambda: parts(out))
    del out
    t = time.perf_counter()
    df = pd.concat([df, frame(0, None)], ignore_index=True)  # day 46, all that is left
    out = rollup(df, DAY46)
    add_day = time.perf_counter() - t
    return dict(ingest=ingest, rollup=best, rollup_median=median, add_day=add_day,
                digest_day45=dig45, digest_day46=digest(n_units, n_ind, lambda: parts(out)))


def work_polars(d: dict, args) -> dict:
    import polars as pl

    parent, level = peer_levels(d)
    n_units, n_ind = len(parent), 8
    cut = int(d["day_start"][DAY46])
    par = pl.Series("parent", parent)
    lev = pl.Series("level", level)
    tg = pl.DataFrame({"unit": d["target_unit"], "indicator": d["target_indicator"],
                       "target": d["target_value"]})
    tg = tg.with_columns(level=lev.gather(tg["unit"]))

    def frame(a, b):
        return pl.DataFrame({k: d[k][a:b] for k in ("unit", "indicator", "done", "reported",
                                                    "quantity")})

    ingest, _, df = best_of(args.repeat, lambda: frame(0, cut))
    release_inputs(d, cut)
    keys = ["unit", "indicator"]

    def rollup(df, as_of):
        own = (df.lazy().filter(pl.col("done") <= as_of).group_by(keys)
               .agg(cumulative=pl.col("quantity").sum()).collect())
        own = own.with_columns(level=lev.gather(own["unit"]))
        out, below, below_t = [], None, None
        for lv in range(LEVELS - 1, -1, -1):
            cum = own.filter(pl.col("level") == lv).select(keys + ["cumulative"])
            if below is not None:
                up = below.with_columns(unit=par.gather(below["unit"]))
                cum = pl.concat([cum, up]).group_by(keys).agg(pl.col("cumulative").sum())
            tgt = tg.filter(pl.col("level") == lv).select(keys + ["target"])
            if below_t is not None:
                upt = (below_t.with_columns(unit=par.gather(below_t["unit"])).group_by(keys)
                       .agg(derived=pl.col("target").sum()))
                tgt = (tgt.join(upt, on=keys, how="full", coalesce=True)
                       .select(keys + [pl.coalesce("target", "derived").alias("target")]))
            res = (cum.join(tgt, on=keys, how="full", coalesce=True)
                   .with_columns(pl.col("cumulative").fill_null(0.0))
                   .with_columns(ratio=pl.when(pl.col("target") > 0)
                                 .then(pl.col("cumulative") / pl.col("target"))))
            out.append(res)
            below, below_t = cum, tgt
        return out

    def parts(out):
        return [(r["unit"].to_numpy(), r["indicator"].to_numpy(),
                 r["target"].fill_null(np.nan).to_numpy(), r["cumulative"].to_numpy())
                for r in out]

    best, median, out = best_of(args.repeat, lambda: rollup(df, DAY45))
    dig45 = digest(n_units, n_ind, lambda: parts(out))
    del out
    t = time.perf_counter()
    df = pl.concat([df, frame(0, None)], rechunk=False)  # day 46, all that is left
    out = rollup(df, DAY46)
    add_day = time.perf_counter() - t
    return dict(ingest=ingest, rollup=best, rollup_median=median, add_day=add_day,
                digest_day45=dig45, digest_day46=digest(n_units, n_ind, lambda: parts(out)))


def work_duckdb(d: dict, args) -> dict:
    import duckdb
    import pandas as pd

    parent, level = peer_levels(d)
    n_units, n_ind = len(parent), 8
    cut = int(d["day_start"][DAY46])
    con = duckdb.connect()
    con.execute(f"SET threads TO {os.cpu_count()}")
    units = pd.DataFrame({"unit": np.arange(n_units, dtype=np.int32), "parent": parent,
                          "level": level})
    targets = pd.DataFrame({"unit": d["target_unit"], "indicator": d["target_indicator"],
                            "target": d["target_value"]})
    con.execute("CREATE TABLE units AS SELECT * FROM units")
    con.execute("CREATE TABLE targets AS SELECT t.*, u.level FROM targets t JOIN units u USING (unit)")

    def frame(a, b):
        return {k: d[k][a:b] for k in ("unit", "indicator", "done", "reported", "quantity")}

    def load_records():
        con.execute("DROP TABLE IF EXISTS records")
        t = time.perf_counter()
        batch = pd.DataFrame(frame(0, cut))  # numpy → DuckDB through a (zero-copy) frame
        con.execute("CREATE TABLE records AS SELECT * FROM batch")
        return time.perf_counter() - t

    ingest = min(load_records() for _ in range(args.repeat))
    release_inputs(d, cut)

    # Lowest level first, then one CTE per level up to the country.
    def sql(as_of):
        ctes = [f"""own AS (SELECT r.unit, r.indicator, SUM(r.quantity) AS cumulative, u.level
                   FROM records r JOIN units u USING (unit) WHERE r.done <= {as_of}
                   GROUP BY r.unit, r.indicator, u.level)"""]
        for lv in range(LEVELS - 1, -1, -1):
            if lv == LEVELS - 1:
                ctes.append(f"c{lv} AS (SELECT unit, indicator, cumulative FROM own WHERE level = {lv})")
                ctes.append(f"t{lv} AS (SELECT unit, indicator, target FROM targets WHERE level = {lv})")
            else:
                b = lv + 1
                ctes.append(f"""c{lv} AS (SELECT unit, indicator, SUM(cumulative) AS cumulative FROM (
                      SELECT unit, indicator, cumulative FROM own WHERE level = {lv}
                      UNION ALL SELECT u.parent, c.indicator, c.cumulative
                                FROM c{b} c JOIN units u USING (unit)) GROUP BY unit, indicator)""")
                ctes.append(f"""t{lv} AS (SELECT COALESCE(o.unit, k.unit) AS unit,
                        COALESCE(o.indicator, k.indicator) AS indicator,
                        COALESCE(o.target, k.derived) AS target
                      FROM (SELECT unit, indicator, target FROM targets WHERE level = {lv}) o
                      FULL JOIN (SELECT u.parent AS unit, t.indicator, SUM(t.target) AS derived
                                 FROM t{b} t JOIN units u USING (unit)
                                 GROUP BY u.parent, t.indicator) k
                      ON o.unit = k.unit AND o.indicator = k.indicator)""")
        selects = [f"""SELECT COALESCE(c.unit, t.unit) AS unit,
                         COALESCE(c.indicator, t.indicator) AS indicator, t.target,
                         COALESCE(c.cumulative, 0.0) AS cumulative,
                         CASE WHEN t.target > 0 THEN COALESCE(c.cumulative, 0.0) / t.target END AS ratio
                       FROM c{lv} c FULL JOIN t{lv} t ON c.unit = t.unit AND c.indicator = t.indicator"""
                   for lv in range(LEVELS)]
        return "WITH " + ",\n".join(ctes) + "\n" + "\nUNION ALL\n".join(selects)

    def rollup(as_of):
        return con.execute(sql(as_of)).fetchnumpy()

    def parts(res):
        t = res["target"]
        t = t.filled(np.nan) if np.ma.isMaskedArray(t) else t
        return [(np.asarray(res["unit"]), np.asarray(res["indicator"]), np.asarray(t, float),
                 np.asarray(res["cumulative"]))]

    best, median, res = best_of(args.repeat, lambda: rollup(DAY45))
    dig45 = digest(n_units, n_ind, lambda: parts(res))
    del res
    t = time.perf_counter()
    more = pd.DataFrame(frame(0, None))  # day 46, all that is left
    con.execute("INSERT INTO records SELECT * FROM more")
    res = rollup(DAY46)
    add_day = time.perf_counter() - t
    return dict(ingest=ingest, rollup=best, rollup_median=median, add_day=add_day,
                digest_day45=dig45, digest_day46=digest(n_units, n_ind, lambda: parts(res)))


def _dense(fn):
    return lambda d, args: fn(d, args, levels=LEVELS, day45=DAY45, day46=DAY46, best_of=best_of,
                              digest=digest, release_inputs=release_inputs)


WORKERS = dict(ntmkit=work_ntmkit, pandas=work_pandas, polars=work_polars, duckdb=work_duckdb,
               numpy_dense=_dense(dense_peers.work_numpy_dense),
               polars_dense=_dense(dense_peers.work_polars_dense),
               duckdb_dense=_dense(dense_peers.work_duckdb_dense))


# ---------------------------------------------------------------------------------------------
# Driver


def read_bandwidth(gib: float = 1.0, repeat: int = 5) -> float:
    """GB/s for summing a buffer far larger than the caches (numpy, one thread)."""
    a = np.ones(int(gib * 2**30) // 8)
    best = min(_timed(a.sum) for _ in range(repeat))
    return a.nbytes / best / 1e9


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def peak_rss_gib() -> float:
    """This process's peak resident memory (VmHWM: per address space, so a worker's own and
    not its parent's, which ru_maxrss after fork would report)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 2**20  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def run_worker(engine: str, workdir: Path, args) -> dict:
    cmd = [sys.executable, __file__, "--worker", engine, "--workdir", str(workdir),
           "--scale", str(args.scale), "--seed", str(args.seed), "--repeat", str(args.repeat)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"{engine} worker failed (status {proc.returncode})")
    return json.loads(proc.stdout)


def run_arrow(args) -> dict:
    """arrow_ingest.py in its own process: ingest from a Polars frame and a Parquet file,
    checked against the numpy path."""
    cmd = [sys.executable, str(Path(__file__).with_name("arrow_ingest.py")), "--json",
           "--scale", str(args.scale), "--seed", str(args.seed), "--repeat", str(args.repeat)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"arrow_ingest.py failed (status {proc.returncode})")
    return json.loads(proc.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1 = national size")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--repeat", type=int, default=3, help="roll-ups timed, best reported")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--workdir", help="keep the generated arrays here (default: temporary)")
    ap.add_argument("--no-arrow", action="store_true",
                    help="leave out the Arrow ingest (arrow_ingest.py: Polars, Parquet)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        d = None if args.worker == "ntmkit" else load(Path(args.workdir))
        res = WORKERS[args.worker](d, args)
        PEAK.mark()
        res["peak_rss_gib"] = PEAK.gib
        print(json.dumps(res))
        return

    import ntmkit

    core = getattr(ntmkit, "_core", ntmkit)
    engines = [e for e in args.engines.split(",") if e]
    if "ntmkit" not in engines:
        engines.insert(0, "ntmkit")  # the reference for the checks
    tmp = None
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ntmkit-national-")
        workdir = Path(tmp.name)

    t = time.perf_counter()
    country = core.synthetic_country(args.scale, args.seed, True)
    generate = time.perf_counter() - t
    for k in ARRAYS:
        np.save(workdir / f"{k}.npy", country[k])
    n_records = len(country["unit"])
    n45 = int(country["day_start"][DAY46])
    n_units = len(country["parent"])
    households = int(country["households"])
    del country

    bandwidth = read_bandwidth()
    results = {e: run_worker(e, workdir, args) for e in engines}
    arrow = None if args.no_arrow else run_arrow(args)
    ref = results["ntmkit"]
    for e, r in results.items():
        r["agrees"] = (r["digest_day45"] == ref["digest_day45"]
                       and r["digest_day46"] == ref["digest_day46"])
    bytes_records = 12 * n45  # ntmkit's scan layout: cell (4 B) + quantity (8 B) per record
    bound = bytes_records / (bandwidth * 1e9)

    report = dict(
        scale=args.scale, seed=args.seed, repeat=args.repeat, machine=platform.machine(),
        cpus=os.cpu_count(), python=platform.python_version(), units=n_units,
        households=households, records=n_records, records_45_days=n45,
        generate_seconds=generate, read_bandwidth_gbs=bandwidth,
        rollup_bytes=bytes_records, rollup_bound_seconds=bound,
        ntmkit_ingest_records_per_s=n45 / ref["ingest"],
        ntmkit_rollup_over_bound=ref["rollup"] / bound,
        ntmkit_reused_rollup_over_bound=ref["rollup_reused"] / bound, engines=results,
        arrow_ingest=arrow)
    for e, r in results.items():
        for task in ("ingest", "rollup", "add_day"):
            r[f"{task}_ratio_ntmkit_over_peer"] = ref[task] / r[task]
    peers = {e: r for e, r in results.items() if e != "ntmkit"}
    best_peer = {}
    for task in ("ingest", "rollup", "add_day"):
        if peers:
            e = min(peers, key=lambda e: peers[e][task])
            best_peer[task] = dict(engine=e, seconds=peers[e][task],
                                   peer_over_ntmkit=peers[e][task] / ref[task])
    report["best_peer"] = best_peer

    print(f"ntmkit national benchmark: scale {args.scale}, {n_units:,} units, "
          f"{households:,} households, {n_records:,} records ({n45:,} in 45 days)")
    print(f"read bandwidth {bandwidth:.1f} GB/s; reading the records once "
          f"({bytes_records / 1e9:.2f} GB) takes {bound * 1e3:.1f} ms")
    print("seconds (best of --repeat for the roll-up); ratio = ntmkit time / peer time")
    print(f"{'engine':13} {'ingest':>8} {'ratio':>7} {'rollup':>8} {'ratio':>7} "
          f"{'add day':>8} {'ratio':>7} {'peak GiB':>9} {'agrees':>7}")
    for e, r in results.items():
        cells = "".join(f" {r[t]:8.3f} {r[f'{t}_ratio_ntmkit_over_peer']:7.3f}"
                        for t in ("ingest", "rollup", "add_day"))
        print(f"{e:13}{cells} {r['peak_rss_gib']:9.2f} {str(r['agrees']):>7}")
    for task, b in best_peer.items():
        x = b["peer_over_ntmkit"]
        verdict = (f"ntmkit is {x:.1f}x faster" if x >= 1 else
                   f"ntmkit takes {1 / x:.1f}x as long")
        print(f"best peer for {task}: {b['engine']} {b['seconds']:.3f} s; {verdict}")
    print(f"ntmkit: ingest {n45 / ref['ingest'] / 1e6:.1f} M records/s; "
          f"roll-up {ref['rollup'] / bound:.1f}x the bandwidth bound, into a kept roll-up "
          f"{ref['rollup_reused']:.3f} s ({ref['rollup_reused'] / bound:.1f}x)")
    print(f"ntmkit: add day 46 + advance the kept roll-up {ref['add_day']:.3f} s "
          f"(CPU {ref['add_day_cpu']:.3f} s; {(ref['ingest'] + ref['rollup']) / ref['add_day']:.1f}x "
          f"cheaper than ingest + roll-up); day 46 recomputed whole "
          f"{ref['rollup_day46_recompute']:.3f} s")
    print(f"ntmkit: burn-up series of every unit, one indicator, every day "
          f"{ref['series']:.3f} s ({ref['series'] / ref['rollup']:.1f}x the roll-up; "
          f"{'checked' if ref['series_ok'] else 'WRONG'}); peak {ref['tasks_peak_rss_gib']:.2f} "
          f"GiB before the series, {ref['peak_rss_gib']:.2f} GiB with it")
    if arrow:
        import arrow_ingest
        print(arrow_ingest.report(arrow))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    if tmp:
        tmp.cleanup()
    if not ref["series_ok"] or not all(r["agrees"] for r in results.values()):
        raise SystemExit("engines disagree: " + ", ".join(
            e for e, r in results.items() if not r["agrees"]))


if __name__ == "__main__":
    main()
