// Prints the Friday report of a campaign as the commune's NTM officer sends it.
//   friday_report campaign.json [progress.csv] [report-date] [vi|en]
// The report date may be written 6/5/2022 or 2022-05-06; default: the last Friday with data.
#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/report.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: friday_report campaign.json [progress.csv] [report-date] [vi|en]\n";
        return 2;
    }
    try {
        auto c = ntmkit::load_campaign(argv[1]);
        if (argc > 2)
            ntmkit::add_progress_csv(c, ntmkit::read_text_file(argv[2]), argv[2]);
        auto dates = c.schedule().report_dates(c.window());
        ntmkit::date day = argc > 3        ? ntmkit::parse_date(argv[3], c.window().first().year())
                           : dates.empty() ? c.window().last()
                                           : dates.back();
        std::string language = argc > 4 ? argv[4] : "vi";
        auto report = ntmkit::build_weekly_report(c, day);
        std::cout << ntmkit::render_text(c, report, language);
        return 0;
    } catch (const ntmkit::error& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}
