// Progress from CSV, as a commune officer exports it from a spreadsheet. Header row required;
// columns unit, indicator, date, quantity, and optionally reported, note, reporter,
// supersedes, id. Vietnamese headers work too (đơn vị, chỉ tiêu, ngày, số lượng, ngày báo cáo,
// ghi chú, người báo cáo, thay thế, mã). Errors name the row and the column. The id, and a
// `supersedes` that is not a number, are record ids a campaign store keeps (docs/store.md).
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/csv_reader.hpp>
#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/detail/unicode.hpp>
#include <ntmkit/unicode.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ntmkit {

/// How a file or call says its numbers are written: `vi` 1.234,5 ("." groups thousands, ","
/// marks decimals), `en` 1,234.5. Undeclared, only what cannot be misread is accepted
/// (docs/format.md, "Numbers").
enum class number_style : std::uint8_t { undeclared, vi, en };

constexpr auto enum_names(number_style) {
    using P = std::pair<number_style, std::string_view>;
    return std::array{P{number_style::undeclared, "undeclared"}, P{number_style::vi, "vi"},
                      P{number_style::en, "en"}};
}

namespace detail {

/// Canonical column name for a header cell, or "" when it is not a known column.
inline std::string canonical_column(std::string_view header) {
    static const std::array<std::pair<const char*, const char*>, 23> aliases{{
        {"unit", "unit"},
        {"unit_id", "unit"},
        {"đơn vị", "unit"},
        {"indicator", "indicator"},
        {"indicator_id", "indicator"},
        {"chỉ tiêu", "indicator"},
        {"date", "date"},
        {"day", "date"},
        {"ngày", "date"},
        {"quantity", "quantity"},
        {"số lượng", "quantity"},
        {"reported", "reported"},
        {"ngày báo cáo", "reported"},
        {"note", "note"},
        {"ghi chú", "note"},
        {"reporter", "reporter"},
        {"người báo cáo", "reporter"},
        {"supersedes", "supersedes"},
        {"thay thế", "supersedes"},
        {"value", "quantity"},
        {"id", "id"},
        {"mã", "id"},
        {"mã bản ghi", "id"},
    }};
    auto key = word_key(header);
    for (const auto& [alias, canonical] : aliases)
        if (key == nfc(alias))
            return canonical;
    return "";
}

/// A number as a spreadsheet writes it, or why it could not be read.
struct number_reading {
    std::optional<double> value;
    std::string problem; ///< set when value is empty and the text is not simply "not a number"
};

/// "12", "12.5", "12,5" (decimal comma), "1.234,5" (Vietnamese grouping), "1,234.5" (English
/// grouping), "1.234.567" or "1,234,567" (groups only). A single '.' or ',' followed by exactly
/// three digits after one to three digits ("1.234", "12,500") is 1.234 in one locale and 1234
/// in the other: refused rather than guessed (docs/format.md, "Numbers"), unless `style`
/// declares which separator groups thousands; then only that style is accepted.
inline number_reading read_number(std::string_view text,
                                  number_style style = number_style::undeclared) {
    std::string s(trim_cell(text));
    if (s.empty())
        return {};
    const std::size_t sign = s[0] == '-' || s[0] == '+' ? 1 : 0;
    const auto dots = std::count(s.begin(), s.end(), '.');
    const auto commas = std::count(s.begin(), s.end(), ',');
    // Grouping: 1–3 digits, then groups of exactly 3, separated by `g`, from `from` to `to`.
    auto grouped = [&](char g, std::size_t from, std::size_t to) {
        std::size_t run = 0, groups = 0;
        for (std::size_t i = from; i < to; ++i) {
            if (s[i] == g) {
                if (run == 0 || (groups == 0 ? run > 3 : run != 3))
                    return false;
                ++groups;
                run = 0;
            } else if (s[i] >= '0' && s[i] <= '9') {
                ++run;
            } else {
                return false;
            }
        }
        return groups > 0 && run == 3;
    };
    auto drop = [&](char g) { s.erase(std::remove(s.begin(), s.end(), g), s.end()); };
    if (style != number_style::undeclared) {
        const char dec = style == number_style::vi ? ',' : '.';
        const char grp = style == number_style::vi ? '.' : ',';
        const auto d = std::min(s.find(dec), s.size());
        const bool groups_ok = s.find(grp) == s.npos || (s.find(grp) < d && grouped(grp, sign, d));
        if (!groups_ok || std::count(s.begin(), s.end(), dec) > 1)
            return {std::nullopt,
                    "\"" + std::string(text) + "\" is not a number in the declared style " +
                        to_string(style) + " (" +
                        (style == number_style::vi ? "1.234,5" : "1,234.5") + ": \"" + grp +
                        "\" groups thousands in threes, \"" + dec + "\" marks decimals)"};
        drop(grp);
        if (const auto k = s.find(dec); k != s.npos)
            s[k] = '.';
    } else if (dots > 0 && commas > 0) {
        const char dec = s.rfind('.') > s.rfind(',') ? '.' : ',';
        const char grp = dec == '.' ? ',' : '.';
        const auto d = s.rfind(dec);
        if (std::count(s.begin(), s.end(), dec) != 1 || !grouped(grp, sign, d))
            return {};
        drop(grp);
        s[s.find(dec)] = '.';
    } else if (dots + commas > 1) {
        const char grp = dots > 0 ? '.' : ',';
        if (!grouped(grp, sign, s.size()))
            return {};
        drop(grp);
    } else if (dots + commas == 1) {
        const auto at = s.find_first_of(".,");
        const bool three_after = s.size() - at - 1 == 3;
        const bool group_like = at > sign && at - sign <= 3 && s[sign] != '0';
        if (three_after && group_like && grouped(s[at], sign, s.size()))
            return {std::nullopt,
                    "\"" + std::string(text) + "\" could mean " + s.substr(0, at) + "." +
                        s.substr(at + 1) + " or " + s.substr(0, at) + s.substr(at + 1) +
                        ": write whole numbers without a separator (" + s.substr(0, at) +
                        s.substr(at + 1) + ") and decimals with one, two or four digits (1,5)"};
        s[at] = '.';
    }
    double v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    // "nan" and "inf" parse, but no spreadsheet cell means them.
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
        return {};
    return {v, {}};
}

/// The value of read_number, or nothing.
inline std::optional<double> parse_number(std::string_view text,
                                          number_style style = number_style::undeclared) {
    return read_number(text, style).value;
}

/// The records of CSV rows already read (header first); `source` names the file in errors.
inline std::vector<progress_record>
progress_records_of(const std::vector<csv_row>& rows, int default_year, const std::string& source,
                    number_style style = number_style::undeclared) {
    if (rows.empty())
        throw parse_error(source, "the file is empty; expected a header row with unit, "
                                  "indicator, date, quantity");
    const auto& header = rows.front().fields;
    std::vector<std::string> column(header.size());
    auto col_of = [&](std::string_view name) -> std::optional<std::size_t> {
        for (std::size_t k = 0; k < column.size(); ++k)
            if (column[k] == name)
                return k;
        return std::nullopt;
    };
    for (std::size_t k = 0; k < header.size(); ++k) {
        column[k] = detail::canonical_column(header[k]);
        if (!column[k].empty() && col_of(column[k]) != k)
            throw parse_error(source + " row 1, column " + std::to_string(k + 1),
                              "column \"" + column[k] + "\" appears twice");
    }
    for (const char* required : {"unit", "indicator", "date", "quantity"})
        if (!col_of(required))
            throw parse_error(source + " row 1",
                              std::string("missing column \"") + required +
                                  "\"; the header needs unit, indicator, date, quantity");

    std::vector<progress_record> out;
    out.reserve(rows.size() - 1);
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const auto& row = rows[r];
        auto where = [&](std::string_view col) {
            return source + " row " + std::to_string(row.line) + ", column " + std::string(col);
        };
        auto cell = [&](std::string_view col) -> std::string_view {
            auto k = col_of(col);
            if (!k || *k >= row.fields.size())
                return {};
            return row.fields[*k];
        };
        if (row.fields.size() > header.size())
            throw parse_error(where(std::to_string(header.size() + 1)),
                              "the row has " + std::to_string(row.fields.size()) +
                                  " cells but the header only " + std::to_string(header.size()));
        progress_record rec;
        rec.unit = std::string(cell("unit"));
        rec.indicator = std::string(cell("indicator"));
        if (rec.unit.empty())
            throw parse_error(where("unit"), "expected a unit id or name, got an empty cell");
        if (rec.indicator.empty())
            throw parse_error(where("indicator"), "expected an indicator id, got an empty cell");
        try {
            rec.done = parse_date(cell("date"), default_year);
        } catch (const parse_error& e) {
            throw parse_error(where("date"), e.detail() + " (" + e.where() + ")");
        }
        if (auto rep = cell("reported"); !rep.empty()) {
            try {
                rec.reported = parse_date(rep, default_year);
            } catch (const parse_error& e) {
                throw parse_error(where("reported"), e.detail() + " (" + e.where() + ")");
            }
        }
        auto q = detail::read_number(cell("quantity"), style);
        if (!q.value)
            throw parse_error(where("quantity"), q.problem.empty()
                                                     ? "expected a number, got \"" +
                                                           std::string(cell("quantity")) + "\""
                                                     : q.problem);
        rec.quantity = *q.value;
        rec.note = std::string(cell("note"));
        rec.reporter = std::string(cell("reporter"));
        rec.id = std::string(trim_cell(cell("id")));
        if (auto s = cell("supersedes");
            !s.empty() && !detail::parse_number(s) && detail::read_number(s).problem.empty()) {
            rec.supersedes_id = std::string(trim_cell(s)); // not a number: a record id
        } else if (!s.empty()) {
            auto v = detail::parse_number(s);
            // Range first: casting 1e300 to an integer is undefined (found by fuzzing).
            if (!v || !(*v >= 0 && *v <= 9007199254740992.0) || *v != std::floor(*v))
                throw parse_error(where("supersedes"),
                                  "expected a record number, got \"" + std::string(s) + "\"");
            rec.supersedes = static_cast<record_index>(*v);
        }
        out.push_back(std::move(rec));
    }
    return out;
}

} // namespace detail

