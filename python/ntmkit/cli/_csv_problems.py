"""Every bad row of a progress CSV file, not only the first.

The library reads a file as one batch and stops at its first problem. To find the next one,
the bad row is replaced by a harmless record (the campaign's root unit, its first indicator and
first day, quantity 0) and the text is read again, on a copy of the campaign. Replacing instead
of dropping keeps every later row's number, which the messages quote, and every record's
position, which `supersedes` counts. Only UTF-8 files are re-read this way; for others (Excel's
Windows-1258 or UTF-16) the first problem is all that is reported."""
from __future__ import annotations

import csv
import io
import re

from .. import _core

ROW = re.compile(r" row (\d+)(?:,| |:)")
MAX_PROBLEMS = 50


def csv_problems(campaign: _core.Campaign, path: str, first: str) -> list[str]:
    """The messages ("<file> row <r>, column <c>: <what>") of every bad row of the file at
    `path`, given the first one, which adding the file to `campaign` raised (and which is the
    first one found). In row order; `campaign` is not changed."""
    if not campaign.indicators:
        return [first]
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return [first]
    records, starts, delimiter = _records(text)
    harmless = _harmless_row(campaign, records[0]) if records else None
    problems, replaced = [first], set()
    while len(problems) < MAX_PROBLEMS:
        row = _row_of(problems[-1], path)
        record = starts.get(row) if row else None
        if record is None or record in replaced or record == 0:
            break  # not about one data row (or one we replaced): nothing more to learn
        records[record] = harmless
        replaced.add(record)
        try:
            campaign.copy().add_progress_csv(_write(records, delimiter), source=path)
            break
        except _core.Error as e:
            problems.append(str(e))
    # The library checks the numbers and dates of every row before the units: list by row.
    return sorted(problems, key=lambda p: _row_of(p, path) or 0)


def _row_of(message: str, path: str) -> int | None:
    row = ROW.search(message[len(path):]) if message.startswith(path) else None
    return int(row.group(1)) if row else None


def _records(text: str):
    """(records, {line where a record starts: record index}, delimiter), the header being
    record 0 on line 1; the delimiter is chosen as the library does, from the header line."""
    header = text.split("\n", 1)[0]
    delimiter = "," if "," in header else ";" if ";" in header else "\t" if "\t" in header \
        else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records, starts, line = [], {}, 1
    for record in reader:
        starts[line] = len(records)
        records.append(record)
        line = reader.line_num + 1
    return records, starts, delimiter


def _harmless_row(campaign: _core.Campaign, header: list[str]) -> list[str]:
    value = {"unit": campaign.units.id(campaign.units.root),
             "indicator": campaign.indicators[0].id,
             "date": _core.format_date_iso(campaign.first), "quantity": "0"}
    return [value.get(_core._canonical_column(h), "") for h in header]


def _write(records: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(records)
    return out.getvalue()
