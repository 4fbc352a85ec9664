// A document's data as CSV: its tables one after another (a report laid out for CSV has one
// flat table), headings and paragraphs left out.
#pragma once

#include <ntmkit/render/document.hpp>

#include <string>
#include <vector>

namespace ntmkit::doc {

namespace detail {
/// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break
/// (Vietnamese decimal commas are quoted, so the file still opens column by column).
inline std::string csv_line(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t k = 0; k < cells.size(); ++k) {
        const auto& s = cells[k];
        if (k)
            out += ',';
        if (s.find_first_of(",\"\r\n") == std::string::npos) {
            out += s;
            continue;
        }
        out += '"';
        for (char ch : s)
            out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += '"';
    }
    return out + "\r\n";
}

inline void csv_blocks(std::string& out, const std::vector<block>& blocks) {
    for (const auto& b : blocks)
        if (const auto* t = std::get_if<table>(&b)) {
            out += csv_line(t->header);
            for (const auto& row : t->rows)
                out += csv_line(row);
        }
}
} // namespace detail

inline std::string write_csv(const document& d) {
    std::string out;
    detail::csv_blocks(out, d.blocks);
    for (const auto& s : d.sections)
        detail::csv_blocks(out, s.blocks);
    return out;
}

} // namespace ntmkit::doc
