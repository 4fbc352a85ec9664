#include "fixtures.hpp"
#include "seed.hpp"

#include <doctest/doctest.h>
#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/rollup.hpp>

#include <fstream>
#include <map>
#include <sstream>

using namespace ntmkit;

TEST_CASE("Progress loads from a CSV as a spreadsheet exports it") {
    auto c = fixtures::small_campaign();
    SUBCASE("English headers, quoted notes, a late report") {
        add_progress_csv(c, "unit,indicator,date,quantity,reported,note\n"
                            "A1,hedge,15/4/2022,2,,\n"
                            "B,hedge,2022-04-20,3,22/4/2022,\"hộ ông A, hộ bà B\"\n");
        REQUIRE(c.progress().size() == 2);
        CHECK(c.progress().reported_days()[1] == 7);
        CHECK(c.progress().note(1) == "hộ ông A, hộ bà B");
    }
    SUBCASE("Vietnamese headers, semicolons, a byte-order mark, decimal comma, names") {
        add_progress_csv(c, "\xEF\xBB\xBF"
                            "Đơn vị;CHỈ TIÊU;Ngày;Số lượng\r\n"
                            "Thôn B;garden;30/5;1,5\r\n");
        REQUIRE(c.progress().size() == 1);
        CHECK(c.progress().units()[0] == c.units().at("B"));
        CHECK(c.progress().done_days()[0] == 45);
        CHECK(c.progress().quantities()[0] == 1.5);
    }
}

TEST_CASE("CSV errors name the row and the column, and change nothing") {
    auto c = fixtures::small_campaign();
    const auto before = c;
    auto error_of = [&](const std::string& text) -> std::string {
        try {
            add_progress_csv(c, text, "tiendo.csv");
        } catch (const error& e) {
            return e.what();
        }
        return "";
    };
    const std::string header = "unit,indicator,date,quantity\n";
    CHECK(error_of(header + "A1,hedge,15/4/2022,1\nB,hedge,16/4/2022,abc\n")
              .find("tiendo.csv row 3, column quantity: expected a number") == 0);
    CHECK(error_of(header + "A1,hedge,15/4/2022,1\nA1,hedge,31/4/2022,1\n")
              .find("tiendo.csv row 3, column date") == 0);
    CHECK(error_of(header + "A1,hedge,15/4/2022,1\n\nZZ,hedge,16/4/2022,1\n")
              .find("tiendo.csv row 4, column unit") == 0); // the blank row 3 still counts
    CHECK(error_of(header + "A1,hedge,15/4/2022,9\n").find("tiendo.csv row 2, column quantity") ==
          0); // A1 has 4 households
    CHECK(error_of("unit,indicator,quantity\n").find("tiendo.csv row 1: missing column \"date\"") ==
          0);
    CHECK(error_of(header + "A1,hedge,15/4/2022,1,extra\n").find("row 2, column 5") !=
          std::string::npos);
    CHECK(c == before);
}

TEST_CASE("The seed's sample log rolls up to the sums of its rows") {
    // A second, simple method: add up the CSV's rows by village with a map, following the
    // file's own correction (the last row replaces row 3's quantity from 6/5 on).
    auto c = fixtures::seed_campaign();
    const auto text = read_text_file(fixtures::seed_file("progress.csv"));
    add_progress_csv(c, text, "progress.csv");
    const auto& units = c.units();
    std::map<std::string, double> by_village; // hang_rao_xanh, done by 6/5, known now
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    std::vector<std::vector<std::string>> rows;
    while (std::getline(in, line)) {
        std::vector<std::string> f;
        std::string cell;
        std::istringstream ls(line);
        while (std::getline(ls, cell, ','))
            f.push_back(cell);
        rows.push_back(f);
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& f = rows[i];
        bool superseded = false;
        for (const auto& g : rows)
            if (g.size() > 7 && !g[7].empty() && std::stoul(g[7]) == i)
                superseded = true;
        if (superseded || f[1] != "hang_rao_xanh")
            continue;
        auto d = parse_date(f[2]);
        if (d > date(2022, 5, 6))
            continue;
        auto u = units.at(f[0]);
        while (units.level(u) != unit_level::village)
            u = units.parent(u);
        by_village[std::string(units.id(u))] += std::stod(f[4]);
    }
    REQUIRE_FALSE(by_village.empty());
    rollup r(c, date(2022, 5, 6));
    double commune = 0;
    for (const auto& [village, sum] : by_village) {
        CAPTURE(village);
        CHECK(r.row(units.at(village), c.indicator_at("hang_rao_xanh")).tally.cumulative == sum);
        commune += sum;
    }
    CHECK(r.row(units.root(), c.indicator_at("hang_rao_xanh")).tally.cumulative == commune);
}

