"""DHIS2 exchange from Python: Campaign.to_dhis2, records_from_dhis2, add_dhis2."""
import datetime as dt

import pytest

import ntmkit


def test_to_dhis2_gives_the_village_cumulatives_of_the_day(seed_with_progress, seed_json,
                                                           expected):
    day = dt.date(2022, 5, 6)
    payload = seed_with_progress.to_dhis2(day)
    # Friday 6/5/2022 ends 30/4-6/5, 2022SatW18 (docs/calendar.md).
    assert payload["period"] == "2022SatW18"
    villages = {u["id"] for u in seed_json["units"] if u["level"] == "village"}
    by_hand = {k: f"{v:g}" for k, v in expected.cumulative(day).items() if k[0] in villages and v}
    assert {(v["orgUnit"], v["dataElement"]): v["value"]
            for v in payload["dataValues"]} == by_hand


def test_cumulative_dhis2_values_import_as_increments(seed):
    # 4 hedges by 22/4 (SatW16), 10 by 6/5 (SatW18): +4 on 22/4, +6 on 6/5.
    payload = {"dataValues": [
        {"dataElement": "hang_rao_xanh", "period": "2022SatW18", "orgUnit": "cam_trang",
         "value": "10"},
        {"dataElement": "hang_rao_xanh", "period": "2022SatW16", "orgUnit": "cam_trang",
         "value": "4"}]}
    records = seed.records_from_dhis2(payload)
    assert [(r["done"], r["quantity"], r["note"]) for r in records] == [
        (dt.date(2022, 4, 22), 4.0, "DHIS2 2022SatW16"), (dt.date(2022, 5, 6), 6.0,
                                                          "DHIS2 2022SatW18")]
    assert seed.add_dhis2(payload) == 2
    assert seed.rollup("6/5/2022").row("cam_trang", "hang_rao_xanh").tally.cumulative == 10
    with pytest.raises(ntmkit.ValidationError, match="no unit is mapped to"):
        seed.records_from_dhis2({"dataValues": [dict(payload["dataValues"][0], orgUnit="x")]})
