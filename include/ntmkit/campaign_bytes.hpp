// A campaign as compact bytes, for travel between processes (Dask workers, pickling) and for the
// store: the same campaign as its JSON file, read without a JSON document in between.
//
// Units, indicators, targets and progress are binary (a national definition, 1.8 million units
// and 10 million targets, reads in a fraction of the time its JSON takes); the members that are
// small and varied (unit changes, themes, drives, submissions, support, funds) travel as a JSON
// object written and read by json.hpp's own pieces, so there is one reader per member.
//
// Layout (format 1; numbers are LEB128 varints, signed ones zigzag-coded, texts a varint length
// then UTF-8, `f64` 8 little-endian bytes):
//   "NTMKCAMP" format
//   id name source notes(count, texts) first last (days since 1970-01-01, signed)
//   schedule: kind day (enum names) deadline_days
//   indicators: count, each id name_vi name_en measure over_time over_units (enum names)
//   units: level names (count, texts), count, each id name level (index into the names)
//          parent (0: the root, else its index + 1) households (signed; -1 unknown) illustrative
//   targets: basis names, count, each cell (unit × indicators + indicator) as the delta from the
//          previous one, a byte (basis index × 2 + 1 if the value is whole), value (varint if
//          whole, else f64)
//   progress: count, then columns: unit, indicator, done, reported − done (signed), quantity
//          (a byte: 1 whole, 0 f64; then the value); notes, reporters (count, each record, text);
//          corrections (count, each record, the record it supersedes)
//   the other members as a JSON object ("" when there are none)
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/detail/bytes.hpp>
#include <ntmkit/json.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit {

inline constexpr const char* campaign_bytes_magic = "NTMKCAMP";
inline constexpr std::uint64_t campaign_bytes_format = 1;

namespace detail {

inline const date campaign_bytes_epoch{1970, 1, 1};

inline void write_day(byte_writer& w, date d) {
    w.signed_varint((d - campaign_bytes_epoch).days());
}

/// A whole number that fits a varint exactly, written as one (most figures and targets).
inline bool whole_varint(double v) {
    return v >= 0 && v < 9.0e15 && std::floor(v) == v && !(v == 0 && std::signbit(v));
}

inline void write_figure(byte_writer& w, double v) {
    if (whole_varint(v))
        w.varint(static_cast<std::uint64_t>(v));
    else
        w.number(v);
}

/// Every name of enum E in order; items refer to them by position.
template <class E> void write_enum_names(byte_writer& w) {
    const auto names = enum_names(E{});
    w.varint(names.size());
    for (const auto& [v, name] : names)
        w.text(name);
}

template <class E> std::size_t enum_position(E value) {
    const auto names = enum_names(E{});
    for (std::size_t k = 0; k < names.size(); ++k)
        if (names[k].first == value)
            return k;
    return 0;
}

/// Reads campaign bytes field by field; every error names the byte offset.
class campaign_bytes_reader {
public:
    explicit campaign_bytes_reader(std::string_view in) : r_(in, "campaign bytes") {}
    byte_reader& raw() { return r_; }

