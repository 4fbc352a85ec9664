// The HTML writer on a hand-written document.
#include "sample.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/html.hpp>

using namespace ntmkit::doc;

TEST_CASE("HTML escapes ampersands, angle brackets and double quotes") {
    CHECK(html_escape("a & <b> \"c\" 'd'") == "a &amp; &lt;b&gt; &quot;c&quot; 'd'");
}

TEST_CASE("HTML writes a standalone page: title, paragraphs, headings, tables with numbers right") {
    const std::string head =
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Tiêu đề &lt;a&gt; &amp; *b*</title>\n<style>\n"
        "body{font-family:sans-serif}\n"
        "table{border-collapse:collapse;margin:0.5em 0}\n"
        "th,td{border:1px solid #999;padding:2px 6px}\n"
        "td.num{text-align:right}\n</style>\n</head>\n<body>\n";
    CHECK(write_html(render_tests::sample_document()) ==
          head + "<h1>Tiêu đề &lt;a&gt; &amp; *b*</h1>\n"
                 "<p>Một | hai_ba</p>\n"
                 "<p><strong>Khen</strong> (★): x</p>\n"
                 "<h2>Phần [1]</h2>\n"
                 "<p>p</p>\n"
                 "<table>\n<thead><tr><th>Tên</th><th>Số</th></tr></thead>\n<tbody>\n"
                 "<tr><td>a|b</td><td class=\"num\">1,5</td></tr>\n"
                 "<tr><td>&quot;q&quot;</td><td class=\"num\">2</td></tr>\n"
                 "</tbody>\n</table>\n"
                 "</body>\n</html>\n");
}
