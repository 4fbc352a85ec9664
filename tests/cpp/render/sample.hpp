// A small hand-written document for the writers' tests: a title, two paragraphs (one with a
// bold lead) and a section whose texts hold the characters each format must escape.
#pragma once

#include <ntmkit/render/document.hpp>

namespace render_tests {

inline ntmkit::doc::document sample_document() {
    using namespace ntmkit::doc;
    table t{{"Tên", "Số"}, {false, true}, {{"a|b", "1,5"}, {"\"q\"", "2"}}, {}};
    return {"vi",
            "Tiêu đề <a> & *b*",
            {paragraph("Một | hai_ba"), paragraph("Khen", " (★): x")},
            {section{2, "Phần [1]", {paragraph("p"), t}}}};
}

} // namespace render_tests
