// A campaign store (docs/store.md): one SQLite file (or one schema of a PostgreSQL database,
// postgres.hpp) keeps the campaign's definition in versions, its progress records under stable
// ids, submissions and criteria evaluations. Every import is one transaction: after a crash the
// store holds all of it or none. Opening a store gives the same `campaign` the rest of the
// library uses. The logic here is the same for both backends (connection.hpp).
//
// Link ntmkit::store (it needs SQLite 3); the header-only core does not.
#pragma once

#include <ntmkit/campaign.hpp>
#include <ntmkit/campaign_bytes.hpp>
#include <ntmkit/csv.hpp>
#include <ntmkit/evaluation.hpp>
#include <ntmkit/json.hpp>
#include <ntmkit/store/detail/records.hpp>
#include <ntmkit/store/schema.hpp>
#include <ntmkit/store/sqlite.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <future>
#include <map>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ntmkit {

/// An import that contradicts what the store holds (same id, other figures): nothing added.
class store_conflict : public store_error {
public:
    using store_error::store_error;
};

struct import_result {
    std::int64_t import_id = 0; ///< 0 when nothing was new (no import recorded)
    std::size_t read = 0;       ///< records (or submissions) in the input
    std::size_t added = 0;      ///< new ones stored
    std::size_t skipped = 0;    ///< already in the store with the same figures
};

struct definition_version {
    int version = 0;
    std::string stored; ///< UTC, ISO 8601
    std::string note;
};

/// How a store keeps things; the defaults suit a campaign of any size.
struct store_options {
    /// A definition is also kept as JSON (readable with any SQL client) when its compact bytes
    /// (campaign_bytes.hpp) are at most this size, else as bytes only: a national definition's
    /// JSON (~1.6 GB, ~23 times its bytes) is over the 1 GB a SQLite or PostgreSQL value holds.
    std::size_t definition_json_limit = std::size_t(4) << 20;
    /// Create the store when it is missing (the file, the PostgreSQL schema, the tables).
    /// False: a store must be there, else a store_error says "no such store" and nothing is
    /// created; for tools that only read one, so that a mistyped name leaves nothing behind.
    bool create = true;
};

/// An import the store recorded (its `import` table). An import that added nothing (a file
/// imported again unchanged) or was refused leaves none.
struct stored_import {
    std::int64_t id = 0;   ///< 1, 2, … in the order imports were made (import_result::import_id)
    std::string source;    ///< the source given to the import (a file's name, `campaign`)
    std::string kind;      ///< "progress", "columns" (bulk) or "submissions"
    std::string stored;    ///< when, UTC, ISO 8601
    std::size_t read = 0;  ///< records (or submissions) in its input
    std::size_t added = 0; ///< of them new; the others were already stored with the same figures
};

struct stored_evaluation {
    std::string id, unit, set_id, variant;
    date as_of;
    std::string json; ///< the evaluation as to_json(evaluation) writes it
};

namespace detail {

/// Brings the store's schema up to `target` (store_schema::version unless testing history) in
/// one transaction; refuses a store written with a newer schema.
inline void migrate_store(database& db, int target = store_schema::version) {
    write_transaction tx(db);
    int have = 0;
    if (db.table_count("meta") > 0) {
        auto format = db.prepare("SELECT value FROM meta WHERE key = 'format'");
        if (!format.step() || format.text(0) != "ntmkit-store")
            throw store_error(db.path(), "not an ntmkit campaign store");
        auto v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
        have = v.step() ? std::stoi(v.text(0)) : 0;
    } else if (db.table_count() > 0) {
        throw store_error(db.path(), "not an ntmkit campaign store (it has other tables)");
    }
    if (have > store_schema::version)
        throw store_error(db.path(), "written with store schema " + std::to_string(have) +
                                         ", this ntmkit reads schema " +
                                         std::to_string(store_schema::version) +
                                         " or older; upgrade ntmkit");
    if (have >= target)
        return;
    for (int k = have + 1; k <= target; ++k)
        db.exec(store_schema::migrations[static_cast<std::size_t>(k - 1)]);
    db.exec("DELETE FROM meta WHERE key = 'schema_version'");
    db.prepare("INSERT INTO meta VALUES ('schema_version', ?)")
        .bind(1, std::to_string(target))
        .step();
    tx.commit();
}

} // namespace detail

