#include "fixtures.hpp"
#include "seed.hpp"

#include <doctest/doctest.h>
#include <ntmkit/json.hpp>
#include <ntmkit/rollup.hpp>

#include <filesystem>
#include <fstream>

using namespace ntmkit;

namespace {
std::string load_error(const std::string& text) {
    try {
        campaign_from_json_text(text);
    } catch (const error& e) {
        return e.what();
    }
    return "";
}

// A minimal valid file; tests break one value at a time.
nlohmann::json minimal() {
    return nlohmann::json::parse(R"({
      "format": "ntmkit-campaign", "format_version": 1, "id": "t", "name": "T",
      "window": {"first": "15/4/2022", "last": "2022-05-30"},
      "reporting": {"kind": "weekly", "day": "friday"},
      "indicators": [{"id": "hedge", "name_vi": "Hàng rào xanh", "measure": "households"}],
      "units": [{"id": "xa", "name": "Xã", "level": "commune"},
                {"id": "A", "name": "Thôn A", "level": "village", "parent": "xa", "households": 10}],
      "targets": [{"unit": "xa", "indicator": "hedge", "value": 10},
                  {"unit": "A", "indicator": "hedge", "value": 10}],
      "progress": [{"unit": "A", "indicator": "hedge", "date": "16/4/2022", "quantity": 2}]
    })");
}
} // namespace

TEST_CASE("The seed campaign loads with its units, indicators and targets") {
    auto c = fixtures::seed_campaign();
    CHECK(c.window().days() == 46);
    CHECK(c.indicators().size() == 8);
    CHECK(c.units().units_at(unit_level::village).size() == 10);
    CHECK(c.units().units_at(unit_level::organisation).size() == 4);
    // The commune totals from the seed, marked official.
    const auto xa = c.units().root();
    const std::pair<const char*, double> seed_totals[] = {
        {"khu_dan_cu_mau", 1},  {"vuon_sinh_thai", 4}, {"chinh_trang_vuon", 77},
        {"hang_rao_xanh", 140}, {"cong_ngo", 65},      {"ho_loc_nuoc_thai", 70},
        {"nha_ve_sinh", 38},    {"chuong_trai", 50}};
    for (const auto& [id, total] : seed_totals) {
        CAPTURE(id);
        CHECK(c.targets().get(xa, c.indicator_at(id)) == total);
        CHECK(c.targets().basis(xa, c.indicator_at(id)) == target_basis::official);
    }
    // Invented figures say so.
    CHECK(c.units().illustrative(c.units().at("trung_tien")));
    CHECK_FALSE(c.units().illustrative(c.units().at("cam_trang")));
    CHECK(c.targets().basis(c.units().at("cam_trang"), c.indicator_at("cong_ngo")) ==
          target_basis::illustrative);
    CHECK(c.units().find_by_name("Hợp Phát").size() == 1);
}

TEST_CASE("Save and load round-trip exactly and byte for byte") {
    auto c = campaign_from_json(minimal());
    const auto text = campaign_to_json_text(c);
    auto again = campaign_from_json_text(text);
    CHECK(again == c);
    CHECK(campaign_to_json_text(again) == text);
    SUBCASE("with corrections, notes and late reports") {
        auto fix = fixtures::rec("A", "hedge", date(2022, 4, 16), 3);
        fix.reported = date(2022, 4, 20);
        fix.supersedes = 0;
        fix.note = "đính chính";
        fix.reporter = "Trưởng thôn";
        c.add_progress({fix});
        auto t2 = campaign_to_json_text(c);
        auto c2 = campaign_from_json_text(t2);
        CHECK(c2 == c);
        CHECK(campaign_to_json_text(c2) == t2);
        CHECK(t2.find("\"supersedes\": 0") != std::string::npos);
        CHECK(t2.find("\"reported\": \"2022-04-20\"") != std::string::npos);
    }
    SUBCASE("the seed file") {
        auto seed = fixtures::seed_campaign();
        auto t = campaign_to_json_text(seed);
        CHECK(campaign_to_json_text(campaign_from_json_text(t)) == t);
        CHECK(campaign_from_json_text(t) == seed);
    }
}

