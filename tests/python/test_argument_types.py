"""Python arguments of the wrong type: an ntmkit.ArgumentError (also a TypeError) naming the
argument and the type expected, never a raw pybind11 RuntimeError or TypeError; nothing set."""
import pytest

import ntmkit


def refused(campaign, call):
    before = campaign.to_json()
    with pytest.raises(ntmkit.ArgumentError) as e:
        call()
    assert campaign.to_json() == before
    assert isinstance(e.value, TypeError) and isinstance(e.value, ntmkit.Error)
    return e.value


def test_a_target_value_given_as_text_names_the_target_and_field(seed):
    e = refused(seed, lambda: seed.set_targets([("xa", "hang_rao_xanh", 140),
                                                ("xa", "hang_rao_xanh", "77")]))
    assert e.where == "target 1, field value"
    assert e.detail == "expected a number (int or float), got str '77'"
    e = refused(seed, lambda: seed.set_targets([{"unit": "xa", "indicator": "cong_ngo",
                                                 "value": None}]))
    assert e.where == "target 0, field value"
    assert e.detail == "expected a number (int or float), got NoneType None"


def test_set_target_names_its_value_argument(seed):
    e = refused(seed, lambda: seed.set_target("xa", "hang_rao_xanh", "77"))
    assert e.where == "set_target, argument value"
    assert "expected a number (int or float), got str '77'" in str(e)


def test_a_target_that_is_no_sequence_or_a_bool_is_refused(seed):
    e = refused(seed, lambda: seed.set_targets([42]))
    assert e.where == "target 0"
    assert e.detail.endswith("got int 42")
    e = refused(seed, lambda: seed.set_targets([("xa", "cong_ngo", True)]))
    assert e.detail == "expected a number (int or float), got bool True"


def test_progress_records_of_the_wrong_type_name_the_record_and_field(seed):
    good = {"unit": "cam_trang_to_1", "indicator": "cong_ngo", "date": "16/4/2022",
            "quantity": 1}
    e = refused(seed, lambda: seed.add_progress([good, dict(good, quantity="2")]))
    assert e.where == "progress record 1, field quantity"
    assert e.detail == "expected a number (int or float), got str '2'"
    e = refused(seed, lambda: seed.add_progress([dict(good, supersedes=0.5)]))
    assert e.where == "progress record 0, field supersedes"
    e = refused(seed, lambda: seed.add_progress(["cam_trang_to_1,cong_ngo"]))
    assert e.where == "progress record 0"
    with pytest.raises(ntmkit.ArgumentError, match="ProgressRecord, argument quantity"):
        ntmkit.ProgressRecord("a", "b", "16/4/2022", "3")


def test_numbers_of_other_python_types_are_still_accepted(seed):
    import decimal

    import numpy as np
    seed.set_targets([("cam_trang", "cong_ngo", np.int64(7)),
                      ("bong_giang_1", "cong_ngo", decimal.Decimal("3"))])
    seed.set_target("bong_giang_2", "cong_ngo", np.float32(2.0))
    assert [seed.target(u, "cong_ngo") for u in ("cam_trang", "bong_giang_1", "bong_giang_2")] \
        == [7.0, 3.0, 2.0]


def test_unit_and_indicator_indices_of_the_wrong_type_are_argument_errors(seed):
    with pytest.raises(ntmkit.ArgumentError) as e:
        seed.target(1.0, 0)
    assert e.value.where == "unit"
    with pytest.raises(ntmkit.ArgumentError) as e:
        seed.target(0, [1])
    assert e.value.where == "indicator" and e.value.detail.endswith("got list [1]")
