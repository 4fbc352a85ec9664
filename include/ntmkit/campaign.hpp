// A campaign (đợt phát động): its window and reporting schedule, the units that carry
// quotas, the indicators, the targets and the progress log.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/detail/derived_targets.hpp>
#include <ntmkit/drive.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/funds.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/progress.hpp>
#include <ntmkit/submission.hpp>
#include <ntmkit/support.hpp>
#include <ntmkit/target.hpp>
#include <ntmkit/theme.hpp>
#include <ntmkit/unit.hpp>
#include <ntmkit/unit_change.hpp>

#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ntmkit {

/// What the campaign is, apart from its data.
struct campaign_info {
    std::string id;
    std::string name;
    date_window window{date(2000, 1, 1), date(2000, 1, 1)};
    reporting_schedule schedule;
    std::string source;             ///< the document the campaign comes from
    std::vector<std::string> notes; ///< provenance, caveats ("per-village split illustrative")

    friend bool operator==(const campaign_info& a, const campaign_info& b) {
        return a.id == b.id && a.name == b.name && a.window == b.window &&
               a.schedule.kind == b.schedule.kind &&
               a.schedule.report_day == b.schedule.report_day &&
               a.schedule.deadline_days == b.schedule.deadline_days && a.source == b.source &&
               a.notes == b.notes;
    }
};

/// A target as a user writes it.
struct target_spec {
    std::string unit;
    std::string indicator;
    double value = 0;
    target_basis basis = target_basis::planned;
};

class campaign {
public:
    campaign() = default;
    campaign(campaign_info info, unit_tree units, std::vector<indicator> indicators)
        : info_(std::move(info)), units_(std::move(units)), indicators_(std::move(indicators)),
          targets_(units_.size(), indicators_.size()) {
        check_indicators(indicators_,
                         [](std::size_t i) { return "indicator " + std::to_string(i); });
        normalise_text();
    }

    const campaign_info& info() const { return info_; }
    const std::string& id() const { return info_.id; }
    const std::string& name() const { return info_.name; }
    const date_window& window() const { return info_.window; }
    const reporting_schedule& schedule() const { return info_.schedule; }
    const unit_tree& units() const { return units_; }
    const std::vector<indicator>& indicators() const { return indicators_; }
    const target_table& targets() const { return targets_; }
    /// Every unit's target as a roll-up shows it, own or derived from its children's
    /// (detail/derived_targets.hpp): worked out on first use for this version of the targets,
    /// then shared by every roll-up of it (and by copies of the campaign).
    std::shared_ptr<const detail::derived_targets> derived_targets() const {
        auto have = std::atomic_load(&derived_targets_);
        if (!have || have->stamp != targets_.stamp() ||
            have->value.size() != units_.size() * indicators_.size()) {
            have = detail::derive_targets(units_, indicators_, targets_);
            std::atomic_store(&derived_targets_, have);
        }
        return have;
    }
    const progress_log& progress() const { return progress_; }
    const submission_log& submissions() const { return submissions_; }
    const std::vector<theme_week>& themes() const { return themes_; }
    /// Labour support: supporters, needs, pledges and deliveries (support.hpp).
    const support_book& support() const { return support_; }
    /// Funds mobilised, by source, unit and purpose (funds.hpp).
    const funds_log& funds() const { return funds_; }
    const std::vector<drive>& drives() const { return drives_; }
    const std::vector<unit_change>& unit_changes() const { return unit_changes_; }

    std::optional<indicator_index> find_indicator(std::string_view id) const {
        for (std::size_t i = 0; i < indicators_.size(); ++i)
            if (indicators_[i].id == id)
                return static_cast<indicator_index>(i);
        return std::nullopt;
    }
    /// The indicators `key` may mean: the one with that id; else every one whose Vietnamese
    /// or English name is `key` (NFC).
    std::vector<indicator_index> indicator_candidates(std::string_view key) const {
        if (auto i = find_indicator(key))
            return {*i};
        std::vector<indicator_index> found;
        for (std::size_t i = 0; i < indicators_.size(); ++i)
            if (same_name(indicators_[i].name_vi, key) || same_name(indicators_[i].name_en, key))
                found.push_back(static_cast<indicator_index>(i));
        return found;
    }
    /// The indicator with this id or unique name; else a validation_error naming it.
    indicator_index indicator_at(std::string_view key) const {
        return only_indicator(key, "indicator \"" + std::string(key) + "\"",
                              "no such indicator in the campaign");
    }
    const indicator& indicator_of(indicator_index i) const {
        return indicators_.at(static_cast<std::size_t>(i));
    }

