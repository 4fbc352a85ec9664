// Errors: every failure says where (JSON pointer, CSV row/column, unit id, date text)
// and what was expected, so a commune officer can find and fix the offending cell.
#pragma once

#include <ntmkit/detail/utf8.hpp>

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace ntmkit {

/// Root of all ntmkit errors. `where()` locates the problem, `what()` is the full message
/// "<where>: <detail>". Both are valid UTF-8 whatever the input was: bytes that are not
/// UTF-8 (quoted from a file in another encoding) are written as \xNN.
class error : public std::runtime_error {
public:
    error(const std::string& where, const std::string& detail)
        : error(detail::escape_invalid_utf8(where), detail::escape_invalid_utf8(detail), 0) {}

    const std::string& where() const noexcept { return where_; }
    const std::string& detail() const noexcept { return detail_; }

private:
    error(std::string where, std::string detail, int)
        : std::runtime_error(where.empty() ? detail : where + ": " + detail),
          where_(std::move(where)), detail_(std::move(detail)) {}

    std::string where_;
    std::string detail_;
};

/// Text that could not be read: a date, a number, a CSV line, a JSON document.
class parse_error : public error {
public:
    using error::error;
};

/// Well-formed input that contradicts the campaign: unknown unit, duplicate id, cycle,
/// negative quantity, a day outside the window, more households than the unit has.
class validation_error : public error {
public:
    using error::error;
};

/// Locates field `field` of batch item `i` in the user's input (a JSON pointer, a CSV row and
/// column), for the `where` of an error. Each kind of batch has a default naming the item.
using record_locator = std::function<std::string(std::size_t i, std::string_view field)>;

inline std::string default_record_locator(std::size_t i, std::string_view field) {
    return "progress record " + std::to_string(i) + ", field " + std::string(field);
}

} // namespace ntmkit
