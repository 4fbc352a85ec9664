// The campaign store's writes (store.hpp): definitions and imports, each one transaction that
// checks against the cached campaign first and changes nothing when refused.
#pragma once

#include <ntmkit/store/store.hpp>

namespace ntmkit {

namespace detail {

/// A record already in the store, and the import that added it.
struct record_in_store {
    stored_record record;
    std::int64_t import_id = 0;
};

/// The records already stored under any of `ids`, a few hundred ids a query: a query per
/// record cost PostgreSQL a round trip each, which made a day's import crawl.
inline std::unordered_map<std::string, record_in_store>
records_in_store(const database& db, const std::vector<std::string>& ids) {
    constexpr std::size_t chunk = 500;
    std::unordered_map<std::string, record_in_store> found;
    auto query = [&db](std::size_t n) {
        std::string sql = "SELECT unit, indicator, done, reported, quantity, note, reporter, "
                          "supersedes, import_id, id FROM record WHERE id IN (";
        for (std::size_t k = 0; k < n; ++k)
            sql += k ? ", ?" : "?";
        return db.prepare(sql + ")");
    };
    std::optional<statement> full;
    for (std::size_t a = 0; a < ids.size(); a += chunk) {
        const std::size_t n = std::min(chunk, ids.size() - a);
        std::optional<statement> last;
        if (n == chunk && !full)
            full.emplace(query(chunk));
        auto& get = n == chunk ? *full : last.emplace(query(n));
        get.reset();
        for (std::size_t k = 0; k < n; ++k)
            get.bind(static_cast<int>(k + 1), ids[a + k]);
        while (get.step()) {
            auto id = get.text(9);
            found.emplace(id,
                          record_in_store{{id, get.text(0), get.text(1), get.text(2), get.text(3),
                                           get.real(4), get.text(5), get.text(6), get.text(7)},
                                          get.integer(8)});
        }
    }
    return found;
}

/// A 64-bit digest of columns, eight bytes at a time (fast enough for a million records a day).
struct column_digest {
    std::uint64_t h = 0xcbf29ce484222325ull;
    void add(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t w;
            std::memcpy(&w, b + i, 8);
            h = (h ^ w) * 0x100000001b3ull;
            h ^= h >> 29;
        }
        fnv1a(h, b + i, n - i);
    }
};

/// "<count> records conflict with the store (nothing imported); <advice>", then `lines`.
inline std::string conflict_message(std::size_t count, const std::vector<std::string>& lines,
                                    const char* one = "record", const char* many = "records",
                                    const char* advice = "correct a record with a new one that "
                                                         "supersedes it") {
    std::string m = std::to_string(count) + " " + (count == 1 ? one : many) +
                    (count == 1 ? " conflicts" : " conflict") +
                    " with the store (nothing imported); " + advice;
    for (const auto& l : lines)
        m += "\n  " + l;
    if (count > lines.size())
        m += "\n  … and " + std::to_string(count - lines.size()) + " more";
    return m;
}

} // namespace detail

inline int store::define(const ntmkit::campaign& c, const std::string& note) {
    // The bytes say whether anything changed; the JSON is kept too while it is small enough
    // (store_options), a national one would not fit a database value.
    const auto bytes = to_bytes(c, true);
    const bool keep_json = bytes.size() <= options_.definition_json_limit;
    auto j = nlohmann::ordered_json::object();
    if (keep_json) {
        to_json(j, c);
        j.erase("progress");
        j.erase("submissions");
    } else {
        detail::write_themes_and_drives(j, c);
    }
    std::vector<std::string> themes; // a row each, whatever the definition's size
    for (const auto& t : j.value("themes", nlohmann::ordered_json::array()))
        themes.push_back(t.dump());
    j.erase("themes");
    const auto text = keep_json ? std::optional<std::string>(j.dump(2)) : std::nullopt;

    detail::write_transaction tx(db_);
    const int latest = latest_version();
    if (latest > 0 && definition_bytes(latest) == bytes)
        return latest;
    const int version = latest + 1;
    auto ins_definition = db_.prepare(
        "INSERT INTO definition (version, stored, note, json, bytes) VALUES (?, ?, ?, ?, ?)");
    ins_definition.bind(1, version).bind(2, detail::utc_now()).bind(3, note);
    if (text)
        ins_definition.bind(4, *text);
    else
        ins_definition.bind_null(4);
    ins_definition.bind_blob(5, bytes.data(), bytes.size()).step();
    auto ins = db_.prepare("INSERT INTO theme VALUES (?, ?, ?, ?)");
    for (std::size_t k = 0; k < themes.size(); ++k) {
        ins.reset();
        ins.bind(1, version)
            .bind(2, k)
            .bind(3, nlohmann::json::parse(themes[k]).at("id").get<std::string>())
            .bind(4, themes[k])
            .step();
    }
    try {
        load(version); // every stored record and submission must fit the new definition
    } catch (const error& e) {
        throw validation_error("definition version " + std::to_string(version),
                               "the records already stored do not fit it: " +
                                   std::string(e.what()));
    }
    cache_.reset();
    tx.commit();
    return version;
}

