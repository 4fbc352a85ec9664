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
#include <vector>

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

namespace detail {

/// The one candidate a typed name means. None is a validation_error at `where` saying `none`;
/// several list their ids, the first five then how many more, so the officer can pick one:
/// "\"Tổ 1\" is the name of 7 units: a, b, c, d, e and 2 more; give the id".
template <class Index, class IdOf>
Index only_candidate(const std::vector<Index>& found, std::string_view key, const char* kinds,
                     const std::string& where, const std::string& none, IdOf id_of) {
    if (found.size() == 1)
        return found.front();
    if (found.empty())
        throw validation_error(where, none);
    constexpr std::size_t listed = 5;
    std::string ids;
    for (std::size_t k = 0; k < found.size() && k < listed; ++k)
        ids += (k ? ", " : "") + std::string(id_of(found[k]));
    if (found.size() > listed)
        ids += " and " + std::to_string(found.size() - listed) + " more";
    throw validation_error(where, "\"" + std::string(key) + "\" is the name of " +
                                      std::to_string(found.size()) + " " + kinds + ": " + ids +
                                      "; give the id");
}

} // namespace detail

} // namespace ntmkit
