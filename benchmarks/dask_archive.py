#!/usr/bin/env python3
"""Archive roll-up on Dask: ntmkit partials against Dask DataFrame's own group-by.

Writes (or reuses) an archive of yearly synthetic campaigns (python -m ntmkit.archive: Parquet
partitioned by campaign and province; ILLUSTRATIVE data), then rolls up every campaign as of
29/5 of its year on a LocalCluster of 2 worker processes with a memory limit per worker below
the archive's in-memory size, twice, each on a fresh cluster so that each peak is its own:

  ntmkit   ntmkit.dask.partials: one Partial per partition on the workers, tree reduction,
           finish (carry-up, targets) on the client
  dask     the idiomatic Dask DataFrame way: filter the standing records, assign the period
           and day columns, groupby(["unit", "indicator"]).sum() per campaign, then carry the
           per-unit totals up the tree level by level with numpy on the client

Both results are checked cell by cell (cumulative, done_period, done_day; identical numbers).
Reported: wall and CPU seconds (client and workers), records per second, each worker's own peak
resident memory (VmHWM: the high-water mark of the worker's address space since its process
started; ru_maxrss would include the client's, which the spawned worker inherits), the client's
peak, and the records' in-memory size against the memory limit.

  python benchmarks/dask_archive.py --years 4 --scale 0.2 --memory-limit 500MB --archive DIR \
      --timeout 240                        # 1.2x both workers' memory; archive kept in DIR
  python benchmarks/dask_archive.py --years 2 --scale 0.002            # quick check
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np
from dask.utils import parse_bytes

import ntmkit
import ntmkit.archive
import ntmkit.dask


def peak_rss_mib() -> float:
    """This process's own peak resident memory (Linux VmHWM), not inherited from its parent."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def cpu_seconds() -> float:
    """CPU time of this process, user and system."""
    t = os.times()
    return t.user + t.system


