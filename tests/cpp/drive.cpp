// Drives as the campaign file holds them: checks and the file format.
#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <ntmkit/drive.hpp>
#include <ntmkit/json.hpp>

using namespace ntmkit;

namespace {

/// small_campaign's units over `first`–`last`.
campaign with_window(date first, date last) {
    const auto base = fixtures::small_campaign();
    auto info = base.info();
    info.window = date_window(first, last);
    return campaign(info, base.units(), base.indicators());
}

} // namespace

TEST_CASE("a drive outside the campaign's window or a target outside its unit is refused, "
          "and the campaign keeps its drives") {
    auto c = with_window(date(2022, 4, 15), date(2022, 5, 30)); // the seed's 46 days
    drive sixty{"A_60", "", "", "A", date(2022, 4, 15), date(2022, 6, 13), {}, "", false};
    CHECK(fixtures::error_of<validation_error>([&] { c.set_drives({sixty}); }).where() ==
          "drive 0, field last");
    sixty.last = date(2022, 5, 30);
    sixty.targets = {{"B", "hedge", 3, target_basis::planned}};
    CHECK(fixtures::error_of<validation_error>([&] { c.set_drives({sixty}); }).where() ==
          "drive 0, field targets/0/unit");
    sixty.targets = {{"A1", "hedge", 5, target_basis::planned}}; // A1 has 4 households
    CHECK_THROWS_AS(c.set_drives({sixty}), validation_error);
    CHECK(c.drives().empty());
}

TEST_CASE("drives round-trip through the campaign file and name the pointer of an error") {
    auto c = with_window(date(2022, 4, 15), date(2022, 6, 13));
    c.set_drives(
        {{"A_60",
          "Thôn A: 60 ngày",
          "",
          "Thôn A",
          date(2022, 4, 15),
          date(2022, 6, 13),
          {{"A1", "hedge", 4, target_basis::planned}, {"", "garden", 1, target_basis::official}},
          "",
          true}});
    CHECK(c.drives()[0].unit == "A"); // a name is saved as the id
    const auto text = campaign_to_json_text(c);
    CHECK(campaign_from_json_text(text) == c);
    auto j = nlohmann::json::parse(text);
    j["drives"][0]["targets"][0]["unit"] = "B";
    CHECK(fixtures::error_of<validation_error>([&] { campaign_from_json(j); }).where() ==
          "/drives/0/targets/0/unit");
}
