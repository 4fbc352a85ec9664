// The weekly, daily and final reports as Markdown, HTML and CSV, in Vietnamese (default) or
// English. Each report is first laid out as a small document (title, paragraphs, sections
// with one table each) so the three formats say exactly the same; CSV is the report's data
// as one flat table, for spreadsheets.
#pragma once

#include <ntmkit/report.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace ntmkit {

enum class report_format { text, markdown, html, csv };

constexpr auto enum_names(report_format) {
    using P = std::pair<report_format, std::string_view>;
    return std::array{P{report_format::text, "text"}, P{report_format::markdown, "markdown"},
                      P{report_format::html, "html"}, P{report_format::csv, "csv"}};
}

namespace detail {

struct doc_table {
    std::vector<std::string> header;
    std::vector<bool> numeric; ///< right-aligned columns
    std::vector<std::vector<std::string>> rows;
};

struct doc_section {
    int level = 2; ///< 2: section, 3: subsection
    std::string heading;
    std::vector<std::string> paragraphs;
    std::optional<doc_table> table;
};

struct document {
    std::string language;
    std::string title;
    std::vector<std::string> paragraphs;
    std::vector<doc_section> sections;
};

// --- the three formats -----------------------------------------------------------------------

inline std::string markdown_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        if (ch == '|' || ch == '*' || ch == '_' || ch == '\\' || ch == '`' || ch == '[' ||
            ch == ']' || ch == '<')
            out += '\\';
        out += ch;
    }
    return out;
}

inline std::string to_markdown(const document& d) {
    std::string out = "# " + markdown_escape(d.title) + "\n";
    for (const auto& p : d.paragraphs)
        out += "\n" + markdown_escape(p) + "\n";
    for (const auto& s : d.sections) {
        out += "\n" + std::string(static_cast<std::size_t>(s.level), '#') + " " +
               markdown_escape(s.heading) + "\n";
        for (const auto& p : s.paragraphs)
            out += "\n" + markdown_escape(p) + "\n";
        if (!s.table)
            continue;
        const auto& t = *s.table;
        out += "\n|";
        for (const auto& h : t.header)
            out += " " + markdown_escape(h) + " |";
        out += "\n|";
        for (std::size_t k = 0; k < t.header.size(); ++k)
            out += t.numeric[k] ? "---:|" : "---|";
        out += "\n";
        for (const auto& row : t.rows) {
            out += "|";
            for (const auto& cell : row)
                out += " " + markdown_escape(cell) + " |";
            out += "\n";
        }
    }
    return out;
}

inline std::string html_escape(std::string_view s) {
    std::string out;
    for (char ch : s) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

inline std::string to_html(const document& d) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + d.language +
                      "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(d.title) +
                      "</title>\n<style>\nbody{font-family:sans-serif}\n"
                      "table{border-collapse:collapse;margin:0.5em 0}\n"
                      "th,td{border:1px solid #999;padding:2px 6px}\n"
                      "td.num{text-align:right}\n</style>\n</head>\n<body>\n";
    out += "<h1>" + html_escape(d.title) + "</h1>\n";
    for (const auto& p : d.paragraphs)
        out += "<p>" + html_escape(p) + "</p>\n";
    for (const auto& s : d.sections) {
        const std::string h = "h" + std::to_string(s.level);
        out += "<" + h + ">" + html_escape(s.heading) + "</" + h + ">\n";
        for (const auto& p : s.paragraphs)
            out += "<p>" + html_escape(p) + "</p>\n";
        if (!s.table)
            continue;
        const auto& t = *s.table;
        out += "<table>\n<thead><tr>";
        for (const auto& head : t.header)
            out += "<th>" + html_escape(head) + "</th>";
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& row : t.rows) {
            out += "<tr>";
            for (std::size_t k = 0; k < row.size(); ++k)
                out +=
                    (t.numeric[k] ? "<td class=\"num\">" : "<td>") + html_escape(row[k]) + "</td>";
            out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
    }
    return out + "</body>\n</html>\n";
}

/// RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break
/// (Vietnamese decimal commas are quoted, so the file still opens column by column).
inline std::string to_csv(const doc_table& t) {
    auto field = [](const std::string& s) {
        if (s.find_first_of(",\"\r\n") == std::string::npos)
            return s;
        std::string q = "\"";
        for (char ch : s)
            q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t k = 0; k < cells.size(); ++k)
            out += (k ? "," : "") + field(cells[k]);
        return out + "\r\n";
    };
    std::string out = line(t.header);
    for (const auto& row : t.rows)
        out += line(row);
    return out;
}

// --- the reports as documents ------------------------------------------------------------------

struct labels {
    bool vi;
    const char* l(const char* vi_text, const char* en_text) const { return vi ? vi_text : en_text; }
};

inline std::string unit_label(const campaign& c, unit_index u, std::string_view language) {
    return u == c.units().root() ? std::string(language == "en" ? "Total" : "Tổng cộng")
                                 : std::string(c.units().name(u));
}

inline std::string ratio_cell(const rollup_row& v, std::string_view language) {
    return v.ratio ? format_percent(*v.ratio * 100, language) : "—";
}

/// One subsection per indicator, one row per unit: how officers compare villages on an item.
inline void add_indicator_tables(document& d, const campaign& c, const weekly_report& rep,
                                 const char* this_period) {
    labels L{d.language != "en"};
    d.sections.push_back({2, L.l("Kết quả theo chỉ tiêu", "Results by indicator"), {}, {}});
    for (std::size_t i = 0; i < c.indicators().size(); ++i) {
        doc_table t{{L.l("Đơn vị", "Unit"), L.l("Kế hoạch", "Target"), this_period,
                     L.l("Lũy kế", "Total"), "%", L.l("Tình trạng", "Status")},
                    {false, true, true, true, true, false},
                    {}};
        for (const auto& row : rep.rows) {
            if (row.indicator != static_cast<indicator_index>(i))
                continue;
            const auto& v = row.values;
            t.rows.push_back({unit_label(c, row.unit, d.language),
                              v.target ? format_quantity(*v.target, d.language) : "—",
                              format_quantity(v.tally.done_period, d.language),
                              format_quantity(v.tally.cumulative, d.language),
                              ratio_cell(v, d.language), status_label(v.status, d.language)});
        }
        if (!t.rows.empty())
            d.sections.push_back({3, c.indicators()[i].name(d.language), {}, std::move(t)});
    }
}

inline doc_table theme_table(const campaign& c, const std::vector<theme_movement>& themes,
                             std::string_view language) {
    labels L{language != "en"};
    doc_table t{{L.l("Chủ đề", "Theme"), L.l("Ngày", "Days"), L.l("Chỉ tiêu", "Indicator"),
                 L.l("Trong chủ đề", "During the theme"),
                 L.l("Cùng số ngày trước đó", "Same number of days before"), L.l("Lũy kế", "Total"),
                 L.l("Kế hoạch", "Target")},
                {false, false, false, true, true, true, true},
                {}};
    for (const auto& m : themes) {
        const auto& th = c.themes()[m.theme];
        t.rows.push_back(
            {th.name(language) + (th.illustrative ? L.l(" (minh họa)", " (illustrative)") : ""),
             format_date_vi(m.first) + "–" + format_date_vi(m.last),
             c.indicator_of(m.indicator).name(language), "+" + format_quantity(m.done, language),
             "+" + format_quantity(m.done_before, language),
             format_quantity(m.cumulative, language),
             m.target ? format_quantity(*m.target, language) : "—"});
    }
    return t;
}

