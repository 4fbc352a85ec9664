import datetime as dt

import pytest

import ntmkit


@pytest.mark.parametrize("text", ["15/4/2022", "2022-04-15", " 15 / 4 / 2022 ", "15.4.2022",
                                  "15-4-2022"])
def test_dates_in_as_text(text):
    assert ntmkit.parse_date(text) == dt.date(2022, 4, 15)


def test_date_out_is_a_plain_date():
    d = ntmkit.parse_date("30/5", default_year=2022)
    assert type(d) is dt.date and d == dt.date(2022, 5, 30)


def test_datetime_with_time_zone_is_not_shifted():
    # 23:30 on 15/4 at UTC+7 is 16:30 UTC on the same day, but 00:30 on 16/4 at UTC+8:
    # the day written is the day used.
    late = dt.datetime(2022, 4, 15, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    w = ntmkit.DateWindow(late, "16/4/2022")
    assert w.first == dt.date(2022, 4, 15)


def test_bad_date_text_is_a_parse_error_quoting_it():
    with pytest.raises(ntmkit.ParseError) as e:
        ntmkit.parse_date("31/4/2022")
    assert str(e.value) == 'date "31/4/2022": April 2022 has 30 days, got day 31'
    assert e.value.where == 'date "31/4/2022"'
    assert isinstance(e.value, ValueError) and isinstance(e.value, ntmkit.Error)


def test_two_digit_year_rejected():
    with pytest.raises(ntmkit.ParseError, match="4 digits"):
        ntmkit.parse_date("15/4/22")


def test_window_counts_inclusively_and_indexes_days():
    w = ntmkit.DateWindow("15/4/2022", dt.date(2022, 5, 30))
    assert w.days == 46 == len(w)
    assert w.day_index("16/4/2022") == 1
    assert w.at(45) == dt.date(2022, 5, 30)
    assert dt.date(2022, 5, 1) in w
    with pytest.raises(ntmkit.ValidationError, match="outside the window 15/4/2022 to 30/5/2022"):
        w.day_index(dt.date(2022, 6, 1))
    with pytest.raises(ntmkit.ValidationError):
        ntmkit.DateWindow("30/5/2022", "15/4/2022")


def test_friday_schedule_of_the_seed(seed):
    dates = seed.report_dates()
    assert all(d.weekday() == 4 for d in dates)  # Friday
    assert dates[0] == dt.date(2022, 4, 15) and dates[-1] == dt.date(2022, 5, 27)
    periods = seed.periods()
    # Periods tile the window: no gap, no overlap.
    assert periods[0].first == seed.first and periods[-1].last == seed.last
    for a, b in zip(periods, periods[1:]):
        assert b.first == a.last + dt.timedelta(days=1)
    assert periods[-1] == ntmkit.ReportPeriod("28/5/2022", "30/5/2022", "30/5/2022")
    p = seed.period_for("3/5/2022")
    assert (p.first, p.last) == (dt.date(2022, 4, 30), dt.date(2022, 5, 6))


def test_schedule_accepts_names_and_enums():
    a = ntmkit.ReportingSchedule.weekly("friday")
    b = ntmkit.ReportingSchedule("weekly", ntmkit.Weekday.friday)
    assert a == b and a.report_day is ntmkit.Weekday.friday
    with pytest.raises(ntmkit.ParseError, match='expected one of "monday"'):
        ntmkit.ReportingSchedule.weekly("fri")


def test_dhis2_periods():
    assert ntmkit.dhis2_week_id("15/4/2022", ntmkit.Weekday.saturday) == "2022SatW15"
    assert ntmkit.dhis2_week_id("2021-01-03", ntmkit.Weekday.monday) == "2020W53"
    assert ntmkit.parse_dhis2_week_id("2022W15") == (dt.date(2022, 4, 11), dt.date(2022, 4, 17))
    sched = ntmkit.ReportingSchedule.weekly("friday")
    assert ntmkit.dhis2_week_start(sched) is ntmkit.Weekday.saturday
    p = ntmkit.ReportPeriod("28/5/2022", "30/5/2022", "30/5/2022")
    assert ntmkit.dhis2_period_id(sched, p) == "2022SatW22"
    with pytest.raises(ntmkit.ParseError, match="2021 has weeks 1..52"):
        ntmkit.parse_dhis2_week_id("2021W53")


def test_dhis2_tuesday_friday_and_biweekly_periods():
    # docs/calendar.md: 2022TueW15 is 12/4-18/4, 2022FriW16 15/4-21/4; DHIS2's own example
    # 2015BiW1 is ISO weeks 1-2 of 2015, from Monday 29/12/2014.
    assert ntmkit.dhis2_period_containing("15/4/2022", "WeeklyTuesday").id == "2022TueW15"
    p = ntmkit.dhis2_period_containing("15/4/2022", ntmkit.Dhis2PeriodType.WeeklyFriday)
    assert (p.id, p.first, p.last) == ("2022FriW16", dt.date(2022, 4, 15), dt.date(2022, 4, 21))
    p = ntmkit.parse_dhis2_period_id("2015BiW1")
    assert (p.type, p.first, p.last) == (ntmkit.Dhis2PeriodType.BiWeekly, dt.date(2014, 12, 29),
                                         dt.date(2015, 1, 11))
    assert ntmkit.dhis2_period_type_of(ntmkit.ReportingSchedule.weekly("thursday")) is \
        ntmkit.Dhis2PeriodType.WeeklyFriday


def test_nfc_names_match():
    decomposed = "Ca\u0302\u0309m Trang"
    assert ntmkit.nfc(decomposed) == "Cẩm Trang"
    assert ntmkit.same_name(decomposed, "Cẩm Trang")
