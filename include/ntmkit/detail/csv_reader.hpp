// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF, a UTF-8 byte-order mark
// (Excel writes one), and ';' as the delimiter when the header uses it (Excel in locales
// with a decimal comma). Rows are numbered as a spreadsheet shows them: the header is row 1.
#pragma once

#include <ntmkit/error.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

struct csv_row {
    std::size_t line; ///< spreadsheet row number (header = 1)
    std::vector<std::string> fields;
};

inline std::vector<csv_row> read_csv(std::string_view text, const std::string& source) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF")
        text.remove_prefix(3);
    char delim = ',';
    {
        auto eol = text.find('\n');
        auto header = text.substr(0, eol);
        if (header.find(';') != std::string_view::npos &&
            header.find(',') == std::string_view::npos)
            delim = ';';
    }
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
        bool blank = row.fields.size() == 1 && row.fields[0].empty();
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

} // namespace ntmkit::detail
