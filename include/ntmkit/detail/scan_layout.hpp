// The log's scan layout, decided at ingest time: records grouped into segments by (done day,
// reported day), each segment ordered by block of units (a block's tallies fit in a core's
// cache). A roll-up as of a date reads only the segments that count and, unit block by unit
// block, writes its tallies sequentially instead of scattering them over millions of household
// groups. progress_log owns one and keeps it up to date; roll-ups and the capacity check read it.
#pragma once

#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/fwd.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ntmkit::detail {

/// Leaves new elements uninitialised: scan-layout arrays are written in full right after
/// they are sized, and zero-filling hundreds of megabytes first would double the writes.
template <class T> struct uninit_allocator : std::allocator<T> {
    template <class U> struct rebind { using other = uninit_allocator<U>; };
    uninit_allocator() = default;
    template <class U> uninit_allocator(const uninit_allocator<U>&) noexcept {}
    T* allocate(std::size_t n) {
        T* p = std::allocator<T>::allocate(n);
        advise_huge_pages(p, n * sizeof(T));
        return p;
    }
    template <class U> void construct(U* p) noexcept { ::new (static_cast<void*>(p)) U; }
    template <class U, class... A> void construct(U* p, A&&... a) {
        ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
    }
};
template <class T> using uninit_vector = std::vector<T, uninit_allocator<T>>;

/// Asks for the cache line at `p` ahead of a read-modify-write: the cells a day's records
/// touch are scattered over a block's figures, and waiting for each in turn is most of the
/// cost of following a batch (rollup_advance.hpp, the capacity check).
inline void prefetch_for_write([[maybe_unused]] const void* p) {
#if defined(__GNUC__)
    __builtin_prefetch(p, 1);
#endif
}

/// Records of one (done day, reported day): cell = unit × indicators + indicator, ordered by
/// block of units (scan_layout::block_units), in any order inside a block.
struct scan_segment {
    std::int32_t done = 0, reported = 0;
    uninit_vector<std::uint32_t> cell;
    uninit_vector<double> quantity;
};

class scan_layout {
public:
    /// Sizes the layout for a campaign's cells (units × indicators); usable while they fit
    /// in 32 bits.
    void reset(std::size_t units, std::size_t indicators) {
        indicators_ = indicators;
        cells_ = units * indicators;
        usable_ = cells_ < (std::size_t{1} << 32);
    }
    /// Whether the layout holds every record (false once too big or dropped).
    bool usable() const { return usable_; }
    /// Segments by (done, reported), one per key.
    const std::vector<scan_segment>& segments() const { return segments_; }
    /// Units per block: a power of two, ~32k cells (768 KiB of roll-up tallies, about one
    /// core's L2 cache).
    std::size_t block_units() const {
        std::size_t b = 1;
        while (b * 2 * std::max<std::size_t>(indicators_, 1) <= (std::size_t{1} << 15))
            b *= 2;
        return b;
    }
    std::size_t block_cells() const {
        return block_units() * std::max<std::size_t>(indicators_, 1);
    }

    /// A batch in scan layout; key(i) gives record i's (done, reported), get(i) its
    /// (cell, quantity): separate, so the passes that need only the days read only those.
    template <class Key, class Get>
    std::vector<scan_segment> make_segments(std::size_t n, Key key, Get get) const;
    /// Adds a batch's segments to the layout, one segment per (done, reported).
    void merge(std::vector<scan_segment>&& fresh);
    /// Roll-ups with corrections read the records in record order: frees the layout.
    void drop() {
        usable_ = false;
        segments_ = {};
    }

private:
    std::size_t indicators_ = 0, cells_ = 0;
    bool usable_ = true;
    std::vector<scan_segment> segments_;
};

// ---------------------------------------------------------------------------------------------

