import pytest

import ntmkit


def hamilton(total, weights):
    """Largest remainder by hand: floor shares, then the largest remainders get one more
    (ties: larger weight, then earlier position)."""
    s = sum(weights)
    parts = [total * w // s for w in weights]
    rema = [total * w % s for w in weights]
    order = sorted(range(len(weights)), key=lambda k: (-rema[k], -weights[k], k))
    for k in order[: total - sum(parts)]:
        parts[k] += 1
    return parts


def test_largest_remainder():
    assert ntmkit.largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert ntmkit.largest_remainder(77, [229, 141, 90]) == hamilton(77, [229, 141, 90])
    with pytest.raises(ntmkit.ValidationError, match="weights are all 0"):
        ntmkit.largest_remainder(5, [0, 0])


def test_split_commune_target_among_villages(seed):
    c = seed
    # Drop the illustrative village split so the commune's official total is split afresh.
    villages = c.units.units_at("village")
    for v in villages:
        c.clear_target(v, "hang_rao_xanh")
    before = c.to_json()
    a = c.propose_allocation("xa", "hang_rao_xanh")
    assert c.to_json() == before  # proposing changes nothing until applied
    total = c.target("xa", "hang_rao_xanh")
    assert a.total() == total
    assert [s.unit for s in a.shares] == villages
    weights = [c.units.households_known(v) for v in villages]
    assert [int(s.value) for s in a.shares] == hamilton(int(total), weights)
    a.apply()
    assert c.to_json() != before
    for s in a.shares:
        assert c.target(s.unit, "hang_rao_xanh") == s.value
        assert c.target_basis(s.unit, "hang_rao_xanh") is ntmkit.TargetBasis.proposed
    assert not [i for i in c.reconcile() if c.indicator(i.indicator).id == "hang_rao_xanh"
                and i.parent == c.units.root]


def test_split_village_target_among_household_groups_keeps_fixed_ones(seed):
    c = seed
    v = c.units.at("cam_trang")
    groups = c.units.children(v)
    c.set_target(c.units.id(groups[0]), "cong_ngo", 2)
    a = c.propose_allocation("cam_trang", "cong_ngo", method="equal")
    assert a.shares[0].fixed and a.shares[0].value == 2
    assert a.total() == c.target("cam_trang", "cong_ngo")
    rest = [int(s.value) for s in a.shares[1:]]
    assert rest == hamilton(int(c.target("cam_trang", "cong_ngo")) - 2, [1] * len(rest))


def test_allocation_frame(seed, seed_json):
    import pandas as pd
    df = seed.propose_allocation("cam_trang", "cong_ngo").to_frame()
    assert isinstance(df, pd.DataFrame)
    groups = [u for u in seed_json["units"] if u.get("parent") == "cam_trang"]
    target = next(t["value"] for t in seed_json["targets"]
                  if (t["unit"], t["indicator"]) == ("cam_trang", "cong_ngo"))
    want = hamilton(int(target), [u["households"] for u in groups])
    assert list(df["unit"]) == [u["id"] for u in groups]
    assert list(df["value"]) == want
    assert set(df["parent"]) == {"cam_trang"}


def test_allocation_errors(seed):
    with pytest.raises(ntmkit.ValidationError, match='unit "cam_trang_to_1".*no target'):
        seed.propose_allocation("cam_trang_to_1", "cong_ngo")
    with pytest.raises(ntmkit.ParseError, match="proportional"):
        seed.propose_allocation("xa", "cong_ngo", method="random")


def test_reconcile_frame(seed):
    seed.set_target("cam_trang_to_1", "cong_ngo", 1, "planned")
    df = seed.reconcile_frame()
    assert {"parent", "indicator", "parent_target", "children_sum"} <= set(df.columns)
