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


def test_stated_criteria_carry_their_evidence_into_the_frame():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa")
    stated = {c: {"met": True, "evidence": "QĐ công nhận 20/12/2022"} for c in s.criterion_codes()}
    stated["17"] = False
    e = ntmkit.evaluate(s, "bac_trung_bo", values={"8.1": True}, assessed=stated)
    assert e.summary() == "18/19"
    f = e.to_frame()
    # One row per indicator, one for a criterion without any: 19 criteria, 24 rows (criteria 3
    # and 15 have 2 indicators, criterion 8 has 4, eleven criteria have none).
    assert len(f) == 24 and f["criterion"].nunique() == 19
    row = f[f["indicator"] == "8.1"].iloc[0]
    assert (row["criterion_status"], row["evidence"], row["status"]) == (
        "met", "QĐ công nhận 20/12/2022", "met")
    assert f[f["criterion"] == "17"]["evidence"].isna().all()
    with pytest.raises(ntmkit.ParseError, match='unknown member "evidnce"'):
        ntmkit.evaluate(s, assessed={"1": {"met": True, "evidnce": "x"}})


def test_derived_values_of_a_village_from_progress(seed_with_progress, expected):
    # Cẩm Trang has 229 households and 10 green hedges by 6/5/2022 (docs/reports.md).
    done = expected.cumulative(ntmkit.parse_date("6/5/2022"))[("cam_trang", "hang_rao_xanh")]
    assert done == 10
    v = ntmkit.derive_indicator_values(seed_with_progress, "cam_trang", "6/5/2022", [
        {"criterion_indicator": "17.1", "campaign_indicator": "hang_rao_xanh"},
        {"criterion_indicator": "3.1", "campaign_indicator": "hang_rao_xanh", "kind": "total",
         "already": 5}])
    assert v == {"17.1": pytest.approx(10 / 229 * 100), "3.1": 15.0}


def test_found_figures_keep_their_source_and_confidence():
    s = ntmkit.load_builtin_criteria_set("qd318-2022-xa").to_dict()
    ind = {i["code"]: i for g in s["groups"] for c in g["criteria"] for i in c["indicators"]}
    slot = ind["15.2"]["threshold"]["variants"]["bac_trung_bo"]
    assert (slot["value"], slot["verified"]) == (25, False)
    assert slot["source"].startswith("http://118.69.201.250:801/")
    assert slot["confidence"].startswith("medium-low")
    kieu_mau = ntmkit.load_builtin_criteria_set("qd319-2022-xa-kieu-mau")
    assert kieu_mau.criterion_codes() == ["2", "3", "4"] and not kieu_mau.criteria_complete
    e = ntmkit.evaluate(kieu_mau, values={"3.1": 1.0, "4.1": 0.0})
    assert [e.status(c) for c in ("2", "3", "4")] == ["unknown", "met", "not_met"]
