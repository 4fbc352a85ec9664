// A document as a standalone HTML page (UTF-8, a little CSS for the tables), every text
// escaped.
#pragma once

#include <ntmkit/render/document.hpp>

#include <string>
#include <string_view>

namespace ntmkit::doc {

inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

namespace detail {
inline std::string html_block(const block& b) {
    if (const auto* p = std::get_if<paragraph>(&b))
        return "<p>" + (p->lead.empty() ? "" : "<strong>" + html_escape(p->lead) + "</strong>") +
               html_escape(p->text) + "</p>\n";
    const auto& t = std::get<table>(b);
    std::string out = "<table>\n<thead><tr>";
    for (const auto& head : t.header)
        out += "<th>" + html_escape(head) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out += "<tr>";
        for (std::size_t k = 0; k < row.size(); ++k)
            out += (t.numeric[k] ? "<td class=\"num\">" : "<td>") + html_escape(row[k]) + "</td>";
        out += "</tr>\n";
    }
    return out + "</tbody>\n</table>\n";
}
} // namespace detail

inline std::string write_html(const document& d) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + html_escape(d.language) +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(d.title) +
                      "</title>\n<style>\nbody{font-family:sans-serif}\n"
                      "table{border-collapse:collapse;margin:0.5em 0}\n"
                      "th,td{border:1px solid #999;padding:2px 6px}\n"
                      "td.num{text-align:right}\n</style>\n</head>\n<body>\n";
    if (!d.title.empty())
        out += "<h1>" + html_escape(d.title) + "</h1>\n";
    for (const auto& b : d.blocks)
        out += detail::html_block(b);
    for (const auto& s : d.sections) {
        const std::string h = "h" + std::to_string(s.level);
        out += "<" + h + ">" + html_escape(s.heading) + "</" + h + ">\n";
        for (const auto& b : s.blocks)
            out += detail::html_block(b);
    }
    return out + "</body>\n</html>\n";
}

} // namespace ntmkit::doc
