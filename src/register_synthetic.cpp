// The synthetic country (synthetic.hpp), for national-scale work from Python: its ~50
// million records come back as numpy arrays (no copy) for Campaign.add_progress_columns
// (register_progress.cpp, columns.hpp), which takes them without an object per record.
#include "common.hpp"

#include <ntmkit/synthetic.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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

} // namespace

void add_synthetic(py::module_& m) {
    m.def(
        "synthetic_country",
        [](double scale, std::uint64_t seed, bool shuffle_within_day, std::optional<std::string> id,
           std::optional<std::string> name, std::optional<ntmkit::date> first) {
            ntmkit::synthetic::country_options o;
            o.scale = scale;
            o.seed = seed;
            o.shuffle_within_day = shuffle_within_day;
            if (id)
                o.id = std::move(*id);
            if (name)
                o.name = std::move(*name);
            if (first)
                o.first = *first;
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
            country->camp.targets().for_each([&](ntmkit::unit_index u, ntmkit::indicator_index i,
                                                 double v, ntmkit::target_basis) {
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
        py::arg("id") = py::none(), py::arg("name") = py::none(), py::arg("first") = py::none(),
        "A synthetic country (ILLUSTRATIVE, invented data), deterministic from the seed: at "
        "scale 1, 34 provinces, ~2,600 communes, ~64,000 villages, ~1.8 million household "
        "groups, ~27 million households and ~50 million records over the seed campaign's 46 "
        "days. Returns a dict: 'campaign' (units, indicators, targets; no progress), the "
        "records as arrays sorted by done day ('unit', 'indicator', 'done', 'reported', "
        "'quantity'; day d is day_start[d]:day_start[d+1]), the tree as 'parent' and 'level' "
        "(UnitLevel codes) per unit, 'unit_households' (given counts, -1 if none), "
        "'households' (the total) and the targets set ('target_unit', 'target_indicator', "
        "'target_value'; others are derived by the roll-up). `id`, `name` and `first` (the "
        "window's first day; it lasts 46 days) replace the seed campaign's.");
}

} // namespace ntmkit_py
