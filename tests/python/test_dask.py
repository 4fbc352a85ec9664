"""Partial roll-ups from Python and ntmkit.dask on a LocalCluster of 2 worker processes.

Expected numbers come from a single-process ntmkit roll-up of the same records and from a plain
pandas group-by carried up the tree by hand, never from the partials themselves.
"""
import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import ntmkit

from conftest import CAMPAIGN_JSON, PROGRESS_CSV

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pytest.importorskip("pyarrow")
import ntmkit.archive  # noqa: E402
import ntmkit.dask  # noqa: E402

FRIDAY = dt.date(2022, 5, 6)


def seed_records():
    """The seed's progress as a records frame, with each corrected record's superseded_on
    worked out from the corrections (the day the correction was reported)."""
    c = ntmkit.Campaign.load(CAMPAIGN_JSON)
    c.load_progress_csv(PROGRESS_CSV)
    f = c.progress_frame()
    superseded = pd.Series(pd.NaT, index=f.index, dtype="datetime64[ns]")
    for _, row in f[f["supersedes"].notna()].iterrows():
        superseded[int(row["supersedes"])] = pd.Timestamp(row["reported"])
    frame = pd.DataFrame({"unit": f["unit"], "indicator": f["indicator"],
                          "done": pd.to_datetime(f["date"]),
                          "reported": pd.to_datetime(f["reported"]),
                          "quantity": f["quantity"], "superseded_on": superseded,
                          "record": f["record"]})
    return c, frame


SEED, RECORDS = seed_records()
EXPECTED = SEED.rollup(FRIDAY)


def definition():
    return ntmkit.Campaign.load(CAMPAIGN_JSON)


def same_numbers(r, expected):
    for field in ("targets", "cumulative", "done_period", "done_day"):
        a, b = getattr(r, field), getattr(expected, field)
        assert np.array_equal(a, b, equal_nan=True), field


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_merging_partials_in_any_order_and_grouping_gives_the_same_numbers(data):
    c = definition()
    parts = data.draw(st.integers(1, 5))
    assign = np.array(data.draw(st.lists(st.integers(0, parts - 1), min_size=len(RECORDS),
                                         max_size=len(RECORDS))))
    partials = [ntmkit.dask.partial_of_frame(c, RECORDS[assign == k], FRIDAY)
                for k in range(parts)]
    order = data.draw(st.permutations(range(parts)))
    left = ntmkit.Partial(c, FRIDAY)
    for k in order:
        left = left + partials[k]
    tree = [partials[k] for k in data.draw(st.permutations(range(parts)))]
    while len(tree) > 1:  # pairs, then pairs of pairs
        tree = [tree[i] + tree[i + 1] if i + 1 < len(tree) else tree[i]
                for i in range(0, len(tree), 2)]
    assert left == tree[0]
    assert left.to_bytes() == tree[0].to_bytes()
    same_numbers(left.finish(c), EXPECTED)


def test_a_partial_pickles_and_refuses_another_campaign():
    c = definition()
    p = ntmkit.dask.partial_of_frame(c, RECORDS, FRIDAY)
    back = pickle.loads(pickle.dumps(p))
    assert back == p and back.records == len(RECORDS)
    same_numbers(back.finish(c), EXPECTED)
    other = ntmkit.synthetic_country(0.0005, 1, True)["campaign"]
    with pytest.raises(ntmkit.ValidationError, match="different campaign"):
        p + ntmkit.Partial(other, FRIDAY)
    with pytest.raises(ntmkit.ValidationError, match="another campaign definition"):
        p.finish(other)


def test_a_district_of_two_seed_communes_sums_their_roll_ups():
    d = ntmkit.assemble_district("huyen", "Huyện", {"a": SEED, "b": SEED})
    r = d.rollup(FRIDAY)
    root = SEED.units.root
    for i in range(len(SEED.indicators)):
        assert r.tally(0, i).cumulative == 2 * EXPECTED.tally(root, i).cumulative
        assert r.row(0, i).target == 2 * EXPECTED.row(root, i).target
    assert r.tally("b/cam_trang", "hang_rao_xanh") == EXPECTED.tally("cam_trang",
                                                                      "hang_rao_xanh")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("archive")
    ntmkit.archive.write_archive(root, [2021, 2022], 0.002, json_copy=True)
    return root


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


