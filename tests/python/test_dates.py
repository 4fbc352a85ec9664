"""Dates as analysts hold them: numpy.datetime64 and pandas Timestamp wherever a date goes in,
datetime64 columns coming out, and defaults that never point past the data."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

import ntmkit
from conftest import CAMPAIGN_JSON

FRIDAY = dt.date(2022, 5, 6)


@pytest.mark.parametrize("day", [np.datetime64("2022-05-06"), np.datetime64("2022-05-06T17:30"),
                                 pd.Timestamp("2022-05-06 08:00"), "6/5/2022"],
                         ids=["datetime64[D]", "datetime64[m]", "Timestamp", "text"])
def test_numpy_and_pandas_dates_are_read_as_their_calendar_day(seed_with_progress, day):
    c = seed_with_progress
    assert c.rollup(day).as_of == FRIDAY
    assert c.weekly_report(day).report_date == FRIDAY
    assert ntmkit.format_date_vi(day) == "6/5/2022"


def test_a_record_dated_with_datetime64_is_added(seed):
    seed.add_progress([{"unit": "cam_trang_to_1", "indicator": "cong_ngo",
                        "date": np.datetime64("2022-04-20"), "quantity": 2,
                        "reported": pd.Timestamp("2022-04-21")}])
    rec = seed.progress_frame().iloc[-1]
    assert (rec["date"], rec["reported"]) == (pd.Timestamp("2022-04-20"),
                                              pd.Timestamp("2022-04-21"))


@pytest.mark.parametrize("missing", [np.datetime64("NaT"), pd.NaT], ids=["numpy", "pandas"])
def test_a_missing_date_is_a_parse_error_not_the_year_1(seed, missing):
    with pytest.raises(ntmkit.ParseError, match="NaT"):
        seed.rollup(missing)


def test_date_columns_are_datetime64(seed_with_progress, csv_rows):
    c = seed_with_progress
    log = c.progress_frame()
    for col in ("date", "reported"):
        assert pd.api.types.is_datetime64_any_dtype(log[col])
    first = len(log) - len(csv_rows)
    assert [d.date() for d in log["date"][first:]] == [r["date"] for r in csv_rows]
    frame = c.rollup(FRIDAY).to_frame()
    assert pd.api.types.is_datetime64_any_dtype(frame["as_of"])
    assert pd.api.types.is_datetime64_any_dtype(frame["projected_completion"])
    assert (frame["as_of"] == pd.Timestamp(FRIDAY)).all()
    # A fresh campaign reads the frame back: the datetime64 columns go in as dates.
    again = ntmkit.Campaign.load(CAMPAIGN_JSON)
    again.add_progress_frame(log.drop(columns=["record"]))
    assert (again.rollup(FRIDAY).cumulative == c.rollup(FRIDAY).cumulative).all()


def test_a_level_typo_is_an_error_naming_the_valid_levels(seed_with_progress):
    r = seed_with_progress.rollup(FRIDAY)
    with pytest.raises(ntmkit.ValidationError,
                       match=r'"villages" is not a unit level; did you mean "village"\?.*'
                             r"household_group"):
        r.to_frame(level="villages")
    with pytest.raises(ntmkit.ValidationError, match='"thon" is not a unit level'):
        r.to_html(level=["village", "thon"])
    assert set(r.to_frame(level=["village", ntmkit.UnitLevel.commune])["level"]) == {
        "village", "commune"}


def test_weekly_report_defaults_to_the_report_day_of_the_latest_data(seed_with_progress,
                                                                      csv_rows):
    c = seed_with_progress
    last_done = max(r["date"] for r in csv_rows)  # 6/5/2022, a Friday: its own report day
    assert c.data_through() == last_done == FRIDAY
    assert c.weekly_report().report_date == FRIDAY  # not 27/5, the window's last Friday
    sunday = dt.date(2022, 5, 1)
    assert c.data_through(today=sunday) == max(r["date"] for r in csv_rows if r["date"] <= sunday)
    # Seen on Sunday 1/5: the latest data is in the period 30/4–6/5, whose Friday is still to
    # come, so the report is the last Friday that has come, 29/4.
    assert c.data_through(today=sunday) >= dt.date(2022, 4, 30)
    assert c.default_report_date(today=sunday) == dt.date(2022, 4, 29)
    with pytest.raises(ntmkit.ValidationError, match="no report day of the campaign has come"):
        c.default_report_date(today=dt.date(2022, 4, 10))


def test_weekly_report_of_a_running_campaign_never_defaults_to_a_day_to_come():
    today = dt.date.today()
    first, last = today - dt.timedelta(days=20), today + dt.timedelta(days=20)
    c = ntmkit.Campaign("now", "Now", first, last,
                        [ntmkit.UnitSpec("xa", "Xã", "commune"),
                         ntmkit.UnitSpec("t1", "Thôn 1", "village", parent="xa", households=9)],
                        [ntmkit.Indicator("hrx", "Hàng rào xanh")])
    c.add_progress([{"unit": "t1", "indicator": "hrx", "date": today - dt.timedelta(days=1),
                     "quantity": 1}])
    fridays = [first + dt.timedelta(days=k) for k in range(41)
               if (first + dt.timedelta(days=k)).weekday() == 4]
    own = next(f for f in fridays if f >= today - dt.timedelta(days=1))
    expected = own if own <= today else max(f for f in fridays if f <= today)
    assert c.weekly_report().report_date == expected <= today
