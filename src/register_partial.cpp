// Partial roll-ups (partial_rollup.hpp) and districts assembled from communes (district.hpp):
// Partial adds with `+`, travels as bytes and pickles, so Dask (python/ntmkit/dask.py) can
// tally each partition on its worker and reduce the partials in a tree.
#include "common.hpp"

#include <ntmkit/district.hpp>
#include <ntmkit/partial_rollup.hpp>
#include <ntmkit/ranking.hpp>

#include <map>

#include <optional>
#include <string>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;
using P = ntmkit::partial_rollup;

template <class T> using arr = py::array_t<T, py::array::c_style | py::array::forcecast>;

/// An optional column of n values (None: not given).
template <class T>
std::optional<arr<T>> optional_column(py::handle h, py::ssize_t n, const char* name) {
    if (h.is_none())
        return std::nullopt;
    auto a = arr<T>::ensure(h);
    if (!a)
        throw py::error_already_set();
    if (a.ndim() != 1 || a.shape(0) != n)
        throw ntmkit::validation_error(std::string("array ") + name,
                                       "expected " + std::to_string(n) +
                                           " values in one dimension");
    return a;
}

} // namespace

void add_partial(py::module_& m) {
    m.def("campaign_fingerprint", &ntmkit::campaign_fingerprint, py::arg("campaign"),
          "64-bit fingerprint of what a campaign's figures depend on (ids, tree, indicators, "
          "targets, window, schedule); partial roll-ups carry it.");

    py::class_<P>(m, "Partial",
                  "The roll-up of some of a campaign's records as a value that merges: p + q is "
                  "the partial of both; finish(campaign) gives the Rollup of all records merged "
                  "in, the same numbers whatever the partition and the merge order. Pickles and "
                  "travels as bytes (to_bytes / from_bytes) with the campaign's fingerprint.")
        .def(py::init([](const C& c, ntmkit::date as_of, std::optional<ntmkit::date> known_by) {
                 ntmkit::rollup_options o;
                 o.known_by = known_by;
                 return P(c, as_of, o);
             }),
             py::arg("campaign"), py::arg("as_of"), py::arg("known_by") = py::none(),
             "An empty partial of `campaign` as of a day (known_by: as known by then).")
        .def(
            "add",
            [](P& p, const C& c, py::handle unit, py::handle indicator, py::handle done,
               py::handle quantity, py::handle reported, py::handle superseded_on,
               py::handle record, std::int64_t first_record) {
                auto u = arr<std::int32_t>::ensure(unit);
                if (!u)
                    throw py::error_already_set();
                const auto n = u.ndim() == 1 ? u.shape(0) : -1;
                auto i = optional_column<std::int32_t>(indicator, n, "indicator");
                auto d = optional_column<std::int32_t>(done, n, "done");
                auto q = optional_column<double>(quantity, n, "quantity");
                auto r = optional_column<std::int32_t>(reported, n, "reported");
                auto s = optional_column<std::int32_t>(superseded_on, n, "superseded_on");
                auto k = optional_column<std::int64_t>(record, n, "record");
                if (n < 0 || !i || !d || !q)
                    throw ntmkit::validation_error("Partial.add",
                                                   "unit, indicator, done and quantity are "
                                                   "one-dimensional arrays of the same length");
                py::gil_scoped_release nogil;
                p.add_columns(c, static_cast<std::size_t>(n), u.data(), i->data(), d->data(),
                              r ? r->data() : nullptr, q->data(), s ? s->data() : nullptr,
                              k ? k->data() : nullptr, first_record);
            },
            py::arg("campaign"), py::arg("unit"), py::arg("indicator"), py::arg("done"),
            py::arg("quantity"), py::arg("reported") = py::none(),
            py::arg("superseded_on") = py::none(), py::arg("record") = py::none(),
            py::arg("first_record") = 0,
            "Adds records as arrays: unit and indicator indices, day offsets done and reported "
            "(None: the day done), quantities, the day offset each record's correction was "
            "reported (superseded_on; None or 2**31-1: never) and record numbers (None: "
            "first_record, first_record + 1, …; they break ties between 'last' figures).")
        .def(
            "add_log",
            [](P& p, const C& c, std::size_t first, std::optional<std::size_t> last) {
                py::gil_scoped_release nogil;
                p.add_log(c, first, last.value_or(c.progress().size()));
            },
            py::arg("campaign"), py::arg("first") = 0, py::arg("last") = py::none(),
            "Adds records [first, last) of the campaign's own log.")
        .def(py::self += py::self)
        .def(py::self + py::self)
        .def(py::self == py::self)
        .def(
            "finish",
            [](const P& p, py::object campaign, double on_track_pace, double at_risk_pace) {
                const C& c = campaign.cast<const C&>();
                ntmkit::rollup_options o;
                o.on_track_pace = on_track_pace;
                o.at_risk_pace = at_risk_pace;
                std::optional<ntmkit::rollup> r;
                {
                    py::gil_scoped_release nogil;
                    r.emplace(p.finish(c, o));
                }
                return wrap_rollup(std::move(campaign), std::move(*r));
            },
            py::arg("campaign"), py::arg("on_track_pace") = 0.9, py::arg("at_risk_pace") = 0.6,
            "The Rollup of every record merged in (household capacity checked over them all).")
        .def(
            "rank_units",
            [](const P& p, py::object campaign, py::handle level,
               std::map<std::string, double> weights, bool cap_at_100, py::handle tie_break,
               std::optional<int> commend_top_k, std::optional<double> commend_at_least,
               double remind_below) {
                const C& c = campaign.cast<const C&>();
                const auto o = ranking_options_of(level, std::move(weights), cap_at_100, tie_break,
                                                  commend_top_k, commend_at_least, remind_below);
                std::optional<ntmkit::campaign_ranking> r;
                {
                    py::gil_scoped_release nogil;
                    r.emplace(ntmkit::rank_units(c, p.finish(c), o));
                }
                return wrap_ranking(std::move(campaign), std::move(*r));
            },
            py::arg("campaign"), py::arg("level") = "household_group",
            py::arg("weights") = std::map<std::string, double>{}, py::arg("cap_at_100") = true,
            py::arg("tie_break") = "none", py::arg("commend_top_k") = py::none(),
            py::arg("commend_at_least") = py::none(), py::arg("remind_below") = 0.5,
            "Campaign.rank_units over the records merged in (same arguments, no known_by: the "
            "partial's own).")
        .def("to_bytes", [](const P& p) { return py::bytes(p.to_bytes()); })
        .def_static(
            "from_bytes", [](const py::bytes& b) { return P::from_bytes(std::string(b)); },
            py::arg("data"))
        .def(py::pickle([](const P& p) { return py::bytes(p.to_bytes()); },
                        [](const py::bytes& b) { return P::from_bytes(std::string(b)); }))
        .def_property_readonly("fingerprint", &P::fingerprint)
        .def_property_readonly("as_of_day", &P::as_of_day,
                               "The as-of day as an offset from the campaign's first day.")
        .def_property_readonly("records", &P::records, "Records added.")
        .def_property_readonly("cells", &P::cells, "(unit, indicator) cells with own figures.")
        .def("__repr__", [](const P& p) {
            return "Partial(records=" + std::to_string(p.records()) +
                   ", cells=" + std::to_string(p.cells()) +
                   ", fingerprint=" + ntmkit::detail::hex(p.fingerprint()) + ")";
        });

    m.def(
        "assemble_district",
        [](const std::string& id, const std::string& name, const py::dict& communes,
           py::handle level) {
            std::vector<ntmkit::commune_campaign> parts; // in the dict's order
            for (const auto& [k, c] : communes)
                parts.push_back({k.cast<std::string>(), &c.cast<const C&>()});
            const ntmkit::unit_spec root{
                id, name, enum_arg<ntmkit::unit_level>(level, "level"), "", std::nullopt, false};
            return ntmkit::assemble_district(root, parts);
        },
        py::arg("id"), py::arg("name"), py::arg("communes"), py::arg("level") = "province",
        "One campaign over several communes' campaigns ({commune id: Campaign}): a root unit "
        "above their roots, unit ids namespaced 'commune-id/unit-id', targets and progress "
        "copied. The communes must share window, schedule and indicators.");
}

} // namespace ntmkit_py
