"""A multi-campaign archive for distributed roll-ups: yearly synthetic campaigns written as
Parquet partitioned by campaign and province, each campaign's definition beside as JSON.

ILLUSTRATIVE throughout: every campaign is ntmkit's synthetic country (``synthetic_country``)
at ``--scale``, one seed per year, its window moved to 15/4 – 30/5 of that year.

    python -m ntmkit.archive ARCHIVE_DIR --years 10 --scale 0.01

Layout::

    ARCHIVE_DIR/campaigns/ntm-2013.json …          definitions (units, indicators, targets)
    ARCHIVE_DIR/records/campaign=ntm-2013/province=p1/part-0.parquet …

Record columns: unit (int32 index into the campaign), indicator (int8 index), done and
reported (date32), quantity (float64), record (int64, the record's number in the campaign's
log). Read one campaign with ``dd.read_parquet(ARCHIVE_DIR/"records", filters=[("campaign",
"==", id)])``, or the whole archive, and roll it up with :mod:`ntmkit.dask`.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from . import _core


def campaign_id(year: int) -> str:
    return f"ntm-{year}"


def _province_of(parent: np.ndarray, level: np.ndarray) -> np.ndarray:
    """Each unit's province (index of the province unit; -1 above the provinces)."""
    province_level = int(_core.UnitLevel.province.value)
    out = np.where(level == province_level, np.arange(len(parent)), -1)
    # Parents come before children (pre-order): one forward pass settles every unit.
    for u in range(len(parent)):
        if out[u] < 0 and parent[u] >= 0:
            out[u] = out[parent[u]]
    return out


def write_campaign(root: Path, year: int, scale: float) -> tuple[int, int]:
    """One yearly campaign: its JSON and its records. Returns (records, bytes on disk)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    country = _core.synthetic_country(scale, 2000 + year, True)
    definition = json.loads(country["campaign"].to_json())
    definition["id"] = campaign_id(year)
    definition["name"] = f"Synthetic country, campaign 15/4/{year} – 30/5/{year} (ILLUSTRATIVE)"
    definition["window"] = {"first": f"{year}-04-15", "last": f"{year}-05-30"}
    definition["progress"] = []
    (root / "campaigns").mkdir(parents=True, exist_ok=True)
    (root / "campaigns" / f"{campaign_id(year)}.json").write_text(
        json.dumps(definition, ensure_ascii=False))

    c = _core.Campaign.from_json(json.dumps(definition))
    ids = np.array(c.units.ids, dtype=object)
    province = _province_of(np.asarray(country["parent"]), np.asarray(country["level"]))
    unit = np.asarray(country["unit"], dtype=np.int32)
    first = np.datetime64(f"{year}-04-15", "D")
    n = len(unit)
    table = pa.table({
        "unit": unit,
        "indicator": np.asarray(country["indicator"], dtype=np.int8),
        "done": (first + np.asarray(country["done"], dtype=np.int64)).astype("datetime64[D]"),
        "reported": (first + np.asarray(country["reported"], dtype=np.int64))
        .astype("datetime64[D]"),
        "quantity": np.asarray(country["quantity"], dtype=np.float64),
        "record": np.arange(n, dtype=np.int64),
        "campaign": np.full(n, campaign_id(year), dtype=object),
        "province": ids[province[unit]],
    })
    ds.write_dataset(table, root / "records", format="parquet",
                     partitioning=["campaign", "province"], partitioning_flavor="hive",
                     existing_data_behavior="overwrite_or_ignore",
                     basename_template=f"{campaign_id(year)}-{{i}}.parquet")
    size = sum(f.stat().st_size
               for f in (root / "records" / f"campaign={campaign_id(year)}").rglob("*.parquet"))
    return n, size


def write_archive(root, years, scale: float) -> dict:
    """Writes every year's campaign; returns {campaign id: (records, bytes)}."""
    root = Path(root)
    return {campaign_id(y): write_campaign(root, y, scale) for y in years}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m ntmkit.archive", description=__doc__.split("\n\n")[0])
    ap.add_argument("root", help="the archive's directory")
    ap.add_argument("--years", type=int, default=10, help="yearly campaigns, ending in 2022")
    ap.add_argument("--scale", type=float, default=0.01,
                    help="each campaign's size (1 = national, ~50 million records)")
    args = ap.parse_args(argv)
    written = write_archive(args.root, range(2023 - args.years, 2023), args.scale)
    records = sum(n for n, _ in written.values())
    size = sum(b for _, b in written.values())
    print(f"{len(written)} campaigns, {records:,} records, {size / 1e6:.1f} MB of Parquet "
          f"in {args.root}")


if __name__ == "__main__":
    main()
