// Roll-up: where every unit stands on every indicator at an as-of date. The target and tally
// columns are exposed as read-only numpy views into the C++ object (no copy); the Python
// Rollup object is the arrays' base, so they stay valid as long as any of them is alive.
#include "common.hpp"

#include <ntmkit/rollup.hpp>
#include <ntmkit/series.hpp>

#include <cstddef>
#include <memory>
#include <type_traits>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;

struct py_rollup {
    py::object campaign; // for ids and names; the roll-up itself holds copies of its data
    ntmkit::rollup r;
};

static_assert(std::is_standard_layout_v<ntmkit::progress_tally>,
              "tally views use offsetof into progress_tally");

/// A (units, indicators) read-only view of doubles at `first`, rows `row_stride` bytes apart.
py::array view(py::handle owner, const py_rollup& p, const double* first, py::ssize_t item_stride) {
    const auto ni = static_cast<py::ssize_t>(p.r.indicator_count());
    const auto nu = static_cast<py::ssize_t>(p.r.unit_count());
    py::array a(py::dtype::of<double>(), {nu, ni}, {item_stride * ni, item_stride}, first, owner);
    py::detail::array_proxy(a.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    return a;
}

py::array tally_view(py::handle self, std::size_t offset) {
    const auto& p = self.cast<const py_rollup&>();
    const auto& t = p.r.tallies();
    const char* base = reinterpret_cast<const char*>(t.data()) + offset;
    return view(self, p, reinterpret_cast<const double*>(base),
                static_cast<py::ssize_t>(sizeof(ntmkit::progress_tally)));
}

} // namespace

py::object wrap_rollup(py::object campaign, ntmkit::rollup r) {
    return py::cast(py_rollup{std::move(campaign), std::move(r)});
}