def pandas_cumulative(c, frame, as_of):
    """Plain pandas: the records done by `as_of` summed per (unit, indicator), then carried up
    the tree child by child (the synthetic country has no organisations: every unit adds
    into its parent), as a (units, indicators) array."""
    done = frame[pd.to_datetime(frame["done"]) <= pd.Timestamp(as_of)]
    own = done.groupby(["unit", "indicator"])["quantity"].sum()
    out = np.zeros((len(c.units), len(c.indicators)))
    out[own.index.get_level_values(0), own.index.get_level_values(1)] = own.to_numpy()
    parents = c.units.parents
    for u in range(len(parents) - 1, 0, -1):
        out[parents[u]] += out[u]
    return out


def test_dask_rolls_up_an_archive_campaign_as_one_process_and_pandas_do(archive, client):
    cid = ntmkit.archive.campaign_id(2022)
    c = ntmkit.archive.read_campaign(archive, cid)  # from its bytes
    records = dd.read_parquet(archive / "records", filters=[("campaign", "==", cid)])
    assert records.npartitions >= 2
    as_of, known_by = dt.date(2022, 5, 20), dt.date(2022, 5, 13)
    # The definition given as the path of its bytes, as a worker-side user would.
    r = ntmkit.dask.rollup(str(ntmkit.archive.definition_path(archive, cid)), records, as_of,
                           split_every=3)
    earlier = ntmkit.dask.rollup(c, records, as_of, known_by=known_by)

    frame = pd.read_parquet(archive / "records", filters=[("campaign", "==", cid)])
    frame = frame.sort_values("record")
    one = ntmkit.Campaign.load(archive / "campaigns" / f"{cid}.json")  # the JSON copy
    first = np.datetime64("2022-04-15", "D")
    one.add_progress_columns(frame["unit"].to_numpy(), frame["indicator"].to_numpy(np.int32),
                             (frame["done"].to_numpy().astype("datetime64[D]") - first)
                             .astype(np.int32), frame["quantity"].to_numpy(),
                             (frame["reported"].to_numpy().astype("datetime64[D]") - first)
                             .astype(np.int32))
    same_numbers(r, one.rollup(as_of))
    same_numbers(earlier, one.rollup(as_of, known_by=known_by))
    assert np.array_equal(r.cumulative, pandas_cumulative(c, frame, as_of))

    weekly = ntmkit.dask.weekly_figures(r, level="commune")
    assert set(weekly["unit"]) == {x for x, lv in zip(c.units.ids, c.units_frame()["level"])
                                   if lv in ("commune", "country")}
    ranking = ntmkit.dask.rank_units(c, records, as_of, level="commune")
    assert ranking.to_json() == one.rank_units(as_of, level="commune").to_json()


def test_dask_keeps_campaigns_of_the_archive_apart(archive, client):
    """A campaign's records are not another's: the 2021 figures differ from 2022's, and a
    2022 partial does not merge into a 2021 one."""
    c21, c22 = (ntmkit.archive.read_campaign(archive, ntmkit.archive.campaign_id(y))
                for y in (2021, 2022))
    assert ntmkit.campaign_fingerprint(c21) != ntmkit.campaign_fingerprint(c22)
    records = dd.read_parquet(archive / "records",
                              filters=[("campaign", "==", ntmkit.archive.campaign_id(2021))])
    p21 = ntmkit.dask.partial(c21, records, dt.date(2021, 5, 30))
    assert p21.records == len(records)
    with pytest.raises(ntmkit.ValidationError):
        p21 + ntmkit.Partial(c22, dt.date(2021, 5, 30))


def test_the_archive_keeps_each_definition_as_bytes_with_its_campaign_files_fingerprint(
        archive, tmp_path):
    for year in (2021, 2022):
        cid = ntmkit.archive.campaign_id(year)
        c = ntmkit.archive.read_campaign(archive, cid)
        from_json = ntmkit.Campaign.load(archive / "campaigns" / f"{cid}.json")
        assert c.id == f"ntm-{year}"
        assert (c.window.first, c.window.last) == (dt.date(year, 4, 15), dt.date(year, 5, 30))
        assert len(c.progress_frame()) == 0  # the definition only
        assert ntmkit.campaign_fingerprint(c) == ntmkit.campaign_fingerprint(from_json)
        assert c.to_json() == from_json.to_json()
    ntmkit.archive.main([str(tmp_path), "--years", "1", "--scale", "0.0005"])
    assert sorted(p.name for p in (tmp_path / "campaigns").iterdir()) == ["ntm-2022.bytes"]
