// A document as plain text for a message or a printout: the title and each paragraph on a
// line, each section after a blank line, tables in aligned columns (two spaces before each).
#pragma once

#include <ntmkit/render/document.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit::doc {

namespace detail {
inline std::string pad(std::string_view s, std::size_t width, bool right) {
    const std::size_t w = display_width(s);
    std::string fill(width > w ? width - w : 0, ' ');
    return right ? fill + std::string(s) : std::string(s) + fill;
}

inline std::string text_block(const block& b) {
    if (const auto* p = std::get_if<paragraph>(&b))
        return p->lead + p->text + "\n";
    const auto& t = std::get<table>(b);
    std::vector<std::size_t> widths = t.widths;
    if (widths.empty()) {
        widths.assign(t.header.size(), 0);
        for (std::size_t k = 0; k < t.header.size(); ++k) {
            widths[k] = display_width(t.header[k]);
            for (const auto& row : t.rows)
                widths[k] = std::max(widths[k], display_width(row[k]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t k = 0; k < cells.size(); ++k)
            out += "  " + pad(cells[k], widths[k], t.numeric[k]);
        // An empty last cell (a note) would leave the line padded with spaces.
        out.erase(out.find_last_not_of(' ') + 1);
        return out + "\n";
    };
    std::string out = line(t.header);
    for (const auto& row : t.rows)
        out += line(row);
    return out;
}
} // namespace detail

inline std::string write_text(const document& d) {
    std::string out = d.title.empty() ? "" : d.title + "\n";
    for (const auto& b : d.blocks)
        out += detail::text_block(b);
    for (const auto& s : d.sections) {
        out += "\n" + s.heading + "\n";
        for (const auto& b : s.blocks)
            out += detail::text_block(b);
    }
    return out;
}

} // namespace ntmkit::doc
