"""Data-entry workbooks (needs openpyxl): the commune officer types progress in Excel, ntmkit
reads it back as one batch. ``write_entry_workbook`` lays out one entry sheet per village,
``read_entry_workbook`` / ``Campaign.add_progress_workbook`` read every entry sheet, and every
error names the sheet and cell as Excel writes them (``'Cẩm Trang'!D7``). docs/format.md,
"Data-entry workbooks", says what is understood and refused."""
from __future__ import annotations

import datetime as _dt
import os
import re

from . import _core
from ._entry_sheets import COLUMNS, HEAD_ROW, LISTS_SHEET, cell_ref, error, quote_sheet, read

_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")  # characters Excel refuses in a sheet title
TARGETS_COLUMN = len(COLUMNS) + 2  # K: one empty column after the entry columns A–I

# The workbook's own words; the targets table borrows the reports' (_core.labels). Headings must
# stay names the progress CSV understands (_core._canonical_column), as the reader maps by them.
_WORDS = {
    "vi": {
        "instructions": "Hướng dẫn",
        "headings": ["Đơn vị", "Chỉ tiêu", "Ngày", "Số lượng", "Ngày báo cáo", "Ghi chú",
                     "Người báo cáo", "Thay thế", "Mã"],
        "entry_title": "Nhập tiến độ — {}",
        "targets_title": "Kế hoạch được giao",
        "checks": ["Chọn đơn vị trong danh sách (hoặc gõ mã đơn vị).",
                   "Chọn chỉ tiêu trong danh sách (hoặc gõ mã chỉ tiêu).",
                   "Ngày thực hiện phải trong đợt {first} – {last}.",
                   "Ngày báo cáo phải từ {first} đến {reported_last}.",
                   "Số lượng là số từ 0 trở lên.",
                   "Thay thế: số thứ tự (từ 0) của bản ghi mà dòng này sửa."],
        "lines": [
            "Sổ nhập tiến độ: {campaign}",
            "Mỗi thôn một trang; mỗi dòng là một việc đã làm.",
            "Đơn vị và Chỉ tiêu: chọn trong danh sách thả xuống (hoặc gõ mã).",
            "Ngày: ngày thực hiện, dạng ngày/tháng/năm (6/5/2022), trong đợt {first} – {last}.",
            "Số lượng: số từ 0 trở lên; số thập phân dùng dấu phẩy (1,5).",
            "Ngày báo cáo: để trống nếu báo cáo cùng ngày thực hiện.",
            "Dòng trống được bỏ qua. Nếu một ô sai, cả sổ không được nhập và "
            "thông báo lỗi chỉ rõ trang và ô (ví dụ 'Cẩm Trang'!D7).",
            "Kế hoạch được giao của từng đơn vị ở bên phải vùng nhập.",
            "Thay thế: để sửa một bản ghi đã nhập, ghi số thứ tự của nó (đếm từ 0: các bản ghi "
            "đã có trong đợt, rồi các dòng của sổ này theo thứ tự trang và dòng).",
            "Mã (không bắt buộc): mã riêng của dòng, ví dụ CT-0012; nhập lại sổ vào kho dữ liệu "
            "thì dòng đã có mã không bị tính hai lần.",
        ],
    },
    "en": {
        "instructions": "Instructions",
        "headings": ["Unit", "Indicator", "Date", "Quantity", "Reported", "Note", "Reporter",
                     "Supersedes", "Id"],
        "entry_title": "Progress entry — {}",
        "targets_title": "Targets set",
        "checks": ["Pick a unit from the list (or type its id).",
                   "Pick an indicator from the list (or type its id).",
                   "The day done must be within {first} – {last}.",
                   "The reporting day must be from {first} to {reported_last}.",
                   "The quantity is a number 0 or more.",
                   "Supersedes: the number (from 0) of the record this row corrects."],
        "lines": [
            "Progress entry workbook: {campaign}",
            "One sheet per village; one row per piece of work done.",
            "Unit and Indicator: pick from the drop-down list (or type the id).",
            "Date: the day the work was done, day/month/year (6/5/2022), within {first} – {last}.",
            "Quantity: a number 0 or more.",
            "Reported: leave empty when reported on the day the work was done.",
            "Empty rows are skipped. If one cell is wrong nothing is added, and the error "
            "names the sheet and cell (e.g. 'Cẩm Trang'!D7).",
            "Each unit's targets are shown to the right of the entry area.",
            "Supersedes: to correct a record, give its number (from 0: the campaign's records, "
            "then this workbook's rows in sheet and row order).",
            "Id (optional): the row's own id, e.g. CT-0012; importing the workbook into a store "
            "again then never counts the row twice.",
        ],
    },
}


