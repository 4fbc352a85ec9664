// A synthetic country for benchmarks and scale tests: deterministic from a seed, national size
// at scale 1 (34 provinces, ~2,600 communes, ~64,000 villages, ~1.8 million household groups
// of ~15 households, ~27 million households, ~50 million progress records over the seed
// campaign's 46 days and 8 indicators), proportionally smaller or larger at other scales.
//
// ILLUSTRATIVE throughout: the sizes follow the public totals in the domain notes, but every
// unit, household count, target and record is invented. Households are counts on household
// groups, not units of their own. Random numbers come from splitmix64 and IEEE arithmetic
// only, so a seed gives the same country on every platform and compiler.
#pragma once

#include <ntmkit/campaign.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace ntmkit::synthetic {

struct country_options {
    double scale = 1.0;        ///< 1 = national size; communes scale with it (at least one)
    std::uint64_t seed = 2022; ///< same seed and scale, same country
    /// Records of a day in arrival order (communes report in any order) rather than sorted
    /// by unit: the ingest then has to decide the layout itself.
    bool shuffle_within_day = true;
    /// The campaign's id, name and first day (its window is the 46 days from there): an
    /// archive of yearly campaigns gives each year its own without going through JSON.
    std::string id = "synthetic-country";
    std::string name = "Synthetic country, seed campaign 15/4/2022 – 30/5/2022";
    date first = date(2022, 4, 15);
};

/// Progress records as columns, sorted by done day: day d is [day_start[d], day_start[d+1]).
struct progress_columns {
    std::vector<unit_index> unit;
    std::vector<std::uint8_t> indicator;
    std::vector<std::int16_t> done, reported; ///< day offsets from the campaign's first day
    std::vector<double> quantity;
    std::vector<std::size_t> day_start;

    std::size_t size() const { return unit.size(); }
};

struct country {
    campaign camp;            ///< units, the seed's 8 indicators and targets; no progress yet
    progress_columns records; ///< every record of the 46 days, not yet added to `camp`
    std::int64_t households = 0;
};

namespace detail {
inline std::uint64_t splitmix64(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
struct rng {
    std::uint64_t s;
    rng(std::uint64_t seed, std::uint64_t stream) : s(seed * 0x2545F4914F6CDD1Dull ^ stream) {
        splitmix64(s);
    }
    double u01() { return static_cast<double>(splitmix64(s) >> 11) * 0x1.0p-53; }
    /// 0 … n-1
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(u01() * n); }
};
} // namespace detail

/// The seed campaign's indicators (examples/seed/campaign.json), in the same order.
inline std::vector<indicator> seed_indicators() {
    using T = time_aggregation;
    using H = hierarchy_aggregation;
    auto hh = [](const char* id, const char* vi, const char* en) {
        return indicator{id, vi, en, "households", T::sum, H::distinct_households};
    };
    return {
        {"khu_dan_cu_mau", "Khu dân cư mẫu", "Model residential area", "areas", T::sum, H::sum},
        {"vuon_sinh_thai", "Vườn sinh thái", "Ecological garden", "gardens", T::sum, H::sum},
        hh("chinh_trang_vuon", "Hộ chỉnh trang vườn", "Households renovating their garden"),
        hh("hang_rao_xanh", "Hộ trồng mới, bổ sung hàng rào xanh",
           "Households planting green hedges"),
        hh("cong_ngo", "Hộ chỉnh trang cổng ngõ", "Households renovating gate and entrance"),
        hh("ho_loc_nuoc_thai", "Hộ xây hố lắng lọc nước thải",
           "Households building a wastewater filter pit"),
        hh("nha_ve_sinh", "Hộ xây nhà vệ sinh tự hoại", "Households building a septic-tank toilet"),
        hh("chuong_trai", "Hộ xây, che chắn chuồng trại",
           "Households building or screening livestock pens"),
    };
}

