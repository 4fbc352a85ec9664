"""A multi-campaign archive for distributed roll-ups: yearly synthetic campaigns written as
Parquet partitioned by campaign and province, each campaign's definition beside as campaign
bytes.

ILLUSTRATIVE throughout: every campaign is ntmkit's synthetic country (``synthetic_country``)
at ``--scale``, one seed per year, its window 15/4 – 30/5 of that year.

    python -m ntmkit.archive ARCHIVE_DIR --years 10 --scale 0.01 [--json]

Layout (docs/format.md, "A campaign archive")::

    ARCHIVE_DIR/campaigns/ntm-2013.bytes …         definitions (Campaign.to_bytes: units,
                                                   indicators, targets; no progress)
    ARCHIVE_DIR/campaigns/ntm-2013.json …          the same as campaign files, with --json only
    ARCHIVE_DIR/records/campaign=ntm-2013/province=p1/ntm-2013-0.parquet …

The definitions are bytes because at scale 0.1 a campaign file is ~100 MB of JSON that takes
minutes to read through a JSON document; its bytes read in a fraction of a second. Record
columns: unit (int32 index into the campaign), indicator (int8 index), done and reported
(date32), quantity (float64), record (int64, the record's number in the campaign's log). Read
one campaign with ``read_campaign(ARCHIVE_DIR, id)`` and ``dd.read_parquet(ARCHIVE_DIR/"records",
filters=[("campaign", "==", id)])``, or the whole archive, and roll it up with :mod:`ntmkit.dask`.
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np

from . import _core

DEFINITION_SUFFIX = ".bytes"


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


def definition_path(root, cid: str) -> Path:
    """Where the archive keeps campaign `cid`'s definition (campaign bytes)."""
    return Path(root) / "campaigns" / f"{cid}{DEFINITION_SUFFIX}"


def load_definition(path) -> _core.Campaign:
    """A campaign definition from its bytes (``.bytes``) or its campaign file (JSON)."""
    path = Path(path)
    if path.suffix == DEFINITION_SUFFIX:
        return _core.Campaign.from_bytes(path.read_bytes())
    return _core.Campaign.load(path)


def read_campaign(root, cid: str) -> _core.Campaign:
    """Campaign `cid` of the archive at `root`, read from its bytes."""
    return load_definition(definition_path(root, cid))


def write_campaign(root: Path, year: int, scale: float,
                   json_copy: bool = False) -> tuple[int, int]:
    """One yearly campaign: its definition and its records. Returns (records, bytes on disk)."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    cid = campaign_id(year)
    country = _core.synthetic_country(
        scale, 2000 + year, True, id=cid,
        name=f"Synthetic country, campaign 15/4/{year} – 30/5/{year} (ILLUSTRATIVE)",
        first=dt.date(year, 4, 15))
    c = country["campaign"]
    (root / "campaigns").mkdir(parents=True, exist_ok=True)
    definition_path(root, cid).write_bytes(c.to_bytes(definition_only=True))
    if json_copy:
        (root / "campaigns" / f"{cid}.json").write_text(c.to_json(), encoding="utf-8")

    # Provinces as a dictionary column: one id per province, an int32 index per record.
    province = _province_of(np.asarray(country["parent"]), np.asarray(country["level"]))
    provinces = np.unique(province[province >= 0])
    ids = c.units.ids
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
        "campaign": pa.DictionaryArray.from_arrays(np.zeros(n, dtype=np.int32), [cid]),
        "province": pa.DictionaryArray.from_arrays(
            np.searchsorted(provinces, province[unit]).astype(np.int32),
            [ids[p] for p in provinces]),
    })
    del country, unit
    ds.write_dataset(table, root / "records", format="parquet",
                     partitioning=["campaign", "province"], partitioning_flavor="hive",
                     existing_data_behavior="overwrite_or_ignore",
                     basename_template=f"{cid}-{{i}}.parquet")
    size = sum(f.stat().st_size for f in (root / "records" / f"campaign={cid}").rglob("*.parquet"))
    return n, size


def write_archive(root, years, scale: float, json_copy: bool = False) -> dict:
    """Writes every year's campaign (and its campaign file if `json_copy`); returns
    {campaign id: (records, bytes of Parquet)}."""
    root = Path(root)
    return {campaign_id(y): write_campaign(root, y, scale, json_copy) for y in years}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m ntmkit.archive", description=__doc__.split("\n\n")[0])
    ap.add_argument("root", help="the archive's directory")
    ap.add_argument("--years", type=int, default=10, help="yearly campaigns, ending in 2022")
    ap.add_argument("--scale", type=float, default=0.01,
                    help="each campaign's size (1 = national, ~50 million records)")
    ap.add_argument("--json", action="store_true",
                    help="also write each definition as a campaign file (slow at large scales)")
    args = ap.parse_args(argv)
    written = write_archive(args.root, range(2023 - args.years, 2023), args.scale, args.json)
    records = sum(n for n, _ in written.values())
    size = sum(b for _, b in written.values())
    print(f"{len(written)} campaigns, {records:,} records, {size / 1e6:.1f} MB of Parquet "
          f"in {args.root}")


if __name__ == "__main__":
    main()