def _sheet_title(name: str, taken: set) -> str:
    """A title Excel accepts: no forbidden characters, at most 31, unique ignoring case."""
    base = _FORBIDDEN.sub("-", _core.nfc(name)).strip("' ") or "Sheet"
    title, n = base[:31], 1
    while title.casefold() in taken or title.casefold() == "history":  # Excel reserves History
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)] + suffix
    taken.add(title.casefold())
    return title


def _scopes(campaign, units):
    """(unit index the sheet is named after, unit indices whose work goes on that sheet)."""
    tree = campaign.units
    every = range(len(tree))
    if units is not None:
        chosen = [units] if isinstance(units, (str, int)) else list(units)
        heads = [campaign.unit_index(u) for u in chosen]
        return [(h, [k for k in every if tree.is_ancestor_or_self(h, k)]) for h in heads]
    villages = tree.units_at("village")
    if not villages:
        return [(tree.root, list(every))]
    scopes = [(v, [k for k in every if tree.is_ancestor_or_self(v, k)]) for v in villages]
    in_village = {k for _, ks in scopes for k in ks}
    scopes.append((tree.root, [k for k in every if k not in in_village]))  # commune, organisations
    return scopes


def _unit_labels(campaign, scope):
    """Drop-down labels: the unit's name, or "name (id)" when the name repeats on the sheet."""
    tree = campaign.units
    names = [_core.nfc(tree.name(k)) for k in scope]
    return [n if names.count(n) == 1 else f"{n} ({tree.id(k)})" for n, k in zip(names, scope)]


def write_entry_workbook(campaign, path, *, units=None, language: str = "vi",
                         progress: bool = False):
    """Write a data-entry workbook for ``campaign`` to ``path``; returns the openpyxl Workbook.

    ``units``: None for the whole commune (one sheet per village, then one for the commune and
    its organisations), a unit id for that unit's sheet, or a list of them. Each entry sheet is
    protected except its nine entry columns below the headings. ``progress=True`` also writes
    the campaign's progress log into the sheets, so that reading the workbook into the campaign
    without progress gives the same records (docs/format.md).
    """
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter, quote_sheetname
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("write_entry_workbook needs openpyxl: pip install openpyxl") from e

    lab = _core.labels(language)  # refuses a language but vi or en
    words = _WORDS[language]
    tree, indicators = campaign.units, campaign.indicators
    scopes = _scopes(campaign, units)
    indicator_labels = [i.name(language) or i.id for i in indicators]

    wb = Workbook()
    guide = wb.active
    guide.title = words["instructions"]
    fmt = _core.format_date_vi
    for r, line in enumerate(words["lines"], start=1):
        guide.cell(row=r, column=1, value=line.format(
            campaign=campaign.name, first=fmt(campaign.first), last=fmt(campaign.last)))
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 100

    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    lists.cell(row=1, column=1, value="indicator")
    lists.cell(row=1, column=2, value="id")
    for r, (text, ind) in enumerate(zip(indicator_labels, indicators), start=2):
        lists.cell(row=r, column=1, value=text)
        lists.cell(row=r, column=2, value=ind.id)
    indicator_range = f"{quote_sheetname(LISTS_SHEET)}!$A$2:$A${len(indicators) + 1}"

    taken = {words["instructions"].casefold(), LISTS_SHEET.casefold()}
    sheets = []
    for k, (head, scope) in enumerate(scopes):
        ws = wb.create_sheet(_sheet_title(tree.name(head) or tree.id(head), taken))
        labels = _unit_labels(campaign, scope)
        col = 3 + 2 * k  # this sheet's units in the list sheet: labels, then ids
        lists.cell(row=1, column=col, value=ws.title)
        lists.cell(row=1, column=col + 1, value=tree.id(head))
        for r, (text, u) in enumerate(zip(labels, scope), start=2):
            lists.cell(row=r, column=col, value=text)
            lists.cell(row=r, column=col + 1, value=tree.id(u))
        letter = get_column_letter(col)
        unit_range = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${len(scope) + 1}"
        _write_entry_sheet(ws, campaign, tree.name(head), words, unit_range, indicator_range)
        _write_targets(ws, campaign, scope, labels, indicator_labels, lab, words)
        sheets.append((ws, scope, labels))
    if progress:
        _write_progress(campaign, sheets, indicator_labels)

    wb.move_sheet(lists, offset=len(wb.sheetnames) - 1 - wb.index(lists))  # hidden, last
    wb.save(os.fspath(path))
    return wb


