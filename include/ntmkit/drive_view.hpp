// One drive of a campaign as a campaign of its own, and a year of several campaigns summed.
//
// drive_campaign(c, id) keeps the drive's window, its unit's subtree, its targets and the
// records done inside both: every roll-up, report, ranking and grading then works on a drive
// unchanged (the pace counts the drive's days, the status its targets). Records keep their
// corrections: a correction that moves a record out of the drive (another day, another unit)
// becomes a correction to 0 reported the same day, so a report as known by any day is the
// same as the campaign's restricted to the drive.
#pragma once

#include <ntmkit/aggregation.hpp>
#include <ntmkit/campaign.hpp>
#include <ntmkit/rollup.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ntmkit {

inline const drive& drive_of(const campaign& c, std::string_view id) {
    for (const auto& d : c.drives())
        if (d.id == id)
            return d;
    throw validation_error("drive \"" + std::string(id) + "\"",
                           "no such drive in campaign \"" + c.id() + "\"");
}

inline campaign drive_campaign(const campaign& c, std::string_view drive_id) {
    const drive& d = drive_of(c, drive_id);
    const auto& tree = c.units();
    const unit_index root = tree.at(d.unit);
    const unit_index end = root + tree.subtree_size(root);
    campaign_info info = c.info();
    info.id = c.id() + "/" + d.id;
    info.name = d.name("vi");
    info.window = date_window(d.first, d.last);
    info.notes.push_back("Drive \"" + d.id + "\" of campaign \"" + c.id() + "\" (" +
                         c.window().describe() + "): unit \"" + d.unit + "\", " +
                         info.window.describe() + ".");
    // The subtree keeps its pre-order, so a unit's index in the drive is its index − root.
    std::vector<unit_spec> specs;
    for (unit_index u = root; u < end; ++u)
        specs.push_back(tree.spec(u));
    specs.front().parent.clear();
    campaign out(info, unit_tree::build(specs), c.indicators());

    std::vector<target_spec> targets;
    for (const auto& t : d.targets)
        targets.push_back({t.unit.empty() ? d.unit : t.unit, t.indicator, t.value, t.basis});
    out.set_targets(targets);

    const auto& log = c.progress();
    const auto shift = static_cast<std::int32_t>((d.first - c.window().first()).days());
    const std::int32_t last_day = shift + d.days() - 1;
    std::vector<record_index> kept(log.size(), no_record);
    std::vector<resolved_record> records;
    for (std::size_t r = 0; r < log.size(); ++r) {
        const auto u = log.units()[r];
        const auto done = log.done_days()[r];
        if (u < root || u >= end || done < shift || done > last_day)
            continue;
        const auto rr = static_cast<record_index>(r);
        const auto s = log.supersedes(rr);
        kept[r] = static_cast<record_index>(records.size());
        records.push_back({u - root, log.indicators()[r], done - shift,
                           log.reported_days()[r] - shift, log.quantities()[r],
                           s == no_record ? no_record : kept[static_cast<std::size_t>(s)],
                           std::string(log.note(rr)), std::string(log.reporter(rr))});
    }
    for (std::size_t q = 0; q < log.size(); ++q) {
        const auto s = log.supersedes(static_cast<record_index>(q));
        if (s == no_record || kept[q] != no_record ||
            kept[static_cast<std::size_t>(s)] == no_record)
            continue;
        const auto& original = records[static_cast<std::size_t>(kept[static_cast<std::size_t>(s)])];
        records.push_back({original.unit, original.indicator, original.done,
                           log.reported_days()[q] - shift, 0, kept[static_cast<std::size_t>(s)],
                           "corrected by record " + std::to_string(q) + " outside the drive", ""});
    }
    out.add_progress(records);

    const auto periods = out.schedule().periods(out.window());
    std::vector<submission_record> subs;
    for (const auto& s : c.submissions().items()) {
        const auto p = std::find_if(periods.begin(), periods.end(), [&](const report_period& x) {
            return x.report_date == s.report_date;
        });
        if (s.unit >= root && s.unit < end && p != periods.end() && s.submitted >= p->first)
            subs.push_back(
                {std::string(tree.id(s.unit)), s.report_date, s.submitted, s.reporter, s.note});
    }
    out.add_submissions(subs);

    std::vector<theme_week> themes;
    for (const auto& t : c.themes())
        if (out.window().contains(t.first) && out.window().contains(t.last))
            themes.push_back(t);
    out.set_themes(std::move(themes));
    std::vector<drive> nested;
    for (const auto& n : c.drives()) {
        const auto u = tree.at(n.unit);
        if (n.id != d.id && u >= root && u < end && out.window().contains(n.first) &&
            out.window().contains(n.last))
            nested.push_back(n);
    }
    out.set_drives(std::move(nested));
    std::vector<unit_change> changes;
    for (const auto& ch : c.unit_changes()) {
        const auto u = tree.at(ch.unit);
        const auto s = ch.successor.empty() ? u : tree.at(ch.successor);
        if (u >= root && u < end && s >= root && s < end)
            changes.push_back(ch);
    }
    out.set_unit_changes(std::move(changes));
    return out;
}

