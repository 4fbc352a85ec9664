// National-scale benchmark, C++ side: generate the synthetic country, ingest 45 days of
// records, roll up as of the 45th day, add the 46th day and roll up again, then rebuild from
// scratch for comparison. Measures the machine's read bandwidth in the same run, so the
// roll-up can be set against the time it takes just to read its records once.
//
//   ntmkit_bench_national [--scale 1] [--seed 2022] [--repeat 5] [--json out.json]
#include <ntmkit/rollup.hpp>
#include <ntmkit/series.hpp>
#include <ntmkit/synthetic.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numeric>
#include <optional>
#include <string>
#include <thread>
#include <vector>

using namespace ntmkit;
using clk = std::chrono::steady_clock;

namespace {
double since(clk::time_point t) {
    return std::chrono::duration<double>(clk::now() - t).count();
}

// CPU time of the process, every thread (user + system: page faults count): what a step costs
// when other work shares the cores and wall times stretch.
// A hash of every tally of a roll-up: two roll-ups with the same figures hash alike.
std::uint64_t tallies_hash(const rollup& r) {
    std::uint64_t h = 1469598103934665603ull;
    for (const auto& t : r.tallies())
        for (double v : {t.done_day, t.done_period, t.cumulative}) {
            std::uint64_t bits;
            std::memcpy(&bits, &v, sizeof bits);
            h = (h ^ bits) * 1099511628211ull;
        }
    return h;
}

double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
           static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double peak_rss_gib() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / (1024.0 * 1024.0); // ru_maxrss is in KiB
}

// Read bandwidth: sum a buffer far larger than the caches, best of several passes.
// With `cpu`, bytes per second of the summing threads' CPU time instead: the bandwidth a core
// sees while it runs, for comparing with CPU times when other work shares the machine.
double read_bandwidth(std::size_t bytes, int threads, bool cpu = false) {
    std::vector<std::uint64_t> buf(bytes / 8);
    std::iota(buf.begin(), buf.end(), 0);
    double best = 1e30;
    volatile std::uint64_t sink = 0;
    for (int rep = 0; rep < 5; ++rep) {
        std::vector<std::uint64_t> part(static_cast<std::size_t>(threads), 0);
        auto t = clk::now();
        const double c = cpu_seconds();
        std::vector<std::thread> ts;
        for (int k = 0; k < threads; ++k)
            ts.emplace_back([&, k] {
                const std::size_t n = buf.size(),
                                  a = n * static_cast<std::size_t>(k) /
                                      static_cast<std::size_t>(threads),
                                  b = n * static_cast<std::size_t>(k + 1) /
                                      static_cast<std::size_t>(threads);
                std::uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                std::size_t i = a;
                for (; i + 4 <= b; i += 4) {
                    s0 += buf[i];
                    s1 += buf[i + 1];
                    s2 += buf[i + 2];
                    s3 += buf[i + 3];
                }
                for (; i < b; ++i)
                    s0 += buf[i];
                part[static_cast<std::size_t>(k)] = s0 + s1 + s2 + s3;
            });
        for (auto& th : ts)
            th.join();
        best = std::min(best, cpu ? cpu_seconds() - c : since(t));
        sink = sink + std::accumulate(part.begin(), part.end(), std::uint64_t{0});
    }
    return static_cast<double>(bytes) / best / 1e9;
}

struct timing {
    double best = 1e30, median = 0, cpu = 1e30; // wall best and median, CPU best
};
template <class F> timing time_it(int repeat, F&& f) {
    std::vector<double> ts;
    double cpu = 1e30;
    for (int r = 0; r < repeat; ++r) {
        auto t = clk::now();
        const double c = cpu_seconds();
        f();
        ts.push_back(since(t));
        cpu = std::min(cpu, cpu_seconds() - c);
    }
    std::sort(ts.begin(), ts.end());
    return {ts.front(), ts[ts.size() / 2], cpu};
}
} // namespace

