// Prints the Friday report of a campaign as the commune's NTM officer sends it.
//   friday_report campaign.json [progress.csv] [report-date] [vi|en] [text|markdown|html|csv]
//                 [weekly|as-reported|daily|final] [support.json]
// The report date may be written 6/5/2022 or 2022-05-06; default: the last Friday with data.
// "as-reported" reproduces the report as it stood on that day (records received by then) and
// lists what arrived since; "daily" is the loudspeaker list of that day. A support file
// (labour support and funds, e.g. examples/seed/support.json: illustrative) adds their sections.
#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/render.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: friday_report campaign.json [progress.csv] [report-date] [vi|en] "
                     "[text|markdown|html|csv] [weekly|as-reported|daily|final] "
                     "[support.json]\n";
        return 2;
    }
    try {
        auto c = ntmkit::load_campaign(argv[1]);
        if (argc > 2)
            ntmkit::add_progress_csv(c, ntmkit::read_text_file(argv[2]), argv[2]);
        if (argc > 7)
            ntmkit::load_support_file(c, argv[7]);
        auto dates = c.schedule().report_dates(c.window());
        ntmkit::date day = argc > 3        ? ntmkit::parse_date(argv[3], c.window().first().year())
                           : dates.empty() ? c.window().last()
                                           : dates.back();
        std::string language = argc > 4 ? argv[4] : "vi";
        auto format = argc > 5 ? ntmkit::parse_enum<ntmkit::report_format>(argv[5], "format")
                               : ntmkit::report_format::text;
        std::string kind = argc > 6 ? argv[6] : "weekly";
        ntmkit::report_options options;
        options.language = language;
        if (kind == "as-reported")
            options.known_by = day;
        if (kind == "daily")
            std::cout << ntmkit::render(c, ntmkit::build_daily_report(c, day, options), format,
                                        language);
        else if (kind == "final")
            std::cout << ntmkit::render(c, ntmkit::build_final_report(c, options), format,
                                        language);
        else
            std::cout << ntmkit::render(c, ntmkit::build_weekly_report(c, day, options), format,
                                        language);
        return 0;
    } catch (const ntmkit::error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
