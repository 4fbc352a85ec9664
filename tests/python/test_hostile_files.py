"""The catalogue of hostile files (tests/hostile/): campaign JSON and progress CSV as they come
from a commune office, each refused with the right error class at the right place, leaving the
campaign as it was. Expected places are read off the files by hand (row numbers as a
spreadsheet shows them, header = row 1; JSON pointers of the value changed from base.json)."""
import pytest

import ntmkit
from conftest import PROGRESS_CSV, ROOT, snapshot

HOSTILE = ROOT / "tests" / "hostile"
P, V = ntmkit.ParseError, ntmkit.ValidationError

# name: (error class, where after "<file>", a piece of the detail). base.json's units are
# xa (0), A (1), A1 (2), B (3), B1 (4), hnd (5); its targets xa (0) and A (1).
JSON_CASES = {
    "typo_member": (P, "#/units/1/househlds", 'did you mean "households"?'),
    "households_2_63": (P, "#/units/1/households", "9223372036854775808"),
    "negative_households": (V, "#/units/1/households", "0 or more, got -1"),
    # A and B 2^62 each: A, added second (the sum goes backwards), takes xa past 2^63 - 1.
    "households_sum_overflow": (V, "#/units/1", 'of unit "A" take unit "xa"\'s count past'),
    "other_format": (P, "#/format", 'expected "ntmkit-campaign"'),
    "format_version_2": (P, "#/format_version", "format version 1"),
    "window_missing": (P, "#/", 'missing member "window"'),
    "window_reversed": (V, "#/window/last", "before the first day 15/4/2022"),
    "date_30_february": (P, "#/window/first", "30/2/2022"),
    "duplicate_unit_id": (V, "#/units/3", 'duplicate unit id "A"'),
    "two_roots": (V, "#/units/3", "exactly one root unit"),
    "unit_cycle": (V, "#/units/1", "cycle"),
    "unknown_parent": (V, "#/units/3", 'names parent "C"'),
    "unknown_level": (P, "#/units/0/level", "district_town"),
    "unknown_over_time": (P, "#/indicators/1/over_time", "average"),
    "duplicate_indicator_id": (V, "#/indicators/1/id", "hedge"),
    "target_negative": (V, "#/targets/1/value", "0 or more, got -8"),
    "target_above_households": (V, "#/targets/1/value", "10 households, target 11"),
    "target_text": (P, "#/targets/1/value", 'expected a number, got string "8"'),
    "target_unknown_unit": (V, "#/targets/1/unit", "Thôn C"),
    "target_ambiguous_name": (V, "#/targets/1/unit", "is the name of 2 units: A1, B1"),
    "progress_outside_window": (V, "#/progress/0/date", "1/6/2022 is outside the campaign"),
    "progress_quantity_text": (P, "#/progress/0/quantity", 'got string "2"'),
    "progress_supersedes_itself": (V, "#/progress/0/supersedes", "does not exist before"),
    "progress_over_households": (V, "#/progress/0/quantity", "4 households"),
    "progress_reported_before_done": (V, "#/progress/0/reported", ""),
    "theme_unknown_indicator": (V, "#/themes/0/indicators", '"toilet"'),
    "submission_not_a_report_date": (V, "#/submissions/0/period", "not a report date"),
    "number_1e400": (P, "", "out of range"),
    "duplicate_member": (P, "#/units/1/households", '"households" is written twice'),
}


def load_refused(path, error_class):
    """Loading is refused; a campaign loaded before (base.json) is untouched meanwhile."""
    base = ntmkit.Campaign.load(HOSTILE / "json" / "base.json")
    before = snapshot(base)
    with pytest.raises(error_class) as e:
        ntmkit.Campaign.load(path)
    assert type(e.value) is error_class
    assert snapshot(base) == before
    str(e.value).encode("utf-8")  # valid UTF-8: no lone surrogates
    return e.value


def test_the_base_file_of_the_catalogue_loads():
    c = ntmkit.Campaign.load(HOSTILE / "json" / "base.json")
    assert (len(c.units), len(c.indicators), len(c.progress)) == (6, 2, 1)


@pytest.mark.parametrize("name", sorted(JSON_CASES))
def test_a_hostile_campaign_file_is_refused_at_its_json_pointer(name):
    error_class, where, detail = JSON_CASES[name]
    path = HOSTILE / "json" / f"{name}.json"
    e = load_refused(path, error_class)
    assert e.where == f"{path}{where}"
    assert detail in e.detail


