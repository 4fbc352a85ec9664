#!/usr/bin/env python3
"""Arrow ingest at national size: the synthetic country's first 45 days of records into a
campaign from a Polars DataFrame (Campaign.add_progress_arrow, through the Arrow C stream) and
from a Parquet file (Campaign.add_progress_parquet), against the numpy bulk path.

Each ingest goes into a fresh copy of the campaign, best of --repeat (wall and CPU time); the
Parquet file is written once beforehand (zstd, 1 M rows per group) and read batch by batch.
Every path's roll-up as of day 45 is checked cell by cell against the numpy path's, so a run
that prints also agrees. national.py runs this in its own process and adds the figures.

  python benchmarks/arrow_ingest.py --scale 1 --repeat 3
  python benchmarks/arrow_ingest.py --scale 0.002 --repeat 1       # CI: runs and agrees

Timings are reported, never asserted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DAY46 = 45  # day offset of 30/5/2022: records before it are the first 45 days'
COLUMNS = ("unit", "indicator", "done", "reported", "quantity")


def timed(repeat: int, fn):
    """(best wall seconds, best CPU seconds, last result) over `repeat` runs."""
    wall, cpu, out = [], [], None
    for _ in range(repeat):
        out = None  # the previous campaign's memory goes back first
        t, c = time.perf_counter(), time.process_time()
        out = fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu), out


def run(scale: float, seed: int, repeat: int, workdir: Path) -> dict:
    import ntmkit
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = ntmkit.synthetic_country(scale, seed, True)
    cut = int(d["day_start"][DAY46])
    cols = {k: d[k][:cut] for k in COLUMNS}
    base = d["campaign"]
    del d

    def ingest(add):
        c = base.copy()
        add(c)
        return c

    frame = pl.DataFrame(cols)  # the numpy columns, as Polars holds them
    path = workdir / "progress.parquet"
    pq.write_table(pa.table(cols), path, row_group_size=1 << 20, compression="zstd")
    results = {}
    paths = {
        "numpy": lambda c: c.add_progress_columns(
            cols["unit"], cols["indicator"], cols["done"], cols["quantity"],
            reported=cols["reported"]),
        "polars": lambda c: c.add_progress_arrow(frame, columns={"date": "done"}),
        "parquet": lambda c: c.add_progress_parquet(path, columns={"date": "done"}),
    }
    reference = None
    for name, add in paths.items():
        wall, cpu, c = timed(repeat, lambda: ingest(add))
        r = c.rollup(dt.date(2022, 5, 29))
        cells = (r.targets.tobytes(), r.cumulative.tobytes(), len(c.progress))
        reference = reference or cells
        results[name] = dict(seconds=wall, cpu_seconds=cpu, records_per_s=cut / wall,
                             agrees=cells == reference)
        del c, r
    return dict(scale=scale, records=cut, parquet_bytes=path.stat().st_size,
                polars=pl.__version__, pyarrow=pa.__version__, paths=results)


def report(res: dict) -> str:
    lines = [f"Arrow ingest: {res['records']:,} records (45 days); Parquet file "
             f"{res['parquet_bytes'] / 2**20:.1f} MiB"]
    for name, r in res["paths"].items():
        lines.append(f"  {name:8} {r['seconds']:8.3f} s  (CPU {r['cpu_seconds']:.3f} s)  "
                     f"{r['records_per_s'] / 1e6:7.1f} M records/s  agrees {r['agrees']}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="1 = national size")
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--repeat", type=int, default=3, help="ingests timed, best reported")
    ap.add_argument("--json", help="print the results as JSON instead (national.py reads it)",
                    action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ntmkit-arrow-") as tmp:
        res = run(args.scale, args.seed, args.repeat, Path(tmp))
    print(json.dumps(res) if args.json else report(res))
    if not all(r["agrees"] for r in res["paths"].values()):
        sys.exit("the Arrow paths disagree with the numpy path")


if __name__ == "__main__":
    main()
