// The reporting cycle: the Friday (weekly), loudspeaker (daily) and closing (final) reports as
// Python objects rendered to text / Markdown / HTML / CSV by the C++ renderer (render.hpp);
// reporting completeness (submission.hpp), what changed since a report (snapshot.hpp) and
// period names (period.hpp). The .xlsx workbook is written in Python (python/ntmkit/xlsx.py).
#include "common.hpp"

#include <ntmkit/period.hpp>
#include <ntmkit/render.hpp>
#include <ntmkit/report.hpp>
#include <ntmkit/snapshot.hpp>
#include <ntmkit/submission.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;

/// A built report with the campaign it was built from (the renderer needs names and ids) and
/// the language it was asked in (the default of its render methods).
template <class R> struct py_report {
    py::object campaign;
    R r;
    std::string language;

    std::string render(py::handle format, std::optional<std::string> lang) const {
        const C& c = campaign.cast<const C&>();
        const auto f = enum_arg<ntmkit::report_format>(format, "report format");
        const std::string l = lang ? *lang : language;
        return ntmkit::render(c, r, f, l);
    }
};

using py_weekly = py_report<ntmkit::weekly_report>;
using py_daily = py_report<ntmkit::daily_report>;
using py_final = py_report<ntmkit::final_report>;

void check_language(const std::string& language) {
    if (language != "vi" && language != "en")
        throw ntmkit::validation_error("language",
                                       "expected \"vi\" or \"en\", got \"" + language + "\"");
}

ntmkit::report_options make_options(const std::string& language, py::handle level,
                                    std::optional<ntmkit::date> known_by, bool include_root) {
    check_language(language);
    ntmkit::report_options o;
    o.language = language;
    o.level = enum_arg<ntmkit::unit_level>(level, "level");
    o.known_by = known_by;
    o.include_root = include_root;
    return o;
}

/// The document a report is laid out as before a writer formats it (render/document.hpp), for
/// writers in Python (the .docx): {language, title, blocks, sections}; a block is a paragraph
/// {lead, text} or a table {header, numeric, rows}; a section {level, heading, blocks}.
ntmkit::doc::document layout(const C& c, const ntmkit::weekly_report& r, std::string_view l) {
    return ntmkit::doc::weekly_document(c, r, l);
}
ntmkit::doc::document layout(const C& c, const ntmkit::daily_report& r, std::string_view l) {
    return ntmkit::doc::daily_document(c, r, l);
}
ntmkit::doc::document layout(const C& c, const ntmkit::final_report& r, std::string_view l) {
    return ntmkit::doc::final_document(c, r, l);
}

py::list blocks_to_python(const std::vector<ntmkit::doc::block>& blocks) {
    py::list out;
    for (const auto& b : blocks) {
        if (const auto* p = std::get_if<ntmkit::doc::paragraph>(&b)) {
            out.append(py::dict(py::arg("lead") = p->lead, py::arg("text") = p->text));
        } else {
            const auto& t = std::get<ntmkit::doc::table>(b);
            out.append(py::dict(py::arg("header") = t.header, py::arg("numeric") = t.numeric,
                                py::arg("rows") = t.rows));
        }
    }
    return out;
}

py::dict document_to_python(const ntmkit::doc::document& d) {
    py::list sections;
    for (const auto& s : d.sections)
        sections.append(py::dict(py::arg("level") = s.level, py::arg("heading") = s.heading,
                                 py::arg("blocks") = blocks_to_python(s.blocks)));
    return py::dict(py::arg("language") = d.language, py::arg("title") = d.title,
                    py::arg("blocks") = blocks_to_python(d.blocks), py::arg("sections") = sections);
}

