"""Scoring tables from Python: totals and assessments worked out by hand below."""
import pytest

import ntmkit


def table(rechecked_1_2=30):
    # Criterion 1: items 60 + 40 = 100, pass 80; self 60 + 30 = 90, re-checked 50 + r.
    # Criterion 2: one item of 100, pass 70; self 75, not re-checked yet.
    # Criterion 3: no pass score: never an assessment.
    return {
        "format": "ntmkit-scoring", "format_version": 1, "id": "thu", "title_vi": None,
        "unit": "cam_trang", "criteria_set": "qd318-2022-xa",
        "criteria": [
            {"code": "1", "name_vi": "Nhà ở", "standard_total": 100, "pass_score": 80,
             "items": [{"code": "1.1", "content_vi": None, "standard": 60,
                        "self_assessed": 60, "rechecked": 50},
                       {"code": "1.2", "content_vi": None, "standard": 40,
                        "self_assessed": 30, "rechecked": rechecked_1_2}]},
            {"code": "2", "name_vi": "Giao thông", "standard_total": None, "pass_score": 70,
             "items": [{"code": "2.1", "content_vi": None, "standard": 100,
                        "self_assessed": 75, "rechecked": None}]},
            {"code": "3", "name_vi": "Điện", "standard_total": None, "pass_score": None,
             "items": [{"code": "3.1", "content_vi": None, "standard": 50,
                        "self_assessed": 50, "rechecked": 20}]},
        ],
    }


def test_totals_sum_the_items():
    t = ntmkit.ScoringTable.from_dict(table()).totals()
    assert t == {"standard": 250, "self_assessed": 215, "rechecked": 100,
                 "self_missing": 0, "rechecked_missing": 1}


def test_assessments_need_a_pass_score_and_every_item_scored():
    t = ntmkit.ScoringTable.from_dict(table())
    assert t.assessments("rechecked") == {"1": True}  # 80 >= 80; criterion 2 not re-checked
    assert t.assessments("self_assessed") == {"1": True, "2": True}  # 90 >= 80, 75 >= 70
    assert ntmkit.ScoringTable.from_dict(table(29)).assessments() == {"1": False}  # 79 < 80


def test_identity_and_round_trip():
    t = ntmkit.ScoringTable.from_dict(table())
    assert (t.id, t.unit_id, t.criteria_set_id) == ("thu", "cam_trang", "qd318-2022-xa")
    again = ntmkit.ScoringTable.from_dict(t.to_dict())
    assert again.to_dict() == t.to_dict()


def test_a_score_above_the_standard_is_refused_where_it_stands():
    bad = table()
    bad["criteria"][0]["items"][1]["self_assessed"] = 41
    with pytest.raises(ntmkit.ValidationError, match=r"/criteria/0/items/1/self_assessed"):
        ntmkit.ScoringTable.from_dict(bad)


def test_assessments_decide_criteria_in_an_evaluation():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    t = ntmkit.ScoringTable.from_dict(table(29))
    e = ntmkit.evaluate(s, assessed=t.assessments())
    assert e.status("1") == "not_met"