TEST_CASE("A CSV in Windows-1258 or UTF-16 reads as the same UTF-8 text") {
    auto c = fixtures::small_campaign();
    SUBCASE("Windows-1258 with a separate tone mark (0xEC), composed to NFC") {
        // "Thôn Cấm" in Windows-1258: ô = 0xF4, â = 0xE2, then the acute mark 0xEC.
        add_progress_csv(c, "unit,indicator,date,quantity,note\n"
                            "A1,hedge,15/4/2022,2,Th\xF4n C\xE2\xECm\n");
        REQUIRE(c.progress().size() == 1);
        CHECK(c.progress().note(0) == "Thôn Cấm");
    }
    SUBCASE("UTF-16 little-endian with a byte-order mark and tabs (Excel's Unicode text)") {
        const std::string utf8 = "Đơn vị\tChỉ tiêu\tNgày\tSố lượng\nThôn B\tgarden\t30/5\t2\n";
        std::string utf16 = "\xFF\xFE";
        for (std::size_t i = 0; i < utf8.size();) {
            const auto r = detail::decode_utf8(utf8, i); // all in the BMP
            utf16 += static_cast<char>(r.cp & 0xFF);
            utf16 += static_cast<char>(r.cp >> 8);
            i = r.at;
        }
        add_progress_csv(c, utf16);
        REQUIRE(c.progress().size() == 1);
        CHECK(c.progress().units()[0] == c.units().at("B"));
        CHECK(c.progress().quantities()[0] == 2);
    }
}

TEST_CASE("A CSV in no known encoding is refused at its row and column") {
    auto c = fixtures::small_campaign();
    const auto before = c;
    // 0x81 is defined neither in UTF-8 as a lead byte nor in Windows-1258.
    try {
        add_progress_csv(c, "unit,indicator,date,quantity\nA1,hedge,15/4/2022,2\nA1,he\x81,1,1\n",
                         "x.csv");
        FAIL("no error raised");
    } catch (const parse_error& e) {
        CHECK(e.where() == "x.csv row 3, column 2");
        CHECK(std::string(e.what()).find("byte 0x81") != std::string::npos);
        CHECK(is_valid_utf8(e.what()));
    }
    CHECK(c == before);
}

TEST_CASE("Rows with nothing in any cell are skipped, as Excel writes them below the data") {
    auto c = fixtures::small_campaign();
    add_progress_csv(c, "unit;indicator;date;quantity\nA1;hedge;15/4/2022;2\n;;;\n ; ;;\n");
    CHECK(c.progress().size() == 1);
}

TEST_CASE("Numbers are read without guessing the locale") {
    using detail::read_number;
    CHECK(*read_number("12").value == 12);
    CHECK(*read_number(" 12,5 ").value == 12.5);
    CHECK(*read_number("12.5").value == 12.5);
    CHECK(*read_number("0.125").value == 0.125);       // a leading 0 is never a group
    CHECK(*read_number("1234.567").value == 1234.567); // four digits cannot be one group
    CHECK(*read_number("1.234,5").value == 1234.5);    // Vietnamese grouping
    CHECK(*read_number("1,234.5").value == 1234.5);    // English grouping
    CHECK(*read_number("1.234.567").value == 1234567); // groups only
    CHECK(*read_number("1,5").value == 1.5);
    CHECK(*read_number(",5").value == 0.5); // as some spreadsheets write 0,5
    for (const char* ambiguous : {"1.234", "12,500", "-1.234"}) {
        CAPTURE(ambiguous);
        const auto r = read_number(ambiguous);
        CHECK_FALSE(r.value);
        CHECK(r.problem.find("could mean") != std::string::npos);
    }
    CHECK(read_number("1.234").problem.find("1.234 or 1234") != std::string::npos);
    for (const char* bad : {"", "1.2.3", "1,23,456", "12a", "1.234,5,6", "1.2,3.4"}) {
        CAPTURE(bad);
        CHECK_FALSE(read_number(bad).value);
    }
}

