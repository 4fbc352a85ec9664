// The Markdown writer on a hand-written document.
#include "sample.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/markdown.hpp>

using namespace ntmkit::doc;

TEST_CASE("Markdown escapes what would open a cell, emphasis, a link or a tag") {
    CHECK(markdown_escape("a|b *c* _d_ [e] <f> `g` \\h & i") ==
          "a\\|b \\*c\\* \\_d\\_ \\[e\\] \\<f> \\`g\\` \\\\h & i");
}

TEST_CASE("Markdown writes the title, blank-line separated blocks, bold leads and pipe tables") {
    CHECK(write_markdown(render_tests::sample_document()) ==
          "# Tiêu đề \\<a> & \\*b\\*\n"
          "\nMột \\| hai\\_ba\n"
          "\n**Khen** (★): x\n"
          "\n## Phần \\[1\\]\n"
          "\np\n"
          "\n| Tên | Số |\n|---|---:|\n| a\\|b | 1,5 |\n| \"q\" | 2 |\n");
}

TEST_CASE("A Markdown document without a title starts with its first heading") {
    document d{"en", "", {}, {section{3, "Only", {paragraph("text")}}}};
    CHECK(write_markdown(d) == "### Only\n\ntext\n");
}