def _write_entry_sheet(ws, campaign, name, words, unit_range, indicator_range):
    """Title, headings, open entry columns and their checks; the rest of the sheet locked."""
    from openpyxl.styles import Font, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.cell(row=1, column=1, value=words["entry_title"].format(name)).font = \
        Font(bold=True, size=13)
    for c, text in enumerate(words["headings"], start=1):
        _heading(ws.cell(row=HEAD_ROW, column=c), text)
    # Cells are unlocked (and dates formatted) by column, so every row below the headings
    # is open for typing without writing a million styled cells; rows 1–2 stay locked.
    for c in range(1, len(COLUMNS) + 1):
        dim = ws.column_dimensions[get_column_letter(c)]
        dim.protection = Protection(locked=False)
        if COLUMNS[c - 1] in ("date", "reported"):
            dim.number_format = "d/m/yyyy"
        for r in range(1, HEAD_ROW + 1):
            ws.cell(row=r, column=c).protection = Protection(locked=True)
    first, reported_last = campaign.first, campaign.last + _dt.timedelta(days=60)
    checks = [DataValidation(type="list", formula1=unit_range),
              DataValidation(type="list", formula1=indicator_range),
              DataValidation(type="date", operator="between", formula1=_excel_day(first),
                             formula2=_excel_day(campaign.last)),
              DataValidation(type="date", operator="between", formula1=_excel_day(first),
                             formula2=_excel_day(reported_last)),
              DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0"),
              DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0")]
    fmt = _core.format_date_vi
    messages = words["checks"]
    for letter, dv, message in zip("ABCEDH", checks, messages):
        # A warning, not a stop: the officer may still type an id, and the reader checks all.
        dv.allow_blank, dv.showErrorMessage, dv.errorStyle = True, True, "warning"
        dv.error = message.format(first=fmt(first), last=fmt(campaign.last),
                                  reported_last=fmt(reported_last))
        dv.add(f"{letter}{HEAD_ROW + 1}:{letter}1048576")  # to Excel's last row
        ws.add_data_validation(dv)
    ws.protection.sheet = True
    ws.freeze_panes = ws.cell(row=HEAD_ROW + 1, column=1)
    for letter, width in zip("ABCDEFGHIJKLM",
                             (28, 36, 11, 10, 13, 24, 18, 10, 12, 3, 28, 36, 10)):
        ws.column_dimensions[letter].width = width


def _heading(cell, text):
    """A heading cell: bold on light blue, as write_xlsx draws them."""
    from openpyxl.styles import Alignment, Font, PatternFill

    cell.value = text
    cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _excel_day(day) -> str:
    """Excel's number for a day (1900 date system), as a data validation's bound."""
    return str((day - _dt.date(1899, 12, 30)).days)


def _write_targets(ws, campaign, scope, labels, indicator_labels, lab, words):
    """The targets of each unit × indicator of the sheet, in columns K–M beside the entry area."""
    from openpyxl.styles import Font

    ws.cell(row=1, column=TARGETS_COLUMN, value=words["targets_title"]).font = Font(bold=True)
    for c, text in enumerate((lab["unit"], lab["indicator"], lab["target"]),
                             start=TARGETS_COLUMN):
        _heading(ws.cell(row=HEAD_ROW, column=c), text)
    r = HEAD_ROW
    for u, label in zip(scope, labels):
        for i, name in enumerate(indicator_labels):
            target = campaign.target(u, i)
            if target is None:
                continue
            r += 1
            ws.cell(row=r, column=TARGETS_COLUMN, value=label)
            ws.cell(row=r, column=TARGETS_COLUMN + 1, value=name)
            ws.cell(row=r, column=TARGETS_COLUMN + 2,
                    value=int(target) if target.is_integer() else target)


def _write_progress(campaign, sheets, indicator_labels):
    """Every record of the log on the first sheet holding its unit, in log order. The reader
    numbers rows sheet by sheet, top to bottom: `supersedes` is written in that numbering."""
    log, tree = campaign.progress, campaign.units
    units, inds, done, reported = (log.units(), log.indicators(), log.done_days(),
                                   log.reported_days())
    quantities, notes, reporters, corrects = (log.quantities(), log.notes(), log.reporters(),
                                              log.supersedes_column())
    sheet_of = {}
    for k, (_, scope, labels) in enumerate(sheets):
        for u, label in zip(scope, labels):
            sheet_of.setdefault(u, (k, label))
    rows = [[] for _ in sheets]
    for r in range(len(log)):
        if int(units[r]) not in sheet_of:
            raise error(_core.ValidationError, f"progress record {r}",
                        f'unit "{tree.id(int(units[r]))}" has no sheet in this workbook; write '
                        "the sheets of every unit with records (units=None)")
        rows[sheet_of[int(units[r])][0]].append(r)
    position = {r: k for k, r in enumerate(r for sheet_rows in rows for r in sheet_rows)}
    day = lambda offset: campaign.first + _dt.timedelta(days=int(offset))  # noqa: E731
    for (ws, _, _), sheet_rows in zip(sheets, rows):
        for row, r in enumerate(sheet_rows, start=HEAD_ROW + 1):
            s = int(corrects[r])
            if s >= 0 and position[s] > position[r]:
                raise error(_core.ValidationError, f"progress record {r}",
                            f"it corrects record {s}, which goes on a later sheet; write one "
                            f"sheet for the whole commune (units={tree.id(tree.root)!r})")
            values = (sheet_of[int(units[r])][1], indicator_labels[int(inds[r])], day(done[r]),
                      float(quantities[r]), day(reported[r]) if reported[r] != done[r] else None,
                      notes[r] or None, reporters[r] or None, position[s] if s >= 0 else None)
            for c, v in enumerate(values, start=1):
                cell = ws.cell(row=row, column=c, value=v)
                if isinstance(v, _dt.date):
                    cell.number_format = "d/m/yyyy"


def read_entry_workbook(campaign, path, *, number_style=None):
    """The progress records typed in an entry workbook, as a list of ProgressRecords.

    Every sheet whose row 2 holds the entry headings (Đơn vị, Chỉ tiêu, Ngày, Số lượng, …,
    Vietnamese or English) is read; empty rows are skipped. Units and indicators come back as
    ids. Errors name the cell: ``'Cẩm Trang'!C7: expected a date …``. ``number_style`` ("vi":
    1.234,5; "en": 1,234.5) declares how quantities typed as text are written.
    """
    return read(campaign, path, number_style)[0]


def add_progress_workbook(self, path, number_style=None) -> None:
    """Add every row of an entry workbook (write_entry_workbook) as one batch: all or nothing.

    Errors (ParseError, ValidationError) name the sheet and cell, also for what the campaign
    refuses (a day outside the window, a negative quantity, …). ``number_style`` as in
    read_entry_workbook."""
    records, places, _ = read(self, path, number_style)
    try:
        self.add_progress(records)
    except _core.Error as e:
        m = re.match(r"progress record (\d+), field (\w+)$", e.where)
        if not m:
            raise
        sheet, row, columns = places[int(m.group(1))]
        field = m.group(2)
        where = (cell_ref(sheet, columns[field], row) if field in columns
                 else f"{quote_sheet(sheet)}!{row}:{row}")
        raise error(type(e), where, e.detail) from None


