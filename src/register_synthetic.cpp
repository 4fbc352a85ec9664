// The synthetic country (synthetic.hpp) and the zero-copy column ingest, for national-scale
// work from Python: 50 million records go from numpy arrays into the campaign without a
// Python or C++ object per record, and without the GIL.
#include "common.hpp"

#include <ntmkit/synthetic.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace ntmkit_py {
namespace {

/// A vector handed to numpy without copying: the array owns it through a capsule.
template <class T> py::array_t<T> to_numpy(std::vector<T>&& v) {
    auto* owned = new std::vector<T>(std::move(v));
    py::capsule free_it(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
    return py::array_t<T>(static_cast<py::ssize_t>(owned->size()), owned->data(), free_it);
}

/// A contiguous native 1-D array of one of the dtypes in Ts, else converted to the last one.
template <class... Ts> struct column {
    py::array keep;
    int which = 0; // index into Ts
    const void* data() const { return keep.data(); }
};
template <class T> bool is_dtype(const py::array& a) {
    return a.dtype().is(py::dtype::of<T>());
}
template <class... Ts>
column<Ts...> column_of(py::handle h, const char* name, py::ssize_t n, bool integers) {
    auto a = py::array::ensure(h, py::array::c_style);
    if (!a)
        throw dtype_error(std::string("array ") + name, "expected a numpy array or sequence");
    if (a.ndim() != 1)
        throw dtype_error(std::string("array ") + name,
                          "expected one dimension, got " + std::to_string(a.ndim()));
    if (n >= 0 && a.shape(0) != n)
        throw ntmkit::validation_error(std::string("array ") + name,
                                       "has " + std::to_string(a.shape(0)) + " values, expected " +
                                           std::to_string(n) + " like the unit array");
    const char kind = a.dtype().kind();
    if (integers && kind != 'i' && kind != 'u')
        throw dtype_error(std::string("array ") + name,
                          "expected integers, got dtype " + py::str(a.dtype()).cast<std::string>() +
                              " (values are not truncated; convert explicitly)");
    if (!integers && kind != 'f' && kind != 'i' && kind != 'u')
        throw dtype_error(std::string("array ") + name,
                          "expected numbers, got dtype " + py::str(a.dtype()).cast<std::string>());
    column<Ts...> c;
    int k = 0, found = -1;
    auto try_one = [&](bool match) {
        if (found < 0 && match)
            found = k;
        ++k;
    };
    (try_one(is_dtype<Ts>(a)), ...);
    if (found < 0) {
        using last = std::tuple_element_t<sizeof...(Ts) - 1, std::tuple<Ts...>>;
        a = py::array_t<last, py::array::c_style | py::array::forcecast>::ensure(a);
        found = static_cast<int>(sizeof...(Ts)) - 1;
    }
    c.keep = std::move(a);
    c.which = found;
    return c;
}
/// Calls f(const T*) with the column's real element type.
template <class... Ts, class F> void dispatch(const column<Ts...>& c, F&& f) {
    int k = 0;
    ((c.which == k++ ? f(static_cast<const Ts*>(c.data())) : void()), ...);
}

} // namespace

void register_synthetic(py::module_& m) {
    using C = ntmkit::campaign;
    auto cls = py::reinterpret_borrow<py::class_<C>>(m.attr("Campaign"));
    cls.def(
        "add_progress_columns",
        [](C& c, py::handle unit, py::handle indicator, py::handle done, py::handle quantity,
           py::object reported) {
            auto u = column_of<std::int32_t, std::int64_t>(unit, "unit", -1, true);
            const auto n = u.keep.shape(0);
            auto i = column_of<std::uint8_t, std::int32_t, std::int64_t>(indicator, "indicator", n,
                                                                         true);
            auto d = column_of<std::int16_t, std::int32_t, std::int64_t>(done, "done", n, true);
            auto q = column_of<double>(quantity, "quantity", n, false);
            // `reported` takes done's dtype, so one type parameter serves both.
            py::array rep;
            if (!reported.is_none()) {
                rep = py::array::ensure(reported, py::array::c_style);
                if (!rep || rep.ndim() != 1 || rep.shape(0) != n)
                    throw ntmkit::validation_error("array reported",
                                                   "expected one value per record");
                const char kind = rep.dtype().kind();
                if (kind != 'i' && kind != 'u')
                    throw dtype_error("array reported", "expected integers");
                if (!rep.dtype().is(d.keep.dtype()))
                    rep = rep.attr("astype")(d.keep.dtype());
            }
            const void* rp = rep ? rep.data() : nullptr;
            ntmkit::record_locator where = [](std::size_t k, std::string_view field) {
                return "arrays, position " + std::to_string(k) + ", field " + std::string(field);
            };
            py::gil_scoped_release nogil;
            dispatch(u, [&](auto* pu) {
                dispatch(i, [&](auto* pi) {
                    dispatch(d, [&](auto* pd) {
                        using D = std::remove_cv_t<std::remove_pointer_t<decltype(pd)>>;
                        c.add_progress_columns(static_cast<std::size_t>(n), pu, pi, pd,
                                               static_cast<const D*>(rp),
                                               static_cast<const double*>(q.data()), where);
                    });
                });
            });
        },
        py::arg("unit"), py::arg("indicator"), py::arg("done"), py::arg("quantity"),
        py::arg("reported") = py::none(),
        "Fastest bulk path: parallel arrays of unit index, indicator index, done day (offset "
        "from the window's first day), quantity and optionally reported day. int32/int64 units, "
        "uint8/int32/int64 indicators, int16/int32/int64 days and float64 quantities are read "
        "in place; nothing per record is built; runs without the GIL. Same checks and errors "
        "as add_progress, all or nothing.");

    m.def(
        "synthetic_country",
        [](double scale, std::uint64_t seed, bool shuffle_within_day) {
            ntmkit::synthetic::country_options o;
            o.scale = scale;
            o.seed = seed;
            o.shuffle_within_day = shuffle_within_day;
            std::optional<ntmkit::synthetic::country> country;
            {
                py::gil_scoped_release nogil;
                country.emplace(ntmkit::synthetic::make_country(o));
            }
            const auto& t = country->camp.units();
            std::vector<std::int32_t> parent(t.size());
            std::vector<std::uint8_t> level(t.size());
            std::vector<std::int64_t> households(t.size());
            for (std::size_t k = 0; k < t.size(); ++k) {
                const auto u = static_cast<ntmkit::unit_index>(k);
                parent[k] = t.parent(u);
                level[k] = static_cast<std::uint8_t>(t.level(u));
                households[k] = t.households(u).value_or(-1);
            }
            std::vector<std::int32_t> tu, ti;
            std::vector<double> tv;
            country->camp.targets().for_each(
                [&](ntmkit::unit_index u, ntmkit::indicator_index i, double v, ntmkit::target_basis) {
                    tu.push_back(u);
                    ti.push_back(i);
                    tv.push_back(v);
                });
            auto& r = country->records;
            std::vector<std::int64_t> day_start(r.day_start.begin(), r.day_start.end());
            py::dict out;
            out["households"] = country->households;
            out["campaign"] = py::cast(std::move(country->camp));
            out["unit"] = to_numpy(std::move(r.unit));
            out["indicator"] = to_numpy(std::move(r.indicator));
            out["done"] = to_numpy(std::move(r.done));
            out["reported"] = to_numpy(std::move(r.reported));
            out["quantity"] = to_numpy(std::move(r.quantity));
            out["day_start"] = to_numpy(std::move(day_start));
            out["parent"] = to_numpy(std::move(parent));
            out["level"] = to_numpy(std::move(level));
            out["unit_households"] = to_numpy(std::move(households));
            out["target_unit"] = to_numpy(std::move(tu));
            out["target_indicator"] = to_numpy(std::move(ti));
            out["target_value"] = to_numpy(std::move(tv));
            return out;
        },
        py::arg("scale") = 1.0, py::arg("seed") = 2022, py::arg("shuffle_within_day") = true,
        "A synthetic country (ILLUSTRATIVE, invented data), deterministic from the seed: at "
        "scale 1, 34 provinces, ~2,600 communes, ~64,000 villages, ~1.8 million household "
        "groups, ~27 million households and ~50 million records over the seed campaign's 46 "
        "days. Returns a dict: 'campaign' (units, indicators, targets; no progress), the "
        "records as arrays sorted by done day ('unit', 'indicator', 'done', 'reported', "
        "'quantity'; day d is day_start[d]:day_start[d+1]), the tree as 'parent' and 'level' "
        "(UnitLevel codes) per unit, 'unit_households' (given counts, -1 if none), "
        "'households' (the total) and the targets set ('target_unit', 'target_indicator', "
        "'target_value'; others are derived by the roll-up).");
}

} // namespace ntmkit_py
