import datetime
import threading
import time

import numpy as np
import pytest

import ntmkit


def arrays_from_csv(c, rows):
    """Only rows without corrections or late reports, as the simplest bulk input."""
    plain = [r for r in rows if r["supersedes"] is None and r["reported"] == r["date"]]
    unit = np.array([c.units.at(r["unit"]) for r in plain], dtype=np.int32)
    ind = np.array([c.indicator_at(r["indicator"]) for r in plain], dtype=np.int64)
    day = np.array([(r["date"] - c.first).days for r in plain], dtype=np.int64)
    qty = np.array([r["quantity"] for r in plain], dtype=np.float64)
    return plain, unit, ind, day, qty


def test_bulk_path_matches_records(seed, csv_rows):
    plain, unit, ind, day, qty = arrays_from_csv(seed, csv_rows)
    by_records = seed.copy()
    seed.add_progress_arrays(unit, ind, day, qty)
    assert len(seed.progress) == len(plain)
    # The same records through the record path (ProgressRecord batch) give the same log.
    by_records.add_progress([
        ntmkit.ProgressRecord(r["unit"], r["indicator"], r["date"], quantity=r["quantity"])
        for r in plain])
    assert by_records == seed
    # ... and a different record does not (the comparison can tell logs apart).
    other = by_records.copy()
    other.add_progress([ntmkit.ProgressRecord(plain[0]["unit"], plain[0]["indicator"],
                                              plain[0]["date"], quantity=1.0)])
    assert other != seed
    np.testing.assert_array_equal(seed.progress.units(), unit)
    np.testing.assert_array_equal(seed.progress.done_days(), day)
    r = seed.rollup(seed.last)
    total = sum(q for r_, q in zip(plain, qty) if r_["unit"].startswith("cam_trang")
                and r_["indicator"] == "hang_rao_xanh")
    assert total > 0
    assert r.row("cam_trang", "hang_rao_xanh").cumulative == total


def test_datetime64_days_and_reported(seed):
    unit = np.array([seed.units.at("cam_trang_to_1")] * 2)
    ind = np.array([seed.indicator_at("cong_ngo")] * 2)
    day = np.array(["2022-04-16", "2022-04-20"], dtype="datetime64[D]")
    rep = np.array(["2022-04-16", "2022-04-22"], dtype="datetime64[D]")
    seed.add_progress_arrays(unit, ind, day, [1, 2], reported=rep)
    assert list(seed.progress.done_days()) == [1, 5]
    assert list(seed.progress.reported_days()) == [1, 7]


def test_float_indices_are_rejected_not_truncated(seed):
    with pytest.raises(ntmkit.DTypeError) as e:
        seed.add_progress_arrays(np.array([1.0, 2.7]), np.array([0, 0]), np.array([0, 1]),
                                 np.array([1.0, 1.0]))
    assert isinstance(e.value, TypeError) and isinstance(e.value, ntmkit.Error)
    assert "array unit" in str(e.value) and "float64" in str(e.value)
    with pytest.raises(ntmkit.DTypeError, match="array day"):
        seed.add_progress_arrays([1, 2], [0, 0], [0.5, 1.0], [1.0, 1.0])
    assert len(seed.progress) == 0


def test_bad_values_name_the_position(seed):
    u = seed.units.at("cam_trang_to_1")
    with pytest.raises(ntmkit.ValidationError, match="arrays, position 1, field quantity"):
        seed.add_progress_arrays([u, u], [2, 2], [0, 1], [1.0, -1.0])
    with pytest.raises(ntmkit.ValidationError, match="arrays, position 0, field unit"):
        seed.add_progress_arrays([10_000], [2], [0], [1.0])
    with pytest.raises(ntmkit.ValidationError, match="arrays, position 0, field unit"):
        seed.add_progress_arrays(np.array([2**40]), [2], [0], [1.0])
    with pytest.raises(ntmkit.ValidationError, match="array indicator.*expected 2"):
        seed.add_progress_arrays([u, u], [2], [0, 1], [1.0, 1.0])
    assert len(seed.progress) == 0


def test_strided_and_small_integer_arrays(seed):
    u = seed.units.at("cam_trang_to_1")
    wide = np.array([[u, 99], [u, 99]], dtype=np.int64)[:, 0]  # non-contiguous view
    seed.add_progress_arrays(wide, np.array([2, 2], dtype=np.uint8),
                             np.array([0, 1], dtype=np.int16), np.array([1, 1], dtype=np.int32))
    assert list(seed.progress.units()) == [u, u]
    assert list(seed.progress.quantities()) == [1.0, 1.0]