inline void add_reporting_section(document& d, const campaign& c, const completeness& r,
                                  const std::string& due_paragraph) {
    if (c.submissions().empty())
        return; // a campaign that does not log submissions would show 0% everywhere
    labels L{d.language != "en"};
    doc_section s{2, L.l("Tình hình nộp báo cáo", "Reports received"), {}, {}};
    s.paragraphs.push_back(reporting_line(r, d.language) + "." + due_paragraph);
    if (!r.missing.empty())
        s.paragraphs.push_back(L.l("Chưa báo cáo: ", "Not reported: ") +
                               unit_list(c, r.missing, false) + ".");
    if (!r.late.empty())
        s.paragraphs.push_back(L.l("Báo cáo muộn (ngày nhận): ", "Reported late (received): ") +
                               unit_list(c, r.late, true) + ".");
    d.sections.push_back(std::move(s));
}

inline void add_revision_sections(document& d, const campaign& c, const snapshot_diff& diff) {
    if (diff.empty())
        return;
    labels L{d.language != "en"};
    const auto& log = c.progress();
    const date first = c.window().first();
    doc_table recs{{L.l("Bản ghi", "Record"), L.l("Loại", "Kind"), L.l("Đơn vị", "Unit"),
                    L.l("Chỉ tiêu", "Indicator"), L.l("Ngày thực hiện", "Done on"),
                    L.l("Ngày báo cáo", "Reported on"), L.l("Số lượng", "Quantity"),
                    L.l("Ghi chú", "Note")},
                   {true, false, false, false, false, false, true, false},
                   {}};
    for (const auto& rv : diff.revisions) {
        const auto r = static_cast<std::size_t>(rv.record);
        std::string kind = rv.kind == revision_kind::late
                               ? L.l("Báo cáo muộn", "Late report")
                               : std::string(L.l("Đính chính bản ghi ", "Corrects record ")) +
                                     std::to_string(log.supersedes(rv.record));
        recs.rows.push_back(
            {std::to_string(rv.record), kind, std::string(c.units().name(log.units()[r])),
             c.indicator_of(log.indicators()[r]).name(d.language),
             format_date_vi(first + boost::gregorian::days(log.done_days()[r])),
             format_date_vi(first + boost::gregorian::days(log.reported_days()[r])),
             format_quantity(log.quantities()[r], d.language), std::string(log.note(rv.record))});
    }
    doc_table cells{{L.l("Đơn vị", "Unit"), L.l("Chỉ tiêu", "Indicator"),
                     L.l("Lũy kế đã báo cáo", "Total reported"),
                     L.l("Lũy kế hiện nay", "Total known now"), L.l("Chênh lệch", "Difference")},
                    {false, false, true, true, true},
                    {}};
    for (const auto& ch : diff.changes) {
        const double delta = ch.now.cumulative - ch.reported.cumulative;
        cells.rows.push_back({unit_label(c, ch.unit, d.language),
                              c.indicator_of(ch.indicator).name(d.language),
                              format_quantity(ch.reported.cumulative, d.language),
                              format_quantity(ch.now.cumulative, d.language),
                              (delta > 0 ? "+" : "") + format_quantity(delta, d.language)});
    }
    const std::string known =
        diff.known_now ? format_date_vi(*diff.known_now) : std::string(L.l("hiện nay", "now"));
    d.sections.push_back(
        {2,
         L.l("Bổ sung và đính chính sau ngày báo cáo",
             "Late reports and corrections after the report"),
         {std::string(L.l("Số liệu đến ngày ", "Records about days up to ")) +
          format_date_vi(diff.report_date) +
          L.l(" nhận được sau ngày báo cáo, đến ", " received after the report, up to ") + known +
          "."},
         std::move(recs)});
    if (!cells.rows.empty())
        d.sections.push_back(
            {3, L.l("Thay đổi so với báo cáo", "What they change"), {}, std::move(cells)});
}

