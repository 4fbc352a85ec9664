"""Reports and reporting completeness as DataFrames: the figures the reports print, checked
against the seed files read by hand (conftest.Expected), with fractions, not percents."""
import datetime as dt

import pandas as pd

import ntmkit

FRIDAY = dt.date(2022, 5, 6)


def _targets(seed_json):
    return {(t["unit"], t["indicator"]): t["value"] for t in seed_json["targets"]}


def test_weekly_report_frame_has_the_report_figures(seed_with_progress, seed_json, expected):
    c = seed_with_progress
    frame = c.weekly_report(FRIDAY).to_frame()
    villages = [u["id"] for u in seed_json["units"] if u["level"] == "village"]
    assert list(dict.fromkeys(frame["unit"])) == villages + ["xa"]  # the commune last
    cum = expected.cumulative(FRIDAY)
    assert list(frame["cumulative"]) == [cum.get((u, i), 0.0)
                                         for u, i in zip(frame["unit"], frame["indicator"])]
    hedge = frame[(frame["unit"] == "cam_trang") & (frame["indicator"] == "hang_rao_xanh")].iloc[0]
    target = _targets(seed_json)[("cam_trang", "hang_rao_xanh")]
    assert hedge["target"] == target and hedge["ratio"] == cum[("cam_trang", "hang_rao_xanh")] / target
    assert (frame["report_date"] == pd.Timestamp(FRIDAY)).all()
    assert set(frame["period_key"]) == {"2022-04-30/2022-05-06"}


def test_daily_report_frame_lists_the_records_of_the_day(seed_with_progress, csv_rows, expected):
    c = seed_with_progress
    superseded = {r["supersedes"] for r in csv_rows if r["supersedes"] is not None}
    wanted = sorted((r["unit"], r["indicator"], r["quantity"])
                    for k, r in enumerate(csv_rows)
                    if r["date"] == FRIDAY and expected.first_record + k not in superseded)
    frame = c.daily_report(FRIDAY).to_frame()
    assert sorted(zip(frame["unit"], frame["indicator"], frame["quantity"])) == wanted
    assert (frame["day"] == pd.Timestamp(FRIDAY)).all()


def test_completeness_frame_names_the_missing_reports(seed_with_progress, seed_json):
    c = seed_with_progress
    co = c.reporting_completeness(FRIDAY, known_by=FRIDAY)
    sent = {s["unit"] for s in seed_json["submissions"]
            if s["period"] == "2022-05-06" and s["submitted"] <= "2022-05-06"}
    villages = [u["id"] for u in seed_json["units"] if u["level"] == "village"]
    frame = co.to_frame(c)
    assert list(frame["unit"]) == [v for v in villages if v not in sent]  # Cẩm Trang, Trung Tiến
    assert list(frame["state"]) == ["missing"] * len(frame) and frame["submitted"].isna().all()
    assert co.reporting_rate == len(sent) / len(villages)  # a fraction, as ratio and score
    assert list(co.to_frame()["unit"]) == [c.unit_index(u) for u in frame["unit"]]


def test_final_report_frame_adds_each_units_reporting_rate(seed_with_progress, seed_json):
    c = seed_with_progress
    fin = c.final_report()
    frame = fin.to_frame()
    periods = len(c.periods())
    received = {}
    for s in seed_json["submissions"]:
        received.setdefault(s["unit"], set()).add(s["period"])
    assert list(frame["id"]) == [s.id for s in fin.ranking.ranked]
    assert list(frame["expected"]) == [periods] * len(frame)
    assert list(frame["received"]) == [len(received.get(u, ())) for u in frame["id"]]
    assert list(frame["reporting_rate"]) == [len(received.get(u, ())) / periods
                                             for u in frame["id"]]
