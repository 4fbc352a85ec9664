"""How an entry sheet is laid out, and reading it back (the internals of ntmkit.workbook).

The writer and the reader share the layout below; the reader turns each non-empty row of every
entry sheet into a ProgressRecord and remembers where it came from, so that errors (its own and
the campaign's) name the sheet and cell as Excel does: ``'Cẩm Trang'!D7``."""
from __future__ import annotations

import datetime as _dt
import os

from . import _core

HEAD_ROW = 2  # row 1: the sheet's title; row 2: the headings; the data below
LISTS_SHEET = "_ntmkit_lists"  # hidden; the drop-down lists and which units each sheet holds
COLUMNS = ("unit", "indicator", "date", "quantity", "reported", "note", "reporter", "supersedes",
           "id")
REQUIRED = ("unit", "indicator", "date", "quantity")


def error(cls, where: str, detail: str):
    """An ntmkit error with its ``where`` and ``detail`` set, as the C++ errors carry them."""
    e = cls(f"{where}: {detail}")
    e.where, e.detail = where, detail
    return e


def quote_sheet(sheet: str) -> str:
    """The sheet as Excel names it in a reference: 'Cẩm Trang' quoted, Sheet1 bare."""
    from openpyxl.utils import quote_sheetname

    return quote_sheetname(sheet)


def cell_ref(sheet: str, column: int, row: int) -> str:
    """'Cẩm Trang'!D7."""
    from openpyxl.utils import get_column_letter

    return f"{quote_sheet(sheet)}!{get_column_letter(column)}{row}"


def read(campaign, path, number_style=None):
    """(records, places, ids): places[k] = (sheet, row, {field: column}) of records[k], ids[k]
    its `Mã` (id) cell as text or ""; quantities typed as text are read in ``number_style``
    (None, "vi" or "en") as in a progress CSV."""
    try:
        from openpyxl import load_workbook
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("read_entry_workbook needs openpyxl: pip install openpyxl") from e

    path = os.fspath(path)
    try:
        values = load_workbook(path, data_only=True)
        formulas = load_workbook(path, data_only=False)
    except Exception as e:  # openpyxl raises many kinds for a file that is not .xlsx
        raise error(_core.ParseError, path, f"not an Excel workbook (.xlsx): {e}") from None
    scopes = _sheet_units(campaign, values)
    records, places, ids = [], [], []
    found = False
    for ws in values.worksheets:
        columns = _entry_columns(ws)
        if columns is None or ws.title == LISTS_SHEET:
            continue
        found = True
        reader = _RowReader(campaign, ws, formulas[ws.title], columns, scopes.get(ws.title, {}),
                            number_style)
        for row in range(HEAD_ROW + 1, ws.max_row + 1):
            record = reader.record(row)
            if record is not None:
                records.append(record)
                places.append((ws.title, row, columns))
                ids.append(reader.record_id(row))
    if not found:
        raise error(_core.ParseError, path, "no entry sheet: expected a sheet whose row "
                    f"{HEAD_ROW} holds the headings Đơn vị, Chỉ tiêu, Ngày, Số lượng")
    return records, places, ids


def _entry_columns(ws):
    """{field: column} from the headings of row 2, read left to right up to the first empty
    one (the targets further right repeat some headings); None when it is no entry sheet."""
    columns = {}
    for c in range(1, ws.max_column + 1):
        text = ws.cell(row=HEAD_ROW, column=c).value
        if not isinstance(text, str) or not text.strip():
            break
        field = _core._canonical_column(text.strip())
        if field in COLUMNS and field not in columns:
            columns[field] = c
    return columns if all(f in columns for f in REQUIRED) else None


def _sheet_units(campaign, wb):
    """Sheet title → {NFC label: unit id} from the hidden list sheet, as the drop-downs show."""
    if LISTS_SHEET not in wb.sheetnames:
        return {}
    lists, scopes = wb[LISTS_SHEET], {}
    for col in range(3, lists.max_column + 1, 2):
        title = lists.cell(row=1, column=col).value
        if not isinstance(title, str):
            continue
        pairs = scopes.setdefault(title, {})
        for r in range(2, lists.max_row + 1):
            label, uid = (lists.cell(row=r, column=col).value,
                          lists.cell(row=r, column=col + 1).value)
            if isinstance(label, str) and isinstance(uid, str):
                pairs[_core.nfc(label)] = uid
    return scopes


