// DHIS2 exchange: dataValueSets payloads from a campaign's figures and back into progress
// records; mapping tables and payloads cross as plain dicts (json_value.hpp).
#include "common.hpp"
#include "json_value.hpp"

#include <ntmkit/dhis2.hpp>

namespace ntmkit_py {

namespace {

ntmkit::dhis2_mapping mapping_arg(py::handle mapping) {
    if (mapping.is_none())
        return {};
    return ntmkit::parse_dhis2_mapping(json_from_python(mapping, "mapping"));
}

} // namespace

void add_dhis2(py::module_& m, campaign_class& campaign) {
    bind_enum<ntmkit::dhis2_values>(m, "Dhis2Values",
                                    "What exported DHIS2 values are: the cumulative figure as of "
                                    "the day, or each period's own figure.");
    campaign
        .def(
            "to_dhis2",
            [](const ntmkit::campaign& c, ntmkit::date as_of, py::handle mapping, py::handle level,
               py::handle values, py::handle period_type) {
                ntmkit::dhis2_export_options options;
                options.level = enum_arg<ntmkit::unit_level>(level, "level");
                options.values = enum_arg<ntmkit::dhis2_values>(values, "values");
                if (!period_type.is_none())
                    options.period_type =
                        enum_arg<ntmkit::dhis2_period_type>(period_type, "period_type");
                return json_to_python(
                    ntmkit::dhis2_data_value_set(c, as_of, mapping_arg(mapping), options));
            },
            py::arg("as_of"), py::arg("mapping") = py::none(), py::arg("level") = "village",
            py::arg("values") = "cumulative", py::arg("period_type") = py::none(),
            "The figures as of `as_of` as a DHIS2 dataValueSets payload (a dict ready for "
            "json.dump): values 'cumulative' (lũy kế, in the period holding the day) or "
            "'per_period' (each period's own figure since the start); `mapping` is a mapping "
            "table dict (format ntmkit-dhis2-mapping; None keeps ntmkit ids); `period_type` a "
            "Dhis2PeriodType or its name ('BiWeekly'), by default the schedule's.")
        .def(
            "records_from_dhis2",
            [](const ntmkit::campaign& c, py::handle payload, py::handle mapping,
               py::handle values) {
                py::list out;
                for (const auto& r : ntmkit::progress_from_dhis2(
                         c, json_from_python(payload, "payload"), mapping_arg(mapping),
                         enum_arg<ntmkit::dhis2_values>(values, "values")))
                    out.append(py::dict(py::arg("unit") = r.unit,
                                        py::arg("indicator") = r.indicator,
                                        py::arg("done") = r.done, py::arg("quantity") = r.quantity,
                                        py::arg("note") = r.note));
                return out;
            },
            py::arg("payload"), py::arg("mapping") = py::none(), py::arg("values") = "cumulative",
            "Progress records (dicts: unit, indicator, done, quantity, note) from a DHIS2 "
            "dataValueSets payload, dated the last day of each value's period in the campaign. "
            "Cumulative figures become increments; add them with add_progress.")
        .def(
            "add_dhis2",
            [](ntmkit::campaign& c, py::handle payload, py::handle mapping, py::handle values) {
                auto records = ntmkit::progress_from_dhis2(
                    c, json_from_python(payload, "payload"), mapping_arg(mapping),
                    enum_arg<ntmkit::dhis2_values>(values, "values"));
                c.add_progress(records);
                return records.size();
            },
            py::arg("payload"), py::arg("mapping") = py::none(), py::arg("values") = "cumulative",
            "Adds the records of records_from_dhis2 as one batch (all or nothing); returns how "
            "many.");
}

} // namespace ntmkit_py
