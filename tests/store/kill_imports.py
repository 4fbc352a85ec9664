#!/usr/bin/env python3
"""Pulls the plug on imports: SIGKILLs import_worker at random moments and checks that the
store, reopened, holds the whole batch or none of it and passes PRAGMA integrity_check; then
runs two importing processes at once and checks that both succeed with nothing lost.

    kill_imports.py WORKER [--trials 200] [--seed 1]
    kill_imports.py WORKER --postgres URL    only the two processes, on a PostgreSQL store

Prints how many kills landed before, during and after the import. Exit status 0 when every
check passed. Needs only the standard library (sqlite3 for the integrity check).
"""
import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time


def run(worker, *args):
    out = subprocess.run([worker, *args], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def check(worker, path, batch, sums):
    """The store reopens through the library holding 0 or `batch` records; SQLite agrees."""
    words = run(worker, path, "check").split()
    records, total = int(words[1]), float(words[3])
    with sqlite3.connect(path) as db:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        rows = db.execute("SELECT count(*) FROM record").fetchone()[0]
    assert integrity == "ok", f"{path}: integrity_check says {integrity}"
    assert records == rows, f"{path}: the library reads {records} records, SQLite has {rows}"
    assert records in sums, f"{path}: {records} records after the kill, expected 0 or {batch}"
    assert total == sums[records], f"{path}: records add up to {total}, not {sums[records]}"
    return records


def main():
    p = argparse.ArgumentParser()
    p.add_argument("worker")
    p.add_argument("--trials", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--postgres", metavar="URL",
                   help="a PostgreSQL database: two processes import into a schema of it")
    a = p.parse_args()
    if a.postgres:
        return both_at_once_on_postgres(a.worker, a.postgres)
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="ntmkit_kill_")
    try:
        template = os.path.join(work, "template.sqlite")
        batch = int(run(a.worker, template, "define").split()[1])
        # One import without a kill: how long it takes, and what the whole batch adds up to.
        full = os.path.join(work, "full.sqlite")
        shutil.copy(template, full)
        started = time.monotonic()
        run(a.worker, full, "import", "village.csv")
        span = time.monotonic() - started
        total = float(run(a.worker, full, "check").split()[3])
        sums = {0: 0.0, batch: total}

        counts = {"before": 0, "during": 0, "after": 0}
        whole = 0
        for trial in range(a.trials):
            path = os.path.join(work, f"trial{trial % 2}.sqlite")
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
            shutil.copy(template, path)
            proc = subprocess.Popen([a.worker, path, "import", "village.csv"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, span * 1.1))
            proc.send_signal(signal.SIGKILL)
            marks = proc.communicate()[0].decode()
            where = ("after" if "committed" in marks else
                     "during" if "begin" in marks else "before")
            counts[where] += 1
            records = check(a.worker, path, batch, sums)
            if where == "after":
                assert records == batch, f"trial {trial}: committed, yet {records} records"
            whole += records == batch
        print(f"{a.trials} kills of a {batch}-record import ({span:.3f} s unkilled): "
              f"{counts['before']} before it began, {counts['during']} during it, "
              f"{counts['after']} after it committed; {whole} stores held the whole batch, "
              f"{a.trials - whole} none of it; integrity_check ok every time")

        for round_ in range(3):
            path = os.path.join(work, f"both{round_}.sqlite")
            shutil.copy(template, path)
            both_at_once(a.worker, path, batch, total)
        print("two processes importing at once: both succeeded, 3 rounds, nothing lost")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def both_at_once(worker, path, batch, total):
    """Two processes appending to the store at once: both succeed, nothing lost."""
    # Half the records each (all of them twice would pass the households).
    procs = [subprocess.Popen([worker, path, "import", f"village{k}.csv", part],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for k, part in ((1, "even"), (2, "odd"))]
    for q in procs:
        err = q.communicate()[1].decode()
        assert q.returncode == 0, f"a concurrent import failed: {err}"
    words = run(worker, path, "check").split()
    assert int(words[1]) == batch and float(words[3]) == total, words


def both_at_once_on_postgres(worker, url):
    """The same on PostgreSQL, into a fresh schema; `define` tells the records' count and sum
    (whole numbers, so summed in any order they add up the same)."""
    path = f"{url}#both_{os.getpid()}_{int(time.time())}"
    words = run(worker, path, "define").split()
    both_at_once(worker, path, int(words[1]), float(words[3]))
    print(f"two processes importing {words[1]} records at once into PostgreSQL: both "
          "succeeded, nothing lost")


if __name__ == "__main__":
    main()
