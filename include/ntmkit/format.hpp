// How reports write numbers: decimal comma and "." thousands in Vietnamese, the other way in
// English; percentages with one decimal. Shared by every report builder (render/).
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
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

/// A number as an error message quotes it: exact, without grouping or padding. Whole numbers
/// in full (2^63 is 9223372036854775808, not a wrapped integer), others in the fewest digits
/// that read back as the same double (0.1, not 0.100000).
inline std::string number_text(double v) {
    char buf[400];
    if (std::isfinite(v) && std::floor(v) == v && std::abs(v) < 1e21) {
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    for (int digits = 15; digits <= 17; ++digits) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        if (!std::isfinite(v) || std::strtod(buf, nullptr) == v)
            break;
    }
    return buf;
}

/// A share in percent with one decimal: "66,7%" / "66.7%".
inline std::string format_percent(double percent, std::string_view language = "vi") {
    return format_number(percent, 1, language) + "%";
}

} // namespace ntmkit
