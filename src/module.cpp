// ntmkit._core: thin on purpose; each area registers itself (boost-histogram's layout).
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "C++ core of ntmkit (Nông thôn mới campaign tracking). Use the `ntmkit` package.";
    m.attr("__version__") = NTMKIT_VERSION_INFO;
    ntmkit_py::register_errors(m);
    ntmkit_py::register_calendar(m);
    ntmkit_py::register_units(m);
    ntmkit_py::register_campaign(m);
    ntmkit_py::register_progress(m);
    ntmkit_py::register_rollup(m);
    ntmkit_py::register_criteria(m);
    ntmkit_py::register_report(m);
    ntmkit_py::register_ranking(m);
    ntmkit_py::register_synthetic(m);
}
