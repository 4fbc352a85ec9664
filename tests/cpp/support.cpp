// Labour support: supporters assigned to villages, needs, pledges and deliveries, and the
// roll-up of needs against what was delivered. Figures worked out by hand below.
#include "support_fixture.hpp"

#include <doctest/doctest.h>

using namespace ntmkit;
using fixtures::error_of;
using namespace support_fixture;

TEST_CASE("Supporters are assigned to units and givers resolve to supporters or units") {
    const auto c = supported();
    const auto& b = c.support();
    const auto& t = c.units();
    REQUIRE(b.assigned().size() == 2);
    CHECK(b.assigned()[0] == std::vector<unit_index>{t.at("A"), t.at("B")});
    CHECK(b.assigned()[1] == std::vector<unit_index>{t.at("C")}); // by name "Thôn C"
    CHECK(b.givers()[1] == giver_ref{false, 0});                  // tct1
    CHECK(b.givers()[2] == giver_ref{true, static_cast<std::size_t>(t.at("hnd"))});
    CHECK(b.givers()[3] == giver_ref{false, 1}); // dn1 by its name
    CHECK(b.giver_name(b.givers()[2], t) == "Hội Nông dân");
}

TEST_CASE("The support roll-up adds needs and support over each village's subtree as of a day") {
    const auto c = supported();
    const auto& t = c.units();
    // Friday 22/4, period 16/4–22/4: C's need (25/4) and everything after 22/4 not yet counted.
    auto r =
        roll_up_support(c.support(), t, date(2022, 4, 22), unit_level::village, date(2022, 4, 16));
    REQUIRE(r.receivers.size() == 2); // A, then the commune; B and C have nothing yet
    CHECK(r.receivers[0].unit == t.at("A"));
    CHECK(r.receivers[0].needed == 25);    // 20 + A1's 5
    CHECK(r.receivers[0].pledged == 15);   // tct1
    CHECK(r.receivers[0].delivered == 10); // 6 to A1 + 4 from hnd
    CHECK(r.receivers[0].delivered_period == 10);
    CHECK(r.receivers[0].still_needed() == 15);
    CHECK(r.receivers[1].unit == t.root());
    CHECK(r.receivers[1].needed == 25);
    CHECK(r.period_deliveries == std::vector<std::size_t>{1, 2});
    REQUIRE(r.givers.size() == 3); // tct1, dn1 (nothing yet), hnd
    CHECK(r.givers[0].pledged == 15);
    CHECK(r.givers[0].delivered == 6);
    CHECK(r.givers[0].outstanding() == 9);
    CHECK(r.givers[1].delivered == 0);
    CHECK(r.givers[2].giver == giver_ref{true, static_cast<std::size_t>(t.at("hnd"))});
    CHECK(r.givers[2].receivers == std::vector<unit_index>{t.at("A")});
}

TEST_CASE("A later day counts later needs, pledges and deliveries; the period only its own") {
    const auto c = supported();
    const auto& t = c.units();
    auto r =
        roll_up_support(c.support(), t, date(2022, 4, 29), unit_level::village, date(2022, 4, 23));
    REQUIRE(r.receivers.size() == 3);      // A, C, commune
    CHECK(r.receivers[0].delivered == 15); // 6 + 4 + 5
    CHECK(r.receivers[0].delivered_period == 5);
    CHECK(r.receivers[0].still_needed() == 10); // 25 − 15
    CHECK(r.receivers[1].unit == t.at("C"));
    CHECK(r.receivers[1].needed == 10);
    CHECK(r.receivers[1].pledged == 8);
    CHECK(r.receivers[1].delivered == 3);
    CHECK(r.receivers[1].still_needed() == 7);
    CHECK(r.receivers[2].needed == 35);
    CHECK(r.receivers[2].pledged == 23);
    CHECK(r.receivers[2].delivered == 18);
    CHECK(r.receivers[2].delivered_period == 8); // 3 on 27/4 + 5 on 28/4
    CHECK(r.receivers[2].still_needed() == 17);
    CHECK(r.period_deliveries == std::vector<std::size_t>{3, 5});
    CHECK(r.givers[0].delivered == 11);
    CHECK(r.givers[0].outstanding() == 4);
    CHECK(r.givers[0].receivers == std::vector<unit_index>{t.at("A"), t.at("A1")});
    CHECK(r.givers[1].outstanding() == 5); // dn1: 8 pledged, 3 delivered
}

TEST_CASE("Delivering more than was needed leaves nothing still needed, not a negative need") {
    auto c = fixtures::small_campaign();
    support_plan p;
    p.needs = {need("B", date(2022, 4, 20), 4)};
    p.records = {given(delivery, date(2022, 4, 21), "A", "B", 6)}; // one village helps another
    c.add_support(p);
    auto r = roll_up_support(c.support(), c.units(), date(2022, 5, 30));
    CHECK(r.receivers[0].unit == c.units().at("B"));
    CHECK(r.receivers[0].still_needed() == 0);
}

TEST_CASE("Bad support is refused naming the item and field, and changes nothing") {
    auto c = supported();
    const auto before = c.support();
    auto add = [&](support_plan p) {
        return error_of<validation_error>([&] { c.add_support(p); });
    };
    support_plan p;
    p.records = {given(delivery, date(2022, 4, 20), "tct1", "A", 1),
                 given(delivery, date(2022, 4, 20), "nobody", "A", 1)};
    auto e = add(p);
    CHECK(e.where() == "support record 1, field giver");
    CHECK(e.detail() == "no supporter or unit with id or name \"nobody\"");
    CHECK(c.support() == before);

    p.records = {given(delivery, date(2022, 6, 1), "tct1", "A", 1)};
    CHECK(add(p).where() == "support record 0, field date");
    p.records = {given(pledge, date(2022, 4, 20), "tct1", "Z", 1)};
    CHECK(add(p).where() == "support record 0, field receiver");
    p.records = {};
    p.needs = {need("A", date(2022, 4, 20), -1)};
    e = add(p);
    CHECK(e.where() == "labour need 0, field person_days");
    CHECK(e.detail() == "person-days must be a number 0 or more, got -1");
    p.needs = {};
    p.supporters = {make_supporter("A", "", supporter_kind::sponsor, {})};
    CHECK(add(p).detail().find("already a unit") != std::string::npos);
    p.supporters = {make_supporter("tct1", "", supporter_kind::sponsor, {})};
    CHECK(add(p).detail() == "duplicate supporter id \"tct1\"");
    CHECK(c.support() == before);
}
