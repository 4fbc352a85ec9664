// Helpers for strict, versioned file formats on top of json_cursor: a misspelt member
// ("treshold") is an error naming its pointer instead of a silently ignored value.
#pragma once

#include <ntmkit/detail/json_cursor.hpp>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

/// Edit distance between two keys (insert, delete, replace or swap two neighbours: 1 each).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                                d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

/// The known member a typo most likely meant: the nearest within a third of its length
/// (at least 1, at most 3 edits), so "househlds" finds "households" but "colour" finds nothing.
inline std::optional<std::string_view>
nearest_member(std::string_view key, std::initializer_list<std::string_view> known) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 0;
    for (auto k : known) {
        const auto d = edit_distance(key, k);
        const auto limit = std::clamp<std::size_t>(k.size() / 3, 1, 3);
        if (d <= limit && (!best || d < best_distance)) {
            best = k;
            best_distance = d;
        }
    }
    return best;
}

/// Refuses any member not in `known`, so a misspelt one is never silently ignored. Members
/// starting with "x_" are left to users (their own annotations).
inline void require_known_members(const json_cursor& c,
                                  std::initializer_list<std::string_view> known) {
    c.require_object();
    for (const auto& item : c.value().items()) {
        const std::string& key = item.key();
        if (key.rfind("x_", 0) == 0 || std::find(known.begin(), known.end(), key) != known.end())
            continue;
        std::string hint;
        if (auto near = nearest_member(key, known)) {
            hint = "did you mean \"" + std::string(*near) + "\"?";
        } else {
            for (auto k : known)
                hint += (hint.empty() ? "expected one of " : ", ") + std::string(k);
            hint += " (or a member starting with x_)";
        }
        throw parse_error(c.member_where(key), "unknown member \"" + key + "\"; " + hint);
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