    /// Sets targets all together or not at all. A target must be a finite number 0 or more,
    /// and a household item cannot ask for more households than the unit has.
    void set_targets(const std::vector<target_spec>& specs,
                     const record_locator& where = default_target_locator);
    void set_target(std::string_view unit, std::string_view indicator, double value,
                    target_basis basis = target_basis::planned) {
        set_targets({{std::string(unit), std::string(indicator), value, basis}});
    }
    void clear_target(unit_index u, indicator_index i) { targets_.clear(u, i); }

    /// Resolves ids and dates, checks the whole batch and appends it; a rejected batch
    /// changes nothing. Units and indicators are found as resolve_cell says.
    void add_progress(const std::vector<progress_record>& records,
                      const record_locator& where = default_record_locator);
    /// The same for records already resolved to indices and day offsets (bulk input).
    void add_progress(const std::vector<resolved_record>& records,
                      const record_locator& where = default_record_locator) {
        progress_.add(records, {units_, indicators_, info_.window}, where);
    }

    /// Bulk form for columns (e.g. numpy arrays): unit and indicator indices, day offsets,
    /// quantities; `reported` may be null. See progress_log::add_columns: same checks and
    /// errors as add_progress, all or nothing, no struct per record.
    template <class U, class I, class D, class R, class Q>
    void add_progress_columns(std::size_t n, const U* unit, const I* indicator, const D* done,
                              const R* reported, const Q* quantity,
                              const record_locator& where = default_record_locator) {
        progress_.add_columns(n, unit, indicator, done, reported, quantity,
                              {units_, indicators_, info_.window}, where);
    }
    /// The same of columns the caller gives up: a campaign without progress keeps them as they
    /// are instead of copying them (progress_log::take_columns).
    void take_progress_columns(progress_log::columns&& c,
                               const record_locator& where = default_record_locator) {
        progress_.take_columns(std::move(c), {units_, indicators_, info_.window}, where);
    }

    /// Bulk form of set_targets for indices: the same checks, all together or not at all;
    /// errors name "target i, field f".
    template <class U, class I, class V>
    void set_target_columns(std::size_t n, const U* unit, const I* indicator, const V* value,
                            target_basis basis = target_basis::planned,
                            const record_locator& where = default_target_locator);

    /// Resolve one user record; errors name the record's field.
    resolved_record resolve(const progress_record& r, std::size_t i,
                            const record_locator& where = default_record_locator) const;

    /// Records which unit sent the report for which period, and when (submission.hpp).
    void add_submissions(const std::vector<submission_record>& records,
                         const record_locator& where = default_submission_locator) {
        submissions_.add(records, {units_, info_.schedule, info_.window}, where);
    }
    /// Replaces the plan of themed weeks, all or nothing (theme.hpp). A theme's indicators may
    /// be given by id or by name (Vietnamese or English, NFC), and are kept by id.
    void set_themes(std::vector<theme_week> themes,
                    const record_locator& where = default_theme_locator) {
        for (std::size_t i = 0; i < themes.size(); ++i) {
            auto& t = themes[i];
            t.name_vi = detail::nfc_at(t.name_vi, where(i, "name_vi"));
            t.name_en = detail::nfc_at(t.name_en, where(i, "name_en"));
            t.note = detail::nfc_at(t.note, where(i, "note"));
            // Indicators by id or name, kept by id; one no indicator has is left for
            // check_themes to name.
            for (auto& key : t.indicators)
                if (!indicator_candidates(key).empty())
                    key = indicator_of(only_indicator(key, where(i, "indicators"), "")).id;
        }
        check_themes(themes, indicators_, info_.window, where);
        themes_ = std::move(themes);
    }

