from pathlib import Path

import pytest

import ntmkit


def test_data_dir_is_set_and_shipped_sets_load():
    d = Path(ntmkit.builtin_criteria_dir()).parent
    assert (d / "criteria").is_dir()
    ids = ntmkit.list_builtin_criteria_sets()
    assert "qd318-2022-xa" in ids
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    assert s.criterion_count == 19
    assert s.to_dict()["id"] == "qd318-2022-xa"


def test_unknown_set_lists_the_available_ones():
    with pytest.raises(ntmkit.ValidationError, match="available: .*qd318-2022-xa"):
        ntmkit.load_builtin_criteria_set("qd999-xa")


def test_evaluate_with_assessments():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    codes = s.criterion_codes()
    e = ntmkit.evaluate(s, assessed={c: True for c in codes})
    assert e.summary() == f"{len(codes)}/{len(codes)}" and e.all_met
    e2 = ntmkit.evaluate(s, assessed={c: c != codes[0] for c in codes})
    moved = ntmkit.compare_evaluations(e, e2)
    assert moved["lost"] == [codes[0]] and not moved["nothing_lost"]
    with pytest.raises(ntmkit.ValidationError, match="not in criteria set"):
        ntmkit.evaluate(s, values={"99.9": 1.0})