class store {
public:
    /// Opens the store in `path` (a SQLite file, or a `postgresql://` URL when postgres.hpp is
    /// included), creating it when missing and migrating an older schema.
    static store open(const std::string& path, store_options o = {}) {
        return store(detail::database(path, o.create), o);
    }
    /// Opens the store on a connection of one's own (postgres.hpp's open_postgres).
    static store open(detail::database db, store_options o = {}) { return store(std::move(db), o); }

    const std::string& path() const { return db_.path(); }
    int schema_version() const {
        auto s = db_.prepare("SELECT value FROM meta WHERE key = 'schema_version'");
        s.step();
        return std::stoi(s.text(0));
    }

    /// Stores the campaign's definition (window, schedule, units, indicators, targets, themed
    /// weeks; not its progress or submissions) as a new version when it differs from the
    /// latest; returns the version that holds it. Refused when the records already stored do
    /// not fit it.
    int define(const ntmkit::campaign& c, const std::string& note = "");
    /// define(), then the campaign's progress (ids `<source>:<k>`, k its record number) and
    /// submissions, each import as import_progress / import_submissions do.
    import_result import_campaign(const ntmkit::campaign& c, const std::string& source);
    std::vector<definition_version> versions() const;
    /// Every import that added something, oldest first: what came in from where, and when.
    std::vector<stored_import> imports() const;

    /// The campaign of a definition version (default: the latest) with every record and
    /// submission stored, in the store's order (bulk blocks by source, then records by
    /// correction depth, source and row): the same whatever order things were imported in.
    ntmkit::campaign campaign(std::optional<int> version = std::nullopt) const {
        detail::read_transaction tx(db_); // one state, even while another process writes
        return load(version).camp;
    }

    /// Imports progress records as one transaction. A record's id is its own `id`, else
    /// `<source>:<row>` with rows[i] (default i + 1). See docs/store.md for what is skipped,
    /// added or refused.
    import_result import_progress(const std::vector<progress_record>& records,
                                  const std::string& source, std::vector<std::size_t> rows = {},
                                  const record_locator& where = default_record_locator);
    /// A progress CSV (docs/format.md) as one import; rows are the spreadsheet's.
    import_result import_csv(std::string_view text, const std::string& source);
    /// Bulk records as columns (campaign::add_progress_columns), ids `<source>#<k>`: a source
    /// imported again with the same records adds nothing, with other records is refused.
    template <class U, class I, class D, class R, class Q>
    import_result import_columns(const std::string& source, std::size_t n, const U* unit,
                                 const I* indicator, const D* done, const R* reported,
                                 const Q* quantity);
    /// Submissions, keyed by (unit, period, day received).
    import_result import_submissions(const std::vector<submission_record>& records,
                                     const std::string& source,
                                     const record_locator& where = default_submission_locator);

    /// Keeps a criteria evaluation of `unit` as of a day under `id`; the same id again with
    /// the same result is a no-op, with another result a store_conflict.
    void save_evaluation(const std::string& id, const std::string& unit, date as_of,
                         const evaluation& e);
    std::vector<stored_evaluation> evaluations() const;

    /// Copies everything this store holds into `target` (a commune's store into its schema on
    /// the district's PostgreSQL server): definition versions under their numbers, then bulk
    /// blocks, imports of records and of submissions in the order they were made, under the
    /// same ids and through target's own checks, and evaluations. Copying again adds nothing;
    /// a target holding other figures under the same ids or versions refuses it
    /// (store_conflict), each import as one transaction.
    import_result copy_to(store& target) const;

private:
    store(detail::database db, store_options o) : db_(std::move(db)), options_(o) {
        if (!o.create && db_.table_count("meta") == 0)
            throw store_error(db_.path(), "no such store (nothing has been stored here)");
        detail::migrate_store(db_);
    }