/// Builds the country: the tree in pre-order (country, provinces, communes, villages, household
/// groups), targets per household group for the six household items (a share of its households),
/// one model residential area and four ecological gardens per commune, and the records.
inline country make_country(const country_options& opt = {}) {
    if (!(opt.scale > 0) || !std::isfinite(opt.scale))
        throw validation_error("scale", "the scale must be a number above 0");
    constexpr int days = 46;
    // Shares of a group's households targeted per household item; the seed's commune totals
    // (77, 140, 65, 70, 38, 50) in proportion, scaled to ~50 million records nationally.
    constexpr double share[8] = {0, 0, 0.4, 0.67, 0.37, 0.4, 0.28, 0.33};

    const auto communes = std::max<std::int64_t>(1, std::llround(2634 * opt.scale));
    const auto provinces = std::min<std::int64_t>(34, communes);

    // The tree, in pre-order, so that spec k becomes unit k.
    std::vector<unit_spec> specs;
    std::vector<std::int32_t> group_households; // by unit; 0 for non-groups
    std::vector<unit_index> commune_units;
    std::vector<std::pair<unit_index, std::uint32_t>> commune_villages; // first village, count
    specs.reserve(static_cast<std::size_t>(communes * 24 * 29 + communes * 25 + 64));
    auto add = [&](std::string id, std::string name, unit_level lv, std::string parent,
                   std::optional<std::int64_t> hh) {
        specs.push_back({std::move(id), std::move(name), lv, std::move(parent), hh, true});
        group_households.push_back(
            lv == unit_level::household_group ? static_cast<std::int32_t>(*hh) : 0);
        return static_cast<unit_index>(specs.size() - 1);
    };
    add("vn", "Việt Nam (synthetic)", unit_level::country, "", std::nullopt);
    std::int64_t households = 0, village_no = 0, group_no = 0;
    for (std::int64_t p = 0; p < provinces; ++p) {
        const std::string pid = "p" + std::to_string(p + 1);
        add(pid, "Tỉnh " + std::to_string(p + 1), unit_level::province, "vn", std::nullopt);
        const auto c0 = communes * p / provinces, c1 = communes * (p + 1) / provinces;
        for (auto c = c0; c < c1; ++c) {
            detail::rng r(opt.seed, static_cast<std::uint64_t>(c) * 2 + 1);
            const std::string cid = "c" + std::to_string(c + 1);
            commune_units.push_back(add(cid, "Xã " + std::to_string(c - c0 + 1),
                                        unit_level::commune, pid, std::nullopt));
            const auto villages = 12 + r.below(25); // 12…36, ~24 per commune
            unit_index first_village = no_unit;
            for (std::uint32_t v = 0; v < villages; ++v) {
                const std::string vid = "v" + std::to_string(++village_no);
                const auto vu = add(vid, "Thôn " + std::to_string(v + 1), unit_level::village, cid,
                                    std::nullopt);
                if (first_village == no_unit)
                    first_village = vu;
                const auto groups = 18 + r.below(21); // 18…38, ~28 per village
                for (std::uint32_t g = 0; g < groups; ++g) {
                    const std::int64_t hh = 10 + r.below(11); // 10…20, ~15 per group
                    households += hh;
                    add("g" + std::to_string(++group_no), "Tổ " + std::to_string(g + 1),
                        unit_level::household_group, vid, hh);
                }
            }
            commune_villages.emplace_back(first_village, villages);
        }
    }

    campaign_info info;
    info.id = opt.id;
    info.name = opt.name;
    info.window = date_window(opt.first, opt.first + boost::gregorian::days(days - 1));
    info.schedule = reporting_schedule::weekly(weekday::friday);
    info.source = "ntmkit::synthetic::make_country (scale " + std::to_string(opt.scale) +
                  ", seed " + std::to_string(opt.seed) + ")";
    info.notes = {"ILLUSTRATIVE: every unit, household count, target and record is invented; "
                  "only the sizes follow public national totals."};
    country out{
        campaign(std::move(info), unit_tree::build(specs), seed_indicators()), {}, households};
    const auto n_units = specs.size();
    specs = {};
    const auto& tree = out.camp.units();

    // Targets: household items per group; one model area and four gardens per commune.
    std::vector<unit_index> tu;
    std::vector<std::uint8_t> ti;
    std::vector<double> tv;
    for (std::size_t u = 0; u < n_units; ++u) {
        const auto hh = group_households[u];
        if (hh == 0)
            continue;
        for (std::uint8_t i = 2; i < 8; ++i) {
            tu.push_back(static_cast<unit_index>(u));
            ti.push_back(i);
            tv.push_back(std::floor(hh * share[i] + 0.5));
        }
    }
    for (auto c : commune_units) {
        tu.insert(tu.end(), {c, c});
        ti.insert(ti.end(), {std::uint8_t{0}, std::uint8_t{1}});
        tv.insert(tv.end(), {1.0, 4.0});
    }
    out.camp.set_target_columns(tu.size(), tu.data(), ti.data(), tv.data(),
                                target_basis::illustrative);
    tu = {};
    ti = {};
    tv = {};

    // Records, generated twice from the same per-unit streams: once to count each day's
    // records, once to place them, so no unsorted copy is ever held.
    auto generate = [&](auto&& emit) {
        // Household items: per group, a share of the target done (communes and villages are
        // uneven, as the seed says), one or two households a record, on random days.
        double commune_pace = 1, village_pace = 1;
        std::size_t next_commune = 0;
        for (std::size_t u = 0; u < n_units; ++u) {
            const auto lv = tree.level(static_cast<unit_index>(u));
            if (lv == unit_level::commune) {
                detail::rng r(opt.seed ^ 0xC0FFEEull, u);
                commune_pace = 0.75 + 0.35 * r.u01();
                // The commune's model area (one village) and its four gardens.
                const unit_index v0 = commune_villages[next_commune].first;
                const std::uint32_t nv = commune_villages[next_commune++].second;
                auto village = [&] { // siblings are one subtree apart
                    unit_index v = v0;
                    for (std::uint32_t k = r.below(nv); k > 0; --k)
                        v += tree.subtree_size(v);
                    return v;
                };
                // (draws in statements, not arguments: argument order is unspecified)
                if (r.u01() < 0.7) {
                    const auto v = village();
                    emit(v, 0, static_cast<int>(r.below(days)), 1.0, r);
                }
                for (int g = 0; g < 4; ++g)
                    if (r.u01() < 0.85) {
                        const auto v = village();
                        emit(v, 1, static_cast<int>(r.below(days)), 1.0, r);
                    }
            } else if (lv == unit_level::village) {
                detail::rng r(opt.seed ^ 0xBEEFull, u);
                village_pace = 0.7 + 0.4 * r.u01();
            } else if (lv == unit_level::household_group) {
                detail::rng r(opt.seed, u);
                const auto hh = group_households[u];
                for (int i = 2; i < 8; ++i) {
                    const double target = std::floor(hh * share[i] + 0.5);
                    auto total = static_cast<std::int64_t>(
                        std::floor(target * commune_pace * village_pace + r.u01()));
                    total = std::min<std::int64_t>(total, hh);
                    while (total > 0) {
                        const double q = (total >= 2 && r.u01() < 0.1) ? 2.0 : 1.0;
                        total -= static_cast<std::int64_t>(q);
                        const auto day = static_cast<int>(r.below(days));
                        emit(static_cast<unit_index>(u), i, day, q, r);
                    }
                }
            }
        }
    };
    // Reports come the same day (60%), a day or two later, or up to a week late.
    auto lag = [](detail::rng& r) {
        const double x = r.u01();
        return x < 0.6 ? 0 : x < 0.85 ? 1 : x < 0.95 ? 2 : 3 + static_cast<int>(r.below(4));
    };
    auto& rec = out.records;
    rec.day_start.assign(days + 1, 0);
    generate([&](unit_index, int, int day, double, detail::rng& r) {
        ++rec.day_start[static_cast<std::size_t>(day) + 1];
        (void)lag(r); // keep both passes on the same random stream
    });
    for (int d = 0; d < days; ++d)
        rec.day_start[static_cast<std::size_t>(d) + 1] +=
            rec.day_start[static_cast<std::size_t>(d)];
    const std::size_t n = rec.day_start.back();
    rec.unit.resize(n);
    rec.indicator.resize(n);
    rec.done.resize(n);
    rec.reported.resize(n);
    rec.quantity.resize(n);
    auto fill = rec.day_start;
    generate([&](unit_index u, int i, int day, double q, detail::rng& r) {
        const auto k = fill[static_cast<std::size_t>(day)]++;
        rec.unit[k] = u;
        rec.indicator[k] = static_cast<std::uint8_t>(i);
        rec.done[k] = static_cast<std::int16_t>(day);
        rec.reported[k] = static_cast<std::int16_t>(day + lag(r));
        rec.quantity[k] = q;
    });
    if (opt.shuffle_within_day)
        for (int d = 0; d < days; ++d) {
            detail::rng r(opt.seed ^ 0x5EEDull, static_cast<std::uint64_t>(d));
            const auto a = rec.day_start[static_cast<std::size_t>(d)];
            for (auto k = rec.day_start[static_cast<std::size_t>(d) + 1]; k > a + 1; --k) {
                const auto j = a + r.below(static_cast<std::uint32_t>(k - a));
                std::swap(rec.unit[k - 1], rec.unit[j]);
                std::swap(rec.indicator[k - 1], rec.indicator[j]);
                std::swap(rec.reported[k - 1], rec.reported[j]);
                std::swap(rec.quantity[k - 1], rec.quantity[j]);
            }
        }
    return out;
}

} // namespace ntmkit::synthetic