def test_bulk_path_releases_the_gil(seed):
    # Records added while another thread runs Python code: the other thread must make
    # progress in the middle of the call, which it cannot while the call holds the GIL.
    n = 4_000_000
    leaves = [seed.units.at(f"cam_trang_to_{k}") for k in range(1, 6)]
    unit = np.resize(np.array(leaves, dtype=np.int32), n)
    ind = np.full(n, seed.indicator_at("khu_dan_cu_mau"), dtype=np.int32)
    day = np.arange(n, dtype=np.int32) % seed.window.days
    qty = np.full(n, 0.0)
    ticks = []
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks.append(time.perf_counter())

    t = threading.Thread(target=spin)
    t.start()
    while not ticks:  # the spinner is running before the call starts
        time.sleep(0.001)
    start = time.perf_counter()
    seed.add_progress_arrays(unit, ind, day, qty)
    end = time.perf_counter()
    stop.set()
    t.join()
    assert len(seed.progress) == n
    # Ticks inside the middle half of the call: with the GIL held there would be none.
    lo, hi = start + (end - start) / 4, end - (end - start) / 4
    assert any(lo < x < hi for x in ticks), f"no Python ran during {end - start:.3f} s"


def test_rollup_columns_are_zero_copy_views(seed_with_progress):
    r = seed_with_progress.rollup("6/5/2022")
    cum = r.cumulative
    assert cum.shape == (len(seed_with_progress.units), len(seed_with_progress.indicators))
    assert not cum.flags.writeable and not cum.flags.owndata
    base = cum
    while isinstance(base, np.ndarray):
        base = base.base
    assert base is r
    with pytest.raises(ValueError):
        cum[0, 0] = 1
    # Two reads of the column are views of one buffer, not copies.
    assert np.shares_memory(r.cumulative, r.cumulative)
    # The view keeps the roll-up alive after the name is gone.
    targets = r.targets
    expect = targets.copy()
    del r
    import gc
    gc.collect()
    np.testing.assert_array_equal(targets, expect)


def test_rollup_ratios_are_cumulative_over_target_kept_with_the_tallies(seed_with_progress):
    def expected(r):  # worked out apart: NaN where the target is missing or not positive
        t = r.targets
        out = np.full(t.shape, np.nan)
        np.divide(r.cumulative, t, out=out, where=t > 0)
        return out

    c = seed_with_progress
    r = c.rollup("29/4/2022")
    ratios = r.ratios
    assert not ratios.flags.writeable and np.shares_memory(ratios, r.ratios)
    assert np.isfinite(ratios).any() and np.isnan(ratios).any()
    np.testing.assert_array_equal(ratios, expected(r))
    # Rows report the same figure.
    u, i = np.argwhere(np.isfinite(ratios))[0]
    assert r.row(int(u), int(i)).ratio == ratios[u, i]
    # Brought forward a week, in place: the view taken before shows the new ratios.
    before = ratios.copy()
    r.advance(datetime.date(2022, 5, 6))
    np.testing.assert_array_equal(ratios, expected(r))
    assert not np.array_equal(before, ratios, equal_nan=True)
    # A target changes: the roll-up redone in place shows it, and its ratio; a targets view
    # taken before keeps the targets it was taken from (they are shared, never written over).
    old_targets = r.targets
    kept_before = old_targets.copy()
    unit = c.units[int(u)].id
    indicator = c.indicators[int(i)].id
    c.set_target(unit, indicator, 2 * kept_before[u, i])
    c.rollup(r.as_of, out=r)
    assert r.targets[u, i] == 2 * kept_before[u, i]
    assert r.ratios[u, i] == r.cumulative[u, i] / r.targets[u, i]
    np.testing.assert_array_equal(ratios, expected(r))
    np.testing.assert_array_equal(old_targets, kept_before)


def test_add_progress_columns_is_the_same_path(seed, csv_rows):
    plain, unit, ind, day, qty = arrays_from_csv(seed, csv_rows)
    other = seed.copy()
    seed.add_progress_arrays(unit, ind, day, qty)
    # Narrow, strided, big-endian and datetime64 columns give the same log.
    other.add_progress_columns(np.repeat(unit.astype(">i8"), 2)[::2], ind.astype(np.uint8),
                               day.astype(np.int16), qty.astype(np.float32).astype(">f8"))
    assert other == seed
    with pytest.raises(ntmkit.DTypeError, match="array done.*float64"):
        other.add_progress_columns(unit, ind, day.astype(float), qty)
    u = seed.units.at("cam_trang_to_1")
    with pytest.raises(ntmkit.ValidationError, match="arrays, position 1, field quantity"):
        other.add_progress_columns([u, u], [2, 2], [0, 1], [1.0, -1.0])
    assert other == seed


