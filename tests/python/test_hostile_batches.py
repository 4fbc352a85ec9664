"""The catalogue of hostile inputs, continued: filled data-entry workbooks and numpy columns.
Each case is refused with its error class at its place ('Sheet'!Cell, array position and field,
unit id) and leaves the campaign byte-identical (canonical JSON and roll-up)."""
import datetime as dt

import numpy as np
import openpyxl
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON, snapshot
from test_workbook import fill

P, V, D = ntmkit.ParseError, ntmkit.ValidationError, ntmkit.DTypeError
CT = "Cẩm Trang"  # a village sheet of the seed's entry workbook
GOOD = ["Tổ liên gia 1", "hang_rao_xanh", dt.datetime(2022, 4, 20), 1]


def refused(campaign, call, error_class):
    before = snapshot(campaign)
    with pytest.raises(error_class) as e:
        call()
    assert type(e.value) is error_class
    str(e.value).encode("utf-8")  # valid UTF-8: no lone surrogates
    assert snapshot(campaign) == before
    return e.value


def merged(path):
    """A unit typed once for two rows, its cells merged (A3:A4)."""
    fill(path, CT, [GOOD, [None, "cong_ngo", "6/5/2022", 1]])
    wb = openpyxl.load_workbook(path)
    wb[CT].merge_cells("A3:A4")
    wb.save(path)


def renamed(path):
    """The village's sheet renamed by hand: its hidden list no longer names it."""
    fill(path, CT, [["Tổ liên gia 1", "cong_ngo", "6/5/2022", 1]])
    wb = openpyxl.load_workbook(path)
    wb[CT].title = "Thôn Cẩm Trang"
    wb.save(path)


def two_sheets_over_a_groups_households(path):
    """cam_trang_to_1 has 43 households: 40 on its village's sheet, 4 more on the commune's."""
    fill(path, CT, [["Tổ liên gia 1", "hang_rao_xanh", "20/4/2022", 40]])
    fill(path, "Xã (seed commune, Hà Tĩnh)", [["cam_trang_to_1", "hang_rao_xanh", "21/4/2022", 4]])


def row(*cells):
    return lambda path: fill(path, CT, [GOOD, list(cells)])


# name: (how the officer filled the workbook, error class, where, a piece of the detail)
WORKBOOK_CASES = {
    "totals_row": (row("Tổng cộng", None, None, 3), P, f"'{CT}'!B4",
                   "expected an indicator, the cell is empty"),
    "merged_unit_cells": (merged, P, f"'{CT}'!A4", "expected a unit, the cell is empty"),
    "bool_in_date": (row("Tổ liên gia 1", "cong_ngo", True, 1), P, f"'{CT}'!C4", "got True"),
    "text_date_30_february": (row("Tổ liên gia 1", "cong_ngo", "30/2/2022", 1), P,
                              f"'{CT}'!C4", '"30/2/2022"'),
    "quantity_1e400": (row("Tổ liên gia 1", "cong_ngo", "6/5/2022", "1e400"), P,
                       f"'{CT}'!D4", '"1e400"'),
    "quantity_inf": (row("Tổ liên gia 1", "cong_ngo", "6/5/2022", "inf"), P, f"'{CT}'!D4",
                     '"inf"'),
    "quantity_is_a_date": (row("Tổ liên gia 1", "cong_ngo", "6/5/2022",
                               dt.datetime(2022, 5, 6)), P, f"'{CT}'!D4", "expected a number"),
    "reported_before_done": (row("Tổ liên gia 1", "cong_ngo", "6/5/2022", 1, "5/5/2022"), V,
                             f"'{CT}'!E4", "before the work was done"),
    "error_in_note": (row("Tổ liên gia 1", "cong_ngo", "6/5/2022", 1, None, "#DIV/0!"), P,
                      f"'{CT}'!F4", "#DIV/0!"),
    "indicator_id_in_capitals": (row("Tổ liên gia 1", "HANG_RAO_XANH", "6/5/2022", 1), V,
                                 f"'{CT}'!B4", '"HANG_RAO_XANH"'),
    "unit_typed_as_a_number": (row(12, "cong_ngo", "6/5/2022", 1), V, f"'{CT}'!A4", '"12"'),
    "renamed_sheet_shared_name": (renamed, V, "'Thôn Cẩm Trang'!A3",
                                  '"Tổ liên gia 1" is the name of 10 units'),
    "households_over_two_sheets": (two_sheets_over_a_groups_households, V,
                                   "'Xã (seed commune, Hà Tĩnh)'!D3", "43 households"),
}