/// The render methods every report shares.
template <class R> void add_render_methods(py::class_<py_report<R>>& cls) {
    using P = py_report<R>;
    cls.def(
           "document",
           [](const P& p, std::optional<std::string> l) {
               const std::string language = l ? *l : p.language;
               check_language(language);
               return document_to_python(
                   layout(p.campaign.template cast<const C&>(), p.r, language));
           },
           py::arg("language") = py::none(),
           "The report laid out as the writers see it: dict(language, title, blocks, sections); "
           "a block is {lead, text} or a table {header, numeric, rows}, a section {level, "
           "heading, blocks}. For writers outside the library (the .docx).")
        .def_readonly("campaign", &P::campaign)
        .def_readonly("language", &P::language, "The language the report was asked in.")
        .def("render", &P::render, py::arg("format") = "markdown", py::arg("language") = py::none(),
             "The report as 'text', 'markdown', 'html' or 'csv' (ReportFormat); `language` "
             "'vi' or 'en' (default: the report's own).")
        .def(
            "to_text",
            [](const P& p, std::optional<std::string> l) {
                return p.render(py::str("text"), std::move(l));
            },
            py::arg("language") = py::none(),
            "Plain text, as the officer pastes it into a message.")
        .def(
            "to_markdown",
            [](const P& p, std::optional<std::string> l) {
                return p.render(py::str("markdown"), std::move(l));
            },
            py::arg("language") = py::none(), "Markdown.")
        .def(
            "to_html",
            [](const P& p, std::optional<std::string> l) {
                return p.render(py::str("html"), std::move(l));
            },
            py::arg("language") = py::none(), "A complete HTML page.")
        .def(
            "to_csv",
            [](const P& p, std::optional<std::string> l) {
                return p.render(py::str("csv"), std::move(l));
            },
            py::arg("language") = py::none(),
            "CSV (RFC 4180, CRLF); Vietnamese numbers keep their decimal comma, quoted.")
        .def("__str__", [](const P& p) { return p.render(py::str("text"), std::nullopt); })
        .def("_repr_markdown_",
             [](const P& p) { return p.render(py::str("markdown"), std::nullopt); });
}

/// A date, a ReportPeriod, or a list of them; None: every period of the campaign.
std::vector<ntmkit::report_period> periods_arg(const C& c, py::handle h) {
    if (h.is_none())
        return c.schedule().periods(c.window());
    auto one = [&](py::handle x) {
        if (py::isinstance<ntmkit::report_period>(x))
            return x.cast<ntmkit::report_period>();
        const auto d = x.cast<ntmkit::date>();
        if (!c.window().contains(d))
            throw ntmkit::validation_error(ntmkit::format_date_vi(d),
                                           "outside the campaign " + c.window().describe());
        return c.schedule().period_for(c.window(), d);
    };
    if (py::isinstance<py::list>(h) || py::isinstance<py::tuple>(h)) {
        std::vector<ntmkit::report_period> out;
        for (auto x : h)
            out.push_back(one(x));
        return out;
    }
    return {one(h)};
}

ntmkit::date today_or(std::optional<ntmkit::date> today) {
    return today
               ? *today
               : py::module_::import("datetime").attr("date").attr("today")().cast<ntmkit::date>();
}

/// The last day with work done, up to `today`; none when nothing was done by then.
std::optional<ntmkit::date> data_through(const C& c, ntmkit::date today) {
    std::optional<ntmkit::date> last;
    for (const auto day : c.progress().done_days()) {
        const auto d = c.window().at(day);
        if (d <= today && (!last || d > *last))
            last = d;
    }
    return last;
}

/// The report day of the period holding the last day with work done, or, when that day has not
/// come yet (or nothing was done), the last report day up to today: never a day to come, whose
/// report would read as "no progress" where there is only no data yet.
ntmkit::date default_report_date(const C& c, ntmkit::date today) {
    const auto periods = c.schedule().periods(c.window());
    if (const auto last = data_through(c, today)) {
        const auto wanted = c.schedule().period_for(c.window(), *last).report_date;
        if (wanted <= today)
            return wanted;
    }
    std::optional<ntmkit::date> passed;
    for (const auto& p : periods)
        if (p.report_date <= today)
            passed = p.report_date;
    if (!passed)
        throw ntmkit::validation_error(
            "report_date", "no report day of the campaign has come yet (the first is " +
                               ntmkit::format_date_vi(periods.front().report_date) + "); give one");
    return *passed;
}

} // namespace

