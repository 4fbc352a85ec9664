// Arrays of hundreds of megabytes at national scale (record columns, roll-up outputs): on
// Linux ask for 2 MiB pages before anything touches them. Touching fresh memory costs a page
// fault per page; on the benchmark machine (a VM) 4 KiB faults ran at ~1.5 GB/s and 2 MiB
// ones at ~7 GB/s, so this decides much of the time of an ingest or a roll-up. Elsewhere,
// or if the kernel declines, it is only a reserve().
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ntmkit::detail {

inline void advise_huge_pages(void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes < (std::size_t{4} << 20))
        return;
    const std::uintptr_t page = 4096, p = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t a = (p + page - 1) & ~(page - 1), e = (p + bytes) & ~(page - 1);
    if (e > a)
        madvise(reinterpret_cast<void*>(a), e - a, MADV_HUGEPAGE); // advice: failure is fine
#else
    (void)data;
    (void)bytes;
#endif
}

/// Makes room for n elements on fresh memory advised for huge pages before anything touches
/// it, keeping the contents. Only when the vector would have to grow anyway.
template <class T, class A> void reserve_huge(std::vector<T, A>& v, std::size_t n) {
    static_assert(std::is_trivially_copyable_v<T>, "contents are copied as they are");
    if (v.capacity() >= n)
        return;
    std::vector<T, A> fresh;
    fresh.reserve(n);
    advise_huge_pages(fresh.data(), fresh.capacity() * sizeof(T));
    fresh.insert(fresh.end(), v.begin(), v.end());
    v.swap(fresh);
}

/// Faults `bytes` of fresh memory in on this thread, in order: one write a 4 KiB page, which
/// the kernel zeroes. Two threads faulting in the pages of one mapping at once stalled each
/// other on the benchmark machine: a national roll-up whose sweeps faulted in their own cells
/// took 0.15 s in some runs and 0.5 s in others, against a steady 0.17–0.19 s this way. A page
/// already mapped costs one write.
inline void fault_in(void* data, std::size_t bytes) {
    auto* p = static_cast<volatile unsigned char*>(data);
    for (std::size_t k = 0; k < bytes; k += 4096)
        p[k] = 0;
}

/// An allocator that leaves the elements `resize(n)` makes unwritten, for arrays whose every
/// element is written next (a roll-up's columns): zeroing them first is one more pass over
/// the memory (0.05 s of a national roll-up's 0.47 GB). Elements given a value (assign,
/// push_back, resize(n, v)) get it.
template <class T> struct unwritten_allocator : std::allocator<T> {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>,
                  "only for plain data, whose bytes are all there is to it");
    template <class U> struct rebind { using other = unwritten_allocator<U>; };
    unwritten_allocator() = default;
    template <class U> unwritten_allocator(const unwritten_allocator<U>&) noexcept {}
    template <class U> void construct(U*) noexcept {}
    template <class U, class... Args> void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};

} // namespace ntmkit::detail

namespace ntmkit {
/// A roll-up's flat column (cell = unit × indicators + indicator): a std::vector whose new
/// elements are left for the roll-up to write (detail::unwritten_allocator).
template <class T> using rollup_column = std::vector<T, detail::unwritten_allocator<T>>;
} // namespace ntmkit