inline document weekly_document(const campaign& c, const weekly_report& rep,
                                std::string_view language) {
    labels L{language != "en"};
    document d{std::string(language),
               L.l("Báo cáo tiến độ — ", "Progress report — ") + rep.campaign_name,
               {},
               {}};
    std::string when = L.l("Ngày báo cáo: ", "Report date: ") + format_date_vi(rep.report_date) +
                       " — " + L.l("kỳ ", "period ") + std::to_string(rep.period_number) + "/" +
                       std::to_string(rep.period_count) + " (" + format_date_vi(rep.period.first) +
                       "–" + format_date_vi(rep.period.last) + L.l("; mã kỳ ", "; period key ") +
                       rep.period_key;
    if (!rep.dhis2_period.empty())
        when += "; DHIS2 " + rep.dhis2_period;
    d.paragraphs.push_back(when + ").");
    if (rep.known_by)
        d.paragraphs.push_back(L.l("Báo cáo như đã lập: chỉ tính số liệu nhận được đến ngày ",
                                   "The report as it stood: only records received by ") +
                               format_date_vi(*rep.known_by) + ".");
    add_reporting_section(d, c, rep.reporting,
                          std::string(L.l(" Hạn nộp: ", " Due: ")) +
                              format_date_vi(c.schedule().due_date(rep.period.report_date)) + ".");
    if (!rep.themes.empty())
        d.sections.push_back({2,
                              L.l("Chủ đề trong kỳ", "Theme of the period"),
                              {},
                              theme_table(c, rep.themes, language)});
    add_indicator_tables(d, c, rep, L.l("Kỳ này", "This period"));
    if (rep.revisions)
        add_revision_sections(d, c, *rep.revisions);
    return d;
}

inline document daily_document(const campaign& c, const daily_report& rep,
                               std::string_view language) {
    labels L{language != "en"};
    document d{std::string(language),
               L.l("Danh sách đọc trên loa — ngày ", "Loudspeaker list — ") +
                   format_date_vi(rep.day),
               {rep.campaign_name},
               {}};
    for (auto t : rep.active_themes)
        d.paragraphs.push_back(L.l("Đang diễn ra: ", "Running now: ") +
                               c.themes()[t].name(language) + ".");
    if (rep.entries.empty())
        d.paragraphs.push_back(
            L.l("Chưa có kết quả nào được báo cáo trong ngày.", "Nothing reported for the day."));
    for (std::size_t k = 0; k < rep.entries.size();) {
        const unit_index g = rep.entries[k].group;
        doc_table t{{L.l("Đơn vị", "Unit"), L.l("Việc đã làm", "Work done"),
                     L.l("Số lượng", "Quantity"), L.l("Ghi chú", "Note")},
                    {false, false, true, false},
                    {}};
        for (; k < rep.entries.size() && rep.entries[k].group == g; ++k) {
            const auto& e = rep.entries[k];
            t.rows.push_back({std::string(c.units().name(e.unit)),
                              c.indicator_of(e.indicator).name(language),
                              format_quantity(e.quantity, language), e.note});
        }
        d.sections.push_back({2, std::string(c.units().name(g)), {}, std::move(t)});
    }
    return d;
}

