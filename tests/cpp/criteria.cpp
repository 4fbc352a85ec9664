#include "fixtures.hpp"

#include <ntmkit/criteria.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace ntmkit;

namespace {

nlohmann::json read_file_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

// Parses `j` as a criteria set and returns the error it raises.
template <class E> E error_of(const nlohmann::json& j) {
    return fixtures::error_of<E>([&] { (void)j.get<criteria_set>(); });
}

nlohmann::json minimal_set() {
    return nlohmann::json::parse(R"({
      "format": "ntmkit-criteria", "format_version": 1, "id": "mini", "title_vi": "Bộ thử",
      "structure_verified": false, "criteria_complete": true, "variant_kind": "region",
      "variants": [{"id": "north"}, {"id": "south"}],
      "groups": [{"id": "g", "criteria": [{"code": "1", "name_vi": "Một", "indicators": [
        {"code": "1.1", "threshold": {"general": {"kind": "at_least", "value": 80,
                                                  "unit": "percent", "verified": false}}}]}]}]
    })");
}

} // namespace

TEST_CASE("every shipped criteria set loads and has the counts its source states") {
    auto ids = list_builtin_criteria_sets();
    CHECK(ids == std::vector<std::string>{"hatinh-kdc-kieu-mau-2014", "hatinh-vuon-mau",
                                          "hatinh-xa-ntm-20", "qd318-2022-xa",
                                          "qd319-2022-xa-kieu-mau", "qd51-2025-xa"});
    for (const auto& id : ids) {
        CAPTURE(id);
        auto s = load_builtin_criteria_set(id);
        CHECK(s.id == id);
        if (s.stated.criteria)
            CHECK(s.criterion_count() == static_cast<std::size_t>(*s.stated.criteria));
        if (s.stated.groups)
            CHECK(s.groups.size() == static_cast<std::size_t>(*s.stated.groups));
    }

    SUBCASE("QĐ 318: 19 criteria in 5 groups, regional variants") {
        auto s = load_builtin_criteria_set("qd318-2022-xa");
        CHECK(s.groups.size() == 5);
        CHECK(s.criterion_count() == 19);
        CHECK(s.indicator_count() == 14); // what the extract could confirm, not the annex's 57
        CHECK(s.variant_kind == variant_kind::region);
        CHECK(s.variants.size() == 8); // 7 regions + the ĐBKK/ATK alias
        CHECK(s.find_criterion("17")->name_vi == "Môi trường và an toàn thực phẩm");
        CHECK(s.source.effective_date == "2022-03-08");
    }
    SUBCASE("QĐ 51/2025: 10 criteria, commune groups, indicators not yet known") {
        auto s = load_builtin_criteria_set("qd51-2025-xa");
        CHECK(s.criterion_count() == 10);
        CHECK(s.indicator_count() == 0);
        CHECK(s.stated.indicators == 47);
        CHECK(s.variant_kind == variant_kind::commune_group);
        CHECK(s.resolve_variant("xa_nhom_3") == "xa_nhom_3");
    }
    SUBCASE("Hà Tĩnh model residential area: 10 criteria, green fences at least 70%") {
        auto s = load_builtin_criteria_set("hatinh-kdc-kieu-mau-2014");
        CHECK(s.criterion_count() == 10);
        CHECK(s.find_criterion("3")->name_vi == "Hàng rào");
        const auto* t = s.find_indicator("3.1")->threshold.resolve("");
        REQUIRE(t);
        CHECK(t->kind == threshold_kind::at_least);
        CHECK(*t->value == 70);
        CHECK(t->verified);
    }
    SUBCASE("Hà Tĩnh model garden: 4 criteria seen, marked incomplete") {
        auto s = load_builtin_criteria_set("hatinh-vuon-mau");
        CHECK(s.criterion_count() == 4);
        CHECK_FALSE(s.criteria_complete);
        CHECK(*s.find_indicator("3.2")->threshold.resolve("")->value == 75);
        CHECK(*s.find_indicator("4.1")->threshold.resolve("")->value == 80);
        CHECK_FALSE(s.find_indicator("4.2")->threshold.resolve("")->known());
    }
    SUBCASE("the seed's 20/20 set is QĐ 318 plus criterion 20, and says it is unverified") {
        auto s = load_builtin_criteria_set("hatinh-xa-ntm-20");
        CHECK(s.criterion_count() == 20);
        CHECK(s.groups.size() == 6);
        CHECK_FALSE(s.structure_verified);
        CHECK(s.based_on == "qd318-2022-xa");
        CHECK(s.find_criterion("20")->name_vi == "Khu dân cư mẫu, vườn mẫu");
        CHECK(s.notes.front().rfind("UNVERIFIED", 0) == 0);
    }
    SUBCASE("QĐ 319 model commune: the three conditions found, marked incomplete") {
        auto s = load_builtin_criteria_set("qd319-2022-xa-kieu-mau");
        CHECK(s.criterion_count() == 3);
        CHECK_FALSE(s.criteria_complete);
        CHECK_FALSE(s.structure_verified);
        const auto* income = s.find_indicator("2.1")->threshold.resolve("");
        CHECK(income->kind == threshold_kind::at_least);
        CHECK(*income->value == 10); // % above the nâng cao income threshold
        CHECK(income->confidence.rfind("high", 0) == 0);
        CHECK(*s.find_indicator("3.1")->threshold.resolve("")->value == 1); // smart village
    }
}

