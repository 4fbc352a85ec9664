// The cells of a partial roll-up (partial_rollup.hpp): each touched (unit, indicator) with its
// own records' figures, sorted by cell so that two partials merge in one linear pass and
// serialise with delta-coded cell numbers. Also the fingerprint helpers.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/bytes.hpp>
#include <ntmkit/detail/huge_pages.hpp>
#include <ntmkit/detail/progress_checks.hpp>
#include <ntmkit/error.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit::detail {

/// Mixes words into 64 bits, the same on every platform (no std::hash).
class fingerprint_hasher {
public:
    void word(std::uint64_t x) {
        h_ = (h_ ^ x) * 0xBF58476D1CE4E5B9ull;
        h_ ^= h_ >> 31;
    }
    void text(std::string_view s) {
        word(s.size());
        for (std::size_t i = 0; i < s.size(); i += 8) {
            std::uint64_t x = 0;
            for (std::size_t k = 0; k < 8 && i + k < s.size(); ++k)
                x |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
            word(x);
        }
    }
    void number(double v) {
        if (v != v) // every NaN (no target) alike
            return word(0x7FF8000000000000ull);
        v += 0.0; // -0 as 0
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        word(bits);
    }
    std::uint64_t value() const { return h_ ^ (h_ >> 29); }

private:
    std::uint64_t h_ = 0x6E746D6B69740001ull;
};

inline std::string hex(std::uint64_t x) {
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, x >>= 4)
        s[static_cast<std::size_t>(i)] = digits[x & 15];
    return s;
}

/// One record as a partial roll-up takes it in.
struct partial_record {
    std::int32_t unit, indicator, done, reported, superseded_on;
    double quantity;
    std::int64_t record;
};

/// A `sum` cell's own figures: the tally as of the day, and the net all-time total of the
/// records never corrected, which the household-capacity check adds up the tree.
struct sum_cell {
    progress_tally tally;
    double net = 0;
    sum_cell& operator+=(const sum_cell& o) {
        tally += o.tally;
        net += o.net;
        return *this;
    }
};

class partial_cells {
public:
    partial_cells() = default;
    partial_cells(std::size_t units, const std::vector<indicator>& inds)
        : cells_(units * inds.size()), indicators_(inds.size()) {
        for (const auto& ind : inds)
            is_last_.push_back(ind.over_time == time_aggregation::last);
    }

    std::size_t size() const { return sum_at_.size() + last_at_.size(); }

    /// Tallies n records get(i) into this (empty) set of cells.
    template <class Get>
    void tally(std::size_t n, Get get, const tally_days& days, std::int32_t known_by) {
        std::vector<std::pair<std::uint64_t, std::size_t>> last;
        std::uint64_t lo = ~std::uint64_t{0}, hi = 0;
        auto cell = [&](const partial_record& r) {
            return static_cast<std::uint64_t>(r.unit) * indicators_ +
                   static_cast<std::uint64_t>(r.indicator);
        };
        for (std::size_t i = 0; i < n; ++i) {
            const auto r = get(i);
            const auto c = cell(r);
            if (is_last_[static_cast<std::size_t>(r.indicator)]) {
                if (record_stands(r.done, r.reported, r.superseded_on, days.day, known_by))
                    last.emplace_back(c, i);
                continue;
            }
            lo = std::min(lo, c);
            hi = std::max(hi, c);
        }
        auto add = [&](sum_cell& s, const partial_record& r) {
            if (record_stands(r.done, r.reported, r.superseded_on, days.day, known_by))
                days.add(s.tally, r.done, r.quantity);
            if (r.superseded_on == never)
                s.net += r.quantity;
        };
        if (lo <= hi && hi - lo < 4 * n + 4096) {
            // Records of a region touch a narrow range of cells (units are in pre-order).
            std::vector<sum_cell> dense(hi - lo + 1);
            std::vector<std::uint8_t> touched(dense.size());
            for (std::size_t i = 0; i < n; ++i) {
                const auto r = get(i);
                if (is_last_[static_cast<std::size_t>(r.indicator)])
                    continue;
                add(dense[cell(r) - lo], r);
                touched[cell(r) - lo] = 1;
            }
            for (std::size_t k = 0; k < dense.size(); ++k)
                if (touched[k]) {
                    sum_at_.push_back(lo + k);
                    sum_.push_back(dense[k]);
                }
        } else if (lo <= hi) {
            std::vector<std::pair<std::uint64_t, std::size_t>> order;
            for (std::size_t i = 0; i < n; ++i) {
                const auto r = get(i);
                if (!is_last_[static_cast<std::size_t>(r.indicator)])
                    order.emplace_back(cell(r), i);
            }
            std::sort(order.begin(), order.end());
            for (const auto& [c, i] : order) {
                if (sum_at_.empty() || sum_at_.back() != c) {
                    sum_at_.push_back(c);
                    sum_.emplace_back();
                }
                add(sum_.back(), get(i));
            }
        }
        // `last` figures carry their record numbers, so the order offered does not matter.
        std::sort(last.begin(), last.end());
        for (const auto& [c, i] : last) {
            if (last_at_.empty() || last_at_.back() != c) {
                last_at_.push_back(c);
                last_.emplace_back();
            }
            const auto r = get(i);
            last_.back().offer(days, r.done, r.reported, r.quantity, r.record);
        }
    }

