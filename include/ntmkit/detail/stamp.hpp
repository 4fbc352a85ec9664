// Stamps naming a version of a value: every change takes a fresh one from one process-wide
// counter, and a copy keeps its original's until either side changes. Equal stamps therefore
// mean equal contents, which lets a kept roll-up (rollup::advance) tell that the campaign it
// was computed from has only had records appended since.
#pragma once

#include <atomic>
#include <cstdint>

namespace ntmkit::detail {

/// A stamp no other change in this process has taken (never 0).
inline std::uint64_t next_stamp() {
    static std::atomic<std::uint64_t> last{0};
    return ++last;
}

} // namespace ntmkit::detail
