// How the campaign store writes things down: a progress record as stored (ids, ISO dates), its
// description in a conflict message, the digest of a bulk import, column blobs.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/store/sqlite.hpp>

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

/// Reads column `column` of row `rowid` of `table` into `out` (sized by the caller), straight
/// from the database pages: one copy, into memory aligned for its type.
template <class T>
void read_blob(const sqlite_connection& db, const char* table, const char* column,
               std::int64_t rowid, std::vector<T>& out) {
    sqlite3_blob* blob = nullptr;
    if (sqlite3_blob_open(db.handle(), "main", table, column, rowid, 0, &blob) != SQLITE_OK) {
        sqlite3_blob_close(blob);
        throw store_error(db.path(), sqlite3_errmsg(db.handle()));
    }
    const auto bytes = static_cast<std::size_t>(sqlite3_blob_bytes(blob));
    int rc = SQLITE_OK;
    if (bytes != out.size() * sizeof(T))
        rc = SQLITE_CORRUPT;
    else if (bytes > 0)
        rc = sqlite3_blob_read(blob, out.data(), static_cast<int>(bytes), 0);
    sqlite3_blob_close(blob);
    if (rc != SQLITE_OK)
        throw store_error(db.path(),
                          std::string("block column ") + column + ": " +
                              (rc == SQLITE_CORRUPT ? "wrong size" : sqlite3_errstr(rc)));
}

/// Today, UTC, ISO 8601 with the time: when a definition or an import was stored.
inline std::string utc_now(const sqlite_connection& db) {
    auto s = db.prepare("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
    s.step();
    return s.text(0);
}

} // namespace ntmkit::detail
