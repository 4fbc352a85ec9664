"""The synthetic country from Python: its arrays checked against each other and against a
roll-up done here with numpy alone (bincount per unit, then children into parents)."""
import datetime as dt

import numpy as np
import pytest

import ntmkit


@pytest.fixture(scope="module")
def country():
    return ntmkit.synthetic_country(scale=0.002, seed=7)


def test_the_tree_and_the_households_add_up(country):
    parent, level = country["parent"], country["level"]
    n = len(parent)
    assert parent[0] == -1 and (parent[1:] >= 0).all() and (parent[1:] < np.arange(1, n)).all()
    assert country["campaign"].units.__len__() == n
    hh = country["unit_households"]
    leaves = np.ones(n, dtype=bool)
    leaves[parent[1:]] = False
    # Household counts are given on the leaves and the total is their sum.
    assert (hh[leaves] >= 0).all()
    assert country["households"] == hh[leaves].sum()


def test_records_are_sorted_by_day_and_indexed_by_day_start(country):
    done, start = country["done"], country["day_start"]
    assert (np.diff(done) >= 0).all()
    for d in range(len(start) - 1):
        assert (done[start[d]:start[d + 1]] == d).all()
    assert start[-1] == len(done)
    assert (country["reported"] >= done).all()


def test_the_same_seed_gives_the_same_country_and_another_seed_another():
    a = ntmkit.synthetic_country(scale=0.001, seed=1)
    b = ntmkit.synthetic_country(scale=0.001, seed=1)
    c = ntmkit.synthetic_country(scale=0.001, seed=2)
    for k in ("unit", "indicator", "done", "quantity", "target_value"):
        np.testing.assert_array_equal(a[k], b[k])
    assert not np.array_equal(a["quantity"], c["quantity"]) or \
        not np.array_equal(a["unit"], c["unit"])


def test_a_bad_scale_is_refused():
    with pytest.raises(ntmkit.ValidationError, match="scale"):
        ntmkit.synthetic_country(scale=0)


def test_its_rollup_matches_numpy_by_hand(country):
    c = country["campaign"]
    c.add_progress_columns(country["unit"], country["indicator"], country["done"],
                           country["quantity"], reported=country["reported"])
    last_day = int(country["done"].max())
    r = c.rollup(c.first + dt.timedelta(days=last_day))
    n, k = len(country["parent"]), len(c.indicators)
    own = np.bincount(country["unit"].astype(np.int64) * k + country["indicator"],
                      weights=country["quantity"], minlength=n * k).reshape(n, k)
    # Every unit of the synthetic country is geographic: all work carries up to the parent.
    assert not any(ntmkit.is_organisational(ntmkit.UnitLevel(int(x)))
                   for x in np.unique(country["level"]))
    total = own.copy()
    parent = country["parent"]
    for u in range(n - 1, 0, -1):  # pre-order: children after their parent
        total[parent[u]] += total[u]
    np.testing.assert_allclose(r.cumulative, total, rtol=1e-12)
