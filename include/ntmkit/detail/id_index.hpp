// Open-addressing hash index from string id to dense position. Stores only 32-bit positions;
// the strings stay in the caller's pool, so a country's units cost 8 bytes each here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

class id_index {
public:
    static constexpr std::uint32_t empty = 0xFFFFFFFFu;

    /// Rebuild for `n` keys, key(i) giving the i-th string. Returns the first duplicate pair.
    template <class KeyOf>
    std::optional<std::pair<std::uint32_t, std::uint32_t>> rebuild(std::size_t n, KeyOf key) {
        std::size_t cap = 16;
        while (cap < 2 * n)
            cap <<= 1;
        slots_.assign(cap, empty);
        for (std::size_t i = 0; i < n; ++i) {
            auto k = key(i);
            std::size_t s = slot_of(k);
            while (slots_[s] != empty) {
                if (key(slots_[s]) == k)
                    return std::pair{slots_[s], static_cast<std::uint32_t>(i)};
                s = (s + 1) & (slots_.size() - 1);
            }
            slots_[s] = static_cast<std::uint32_t>(i);
        }
        return std::nullopt;
    }

    template <class KeyOf> std::optional<std::uint32_t> find(std::string_view k, KeyOf key) const {
        if (slots_.empty())
            return std::nullopt;
        for (std::size_t s = slot_of(k); slots_[s] != empty; s = (s + 1) & (slots_.size() - 1))
            if (key(slots_[s]) == k)
                return slots_[s];
        return std::nullopt;
    }

private:
    std::size_t slot_of(std::string_view k) const {
        return std::hash<std::string_view>{}(k) & (slots_.size() - 1);
    }
    std::vector<std::uint32_t> slots_;
};

} // namespace ntmkit::detail
