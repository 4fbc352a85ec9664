"""Every bad row of a progress CSV file, not only the first.

The library reads a file as one batch and stops at its first problem;
``Campaign.progress_csv_problems`` (C++, csv.hpp) sets each bad row aside and checks the rest
again, on a copy, in any encoding the reader understands (UTF-8, UTF-16, Windows-1258)."""
from __future__ import annotations

from .. import _core

MAX_PROBLEMS = 50


def csv_problems(campaign: _core.Campaign, path: str, first: str) -> list[str]:
    """The messages ("<file> row <r>, column <c>: <what>") of every bad row of the file at
    `path`, given the first one, which adding the file to `campaign` raised. In row order;
    `campaign` is not changed."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return [first]
    return campaign.progress_csv_problems(data, source=path, limit=MAX_PROBLEMS) or [first]