    /// Adds supporters, labour needs and support records, all or nothing (support.hpp).
    void add_support(const support_plan& plan, const support_locators& where = {}) {
        support_.add(plan, {units_, indicators_, info_.window}, where);
    }
    /// Adds fund records, all or nothing; amounts whose sum would pass max_dong are refused.
    void add_funds(const std::vector<fund_record>& records,
                   const record_locator& where = default_fund_locator) {
        funds_.add(records, units_, info_.window, where);
    }
    /// Both of the above together, all or nothing (a support file holds both).
    void add_support(const support_plan& plan, const std::vector<fund_record>& funds,
                     const support_locators& where, const record_locator& funds_where) {
        auto support = support_;
        auto log = funds_;
        support.add(plan, {units_, indicators_, info_.window}, where);
        log.add(funds, units_, info_.window, funds_where);
        support_ = std::move(support);
        funds_ = std::move(log);
    }
    /// Replaces the drives nested in the campaign, all or nothing (drive.hpp); a household
    /// target above a unit's households is refused like the campaign's own.
    void set_drives(std::vector<drive> drives, const record_locator& where = default_drive_locator);
    /// Replaces the units' validity dates and successors, all or nothing (unit_change.hpp).
    void set_unit_changes(std::vector<unit_change> changes,
                          const record_locator& where = default_unit_change_locator) {
        check_unit_changes(changes, units_, where);
        unit_changes_ = std::move(changes);
    }

    static std::string default_target_locator(std::size_t i, std::string_view field) {
        return "target " + std::to_string(i) + ", field " + std::string(field);
    }

    friend bool operator==(const campaign& a, const campaign& b) {
        return a.info_ == b.info_ && a.units_ == b.units_ && a.indicators_ == b.indicators_ &&
               a.targets_ == b.targets_ && a.progress_ == b.progress_ &&
               a.submissions_ == b.submissions_ && a.themes_ == b.themes_ &&
               a.support_ == b.support_ && a.funds_ == b.funds_ && a.drives_ == b.drives_ &&
               a.unit_changes_ == b.unit_changes_;
    }

private:
    indicator_index only_indicator(std::string_view key, const std::string& where,
                                   const std::string& none) const {
        return detail::only_candidate(indicator_candidates(key), key, "indicators", where, none,
                                      [this](indicator_index i) { return indicator_of(i).id; });
    }
    /// A unit and an indicator, each by id or unique name (units also by short name); errors
    /// name item i's field.
    std::pair<unit_index, indicator_index> resolve_cell(std::string_view unit,
                                                        std::string_view indicator, std::size_t i,
                                                        const record_locator& where) const;
    /// A target must be a finite number 0 or more, and a household item cannot ask for more
    /// households than the unit has.
    void check_target_value(unit_index u, indicator_index i, double value,
                            const std::string& where) const;

    /// Names and texts in NFC (unit names are already, unit_tree::build), so that a file typed
    /// with combining marks compares, looks up and saves like a precomposed one.
    void normalise_text() {
        info_.name = detail::nfc_at(info_.name, "campaign name");
        info_.source = detail::nfc_at(info_.source, "campaign source");
        for (auto& n : info_.notes)
            n = detail::nfc_at(n, "campaign notes");
        for (std::size_t i = 0; i < indicators_.size(); ++i) {
            auto& ind = indicators_[i];
            const auto where = "indicator " + std::to_string(i) + ", field ";
            ind.name_vi = detail::nfc_at(ind.name_vi, where + "name_vi");
            ind.name_en = detail::nfc_at(ind.name_en, where + "name_en");
            ind.measure = detail::nfc_at(ind.measure, where + "measure");
        }
    }

    campaign_info info_;
    unit_tree units_;
    std::vector<indicator> indicators_;
    target_table targets_;
    mutable std::shared_ptr<const detail::derived_targets> derived_targets_; // a cache
    progress_log progress_;
    submission_log submissions_;
    std::vector<theme_week> themes_;
    support_book support_;
    funds_log funds_;
    std::vector<drive> drives_;
    std::vector<unit_change> unit_changes_;
};

// ---------------------------------------------------------------------------------------------

inline void campaign::check_target_value(unit_index u, indicator_index i, double value,
                                         const std::string& where) const {
    if (!std::isfinite(value) || value < 0)
        throw validation_error(where,
                               "a target must be a number 0 or more, got " + number_text(value));
    if (indicator_of(i).counts_households()) {
        auto cap = units_.households_known(u);
        if (cap && value > static_cast<double>(*cap))
            throw validation_error(where, "unit \"" + std::string(units_.id(u)) + "\" has " +
                                              std::to_string(*cap) + " households, target " +
                                              number_text(value));
    }
}

