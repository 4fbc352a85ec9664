// UTF-8 decoding/encoding and the three NFC steps (UAX #15): full canonical decomposition,
// canonical ordering, canonical composition. Tables come from unicode_tables.hpp; Hangul
// syllables are computed (UAX #15 / Unicode 3.12) because tabulating 11172 of them is waste.
#pragma once

#include <ntmkit/detail/unicode_tables.hpp>
#include <ntmkit/detail/utf8.hpp>
#include <ntmkit/error.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ntmkit::detail {

inline bool is_ascii(std::string_view s) noexcept {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    return true;
}

inline std::string hex_byte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

[[noreturn]] inline void throw_utf8_error(std::string_view s, const utf8_step& r) {
    const auto lead = static_cast<unsigned char>(s[r.lead]);
    std::string detail;
    if (r.status == utf8_step::bad_lead) {
        detail = "expected a UTF-8 lead byte (0x00-0x7F or 0xC2-0xF4), got " + hex_byte(lead);
        if (lead < 0xC0)
            detail += " (a continuation byte with no lead byte)";
        else if (lead < 0xC2)
            detail += " (only used in overlong encodings)";
        else
            detail += " (would encode beyond U+10FFFF)";
    } else {
        const std::string range = hex_byte(r.lo) + "-" + hex_byte(r.hi);
        const std::string after =
            " after lead byte " + hex_byte(lead) + " at byte " + std::to_string(r.lead) + ", got ";
        if (r.status == utf8_step::truncated) {
            detail = "expected continuation byte " + range + after + "end of input";
        } else {
            const auto b = static_cast<unsigned char>(s[r.at]);
            detail = "expected continuation byte " + range + after + hex_byte(b);
            const bool second = r.at == r.lead + 1 && b >= 0x80 && b <= 0xBF;
            if (second && (lead == 0xE0 || lead == 0xF0))
                detail += " (overlong encoding)";
            else if (second && lead == 0xED)
                detail += " (UTF-16 surrogate)";
            else if (second && lead == 0xF4)
                detail += " (beyond U+10FFFF)";
        }
    }
    throw parse_error("byte " + std::to_string(r.at), detail);
}

inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

namespace hangul {
inline constexpr char32_t s_base = 0xAC00, l_base = 0x1100, v_base = 0x1161, t_base = 0x11A7;
inline constexpr char32_t l_count = 19, v_count = 21, t_count = 28;
inline constexpr char32_t n_count = v_count * t_count, s_count = l_count * n_count;
} // namespace hangul

inline std::uint8_t combining_class(char32_t cp) noexcept {
    if (cp < 0x300) // nothing below U+0300 combines; keeps Latin text off the search
        return 0;
    using unicode_tables::ccc_ranges;
    auto it = std::upper_bound(std::begin(ccc_ranges), std::end(ccc_ranges), cp,
                               [](char32_t c, const auto& r) { return c < r.first; });
    if (it == std::begin(ccc_ranges))
        return 0;
    --it;
    return cp <= it->last ? it->ccc : 0;
}

// Appends the full canonical decomposition of cp.
inline void append_decomposed(std::u32string& out, char32_t cp) {
    using namespace hangul;
    if (cp >= s_base && cp < s_base + s_count) {
        const char32_t s = cp - s_base;
        out += l_base + s / n_count;
        out += v_base + (s % n_count) / t_count;
        if (s % t_count != 0)
            out += t_base + s % t_count;
        return;
    }
    if (cp < 0xC0) { // first decomposable code point is U+00C0
        out += cp;
        return;
    }
    using unicode_tables::decompositions;
    auto it = std::lower_bound(std::begin(decompositions), std::end(decompositions), cp,
                               [](const auto& d, char32_t c) { return d.cp < c; });
    if (it == std::end(decompositions) || it->cp != cp) {
        out += cp;
        return;
    }
    for (std::size_t k = 0; k < it->length; ++k)
        out += unicode_tables::decomp_data[it->offset + k];
}

// Stable sort of each run of non-starters by combining class (canonical ordering algorithm).
// Runs are a handful of marks, so insertion sort beats anything cleverer.
inline void canonical_order(std::u32string& s) {
    for (std::size_t i = 1; i < s.size(); ++i) {
        const std::uint8_t cc = combining_class(s[i]);
        if (cc == 0)
            continue;
        std::size_t j = i;
        while (j > 0) {
            const std::uint8_t prev = combining_class(s[j - 1]);
            if (prev <= cc) // stops at starters (0) and keeps equal classes in order
                break;
            std::swap(s[j - 1], s[j]);
            --j;
        }
    }
}

// Primary composite of (a, b), or 0 when none.
inline char32_t compose_pair(char32_t a, char32_t b) noexcept {
    using namespace hangul;
    if (a >= l_base && a < l_base + l_count && b >= v_base && b < v_base + v_count)
        return s_base + ((a - l_base) * v_count + (b - v_base)) * t_count;
    if (a >= s_base && a < s_base + s_count && (a - s_base) % t_count == 0 && b > t_base &&
        b < t_base + t_count)
        return a + (b - t_base);
    using unicode_tables::compositions;
    auto it = std::lower_bound(
        std::begin(compositions), std::end(compositions), std::pair<char32_t, char32_t>(a, b),
        [](const auto& c, const std::pair<char32_t, char32_t>& k) {
            return c.first < k.first || (c.first == k.first && c.second < k.second);
        });
    if (it != std::end(compositions) && it->first == a && it->second == b)
        return it->composite;
    return 0;
}

// Canonical composition in place over a decomposed, canonically ordered string.
inline void compose(std::u32string& s) {
    if (s.empty())
        return;
    std::size_t starter = 0;
    bool have_starter = combining_class(s[0]) == 0;
    int last_cc = 0; // class of the last character kept (not composed away)
    std::size_t w = 1;
    for (std::size_t i = 1; i < s.size(); ++i) {
        const char32_t c = s[i];
        const int cc = combining_class(c);
        // c is unblocked iff everything between the starter and c has a lower, non-zero class;
        // after canonical ordering the last kept character has the highest such class.
        const bool adjacent = w == starter + 1;
        if (have_starter && (adjacent || (last_cc != 0 && last_cc < cc))) {
            if (char32_t comp = compose_pair(s[starter], c)) {
                s[starter] = comp;
                continue;
            }
        }
        if (cc == 0) {
            starter = w;
            have_starter = true;
        }
        last_cc = cc;
        s[w++] = c;
    }
    s.resize(w);
}

} // namespace ntmkit::detail
