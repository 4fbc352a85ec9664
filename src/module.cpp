// ntmkit._core: thin on purpose. Each area adds its bindings in order (boost-histogram's layout);
// the Campaign class is created here once and handed to every area that adds members to it.
#include "common.hpp"

// pybind11 3's module options are variadic: naming the one that holds (the module needs the
// GIL) keeps -Wpedantic quiet, since an empty "..." is C++20.
#if PYBIND11_VERSION_MAJOR >= 3
#define NTMKIT_MODULE(name, m) PYBIND11_MODULE(name, m, py::mod_gil_used())
#else
#define NTMKIT_MODULE(name, m) PYBIND11_MODULE(name, m)
#endif

NTMKIT_MODULE(_core, m) {
    m.doc() = "C++ core of ntmkit (Nông thôn mới campaign tracking). Use the `ntmkit` package.";
    m.attr("__version__") = NTMKIT_VERSION_INFO;
    ntmkit_py::campaign_class campaign(
        m, "Campaign",
        "A campaign (đợt phát động): window, reporting schedule, units, indicators, targets and "
        "the progress log. Load one with Campaign.load(path) or build it from UnitSpecs and "
        "Indicators.");
    ntmkit_py::add_errors(m);
    ntmkit_py::add_calendar(m);
    ntmkit_py::add_units(m);
    ntmkit_py::add_campaign(m, campaign);
    ntmkit_py::add_progress(m, campaign);
    ntmkit_py::add_rollup(m, campaign);
    ntmkit_py::add_criteria(m);
    ntmkit_py::add_ranking(m, campaign);
    ntmkit_py::add_report(m, campaign);
    ntmkit_py::add_synthetic(m);
    ntmkit_py::add_dhis2(m, campaign);
    ntmkit_py::add_partial(m);
    ntmkit_py::add_support(m, campaign);
    ntmkit_py::add_store(m);
    ntmkit_py::add_year(m, campaign);
    ntmkit_py::add_arrow(campaign);

    // The package re-exports exactly these (python/ntmkit/__init__.py).
    py::list names;
    for (auto item : m.attr("__dict__").cast<py::dict>()) {
        auto name = item.first.cast<std::string>();
        if (name.front() != '_')
            names.append(name);
    }
    names.attr("sort")();
    m.attr("__all__") = names;
}
