// End-of-campaign ranking: Campaign.rank_units(...) → CampaignRanking with the ranked units,
// the commend / remind lists and the evenness measures; to_json() as Python data,
// to_markdown() the final-report section. The DataFrames (to_frame(), evenness_frame()) are
// written in Python (python/ntmkit/_ranking.py) and attached by python/ntmkit/_extend.py.
#include "common.hpp"
#include "json_value.hpp"

#include <ntmkit/ranking.hpp>
#include <ntmkit/render/ranking.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;

struct py_ranking {
    py::object campaign; // for the report section's indicator names
    ntmkit::campaign_ranking r;
};

std::vector<std::string> ids_at(const py_ranking& p, const std::vector<std::size_t>& ks) {
    std::vector<std::string> out;
    for (auto k : ks)
        out.push_back(p.r.ranked[k].id);
    return out;
}

} // namespace

py::object wrap_ranking(py::object campaign, ntmkit::campaign_ranking r) {
    return py::cast(py_ranking{std::move(campaign), std::move(r)});
}

ntmkit::ranking_options ranking_options_of(py::handle level, std::map<std::string, double> weights,
                                           bool cap_at_100, py::handle tie_break,
                                           std::optional<int> commend_top_k,
                                           std::optional<double> commend_at_least,
                                           double remind_below) {
    ntmkit::ranking_options o;
    o.level = enum_arg<ntmkit::unit_level>(level, "level");
    o.weights = std::move(weights);
    o.cap_at_100 = cap_at_100;
    o.tie = enum_arg<ntmkit::tie_break>(tie_break, "tie_break");
    o.commend_top_k = commend_top_k;
    o.commend_at_least = commend_at_least;
    o.remind_below = remind_below;
    return o;
}

