// numpy columns for the bulk paths: one place that checks an array's shape and dtype, reads
// it in place when it already has a type the C++ templates take, converts it once otherwise,
// and calls the templates with the real element type. No struct per record is ever built.
#pragma once

#include "common.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

namespace ntmkit_py {

/// A contiguous, aligned, native 1-D array whose element type is Ts[which].
template <class... Ts> struct column {
    py::array keep; // owns the buffer, also while the GIL is released
    int which = 0;  // index into Ts
    const void* data() const { return keep.data(); }
    py::ssize_t size() const { return keep.shape(0); }
};

/// Calls f(const T*) with the column's real element type.
template <class... Ts, class F> void dispatch(const column<Ts...>& c, F&& f) {
    int k = 0;
    ((c.which == k++ ? f(static_cast<const Ts*>(c.data())) : void()), ...);
}

namespace columns_detail {

inline std::string dtype_name(const py::array& a) {
    return py::str(a.dtype()).cast<std::string>();
}

/// Whether `a` can be read in place as a T array.
template <class T> bool holds(const py::array& a) {
    constexpr char kind = std::is_floating_point_v<T> ? 'f' : std::is_signed_v<T> ? 'i' : 'u';
    const auto dt = a.dtype();
    const int need =
        py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_ | py::detail::npy_api::NPY_ARRAY_ALIGNED_;
    return dt.kind() == kind && dt.itemsize() == static_cast<py::ssize_t>(sizeof(T)) &&
           (a.flags() & need) == need && dt.attr("isnative").cast<bool>();
}

/// A uint64 array as int64, values past int64's range as its largest: still out of range for
/// any index or day, and said so, where a cast would wrap them to small negative numbers.
inline py::array saturated(const py::array& a) {
    auto u = py::array_t<std::uint64_t, py::array::c_style | py::array::forcecast>::ensure(a);
    if (!u)
        throw py::error_already_set();
    py::array_t<std::int64_t> out(u.size());
    const std::uint64_t* from = u.data();
    std::int64_t* to = out.mutable_data();
    constexpr auto top = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    for (py::ssize_t i = 0; i < u.size(); ++i)
        to[i] = static_cast<std::int64_t>(from[i] < top ? from[i] : top);
    return std::move(out);
}

/// `a` in place when it is one of Ts, else converted once (any stride, dtype or byte order)
/// to the last of Ts, the widest.
template <class... Ts> column<Ts...> typed(py::array a) {
    int k = 0, found = -1;
    auto try_one = [&](bool match) {
        if (found < 0 && match)
            found = k;
        ++k;
    };
    (try_one(holds<Ts>(a)), ...);
    if (found < 0) {
        using last = std::tuple_element_t<sizeof...(Ts) - 1, std::tuple<Ts...>>;
        if constexpr (std::is_same_v<last, std::int64_t>)
            if (a.dtype().kind() == 'u' && a.dtype().itemsize() == 8)
                a = saturated(a); // not wrapped: 2^64 - 1 would be -1, an index or a day
        a = py::array_t<last, py::array::c_style | py::array::forcecast>::ensure(a);
        if (!a)
            throw py::error_already_set();
        found = static_cast<int>(sizeof...(Ts)) - 1;
    }
    column<Ts...> c;
    c.keep = std::move(a);
    c.which = found;
    return c;
}

} // namespace columns_detail

/// Any array-like as a 1-D numpy array (not copied when it already is one) of `n` values
/// (any length when n < 0).
inline py::array as_1d_array(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = py::reinterpret_steal<py::array>(
        py::detail::npy_api::get().PyArray_FromAny_(h.ptr(), nullptr, 0, 0, 0, nullptr));
    if (!a)
        throw py::error_already_set();
    if (a.ndim() != 1)
        throw dtype_error("array " + name,
                          "expected one dimension, got " + std::to_string(a.ndim()));
    if (n >= 0 && a.shape(0) != n)
        throw ntmkit::validation_error("array " + name,
                                       "has " + std::to_string(a.shape(0)) + " values, expected " +
                                           std::to_string(n) + " like the unit array");
    return a;
}

/// Integers only: a float array is refused (DTypeError naming the array), never truncated.
template <class... Ts>
column<Ts...> int_column(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = as_1d_array(h, name, n);
    const char kind = a.dtype().kind();
    if (kind != 'i' && kind != 'u')
        throw dtype_error("array " + name,
                          "expected integers, got dtype " + columns_detail::dtype_name(a) +
                              " (values are not truncated; convert explicitly, e.g. "
                              "np.rint(x).astype(np.int64), after checking them)");
    return columns_detail::typed<Ts...>(std::move(a));
}

/// Numbers (integers are widened) as float64.
inline column<double> float_column(py::handle h, const std::string& name, py::ssize_t n) {
    auto a = as_1d_array(h, name, n);
    const char kind = a.dtype().kind();
    if (kind != 'f' && kind != 'i' && kind != 'u')
        throw dtype_error("array " + name,
                          "expected numbers, got dtype " + columns_detail::dtype_name(a));
    return columns_detail::typed<double>(std::move(a));
}

/// Days as offsets from the window's first day: integer offsets, or datetime64 dates (taken
/// as calendar days, no time zone involved), which become int64 offsets. NaT is refused with
/// `where(i, field)`.
template <class... Ts>
column<Ts...> day_column(py::handle h, const std::string& name, py::ssize_t n,
                         const ntmkit::campaign& c, const char* field,
                         const ntmkit::record_locator& where) {
    auto a = as_1d_array(h, name, n);
    if (a.dtype().kind() != 'M')
        return int_column<Ts...>(a, name, n);
    // astype copies, so the offsets can be written in place: one conversion in all.
    py::array_t<std::int64_t> days =
        a.attr("astype")("datetime64[D]").attr("view")("int64").cast<py::array>();
    const std::int64_t shift = (c.window().first() - ntmkit::date(1970, 1, 1)).days();
    auto* p = days.mutable_data();
    constexpr auto nat = std::numeric_limits<std::int64_t>::min();
    for (py::ssize_t i = 0; i < days.shape(0); ++i) {
        if (p[i] == nat)
            throw ntmkit::validation_error(where(static_cast<std::size_t>(i), field),
                                           "missing date (NaT)");
        // Far-off dates keep far-off offsets: they fail the window check, never wrap.
        std::int64_t d;
        p[i] = __builtin_sub_overflow(p[i], shift, &d) ? (shift > 0 ? nat : -(nat + 1)) : d;
    }
    return columns_detail::typed<Ts...>(std::move(days));
}

/// The same column as its widest type (a no-op when it already is).
template <class... Ts> column<Ts...> widest(column<Ts...> c) {
    using last = std::tuple_element_t<sizeof...(Ts) - 1, std::tuple<Ts...>>;
    if (c.which == static_cast<int>(sizeof...(Ts)) - 1)
        return c;
    c.keep = py::array_t<last, py::array::c_style | py::array::forcecast>::ensure(c.keep);
    if (!c.keep)
        throw py::error_already_set();
    c.which = static_cast<int>(sizeof...(Ts)) - 1;
    return c;
}

/// Where every bulk path ends (numpy columns, Arrow tables): one day type for done and
/// reported (the wider, never narrowed), then the checks and the append on the columns in
/// place, without the GIL. All or nothing.
template <class... Us, class... Is, class... Ds>
void add_progress_in_place(ntmkit::campaign& c, const column<Us...>& unit,
                           const column<Is...>& indicator, column<Ds...> done,
                           std::optional<column<Ds...>> reported, const column<double>& quantity,
                           const ntmkit::record_locator& where) {
    if (reported && reported->which != done.which) {
        done = widest(std::move(done));
        reported = widest(std::move(*reported));
    }
    const void* rp = reported ? reported->data() : nullptr;
    const auto* qp = static_cast<const double*>(quantity.data());
    const auto n = static_cast<std::size_t>(unit.size());
    py::gil_scoped_release nogil;
    dispatch(unit, [&](auto* pu) {
        dispatch(indicator, [&](auto* pi) {
            dispatch(done, [&](auto* pd) {
                using D = std::remove_cv_t<std::remove_pointer_t<decltype(pd)>>;
                c.add_progress_columns(n, pu, pi, pd, static_cast<const D*>(rp), qp, where);
            });
        });
    });
}

} // namespace ntmkit_py