void add_report(py::module_& m, campaign_class& cls) {
    bind_enum<ntmkit::report_format>(m, "ReportFormat", "text, markdown, html or csv.");
    bind_enum<ntmkit::revision_kind>(
        m, "RevisionKind",
        "late (done by the report date, reported after it) or correction (reported after it).");
    m.def(
        "labels",
        [](const std::string& language) {
            check_language(language);
            std::map<std::string, std::string> out;
            for (const auto& e : ntmkit::label_table)
                out.emplace(e.key, language == "en" ? e.en : e.vi);
            return out;
        },
        py::arg("language") = "vi",
        "Every word the reports print, by name, in 'vi' or 'en' (render/labels.hpp); '{}' "
        "marks where a value goes (str.format).");

    // --- period names ------------------------------------------------------------------------
    m.def("period_key", &ntmkit::period_key, py::arg("period"),
          "Unambiguous, language-free name of a period: the ISO 8601 interval of its days, "
          "'2022-04-16/2022-04-22' ('2022-04-15' for a single day).");

    // --- completeness --------------------------------------------------------------------------
    using UP = ntmkit::unit_period;
    py::class_<UP>(m, "UnitPeriod", "One unit's report for one period.")
        .def_readonly("unit", &UP::unit, "Unit index (campaign.units.id(unit) for its id).")
        .def_readonly("report_date", &UP::report_date)
        .def_readonly("submitted", &UP::submitted, "None for a missing report.")
        .def(py::self == py::self)
        .def("__repr__", [](const UP& u) {
            return "UnitPeriod(unit=" + std::to_string(u.unit) +
                   ", report_date=" + ntmkit::format_date_iso(u.report_date) + ", submitted=" +
                   (u.submitted.is_special() ? std::string("None")
                                             : ntmkit::format_date_iso(u.submitted)) +
                   ")";
        });

    using CO = ntmkit::completeness;
    py::class_<CO>(m, "Completeness",
                   "Reports expected (units × periods), received, received on time, and the "
                   "late and missing ones, as DHIS2 computes reporting rates.")
        .def_readonly("expected", &CO::expected)
        .def_readonly("received", &CO::received)
        .def_readonly("on_time", &CO::on_time)
        .def_readonly("late", &CO::late, "Received after the due date, in period then unit order.")
        .def_readonly("missing", &CO::missing, "Not received (as of known_by).")
        .def_property_readonly(
            "reporting_rate", &CO::reporting_rate,
            "received / expected, a fraction 0..1 (1 = 100%) like ratio and score.")
        .def_property_readonly("on_time_rate", &CO::on_time_rate,
                               "on_time / expected, a fraction 0..1.")
        .def("__repr__", [](const CO& c) {
            return "Completeness(expected=" + std::to_string(c.expected) +
                   ", received=" + std::to_string(c.received) +
                   ", on_time=" + std::to_string(c.on_time) + ")";
        });

    // --- snapshots -----------------------------------------------------------------------------
    using SC = ntmkit::snapshot_change;
    py::class_<SC>(m, "SnapshotChange",
                   "A (unit, indicator) whose figures for the report date differ then and now.")
        .def_readonly("unit", &SC::unit)
        .def_readonly("indicator", &SC::indicator)
        .def_readonly("reported", &SC::reported, "As the report stood.")
        .def_readonly("now", &SC::now, "As known now.");
    using RV = ntmkit::revision;
    py::class_<RV>(m, "Revision", "A record that arrived after the report date.")
        .def_readonly("record", &RV::record)
        .def_readonly("kind", &RV::kind);
    using SD = ntmkit::snapshot_diff;
    py::class_<SD>(m, "SnapshotDiff",
                   "The report for a date as it stood then against the same day seen now.")
        .def_readonly("report_date", &SD::report_date)
        .def_readonly("known_now", &SD::known_now)
        .def_readonly("changes", &SD::changes, "Units of the level, then the root.")
        .def_readonly("revisions", &SD::revisions, "In record order.")
        .def("empty", &SD::empty)
        .def("__bool__", [](const SD& d) { return !d.empty(); });

    // --- report parts --------------------------------------------------------------------------
    using RRow = ntmkit::report_row;
    py::class_<RRow>(m, "ReportRow", "One unit × indicator of a weekly report.")
        .def_readonly("unit", &RRow::unit)
        .def_readonly("indicator", &RRow::indicator)
        .def_readonly("values", &RRow::values, "The RollupRow: target, tally, ratio, status...");
    using TM = ntmkit::theme_movement;
    py::class_<TM>(m, "ThemeMovement", "How one indicator of a themed week moved (commune totals).")
        .def_readonly("theme", &TM::theme, "Index in the campaign's themes.")
        .def_readonly("indicator", &TM::indicator)
        .def_readonly("first", &TM::first)
        .def_readonly("last", &TM::last)
        .def_readonly("done", &TM::done)
        .def_readonly("done_before", &TM::done_before, "Done in as many days just before.")
        .def_readonly("cumulative", &TM::cumulative)
        .def_readonly("target", &TM::target);
    using DE = ntmkit::daily_entry;
    py::class_<DE>(m, "DailyEntry", "One record read out on the loudspeaker.")
        .def_readonly("record", &DE::record)
        .def_readonly("unit", &DE::unit)
        .def_readonly("group", &DE::group, "Its ancestor at the report's level, or itself.")
        .def_readonly("indicator", &DE::indicator)
        .def_readonly("quantity", &DE::quantity)
        .def_readonly("note", &DE::note)
        .def_readonly("reporter", &DE::reporter);

    // --- reports -------------------------------------------------------------------------------
    py::class_<py_weekly> weekly(
        m, "WeeklyReport",
        "The Friday report: per unit of the level and for the commune, per indicator: target / "
        "this period / cumulative / % / status; completeness of the period; themed weeks; with "
        "known_by, what arrived since. to_text / to_markdown / to_html / to_csv render it.");
    add_render_methods(weekly);
    weekly
        .def_property_readonly("campaign_name",
                               [](const py_weekly& p) { return p.r.campaign_name; })
        .def_property_readonly("report_date", [](const py_weekly& p) { return p.r.report_date; })
        .def_property_readonly("period", [](const py_weekly& p) { return p.r.period; })
        .def_property_readonly("period_number",
                               [](const py_weekly& p) { return p.r.period_number; })
        .def_property_readonly("period_count", [](const py_weekly& p) { return p.r.period_count; })
        .def_property_readonly("period_key", [](const py_weekly& p) { return p.r.period_key; })
        .def_property_readonly(
            "dhis2_period", [](const py_weekly& p) { return p.r.dhis2_period; },
            "e.g. 2022SatW18; '' when DHIS2 has no matching weekly type.")
        .def_property_readonly("known_by", [](const py_weekly& p) { return p.r.known_by; })
        .def_property_readonly(
            "units", [](const py_weekly& p) { return p.r.units; },
            "Unit indices in report order; the commune last when included.")
        .def_property_readonly("rows", [](const py_weekly& p) { return p.r.rows; })
        .def_property_readonly("reporting", [](const py_weekly& p) { return p.r.reporting; })
        .def_property_readonly("themes", [](const py_weekly& p) { return p.r.themes; })
        .def_property_readonly(
            "revisions", [](const py_weekly& p) { return p.r.revisions; },
            "SnapshotDiff for reproduced reports, else None.")
        .def("__repr__", [](const py_weekly& p) {
            return "WeeklyReport(" + ntmkit::format_date_iso(p.r.report_date) + ", " +
                   p.r.period_key + ", " + std::to_string(p.r.rows.size()) + " rows)";
        });

    py::class_<py_daily> daily(m, "DailyReport",
                               "The loudspeaker list: who did what on a day, grouped by the unit "
                               "of the level they belong to.");
    add_render_methods(daily);
    daily
        .def_property_readonly("campaign_name", [](const py_daily& p) { return p.r.campaign_name; })
        .def_property_readonly("day", [](const py_daily& p) { return p.r.day; })
        .def_property_readonly("known_by", [](const py_daily& p) { return p.r.known_by; })
        .def_property_readonly("entries", [](const py_daily& p) { return p.r.entries; })
        .def_property_readonly("active_themes", [](const py_daily& p) { return p.r.active_themes; })
        .def("__len__", [](const py_daily& p) { return p.r.entries.size(); });

    py::class_<py_final> final_(m, "FinalReport",
                                "The closing review (tổng kết): totals on the last day, "
                                "completeness over all periods, every theme, the ranking of the "
                                "units (commend / remind) and each unit's reporting completeness.");
    add_render_methods(final_);
    final_
        .def_property_readonly(
            "totals",
            [](const py_final& p) {
                return py_weekly{p.campaign, p.r.totals, p.language};
            },
            "The WeeklyReport on the window's last day.")
        .def_property_readonly("reporting", [](const py_final& p) { return p.r.reporting; })
        .def_property_readonly("themes", [](const py_final& p) { return p.r.themes; })
        .def_property_readonly(
            "ranking", [](const py_final& p) { return wrap_ranking(p.campaign, p.r.ranking); },
            "The CampaignRanking of the units of the report's level on the last day (as "
            "Campaign.rank_units computes it): scores, shared ranks, commend / remind, evenness.")
        .def_property_readonly(
            "unit_reporting",
            [](const py_final& p) {
                const C& c = p.campaign.cast<const C&>();
                py::dict d;
                for (const auto& x : p.r.unit_reporting)
                    d[py::str(std::string(c.units().id(x.unit)))] = py::cast(x.reporting);
                return d;
            },
            "Unit id → Completeness of its reports over all periods, every unit of the level "
            "in tree order.");

    // --- Campaign methods ----------------------------------------------------------------------
    cls.def(
        "weekly_report",
        [](py::object self, std::optional<ntmkit::date> report_date, const std::string& language,
           py::handle level, std::optional<ntmkit::date> known_by, bool include_root) {
            const C& c = self.cast<const C&>();
            const auto o = make_options(language, level, known_by, include_root);
            const auto day = report_date ? *report_date : default_report_date(c, today_or({}));
            std::optional<ntmkit::weekly_report> r;
            {
                py::gil_scoped_release nogil;
                r.emplace(ntmkit::build_weekly_report(c, day, o));
            }
            return py_weekly{self, std::move(*r), language};
        },
        py::arg("report_date") = py::none(), py::arg("language") = "vi",
        py::arg("level") = "village", py::arg("known_by") = py::none(),
        py::arg("include_root") = true,
        "The Friday report the commune's NTM officer sends (WeeklyReport; str() gives the text): "
        "per unit of `level` and for the commune, per indicator: target / this period / "
        "cumulative / % / status. `report_date` defaults to default_report_date() (the latest "
        "report day with data, never one to come); "
        "`known_by` reproduces the report as it stood on that day. "
        "e.g. c.weekly_report('6/5/2022', known_by='6/5/2022').to_markdown().");
    cls.def(
        "data_through",
        [](const C& c, std::optional<ntmkit::date> today) {
            return data_through(c, today_or(today));
        },
        py::arg("today") = py::none(),
        "The last day with work done up to `today` (default: today), None when nothing was done: "
        "how far the data reaches, where charts stop their line.");
    cls.def(
        "default_report_date",
        [](const C& c, std::optional<ntmkit::date> today) {
            return default_report_date(c, today_or(today));
        },
        py::arg("today") = py::none(),
        "The report day weekly_report() uses without one: that of the period holding the last "
        "day with work done, or, when it has not come yet (or nothing was done), the last report "
        "day up to `today` (default: today). ValidationError when no report day has come.");
    cls.def(
        "daily_report",
        [](py::object self, ntmkit::date day, const std::string& language, py::handle level,
           std::optional<ntmkit::date> known_by) {
            const C& c = self.cast<const C&>();
            const auto o = make_options(language, level, known_by, true);
            return py_daily{self, ntmkit::build_daily_report(c, day, o), language};
        },
        py::arg("day"), py::arg("language") = "vi", py::arg("level") = "village",
        py::arg("known_by") = py::none(),
        "The loudspeaker list (DailyReport): the records done on `day` (as known by `known_by` "
        "if given), grouped by the unit of `level` they belong to.");
    cls.def(
        "final_report",
        [](py::object self, const std::string& language, py::handle level,
           std::optional<ntmkit::date> known_by, std::map<std::string, double> weights,
           bool cap_at_100, py::handle tie_break, std::optional<int> commend_top_k,
           std::optional<double> commend_at_least, double remind_below) {
            const C& c = self.cast<const C&>();
            ntmkit::final_report_options o;
            static_cast<ntmkit::report_options&>(o) = make_options(language, level, known_by, true);
            o.ranking.weights = std::move(weights);
            o.ranking.cap_at_100 = cap_at_100;
            o.ranking.tie = enum_arg<ntmkit::tie_break>(tie_break, "tie_break");
            o.ranking.commend_top_k = commend_top_k;
            o.ranking.commend_at_least = commend_at_least;
            o.ranking.remind_below = remind_below;
            std::optional<ntmkit::final_report> r;
            {
                py::gil_scoped_release nogil;
                r.emplace(ntmkit::build_final_report(c, o));
            }
            return py_final{self, std::move(*r), language};
        },
        py::arg("language") = "vi", py::arg("level") = "village", py::arg("known_by") = py::none(),
        py::arg("weights") = std::map<std::string, double>{}, py::arg("cap_at_100") = true,
        py::arg("tie_break") = "none", py::arg("commend_top_k") = py::none(),
        py::arg("commend_at_least") = 1.0, py::arg("remind_below") = 0.5,
        "The closing review (FinalReport) on the campaign's last day. Its ranking is "
        "rank_units at `level` as known by `known_by`, with the other arguments as in "
        "rank_units, except that by default a unit scoring 100% is commended.");
    cls.def(
        "reporting_completeness",
        [](const C& c, py::handle periods, py::handle level, py::handle within,
           std::optional<ntmkit::date> known_by) {
            ntmkit::completeness_options o;
            o.level = enum_arg<ntmkit::unit_level>(level, "level");
            o.within = within.is_none() ? ntmkit::no_unit : unit_arg(c.units(), within);
            o.known_by = known_by;
            return ntmkit::reporting_completeness(c, periods_arg(c, periods), o);
        },
        py::arg("periods") = py::none(), py::arg("level") = "village",
        py::arg("within") = py::none(), py::arg("known_by") = py::none(),
        "Completeness and timeliness of the reports of the units of `level` (only those under "
        "`within` if given) for `periods`: a date (its period), a ReportPeriod, a list of "
        "those, or None for every period. `known_by` counts only reports received by then.");
    cls.def(
        "add_submission",
        [](C& c, const std::string& unit, ntmkit::date period, ntmkit::date submitted,
           const std::string& reporter, const std::string& note) {
            c.add_submissions({{unit, period, submitted, reporter, note}});
        },
        py::arg("unit"), py::arg("period"), py::arg("submitted"), py::arg("reporter") = "",
        py::arg("note") = "",
        "Record that `unit` (id or name) sent on `submitted` its report for the period whose "
        "report date is `period` (a Friday in the seed). save() keeps it in the campaign "
        "file's submissions.");
    cls.def_property_readonly(
        "submissions",
        [](const C& c) {
            py::list out;
            for (const auto& s : c.submissions().items())
                out.append(py::dict(py::arg("unit") = c.units().id(s.unit),
                                    py::arg("period") = s.report_date,
                                    py::arg("submitted") = s.submitted,
                                    py::arg("reporter") = s.reporter, py::arg("note") = s.note));
            return out;
        },
        "The reports received, in the order recorded: dicts unit (id), period (report date), "
        "submitted, reporter, note.");
    cls.def(
        "compare_with_now",
        [](const C& c, ntmkit::date report_date, py::handle level, bool include_root,
           std::optional<ntmkit::date> known_now) {
            ntmkit::snapshot_options o;
            o.level = enum_arg<ntmkit::unit_level>(level, "level");
            o.include_root = include_root;
            o.known_now = known_now;
            return ntmkit::compare_with_now(c, report_date, o);
        },
        py::arg("report_date"), py::arg("level") = "village", py::arg("include_root") = true,
        py::arg("known_now") = py::none(),
        "SnapshotDiff: the report for `report_date` as it stood then against the same day as "
        "known now (or by `known_now`): changed figures and the late records and corrections.");
    cls.def(
        "period_label",
        [](const C& c, const ntmkit::report_period& p, const std::string& language) {
            return ntmkit::period_label(c.schedule(), c.window(), p, language);
        },
        py::arg("period"), py::arg("language") = "vi",
        "What people call the period: 'kỳ 2/8 (16/4/2022–22/4/2022)'.");
    cls.def(
        "period_from_dhis2",
        [](const C& c, std::string_view id) {
            return ntmkit::report_period_from_dhis2_id(c.schedule(), c.window(), id);
        },
        py::arg("id"),
        "The campaign's report period a DHIS2 period id names (2022SatW18 for Friday "
        "reports, yyyyMMdd for daily ones): the inverse of dhis2_period_id.");
}

} // namespace ntmkit_py