inline import_result store::import_campaign(const ntmkit::campaign& c, const std::string& source) {
    define(c, "from " + source);
    const auto& log = c.progress();
    const auto first = c.window().first();
    std::vector<progress_record> records(log.size());
    for (std::size_t k = 0; k < log.size(); ++k) {
        auto& r = records[k];
        const auto at = static_cast<record_index>(k);
        r.id = source + ":" + std::to_string(k);
        r.unit = std::string(c.units().id(log.units()[k]));
        r.indicator = c.indicator_of(log.indicators()[k]).id;
        r.done = first + boost::gregorian::days(log.done_days()[k]);
        r.reported = first + boost::gregorian::days(log.reported_days()[k]);
        r.quantity = log.quantities()[k];
        r.note = std::string(log.note(at));
        r.reporter = std::string(log.reporter(at));
        if (log.supersedes(at) != no_record)
            r.supersedes_id = source + ":" + std::to_string(log.supersedes(at));
    }
    auto result = import_progress(records, source);
    std::vector<submission_record> subs;
    for (const auto& s : c.submissions().items())
        subs.push_back(
            {std::string(c.units().id(s.unit)), s.report_date, s.submitted, s.reporter, s.note});
    const auto more = import_submissions(subs, source);
    result.read += more.read;
    result.added += more.added;
    result.skipped += more.skipped;
    return result;
}

