import datetime as dt

import pytest

import ntmkit
from conftest import PROGRESS_CSV


def all_cells(c, r):
    return {(c.units.id(u), ind.id): r.cumulative[u, k]
            for u in range(len(c.units)) for k, ind in enumerate(c.indicators)}


def compare(c, r, expected_map):
    got = all_cells(c, r)
    for key, value in got.items():
        assert value == pytest.approx(expected_map.get(key, 0.0)), key


@pytest.mark.parametrize("as_of", ["15/4/2022", "22/4/2022", "6/5/2022", "30/5/2022"])
def test_rollup_matches_plain_sums_over_the_csv(seed_with_progress, expected, as_of):
    day = ntmkit.parse_date(as_of)
    r = seed_with_progress.rollup(day)
    compare(seed_with_progress, r, expected.cumulative(day))


def test_known_by_reproduces_a_past_friday(seed_with_progress, expected):
    day = dt.date(2022, 5, 6)
    known = dt.date(2022, 4, 29)
    r = seed_with_progress.rollup(day, known_by=known)
    compare(seed_with_progress, r, expected.cumulative(day, known_by=known))


def test_records_as_objects_and_dicts(seed):
    seed.add_progress([
        ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 2),
        {"unit": "Cẩm Trang", "indicator": "cong_ngo", "date": dt.date(2022, 4, 17),
         "quantity": 1, "reported": "18/4/2022", "note": "ghi chú"},
    ])
    log = seed.progress
    assert len(log) == 2
    assert list(log.done_days()) == [1, 2] and list(log.reported_days()) == [1, 3]
    assert log.notes() == ["", "ghi chú"]
    r = seed.rollup("17/4/2022")
    assert r.row("cam_trang", "cong_ngo").cumulative == 3


def test_rejected_batch_changes_nothing(seed_with_progress):
    c = seed_with_progress
    before_json = c.to_json()
    n = len(c.progress)
    good = ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 1)
    bad = ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/6/2022", 1)
    with pytest.raises(ntmkit.ValidationError) as e:
        c.add_progress([good, good, bad])
    assert str(e.value) == ("progress record 2, field date: day 16/6/2022 is outside the "
                            "campaign 15/4/2022 to 30/5/2022")
    assert len(c.progress) == n
    assert c.to_json() == before_json


def test_household_capacity_is_checked_over_the_batch(seed):
    hh = seed.units.households(seed.units.at("cam_trang_to_1"))
    recs = [ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", hh),
            ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "17/4/2022", 1)]
    with pytest.raises(ntmkit.ValidationError, match=f'unit "cam_trang_to_1" would count '
                                                     f'{hh + 1} households'):
        seed.add_progress(recs)
    assert len(seed.progress) == 0


def test_csv_errors_name_row_and_column(seed):
    text = PROGRESS_CSV.read_text(encoding="utf-8").splitlines()
    text[5] = text[5].replace("16/4/2022", "31/4/2022")
    with pytest.raises(ntmkit.ParseError) as e:
        seed.add_progress_csv("\n".join(text) + "\n", source="tiendo.csv")
    assert e.value.where == "tiendo.csv row 6, column date"
    assert "April 2022 has 30 days" in e.value.detail
    assert len(seed.progress) == 0

    text = PROGRESS_CSV.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace("dong_hoa_to_1", "khong_co")
    with pytest.raises(ntmkit.ValidationError, match='^tiendo.csv row 4, column unit: no unit'):
        seed.add_progress_csv("\n".join(text) + "\n", source="tiendo.csv")


def test_vietnamese_headers(seed):
    seed.add_progress_csv("Đơn vị,Chỉ tiêu,Ngày,Số lượng\ncam_trang_to_2,cong_ngo,20/4/2022,2\n")
    assert seed.rollup("30/5/2022").row("cam_trang", "cong_ngo").cumulative == 2


def test_read_progress_csv_returns_records(csv_rows):
    recs = ntmkit.read_progress_csv(PROGRESS_CSV.read_text(encoding="utf-8"), 2022)
    assert all(isinstance(r, ntmkit.ProgressRecord) for r in recs)
    assert [(r.unit, r.indicator, r.date, r.quantity, r.supersedes) for r in recs] == \
        [(r["unit"], r["indicator"], r["date"], r["quantity"], r["supersedes"])
         for r in csv_rows]
    assert [r.reported or r.date for r in recs] == [r["reported"] for r in csv_rows]