TEST_CASE("A quantity like 1.234 in a CSV is refused, not read 1000 times too small") {
    auto c = fixtures::small_campaign();
    try {
        add_progress_csv(c, "unit,indicator,date,quantity\nB,garden,15/4/2022,\"1.234\"\n",
                         "q.csv");
        FAIL("no error raised");
    } catch (const parse_error& e) {
        CHECK(e.where() == "q.csv row 2, column quantity");
        CHECK(e.detail().find("could mean 1.234 or 1234") != std::string::npos);
    }
    CHECK(c.progress().size() == 0);
}

TEST_CASE("A CSV row gives its indicator by name; a unit name ten groups share is refused") {
    auto c = fixtures::seed_campaign();
    const auto before = c;
    const std::string header = "đơn vị;chỉ tiêu;ngày;số lượng\n";
    const auto e = fixtures::error_of<validation_error>([&] {
        add_progress_csv(c,
                         header + "cam_trang_to_1;Hộ chỉnh trang vườn;16/4/2022;1\n" +
                             "Tổ liên gia 1;Vườn sinh thái;16/4/2022;1\n",
                         "tiendo.csv");
    });
    CHECK(e.where() == "tiendo.csv row 3, column unit");
    CHECK(e.detail() == "\"Tổ liên gia 1\" is the name of 10 units: cam_trang_to_1, "
                        "bong_giang_1_to_1, bong_giang_2_to_1, van_giang_1_to_1, "
                        "van_giang_2_to_1 and 5 more; give the id");
    CHECK(c == before);
    add_progress_csv(c, header + "cam_trang_to_1;Hộ chỉnh trang vườn;16/4/2022;1\n");
    REQUIRE(c.progress().size() == before.progress().size() + 1);
    CHECK(c.progress().indicators().back() == c.indicator_at("chinh_trang_vuon"));
}

TEST_CASE("A record number too large for an integer is refused, not cast") {
    // Found by the progress_csv fuzz harness: 6.7e126 in `supersedes` was cast to an integer.
    auto c = fixtures::small_campaign();
    for (const char* big : {"1e300", "9007199254740993", "-1", "2.5"}) {
        CAPTURE(big);
        try {
            add_progress_csv(
                c,
                std::string("unit,indicator,date,quantity,supersedes\nA1,hedge,15/4/2022,1,") +
                    big + "\n",
                "s.csv");
            FAIL("no error raised");
        } catch (const error& e) { // parse_error, or a number past the log: validation_error
            CHECK(e.where() == "s.csv row 2, column supersedes");
        }
        CHECK(c.progress().size() == 0);
    }
}

TEST_CASE("A declared number style reads its own grouping and refuses the other") {
    using detail::read_number;
    const auto vi = number_style::vi, en = number_style::en;
    CHECK(*read_number("1.234", vi).value == 1234); // the Vietnamese reports' thousands
    CHECK(*read_number("1.234,5", vi).value == 1234.5);
    CHECK(*read_number("12,5", vi).value == 12.5);
    CHECK(*read_number("1.234.567", vi).value == 1234567);
    CHECK(*read_number("1,234", en).value == 1234);
    CHECK(*read_number("1,234.5", en).value == 1234.5);
    CHECK(*read_number("1.5", en).value == 1.5);
    CHECK(*read_number("77", vi).value == 77);
    for (const char* bad : {"12.5", "1,234.5", "1.23", "1,2,3", "1.234,5,6"}) {
        CAPTURE(bad);
        const auto r = read_number(bad, vi);
        CHECK_FALSE(r.value);
        CHECK(r.problem == std::string("\"") + bad +
                               "\" is not a number in the declared style vi (1.234,5: \".\" "
                               "groups thousands in threes, \",\" marks decimals)");
    }
    for (const char* bad : {"1,5", "1.234,5", "12,50"}) {
        CAPTURE(bad);
        CHECK_FALSE(read_number(bad, en).value);
    }
    // nan and inf are no quantity in any style.
    for (const char* bad : {"nan", "inf", "-inf", "1e400"}) {
        CAPTURE(bad);
        CHECK_FALSE(read_number(bad).value);
        CHECK_FALSE(read_number(bad, vi).value);
    }
    auto c = fixtures::small_campaign();
    const std::string text = "unit,indicator,date,quantity\nB,garden,15/4/2022,\"1.234\"\n";
    add_progress_csv(c, text, "q.csv", vi);
    CHECK(c.progress().quantities() == std::vector<double>{1234});
    CHECK(read_progress_csv(text, 2022, "q.csv", en)[0].quantity == 1.234);
}

