// The dispatcher: each format goes to its writer.
#include "sample.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/write.hpp>

using namespace ntmkit;

TEST_CASE("Each report format is written by its own writer") {
    const auto d = render_tests::sample_document();
    CHECK(doc::write(d, report_format::text) == doc::write_text(d));
    CHECK(doc::write(d, report_format::markdown) == doc::write_markdown(d));
    CHECK(doc::write(d, report_format::html) == doc::write_html(d));
    CHECK(doc::write(d, report_format::csv) == doc::write_csv(d));
    CHECK(parse_enum<report_format>("html", "format") == report_format::html);
}