    /// A campaign as loaded, with where each id sits in it (index, correction depth).
    struct loaded {
        ntmkit::campaign camp;
        int version = 0;
        std::unordered_map<std::string, std::pair<record_index, int>> ids;
        std::map<std::string, std::pair<record_index, std::size_t>> blocks; // first, count
        std::optional<std::pair<record_index, int>> find(const std::string& id) const;
    };
    loaded load(std::optional<int> version) const;
    int latest_version() const;
    ntmkit::campaign definition(int version) const;
    /// The version's compact bytes (made from its JSON for a version stored before schema 3);
    /// empty when there is no such version. Equal bytes: the same definition.
    std::string definition_bytes(int version) const;
    std::size_t block_records() const;
    void load_blocks(loaded& l, progress_log::columns columns) const;
    /// The cache of the latest campaign that imports check against, current inside a write
    /// transaction (reloaded when another connection committed or the definition changed).
    loaded& current();
    std::int64_t record_import(const std::string& source, const char* kind, std::size_t read,
                               std::size_t added);
    /// Commits an import whose records the cache already holds: the cache stays current.
    void commit(detail::write_transaction& tx) {
        cache_data_version_ = db_.data_version(); // still under the write lock
        tx.commit();
    }

    detail::database db_;
    store_options options_;
    std::optional<loaded> cache_;
    std::int64_t cache_data_version_ = -1;
};

// ---------------------------------------------------------------------------------------------

inline std::optional<std::pair<record_index, int>>
store::loaded::find(const std::string& id) const {
    if (auto it = ids.find(id); it != ids.end())
        return it->second;
    const auto hash = id.rfind('#');
    if (hash == std::string::npos)
        return std::nullopt;
    auto b = blocks.find(id.substr(0, hash));
    const auto k = id.substr(hash + 1);
    if (b == blocks.end() || k.empty() || k.size() > 18 ||
        !std::all_of(k.begin(), k.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        return std::nullopt;
    const auto at = std::stoull(k);
    if (at >= b->second.second)
        return std::nullopt;
    return std::pair(b->second.first + static_cast<record_index>(at), 0);
}

inline int store::latest_version() const {
    auto s = db_.prepare("SELECT max(version) FROM definition");
    s.step();
    return s.is_null(0) ? 0 : static_cast<int>(s.integer(0));
}

inline ntmkit::campaign store::definition(int version) const {
    auto s = db_.prepare("SELECT json, bytes FROM definition WHERE version = ?");
    s.bind(1, version);
    if (!s.step())
        throw store_error(path(), "no definition version " + std::to_string(version));
    // The compact bytes (schema 3) read many times faster than the JSON; versions stored
    // before schema 3 have only the JSON, large ones since schema 4 only the bytes. Both hold
    // the same definition, themes included.
    if (!s.is_null(1))
        return campaign_from_bytes(s.blob(1));
    if (s.is_null(0))
        throw store_error(path(), "definition version " + std::to_string(version) +
                                      " has neither JSON nor bytes");
    auto j = nlohmann::json::parse(s.text(0));
    auto t = db_.prepare("SELECT json FROM theme WHERE version = ? ORDER BY position");
    t.bind(1, version);
    while (t.step())
        j["themes"].push_back(nlohmann::json::parse(t.text(0)));
    return campaign_from_json(j);
}

inline std::string store::definition_bytes(int version) const {
    auto s = db_.prepare("SELECT bytes FROM definition WHERE version = ?");
    s.bind(1, version);
    if (!s.step())
        return {};
    return s.is_null(0) ? to_bytes(definition(version), true) : s.blob(0);
}

inline std::vector<definition_version> store::versions() const {
    std::vector<definition_version> out;
    auto s = db_.prepare("SELECT version, stored, note FROM definition ORDER BY version");
    while (s.step())
        out.push_back({static_cast<int>(s.integer(0)), s.text(1), s.text(2)});
    return out;
}

inline std::vector<stored_import> store::imports() const {
    std::vector<stored_import> out;
    auto s = db_.prepare("SELECT id, source, kind, at, read, added FROM import ORDER BY id");
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3),
                       static_cast<std::size_t>(s.integer(4)),
                       static_cast<std::size_t>(s.integer(5))});
    return out;
}

/// Records held in blocks (bulk imports), all definition versions together.
inline std::size_t store::block_records() const {
    auto total = db_.prepare("SELECT coalesce(sum(count), 0) FROM block");
    total.step();
    return static_cast<std::size_t>(total.integer(0));
}