class _RowReader:
    """Reads the cells of one entry sheet's rows into ProgressRecords."""

    def __init__(self, campaign, ws, formula_ws, columns, unit_labels, number_style):
        self.campaign, self.ws, self.formula_ws = campaign, ws, formula_ws
        self.columns, self.unit_labels = columns, unit_labels
        self.number_style = number_style

    def where(self, field, row):
        return cell_ref(self.ws.title, self.columns[field], row)

    def value(self, field, row):
        """The cell's value (its cached value for a formula); None when empty."""
        if field not in self.columns:
            return None
        cell = self.ws.cell(row=row, column=self.columns[field])
        v = cell.value
        if v is None and self.formula_ws.cell(row=row, column=cell.column).data_type == "f":
            formula = self.formula_ws.cell(row=row, column=cell.column).value
            raise error(_core.ParseError, self.where(field, row),
                        f"a formula without a saved value ({formula}); open the file in Excel "
                        "and save it so the value is stored, or type the value")
        if cell.data_type == "e":
            raise error(_core.ParseError, self.where(field, row),
                        f"the cell shows the error {v}; expected a value")
        if isinstance(v, str):
            v = _core.nfc(v.strip()) or None
        return v

    def record(self, row):
        v = {f: self.value(f, row) for f in COLUMNS}
        if all(x is None for x in v.values()):
            return None
        for f in REQUIRED:
            if v[f] is None:
                raise error(_core.ParseError, self.where(f, row),
                            f"expected {_EXPECTED[f]}, the cell is empty")
        return _core.ProgressRecord(
            self.unit(v["unit"], row), self.indicator(v["indicator"], row),
            self.date("date", v["date"], row), self.quantity(v["quantity"], row),
            reported=None if v["reported"] is None else self.date("reported", v["reported"], row),
            note=_text(v["note"]), reporter=_text(v["reporter"]),
            supersedes=None if v["supersedes"] is None else self.record_number(v["supersedes"],
                                                                               row))

    def unit(self, v, row):
        """The sheet's drop-down label first (names repeat across villages: each village has a
        "Tổ liên gia 1"), then any unit's id or unique name."""
        key = _text(v)
        tree = self.campaign.units
        for label, uid in self.unit_labels.items():
            if _core.same_name(label, key):
                return uid
        found = tree.candidates(key)
        if len(found) == 1:
            return tree.id(found[0])
        if not found:
            raise error(_core.ValidationError, self.where("unit", row),
                        f'expected a unit of the list (name or id), got "{key}"')
        try:  # the campaign's own message, listing the ids the name could mean
            tree.index(key)
        except _core.ValidationError as e:
            raise error(_core.ValidationError, self.where("unit", row),
                        f"{e.detail}, or pick one from the list") from None

    def indicator(self, v, row):
        key = _text(v)
        found = self.campaign.indicator_candidates(key)
        if len(found) == 1:
            return self.campaign.indicators[found[0]].id
        if not found:
            raise error(_core.ValidationError, self.where("indicator", row),
                        f'expected an indicator of the list (name or id), got "{key}"')
        try:  # the campaign's own message, listing the ids the name could mean
            self.campaign.indicator_at(key)
        except _core.ValidationError as e:
            raise error(_core.ValidationError, self.where("indicator", row), e.detail) from None

    def date(self, field, v, row):
        if isinstance(v, _dt.datetime):
            return v.date()
        if isinstance(v, _dt.date):
            return v
        if isinstance(v, str):
            try:
                return _core.parse_date(v, self.campaign.first.year)
            except _core.Error as e:
                raise error(_core.ParseError, self.where(field, row),
                            f'expected a date such as 6/5/2022 or 2022-05-06, got "{v}" '
                            f"({e.detail})") from None
        raise error(_core.ParseError, self.where(field, row),
                    f"expected a date such as 6/5/2022, got {v!r}; format the cell as a date")

    def record_id(self, row):
        """The row's `Mã` cell as text, "" when empty: text on one line or a whole number (Excel
        may store 12 as 12.0); a date, a fraction or a line break is no id."""
        v = self.value("id", row)
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            v = int(v)
        if (isinstance(v, bool) or not isinstance(v, (int, str))
                or any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in str(v))):
            raise error(_core.ParseError, self.where("id", row),
                        f"expected the record's id (text on one line or a whole number), "
                        f"got {v!r}")
        return str(v)

    def record_number(self, v, row):
        """A `supersedes` cell: the number of the record the row corrects (0, 1, 2, …)."""
        if isinstance(v, str) and v.isdigit():
            v = int(v)
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            v = int(v)
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < 2**63:
            raise error(_core.ParseError, self.where("supersedes", row),
                        f"expected the number of the record this row corrects (0, 1, 2 …), "
                        f"got {v!r}")
        return v

    def quantity(self, v, row):
        if isinstance(v, bool) or not isinstance(v, (int, float, str)):
            raise error(_core.ParseError, self.where("quantity", row),
                        f"expected a number, got {v!r}")
        if not isinstance(v, str):
            return float(v)
        # Text is read by the progress CSV's number rules, so "1,5" is 1.5 and "1.234" is
        # refused as ambiguous exactly as in a CSV file.
        quoted = v.replace('"', '""')
        try:
            csv_text = f'unit,indicator,date,quantity\nu,i,1/1/2000,"{quoted}"\n'
            return _core.read_progress_csv(csv_text, 2000,
                                           number_style=self.number_style)[0].quantity
        except _core.Error as e:
            raise error(_core.ParseError, self.where("quantity", row), e.detail) from None


_EXPECTED = {"unit": "a unit", "indicator": "an indicator", "date": "the day the work was done",
             "quantity": "a number"}


def _text(v) -> str:
    """A note, reporter, unit or indicator cell as text (Excel may store 12 as 12.0)."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
