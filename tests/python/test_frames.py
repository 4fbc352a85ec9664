import datetime as dt

import numpy as np
import pandas as pd
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON


def test_progress_frame_round_trip(seed_with_progress):
    seed = ntmkit.Campaign.load(CAMPAIGN_JSON)
    df = seed_with_progress.progress_frame()
    assert list(df.columns)[:6] == ["record", "unit", "indicator", "date", "reported", "quantity"]
    assert isinstance(df["date"].iloc[0], dt.date)
    seed.add_progress_frame(df)
    assert seed.progress == seed_with_progress.progress
    assert seed == seed_with_progress


def test_progress_from_a_frame_with_vietnamese_headers_and_datetime64(seed, csv_rows):
    df = pd.DataFrame({
        "Đơn vị": [r["unit"] for r in csv_rows],
        "Chỉ tiêu": [r["indicator"] for r in csv_rows],
        "Ngày": pd.to_datetime([r["date"] for r in csv_rows]),
        "Số lượng": [r["quantity"] for r in csv_rows],
        "Ngày báo cáo": pd.to_datetime([r["reported"] for r in csv_rows]),
        "thay thế": pd.array([r["supersedes"] for r in csv_rows], dtype="Int64"),
    })
    seed.add_progress_frame(df)
    log = seed.progress
    assert list(log.units()) == [seed.units.at(r["unit"]) for r in csv_rows]
    assert list(log.indicators()) == [seed.indicator_at(r["indicator"]) for r in csv_rows]
    assert list(log.done_days()) == [(r["date"] - seed.first).days for r in csv_rows]
    assert list(log.reported_days()) == [(r["reported"] - seed.first).days for r in csv_rows]
    assert list(log.quantities()) == [r["quantity"] for r in csv_rows]
    corrected = [k for k, r in enumerate(csv_rows) if r["supersedes"] is not None]
    assert corrected and all(log.supersedes(k) == csv_rows[k]["supersedes"] for k in corrected)


def test_frame_errors_name_the_row_label(seed):
    df = pd.DataFrame({"unit": ["cam_trang_to_1", "cam_trang_to_1"],
                       "indicator": ["cong_ngo", "cong_ngo"],
                       "date": ["16/4/2022", "16/14/2022"], "quantity": [1, 1]},
                      index=["a", "b"])
    with pytest.raises(ntmkit.ParseError) as e:
        seed.add_progress_frame(df)
    assert e.value.where == "DataFrame row b, column date"
    df.loc["b", "date"] = "17/4/2022"
    df.loc["b", "quantity"] = -3
    with pytest.raises(ntmkit.ValidationError, match="^DataFrame row b, column quantity"):
        seed.add_progress_frame(df)
    with pytest.raises(ntmkit.ParseError, match='missing column "quantity"'):
        seed.add_progress_frame(df.drop(columns="quantity"))
    assert len(seed.progress) == 0


def test_targets_frame_round_trip(seed, seed_json):
    df = seed.targets_frame()
    assert len(df) == len(seed_json["targets"])
    assert set(df["indicator_name"]) >= {"Hộ xây nhà vệ sinh tự hoại"}
    blank = ntmkit.Campaign.from_json(seed.to_json())
    for u, i, _, _ in blank.targets.items():
        blank.clear_target(u, i)
    assert blank.targets.items() == []
    blank.set_targets_frame(df)
    assert blank == seed


def test_targets_frame_errors_name_the_row(seed):
    df = pd.DataFrame({"unit": ["cam_trang", "nowhere"], "indicator": ["cong_ngo"] * 2,
                       "target": [3, 4]}, index=[10, 11])
    with pytest.raises(ntmkit.ValidationError, match="^DataFrame row 11, field unit"):
        seed.set_targets_frame(df)
    assert seed.target("cam_trang", "cong_ngo") != 3


def test_rollup_frame_is_tidy(seed_with_progress, expected, seed_json):
    c = seed_with_progress
    day = dt.date(2022, 5, 6)
    df = c.rollup(day).to_frame()
    assert len(df) == len(c.units) * len(c.indicators)
    assert not df.duplicated(["unit", "indicator"]).any()
    want = expected.cumulative(day)
    for row in df.itertuples():
        assert row.cumulative == pytest.approx(want.get((row.unit, row.indicator), 0.0))
    assert "Cẩm Trang" in set(df["unit_name"])
    proj = df["projected_completion"].dropna()
    assert len(proj) and pd.api.types.is_datetime64_any_dtype(proj)  # datetime64, not object
    assert df["as_of"].iloc[0] == pd.Timestamp(day)
    villages = c.rollup(day).to_frame(level="village", with_target=True)
    pivot = villages.pivot_table(index="unit", columns="indicator", values="ratio")
    assert pivot.shape[0] == len(c.units.units_at("village"))
    own = {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}
    ratios = 0
    for (unit, ind), target in own.items():
        if unit in pivot.index and target > 0:
            assert pivot.loc[unit, ind] == pytest.approx(want.get((unit, ind), 0.0) / target)
            ratios += 1
    assert ratios >= 10 * 6  # every village has its household items' targets
    by_status = villages.groupby("status", observed=True).size()
    assert by_status.sum() == len(villages)


def test_status_follows_the_linear_pace(seed_with_progress):
    df = seed_with_progress.rollup("6/5/2022").to_frame(with_target=True)
    for row in df.itertuples():
        if row.cumulative >= row.target:
            assert row.status == "achieved"
        elif row.cumulative >= 0.9 * row.expected:
            assert row.status == "on_track"
        elif row.cumulative >= 0.6 * row.expected:
            assert row.status == "behind"
        else:
            assert row.status == "at_risk"
        assert row.expected == pytest.approx(row.target * 22 / 46)


def test_units_and_indicators_frames(seed):
    u = seed.units_frame()
    assert list(u["unit"]) == seed.units.ids
    assert u.loc[u["unit"] == "cam_trang", "name"].item() == "Cẩm Trang"
    i = seed.indicators_frame()
    assert list(i["indicator"]) == seed.indicator_ids


def test_numpy_helper_columns_agree_with_frame(seed_with_progress, expected, seed_json):
    c = seed_with_progress
    r = c.rollup("6/5/2022")
    cols = r.columns()
    np.testing.assert_array_equal(np.isnan(cols["target"]), np.isnan(r.targets.ravel()))
    want = expected.cumulative(dt.date(2022, 5, 6))
    k = len(c.indicators)
    for t in seed_json["targets"]:  # own targets: remaining = max(target − done, 0)
        cell = c.units.at(t["unit"]) * k + c.indicator_at(t["indicator"])
        done = want.get((t["unit"], t["indicator"]), 0.0)
        assert cols["target"][cell] == t["value"]
        assert cols["remaining"][cell] == pytest.approx(max(t["value"] - done, 0.0))
        assert cols["expected"][cell] == pytest.approx(t["value"] * 22 / 46)
    frame = r.to_frame(with_target=True)
    np.testing.assert_allclose(np.sort(frame["remaining"].to_numpy()),
                               np.sort(cols["remaining"][~np.isnan(cols["target"])]))
