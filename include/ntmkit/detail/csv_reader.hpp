// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF, a UTF-8 byte-order mark
// (Excel writes one), ';' as the delimiter when the header uses it (Excel in locales with a
// decimal comma) and a tab when it uses tabs (Excel's "Unicode text"). Rows are numbered as a
// spreadsheet shows them: the header is row 1. Rows with nothing in any cell are skipped.
//
// Encodings: UTF-8 (with or without a byte-order mark) is read as it is; UTF-16 with a
// byte-order mark and Windows-1258 (the Vietnamese ANSI code page Excel writes "CSV" in) are
// converted to UTF-8 in NFC first. Anything else is refused at its row and column: nothing
// that is not UTF-8 enters a campaign.
#pragma once

#include <ntmkit/error.hpp>
#include <ntmkit/unicode.hpp>

#include <array>
#include <cstdint>

#include <string>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

struct csv_row {
    std::size_t line; ///< spreadsheet row number (header = 1)
    std::vector<std::string> fields;
};

/// The delimiter the header row uses: ',' unless it has ';' (and no ',') or tabs (and
/// neither).
inline char csv_delimiter(std::string_view text) {
    const auto header = text.substr(0, text.find('\n'));
    const bool comma = header.find(',') != std::string_view::npos;
    if (!comma && header.find(';') != std::string_view::npos)
        return ';';
    if (!comma && header.find('\t') != std::string_view::npos)
        return '\t';
    return ',';
}

/// "<source> row R, column C" of byte `at` of `text`, as a spreadsheet numbers them.
inline std::string csv_place(std::string_view text, std::size_t at, const std::string& source) {
    const char delim = csv_delimiter(text);
    std::size_t row = 1, column = 1;
    for (std::size_t i = 0; i < at && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++row;
            column = 1;
        } else if (text[i] == delim) {
            ++column;
        }
    }
    return source + " row " + std::to_string(row) + ", column " + std::to_string(column);
}

/// Windows-1258 bytes 0x80–0xFF as code points (0: not defined), from Python's cp1258 codec.
/// 0xCC, 0xD2, 0xDE, 0xEC and 0xF2 are the separate tone marks, composed later by NFC.
inline constexpr std::array<std::uint16_t, 128> windows_1258{
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0,      0x2039,
    0x0152, 0,      0,      0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0,      0x203A, 0x0153, 0,      0,      0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3,
    0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB,
    0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x00C5, 0x00C6, 0x00C7,
    0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x0300, 0x00CD, 0x00CE, 0x00CF, 0x0110, 0x00D1, 0x0309, 0x00D3,
    0x00D4, 0x01A0, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x01AF, 0x0303, 0x00DF,
    0x00E0, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB,
    0x0301, 0x00ED, 0x00EE, 0x00EF, 0x0111, 0x00F1, 0x0323, 0x00F3, 0x00F4, 0x01A1, 0x00F6, 0x00F7,
    0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x01B0, 0x20AB, 0x00FF,
};

/// The text of a CSV file as UTF-8 in NFC (see the top of this file for what is understood).
inline std::string csv_text_as_utf8(std::string_view text, const std::string& source) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    const bool le = text.substr(0, 2) == "\xFF\xFE", be = text.substr(0, 2) == "\xFE\xFF";
    if (le || be) {
        std::string out;
        auto unit = [&](std::size_t i) -> std::uint32_t {
            const auto a = static_cast<unsigned char>(text[i]);
            const auto b = static_cast<unsigned char>(text[i + 1]);
            return le ? a | (b << 8) : (a << 8) | b;
        };
        auto refuse = [&](const std::string& what) {
            throw parse_error(csv_place(out, out.size(), source), "not valid UTF-16: " + what);
        };
        if (text.size() % 2 != 0)
            refuse("the file has an odd number of bytes");
        for (std::size_t i = 2; i < text.size(); i += 2) {
            std::uint32_t cp = unit(i);
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 3 >= text.size() || unit(i + 2) < 0xDC00 || unit(i + 2) > 0xDFFF)
                    refuse("a high surrogate without its low surrogate");
                cp = 0x10000 + ((cp - 0xD800) << 10) + (unit(i + 2) - 0xDC00);
                i += 2;
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                refuse("a low surrogate without its high surrogate");
            }
            append_utf8(out, static_cast<char32_t>(cp));
        }
        return nfc(out);
    }
    if (valid_utf8(text))
        return std::string(text);
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        const char32_t cp = b < 0x80 ? b : windows_1258[b - 0x80];
        if (cp == 0)
            throw parse_error(csv_place(text, i, source),
                              "the file is neither UTF-8, UTF-16 nor Windows-1258 (byte " +
                                  hex_byte(b) + "); save it as \"CSV UTF-8\"");
        append_utf8(out, cp);
    }
    return nfc(out);
}

/// Rows of CSV text that is already UTF-8 (csv_text_as_utf8).
inline std::vector<csv_row> read_csv_utf8(std::string_view text, const std::string& source) {
    const char delim = csv_delimiter(text);
    std::vector<csv_row> rows;
    csv_row row{1, {}};
    std::string field;
    bool quoted = false, field_started = false;
    std::size_t line = 1, row_line = 1;
    auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        field_started = false;
    };
    auto end_row = [&] {
        end_field();
        bool blank = true; // ";;;;" as Excel writes below the data counts as blank
        for (const auto& f : row.fields)
            blank &= f.find_first_not_of(" \t") == std::string::npos;
        if (!blank) {
            row.line = row_line;
            rows.push_back(std::move(row));
        }
        row = csv_row{};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (quoted) {
            if (ch == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                if (ch == '\n')
                    ++line;
                field += ch;
            }
            continue;
        }
        if (ch == '"' && !field_started) {
            quoted = field_started = true;
        } else if (ch == delim) {
            end_field();
        } else if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            end_row();
            row_line = ++line;
        } else {
            field += ch;
            field_started = true;
        }
    }
    if (quoted)
        throw parse_error(source + " row " + std::to_string(row_line),
                          "a quoted field is not closed before the end of the file");
    if (!field.empty() || !row.fields.empty())
        end_row();
    return rows;
}

/// Rows of a CSV file in any of the encodings above.
inline std::vector<csv_row> read_csv(std::string_view text, const std::string& source) {
    return read_csv_utf8(csv_text_as_utf8(text, source), source);
}

} // namespace ntmkit::detail
