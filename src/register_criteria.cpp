// Criteria sets (QĐ 318, QĐ 51/2025, Hà Tĩnh's model area and garden), evaluation and scoring
// tables. Structures cross as plain dicts (the JSON file format) to keep one schema.
#include "common.hpp"
#include "json_value.hpp"

#include <ntmkit/criteria.hpp>
#include <ntmkit/derived_values.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/evaluation.hpp>
#include <ntmkit/scoring.hpp>

#include <pybind11/stl/filesystem.h>

namespace ntmkit_py {

namespace {

ntmkit::indicator_values values_from(const py::dict& d) {
    ntmkit::indicator_values out;
    for (auto [k, v] : d) {
        auto code = py::str(k).cast<std::string>();
        if (py::isinstance<py::bool_>(v))
            out[code] = v.cast<bool>();
        else
            out[code] = v.cast<double>();
    }
    return out;
}

// {code: True} or {code: {"met": True, "evidence": "QĐ công nhận ..."}}.
ntmkit::criterion_statements statements_from(const py::dict& d) {
    ntmkit::criterion_statements out;
    for (auto [k, v] : d) {
        auto code = py::str(k).cast<std::string>();
        if (py::isinstance<py::bool_>(v)) {
            out[code] = {v.cast<bool>(), ""};
            continue;
        }
        const auto j = json_from_python(v, "assessed[" + code + "]");
        const ntmkit::detail::json_cursor c(j, nlohmann::json::json_pointer("/" + code));
        ntmkit::detail::require_known_members(c, {"met", "evidence"});
        out[code] = {c.at("met").as_bool(), ntmkit::detail::optional_string(c, "evidence")};
    }
    return out;
}

} // namespace

void add_criteria(py::module_& m) {
    using S = ntmkit::criteria_set;
    py::class_<S>(m, "CriteriaSet",
                  "A versioned criteria set (bộ tiêu chí): groups → criteria → indicators with "
                  "thresholds per region or commune group. Unverified figures stay None; "
                  "set_threshold fills them, marked user_set.")
        .def_readonly("id", &S::id)
        .def_readonly("title_vi", &S::title_vi)
        .def_readonly("title_en", &S::title_en)
        .def_readonly("scope", &S::scope)
        .def_readonly("structure_verified", &S::structure_verified)
        .def_readonly("criteria_complete", &S::criteria_complete)
        .def_property_readonly("variant_kind",
                               [](const S& s) { return ntmkit::to_string(s.variant_kind); })
        .def_property_readonly("variants",
                               [](const S& s) {
                                   std::vector<std::string> out;
                                   for (const auto& v : s.variants)
                                       out.push_back(v.id);
                                   return out;
                               })
        .def_property_readonly("criterion_count", &S::criterion_count)
        .def_property_readonly("indicator_count", &S::indicator_count)
        .def("criterion_codes",
             [](const S& s) {
                 std::vector<std::string> out;
                 for (const auto* c : s.criteria())
                     out.push_back(c->code);
                 return out;
             })
        .def("resolve_variant", &S::resolve_variant, py::arg("variant"))
        .def("set_threshold", &S::set_threshold, py::arg("indicator"), py::arg("variant"),
             py::arg("value"),
             "Fill or override a figure (\"\" variant = general); marked user_set.")
        .def("to_dict", [](const S& s) { return json_to_python(nlohmann::json(s)); })
        .def_static(
            "from_dict", [](py::handle d) { return json_from_python(d).get<S>(); }, py::arg("data"))
        .def(
            "save",
            [](const S& s, const std::filesystem::path& p) { ntmkit::save_criteria_set(s, p); },
            py::arg("path"))
        .def("__repr__", [](const S& s) {
            return "<CriteriaSet " + s.id + ": " + std::to_string(s.criterion_count()) +
                   " criteria, " + std::to_string(s.indicator_count()) + " indicators>";
        });

    m.def(
        "builtin_criteria_dir", [] { return ntmkit::builtin_criteria_dir().string(); },
        "Where the shipped sets live: $NTMKIT_DATA_DIR/criteria if that variable is set, else "
        "the package's own copy.");
    m.def(
        "_set_default_data_dir",
        [](const std::filesystem::path& p) { ntmkit::default_data_dir() = p; }, py::arg("path"),
        "The data directory used when NTMKIT_DATA_DIR is not set (the package passes its copy).");
    m.def("list_builtin_criteria_sets", &ntmkit::list_builtin_criteria_sets);
    m.def("load_builtin_criteria_set", &ntmkit::load_builtin_criteria_set, py::arg("id"),
          "Load a shipped set, e.g. 'qd318-2022-xa'.");
    m.def(
        "load_criteria_set",
        [](const std::filesystem::path& p) { return ntmkit::load_criteria_set(p); },
        py::arg("path"), "Load a criteria file; errors name the file and JSON pointer.");

    using E = ntmkit::evaluation;
    py::class_<E>(m, "Evaluation", "A unit evaluated against a criteria set ('18/19').")
        .def_readonly("set_id", &E::set_id)
        .def_readonly("variant", &E::variant)
        .def_readonly("set_complete", &E::set_complete)
        .def_property_readonly("total", &E::total)
        .def_property_readonly("met_count", &E::met_count)
        .def_property_readonly("unknown_count", &E::unknown_count)
        .def_property_readonly("all_met", &E::all_met)
        .def("summary", &E::summary)
        .def(
            "status",
            [](const E& e, const std::string& code) {
                const auto* c = e.find(code);
                if (!c)
                    throw ntmkit::validation_error("criterion " + code, "not in the evaluation");
                return ntmkit::to_string(c->status);
            },
            py::arg("criterion"), "'met', 'not_met' or 'unknown'.")
        .def("to_dict", [](const E& e) { return json_to_python(nlohmann::json(e)); })
        .def("__repr__",
             [](const E& e) { return "<Evaluation " + e.set_id + " " + e.summary() + ">"; });

    m.def(
        "evaluate",
        [](const S& s, const std::string& variant, const py::dict& values,
           const py::dict& assessed) {
            return ntmkit::evaluate(s, variant, values_from(values), statements_from(assessed));
        },
        py::arg("criteria_set"), py::arg("variant") = "", py::arg("values") = py::dict(),
        py::arg("assessed") = py::dict(),
        "Evaluate one unit: `values` maps indicator codes to numbers or booleans (Đạt), "
        "`assessed` criterion codes to met/not met as stated by the commune: True/False or "
        "{'met': True, 'evidence': 'QĐ công nhận ...'}. Unknown codes raise ValidationError.");
    m.def(
        "derive_indicator_values",
        [](const ntmkit::campaign& c, py::handle unit, ntmkit::date as_of, py::handle how) {
            std::vector<ntmkit::derivation> derivations;
            for (auto d : how) {
                const auto j = json_from_python(d, "derivation");
                const ntmkit::detail::json_cursor cur(j);
                ntmkit::detail::require_known_members(
                    cur, {"criterion_indicator", "campaign_indicator", "kind", "already"});
                derivations.push_back(
                    {cur.at("criterion_indicator").as_string(),
                     cur.at("campaign_indicator").as_string(),
                     cur.find("kind") ? cur.at("kind").as_enum<ntmkit::derivation_kind>()
                                      : ntmkit::derivation_kind::share_of_households,
                     ntmkit::detail::optional_number(cur, "already").value_or(0.0)});
            }
            py::dict out;
            for (const auto& [code, v] :
                 ntmkit::derive_indicator_values(c, unit_arg(c.units(), unit), as_of, derivations))
                out[py::str(code)] = std::get<double>(v);
            return out;
        },
        py::arg("campaign"), py::arg("unit"), py::arg("as_of"), py::arg("derivations"),
        "Criteria values of one unit computed from the campaign's progress as of a day, ready "
        "for evaluate(values=...): `derivations` is a list of dicts {criterion_indicator, "
        "campaign_indicator, kind: 'share_of_households' (percent of the unit's households, "
        "default) or 'total', already: what the unit had before the campaign (0)}.");
    m.def(
        "compare_evaluations",
        [](const E& before, const E& after) {
            return json_to_python(nlohmann::json(ntmkit::compare(before, after)));
        },
        py::arg("before"), py::arg("after"),
        "Criteria by how they moved: maintained, newly_met, lost, unconfirmed, still_unmet.");

    using ST = ntmkit::scoring_table;
    py::class_<ST>(m, "ScoringTable",
                   "Points per criterion item: standard, self-assessed and re-checked scores.")
        .def_static(
            "from_dict", [](py::handle d) { return json_from_python(d).get<ST>(); },
            py::arg("data"))
        .def_static(
            "from_json",
            [](std::string_view text) {
                return ntmkit::detail::parse_json_text(text, "JSON").get<ST>();
            },
            py::arg("text"))
        .def_readonly("id", &ST::id)
        .def_readonly("unit_id", &ST::unit_id)
        .def_readonly("criteria_set_id", &ST::criteria_set_id)
        .def("totals", [](const ST& t) { return json_to_python(nlohmann::json(t.totals())); })
        .def(
            "assessments",
            [](const ST& t, py::handle basis) {
                return ntmkit::assessments_from(t, enum_arg<ntmkit::score_basis>(basis, "basis"));
            },
            py::arg("basis") = "rechecked",
            "Criteria with a pass score and all items scored, as assessments for evaluate().")
        .def("to_dict", [](const ST& t) { return json_to_python(nlohmann::json(t)); });
}

} // namespace ntmkit_py