/// Reads progress records from CSV text; `source` names the file in errors, `style` says how
/// its quantities are written when the file declares it.
inline std::vector<progress_record>
read_progress_csv(std::string_view text, int default_year, const std::string& source = "CSV",
                  number_style style = number_style::undeclared) {
    return detail::progress_records_of(detail::read_csv(text, source), default_year, source, style);
}

/// Reads a CSV and adds it to the campaign as one batch: all rows or none. Errors name the
/// spreadsheet row and column.
inline void add_progress_csv(campaign& c, std::string_view text, const std::string& source = "CSV",
                             number_style style = number_style::undeclared) {
    const auto rows = detail::read_csv(text, source); // once: records and their row numbers
    auto records = detail::progress_records_of(rows, c.window().first().year(), source, style);
    c.add_progress(records, [&](std::size_t i, std::string_view field) {
        return source + " row " + std::to_string(rows[i + 1].line) + ", column " +
               std::string(field);
    });
}

/// One problem of a CSV batch, as progress_csv_problems lists them.
struct csv_problem {
    std::size_t row;     ///< the spreadsheet row (header = 1); 0 for the whole file
    std::string message; ///< "<file> row R, column C: what was expected"
    bool parse;          ///< a parse_error (the cell cannot be read), else a validation_error
};