int main(int argc, char** argv) {
    synthetic::country_options opt;
    int repeat = 5;
    std::string json_path;
    for (int a = 1; a < argc; ++a) {
        std::string k = argv[a];
        auto next = [&] {
            if (a + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", k.c_str());
                std::exit(2);
            }
            return std::string(argv[++a]);
        };
        if (k == "--scale")
            opt.scale = std::stod(next());
        else if (k == "--seed")
            opt.seed = std::stoull(next());
        else if (k == "--repeat")
            repeat = std::max(1, std::stoi(next()));
        else if (k == "--json")
            json_path = next();
        else if (k == "--sorted")
            opt.shuffle_within_day = false;
        else {
            std::fprintf(stderr,
                         "usage: %s [--scale 1] [--seed 2022] [--repeat 5] [--json out.json] "
                         "[--sorted]\n",
                         argv[0]);
            return 2;
        }
    }

    const double bw1 = read_bandwidth(std::size_t{1} << 30, 1);
    const double bw2 = read_bandwidth(std::size_t{1} << 30, 2);
    const double bw = std::max(bw1, bw2);
    const double bw_cpu = read_bandwidth(std::size_t{1} << 30, 1, true);

    auto t = clk::now();
    const auto country = synthetic::make_country(opt);
    const double t_generate = since(t);
    const auto& rec = country.records;
    const std::size_t n_all = rec.size(), n_first = rec.day_start[45];
    const auto n_units = country.camp.units().size();

    // (1) Ingest the first 45 days in one batch, columns straight from the arrays; best of
    // `repeat` fresh campaigns (the first touch of memory new to a VM is much slower).
    campaign work;
    double t_ingest = 1e30, t_ingest_first = 0, cpu_ingest = 1e30;
    for (int r = 0; r < repeat; ++r) {
        work = campaign();
        work = country.camp;
        t = clk::now();
        const double c = cpu_seconds();
        work.add_progress_columns(n_first, rec.unit.data(), rec.indicator.data(), rec.done.data(),
                                  rec.reported.data(), rec.quantity.data());
        const double s = since(t);
        cpu_ingest = std::min(cpu_ingest, cpu_seconds() - c);
        t_ingest = std::min(t_ingest, s);
        if (r == 0)
            t_ingest_first = s;
    }

    // (2) Full roll-up as of day 45 (29/5), every unit and indicator. Targets derived from
    // the children's are worked out once per version of the targets (the first roll-up does
    // it, campaign::derived_targets), then shared: timed apart.
    const auto t_derive = time_it(
        repeat, [&] { detail::derive_targets(work.units(), work.indicators(), work.targets()); });
    const date day45 = date(2022, 5, 29), day46 = date(2022, 5, 30);
    const auto t_rollup = time_it(repeat, [&] { rollup r(work, day45); });
    const double bytes_records = 12.0 * static_cast<double>(n_first); // cell 4 B + quantity 8 B
    const double cells = static_cast<double>(n_units * work.indicators().size());
    const double bytes_out = cells * (24 + 8) + cells * 8; // tallies and ratios + targets read

    // The same roll-up the plain way, for reference: scatter the records in arrival order
    // into a dense tally, then carry up. What the scan layout saves.
    const auto t_scatter = time_it(std::min(repeat, 3), [&] {
        const auto& log = work.progress();
        const auto ni = work.indicators().size();
        std::vector<double> cum(n_units * ni, 0.0);
        const auto& u = log.units();
        const auto& i = log.indicators();
        const auto& q = log.quantities();
        const auto& d = log.done_days();
        for (std::size_t r = 0; r < log.size(); ++r)
            if (d[r] <= 44)
                cum[static_cast<std::size_t>(u[r]) * ni + static_cast<std::size_t>(i[r])] += q[r];
        const auto& tree = work.units();
        for (std::size_t x = n_units; x-- > 1;) {
            const auto p = static_cast<std::size_t>(tree.parent(static_cast<unit_index>(x)));
            for (std::size_t k = 0; k < ni; ++k)
                cum[p * ni + k] += cum[x * ni + k];
        }
        volatile double sink = cum[0];
        (void)sink;
    });

    // The same into a roll-up kept from before (rollup::recompute): no fresh memory to fault in.
    std::optional<rollup> kept(std::in_place, work, day45);
    const auto t_recompute = time_it(repeat, [&] { kept->recompute(work, day45); });

    // (3) One more day: ingest day 46 and roll up as of it, into the kept roll-up and afresh.
    const auto n_day = n_all - n_first;
    const auto t_add_day = time_it(1, [&] {
        work.add_progress_columns(n_day, rec.unit.data() + n_first, rec.indicator.data() + n_first,
                                  rec.done.data() + n_first, rec.reported.data() + n_first,
                                  rec.quantity.data() + n_first);
    });
    // Check: the country's cumulative per indicator is the sum of all quantities.
    std::vector<double> expect(work.indicators().size(), 0.0);
    for (std::size_t r = 0; r < n_all; ++r)
        expect[rec.indicator[r]] += rec.quantity[r];
    bool ok = true;
    // The kept roll-up brought forward by the day's records only (rollup::advance), then the
    // same recomputed whole; every cell of both checked against a fresh roll-up (by a hash of
    // the tallies, so that one roll-up at a time is held, as before).
    const auto t_advance = time_it(1, [&] { kept->advance(work, day46); });
    const auto advanced = tallies_hash(*kept);
    const auto t_recompute_after = time_it(1, [&] { kept->recompute(work, day46); });
    const auto recomputed = tallies_hash(*kept);
    for (std::size_t i = 0; i < expect.size(); ++i)
        ok &= kept->tally(0, static_cast<indicator_index>(i)).cumulative == expect[i];
    kept.reset(); // one roll-up at a time, as before
    const auto t_rollup_after = time_it(1, [&] {
        rollup after(work, day46);
        for (std::size_t i = 0; i < expect.size(); ++i)
            ok &= after.tally(0, static_cast<indicator_index>(i)).cumulative == expect[i];
        const bool same = tallies_hash(after) == advanced && advanced == recomputed;
        ok &= same;
        if (!same)
            std::printf("  the advanced or recomputed roll-up differs from a fresh one\n");
    });
    const double peak = peak_rss_gib(); // the full country and one roll-up

    // Burn-up series of every unit over every day of the window (series.hpp), one indicator a
    // pass: best of `repeat` for the first indicator, then every indicator once.
    const auto t_series = time_it(repeat, [&] {
        const auto s = every_unit_cumulative_series(work, 0);
        ok &= s[45] == expect[0]; // the country on the last day
    });
    const auto t_series_all = time_it(1, [&] {
        for (std::size_t i = 0; i < work.indicators().size(); ++i)
            every_unit_cumulative_series(work, static_cast<indicator_index>(i));
    });
    const double peak_series = peak_rss_gib();

    // (4) Full rebuild for comparison: all 46 days into a fresh campaign (its targets derived
    // again), then roll up; best of --repeat, as a single run swings with fresh memory.
    const auto t_rebuild_all = time_it(repeat, [&] {
        work = campaign(); // free the old log first
        work = country.camp;
        work.add_progress_columns(n_all, rec.unit.data(), rec.indicator.data(), rec.done.data(),
                                  rec.reported.data(), rec.quantity.data());
        rollup rebuilt(work, day46);
        for (std::size_t i = 0; i < expect.size(); ++i)
            ok &= rebuilt.tally(0, static_cast<indicator_index>(i)).cumulative == expect[i];
    });
    const double t_rebuild = t_rebuild_all.best;

    const double bound = bytes_records / (bw * 1e9);
    std::printf("ntmkit national benchmark — scale %g, seed %llu, %s records\n", opt.scale,
                static_cast<unsigned long long>(opt.seed),
                opt.shuffle_within_day ? "shuffled" : "sorted");
    std::printf("  units %zu (households %lld), records %zu (%zu in 45 days + %zu on day 46)\n",
                n_units, static_cast<long long>(country.households), n_all, n_first, n_day);
    std::printf("  read bandwidth: %.1f GB/s (1 thread), %.1f GB/s (2 threads), %.1f GB/s per CPU "
                "second (1 thread)\n",
                bw1, bw2, bw_cpu);
    auto row = [](const char* step, const timing& w, const std::string& note) {
        std::printf("  %-46s %8.3f %8.3f  %s\n", step, w.best, w.cpu, note.c_str());
    };
    auto text = [](const char* f, auto... a) {
        char buf[200];
        std::snprintf(buf, sizeof buf, f, a...);
        return std::string(buf);
    };
    std::printf("  %-46s %8s %8s\n", "step (best of --repeat)", "wall s", "CPU s");
    std::printf("  %-46s %8.3f\n", "generate country", t_generate);
    row("ingest 45 days (add_progress_columns)", {t_ingest, t_ingest, cpu_ingest},
        text("%.1f M records/s (wall), %.1f M/s of CPU; first run %.3f",
             static_cast<double>(n_first) / t_ingest / 1e6,
             static_cast<double>(n_first) / cpu_ingest / 1e6, t_ingest_first));
    row("full roll-up as of day 45", t_rollup, text("median %.3f", t_rollup.median));
    row("  targets derived, once per version of them", t_derive,
        "the first roll-up's; shared by the others");
    row("  into a kept roll-up (rollup::recompute)", t_recompute,
        text("median %.3f", t_recompute.median));
    row("  plain scatter in arrival order", t_scatter,
        text("%.1fx the roll-up", t_scatter.best / t_rollup.best));
    const double bound_cpu = bytes_records / (bw_cpu * 1e9);
    std::printf("  %-46s %8.3f %8.3f  %.2f GB at %.1f GB/s; roll-up %.1fx it, kept %.1fx "
                "(CPU %.1fx, %.1fx)\n",
                "  bound: read the records once", bound, bound_cpu, bytes_records / 1e9, bw,
                t_rollup.best / bound, t_recompute.best / bound, t_rollup.cpu / bound_cpu,
                t_recompute.cpu / bound_cpu);
    std::printf("  %-46s %8.3f  + %.2f GB: tallies and ratios written, targets read\n",
                "  bound: records + output", (bytes_records + bytes_out) / (bw * 1e9),
                bytes_out / 1e9);
    row("add day 46", t_add_day, "");
    row("roll-up as of day 46, kept one advanced", t_advance,
        text("%.1fx cheaper than day 45's kept roll-up (CPU %.1fx)",
             t_recompute.best / t_advance.best, t_recompute.cpu / t_advance.cpu));
    row("  kept one recomputed (rollup::recompute)", t_recompute_after, "");
    row("  fresh", t_rollup_after, "");
    row("add day 46 + advance the kept roll-up",
        {t_add_day.best + t_advance.best, 0, t_add_day.cpu + t_advance.cpu}, "");
    row("full rebuild: ingest 46 days + roll-up", t_rebuild_all,
        text("%.1fx add day + advance (CPU %.1fx); %.1fx with a recomputed one",
             t_rebuild / (t_add_day.best + t_advance.best),
             t_rebuild_all.cpu / (t_add_day.cpu + t_advance.cpu),
             t_rebuild / (t_add_day.best + t_recompute_after.best)));
    row("burn-up series: every unit x 46 days, 1 ind.", t_series,
        text("%.1fx the roll-up (CPU %.1fx)", t_series.best / t_rollup.best,
             t_series.cpu / t_rollup.cpu));
    row("  the same for all indicators, one by one", t_series_all, "");
    std::printf("  peak memory %.2f GiB (generated arrays, campaign, log and a roll-up), %.2f GiB "
                "with a series; totals check %s\n",
                peak, peak_series, ok ? "ok" : "FAILED");

    if (!json_path.empty()) {
        std::ofstream js(json_path);
        js << "{\n  \"scale\": " << opt.scale << ",\n  \"seed\": " << opt.seed
           << ",\n  \"units\": " << n_units << ",\n  \"households\": " << country.households
           << ",\n  \"records\": " << n_all << ",\n  \"records_45_days\": " << n_first
           << ",\n  \"read_bandwidth_gbs\": {\"one_thread\": " << bw1
           << ", \"two_threads\": " << bw2 << "},\n  \"seconds\": {\"generate\": " << t_generate
           << ", \"ingest\": " << t_ingest << ", \"ingest_cpu\": " << cpu_ingest
           << ", \"rollup\": " << t_rollup.best << ", \"rollup_cpu\": " << t_rollup.cpu
           << ", \"rollup_median\": " << t_rollup.median
           << ", \"derive_targets\": " << t_derive.best
           << ", \"rollup_recompute\": " << t_recompute.best
           << ", \"rollup_recompute_cpu\": " << t_recompute.cpu
           << ", \"rollup_after_day_recompute\": " << t_recompute_after.best
           << ", \"rollup_after_day_advance\": " << t_advance.best
           << ", \"rollup_after_day_advance_cpu\": " << t_advance.cpu
           << ", \"add_day_cpu\": " << t_add_day.cpu << ", \"rebuild_cpu\": " << t_rebuild_all.cpu
           << ", \"series_one_indicator\": " << t_series.best
           << ", \"series_all_indicators\": " << t_series_all.best
           << ", \"plain_scatter\": " << t_scatter.best << ", \"add_day\": " << t_add_day.best
           << ", \"rollup_after_day\": " << t_rollup_after.best << ", \"rebuild\": " << t_rebuild
           << ", \"bound_records_once\": " << bound
           << "},\n  \"ingest_records_per_s\": " << static_cast<double>(n_first) / t_ingest
           << ",\n  \"rollup_over_bound\": " << t_rollup.best / bound
           << ",\n  \"peak_rss_gib\": " << peak << ",\n  \"peak_rss_gib_series\": " << peak_series
           << ",\n  \"check\": " << (ok ? "true" : "false") << "\n}\n";
    }
    return ok ? 0 : 1;
}
