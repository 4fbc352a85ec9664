// Partial roll-ups: the roll-up of a subset of a campaign's records as a value that merges.
//
// Each process (a Dask worker, a thread, a province's server) tallies its own records into a
// partial_rollup; `a += b` merges two; `finish` gives the `rollup` one process would have
// computed from all of them, cell by cell, whatever the partition and the merge order. Every
// rule is aggregation.hpp's, made mergeable: `sum` tallies add, a `last` figure keeps the
// (day done, day reported, record number) maximum, corrections travel with the record they
// correct (its `superseded_on` day), and the household-capacity check adds net all-time totals
// and is applied at `finish` (a total over capacity can only be seen once every part is in).
// Units carry their children's figures (distinct households included) only at `finish`.
//
// A partial holds only the cells its records touched, sorted, and serialises to compact bytes
// (detail/partial_bytes.hpp) with a fingerprint of the campaign definition and the question
// (as-of day, known-by day): partials of another campaign or question are refused.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/partial_cells.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace ntmkit {

/// A 64-bit fingerprint of what a campaign's figures depend on: id, window, schedule, unit
/// tree (ids, levels, parents, household counts), indicators (ids, measures, rules) and targets.
/// Names, notes and progress do not enter. The same on every platform.
inline std::uint64_t campaign_fingerprint(const campaign& c) {
    detail::fingerprint_hasher h;
    h.text(c.id());
    h.word(static_cast<std::uint64_t>(c.window().first().julian_day()));
    h.word(static_cast<std::uint64_t>(c.window().last().julian_day()));
    h.word(static_cast<std::uint64_t>(c.schedule().kind));
    h.word(static_cast<std::uint64_t>(c.schedule().report_day));
    const auto& units = c.units();
    h.word(units.size());
    for (std::size_t u = 0; u < units.size(); ++u) {
        const auto uu = static_cast<unit_index>(u);
        h.text(units.id(uu));
        h.word(static_cast<std::uint64_t>(units.level(uu)));
        h.word(static_cast<std::uint64_t>(static_cast<std::int64_t>(units.parent(uu))));
        h.word(static_cast<std::uint64_t>(units.households(uu).value_or(-1)));
    }
    h.word(c.indicators().size());
    for (const auto& ind : c.indicators()) {
        h.text(ind.id);
        h.text(ind.measure);
        h.word(static_cast<std::uint64_t>(ind.over_time));
        h.word(static_cast<std::uint64_t>(ind.over_units));
    }
    for (double t : c.targets().values())
        h.number(t);
    return h.value();
}

class partial_rollup {
public:
    /// An empty partial of campaign `c` as of `as_of` (options.known_by: as known by then).
    partial_rollup(const campaign& c, date as_of, const rollup_options& options = {})
        : fingerprint_(campaign_fingerprint(c)), days_(rollup::days_of(c, as_of)),
          known_by_(rollup::known_by_of(c, options)), cells_(c.units().size(), c.indicators()) {}

    /// Adds records given as columns of n records: unit and indicator indices, day offsets
    /// done and reported (null: the day done), quantities, the reported day of each record's
    /// correction (`superseded_on`, `never` if none; null: none corrected) and record numbers
    /// (null: first_record, first_record + 1, …), which decide ties between `last` figures.
    /// Each record is checked as progress_log checks it alone; errors name record i's field.
    /// All or nothing. Indicators and days of any integer type (the log's are narrow).
    template <class I, class D>
    void add_columns(const campaign& c, std::size_t n, const std::int32_t* unit, const I* indicator,
                     const D* done, const std::common_type_t<D>* reported, const double* quantity,
                     const std::int32_t* superseded_on, const std::int64_t* record,
                     std::int64_t first_record = 0,
                     const record_locator& where = default_record_locator);

    /// Adds records [first, last) of the campaign's own log.
    void add_log(const campaign& c, std::size_t first, std::size_t last);
    void add_log(const campaign& c) { add_log(c, 0, c.progress().size()); }

    /// Merges another partial of the same campaign and question; throws a validation_error
    /// naming what differs otherwise.
    partial_rollup& operator+=(const partial_rollup& o) {
        require_same(o);
        cells_.merge(o.cells_);
        records_ += o.records_;
        return *this;
    }
    friend partial_rollup operator+(partial_rollup a, const partial_rollup& b) { return a += b; }

    /// The roll-up of every record merged in: the numbers of `rollup(c, as_of, options)` over
    /// all of them. Checks household capacity over the merged records. `options.known_by` is
    /// the partial's own.
    rollup finish(const campaign& c, rollup_options options = {}) const;

    std::uint64_t fingerprint() const { return fingerprint_; }
    std::int32_t as_of_day() const { return days_.day; }
    std::int32_t known_by_day() const { return known_by_; }
    /// Records added, whether or not they stand as of the day.
    std::uint64_t records() const { return records_; }
    /// Cells (unit × indicator) with figures of their own.
    std::size_t cells() const { return cells_.size(); }

    /// Compact bytes for travel between processes (detail/partial_bytes.hpp), and back.
    std::string to_bytes() const;
    static partial_rollup from_bytes(std::string_view bytes);

