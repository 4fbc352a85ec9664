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


def test_imports_lists_what_came_in_from_where_and_not_a_file_imported_again(
        store, seed_json, csv_rows):
    store.import_csv(str(PROGRESS_CSV))
    store.import_csv(str(PROGRESS_CSV))  # the same file again: nothing new, no import
    listed = store.imports()
    # The fixture's import_campaign: the seed's reports received (its JSON has no progress);
    # then progress.csv under its file name. Counts from the files, read with json and csv.
    assert [(i["id"], i["source"], i["kind"], i["read"], i["added"]) for i in listed] == [
        (1, "campaign.json", "submissions", len(seed_json["submissions"]),
         len(seed_json["submissions"])),
        (2, "progress.csv", "progress", len(csv_rows), len(csv_rows))]
    assert all(i["stored"][10] == "T" and i["stored"].endswith("Z") for i in listed)


# The seed's 6/5/2022 period: nine villages reported, Trung Tiến did not (campaign.json).
TRUNG_TIEN = {"unit": "Trung Tiến", "period": "6/5/2022", "submitted": "6/5/2022",
              "reporter": "Thôn trưởng"}


def test_a_report_received_imported_into_the_store_counts_and_again_adds_nothing(store):
    assert store.campaign().reporting_completeness(FRIDAY).received == 9
    result = store.import_submissions([TRUNG_TIEN], "zalo")
    assert (result.read, result.added, result.skipped) == (1, 1, 0)
    r = store.campaign().reporting_completeness(FRIDAY)
    assert (r.received, r.expected, list(r.missing)) == (10, 10, [])
    again = store.import_submissions([dict(TRUNG_TIEN, unit="trung_tien")], "zalo")
    assert (again.read, again.added, again.skipped, again.import_id) == (1, 0, 1, 0)
    assert [(i["source"], i["read"], i["added"]) for i in store.imports()][1:] == [("zalo", 1, 1)]


def test_import_submissions_takes_what_campaign_submissions_gives(store, seed, seed_json):
    n = len(seed_json["submissions"])
    result = store.import_submissions(seed.submissions, "campaign.json")
    assert (result.read, result.added, result.skipped) == (n, 0, n)


def test_a_conflicting_report_received_is_refused_showing_both(store, seed_json):
    store.import_submissions([TRUNG_TIEN], "zalo")
    with pytest.raises(ntmkit.StoreConflict) as e:
        store.import_submissions([dict(TRUNG_TIEN, reporter="Bí thư", note="qua Zalo")], "zalo")
    assert e.value.where == "zalo"
    assert e.value.detail.splitlines()[1] == (
        '  trung_tien, period 6/5/2022, received 6/5/2022: reporter "Thôn trưởng", note "" in '
        'the store; this import has reporter "Bí thư", note "qua Zalo"')
    assert len(store.campaign().submissions) == len(seed_json["submissions"]) + 1


@pytest.mark.parametrize("row, where, what", [
    ({"unit": "nowhere", "period": "6/5/2022", "submitted": "6/5/2022"},
     "zalo, submission 1, field unit", 'no unit with id or name "nowhere"'),
    ({"unit": "trung_tien", "submitted": "6/5/2022"}, "zalo, submission 1, field period",
     "missing: a date such as 6/5/2022 is needed"),
    ({"unit": "trung_tien", "period": "6/5/2022", "submitted": "32/5/2022"},
     "zalo, submission 1, field submitted", "May 2022 has 31 days, got day 32"),
])
def test_a_bad_report_received_names_its_place_and_refuses_the_whole_list(store, row, where,
                                                                         what, seed_json):
    with pytest.raises(ntmkit.Error) as e:
        store.import_submissions([TRUNG_TIEN, row], "zalo")
    assert e.value.where == where
    assert what in e.value.detail
    # Trung Tiến's good report was not kept either.
    assert len(store.campaign().submissions) == len(seed_json["submissions"])
    assert [i["source"] for i in store.imports()] == ["campaign.json"]
