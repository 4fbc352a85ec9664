// Reading JSON while keeping the JSON pointer of every value, so each error names
// the offending value (/targets/3/value) and what was expected there.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ntmkit::detail {

class json_cursor {
public:
    explicit json_cursor(const nlohmann::json& value) : value_(&value) {}
    json_cursor(const nlohmann::json& value, nlohmann::json::json_pointer pointer)
        : value_(&value), pointer_(std::move(pointer)) {}

    const nlohmann::json& value() const { return *value_; }
    std::string where() const {
        auto s = pointer_.to_string();
        return s.empty() ? "/" : s;
    }
    /// The pointer of a member of this object, present or not (~ and / escaped).
    std::string member_where(std::string_view key) const {
        return (pointer_ / std::string(key)).to_string();
    }

    [[noreturn]] void fail(const std::string& expected) const {
        throw parse_error(where(), "expected " + expected + ", got " + describe());
    }
    [[noreturn]] void invalid(const std::string& detail) const {
        throw validation_error(where(), detail);
    }

    json_cursor at(std::string_view key) const {
        require_object();
        auto it = value_->find(key);
        if (it == value_->end())
            throw parse_error(where(), "missing member \"" + std::string(key) + "\"");
        return json_cursor(*it, pointer_ / std::string(key));
    }
    std::optional<json_cursor> find(std::string_view key) const {
        require_object();
        auto it = value_->find(key);
        if (it == value_->end() || it->is_null())
            return std::nullopt;
        return json_cursor(*it, pointer_ / std::string(key));
    }
    json_cursor at(std::size_t index) const {
        require_array();
        return json_cursor((*value_)[index], pointer_ / index);
    }
    std::size_t size() const {
        require_array();
        return value_->size();
    }
    bool is_null() const { return value_->is_null(); }

    std::string as_string() const {
        if (!value_->is_string())
            fail("a string");
        return value_->get<std::string>();
    }
    double as_number() const {
        if (!value_->is_number())
            fail("a number");
        return value_->get<double>();
    }
    std::int64_t as_integer() const {
        // Above 2^63 - 1 the library holds an unsigned value that would wrap to a negative one.
        if (value_->is_number_unsigned() &&
            value_->get<std::uint64_t>() >
                static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            fail("an integer up to " + std::to_string(std::numeric_limits<std::int64_t>::max()));
        if (value_->is_number_integer())
            return value_->get<std::int64_t>();
        if (value_->is_number_float()) {
            double d = value_->get<double>();
            if (std::floor(d) == d && std::abs(d) < 9.0e15)
                return static_cast<std::int64_t>(d);
        }
        fail("an integer");
    }
    bool as_bool() const {
        if (!value_->is_boolean())
            fail("true or false");
        return value_->get<bool>();
    }
    template <class E> E as_enum() const { return parse_enum<E>(as_string(), where()); }

    void require_object() const {
        if (!value_->is_object())
            fail("an object");
    }
    void require_array() const {
        if (!value_->is_array())
            fail("an array");
    }

private:
    // Arrays and objects by their size: dumping one could recurse as deep as the file nests.
    std::string describe() const {
        if (value_->is_array())
            return "an array of " + std::to_string(value_->size());
        if (value_->is_object())
            return "an object with " + std::to_string(value_->size()) + " members";
        auto text = value_->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        if (text.size() > 40)
            text = text.substr(0, 37) + "...";
        return std::string(value_->type_name()) + " " + text;
    }

    const nlohmann::json* value_;
    nlohmann::json::json_pointer pointer_;
};

/// Deepest nesting of arrays and objects a document may have. A campaign file needs 4;
/// the limit keeps recursive steps (destruction, dumps) far from the stack's end.
inline constexpr std::size_t max_json_depth = 64;

/// Refuses a document nested deeper than max_json_depth, naming the byte where it happens.
inline void check_json_depth(std::string_view text, const std::string& source) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (in_string) {
            if (ch == '\\')
                ++i;
            else if (ch == '"')
                in_string = false;
        } else if (ch == '"') {
            in_string = true;
        } else if (ch == '[' || ch == '{') {
            if (++depth > max_json_depth)
                throw parse_error(source + " byte " + std::to_string(i),
                                  "arrays and objects nest deeper than " +
                                      std::to_string(max_json_depth) + " levels");
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            --depth;
        }
    }
}

/// Refuses a member written twice in one object, which the JSON library would silently
/// resolve to the last value (`"households": 10, "households": 1`): a parse_error naming
/// `<source>#<pointer of the member>`. Keeps the path of the value being parsed.
class duplicate_member_check {
public:
    explicit duplicate_member_check(const std::string& source) : source_(source) {}

    bool operator()(int, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        using E = nlohmann::json::parse_event_t;
        switch (event) {
        case E::object_start:
        case E::array_start:
            frames_.push_back({event == E::object_start, 0, {}, {}});
            break;
        case E::key: {
            auto& f = frames_.back();
            f.key = parsed.get<std::string>();
            if (!f.keys.insert(f.key).second)
                throw parse_error(source_ + "#" + pointer().to_string(),
                                  "member \"" + f.key +
                                      "\" is written twice in this object; keep one");
            break;
        }
        case E::object_end:
        case E::array_end:
            frames_.pop_back();
            next_element();
            break;
        case E::value:
            next_element();
            break;
        }
        return true;
    }

private:
    struct frame {
        bool object;
        std::size_t index; ///< arrays: the element being parsed
        std::string key;   ///< objects: the member being parsed
        std::unordered_set<std::string> keys;
    };
    void next_element() {
        if (!frames_.empty() && !frames_.back().object)
            ++frames_.back().index;
    }
    nlohmann::json::json_pointer pointer() const {
        nlohmann::json::json_pointer p;
        for (const auto& f : frames_)
            p = f.object ? p / f.key : p / f.index;
        return p;
    }

    std::string source_;
    std::vector<frame> frames_;
};

/// Runs `read`, whose errors are located by JSON pointer, naming `source` (a file name) before
/// the pointer: "seed.json#/targets/3/value". An empty source leaves the errors as they are.
template <class Read> auto located_in(const std::string& source, Read&& read) -> decltype(read()) {
    if (source.empty())
        return read();
    try {
        return read();
    } catch (const parse_error& e) {
        throw parse_error(source + "#" + e.where(), e.detail());
    } catch (const validation_error& e) {
        throw validation_error(source + "#" + e.where(), e.detail());
    }
}

/// Parse a whole document; a syntax error names the byte offset. Every failure of the JSON
/// library (a number too large for a double, too deep a nesting) becomes a parse_error, and a
/// member written twice in one object is refused (duplicate_member_check).
inline nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
    check_json_depth(text, source);
    try {
        return nlohmann::json::parse(text.begin(), text.end(), duplicate_member_check(source));
    } catch (const nlohmann::json::parse_error& e) {
        throw parse_error(source + " byte " + std::to_string(e.byte),
                          std::string("not valid JSON: ") + e.what());
    } catch (const nlohmann::json::out_of_range& e) {
        // e.g. 1e400: "number overflow parsing '1e400'"
        throw parse_error(source, std::string("a number is out of range: ") + e.what());
    } catch (const nlohmann::json::exception& e) {
        throw parse_error(source, std::string("not valid JSON: ") + e.what());
    }
}

} // namespace ntmkit::detail
