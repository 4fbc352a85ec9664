// The Arrow C data and stream interfaces, declared here (they are meant to be copied: see
// arrow.apache.org/docs/format/CDataInterface.html), and the one place that checks a struct a
// producer handed over before anything reads it. No Python here (arrow_c.hpp adds that), so a
// fuzz harness can build trees of structs and check and read them.
//
// A struct carries no buffer sizes, so what can be checked is what the struct itself says:
// counts, formats, null pointers, negative lengths and offsets, child lengths against the
// rows the table needs, string offsets (in order, from zero up) and string views (their data
// buffer exists and holds them: the sizes of variadic buffers are given). A producer that
// lies about a buffer's size cannot be caught; any other malformed struct is a parse_error
// that says which batch and column, or which row, and what was expected.
#pragma once

#include <ntmkit/error.hpp>

#include <stdint.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern "C" {
#ifndef ARROW_C_DATA_INTERFACE
#define ARROW_C_DATA_INTERFACE
#define ARROW_FLAG_DICTIONARY_ORDERED 1
#define ARROW_FLAG_NULLABLE 2
#define ARROW_FLAG_MAP_KEYS_SORTED 4
struct ArrowSchema {
    const char* format;
    const char* name;
    const char* metadata;
    int64_t flags;
    int64_t n_children;
    struct ArrowSchema** children;
    struct ArrowSchema* dictionary;
    void (*release)(struct ArrowSchema*);
    void* private_data;
};
struct ArrowArray {
    int64_t length;
    int64_t null_count;
    int64_t offset;
    int64_t n_buffers;
    int64_t n_children;
    const void** buffers;
    struct ArrowArray** children;
    struct ArrowArray* dictionary;
    void (*release)(struct ArrowArray*);
    void* private_data;
};
#endif
#ifndef ARROW_C_STREAM_INTERFACE
#define ARROW_C_STREAM_INTERFACE
struct ArrowArrayStream {
    int (*get_schema)(struct ArrowArrayStream*, struct ArrowSchema* out);
    int (*get_next)(struct ArrowArrayStream*, struct ArrowArray* out);
    const char* (*get_last_error)(struct ArrowArrayStream*);
    void (*release)(struct ArrowArrayStream*);
    void* private_data;
};
#endif
}

