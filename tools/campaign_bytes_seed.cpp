// Writes a campaign file's compact bytes (campaign_bytes.hpp) to stdout: the seed corpus of the
// campaign_bytes fuzz harness (scripts/fuzz.sh).   campaign_bytes_seed campaign.json > seed.bin
#include <ntmkit/campaign_bytes.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: campaign_bytes_seed campaign.json\n";
        return 2;
    }
    std::cout << ntmkit::to_bytes(ntmkit::load_campaign(argv[1]));
    return 0;
}
