// The campaign bytes reader (campaign_bytes.hpp): any bytes load or give an ntmkit error; what
// loads writes and reads again to the same campaign.
#include "common.hpp"

#include <ntmkit/campaign_bytes.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto c = ntmkit::campaign_from_bytes(fuzz::text(data, size));
        if (!(ntmkit::campaign_from_bytes(ntmkit::to_bytes(c)) == c))
            std::abort();
    });
    return 0;
}
