// Campaign store benchmark (never a timed test): the synthetic country kept in a SQLite store.
// Imports 45 days as bulk column blocks (one import per day), appends the 46th day and times
// that append, then reopens the store and times loading every record back into a campaign for
// a roll-up; checks that the roll-up equals the one of the same records added in memory.
//
//   ntmkit_bench_store [--scale 1] [--path /tmp/ntmkit_bench.sqlite] [--keep]
//   ntmkit_bench_store --load-only --path x.sqlite      (times only the load of a kept store)
#include <ntmkit/rollup.hpp>
#include <ntmkit/store/store.hpp>
#include <ntmkit/synthetic.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <string>

using namespace ntmkit;
using clk = std::chrono::steady_clock;

namespace {

double since(clk::time_point t) {
    return std::chrono::duration<double>(clk::now() - t).count();
}

/// Wall and CPU seconds since construction: on a machine shared with other work, CPU time
/// says what the program itself needed.
struct stopwatch {
    clk::time_point wall = clk::now();
    std::clock_t cpu = std::clock();
    double seconds() const { return since(wall); }
    double cpu_seconds() const { return static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC; }
    /// "1.234 s (CPU 0.456 s)"
    std::string text() const {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.3f s (CPU %.3f s)", seconds(), cpu_seconds());
        return buf;
    }
};

/// Imports day d of the country's records as one bulk import "day-<d>".
void import_day(store& s, const synthetic::progress_columns& r, std::size_t d) {
    const auto a = r.day_start[d], n = r.day_start[d + 1] - a;
    s.import_columns("day-" + std::to_string(d + 100), n, r.unit.data() + a, r.indicator.data() + a,
                     r.done.data() + a, r.reported.data() + a, r.quantity.data() + a);
}

} // namespace

int main(int argc, char** argv) {
    double scale = 1;
    std::string path = (std::filesystem::temp_directory_path() / "ntmkit_bench.sqlite").string();
    bool keep = false, load_only = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--scale") && i + 1 < argc)
            scale = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--path") && i + 1 < argc)
            path = argv[++i];
        else if (!std::strcmp(argv[i], "--keep"))
            keep = true;
        else if (!std::strcmp(argv[i], "--load-only"))
            load_only = true;
    }
    if (load_only) { // e.g. under `perf record`
        stopwatch t;
        const auto loaded = store::open(path).campaign();
        std::printf("reopen and load %zu records: %s\n", loaded.progress().size(),
                    t.text().c_str());
        return 0;
    }
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(path + suffix);

    synthetic::country_options o;
    o.scale = scale;
    auto country = synthetic::make_country(o);
    const auto& r = country.records;
    const std::size_t days = r.day_start.size() - 1;
    std::printf("scale %g: %zu units, %zu records over %zu days\n", scale,
                country.camp.units().size(), r.size(), days);

    {
        auto s = store::open(path);
        stopwatch t;
        s.define(country.camp, "synthetic country");
        std::printf("define (units, targets): %s\n", t.text().c_str());
        t = {};
        for (std::size_t d = 0; d + 1 < days; ++d)
            import_day(s, r, d);
        const auto first = r.day_start[days - 1];
        std::printf("import %zu days, one import each: %s, %.1f M records/s (CPU: %.1f M/s)\n",
                    days - 1, t.text().c_str(), static_cast<double>(first) / t.seconds() / 1e6,
                    static_cast<double>(first) / t.cpu_seconds() / 1e6);
        t = {};
        import_day(s, r, days - 1);
        std::printf("append day %zu (%zu records, one transaction): %s\n", days, r.size() - first,
                    t.text().c_str());
    }
    std::printf("store file: %.2f GB\n",
                static_cast<double>(std::filesystem::file_size(path)) / 1e9);

    stopwatch t;
    const auto loaded = store::open(path).campaign();
    const auto n = static_cast<double>(loaded.progress().size());
    std::printf("reopen and load %zu records: %s, %.1f M records/s (CPU: %.1f M/s)\n",
                loaded.progress().size(), t.text().c_str(), n / t.seconds() / 1e6,
                n / t.cpu_seconds() / 1e6);

    // The same records added in memory must roll up to the same figures.
    const auto as_of = loaded.window().last();
    const rollup from_store(loaded, as_of);
    country.camp.add_progress_columns(r.size(), r.unit.data(), r.indicator.data(), r.done.data(),
                                      r.reported.data(), r.quantity.data());
    const rollup in_memory(country.camp, as_of);
    const bool same = from_store.tallies() == in_memory.tallies();
    std::printf("roll-up from the store equals the in-memory one: %s\n", same ? "yes" : "NO");
    if (!keep)
        for (const char* suffix : {"", "-wal", "-shm"})
            std::filesystem::remove(path + suffix);
    return same ? 0 : 1;
}