    /// Adds another partial's cells: sums add, `last` figures keep the newer.
    void merge(const partial_cells& o) {
        if (o.cells_ != cells_ || o.indicators_ != indicators_)
            throw validation_error("partial roll-up", "cannot merge partials of different shapes");
        merge_sorted(sum_at_, sum_, o.sum_at_, o.sum_,
                     [](sum_cell& a, const sum_cell& b) { a += b; });
        merge_sorted(last_at_, last_, o.last_at_, o.last_,
                     [](latest_tally& a, const latest_tally& b) { a.merge(b); });
    }

    /// Each cell's own tally, dense (cell = unit × indicators + indicator), as rollup takes them.
    rollup_column<progress_tally> own_tallies() const {
        rollup_column<progress_tally> own;
        own.assign(cells_, progress_tally{});
        for (std::size_t k = 0; k < sum_at_.size(); ++k)
            own[sum_at_[k]] = sum_[k].tally;
        for (std::size_t k = 0; k < last_at_.size(); ++k)
            if (last_[k].known())
                own[last_at_[k]] = last_[k].tally();
        return own;
    }

    /// The log's household-capacity rule over the merged records' net totals.
    void check_capacity(const campaign& c) const {
        const progress_context ctx{c.units(), c.indicators(), c.window()};
        const std::vector<double> none(cells_, 0.0);
        std::vector<double> dense;
        detail::check_capacity(
            none, cells_,
            [&](auto&& f) {
                for (std::size_t k = 0; k < sum_at_.size(); ++k)
                    f(static_cast<unit_index>(sum_at_[k] / indicators_),
                      static_cast<indicator_index>(sum_at_[k] % indicators_), sum_[k].net, k);
            },
            ctx, [](std::size_t, std::string_view) { return std::string("partial roll-up"); },
            dense, nullptr, 0);
    }

    void write(byte_writer& w) const {
        w.varint(cells_);
        w.varint(indicators_);
        for (auto l : is_last_)
            w.byte(l);
        w.varint(sum_at_.size());
        std::uint64_t prev = 0;
        for (std::size_t k = 0; k < sum_at_.size(); ++k) {
            w.varint(sum_at_[k] - prev);
            prev = sum_at_[k];
            const double v[4] = {sum_[k].tally.done_day, sum_[k].tally.done_period,
                                 sum_[k].tally.cumulative, sum_[k].net};
            std::uint8_t present = 0; // most cells: nothing today, often nothing this period
            for (int j = 0; j < 4; ++j)
                present |= static_cast<std::uint8_t>((v[j] != 0 ? 1 : 0) << j);
            w.byte(present);
            for (int j = 0; j < 4; ++j)
                if (v[j] != 0)
                    w.number(v[j]);
        }
        w.varint(last_at_.size());
        prev = 0;
        for (std::size_t k = 0; k < last_at_.size(); ++k) {
            w.varint(last_at_[k] - prev);
            prev = last_at_[k];
            for (const auto* f : {&last_[k].now, &last_[k].before_period, &last_[k].before_day}) {
                w.byte(f->known());
                if (!f->known())
                    continue;
                w.varint(static_cast<std::uint32_t>(f->done));
                w.varint(static_cast<std::uint32_t>(f->reported));
                w.varint(static_cast<std::uint64_t>(f->record));
                w.number(f->value);
            }
        }
    }