def test_corrections(seed_with_progress, csv_rows):
    log = seed_with_progress.progress
    k = next(i for i, r in enumerate(csv_rows) if r["supersedes"] is not None)
    assert log.supersedes(k) == csv_rows[k]["supersedes"]
    assert log.is_superseded(csv_rows[k]["supersedes"])
    assert log.has_corrections


def test_a_correction_of_a_correction_and_each_past_view_of_it(seed):
    # r0: 3 hedges at Tổ 1 on 16/4; r1 corrects it to 2 on 18/4; r2 corrects r1 to 5 on 20/4.
    seed.add_progress([
        ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 3),
        ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 2,
                              reported="18/4/2022", supersedes=0),
        ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 5,
                              reported="20/4/2022", supersedes=1),
    ])
    end = "30/5/2022"
    seen = {known: seed.rollup(end, known_by=known).row("cam_trang", "cong_ngo").cumulative
            for known in ("15/4/2022", "16/4/2022", "17/4/2022", "18/4/2022", "19/4/2022",
                          "20/4/2022")}
    assert seen == {"15/4/2022": 0, "16/4/2022": 3, "17/4/2022": 3, "18/4/2022": 2,
                    "19/4/2022": 2, "20/4/2022": 5}
    assert seed.rollup(end).row("xa", "cong_ngo").cumulative == 5
    assert seed.rollup("15/4/2022").row("xa", "cong_ngo").cumulative == 0  # done on 16/4
    with pytest.raises(ntmkit.ValidationError, match="already corrected"):
        seed.add_progress([ntmkit.ProgressRecord("cam_trang_to_1", "cong_ngo", "16/4/2022", 1,
                                                 reported="21/4/2022", supersedes=0)])


@pytest.fixture
def last_figures():
    """Two villages report a running figure (over_time 'last'): the latest one stands."""
    import json
    doc = {
        "format": "ntmkit-campaign", "format_version": 1, "id": "last", "name": "Last",
        "window": {"first": "2022-04-15", "last": "2022-05-30"},
        "reporting": {"kind": "weekly", "day": "friday"},
        "indicators": [{"id": "paved", "name_vi": "Đường bê tông (m)", "measure": "metres",
                        "over_time": "last", "over_units": "sum"}],
        "units": [{"id": "xa", "name": "Xã", "level": "commune"},
                  {"id": "A", "name": "Thôn A", "level": "village", "parent": "xa"},
                  {"id": "B", "name": "Thôn B", "level": "village", "parent": "xa"}],
        "progress": [
            {"unit": "A", "indicator": "paved", "date": "2022-04-16", "quantity": 10},   # 0
            {"unit": "A", "indicator": "paved", "date": "2022-04-18", "quantity": 30},   # 1
            {"unit": "A", "indicator": "paved", "date": "2022-04-18", "quantity": 25,
             "reported": "2022-04-19"},                                                  # 2
            {"unit": "A", "indicator": "paved", "date": "2022-04-18", "quantity": 40,
             "reported": "2022-04-20", "supersedes": 1},                                 # 3
            {"unit": "A", "indicator": "paved", "date": "2022-04-22", "quantity": 50},   # 4
            {"unit": "A", "indicator": "paved", "date": "2022-04-22", "quantity": 60},   # 5
            {"unit": "B", "indicator": "paved", "date": "2022-04-16", "quantity": 5},    # 6
        ],
    }
    return ntmkit.Campaign.from_json(json.dumps(doc))


def test_the_latest_figure_stands_by_day_done_then_reported_then_record_order(last_figures):
    c = last_figures
    a = lambda as_of, known=None: c.rollup(as_of, known_by=known).row("A", "paved")  # noqa: E731
    # 18/4 has three figures: 30 (reported 18/4, corrected to 40 on 20/4) and 25 (reported
    # 19/4). Known on 18/4: 30; on 19/4: 25 (reported later the same day done); from 20/4: 40.
    assert a("21/4/2022", "17/4/2022").cumulative == 10
    assert a("21/4/2022", "18/4/2022").cumulative == 30
    assert a("21/4/2022", "19/4/2022").cumulative == 25
    assert a("21/4/2022").cumulative == 40
    # 22/4: 50 and 60, same day done and reported: the later record stands.
    row = a("22/4/2022")
    assert row.cumulative == 60
    assert row.done_day == 60 - 40          # the change since the day before
    assert row.done_period == 60            # the week 16/4–22/4 started from nothing
    # Villages add up: the commune has A's 60 and B's 5.
    assert c.rollup("22/4/2022").row("xa", "paved").cumulative == 65
