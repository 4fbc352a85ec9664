// Indicators, targets, the campaign itself (construction, JSON file format) and allocation.
#include "common.hpp"

#include <ntmkit/allocation.hpp>
#include <ntmkit/campaign_bytes.hpp>
#include <ntmkit/json.hpp>

#include <pybind11/stl/filesystem.h>

namespace ntmkit_py {

ntmkit::indicator_index indicator_arg(const ntmkit::campaign& c, py::handle h) {
    if (py::isinstance<py::str>(h))
        return c.indicator_at(h.cast<std::string>());
    if (py::isinstance<py::float_>(h))
        throw argument_error("indicator", "an indicator is given by index (int) or id (str), "
                                          "not a float");
    auto i = integer_arg(h, "indicator");
    if (i < 0 || static_cast<std::size_t>(i) >= c.indicators().size())
        throw py::index_error("indicator index " + std::to_string(i) + " is out of range 0.." +
                              std::to_string(static_cast<long long>(c.indicators().size()) - 1));
    return static_cast<ntmkit::indicator_index>(i);
}

namespace {

/// A proposed split, with the campaign it belongs to (for apply() and the DataFrame).
struct py_allocation {
    py::object campaign;
    ntmkit::unit_index parent;
    ntmkit::indicator_index indicator;
    ntmkit::allocation_method method;
    std::vector<ntmkit::allocation_share> shares;
};

/// A target given as TargetSpec, (unit, indicator, value[, basis]) or a mapping; errors name
/// the target and field ("target 0, field value: expected a number (int or float), got str '77'").
ntmkit::target_spec target_from(py::handle h, std::size_t i) {
    if (py::isinstance<ntmkit::target_spec>(h))
        return h.cast<ntmkit::target_spec>();
    const std::string where = "target " + std::to_string(i);
    ntmkit::target_spec t;
    py::object unit, indicator, value, basis;
    if (py::isinstance<py::dict>(h)) {
        auto d = py::reinterpret_borrow<py::dict>(h);
        for (const char* key : {"unit", "indicator", "value"})
            if (!d.contains(key))
                throw ntmkit::validation_error(where, std::string("missing key \"") + key + "\"");
        unit = d["unit"], indicator = d["indicator"], value = d["value"];
        if (d.contains("basis"))
            basis = d["basis"];
    } else {
        const auto expected = "(unit, indicator, value[, basis]), a dict or a TargetSpec";
        if (!py::isinstance<py::sequence>(h) || py::isinstance<py::str>(h))
            throw argument_error(where, std::string("expected ") + expected + ", got " +
                                            describe_value(h));
        auto seq = py::reinterpret_borrow<py::sequence>(h);
        if (seq.size() < 3 || seq.size() > 4)
            throw ntmkit::validation_error(where, std::string("expected ") + expected);
        unit = seq[0], indicator = seq[1], value = seq[2];
        if (seq.size() == 4)
            basis = seq[3];
    }
    t.unit = py::str(unit).cast<std::string>();
    t.indicator = py::str(indicator).cast<std::string>();
    t.value = number_arg(value, where + ", field value");
    if (basis)
        t.basis = enum_arg<ntmkit::target_basis>(basis, where + ", field basis");
    return t;
}

ntmkit::unit_tree tree_from(py::handle units) {
    if (py::isinstance<ntmkit::unit_tree>(units))
        return units.cast<ntmkit::unit_tree>();
    return ntmkit::unit_tree::build(units.cast<std::vector<ntmkit::unit_spec>>());
}

} // namespace

void add_campaign(py::module_& m, campaign_class& cls) {
    bind_enum<ntmkit::time_aggregation>(
        m, "TimeAggregation",
        "How a unit's records combine over time: sum (increments) or last (cumulative figures).");
    bind_enum<ntmkit::hierarchy_aggregation>(
        m, "HierarchyAggregation",
        "How values combine up the tree: sum, or distinct_households (organisations' work is "
        "already counted by the villages, so it does not add to the commune).");
    bind_enum<ntmkit::target_basis>(
        m, "TargetBasis",
        "Where a target comes from: official (a source document), planned, illustrative "
        "(invented for an example) or proposed (computed by allocation, not confirmed).");
    bind_enum<ntmkit::allocation_method>(m, "AllocationMethod",
                                         "proportional (to household counts) or equal shares.");

    using I = ntmkit::indicator;
    py::class_<I>(m, "Indicator",
                  "A quota item (chỉ tiêu) of a campaign and how its values combine.")
        .def(py::init([](std::string id, std::string name_vi, std::string name_en,
                         std::string measure, py::handle over_time, py::handle over_units) {
                 I ind;
                 ind.id = std::move(id);
                 ind.name_vi = std::move(name_vi);
                 ind.name_en = std::move(name_en);
                 ind.measure = std::move(measure);
                 ind.over_time = enum_arg<ntmkit::time_aggregation>(over_time, "over_time");
                 ind.over_units = enum_arg<ntmkit::hierarchy_aggregation>(over_units, "over_units");
                 return ind;
             }),
             py::arg("id"), py::arg("name_vi") = "", py::arg("name_en") = "",
             py::arg("measure") = "households", py::arg("over_time") = "sum",
             py::arg("over_units") = "sum")
        .def_readwrite("id", &I::id)
        .def_readwrite("name_vi", &I::name_vi)
        .def_readwrite("name_en", &I::name_en)
        .def_readwrite("measure", &I::measure, "households, gardens, areas, metres...")
        .def_property(
            "over_time", [](const I& i) { return i.over_time; },
            [](I& i, py::handle v) {
                i.over_time = enum_arg<ntmkit::time_aggregation>(v, "over_time");
            })
        .def_property(
            "over_units", [](const I& i) { return i.over_units; },
            [](I& i, py::handle v) {
                i.over_units = enum_arg<ntmkit::hierarchy_aggregation>(v, "over_units");
            })
        .def_property_readonly("counts_households", &I::counts_households,
                               "True when measured in households (capped by household counts).")
        .def(
            "name", [](const I& i, std::string_view language) { return i.name(language); },
            py::arg("language") = "vi", "Name in 'vi' or 'en', falling back to the other.")
        .def(py::self == py::self)
        .def("__repr__", [](const I& i) {
            return "Indicator(" + py::repr(py::str(i.id)).cast<std::string>() + ", " +
                   py::repr(py::str(i.name_vi)).cast<std::string>() + ")";
        });

    using TS = ntmkit::target_spec;
    py::class_<TS>(m, "TargetSpec", "A target as a user writes it: unit and indicator by id.")
        .def(py::init(
                 [](std::string unit, std::string indicator, py::handle value, py::handle basis) {
                     return TS{std::move(unit), std::move(indicator),
                               number_arg(value, "TargetSpec, argument value"),
                               enum_arg<ntmkit::target_basis>(basis, "basis")};
                 }),
             py::arg("unit"), py::arg("indicator"), py::arg("value"), py::arg("basis") = "planned")
        .def_readwrite("unit", &TS::unit)
        .def_readwrite("indicator", &TS::indicator)
        .def_readwrite("value", &TS::value)
        .def_readwrite("basis", &TS::basis);

    using TT = ntmkit::target_table;
    py::class_<TT>(m, "TargetTable",
                   "One optional target per (unit, indicator), stored densely. Read it through "
                   "Campaign.targets; change it with Campaign.set_targets.")
        .def_property_readonly("indicator_count", &TT::indicator_count)
        .def(
            "values",
            [](const TT& t) {
                const auto& v = t.values();
                py::array_t<double> out(static_cast<py::ssize_t>(v.size()));
                std::copy(v.begin(), v.end(), out.mutable_data());
                const auto ni = static_cast<py::ssize_t>(t.indicator_count());
                return out.reshape({ni == 0 ? 0 : out.size() / ni, ni});
            },
            "A (units, indicators) float array, NaN where no target is set (a copy).")
        .def(
            "items",
            [](const TT& t) {
                py::list out;
                t.for_each([&](ntmkit::unit_index u, ntmkit::indicator_index i, double v,
                               ntmkit::target_basis b) { out.append(py::make_tuple(u, i, v, b)); });
                return out;
            },
            "Every set target as (unit index, indicator index, value, basis), in tree order.")
        .def(py::self == py::self);

    using C = ntmkit::campaign;
    cls.def(py::init([](std::string id, std::string name, ntmkit::date first, ntmkit::date last,
                        py::handle units, std::vector<I> indicators,
                        std::optional<ntmkit::reporting_schedule> schedule, std::string source,
                        std::vector<std::string> notes) {
                ntmkit::campaign_info info;
                info.id = std::move(id);
                info.name = name.empty() ? info.id : std::move(name);
                info.window = ntmkit::date_window(first, last);
                if (schedule)
                    info.schedule = *schedule;
                info.source = std::move(source);
                info.notes = std::move(notes);
                return C(std::move(info), tree_from(units), std::move(indicators));
            }),
            py::arg("id"), py::arg("name"), py::arg("first"), py::arg("last"), py::arg("units"),
            py::arg("indicators"), py::arg("schedule") = py::none(), py::arg("source") = "",
            py::arg("notes") = std::vector<std::string>{},
            "Build a campaign. `units` is a UnitTree or a list of UnitSpec; `schedule` "
            "defaults to weekly on Friday. Dates are datetime.date or text (15/4/2022).")
        .def_static(
            "load",
            [](const std::filesystem::path& p) { return ntmkit::load_campaign(p.string()); },
            py::arg("path"), "Read a campaign file (docs/format.md); errors name the JSON pointer.")
        .def_static(
            "from_json",
            [](std::string_view text, const std::string& source) {
                return ntmkit::campaign_from_json_text(text, source);
            },
            py::arg("text"), py::arg("source") = "",
            "Read a campaign from JSON text; `source` (a file name) names it in errors.")
        .def("to_json", &ntmkit::campaign_to_json_text,
             "The canonical JSON text: same campaign, same bytes.")
        .def(
            "to_bytes",
            [](const C& c, bool definition_only) {
                std::string b;
                {
                    py::gil_scoped_release unlocked;
                    b = ntmkit::to_bytes(c, definition_only);
                }
                return py::bytes(b);
            },
            py::arg("definition_only") = false,
            "The campaign as compact bytes (campaign_bytes.hpp), many times faster to read than "
            "its JSON; `definition_only` leaves out progress and submissions. Pickling uses them.")
        .def_static(
            "from_bytes",
            [](const py::bytes& b) {
                std::string data(b);
                py::gil_scoped_release unlocked;
                return ntmkit::campaign_from_bytes(data);
            },
            py::arg("data"),
            "A campaign from to_bytes(); cut or corrupt bytes are a ParseError naming the byte.")
        .def(py::pickle(
            [](const C& c) { return py::bytes(ntmkit::to_bytes(c)); },
            [](const py::bytes& b) { return ntmkit::campaign_from_bytes(std::string(b)); }))
        .def(
            "save",
            [](const C& c, const std::filesystem::path& p) {
                ntmkit::save_campaign(c, p.string());
            },
            py::arg("path"))
        .def_property_readonly("id", &C::id)
        .def_property_readonly("name", &C::name)
        .def_property_readonly("source", [](const C& c) { return c.info().source; })
        .def_property_readonly("notes", [](const C& c) { return c.info().notes; })
        .def_property_readonly("window", &C::window)
        .def_property_readonly("first", [](const C& c) { return c.window().first(); })
        .def_property_readonly("last", [](const C& c) { return c.window().last(); })
        .def_property_readonly("schedule", &C::schedule)
        .def_property_readonly("units", &C::units, py::return_value_policy::reference_internal,
                               "The UnitTree (a view that keeps the campaign alive).")
        .def_property_readonly("indicators", &C::indicators,
                               "The indicators, in campaign order (copies).")
        .def_property_readonly("indicator_ids",
                               [](const C& c) {
                                   std::vector<std::string> out;
                                   for (const auto& i : c.indicators())
                                       out.push_back(i.id);
                                   return out;
                               })
        .def_property_readonly("targets", &C::targets, py::return_value_policy::reference_internal)
        .def("find_indicator", &C::find_indicator, py::arg("id"), "Index of an indicator, or None.")
        .def("indicator_candidates", &C::indicator_candidates, py::arg("key"),
             "The indicators a typed key may mean: by id, else by Vietnamese or English name.")
        .def("indicator_at", &C::indicator_at, py::arg("id"),
             "Index of an indicator; ValidationError naming it otherwise.")
        .def(
            "indicator",
            [](const C& c, py::handle i) { return c.indicator_of(indicator_arg(c, i)); },
            py::arg("indicator"), "The Indicator given by index or id.")
        .def(
            "unit_index", [](const C& c, py::handle u) { return unit_arg(c.units(), u); },
            py::arg("unit"), "Index of a unit given by index, id or unique name.")
        .def(
            "set_targets",
            [](C& c, py::iterable specs) {
                std::vector<ntmkit::target_spec> v;
                for (auto h : specs)
                    v.push_back(target_from(h, v.size()));
                c.set_targets(v);
            },
            py::arg("targets"),
            "Set targets all together or not at all. Items: TargetSpec, (unit, indicator, value"
            "[, basis]) or dicts. A target is a finite number 0 or more, and a household item "
            "cannot exceed the unit's households.")
        .def(
            "set_target",
            [](C& c, const std::string& unit, const std::string& indicator, py::handle value,
               py::handle basis) {
                c.set_target(unit, indicator, number_arg(value, "set_target, argument value"),
                             enum_arg<ntmkit::target_basis>(basis, "basis"));
            },
            py::arg("unit"), py::arg("indicator"), py::arg("value"), py::arg("basis") = "planned")
        .def(
            "target",
            [](const C& c, py::handle u, py::handle i) {
                return c.targets().get(unit_arg(c.units(), u), indicator_arg(c, i));
            },
            py::arg("unit"), py::arg("indicator"), "The unit's own target, or None.")
        .def(
            "target_basis",
            [](const C& c, py::handle u, py::handle i) {
                return c.targets().basis(unit_arg(c.units(), u), indicator_arg(c, i));
            },
            py::arg("unit"), py::arg("indicator"))
        .def(
            "clear_target",
            [](C& c, py::handle u, py::handle i) {
                c.clear_target(unit_arg(c.units(), u), indicator_arg(c, i));
            },
            py::arg("unit"), py::arg("indicator"))
        .def(
            "report_dates", [](const C& c) { return c.schedule().report_dates(c.window()); },
            "Scheduled report days (the seed: every Friday) inside the window.")
        .def(
            "periods", [](const C& c) { return c.schedule().periods(c.window()); },
            "Report periods tiling the window.")
        .def(
            "period_for",
            [](const C& c, ntmkit::date d) { return c.schedule().period_for(c.window(), d); },
            py::arg("as_of"))
        .def(
            "copy", [](const C& c) { return C(c); }, "An independent copy.")
        .def("__copy__", [](const C& c) { return C(c); })
        .def(
            "__deepcopy__", [](const C& c, py::handle) { return C(c); }, py::arg("memo"))
        .def(py::self == py::self)
        .def("__repr__", [](const C& c) {
            return "<Campaign " + c.id() + " " + c.window().describe() + ": " +
                   std::to_string(c.units().size()) + " units, " +
                   std::to_string(c.indicators().size()) + " indicators, " +
                   std::to_string(c.progress().size()) + " records>";
        });

    // Allocation.
    m.def("largest_remainder", &ntmkit::largest_remainder, py::arg("total"), py::arg("weights"),
          "Split a whole number into parts proportional to weights that add up exactly "
          "(Hamilton method; ties to the larger weight, then the earlier position).");
    using AS = ntmkit::allocation_share;
    py::class_<AS>(m, "AllocationShare", "One child's share of a proposed split.")
        .def_readonly("unit", &AS::unit)
        .def_readonly("value", &AS::value)
        .def_readonly("fixed", &AS::fixed, "The child already had a target, which was kept.")
        .def("__repr__", [](const AS& s) {
            return "AllocationShare(unit=" + std::to_string(s.unit) +
                   ", value=" + std::to_string(s.value) + (s.fixed ? ", fixed" : "") + ")";
        });
    py::class_<py_allocation>(m, "Allocation",
                              "A proposed split of a parent's target among its children. "
                              "Nothing changes until apply(); applied shares get basis "
                              "'proposed'. to_frame() gives a DataFrame.")
        .def_readonly("campaign", &py_allocation::campaign)
        .def_readonly("parent", &py_allocation::parent)
        .def_readonly("indicator", &py_allocation::indicator)
        .def_readonly("method", &py_allocation::method)
        .def_readonly("shares", &py_allocation::shares)
        .def("__len__", [](const py_allocation& a) { return a.shares.size(); })
        .def("__iter__", [](const py_allocation& a) { return py::iter(py::cast(a.shares)); })
        .def(
            "total",
            [](const py_allocation& a) {
                double s = 0;
                for (const auto& x : a.shares)
                    s += x.value;
                return s;
            },
            "Sum of the shares (equals the parent's target).")
        .def(
            "apply",
            [](const py_allocation& a) {
                ntmkit::apply_allocation(a.campaign.cast<C&>(), a.indicator, a.shares);
            },
            "Write the shares that were not fixed into the campaign as 'proposed' targets.");
    cls.def(
        "propose_allocation",
        [](py::object self, py::handle parent, py::handle indicator, py::handle method,
           py::object level) {
            const C& c = self.cast<const C&>();
            py_allocation a{self,
                            unit_arg(c.units(), parent),
                            indicator_arg(c, indicator),
                            enum_arg<ntmkit::allocation_method>(method, "method"),
                            {}};
            std::optional<ntmkit::unit_level> lv;
            if (!level.is_none())
                lv = enum_arg<ntmkit::unit_level>(level, "unit level");
            a.shares = ntmkit::propose_allocation(c, a.parent, a.indicator, a.method, lv);
            return a;
        },
        py::arg("parent"), py::arg("indicator"), py::arg("method") = "proportional",
        py::arg("level") = py::none(),
        "Propose how to split the parent's target (commune → villages, village → household "
        "groups) among its children; children with a target of their own keep it. `level` "
        "chooses other children (e.g. 'organisation').");
    cls.def(
        "apply_allocation",
        [](C& c, const py_allocation& a) { ntmkit::apply_allocation(c, a.indicator, a.shares); },
        py::arg("allocation"));

    using RI = ntmkit::reconciliation_issue;
    py::class_<RI>(m, "ReconciliationIssue",
                   "A parent whose children's targets do not add up to its own.")
        .def_readonly("parent", &RI::parent)
        .def_readonly("indicator", &RI::indicator)
        .def_readonly("parent_target", &RI::parent_target)
        .def_readonly("children_sum", &RI::children_sum)
        .def_readonly("children_with_target", &RI::children_with_target)
        .def("__repr__", [](const RI& r) {
            return "ReconciliationIssue(parent=" + std::to_string(r.parent) +
                   ", indicator=" + std::to_string(r.indicator) +
                   ", parent_target=" + std::to_string(r.parent_target) +
                   ", children_sum=" + std::to_string(r.children_sum) + ")";
        });
    cls.def("reconcile", &ntmkit::reconcile,
            "Every (parent, indicator) whose children's targets do not add up to its own.");
}

} // namespace ntmkit_py
