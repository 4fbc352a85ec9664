// Themed weeks (tuần cao điểm theo chủ đề): days the whole commune turns out for one kind of
// work, e.g. "tuần hàng rào xanh" for green hedges. A theme names the indicators it pushes,
// so a report can say which theme a week had and how those indicators moved in it.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/indicator.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace ntmkit {

struct theme_week {
    std::string id;
    std::string name_vi;
    std::string name_en;
    date first; ///< inclusive; usually a report period, but any days of the window will do
    date last;
    std::vector<std::string> indicators; ///< ids of the indicators the theme pushes
    std::string note;
    bool illustrative = false; ///< dates invented for an example, not from a source

    const std::string& name(std::string_view language = "vi") const {
        if (language == "en" && !name_en.empty())
            return name_en;
        return name_vi.empty() ? name_en : name_vi;
    }
    /// True when the theme has a day in [first, last].
    bool overlaps(date from, date to) const { return first <= to && from <= last; }

    friend bool operator==(const theme_week& a, const theme_week& b) {
        return a.id == b.id && a.name_vi == b.name_vi && a.name_en == b.name_en &&
               a.first == b.first && a.last == b.last && a.indicators == b.indicators &&
               a.note == b.note && a.illustrative == b.illustrative;
    }
};

inline std::string default_theme_locator(std::size_t i, std::string_view field) {
    return "theme " + std::to_string(i) + ", field " + std::string(field);
}

/// Checks a plan of themes: unique non-empty ids, days inside the window, at least one known
/// indicator each. Themes may overlap (two drives in one week).
inline void check_themes(const std::vector<theme_week>& themes,
                         const std::vector<indicator>& indicators, const date_window& window,
                         const record_locator& where = default_theme_locator) {
    for (std::size_t i = 0; i < themes.size(); ++i) {
        const auto& t = themes[i];
        if (t.id.empty())
            throw validation_error(where(i, "id"), "theme id must not be empty");
        for (std::size_t j = 0; j < i; ++j)
            if (themes[j].id == t.id)
                throw validation_error(where(i, "id"), "duplicate theme id \"" + t.id + "\"");
        if (t.first.is_special() || !window.contains(t.first))
            throw validation_error(where(i, "first"), "the first day must be inside the campaign " +
                                                          window.describe());
        if (t.last.is_special() || !window.contains(t.last))
            throw validation_error(where(i, "last"),
                                   "the last day must be inside the campaign " + window.describe());
        if (t.last < t.first)
            throw validation_error(where(i, "last"), "the last day " + format_date_vi(t.last) +
                                                         " is before the first day " +
                                                         format_date_vi(t.first));
        if (t.indicators.empty())
            throw validation_error(where(i, "indicators"),
                                   "a theme names at least one indicator it pushes");
        for (const auto& id : t.indicators)
            if (std::none_of(indicators.begin(), indicators.end(),
                             [&](const indicator& ind) { return ind.id == id; }))
                throw validation_error(where(i, "indicators"),
                                       "no indicator \"" + id + "\" in the campaign");
    }
}

/// Indices of the themes with a day in [from, to], in plan order.
inline std::vector<std::size_t> themes_overlapping(const std::vector<theme_week>& themes, date from,
                                                   date to) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < themes.size(); ++i)
        if (themes[i].overlaps(from, to))
            out.push_back(i);
    return out;
}

} // namespace ntmkit