TEST_CASE("a figure keeps the page it was read from and its stated confidence") {
    auto j = minimal_set();
    auto& general = j["groups"][0]["criteria"][0]["indicators"][0]["threshold"]["general"];
    general["source"] = "https://example.invalid/q";
    general["confidence"] = "medium: news summary";
    auto s = j.get<criteria_set>();
    const auto* t = s.find_indicator("1.1")->threshold.resolve("");
    CHECK(t->source == "https://example.invalid/q");
    CHECK(t->confidence == "medium: news summary");
    const auto written = nlohmann::json(s)["groups"][0]["criteria"][0]["indicators"][0];
    CHECK(written["threshold"]["general"]["confidence"] == "medium: news summary");
    // The shipped stunting figure of Bắc Trung Bộ carries its Q&A mirror and "medium-low".
    const auto shipped = load_builtin_criteria_set("qd318-2022-xa");
    const auto* stunting = shipped.find_indicator("15.2")->threshold.resolve("bac_trung_bo");
    CHECK(stunting->source.rfind("http://118.69.201.250:801/", 0) == 0);
    CHECK(stunting->confidence.rfind("medium-low", 0) == 0);
    // A user's figure is no longer the page's.
    s.set_threshold("1.1", "", 75);
    CHECK(s.find_indicator("1.1")->threshold.resolve("")->source.empty());
    CHECK(s.find_indicator("1.1")->threshold.resolve("")->confidence.empty());
}

TEST_CASE("a threshold differs by region") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    const auto& t153 = s.find_indicator("15.3")->threshold;
    CHECK(*t153.resolve("trung_du_mien_nui_phia_bac")->value == 50);
    CHECK(*t153.resolve("dong_bang_song_hong")->value == 70);
    CHECK(t153.resolve("dong_bang_song_hong")->verified);
    CHECK_FALSE(t153.resolve("bac_trung_bo")->known()); // the source stops before Bắc Trung Bộ

    const auto& t5 = s.find_indicator("5")->threshold;
    CHECK(t5.resolve("dong_bang_song_hong")->text_vi == "100% đạt tiêu chuẩn CSVC mức độ 1");
    CHECK(t5.resolve("bac_trung_bo")->text_vi.rfind("100% đạt tiêu chuẩn CSVC tối thiểu", 0) == 0);
}

TEST_CASE("the stunting figures are kept but marked unverified because the source prints ≥") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    const auto* t = s.find_indicator("15.2")->threshold.resolve("bac_trung_bo");
    CHECK(t->kind == threshold_kind::at_most);
    CHECK(*t->value == 25);
    CHECK(t->text_vi == "≥25%");
    CHECK_FALSE(t->verified);
}

TEST_CASE("a region without its own figure uses the general one") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    const auto* t = s.find_indicator("3.1")->threshold.resolve("bac_trung_bo");
    CHECK(*t->value == 80);
    CHECK(t->verified);
}

TEST_CASE("an extremely disadvantaged commune uses the northern midlands and mountains figures") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    auto v = s.resolve_variant("xa_dbkk_atk");
    CHECK(v == "trung_du_mien_nui_phia_bac");
    CHECK(*s.find_indicator("15.3")->threshold.resolve(v)->value == 50);
}

