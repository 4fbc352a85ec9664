// The weekly, daily and final reports and the ranking written as text, Markdown, HTML or CSV,
// in Vietnamese (default) or English. Each report is laid out once as a document
// (render/document.hpp) by its builder (render/weekly.hpp, daily.hpp, final.hpp, ranking.hpp)
// with the words of one label table (render/labels.hpp); render/write.hpp picks the writer of
// the format (render/text.hpp, markdown.hpp, html.hpp, csv.hpp).
#pragma once

#include <ntmkit/render/daily.hpp>
#include <ntmkit/render/document.hpp>
#include <ntmkit/render/final.hpp>
#include <ntmkit/render/grading.hpp>
#include <ntmkit/render/labels.hpp>
#include <ntmkit/render/ranking.hpp>
#include <ntmkit/render/weekly.hpp>
#include <ntmkit/render/write.hpp>

#include <string>
#include <string_view>

namespace ntmkit {

template <class Report>
std::string render_markdown(const campaign& c, const Report& rep,
                            std::string_view language = "vi") {
    return render(c, rep, report_format::markdown, language);
}
template <class Report>
std::string render_html(const campaign& c, const Report& rep, std::string_view language = "vi") {
    return render(c, rep, report_format::html, language);
}
template <class Report>
std::string render_csv(const campaign& c, const Report& rep, std::string_view language = "vi") {
    return render(c, rep, report_format::csv, language);
}

} // namespace ntmkit
