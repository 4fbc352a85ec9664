// format.hpp: numbers as error messages quote them.
#include <doctest/doctest.h>
#include <ntmkit/format.hpp>

#include <cmath>
#include <limits>

using namespace ntmkit;

TEST_CASE("A number in a message is exact: whole numbers in full, others in the fewest digits") {
    CHECK(number_text(0) == "0");
    CHECK(number_text(11) == "11");
    CHECK(number_text(-1) == "-1");
    CHECK(number_text(0.1) == "0.1");
    CHECK(number_text(1.234) == "1.234");
    CHECK(number_text(2.5e-7) == "2.5e-07");
    // 2^63 = 9223372036854775808: one past the largest int64, which a cast would wrap.
    CHECK(number_text(std::ldexp(1.0, 63)) == "9223372036854775808");
    CHECK(number_text(std::ldexp(1.0, 64)) == "18446744073709551616");
    CHECK(number_text(1e21) == "1e+21");
    CHECK(number_text(std::numeric_limits<double>::infinity()) == "inf");
}