/// The ranking (ranking.hpp's table: rank, unit with ★ / ⚠, score, each indicator) with each
/// unit's reporting rate over the campaign, then the lists to commend and to remind.
inline void add_ranking_section(document& d, const campaign& c, const final_report& rep) {
    labels L{d.language != "en"};
    const auto& r = rep.ranking;
    const auto cells = ranking_cells(c, r, d.language);
    doc_table t{cells.header, cells.numeric, cells.rows};
    t.header.push_back(L.l("Tỷ lệ báo cáo", "Reporting rate"));
    t.numeric.push_back(true);
    for (std::size_t k = 0; k < r.ranked.size(); ++k) {
        const completeness* co = rep.reporting_of(r.ranked[k].unit);
        t.rows[k].push_back(c.submissions().empty() || !co
                                ? "—"
                                : std::to_string(co->received) + "/" +
                                      std::to_string(co->expected) + " (" +
                                      format_percent(co->reporting_rate(), d.language) + ")");
    }
    doc_section s{2, L.l("Xếp hạng các đơn vị", "Ranking of the units"), {}, std::move(t)};
    s.paragraphs.push_back(
        std::string(L.l("Điểm: trung bình có trọng số của tỷ lệ thực hiện/kế hoạch các chỉ tiêu "
                        "được giao",
                        "Score: the weighted mean of done/target over the assigned indicators")) +
        (r.cap_at_100 ? L.l(" (mỗi chỉ tiêu tính tối đa 100%)", " (each at most 100%)") : "") +
        L.l("; điểm bằng nhau cùng hạng. ★ biểu dương, ⚠ nhắc nhở.",
            "; equal scores share a rank. ★ commend, ⚠ remind."));
    s.paragraphs.push_back(std::string(L.l("Đề nghị khen thưởng (★): ", "To commend (★): ")) +
                           ranking_list(r, r.commend, d.language) + ".");
    s.paragraphs.push_back(std::string(L.l("Cần nhắc nhở (⚠): ", "To remind (⚠): ")) +
                           ranking_list(r, r.remind, d.language) + ".");
    if (!r.unscored.empty())
        s.paragraphs.push_back(
            std::string(L.l("Không có chỉ tiêu để chấm điểm: ", "No quota to score: ")) +
            unscored_list(r) + ".");
    s.paragraphs.push_back(
        std::string(L.l("Mức đồng đều của phong trào: ", "How even the movement was: ")) +
        evenness_text(r.evenness, d.language));
    d.sections.push_back(std::move(s));
}

inline document final_document(const campaign& c, const final_report& rep,
                               std::string_view language) {
    labels L{language != "en"};
    document d{std::string(language),
               L.l("Báo cáo tổng kết — ", "Final report — ") + rep.totals.campaign_name,
               {std::string(L.l("Đợt phát động ", "Campaign ")) +
                format_date_vi(c.window().first()) + "–" + format_date_vi(c.window().last()) +
                " (" + std::to_string(c.window().days()) + L.l(" ngày).", " days).")},
               {}};
    if (rep.totals.known_by)
        d.paragraphs.push_back(
            L.l("Chỉ tính số liệu nhận được đến ngày ", "Only records received by ") +
            format_date_vi(*rep.totals.known_by) + ".");
    add_reporting_section(d, c, rep.reporting,
                          std::string(L.l(" Cả đợt: ", " Whole campaign: ")) +
                              std::to_string(rep.totals.period_count) +
                              L.l(" kỳ báo cáo.", " report periods."));
    add_ranking_section(d, c, rep);
    if (!rep.themes.empty())
        d.sections.push_back(
            {2, L.l("Các tuần chủ đề", "Themed weeks"), {}, theme_table(c, rep.themes, language)});
    add_indicator_tables(d, c, rep.totals, L.l("Kỳ cuối", "Last period"));
    return d;
}

// --- CSV tables --------------------------------------------------------------------------------

inline doc_table weekly_csv_table(const campaign& c, const weekly_report& rep,
                                  std::string_view language) {
    labels L{language != "en"};
    doc_table t{{L.l("Ngày báo cáo", "Report date"), L.l("Mã kỳ", "Period key"),
                 L.l("Mã đơn vị", "Unit id"), L.l("Đơn vị", "Unit"),
                 L.l("Mã chỉ tiêu", "Indicator id"), L.l("Chỉ tiêu", "Indicator"),
                 L.l("Kế hoạch", "Target"), L.l("Kỳ này", "This period"), L.l("Lũy kế", "Total"),
                 "%", L.l("Tình trạng", "Status")},
                {},
                {}};
    t.numeric.assign(t.header.size(), false);
    for (const auto& row : rep.rows) {
        const auto& v = row.values;
        t.rows.push_back({format_date_vi(rep.report_date), rep.period_key,
                          std::string(c.units().id(row.unit)),
                          std::string(c.units().name(row.unit)), c.indicator_of(row.indicator).id,
                          c.indicator_of(row.indicator).name(language),
                          v.target ? format_quantity(*v.target, language) : "",
                          format_quantity(v.tally.done_period, language),
                          format_quantity(v.tally.cumulative, language),
                          v.ratio ? format_number(*v.ratio * 100, 1, language) : "",
                          status_label(v.status, language)});
    }
    return t;
}