namespace detail {

/// Record columns for n records, faulted in (std::vector zero-fills them), with the room for a
/// quarter more that the log keeps so that the next days' imports append in place.
inline progress_log::columns fresh_record_columns(std::size_t n) {
    progress_log::columns columns;
    auto fresh = [n](auto& column) { // 2 MiB pages: fresh memory faults in far faster here
        detail::reserve_huge(column, n + n / 4);
        column.resize(n);
    };
    fresh(columns.unit);
    fresh(columns.indicator);
    fresh(columns.done);
    fresh(columns.reported);
    fresh(columns.quantity);
    return columns;
}

} // namespace detail

/// `columns`: detail::fresh_record_columns(block_records()), which the campaign takes as they are.
inline void store::load_blocks(loaded& l, progress_log::columns columns) const {
    // Blocks keep indices of the version they were imported under: map them by id otherwise.
    std::map<int, std::vector<unit_index>> unit_map;
    std::map<int, std::vector<indicator_index>> indicator_map;
    std::map<int, std::int32_t> day_shift;
    auto mapping = [&](int v) {
        if (v == l.version || unit_map.count(v))
            return;
        const auto other = definition(v);
        auto& um = unit_map[v];
        for (std::size_t u = 0; u < other.units().size(); ++u) {
            auto found = l.camp.units().find(other.units().id(static_cast<unit_index>(u)));
            um.push_back(found ? *found : no_unit);
        }
        auto& im = indicator_map[v];
        for (const auto& ind : other.indicators())
            im.push_back(l.camp.find_indicator(ind.id).value_or(-1));
        day_shift[v] =
            static_cast<std::int32_t>((other.window().first() - l.camp.window().first()).days());
    };
    // Every block goes into one set of columns, added at once: one validation pass, one
    // household-capacity check and one scan layout for the whole store instead of one per
    // block (a national store holds ~50 blocks). The capacity check stays: the blocks were
    // checked when imported, but a definition version or a hand-edited file may differ.
    const auto n = columns.unit.size();
    if (n == 0)
        return;
    auto* unit = columns.unit.data();
    auto* indicator = columns.indicator.data();
    auto* done = columns.done.data();
    auto* reported = columns.reported.data();
    auto* quantity = columns.quantity.data();
    struct block_start {
        std::size_t at, first;
        std::string source;
    };
    std::vector<block_start> starts;
    auto where = [&](std::size_t i, std::string_view field) {
        const auto b = std::prev(std::upper_bound(starts.begin(), starts.end(), i,
                                                  [](std::size_t k, auto& s) { return k < s.at; }));
        return "record " + b->source + "#" + std::to_string(b->first + i - b->at) + ", field " +
               std::string(field);
    };
    const auto base = static_cast<record_index>(l.camp.progress().size());
    std::vector<std::int32_t> u32;
    std::vector<std::uint8_t> u8;
    std::vector<std::int16_t> d16, r16; // a block of another definition version, to map
    auto s = db_.prepare(
        "SELECT chunk, source, first, count, version FROM block ORDER BY source, chunk");
    std::size_t at = 0;
    while (s.step()) {
        const auto chunk = s.integer(0);
        const auto m = static_cast<std::size_t>(s.integer(3));
        const int v = static_cast<int>(s.integer(4));
        if (m > n - at)
            throw store_error(path(), "block counts do not add up");
        starts.push_back({at, static_cast<std::size_t>(s.integer(2)), s.text(1)});
        auto& entry = l.blocks[starts.back().source];
        if (entry.second == 0)
            entry.first = base + static_cast<record_index>(at);
        entry.second += m;
        const auto& source = starts.back().source;
        const auto offset = static_cast<std::ptrdiff_t>(at);
        detail::read_blob(db_, source, chunk, "quantity", quantity + offset, m);
        if (v == l.version) { // straight into the columns, no copy
            detail::read_blob(db_, source, chunk, "unit", unit + offset, m);
            detail::read_blob(db_, source, chunk, "indicator", indicator + offset, m);
            detail::read_blob(db_, source, chunk, "done", done + offset, m);
            detail::read_blob(db_, source, chunk, "reported", reported + offset, m);
            at += m;
            continue;
        }
        u32.resize(m);
        u8.resize(m);
        d16.resize(m);
        r16.resize(m);
        detail::read_blob(db_, source, chunk, "unit", u32);
        detail::read_blob(db_, source, chunk, "indicator", u8);
        detail::read_blob(db_, source, chunk, "done", d16);
        detail::read_blob(db_, source, chunk, "reported", r16);
        mapping(v);
        // A day outside int16 after the shift is outside any window: -1 is refused as such.
        auto shift = [&](std::int16_t d) {
            const auto x = static_cast<std::int32_t>(d) + day_shift[v];
            return static_cast<std::int16_t>(x < 0 || x > 32767 ? -1 : x);
        };
        for (std::size_t k = 0; k < m; ++k, ++at) {
            unit[at] = unit_map[v].at(static_cast<std::size_t>(u32[k]));
            const auto ind = indicator_map[v].at(u8[k]);
            if (ind < 0)
                throw validation_error(where(at, "indicator"),
                                       "its indicator is not in definition version " +
                                           std::to_string(l.version));
            indicator[at] = static_cast<std::uint8_t>(ind);
            done[at] = shift(d16[k]);
            reported[at] = shift(r16[k]);
        }
    }
    if (at != n)
        throw store_error(path(), "block counts do not add up");
    l.camp.take_progress_columns(std::move(columns), where);
}

