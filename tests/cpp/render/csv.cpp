// The CSV writer on a hand-written document.
#include "sample.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/csv.hpp>

using namespace ntmkit::doc;

TEST_CASE("CSV writes only the tables, CRLF-ended, quoting commas and doubling quotes") {
    CHECK(write_csv(render_tests::sample_document()) ==
          "Tên,Số\r\na|b,\"1,5\"\r\n\"\"\"q\"\"\",2\r\n");
}

TEST_CASE("CSV quotes a field holding a line break") {
    document d{"vi", "", {table{{"ghi chú"}, {false}, {{"dòng 1\ndòng 2"}}, {}}}, {}};
    CHECK(write_csv(d) == "ghi chú\r\n\"dòng 1\ndòng 2\"\r\n");
}
