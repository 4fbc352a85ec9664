// Labour support and funds in JSON (docs/format.md): the optional `support` and `funds`
// members of the campaign file, and a file of its own ("ntmkit-support") that adds the same to a
// loaded campaign, as a progress CSV adds records. Readers go through json_cursor, so errors
// name the JSON pointer.
#pragma once

#include <ntmkit/funds.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/support.hpp>

#include <string>

namespace ntmkit {

inline constexpr const char* support_format = "ntmkit-support";
inline constexpr int support_format_version = 1;

namespace detail {

inline supporter read_supporter(const json_cursor& c) {
    require_known_members(c, {"id", "name", "kind", "units", "note", "illustrative"});
    supporter s;
    s.id = c.at("id").as_string();
    s.name = string_or(c, "name", s.id);
    s.kind = c.at("kind").as_enum<supporter_kind>();
    s.units = string_list(c, "units");
    s.note = string_or(c, "note", "");
    s.illustrative = optional_bool(c, "illustrative", false);
    return s;
}

inline labour_need read_labour_need(const json_cursor& c) {
    require_known_members(
        c, {"unit", "date", "person_days", "task", "indicator", "note", "illustrative"});
    labour_need n;
    n.unit = c.at("unit").as_string();
    n.day = date_at(c.at("date"));
    n.person_days = c.at("person_days").as_number();
    n.task = string_or(c, "task", "");
    n.indicator = string_or(c, "indicator", "");
    n.note = string_or(c, "note", "");
    n.illustrative = optional_bool(c, "illustrative", false);
    return n;
}

inline support_record read_support_record(const json_cursor& c) {
    require_known_members(c, {"kind", "date", "giver", "receiver", "person_days", "materials",
                              "task", "note", "illustrative"});
    support_record r;
    r.kind = c.at("kind").as_enum<support_kind>();
    r.day = date_at(c.at("date"));
    r.giver = c.at("giver").as_string();
    r.receiver = c.at("receiver").as_string();
    if (auto v = c.find("person_days"))
        r.person_days = v->as_number();
    r.materials = string_or(c, "materials", "");
    r.task = string_or(c, "task", "");
    r.note = string_or(c, "note", "");
    r.illustrative = optional_bool(c, "illustrative", false);
    return r;
}

/// A `support` object ({supporters, needs, records}) as a plan.
inline support_plan read_support_plan(const json_cursor& s) {
    require_known_members(s, {"supporters", "needs", "records"});
    support_plan plan;
    if (auto a = s.find("supporters"))
        for (std::size_t i = 0; i < a->size(); ++i)
            plan.supporters.push_back(read_supporter(a->at(i)));
    if (auto a = s.find("needs"))
        for (std::size_t i = 0; i < a->size(); ++i)
            plan.needs.push_back(read_labour_need(a->at(i)));
    if (auto a = s.find("records"))
        for (std::size_t i = 0; i < a->size(); ++i)
            plan.records.push_back(read_support_record(a->at(i)));
    return plan;
}

/// An amount of money: a whole number of đồng, 0 or more, at most 2^63 − 1 (as_integer names
/// a larger one); 1234.5 or 1e6 written as a fraction is refused rather than rounded.
inline std::int64_t read_dong(const json_cursor& c) {
    if (c.value().is_number_float())
        c.fail("a whole number of đồng (no fraction or exponent)");
    const auto v = c.as_integer();
    if (v < 0)
        c.invalid("an amount must be 0 or more đồng, got " + std::to_string(v));
    return v;
}

inline fund_record read_fund_record(const json_cursor& c) {
    require_known_members(
        c, {"date", "source", "amount", "unit", "purpose", "contributor", "note", "illustrative"});
    fund_record r;
    r.day = date_at(c.at("date"));
    r.source = c.at("source").as_enum<fund_source>();
    r.amount = read_dong(c.at("amount"));
    r.unit = c.at("unit").as_string();
    r.purpose = string_or(c, "purpose", "");
    r.contributor = string_or(c, "contributor", "");
    r.note = string_or(c, "note", "");
    r.illustrative = optional_bool(c, "illustrative", false);
    return r;
}

/// Reads the optional members this header owns (`support`, `funds`) into `c`, together and
/// all or nothing.
inline void read_support_members(const json_cursor& root, campaign& c) {
    const auto s = root.find("support");
    const auto f = root.find("funds");
    if (!s && !f)
        return;
    const support_plan plan = s ? read_support_plan(*s) : support_plan{};
    std::vector<fund_record> funds;
    if (f)
        for (std::size_t i = 0; i < f->size(); ++i)
            funds.push_back(read_fund_record(f->at(i)));
    const std::string at = s ? s->where() : "/support";
    c.add_support(plan, funds,
                  {pointer_locator(at + "/supporters"), pointer_locator(at + "/needs"),
                   pointer_locator(at + "/records")},
                  pointer_locator(f ? f->where() : "/funds"));
}

// Optional members are written only when set (texts non-empty, `illustrative` true), so files
// without them keep their exact bytes.
template <class J> void write_text(J& o, const char* key, const std::string& text) {
    if (!text.empty())
        o[key] = text;
}
template <class J> void write_illustrative(J& o, bool illustrative) {
    if (illustrative)
        o["illustrative"] = true;
}

template <class J> J support_json(const support_plan& p) {
    J out = J::object();
    if (!p.supporters.empty()) {
        J a = J::array();
        for (const auto& s : p.supporters) {
            J o = J::object();
            o["id"] = s.id;
            o["name"] = s.name;
            o["kind"] = to_string(s.kind);
            o["units"] = s.units;
            write_text(o, "note", s.note);
            write_illustrative(o, s.illustrative);
            a.push_back(std::move(o));
        }
        out["supporters"] = a;
    }
    if (!p.needs.empty()) {
        J a = J::array();
        for (const auto& n : p.needs) {
            J o = J::object();
            o["unit"] = n.unit;
            o["date"] = format_date_iso(n.day);
            o["person_days"] = number_json<J>(n.person_days);
            write_text(o, "task", n.task);
            write_text(o, "indicator", n.indicator);
            write_text(o, "note", n.note);
            write_illustrative(o, n.illustrative);
            a.push_back(std::move(o));
        }
        out["needs"] = a;
    }
    if (!p.records.empty()) {
        J a = J::array();
        for (const auto& r : p.records) {
            J o = J::object();
            o["kind"] = to_string(r.kind);
            o["date"] = format_date_iso(r.day);
            o["giver"] = r.giver;
            o["receiver"] = r.receiver;
            o["person_days"] = number_json<J>(r.person_days);
            write_text(o, "materials", r.materials);
            write_text(o, "task", r.task);
            write_text(o, "note", r.note);
            write_illustrative(o, r.illustrative);
            a.push_back(std::move(o));
        }
        out["records"] = a;
    }
    return out;
}

/// Writes the members this header owns, only when there is something to write, so campaign
/// files without them keep their exact bytes.
template <class J> void write_support_members(J& j, const campaign& c) {
    if (!c.support().empty())
        j["support"] = support_json<J>(c.support().plan());
    if (c.funds().empty())
        return;
    J a = J::array();
    for (const auto& r : c.funds().records()) {
        J o = J::object();
        o["date"] = format_date_iso(r.day);
        o["source"] = to_string(r.source);
        o["amount"] = r.amount;
        o["unit"] = r.unit;
        write_text(o, "purpose", r.purpose);
        write_text(o, "contributor", r.contributor);
        write_text(o, "note", r.note);
        write_illustrative(o, r.illustrative);
        a.push_back(std::move(o));
    }
    j["funds"] = a;
}

} // namespace detail

/// Adds the support (and funds) of an "ntmkit-support" document to `c`, all or nothing. The
/// document names the campaign it belongs to: another campaign's file is refused.
inline void add_support_json(campaign& c, const nlohmann::json& j) {
    detail::json_cursor root(j);
    detail::require_format(root, support_format, support_format_version);
    detail::require_known_members(
        root, {"format", "format_version", "campaign", "notes", "support", "funds"});
    const auto id = root.at("campaign").as_string();
    if (id != c.id())
        root.at("campaign")
            .invalid("this file belongs to campaign \"" + id + "\", not to \"" + c.id() + "\"");
    (void)detail::string_list(root, "notes"); // for readers of the file; checked to be text
    detail::read_support_members(root, c);
}

/// The same from text; with a `source` (a file name) errors name it before the JSON pointer.
inline void add_support_json_text(campaign& c, std::string_view text,
                                  const std::string& source = "") {
    const auto j = detail::parse_json_text(text, source.empty() ? "JSON" : source);
    detail::located_in(source, [&] { add_support_json(c, j); });
}

inline void load_support_file(campaign& c, const std::string& path) {
    add_support_json_text(c, read_text_file(path), path);
}

/// The campaign's support (and funds) as an "ntmkit-support" document, canonical text.
inline std::string support_file_text(const campaign& c) {
    nlohmann::ordered_json j;
    j["format"] = support_format;
    j["format_version"] = support_format_version;
    j["campaign"] = c.id();
    detail::write_support_members(j, c);
    return j.dump(2) + "\n";
}

} // namespace ntmkit
