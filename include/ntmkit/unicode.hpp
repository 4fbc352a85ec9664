// Unicode NFC normalisation, so that a commune name typed with combining marks ("Cẩm Trang"
// from a decomposing keyboard or macOS file name) matches the precomposed spelling in the
// campaign data. Self-contained: tables are generated from Python's unicodedata by
// tools/gen_unicode_tables.py, no ICU.
#pragma once

#include <ntmkit/detail/unicode.hpp>
#include <ntmkit/error.hpp>

#include <string>
#include <string_view>

namespace ntmkit {

/// Unicode version of the normalisation tables, e.g. "14.0.0".
inline constexpr const char* unicode_version = detail::unicode_tables::unicode_version;

/// True if `s` is well-formed UTF-8 (no overlongs, surrogates, values above U+10FFFF or
/// truncated sequences).
inline bool is_valid_utf8(std::string_view s) noexcept {
    return detail::valid_utf8(s);
}

/// The NFC (canonical composition) form of `utf8`.
/// Throws parse_error with where() = "byte N" (0-based offset of the offending byte, or the
/// input length if a sequence is cut short) when `utf8` is not valid UTF-8.
inline std::string nfc(std::string_view utf8) {
    if (detail::is_ascii(utf8)) // ASCII is always NFC: most ids and codes take this path
        return std::string(utf8);
    std::u32string cps;
    cps.reserve(utf8.size() + 4);
    for (std::size_t i = 0; i < utf8.size();) {
        const auto r = detail::decode_utf8(utf8, i);
        if (r.status != detail::utf8_step::ok)
            detail::throw_utf8_error(utf8, r);
        detail::append_decomposed(cps, r.cp);
        i = r.at;
    }
    detail::canonical_order(cps);
    detail::compose(cps);
    std::string out;
    out.reserve(utf8.size());
    for (char32_t c : cps)
        detail::append_utf8(out, c);
    return out;
}

/// True if `a` and `b` are the same text after NFC. Exact comparison otherwise: no case
/// folding or whitespace trimming. Byte-equal or all-ASCII inputs are answered without
/// allocating (and byte-equal inputs without validating); otherwise invalid UTF-8 throws
/// parse_error as nfc() does.
inline bool same_name(std::string_view a, std::string_view b) {
    if (a == b)
        return true;
    // Only both-ASCII can short-cut: NFC maps some non-ASCII to ASCII (KELVIN SIGN -> 'K').
    if (detail::is_ascii(a) && detail::is_ascii(b))
        return false;
    return nfc(a) == nfc(b);
}

namespace detail {

/// Lower case for ASCII and the Vietnamese letters (headers like "Đơn vị" or "ĐƠN VỊ").
inline std::string lower_vietnamese(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        auto step = decode_utf8(s, i);
        char32_t cp = step.cp;
        if (cp >= U'A' && cp <= U'Z')
            cp += 0x20;
        else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7))
            cp += 0x20;
        else if (cp == 0x102 || cp == 0x110 || cp == 0x128 || cp == 0x168 || cp == 0x1A0)
            cp += 1;
        else if (cp == 0x1AF)
            cp = 0x1B0;
        else if (cp >= 0x1EA0 && cp <= 0x1EF9 && cp % 2 == 0)
            cp += 1;
        append_utf8(out, cp);
        i = step.at;
    }
    return out;
}

/// `s` without the spaces and tabs a spreadsheet cell may carry around its text.
inline std::string_view trim_cell(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    return s;
}

/// `text` in NFC, for a name or note the library stores; text that is not UTF-8 is a
/// parse_error at `where` (the field it was given in), not at a bare byte offset.
inline std::string nfc_at(std::string_view text, const std::string& where) {
    try {
        return nfc(text);
    } catch (const parse_error& e) {
        throw parse_error(where, "not valid UTF-8 (" + e.where() + ")");
    }
}

/// A typed word as compared with a known one: NFC, without surrounding spaces, lower case
/// ("  Hộ Gia Đình " and "hộ gia đình" give the same key).
inline std::string word_key(std::string_view text) {
    return lower_vietnamese(trim_cell(nfc(text)));
}

} // namespace detail

} // namespace ntmkit