TEST_CASE("Every bad row of a CSV is listed in row order, up to a limit, and nothing changes") {
    auto c = fixtures::small_campaign(); // A1 has 4 households
    const std::string text = "unit,indicator,date,quantity\n"
                             "A1,hedge,16/4/2022,1\n"  // row 2: good
                             "A1,hedge,16/4/2022,x\n"  // row 3: not a number
                             "Z,hedge,16/4/2022,1\n"   // row 4: no unit Z
                             "A1,hedge,16/4/2022,1\n"  // row 5: good
                             "A1,hedge,31/4/2022,1\n"  // row 6: April has 30 days
                             "A1,hedge,17/4/2022,3\n"; // row 7: 1 + 1 + 3 = 5 > 4 households
    const auto before = c;
    const auto problems = progress_csv_problems(c, text, "t.csv");
    REQUIRE(problems.size() == 4);
    CHECK(problems[0].row == 3);
    CHECK(problems[0].parse);
    CHECK(problems[0].message.rfind("t.csv row 3, column quantity: ", 0) == 0);
    CHECK(problems[1].row == 4);
    CHECK_FALSE(problems[1].parse);
    CHECK(problems[1].message.rfind("t.csv row 4, column unit: ", 0) == 0);
    CHECK(problems[2].message.rfind("t.csv row 6, column date: ", 0) == 0);
    CHECK(problems[3].message.rfind("t.csv row 7, column quantity: ", 0) == 0);
    CHECK(c == before);
    CHECK(progress_csv_problems(c, text, "t.csv", number_style::undeclared, 2).size() == 2);
    // A file add_progress_csv would add has no problem.
    CHECK(progress_csv_problems(c, "unit,indicator,date,quantity\nA1,hedge,16/4/2022,1\n").empty());
    // A problem of the whole file is the only one.
    const auto header = progress_csv_problems(c, "unit,indicator,date\nA1,hedge,16/4/2022\n");
    REQUIRE(header.size() == 1);
    CHECK(header[0].row == 0);
}

TEST_CASE("A CSV's id column and a supersedes that is not a number are read as record ids") {
    const auto recs = read_progress_csv("mã,unit,indicator,date,quantity,thay thế\n"
                                        " CT-1 ,A1,hedge,16/4/2022,2,\n"
                                        "CT-2,A1,hedge,16/4/2022,3,CT-1\n"
                                        ",A1,hedge,16/4/2022,3,0\n",
                                        2022);
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].id == "CT-1");
    CHECK(recs[1].supersedes_id == "CT-1");
    CHECK_FALSE(recs[1].supersedes);
    CHECK(recs[2].id.empty());
    CHECK(recs[2].supersedes == 0);
    // In memory there are no ids to find: only a campaign store resolves them.
    auto c = fixtures::small_campaign();
    CHECK_THROWS_WITH_AS(add_progress_csv(c,
                                          "unit,indicator,date,quantity,supersedes\n"
                                          "A1,hedge,16/4/2022,2,CT-1\n",
                                          "s.csv"),
                         "s.csv row 2, column supersedes: a correction by record id (\"CT-1\") "
                         "needs a campaign store (docs/store.md); in memory give the record number",
                         validation_error);
}
