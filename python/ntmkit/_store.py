"""DataFrames into a campaign store (``Store.import_frame``); the rest of Store is C++."""
from __future__ import annotations

from ._frames import _cells, _date_cells, progress_columns


def import_frame(self, frame, source: str = "DataFrame"):
    """Import progress from a DataFrame as one transaction (all rows or none).

    Columns as in the progress CSV (unit, indicator, date, quantity; optional reported, note,
    reporter, supersedes, id; Vietnamese headers too). A row without an id is stored as
    ``<source>:<n>``, n counting the frame's rows from 1, so importing the same frame again
    under the same source adds nothing. Errors name the row's index label and the column.
    """
    columns = progress_columns(frame, source)
    values = {k: (_date_cells(v) if k in ("date", "reported") else _cells(v))
              for k, v in columns.items()}
    rows = [{k: v[i] for k, v in values.items()} for i in range(len(frame))]
    for row in rows:
        s = row.get("supersedes")
        if isinstance(s, float) and s.is_integer():
            row["supersedes"] = int(s)  # pandas keeps numbers with gaps as floats
    return self._import_records(rows, source, [str(x) for x in frame.index])