void add_ranking(py::module_& m, campaign_class& cls) {
    bind_enum<ntmkit::tie_break>(
        m, "TieBreak",
        "How units with equal scores are listed within their shared rank (never splits it): "
        "none (tree order), cumulative_total (larger total done first), name.");

    using IS = ntmkit::indicator_score;
    py::class_<IS>(m, "IndicatorScore", "One indicator of a unit's score.")
        .def_readonly("indicator", &IS::indicator)
        .def_readonly("id", &IS::id)
        .def_readonly("target", &IS::target)
        .def_readonly("cumulative", &IS::cumulative)
        .def_readonly("ratio", &IS::ratio, "cumulative / target, uncapped.")
        .def_readonly("counted", &IS::counted, "The ratio as it counts (capped if chosen).")
        .def_readonly("weight", &IS::weight);

    using US = ntmkit::unit_score;
    py::class_<US>(m, "UnitScore", "A ranked unit.")
        .def_readonly("unit", &US::unit)
        .def_readonly("id", &US::id)
        .def_readonly("name", &US::name)
        .def_readonly("score", &US::score, "Weighted completion, a fraction (1 = 100%).")
        .def_readonly("rank", &US::rank, "Standard competition rank (1, 2, 2, 4).")
        .def_readonly("cumulative_total", &US::cumulative_total)
        .def_readonly("indicators", &US::indicators)
        .def_readonly("commended", &US::commended)
        .def_readonly("reminded", &US::reminded)
        .def("__repr__", [](const US& s) {
            return "UnitScore(id='" + s.id + "', rank=" + std::to_string(s.rank) +
                   ", score=" + std::to_string(s.score) + ")";
        });

    using SS = ntmkit::spread_stats;
    py::class_<SS>(m, "SpreadStats",
                   "How even a set of values is: mean, population stddev, cv = stddev / mean, "
                   "min, max, gini = ΣΣ|xi − xj| / (2 n² mean). cv and gini are None when the "
                   "mean is 0.")
        .def_readonly("count", &SS::count)
        .def_readonly("mean", &SS::mean)
        .def_readonly("stddev", &SS::stddev)
        .def_readonly("cv", &SS::cv)
        .def_readonly("min", &SS::min)
        .def_readonly("max", &SS::max)
        .def_readonly("gini", &SS::gini);
    m.def("spread_of", &ntmkit::spread_of, py::arg("values"),
          "Mean, population standard deviation, CV, min, max and Gini of the values.");

    using IP = ntmkit::indicator_spread;
    py::class_<IP>(m, "IndicatorSpread")
        .def_readonly("indicator", &IP::indicator)
        .def_readonly("id", &IP::id)
        .def_readonly("stats", &IP::stats);

    using UU = ntmkit::unscored_unit;
    py::class_<UU>(m, "UnscoredUnit")
        .def_readonly("unit", &UU::unit)
        .def_readonly("id", &UU::id)
        .def_readonly("name", &UU::name);

    py::class_<py_ranking>(m, "CampaignRanking",
                           "End-of-campaign ranking of the units of one level. to_frame() and "
                           "evenness_frame() give DataFrames; to_json() plain Python data; "
                           "to_markdown() the final-report section.")
        .def_readonly("campaign", &py_ranking::campaign)
        .def_property_readonly("as_of", [](const py_ranking& p) { return p.r.as_of; })
        .def_property_readonly("level", [](const py_ranking& p) { return p.r.level; })
        .def_property_readonly("cap_at_100", [](const py_ranking& p) { return p.r.cap_at_100; })
        .def_property_readonly("tie_break", [](const py_ranking& p) { return p.r.tie; })
        .def_property_readonly("weights", [](const py_ranking& p) { return p.r.weights; })
        .def_property_readonly(
            "ranked", [](const py_ranking& p) { return p.r.ranked; },
            "UnitScores by rank, then the tie-break, then tree order.")
        .def_property_readonly("unscored", [](const py_ranking& p) { return p.r.unscored; })
        .def_property_readonly(
            "commend", [](const py_ranking& p) { return ids_at(p, p.r.commend); },
            "Ids of the units to commend, best first.")
        .def_property_readonly(
            "remind", [](const py_ranking& p) { return ids_at(p, p.r.remind); },
            "Ids of the units to remind, in rank order.")
        .def_property_readonly("evenness", [](const py_ranking& p) { return p.r.evenness; })
        .def_property_readonly("per_indicator",
                               [](const py_ranking& p) { return p.r.per_indicator; })
        .def(
            "to_json", [](const py_ranking& p) { return json_to_python(nlohmann::json(p.r)); },
            "The ranking as JSON-ready Python data (dicts, lists), enums as strings.")
        .def(
            "to_markdown",
            [](const py_ranking& p, const std::string& language) {
                return ntmkit::render_ranking_markdown(p.campaign.cast<const C&>(), p.r, language);
            },
            py::arg("language") = "vi",
            "The final-report section in Markdown: Vietnamese (decimal commas) or \"en\".");

    cls.def(
        "rank_units",
        [](py::object self, ntmkit::date as_of, py::handle level,
           std::map<std::string, double> weights, bool cap_at_100, py::handle tie_break,
           std::optional<int> commend_top_k, std::optional<double> commend_at_least,
           double remind_below, std::optional<ntmkit::date> known_by) {
            const C& c = self.cast<const C&>();
            auto o = ranking_options_of(level, std::move(weights), cap_at_100, tie_break,
                                        commend_top_k, commend_at_least, remind_below);
            o.known_by = known_by;
            std::optional<ntmkit::campaign_ranking> r;
            {
                py::gil_scoped_release nogil;
                r.emplace(ntmkit::rank_units(c, as_of, o));
            }
            return py_ranking{self, std::move(*r)};
        },
        py::arg("as_of"), py::arg("level") = "household_group",
        py::arg("weights") = std::map<std::string, double>{}, py::arg("cap_at_100") = true,
        py::arg("tie_break") = "none", py::arg("commend_top_k") = py::none(),
        py::arg("commend_at_least") = py::none(), py::arg("remind_below") = 0.5,
        py::arg("known_by") = py::none(),
        "End-of-campaign ranking of the units of `level` by weighted completion of their "
        "quotas (indicators not in `weights` weigh 1; capped at 100% each unless "
        "cap_at_100=False). Equal scores share a rank; `tie_break` only orders them. "
        "Commend: rank ≤ commend_top_k and/or score ≥ commend_at_least; remind: score < "
        "remind_below. See docs/ranking.md.");
}

} // namespace ntmkit_py
