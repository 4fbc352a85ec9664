// The campaign JSON loader: any bytes load or give an ntmkit error; what loads saves and
// loads again to the same campaign.
#include "common.hpp"

#include <ntmkit/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto c = ntmkit::campaign_from_json_text(fuzz::text(data, size), "fuzz.json");
        const auto saved = ntmkit::campaign_to_json_text(c);
        if (!(ntmkit::campaign_from_json_text(saved) == c))
            std::abort();
    });
    return 0;
}
