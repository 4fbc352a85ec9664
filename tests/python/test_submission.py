"""Reporting completeness of the seed's Friday submissions, counted here from campaign.json."""
import datetime as dt

import pytest

FRIDAYS = [dt.date(2022, 4, 15), dt.date(2022, 4, 22), dt.date(2022, 4, 29), dt.date(2022, 5, 6)]


def by_hand(seed_json, fridays):
    villages = {u["id"] for u in seed_json["units"] if u["level"] == "village"}
    subs = [s for s in seed_json["submissions"]
            if s["unit"] in villages and dt.date.fromisoformat(s["period"]) in fridays]
    # deadline_days is 0 in the seed: on time = submitted on or before the Friday itself.
    assert seed_json["reporting"]["deadline_days"] == 0
    on_time = [s for s in subs if s["submitted"] <= s["period"]]
    return len(villages) * len(fridays), len(subs), len(on_time)


@pytest.mark.parametrize("fridays", [[d] for d in FRIDAYS] + [FRIDAYS], ids=str)
def test_reporting_and_on_time_rates(seed, seed_json, fridays):
    expected, received, on_time = by_hand(seed_json, fridays)
    c = seed.reporting_completeness(fridays if len(fridays) > 1 else fridays[0])
    assert (c.expected, c.received, c.on_time) == (expected, received, on_time)
    assert c.reporting_rate == pytest.approx(received / expected)
    assert c.on_time_rate == pytest.approx(on_time / expected)


def test_a_late_report_lowers_only_the_on_time_rate(seed):
    c = seed.reporting_completeness(dt.date(2022, 4, 29))
    # 29/4: nine of ten villages reported, van_giang_1 a day late (30/4).
    assert c.reporting_rate == pytest.approx(0.9)
    assert c.on_time_rate == pytest.approx(0.8)
    assert [seed.units.id(x.unit) for x in c.late] == ["van_giang_1"]
