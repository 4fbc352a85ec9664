// Reading JSON while keeping the JSON pointer of every value, so each error names
// the offending value (/targets/3/value) and what was expected there.
#pragma once

#include <ntmkit/detail/enum_names.hpp>
#include <ntmkit/error.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
    std::string describe() const {
        auto text = value_->dump();
        if (text.size() > 40)
            text = text.substr(0, 37) + "...";
        return std::string(value_->type_name()) + " " + text;
    }

    const nlohmann::json* value_;
    nlohmann::json::json_pointer pointer_;
};

/// Parse a whole document; a syntax error names the byte offset.
inline nlohmann::json parse_json_text(std::string_view text, const std::string& source) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw parse_error(source + " byte " + std::to_string(e.byte),
                          std::string("not valid JSON: ") + e.what());
    }
}

} // namespace ntmkit::detail
