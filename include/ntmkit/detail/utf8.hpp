// Decoding one UTF-8 code point, strictly; and escaping what is not UTF-8 so that every
// message ntmkit writes is valid UTF-8 (Python decodes error messages as UTF-8). No other
// ntmkit header is needed here: error.hpp includes this one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ntmkit::detail {

// Result of decoding one code point. On failure `at` is the offending byte (or s.size() when
// input ended early) and lo/hi the byte range that would have been accepted there.
struct utf8_step {
    enum status_t : std::uint8_t { ok, bad_lead, bad_trail, truncated } status = ok;
    char32_t cp = 0;
    std::size_t at = 0; // ok: offset of the next code point; failure: offending byte
    std::size_t lead = 0;
    unsigned char lo = 0x80, hi = 0xBF;
};

// Well-formed sequences per Unicode Table 3-7: this rejects overlongs, surrogates and
// anything above U+10FFFF by narrowing the range allowed for the second byte.
inline utf8_step decode_utf8(std::string_view s, std::size_t i) noexcept {
    utf8_step r;
    r.lead = i;
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        r.cp = b0;
        r.at = i + 1;
        return r;
    }
    int trail = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        trail = 1;
        r.cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        trail = 2;
        r.cp = b0 & 0x0F;
        if (b0 == 0xE0)
            r.lo = 0xA0;
        else if (b0 == 0xED)
            r.hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        trail = 3;
        r.cp = b0 & 0x07;
        if (b0 == 0xF0)
            r.lo = 0x90;
        else if (b0 == 0xF4)
            r.hi = 0x8F;
    } else {
        r.status = utf8_step::bad_lead;
        r.at = i;
        return r;
    }
    for (int k = 1; k <= trail; ++k) {
        const std::size_t j = i + static_cast<std::size_t>(k);
        if (j >= s.size()) {
            r.status = utf8_step::truncated;
            r.at = j;
            return r;
        }
        const auto b = static_cast<unsigned char>(s[j]);
        if (b < r.lo || b > r.hi) {
            r.status = utf8_step::bad_trail;
            r.at = j;
            return r;
        }
        r.cp = (r.cp << 6) | (b & 0x3F);
        r.lo = 0x80; // only the second byte has a narrowed range
        r.hi = 0xBF;
    }
    r.at = i + 1 + static_cast<std::size_t>(trail);
    return r;
}

/// `s` with every byte that is not part of a well-formed UTF-8 sequence written as \xNN.
inline std::string escape_invalid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto r = decode_utf8(s, i);
        if (r.status == utf8_step::ok) {
            out.append(s.substr(i, r.at - i));
            i = r.at;
            continue;
        }
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[i]));
        out += buf;
        ++i;
    }
    return out;
}

/// Whether `s` is well-formed UTF-8 throughout.
inline bool valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
        const auto r = decode_utf8(s, i);
        if (r.status != utf8_step::ok)
            return false;
        i = r.at;
    }
    return true;
}

} // namespace ntmkit::detail
