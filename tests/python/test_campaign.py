import copy
import datetime as dt
import json

import pytest

import ntmkit
from conftest import CAMPAIGN_JSON


def test_seed_loads_with_its_units_indicators_and_targets(seed, seed_json):
    assert seed.id == seed_json["id"]
    assert seed.name == seed_json["name"]  # Vietnamese text intact
    assert (seed.first, seed.last) == (dt.date(2022, 4, 15), dt.date(2022, 5, 30))
    assert len(seed.units) == len(seed_json["units"])
    assert seed.indicator_ids == [i["id"] for i in seed_json["indicators"]]
    for t in seed_json["targets"]:
        assert seed.target(t["unit"], t["indicator"]) == t["value"]
        assert seed.target_basis(t["unit"], t["indicator"]).name == t.get("basis", "planned")


def test_unit_tree_in_pre_order(seed, seed_json):
    t = seed.units
    root = t.root
    assert t.id(root) == "xa" and t.parent(root) is None
    cam = t.at("cam_trang")
    assert t.name(cam) == "Cẩm Trang"
    groups = [u["id"] for u in seed_json["units"] if u.get("parent") == "cam_trang"]
    assert [t.id(c) for c in t.children(cam)] == groups
    assert t.subtree_size(cam) == 1 + len(groups)
    hh = {u["id"]: u.get("households") for u in seed_json["units"]}
    assert t.households(cam) == hh["cam_trang"]
    assert t["Cẩm Trang"].id == "cam_trang"  # by unique name
    assert len(t.units_at("village")) == sum(u["level"] == "village" for u in seed_json["units"])
    assert t.find("nowhere") is None
    with pytest.raises(ntmkit.ValidationError, match='unit "nowhere": no such unit'):
        t.at("nowhere")
    with pytest.raises(IndexError):
        t.name(len(t))


def test_json_round_trip_is_exact(seed_with_progress):
    text = seed_with_progress.to_json()
    again = ntmkit.Campaign.from_json(text)
    assert again == seed_with_progress
    assert again.to_json() == text


def test_save_and_load(tmp_path, seed):
    p = tmp_path / "c.json"
    seed.save(p)
    assert ntmkit.Campaign.load(p) == seed


def test_json_errors_name_the_pointer(seed_json):
    data = copy.deepcopy(seed_json)
    data["targets"][3]["value"] = -5
    with pytest.raises(ntmkit.ValidationError) as e:
        ntmkit.Campaign.from_json(json.dumps(data))
    assert e.value.where == "/targets/3/value"
    assert "a target must be a number 0 or more" in str(e.value)

    data = copy.deepcopy(seed_json)
    data["units"][2]["level"] = "hamlet"
    with pytest.raises(ntmkit.ParseError, match=r'^/units/2/level: expected one of'):
        ntmkit.Campaign.from_json(json.dumps(data))

    with pytest.raises(ntmkit.ParseError, match="not valid JSON"):
        ntmkit.Campaign.from_json("{", source="broken.json")


def test_missing_file_is_an_error():
    with pytest.raises(ntmkit.Error, match="cannot be opened"):
        ntmkit.Campaign.load("/nonexistent/campaign.json")


def test_build_a_campaign_from_python():
    units = [
        ntmkit.UnitSpec("xa", "Xã", "commune"),
        ntmkit.UnitSpec("t1", "Thôn 1", "village", parent="xa", households=30),
        ntmkit.UnitSpec("t2", "Thôn 2", ntmkit.UnitLevel.village, parent="xa", households=10),
    ]
    inds = [ntmkit.Indicator("hrx", "Hàng rào xanh", "Green hedges"),
            ntmkit.Indicator("kdc", "Khu dân cư mẫu", measure="areas")]
    c = ntmkit.Campaign("demo", "Thử", "1/3/2023", dt.date(2023, 3, 31), units, inds)
    assert c.schedule == ntmkit.ReportingSchedule.weekly("friday")
    assert c.units.households_known(c.units.root) == 40
    c.set_targets([("xa", "hrx", 20, "official"), {"unit": "t1", "indicator": "kdc", "value": 1}])
    assert c.target("xa", "hrx") == 20
    with pytest.raises(ntmkit.ValidationError, match="unknown|no such|not a unit"):
        ntmkit.Campaign("x", "X", "1/3/2023", "2/3/2023",
                        [ntmkit.UnitSpec("a", level="commune"),
                         ntmkit.UnitSpec("b", parent="zz")], inds)


def test_rejected_targets_change_nothing(seed):
    before = seed.targets_frame() if _has_pandas() else seed.targets.items()
    with pytest.raises(ntmkit.ValidationError) as e:
        seed.set_targets([("cam_trang", "cong_ngo", 3), ("cam_trang", "cong_ngo", 100000)])
    assert "households" in str(e.value) and e.value.where == "target 1, field value"
    after = seed.targets_frame() if _has_pandas() else seed.targets.items()
    if _has_pandas():
        assert before.equals(after)
    else:
        assert before == after
    assert seed == ntmkit.Campaign.load(CAMPAIGN_JSON)


def test_copy_is_independent(seed):
    other = copy.deepcopy(seed)
    other.set_target("cam_trang", "cong_ngo", 1)
    assert other != seed and seed.target("cam_trang", "cong_ngo") != 1 or \
        seed.target("cam_trang", "cong_ngo") is None


def _has_pandas():
    try:
        import pandas  # noqa: F401
        return True
    except ImportError:
        return False
