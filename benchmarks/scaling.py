#!/usr/bin/env python3
"""Scaling curve: ntmkit's national benchmark at several sizes of the synthetic country, time
and peak memory against the number of records, with a plot.

Each scale runs benchmarks/national.py (ntmkit alone, its own process, best of --repeat) and
the curve is checked for what a user needs to know: does the cost per record stay flat as the
country grows (linear cost), and does twice the country still fit in the machine's memory.

  .venv/bin/python benchmarks/scaling.py --json scaling.json --plot docs/img/scaling.png
  .venv/bin/python benchmarks/scaling.py --scales 0.002,0.004 --repeat 1   # quick check

Timings are reported, never asserted. The data are synthetic and illustrative.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TASKS = ("ingest", "rollup", "rollup_reused", "add_day")
LABELS = ("ingest (numpy)", "full roll-up", "roll-up into a kept one", "add a day + roll-up")


def run_scale(scale: float, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="ntmkit-scaling-") as tmp:
        out = Path(tmp) / "national.json"
        subprocess.run([sys.executable, str(HERE / "national.py"), "--scale", str(scale),
                        "--repeat", str(repeat), "--engines", "ntmkit", "--no-arrow",
                        "--json", str(out)], check=True, stdout=subprocess.DEVNULL)
        report = json.loads(out.read_text())
    r = report["engines"]["ntmkit"]
    return dict(scale=scale, units=report["units"], records=report["records_45_days"],
                bound=report["rollup_bound_seconds"], peak_gib=r["peak_rss_gib"],
                **{t: r[t] for t in TASKS})


def per_record_ns(row: dict, task: str) -> float:
    return row[task] / row["records"] * 1e9


def linear_fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least squares y = a + b·x."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx if sxx else 0.0
    return my - b * mx, b


def plot(rows: list[dict], path: Path, machine_gib: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = [r["records"] / 1e6 for r in rows]
    fig, (ax_t, ax_m) = plt.subplots(1, 2, figsize=(11, 4.2))
    for task, label in zip(TASKS, LABELS):
        ax_t.plot(x, [r[task] for r in rows], "o-", label=label)
    ax_t.plot(x, [r["bound"] for r in rows], "k:", label="reading the records once")
    ax_t.set_xscale("log")
    ax_t.set_yscale("log")
    ax_t.set_xlabel("records (millions)")
    ax_t.set_ylabel("seconds")
    ax_t.set_title("Time against records (log–log: slope 1 is linear)")
    ax_t.legend(fontsize=8)
    a, b = linear_fit([r["records"] for r in rows], [r["peak_gib"] for r in rows])
    ax_m.plot(x, [r["peak_gib"] for r in rows], "o-", label="peak memory of the process")
    ax_m.plot(x, [a + b * r["records"] for r in rows], "--", label="straight-line fit")
    ax_m.axhline(machine_gib, color="red", linestyle=":", label=f"machine ({machine_gib:.0f} GiB)")
    ax_m.set_xlabel("records (millions)")
    ax_m.set_ylabel("GiB")
    ax_m.set_title("Memory against records")
    ax_m.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def machine_memory_gib() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 2**20
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scales", default="0.01,0.1,0.5,1,2")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", help="write the rows here")
    ap.add_argument("--plot", help="write the PNG here")
    args = ap.parse_args()

    rows = []
    for s in (float(v) for v in args.scales.split(",")):
        rows.append(run_scale(s, args.repeat))
        r = rows[-1]
        print(f"scale {s:g}: {r['records']:,} records, ingest {r['ingest']:.3f} s, roll-up "
              f"{r['rollup']:.3f} s, add day {r['add_day']:.3f} s, peak {r['peak_gib']:.2f} GiB",
              flush=True)

    print("\n| scale | records | ingest (s) | ns/record | roll-up (s) | ns/record | kept roll-up "
          "(s) | add day (s) | peak (GiB) | bytes/record |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['scale']:g} | {r['records']:,} | {r['ingest']:.3f} | "
              f"{per_record_ns(r, 'ingest'):.1f} | {r['rollup']:.3f} | "
              f"{per_record_ns(r, 'rollup'):.2f} | {r['rollup_reused']:.3f} | "
              f"{r['add_day']:.3f} | {r['peak_gib']:.2f} | "
              f"{r['peak_gib'] * 2**30 / r['records']:.0f} |")
    # Linear cost: the cost per record of the biggest scales against the middle one's.
    if len(rows) >= 2:
        for task in TASKS:
            ns = [per_record_ns(r, task) for r in rows]
            print(f"{task}: {ns[-1]:.2f} ns/record at the largest scale, "
                  f"{ns[-1] / ns[-2]:.2f}x the one before it")
    gib = machine_memory_gib()
    print(f"largest scale peak {rows[-1]['peak_gib']:.2f} GiB of the machine's {gib:.1f} GiB")
    if args.json:
        Path(args.json).write_text(json.dumps(dict(rows=rows, machine_gib=gib), indent=2) + "\n")
    if args.plot:
        plot(rows, Path(args.plot), gib)


if __name__ == "__main__":
    main()