/// Every problem of a CSV batch, up to `limit`, in row order, where add_progress_csv stops at
/// the first: a row that cannot be read or that the campaign refuses is set aside (replaced by
/// a harmless record, so later rows keep their record numbers for `supersedes`) and the rest
/// checked again, on a copy. A problem of the whole file (its encoding, its header) is the only
/// one. An empty list: add_progress_csv would add the file. `c` is not changed.
inline std::vector<csv_problem> progress_csv_problems(const campaign& c, std::string_view text,
                                                      const std::string& source = "CSV",
                                                      number_style style = number_style::undeclared,
                                                      std::size_t limit = 50) {
    std::vector<csv_problem> problems;
    auto note = [&](const error& e, std::size_t row) {
        problems.push_back({row, e.what(), dynamic_cast<const parse_error*>(&e) != nullptr});
    };
    const int year = c.window().first().year();
    std::vector<detail::csv_row> rows;
    try {
        rows = detail::read_csv(text, source);
        detail::progress_records_of({rows.begin(), rows.begin() + (rows.empty() ? 0 : 1)}, year,
                                    source, style);
    } catch (const error& e) {
        note(e, 0);
        return problems;
    }
    if (c.indicators().empty()) { // no harmless record to set a bad row aside with
        try {
            campaign copy = c;
            add_progress_csv(copy, text, source, style);
        } catch (const error& e) {
            note(e, 0);
        }
        return problems;
    }
    progress_record harmless;
    harmless.unit = std::string(c.units().id(c.units().root()));
    harmless.indicator = c.indicators().front().id;
    harmless.done = c.window().first();
    std::vector<progress_record> records;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        try {
            records.push_back(
                detail::progress_records_of({rows.front(), rows[r]}, year, source, style).front());
        } catch (const error& e) {
            note(e, rows[r].line);
            records.push_back(harmless);
        }
    }
    std::size_t failing = 0; // the record the campaign's check was at when it threw
    const record_locator where = [&](std::size_t i, std::string_view field) {
        failing = i;
        return source + " row " + std::to_string(rows[i + 1].line) + ", column " +
               std::string(field);
    };
    std::vector<bool> set_aside(records.size(), false);
    while (problems.size() < limit) {
        campaign copy = c;
        try {
            copy.add_progress(records, where);
            break;
        } catch (const error& e) {
            if (set_aside[failing]) // the harmless record itself refused: nothing more to learn
                break;
            note(e, rows[failing + 1].line);
            records[failing] = harmless;
            set_aside[failing] = true;
        }
    }
    std::stable_sort(problems.begin(), problems.end(),
                     [](const csv_problem& a, const csv_problem& b) { return a.row < b.row; });
    if (problems.size() > limit)
        problems.resize(limit);
    return problems;
}

} // namespace ntmkit