    std::string text(const char* expected) { return std::string(r_.text(expected)); }
    date day(const char* expected) {
        const auto at = r_.offset();
        const auto d = r_.signed_varint(expected);
        if (d < -700000 || d > 700000) // years 0 to 3886: boost refuses what is beyond
            r_.fail_at(at, std::string(expected) + ", found day " + std::to_string(d));
        return campaign_bytes_epoch + boost::gregorian::days(static_cast<long>(d));
    }
    /// A varint below `limit`.
    std::uint64_t below(std::uint64_t limit, const char* expected) {
        const auto at = r_.offset();
        const auto x = r_.varint(expected);
        if (x >= limit)
            r_.fail_at(at, std::string(expected) + " below " + std::to_string(limit) + ", found " +
                               std::to_string(x));
        return x;
    }
    double figure(bool whole, const char* expected) {
        return whole ? static_cast<double>(r_.varint(expected)) : r_.number(expected);
    }
    template <class E> E enum_value(const char* expected) {
        const auto at = r_.offset();
        const auto name = r_.text(expected);
        for (const auto& [v, known] : enum_names(E{}))
            if (known == name)
                return v;
        r_.fail_at(at, std::string(expected) + ", a name this ntmkit knows");
    }
    template <class E> std::vector<E> enum_names_table(const char* expected) {
        std::vector<E> out(r_.count(expected));
        for (auto& v : out)
            v = enum_value<E>(expected);
        return out;
    }

private:
    byte_reader r_;
};

inline void write_progress(byte_writer& w, const progress_log& log) {
    const auto n = log.size();
    w.varint(n);
    for (auto u : log.units())
        w.varint(static_cast<std::uint32_t>(u));
    for (auto i : log.indicators())
        w.varint(static_cast<std::uint32_t>(i));
    for (auto d : log.done_days())
        w.varint(static_cast<std::uint32_t>(d));
    for (std::size_t k = 0; k < n; ++k)
        w.signed_varint(static_cast<std::int64_t>(log.reported_days()[k]) - log.done_days()[k]);
    for (auto q : log.quantities()) {
        w.byte(whole_varint(q));
        write_figure(w, q);
    }
    std::vector<record_index> noted, reported_by, corrections;
    for (std::size_t k = 0; k < n; ++k) {
        const auto r = static_cast<record_index>(k);
        if (!log.note(r).empty())
            noted.push_back(r);
        if (!log.reporter(r).empty())
            reported_by.push_back(r);
        if (log.has_corrections() && log.supersedes(r) != no_record)
            corrections.push_back(r);
    }
    w.varint(noted.size());
    for (auto r : noted) {
        w.varint(static_cast<std::uint64_t>(r));
        w.text(log.note(r));
    }
    w.varint(reported_by.size());
    for (auto r : reported_by) {
        w.varint(static_cast<std::uint64_t>(r));
        w.text(log.reporter(r));
    }
    w.varint(corrections.size());
    for (auto r : corrections) {
        w.varint(static_cast<std::uint64_t>(r));
        w.varint(static_cast<std::uint64_t>(log.supersedes(r)));
    }
}

inline void read_progress(campaign_bytes_reader& in, campaign& c) {
    auto& r = in.raw();
    const auto n = r.count("the number of progress records", 5);
    if (n == 0) {
        for (const char* what : {"notes", "reporters", "corrections"})
            if (r.varint(what) != 0)
                r.fail_at(r.offset() - 1, std::string("no ") + what + " without records");
        return;
    }
    constexpr auto int_limit = std::uint64_t{1} << 31;
    std::vector<std::int32_t> unit(n), indicator(n), done(n), reported(n);
    std::vector<double> quantity(n);
    for (auto& u : unit)
        u = static_cast<std::int32_t>(in.below(int_limit, "a record's unit"));
    for (auto& i : indicator)
        i = static_cast<std::int32_t>(in.below(int_limit, "a record's indicator"));
    for (auto& d : done)
        d = static_cast<std::int32_t>(in.below(int_limit, "a record's day done"));
    for (std::size_t k = 0; k < n; ++k) {
        const auto at = r.offset();
        const auto late = r.signed_varint("a record's days between done and reported");
        if (late < 0 || late >= static_cast<std::int64_t>(int_limit) - done[k])
            r.fail_at(at, "a record's days between done and reported, 0 or more, found " +
                              std::to_string(late));
        reported[k] = done[k] + static_cast<std::int32_t>(late);
    }
    for (auto& q : quantity)
        q = in.figure(r.byte("a record's quantity kind") != 0, "a record's quantity");
    auto sparse_texts = [&](const char* what) {
        std::vector<std::pair<std::size_t, std::string>> out(r.count(what, 2));
        for (auto& [k, text] : out) {
            k = static_cast<std::size_t>(in.below(n, "a record number"));
            text = in.text(what);
        }
        return out;
    };
    const auto notes = sparse_texts("notes");
    const auto reporters = sparse_texts("reporters");
    std::vector<std::pair<std::size_t, record_index>> corrections(r.count("corrections", 2));
    for (auto& [k, target] : corrections) {
        k = static_cast<std::size_t>(in.below(n, "a record number"));
        target = static_cast<record_index>(in.below(n, "the record it supersedes"));
    }
    if (notes.empty() && reporters.empty() && corrections.empty()) {
        c.add_progress_columns(n, unit.data(), indicator.data(), done.data(), reported.data(),
                               quantity.data());
        return;
    }
    std::vector<resolved_record> records(n);
    for (std::size_t k = 0; k < n; ++k)
        records[k] = {unit[k], indicator[k], done[k], reported[k], quantity[k], no_record, {}, {}};
    for (const auto& [k, text] : notes)
        records[k].note = text;
    for (const auto& [k, text] : reporters)
        records[k].reporter = text;
    for (const auto& [k, target] : corrections)
        records[k].supersedes = target;
    c.add_progress(records);
}

} // namespace detail

