// The label table: complete in both languages, and what the reports read from it.
#include <doctest/doctest.h>
#include <ntmkit/render/labels.hpp>

#include <set>
#include <string>

using namespace ntmkit;

namespace {
std::size_t placeholders(std::string_view s) {
    std::size_t n = 0;
    for (auto k = s.find("{}"); k != s.npos; k = s.find("{}", k + 2))
        ++n;
    return n;
}
} // namespace

TEST_CASE("Every label has a unique name and a text in both languages, with the same blanks") {
    std::set<std::string_view> keys;
    for (const auto& e : label_table) {
        CAPTURE(e.key);
        CHECK(keys.insert(e.key).second);
        CHECK(!e.vi.empty());
        CHECK(!e.en.empty());
        CHECK(placeholders(e.vi) == placeholders(e.en));
    }
    CHECK(keys.size() == std::size(label_table));
    CHECK(label_table[static_cast<std::size_t>(label::status_at_risk)].key == "status_at_risk");
}

TEST_CASE("A status reads as the table says; any language but English is Vietnamese") {
    // "Nguy cơ" alone did not say what is at risk.
    CHECK(status_label(progress_status::at_risk) == "Nguy cơ không đạt chỉ tiêu");
    CHECK(status_label(progress_status::at_risk, "en") == "At risk of missing the target");
    CHECK(status_label(progress_status::no_target, "vi") == "Không giao");
    CHECK(status_label(progress_status::on_track, "fr") == "Đúng tiến độ");
}

TEST_CASE("A label's blanks are filled in order") {
    CHECK(labels{"vi"}(label::days_before, {"6"}) == "6 ngày trước đó");
    CHECK(labels{"en"}(label::campaign_span, {"15/4/2022–30/5/2022", "46"}) ==
          "Campaign 15/4/2022–30/5/2022 (46 days).");
    CHECK(fill_label("{} and {}", {"a"}) == "a and {}");
}
