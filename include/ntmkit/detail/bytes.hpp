// Portable bytes for values that travel between processes (partial roll-ups, campaign
// definitions): little-endian fixed words and LEB128 varints, whatever the host's byte order.
// A reader names what it reads and the byte offset of anything wrong with it.
#pragma once

#include <ntmkit/error.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ntmkit::detail {

class byte_writer {
public:
    void raw(const char* p, std::size_t n) { out_.append(p, n); }
    void fixed(std::uint64_t x) {
        for (int k = 0; k < 8; ++k, x >>= 8)
            out_.push_back(static_cast<char>(x & 0xFF));
    }
    void number(double v) {
        std::uint64_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        fixed(bits);
    }
    void varint(std::uint64_t x) {
        for (; x >= 0x80; x >>= 7)
            out_.push_back(static_cast<char>((x & 0x7F) | 0x80));
        out_.push_back(static_cast<char>(x));
    }
    /// A signed number, zigzag-coded so that small negatives stay short.
    void signed_varint(std::int64_t x) {
        varint((static_cast<std::uint64_t>(x) << 1) ^ static_cast<std::uint64_t>(x >> 63));
    }
    void text(std::string_view s) {
        varint(s.size());
        out_.append(s.data(), s.size());
    }
    void byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
    std::size_t size() const { return out_.size(); }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class byte_reader {
public:
    /// `what` names the value in errors ("partial roll-up", "campaign bytes").
    explicit byte_reader(std::string_view in, std::string what = "partial roll-up")
        : in_(in), what_(std::move(what)) {}
    void skip(std::size_t n) {
        need(n, "more bytes");
        at_ += n;
    }
    std::uint64_t fixed(const char* expected = "an 8-byte word") {
        need(8, expected);
        std::uint64_t x = 0;
        for (int k = 0; k < 8; ++k)
            x |= static_cast<std::uint64_t>(static_cast<unsigned char>(in_[at_++])) << (8 * k);
        return x;
    }
    double number(const char* expected = "a number") {
        const auto bits = fixed(expected);
        double v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    std::uint64_t varint(const char* expected = "a number") {
        const auto start = at_;
        std::uint64_t x = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1, expected);
            const auto b = static_cast<unsigned char>(in_[at_++]);
            x |= static_cast<std::uint64_t>(b & 0x7F) << shift;
            if (!(b & 0x80))
                return x;
        }
        fail_at(start, std::string(expected) + ", found a number that runs on");
    }
    std::int64_t signed_varint(const char* expected = "a number") {
        const auto z = varint(expected);
        return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
    }
    /// A count of items that each take at least `min_bytes`: refused when the bytes left
    /// cannot hold them, so that corrupt input never asks for a huge allocation.
    std::size_t count(const char* expected, std::size_t min_bytes = 1) {
        const auto start = at_;
        const auto n = varint(expected);
        if (n > (in_.size() - at_) / (min_bytes ? min_bytes : 1))
            fail_at(start, std::string(expected) + ", found " + std::to_string(n) +
                               " (more than the " + std::to_string(in_.size() - at_) +
                               " bytes left can hold)");
        return static_cast<std::size_t>(n);
    }
    std::string_view text(const char* expected = "a text") {
        const auto n = count(expected);
        const auto s = in_.substr(at_, n);
        at_ += n;
        return s;
    }
    std::uint8_t byte(const char* expected = "a byte") {
        need(1, expected);
        return static_cast<std::uint8_t>(in_[at_++]);
    }
    /// `n` raw bytes.
    std::string_view raw(std::size_t n, const char* expected) {
        need(n, expected);
        const auto s = in_.substr(at_, n);
        at_ += n;
        return s;
    }
    void expect_end() const {
        if (at_ != in_.size())
            fail_at(at_, "the end, found " + std::to_string(in_.size() - at_) +
                             " more bytes (trailing data)");
    }
    std::size_t offset() const { return at_; }
    /// Throws a parse_error: at byte `at`, expected `expected`.
    [[noreturn]] void fail_at(std::size_t at, const std::string& expected) const {
        throw parse_error(what_,
                          "corrupt bytes at byte " + std::to_string(at) + ": expected " + expected);
    }

private:
    void need(std::size_t n, const char* expected) const {
        if (in_.size() - at_ < n)
            fail_at(at_, std::string(expected) + ", found the end (cut short: " +
                             std::to_string(in_.size()) + " bytes)");
    }
    std::string_view in_;
    std::string what_;
    std::size_t at_ = 0;
};

} // namespace ntmkit::detail