/// The campaign as compact bytes (this header's layout): campaign_from_bytes gives it back,
/// equal member for member, with the same canonical JSON. `definition_only`: without its
/// progress and submissions (what a campaign store keeps as a definition version).
inline std::string to_bytes(const campaign& c, bool definition_only = false) {
    detail::byte_writer w;
    w.raw(campaign_bytes_magic, 8);
    w.varint(campaign_bytes_format);
    const auto& info = c.info();
    w.text(info.id);
    w.text(info.name);
    w.text(info.source);
    w.varint(info.notes.size());
    for (const auto& n : info.notes)
        w.text(n);
    detail::write_day(w, c.window().first());
    detail::write_day(w, c.window().last());
    w.text(to_string_view(c.schedule().kind));
    w.text(to_string_view(c.schedule().report_day));
    w.varint(static_cast<std::uint64_t>(c.schedule().deadline_days));

    w.varint(c.indicators().size());
    for (const auto& ind : c.indicators()) {
        for (const auto* s : {&ind.id, &ind.name_vi, &ind.name_en, &ind.measure})
            w.text(*s);
        w.text(to_string_view(ind.over_time));
        w.text(to_string_view(ind.over_units));
    }

    const auto& units = c.units();
    detail::write_enum_names<unit_level>(w);
    w.varint(units.size());
    for (std::size_t k = 0; k < units.size(); ++k) {
        const auto u = static_cast<unit_index>(k);
        w.text(units.id(u));
        w.text(units.name(u));
        w.varint(detail::enum_position(units.level(u)));
        w.varint(static_cast<std::uint64_t>(units.parent(u) + 1));
        w.signed_varint(units.households(u).value_or(-1));
        w.byte(units.illustrative(u));
    }

    detail::write_enum_names<target_basis>(w);
    std::size_t count = 0;
    c.targets().for_each([&](unit_index, indicator_index, double, target_basis) { ++count; });
    w.varint(count);
    std::uint64_t previous = 0;
    const auto n_ind = c.indicators().size();
    c.targets().for_each([&](unit_index u, indicator_index i, double v, target_basis b) {
        const auto cell = static_cast<std::uint64_t>(u) * n_ind + static_cast<std::uint64_t>(i);
        w.varint(cell - previous);
        previous = cell;
        const bool whole = detail::whole_varint(v);
        w.byte(static_cast<std::uint8_t>(detail::enum_position(b) * 2 + whole));
        detail::write_figure(w, v);
    });

    detail::write_progress(w, definition_only ? progress_log() : c.progress());

    nlohmann::ordered_json rest = nlohmann::ordered_json::object();
    detail::write_unit_changes(rest, c);
    detail::write_themes_and_drives(rest, c);
    if (!definition_only)
        detail::write_submissions(rest, c);
    detail::write_support_members(rest, c);
    w.text(rest.empty() ? std::string() : rest.dump());
    return w.take();
}