def test_day_columns_edge_cases(seed):
    u, i = seed.units.at("cam_trang_to_1"), seed.indicator_at("cong_ngo")
    with pytest.raises(ntmkit.ValidationError, match="position 1, field date: missing date"):
        seed.add_progress_arrays([u, u], [i, i],
                                 np.array(["2022-04-16", "NaT"], dtype="datetime64[D]"), [1, 1])
    for far in (2**40, -2**62, 2**63 - 1):
        with pytest.raises(ntmkit.ValidationError,
                           match=f"position 0, field date: day offset {far} "):
            seed.add_progress_arrays([u], [i], np.array([far]), [1.0])
    # reported wider than done is widened with it, never wrapped: past the log's 16-bit day
    # columns it is refused, not stored as day 1.
    with pytest.raises(ntmkit.ValidationError,
                       match="position 0, field reported: .* more than 32767 days after"):
        seed.add_progress_columns([u], [i], np.array([1], dtype=np.int16), [1.0],
                                  reported=np.array([65537], dtype=np.int64))
    seed.add_progress_columns([u], [i], np.array([1], dtype=np.int16), [1.0],
                              reported=np.array([32767], dtype=np.int64))
    assert list(seed.progress.reported_days()) == [32767]
    # datetime64 of any unit is taken by calendar day; reported may be plain offsets.
    seed.add_progress_columns([u], [i], np.array(["2022-04-17T23:59"], dtype="datetime64[m]"),
                              [1.0], reported=np.array([3], dtype=np.int8))
    assert list(seed.progress.done_days())[1:] == [2]
    assert list(seed.progress.reported_days())[1:] == [3]


def test_rollup_out_recomputes_in_place(seed_with_progress):
    c = seed_with_progress
    kept = c.rollup("6/5/2022")
    cum = kept.cumulative  # a view taken before: it shows the new figures
    for as_of in ("13/5/2022", "29/5/2022"):
        again = c.rollup(as_of, out=kept)
        fresh = c.rollup(as_of)
        assert again is kept and kept.as_of == fresh.as_of
        for column in ("targets", "cumulative", "done_period", "done_day"):
            np.testing.assert_array_equal(getattr(kept, column), getattr(fresh, column))
        np.testing.assert_array_equal(cum, fresh.cumulative)
    # Records arrive, then the same roll-up is redone: as a fresh one of the grown log.
    u, i = c.units.at("cam_trang_to_1"), c.indicator_at("cong_ngo")
    c.add_progress_columns([u], [i], np.array([44], dtype=np.int16), [2.0])
    c.rollup("29/5/2022", out=kept, known_by="29/5/2022")
    np.testing.assert_array_equal(cum, c.rollup("29/5/2022", known_by="29/5/2022").cumulative)
    with pytest.raises(ValueError, match="another campaign"):
        c.copy().rollup("29/5/2022", out=kept)


def test_rollup_advance_follows_new_records_as_a_fresh_rollup(seed_with_progress):
    c = seed_with_progress
    kept = c.rollup("13/5/2022")
    cum = kept.cumulative
    u, i = c.units.at("cam_trang_to_1"), c.indicator_at("cong_ngo")
    # A day's record, then the next days (a new Friday week from 14/5), then a day earlier.
    for day, as_of in ((28, "13/5/2022"), (29, "14/5/2022"), (31, "16/5/2022"),
                       (31, "10/5/2022")):
        c.add_progress_columns([u], [i], np.array([day], dtype=np.int16), [1.0])
        assert kept.advance(as_of) is kept
        fresh = c.rollup(as_of)
        assert kept.as_of == fresh.as_of
        for column in ("targets", "cumulative", "done_period", "done_day"):
            np.testing.assert_array_equal(getattr(kept, column), getattr(fresh, column))
        np.testing.assert_array_equal(cum, fresh.cumulative)


def test_every_unit_cumulative_series_equals_daily_rollups(seed_with_progress):
    c = seed_with_progress
    days = [c.first + datetime.timedelta(days=d) for d in range(46)]
    daily = [c.rollup(d).cumulative for d in days]
    for i in range(len(c.indicators)):
        s = c.every_unit_cumulative_series(i)
        assert s.shape == (len(c.units), 46)
        for k in range(46):
            np.testing.assert_array_equal(s[:, k], daily[k][:, i])
    past = c.every_unit_cumulative_series(0, known_by="6/5/2022")
    then = c.rollup("6/5/2022", known_by="6/5/2022")  # day 21 of the window
    np.testing.assert_array_equal(past[:, 21], then.cumulative[:, 0])