template <class Key, class Get>
std::vector<scan_segment> scan_layout::make_segments(std::size_t n, Key key, Get get) const {
    if (!usable_ || n == 0)
        return {};
    // Keys (done, reported) → a small table when the lags are bounded, as they are in practice.
    std::int64_t min_done = never, max_done = -1, min_lag = never, max_lag = -1;
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        min_done = std::min<std::int64_t>(min_done, d);
        max_done = std::max<std::int64_t>(max_done, d);
        min_lag = std::min<std::int64_t>(min_lag, std::int64_t{r} - d);
        max_lag = std::max<std::int64_t>(max_lag, std::int64_t{r} - d);
    }
    const std::int64_t lags = max_lag - min_lag + 1;
    const std::int64_t slots = (max_done - min_done + 1) * lags;
    const bool table = slots <= (std::int64_t{1} << 20);
    std::unordered_map<std::int64_t, std::uint32_t> wide; // only for far-apart report days
    auto slot_of = [&](std::int64_t d, std::int64_t r) -> std::int64_t {
        if (table)
            return (d - min_done) * lags + (r - d - min_lag);
        return wide
            .emplace(d * (std::int64_t{1} << 32) + r, static_cast<std::uint32_t>(wide.size()))
            .first->second;
    };
    std::vector<std::size_t> count((table ? static_cast<std::size_t>(slots) : n) + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        ++count[static_cast<std::size_t>(slot_of(d, r)) + 1];
    }
    std::vector<scan_segment> fresh;
    std::vector<std::size_t> seg_of(count.size() - 1, 0);
    for (std::size_t k = 0; k + 1 < count.size(); ++k)
        if (count[k + 1] > 0) {
            seg_of[k] = fresh.size();
            fresh.emplace_back();
            fresh.back().cell.resize(count[k + 1]);
            fresh.back().quantity.resize(count[k + 1]);
        }
    std::vector<std::size_t> fill(fresh.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
        const auto [d, r] = key(i);
        const auto [c, q] = get(i);
        const auto s = seg_of[static_cast<std::size_t>(slot_of(d, r))];
        auto& seg = fresh[s];
        seg.done = static_cast<std::int32_t>(d);
        seg.reported = static_cast<std::int32_t>(r);
        seg.cell[fill[s]] = c;
        seg.quantity[fill[s]++] = q;
    }

    // Each segment by block of units, one counting sort while it sits in cache: roll-ups and
    // capacity checks work block by block, so the order inside a block does not matter.
    const std::uint32_t bc = static_cast<std::uint32_t>(block_cells());
    const std::size_t n_blocks = (cells_ + bc - 1) / bc;
    // A shift when the block size is a power of two (8 indicators: it is), not a division.
    int shift = 0;
    while ((std::uint32_t{1} << shift) < bc)
        ++shift;
    const bool pow2 = (std::uint32_t{1} << shift) == bc;
    auto block_of = [&](std::uint32_t cell) { return pow2 ? cell >> shift : cell / bc; };
    std::vector<std::size_t> hist(n_blocks + 1);
    uninit_vector<std::uint32_t> tmp_cell;
    uninit_vector<double> tmp_q;
    for (auto& seg : fresh) {
        const std::size_t m = seg.cell.size();
        std::uint32_t prev = 0;
        bool in_order = true;
        for (std::size_t i = 0; i < m; ++i) {
            const std::uint32_t b = block_of(seg.cell[i]);
            in_order &= b >= prev;
            prev = b;
        }
        if (in_order)
            continue;
        std::fill(hist.begin(), hist.end(), 0);
        for (std::size_t i = 0; i < m; ++i)
            ++hist[block_of(seg.cell[i]) + 1];
        for (std::size_t b = 0; b < n_blocks; ++b)
            hist[b + 1] += hist[b];
        tmp_cell.resize(m);
        tmp_q.resize(m);
        for (std::size_t i = 0; i < m; ++i) {
            auto& h = hist[block_of(seg.cell[i])];
            tmp_cell[h] = seg.cell[i];
            tmp_q[h++] = seg.quantity[i];
        }
        seg.cell.swap(tmp_cell);
        seg.quantity.swap(tmp_q);
    }

    return fresh;
}

inline void scan_layout::merge(std::vector<scan_segment>&& fresh) {
    for (auto& seg : fresh) {
        auto key = [](const scan_segment& x) { return std::pair(x.done, x.reported); };
        auto at = std::lower_bound(segments_.begin(), segments_.end(), seg,
                                   [&](const auto& a, const auto& b) { return key(a) < key(b); });
        if (at == segments_.end() || key(*at) != key(seg)) {
            segments_.insert(at, std::move(seg));
            continue;
        }
        scan_segment merged;
        merged.done = seg.done;
        merged.reported = seg.reported;
        const std::size_t a = at->cell.size(), b = seg.cell.size();
        merged.cell.resize(a + b);
        merged.quantity.resize(a + b);
        std::size_t i = 0, j = 0, k = 0;
        const std::uint32_t bc = static_cast<std::uint32_t>(block_cells());
        while (i < a || j < b) {
            const bool left = j == b || (i < a && at->cell[i] / bc <= seg.cell[j] / bc);
            merged.cell[k] = left ? at->cell[i] : seg.cell[j];
            merged.quantity[k++] = left ? at->quantity[i++] : seg.quantity[j++];
        }
        *at = std::move(merged);
    }
    fresh.clear();
}

} // namespace ntmkit::detail