inline void campaign::set_drives(std::vector<drive> drives, const record_locator& where) {
    check_drives(drives, units_, indicators_, info_.window, where);
    for (std::size_t i = 0; i < drives.size(); ++i)
        for (std::size_t k = 0; k < drives[i].targets.size(); ++k) {
            const auto& t = drives[i].targets[k];
            check_target_value(units_.at(t.unit.empty() ? drives[i].unit : t.unit),
                               *find_indicator(t.indicator), t.value,
                               where(i, "targets/" + std::to_string(k) + "/value"));
        }
    drives_ = std::move(drives);
}

inline std::pair<unit_index, indicator_index>
campaign::resolve_cell(std::string_view unit, std::string_view indicator, std::size_t i,
                       const record_locator& where) const {
    const auto u = units_.resolve(unit, where(i, "unit"));
    const auto ind = only_indicator(indicator, where(i, "indicator"),
                                    "no indicator with id or name \"" + std::string(indicator) +
                                        "\" in the campaign");
    return {u, ind};
}

inline void campaign::set_targets(const std::vector<target_spec>& specs,
                                  const record_locator& where) {
    std::vector<std::pair<unit_index, indicator_index>> cells;
    cells.reserve(specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const auto& s = specs[i];
        const auto cell = resolve_cell(s.unit, s.indicator, i, where);
        check_target_value(cell.first, cell.second, s.value, where(i, "value"));
        cells.push_back(cell);
    }
    for (std::size_t i = 0; i < specs.size(); ++i)
        targets_.set(cells[i].first, cells[i].second, specs[i].value, specs[i].basis);
}

template <class U, class I, class V>
void campaign::set_target_columns(std::size_t n, const U* unit, const I* indicator, const V* value,
                                  target_basis basis, const record_locator& where) {
    for (std::size_t k = 0; k < n; ++k) {
        const auto u = static_cast<long long>(unit[k]);
        const auto i = static_cast<long long>(indicator[k]);
        const auto v = static_cast<double>(value[k]);
        if (u < 0 || u >= static_cast<long long>(units_.size()))
            throw validation_error(where(k, "unit"),
                                   "no such unit (index " + std::to_string(u) + ")");
        if (i < 0 || i >= static_cast<long long>(indicators_.size()))
            throw validation_error(where(k, "indicator"),
                                   "no such indicator (index " + std::to_string(i) + ")");
        check_target_value(static_cast<unit_index>(u), static_cast<indicator_index>(i), v,
                           where(k, "value"));
    }
    for (std::size_t k = 0; k < n; ++k)
        targets_.set(static_cast<unit_index>(unit[k]), static_cast<indicator_index>(indicator[k]),
                     static_cast<double>(value[k]), basis);
}

inline resolved_record campaign::resolve(const progress_record& r, std::size_t i,
                                         const record_locator& where) const {
    resolved_record out;
    const auto [u, ind] = resolve_cell(r.unit, r.indicator, i, where);
    if (r.done.is_special())
        throw validation_error(where(i, "date"), "a record needs the day the work was done");
    if (!info_.window.contains(r.done))
        throw validation_error(where(i, "date"), "day " + format_date_vi(r.done) +
                                                     " is outside the campaign " +
                                                     info_.window.describe());
    if (!r.supersedes_id.empty())
        throw validation_error(where(i, "supersedes"),
                               "a correction by record id (\"" + r.supersedes_id +
                                   "\") needs a campaign store (docs/store.md); in memory give "
                                   "the record number");
    date reported = r.reported.value_or(r.done);
    out.unit = u;
    out.indicator = ind;
    out.done = static_cast<std::int32_t>((r.done - info_.window.first()).days());
    out.reported = static_cast<std::int32_t>((reported - info_.window.first()).days());
    out.quantity = r.quantity;
    out.supersedes = r.supersedes.value_or(no_record);
    out.note = detail::nfc_at(r.note, where(i, "note"));
    out.reporter = detail::nfc_at(r.reporter, where(i, "reporter"));
    return out;
}

inline void campaign::add_progress(const std::vector<progress_record>& records,
                                   const record_locator& where) {
    std::vector<resolved_record> resolved;
    resolved.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        resolved.push_back(resolve(records[i], i, where));
    add_progress(resolved, where);
}

} // namespace ntmkit
