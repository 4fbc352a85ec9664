"""Property tests (hypothesis) of the Python ingest paths: a batch is added whole or refused with
an ntmkit error, and a refused batch leaves the campaign byte-identical (canonical JSON and
roll-up); an accepted one adds exactly its records. The JSON text round-trips exactly."""
import csv
import datetime as dt
import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ntmkit
from conftest import CAMPAIGN_JSON, PROGRESS_CSV, snapshot

SEED = ntmkit.Campaign.load(CAMPAIGN_JSON)
SEED.load_progress_csv(PROGRESS_CSV)
UNITS = [SEED.units.id(u) for u in range(len(SEED.units))]
INDICATORS = SEED.indicator_ids
# No example database: a run leaves no .hypothesis/ directory in the tree.
FAST = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])

# Cells as an officer might type them: mostly good, some hostile.
units = st.one_of(st.sampled_from(UNITS), st.sampled_from(["Tổ liên gia 1", "Cẩm Trang",
                                                           "Bắc Sơn", "", "xa "]), st.text())
indicators = st.one_of(st.sampled_from(INDICATORS),
                       st.sampled_from(["Cổng ngõ", "Hộ trồng mới, bổ sung hàng rào xanh", "x"]))
days = st.one_of(st.dates(dt.date(2022, 4, 10), dt.date(2022, 6, 5)).map(
    lambda d: f"{d.day}/{d.month}/{d.year}"), st.sampled_from(["30/2/2022", "16/4", "abc"]))
quantities = st.one_of(st.integers(-3, 60).map(str), st.floats(allow_nan=True).map(repr),
                       st.sampled_from(["1.234", "1,5", "12,500", "1e400", "", "-0"]))
rows = st.lists(st.tuples(units, indicators, days, quantities, st.text(max_size=8)),
                min_size=1, max_size=6)


def csv_text(batch):
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["unit", "indicator", "date", "quantity", "note"])
    w.writerows(batch)
    return out.getvalue()


def added_whole_or_not_at_all(campaign, call, count):
    before, n = snapshot(campaign), len(campaign.progress)
    try:
        call()
    except ntmkit.Error as e:
        str(e).encode("utf-8")  # valid UTF-8: no lone surrogates
        assert e.where
        assert snapshot(campaign) == before
        return False
    assert len(campaign.progress) == n + count
    return True


@FAST
@given(rows)
def test_a_csv_batch_is_added_whole_or_leaves_the_campaign_byte_identical(batch):
    c = SEED.copy()
    text = csv_text(batch)
    blank = sum(1 for r in batch if not any(x.strip(" \t") for x in r))
    added_whole_or_not_at_all(c, lambda: c.add_progress_csv(text), len(batch) - blank)


@FAST
@given(st.lists(st.fixed_dictionaries({
    "unit": units, "indicator": indicators, "date": days,
    "quantity": st.one_of(st.integers(-3, 60), st.floats(), st.text(max_size=3))}),
    min_size=1, max_size=6))
def test_a_record_batch_is_added_whole_or_leaves_the_campaign_byte_identical(records):
    c = SEED.copy()
    added_whole_or_not_at_all(c, lambda: c.add_progress(records), len(records))


@FAST
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.lists(st.integers(-2, len(UNITS) + 1), min_size=n, max_size=n),
    st.lists(st.integers(-1, len(INDICATORS)), min_size=n, max_size=n),
    st.lists(st.integers(-2, 48), min_size=n, max_size=n),
    st.lists(st.floats(-1, 1e6) | st.sampled_from([np.nan, np.inf]), min_size=n,
             max_size=n))))
def test_numpy_columns_are_added_whole_or_leave_the_campaign_byte_identical(columns):
    c = SEED.copy()
    unit, indicator, day, quantity = (np.array(x) for x in columns)
    added_whole_or_not_at_all(
        c, lambda: c.add_progress_arrays(unit, indicator, day, quantity), len(unit))


@FAST
@given(st.lists(st.tuples(units, indicators, st.one_of(st.integers(-5, 300), st.floats())),
                min_size=1, max_size=5))
def test_targets_are_set_together_or_leave_the_campaign_byte_identical(targets):
    c = SEED.copy()
    before = snapshot(c)
    try:
        c.set_targets(targets)
    except ntmkit.Error:
        assert snapshot(c) == before
        return
    # Every key resolved; the last value given for a cell (by id or by name) wins.
    cells = [(c.unit_index(u), c.indicator_at(i), v) for u, i, v in targets]
    for unit, indicator, _ in cells:
        last = [v for u, i, v in cells if (u, i) == (unit, indicator)][-1]
        assert c.target(unit, indicator) == last


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=40, deadline=None, database=None)
@given(st.lists(names, min_size=3, max_size=3), names, rows)
def test_the_json_text_round_trips_exactly(unit_names, campaign_name, batch):
    specs = [ntmkit.UnitSpec("xa", unit_names[0], "commune"),
             ntmkit.UnitSpec("a", unit_names[1], "village", "xa", households=30),
             ntmkit.UnitSpec("a1", unit_names[2], "household_group", "a", households=30)]
    c = ntmkit.Campaign("p", campaign_name, "15/4/2022", "30/5/2022", specs,
                        [ntmkit.Indicator("hedge", campaign_name, "Hedge")])
    try:
        c.add_progress_csv(csv_text([("a1", "hedge") + r[2:] for r in batch]))
    except ntmkit.Error:
        pass
    text = c.to_json()
    again = ntmkit.Campaign.from_json(text)
    assert again == c
    assert again.to_json() == text
