// Many short strings (unit ids, names) in one buffer: a country has ~2 million units, and a
// std::string each would cost more than the roll-up data itself.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ntmkit::detail {

class string_pool {
public:
    std::uint32_t add(std::string_view s) {
        chars_.insert(chars_.end(), s.begin(), s.end());
        offsets_.push_back(chars_.size());
        return static_cast<std::uint32_t>(offsets_.size() - 2);
    }
    std::string_view operator[](std::size_t i) const {
        return {chars_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]};
    }
    std::size_t size() const { return offsets_.size() - 1; }
    void reserve(std::size_t strings, std::size_t chars) {
        offsets_.reserve(strings + 1);
        chars_.reserve(chars);
    }

private:
    std::vector<char> chars_;
    std::vector<std::size_t> offsets_{0};
};

} // namespace ntmkit::detail
