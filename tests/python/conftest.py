"""Shared fixtures: the seed campaign and an independent reading of its progress CSV.

Expected numbers are computed here with plain Python (csv module, dict sums) from the files,
never from ntmkit's own output, so the tests check the bindings against the data.
"""
import csv
import datetime as dt
import json
from pathlib import Path

import os
import subprocess
import sys

import pytest

import ntmkit

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed"
CAMPAIGN_JSON = SEED / "campaign.json"
PROGRESS_CSV = SEED / "progress.csv"


def vi_date(text):
    d, m, y = (int(x) for x in text.split("/"))
    return dt.date(y, m, d)


def ntmkit_cmd(*args, cwd=None, input=None, env=None):
    """Runs the `ntmkit` command as an officer would (python -m ntmkit), output as UTF-8;
    `input` is piped to its stdin, `env` adds to the environment."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", **(env or {}))  # PYTHONPATH kept
    return subprocess.run([sys.executable, "-m", "ntmkit", *map(str, args)], env=env,
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                          input=input if input is not None else "")


@pytest.fixture
def seed():
    """A fresh seed campaign without progress."""
    return ntmkit.Campaign.load(CAMPAIGN_JSON)


@pytest.fixture
def seed_with_progress(seed):
    seed.load_progress_csv(PROGRESS_CSV)
    return seed


@pytest.fixture(scope="session")
def seed_json():
    return json.loads(CAMPAIGN_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def csv_rows():
    with open(PROGRESS_CSV, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        r["date"] = vi_date(r["date"])
        r["reported"] = vi_date(r["reported"]) if r["reported"] else r["date"]
        r["quantity"] = float(r["quantity"])
        r["supersedes"] = int(r["supersedes"]) if r["supersedes"] else None
    return rows


class Expected:
    """Roll-up by hand: the seed's tree and indicators read from the JSON file."""

    def __init__(self, seed_json, rows):
        self.parent = {u["id"]: u.get("parent") for u in seed_json["units"]}
        self.level = {u["id"]: u["level"] for u in seed_json["units"]}
        self.over_units = {i["id"]: i.get("over_units", "sum") for i in seed_json["indicators"]}
        self.rows = rows
        self.first_record = len(seed_json.get("progress", []))

    def counting_units(self, unit, indicator):
        org = ("organisation", "branch")
        u = unit
        while u is not None:
            yield u
            p = self.parent[u]
            if (p is not None and self.over_units[indicator] == "distinct_households"
                    and self.level[u] in org and self.level[p] not in org):
                return
            u = p

    def cumulative(self, as_of, known_by=None):
        """{(unit, indicator): cumulative} as of a day, optionally as known by a day."""
        known = (lambda d: True) if known_by is None else (lambda d: d <= known_by)
        superseded = set()
        for r in self.rows:
            if r["supersedes"] is not None and known(r["reported"]):
                superseded.add(r["supersedes"])
        out = {}
        for k, r in enumerate(self.rows):
            rec = self.first_record + k
            if r["date"] > as_of or not known(r["reported"]) or rec in superseded:
                continue
            for u in self.counting_units(r["unit"], r["indicator"]):
                key = (u, r["indicator"])
                out[key] = out.get(key, 0.0) + r["quantity"]
        return out


@pytest.fixture(scope="session")
def expected(seed_json, csv_rows):
    return Expected(seed_json, csv_rows)


def pytest_sessionfinish(session, exitstatus):
    """A skipped test did not run: the run fails (install the missing dependency instead).
    NTMKIT_ALLOW_SKIPS=1 lets a developer run part of the suite on a partial machine."""
    import os
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and os.environ.get("NTMKIT_ALLOW_SKIPS") != "1" and session.exitstatus == 0:
        reporter.write_line(f"{len(skipped)} test(s) skipped: skips fail this suite "
                            "(NTMKIT_ALLOW_SKIPS=1 to allow)", red=True)
        session.exitstatus = 1


def snapshot(campaign):
    """What a rejected call must leave byte-identical: the canonical JSON, and the roll-up's
    columns on the last day (as bytes, so NaN targets compare equal)."""
    import numpy as np
    columns = campaign.rollup(campaign.last).columns()
    return campaign.to_json(), [(k, np.asarray(v).tobytes()) for k, v in sorted(columns.items())]


@pytest.fixture(scope="session")
def postgres_url():
    """A throwaway PostgreSQL server for the session (tests/store/pg_server.py): its URL;
    stopped and removed at the end."""
    import importlib.util
    import tempfile
    spec = importlib.util.spec_from_file_location("pg_server",
                                                  ROOT / "tests" / "store" / "pg_server.py")
    pg_server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pg_server)
    directory = tempfile.mkdtemp(prefix="ntmkit-pg-")  # short: the socket's path is limited
    try:
        yield pg_server.start(directory)
    finally:
        pg_server.stop(directory)
