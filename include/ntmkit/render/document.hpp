// What a report says, before it is written in a format: a title, paragraphs and tables, then
// sections (headings with their own paragraphs and tables). Builders (weekly.hpp, daily.hpp,
// final.hpp, ranking.hpp) lay the reports out as documents; writers (text.hpp, markdown.hpp,
// html.hpp, csv.hpp) turn any document into one format, so every format says the same.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ntmkit::doc {

struct paragraph {
    std::string lead; ///< written in bold before the text, if any
    std::string text;

    paragraph(std::string text_ = {}) : text(std::move(text_)) {} // NOLINT: plain text reads as one
    paragraph(std::string lead_, std::string text_)
        : lead(std::move(lead_)), text(std::move(text_)) {}
};

struct table {
    std::vector<std::string> header;
    std::vector<bool> numeric; ///< right-aligned columns
    std::vector<std::vector<std::string>> rows;
    /// Plain text only: each column's width (0: unpadded); empty: as wide as its widest cell.
    std::vector<std::size_t> widths;
};

using block = std::variant<paragraph, table>;

struct section {
    int level = 2; ///< 2: section, 3: subsection
    std::string heading;
    std::vector<block> blocks;
};

struct document {
    std::string language; ///< "vi" or "en"
    std::string title;    ///< empty: a fragment that starts with its first section
    std::vector<block> blocks;
    std::vector<section> sections;
};

/// Display width of UTF-8 text in NFC: one column per code point (Vietnamese is precomposed).
inline std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char ch : s)
        w += (ch & 0xC0) != 0x80;
    return w;
}

} // namespace ntmkit::doc
