"""RollupRow's derived figures, worked out here from campaign.json and progress.csv by hand."""
import datetime as dt

import pytest

FRIDAY = dt.date(2022, 5, 6)  # day 22 of the 46-day campaign 15/4–30/5/2022


def own_targets(seed_json):
    return {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}


def test_remaining_and_needed_per_day(seed_with_progress, seed_json, expected):
    cum = expected.cumulative(FRIDAY)
    target = own_targets(seed_json)
    r = seed_with_progress.rollup(FRIDAY)
    days_left = 46 - 22
    checked = 0
    for (unit, ind), t in target.items():
        row = r.row(unit, ind)
        done = cum.get((unit, ind), 0.0)
        assert row.target == t and not row.target_derived
        assert row.remaining == pytest.approx(max(t - done, 0.0))
        assert row.needed_per_day == pytest.approx(max(t - done, 0.0) / days_left)
        checked += done < t
    assert checked > 10  # most cells are still short on 6/5


def test_nothing_remaining_once_the_target_is_met(seed_with_progress, expected):
    c = seed_with_progress
    done = expected.cumulative(FRIDAY)[("cam_trang", "hang_rao_xanh")]
    c.set_target("cam_trang", "hang_rao_xanh", done - 1)
    row = c.rollup(FRIDAY).row("cam_trang", "hang_rao_xanh")
    assert row.remaining == 0 and row.needed_per_day == 0


def test_needed_per_day_is_infinite_after_the_last_day(seed_with_progress, expected):
    c = seed_with_progress
    end = dt.date(2022, 5, 30)
    row = c.rollup(end).row("xa", "hang_rao_xanh")
    left = 140 - expected.cumulative(end)[("xa", "hang_rao_xanh")]
    assert left > 0 and row.remaining == pytest.approx(left)
    assert row.needed_per_day == float("inf")


def test_a_unit_without_its_own_target_takes_its_counted_childrens(seed_with_progress,
                                                                    seed_json):
    c = seed_with_progress
    target = own_targets(seed_json)
    level = {u["id"]: u["level"] for u in seed_json["units"]}
    children = [u["id"] for u in seed_json["units"] if u.get("parent") == "xa"]
    # cong_ngo counts distinct households: organisations' targets stay out of the commune's.
    # vuon_sinh_thai is a plain sum: the organisations' gardens count.
    for ind, counted in (("cong_ngo", ("village",)),
                         ("vuon_sinh_thai", ("village", "organisation"))):
        c.clear_target("xa", ind)
        want = sum(target.get((u, ind), 0) for u in children if level[u] in counted)
        row = c.rollup(FRIDAY).row("xa", ind)
        assert row.target_derived and row.target == want
    assert not c.rollup(FRIDAY).row("cam_trang", "cong_ngo").target_derived