TEST_CASE("Every load error names the JSON pointer and what was expected") {
    auto j = minimal();
    SUBCASE("a target value that is text") {
        j["targets"][1]["value"] = "ten";
        auto msg = load_error(j.dump());
        CHECK(msg.find("/targets/1/value") == 0);
        CHECK(msg.find("expected a number") != std::string::npos);
    }
    SUBCASE("a target larger than the unit's households") {
        j["targets"][1]["value"] = 11;
        CHECK(load_error(j.dump()).find("/targets/1/value") == 0);
    }
    SUBCASE("an impossible date") {
        j["window"]["last"] = "31/4/2022";
        auto msg = load_error(j.dump());
        CHECK(msg.find("/window/last") == 0);
        CHECK(msg.find("31/4/2022") != std::string::npos);
    }
    SUBCASE("an unknown level") {
        j["units"][1]["level"] = "hamlet";
        auto msg = load_error(j.dump());
        CHECK(msg.find("/units/1/level") == 0);
        CHECK(msg.find("\"village\"") != std::string::npos);
    }
    SUBCASE("a missing member") {
        j["units"][1].erase("id");
        CHECK(load_error(j.dump()).find("/units/1: missing member \"id\"") == 0);
    }
    SUBCASE("an unknown parent") {
        j["units"][1]["parent"] = "xb";
        CHECK(load_error(j.dump()).find("/units/1") == 0);
    }
    SUBCASE("a progress record for an unknown unit") {
        j["progress"][0]["unit"] = "B";
        CHECK(load_error(j.dump()).find("/progress/0/unit") == 0);
    }
    SUBCASE("a progress record outside the window") {
        j["progress"][0]["date"] = "2022-06-01";
        CHECK(load_error(j.dump()).find("/progress/0/date") == 0);
    }
    SUBCASE("another format") {
        j["format_version"] = 2;
        CHECK(load_error(j.dump()).find("/format_version") == 0);
    }
    SUBCASE("not JSON at all") {
        CHECK(load_error("{\"format\": ").find("JSON byte") == 0);
    }
}

TEST_CASE("JSON nested past the limit is refused at the byte where it goes too deep") {
    // 100,000 levels used to crash while the error message dumped the value.
    const std::string deep(100000, '[');
    try {
        campaign_from_json_text(deep, "deep.json");
        FAIL("no error raised");
    } catch (const parse_error& e) {
        CHECK(e.where() == "deep.json byte " + std::to_string(detail::max_json_depth));
    }
    // Brackets inside strings do not count.
    CHECK_NOTHROW(detail::check_json_depth("[\"" + std::string(1000, '[') + "\"]", "s"));
}

TEST_CASE("A number too large for a double is a located parse error") {
    CHECK_THROWS_WITH_AS(campaign_from_json_text("{\"format\": 1e400}", "big.json"),
                         doctest::Contains("big.json: a number is out of range"), parse_error);
}

TEST_CASE("A wrong value deep in a large array is described by its size, not dumped") {
    auto j = minimal();
    j["units"] = nlohmann::json::array({nlohmann::json::array({1, 2, 3})});
    try {
        campaign_from_json_text(j.dump(), "");
        FAIL("no error raised");
    } catch (const parse_error& e) {
        CHECK(e.where() == "/units/0");
        CHECK(e.detail().find("got an array of 3") != std::string::npos);
    }
}

TEST_CASE("Errors of a loaded file name the file before the JSON pointer") {
    auto j = minimal();
    j["targets"][0]["value"] = -1;
    const auto path = std::filesystem::temp_directory_path() / "ntmkit-bad-campaign.json";
    std::ofstream(path) << j.dump();
    try {
        load_campaign(path.string());
        FAIL("no error raised");
    } catch (const validation_error& e) {
        CHECK(e.where() == path.string() + "#/targets/0/value");
    }
    std::filesystem::remove(path);
}

TEST_CASE("Error messages are valid UTF-8 whatever bytes they quote") {
    const error e("x\xFF", "bad \xC3");
    CHECK(std::string(e.what()) == "x\\xFF: bad \\xC3");
    CHECK(e.where() == "x\\xFF");
    // Invalid UTF-8 inside a JSON string: the library's message quotes the raw byte.
    try {
        campaign_from_json_text("{\"name\": \"\xC3\"}", "u.json");
        FAIL("no error raised");
    } catch (const parse_error& err) {
        CHECK(is_valid_utf8(err.what()));
    }
}

