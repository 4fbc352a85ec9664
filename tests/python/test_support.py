"""Labour support and funds from Python: the seed's illustrative support file, DataFrames whose
figures are summed here with plain Python from the JSON file, and exact integer money."""
import datetime as dt
import json

import pytest

import ntmkit
from conftest import CAMPAIGN_JSON, SEED

SUPPORT_JSON = SEED / "support.json"


@pytest.fixture
def supported(seed):
    seed.load_support(SUPPORT_JSON)
    return seed


@pytest.fixture
def raw():
    return json.loads(SUPPORT_JSON.read_text(encoding="utf-8"))


def test_seed_support_file_is_marked_illustrative_throughout(raw):
    assert "ILLUSTRATIVE" in raw["notes"][0]
    items = (raw["support"]["supporters"] + raw["support"]["needs"] + raw["support"]["records"]
             + raw["funds"])
    assert items and all(item.get("illustrative") is True for item in items)


def test_support_frame_by_receiver_matches_sums_of_the_file(supported, raw):
    as_of = dt.date(2022, 5, 6)
    df = supported.support_frame(as_of, period_first="30/4/2022").set_index("unit")

    def total(kind, unit, first=dt.date(2000, 1, 1)):
        return sum(r["person_days"] for r in raw["support"]["records"]
                   if r["kind"] == kind and r["receiver"] == unit
                   and first <= dt.date.fromisoformat(r["date"]) <= as_of)

    for unit in ("cam_trang", "hop_phat"):
        needed = sum(n["person_days"] for n in raw["support"]["needs"] if n["unit"] == unit)
        assert df.loc[unit, "needed"] == needed
        assert df.loc[unit, "pledged"] == total("pledge", unit)
        assert df.loc[unit, "delivered"] == total("delivery", unit)
        assert df.loc[unit, "delivered_period"] == total("delivery", unit, dt.date(2022, 4, 30))
        assert df.loc[unit, "still_needed"] == max(needed - total("delivery", unit), 0)
    assert df.index[-1] == "xa"
    assert df.loc["xa", "needed"] == 100


def test_support_frame_by_giver_and_deliveries(supported):
    g = supported.support_frame("6/5/2022", by="giver").set_index("giver")
    assert g.loc["tct_1", "kind"] == "working_group"
    assert g.loc["tct_1", "assigned"] == ["cam_trang", "bong_giang_1", "bong_giang_2"]
    assert g.loc["doan_thanh_nien", "kind"] == "unit:organisation"
    assert g.loc["doan_thanh_nien", "pledged"] == 15
    assert g.loc["doan_thanh_nien", "delivered"] == 12  # the 9 on 13/5 not yet
    assert g.loc["do_dau_a", "outstanding"] == 15      # 25 pledged, 10 delivered
    d = supported.support_frame("6/5/2022", by="delivery", period_first="30/4/2022")
    assert list(d["person_days"]) == [8, 10, 6, 10]
    with pytest.raises(ntmkit.ValidationError, match="by: expected one of"):
        supported.support_frame("6/5/2022", by="village")


def test_raw_frames_and_adding_support_as_dicts(seed):
    seed.add_support(
        supporters=[{"id": "dn", "name": "Đơn vị đỡ đầu", "kind": "sponsor", "units": ["Cẩm Trang"]}],
        needs=[{"unit": "cam_trang", "date": dt.date(2022, 4, 20), "person_days": 10}],
        records=[{"kind": "delivery", "date": "25/4/2022", "giver": "dn", "receiver": "cam_trang",
                  "person_days": 4, "materials": "cây giống"}])
    assert list(seed.supporters_frame()["supporter"]) == ["dn"]
    assert seed.labour_needs_frame()["date"].tolist() == [dt.date(2022, 4, 20)]
    assert seed.support_records_frame()["materials"].tolist() == ["cây giống"]
    before = seed.support_json()
    with pytest.raises(ntmkit.ValidationError) as e:
        seed.add_support(needs=[{"unit": "cam_trang", "date": "2022-04-20", "person_days": 1},
                                {"unit": "nowhere", "date": "2022-04-20", "person_days": 1}])
    assert e.value.where == "/support/needs/1/unit"
    assert seed.support_json() == before


def test_weekly_report_has_support_and_funds_sections_only_with_data(supported):
    plain = ntmkit.Campaign.load(CAMPAIGN_JSON).weekly_report("6/5/2022").to_markdown()
    assert "Hỗ trợ nhân lực" not in plain and "Huy động kinh phí" not in plain
    md = supported.weekly_report("6/5/2022").to_markdown()
    assert "## Hỗ trợ nhân lực (ngày công)" in md
    assert "| Tổng cộng | 92.350.000 đ | 257.850.000 đ |" in md
    en = supported.weekly_report("6/5/2022").to_text(language="en")
    assert "Funds mobilised" in en and "257,850,000 VND" in en


def test_funds_totals_are_exact_integers_summed_by_source(supported, raw):
    as_of = dt.date(2022, 5, 6)
    df = supported.funds_totals_frame(as_of, period_first="30/4/2022").set_index("source")
    for source in {f["source"] for f in raw["funds"]}:
        expected = sum(f["amount"] for f in raw["funds"]
                       if f["source"] == source and dt.date.fromisoformat(f["date"]) <= as_of)
        assert df["amount"].get(source, 0) == expected
    assert str(df["amount"].dtype) == "int64"
    by_unit = supported.funds_totals_frame(as_of, by="unit")
    assert by_unit[by_unit["unit"] == "cam_trang"]["amount"].sum() == 30_000_000 + 42_350_000
    assert supported.funds_total == sum(f["amount"] for f in raw["funds"])
    assert supported.funds_frame()["amount"].dtype == "int64"
    assert ntmkit.format_dong(1234567) == "1.234.567 đ"
    assert ntmkit.format_dong(1234567, "en") == "1,234,567 VND"


def test_funds_overflow_and_fractions_are_refused_naming_the_field(seed):
    seed.add_funds([{"date": "2022-04-20", "source": "people", "amount": 2**63 - 1, "unit": "xa"}])
    assert seed.funds_total == 2**63 - 1  # exact, not a float
    with pytest.raises(ntmkit.ValidationError) as e:
        seed.add_funds([{"date": "2022-04-20", "source": "people", "amount": 1, "unit": "xa"}])
    assert e.value.where == "/funds/0/amount"
    with pytest.raises(ntmkit.ParseError) as e:
        seed.add_funds([{"date": "2022-04-20", "source": "people", "amount": 2**63, "unit": "xa"}])
    assert e.value.where == "/funds/0/amount"
    with pytest.raises(ntmkit.ParseError, match="whole number of đồng"):
        seed.add_funds([{"date": "2022-04-20", "source": "people", "amount": 12.5, "unit": "xa"}])
    assert seed.funds_total == 2**63 - 1
