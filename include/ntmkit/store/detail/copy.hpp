// Copying one campaign store into another (store::copy_to): how communes' SQLite stores
// consolidate into a district's PostgreSQL database and roll up there exactly as at home.
#pragma once

#include <ntmkit/store/store.hpp>

namespace ntmkit {

inline import_result store::copy_to(store& target) const {
    detail::read_transaction reading(db_); // one state of this store, even while it is written
    import_result total;
    auto add = [&](const import_result& r) {
        total.read += r.read;
        total.added += r.added;
        total.skipped += r.skipped;
    };
    auto refuse = [&](const std::string& what) {
        throw store_conflict(target.path(), what + " differs from " + path() +
                                                "'s (nothing more copied); copy each commune "
                                                "into a store (schema) of its own");
    };

    // Definition versions keep their numbers: bulk blocks refer to them. Equal bytes are the
    // same definition, whichever of JSON and bytes each side keeps.
    for (const auto& v : versions()) {
        const auto mine = definition_bytes(v.version);
        detail::write_transaction tx(target.db_);
        const auto theirs = target.definition_bytes(v.version);
        if (theirs == mine)
            continue;
        if (!theirs.empty() || target.latest_version() != v.version - 1)
            refuse("definition version " + std::to_string(v.version));
        // The JSON as kept here (NULL for a large definition), and always the bytes.
        auto json = db_.prepare("SELECT json FROM definition WHERE version = ?");
        json.bind(1, v.version).step();
        auto ins = target.db_.prepare(
            "INSERT INTO definition (version, stored, note, json, bytes) VALUES (?, ?, ?, ?, ?)");
        ins.bind(1, v.version).bind(2, v.stored).bind(3, v.note);
        if (json.is_null(0))
            ins.bind_null(4);
        else
            ins.bind(4, json.text(0));
        ins.bind_blob(5, mine.data(), mine.size()).step();
        auto themes = db_.prepare("SELECT position, id, json FROM theme WHERE version = ?");
        themes.bind(1, v.version);
        auto theme = target.db_.prepare("INSERT INTO theme VALUES (?, ?, ?, ?)");
        while (themes.step()) {
            theme.reset();
            theme.bind(1, v.version)
                .bind(2, themes.integer(0))
                .bind(3, themes.text(1))
                .bind(4, themes.text(2))
                .step();
        }
        target.cache_.reset();
        tx.commit();
    }

    // Bulk blocks as they are (their digest tells a repeated copy from other records).
    auto blocks = db_.prepare("SELECT source, chunk, first, count, version, digest FROM block "
                              "ORDER BY source, chunk");
    std::string seen;     // the source of the block before
    bool copying = false; // whether that source is being copied (false: the target has it)
    std::optional<detail::write_transaction> tx;
    std::int64_t import_id = 0;
    auto finish_source = [&] {
        if (tx)
            tx->commit();
        tx.reset();
    };
    while (blocks.step()) {
        const auto source = blocks.text(0);
        const auto count = static_cast<std::size_t>(blocks.integer(3));
        if (source != seen) {
            finish_source();
            seen = source;
            copying = false;
            auto n = db_.prepare("SELECT sum(count) FROM block WHERE source = ?");
            n.bind(1, source).step();
            const auto records = static_cast<std::size_t>(n.integer(0));
            tx.emplace(target.db_);
            auto have = target.db_.prepare("SELECT sum(count), min(digest) FROM block WHERE "
                                           "source = ?");
            have.bind(1, source).step();
            if (!have.is_null(0)) {
                if (static_cast<std::size_t>(have.integer(0)) != records ||
                    have.text(1) != blocks.text(5))
                    refuse("bulk source " + source);
                total.read += records;
                total.skipped += records;
                tx.reset();
                continue;
            }
            total.read += records;
            total.added += records;
            import_id = target.record_import(source, "columns", records, records);
            target.cache_.reset();
            copying = true;
        }
        if (!copying)
            continue;
        const auto chunk = blocks.integer(1);
        std::vector<std::int32_t> unit(count);
        std::vector<std::uint8_t> indicator(count);
        std::vector<std::int16_t> done(count), reported(count);
        std::vector<double> quantity(count);
        detail::read_blob(db_, source, chunk, "unit", unit);
        detail::read_blob(db_, source, chunk, "indicator", indicator);
        detail::read_blob(db_, source, chunk, "done", done);
        detail::read_blob(db_, source, chunk, "reported", reported);
        detail::read_blob(db_, source, chunk, "quantity", quantity);
        target.db_.prepare("INSERT INTO block VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, source)
            .bind(2, chunk)
            .bind(3, blocks.integer(2))
            .bind(4, count)
            .bind(5, blocks.integer(4))
            .bind(6, blocks.text(5))
            .bind(7, import_id)
            .bind_blob(8, unit.data(), count * 4)
            .bind_blob(9, indicator.data(), count)
            .bind_blob(10, done.data(), count * 2)
            .bind_blob(11, reported.data(), count * 2)
            .bind_blob(12, quantity.data(), count * 8)
            .step();
    }
    finish_source();

    // Records and submissions import by import, in the order they were made: a correction
    // comes after what it corrects.
    auto imports = db_.prepare("SELECT id, source, kind FROM import WHERE kind <> 'columns' "
                               "ORDER BY id");
    while (imports.step()) {
        const auto id = imports.integer(0);
        const auto source = imports.text(1);
        if (imports.text(2) == "submissions") {
            std::vector<submission_record> subs;
            auto q = db_.prepare("SELECT unit, period, submitted, reporter, note FROM submission "
                                 "WHERE import_id = ? ORDER BY id");
            q.bind(1, id);
            while (q.step())
                subs.push_back({q.text(0), parse_date(q.text(1)), parse_date(q.text(2)), q.text(3),
                                q.text(4)});
            add(target.import_submissions(subs, source));
            continue;
        }
        std::vector<progress_record> records;
        std::vector<std::size_t> rows;
        auto q = db_.prepare(std::string("SELECT ") + detail::record_row_columns +
                             ", row FROM record WHERE import_id = ? ORDER BY row, id");
        q.bind(1, id);
        while (q.step()) {
            records.push_back(detail::read_record_row(q));
            rows.push_back(static_cast<std::size_t>(q.integer(9)));
        }
        add(target.import_progress(records, source, rows));
    }

    for (const auto& e : evaluations()) {
        detail::write_transaction etx(target.db_);
        auto have = target.db_.prepare("SELECT json FROM evaluation WHERE id = ?");
        if (have.bind(1, e.id).step()) {
            if (have.text(0) != e.json)
                refuse("evaluation " + e.id);
            continue;
        }
        auto stored = db_.prepare("SELECT stored FROM evaluation WHERE id = ?");
        stored.bind(1, e.id).step();
        target.db_.prepare("INSERT INTO evaluation VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, e.id)
            .bind(2, e.unit)
            .bind(3, e.set_id)
            .bind(4, e.variant)
            .bind(5, format_date_iso(e.as_of))
            .bind(6, e.json)
            .bind(7, stored.text(0))
            .step();
        etx.commit();
    }
    return total;
}

} // namespace ntmkit
