// indicator.hpp: indicator lists are checked for empty and duplicate ids, located.
#include <ntmkit/indicator.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace ntmkit;

namespace {
std::string at(std::size_t i) {
    return "/indicators/" + std::to_string(i);
}

indicator named(const char* id) {
    indicator i;
    i.id = id;
    return i;
}
} // namespace

TEST_CASE("unique indicator ids pass the check") {
    CHECK_NOTHROW(check_indicators({named("a"), named("b"), named("c")}, at));
    CHECK_NOTHROW(check_indicators({}, at));
}

TEST_CASE("an empty indicator id is refused where it stands") {
    try {
        check_indicators({named("a"), named("")}, at);
        FAIL("no error raised");
    } catch (const validation_error& e) {
        CHECK(e.where() == "/indicators/1");
        CHECK(std::string(e.what()).find("must not be empty") != std::string::npos);
    }
}

TEST_CASE("a duplicate indicator id names both places") {
    try {
        check_indicators({named("a"), named("b"), named("a")}, at);
        FAIL("no error raised");
    } catch (const validation_error& e) {
        CHECK(e.where() == "/indicators/2");
        CHECK(std::string(e.what()).find("duplicate indicator id \"a\" (also /indicators/0)") !=
              std::string::npos);
    }
}

TEST_CASE("a measure in English or Vietnamese words for households switches on the cap") {
    for (const char* m : {"households", "Households", " household ", "hộ", "Hộ", "HỘ GIA ĐÌNH",
                          "hộ gia đình", "Hộ dân",
                          // "hộ" typed on a decomposing keyboard: h, o, dot below, circumflex
                          "ho\xCC\xA3\xCC\x82"}) {
        CAPTURE(m);
        indicator i;
        i.measure = m;
        CHECK(i.counts_households());
        CHECK(i.measure == m); // kept as written
    }
    for (const char* m : {"gardens", "vườn", "m", "mét", "hộp", "hồ", "hộ gia", "", "\xFF"}) {
        CAPTURE(m);
        indicator i;
        i.measure = m;
        CHECK_FALSE(i.counts_households());
    }
}
