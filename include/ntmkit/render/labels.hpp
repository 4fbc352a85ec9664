// Every word the reports print, in Vietnamese and English, in one table: the C++ renderers
// and the Python package (ntmkit._core.labels, read by the HTML display, the .xlsx workbook
// and the charts) take their words from here. "{}" marks where a value goes, in order (Python
// fills it with str.format). One row per label keeps a translation next to its original.
#pragma once

#include <ntmkit/rollup.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

// X(key, Vietnamese, English)
#define NTMKIT_LABEL_TABLE(X)                                                                      \
    X(status_no_target, "Không giao", "No target")                                                 \
    X(status_achieved, "Hoàn thành", "Achieved")                                                   \
    X(status_on_track, "Đúng tiến độ", "On track")                                                 \
    X(status_behind, "Chậm", "Behind")                                                             \
    X(status_at_risk, "Nguy cơ không đạt chỉ tiêu", "At risk of missing the target")               \
    X(progress_report, "Báo cáo tiến độ", "Progress report")                                       \
    X(progress_report_caps, "BÁO CÁO TIẾN ĐỘ", "PROGRESS REPORT")                                  \
    X(final_report, "Báo cáo tổng kết", "Final report")                                            \
    X(loudspeaker_title, "Danh sách đọc trên loa — ngày {}", "Loudspeaker list — {}")              \
    X(report_date, "Ngày báo cáo", "Report date")                                                  \
    X(reported_on, "Ngày báo cáo", "Reported on")                                                  \
    X(period_word, "kỳ", "period")                                                                 \
    X(period_key_word, "mã kỳ", "period key")                                                      \
    X(report_period, "Kỳ báo cáo", "Period")                                                       \
    X(as_known_on, "Số liệu tính đến ngày", "Data as of")                                          \
    X(as_it_stood, "Báo cáo như đã lập: chỉ tính số liệu nhận được đến ngày {}.",                  \
      "The report as it stood: only records received by {}.")                                      \
    X(only_received_by, "Chỉ tính số liệu nhận được đến ngày {}.", "Only records received by {}.") \
    X(data_received_by, "Số liệu nhận được đến ngày {}", "Data received by {}")                    \
    X(reporting_rates, "Đã nhận {} báo cáo ({}), đúng hạn {} ({})",                                \
      "Received {} reports ({}), on time {} ({})")                                                 \
    X(not_reported, "Chưa báo cáo", "Not reported")                                                \
    X(reported_late, "Báo cáo muộn", "Reported late")                                              \
    X(reported_late_received, "Báo cáo muộn (ngày nhận)", "Reported late (received)")              \
    X(reports_received, "Tình hình nộp báo cáo", "Reports received")                               \
    X(due, "Hạn nộp", "Due")                                                                       \
    X(whole_campaign_periods, "Cả đợt: {} kỳ báo cáo.", "Whole campaign: {} report periods.")      \
    X(campaign_span, "Đợt phát động {} ({} ngày).", "Campaign {} ({} days).")                      \
    X(theme, "Chủ đề", "Theme")                                                                    \
    X(theme_of_period, "Chủ đề trong kỳ", "Theme of the period")                                   \
    X(themed_weeks, "Các tuần chủ đề", "Themed weeks")                                             \
    X(illustrative, "minh họa", "illustrative")                                                    \
    X(running_now, "Đang diễn ra", "Running now")                                                  \
    X(days_before, "{} ngày trước đó", "previous {} days")                                         \
    X(during_theme, "Trong chủ đề", "During the theme")                                            \
    X(same_days_before, "Cùng số ngày trước đó", "Same number of days before")                     \
    X(days, "Ngày", "Days")                                                                        \
    X(day, "Ngày", "Day")                                                                          \
    X(households, "hộ", "households")                                                              \
    X(unit, "Đơn vị", "Unit")                                                                      \
    X(unit_id, "Mã đơn vị", "Unit id")                                                             \
    X(unit_total, "Tổng cộng", "Total")                                                            \
    X(group, "Thôn", "Group")                                                                      \
    X(indicator, "Chỉ tiêu", "Indicator")                                                          \
    X(indicator_id, "Mã chỉ tiêu", "Indicator id")                                                 \
    X(period_key, "Mã kỳ", "Period key")                                                           \
    X(target, "Kế hoạch", "Target")                                                                \
    X(this_period, "Kỳ này", "This period")                                                        \
    X(last_period, "Kỳ cuối", "Last period")                                                       \
    X(cumulative, "Lũy kế", "Total")                                                               \
    X(cumulative_lower, "lũy kế", "total")                                                         \
    X(status, "Tình trạng", "Status")                                                              \
    X(results_by_indicator, "Kết quả theo chỉ tiêu", "Results by indicator")                       \
    X(work_done, "Việc đã làm", "Work done")                                                       \
    X(quantity, "Số lượng", "Quantity")                                                            \
    X(note, "Ghi chú", "Note")                                                                     \
    X(reporter, "Người báo cáo", "Reporter")                                                       \
    X(record, "Bản ghi", "Record")                                                                 \
    X(nothing_reported, "Chưa có kết quả nào được báo cáo trong ngày.",                            \
      "Nothing reported for the day.")                                                             \
    X(revisions, "Bổ sung và đính chính sau ngày báo cáo",                                         \
      "Late reports and corrections after the report")                                             \
    X(revisions_intro, "Số liệu đến ngày {} nhận được sau ngày báo cáo, đến {}.",                  \
      "Records about days up to {} received after the report, up to {}.")                          \
    X(now, "hiện nay", "now")                                                                      \
    X(kind, "Loại", "Kind")                                                                        \
    X(late_report, "Báo cáo muộn", "Late report")                                                  \
    X(corrects_record, "Đính chính bản ghi {}", "Corrects record {}")                              \
    X(done_on, "Ngày thực hiện", "Done on")                                                        \
    X(what_they_change, "Thay đổi so với báo cáo", "What they change")                             \
    X(total_reported, "Lũy kế đã báo cáo", "Total reported")                                       \
    X(total_known_now, "Lũy kế hiện nay", "Total known now")                                       \
    X(difference, "Chênh lệch", "Difference")                                                      \
    X(ranking_of_units, "Xếp hạng các đơn vị", "Ranking of the units")                             \
    X(end_of_campaign_ranking, "Đánh giá, xếp hạng cuối đợt", "End-of-campaign ranking")           \
    X(ranking_as_of, "Ngày đánh giá", "As of")                                                     \
    X(each_quota_capped, "; mỗi chỉ tiêu tính tối đa 100%.", "; each quota counts at most 100%.")  \
    X(quota_uncapped, "; tính cả phần vượt chỉ tiêu.", "; work beyond a quota counts.")            \
    X(rank, "Hạng", "Rank")                                                                        \
    X(score, "Điểm", "Score")                                                                      \
    X(reporting_rate, "Tỷ lệ báo cáo", "Reporting rate")                                           \
    X(score_explained,                                                                             \
      "Điểm: trung bình có trọng số của tỷ lệ thực hiện/kế hoạch các chỉ tiêu được giao",          \
      "Score: the weighted mean of done/target over the assigned indicators")                      \
    X(score_capped, " (mỗi chỉ tiêu tính tối đa 100%)", " (each at most 100%)")                    \
    X(score_ties, "; điểm bằng nhau cùng hạng. ★ biểu dương, ⚠ nhắc nhở.",                         \
      "; equal scores share a rank. ★ commend, ⚠ remind.")                                         \
    X(to_commend, "Đề nghị khen thưởng", "To commend")                                             \
    X(to_remind, "Cần nhắc nhở", "To remind")                                                      \
    X(no_quota_to_score, "Không có chỉ tiêu để chấm điểm", "No quota to score")                    \
    X(nobody, "không có", "none")                                                                  \
    X(evenness, "Mức đồng đều của phong trào", "How even the movement was")                        \
    X(evenness_figures,                                                                            \
      "trung bình {}, độ lệch chuẩn {}, hệ số biến thiên {}, Gini {}, thấp nhất {}, cao nhất {}.", \
      "mean {}, std. dev. {}, coefficient of variation {}, Gini {}, lowest {}, highest {}.")       \
    X(row_number, "STT", "No.")                                                                    \
    X(done_cumulative, "Đã làm (lũy kế)", "Done (cumulative)")                                     \
    X(report_sheet, "Báo cáo", "Report")                                                           \
    X(chart_done, "Đã thực hiện (lũy kế)", "Done (cumulative)")                                    \
    X(chart_target, "Chỉ tiêu", "Target")                                                          \
    X(chart_expected_pace, "Tiến độ kỳ vọng", "Expected pace")                                     \
    X(chart_axis_households, "Số hộ", "Households")                                                \
    X(chart_axis_gardens, "Số vườn", "Gardens")                                                    \
    X(chart_axis_areas, "Số khu dân cư", "Residential areas")                                      \
    X(chart_axis_quantity, "Số lượng ({})", "Quantity ({})")                                       \
    X(chart_data_through, "Số liệu đến {}", "Data up to {}")                                       \
    X(chart_completion, "Tỷ lệ hoàn thành", "Completion")                                          \
    X(chart_completion_of, "{}: tỷ lệ hoàn thành ngày {}", "{}: completion on {}")                 \
    X(status_not_achieved, "Không đạt chỉ tiêu", "Target not met")                                 \
    X(proposed_target, "{} (đề xuất)", "{} (proposed)")                                            \
    X(periods_missed, "{} kỳ: {}", "{} period(s): {}")                                             \
    X(doc_national_name, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM")   \
    X(doc_motto, "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness")              \
    X(doc_superior_body, "UBND {}", "People's Committee of {}")                                    \
    X(doc_issuing_body, "BAN CHỈ ĐẠO XÂY DỰNG NTM", "NTM STEERING COMMITTEE")                      \
    X(doc_number, "Số: {}/BC-BCĐ", "No.: {}/BC-BCĐ")                                               \
    X(doc_place_date, "{}, ngày {} tháng {} năm {}", "{}, {}/{}/{}")                               \
    X(doc_report, "BÁO CÁO", "REPORT")                                                             \
    X(doc_subject_weekly, "Tiến độ {}, kỳ {}/{} ({}–{})", "Progress of {}, period {}/{} ({}–{})")  \
    X(doc_subject_final, "Tổng kết {}", "Final review of {}")                                      \
    X(doc_recipients, "Nơi nhận:", "Recipients:")                                                  \
    X(doc_default_recipient, "Thường trực Ban chỉ đạo xã", "Standing board of the committee")      \
    X(doc_archive, "Lưu: VT.", "Archive: VT.")                                                     \
    X(doc_on_behalf, "TM. BAN CHỈ ĐẠO", "ON BEHALF OF THE STEERING COMMITTEE")                     \
    X(doc_signer_title, "TRƯỞNG BAN", "HEAD")                                                      \
    X(support_section, "Hỗ trợ nhân lực (ngày công)", "Labour support (person-days)")              \
    X(support_in_period, "Hỗ trợ trong kỳ:", "Support delivered this period:")                     \
    X(support_none_in_period, "Không có hỗ trợ nào trong kỳ.",                                     \
      "No support delivered this period.")                                                         \
    X(support_by_receiver, "Nhu cầu và hỗ trợ theo nơi nhận:", "Needs and support by receiver:")   \
    X(support_by_giver, "Theo đơn vị hỗ trợ:", "By giver:")                                        \
    X(giver, "Đơn vị hỗ trợ", "Giver")                                                             \
    X(receiver, "Nơi nhận", "Receiver")                                                            \
    X(person_days, "Ngày công", "Person-days")                                                     \
    X(materials, "Vật tư", "Materials")                                                            \
    X(needed, "Nhu cầu", "Needed")                                                                 \
    X(pledged, "Đã cam kết", "Pledged")                                                            \
    X(delivered, "Đã hỗ trợ", "Delivered")                                                         \
    X(still_needed, "Còn thiếu", "Still needed")                                                   \
    X(not_yet_delivered, "Cam kết chưa thực hiện", "Pledged, not delivered")                       \
    X(assigned_to, "Phụ trách", "Assigned to")                                                     \
    X(giver_kind, "Loại", "Kind")                                                                  \
    X(supporter_working_group, "Tổ công tác BTV", "Standing board working group")                  \
    X(supporter_sponsor, "Đơn vị đỡ đầu", "Sponsor unit")                                          \
    X(supporter_organisation, "Đoàn thể", "Mass organisation")                                     \
    X(supporter_other, "Khác", "Other")                                                            \
    X(supporter_unit, "Đơn vị trong xã", "Unit of the campaign")                                   \
    X(illustrative_figures, "Có số liệu minh họa, không phải số liệu chính thức.",                 \
      "Some figures are illustrative, not official.")                                              \
    X(funds_section, "Huy động kinh phí", "Funds mobilised")                                       \
    X(funds_by_source, "Theo nguồn:", "By source:")                                                \
    X(funds_by_unit, "Theo đơn vị:", "By unit:")                                                   \
    X(fund_source, "Nguồn", "Source")                                                              \
    X(state_budget_total, "Cộng ngân sách nhà nước", "State budget, all levels")                   \
    X(source_budget_central, "Ngân sách trung ương", "Central budget")                             \
    X(source_budget_province, "Ngân sách tỉnh", "Provincial budget")                               \
    X(source_budget_district, "Ngân sách huyện", "District budget")                                \
    X(source_budget_commune, "Ngân sách xã", "Commune budget")                                     \
    X(source_integrated, "Lồng ghép các chương trình", "Integrated programmes")                    \
    X(source_socialised, "Xã hội hóa", "Social mobilisation")                                      \
    X(source_people, "Nhân dân đóng góp", "People's contributions")                                \
    X(source_enterprise, "Doanh nghiệp", "Enterprises")                                            \
    X(source_other, "Nguồn khác", "Other sources")                                                 \
    X(grade_excellent, "Hoàn thành xuất sắc", "Excellent")                                         \
    X(grade_good, "Hoàn thành tốt", "Good")                                                        \
    X(grade_completed, "Hoàn thành", "Completed")                                                  \
    X(grade_not_completed, "Không hoàn thành", "Not completed")                                    \
    X(year_end_grading, "Đánh giá, xếp loại cuối năm", "Year-end grading")                         \
    X(grade, "Xếp loại", "Grade")                                                                  \
    X(weight_of, "{} (trọng số {})", "{} (weight {})")                                             \
    X(grade_thresholds_illustrative,                                                               \
      "Ngưỡng xếp loại minh họa, không phải quy định chính thức (xã tự quyết định): ",             \
      "Illustrative grade thresholds, not an official rule (the commune decides): ")               \
    X(grade_thresholds_commune,                                                                    \
      "Ngưỡng xếp loại do xã quyết định: ", "Grade thresholds decided by the commune: ")           \
    X(grade_from, "{} từ {}", "{} from {}")                                                        \
    X(grading_score_rule, "Điểm: trung bình có trọng số của các thành phần được tính (0–100%).",   \
      "Score: the weighted mean of the components counted (0–100%).")                              \
    X(grade_counts, "Kết quả", "Result")                                                           \
    X(how_graded, "Cách xếp loại từng đơn vị", "How each was graded")                              \
    X(explanation, "Giải thích", "Explanation")                                                    \
    X(value_times_weight, "{}: {} × {}", "{}: {} × {}")                                            \
    X(no_value_left_out, "{}: không có số liệu, không tính", "{}: no value, left out")             \
    X(no_value_as_zero, "{}: không có số liệu, tính 0%", "{}: no value, counted as 0%")            \
    X(weight_zero_left_out, "{}: {}, trọng số 0, không tính", "{}: {}, weight 0, not counted")     \
    X(score_is, "điểm = {} / {} = {}", "score = {} / {} = {}")                                     \
    X(reaches_threshold, "{} ≥ {} (ngưỡng {}) → {}", "{} ≥ {} (threshold of {}) → {}")             \
    X(below_threshold, "{} < {} (ngưỡng {}) → {}", "{} < {} (threshold of {}) → {}")               \
    X(next_grade_needs, "cần {} để đạt {}", "{} needed for {}")                                    \
    X(nothing_to_grade, "không có số liệu để xếp loại", "nothing to grade")

namespace ntmkit {

/// The labels of the table, by name.
enum class label : std::uint16_t {
#define NTMKIT_LABEL_KEY(key, vi, en) key,
    NTMKIT_LABEL_TABLE(NTMKIT_LABEL_KEY)
#undef NTMKIT_LABEL_KEY
};

struct label_entry {
    std::string_view key; ///< the name, as Python sees it
    std::string_view vi;
    std::string_view en;
};

/// The whole table in the order of `label`.
inline constexpr label_entry label_table[] = {
#define NTMKIT_LABEL_ENTRY(key, vi, en) {#key, vi, en},
    NTMKIT_LABEL_TABLE(NTMKIT_LABEL_ENTRY)
#undef NTMKIT_LABEL_ENTRY
};

/// A label in Vietnamese (any language but "en") or English.
inline std::string_view label_text(label l, std::string_view language = "vi") {
    const auto& e = label_table[static_cast<std::size_t>(l)];
    return language == "en" ? e.en : e.vi;
}

/// `text` with each "{}" replaced by the next of `values`, in order.
inline std::string fill_label(std::string_view text, std::initializer_list<std::string> values) {
    std::string out;
    auto v = values.begin();
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (text.compare(k, 2, "{}") == 0 && v != values.end()) {
            out += *v++;
            ++k;
        } else {
            out += text[k];
        }
    }
    return out;
}

/// The labels of one language, for builders that need many: L(label::unit),
/// L(label::days_before, {"6"}).
struct labels {
    std::string_view language;
    std::string operator()(label l) const { return std::string(label_text(l, language)); }
    std::string operator()(label l, std::initializer_list<std::string> values) const {
        return fill_label(label_text(l, language), values);
    }
};

/// What a status reads in a report.
inline std::string status_label(progress_status s, std::string_view language = "vi") {
    switch (s) {
    case progress_status::no_target:
        return std::string(label_text(label::status_no_target, language));
    case progress_status::achieved:
        return std::string(label_text(label::status_achieved, language));
    case progress_status::on_track:
        return std::string(label_text(label::status_on_track, language));
    case progress_status::behind:
        return std::string(label_text(label::status_behind, language));
    case progress_status::at_risk:
        return std::string(label_text(label::status_at_risk, language));
    }
    return "?";
}

} // namespace ntmkit

#undef NTMKIT_LABEL_TABLE