    friend bool operator==(const partial_rollup& a, const partial_rollup& b) {
        return a.fingerprint_ == b.fingerprint_ && a.days_.day == b.days_.day &&
               a.days_.period_first == b.days_.period_first && a.known_by_ == b.known_by_ &&
               a.records_ == b.records_ && a.cells_ == b.cells_;
    }

private:
    partial_rollup() = default;
    void require_campaign(const campaign& c) const {
        if (campaign_fingerprint(c) != fingerprint_)
            throw validation_error("partial roll-up",
                                   "made for another campaign definition (fingerprint " +
                                       detail::hex(fingerprint_) + ", campaign \"" + c.id() +
                                       "\" has " + detail::hex(campaign_fingerprint(c)) + ")");
    }
    void require_same(const partial_rollup& o) const {
        if (o.fingerprint_ != fingerprint_)
            throw validation_error("partial roll-up",
                                   "cannot merge partials of different campaign definitions "
                                   "(fingerprints " +
                                       detail::hex(fingerprint_) + " and " +
                                       detail::hex(o.fingerprint_) + ")");
        if (o.days_.day != days_.day || o.known_by_ != known_by_)
            throw validation_error(
                "partial roll-up",
                "cannot merge partials as of different days (day " + std::to_string(days_.day) +
                    " known by " + std::to_string(known_by_) + " and day " +
                    std::to_string(o.days_.day) + " known by " + std::to_string(o.known_by_) + ")");
    }

    std::uint64_t fingerprint_ = 0;
    tally_days days_;
    std::int32_t known_by_ = 0;
    std::uint64_t records_ = 0;
    detail::partial_cells cells_;
};

// ---------------------------------------------------------------------------------------------

template <class I, class D>
void partial_rollup::add_columns(const campaign& c, std::size_t n, const std::int32_t* unit,
                                 const I* indicator, const D* done,
                                 const std::common_type_t<D>* reported, const double* quantity,
                                 const std::int32_t* superseded_on, const std::int64_t* record,
                                 std::int64_t first_record, const record_locator& where) {
    require_campaign(c);
    const progress_context ctx{c.units(), c.indicators(), c.window()};
    auto rep = [&](std::size_t i) -> std::int32_t { return reported ? reported[i] : done[i]; };
    auto sup = [&](std::size_t i) { return superseded_on ? superseded_on[i] : never; };
    for (std::size_t i = 0; i < n; ++i) {
        detail::check_record(i, unit[i], indicator[i], done[i], rep(i), quantity[i], ctx, where);
        if (sup(i) < rep(i))
            throw validation_error(where(i, "superseded_on"),
                                   "a record cannot be corrected before it was reported");
    }
    detail::partial_cells fresh(c.units().size(), c.indicators());
    fresh.tally(
        n,
        [&](std::size_t i) {
            return detail::partial_record{unit[i],
                                          static_cast<std::int32_t>(indicator[i]),
                                          static_cast<std::int32_t>(done[i]),
                                          rep(i),
                                          sup(i),
                                          quantity[i],
                                          record ? record[i]
                                                 : first_record + static_cast<std::int64_t>(i)};
        },
        days_, known_by_);
    cells_.merge(fresh);
    records_ += n;
}

inline void partial_rollup::add_log(const campaign& c, std::size_t first, std::size_t last) {
    const auto& log = c.progress();
    last = std::min(last, log.size());
    if (first >= last)
        return;
    std::vector<std::int32_t> superseded;
    if (log.has_corrections())
        for (std::size_t r = first; r < last; ++r)
            superseded.push_back(log.superseded_on(static_cast<record_index>(r)));
    add_columns(c, last - first, log.units().data() + first, log.indicators().data() + first,
                log.done_days().data() + first, log.reported_days().data() + first,
                log.quantities().data() + first, superseded.empty() ? nullptr : superseded.data(),
                nullptr, static_cast<std::int64_t>(first),
                [first](std::size_t i, std::string_view field) {
                    return default_record_locator(first + i, field);
                });
}

inline rollup partial_rollup::finish(const campaign& c, rollup_options options) const {
    require_campaign(c);
    cells_.check_capacity(c);
    const auto first = c.window().first();
    options.known_by = known_by_ == never - 1
                           ? std::nullopt
                           : std::optional<date>(first + boost::gregorian::days(known_by_));
    return rollup(c, first + boost::gregorian::days(days_.day), options, cells_.own_tallies());
}

inline std::string partial_rollup::to_bytes() const {
    detail::byte_writer w;
    w.raw("NTMKPRT1", 8);
    w.fixed(fingerprint_);
    w.fixed(static_cast<std::uint64_t>(static_cast<std::uint32_t>(days_.day)) << 32 |
            static_cast<std::uint32_t>(days_.period_first));
    w.fixed(static_cast<std::uint64_t>(static_cast<std::uint32_t>(known_by_)));
    w.varint(records_);
    cells_.write(w);
    return w.take();
}

inline partial_rollup partial_rollup::from_bytes(std::string_view bytes) {
    detail::byte_reader r(bytes);
    if (bytes.size() < 8 || std::memcmp(bytes.data(), "NTMKPRT1", 8) != 0)
        throw parse_error("partial roll-up", "not the bytes of an ntmkit partial roll-up");
    r.skip(8);
    partial_rollup p;
    p.fingerprint_ = r.fixed();
    const auto days = r.fixed();
    p.days_ = {static_cast<std::int32_t>(static_cast<std::uint32_t>(days >> 32)),
               static_cast<std::int32_t>(static_cast<std::uint32_t>(days))};
    p.known_by_ = static_cast<std::int32_t>(static_cast<std::uint32_t>(r.fixed()));
    p.records_ = r.varint();
    p.cells_ = detail::partial_cells::read(r);
    r.expect_end();
    return p;
}

} // namespace ntmkit
