// The Friday report (báo cáo thứ Sáu) as the commune's NTM officer compiles it: per unit of a
// level (villages by default) and for the commune, per indicator: target / this week /
// cumulative / % / status. Built once as data, rendered as text here (other formats build on
// the same rows).
#pragma once

#include <ntmkit/rollup.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace ntmkit {

struct report_options {
    std::string language = "vi";            ///< "vi" or "en"
    unit_level level = unit_level::village; ///< the units listed one by one
    std::optional<date> known_by;           ///< reproduce the report as it stood then
    bool include_root = true;               ///< close with the commune's totals
};

struct report_row {
    unit_index unit;
    indicator_index indicator;
    rollup_row values;
};

struct weekly_report {
    std::string campaign_name;
    date report_date;
    report_period period;
    int period_number = 0; ///< 1-based among the schedule's periods
    int period_count = 0;
    std::vector<unit_index> units; ///< in report order; the root last when included
    std::vector<report_row> rows;  ///< units × indicators with a target or any progress
};

inline weekly_report build_weekly_report(const campaign& c, date report_date,
                                         const report_options& opt = {}) {
    rollup_options ro;
    ro.known_by = opt.known_by;
    rollup r(c, report_date, ro);
    weekly_report rep;
    rep.campaign_name = c.name();
    rep.report_date = report_date;
    rep.period = r.period();
    auto periods = c.schedule().periods(c.window());
    rep.period_count = static_cast<int>(periods.size());
    for (std::size_t k = 0; k < periods.size(); ++k)
        if (periods[k] == rep.period)
            rep.period_number = static_cast<int>(k) + 1;
    rep.units = c.units().units_at(opt.level);
    if (opt.include_root && !c.units().empty())
        rep.units.push_back(c.units().root());
    for (auto u : rep.units)
        for (std::size_t i = 0; i < c.indicators().size(); ++i) {
            auto row = r.row(u, static_cast<indicator_index>(i));
            if (row.target || row.tally.cumulative > 0)
                rep.rows.push_back({u, static_cast<indicator_index>(i), row});
        }
    return rep;
}

/// Labels of the report in Vietnamese or English.
inline std::string status_label(progress_status s, std::string_view language = "vi") {
    const bool vi = language != "en";
    switch (s) {
    case progress_status::no_target:
        return vi ? "Không giao" : "No target";
    case progress_status::achieved:
        return vi ? "Hoàn thành" : "Achieved";
    case progress_status::on_track:
        return vi ? "Đúng tiến độ" : "On track";
    case progress_status::behind:
        return vi ? "Chậm" : "Behind";
    case progress_status::at_risk:
        return vi ? "Nguy cơ" : "At risk";
    }
    return "?";
}

/// A number the way the language writes it: "41,7" in Vietnamese, "41.7" in English.
inline std::string format_number(double v, int decimals, std::string_view language = "vi") {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    std::string s(buf);
    if (language != "en")
        for (auto& ch : s)
            if (ch == '.')
                ch = ',';
    return s;
}

namespace detail {
/// Display width of UTF-8 text in NFC: one column per code point (Vietnamese is precomposed).
inline std::size_t display_width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char ch : s)
        w += (ch & 0xC0) != 0x80;
    return w;
}
inline std::string pad(std::string_view s, std::size_t width, bool right) {
    std::string fill(width > display_width(s) ? width - display_width(s) : 0, ' ');
    return right ? fill + std::string(s) : std::string(s) + fill;
}
} // namespace detail

/// Plain text for a message or a printout: one block per unit, aligned columns.
inline std::string render_text(const campaign& c, const weekly_report& rep,
                               std::string_view language = "vi") {
    const bool vi = language != "en";
    std::string out;
    out += (vi ? "BÁO CÁO TIẾN ĐỘ — " : "PROGRESS REPORT — ") + rep.campaign_name + "\n";
    out += (vi ? "Ngày báo cáo: " : "Report date: ") + format_date_vi(rep.report_date);
    out += (vi ? " — kỳ " : " — period ") + std::to_string(rep.period_number) + "/" +
           std::to_string(rep.period_count) + " (" + format_date_vi(rep.period.first) + "–" +
           format_date_vi(rep.period.last) + ")\n";
    std::size_t name_w = vi ? 9 : 9;
    for (const auto& ind : c.indicators())
        name_w = std::max(name_w, detail::display_width(ind.name(language)));
    const std::vector<std::string> heads =
        vi ? std::vector<std::string>{"Kế hoạch", "Tuần này", "Lũy kế", "%", "Tình trạng"}
           : std::vector<std::string>{"Target", "This week", "Total", "%", "Status"};
    std::size_t k = 0;
    for (auto u : rep.units) {
        std::string title =
            u == c.units().root() ? (vi ? "Toàn xã: " : "Whole commune: ") : std::string();
        title += std::string(c.units().name(u));
        if (auto h = c.units().households_known(u))
            title += " (" + std::to_string(*h) + (vi ? " hộ)" : " households)");
        out += "\n" + title + "\n";
        out += "  " + detail::pad(vi ? "Chỉ tiêu" : "Indicator", name_w, false);
        for (std::size_t h = 0; h < heads.size(); ++h)
            out += "  " + detail::pad(heads[h], h == 4 ? 0 : 9, true);
        out += "\n";
        for (; k < rep.rows.size() && rep.rows[k].unit == u; ++k) {
            const auto& v = rep.rows[k].values;
            out += "  " +
                   detail::pad(c.indicator_of(rep.rows[k].indicator).name(language), name_w, false);
            out +=
                "  " + detail::pad(v.target ? format_number(*v.target, 0, language) : "—", 9, true);
            out += "  " + detail::pad(format_number(v.tally.done_period, 0, language), 9, true);
            out += "  " + detail::pad(format_number(v.tally.cumulative, 0, language), 9, true);
            out +=
                "  " + detail::pad(v.ratio ? format_number(*v.ratio * 100, 1, language) + "%" : "—",
                                   9, true);
            out += "  " + status_label(v.status, language) + "\n";
        }
    }
    return out;
}

} // namespace ntmkit
