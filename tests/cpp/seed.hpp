// The example campaign of examples/seed/ (campaign.json, progress.csv), as tests load it.
#pragma once

#include <ntmkit/csv.hpp>
#include <ntmkit/json.hpp>

#include <string>

namespace fixtures {

/// A file of examples/seed/.
inline std::string seed_file(const char* name) {
    return std::string(NTMKIT_EXAMPLES_DIR) + "/seed/" + name;
}

/// The seed campaign as its file has it (targets, no progress).
inline ntmkit::campaign seed_campaign() {
    return ntmkit::load_campaign(seed_file("campaign.json"));
}

/// The seed campaign with its sample progress log.
inline ntmkit::campaign seed_with_progress() {
    auto c = seed_campaign();
    ntmkit::add_progress_csv(c, ntmkit::read_text_file(seed_file("progress.csv")), "progress.csv");
    return c;
}

} // namespace fixtures