# Syntax-level files: refused at a byte of the file. (name, first byte, last byte) of the
# place, worked out from the file: where nesting passes 64 levels, the cut UTF-8 sequence…
def byte_places():
    json_dir = HOSTILE / "json"
    text = lambda n: (json_dir / f"{n}.json").read_bytes()  # noqa: E731
    targets = text("deep_under_targets").index(b"[[[")
    cut = text("truncated_utf8").index(b"Th\xc3")
    return {
        "deep_nesting": (64, 64),                  # the 65th '['
        "deep_under_targets": (targets + 62, targets + 62),  # root and targets are 2 levels
        "truncated_utf8": (cut + 2, cut + 4),      # the 0xC3 or the quote after it
        "utf16": (0, 1),                           # the byte-order mark
        "trailing_garbage": (len(text("base")), len(text("base")) + 1),
        "empty": (0, 1),
    }


@pytest.mark.parametrize("name", sorted(byte_places()))
def test_a_campaign_file_that_is_no_json_is_refused_at_its_byte(name):
    low, high = byte_places()[name]
    path = HOSTILE / "json" / f"{name}.json"
    e = load_refused(path, P)
    prefix = f"{path} byte "
    assert e.where.startswith(prefix)
    assert low <= int(e.where[len(prefix):]) <= high


# name: (error class, where after "<file> ", a piece of the detail). Every file has the header
# (row 1) and a good record (row 2) before the bad one, so a half-added batch would show.
CSV_CASES = {
    "windows_1258_undefined_byte": (P, "row 3, column 2", "byte 0x81"),
    "utf16_odd_length": (P, "row 1, column 1", "odd number of bytes"),
    "utf16_lone_surrogate": (P, "row 3, column 6", "high surrogate"),
    "unclosed_quote": (P, "row 3", "not closed"),
    "too_many_cells": (P, "row 3, column 8", "the row has 8 cells but the header only 7"),
    "missing_quantity_column": (P, "row 1", 'missing column "quantity"'),
    "column_twice": (P, "row 1, column 5", 'column "quantity" appears twice'),
    "quantity_thousands_dot": (P, "row 3, column quantity", '"1.234" could mean 1.234 or 1234'),
    "quantity_thousands_comma": (P, "row 3, column quantity", "could mean 12.500 or 12500"),
    "quantity_text": (P, "row 3, column quantity", 'expected a number, got "hai"'),
    "quantity_nan": (P, "row 3, column quantity", 'expected a number, got "nan"'),
    "quantity_1e400": (P, "row 3, column quantity", '"1e400"'),
    "quantity_negative": (V, "row 3, column quantity", "0 or more"),
    "date_30_february": (P, "row 3, column date", "30/2/2022"),
    "date_outside_window": (V, "row 3, column date", "1/6/2022 is outside the campaign"),
    "reported_before_done": (V, "row 3, column reported", ""),
    "unknown_unit": (V, "row 3, column unit", "Thôn Ma"),
    "ambiguous_unit_name": (V, "row 3, column unit", "is the name of 10 units: cam_trang_to_1"),
    "unknown_indicator": (V, "row 3, column indicator", '"hang_rao"'),
    "supersedes_a_later_record": (V, "row 3, column supersedes", "does not exist before"),
    "supersedes_1e300": (P, "row 3, column supersedes", "expected a record number"),
    "households_exceeded": (V, "row 3, column quantity", "43 households"),
    "empty_unit_cell": (P, "row 3, column unit", "empty cell"),
    "bad_row_after_blank_rows": (P, "row 6, column quantity", '"x"'),
}


@pytest.mark.parametrize("name", sorted(CSV_CASES))
def test_a_hostile_progress_csv_is_refused_at_its_row_and_column(seed_with_progress, name):
    error_class, where, detail = CSV_CASES[name]
    path = HOSTILE / "csv" / f"{name}.csv"
    before = snapshot(seed_with_progress)
    with pytest.raises(error_class) as e:
        seed_with_progress.load_progress_csv(path)
    assert type(e.value) is error_class
    assert e.value.where == f"{path} {where}"
    assert detail in e.value.detail
    str(e.value).encode("utf-8")  # valid UTF-8: no lone surrogates
    assert snapshot(seed_with_progress) == before


def test_an_empty_csv_file_is_refused_naming_the_file(seed_with_progress):
    path = HOSTILE / "csv" / "empty.csv"
    before = snapshot(seed_with_progress)
    with pytest.raises(P) as e:
        seed_with_progress.load_progress_csv(path)
    assert e.value.where == str(path)
    assert snapshot(seed_with_progress) == before


def test_every_file_of_the_catalogue_has_a_case():
    listed = set(JSON_CASES) | set(byte_places()) | {"base"}
    assert {p.stem for p in (HOSTILE / "json").glob("*.json")} == listed
    assert {p.stem for p in (HOSTILE / "csv").glob("*.csv")} == set(CSV_CASES) | {"empty"}
    assert PROGRESS_CSV.exists()
