// Progress from CSV, as a commune officer exports it from a spreadsheet. Header row required;
// columns unit, indicator, date, quantity, and optionally reported, note, reporter,
// supersedes, id. Vietnamese headers work too (đơn vị, chỉ tiêu, ngày, số lượng, ngày báo cáo,
// ghi chú, người báo cáo, thay thế, mã). Errors name the row and the column. The id, and a
// `supersedes` that is not a number, are record ids a campaign store keeps (docs/store.md).
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/csv_reader.hpp>
#include <ntmkit/detail/unicode.hpp>
#include <ntmkit/unicode.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace ntmkit {

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
/// in the other: refused rather than guessed (docs/format.md, "Numbers").
inline number_reading read_number(std::string_view text) {
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
    if (dots > 0 && commas > 0) {
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
    if (ec != std::errc() || ptr != s.data() + s.size())
        return {};
    return {v, {}};
}

/// The value of read_number, or nothing.
inline std::optional<double> parse_number(std::string_view text) {
    return read_number(text).value;
}

/// The records of CSV rows already read (header first); `source` names the file in errors.
inline std::vector<progress_record>
progress_records_of(const std::vector<csv_row>& rows, int default_year, const std::string& source) {
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
        auto q = detail::read_number(cell("quantity"));
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

/// Reads progress records from CSV text; `source` names the file in errors.
inline std::vector<progress_record> read_progress_csv(std::string_view text, int default_year,
                                                      const std::string& source = "CSV") {
    return detail::progress_records_of(detail::read_csv(text, source), default_year, source);
}

/// Reads a CSV and adds it to the campaign as one batch: all rows or none. Errors name the
/// spreadsheet row and column.
inline void add_progress_csv(campaign& c, std::string_view text,
                             const std::string& source = "CSV") {
    const auto rows = detail::read_csv(text, source); // once: records and their row numbers
    auto records = detail::progress_records_of(rows, c.window().first().year(), source);
    c.add_progress(records, [&](std::size_t i, std::string_view field) {
        return source + " row " + std::to_string(rows[i + 1].line) + ", column " +
               std::string(field);
    });
}

} // namespace ntmkit
