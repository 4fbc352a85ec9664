// The criteria-set loader: any bytes give a set or an ntmkit error; a set round-trips.
#include "common.hpp"

#include <ntmkit/criteria.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::expect_ok_or_ntmkit_error([&] {
        const auto j = ntmkit::detail::parse_json_text(fuzz::text(data, size), "fuzz.json");
        const auto set = j.get<ntmkit::criteria_set>();
        if (nlohmann::json(nlohmann::json(set).get<ntmkit::criteria_set>()) != nlohmann::json(set))
            std::abort();
    });
    return 0;
}
