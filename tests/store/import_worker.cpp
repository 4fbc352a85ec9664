// The writing process that tests/store/kill_imports.py kills: imports one synthetic commune's
// ~19,000 progress records into a campaign store as one import (a row per record, so the
// transaction lasts long enough to be killed inside it).
//   import_worker STORE define          the commune's definition, no records: "records <n>
//                                       sum <total>" of the records an import would add
//   import_worker STORE import SOURCE [even|odd]
//                                       its records (or every other one) as ids SOURCE:<row>
//   import_worker STORE check           reopens the store: "records <n> sum <total>"
// "begin" and "committed" are written straight to stdout around the import, unbuffered, so
// the parent knows where its SIGKILL landed. STORE may be a postgresql://…#schema URL.
#include <ntmkit/store/store.hpp>
#ifdef NTMKIT_STORE_POSTGRES
#include <ntmkit/store/postgres.hpp>
#endif
#include <ntmkit/synthetic.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

void mark(const char* text) {
    const auto n = static_cast<ssize_t>(std::strlen(text));
    if (write(STDOUT_FILENO, text, static_cast<std::size_t>(n)) != n)
        std::_Exit(3);
}

ntmkit::synthetic::country commune() {
    ntmkit::synthetic::country_options o;
    o.scale = 1.0 / 2634; // one commune of the synthetic country
    o.seed = 7;
    return ntmkit::synthetic::make_country(o);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s STORE define|import SOURCE|check\n", argv[0]);
        return 2;
    }
    const std::string path = argv[1], mode = argv[2];
    try {
        if (mode == "check") {
            const auto c = ntmkit::store::open(path).campaign();
            double sum = 0;
            for (double q : c.progress().quantities())
                sum += q;
            std::printf("records %zu sum %.17g\n", c.progress().size(), sum);
            return 0;
        }
        const auto country = commune();
        auto s = ntmkit::store::open(path);
        if (mode == "define") {
            s.define(country.camp, "synthetic commune");
            double sum = 0;
            for (double q : country.records.quantity)
                sum += q;
            std::printf("records %zu sum %.17g\n", country.records.size(), sum);
            return 0;
        }
        if (mode != "import" || argc < 4)
            return 2;
        const auto& r = country.records;
        const auto& c = country.camp;
        const std::string part = argc > 4 ? argv[4] : "all";
        std::vector<ntmkit::progress_record> records;
        for (std::size_t i = 0; i < r.size(); ++i) {
            if ((part == "even" && i % 2 == 1) || (part == "odd" && i % 2 == 0))
                continue;
            records.emplace_back();
            auto& rec = records.back();
            rec.unit = std::string(c.units().id(r.unit[i]));
            rec.indicator = c.indicators()[r.indicator[i]].id;
            rec.done = c.window().first() + boost::gregorian::days(r.done[i]);
            rec.reported = c.window().first() + boost::gregorian::days(r.reported[i]);
            rec.quantity = r.quantity[i];
        }
        mark("begin\n");
        s.import_progress(records, argv[3]);
        mark("committed\n");
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