TEST_CASE("An unknown member is refused at its pointer, naming the nearest known member") {
    auto j = minimal();
    const auto refusal = [](const nlohmann::json& doc, const std::string& source = "") {
        try {
            campaign_from_json_text(doc.dump(), source);
        } catch (const parse_error& e) {
            return std::pair(e.where(), e.detail());
        }
        return std::pair(std::string("no error"), std::string());
    };
    SUBCASE("a misspelt households count") {
        j["units"][1]["househlds"] = 97;
        CHECK(refusal(j) == std::pair(std::string("/units/1/househlds"),
                                      std::string("unknown member \"househlds\"; did you mean "
                                                  "\"households\"?")));
        CHECK(refusal(j, "f.json").first == "f.json#/units/1/househlds");
    }
    SUBCASE("swapped letters in a progress record") {
        j["progress"][0]["qunatity"] = 3;
        CHECK(refusal(j).second == "unknown member \"qunatity\"; did you mean \"quantity\"?");
    }
    SUBCASE("nothing close: the known members are listed") {
        j["window"]["colour"] = "green";
        CHECK(refusal(j) == std::pair(std::string("/window/colour"),
                                      std::string("unknown member \"colour\"; expected one of "
                                                  "first, last (or a member starting with x_)")));
    }
    SUBCASE("a / in the name is escaped in the pointer") {
        j["reporting"]["a/b"] = 1;
        CHECK(refusal(j).first == "/reporting/a~1b");
    }
    SUBCASE("at the top") {
        j["targetz"] = nlohmann::json::array();
        CHECK(refusal(j).first == "/targetz");
        CHECK(refusal(j).second == "unknown member \"targetz\"; did you mean \"targets\"?");
    }
}

TEST_CASE("Members starting with x_ are annotations the reader leaves alone") {
    auto j = minimal();
    j["x_note"] = "typed by the commune office";
    j["units"][1]["x_phone"] = "0123";
    j["targets"][0]["x_source"] = {{"page", 3}};
    const auto c = campaign_from_json(j);
    CHECK(c.units().households(c.units().at("A")) == std::optional<std::int64_t>(10));
    CHECK(c == campaign_from_json(minimal()));
}

TEST_CASE("Edit distance counts inserts, deletes, replacements and swapped neighbours") {
    CHECK(detail::edit_distance("househlds", "households") == 1);
    CHECK(detail::edit_distance("nmae", "name") == 1);
    CHECK(detail::edit_distance("kitten", "sitting") == 3);
    CHECK(detail::edit_distance("", "abc") == 3);
    CHECK(detail::edit_distance("unit", "unit") == 0);
}

TEST_CASE("A measure written hộ caps targets at the households and is saved as written") {
    auto j = minimal();
    j["indicators"][0]["measure"] = "Hộ gia đình";
    j["targets"][1]["value"] = 11; // village A has 10 households
    const auto text = j.dump();
    try {
        campaign_from_json_text(text, "ho.json");
        FAIL("no error raised");
    } catch (const validation_error& e) {
        CHECK(e.where() == "ho.json#/targets/1/value");
        CHECK(e.detail() == "unit \"A\" has 10 households, target 11");
    }
    j["targets"][1]["value"] = 10;
    const auto c = campaign_from_json(j);
    CHECK(c.indicators()[0].measure == "Hộ gia đình");
    CHECK(campaign_to_json_text(c).find("\"measure\": \"Hộ gia đình\"") != std::string::npos);
}

