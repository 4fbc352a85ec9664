// Dates, the campaign window, the Friday reporting schedule and DHIS2 week ids.
#include "common.hpp"

#include <ntmkit/period.hpp>

#include <datetime.h>

namespace ntmkit_py {

namespace {
void import_datetime() {
    if (!PyDateTimeAPI) {
        PyDateTime_IMPORT;
        if (!PyDateTimeAPI)
            throw py::error_already_set();
    }
}
} // namespace

PyObject* make_pydate(const ntmkit::date& d) {
    import_datetime();
    PyObject* o = PyDate_FromDate(d.year(), d.month(), d.day());
    if (!o)
        throw py::error_already_set();
    return o;
}

bool read_pydate(PyObject* o, ntmkit::date& out) {
    import_datetime();
    const std::string_view type = Py_TYPE(o)->tp_name;
    if (type == "NaTType") // pandas' missing date is a datetime subclass holding 1/1/1
        throw ntmkit::parse_error("date", "NaT (a missing date) is not a date");
    py::object day; // keeps a numpy.datetime64's calendar day alive while it is read
    if (type == "numpy.datetime64") {
        day = py::reinterpret_borrow<py::object>(o).attr("astype")("datetime64[D]").attr("item")();
        if (day.is_none())
            throw ntmkit::parse_error("date", "NaT (a missing date) is not a date");
        if (!PyDate_Check(day.ptr())) // .item() gives an int outside datetime's years 1..9999
            throw ntmkit::parse_error(
                "date", "numpy.datetime64 " +
                            py::str(py::reinterpret_borrow<py::object>(o)).cast<std::string>() +
                            " is outside the years 1..9999");
        o = day.ptr();
    }
    if (!PyDate_Check(o))
        return false;
    // Boost's range is 1400..9999; datetime's is 1..9999.
    int y = PyDateTime_GET_YEAR(o);
    out = ntmkit::detail::make_checked_date(y, PyDateTime_GET_MONTH(o), PyDateTime_GET_DAY(o),
                                            "date " + std::to_string(y));
    return true;
}

void add_calendar(py::module_& m) {
    import_datetime();
    m.def("parse_date", &ntmkit::parse_date, py::arg("text"), py::arg("default_year") = py::none(),
          "Read a date as Vietnamese documents write it (15/4/2022, 15-4-2022, 15.4.2022, 30/5 "
          "with `default_year`) or ISO 2022-04-15. Raises ParseError quoting the text.");
    m.def("format_date_vi", &ntmkit::format_date_vi, py::arg("date"),
          "15/4/2022: no zero padding, as Vietnamese documents write dates.");
    m.def("format_date_iso", &ntmkit::format_date_iso, py::arg("date"), "2022-04-15.");

    bind_enum<ntmkit::weekday>(m, "Weekday", "Day of the week, Monday first (ISO order).");
    m.def("weekday_of", &ntmkit::weekday_of, py::arg("date"), "The Weekday of a date.");

    py::class_<ntmkit::date_window>(m, "DateWindow",
                                    "Inclusive range of days, e.g. the seed's campaign "
                                    "15/4/2022-30/5/2022 (46 days).")
        .def(py::init<ntmkit::date, ntmkit::date>(), py::arg("first"), py::arg("last"))
        .def_property_readonly("first", &ntmkit::date_window::first)
        .def_property_readonly("last", &ntmkit::date_window::last)
        .def_property_readonly("days", &ntmkit::date_window::days,
                               "Number of days, counted inclusively.")
        .def("__len__", &ntmkit::date_window::days)
        .def("contains", &ntmkit::date_window::contains, py::arg("date"))
        .def("__contains__", &ntmkit::date_window::contains, py::arg("date"))
        .def("day_index", &ntmkit::date_window::day_index, py::arg("date"),
             "0 for the first day; ValidationError outside the window.")
        .def("at", &ntmkit::date_window::at, py::arg("day_index"), "The date of a day index.")
        .def(
            "dates",
            [](const ntmkit::date_window& w) {
                py::list out;
                for (int i = 0; i < w.days(); ++i)
                    out.append(w.at(i));
                return out;
            },
            "Every day of the window, in order.")
        .def("describe", &ntmkit::date_window::describe, "\"15/4/2022 to 30/5/2022\".")
        .def(py::self == py::self)
        .def("__repr__", [](const ntmkit::date_window& w) {
            return "DateWindow(" + ntmkit::format_date_iso(w.first()) + ", " +
                   ntmkit::format_date_iso(w.last()) + ")";
        });

    bind_enum<ntmkit::schedule_kind>(m, "ScheduleKind", "Daily or weekly reporting.");

    py::class_<ntmkit::report_period>(m, "ReportPeriod",
                                      "The days one report covers, and its report date.")
        .def(py::init([](ntmkit::date first, ntmkit::date last, ntmkit::date report_date) {
                 return ntmkit::report_period{first, last, report_date};
             }),
             py::arg("first"), py::arg("last"), py::arg("report_date"))
        .def_readonly("first", &ntmkit::report_period::first)
        .def_readonly("last", &ntmkit::report_period::last)
        .def_readonly("report_date", &ntmkit::report_period::report_date)
        .def_property_readonly("days", &ntmkit::report_period::days)
        .def(py::self == py::self)
        .def("__repr__", [](const ntmkit::report_period& p) {
            return "ReportPeriod(" + ntmkit::format_date_iso(p.first) + " to " +
                   ntmkit::format_date_iso(p.last) + ", reported " +
                   ntmkit::format_date_iso(p.report_date) + ")";
        });

    using S = ntmkit::reporting_schedule;
    py::class_<S>(m, "ReportingSchedule",
                  "When villages report: weekly on a day (the seed: every Friday) or daily. "
                  "A report covers the days after the previous report date up to its own; days "
                  "after the last report date form a closing period reported on the last day.")
        .def(py::init([](py::handle kind, py::handle report_day, int deadline_days) {
                 return S{enum_arg<ntmkit::schedule_kind>(kind, "schedule kind"),
                          enum_arg<ntmkit::weekday>(report_day, "report day"), deadline_days};
             }),
             py::arg("kind") = "weekly", py::arg("report_day") = "friday",
             py::arg("deadline_days") = 0)
        .def_static("daily", &S::daily, py::arg("deadline_days") = 0)
        .def_static(
            "weekly",
            [](py::handle day, int deadline) {
                return S::weekly(enum_arg<ntmkit::weekday>(day, "report day"), deadline);
            },
            py::arg("day") = "friday", py::arg("deadline_days") = 0)
        .def_readwrite("kind", &S::kind)
        .def_readwrite("report_day", &S::report_day)
        .def_readwrite("deadline_days", &S::deadline_days)
        .def("report_dates", &S::report_dates, py::arg("window"),
             "Scheduled report days inside the window.")
        .def("periods", &S::periods, py::arg("window"),
             "Report periods tiling the window: no gap, no overlap.")
        .def("period_for", &S::period_for, py::arg("window"), py::arg("as_of"),
             "The period containing `as_of`.")
        .def("due_date", &S::due_date, py::arg("report_date"))
        .def("__eq__",
             [](const S& a, const S& b) {
                 return a.kind == b.kind && a.report_day == b.report_day &&
                        a.deadline_days == b.deadline_days;
             })
        .def("__repr__", [](const S& s) {
            return "ReportingSchedule(" + ntmkit::to_string(s.kind) +
                   (s.kind == ntmkit::schedule_kind::weekly ? ", " + ntmkit::to_string(s.report_day)
                                                            : std::string()) +
                   ", deadline_days=" + std::to_string(s.deadline_days) + ")";
        });

    // DHIS2 weekly periods.
    m.def("dhis2_week_id", &ntmkit::dhis2_week_id, py::arg("day"),
          py::arg("start") = ntmkit::weekday::monday,
          "Id of the DHIS2 week starting on `start` that contains `day`: 2022W15, 2022SatW15.");
    m.def(
        "parse_dhis2_week_id",
        [](std::string_view id) {
            auto s = ntmkit::parse_dhis2_week_id(id);
            return py::make_tuple(s.first, s.last);
        },
        py::arg("id"), "(first, last) days of a DHIS2 weekly id; ParseError when it is not one.");
    m.def("dhis2_weeks_in_year", &ntmkit::dhis2_weeks_in_year, py::arg("year"),
          py::arg("start") = ntmkit::weekday::monday);
    m.def("has_dhis2_weekly_type", &ntmkit::has_dhis2_weekly_type, py::arg("start"));
    m.def(
        "dhis2_weekly_period_type",
        [](ntmkit::weekday w) { return std::string(ntmkit::dhis2_weekly_period_type(w)); },
        py::arg("start"));
    m.def("dhis2_week_start", &ntmkit::dhis2_week_start, py::arg("schedule"),
          "Start day of the DHIS2 weeks matching a weekly schedule (Friday reports -> saturday).");
    m.def("dhis2_period_id", &ntmkit::dhis2_period_id, py::arg("schedule"), py::arg("period"),
          "DHIS2 period id of one report period (2022SatW15, or yyyyMMdd when daily).");

    // DHIS2 period types: daily, the seven weekly ones (TueW and FriW too), bi-weekly.
    bind_enum<ntmkit::dhis2_period_type>(m, "Dhis2PeriodType",
                                         "DHIS2 period types ntmkit reads and writes, by their "
                                         "DHIS2 names (Weekly, WeeklyTuesday, ..., BiWeekly).");
    py::class_<ntmkit::dhis2_period>(m, "Dhis2Period", "One DHIS2 period: id, type and days.")
        .def_readonly("id", &ntmkit::dhis2_period::id)
        .def_readonly("type", &ntmkit::dhis2_period::type)
        .def_readonly("first", &ntmkit::dhis2_period::first)
        .def_readonly("last", &ntmkit::dhis2_period::last)
        .def("__repr__", [](const ntmkit::dhis2_period& p) {
            return "Dhis2Period(" + p.id + ", " + ntmkit::format_date_iso(p.first) + " to " +
                   ntmkit::format_date_iso(p.last) + ")";
        });
    m.def(
        "dhis2_period_containing",
        [](ntmkit::date day, py::handle type) {
            return ntmkit::dhis2_period_containing(
                day, enum_arg<ntmkit::dhis2_period_type>(type, "period type"));
        },
        py::arg("day"), py::arg("type"),
        "The DHIS2 period of `type` (a Dhis2PeriodType or its name) that contains `day`.");
    m.def("parse_dhis2_period_id", &ntmkit::parse_dhis2_period_id, py::arg("id"),
          "The Dhis2Period of an id: yyyyMMdd, 2022W15, 2022TueW15, ..., 2022BiW8.");
    m.def("dhis2_period_type_of", &ntmkit::dhis2_period_type_of, py::arg("schedule"),
          "The schedule's own DHIS2 type (Monday reports -> WeeklyTuesday).");
}

} // namespace ntmkit_py
