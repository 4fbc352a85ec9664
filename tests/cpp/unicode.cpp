// Expected strings were produced by Python's unicodedata.normalize('NFC', ...) (Unicode 14.0.0)
// and pasted as byte literals, so they do not depend on the code under test.
#include <ntmkit/unicode.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

// CMake defines NTMKIT_TEST_DATA_DIR; a bare compiler run falls back to the source tree.
#ifndef NTMKIT_TEST_DATA_DIR
#define NTMKIT_TEST_DATA_DIR                                                                       \
    std::string(__FILE__).substr(0, std::string(__FILE__).rfind('/')) + "/../data"
#endif

namespace {

// Independent of ntmkit's encoder on purpose: the data-file test must not trust it.
std::string utf8_of(const std::vector<unsigned long>& cps) {
    std::string s;
    for (unsigned long c : cps) {
        if (c < 0x80) {
            s += static_cast<char>(c);
        } else if (c < 0x800) {
            s += static_cast<char>(0xC0 | (c >> 6));
            s += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            s += static_cast<char>(0xE0 | (c >> 12));
            s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (c >> 18));
            s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return s;
}

std::vector<unsigned long> parse_hex_list(const std::string& text) {
    std::vector<unsigned long> out;
    std::istringstream in(text);
    std::string tok;
    while (in >> tok)
        out.push_back(std::stoul(tok, nullptr, 16));
    return out;
}

ntmkit::parse_error nfc_error(std::string_view s) {
    try {
        ntmkit::nfc(s);
    } catch (const ntmkit::parse_error& e) {
        return e;
    }
    FAIL("nfc() accepted invalid UTF-8");
    return ntmkit::parse_error("", "");
}

} // namespace

TEST_CASE("ASCII text is returned unchanged") {
    CHECK(ntmkit::nfc("") == "");
    CHECK(ntmkit::nfc("Xa Cam Trang, huyen Cam Giang") == "Xa Cam Trang, huyen Cam Giang");
    CHECK(ntmkit::nfc(std::string_view("a\0b", 3)) == std::string("a\0b", 3));
}

TEST_CASE("Decomposed Vietnamese names compose to the precomposed form") {
    SUBCASE("Cẩm Trang") {
        CHECK(ntmkit::nfc("Ca\xCC\x82\xCC\x89m Trang") == "C\xE1\xBA\xA9m Trang");
    }
    SUBCASE("Bồng Giang") {
        CHECK(ntmkit::nfc("Bo\xCC\x82\xCC\x80ng Giang") == "B\xE1\xBB\x93ng Giang");
    }
    SUBCASE("Văn Giang") {
        CHECK(ntmkit::nfc("Va\xCC\x86n Giang") == "V\xC4\x83n Giang");
    }
    SUBCASE("Hợp Phát") {
        CHECK(ntmkit::nfc("Ho\xCC\x9B\xCC\xA3p Pha\xCC\x81t") == "H\xE1\xBB\xA3p Ph\xC3\xA1t");
    }
    SUBCASE("Nguyễn") {
        CHECK(ntmkit::nfc("Nguye\xCC\x82\xCC\x83n") == "Nguy\xE1\xBB\x85n");
    }
}

TEST_CASE("Precomposed text is already NFC and stays byte-identical") {
    for (const char* s : {"C\xE1\xBA\xA9m Trang", "B\xE1\xBB\x93ng Giang", "V\xC4\x83n Giang",
                          "H\xE1\xBB\xA3p Ph\xC3\xA1t", "Nguy\xE1\xBB\x85n"}) {
        CAPTURE(s);
        CHECK(ntmkit::nfc(s) == s);
    }
}

TEST_CASE("Combining marks in non-canonical order are reordered before composing") {
    SUBCASE("e + circumflex (230) + dot below (220) gives U+1EC7") {
        CHECK(ntmkit::nfc("e\xCC\x82\xCC\xA3") == "\xE1\xBB\x87");
    }
    SUBCASE("a + dot below + circumflex gives U+1EAD") {
        CHECK(ntmkit::nfc("a\xCC\xA3\xCC\x82") == "\xE1\xBA\xAD");
    }
    SUBCASE("o + hook above (230) + horn (216) gives U+1EDF") {
        CHECK(ntmkit::nfc("o\xCC\x89\xCC\x9B") == "\xE1\xBB\x9F");
    }
    SUBCASE("C + acute + cedilla composes through U+00C7 to U+1E08") {
        CHECK(ntmkit::nfc("C\xCC\x81\xCC\xA7") == "\xE1\xB8\x88");
    }
}

TEST_CASE("Blocked combining marks are left uncomposed") {
    SUBCASE("second mark of the same class") {
        CHECK(ntmkit::nfc("a\xCC\x81\xCC\x81") == "\xC3\xA1\xCC\x81");
    }
    SUBCASE("a starter between base and mark") {
        CHECK(ntmkit::nfc("ab\xCC\x81") == "ab\xCC\x81");
    }
    SUBCASE("a mark with no starter before it") {
        CHECK(ntmkit::nfc("\xCC\x81"
                          "a") == "\xCC\x81"
                                  "a");
    }
}

TEST_CASE("Hangul jamo sequences compose algorithmically") {
    SUBCASE("L V T") {
        CHECK(ntmkit::nfc("\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8") == "\xEA\xB0\x81");
    }
    SUBCASE("LV syllable + T") {
        CHECK(ntmkit::nfc("\xEA\xB0\x80\xE1\x86\xA8") == "\xEA\xB0\x81");
    }
    SUBCASE("another L V T") {
        CHECK(ntmkit::nfc("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == "\xED\x95\x9C");
    }
    SUBCASE("U+11A7 is not a trailing consonant") {
        CHECK(ntmkit::nfc("\xEA\xB0\x80\xE1\x86\xA7") == "\xEA\xB0\x80\xE1\x86\xA7");
    }
    SUBCASE("an LVT syllable takes no second T") {
        CHECK(ntmkit::nfc("\xEA\xB0\x81\xE1\x86\xA8") == "\xEA\xB0\x81\xE1\x86\xA8");
    }
}

TEST_CASE("Excluded compositions, singletons and non-starter decompositions stay decomposed") {
    SUBCASE("U+0958 is a composition exclusion") {
        CHECK(ntmkit::nfc("\xE0\xA5\x98") == "\xE0\xA4\x95\xE0\xA4\xBC");
        CHECK(ntmkit::nfc("\xE0\xA4\x95\xE0\xA4\xBC") == "\xE0\xA4\x95\xE0\xA4\xBC");
    }
    SUBCASE("KELVIN SIGN is a singleton for K") {
        CHECK(ntmkit::nfc("\xE2\x84\xAA") == "K");
    }
    SUBCASE("OHM SIGN is a singleton for omega") {
        CHECK(ntmkit::nfc("\xE2\x84\xA6") == "\xCE\xA9");
    }
    SUBCASE("U+0344 decomposes to two non-starters") {
        CHECK(ntmkit::nfc("\xCD\x84") == "\xCC\x88\xCC\x81");
    }
}

TEST_CASE("Invalid UTF-8 throws parse_error naming the byte and what was expected") {
    SUBCASE("overlong two-byte encoding of '/'") {
        auto e = nfc_error("\xC0\xAF");
        CHECK(e.where() == "byte 0");
        CHECK(e.detail().find("expected a UTF-8 lead byte") != std::string::npos);
        CHECK(e.detail().find("overlong") != std::string::npos);
    }
    SUBCASE("overlong three-byte encoding") {
        auto e = nfc_error("ab\xE0\x80\xAF");
        CHECK(e.where() == "byte 3");
        CHECK(e.detail().find("expected continuation byte 0xA0-0xBF after lead byte 0xE0") !=
              std::string::npos);
        CHECK(e.detail().find("overlong") != std::string::npos);
    }
    SUBCASE("lone continuation byte") {
        auto e = nfc_error("a\x80");
        CHECK(e.where() == "byte 1");
        CHECK(e.detail().find("got 0x80") != std::string::npos);
    }
    SUBCASE("UTF-16 surrogate encoded in UTF-8") {
        auto e = nfc_error("\xED\xA0\x80");
        CHECK(e.where() == "byte 1");
        CHECK(e.detail().find("expected continuation byte 0x80-0x9F") != std::string::npos);
        CHECK(e.detail().find("surrogate") != std::string::npos);
    }
    SUBCASE("sequence truncated by end of input") {
        auto e = nfc_error("x\xE1\xBB");
        CHECK(e.where() == "byte 3");
        CHECK(e.detail().find("end of input") != std::string::npos);
    }
    SUBCASE("sequence truncated by an ASCII byte") {
        auto e = nfc_error("\xE1\xBB"
                           "x");
        CHECK(e.where() == "byte 2");
        CHECK(e.detail().find("got 0x78") != std::string::npos);
    }
    SUBCASE("code point above U+10FFFF") {
        auto e = nfc_error("\xF4\x90\x80\x80");
        CHECK(e.where() == "byte 1");
        CHECK(e.detail().find("beyond U+10FFFF") != std::string::npos);
    }
    SUBCASE("byte never used in UTF-8") {
        auto e = nfc_error("\xFF");
        CHECK(e.where() == "byte 0");
    }
    SUBCASE("what() combines where and detail") {
        auto e = nfc_error("a\x80");
        CHECK(std::string(e.what()).rfind("byte 1: expected", 0) == 0);
    }
}

TEST_CASE("is_valid_utf8 accepts well-formed text and rejects ill-formed sequences") {
    SUBCASE("boundaries of each sequence length are accepted") {
        CHECK(ntmkit::is_valid_utf8(""));
        CHECK(ntmkit::is_valid_utf8("\x7F"));
        CHECK(ntmkit::is_valid_utf8("\xC2\x80"));          // U+0080
        CHECK(ntmkit::is_valid_utf8("\xDF\xBF"));          // U+07FF
        CHECK(ntmkit::is_valid_utf8("\xE0\xA0\x80"));      // U+0800
        CHECK(ntmkit::is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
        CHECK(ntmkit::is_valid_utf8("\xEE\x80\x80"));      // U+E000
        CHECK(ntmkit::is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
        CHECK(ntmkit::is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
        CHECK(ntmkit::is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
        CHECK(ntmkit::is_valid_utf8("Nguy\xE1\xBB\x85n")); // Nguyễn
    }
    SUBCASE("ill-formed sequences are rejected") {
        CHECK_FALSE(ntmkit::is_valid_utf8("\xC0\xAF"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xC1\xBF"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xE0\x9F\xBF"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xF0\x8F\xBF\xBF"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xED\xA0\x80"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xED\xBF\xBF"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xF4\x90\x80\x80"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xF5\x80\x80\x80"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\x80"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xE1\xBB"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xF0\x90\x80"));
        CHECK_FALSE(ntmkit::is_valid_utf8("\xFE"));
    }
}

TEST_CASE("same_name compares names after NFC only") {
    SUBCASE("decomposed and precomposed spellings match") {
        CHECK(ntmkit::same_name("Ca\xCC\x82\xCC\x89m Trang", "C\xE1\xBA\xA9m Trang"));
        CHECK(ntmkit::same_name("H\xE1\xBB\xA3p Ph\xC3\xA1t", "Ho\xCC\x9B\xCC\xA3p Pha\xCC\x81t"));
    }
    SUBCASE("a non-ASCII singleton can equal an ASCII name") {
        CHECK(ntmkit::same_name("\xE2\x84\xAA", "K"));
    }
    SUBCASE("different names, case and accents differ") {
        CHECK_FALSE(ntmkit::same_name("Cam Trang", "C\xE1\xBA\xA9m Trang"));
        CHECK_FALSE(ntmkit::same_name("cam trang", "Cam Trang"));
        CHECK_FALSE(ntmkit::same_name("V\xC4\x83n Giang", "V\xC3\xA2n Giang"));
    }
    SUBCASE("byte-equal names match") {
        CHECK(ntmkit::same_name("", ""));
        CHECK(ntmkit::same_name("Nguy\xE1\xBB\x85n", "Nguy\xE1\xBB\x85n"));
    }
}

TEST_CASE("same_name throws on invalid UTF-8 unless the inputs are byte-equal") {
    CHECK_THROWS_AS(ntmkit::same_name("a\x80", "a"), ntmkit::parse_error);
    CHECK(ntmkit::same_name("a\x80", "a\x80"));
}

TEST_CASE("Every case in nfc_cases.txt normalises to the unicodedata result") {
    std::ifstream in(std::string(NTMKIT_TEST_DATA_DIR) + "/nfc_cases.txt");
    REQUIRE(in);
    std::string line;
    int checked = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        const auto semi = line.find(';');
        REQUIRE(semi != std::string::npos);
        const std::string input = utf8_of(parse_hex_list(line.substr(0, semi)));
        const std::string expected = utf8_of(parse_hex_list(line.substr(semi + 1)));
        CAPTURE(line);
        CHECK(ntmkit::nfc(input) == expected);
        ++checked;
    }
    CHECK(checked > 5000); // guards against a truncated or missing file
}

TEST_CASE("Every code point normalises to valid, already-normalised UTF-8") {
    // Covers every table entry and the Hangul range; NFC must be idempotent.
    int failures = 0;
    for (unsigned long cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        const std::string once = ntmkit::nfc(utf8_of({cp}));
        if (!ntmkit::is_valid_utf8(once) || ntmkit::nfc(once) != once) {
            CAPTURE(cp);
            FAIL_CHECK("NFC not stable");
            if (++failures > 10)
                break;
        }
    }
    CHECK(failures == 0);
}
