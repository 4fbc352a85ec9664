// The campaign store (ntmkit/store/store.hpp): the seed from a store rolls up like the seed from
// files; stable ids make imports repeatable and order-free; conflicts and bad records change
// nothing.
#include "../fixtures.hpp"
#include "temp_store.hpp"

#include <ntmkit/store/store.hpp>

#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

using namespace ntmkit;
using test_dates::ymd;

namespace {

const std::string header = "unit,indicator,date,quantity,note\n";

/// A store holding the small campaign's definition (fixtures.hpp), no records.
store small_store(const fixtures::temp_store& file) {
    auto s = store::open(file.path);
    s.define(fixtures::small_campaign());
    return s;
}

} // namespace

TEST_CASE("The seed from a store rolls up exactly as the seed loaded from JSON and CSV") {
    fixtures::temp_store file;
    {
        auto s = store::open(file.path);
        s.import_campaign(fixtures::seed_campaign(), "campaign.json");
        s.import_csv(read_text_file(fixtures::seed_file("progress.csv")), "progress.csv");
    }
    const auto from_store = store::open(file.path).campaign(); // reopened from the file
    const auto from_files = fixtures::seed_with_progress();
    CHECK(from_store.progress().size() == from_files.progress().size());
    CHECK(fixtures::by_unit_period(from_store.submissions()) ==
          fixtures::by_unit_period(from_files.submissions()));
    CHECK(from_store.themes() == from_files.themes());
    for (const char* day : {"22/4/2022", "6/5/2022", "30/5/2022"})
        fixtures::check_same_rollup(from_store, from_files, parse_date(day));
}

TEST_CASE("Importing the same file twice adds nothing") {
    fixtures::temp_store file;
    auto s = small_store(file);
    const auto csv = header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n";
    auto first = s.import_csv(csv, "a.csv");
    CHECK(first.added == 2);
    auto again = s.import_csv(csv, "a.csv");
    CHECK(again.added == 0);
    CHECK(again.skipped == 2);
    CHECK(again.import_id == 0);
    // A row appended to the file later is the only one added.
    auto longer = s.import_csv(csv + "C,hedge,18/4/2022,1,\n", "a.csv");
    CHECK(longer.added == 1);
    CHECK(longer.skipped == 2);
    const rollup r(s.campaign(), ymd(2022, 4, 30));
    CHECK(r.tally(0, 0).cumulative == 2 + 3 + 1);
}

TEST_CASE("Two villages' files imported in either order give the same campaign") {
    const auto a = header + "A1,hedge,16/4/2022,2,\nA2,hedge,16/4/2022,1,\n";
    const auto b = header + "B,hedge,16/4/2022,5,\nB,garden,20/4/2022,1,\n";
    fixtures::temp_store f1, f2;
    auto s1 = small_store(f1);
    s1.import_csv(a, "a.csv");
    s1.import_csv(b, "b.csv");
    auto s2 = small_store(f2);
    s2.import_csv(b, "b.csv");
    s2.import_csv(a, "a.csv");
    CHECK(s1.campaign() == s2.campaign());
    CHECK(s1.campaign().progress().size() == 4);
}

