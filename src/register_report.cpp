// The Friday report renderer, when report.hpp (another issue) is present.
#include "common.hpp"

#if __has_include(<ntmkit/report.hpp>)
#include <ntmkit/report.hpp>
#define NTMKIT_PY_HAS_REPORT 1
#endif

namespace ntmkit_py {

void register_report(py::module_& m) {
#ifdef NTMKIT_PY_HAS_REPORT
    m.attr("_has_report") = true;
    m.def("weekly_report_text",
          [](const ntmkit::campaign& c, ntmkit::date day, const std::string& language,
             py::handle level, std::optional<ntmkit::date> known_by, bool include_root) {
              ntmkit::report_options o;
              o.language = language;
              o.level = enum_arg<ntmkit::unit_level>(level, "level");
              o.known_by = known_by;
              o.include_root = include_root;
              return ntmkit::render_text(c, ntmkit::build_weekly_report(c, day, o), language);
          },
          py::arg("campaign"), py::arg("report_date"), py::arg("language") = "vi",
          py::arg("level") = "village", py::arg("known_by") = py::none(),
          py::arg("include_root") = true,
          "The Friday report as the commune's NTM officer sends it: per unit of `level` and for "
          "the commune, per indicator: target / this week / cumulative / % / status. "
          "`known_by` reproduces it as it stood on that day.");
#else
    m.attr("_has_report") = false;
#endif
}

} // namespace ntmkit_py
