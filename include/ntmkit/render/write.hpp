// The formats a report can be written in, and the one place that picks a format's writer.
// A new format: a value here, its writer (one header like markdown.hpp) and a line below.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/render/csv.hpp>
#include <ntmkit/render/document.hpp>
#include <ntmkit/render/html.hpp>
#include <ntmkit/render/markdown.hpp>
#include <ntmkit/render/text.hpp>

#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace ntmkit {

enum class report_format { text, markdown, html, csv };

constexpr auto enum_names(report_format) {
    using P = std::pair<report_format, std::string_view>;
    return std::array{P{report_format::text, "text"}, P{report_format::markdown, "markdown"},
                      P{report_format::html, "html"}, P{report_format::csv, "csv"}};
}

namespace doc {
inline std::string write(const document& d, report_format format) {
    switch (format) {
    case report_format::text:
        return write_text(d);
    case report_format::markdown:
        return write_markdown(d);
    case report_format::html:
        return write_html(d);
    case report_format::csv:
        return write_csv(d);
    }
    return {};
}
} // namespace doc

} // namespace ntmkit
