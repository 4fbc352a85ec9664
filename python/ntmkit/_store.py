"""DataFrames and entry workbooks into a campaign store (``Store.import_frame``,
``Store.import_workbook``); the rest of Store is C++."""
from __future__ import annotations

import os

from . import _core
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


def import_workbook(self, path, source: str | None = None, number_style=None):
    """Import a filled entry workbook (ntmkit.write_entry_workbook) as one transaction.

    A row's id is its ``Mã`` (Id) cell when filled, else ``<source>:<sheet>!<row>`` (source:
    the file's name by default, e.g. ``nhap.xlsx:Cẩm Trang!7``), so importing the same
    workbook again adds nothing and a row changed since is refused as a StoreConflict.
    Errors name the source and the cell's sheet and row. ``number_style`` as in
    read_entry_workbook."""
    from ._entry_sheets import cell_ref, error, quote_sheet, read

    source = source or os.path.basename(os.fspath(path))
    records, places, ids = read(self.campaign(), path, number_style)
    first_at = {}  # a typed id → the cell that has it first
    for k, (sheet, row, columns) in enumerate(places):
        if ids[k]:
            here = cell_ref(sheet, columns["id"], row)
            if ids[k] in first_at:
                raise error(_core.ValidationError, here,
                            f'the id "{ids[k]}" is already the id of the row at '
                            f"{first_at[ids[k]]}; give each record its own id")
            first_at[ids[k]] = here
    rows = [{"unit": r.unit, "indicator": r.indicator, "date": r.date, "reported": r.reported,
             "quantity": r.quantity, "note": r.note, "reporter": r.reporter,
             "supersedes": r.supersedes, "id": ids[k] or f"{source}:{sheet}!{row}"}
            for k, (r, (sheet, row, _)) in enumerate(zip(records, places))]
    labels = [f"{quote_sheet(sheet)}!{row}" for sheet, row, _ in places]
    return self._import_records(rows, source, labels)
