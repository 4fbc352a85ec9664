"""ntmkit.Store: the seed kept in a SQLite file, or in a PostgreSQL schema, rolls up as the
hand-computed figures say; imports are repeatable, order-free, and refuse conflicts without
changing anything; communes' stores consolidate into a district's PostgreSQL database."""
import datetime as dt
import itertools

import pandas as pd
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON, PROGRESS_CSV, Expected

FRIDAY = dt.date(2022, 5, 6)
_schemas = itertools.count()


def _schema(name):
    """A schema no other test of the session uses."""
    return f"{name}_{next(_schemas)}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_path(request, tmp_path):
    """Where a test's store lives: a SQLite file, then a schema of the session's server."""
    if request.param == "sqlite":
        return str(tmp_path / "xa.sqlite")
    return f"{request.getfixturevalue('postgres_url')}#{_schema('xa')}"


@pytest.fixture
def store(store_path, seed):
    s = ntmkit.Store.open(store_path)
    s.import_campaign(seed, "campaign.json")
    return s


def test_the_seed_from_a_store_rolls_up_to_the_hand_computed_figures(store, expected):
    result = store.import_csv(str(PROGRESS_CSV))
    assert (result.read, result.added, result.skipped) == (61, 61, 0)
    r = store.campaign().rollup(FRIDAY)
    cum = expected.cumulative(FRIDAY)
    assert len(cum) > 20
    for (unit, indicator), value in cum.items():
        assert r.row(unit, indicator).cumulative == pytest.approx(value)


def test_importing_the_same_file_twice_adds_nothing(store):
    store.import_csv(str(PROGRESS_CSV))
    again = store.import_csv(str(PROGRESS_CSV))
    assert (again.added, again.skipped) == (0, 61)
    assert len(store.campaign().progress) == 61


def test_a_store_reopened_from_its_file_holds_the_same_campaign(tmp_path, store):
    store.import_csv(str(PROGRESS_CSV))
    reopened = ntmkit.Store(store.path)
    assert reopened.campaign() == store.campaign()
    assert reopened.schema_version == 4
    assert [v["version"] for v in reopened.versions()] == [1]


def test_a_frame_imports_once_and_a_conflict_shows_both_versions(store):
    frame = pd.DataFrame({"đơn vị": ["cam_trang_to_1", "cam_trang_to_2"],
                          "chỉ tiêu": ["hang_rao_xanh"] * 2,
                          "ngày": ["16/4/2022", "17/4/2022"], "số lượng": [2, 1]})
    assert store.import_frame(frame, "zalo").added == 2
    assert store.import_frame(frame, "zalo").skipped == 2
    frame.loc[1, "số lượng"] = 5
    with pytest.raises(ntmkit.StoreConflict) as e:
        store.import_frame(frame, "zalo")
    assert e.value.where == "zalo"
    assert ("zalo:2: already in the store as {cam_trang_to_2, hang_rao_xanh, 17/4/2022, "
            "reported 17/4/2022, 1}") in e.value.detail
    assert "this import has {cam_trang_to_2, hang_rao_xanh, 17/4/2022, reported 17/4/2022, 5}" \
        in e.value.detail
    assert isinstance(e.value, ntmkit.Error)
    assert len(store.campaign().progress) == 2


def test_a_correction_by_id_from_a_frame(store):
    store.import_frame(pd.DataFrame({"id": ["CT-1"], "unit": ["cam_trang_to_1"],
                                     "indicator": ["hang_rao_xanh"], "date": ["16/4/2022"],
                                     "quantity": [2]}), "a")
    store.import_frame(pd.DataFrame({"unit": ["cam_trang_to_1"], "indicator": ["hang_rao_xanh"],
                                     "date": ["16/4/2022"], "reported": ["20/4/2022"],
                                     "quantity": [3], "supersedes": ["CT-1"]}), "b")
    r = store.campaign().rollup("30/4/2022")
    assert r.row("cam_trang_to_1", "hang_rao_xanh").cumulative == 3


def test_a_bad_row_refuses_the_whole_frame(store):
    frame = pd.DataFrame({"unit": ["cam_trang_to_1", "nowhere"], "indicator": ["hang_rao_xanh"] * 2,
                          "date": ["16/4/2022"] * 2, "quantity": [1, 1]}, index=[10, 11])
    with pytest.raises(ntmkit.ValidationError) as e:
        store.import_frame(frame, "f")
    assert e.value.where == "f row 11, column unit"
    assert len(store.campaign().progress) == 0


def test_a_changed_target_is_a_new_version_and_the_old_one_still_opens(store, seed):
    seed.set_target("cam_trang", "hang_rao_xanh", 1)
    assert store.define(seed, "revised") == 2
    before = store.campaign(1).rollup(FRIDAY).row("cam_trang", "hang_rao_xanh").target
    assert store.campaign().rollup(FRIDAY).row("cam_trang", "hang_rao_xanh").target == 1
    assert before != 1
    assert [v["note"] for v in store.versions()] == ["from campaign.json", "revised"]


def test_a_newer_store_is_refused_with_a_clear_message(tmp_path):
    import sqlite3
    path = tmp_path / "new.sqlite"
    ntmkit.Store.open(str(path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '9' WHERE key = 'schema_version'")
    with pytest.raises(ntmkit.StoreError, match="written with store schema 9, this ntmkit reads "
                                                "schema 4 or older; upgrade ntmkit"):
        ntmkit.Store.open(str(path))


def test_communes_consolidate_into_postgres_and_roll_up_as_at_home(
        tmp_path, postgres_url, seed, seed_json, csv_rows, expected):
    # Two communes' SQLite stores: all of the seed's progress, and its first 30 rows only.
    lines = PROGRESS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    homes = []
    for name, rows in (("a", len(lines) - 1), ("b", 30)):
        home = ntmkit.Store.open(str(tmp_path / f"{name}.sqlite"))
        home.import_campaign(seed, "campaign.json")
        home.import_csv_text("".join(lines[:rows + 1]), "progress.csv")
        homes.append(home)
    host = dict(p.split("=") for p in postgres_url.split("?")[1].split("&"))["host"]
    district = [ntmkit.Store(f"{postgres_url}#{_schema('xa_a')}"),  # a URL, or libpq's conninfo
                ntmkit.Store.postgres(f"host={host} user=ntmkit dbname=postgres", _schema("xa_b"))]
    for home, there in zip(homes, district):
        first = home.copy_to(there)
        assert first.added == len(home.campaign().progress) + len(seed.submissions)
        assert home.copy_to(there).added == 0  # copying again adds nothing
    # By hand (conftest.Expected), and equal to the homes' own roll-ups cell by cell.
    for there, home, rows in zip(district, homes, (csv_rows, csv_rows[:30])):
        by_hand = Expected(seed_json, rows).cumulative(FRIDAY)
        r = there.campaign().rollup(FRIDAY)
        for (unit, indicator), value in by_hand.items():
            assert r.row(unit, indicator).cumulative == pytest.approx(value)
        pd.testing.assert_frame_equal(r.to_frame(), home.campaign().rollup(FRIDAY).to_frame())
    assert len(district[1].campaign().progress) == 30
