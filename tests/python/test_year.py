"""The year through Python: drives nested in a campaign, a merger in the middle of a campaign,
several campaigns summed and the year-end grading; the same hand-worked figures as
tests/cpp/drive_view.cpp, unit_map.cpp and grading*.cpp.

Villages A (10 households) and B (20) merge into AB (30) on 10/5/2022; C (15) stays.
Hedge targets A 6, B 10, C 8. Records: A 2 on 20/4, B 3 on 25/4, A 1 on 5/5, AB 4 on 12/5,
C 5 on 20/5.
  old map, as of 30/5:  A 3/6, B 3/10, C 5/8, commune 15 (AB's 4 counted there)
  new map, as of 30/5:  AB 10/16, C 5/8, commune 15/24
Drives: the commune's 15/4-30/5 (target 20 at the commune) and C's 20/5-30/5 (target 6 at C).
"""
import datetime as dt
import json
import math

import pytest

import ntmkit

END = dt.date(2022, 5, 30)


def campaign_doc(first="2022-04-15", last="2022-05-30"):
    units = [{"id": "xa", "name": "Xã Thử", "level": "commune"}]
    for vid, hh in [("A", 10), ("B", 20), ("C", 15), ("AB", 30)]:
        units.append({"id": vid, "name": f"Thôn {vid}", "level": "village", "parent": "xa",
                      "households": hh})
    progress = [("A", "2022-04-20", 2), ("B", "2022-04-25", 3), ("A", "2022-05-05", 1),
                ("AB", "2022-05-12", 4), ("C", "2022-05-20", 5)]
    return {
        "format": "ntmkit-campaign", "format_version": 1, "id": "merge", "name": "Merger",
        "window": {"first": first, "last": last},
        "reporting": {"kind": "weekly", "day": "friday"},
        "indicators": [{"id": "hedge", "name_vi": "Hàng rào xanh", "name_en": "Green hedge",
                        "measure": "households", "over_time": "sum",
                        "over_units": "distinct_households"}],
        "units": units,
        "unit_changes": [
            {"unit": "A", "valid_until": "2022-05-09", "successor": "AB"},
            {"unit": "B", "valid_until": "2022-05-09", "successor": "AB"},
            {"unit": "AB", "valid_from": "2022-05-10"}],
        "targets": [{"unit": u, "indicator": "hedge", "value": v}
                    for u, v in [("A", 6), ("B", 10), ("C", 8)]],
        "drives": [
            {"id": "xa_45", "unit": "xa", "first": "2022-04-15", "last": "2022-05-30",
             "targets": [{"indicator": "hedge", "value": 20}]},
            {"id": "C_11", "unit": "C", "first": "2022-05-20", "last": "2022-05-30",
             "targets": [{"indicator": "hedge", "value": 6}]}],
        "progress": [{"unit": u, "indicator": "hedge", "date": d, "quantity": q}
                     for u, d, q in progress],
    }


@pytest.fixture
def merging():
    return ntmkit.Campaign.from_json(json.dumps(campaign_doc()))


def done(campaign, as_of, unit):
    return campaign.rollup(as_of).row(unit, "hedge").tally.cumulative


def test_a_merger_on_the_old_and_the_new_map(merging):
    new = merging.on_map(END)
    frame = new.rollup(END).to_frame()
    got = {r.unit: (r.target, r.cumulative) for r in frame.itertuples()}
    assert "A" not in got
    assert got["AB"] == (16, 10)
    assert got["C"] == (8, 5)
    assert got["xa"] == (24, 15)
    old = merging.on_map(dt.date(2022, 5, 1))
    assert done(old, END, "A") == 3
    assert done(old, END, "B") == 3
    assert done(old, END, "xa") == 15
    assert [c["unit"] for c in merging.unit_changes] == ["A", "B", "AB"]


def test_a_drive_is_a_campaign_of_its_own(merging):
    c = merging.drive("C_11")
    assert (c.first, c.last) == (dt.date(2022, 5, 20), END)
    row = c.rollup(END).row("C", "hedge")
    assert (row.target, row.tally.cumulative) == (6, 5)
    with pytest.raises(ntmkit.ValidationError):
        merging.set_drives([{"id": "x", "unit": "C", "first": "2022-05-20",
                             "last": "2022-06-30"}])
    assert [d["id"] for d in merging.drives] == ["xa_45", "C_11"]


def test_a_year_of_two_campaigns(merging):
    later = campaign_doc("2022-09-01", "2022-10-30")
    later["id"] = "later"
    later["unit_changes"] = later["drives"] = []
    later["targets"] = [{"unit": "C", "indicator": "hedge", "value": 4}]
    later["progress"] = [{"unit": "C", "indicator": "hedge", "date": "2022-09-05", "quantity": 3}]
    second = ntmkit.Campaign.from_json(json.dumps(later))
    year = ntmkit.summarise_year([merging, second], dt.date(2022, 12, 31))
    assert year.campaigns == ["merge", "later"]
    frame = year.to_frame().set_index(["unit", "indicator"])
    assert frame.loc[("C", "hedge"), "target"] == 12
    assert frame.loc[("C", "hedge"), "cumulative"] == 8
    assert frame.loc[("C", "hedge"), "ratio"] == pytest.approx(8 / 12)
    assert frame.loc[("C", "hedge"), "campaigns"] == "merge, later"


def grading_table():
    t = ntmkit.GradingTable("xep-loai", name="Xếp loại 2022", year=2022)
    t.add_component("dot1", "Đợt cao điểm", "Peak drive", weight=3,
                    source="campaign_completion")
    t.add_component("ho_tro", "Hỗ trợ", "Support given", weight=1, source="support_given")
    return t


def test_grading_from_a_ranking_and_a_support_frame(merging):
    import pandas as pd
    new = merging.on_map(END)
    t = grading_table()
    t.add_completion("dot1", new.rank_units(END, level="village"))  # AB 10/16, C 5/8
    t.set_values_frame(pd.DataFrame({"id": ["AB", "C"], "ho_tro": [1.0, math.nan]}))
    r = t.grade()
    frame = r.to_frame().set_index("id")
    # AB: (3 × .625 + 1) / 4 = .71875 → good; C: .625 (support left out) → completed.
    assert frame.loc["AB", "score"] == pytest.approx(0.71875)
    assert frame.loc["AB", "grade"] == "good"
    assert frame.loc["C", "score"] == pytest.approx(0.625)
    assert frame.loc["C", "grade"] == "completed"
    assert "Hỗ trợ: không có số liệu, không tính" in frame.loc["C", "explanation"]
    assert "minh họa" in r.render("markdown")
    assert "Good" in r.render("text", "en")
    with pytest.raises(ValueError):
        t.set_values_frame(pd.DataFrame({"id": ["AB"], "ho_tro": [2.0]}))
    assert t.values("AB")[2] == {"dot1": 0.625, "ho_tro": 1.0}


def test_grading_table_file_round_trip(tmp_path):
    t = grading_table()
    t.set_value("A", "dot1", 0.5, name="Thôn A", kind="village")
    t.set_thresholds(0.95, 0.8, 0.6)
    path = tmp_path / "xep_loai.json"
    t.save(str(path))
    back = ntmkit.GradingTable.load(str(path))
    assert back.to_json_text() == t.to_json_text()
    assert not back.thresholds.illustrative
    assert back.grade().subjects[0].grade == ntmkit.Grade.not_completed
