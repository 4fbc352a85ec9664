// How reports write numbers: decimal comma and "." thousands in Vietnamese, the other way in
// English; percentages with one decimal. Shared by every report builder (render/).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ntmkit {

/// A number the way the language writes it: "41,7" in Vietnamese, "41.7" in English.
inline std::string format_number(double v, int decimals, std::string_view language = "vi") {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s(buf);
    if (language != "en")
        for (auto& ch : s)
            if (ch == '.')
                ch = ',';
    return s;
}

/// A quantity or count: thousands grouped and at most 2 decimals, none when whole. Vietnamese
/// groups with "." and marks decimals with "," (1.234,5); English the other way (1,234.5).
inline std::string format_quantity(double v, std::string_view language = "vi") {
    const bool vi = language != "en";
    std::string s = format_number(v, 2, "en");
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    if (s == "-0")
        s = "0";
    const auto dot = s.find('.');
    std::string whole = s.substr(0, dot), frac = dot == s.npos ? "" : s.substr(dot + 1);
    const std::size_t digits_from = whole[0] == '-' ? 1 : 0;
    for (auto i = whole.size(); i > digits_from + 3; i -= 3)
        whole.insert(i - 3, vi ? "." : ",");
    return frac.empty() ? whole : whole + (vi ? "," : ".") + frac;
}

/// A share in percent with one decimal: "66,7%" / "66.7%".
inline std::string format_percent(double percent, std::string_view language = "vi") {
    return format_number(percent, 1, language) + "%";
}

} // namespace ntmkit