/// The campaign of to_bytes; truncated, corrupt or foreign bytes are a parse_error naming the
/// byte offset and what was expected there, and a campaign that breaks a rule (a cycle of
/// units, a target above a unit's households) is refused as its JSON file would be.
inline campaign campaign_from_bytes(std::string_view bytes) {
    detail::campaign_bytes_reader in(bytes);
    auto& r = in.raw();
    if (bytes.size() < 8 || bytes.substr(0, 8) != campaign_bytes_magic)
        r.fail_at(0, "\"NTMKCAMP\" (these are not the bytes of an ntmkit campaign)");
    r.skip(8);
    const auto format = r.varint("the format number");
    if (format != campaign_bytes_format)
        r.fail_at(8, "format " + std::to_string(campaign_bytes_format) + ", found format " +
                         std::to_string(format) + " (written by another ntmkit version)");
    campaign_info info;
    info.id = in.text("the campaign id");
    info.name = in.text("the campaign name");
    info.source = in.text("the campaign source");
    info.notes.resize(r.count("the number of notes"));
    for (auto& n : info.notes)
        n = in.text("a note");
    const auto window_at = r.offset();
    const auto first = in.day("the first day"), last = in.day("the last day");
    if (last < first)
        r.fail_at(window_at, "a window whose last day is not before its first");
    info.window = date_window(first, last);
    info.schedule.kind = in.enum_value<schedule_kind>("the schedule kind");
    info.schedule.report_day = in.enum_value<weekday>("the report day");
    info.schedule.deadline_days = static_cast<int>(in.below(367, "the deadline days"));

    std::vector<indicator> inds(r.count("the number of indicators", 6));
    for (auto& ind : inds) {
        for (auto* s : {&ind.id, &ind.name_vi, &ind.name_en, &ind.measure})
            *s = in.text("an indicator's texts");
        ind.over_time = in.enum_value<time_aggregation>("an indicator's rule over time");
        ind.over_units = in.enum_value<hierarchy_aggregation>("an indicator's rule over units");
    }

    const auto levels = in.enum_names_table<unit_level>("the unit levels");
    std::vector<unit_spec> specs(r.count("the number of units", 6));
    std::vector<std::size_t> parent(specs.size()); // 0: none, else position + 1
    for (std::size_t k = 0; k < specs.size(); ++k) {
        auto& s = specs[k];
        s.id = in.text("a unit id");
        s.name = in.text("a unit name");
        s.level = levels[in.below(levels.size(), "a unit level")];
        parent[k] = in.below(specs.size() + 1, "a unit's parent");
        const auto at = r.offset();
        const auto h = r.signed_varint("a unit's households");
        if (h < -1)
            r.fail_at(at, "a household count of 0 or more (or -1), found " + std::to_string(h));
        if (h >= 0)
            s.households = h;
        s.illustrative = r.byte("a unit's illustrative flag") != 0;
    }
    for (std::size_t k = 0; k < specs.size(); ++k)
        if (parent[k] > 0)
            specs[k].parent = specs[parent[k] - 1].id;
    auto tree = unit_tree::build(specs, [](std::size_t k) { return "unit " + std::to_string(k); });
    campaign c(std::move(info), std::move(tree), std::move(inds));

    const auto bases = in.enum_names_table<target_basis>("the target bases");
    const auto n_ind = c.indicators().size();
    const auto cells = static_cast<std::uint64_t>(c.units().size()) * n_ind;
    const auto n_targets = r.count("the number of targets", 3);
    // One column set per basis, set together; the table is by cell, so order does not matter.
    std::vector<std::vector<std::int32_t>> unit(bases.size()), indicator(bases.size());
    std::vector<std::vector<double>> value(bases.size());
    std::uint64_t cell = 0;
    for (std::size_t k = 0; k < n_targets; ++k) {
        const auto at = r.offset();
        const auto step = r.varint("a target's cell");
        if ((k > 0 && step == 0) || step >= cells - cell)
            r.fail_at(at, "a target's cell after the previous one and below " +
                              std::to_string(cells) + ", found a step of " + std::to_string(step));
        cell += step;
        const auto kind = r.byte("a target's basis");
        const auto b = static_cast<std::size_t>(kind >> 1);
        if (b >= bases.size())
            r.fail_at(at, "a target basis below " + std::to_string(bases.size()));
        unit[b].push_back(static_cast<std::int32_t>(cell / n_ind));
        indicator[b].push_back(static_cast<std::int32_t>(cell % n_ind));
        value[b].push_back(in.figure(kind & 1, "a target's value"));
    }
    for (std::size_t b = 0; b < bases.size(); ++b)
        c.set_target_columns(unit[b].size(), unit[b].data(), indicator[b].data(), value[b].data(),
                             bases[b]);

    detail::read_progress(in, c);

    const auto rest_at = r.offset();
    const auto rest = r.text("the other members (JSON)");
    r.expect_end();
    if (!rest.empty()) {
        const auto source = "campaign bytes, JSON at byte " + std::to_string(rest_at);
        const auto j = detail::parse_json_text(rest, source);
        detail::located_in(source, [&] {
            detail::json_cursor root(j);
            root.require_object();
            detail::require_known_members(
                root, {"unit_changes", "themes", "drives", "submissions", "support", "funds"});
            detail::read_unit_changes(root, c);
            detail::read_themes_and_drives(root, c);
            detail::read_submissions(root, c);
            detail::read_support_members(root, c);
            return 0;
        });
    }
    return c;
}

} // namespace ntmkit