// --- a year of campaigns -------------------------------------------------------------------------

/// One unit and indicator over the campaigns of a year (matched by id).
struct year_cell {
    std::string unit;
    std::string indicator;
    std::optional<double> target;       ///< Σ of the campaigns' targets (own or derived)
    double cumulative = 0;              ///< Σ done; a `last` indicator: the latest figure
    std::vector<std::string> campaigns; ///< ids of the campaigns that contributed

    /// progress_ratio's rule (aggregation.hpp); unset where it gives NaN.
    std::optional<double> ratio() const {
        const double r = target ? progress_ratio(cumulative, *target) : std::nan("");
        return std::isnan(r) ? std::nullopt : std::optional<double>(r);
    }
};

struct year_summary {
    date as_of;
    std::vector<std::string> campaigns; ///< in the order given, those begun by as_of
    std::vector<year_cell> cells;       ///< in order of first appearance

    const year_cell* find(std::string_view unit, std::string_view indicator) const {
        for (const auto& c : cells)
            if (c.unit == unit && c.indicator == indicator)
                return &c;
        return nullptr;
    }
};

/// Targets and progress of several campaigns (a year's, or a commune's drives shown with
/// drive_campaign) as of a day: each campaign rolled up at that day (its last day once over),
/// summed per unit id and indicator id. Figures of `last` indicators are running totals, so the
/// latest campaign's stands instead of a sum. Campaigns not begun by then are left out.
inline year_summary summarise_year(const std::vector<const campaign*>& campaigns, date as_of) {
    year_summary out{as_of, {}, {}};
    std::map<std::pair<std::string, std::string>, std::size_t> at;
    for (const campaign* c : campaigns) {
        if (as_of < c->window().first())
            continue;
        out.campaigns.push_back(c->id());
        const rollup r(*c, std::min(as_of, c->window().last()));
        for (std::size_t u = 0; u < c->units().size(); ++u)
            for (std::size_t i = 0; i < c->indicators().size(); ++i) {
                const auto row = r.row(static_cast<unit_index>(u), static_cast<indicator_index>(i));
                if (!row.target && row.tally.cumulative == 0)
                    continue;
                const auto& ind = c->indicators()[i];
                auto key =
                    std::pair(std::string(c->units().id(static_cast<unit_index>(u))), ind.id);
                auto [it, fresh] = at.emplace(key, out.cells.size());
                if (fresh)
                    out.cells.push_back({key.first, key.second, std::nullopt, 0, {}});
                auto& cell = out.cells[it->second];
                const bool latest = ind.over_time == time_aggregation::last;
                if (row.target)
                    cell.target = (latest ? 0 : cell.target.value_or(0)) + *row.target;
                cell.cumulative = (latest ? 0 : cell.cumulative) + row.tally.cumulative;
                cell.campaigns.push_back(c->id());
            }
    }
    return out;
}

} // namespace ntmkit