inline store::loaded store::load(std::optional<int> version) const {
    loaded l;
    l.version = version.value_or(latest_version());
    if (l.version == 0)
        throw store_error(path(), "the store holds no campaign yet; define one first");
    // Fresh memory is dear on some machines (~0.85 GB of columns at national size): it faults
    // in on another core while this one reads the definition. The database stays on this one.
    auto columns = std::async(std::launch::async, detail::fresh_record_columns, block_records());
    l.camp = definition(l.version);
    load_blocks(l, columns.get());

    auto s = db_.prepare(std::string("SELECT ") + detail::record_row_columns +
                         ", depth FROM record ORDER BY depth, source, row");
    std::vector<progress_record> records;
    std::vector<std::string> ids;
    const auto base = static_cast<record_index>(l.camp.progress().size());
    while (s.step()) {
        auto r = detail::read_record_row(s);
        ids.push_back(std::move(r.id));
        r.id.clear();
        if (!r.supersedes_id.empty()) { // a correction: of the record at that id's index
            auto target = l.find(r.supersedes_id);
            if (!target)
                throw store_error(path(), "record " + ids.back() + " corrects " + r.supersedes_id +
                                              ", which the store does not hold");
            r.supersedes = target->first;
            r.supersedes_id.clear();
        }
        const int depth = static_cast<int>(s.integer(9));
        l.ids.emplace(ids.back(),
                      std::pair(base + static_cast<record_index>(records.size()), depth));
        records.push_back(std::move(r));
    }
    l.camp.add_progress(records, [&](std::size_t i, std::string_view field) {
        return "record " + ids[i] + ", field " + std::string(field);
    });

    std::vector<submission_record> subs;
    auto q = db_.prepare("SELECT unit, period, submitted, reporter, note FROM submission "
                         "ORDER BY id");
    while (q.step())
        subs.push_back(
            {q.text(0), parse_date(q.text(1)), parse_date(q.text(2)), q.text(3), q.text(4)});
    l.camp.add_submissions(subs);
    return l;
}

inline store::loaded& store::current() {
    const auto dv = db_.data_version();
    if (!cache_ || dv != cache_data_version_ || cache_->version != latest_version()) {
        cache_.reset();
        cache_ = load(std::nullopt);
        cache_data_version_ = dv;
    }
    return *cache_;
}

inline std::int64_t store::record_import(const std::string& source, const char* kind,
                                         std::size_t read, std::size_t added) {
    // Under the write lock, so no other writer takes the same number.
    auto last = db_.prepare("SELECT coalesce(max(id), 0) FROM import");
    last.step();
    const auto id = last.integer(0) + 1;
    db_.prepare("INSERT INTO import (id, source, kind, at, read, added) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, source)
        .bind(3, kind)
        .bind(4, detail::utc_now())
        .bind(5, read)
        .bind(6, added)
        .step();
    return id;
}

} // namespace ntmkit

#include <ntmkit/store/detail/copy.hpp>
#include <ntmkit/store/detail/imports.hpp>