    static partial_cells read(byte_reader& r) {
        partial_cells p;
        p.cells_ = r.varint();
        p.indicators_ = r.varint();
        if (p.indicators_ == 0 || p.indicators_ > 1u << 20 || p.cells_ % p.indicators_ != 0)
            throw parse_error("partial roll-up", "corrupt bytes (shape)");
        for (std::size_t i = 0; i < p.indicators_; ++i)
            p.is_last_.push_back(r.byte());
        std::uint64_t at = 0;
        auto next_cell = [&](bool first) {
            const auto d = r.varint();
            if ((!first && d == 0) || d >= p.cells_ - at)
                throw parse_error("partial roll-up", "corrupt bytes (cell out of order)");
            at += d;
            return at;
        };
        for (auto k = r.varint(); k > 0; --k) {
            p.sum_at_.push_back(next_cell(p.sum_at_.empty()));
            const auto present = r.byte();
            double v[4] = {0, 0, 0, 0};
            for (int j = 0; j < 4; ++j)
                if (present >> j & 1)
                    v[j] = r.number();
            p.sum_.push_back({{v[0], v[1], v[2]}, v[3]});
        }
        at = 0;
        for (auto k = r.varint(); k > 0; --k) {
            p.last_at_.push_back(next_cell(p.last_at_.empty()));
            latest_tally t;
            for (auto* f : {&t.now, &t.before_period, &t.before_day}) {
                if (!r.byte())
                    continue;
                f->done = static_cast<std::int32_t>(r.varint());
                f->reported = static_cast<std::int32_t>(r.varint());
                f->record = static_cast<record_index>(r.varint());
                f->value = r.number();
            }
            p.last_.push_back(t);
        }
        return p;
    }

    friend bool operator==(const partial_cells& a, const partial_cells& b) {
        auto same_figure = [](const latest_figure& x, const latest_figure& y) {
            return x.done == y.done && x.reported == y.reported && x.record == y.record &&
                   x.value == y.value;
        };
        if (a.cells_ != b.cells_ || a.sum_at_ != b.sum_at_ || a.last_at_ != b.last_at_)
            return false;
        for (std::size_t k = 0; k < a.sum_.size(); ++k)
            if (!(a.sum_[k].tally == b.sum_[k].tally) || a.sum_[k].net != b.sum_[k].net)
                return false;
        for (std::size_t k = 0; k < a.last_.size(); ++k)
            if (!same_figure(a.last_[k].now, b.last_[k].now) ||
                !same_figure(a.last_[k].before_period, b.last_[k].before_period) ||
                !same_figure(a.last_[k].before_day, b.last_[k].before_day))
                return false;
        return true;
    }

private:
    template <class T, class Combine>
    static void merge_sorted(std::vector<std::uint64_t>& at, std::vector<T>& val,
                             const std::vector<std::uint64_t>& oat, const std::vector<T>& oval,
                             Combine combine) {
        if (oat.empty())
            return;
        std::vector<std::uint64_t> m_at;
        std::vector<T> m_val;
        m_at.reserve(at.size() + oat.size());
        m_val.reserve(at.size() + oat.size());
        std::size_t i = 0, j = 0;
        while (i < at.size() || j < oat.size()) {
            if (j == oat.size() || (i < at.size() && at[i] < oat[j])) {
                m_at.push_back(at[i]);
                m_val.push_back(val[i++]);
            } else if (i == at.size() || oat[j] < at[i]) {
                m_at.push_back(oat[j]);
                m_val.push_back(oval[j++]);
            } else {
                m_at.push_back(at[i]);
                m_val.push_back(val[i++]);
                combine(m_val.back(), oval[j++]);
            }
        }
        at.swap(m_at);
        val.swap(m_val);
    }

    std::size_t cells_ = 0, indicators_ = 0;
    std::vector<std::uint8_t> is_last_;
    std::vector<std::uint64_t> sum_at_, last_at_;
    std::vector<sum_cell> sum_;
    std::vector<latest_tally> last_;
};

} // namespace ntmkit::detail
