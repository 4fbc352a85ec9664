// A store for one test, removed at its end: a file in the temporary directory (with its WAL
// files), or, when NTMKIT_TEST_POSTGRES holds a server's URL (ctest's store_tests_on_postgres),
// a schema of its own in that database. Every store test runs on both backends this way.
#pragma once

#include "../seed.hpp"

#include <ntmkit/rollup.hpp>
#include <ntmkit/store/store.hpp>
#ifdef NTMKIT_STORE_POSTGRES
#include <ntmkit/store/postgres.hpp>
#endif

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fixtures {

struct temp_store {
    std::string path;
    /// `file_only`: a SQLite file even when the tests run on PostgreSQL (a commune's own store).
    explicit temp_store(bool file_only = false) {
        static int counter = 0;
        const auto name =
            "ntmkit_store_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
        const char* server = file_only ? nullptr : std::getenv("NTMKIT_TEST_POSTGRES");
        if (server) {
            server_ = server;
            schema_ = name;
            path = server_ + "#" + schema_;
        } else {
            path = (std::filesystem::temp_directory_path() / (name + ".sqlite")).string();
        }
        remove();
    }
    ~temp_store() { remove(); }
    temp_store(const temp_store&) = delete;
    temp_store& operator=(const temp_store&) = delete;
    void remove() const {
        if (schema_.empty()) {
            for (const char* suffix : {"", "-wal", "-shm"})
                std::filesystem::remove(path + suffix);
            return;
        }
#ifdef NTMKIT_STORE_POSTGRES
        ntmkit::detail::database(server_).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
#endif
    }

private:
    std::string server_, schema_;
};

/// Every cell of two roll-ups is the same: the targets, the three tallies and the status.
inline void check_same_rollup(const ntmkit::campaign& a, const ntmkit::campaign& b,
                              ntmkit::date as_of) {
    const ntmkit::rollup ra(a, as_of), rb(b, as_of);
    REQUIRE(ra.unit_count() == rb.unit_count());
    REQUIRE(ra.indicator_count() == rb.indicator_count());
    CHECK(a.targets() == b.targets());
    for (std::size_t u = 0; u < ra.unit_count(); ++u)
        for (std::size_t i = 0; i < ra.indicator_count(); ++i) {
            const auto& x = ra.tally(static_cast<ntmkit::unit_index>(u),
                                     static_cast<ntmkit::indicator_index>(i));
            const auto& y = rb.tally(static_cast<ntmkit::unit_index>(u),
                                     static_cast<ntmkit::indicator_index>(i));
            CAPTURE(u);
            CAPTURE(i);
            CHECK(x.cumulative == y.cumulative);
            CHECK(x.done_day == y.done_day);
            CHECK(x.done_period == y.done_period);
            const auto row_a =
                ra.row(static_cast<ntmkit::unit_index>(u), static_cast<ntmkit::indicator_index>(i));
            const auto row_b =
                rb.row(static_cast<ntmkit::unit_index>(u), static_cast<ntmkit::indicator_index>(i));
            CHECK(row_a.target == row_b.target);
            CHECK(row_a.status == row_b.status);
        }
}

/// Submissions in the store's order (unit, period, day received): the first of a unit's
/// period is its earliest, whatever order the file had.
inline std::vector<ntmkit::submission> by_unit_period(const ntmkit::submission_log& log) {
    auto items = log.items();
    std::sort(items.begin(), items.end(), [](const auto& x, const auto& y) {
        return std::tie(x.unit, x.report_date, x.submitted) <
               std::tie(y.unit, y.report_date, y.submitted);
    });
    return items;
}

} // namespace fixtures
