// The unit tree (commune → villages → household groups, organisations beside) and NFC names.
#include "common.hpp"

#include <ntmkit/unicode.hpp>

namespace ntmkit_py {

void check_unit_index(const ntmkit::unit_tree& t, long long u) {
    if (u < 0 || static_cast<std::size_t>(u) >= t.size())
        throw py::index_error("unit index " + std::to_string(u) + " is out of range 0.." +
                              std::to_string(static_cast<long long>(t.size()) - 1));
}

ntmkit::unit_index unit_arg(const ntmkit::unit_tree& t, py::handle h) {
    if (py::isinstance<py::str>(h)) {
        auto key = h.cast<std::string>();
        return t.resolve(key, "unit \"" + key + "\"");
    }
    if (py::isinstance<py::float_>(h))
        throw argument_error("unit",
                             "a unit is given by index (int), id or name (str), not a float");
    auto u = integer_arg(h, "unit");
    check_unit_index(t, u);
    return static_cast<ntmkit::unit_index>(u);
}

void add_units(py::module_& m) {
    m.attr("unicode_version") = ntmkit::unicode_version;
    m.def("nfc", &ntmkit::nfc, py::arg("text"),
          "NFC form of a name, so 'Cẩm Trang' typed with combining marks matches the "
          "precomposed spelling. ParseError for invalid UTF-8.");
    m.def("same_name", &ntmkit::same_name, py::arg("a"), py::arg("b"),
          "True if two names are equal after NFC (no case folding or trimming).");

    bind_enum<ntmkit::unit_level>(m, "UnitLevel",
                                  "Level of a unit: commune, village, household_group, "
                                  "household, organisation (mass organisation), branch, ...");
    m.def("is_organisational", &ntmkit::is_organisational, py::arg("level"),
          "True for organisations and their branches, whose work villages also count.");

    using U = ntmkit::unit_spec;
    py::class_<U>(m, "UnitSpec", "One unit as written by a user; UnitTree.build resolves parents.")
        .def(py::init([](std::string id, std::string name, py::handle level, std::string parent,
                         std::optional<std::int64_t> households, bool illustrative) {
                 U u;
                 u.id = std::move(id);
                 u.name = name.empty() ? u.id : std::move(name);
                 u.level = enum_arg<ntmkit::unit_level>(level, "unit level");
                 u.parent = std::move(parent);
                 u.households = households;
                 u.illustrative = illustrative;
                 return u;
             }),
             py::arg("id"), py::arg("name") = "", py::arg("level") = "village",
             py::arg("parent") = "", py::arg("households") = py::none(),
             py::arg("illustrative") = false)
        .def_readwrite("id", &U::id)
        .def_readwrite("name", &U::name)
        .def_property(
            "level", [](const U& u) { return u.level; },
            [](U& u, py::handle v) { u.level = enum_arg<ntmkit::unit_level>(v, "unit level"); })
        .def_readwrite("parent", &U::parent, "Parent id; empty for the root.")
        .def_readwrite("households", &U::households, "Household count, None when unknown.")
        .def_readwrite("illustrative", &U::illustrative,
                       "Invented for an example, not from a source.")
        .def(py::self == py::self)
        .def("__repr__", [](const U& u) {
            return "UnitSpec(id=" + py::repr(py::str(u.id)).cast<std::string>() +
                   ", name=" + py::repr(py::str(u.name)).cast<std::string>() +
                   ", level=" + ntmkit::to_string(u.level) +
                   (u.parent.empty() ? std::string() : ", parent=" + u.parent) +
                   (u.households ? ", households=" + std::to_string(*u.households)
                                 : std::string()) +
                   ")";
        });

    using T = ntmkit::unit_tree;
    auto idx = [](const T& t, ntmkit::unit_index u) { check_unit_index(t, u); };
    py::class_<T>(m, "UnitTree",
                  "The campaign's units in depth-first pre-order: a parent comes before its "
                  "children and a subtree is the contiguous range [u, u + subtree_size(u)). "
                  "Units are addressed by index (int); `tree['cam_trang']` or find() map ids.")
        .def(py::init<>())
        .def_static(
            "build", [](const std::vector<U>& specs) { return T::build(specs); }, py::arg("specs"),
            "Build from UnitSpecs in any order; ValidationError names duplicate ids, "
            "unknown parents, cycles, missing or extra roots.")
        .def("__len__", &T::size)
        .def_property_readonly("root", &T::root)
        .def(
            "id",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return std::string(t.id(u));
            },
            py::arg("unit"))
        .def(
            "name",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return std::string(t.name(u));
            },
            py::arg("unit"))
        .def(
            "level",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.level(u);
            },
            py::arg("unit"))
        .def(
            "parent",
            [idx](const T& t, ntmkit::unit_index u) -> std::optional<ntmkit::unit_index> {
                idx(t, u);
                auto p = t.parent(u);
                return p == ntmkit::no_unit ? std::nullopt : std::optional<ntmkit::unit_index>(p);
            },
            py::arg("unit"), "Parent index, None for the root.")
        .def(
            "households",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.households(u);
            },
            py::arg("unit"), "Household count given for the unit, or None.")
        .def(
            "households_known",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.households_known(u);
            },
            py::arg("unit"), "Given count, or the children's sum when all are known, or None.")
        .def(
            "illustrative",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.illustrative(u);
            },
            py::arg("unit"))
        .def(
            "subtree_size",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.subtree_size(u);
            },
            py::arg("unit"))
        .def(
            "depth",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.depth(u);
            },
            py::arg("unit"))
        .def(
            "is_ancestor_or_self",
            [idx](const T& t, ntmkit::unit_index a, ntmkit::unit_index u) {
                idx(t, a);
                idx(t, u);
                return t.is_ancestor_or_self(a, u);
            },
            py::arg("ancestor"), py::arg("unit"))
        .def(
            "children",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.children(u);
            },
            py::arg("unit"))
        .def(
            "units_at",
            [](const T& t, py::handle level) {
                return t.units_at(enum_arg<ntmkit::unit_level>(level, "unit level"));
            },
            py::arg("level"), "Indices of the units at a level ('village', UnitLevel.village).")
        .def(
            "find", [](const T& t, std::string_view id) { return t.find(id); }, py::arg("id"),
            "Index of the unit with this id, or None.")
        .def(
            "at", [](const T& t, std::string_view id) { return t.at(id); }, py::arg("id"),
            "Index of the unit with this id; ValidationError naming it otherwise.")
        .def("find_by_name", &T::find_by_name, py::arg("name"),
             "Indices of the units with this name (after NFC).")
        .def("find_by_id_or_name", &T::find_by_id_or_name, py::arg("key"))
        .def("candidates", &T::candidates, py::arg("key"),
             "The units a typed key may mean: by id, else by name, else by short name.")
        .def(
            "index", [](const T& t, py::handle key) { return unit_arg(t, key); }, py::arg("key"),
            "Index of a unit given by index, id or unique name.")
        .def(
            "spec",
            [idx](const T& t, ntmkit::unit_index u) {
                idx(t, u);
                return t.spec(u);
            },
            py::arg("unit"))
        .def("specs", &T::specs, "Every unit as a UnitSpec, in tree order.")
        .def(
            "__getitem__", [](const T& t, py::handle key) { return t.spec(unit_arg(t, key)); },
            py::arg("key"), "The UnitSpec of a unit given by index, id or unique name.")
        .def("__contains__", [](const T& t, std::string_view id) { return t.find(id).has_value(); })
        .def("__iter__", [](const T& t) { return py::iter(py::cast(t.specs())); })
        .def_property_readonly(
            "ids",
            [](const T& t) {
                std::vector<std::string> out;
                out.reserve(t.size());
                for (std::size_t u = 0; u < t.size(); ++u)
                    out.emplace_back(t.id(static_cast<ntmkit::unit_index>(u)));
                return out;
            },
            "Unit ids in tree order.")
        .def_property_readonly(
            "names",
            [](const T& t) {
                std::vector<std::string> out;
                out.reserve(t.size());
                for (std::size_t u = 0; u < t.size(); ++u)
                    out.emplace_back(t.name(static_cast<ntmkit::unit_index>(u)));
                return out;
            },
            "Unit names (NFC) in tree order.")
        .def_property_readonly(
            "parents",
            [](const T& t) {
                py::array_t<ntmkit::unit_index> out(static_cast<py::ssize_t>(t.size()));
                auto* p = out.mutable_data();
                for (std::size_t u = 0; u < t.size(); ++u)
                    p[u] = t.parent(static_cast<ntmkit::unit_index>(u));
                return out;
            },
            "Parent index of every unit as an int32 array (-1 for the root).")
        .def(py::self == py::self);
}

} // namespace ntmkit_py