namespace ntmkit_py::arrow {

/// A value of type T at byte `at` of a buffer, whatever the buffer's alignment.
template <class T> T load(const void* buffer, std::int64_t k) {
    T v;
    std::memcpy(&v, static_cast<const char*>(buffer) + k * static_cast<std::int64_t>(sizeof(T)),
                sizeof(T));
    return v;
}

inline bool is_text(std::string_view format) {
    return format == "u" || format == "U" || format == "vu";
}
inline bool is_integer(std::string_view format) {
    return format.size() == 1 &&
           std::string_view("cCsSiIlL").find(format[0]) != std::string_view::npos;
}
inline bool is_number(std::string_view format) {
    return is_integer(format) || format == "f" || format == "g";
}

/// How a format's buffers are laid out, for the formats anything here reads.
enum class layout {
    other,    // not read: the loaders refuse its type before reading a value
    null,     // "n": no buffers, every value null
    fixed,    // validity, values (numbers, dates, timestamps, bools, decimals)
    text32,   // validity, int32 offsets, data ("u", "z")
    text64,   // validity, int64 offsets, data ("U", "Z")
    view,     // validity, views, data buffers..., their sizes ("vu", "vz")
    structure // validity; the columns are its children ("+s")
};

inline layout layout_of(std::string_view f) {
    if (f == "n")
        return layout::null;
    if (f == "u" || f == "z")
        return layout::text32;
    if (f == "U" || f == "Z")
        return layout::text64;
    if (f == "vu" || f == "vz")
        return layout::view;
    if (f == "+s")
        return layout::structure;
    if ((f.size() == 1 && std::string_view("bcCsSiIlLefg").find(f[0]) != f.npos) || f == "tdD" ||
        f == "tdm" || (f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':') ||
        f.substr(0, 2) == "d:")
        return layout::fixed;
    return layout::other;
}

/// Whether value k (counted in the buffers, offset included) is present. For an array that
/// check() accepted.
inline bool valid(const ArrowArray* a, std::int64_t k) {
    if (a->n_buffers == 0)
        return false; // the null type ("n"): every value is null
    if (a->null_count == 0 || !a->buffers[0])
        return true;
    return (load<std::uint8_t>(a->buffers[0], k >> 3) >> (k & 7)) & 1;
}

/// Value k of a utf8 ("u"), large utf8 ("U") or utf8 view ("vu") array that check() accepted.
inline std::string_view text_at(const ArrowArray* a, std::string_view format, std::int64_t k) {
    const auto* data = static_cast<const char*>(a->buffers[2]);
    auto piece = [](const char* at, std::int64_t from, std::int64_t to) {
        return from == to ? std::string_view() // also when there is no data buffer
                          : std::string_view(at + from, static_cast<std::size_t>(to - from));
    };
    if (format == "u")
        return piece(data, load<std::int32_t>(a->buffers[1], k),
                     load<std::int32_t>(a->buffers[1], k + 1));
    if (format == "U")
        return piece(data, load<std::int64_t>(a->buffers[1], k),
                     load<std::int64_t>(a->buffers[1], k + 1));
    // A view: length, then the text itself (12 bytes or fewer) or its prefix, buffer, offset.
    const auto* view = static_cast<const char*>(a->buffers[1]) + 16 * k;
    const auto length = load<std::int32_t>(view, 0);
    if (length <= 12)
        return {view + 4, static_cast<std::size_t>(length)};
    const auto buffer = load<std::int32_t>(view, 2), offset = load<std::int32_t>(view, 3);
    return piece(static_cast<const char*>(a->buffers[2 + buffer]), offset,
                 std::int64_t{offset} + length);
}

/// Value k of a number array as T (a dictionary's codes, a correction's record number).
template <class T> T number_at(const ArrowArray* a, std::string_view format, std::int64_t k) {
    const void* b = a->buffers[1];
    switch (format.empty() ? ' ' : format[0]) {
    case 'c':
        return static_cast<T>(load<std::int8_t>(b, k));
    case 'C':
        return static_cast<T>(load<std::uint8_t>(b, k));
    case 's':
        return static_cast<T>(load<std::int16_t>(b, k));
    case 'S':
        return static_cast<T>(load<std::uint16_t>(b, k));
    case 'i':
        return static_cast<T>(load<std::int32_t>(b, k));
    case 'I':
        return static_cast<T>(load<std::uint32_t>(b, k));
    case 'l':
        return static_cast<T>(load<std::int64_t>(b, k));
    case 'L':
        return static_cast<T>(load<std::uint64_t>(b, k));
    case 'f':
        return static_cast<T>(load<float>(b, k));
    default:
        return static_cast<T>(load<double>(b, k));
    }
}

/// A decimal format "d:precision,scale[,bitwidth]": its scale and its values' width in bytes;
/// bytes is 0 when the format is no decimal of 32, 64, 128 or 256 bits.
struct decimal_format {
    int scale = 0;
    int bytes = 0;
};

inline decimal_format decimal_of(std::string_view f) {
    if (f.substr(0, 2) != "d:")
        return {};
    long parts[3] = {0, 0, 128};
    std::size_t n = 0, at = 2;
    while (n < 3 && at < f.size()) {
        bool negative = f[at] == '-', digits = false;
        at += negative;
        long v = 0;
        for (; at < f.size() && f[at] >= '0' && f[at] <= '9' && v < 100000; ++at, digits = true)
            v = v * 10 + (f[at] - '0');
        if (!digits || (at < f.size() && f[at++] != ','))
            return {};
        parts[n++] = negative ? -v : v;
    }
    if (n < 2 || at < f.size() || parts[1] < -400 || parts[1] > 400)
        return {};
    for (int bits : {32, 64, 128, 256})
        if (parts[2] == bits)
            return {static_cast<int>(parts[1]), bits / 8};
    return {};
}

/// Value k of a decimal array as a double: the nearest one, as its text would be read, when
/// the unscaled value fits in 53 bits and the scale is at most 22 (one rounding of exact
/// numbers); close to it otherwise.
inline double decimal_at(const ArrowArray* a, decimal_format d, std::int64_t k) {
    const char* at = static_cast<const char*>(a->buffers[1]) + k * d.bytes;
    double v;
    if (d.bytes == 4) {
        v = load<std::int32_t>(at, 0);
    } else {
        // Little-endian 64-bit words, the last one signed: exact when it is an int64.
        const int words = d.bytes / 8;
        const auto low = load<std::int64_t>(at, 0);
        bool fits = true;
        for (int i = 1; i < words; ++i)
            fits = fits && load<std::int64_t>(at, i) == (low < 0 ? -1 : 0);
        v = static_cast<double>(low);
        if (!fits) {
            v = static_cast<double>(load<std::int64_t>(at, words - 1));
            for (int i = words - 2; i >= 0; --i)
                v = v * 0x1p64 + static_cast<double>(load<std::uint64_t>(at, i));
        }
    }
    static constexpr double exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    const int s = d.scale < 0 ? -d.scale : d.scale;
    const double ten = s <= 22 ? exact[s] : std::pow(10.0, s);
    return d.scale < 0 ? v * ten : v / ten;
}

/// Where a checked struct sits, for errors: "<source> batch b, column c" or "<source> row r,
/// column c" (rows of the table, counted from 0).
struct location {
    std::string source;
    std::string column; // as the table names it; empty for the table's own struct
    std::int64_t batch = 0;
    std::int64_t first_row = 0; // the table's row of the batch's first row
    bool dictionary = false;    // the column's dictionary: "rows" are its values