inline import_result store::import_progress(const std::vector<progress_record>& records,
                                            const std::string& source,
                                            std::vector<std::size_t> rows,
                                            const record_locator& where) {
    for (std::size_t i = rows.size(); i < records.size(); ++i)
        rows.push_back(i + 1);
    detail::write_transaction tx(db_);
    // A record number counts over the store's order: check against a fresh load.
    if (std::any_of(records.begin(), records.end(), [](auto& r) { return r.supersedes; }))
        cache_.reset();
    auto& l = current();
    const auto before = l.camp.progress().size();
    std::vector<std::string> id_at; // record number → id, only for corrections by number
    if (std::any_of(records.begin(), records.end(), [](auto& r) { return r.supersedes; })) {
        id_at.resize(before);
        for (const auto& [id, at] : l.ids)
            id_at[static_cast<std::size_t>(at.first)] = id;
        for (const auto& [src, b] : l.blocks)
            for (std::size_t k = 0; k < b.second; ++k)
                id_at[static_cast<std::size_t>(b.first) + k] = src + "#" + std::to_string(k);
    }

    import_result result;
    result.read = records.size();
    std::vector<detail::stored_record> stored(records.size());
    std::unordered_map<std::string, std::size_t> in_batch;
    std::vector<long long> fresh_pos(records.size(), -1);
    std::vector<int> depth(records.size(), 0);
    std::vector<resolved_record> fresh;
    std::vector<std::size_t> fresh_at;
    std::vector<std::string> conflicts;
    std::size_t conflict_count = 0;
    std::vector<std::string> ids(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        ids[i] = records[i].id.empty() ? source + ":" + std::to_string(rows[i]) : records[i].id;
    const auto already = detail::records_in_store(db_, ids);
    for (std::size_t i = 0; i < records.size(); ++i) {
        auto plain = records[i];
        plain.supersedes.reset();
        plain.supersedes_id.clear();
        auto rr = l.camp.resolve(plain, i, where);
        auto& s = stored[i];
        s.id = std::move(ids[i]);
        if (!in_batch.emplace(s.id, i).second)
            throw validation_error(where(i, "id"),
                                   "id \"" + s.id + "\" is used twice in this import");
        const auto first = l.camp.window().first();
        s.unit = std::string(l.camp.units().id(rr.unit));
        s.indicator = l.camp.indicator_of(rr.indicator).id;
        s.done = format_date_iso(first + boost::gregorian::days(rr.done));
        s.reported = format_date_iso(first + boost::gregorian::days(rr.reported));
        s.quantity = rr.quantity;
        s.note = rr.note;
        s.reporter = rr.reporter;
        s.supersedes = records[i].supersedes_id;
        if (auto n = records[i].supersedes) {
            const auto k = static_cast<std::size_t>(*n);
            if (*n >= 0 && k < before)
                s.supersedes = id_at[k];
            else if (*n >= 0 && k - before < i)
                s.supersedes = stored[k - before].id;
            else
                throw validation_error(where(i, "supersedes"),
                                       "record " + std::to_string(*n) +
                                           " does not exist before this one");
        }
        if (auto it = already.find(s.id); it != already.end()) {
            const auto& old = it->second.record;
            if (old.same_figures(s)) {
                ++result.skipped;
                continue;
            }
            if (++conflict_count <= 10)
                conflicts.push_back(s.id + ": already in the store as " + old.describe() +
                                    " (import " + std::to_string(it->second.import_id) +
                                    "), this import has " + s.describe());
            continue;
        }
        if (l.find(s.id)) {
            if (++conflict_count <= 10)
                conflicts.push_back(s.id + ": the id of a record of a bulk import");
            continue;
        }
        if (!s.supersedes.empty()) {
            auto b = in_batch.find(s.supersedes);
            if (auto t = l.find(s.supersedes)) {
                rr.supersedes = t->first;
                depth[i] = t->second + 1;
            } else if (b != in_batch.end() && b->second < i && fresh_pos[b->second] >= 0) {
                rr.supersedes = static_cast<record_index>(before) +
                                static_cast<record_index>(fresh_pos[b->second]);
                depth[i] = depth[b->second] + 1;
            } else {
                throw validation_error(where(i, "supersedes"),
                                       "no record \"" + s.supersedes +
                                           "\" in the store or earlier in this import");
            }
        }
        fresh_pos[i] = static_cast<long long>(fresh.size());
        fresh.push_back(std::move(rr));
        fresh_at.push_back(i);
    }
    if (conflict_count > 0)
        throw store_conflict(source, detail::conflict_message(conflict_count, conflicts));
    if (fresh.empty())
        return result;
    // Checks the whole batch against everything stored; a refusal leaves the cache as it was.
    l.camp.add_progress(
        fresh, [&](std::size_t k, std::string_view field) { return where(fresh_at[k], field); });
    try {
        result.added = fresh.size();
        result.import_id = record_import(source, "progress", result.read, result.added);
        auto ins = db_.prepare("INSERT INTO record VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t k = 0; k < fresh_at.size(); ++k) {
            const auto i = fresh_at[k];
            const auto& s = stored[i];
            ins.reset();
            ins.bind(1, s.id)
                .bind(2, source)
                .bind(3, rows[i])
                .bind(4, depth[i])
                .bind(5, result.import_id)
                .bind(6, s.unit)
                .bind(7, s.indicator)
                .bind(8, s.done)
                .bind(9, s.reported)
                .bind(10, s.quantity)
                .bind(11, s.note)
                .bind(12, s.reporter);
            if (s.supersedes.empty())
                ins.bind_null(13);
            else
                ins.bind(13, s.supersedes);
            ins.step();
            l.ids.emplace(s.id, std::pair(static_cast<record_index>(before + k), depth[i]));
        }
        commit(tx);
    } catch (...) {
        cache_.reset(); // it holds records the store does not
        throw;
    }
    return result;
}

inline import_result store::import_csv(std::string_view text, const std::string& source) {
    const auto rows = detail::read_csv(text, source);
    const int latest = latest_version();
    if (latest == 0)
        throw store_error(path(), "the store holds no campaign yet; define one first");
    // Dates without a year are in the campaign's first year.
    const auto year = definition(latest).window().first().year();
    auto records = detail::progress_records_of(rows, year, source);
    std::vector<std::size_t> lines;
    for (std::size_t r = 1; r < rows.size(); ++r)
        lines.push_back(rows[r].line);
    return import_progress(records, source, lines, [&](std::size_t i, std::string_view field) {
        return source + " row " + std::to_string(lines[i]) + ", column " + std::string(field);
    });
}

template <class U, class I, class D, class R, class Q>
import_result store::import_columns(const std::string& source, std::size_t n, const U* unit,
                                    const I* indicator, const D* done, const R* reported,
                                    const Q* quantity) {
    // The blobs' fixed widths; a value that does not fit is refused before it could wrap.
    std::vector<std::int32_t> u(n);
    std::vector<std::uint8_t> k(n);
    std::vector<std::int16_t> d(n), rp(n);
    std::vector<double> q(quantity, quantity + n);
    auto narrow = [&](auto v, auto& out, std::size_t i, const char* field) {
        using T = std::decay_t<decltype(out)>;
        const auto x = static_cast<long long>(v);
        if (x < 0 || x > static_cast<long long>(std::numeric_limits<T>::max()))
            throw validation_error(default_record_locator(i, field),
                                   "out of range: " + std::to_string(x));
        out = static_cast<T>(x);
    };
    for (std::size_t i = 0; i < n; ++i) {
        narrow(unit[i], u[i], i, "unit");
        narrow(indicator[i], k[i], i, "indicator");
        narrow(done[i], d[i], i, "date");
        narrow(reported ? reported[i] : done[i], rp[i], i, "reported");
    }
    detail::column_digest dg;
    dg.add(u.data(), 4 * n);
    dg.add(k.data(), n);
    dg.add(d.data(), 2 * n);
    dg.add(rp.data(), 2 * n);
    dg.add(q.data(), 8 * n);
    const auto digest = detail::hex64(dg.h);

    detail::write_transaction tx(db_);
    auto& l = current();
    import_result result;
    result.read = n;
    auto have = db_.prepare("SELECT sum(count), min(digest) FROM block WHERE source = ?");
    have.bind(1, source).step();
    if (!have.is_null(0)) {
        const auto count = static_cast<std::size_t>(have.integer(0));
        if (count == n && have.text(1) == digest) {
            result.skipped = n;
            return result;
        }
        throw store_conflict(source, "the store already holds " + std::to_string(count) +
                                         " records from this source (digest " + have.text(1) +
                                         "); this import has " + std::to_string(n) + " (digest " +
                                         digest +
                                         "): nothing imported; import new records under a new "
                                         "source name");
    }
    l.camp.add_progress_columns(n, u.data(), k.data(), d.data(), rp.data(), q.data());
    try {
        result.added = n;
        result.import_id = record_import(source, "columns", n, n);
        auto ins = db_.prepare("INSERT INTO block VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        constexpr std::size_t chunk = std::size_t{1} << 20;
        for (std::size_t at = 0, c = 0; at < n; at += chunk, ++c) {
            const auto m = std::min(chunk, n - at);
            ins.reset();
            ins.bind(1, source)
                .bind(2, c)
                .bind(3, at)
                .bind(4, m)
                .bind(5, l.version)
                .bind(6, digest)
                .bind(7, result.import_id)
                .bind_blob(8, u.data() + at, m * 4)
                .bind_blob(9, k.data() + at, m)
                .bind_blob(10, d.data() + at, m * 2)
                .bind_blob(11, rp.data() + at, m * 2)
                .bind_blob(12, q.data() + at, m * 8)
                .step();
        }
        auto& entry = l.blocks[source];
        entry = {static_cast<record_index>(l.camp.progress().size() - n), n};
        commit(tx);
    } catch (...) {
        cache_.reset();
        throw;
    }
    return result;
}

inline import_result store::import_submissions(const std::vector<submission_record>& records,
                                               const std::string& source,
                                               const record_locator& where) {
    detail::write_transaction tx(db_);
    auto& l = current();
    import_result result;
    result.read = records.size();
    std::vector<submission_record> fresh;
    std::vector<std::size_t> fresh_at;
    std::vector<std::string> keys, conflicts;
    std::size_t conflict_count = 0;
    std::map<std::string, std::size_t> in_batch;
    auto get = db_.prepare("SELECT reporter, note FROM submission WHERE id = ?");
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        const auto u = l.camp.units().resolve(r.unit, where(i, "unit"));
        if (r.period.is_special() || r.submitted.is_special())
            throw validation_error(where(i, "period"), "a submission needs its period and day");
        auto key = std::string(l.camp.units().id(u)) + "|" + format_date_iso(r.period) + "|" +
                   format_date_iso(r.submitted);
        get.reset();
        get.bind(1, key);
        std::optional<std::pair<std::string, std::string>> old;
        if (get.step())
            old.emplace(get.text(0), get.text(1));
        else if (auto b = in_batch.find(key); b != in_batch.end())
            old.emplace(records[b->second].reporter, records[b->second].note);
        if (old && *old == std::pair(r.reporter, r.note)) {
            ++result.skipped;
            continue;
        }
        if (old) {
            if (++conflict_count <= 10)
                conflicts.push_back(
                    std::string(l.camp.units().id(u)) + ", period " + format_date_vi(r.period) +
                    ", received " + format_date_vi(r.submitted) + ": reporter \"" + old->first +
                    "\", note \"" + old->second + "\" in the store; this import has reporter \"" +
                    r.reporter + "\", note \"" + r.note + "\"");
            continue;
        }
        in_batch.emplace(key, i);
        keys.push_back(key);
        fresh.push_back(r);
        fresh.back().unit = std::string(l.camp.units().id(u));
        fresh_at.push_back(i);
    }
    if (conflict_count > 0)
        throw store_conflict(source,
                             detail::conflict_message(
                                 conflict_count, conflicts, "report received", "reports received",
                                 "a unit's report of a period received on a day is kept once, "
                                 "with the reporter and note it was first stored with"));
    if (fresh.empty())
        return result;
    l.camp.add_submissions(
        fresh, [&](std::size_t k, std::string_view field) { return where(fresh_at[k], field); });
    try {
        result.added = fresh.size();
        result.import_id = record_import(source, "submissions", result.read, result.added);
        auto ins = db_.prepare("INSERT INTO submission VALUES (?, ?, ?, ?, ?, ?, ?)");
        for (std::size_t k = 0; k < fresh.size(); ++k) {
            ins.reset();
            ins.bind(1, keys[k])
                .bind(2, result.import_id)
                .bind(3, fresh[k].unit)
                .bind(4, format_date_iso(fresh[k].period))
                .bind(5, format_date_iso(fresh[k].submitted))
                .bind(6, fresh[k].reporter)
                .bind(7, fresh[k].note)
                .step();
        }
        commit(tx);
    } catch (...) {
        cache_.reset();
        throw;
    }
    return result;
}

inline void store::save_evaluation(const std::string& id, const std::string& unit, date as_of,
                                   const evaluation& e) {
    nlohmann::json j;
    to_json(j, e);
    const auto text = j.dump();
    detail::write_transaction tx(db_);
    auto get = db_.prepare("SELECT json FROM evaluation WHERE id = ?");
    get.bind(1, id);
    if (get.step()) {
        if (get.text(0) == text)
            return;
        throw store_conflict("evaluation " + id, "the store holds another result under this id");
    }
    db_.prepare("INSERT INTO evaluation VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, unit)
        .bind(3, e.set_id)
        .bind(4, e.variant)
        .bind(5, format_date_iso(as_of))
        .bind(6, text)
        .bind(7, detail::utc_now())
        .step();
    tx.commit();
}

inline std::vector<stored_evaluation> store::evaluations() const {
    std::vector<stored_evaluation> out;
    auto s =
        db_.prepare("SELECT id, unit, set_id, variant, as_of, json FROM evaluation ORDER BY id");
    while (s.step())
        out.push_back(
            {s.text(0), s.text(1), s.text(2), s.text(3), parse_date(s.text(4)), s.text(5)});
    return out;
}

} // namespace ntmkit
