// DHIS2 dataValueSets payloads and mapping tables read against the seed campaign: any bytes
// give progress records or an ntmkit error, and records the campaign refuses leave it unchanged.
#include "common.hpp"

#include <ntmkit/dhis2.hpp>
#include <ntmkit/json.hpp>

#include <fstream>
#include <sstream>

namespace {
ntmkit::campaign load_seed() {
    std::ifstream in(NTMKIT_DATA_DIR "/../examples/seed/campaign.json");
    std::stringstream text;
    text << in.rdbuf();
    return ntmkit::campaign_from_json_text(text.str(), "campaign.json");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const ntmkit::campaign seed = load_seed();
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto j = ntmkit::detail::parse_json_text(fuzz::text(data, size), "fuzz.json");
        // A payload alone (ids are the campaign's own), or [mapping table, payload].
        const bool pair = j.is_array() && j.size() == 2;
        const auto mapping = pair ? ntmkit::parse_dhis2_mapping(j[0]) : ntmkit::dhis2_mapping{};
        const auto values =
            size % 2 ? ntmkit::dhis2_values::cumulative : ntmkit::dhis2_values::per_period;
        const auto records = ntmkit::progress_from_dhis2(seed, pair ? j[1] : j, mapping, values);
        auto c = seed;
        try {
            c.add_progress(records);
        } catch (const ntmkit::error& e) {
            if (!ntmkit::is_valid_utf8(e.what()) || !(c == seed))
                std::abort(); // a rejected batch must change nothing
        }
    });
    return 0;
}
