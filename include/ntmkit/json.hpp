// The campaign file format (docs/format.md): to_json / from_json in namespace ntmkit, found
// by nlohmann/json through ADL. Reading goes through a cursor that knows each value's JSON
// pointer, so every error names it (/targets/3/value) and says what was expected.
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/json_drives.hpp>
#include <ntmkit/detail/json_strict.hpp>
#include <ntmkit/period.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

namespace ntmkit {

inline constexpr const char* campaign_format = "ntmkit-campaign";
inline constexpr int campaign_format_version = 1;

namespace detail {

// Optional members owned by support_json.hpp (labour support, funds), included at the end.
inline void read_support_members(const json_cursor& root, campaign& c);
template <class J> void write_support_members(J& j, const campaign& c);

/// Whole numbers are written without a fraction ("77", not "77.0"), for exact round trips.
template <class J> J number_json(double v) {
    if (std::floor(v) == v && std::abs(v) < 9.0e15)
        return J(static_cast<std::int64_t>(v));
    return J(v);
}

inline std::string string_or(const json_cursor& c, std::string_view key, std::string fallback) {
    auto v = c.find(key);
    return v ? v->as_string() : fallback;
}

inline indicator read_indicator(const json_cursor& c) {
    require_known_members(c, {"id", "name_vi", "name_en", "measure", "over_time", "over_units"});
    indicator ind;
    ind.id = c.at("id").as_string();
    ind.name_vi = string_or(c, "name_vi", "");
    ind.name_en = string_or(c, "name_en", "");
    ind.measure = string_or(c, "measure", "households");
    if (auto v = c.find("over_time"))
        ind.over_time = v->as_enum<time_aggregation>();
    if (auto v = c.find("over_units"))
        ind.over_units = v->as_enum<hierarchy_aggregation>();
    return ind;
}

inline unit_spec read_unit(const json_cursor& c) {
    require_known_members(c, {"id", "name", "level", "parent", "households", "illustrative"});
    unit_spec u;
    u.id = c.at("id").as_string();
    u.name = string_or(c, "name", u.id);
    u.level = c.at("level").as_enum<unit_level>();
    u.parent = string_or(c, "parent", "");
    if (auto v = c.find("households")) {
        auto h = v->as_integer();
        if (h < 0)
            v->invalid("household count must be 0 or more, got " + std::to_string(h));
        u.households = h;
    }
    if (auto v = c.find("illustrative"))
        u.illustrative = v->as_bool();
    return u;
}

inline target_spec read_target(const json_cursor& c) {
    require_known_members(c, {"unit", "indicator", "value", "basis"});
    target_spec t;
    t.unit = c.at("unit").as_string();
    t.indicator = c.at("indicator").as_string();
    t.value = c.at("value").as_number();
    if (auto v = c.find("basis"))
        t.basis = v->as_enum<target_basis>();
    return t;
}

inline progress_record read_progress(const json_cursor& c) {
    require_known_members(
        c, {"unit", "indicator", "date", "reported", "quantity", "note", "reporter", "supersedes"});
    progress_record r;
    r.unit = c.at("unit").as_string();
    r.indicator = c.at("indicator").as_string();
    r.done = date_at(c.at("date"));
    if (auto v = c.find("reported"))
        r.reported = date_at(*v);
    r.quantity = c.at("quantity").as_number();
    r.note = string_or(c, "note", "");
    r.reporter = string_or(c, "reporter", "");
    if (auto v = c.find("supersedes"))
        r.supersedes = v->as_integer();
    return r;
}

inline reporting_schedule read_schedule(const json_cursor& c) {
    require_known_members(c, {"kind", "day", "deadline_days"});
    reporting_schedule s;
    s.kind = c.at("kind").as_enum<schedule_kind>();
    if (s.kind == schedule_kind::weekly)
        s.report_day = c.at("day").as_enum<weekday>();
    if (auto v = c.find("deadline_days")) {
        auto d = v->as_integer();
        if (d < 0 || d > 366)
            v->invalid("deadline_days must be between 0 and 366, got " + std::to_string(d));
        s.deadline_days = static_cast<int>(d);
    }
    return s;
}

inline theme_week read_theme(const json_cursor& c) {
    require_known_members(
        c, {"id", "name_vi", "name_en", "first", "last", "indicators", "note", "illustrative"});
    theme_week t;
    t.id = c.at("id").as_string();
    t.name_vi = string_or(c, "name_vi", "");
    t.name_en = string_or(c, "name_en", "");
    t.first = date_at(c.at("first"));
    t.last = date_at(c.at("last"));
    auto inds = c.at("indicators");
    for (std::size_t i = 0; i < inds.size(); ++i)
        t.indicators.push_back(inds.at(i).as_string());
    t.note = string_or(c, "note", "");
    if (auto v = c.find("illustrative"))
        t.illustrative = v->as_bool();
    return t;
}

/// "period" is the period's report date, or its DHIS2 id (2022SatW16) as exported from DHIS2.
inline submission_record read_submission(const json_cursor& c, const reporting_schedule& s,
                                         const date_window& w) {
    require_known_members(c, {"unit", "period", "submitted", "reporter", "note"});
    submission_record r;
    r.unit = c.at("unit").as_string();
    auto period = c.at("period");
    auto text = period.as_string();
    // DHIS2 weekly ids all contain a W; daily ids are 8 bare digits.
    const bool dhis2 = text.find('W') != std::string::npos ||
                       (text.size() == 8 && text.find_first_not_of("0123456789") == text.npos);
    if (!dhis2) {
        r.period = date_at(period);
    } else {
        try {
            r.period = report_period_from_dhis2_id(s, w, text).report_date;
        } catch (const error& e) {
            throw parse_error(period.where(), "expected a report date (2022-04-22) or a DHIS2 "
                                              "period id (2022SatW16): " +
                                                  e.detail());
        }
    }
    r.submitted = date_at(c.at("submitted"));
    r.reporter = string_or(c, "reporter", "");
    r.note = string_or(c, "note", "");
    return r;
}

/// Maps a batch position to the JSON pointer of the record's field.
inline record_locator pointer_locator(std::string array_pointer) {
    return [array_pointer](std::size_t i, std::string_view field) {
        return array_pointer + "/" + std::to_string(i) + "/" + std::string(field);
    };
}

} // namespace detail

// --- writing -----------------------------------------------------------------------------------

template <class J> void to_json(J& j, const indicator& ind) {
    j = J::object();
    j["id"] = ind.id;
    j["name_vi"] = ind.name_vi;
    j["name_en"] = ind.name_en;
    j["measure"] = ind.measure;
    j["over_time"] = to_string(ind.over_time);
    j["over_units"] = to_string(ind.over_units);
}

template <class J> void to_json(J& j, const unit_spec& u) {
    j = J::object();
    j["id"] = u.id;
    j["name"] = u.name;
    j["level"] = to_string(u.level);
    if (!u.parent.empty())
        j["parent"] = u.parent;
    if (u.households)
        j["households"] = *u.households;
    if (u.illustrative)
        j["illustrative"] = true;
}

namespace detail {

// Members written only when present, so files without them keep their exact bytes; each a
// piece of to_json(campaign) that campaign_bytes.hpp writes too.
template <class J> void write_unit_changes(J& j, const campaign& c) {
    if (c.unit_changes().empty())
        return;
    J changes = J::array();
    for (const auto& u : c.unit_changes())
        changes.push_back(unit_change_json<J>(u));
    j["unit_changes"] = changes;
}

template <class J> void write_themes_and_drives(J& j, const campaign& c) {
    if (!c.themes().empty()) {
        J themes = J::array();
        for (const auto& t : c.themes()) {
            J o = J::object();
            o["id"] = t.id;
            o["name_vi"] = t.name_vi;
            o["name_en"] = t.name_en;
            o["first"] = format_date_iso(t.first);
            o["last"] = format_date_iso(t.last);
            o["indicators"] = t.indicators;
            if (!t.note.empty())
                o["note"] = t.note;
            if (t.illustrative)
                o["illustrative"] = true;
            themes.push_back(std::move(o));
        }
        j["themes"] = themes;
    }
    if (!c.drives().empty()) {
        J drives = J::array();
        for (const auto& d : c.drives())
            drives.push_back(drive_json<J>(d));
        j["drives"] = drives;
    }
}

template <class J> void write_submissions(J& j, const campaign& c) {
    if (!c.submissions().empty()) {
        J subs = J::array();
        for (const auto& sub : c.submissions().items()) {
            J o = J::object();
            o["unit"] = std::string(c.units().id(sub.unit));
            o["period"] = format_date_iso(sub.report_date);
            o["submitted"] = format_date_iso(sub.submitted);
            if (!sub.reporter.empty())
                o["reporter"] = sub.reporter;
            if (!sub.note.empty())
                o["note"] = sub.note;
            subs.push_back(std::move(o));
        }
        j["submissions"] = subs;
    }
}

} // namespace detail

template <class J> void to_json(J& j, const campaign& c) {
    j = J::object();
    j["format"] = campaign_format;
    j["format_version"] = campaign_format_version;
    j["id"] = c.id();
    j["name"] = c.name();
    if (!c.info().source.empty())
        j["source"] = c.info().source;
    if (!c.info().notes.empty())
        j["notes"] = c.info().notes;
    j["window"] = J{{"first", format_date_iso(c.window().first())},
                    {"last", format_date_iso(c.window().last())}};
    J sched = J::object();
    sched["kind"] = to_string(c.schedule().kind);
    if (c.schedule().kind == schedule_kind::weekly)
        sched["day"] = to_string(c.schedule().report_day);
    sched["deadline_days"] = c.schedule().deadline_days;
    j["reporting"] = sched;
    J inds = J::array();
    for (const auto& ind : c.indicators())
        inds.push_back(J(ind));
    j["indicators"] = inds;
    J units = J::array();
    for (const auto& u : c.units().specs())
        units.push_back(J(u));
    j["units"] = units;
    detail::write_unit_changes(j, c);
    J targets = J::array();
    c.targets().for_each([&](unit_index u, indicator_index i, double v, target_basis b) {
        J t = J::object();
        t["unit"] = std::string(c.units().id(u));
        t["indicator"] = c.indicator_of(i).id;
        t["value"] = detail::number_json<J>(v);
        t["basis"] = to_string(b);
        targets.push_back(std::move(t));
    });
    j["targets"] = targets;
    detail::write_themes_and_drives(j, c);
    J progress = J::array();
    const auto& log = c.progress();
    for (std::size_t r = 0; r < log.size(); ++r) {
        const auto rr = static_cast<record_index>(r);
        J p = J::object();
        p["unit"] = std::string(c.units().id(log.units()[r]));
        p["indicator"] = c.indicator_of(log.indicators()[r]).id;
        p["date"] =
            format_date_iso(c.window().first() + boost::gregorian::days(log.done_days()[r]));
        if (log.reported_days()[r] != log.done_days()[r])
            p["reported"] = format_date_iso(c.window().first() +
                                            boost::gregorian::days(log.reported_days()[r]));
        p["quantity"] = detail::number_json<J>(log.quantities()[r]);
        if (!log.note(rr).empty())
            p["note"] = std::string(log.note(rr));
        if (!log.reporter(rr).empty())
            p["reporter"] = std::string(log.reporter(rr));
        if (log.supersedes(rr) != no_record)
            p["supersedes"] = log.supersedes(rr);
        progress.push_back(std::move(p));
    }
    j["progress"] = progress;
    detail::write_submissions(j, c);
    detail::write_support_members(j, c);
}

// --- reading -----------------------------------------------------------------------------------

namespace detail {

// Pieces of campaign_from_json that campaign_bytes.hpp reads too.
inline void read_unit_changes(const json_cursor& root, campaign& c) {
    if (auto changes_c = root.find("unit_changes")) {
        std::vector<unit_change> changes;
        for (std::size_t i = 0; i < changes_c->size(); ++i)
            changes.push_back(read_unit_change(changes_c->at(i)));
        c.set_unit_changes(std::move(changes), pointer_locator("/unit_changes"));
    }
}

inline void read_themes_and_drives(const json_cursor& root, campaign& c) {
    if (auto themes_c = root.find("themes")) {
        std::vector<theme_week> themes;
        for (std::size_t i = 0; i < themes_c->size(); ++i)
            themes.push_back(read_theme(themes_c->at(i)));
        c.set_themes(std::move(themes), pointer_locator("/themes"));
    }
    if (auto drives_c = root.find("drives")) {
        std::vector<drive> drives;
        for (std::size_t i = 0; i < drives_c->size(); ++i)
            drives.push_back(read_drive(drives_c->at(i)));
        c.set_drives(std::move(drives), pointer_locator("/drives"));
    }
}

inline void read_submissions(const json_cursor& root, campaign& c) {
    if (auto subs_c = root.find("submissions")) {
        std::vector<submission_record> subs;
        for (std::size_t i = 0; i < subs_c->size(); ++i)
            subs.push_back(read_submission(subs_c->at(i), c.schedule(), c.window()));
        c.add_submissions(subs, pointer_locator("/submissions"));
    }
}

} // namespace detail

/// Reads a campaign; every error names the JSON pointer of the offending value.
inline campaign campaign_from_json(const nlohmann::json& j) {
    detail::json_cursor root(j);
    root.require_object();
    if (root.at("format").as_string() != campaign_format)
        root.at("format").fail(std::string("\"") + campaign_format + "\"");
    auto version = root.at("format_version").as_integer();
    if (version != campaign_format_version)
        root.at("format_version")
            .fail("format version " + std::to_string(campaign_format_version) +
                  " (this ntmkit reads version " + std::to_string(campaign_format_version) + ")");
    // After the header, so a file of another kind is named as such rather than by a member.
    detail::require_known_members(root, {"format", "format_version", "id", "name", "source",
                                         "notes", "window", "reporting", "indicators", "units",
                                         "unit_changes", "targets", "themes", "drives", "progress",
                                         "submissions", "support", "funds"});
    campaign_info info;
    info.id = root.at("id").as_string();
    info.name = detail::string_or(root, "name", info.id);
    info.source = detail::string_or(root, "source", "");
    if (auto notes = root.find("notes"))
        for (std::size_t i = 0; i < notes->size(); ++i)
            info.notes.push_back(notes->at(i).as_string());
    auto w = root.at("window");
    detail::require_known_members(w, {"first", "last"});
    date first = detail::date_at(w.at("first")), last = detail::date_at(w.at("last"));
    if (last < first)
        w.at("last").invalid("the last day " + format_date_vi(last) + " is before the first day " +
                             format_date_vi(first));
    info.window = date_window(first, last);
    if (auto s = root.find("reporting"))
        info.schedule = detail::read_schedule(*s);

    auto inds_c = root.at("indicators");
    std::vector<indicator> inds;
    for (std::size_t i = 0; i < inds_c.size(); ++i)
        inds.push_back(detail::read_indicator(inds_c.at(i)));
    check_indicators(inds,
                     [](std::size_t i) { return "/indicators/" + std::to_string(i) + "/id"; });

    auto units_c = root.at("units");
    std::vector<unit_spec> specs;
    for (std::size_t i = 0; i < units_c.size(); ++i)
        specs.push_back(detail::read_unit(units_c.at(i)));
    auto tree =
        unit_tree::build(specs, [](std::size_t i) { return "/units/" + std::to_string(i); });

    campaign c(std::move(info), std::move(tree), std::move(inds));
    detail::read_unit_changes(root, c);
    if (auto targets_c = root.find("targets")) {
        std::vector<target_spec> targets;
        for (std::size_t i = 0; i < targets_c->size(); ++i)
            targets.push_back(detail::read_target(targets_c->at(i)));
        c.set_targets(targets, detail::pointer_locator("/targets"));
    }
    detail::read_themes_and_drives(root, c);
    if (auto progress_c = root.find("progress")) {
        std::vector<progress_record> records;
        for (std::size_t i = 0; i < progress_c->size(); ++i)
            records.push_back(detail::read_progress(progress_c->at(i)));
        c.add_progress(records, detail::pointer_locator("/progress"));
    }
    detail::read_submissions(root, c);
    detail::read_support_members(root, c);
    return c;
}

inline void from_json(const nlohmann::json& j, campaign& c) {
    c = campaign_from_json(j);
}

/// The canonical text of a campaign file: 2-space indent, keys in a fixed order, newline at
/// the end. Same campaign, same bytes.
inline std::string campaign_to_json_text(const campaign& c) {
    nlohmann::ordered_json j;
    to_json(j, c);
    return j.dump(2) + "\n";
}

/// A campaign from JSON text. With a `source` (a file name), errors inside the document name
/// it before the JSON pointer: "seed.json#/targets/3/value".
inline campaign campaign_from_json_text(std::string_view text, const std::string& source = "") {
    const auto j = detail::parse_json_text(text, source.empty() ? "JSON" : source);
    return detail::located_in(source, [&] { return campaign_from_json(j); });
}

inline std::string read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw error("file \"" + path + "\"", "cannot be opened for reading");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline campaign load_campaign(const std::string& path) {
    return campaign_from_json_text(read_text_file(path), path);
}

inline void save_campaign(const campaign& c, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out)
        throw error("file \"" + path + "\"", "cannot be opened for writing");
    out << campaign_to_json_text(c);
}

} // namespace ntmkit

#include <ntmkit/support_json.hpp> // defines the support members declared above
