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


def test_read_progress_csv_returns_records():
    recs = ntmkit.read_progress_csv(PROGRESS_CSV.read_text(encoding="utf-8"), 2022)
    assert recs[0].date == dt.date(2022, 4, 15)
    assert all(isinstance(r, ntmkit.ProgressRecord) for r in recs)


def test_corrections(seed_with_progress, csv_rows):
    log = seed_with_progress.progress
    k = next(i for i, r in enumerate(csv_rows) if r["supersedes"] is not None)
    assert log.supersedes(k) == csv_rows[k]["supersedes"]
    assert log.is_superseded(csv_rows[k]["supersedes"])
    assert log.has_corrections