TEST_CASE("unknown figures stay null and unverified") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    for (const auto& region : {"bac_trung_bo", "dong_nam_bo", ""}) {
        const auto* t = s.find_indicator("10")->threshold.resolve(region);
        REQUIRE(t);
        CHECK_FALSE(t->known());
        CHECK_FALSE(t->verified);
        CHECK(t->unit == "million_vnd_per_person");
    }
}

TEST_CASE("a user sets an unverified threshold and it is marked user-set") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    s.set_threshold("10", "bac_trung_bo", 47.5);
    const auto* t = s.find_indicator("10")->threshold.resolve("bac_trung_bo");
    CHECK(*t->value == 47.5);
    CHECK(t->user_set);
    CHECK_FALSE(t->verified);
    CHECK(t->kind == threshold_kind::at_least);
    CHECK_FALSE(s.find_indicator("10")->threshold.resolve("dong_nam_bo")->known());

    SUBCASE("overriding a sourced figure keeps the source wording in the note") {
        s.set_threshold("15.2", "bac_trung_bo", 20);
        const auto* t2 = s.find_indicator("15.2")->threshold.resolve("bac_trung_bo");
        CHECK(t2->note == "set by the user; the source said: ≥25%");
        CHECK(t2->text_vi.empty());
    }
    SUBCASE("the user's figure survives saving and loading") {
        auto again = nlohmann::json(s).get<criteria_set>();
        CHECK(again.find_indicator("10")->threshold.resolve("bac_trung_bo")->user_set);
    }
    SUBCASE("an alias variant sets the figure of the variant it follows") {
        s.set_threshold("10", "xa_dbkk_atk", 30);
        CHECK(*s.find_indicator("10")->threshold.resolve("trung_du_mien_nui_phia_bac")->value ==
              30);
    }
    SUBCASE("unknown indicator, unknown variant and a number for a yes/no item are refused") {
        CHECK_THROWS_AS(s.set_threshold("99.9", "bac_trung_bo", 1), validation_error);
        CHECK_THROWS_WITH_AS(s.set_threshold("10", "mars", 1),
                             doctest::Contains("variant \"mars\""), validation_error);
        CHECK_THROWS_AS(s.set_threshold("8.1", "bac_trung_bo", 2), validation_error);
    }
}

TEST_CASE("every shipped set survives a JSON round trip unchanged") {
    for (const auto& id : list_builtin_criteria_sets()) {
        CAPTURE(id);
        auto file = read_file_json(builtin_criteria_dir() / (id + ".json"));
        CHECK(nlohmann::json(file.get<criteria_set>()) == file);
    }
}

TEST_CASE("criteria file errors name the JSON pointer and what was expected") {
    auto j = minimal_set();
    REQUIRE_NOTHROW((void)j.get<criteria_set>());

    SUBCASE("an unknown comparison kind") {
        j["groups"][0]["criteria"][0]["indicators"][0]["threshold"]["general"]["kind"] = "above";
        auto e = error_of<parse_error>(j);
        CHECK(e.where() == "/groups/0/criteria/0/indicators/0/threshold/general/kind");
        CHECK(e.detail().find("\"at_least\"") != std::string::npos);
    }
    SUBCASE("a missing criterion name") {
        j["groups"][0]["criteria"][0].erase("name_vi");
        auto e = error_of<parse_error>(j);
        CHECK(e.where() == "/groups/0/criteria/0");
        CHECK(e.detail() == "missing member \"name_vi\"");
    }
    SUBCASE("a misspelt member") {
        j["groups"][0]["criteria"][0]["indicators"][0]["treshold"] = 1;
        CHECK(error_of<parse_error>(j).where() == "/groups/0/criteria/0/indicators/0/treshold");
    }
    SUBCASE("a threshold given as text") {
        j["groups"][0]["criteria"][0]["indicators"][0]["threshold"]["general"]["value"] = "80%";
        auto e = error_of<parse_error>(j);
        CHECK(e.where() == "/groups/0/criteria/0/indicators/0/threshold/general/value");
        CHECK(e.detail() == "expected a number, got string \"80%\"");
    }
    SUBCASE("a figure for an undeclared region") {
        j["groups"][0]["criteria"][0]["indicators"][0]["threshold"]["variants"]["east"] = {
            {"kind", "at_least"}, {"value", 1}, {"verified", false}};
        CHECK(error_of<validation_error>(j).where() ==
              "/groups/0/criteria/0/indicators/0/threshold/variants/east");
    }
    SUBCASE("an indicator code used twice") {
        auto& inds = j["groups"][0]["criteria"][0]["indicators"];
        inds.push_back(inds[0]);
        CHECK(error_of<validation_error>(j).where() == "/groups/0/criteria/0/indicators/1/code");
    }
    SUBCASE("a newer format version") {
        j["format_version"] = 2;
        CHECK(error_of<parse_error>(j).where() == "/format_version");
    }
    SUBCASE("a min_score criterion whose indicator has no points") {
        j["groups"][0]["criteria"][0]["met_rule"] = {{"kind", "min_score"}, {"points", 70}};
        CHECK(error_of<validation_error>(j).where() == "/groups/0/criteria/0/indicators/0");
    }
}

