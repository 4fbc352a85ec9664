// Arrow tables from Python: the extension reads any Arrow producer — pyarrow, Polars, DuckDB,
// pandas — through its PyCapsules and the C interfaces (arrow_struct.hpp, which also checks
// every struct) without linking an Arrow library. Buffers are read where they are; nothing
// here copies a value.
#pragma once

#include "arrow_struct.hpp"
#include "common.hpp"

#include <stdint.h>

#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit_py::arrow {

/// Takes the struct out of a PyCapsule named `name` (the capsule's destructor then releases
/// nothing); anything else `method` returned, or a struct already released, is refused.
template <class T>
void take_capsule(py::handle capsule, const char* name, T& into, const std::string& source,
                  const char* method) {
    if (!PyCapsule_IsValid(capsule.ptr(), name))
        throw argument_error(source, std::string(method) + "() returned " +
                                         describe_value(capsule) +
                                         "; expected a PyCapsule named \"" + name + "\"");
    auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
    if (!p->release)
        throw argument_error(source, std::string("the \"") + name +
                                         "\" capsule holds a released struct (it was "
                                         "consumed already)");
    into = *p;
    p->release = nullptr;
}

/// Every batch of an object with __arrow_c_stream__ (or one with __arrow_c_array__), its
/// schema and batches checked (arrow_struct.hpp).
inline table read_table(py::handle data, const std::string& source) {
    table t = [&] {
        if (py::hasattr(data, "__arrow_c_stream__")) {
            owned<ArrowArrayStream> s; // released once its batches are read
            take_capsule(data.attr("__arrow_c_stream__")(), "arrow_array_stream", s.raw, source,
                         "__arrow_c_stream__");
            return read_stream(s.raw, source);
        }
        if (!py::hasattr(data, "__arrow_c_array__"))
            throw argument_error(source, "expected an Arrow table (an object with "
                                         "__arrow_c_stream__ or __arrow_c_array__: pyarrow, "
                                         "Polars, DuckDB, pandas), got " +
                                             describe_value(data));
        py::object capsules = data.attr("__arrow_c_array__")();
        if (!py::isinstance<py::tuple>(capsules) || py::len(capsules) != 2)
            throw argument_error(source, "__arrow_c_array__() returned " +
                                             describe_value(capsules) +
                                             "; expected a tuple (schema, array) of PyCapsules");
        table one;
        take_capsule(capsules[py::int_(0)], "arrow_schema", one.schema.raw, source,
                     "__arrow_c_array__");
        owned<ArrowArray> a;
        take_capsule(capsules[py::int_(1)], "arrow_array", a.raw, source, "__arrow_c_array__");
        one.batches.push_back(std::move(a));
        return one;
    }();
    if (!check_table(t, source))
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

/// The first row of the table whose value is null, or -1.
inline std::int64_t first_null(const std::vector<piece>& ps) {
    for (const auto& p : ps)
        if (p.a->null_count != 0)
            for (std::int64_t i = 0; i < p.length; ++i)
                if (!valid(p.a, p.offset + i))
                    return p.first_row + i;
    return -1;
}

/// numpy's name for an Arrow number format, or "" for any other format.
inline const char* numpy_type(std::string_view format) {
    static const char* const names[][2] = {{"c", "int8"},    {"C", "uint8"},  {"s", "int16"},
                                           {"S", "uint16"},  {"i", "int32"},  {"I", "uint32"},
                                           {"l", "int64"},   {"L", "uint64"}, {"e", "float16"},
                                           {"f", "float32"}, {"g", "float64"}};
    for (const auto& [f, name] : names)
        if (format == f)
            return name;
    return "";
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
    if (ps.size() == 1 && rows > 0) // an empty piece may have no buffer to point into
        return py::array(dt, static_cast<py::ssize_t>(rows), at(ps[0]), owner);
    py::array out(dt, static_cast<py::ssize_t>(rows));
    auto* to = static_cast<char*>(out.mutable_data());
    for (const auto& p : ps)
        if (p.length > 0)
            std::memcpy(to + p.first_row * size, at(p), static_cast<std::size_t>(p.length * size));
    return out;
}

} // namespace ntmkit_py::arrow
