// Progress from any Arrow table (Campaign.add_progress_arrow): columns found by the progress
// CSV's headers, read through the Arrow C stream (arrow_c.hpp) and handed to the numpy bulk
// path's templates (columns.hpp) — in place when a column has a type the core takes, converted
// once otherwise (ids to indices, dates to day offsets, several batches gathered). A table with
// notes, reporters or corrections goes through the record path instead. All or nothing.
#include "arrow_c.hpp"
#include "columns.hpp"

#include <ntmkit/csv.hpp>
#include <ntmkit/unicode.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <type_traits>
#include <unordered_map>

namespace ntmkit_py {

namespace {

using C = ntmkit::campaign;
using days = column<std::int16_t, std::int32_t, std::int64_t>;

/// A column of the table, found by its header.
struct field {
    std::string name; // as the table calls it
    std::size_t index = 0;
    std::string format;                      // of the values, or of the codes when encoded
    const ArrowSchema* dictionary = nullptr; // the values of a dictionary-encoded column
};

/// The table as read, with its columns by canonical name (unit, indicator, date, ...).
struct input {
    arrow::table t;
    std::string source;
    std::map<std::string, field> fields;
    py::capsule owner; // the base of numpy views into the table's buffers (alive for the call)

    std::string where(std::int64_t row, std::string_view canonical) const {
        auto f = fields.find(std::string(canonical));
        return source + " row " + std::to_string(row) + ", column " +
               (f == fields.end() ? std::string(canonical) : f->second.name);
    }
    ntmkit::record_locator locator() const {
        return [this](std::size_t i, std::string_view f) {
            return where(static_cast<std::int64_t>(i), f);
        };
    }
    std::vector<arrow::piece> pieces(const field& f) const { return arrow::pieces(t, f.index); }
    const field* find(const char* canonical) const {
        auto f = fields.find(canonical);
        return f == fields.end() ? nullptr : &f->second;
    }
    bool is_text(const field& f) const {
        return arrow::is_text(f.dictionary ? std::string_view(f.dictionary->format)
                                           : std::string_view(f.format));
    }
    [[noreturn]] void wrong_type(const field& f, const std::string& expected) const {
        throw dtype_error(
            source + " column " + f.name,
            "expected " + expected + ", got Arrow format \"" + f.format + "\"" +
                (f.dictionary ? std::string(" (dictionary of \"") + f.dictionary->format + "\")"
                              : ""));
    }
};

constexpr const char* required_columns[] = {"unit", "indicator", "date", "quantity"};

/// Reads the table and finds its columns: the CSV's headers (English or Vietnamese), or the
/// table's own names given in `columns` ({"date": "done"}).
input open(py::handle data, const std::string& source, py::handle columns) {
    input in{arrow::read_table(data, source), source, {}, {}};
    in.owner = py::capsule(&in.t, "ntmkit.arrow_table");
    std::map<std::string, std::string> named; // table name -> canonical
    if (!columns.is_none())
        for (auto [k, v] : columns.cast<py::dict>()) {
            const auto canonical = py::str(k).cast<std::string>();
            if (ntmkit::detail::canonical_column(canonical) != canonical || canonical == "id")
                throw argument_error("columns", "\"" + canonical +
                                                    "\" is not a progress column; expected unit, "
                                                    "indicator, date, quantity, reported, note, "
                                                    "reporter or supersedes");
            const auto name = py::str(v).cast<std::string>();
            if (auto [it, fresh] = named.emplace(name, canonical); !fresh)
                throw argument_error("columns", "\"" + name + "\" is given for both " + it->second +
                                                    " and " + canonical +
                                                    "; a column holds one of them");
        }
    std::map<std::string, std::string> taken; // canonical -> table name, for `columns`
    for (auto& [name, canonical] : named)
        taken[canonical] = name;
    const ArrowSchema& s = in.t.schema.raw;
    for (std::int64_t k = 0; k < s.n_children; ++k) {
        const ArrowSchema* child = s.children[k];
        const std::string name = child->name ? child->name : "";
        if (!ntmkit::is_valid_utf8(name)) // refused, naming the byte (where escapes the name)
            ntmkit::detail::nfc_at(name, source + " column " + name);
        std::string canonical;
        if (auto n = named.find(name); n != named.end())
            canonical = n->second;
        else if (canonical = ntmkit::detail::canonical_column(name); taken.count(canonical))
            continue; // another column was named for it
        if (canonical.empty() || canonical == "id")
            continue;
        const bool required =
            std::count(std::begin(required_columns), std::end(required_columns), canonical) > 0;
        if (!required && std::string_view(child->format) == "n")
            continue; // an optional column with no value at all (the null type)
        if (in.fields.count(canonical))
            throw ntmkit::parse_error(source + " column " + name,
                                      "column \"" + canonical + "\" appears twice");
        in.fields[canonical] = {name, static_cast<std::size_t>(k), child->format,
                                child->dictionary};
    }
    for (auto& [canonical, name] : taken)
        if (!in.fields.count(canonical))
            throw ntmkit::parse_error(source, "no column \"" + name + "\" (given for " + canonical +
                                                  " in columns)");
    for (const char* required : required_columns)
        if (!in.find(required))
            throw ntmkit::parse_error(source, std::string("missing column \"") + required +
                                                  "\"; the table needs unit, indicator, date, "
                                                  "quantity");
    // Nothing is read before the structs of the columns read are checked.
    for (const auto& [canonical, f] : in.fields) {
        arrow::check_column(in.t, static_cast<std::int64_t>(f.index), source);
        if (f.format == "n" && in.t.rows > 0) // a required column of nulls only
            throw ntmkit::parse_error(in.where(0, canonical),
                                      "empty cell (null); a record needs its " + canonical);
    }
    return in;
}

/// Calls visit(row, text) for every row of a text column, plain or dictionary-encoded; text
/// is nullptr where the cell is null.
template <class F> void for_each_text(const input& in, const field& f, F&& visit) {
    for (const auto& p : in.pieces(f)) {
        const ArrowArray* values = f.dictionary ? p.a->dictionary : p.a;
        // Both sides string_view: a ternary with std::string would make a dangling temporary.
        const std::string_view format =
            f.dictionary ? std::string_view(f.dictionary->format) : std::string_view(f.format);
        for (std::int64_t i = 0; i < p.length; ++i) {
            std::int64_t k = p.offset + i;
            if (!arrow::valid(p.a, k)) {
                visit(p.first_row + i, nullptr);
                continue;
            }
            if (f.dictionary) {
                k = arrow::number_at<std::int64_t>(p.a, f.format, k);
                if (k < 0 || k >= values->length)
                    throw ntmkit::parse_error(in.source + " row " +
                                                  std::to_string(p.first_row + i) + ", column " +
                                                  f.name,
                                              "dictionary code out of range");
                k += values->offset;
                if (!arrow::valid(values, k)) {
                    visit(p.first_row + i, nullptr);
                    continue;
                }
            }
            const auto text = arrow::text_at(values, format, k);
            visit(p.first_row + i, &text);
        }
    }
}

/// Every row of a text column mapped by convert(text, row), once per distinct text (valid
/// UTF-8, else a ParseError at the cell); null rows by on_null(row).
template <class T, class F, class N>
py::array_t<T> map_text(const input& in, const field& f, F&& convert, N&& on_null) {
    py::array_t<T> out(static_cast<py::ssize_t>(in.t.rows));
    T* o = out.mutable_data();
    std::unordered_map<std::string_view, T> known; // views into the table's buffers
    for_each_text(in, f, [&](std::int64_t row, const std::string_view* text) {
        if (!text) {
            o[row] = on_null(row);
            return;
        }
        auto it = known.find(*text);
        if (it == known.end()) {
            // A producer need not have checked its text: say so at the cell, naming the byte.
            if (!ntmkit::is_valid_utf8(*text))
                ntmkit::detail::nfc_at(*text, in.source + " row " + std::to_string(row) +
                                                  ", column " + f.name);
            it = known.emplace(*text, convert(*text, row)).first;
        }
        o[row] = it->second;
    });
    return out;
}

/// A required column may not hold nulls (text columns: map_text's on_null refuses them).
void refuse_nulls(const input& in, const field& f, const char* canonical) {
    const auto row = arrow::first_null(in.pieces(f));
    if (row >= 0)
        throw ntmkit::parse_error(in.where(row, canonical),
                                  std::string("empty cell (null); a record needs its ") +
                                      canonical);
}

auto refuse_null(const input& in, const char* canonical) {
    return [&in, canonical](std::int64_t row) -> std::int32_t {
        throw ntmkit::parse_error(in.where(row, canonical),
                                  std::string("empty cell (null); a record needs its ") +
                                      canonical);
    };
}

/// Unit or indicator: indices (integers, read in place) or ids and unique names (text).
template <class... Ts> column<Ts...> cells(const input& in, const C& c, const char* canonical) {
    const field& f = *in.find(canonical);
    const bool unit = std::string_view(canonical) == "unit";
    if (in.is_text(f)) {
        auto to_index = [&](std::string_view key, std::int64_t row) -> std::int32_t {
            const auto where = in.where(row, canonical);
            if (unit)
                return c.units().resolve(key, where);
            try {
                return c.indicator_at(key);
            } catch (const ntmkit::error& e) {
                throw ntmkit::validation_error(where,
                                               "\"" + std::string(key) + "\": " + e.detail());
            }
        };
        return columns_detail::typed<Ts...>(
            map_text<std::int32_t>(in, f, to_index, refuse_null(in, canonical)));
    }
    if (!arrow::is_integer(f.format) || f.dictionary)
        in.wrong_type(f, std::string(canonical) + " ids (text) or " + canonical +
                             " indices (integers; numbers with a fraction are not truncated)");
    refuse_nulls(in, f, canonical);
    return columns_detail::typed<Ts...>(
        arrow::numbers(in.pieces(f), f.format, in.t.rows, in.owner));
}

/// A date as a day offset from the window's first day, saturated to int32: a far-off date
/// fails the window check instead of wrapping.
std::int32_t offset_of(std::int64_t days_since_epoch, const C& c) {
    const std::int64_t shift = (c.window().first() - ntmkit::date(1970, 1, 1)).days();
    const auto d = std::clamp<std::int64_t>(days_since_epoch, -(std::int64_t{1} << 40),
                                            std::int64_t{1} << 40) -
                   shift;
    return static_cast<std::int32_t>(std::clamp<std::int64_t>(
        d, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()));
}

/// Days per unit of an Arrow date or naive timestamp format, or 0 for any other format.
std::int64_t ticks_per_day(const input& in, const field& f) {
    const std::string_view format = f.format;
    if (format == "tdD")
        return 1;
    if (format == "tdm")
        return 86'400'000;
    if (format.size() >= 4 && format.substr(0, 2) == "ts" && format[3] == ':') {
        if (format.size() > 4)
            throw dtype_error(in.source + " column " + f.name,
                              "a timestamp with a time zone (" + std::string(format.substr(4)) +
                                  "): which calendar day is meant is ambiguous; convert it to "
                                  "dates first (e.g. .dt.date())");
        switch (format[2]) {
        case 's':
            return 86'400;
        case 'm':
            return 86'400'000;
        case 'u':
            return 86'400'000'000;
        case 'n':
            return 86'400'000'000'000;
        }
    }
    return 0;
}

/// A day column (date or reported): integers are day offsets (read in place), dates, naive
/// timestamps (their calendar day) and date text become offsets. Null rows are marked in
/// `*nulls` (left empty when there are none; their values are undefined), or refused when
/// `nulls` is nullptr.
py::array day_values(const input& in, const C& c, const field& f, const char* canonical,
                     std::vector<bool>* nulls) {
    auto mark = [&](std::int64_t row) -> std::int32_t {
        if (!nulls)
            refuse_null(in, canonical)(row);
        if (nulls->empty())
            nulls->resize(static_cast<std::size_t>(in.t.rows));
        (*nulls)[static_cast<std::size_t>(row)] = true;
        return 0;
    };
    if (in.is_text(f))
        return map_text<std::int32_t>(
            in, f,
            [&](std::string_view text, std::int64_t row) {
                try {
                    const auto d = ntmkit::parse_date(std::string(text));
                    return offset_of((d - ntmkit::date(1970, 1, 1)).days(), c);
                } catch (const ntmkit::parse_error& e) {
                    throw ntmkit::parse_error(in.where(row, canonical),
                                              e.detail() + " (" + e.where() + ")");
                }
            },
            mark);
    const bool integers = arrow::is_integer(f.format) && !f.dictionary;
    const std::int64_t per_day = integers || f.dictionary ? 0 : ticks_per_day(in, f);
    if (!integers && per_day == 0)
        in.wrong_type(f, std::string("dates, naive timestamps, date text or day offsets "
                                     "(integers) in column ") +
                             canonical);
    const auto ps = in.pieces(f);
    if (arrow::first_null(ps) >= 0)
        for (const auto& p : ps)
            for (std::int64_t i = 0; i < p.length; ++i)
                if (!arrow::valid(p.a, p.offset + i))
                    mark(p.first_row + i);
    if (integers)
        return arrow::numbers(ps, f.format, in.t.rows, in.owner);
    py::array_t<std::int32_t> out(static_cast<py::ssize_t>(in.t.rows));
    auto* o = out.mutable_data();
    for (const auto& p : ps)
        for (std::int64_t i = 0; i < p.length; ++i) {
            const auto v = f.format == "tdD"
                               ? arrow::number_at<std::int64_t>(p.a, "i", p.offset + i)
                               : arrow::number_at<std::int64_t>(p.a, "l", p.offset + i);
            // Floor division: 23:00 on the day before the epoch is that day, not the epoch.
            o[p.first_row + i] = offset_of(v / per_day - (v % per_day < 0), c);
        }
    return out;
}

/// The quantity column: numbers (float16 and integers widened later), or decimals (as their
/// text would be read, arrow::decimal_at).
py::array quantities(const input& in) {
    const field& f = *in.find("quantity");
    const auto decimal = arrow::decimal_of(f.format);
    if (!(arrow::is_number(f.format) || f.format == "e" || decimal.bytes) || f.dictionary)
        in.wrong_type(f, "numbers in column quantity");
    refuse_nulls(in, f, "quantity");
    if (!decimal.bytes)
        return arrow::numbers(in.pieces(f), f.format, in.t.rows, in.owner);
    py::array_t<double> out(static_cast<py::ssize_t>(in.t.rows));
    auto* o = out.mutable_data();
    for (const auto& p : in.pieces(f))
        for (std::int64_t i = 0; i < p.length; ++i)
            o[p.first_row + i] = arrow::decimal_at(p.a, decimal, p.offset + i);
    return std::move(out);
}

/// Notes, reporters and corrections: what the bulk path does not carry.
struct extras {
    std::vector<std::string> notes, reporters;
    std::vector<ntmkit::record_index> supersedes;
    bool any() const { return !notes.empty() || !reporters.empty() || !supersedes.empty(); }
};

/// A text column's values, or nothing when every cell is empty or null.
std::vector<std::string> texts(const input& in, const char* canonical) {
    std::vector<std::string> out;
    const field* f = in.find(canonical);
    if (!f)
        return out;
    if (!in.is_text(*f))
        in.wrong_type(*f, std::string("text in column ") + canonical);
    for_each_text(in, *f, [&](std::int64_t row, const std::string_view* text) {
        if (!text || text->empty())
            return;
        if (out.empty())
            out.resize(static_cast<std::size_t>(in.t.rows));
        out[static_cast<std::size_t>(row)] =
            ntmkit::detail::nfc_at(*text, in.where(row, canonical));
    });
    return out;
}

/// Record numbers corrected (no_record where null), or nothing when every cell is null.
std::vector<ntmkit::record_index> corrections(const input& in) {
    std::vector<ntmkit::record_index> out;
    const field* f = in.find("supersedes");
    if (!f)
        return out;
    if (!arrow::is_number(f->format) || f->dictionary)
        in.wrong_type(*f, "record numbers in column supersedes");
    for (const auto& p : in.pieces(*f))
        for (std::int64_t i = 0; i < p.length; ++i) {
            const auto k = p.offset + i;
            if (!arrow::valid(p.a, k))
                continue;
            const double v = arrow::number_at<double>(p.a, f->format, k);
            if (!(v >= 0 && v < 0x1p63) || v != std::floor(v))
                throw ntmkit::validation_error(in.where(p.first_row + i, "supersedes"),
                                               "expected a record number, got " +
                                                   py::str(py::float_(v)).cast<std::string>());
            if (out.empty())
                out.assign(static_cast<std::size_t>(in.t.rows), ntmkit::no_record);
            out[static_cast<std::size_t>(p.first_row + i)] =
                arrow::number_at<ntmkit::record_index>(p.a, f->format, k);
        }
    return out;
}

/// Each value of a column as long long (the record path), saturated into T's range.
template <class T, class... Ts> std::vector<T> values(const column<Ts...>& col) {
    std::vector<T> out(static_cast<std::size_t>(col.size()));
    dispatch(col, [&](auto* p) {
        for (std::size_t i = 0; i < out.size(); ++i)
            out[i] = static_cast<T>(std::clamp<long long>(static_cast<long long>(p[i]),
                                                          std::numeric_limits<T>::min(),
                                                          std::numeric_limits<T>::max()));
    });
    return out;
}

void add_progress_arrow(C& c, py::handle data, const std::string& source, py::handle columns) {
    const input in = open(data, source, columns);
    const auto where = in.locator();
    const auto n = static_cast<std::size_t>(in.t.rows);
    auto u = cells<std::int32_t, std::int64_t>(in, c, "unit");
    auto i = cells<std::uint8_t, std::int32_t, std::int64_t>(in, c, "indicator");
    auto d = columns_detail::typed<std::int16_t, std::int32_t, std::int64_t>(
        day_values(in, c, *in.find("date"), "date", nullptr));
    auto q = columns_detail::typed<double>(quantities(in));
    std::optional<days> r;
    if (const field* rf = in.find("reported")) {
        std::vector<bool> same_day; // null: reported the day it was done
        py::array rv = day_values(in, c, *rf, "reported", &same_day);
        if (!same_day.empty()) {
            py::array_t<std::int64_t> filled = rv.attr("astype")("int64");
            auto* o = filled.mutable_data();
            dispatch(d, [&](auto* pd) {
                for (std::size_t k = 0; k < n; ++k)
                    if (same_day[k])
                        o[k] = static_cast<std::int64_t>(pd[k]);
            });
            rv = filled;
        }
        r = columns_detail::typed<std::int16_t, std::int32_t, std::int64_t>(rv);
    }
    extras x{texts(in, "note"), texts(in, "reporter"), corrections(in)};
    if (x.any()) {
        std::vector<ntmkit::resolved_record> records(n);
        const auto units = values<ntmkit::unit_index>(u);
        const auto indicators = values<ntmkit::indicator_index>(i);
        const auto done = values<std::int32_t>(d);
        const auto reported = r ? values<std::int32_t>(*r) : done;
        dispatch(q, [&](const double* pq) {
            for (std::size_t k = 0; k < n; ++k) {
                auto& rec = records[k];
                rec.unit = units[k];
                rec.indicator = indicators[k];
                rec.done = done[k];
                rec.reported = reported[k];
                rec.quantity = pq[k];
                if (!x.supersedes.empty())
                    rec.supersedes = x.supersedes[k];
                if (!x.notes.empty())
                    rec.note = std::move(x.notes[k]);
                if (!x.reporters.empty())
                    rec.reporter = std::move(x.reporters[k]);
            }
        });
        py::gil_scoped_release nogil;
        c.add_progress(records, where);
        return;
    }
    add_progress_in_place(c, u, i, std::move(d), std::move(r), q, where);
}

} // namespace

void add_arrow(campaign_class& cls) {
    cls.def("add_progress_arrow", &add_progress_arrow, py::arg("data"),
            py::arg("source") = "Arrow table", py::arg("columns") = py::none(),
            "Add progress from any Arrow table in one batch (all rows or none): an object with "
            "__arrow_c_stream__ or __arrow_c_array__ (pyarrow Table or RecordBatchReader, "
            "Polars DataFrame, DuckDB relation, pandas DataFrame). Columns by the progress "
            "CSV's headers (unit, indicator, date, quantity; optional reported, note, "
            "reporter, supersedes; Vietnamese too), or named in `columns` ({\"date\": "
            "\"done\"}). unit and indicator: ids or names (text, dictionary-encoded too) or "
            "indices (integers); date and reported: dates, naive timestamps, date text or day "
            "offsets from the window's first day (integers); a null reported is the day done; "
            "quantity: integers, floats (float16 too) or decimals (as their text reads). "
            "Integer and float64 columns in one batch are read in place. Errors name \"<source> "
            "row i, column c\" with rows counted from 0.");
}

} // namespace ntmkit_py