void add_rollup(py::module_& m, campaign_class& cls) {
    bind_enum<ntmkit::progress_status>(
        m, "ProgressStatus",
        "no_target, achieved (cumulative ≥ target), on_track (≥ on_track_pace × the linear-pace "
        "expectation), behind, at_risk (< at_risk_pace × expected).");

    using T = ntmkit::progress_tally;
    py::class_<T>(m, "ProgressTally", "What a unit did on an indicator as of a day.")
        .def_readonly("done_day", &T::done_day, "Done on the as-of day.")
        .def_readonly("done_period", &T::done_period, "Done in the report period so far.")
        .def_readonly("cumulative", &T::cumulative, "Done since the campaign began.")
        .def(py::self == py::self)
        .def("__repr__", [](const T& t) {
            return "ProgressTally(done_day=" + std::to_string(t.done_day) +
                   ", done_period=" + std::to_string(t.done_period) +
                   ", cumulative=" + std::to_string(t.cumulative) + ")";
        });

    using RR = ntmkit::rollup_row;
    py::class_<RR>(m, "RollupRow", "One (unit, indicator) of a roll-up with derived figures.")
        .def_readonly("unit", &RR::unit)
        .def_readonly("indicator", &RR::indicator)
        .def_readonly("target", &RR::target)
        .def_readonly("target_derived", &RR::target_derived,
                      "The unit had no target of its own: the sum of its children's.")
        .def_readonly("tally", &RR::tally)
        .def_property_readonly("cumulative", [](const RR& r) { return r.tally.cumulative; })
        .def_property_readonly("done_period", [](const RR& r) { return r.tally.done_period; })
        .def_property_readonly("done_day", [](const RR& r) { return r.tally.done_day; })
        .def_readonly("ratio", &RR::ratio, "cumulative / target.")
        .def_readonly("expected", &RR::expected, "target × elapsed days / campaign days.")
        .def_readonly("gap", &RR::gap, "expected − cumulative (> 0: behind the linear pace).")
        .def_readonly("remaining", &RR::remaining)
        .def_readonly("needed_per_day", &RR::needed_per_day)
        .def_readonly("projected_completion", &RR::projected_completion)
        .def_readonly("status", &RR::status)
        .def("__repr__", [](const RR& r) {
            return "RollupRow(unit=" + std::to_string(r.unit) +
                   ", indicator=" + std::to_string(r.indicator) +
                   ", cumulative=" + std::to_string(r.tally.cumulative) +
                   ", status=" + ntmkit::to_string(r.status) + ")";
        });

    py::class_<py_rollup>(m, "Rollup",
                          "Where every unit stands on every indicator at an as-of date. "
                          "targets / cumulative / done_period / done_day / ratios are zero-copy "
                          "(units, indicators) numpy views; columns() gives every derived "
                          "figure as flat arrays; to_frame() a tidy DataFrame.")
        .def_readonly("campaign", &py_rollup::campaign)
        .def_property_readonly("as_of", [](const py_rollup& p) { return p.r.as_of(); })
        .def_property_readonly(
            "period", [](const py_rollup& p) { return p.r.period(); },
            "The report period containing the as-of day.")
        .def_property_readonly("elapsed_days",
                               [](const py_rollup& p) { return p.r.elapsed_days(); })
        .def_property_readonly("unit_count", [](const py_rollup& p) { return p.r.unit_count(); })
        .def_property_readonly("indicator_count",
                               [](const py_rollup& p) { return p.r.indicator_count(); })
        .def(
            "advance",
            [](py::object self, ntmkit::date as_of, std::optional<ntmkit::date> known_by,
               double on_track_pace, double at_risk_pace) -> py::object {
                auto& p = self.cast<py_rollup&>();
                const C& c = p.campaign.cast<const C&>();
                if (p.r.unit_count() != c.units().size() ||
                    p.r.indicator_count() != c.indicators().size())
                    throw py::value_error("Rollup.advance: the campaign's units or indicators "
                                          "changed since this roll-up; roll up afresh");
                ntmkit::rollup_options o;
                o.known_by = known_by;
                o.on_track_pace = on_track_pace;
                o.at_risk_pace = at_risk_pace;
                py::gil_scoped_release nogil;
                p.r.advance(c, as_of, o);
                return self;
            },
            py::arg("as_of"), py::arg("known_by") = py::none(), py::arg("on_track_pace") = 0.9,
            py::arg("at_risk_pace") = 0.6,
            "This roll-up as of `as_of`, in place (returned), reading only what changed since it "
            "was computed when it can: records added to its campaign since (no corrections), "
            "the same `known_by`, `as_of` not earlier. Otherwise the same as "
            "`campaign.rollup(as_of, known_by, out=self)`. The same figures either way; numpy "
            "views taken from it show them. After adding a day's records, far cheaper than a "
            "full roll-up.")
        .def(
            "row",
            [](const py_rollup& p, py::handle u, py::handle i) {
                const C& c = p.campaign.cast<const C&>();
                return p.r.row(unit_arg(c.units(), u), indicator_arg(c, i));
            },
            py::arg("unit"), py::arg("indicator"),
            "One RollupRow; unit and indicator by index or id.")
        .def(
            "tally",
            [](const py_rollup& p, py::handle u, py::handle i) {
                const C& c = p.campaign.cast<const C&>();
                return p.r.tally(unit_arg(c.units(), u), indicator_arg(c, i));
            },
            py::arg("unit"), py::arg("indicator"))
        .def_property_readonly(
            "targets",
            [](py::handle self) {
                // Shared with the campaign and its other roll-ups, and replaced (not written
                // over) when targets change: the view holds the ones it shows.
                const auto& p = self.cast<const py_rollup&>();
                using shared = std::shared_ptr<const ntmkit::detail::derived_targets>;
                auto* held = new shared(p.r.shared_targets());
                py::capsule owner(held, [](void* h) { delete static_cast<shared*>(h); });
                return view(owner, p, (*held)->value.data(), sizeof(double));
            },
            "Targets, own or derived from the children, NaN where none (read-only view). "
            "Shared by the roll-ups of the same targets; a view keeps the targets it was taken "
            "from after they change.")
        .def_property_readonly(
            "ratios",
            [](py::handle self) {
                const auto& p = self.cast<const py_rollup&>();
                return view(self, p, p.r.ratios().data(), sizeof(double));
            },
            "cumulative / targets, NaN without a positive target (read-only view): kept with "
            "the tallies, advance() included.")
        .def_property_readonly(
            "cumulative",
            [](py::handle self) {
                return tally_view(self, offsetof(ntmkit::progress_tally, cumulative));
            },
            "Done since the campaign began (read-only view).")
        .def_property_readonly(
            "done_period",
            [](py::handle self) {
                return tally_view(self, offsetof(ntmkit::progress_tally, done_period));
            },
            "Done in the report period so far (read-only view).")
        .def_property_readonly(
            "done_day",
            [](py::handle self) {
                return tally_view(self, offsetof(ntmkit::progress_tally, done_day));
            },
            "Done on the as-of day (read-only view).")
        .def(
            "columns",
            [](const py_rollup& p) {
                // Every derived figure, one flat array per field, cell = unit × indicators +
                // indicator.
                const auto nu = p.r.unit_count(), ni = p.r.indicator_count();
                const auto n = static_cast<py::ssize_t>(nu * ni);
                const C& c = p.campaign.cast<const C&>();
                const auto epoch_shift = (c.window().first() - ntmkit::date(1970, 1, 1)).days();
                py::array_t<std::int32_t> unit(n), indicator(n);
                py::array_t<double> target(n), ratio(n), expected(n), gap(n), remaining(n),
                    needed(n);
                py::array_t<bool> derived(n);
                py::array_t<std::uint8_t> status(n);
                py::array_t<std::int64_t> projected(n);
                {
                    auto* pu = unit.mutable_data();
                    auto* pi = indicator.mutable_data();
                    auto* pt = target.mutable_data();
                    auto* pr = ratio.mutable_data();
                    auto* pe = expected.mutable_data();
                    auto* pg = gap.mutable_data();
                    auto* pm = remaining.mutable_data();
                    auto* pn = needed.mutable_data();
                    auto* pd = derived.mutable_data();
                    auto* ps = status.mutable_data();
                    auto* pp = projected.mutable_data();
                    const auto nat = std::numeric_limits<std::int64_t>::min(); // NaT
                    const double nan = std::numeric_limits<double>::quiet_NaN();
                    const ntmkit::date first = c.window().first();
                    py::gil_scoped_release nogil;
                    std::size_t k = 0;
                    for (std::size_t u = 0; u < nu; ++u)
                        for (std::size_t i = 0; i < ni; ++i, ++k) {
                            auto row = p.r.row(static_cast<ntmkit::unit_index>(u),
                                               static_cast<ntmkit::indicator_index>(i));
                            pu[k] = row.unit;
                            pi[k] = row.indicator;
                            pt[k] = row.target.value_or(nan);
                            pr[k] = row.ratio.value_or(nan);
                            pe[k] = row.target ? row.expected : nan;
                            pg[k] = row.target ? row.gap : nan;
                            pm[k] = row.target ? row.remaining : nan;
                            pn[k] = row.target ? row.needed_per_day : nan;
                            pd[k] = row.target_derived;
                            ps[k] = static_cast<std::uint8_t>(row.status);
                            pp[k] = row.projected_completion
                                        ? (*row.projected_completion - first).days() + epoch_shift
                                        : nat;
                        }
                }
                py::dict out;
                out["unit"] = unit;
                out["indicator"] = indicator;
                out["target"] = target;
                out["target_derived"] = derived;
                out["ratio"] = ratio;
                out["expected"] = expected;
                out["gap"] = gap;
                out["remaining"] = remaining;
                out["needed_per_day"] = needed;
                out["status"] = status;
                out["projected_completion"] = projected.attr("view")("datetime64[D]");
                return out;
            },
            "Flat arrays (cell = unit × indicator_count + indicator): unit, indicator, target, "
            "target_derived, ratio, expected, gap, remaining, needed_per_day (NaN without a "
            "target), status (ProgressStatus codes, uint8), projected_completion "
            "(datetime64[D], NaT if none). Tallies: see cumulative etc.");

    cls.def(
        "rollup",
        [](py::object self, ntmkit::date as_of, std::optional<ntmkit::date> known_by,
           double on_track_pace, double at_risk_pace, py::object out) -> py::object {
            const C& c = self.cast<const C&>();
            ntmkit::rollup_options o;
            o.known_by = known_by;
            o.on_track_pace = on_track_pace;
            o.at_risk_pace = at_risk_pace;
            if (!out.is_none()) {
                // Into the given roll-up's memory: its views stay valid only while the
                // campaign keeps its number of cells, so anything else is refused.
                auto& p = out.cast<py_rollup&>();
                if (!p.campaign.is(self))
                    throw py::value_error("rollup(out=...): a roll-up of another campaign");
                if (p.r.unit_count() != c.units().size() ||
                    p.r.indicator_count() != c.indicators().size())
                    throw py::value_error("rollup(out=...): the campaign's units or indicators "
                                          "changed since that roll-up; roll up afresh");
                py::gil_scoped_release nogil;
                p.r.recompute(c, as_of, o);
                return out;
            }
            std::optional<ntmkit::rollup> r;
            {
                py::gil_scoped_release nogil;
                r.emplace(c, as_of, o);
            }
            return py::cast(py_rollup{self, std::move(*r)});
        },
        py::arg("as_of"), py::arg("known_by") = py::none(), py::arg("on_track_pace") = 0.9,
        py::arg("at_risk_pace") = 0.6, py::arg("out") = py::none(),
        "Roll progress up the unit tree as of a day. `known_by` keeps only what had been "
        "reported by then (reproduces a past Friday report). `out`, an earlier roll-up of this "
        "campaign, is recomputed in place and returned: no fresh memory for a national roll-up "
        "(~0.5 GB) to fault in, and the numpy views taken from it show the new figures.");
    cls.def(
        "every_unit_cumulative_series",
        [](const C& c, py::handle indicator, std::optional<ntmkit::date> known_by) {
            const auto i = indicator_arg(c, indicator);
            auto* values = new std::vector<double>();
            py::capsule owner(values, [](void* v) { delete static_cast<std::vector<double>*>(v); });
            {
                py::gil_scoped_release nogil;
                *values = ntmkit::every_unit_cumulative_series(c, i, known_by);
            }
            const auto days = static_cast<py::ssize_t>(c.window().days());
            const auto nu = static_cast<py::ssize_t>(c.units().size());
            return py::array_t<double>({nu, days}, {days * 8, py::ssize_t{8}}, values->data(),
                                       owner);
        },
        py::arg("indicator"), py::arg("known_by") = py::none(),
        "The burn-up line of every unit at once: (units, window days) array of each unit's "
        "cumulative figure on a `sum` indicator at the end of each day of the window, counting "
        "what was reported by `known_by` (None: everything known now), in one pass over the "
        "records (series.hpp). A national indicator is 1.84 M units x 46 days (0.68 GB).");
    cls.def(
        "_cumulative_values",
        [](const C& c, py::handle unit, py::handle indicator, ntmkit::date first, ntmkit::date last,
           std::optional<ntmkit::date> known_by) {
            const auto u = unit_arg(c.units(), unit);
            const auto i = indicator_arg(c, indicator);
            py::gil_scoped_release nogil;
            return ntmkit::cumulative_series(c, u, i, first, last, known_by);
        },
        py::arg("unit"), py::arg("indicator"), py::arg("first"), py::arg("last"),
        py::arg("known_by") = py::none(),
        "Cumulative figure of a unit on an indicator at the end of each day from `first` to "
        "`last`, in one pass over the log (series.hpp); cumulative_series adds the dates.");
}

} // namespace ntmkit_py
