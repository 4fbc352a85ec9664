// The Arrow C data and stream interfaces, declared here (they are meant to be copied: see
// arrow.apache.org/docs/format/CDataInterface.html) so that the extension reads any Arrow
// producer — pyarrow, Polars, DuckDB, pandas — through its PyCapsules without linking an Arrow
// library. Buffers are read where they are; nothing here copies a value.
#pragma once

#include "common.hpp"

#include <stdint.h>

#include <cstring>
#include <string>
#include <string_view>
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

/// A C interface struct this side owns: released (by its producer's callback) on destruction.
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

/// Moves the struct out of a PyCapsule; the capsule's destructor then releases nothing.
template <class T> void take_capsule(py::handle capsule, const char* name, T& into) {
    auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
    if (!p)
        throw py::error_already_set();
    into = *p;
    p->release = nullptr;
}

/// Every batch of an object with __arrow_c_stream__ (or one with __arrow_c_array__).
inline table read_table(py::handle data, const std::string& source) {
    table t;
    if (py::hasattr(data, "__arrow_c_stream__")) {
        owned<ArrowArrayStream> s;
        take_capsule(data.attr("__arrow_c_stream__")(), "arrow_array_stream", s.raw);
        auto failed = [&](int code) {
            const char* why = s.raw.get_last_error(&s.raw);
            return ntmkit::parse_error(source, "the Arrow stream failed (error " +
                                                   std::to_string(code) +
                                                   (why ? std::string(": ") + why : "") + ")");
        };
        if (int code = s.raw.get_schema(&s.raw, &t.schema.raw))
            throw failed(code);
        for (;;) {
            owned<ArrowArray> a;
            if (int code = s.raw.get_next(&s.raw, &a.raw))
                throw failed(code);
            if (!a.raw.release)
                break; // the end of the stream
            t.rows += a.raw.length;
            t.batches.push_back(std::move(a));
        }
    } else if (py::hasattr(data, "__arrow_c_array__")) {
        py::tuple capsules = data.attr("__arrow_c_array__")();
        take_capsule(capsules[0], "arrow_schema", t.schema.raw);
        owned<ArrowArray> a;
        take_capsule(capsules[1], "arrow_array", a.raw);
        t.rows = a.raw.length;
        t.batches.push_back(std::move(a));
    } else {
        throw argument_error(source, "expected an Arrow table (an object with "
                                     "__arrow_c_stream__ or __arrow_c_array__: pyarrow, Polars, "
                                     "DuckDB, pandas), got " +
                                         describe_value(data));
    }
    if (std::string_view(t.schema.raw.format) != "+s")
        throw dtype_error(source, "expected a table (an Arrow struct of columns), got Arrow "
                                  "format \"" +
                                      std::string(t.schema.raw.format) + "\"");
    return t;
}

/// One batch's part of a column: rows [first_row, first_row + length) of the table, at
/// `offset` in the arrays' buffers (the batch's offset and the column's own, added).
struct piece {
    const ArrowArray* a;
    std::int64_t offset;
    std::int64_t length;
    std::int64_t first_row;
};

inline std::vector<piece> pieces(const table& t, std::size_t column) {
    std::vector<piece> out;
    std::int64_t row = 0;
    for (const auto& b : t.batches) {
        const ArrowArray* a = b.raw.children[column];
        out.push_back({a, b.raw.offset + a->offset, b.raw.length, row});
        row += b.raw.length;
    }
    return out;
}

/// Whether value k (counted in the buffers, offset included) is present.
inline bool valid(const ArrowArray* a, std::int64_t k) {
    if (a->null_count == 0)
        return true;
    if (a->n_buffers == 0)
        return false; // the null type ("n"): every value is null
    if (!a->buffers[0])
        return true;
    const auto* bits = static_cast<const std::uint8_t*>(a->buffers[0]);
    return (bits[k >> 3] >> (k & 7)) & 1;
}

/// The first row of the table whose value is null, or -1.
inline std::int64_t first_null(const std::vector<piece>& ps) {
    for (const auto& p : ps)
        if (p.a->null_count != 0)
            for (std::int64_t i = 0; i < p.length; ++i)
                if (!valid(p.a, p.offset + i))
                    return p.first_row + i;
    return -1;
}

