// Drives as campaigns of their own and a year of campaigns, figures worked out by hand.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/drive_view.hpp>
#include <ntmkit/ranking.hpp>
#include <ntmkit/rollup.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {

/// small_campaign's units over `first`–`last`.
campaign with_window(date first, date last) {
    const auto base = fixtures::small_campaign();
    auto info = base.info();
    info.window = date_window(first, last);
    return campaign(info, base.units(), base.indicators());
}

// A first-half-year campaign 15/4–13/6/2022 (60 days) holding the commune's peak drive
// 15/4–30/5 (46 days; hedge target 20 at the commune) and village A's 60-day drive 15/4–13/6
// (hedge target 8 at A). Records: 0 A1 2 on 20/4; 1 B 3 on 25/4; 2 A 1 on 5/6; 3 C 4 on 10/6.
campaign half_year() {
    auto c = with_window(date(2022, 4, 15), date(2022, 6, 13));
    c.set_target("A", "hedge", 8);
    c.add_progress({rec("A1", "hedge", date(2022, 4, 20), 2),
                    rec("B", "hedge", date(2022, 4, 25), 3), rec("A", "hedge", date(2022, 6, 5), 1),
                    rec("C", "hedge", date(2022, 6, 10), 4)});
    drive commune{"xa_45",
                  "Đợt cao điểm 45 ngày",
                  "45-day peak drive",
                  "xa",
                  date(2022, 4, 15),
                  date(2022, 5, 30),
                  {{"", "hedge", 20, target_basis::planned}},
                  "",
                  false};
    drive village{"A_60",
                  "Thôn A: 60 ngày cao điểm",
                  "",
                  "A",
                  date(2022, 4, 15),
                  date(2022, 6, 13),
                  {{"", "hedge", 8, target_basis::planned}},
                  "",
                  false};
    c.set_drives({commune, village});
    return c;
}

double cumulative(const campaign& c, const char* unit, date as_of,
                  std::optional<date> known_by = std::nullopt) {
    rollup_options o;
    o.known_by = known_by;
    return rollup(c, as_of, o).tally(c.units().at(unit), c.indicator_at("hedge")).cumulative;
}

} // namespace

TEST_CASE("a drive is a campaign of its window, its unit's subtree and its own targets") {
    const auto c = half_year();
    CHECK_THROWS_AS(drive_campaign(c, "nope"), validation_error);
    const auto xa = drive_campaign(c, "xa_45");
    CHECK(xa.window().days() == 46);
    CHECK(xa.units().size() == c.units().size());
    CHECK(xa.progress().size() == 2); // 5/6 and 10/6 fall after the drive
    const rollup r(xa, date(2022, 5, 30));
    const auto row = r.row(xa.units().at("xa"), xa.indicator_at("hedge"));
    CHECK(*row.target == 20);
    CHECK(row.tally.cumulative == 5); // A1 2 + B 3
    CHECK(row.expected == 20);        // the drive's 46 days are all over
    CHECK(row.status == progress_status::at_risk);

    const auto a = drive_campaign(c, "A_60");
    CHECK(a.units().size() == 3); // A, A1, A2
    CHECK(a.window().days() == 60);
    const rollup early(a, date(2022, 5, 30));
    const auto ar = early.row(a.units().at("A"), a.indicator_at("hedge"));
    CHECK(ar.tally.cumulative == 2);
    CHECK(ar.expected == doctest::Approx(8.0 * 46 / 60)); // 6.13: 2 is below 60% of it
    CHECK(ar.status == progress_status::at_risk);
    CHECK(cumulative(a, "A", date(2022, 6, 13)) == 3); // + A's 1 on 5/6
}

TEST_CASE("a correction that moves a record out of a drive takes it out from the day it is "
          "reported") {
    auto c = half_year();
    auto moved = rec("A1", "hedge", date(2022, 6, 2), 2); // record 0 was really done on 2/6
    moved.reported = date(2022, 6, 3);
    moved.supersedes = 0;
    c.add_progress({moved});
    const auto xa = drive_campaign(c, "xa_45");
    CHECK(cumulative(xa, "xa", date(2022, 5, 30), date(2022, 5, 31)) == 5); // as reported then
    CHECK(cumulative(xa, "xa", date(2022, 5, 30)) == 3);                    // B's 3 only
    const auto a = drive_campaign(c, "A_60"); // both inside: the correction stands as made
    CHECK(cumulative(a, "A", date(2022, 6, 13)) == 3);
    CHECK(cumulative(a, "A", date(2022, 5, 30)) == 0);
}

TEST_CASE("a village drive ranks its household groups on the drive's targets") {
    auto c = half_year();
    auto drives = c.drives();
    drives[1].targets = {{"A1", "hedge", 4, target_basis::planned},
                         {"A2", "hedge", 4, target_basis::planned}};
    c.set_drives(drives);
    const auto a = drive_campaign(c, "A_60");
    const auto r = rank_units(a, date(2022, 6, 13)); // A1 2/4 = 50%, A2 0/4 = 0%
    REQUIRE(r.ranked.size() == 2);
    CHECK(r.ranked[0].id == "A1");
    CHECK(r.ranked[0].score == doctest::Approx(0.5));
    CHECK(r.ranked[1].score == 0);
}

TEST_CASE("a year sums its campaigns per unit and indicator as of a day") {
    const auto first = half_year(); // A: target 8, done 2 (A1) + 1
    auto second = with_window(date(2022, 9, 1), date(2022, 10, 30));
    second.set_target("A", "hedge", 5);
    second.add_progress({rec("A", "hedge", date(2022, 9, 5), 3)});
    const auto june = summarise_year({&first, &second}, date(2022, 6, 30));
    CHECK(june.campaigns.size() == 1);
    CHECK(*june.find("A", "hedge")->target == 8);
    const auto year = summarise_year({&first, &second}, date(2022, 12, 31));
    const auto* a = year.find("A", "hedge");
    REQUIRE(a);
    CHECK(*a->target == 13);
    CHECK(a->cumulative == 6);
    CHECK(*a->ratio() == doctest::Approx(6.0 / 13));
    CHECK(a->campaigns.size() == 2);
    CHECK(year.find("xa", "hedge")->cumulative == 13); // 2 + 3 + 1 + 4, then 3
    CHECK(*year.find("xa", "hedge")->target == 13);    // derived: A's 8, then A's 5
}
