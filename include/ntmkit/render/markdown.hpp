// A document as Markdown: "#" headings, paragraphs, pipe tables with right-aligned numbers.
// Every text is escaped, so names cannot open a table cell, a link or emphasis.
#pragma once

#include <ntmkit/render/document.hpp>

#include <string>
#include <string_view>

namespace ntmkit::doc {

inline std::string markdown_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|' || ch == '*' || ch == '_' || ch == '\\' || ch == '`' || ch == '[' ||
            ch == ']' || ch == '<')
            out += '\\';
        out += ch;
    }
    return out;
}

namespace detail {
inline std::string markdown_block(const block& b) {
    if (const auto* p = std::get_if<paragraph>(&b))
        return (p->lead.empty() ? "" : "**" + markdown_escape(p->lead) + "**") +
               markdown_escape(p->text) + "\n";
    const auto& t = std::get<table>(b);
    std::string out = "|";
    for (const auto& h : t.header)
        out += " " + markdown_escape(h) + " |";
    out += "\n|";
    for (std::size_t k = 0; k < t.header.size(); ++k)
        out += t.numeric[k] ? "---:|" : "---|";
    out += "\n";
    for (const auto& row : t.rows) {
        out += "|";
        for (const auto& cell : row)
            out += " " + markdown_escape(cell) + " |";
        out += "\n";
    }
    return out;
}
} // namespace detail

/// Blocks are separated by a blank line.
inline std::string write_markdown(const document& d) {
    std::string out = d.title.empty() ? "" : "# " + markdown_escape(d.title) + "\n";
    for (const auto& b : d.blocks)
        out += "\n" + detail::markdown_block(b);
    for (const auto& s : d.sections) {
        out += (out.empty() ? "" : "\n") + std::string(static_cast<std::size_t>(s.level), '#') +
               " " + markdown_escape(s.heading) + "\n";
        for (const auto& b : s.blocks)
            out += "\n" + detail::markdown_block(b);
    }
    return out;
}

} // namespace ntmkit::doc
