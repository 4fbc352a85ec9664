// Drives (đợt, đợt cao điểm) nested in a campaign: the commune's peak drive and each village's
// own drive, with their own window, root unit and targets. The seed's commune drive runs
// 15/4–30/5/2022 (called "45 days"); it asks villages for "60-day" drives of their own, which
// cannot fit inside those 46 days: a campaign that holds both needs a window as long as the
// longest drive (docs/drives.md). drive_view.hpp shows one drive as a campaign of its own.
#pragma once

#include <ntmkit/calendar.hpp>
#include <ntmkit/error.hpp>
#include <ntmkit/format.hpp>
#include <ntmkit/indicator.hpp>
#include <ntmkit/target.hpp>
#include <ntmkit/unit.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace ntmkit {

/// A target of a drive; `unit` empty means the drive's own unit.
struct drive_target {
    std::string unit;
    std::string indicator;
    double value = 0;
    target_basis basis = target_basis::planned;

    friend bool operator==(const drive_target& a, const drive_target& b) {
        return a.unit == b.unit && a.indicator == b.indicator && a.value == b.value &&
               a.basis == b.basis;
    }
};

struct drive {
    std::string id;
    std::string name_vi;
    std::string name_en;
    std::string unit; ///< the unit that runs the drive: its subtree takes part
    date first;       ///< inclusive, inside the campaign's window
    date last;
    std::vector<drive_target> targets;
    std::string note;
    bool illustrative = false; ///< dates or targets invented for an example

    const std::string& name(std::string_view language = "vi") const {
        if (language == "en" && !name_en.empty())
            return name_en;
        return name_vi.empty() ? id : name_vi;
    }
    int days() const { return static_cast<int>((last - first).days()) + 1; }

    friend bool operator==(const drive& a, const drive& b) {
        return a.id == b.id && a.name_vi == b.name_vi && a.name_en == b.name_en &&
               a.unit == b.unit && a.first == b.first && a.last == b.last &&
               a.targets == b.targets && a.note == b.note && a.illustrative == b.illustrative;
    }
};

inline std::string default_drive_locator(std::size_t i, std::string_view field) {
    return "drive " + std::to_string(i) + ", field " + std::string(field);
}

/// Checks drives: unique non-empty ids, a unit of the campaign, days inside the window, and
/// targets on known indicators for units of the drive's subtree, each a number 0 or more. Unit
/// names are resolved to ids in place, so a saved file names units by id. Errors name drive
/// i's field (targets: "targets/k/value").
inline void check_drives(std::vector<drive>& drives, const unit_tree& units,
                         const std::vector<indicator>& indicators, const date_window& window,
                         const record_locator& where = default_drive_locator) {
    for (std::size_t i = 0; i < drives.size(); ++i) {
        auto& d = drives[i];
        if (d.id.empty())
            throw validation_error(where(i, "id"), "drive id must not be empty");
        for (std::size_t j = 0; j < i; ++j)
            if (drives[j].id == d.id)
                throw validation_error(where(i, "id"), "duplicate drive id \"" + d.id + "\"");
        const auto root = units.resolve(d.unit, where(i, "unit"));
        d.unit = std::string(units.id(root));
        for (auto [day, field] : {std::pair{d.first, "first"}, std::pair{d.last, "last"}})
            if (day.is_special() || !window.contains(day))
                throw validation_error(where(i, field), std::string("the ") + field +
                                                            " day must be inside the campaign " +
                                                            window.describe() +
                                                            "; lengthen the campaign's "
                                                            "window to hold the drive");
        if (d.last < d.first)
            throw validation_error(where(i, "last"), "the last day " + format_date_vi(d.last) +
                                                         " is before the first day " +
                                                         format_date_vi(d.first));
        for (std::size_t k = 0; k < d.targets.size(); ++k) {
            auto& t = d.targets[k];
            const auto field = [&](const char* f) {
                return where(i, "targets/" + std::to_string(k) + "/" + f);
            };
            const auto u = t.unit.empty() ? root : units.resolve(t.unit, field("unit"));
            if (!units.is_ancestor_or_self(root, u))
                throw validation_error(field("unit"), "unit \"" + std::string(units.id(u)) +
                                                          "\" is not in the drive's unit \"" +
                                                          d.unit + "\"");
            t.unit = u == root ? std::string() : std::string(units.id(u));
            if (std::none_of(indicators.begin(), indicators.end(),
                             [&](const indicator& x) { return x.id == t.indicator; }))
                throw validation_error(field("indicator"),
                                       "no indicator \"" + t.indicator + "\" in the campaign");
            if (!std::isfinite(t.value) || t.value < 0)
                throw validation_error(field("value"), "a target must be a number 0 or more, got " +
                                                           number_text(t.value));
        }
    }
}

} // namespace ntmkit
