// The plain-text writer on a hand-written document.
#include "sample.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render/text.hpp>

using namespace ntmkit::doc;

TEST_CASE("Plain text writes one line per paragraph, nothing escaped, columns as wide as needed") {
    // Widths: "Tên", "a|b", "\"q\"" are 3 columns; "Số" 2 and "1,5" 3, numbers to the right.
    CHECK(write_text(render_tests::sample_document()) == "Tiêu đề <a> & *b*\n"
                                                         "Một | hai_ba\n"
                                                         "Khen (★): x\n"
                                                         "\nPhần [1]\n"
                                                         "p\n"
                                                         "  Tên   Số\n"
                                                         "  a|b  1,5\n"
                                                         "  \"q\"    2\n");
}

TEST_CASE("Plain text pads to the widths a table asks for, 0 leaving a column unpadded") {
    document d{"vi",
               "",
               {table{{"Tên", "Số", "Tình trạng"},
                      {false, true, false},
                      {{"Hàng rào", "12", "Chậm"}},
                      {9, 5, 0}}},
               {}};
    // "Tên" padded to 9 columns, two spaces, "Số" right-aligned in 5, two spaces, unpadded.
    CHECK(write_text(d) == "  Tên" + std::string(11, ' ') +
                               "Số  Tình trạng\n" // 6 + 2 + 3
                               "  Hàng rào" +
                               std::string(6, ' ') + "12  Chậm\n");
}
