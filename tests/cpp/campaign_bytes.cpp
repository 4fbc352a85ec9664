// A campaign as compact bytes: a round trip gives the same campaign (its canonical JSON, written
// by the independent JSON writer, and operator==); cut, foreign or corrupt bytes are refused with
// the byte offset, worked out from the layout by hand.
#include "random_campaign.hpp"
#include "seed.hpp"
#include "support_fixture.hpp"

#include <doctest/doctest.h>
#include <ntmkit/campaign_bytes.hpp>

#include <string>

using namespace ntmkit;

namespace {

void check_round_trip(const campaign& c) {
    const auto back = campaign_from_bytes(to_bytes(c));
    CHECK(campaign_to_json_text(back) == campaign_to_json_text(c));
    CHECK(back == c);
}

std::string message_of(std::string_view bytes) {
    try {
        campaign_from_bytes(bytes);
    } catch (const parse_error& e) {
        return e.what();
    }
    return "accepted";
}

} // namespace

TEST_CASE("the seed campaign with its themes and progress comes back from its bytes") {
    check_round_trip(fixtures::seed_campaign());
    check_round_trip(fixtures::seed_with_progress());
}

TEST_CASE("random campaigns with corrections, latest figures, notes and fractions come back") {
    for (std::uint64_t seed = 1; seed <= 8; ++seed) {
        auto c = random_campaign::make(seed, {true, true});
        c.set_target(c.units().id(0), c.indicators()[0].id, 2.25, target_basis::official);
        progress_record r;
        r.unit = std::string(c.units().id(0));
        r.indicator = c.indicators()[0].id;
        r.done = c.window().first();
        r.quantity = 0.125;
        r.note = "ghi chú";
        r.reporter = "Trưởng thôn";
        c.add_progress({r});
        check_round_trip(c);
    }
}

TEST_CASE("support, funds and submissions travel inside a campaign's bytes") {
    check_round_trip(support_fixture::supported());
    auto c = support_fixture::funded();
    c.add_submissions({{"A", date(2022, 4, 22), date(2022, 4, 22), "Ông Ba", "đúng hạn"}});
    check_round_trip(c);
}

TEST_CASE("campaign bytes cut short anywhere are refused, naming where they end") {
    const auto bytes = to_bytes(fixtures::seed_with_progress());
    for (std::size_t n = 0; n < bytes.size(); n += 1 + n / 64)
        CHECK_THROWS_AS(campaign_from_bytes(bytes.substr(0, n)), parse_error);
    // The magic is 8 bytes; the format number comes next, at byte 8.
    CHECK(message_of(bytes.substr(0, 8)) ==
          "campaign bytes: corrupt bytes at byte 8: expected the format number, found the end "
          "(cut short: 8 bytes)");
}

TEST_CASE("foreign, newer or corrupt campaign bytes are refused with the offset") {
    const auto bytes = to_bytes(fixtures::seed_campaign());
    CHECK(message_of("{\"format\": \"ntmkit-campaign\"}") ==
          "campaign bytes: corrupt bytes at byte 0: expected \"NTMKCAMP\" (these are not the "
          "bytes of an ntmkit campaign)");
    auto newer = bytes;
    newer[8] = 2;
    CHECK(message_of(newer) == "campaign bytes: corrupt bytes at byte 8: expected format 1, "
                               "found format 2 (written by another ntmkit version)");
    CHECK(message_of(bytes + "x") == "campaign bytes: corrupt bytes at byte " +
                                         std::to_string(bytes.size()) +
                                         ": expected the end, found 1 more bytes (trailing data)");
    // Byte 9 starts the id's length: 0xff ff ff ff 0f is 2^32 - 1, more than is left.
    auto huge = bytes;
    huge.replace(9, 1, std::string("\xff\xff\xff\xff\x0f", 5));
    CHECK(message_of(huge).rfind("campaign bytes: corrupt bytes at byte 9: expected the campaign "
                                 "id, found 4294967295 (more than the ",
                                 0) == 0);
}

TEST_CASE("a unit whose parent is beyond the units is refused, naming the byte") {
    campaign_info info;
    info.id = "c";
    info.name = "c";
    info.window = date_window(date(2022, 4, 15), date(2022, 5, 30));
    const auto tree = unit_tree::build({{"r", "r", unit_level::commune, "", std::nullopt, false}});
    const campaign c(info, tree, {fixtures::hedge()});
    auto bytes = to_bytes(c);
    // Find the root's parent field: after its id "r" and name "r" (each 1 + 1 bytes) and level.
    const auto at = bytes.find(std::string("\x01r\x01r", 4)) + 5;
    REQUIRE(bytes[at] == '\0');
    bytes[at] = 5; // a parent at position 4, with one unit
    CHECK(message_of(bytes) == "campaign bytes: corrupt bytes at byte " + std::to_string(at) +
                                   ": expected a unit's parent below 2, found 5");
}
