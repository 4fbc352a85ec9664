// Shared by the libFuzzer harnesses: what any input may do is return normally or throw an
// ntmkit::error whose message is valid UTF-8. Anything else (another exception, a crash, a
// sanitizer report, a hang) is a finding.
#pragma once

#include <ntmkit/unicode.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace fuzz {

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

/// Runs f; an ntmkit::error is an accepted outcome if its message is valid UTF-8.
template <class F> void expect_ok_or_ntmkit_error(F&& f) {
    try {
        f();
    } catch (const ntmkit::error& e) {
        if (!ntmkit::is_valid_utf8(e.what()))
            std::abort();
    }
}

} // namespace fuzz
