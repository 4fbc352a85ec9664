// Helpers for strict, versioned file formats on top of json_cursor: a misspelt member
// ("treshold") is an error naming its pointer instead of a silently ignored value.
#pragma once

#include <ntmkit/detail/json_cursor.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

/// Members starting with "x_" are left to users (their own annotations).
inline void require_known_members(const json_cursor& c,
                                  std::initializer_list<std::string_view> known) {
    c.require_object();
    for (const auto& item : c.value().items()) {
        const std::string& key = item.key();
        if (key.rfind("x_", 0) == 0)
            continue;
        bool ok = false;
        for (auto k : known)
            ok = ok || k == key;
        if (ok)
            continue;
        std::string expected;
        for (auto k : known)
            expected += (expected.empty() ? "" : ", ") + std::string(k);
        throw parse_error(c.where() == "/" ? "/" + key : c.where() + "/" + key,
                          "unexpected member \"" + key + "\"; expected one of " + expected);
    }
}

/// The format header every ntmkit file starts with.
inline void require_format(const json_cursor& c, std::string_view format, std::int64_t version) {
    auto f = c.at("format");
    if (f.as_string() != format)
        f.fail("\"" + std::string(format) + "\"");
    auto v = c.at("format_version");
    if (v.as_integer() != version)
        v.fail("format_version " + std::to_string(version) + " (the version this ntmkit reads)");
}

/// Optional text: a missing or null member reads as "".
inline std::string optional_string(const json_cursor& c, std::string_view key) {
    auto m = c.find(key);
    return m ? m->as_string() : std::string();
}

inline std::optional<double> optional_number(const json_cursor& c, std::string_view key) {
    auto m = c.find(key);
    return m ? std::optional<double>(m->as_number()) : std::nullopt;
}

inline std::optional<int> optional_int(const json_cursor& c, std::string_view key) {
    auto m = c.find(key);
    return m ? std::optional<int>(static_cast<int>(m->as_integer())) : std::nullopt;
}

inline bool optional_bool(const json_cursor& c, std::string_view key, bool fallback) {
    auto m = c.find(key);
    return m ? m->as_bool() : fallback;
}

inline std::vector<std::string> string_list(const json_cursor& c, std::string_view key) {
    std::vector<std::string> out;
    if (auto m = c.find(key))
        for (std::size_t i = 0; i < m->size(); ++i)
            out.push_back(m->at(i).as_string());
    return out;
}

/// "" is written as null so absent text stays visibly absent in the file.
inline nlohmann::json string_or_null(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

template <class T> nlohmann::json optional_or_null(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
}

} // namespace ntmkit::detail
