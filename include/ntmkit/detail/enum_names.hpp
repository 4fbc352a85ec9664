// Enums are stored as strings (JSON, CSV, Python). Each enum E declares, in its own namespace,
//   constexpr auto enum_names(E) { return std::array{std::pair{E::a, "a"}, ...}; }
// and gets to_string / parse_enum from here, with one error message for all.
#pragma once

#include <ntmkit/error.hpp>

#include <string>
#include <string_view>

namespace ntmkit {

template <class E> std::string_view to_string_view(E value) {
    for (const auto& [v, name] : enum_names(E{}))
        if (v == value)
            return name;
    return "?";
}

template <class E> std::string to_string(E value) {
    return std::string(to_string_view(value));
}

/// Parse an enum from its stored name; `where` locates the text in the input.
template <class E> E parse_enum(std::string_view text, const std::string& where) {
    std::string expected;
    for (const auto& [v, name] : enum_names(E{})) {
        if (name == text)
            return v;
        expected += expected.empty() ? "" : ", ";
        expected += '"';
        expected += name;
        expected += '"';
    }
    throw parse_error(where, "expected one of " + expected + ", got \"" + std::string(text) + "\"");
}

} // namespace ntmkit