def archive_sizes(root: Path) -> tuple[int, int, int]:
    """(records, bytes in memory, bytes of Parquet) from the files' metadata, without reading
    them; in memory is what the record columns take as Arrow or numpy columns (fixed widths:
    29 bytes a record)."""
    import pyarrow.parquet as pq

    records = memory = on_disk = 0
    for f in (root / "records").rglob("*.parquet"):
        file = pq.ParquetFile(f)
        width = sum(field.type.bit_width // 8 for field in file.schema_arrow)
        records += file.metadata.num_rows
        memory += file.metadata.num_rows * width
        on_disk += f.stat().st_size
    return records, memory, on_disk


def questions(root: Path, years):
    import dask.dataframe as dd

    out = []
    for y in years:
        cid = ntmkit.archive.campaign_id(y)
        c = ntmkit.archive.read_campaign(root, cid)  # campaign bytes, not JSON
        records = dd.read_parquet(root / "records", filters=[("campaign", "==", cid)])
        out.append((c, records, dt.date(y, 5, 29)))
    return out


def run_ntmkit(qs, split_every):
    # Each definition travels to the workers as compact bytes, read once per worker.
    out = []
    for p, (c, _, _) in zip(ntmkit.dask.partials(qs, split_every), qs):
        r = p.finish(c)
        out.append((r.cumulative.copy(), r.done_period.copy(), r.done_day.copy()))
    return out


def carry_up(c, own: np.ndarray) -> np.ndarray:
    """Per-unit totals carried to the ancestors, deepest level first (numpy, vectorised per
    depth); the synthetic country has no organisations, so every unit adds into its parent."""
    parents = np.asarray(c.units.parents)
    depth = np.zeros(len(parents), dtype=np.int32)
    for u in range(1, len(parents)):  # pre-order: a parent's depth is known first
        depth[u] = depth[parents[u]] + 1
    out = own.copy()
    for d in range(depth.max(), 0, -1):
        at = np.nonzero(depth == d)[0]
        np.add.at(out, parents[at], out[at])
    return out


def run_dask(qs, timeout=None):
    """None when the group-by has not finished within `timeout` seconds."""
    from distributed import default_client, wait

    graphs = []
    for c, records, as_of in qs:
        period_first = c.rollup(as_of).period.first  # the report week, from the calendar only
        day, start = np.datetime64(as_of), np.datetime64(period_first)
        df = records[["unit", "indicator", "done", "quantity"]]
        df = df.assign(done=df["done"].astype("datetime64[s]"))
        df = df[df["done"] <= day]
        df = df.assign(period=df["quantity"].where(df["done"] >= start, 0.0),
                       today=df["quantity"].where(df["done"] == day, 0.0))
        graphs.append(df.groupby(["unit", "indicator"])[["quantity", "period", "today"]].sum())
    futures = default_client().compute(graphs)
    try:
        wait(futures, timeout=timeout)
    except TimeoutError:
        return None
    own_frames = [f.result() for f in futures]
    out = []
    for (c, _, _), own in zip(qs, own_frames):
        shape = (len(c.units), len(c.indicators))
        u = own.index.get_level_values(0).to_numpy()
        i = own.index.get_level_values(1).to_numpy().astype(np.int64)
        cols = []
        for name in ("quantity", "period", "today"):
            a = np.zeros(shape)
            a[u, i] = own[name].to_numpy()
            cols.append(carry_up(c, a))
        out.append(tuple(cols))
    return out


def on_fresh_cluster(args, job):
    """The job's result, wall and CPU seconds (client and workers) and each worker's peak."""
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      memory_limit=args.memory_limit, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        cpu_before = sum(client.run(cpu_seconds).values())  # workers up before the clock starts
        t, cpu = time.perf_counter(), cpu_seconds()
        result = job()
        seconds, cpu = time.perf_counter() - t, cpu_seconds() - cpu
        workers = client.run(lambda: (cpu_seconds(), peak_rss_mib()))
        cpu += sum(w[0] for w in workers.values()) - cpu_before
        peaks = sorted(w[1] for w in workers.values())
    return result, seconds, cpu, peaks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--scale", type=float, default=0.02)
    ap.add_argument("--memory-limit", default="400MB", help="per worker")
    ap.add_argument("--split-every", type=int, default=8)
    ap.add_argument("--archive", help="archive directory (written when missing; kept)")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--timeout", type=float,
                    help="seconds the Dask group-by may take (it can stall with paused workers)")
    args = ap.parse_args()

    years = list(range(2023 - args.years, 2023))
    tmp = None
    if args.archive:
        root = Path(args.archive)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="ntmkit-archive-")
        root = Path(tmp.name)
    t = time.perf_counter()
    if not (root / "campaigns").is_dir():
        ntmkit.archive.write_archive(root, years, args.scale)
    generate = time.perf_counter() - t
    qs = questions(root, years)
    records, memory, on_disk = archive_sizes(root)

    limit = parse_bytes(args.memory_limit)
    print(f"archive: {len(qs)} campaigns, {records:,} records, {on_disk / 1e6:.0f} MB Parquet, "
          f"{memory / 1e6:.0f} MB in memory ({memory / limit:.1f}x one worker's limit, "
          f"{memory / (2 * limit):.1f}x both); 2 workers, memory limit {limit / 1e6:.0f} MB "
          f"each; archive written in {generate:.0f} s", flush=True)
    report = dict(years=args.years, scale=args.scale, memory_limit=limit, records=records,
                  parquet_bytes=on_disk, in_memory_bytes=memory, generate_seconds=generate)
    results = {}
    for name, job in (("ntmkit", lambda: run_ntmkit(qs, args.split_every)),
                      ("dask", lambda: run_dask(qs, args.timeout))):
        result, seconds, cpu, peaks = on_fresh_cluster(args, job)
        done = result is not None
        report[name] = dict(finished=done, seconds=seconds, cpu_seconds=cpu,
                            records_per_s=records / seconds if done else None,
                            peak_rss_mib_per_worker=peaks)
        rate = f"{records / seconds / 1e6:7.2f} M records/s" if done else "did not finish"
        print(f"{name:7} {seconds:8.2f} s wall {cpu:8.2f} s CPU {rate}  "
              f"peak per worker {', '.join(f'{p:.0f}' for p in peaks)} MiB", flush=True)
        results[name] = result
    ours, theirs = results["ntmkit"], results["dask"]
    agrees = theirs is not None and all(
        np.array_equal(a, b) for x, y in zip(ours, theirs) for a, b in zip(x, y))
    report.update(agrees=agrees, client_peak_mib=peak_rss_mib(), load_average=os.getloadavg())
    if theirs is not None:
        print(f"ntmkit faster by {report['dask']['seconds'] / report['ntmkit']['seconds']:.1f}x; "
              f"identical numbers: {agrees}")
    print(f"client peak {peak_rss_mib():.0f} MiB; load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    if tmp:
        tmp.cleanup()
    if theirs is not None and not agrees:
        raise SystemExit("ntmkit and the Dask group-by disagree")


if __name__ == "__main__":
    main()