TEST_CASE("a user's own set loads from a file or from a data directory named at run time") {
    auto dir = std::filesystem::temp_directory_path() / "ntmkit-criteria-test";
    std::filesystem::create_directories(dir / "criteria");
    auto j = minimal_set();
    std::ofstream(dir / "criteria" / "mini.json") << j.dump();

    CHECK(load_criteria_set(dir / "criteria" / "mini.json").criterion_count() == 1);

    const char* old = std::getenv("NTMKIT_DATA_DIR");
    std::string saved = old ? old : "";
    setenv("NTMKIT_DATA_DIR", dir.string().c_str(), 1);
    CHECK(list_builtin_criteria_sets() == std::vector<std::string>{"mini"});
    CHECK(load_builtin_criteria_set("mini").title_vi == "Bộ thử");
    CHECK_THROWS_WITH_AS(load_builtin_criteria_set("qd318-2022-xa"),
                         doctest::Contains("available: mini"), validation_error);
    if (old)
        setenv("NTMKIT_DATA_DIR", saved.c_str(), 1);
    else
        unsetenv("NTMKIT_DATA_DIR");

    SUBCASE("an error in a file names the file and the pointer") {
        j["groups"][0]["id"] = 7;
        std::ofstream(dir / "criteria" / "bad.json") << j.dump();
        try {
            load_criteria_set(dir / "criteria" / "bad.json");
            FAIL("no error raised");
        } catch (const parse_error& e) {
            CHECK(e.where() == (dir / "criteria" / "bad.json").string() + "#/groups/0/id");
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("a saved set loads back equal, the user's figure included") {
    auto s = load_builtin_criteria_set("qd318-2022-xa");
    s.set_threshold("10", "bac_trung_bo", 47.5);
    const auto path = std::filesystem::temp_directory_path() / "ntmkit-saved-set.json";
    save_criteria_set(s, path);
    const auto again = load_criteria_set(path);
    std::filesystem::remove(path);
    CHECK(nlohmann::json(again) == nlohmann::json(s));
    const auto* t = again.find_indicator("10")->threshold.resolve("bac_trung_bo");
    CHECK(*t->value == 47.5);
    CHECK(t->user_set);
    CHECK_FALSE(t->verified);
    // The file on disk is not the shipped one: the figure was unknown there.
    CHECK_FALSE(load_builtin_criteria_set("qd318-2022-xa")
                    .find_indicator("10")
                    ->threshold.resolve("bac_trung_bo")
                    ->known());
}

TEST_CASE("saving a set where no file can be written says where") {
    const auto path = std::filesystem::temp_directory_path() / "ntmkit-no-such-dir" / "x.json";
    CHECK_THROWS_WITH_AS(save_criteria_set(load_builtin_criteria_set("qd318-2022-xa"), path),
                         doctest::Contains("cannot write criteria file"), error);
    try {
        save_criteria_set(load_builtin_criteria_set("qd318-2022-xa"), path);
    } catch (const error& e) {
        CHECK(e.where() == path.string());
    }
}

TEST_CASE("a program's default data directory is used unless NTMKIT_DATA_DIR names another") {
    auto mine = std::filesystem::temp_directory_path() / "ntmkit-default-data-dir";
    const char* old = std::getenv("NTMKIT_DATA_DIR");
    std::string saved = old ? old : "";
    unsetenv("NTMKIT_DATA_DIR");
    default_data_dir() = mine;
    CHECK(builtin_criteria_dir() == mine / "criteria");
    setenv("NTMKIT_DATA_DIR", "/elsewhere", 1);
    CHECK(builtin_criteria_dir() == std::filesystem::path("/elsewhere") / "criteria");
    default_data_dir().clear();
    if (old)
        setenv("NTMKIT_DATA_DIR", saved.c_str(), 1);
    else
        unsetenv("NTMKIT_DATA_DIR");
}