TEST_CASE("Households past the largest count are refused, not wrapped") {
    SUBCASE("four counts of 2^62 whose sum overflows: the unit, not a later target") {
        auto j = minimal();
        j["units"][1]["households"] = std::int64_t{1} << 62;
        for (const char* id : {"B", "C", "D"})
            j["units"].push_back({{"id", id},
                                  {"level", "village"},
                                  {"parent", "xa"},
                                  {"households", std::int64_t{1} << 62}});
        const auto e = fixtures::error_of<validation_error>(
            [&] { campaign_from_json_text(j.dump(), "big.json"); });
        // Added from the last village: D + C is already 2^63.
        CHECK(e.where() == "big.json#/units/3");
        CHECK(e.detail() == "households 4611686018427387904 of unit \"C\" take unit \"xa\"'s "
                            "count past 9223372036854775807");
    }
    SUBCASE("one count of 2^63, which the JSON library holds unsigned") {
        auto j = minimal();
        j["units"][1]["households"] = std::uint64_t{1} << 63;
        const auto e = fixtures::error_of<parse_error>([&] { campaign_from_json_text(j.dump()); });
        CHECK(e.where() == "/units/1/households");
        CHECK(e.detail() == "expected an integer up to 9223372036854775807, got number "
                            "9223372036854775808");
    }
}

TEST_CASE("A file typed with combining marks is stored and saved in NFC") {
    // "Hàng rào" and "Cẩm" with separate marks: a + U+0300, e + U+0302 + U+0309 (NFD).
    const std::string hang_nfd = "Ha\xCC\x80ng ra\xCC\x80o", cam_nfd = "Ca\xCC\x82\xCC\x89m";
    const std::string hang_nfc = "H\xC3\xA0ng r\xC3\xA0o", cam_nfc = "C\xE1\xBA\xA9m";
    auto j = minimal();
    j["name"] = "Xã " + cam_nfd;
    j["notes"] = {hang_nfd};
    j["indicators"][0]["name_vi"] = hang_nfd;
    j["indicators"][0]["measure"] = "ho\xCC\xA3\xCC\x82"; // "hộ": o, dot below, circumflex
    j["units"][1]["name"] = cam_nfd;
    j["progress"][0]["note"] = hang_nfd;
    j["progress"][0]["reporter"] = cam_nfd;
    const auto c = campaign_from_json(j);
    CHECK(c.name() == "Xã " + cam_nfc);
    CHECK(c.info().notes == std::vector<std::string>{hang_nfc});
    CHECK(c.indicators()[0].name_vi == hang_nfc);
    CHECK(c.indicators()[0].counts_households());
    CHECK(c.units().name(1) == cam_nfc);
    CHECK(c.progress().note(0) == hang_nfc);
    CHECK(c.progress().reporter(0) == cam_nfc);
    const auto text = campaign_to_json_text(c);
    CHECK(text.find("\xCC") == std::string::npos); // no combining mark left anywhere
    CHECK(c.indicator_at(hang_nfd) == 0);          // and the NFD name still finds it
    // The same campaign typed precomposed gives the same bytes.
    j["name"] = "Xã " + cam_nfc;
    j["notes"] = {hang_nfc};
    j["indicators"][0]["name_vi"] = hang_nfc;
    j["indicators"][0]["measure"] = "h\xE1\xBB\x99";
    j["units"][1]["name"] = cam_nfc;
    j["progress"][0]["note"] = hang_nfc;
    j["progress"][0]["reporter"] = cam_nfc;
    CHECK(campaign_to_json_text(campaign_from_json(j)) == text);
}

TEST_CASE("A member written twice in one object is refused at its pointer") {
    // The JSON library would keep the last value: households 1, not the 10 written first.
    auto text = minimal().dump();
    const auto at = text.find("\"households\":10");
    REQUIRE(at != std::string::npos);
    text.insert(at, "\"households\":1,");
    const auto e =
        fixtures::error_of<parse_error>([&] { campaign_from_json_text(text, "d.json"); });
    CHECK(e.where() == "d.json#/units/1/households");
    CHECK(e.detail() == "member \"households\" is written twice in this object; keep one");
    // The same key in two objects, and nested arrays before it, are fine.
    auto j = minimal();
    j["notes"] = {"a", "b"};
    CHECK(campaign_from_json_text(j.dump()).info().notes.size() == 2);
    // Deeper: the pointer counts array elements of every kind before the member.
    const auto nested = fixtures::error_of<parse_error>([] {
        detail::parse_json_text(R"({"a": [1, [2], {"b": 0}, {"c": 1, "c": 2}]})", "n.json");
    });
    CHECK(nested.where() == "n.json#/a/3/c");
}
