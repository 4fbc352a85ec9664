// A store file in the temporary directory, removed (with its WAL files) at the end of a test.
#pragma once

#include "../seed.hpp"

#include <ntmkit/rollup.hpp>
#include <ntmkit/store/store.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

namespace fixtures {

struct temp_store {
    std::string path;
    temp_store() {
        static int counter = 0;
        path = (std::filesystem::temp_directory_path() /
                ("ntmkit_store_test_" + std::to_string(::getpid()) + "_" +
                 std::to_string(++counter) + ".sqlite"))
                   .string();
        remove();
    }
    ~temp_store() { remove(); }
    temp_store(const temp_store&) = delete;
    temp_store& operator=(const temp_store&) = delete;
    void remove() const {
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    }
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
