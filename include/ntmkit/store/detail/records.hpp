// How the campaign store writes things down: a progress record as stored (ids, ISO dates), its
// description in a conflict message, the digest of a bulk import, column blobs.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/progress.hpp>
#include <ntmkit/store/connection.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace ntmkit::detail {

/// A progress record as the `record` table holds it: units and indicators by id, ISO dates.
struct stored_record {
    std::string id, unit, indicator, done, reported;
    double quantity = 0;
    std::string note, reporter, supersedes; ///< supersedes: an id, or empty

    bool same_figures(const stored_record& o) const {
        return unit == o.unit && indicator == o.indicator && done == o.done &&
               reported == o.reported && quantity == o.quantity && note == o.note &&
               reporter == o.reporter && supersedes == o.supersedes;
    }
    /// {cam_trang_to_3, hang_rao_xanh, 16/4/2022, reported 16/4/2022, 2, note "…"}
    std::string describe() const {
        std::string s = "{" + unit + ", " + indicator + ", " + vi(done) + ", reported " +
                        vi(reported) + ", " + ntmkit::number_text(quantity);
        if (!note.empty())
            s += ", note \"" + note + "\"";
        if (!reporter.empty())
            s += ", reporter \"" + reporter + "\"";
        if (!supersedes.empty())
            s += ", supersedes " + supersedes;
        return s + "}";
    }

private:
    static std::string vi(const std::string& iso) { return format_date_vi(parse_date(iso)); }
};

/// The `record` columns read_record_row expects first, in this order.
inline constexpr const char* record_row_columns =
    "id, unit, indicator, done, reported, quantity, note, reporter, supersedes";

/// A `record` row selected as record_row_columns (then anything): the record under its id, the
/// id it corrects in supersedes_id.
inline progress_record read_record_row(const statement& s) {
    progress_record r;
    r.id = s.text(0);
    r.unit = s.text(1);
    r.indicator = s.text(2);
    r.done = parse_date(s.text(3));
    r.reported = parse_date(s.text(4));
    r.quantity = s.real(5);
    r.note = s.text(6);
    r.reporter = s.text(7);
    if (!s.is_null(8))
        r.supersedes_id = s.text(8);
    return r;
}

/// FNV-1a over bytes: the digest that tells a repeated bulk import from a different one.
inline void fnv1a(std::uint64_t& h, const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i)
        h = (h ^ b[i]) * 0x100000001b3ull;
}

inline std::string hex64(std::uint64_t v) {
    static const char* digits = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4)
        s[static_cast<std::size_t>(i)] = digits[v & 15];
    return s;
}

/// Reads column `column` of the bulk block (source, chunk) into out[0, n).
template <class T>
void read_blob(const database& db, const std::string& source, std::int64_t chunk,
               const char* column, T* out, std::size_t n) {
    db.get().read_block_column(source, chunk, column, out, n * sizeof(T));
}

/// The same into `out`, sized by the caller.
template <class T>
void read_blob(const database& db, const std::string& source, std::int64_t chunk,
               const char* column, std::vector<T>& out) {
    read_blob(db, source, chunk, column, out.data(), out.size());
}

} // namespace ntmkit::detail