@pytest.fixture
def entry(seed_with_progress, tmp_path):
    path = tmp_path / "nhap.xlsx"
    ntmkit.write_entry_workbook(seed_with_progress, path)
    return seed_with_progress, path


@pytest.mark.parametrize("name", sorted(WORKBOOK_CASES))
def test_a_hostile_workbook_is_refused_at_its_sheet_and_cell(entry, name):
    campaign, path = entry
    prepare, error_class, where, detail = WORKBOOK_CASES[name]
    prepare(path)
    e = refused(campaign, lambda: campaign.add_progress_workbook(path), error_class)
    assert e.where == where
    assert detail in e.detail


def numpy_cases(c):
    """name: (unit, indicator, day, quantity, reported, error class, where, detail)."""
    u = c.units.at("cam_trang_to_1")  # 43 households
    hedge, gate = c.indicator_at("hang_rao_xanh"), c.indicator_at("cong_ngo")
    n_units = len(c.units)
    return {
        "float_units": ([u, 2.5], [gate] * 2, [0, 1], [1, 1], None, D, "array unit", "float64"),
        "strings_as_units": (np.array(["cam_trang_to_1"], dtype=object), [gate], [0], [1], None,
                             D, "array unit", "object"),
        "unit_past_the_tree": ([u, n_units], [gate] * 2, [0, 1], [1, 1], None, V,
                               "arrays, position 1, field unit", ""),
        "negative_indicator": ([u], [-1], [0], [1], None, V,
                               "arrays, position 0, field indicator", ""),
        "nan_quantity": ([u, u], [gate] * 2, [0, 1], [1, np.nan], None, V,
                         "arrays, position 1, field quantity", ""),
        "infinite_quantity": ([u], [gate], [0], [np.inf], None, V,
                              "arrays, position 0, field quantity", ""),
        "negative_quantity": ([u], [gate], [0], [-1], None, V,
                              "arrays, position 0, field quantity", "0 or more"),
        "day_after_the_window": ([u, u], [gate] * 2, [0, 46], [1, 1], None, V,
                                 "arrays, position 1, field date", ""),
        "date_before_the_window": ([u], [gate], np.array(["2022-04-14"], dtype="datetime64[D]"),
                                   [1], None, V, "arrays, position 0, field date", ""),
        "reported_before_done": ([u], [gate], [5], [1], [4], V,
                                 "arrays, position 0, field reported", ""),
        "columns_of_two_lengths": ([u, u], [gate], [0, 1], [1, 1], None, V, "array indicator",
                                   "expected 2"),
        "households_exceeded": ([u, u], [hedge] * 2, [0, 1], [40, 40], None, V,
                                "arrays, position 1, field quantity", "cam_trang_to_1"),
    }


@pytest.mark.parametrize("name", sorted(numpy_cases(ntmkit.Campaign.load(CAMPAIGN_JSON))))
def test_hostile_numpy_columns_are_refused_at_their_position_and_field(seed_with_progress, name):
    c = seed_with_progress
    unit, indicator, day, quantity, reported, error_class, where, detail = numpy_cases(c)[name]
    e = refused(c, lambda: c.add_progress_arrays(unit, indicator, day, quantity, reported),
                error_class)
    assert e.where.startswith(where)
    assert detail in e.detail
