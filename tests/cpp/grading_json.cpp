// Grading table files.
#include "grading_table.hpp"

#include <doctest/doctest.h>
#include <ntmkit/grading_json.hpp>

using namespace ntmkit;
using grading_fixture::year_table;

TEST_CASE("a grading table file round-trips and names the pointer of a bad value") {
    const auto t = year_table();
    const auto text = grading_table_to_json_text(t);
    const auto back = grading_table_from_json_text(text);
    CHECK(grading_table_to_json_text(back) == text);
    CHECK(back.subjects[1].values.at("ontime") == .6);
    CHECK(back.thresholds.illustrative);
    const auto bad = fixtures::error_of<validation_error>([] {
        grading_table_from_json_text(R"({"format": "ntmkit-grading", "format_version": 1,
            "id": "x", "components": [{"id": "dot1"}],
            "subjects": [{"id": "A", "values": {"dot1": 1.5}}]})");
    });
    CHECK(bad.where() == "/subjects/0/values/dot1");
    const auto own = grading_table_from_json_text(
        R"({"format": "ntmkit-grading", "format_version": 1, "id": "x", "components": [],
            "thresholds": {"excellent": 0.95, "good": 0.8, "completed": 0.6}})");
    CHECK_FALSE(own.thresholds.illustrative); // a commune that writes thresholds adopts them
}