    std::string at() const {
        return source + " batch " + std::to_string(batch) +
               (column.empty() ? std::string() : ", column " + column) +
               (dictionary ? ", its dictionary" : "");
    }
    std::string row(std::int64_t r) const {
        if (dictionary)
            return at() + " value " + std::to_string(r);
        return source + " row " + std::to_string(first_row + r) +
               (column.empty() ? std::string() : ", column " + column);
    }
};

namespace detail {

[[noreturn]] inline void malformed(const std::string& where, const std::string& what) {
    throw ntmkit::parse_error(where, "malformed Arrow data: " + what);
}

inline std::string n(std::int64_t v) {
    return std::to_string(v);
}

/// The struct's own fields: counts, pointers, length and offset.
inline void check_fields(const ArrowArray& a, const std::string& where) {
    if (a.length < 0)
        malformed(where, "negative length (" + n(a.length) + ")");
    if (a.offset < 0)
        malformed(where, "negative offset (" + n(a.offset) + ")");
    if (a.offset > std::numeric_limits<std::int64_t>::max() - a.length)
        malformed(where, "offset " + n(a.offset) + " plus length " + n(a.length) + " overflows");
    if (a.null_count < -1 || a.null_count > a.length)
        malformed(where, "null_count " + n(a.null_count) +
                             "; expected -1 (not computed) or 0 to the length, " + n(a.length));
    if (a.n_buffers < 0 || (a.n_buffers > 0 && !a.buffers))
        malformed(where, "n_buffers " + n(a.n_buffers) + " with buffers " +
                             (a.buffers ? "given" : "null"));
    if (a.n_children < 0 || (a.n_children > 0 && !a.children))
        malformed(where, "n_children " + n(a.n_children) + " with children " +
                             (a.children ? "given" : "null"));
}

/// String offsets k = first..first+count of an array: from zero up, never decreasing; their
/// data buffer present when they span any byte.
template <class O>
void check_offsets(const ArrowArray& a, std::int64_t first, std::int64_t count, const location& loc,
                   const std::string& where) {
    if (count == 0)
        return;
    if (!a.buffers[1])
        malformed(where, "no offsets buffer (null) for " + n(count) + " values");
    O previous = load<O>(a.buffers[1], first);
    if (previous < 0)
        malformed(loc.row(0), "negative string offset (" + n(previous) + ")");
    for (std::int64_t i = 0; i < count; ++i) {
        const O next = load<O>(a.buffers[1], first + i + 1);
        if (next < previous)
            malformed(loc.row(i),
                      "string offsets decrease (" + n(previous) + " then " + n(next) + ")");
        previous = next;
    }
    if (previous != load<O>(a.buffers[1], first) && !a.buffers[2])
        malformed(where, "no data buffer (null) for " + n(previous) + " bytes of text");
}

/// The views k = first..first+count that are not null: each inside its data buffer, whose
/// size the array's last buffer gives.
inline void check_views(const ArrowArray& a, std::int64_t first, std::int64_t count,
                        const location& loc, const std::string& where) {
    if (count == 0)
        return;
    if (!a.buffers[1])
        malformed(where, "no views buffer (null) for " + n(count) + " values");
    const std::int64_t data_buffers = a.n_buffers - 3;
    const void* sizes = a.buffers[a.n_buffers - 1];
    if (data_buffers > 0 && !sizes)
        malformed(where, "no buffer of data buffer sizes (null)");
    for (std::int64_t i = 0; i < count; ++i) {
        const std::int64_t k = first + i;
        if (!valid(&a, k))
            continue;
        const auto* view = static_cast<const char*>(a.buffers[1]) + 16 * k;
        const auto length = load<std::int32_t>(view, 0);
        if (length < 0)
            malformed(loc.row(i), "negative string view length (" + n(length) + ")");
        if (length <= 12)
            continue;
        const auto buffer = load<std::int32_t>(view, 2), offset = load<std::int32_t>(view, 3);
        if (buffer < 0 || buffer >= data_buffers)
            malformed(loc.row(i), "string view in data buffer " + n(buffer) + "; the array has " +
                                      n(data_buffers));
        const auto size = load<std::int64_t>(sizes, buffer);
        if (offset < 0 || std::int64_t{offset} + length > size)
            malformed(loc.row(i), "string view of bytes " + n(offset) + " to " +
                                      n(std::int64_t{offset} + length) + " of data buffer " +
                                      n(buffer) + ", which has " + n(size));
        if (!a.buffers[2 + buffer])
            malformed(loc.row(i), "string view in data buffer " + n(buffer) + ", which is null");
    }
}

} // namespace detail

/// A schema node's own fields: a format, and its children there when it says it has some.
inline void check_schema(const ArrowSchema& s, const std::string& where) {
    if (!s.format)
        detail::malformed(where, "the schema has no format (null)");
    if (s.n_children < 0 || (s.n_children > 0 && !s.children))
        detail::malformed(where, "the schema has n_children " + detail::n(s.n_children) +
                                     " with children " + (s.children ? "given" : "null"));
    for (std::int64_t k = 0; k < s.n_children; ++k)
        if (!s.children[k] || !s.children[k]->format)
            detail::malformed(where, "the schema's child " + detail::n(k) + " is " +
                                         (s.children[k] ? "without a format (null)" : "null"));
    if (s.dictionary && !s.dictionary->format)
        detail::malformed(where, "the schema's dictionary has no format (null)");
}

/// Checks an array against its schema (check_schema accepted) before anything reads values
/// first..first+count of it (a column's rows of a batch: the batch's offset and length): the
/// counts its format needs, no null buffer where values are, its length holding the rows,
/// string offsets and views, a dictionary's codes and values. Formats of layout::other are
/// checked no further than the struct's own fields. Throws a parse_error at `loc`.
inline void check(const ArrowSchema& s, const ArrowArray& a, std::int64_t first, std::int64_t count,
                  const location& loc) {
    const std::string where = loc.at();
    detail::check_fields(a, where);
    if (first > a.length - count)
        detail::malformed(where, "length " + detail::n(a.length) + ", but the batch needs " +
                                     detail::n(count) + " values from value " + detail::n(first));
    const std::string_view format = s.format;
    const std::string says = "Arrow format \"" + std::string(format) + "\" has ";
    auto buffers = [&](std::int64_t expected, const char* which) {
        if (a.n_buffers != expected)
            detail::malformed(where, "n_buffers " + detail::n(a.n_buffers) + "; " + says +
                                         detail::n(expected) + " (" + which + ")");
    };
    const layout l = layout_of(format);
    if (l != layout::other && l != layout::structure && a.n_children != 0)
        detail::malformed(where, "n_children " + detail::n(a.n_children) + "; " + says + "none");
    if (l != layout::null && l != layout::other && a.n_buffers > 0 && !a.buffers[0] &&
        a.null_count > 0)
        detail::malformed(where, "null_count " + detail::n(a.null_count) +
                                     " but no validity buffer (null)");
    const std::int64_t at = a.offset + first; // in the buffers
    switch (l) {
    case layout::other:
    case layout::null:
        break;
    case layout::fixed:
        buffers(2, "validity, values");
        if (count > 0 && !a.buffers[1])
            detail::malformed(where, "no values buffer (null) for " + detail::n(count) + " values");
        break;
    case layout::text32:
        buffers(3, "validity, offsets, data");
        detail::check_offsets<std::int32_t>(a, at, count, loc, where);
        break;
    case layout::text64:
        buffers(3, "validity, offsets, data");
        detail::check_offsets<std::int64_t>(a, at, count, loc, where);
        break;
    case layout::view:
        if (a.n_buffers < 3)
            detail::malformed(where, "n_buffers " + detail::n(a.n_buffers) + "; " + says +
                                         "at least 3 (validity, views, data buffer sizes)");
        detail::check_views(a, at, count, loc, where);
        break;
    case layout::structure:
        buffers(1, "validity");
        if (a.n_children != s.n_children)
            detail::malformed(where, "n_children " + detail::n(a.n_children) +
                                         ", but the schema has " + detail::n(s.n_children) +
                                         " columns");
        for (std::int64_t k = 0; k < a.n_children; ++k)
            if (!a.children[k])
                detail::malformed(where, "column " + detail::n(k) + " is null");
        for (std::int64_t i = 0; a.null_count != 0 && a.buffers[0] && i < count; ++i)
            if (!valid(&a, at + i))
                detail::malformed(loc.row(i), "the whole row is null (the table's struct "
                                              "marks it so); expected a record");
        break;
    }
    if (!s.dictionary)
        return;
    if (!a.dictionary)
        detail::malformed(where, "the schema says dictionary-encoded, but the array has no "
                                 "dictionary (null)");
    if (!is_integer(format))
        detail::malformed(where, "dictionary codes of Arrow format \"" + std::string(format) +
                                     "\"; expected an integer format");
    if (s.dictionary->dictionary)
        detail::malformed(where, "a dictionary whose values are dictionary-encoded again; "
                                 "expected plain values");
    location values = loc;
    values.dictionary = true;
    check(*s.dictionary, *a.dictionary, 0, std::max<std::int64_t>(a.dictionary->length, 0), values);
}

/// A C interface struct this side owns: released (by its producer's callback) on destruction,
/// exactly once.
template <class T> struct owned {
    T raw{}; // release == nullptr: nothing to release
    owned() = default;
    owned(const owned&) = delete;
    owned& operator=(const owned&) = delete;
    owned(owned&& o) noexcept : raw(o.raw) { o.raw.release = nullptr; }
    ~owned() {
        if (raw.release)
            raw.release(&raw);
    }
};

/// A table read whole from a producer: its schema (a struct of columns) and its batches.
struct table {
    owned<ArrowSchema> schema;
    std::vector<owned<ArrowArray>> batches;
    std::int64_t rows = 0;
};

/// Every batch of a stream (owned by the caller, released by it). A failing callback is a
/// parse_error at `source` with the stream's own message; the struct it was to fill is left
/// unreleased, as the interface says.
inline table read_stream(ArrowArrayStream& s, const std::string& source) {
    for (auto [callback, name] : {std::pair{s.get_schema != nullptr, "get_schema"},
                                  std::pair{s.get_next != nullptr, "get_next"}})
        if (!callback)
            detail::malformed(source,
                              std::string("the stream has no ") + name + " callback (null)");
    auto failed = [&](int code, const std::string& doing) {
        const char* why = s.get_last_error ? s.get_last_error(&s) : nullptr;
        return ntmkit::parse_error(source, std::string("the Arrow stream failed in ") + doing +
                                               " (error " + std::to_string(code) +
                                               (why ? std::string(": ") + why : "") + ")");
    };
    table t;
    if (int code = s.get_schema(&s, &t.schema.raw)) {
        t.schema.raw.release = nullptr;
        throw failed(code, "get_schema");
    }
    if (!t.schema.raw.release)
        detail::malformed(source, "get_schema gave a released schema (release is null)");
    for (;;) {
        owned<ArrowArray> a;
        if (int code = s.get_next(&s, &a.raw)) {
            a.raw.release = nullptr;
            throw failed(code, "get_next batch " + std::to_string(t.batches.size()));
        }
        if (!a.raw.release)
            return t; // the end of the stream
        t.batches.push_back(std::move(a));
    }
}

/// Checks a table's schema and every batch's own struct (check()); false when the schema is
/// not a struct of columns ("+s"), which is no table at all. The columns are checked where
/// they are read (check_column).
inline bool check_table(table& t, const std::string& source) {
    const ArrowSchema& s = t.schema.raw;
    check_schema(s, source);
    if (std::string_view(s.format) != "+s")
        return false;
    t.rows = 0;
    for (std::size_t b = 0; b < t.batches.size(); ++b) {
        const ArrowArray& a = t.batches[b].raw;
        const location loc{source, "", static_cast<std::int64_t>(b), t.rows};
        if (a.length > 0 && t.rows > std::numeric_limits<std::int64_t>::max() - a.length)
            detail::malformed(loc.at(), "the batches' lengths add up past 2^63");
        check(s, a, 0, a.length >= 0 ? a.length : 0, loc); // rows named from here on add up
        t.rows += a.length;
    }
    return true;
}

/// Checks column k of every batch of a table check_table() accepted, as read at its rows.
inline void check_column(const table& t, std::int64_t k, const std::string& source) {
    const ArrowSchema& s = *t.schema.raw.children[k];
    location loc{source, s.name ? s.name : "", 0, 0};
    check_schema(s, loc.at());
    for (const auto& b : t.batches) {
        check(s, *b.raw.children[k], b.raw.offset, b.raw.length, loc);
        ++loc.batch;
        loc.first_row += b.raw.length;
    }
}

} // namespace ntmkit_py::arrow
