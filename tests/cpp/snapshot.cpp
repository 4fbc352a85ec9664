// Reproducing a past Friday report after corrections and late records arrive.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/render.hpp>
#include <ntmkit/snapshot.hpp>

using namespace ntmkit;
using fixtures::rec;

namespace {
progress_record reported(progress_record r, date on) {
    r.reported = on;
    return r;
}
} // namespace

TEST_CASE("A correction changes the current roll-up but not the reproduced Friday report") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"xa", "hedge", 20, target_basis::official}});
    c.add_progress({
        rec("A1", "hedge", date(2022, 4, 18), 3), // record 0
        rec("B", "hedge", date(2022, 4, 20), 2),  // record 1
    });
    const date friday(2022, 4, 22);
    report_options as_then;
    as_then.known_by = friday;
    const auto before = render_markdown(c, build_weekly_report(c, friday, as_then));

    // Monday 25/4: record 0 was wrong, A1 did 1 household, not 3. Tuesday 26/4: C reports
    // 4 households done on Thursday 21/4.
    auto fix = reported(rec("A1", "hedge", date(2022, 4, 18), 1), date(2022, 4, 25));
    fix.supersedes = 0;
    c.add_progress({fix}); // record 2
    c.add_progress({reported(rec("C", "hedge", date(2022, 4, 21), 4), date(2022, 4, 26))}); // 3

    const auto xa = c.units().root();
    const auto hedge = c.indicator_at("hedge");
    // Now: 1 + 2 + 4 = 7 by Friday 22/4. As reported that Friday: 3 + 2 = 5.
    CHECK(rollup(c, friday).tally(xa, hedge).cumulative == 7);
    rollup_options o;
    o.known_by = friday;
    CHECK(rollup(c, friday, o).tally(xa, hedge).cumulative == 5);

    auto rep = build_weekly_report(c, friday, as_then);
    CHECK(render_markdown(c, rep).find("Bổ sung và đính chính") != std::string::npos);
    // The report as it stood is unchanged: everything before the revisions section.
    const auto now_text = render_markdown(c, rep);
    const auto cut = now_text.find("\n## Bổ sung và đính chính");
    REQUIRE(cut != std::string::npos);
    CHECK(now_text.substr(0, cut) == before);

    SUBCASE("the difference lists both revisions and the cells they change") {
        auto d = compare_with_now(c, friday);
        REQUIRE(d.revisions.size() == 2);
        CHECK(d.revisions[0].record == 2);
        CHECK(d.revisions[0].kind == revision_kind::correction);
        CHECK(d.revisions[1].record == 3);
        CHECK(d.revisions[1].kind == revision_kind::late);
        // Villages A (3 → 1), C (0 → 4), then the commune (5 → 7); B unchanged.
        REQUIRE(d.changes.size() == 3);
        CHECK(d.changes[0].unit == c.units().at("A"));
        CHECK(d.changes[0].reported.cumulative == 3);
        CHECK(d.changes[0].now.cumulative == 1);
        CHECK(d.changes[1].unit == c.units().at("C"));
        CHECK(d.changes[1].now.cumulative == 4);
        CHECK(d.changes[2].unit == xa);
        CHECK(d.changes[2].reported.cumulative == 5);
        CHECK(d.changes[2].now.cumulative == 7);
    }
    SUBCASE("compared with what was known on Monday only the correction shows") {
        snapshot_options so;
        so.known_now = date(2022, 4, 25);
        auto d = compare_with_now(c, friday, so);
        REQUIRE(d.revisions.size() == 1);
        CHECK(d.revisions[0].record == 2);
        CHECK(d.changes.size() == 2); // A and the commune, 3 → 1 and 5 → 3
        CHECK(d.changes[1].now.cumulative == 3);
    }
    SUBCASE("records about later days are not revisions of this report") {
        c.add_progress({reported(rec("B", "hedge", date(2022, 4, 27), 2), date(2022, 4, 28))});
        CHECK(compare_with_now(c, friday).revisions.size() == 2);
    }
}

TEST_CASE("Comparing two existing roll-ups of a day gives the comparison built from its date") {
    auto c = fixtures::small_campaign();
    c.set_targets({{"xa", "hedge", 20, target_basis::official}});
    c.add_progress({rec("A1", "hedge", date(2022, 4, 18), 3)});
    c.add_progress({reported(rec("C", "hedge", date(2022, 4, 21), 4), date(2022, 4, 26))});
    const date friday(2022, 4, 22);
    rollup_options as_then;
    as_then.known_by = friday;
    const rollup then(c, friday, as_then), now(c, friday);
    const auto a = compare_with_now(c, then, now);
    const auto b = compare_with_now(c, friday);
    REQUIRE(a.revisions.size() == 1); // record 1, late
    CHECK(a.revisions[0].record == b.revisions[0].record);
    REQUIRE(a.changes.size() == 2); // C 0 → 4, the commune 3 → 7
    REQUIRE(b.changes.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
        CHECK(a.changes[k].unit == b.changes[k].unit);
        CHECK(a.changes[k].reported.cumulative == b.changes[k].reported.cumulative);
        CHECK(a.changes[k].now.cumulative == b.changes[k].now.cumulative);
    }
    CHECK(a.changes[1].now.cumulative == 7);
    CHECK_THROWS_AS(compare_with_now(c, then, rollup(c, date(2022, 4, 29))), validation_error);
}