inline doc_table daily_csv_table(const campaign& c, const daily_report& rep,
                                 std::string_view language) {
    labels L{language != "en"};
    doc_table t{{L.l("Ngày", "Day"), L.l("Thôn", "Group"), L.l("Mã đơn vị", "Unit id"),
                 L.l("Đơn vị", "Unit"), L.l("Mã chỉ tiêu", "Indicator id"),
                 L.l("Việc đã làm", "Work done"), L.l("Số lượng", "Quantity"),
                 L.l("Ghi chú", "Note"), L.l("Người báo cáo", "Reporter"),
                 L.l("Bản ghi", "Record")},
                {},
                {}};
    t.numeric.assign(t.header.size(), false);
    for (const auto& e : rep.entries)
        t.rows.push_back(
            {format_date_vi(rep.day), std::string(c.units().name(e.group)),
             std::string(c.units().id(e.unit)), std::string(c.units().name(e.unit)),
             c.indicator_of(e.indicator).id, c.indicator_of(e.indicator).name(language),
             format_quantity(e.quantity, language), e.note, e.reporter, std::to_string(e.record)});
    return t;
}

} // namespace detail

/// Markdown, HTML or CSV (text: render_text) of a weekly report; `language` "vi" or "en".
inline std::string render(const campaign& c, const weekly_report& rep, report_format format,
                          std::string_view language = "vi") {
    switch (format) {
    case report_format::text:
        return render_text(c, rep, language);
    case report_format::markdown:
        return detail::to_markdown(detail::weekly_document(c, rep, language));
    case report_format::html:
        return detail::to_html(detail::weekly_document(c, rep, language));
    case report_format::csv:
        return detail::to_csv(detail::weekly_csv_table(c, rep, language));
    }
    return {};
}

/// The loudspeaker list; text is the same as Markdown (it reads well as plain text).
inline std::string render(const campaign& c, const daily_report& rep, report_format format,
                          std::string_view language = "vi") {
    switch (format) {
    case report_format::text:
    case report_format::markdown:
        return detail::to_markdown(detail::daily_document(c, rep, language));
    case report_format::html:
        return detail::to_html(detail::daily_document(c, rep, language));
    case report_format::csv:
        return detail::to_csv(detail::daily_csv_table(c, rep, language));
    }
    return {};
}

/// The final review; CSV holds the closing figures per unit and indicator.
inline std::string render(const campaign& c, const final_report& rep, report_format format,
                          std::string_view language = "vi") {
    switch (format) {
    case report_format::text:
    case report_format::markdown:
        return detail::to_markdown(detail::final_document(c, rep, language));
    case report_format::html:
        return detail::to_html(detail::final_document(c, rep, language));
    case report_format::csv:
        return detail::to_csv(detail::weekly_csv_table(c, rep.totals, language));
    }
    return {};
}

template <class Report>
std::string render_markdown(const campaign& c, const Report& rep,
                            std::string_view language = "vi") {
    return render(c, rep, report_format::markdown, language);
}
template <class Report>
std::string render_html(const campaign& c, const Report& rep, std::string_view language = "vi") {
    return render(c, rep, report_format::html, language);
}
template <class Report>
std::string render_csv(const campaign& c, const Report& rep, std::string_view language = "vi") {
    return render(c, rep, report_format::csv, language);
}

} // namespace ntmkit
