// Labour support (support.hpp) and funds (funds.hpp): reading support files into a campaign,
// writing them, the roll-up of needs against support and the funds' totals as columns, which
// python/ntmkit/_support.py turns into DataFrames. Money stays an exact int64 of đồng.
#include "common.hpp"

#include <ntmkit/support_json.hpp>

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <optional>
#include <string>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;

/// The roll-up as three dicts of equal-length lists: receivers, givers, period deliveries.
py::dict support_rollup_columns(const C& c, ntmkit::date as_of, py::handle level,
                                std::optional<ntmkit::date> period_first) {
    const auto r = ntmkit::roll_up_support(
        c.support(), c.units(), as_of, enum_arg<ntmkit::unit_level>(level, "level"), period_first);
    const auto& book = c.support();
    const auto& t = c.units();
    py::list unit, name, needed, pledged, delivered, period, still;
    for (const auto& row : r.receivers) {
        unit.append(std::string(t.id(row.unit)));
        name.append(std::string(t.name(row.unit)));
        needed.append(row.needed);
        pledged.append(row.pledged);
        delivered.append(row.delivered);
        period.append(row.delivered_period);
        still.append(row.still_needed());
    }
    py::dict receivers;
    receivers["unit"] = unit;
    receivers["name"] = name;
    receivers["needed"] = needed;
    receivers["pledged"] = pledged;
    receivers["delivered"] = delivered;
    receivers["delivered_period"] = period;
    receivers["still_needed"] = still;

    py::list gid, gname, kind, assigned, gpledged, gdelivered, gperiod, outstanding, helped;
    for (const auto& g : r.givers) {
        gid.append(book.giver_id(g.giver, t));
        gname.append(book.giver_name(g.giver, t));
        kind.append(g.giver.is_unit
                        ? "unit:" + ntmkit::to_string(t.level(static_cast<int>(g.giver.index)))
                        : ntmkit::to_string(book.plan().supporters[g.giver.index].kind));
        py::list a, h;
        if (!g.giver.is_unit)
            for (auto u : book.assigned()[g.giver.index])
                a.append(std::string(t.id(u)));
        for (auto u : g.receivers)
            h.append(std::string(t.id(u)));
        assigned.append(a);
        helped.append(h);
        gpledged.append(g.pledged);
        gdelivered.append(g.delivered);
        gperiod.append(g.delivered_period);
        outstanding.append(g.outstanding());
    }
    py::dict givers;
    givers["giver"] = gid;
    givers["name"] = gname;
    givers["kind"] = kind;
    givers["assigned"] = assigned;
    givers["pledged"] = gpledged;
    givers["delivered"] = gdelivered;
    givers["delivered_period"] = gperiod;
    givers["outstanding"] = outstanding;
    givers["receivers"] = helped;

    py::list record, day, giver, receiver, pd, materials;
    for (auto i : r.period_deliveries) {
        const auto& rec = book.plan().records[i];
        record.append(i);
        day.append(rec.day);
        giver.append(book.giver_id(book.givers()[i], t));
        receiver.append(std::string(t.id(book.receivers()[i])));
        pd.append(rec.person_days);
        materials.append(rec.materials);
    }
    py::dict deliveries;
    deliveries["record"] = record;
    deliveries["date"] = day;
    deliveries["giver"] = giver;
    deliveries["receiver"] = receiver;
    deliveries["person_days"] = pd;
    deliveries["materials"] = materials;

    py::dict out;
    out["receivers"] = receivers;
    out["givers"] = givers;
    out["period_deliveries"] = deliveries;
    return out;
}

/// Funds as of a day as rows of (key, source, this period, in all): one row per source with
/// money for each unit of the level (then the root) and each purpose.
py::dict funds_totals_columns(const C& c, ntmkit::date as_of, py::handle level,
                              std::optional<ntmkit::date> period_first) {
    const auto f = ntmkit::total_funds(c.funds(), c.units(), as_of,
                                       enum_arg<ntmkit::unit_level>(level, "level"), period_first);
    auto table = [](auto&& rows, auto&& key_of) {
        py::list key, source, period, total;
        for (const auto& row : rows)
            for (std::size_t k = 0; k < ntmkit::fund_source_count; ++k)
                if (row.amounts.by_source[k] > 0) {
                    key.append(key_of(row));
                    source.append(ntmkit::to_string(static_cast<ntmkit::fund_source>(k)));
                    period.append(row.amounts.by_source_period[k]);
                    total.append(row.amounts.by_source[k]);
                }
        py::dict d;
        d["key"] = key;
        d["source"] = source;
        d["amount_period"] = period;
        d["amount"] = total;
        return d;
    };
    py::dict out;
    out["unit"] = table(
        f.units, [&](const ntmkit::fund_unit_row& r) { return std::string(c.units().id(r.unit)); });
    out["purpose"] = table(f.purposes, [](const ntmkit::fund_purpose_row& r) { return r.purpose; });
    out["total"] = f.commune.total;
    out["total_period"] = f.commune.total_period;
    out["state_budget"] = f.commune.state_budget();
    return out;
}

} // namespace

void add_support(py::module_& m, campaign_class& cls) {
    cls.def(
           "add_support_json",
           [](C& c, const std::string& text, const std::string& source) {
               ntmkit::add_support_json_text(c, text, source);
           },
           py::arg("text"), py::arg("source") = "",
           "Adds the support of an 'ntmkit-support' document (JSON text; docs/format.md), all "
           "or nothing. It must name this campaign.")
        .def(
            "load_support",
            [](C& c, const std::filesystem::path& path) {
                ntmkit::load_support_file(c, path.string());
            },
            py::arg("path"),
            "Adds the support of an 'ntmkit-support' file, as load_progress_csv adds records.")
        .def("support_json", &ntmkit::support_file_text,
             "The campaign's support as an 'ntmkit-support' document (canonical text).")
        .def("_support_rollup_columns", &support_rollup_columns, py::arg("as_of"),
             py::arg("level") = "village", py::arg("period_first") = py::none())
        .def("_funds_totals_columns", &funds_totals_columns, py::arg("as_of"),
             py::arg("level") = "village", py::arg("period_first") = py::none())
        .def_property_readonly(
            "funds_total", [](const C& c) { return c.funds().total(); },
            "All the campaign's funds, in đồng (an exact integer).");
    m.def("format_dong", &ntmkit::format_dong, py::arg("amount"), py::arg("language") = "vi",
          "Money as reports print it: '1.234.567 đ' (vi) or '1,234,567 VND' (en).");
}

} // namespace ntmkit_py
