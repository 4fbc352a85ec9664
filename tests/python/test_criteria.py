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


def test_a_user_threshold_survives_save_and_load(tmp_path):
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    s.set_threshold("10", "bac_trung_bo", 47.5)
    path = tmp_path / "mine.json"
    s.save(path)
    again = ntmkit.load_criteria_set(path)
    assert again.to_dict() == s.to_dict()
    # 47.5 is now the figure: 50 meets it, 40 misses it (an at_least figure).
    assert ntmkit.evaluate(again, "bac_trung_bo", values={"10": 50.0}).to_dict() != \
        ntmkit.evaluate(again, "bac_trung_bo", values={"10": 40.0}).to_dict()
    shipped = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    assert shipped.to_dict() != again.to_dict()


def test_unknown_count_counts_criteria_without_a_verdict():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    codes = s.criterion_codes()
    nothing = ntmkit.evaluate(s)
    assert nothing.unknown_count == len(codes) and nothing.met_count == 0
    some = ntmkit.evaluate(s, assessed={codes[0]: True, codes[1]: False})
    assert some.unknown_count == len(codes) - 2 and some.met_count == 1