TEST_CASE("A conflicting re-import is refused with both versions and adds nothing") {
    fixtures::temp_store file;
    auto s = small_store(file);
    s.import_csv(header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n", "a.csv");
    try {
        s.import_csv(header +
                         "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,4,late\nC,hedge,18/4/2022,1,\n",
                     "a.csv");
        FAIL("no conflict raised");
    } catch (const store_conflict& e) {
        CHECK(e.where() == "a.csv");
        CHECK(e.detail() ==
              "1 record conflicts with the store (nothing imported); correct a record with a new "
              "one that supersedes it\n  a.csv:3: already in the store as {B, hedge, 17/4/2022, "
              "reported 17/4/2022, 3} (import 1), this import has {B, hedge, 17/4/2022, reported "
              "17/4/2022, 4, note \"late\"}");
    }
    CHECK(s.campaign().progress().size() == 2); // row 4 (C) was not added either
}

TEST_CASE("A correction names the id it supersedes, from any file") {
    fixtures::temp_store file;
    auto s = small_store(file);
    s.import_csv("id,unit,indicator,date,quantity\nCT-1,A1,hedge,16/4/2022,2\n", "a.csv");
    s.import_csv("unit,indicator,date,reported,quantity,supersedes\n"
                 "A1,hedge,16/4/2022,22/4/2022,3,CT-1\n",
                 "fix.csv");
    const auto c = s.campaign();
    REQUIRE(c.progress().size() == 2);
    CHECK(c.progress().supersedes(1) == 0);
    // As known on 21/4 the village had 2; after the correction of 22/4, 3 (not 5).
    rollup_options before;
    before.known_by = ymd(2022, 4, 21);
    CHECK(rollup(c, ymd(2022, 4, 30), before).tally(1, 0).cumulative == 2);
    CHECK(rollup(c, ymd(2022, 4, 30)).tally(1, 0).cumulative == 3);
}

TEST_CASE("A correction by record number is stored under the id of that record") {
    fixtures::temp_store file;
    auto s = small_store(file);
    s.import_csv(header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n", "a.csv");
    // Record 1 is a.csv's row 3 (B); the store keeps the id, so a.csv:3 is what is corrected.
    s.import_csv(
        "unit,indicator,date,reported,quantity,supersedes\nB,hedge,17/4/2022,20/4/2022,4,1\n",
        "fix.csv");
    const auto c = s.campaign();
    CHECK(c.progress().supersedes(2) == 1);
    CHECK(rollup(c, ymd(2022, 4, 30)).tally(0, 0).cumulative == 2 + 4);
}

TEST_CASE("A correction of an id the store does not hold is refused at its row") {
    fixtures::temp_store file;
    auto s = small_store(file);
    CHECK_THROWS_WITH_AS(
        s.import_csv("unit,indicator,date,quantity,supersedes\nA1,hedge,16/4/2022,2,nope\n",
                     "a.csv"),
        "a.csv row 2, column supersedes: no record \"nope\" in the store or earlier in this "
        "import",
        validation_error);
    CHECK(s.campaign().progress().size() == 0);
}

TEST_CASE("A record the campaign refuses refuses the whole import at its row") {
    fixtures::temp_store file;
    auto s = small_store(file);
    CHECK_THROWS_WITH_AS(
        s.import_csv(header + "A1,hedge,16/4/2022,2,\nZ,hedge,16/4/2022,1,\n", "a.csv"),
        "a.csv row 3, column unit: no unit with id or name \"Z\" in the campaign",
        validation_error);
    // More households than A1's 4, only with what is stored already: checked across imports.
    s.import_csv(header + "A1,hedge,16/4/2022,3,\n", "a.csv");
    CHECK_THROWS_AS(s.import_csv(header + "A1,hedge,17/4/2022,2,\n", "b.csv"), validation_error);
    CHECK(s.campaign().progress().size() == 1);
}

TEST_CASE("The same id twice in one import is refused") {
    fixtures::temp_store file;
    auto s = small_store(file);
    CHECK_THROWS_WITH_AS(s.import_csv("id,unit,indicator,date,quantity\nx,A1,hedge,16/4/2022,1\n"
                                      "x,B,hedge,16/4/2022,1\n",
                                      "a.csv"),
                         "a.csv row 3, column id: id \"x\" is used twice in this import",
                         validation_error);
}

TEST_CASE("Bulk columns: the same source again adds nothing, other records are refused") {
    fixtures::temp_store file;
    auto s = small_store(file);
    const int unit[] = {1, 5}, indicator[] = {0, 1}, done[] = {1, 2};
    const double quantity[] = {2, 1}, other[] = {2, 3};
    CHECK(s.import_columns("day1", 2, unit, indicator, done, done, quantity).added == 2);
    CHECK(s.import_columns("day1", 2, unit, indicator, done, done, quantity).skipped == 2);
    CHECK_THROWS_AS(s.import_columns("day1", 2, unit, indicator, done, done, other),
                    store_conflict);
    // Records of a bulk import have ids <source>#<k>: a correction can name them.
    s.import_csv("unit,indicator,date,reported,quantity,supersedes\nA1,hedge,16/4/2022,18/4/2022,"
                 "1,day1#0\n",
                 "fix.csv");
    const auto c = s.campaign();
    REQUIRE(c.progress().size() == 3);
    CHECK(c.progress().supersedes(2) == 0);
    CHECK(rollup(c, ymd(2022, 4, 30)).tally(0, 0).cumulative == 1);
}

TEST_CASE("Submissions imported twice are kept once") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    auto seed = fixtures::seed_campaign();
    const auto first = s.import_campaign(seed, "campaign.json");
    CHECK(first.added == seed.submissions().size());
    const auto again = s.import_campaign(seed, "campaign.json");
    CHECK(again.added == 0);
    CHECK(s.versions().size() == 1);
    CHECK(fixtures::by_unit_period(s.campaign().submissions()) ==
          fixtures::by_unit_period(seed.submissions()));
}

TEST_CASE("Criteria evaluations are kept under their id") {
    fixtures::temp_store file;
    auto s = store::open(file.path);
    evaluation e;
    e.set_id = "qd318";
    e.variant = "north_central";
    criterion_result met;
    met.code = "1";
    met.status = criterion_status::met;
    e.criteria.push_back(met);
    s.save_evaluation("xa-2022-05", "xa", ymd(2022, 5, 30), e);
    s.save_evaluation("xa-2022-05", "xa", ymd(2022, 5, 30), e); // the same again: no-op
    e.criteria[0].status = criterion_status::not_met;
    CHECK_THROWS_AS(s.save_evaluation("xa-2022-05", "xa", ymd(2022, 5, 30), e), store_conflict);
    const auto saved = s.evaluations();
    REQUIRE(saved.size() == 1);
    CHECK(saved[0].set_id == "qd318");
    CHECK(saved[0].as_of == ymd(2022, 5, 30));
    CHECK(nlohmann::json::parse(saved[0].json).at("criteria").at(0).at("status") == "met");
}

TEST_CASE("Communes' stores copied into a district's roll up as at home; copying again adds "
          "nothing") {
    fixtures::temp_store home_a(true), home_b(true), district_a, district_b;
    auto a = store::open(home_a.path);
    a.import_campaign(fixtures::seed_campaign(), "campaign.json");
    a.import_csv(read_text_file(fixtures::seed_file("progress.csv")), "progress.csv");
    auto b = small_store(home_b);
    const int unit[] = {1, 5}, indicator[] = {0, 1}, done[] = {1, 2};
    const double quantity[] = {2, 1};
    b.import_columns("day1", 2, unit, indicator, done, done, quantity);
    b.import_csv("unit,indicator,date,reported,quantity,supersedes\nA1,hedge,16/4/2022,18/4/2022,"
                 "1,day1#0\n",
                 "fix.csv");
    auto plan = fixtures::small_campaign();
    plan.set_target("A", "hedge", 4);
    b.define(plan, "revised");
    b.save_evaluation("xa-2022-05", "xa", ymd(2022, 5, 30), evaluation{});

    auto da = store::open(district_a.path);
    const auto first = a.copy_to(da);
    const auto seed = fixtures::seed_with_progress();
    CHECK(first.added == seed.progress().size() + seed.submissions().size());
    for (const char* day : {"22/4/2022", "6/5/2022", "30/5/2022"})
        fixtures::check_same_rollup(da.campaign(), seed, parse_date(day));
    CHECK(da.campaign() == a.campaign());
    const auto again = a.copy_to(da);
    CHECK(again.added == 0);
    CHECK(again.skipped == first.added);

    auto db = store::open(district_b.path);
    CHECK(b.copy_to(db).added == 2 + 1);
    REQUIRE(db.versions().size() == 2);
    CHECK(db.versions()[1].note == "revised");
    // day1#0 (2 in A1) corrected to 1; the other bulk record is C's garden.
    CHECK(rollup(db.campaign(), ymd(2022, 4, 30)).tally(0, 0).cumulative == 1);
    CHECK(rollup(db.campaign(1), ymd(2022, 4, 30)).row(1, 0).target !=
          rollup(db.campaign(), ymd(2022, 4, 30)).row(1, 0).target);
    CHECK(db.campaign() == b.campaign());
    CHECK(db.evaluations().size() == 1);
    CHECK(b.copy_to(db).added == 0);
    // Another commune's records under the same ids are refused, not mixed in.
    CHECK_THROWS_AS(a.copy_to(db), store_conflict);
}

// What came in, when: store::imports(), the `import` table.

namespace {

/// (source, kind, read, added) of each import listed, oldest first.
std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t>> listed(const store& s) {
    std::vector<std::tuple<std::string, std::string, std::size_t, std::size_t>> out;
    for (const auto& i : s.imports())
        out.emplace_back(i.source, i.kind, i.read, i.added);
    return out;
}

} // namespace

TEST_CASE("The store lists each import with its source, kind, time and the records it added") {
    fixtures::temp_store file;
    auto s = small_store(file);
    CHECK(s.imports().empty()); // a definition is not an import
    const auto a = s.import_csv(header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n", "a.csv");
    const auto b = s.import_csv(
        header + "C,hedge,18/4/2022,1,\nC,garden,19/4/2022,2,\nA2,hedge,20/4/2022,1,\n", "b.csv");
    const auto imports = s.imports();
    REQUIRE(imports.size() == 2);
    CHECK(imports[0].id == 1);
    CHECK(imports[1].id == 2);
    CHECK(a.import_id == 1);
    CHECK(b.import_id == 2);
    CHECK(listed(s) ==
          decltype(listed(s)){{"a.csv", "progress", 2, 2}, {"b.csv", "progress", 3, 3}});
    for (const auto& i : imports) { // 2026-12-02T13:05:09Z
        CAPTURE(i.stored);
        REQUIRE(i.stored.size() == 20);
        CHECK(i.stored[4] == '-');
        CHECK(i.stored[10] == 'T');
        CHECK(i.stored[19] == 'Z');
    }
}

TEST_CASE("A file imported again unchanged is not listed again") {
    fixtures::temp_store file;
    auto s = small_store(file);
    const auto csv = header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n";
    s.import_csv(csv, "a.csv");
    s.import_csv(csv, "a.csv");
    CHECK(listed(s) == decltype(listed(s)){{"a.csv", "progress", 2, 2}});
}

TEST_CASE("A file re-sent with a row more is listed with the rows it read and the one added") {
    fixtures::temp_store file;
    auto s = small_store(file);
    const auto csv = header + "A1,hedge,16/4/2022,2,\nB,hedge,17/4/2022,3,\n";
    s.import_csv(csv, "a.csv");
    s.import_csv(csv + "C,hedge,18/4/2022,1,\n", "a.csv");
    CHECK(listed(s) ==
          decltype(listed(s)){{"a.csv", "progress", 2, 2}, {"a.csv", "progress", 3, 1}});
}

TEST_CASE("A refused import is not listed") {
    fixtures::temp_store file;
    auto s = small_store(file);
    s.import_csv(header + "A1,hedge,16/4/2022,2,\n", "a.csv");
    CHECK_THROWS_AS(s.import_csv(header + "A1,hedge,16/4/2022,5,\n", "a.csv"), store_conflict);
    CHECK_THROWS_AS(s.import_csv(header + "Z,hedge,16/4/2022,1,\n", "z.csv"), validation_error);
    CHECK(listed(s) == decltype(listed(s)){{"a.csv", "progress", 1, 1}});
}

TEST_CASE("Submissions and bulk columns are listed under their own kind") {
    fixtures::temp_store file;
    auto s = small_store(file);
    // Thôn A's and Thôn B's reports of Friday 22/4, B's twice (the same): 3 read, 2 new.
    const std::vector<submission_record> sent{{"A", ymd(2022, 4, 22), ymd(2022, 4, 22), "", ""},
                                              {"B", ymd(2022, 4, 22), ymd(2022, 4, 23), "", ""},
                                              {"B", ymd(2022, 4, 22), ymd(2022, 4, 23), "", ""}};
    CHECK(s.import_submissions(sent, "zalo").added == 2);
    const int unit[] = {1, 5}, indicator[] = {0, 1}, done[] = {1, 2};
    const double quantity[] = {2, 1};
    s.import_columns("day1", 2, unit, indicator, done, done, quantity);
    CHECK(listed(s) ==
          decltype(listed(s)){{"zalo", "submissions", 3, 2}, {"day1", "columns", 2, 2}});
}

TEST_CASE("A report received again with another reporter is refused, showing both") {
    fixtures::temp_store file;
    auto s = small_store(file);
    s.import_submissions({{"B", ymd(2022, 4, 22), ymd(2022, 4, 23), "Thôn trưởng", ""}}, "zalo");
    try {
        s.import_submissions({{"A", ymd(2022, 4, 22), ymd(2022, 4, 22), "", ""},
                              {"Thôn B", ymd(2022, 4, 22), ymd(2022, 4, 23), "Bí thư", "muộn"}},
                             "zalo");
        FAIL("no conflict raised");
    } catch (const store_conflict& e) {
        CHECK(e.where() == "zalo");
        CHECK(e.detail() == "1 report received conflicts with the store (nothing imported); a "
                            "unit's report of a period received on a day is kept once, with the "
                            "reporter and note it was first stored with\n  B, period 22/4/2022, "
                            "received 23/4/2022: reporter \"Thôn trưởng\", note \"\" in the "
                            "store; this import has reporter \"Bí thư\", note \"muộn\"");
    }
    CHECK(s.campaign().submissions().size() == 1); // A's report was not kept either
    CHECK(listed(s) == decltype(listed(s)){{"zalo", "submissions", 1, 1}});
}
