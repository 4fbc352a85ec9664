// The year around a campaign: drives nested in it (Campaign.drive), units that change
// (Campaign.on_map), several campaigns summed (summarise_year) and the year-end grading:
// GradingTable (components, weights, thresholds, each subject's values; filled by hand, from
// rankings and from report submissions; file format "ntmkit-grading") and GradingResult
// (scores, grades and how each was reached, rendered like the reports). The DataFrames
// (GradingResult.to_frame, GradingTable.set_values_frame, year_frame) are written in Python
// (python/ntmkit/_year.py).
#include "common.hpp"
#include "json_value.hpp"

#include <ntmkit/drive_view.hpp>
#include <ntmkit/grading.hpp>
#include <ntmkit/grading_json.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/render/grading.hpp>
#include <ntmkit/unit_map.hpp>

#include <optional>
#include <string>

namespace ntmkit_py {

namespace {

ntmkit::report_format format_arg(py::handle h) {
    return enum_arg<ntmkit::report_format>(h, "report format");
}

void check_language(const std::string& language) {
    if (language != "vi" && language != "en")
        throw ntmkit::validation_error("language",
                                       "expected \"vi\" or \"en\", got \"" + language + "\"");
}

/// Drives or unit changes given as the campaign file writes them (a list of dicts); errors
/// name the item's pointer ("/0/first").
template <class T, class Read>
std::vector<T> read_list(py::handle items, const char* what, Read read) {
    const auto j = json_from_python(items, what);
    ntmkit::detail::json_cursor c(j);
    std::vector<T> out;
    for (std::size_t i = 0; i < c.size(); ++i)
        out.push_back(read(c.at(i)));
    return out;
}

template <class T, class Write> py::list write_list(const std::vector<T>& items, Write write) {
    py::list out;
    for (const auto& x : items)
        out.append(json_to_python(write(x)));
    return out;
}

void add_campaign_views(py::module_& m, campaign_class& cls) {
    using C = ntmkit::campaign;
    cls.def_property_readonly(
           "drives",
           [](const C& c) {
               return write_list(c.drives(), ntmkit::detail::drive_json<nlohmann::json>);
           },
           "The drives nested in the campaign, as the campaign file writes them.")
        .def(
            "set_drives",
            [](C& c, py::handle drives) {
                c.set_drives(read_list<ntmkit::drive>(drives, "drives", ntmkit::detail::read_drive),
                             ntmkit::detail::pointer_locator(""));
            },
            py::arg("drives"),
            "Replaces the drives (dicts as in the campaign file: id, unit, first, last, targets "
            "…), all or nothing.")
        .def(
            "drive",
            [](const C& c, const std::string& id) { return ntmkit::drive_campaign(c, id); },
            py::arg("id"),
            "The drive as a campaign of its own: its window, its unit's subtree, its targets and "
            "the records inside both. Roll-ups, reports and rankings work on it unchanged.")
        .def_property_readonly(
            "unit_changes",
            [](const C& c) {
                return write_list(c.unit_changes(),
                                  ntmkit::detail::unit_change_json<nlohmann::json>);
            },
            "Validity dates and successors of units, as the campaign file writes them.")
        .def(
            "set_unit_changes",
            [](C& c, py::handle changes) {
                c.set_unit_changes(read_list<ntmkit::unit_change>(changes, "unit_changes",
                                                                  ntmkit::detail::read_unit_change),
                                   ntmkit::detail::pointer_locator(""));
            },
            py::arg("changes"),
            "Replaces the unit changes (dicts: unit, valid_from, valid_until, successor), all or "
            "nothing.")
        .def(
            "on_map", [](const C& c, ntmkit::date day) { return ntmkit::campaign_on_map(c, day); },
            py::arg("day"),
            "The campaign on the map of `day`: the units valid then, every other unit's records "
            "and targets handed to the unit that stands for it (a merged village holds its "
            "predecessors' history). c.on_map(d).rollup(d) is the report of day d.");

    using YC = ntmkit::year_cell;
    py::class_<YC>(m, "YearCell", "One unit and indicator over the campaigns of a year.")
        .def_readonly("unit", &YC::unit)
        .def_readonly("indicator", &YC::indicator)
        .def_readonly("target", &YC::target, "Σ of the campaigns' targets; None without any.")
        .def_readonly("cumulative", &YC::cumulative)
        .def_readonly("campaigns", &YC::campaigns)
        .def_property_readonly("ratio", &YC::ratio);
    using YS = ntmkit::year_summary;
    py::class_<YS>(m, "YearSummary",
                   "Several campaigns summed per unit and indicator as of a day; to_frame() a "
                   "DataFrame.")
        .def_readonly("as_of", &YS::as_of)
        .def_readonly("campaigns", &YS::campaigns)
        .def_readonly("cells", &YS::cells);
    m.def("summarise_year", &ntmkit::summarise_year, py::arg("campaigns"), py::arg("as_of"),
          "Targets and done per unit id and indicator id summed over several campaigns (a "
          "year's, in date order), each rolled up as of the day (its last day once over).");
}

} // namespace

void add_year(py::module_& m, campaign_class& campaign) {
    add_campaign_views(m, campaign);
    bind_enum<ntmkit::grade>(m, "Grade",
                             "Year-end grades, best first: excellent (Hoàn thành xuất sắc), good "
                             "(Hoàn thành tốt), completed (Hoàn thành), not_completed (Không "
                             "hoàn thành).");
    bind_enum<ntmkit::grading_source>(
        m, "GradingSource",
        "What a grading component measures: campaign_completion, criteria_kept, "
        "reporting_timeliness, support_given, other.");

    using GC = ntmkit::grading_component;
    py::class_<GC>(m, "GradingComponent", "One column of a grading table.")
        .def_readonly("id", &GC::id)
        .def_readonly("name_vi", &GC::name_vi)
        .def_readonly("name_en", &GC::name_en)
        .def_readonly("weight", &GC::weight)
        .def_readonly("source", &GC::source)
        .def_readonly("missing_counts_as_zero", &GC::missing_counts_as_zero);

    using TH = ntmkit::grade_thresholds;
    py::class_<TH>(m, "GradeThresholds",
                   "Lowest score (a fraction) of each grade; illustrative until the commune "
                   "adopts its own.")
        .def_readonly("excellent", &TH::excellent)
        .def_readonly("good", &TH::good)
        .def_readonly("completed", &TH::completed)
        .def_readonly("illustrative", &TH::illustrative);

    using GT = ntmkit::grading_table;
    py::class_<GT> table(
        m, "GradingTable",
        "Year-end grading table: components with weights, grade thresholds and each "
        "subject's values (fractions 0..1). grade() gives the GradingResult. See "
        "docs/grading.md.");
    table
        .def(py::init([](std::string id, std::string name, std::optional<int> year) {
                 GT t;
                 t.id = std::move(id);
                 t.name = std::move(name);
                 t.year = year;
                 return t;
             }),
             py::arg("id"), py::arg("name") = "", py::arg("year") = py::none())
        .def_static(
            "load",
            [](const std::string& path) {
                return ntmkit::grading_table_from_json_text(ntmkit::read_text_file(path), path);
            },
            py::arg("path"), "Reads an ntmkit-grading file; errors name the JSON pointer.")
        .def_static(
            "from_json_text",
            [](const std::string& text) { return ntmkit::grading_table_from_json_text(text); },
            py::arg("text"))
        .def("to_json_text", &ntmkit::grading_table_to_json_text,
             "The canonical file text (fixed key order, 2-space indent).")
        .def(
            "save",
            [](const GT& t, const std::string& path) {
                const auto text = ntmkit::grading_table_to_json_text(t);
                py::module_::import("pathlib").attr("Path")(path).attr("write_text")(text, "utf-8");
            },
            py::arg("path"))
        .def_readonly("id", &GT::id)
        .def_readonly("name", &GT::name)
        .def_readonly("year", &GT::year)
        .def_readonly("components", &GT::components)
        .def_readonly("thresholds", &GT::thresholds)
        .def_property_readonly("subject_ids",
                               [](const GT& t) {
                                   std::vector<std::string> ids;
                                   for (const auto& s : t.subjects)
                                       ids.push_back(s.id);
                                   return ids;
                               })
        .def(
            "add_component",
            [](GT& t, std::string id, std::string name_vi, std::string name_en, double weight,
               py::handle source, const std::string& missing) {
                if (missing != "left_out" && missing != "zero")
                    throw ntmkit::validation_error(
                        "missing", "expected \"left_out\" or \"zero\", got \"" + missing + "\"");
                GT next = t;
                next.components.push_back(
                    {std::move(id), std::move(name_vi), std::move(name_en), weight,
                     enum_arg<ntmkit::grading_source>(source, "source"), missing == "zero"});
                ntmkit::validate(next);
                t = std::move(next);
            },
            py::arg("id"), py::arg("name_vi") = "", py::arg("name_en") = "",
            py::arg("weight") = 1.0, py::arg("source") = "other", py::arg("missing") = "left_out",
            "Adds a column; `missing`: 'left_out' (a subject without a value is graded on the "
            "other components) or 'zero'.")
        .def(
            "set_thresholds",
            [](GT& t, double excellent, double good, double completed, bool illustrative) {
                GT next = t;
                next.thresholds = {excellent, good, completed, illustrative};
                ntmkit::validate(next);
                t = std::move(next);
            },
            py::arg("excellent"), py::arg("good"), py::arg("completed"),
            py::arg("illustrative") = false,
            "The commune's thresholds (fractions): its decision, so no longer illustrative.")
        .def(
            "set_value",
            [](GT& t, const std::string& subject, const std::string& component, double value,
               std::optional<std::string> name, std::optional<std::string> kind) {
                t.check_value(component, value, "subject \"" + subject + "\", " + component);
                auto& s = t.subject(subject, name.value_or(""), kind.value_or(""));
                if (name)
                    s.name = *name;
                if (kind)
                    s.kind = *kind;
                s.values[component] = value;
            },
            py::arg("subject"), py::arg("component"), py::arg("value"),
            py::arg("name") = py::none(), py::arg("kind") = py::none(),
            "Sets a subject's value (a fraction 0..1), adding the subject when new.")
        .def(
            "values",
            [](const GT& t, const std::string& subject) {
                for (const auto& s : t.subjects)
                    if (s.id == subject)
                        return py::make_tuple(s.name, s.kind, s.values);
                throw ntmkit::validation_error("subject \"" + subject + "\"", "not in the table");
            },
            py::arg("subject"), "(name, kind, {component: value}) of a subject.")
        .def(
            "add_completion",
            [](GT& t, const std::string& component, py::handle ranking) {
                // A CampaignRanking's JSON carries its scores; the C++ ranking is not exposed.
                const auto j = json_from_python(ranking.attr("to_json")(), "ranking");
                if (!t.component(component))
                    throw ntmkit::validation_error(component, "no component \"" + component +
                                                                  "\" in the table");
                for (const auto& u : j.at("ranked"))
                    t.subject(u.at("id").get<std::string>(), u.at("name").get<std::string>(),
                              j.at("level").get<std::string>())
                        .values[component] = std::min(u.at("score").get<double>(), 1.0);
            },
            py::arg("component"), py::arg("ranking"),
            "Each ranked unit's score (at most 1) as its value of `component`.")
        .def(
            "add_timeliness",
            [](GT& t, const std::string& component, const ntmkit::campaign& c, py::handle level,
               std::optional<ntmkit::date> as_of, std::optional<ntmkit::date> known_by) {
                ntmkit::add_timeliness(
                    t, component, c, enum_arg<ntmkit::unit_level>(level, "level"), as_of, known_by);
            },
            py::arg("component"), py::arg("campaign"), py::arg("level") = "village",
            py::arg("as_of") = py::none(), py::arg("known_by") = py::none(),
            "Each unit's reports on time ÷ reports expected over the periods reported by "
            "`as_of`; nothing when the campaign recorded no submissions.")
        .def("add_criteria_kept", &ntmkit::add_criteria_kept, py::arg("component"),
             py::arg("subject"), py::arg("evaluation"),
             "Criteria met ÷ criteria of an Evaluation as the subject's value ('20/20' is 1; "
             "unknown criteria count as not kept).");

    using GS = ntmkit::graded_subject;
    py::class_<GS>(m, "GradedSubject")
        .def_readonly("id", &GS::id)
        .def_readonly("name", &GS::name)
        .def_readonly("kind", &GS::kind)
        .def_readonly("score", &GS::score,
                      "Weighted mean of the counted components; None "
                      "when nothing counted.")
        .def_readonly("grade", &GS::result)
        .def_readonly("weight_total", &GS::weight_total)
        .def_readonly("weighted_sum", &GS::weighted_sum)
        .def_property_readonly("values", [](const GS& s) {
            py::dict d;
            for (const auto& c : s.components)
                d[py::str(c.id)] = c.value ? py::object(py::float_(*c.value)) : py::none();
            return d;
        });

    using GR = ntmkit::grading_result;
    py::class_<GR>(m, "GradingResult",
                   "Scores and grades of a grading table; to_frame() a DataFrame, render() the "
                   "report (vi/en) with how each grade was reached.")
        .def_readonly("components", &GR::components)
        .def_readonly("thresholds", &GR::thresholds)
        .def_readonly("subjects", &GR::subjects)
        .def_readonly("counts", &GR::counts)
        .def(
            "explanation",
            [](const GR& r, const std::string& subject, const std::string& language) {
                check_language(language);
                for (const auto& s : r.subjects)
                    if (s.id == subject)
                        return ntmkit::doc::grade_explanation(r, s, language);
                throw ntmkit::validation_error("subject \"" + subject + "\"", "not graded here");
            },
            py::arg("subject"), py::arg("language") = "vi",
            "How the subject's grade was reached, in one line.")
        .def(
            "render",
            [](const GR& r, py::handle format, const std::string& language) {
                check_language(language);
                return ntmkit::render_grading(r, format_arg(format), language);
            },
            py::arg("format") = "markdown", py::arg("language") = "vi",
            "The grading as 'text', 'markdown', 'html' or 'csv'.")
        .def(
            "to_json", [](const GR& r) { return json_to_python(nlohmann::json(r)); },
            "The result as plain Python data.");
    // After GradingResult, so that its signature names the Python class.
    table.def("grade", &ntmkit::grade_subjects, "Scores and grades every subject.");
}

} // namespace ntmkit_py