inline bool is_text(std::string_view format) {
    return format == "u" || format == "U" || format == "vu";
}

/// Value k of a utf8 ("u"), large utf8 ("U") or utf8 view ("vu") array.
inline std::string_view text_at(const ArrowArray* a, std::string_view format, std::int64_t k) {
    const auto* data = static_cast<const char*>(a->buffers[2]);
    if (format == "u") {
        const auto* off = static_cast<const std::int32_t*>(a->buffers[1]);
        return {data + off[k], static_cast<std::size_t>(off[k + 1] - off[k])};
    }
    if (format == "U") {
        const auto* off = static_cast<const std::int64_t*>(a->buffers[1]);
        return {data + off[k], static_cast<std::size_t>(off[k + 1] - off[k])};
    }
    // A view: length, then the text itself (12 bytes or fewer) or its prefix, buffer, offset.
    const auto* view = static_cast<const char*>(a->buffers[1]) + 16 * k;
    std::int32_t length, buffer, offset;
    std::memcpy(&length, view, 4);
    if (length <= 12)
        return {view + 4, static_cast<std::size_t>(length)};
    std::memcpy(&buffer, view + 8, 4);
    std::memcpy(&offset, view + 12, 4);
    return {static_cast<const char*>(a->buffers[2 + buffer]) + offset,
            static_cast<std::size_t>(length)};
}

/// numpy's name for an Arrow number format, or "" for any other format.
inline const char* numpy_type(std::string_view format) {
    static const char* const names[][2] = {
        {"c", "int8"},   {"C", "uint8"}, {"s", "int16"},  {"S", "uint16"},  {"i", "int32"},
        {"I", "uint32"}, {"l", "int64"}, {"L", "uint64"}, {"f", "float32"}, {"g", "float64"}};
    for (const auto& [f, name] : names)
        if (format == f)
            return name;
    return "";
}

/// Value k of a number array as T (a dictionary's codes, a correction's record number).
template <class T> T number_at(const ArrowArray* a, std::string_view format, std::int64_t k) {
    const void* b = a->buffers[1];
    switch (format.empty() ? ' ' : format[0]) {
    case 'c':
        return static_cast<T>(static_cast<const std::int8_t*>(b)[k]);
    case 'C':
        return static_cast<T>(static_cast<const std::uint8_t*>(b)[k]);
    case 's':
        return static_cast<T>(static_cast<const std::int16_t*>(b)[k]);
    case 'S':
        return static_cast<T>(static_cast<const std::uint16_t*>(b)[k]);
    case 'i':
        return static_cast<T>(static_cast<const std::int32_t*>(b)[k]);
    case 'I':
        return static_cast<T>(static_cast<const std::uint32_t*>(b)[k]);
    case 'l':
        return static_cast<T>(static_cast<const std::int64_t*>(b)[k]);
    case 'L':
        return static_cast<T>(static_cast<const std::uint64_t*>(b)[k]);
    case 'f':
        return static_cast<T>(static_cast<const float*>(b)[k]);
    default:
        return static_cast<T>(static_cast<const double*>(b)[k]);
    }
}

inline bool is_integer(std::string_view format) {
    return format.size() == 1 &&
           std::string_view("cCsSiIlL").find(format[0]) != std::string_view::npos;
}
inline bool is_number(std::string_view format) {
    return is_integer(format) || format == "f" || format == "g";
}

/// A number column as one numpy array: a view of the buffer when it comes in one piece (kept
/// alive by `owner`), else its pieces gathered once.
inline py::array numbers(const std::vector<piece>& ps, std::string_view format, std::int64_t rows,
                         py::handle owner) {
    py::dtype dt(numpy_type(format));
    const auto size = dt.itemsize();
    auto at = [&](const piece& p) {
        return static_cast<const char*>(p.a->buffers[1]) + p.offset * size;
    };
    if (ps.size() == 1)
        return py::array(dt, static_cast<py::ssize_t>(rows), at(ps[0]), owner);
    py::array out(dt, static_cast<py::ssize_t>(rows));
    auto* to = static_cast<char*>(out.mutable_data());
    for (const auto& p : ps)
        if (p.length > 0)
            std::memcpy(to + p.first_row * size, at(p), static_cast<std::size_t>(p.length * size));
    return out;
}

} // namespace ntmkit_py::arrow
