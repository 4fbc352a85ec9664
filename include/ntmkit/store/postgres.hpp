// The campaign store on PostgreSQL (docs/store.md, "PostgreSQL"): connection.hpp's interface
// over libpq, for a district or province server that keeps many communes. Each campaign is one
// PostgreSQL schema of the database, holding the same tables as a SQLite store; the store's
// logic (store.hpp) is the same line for line. Including this header lets store::open take a
// `postgresql://…#schema` URL.
//
// Link ntmkit::store_postgres (it needs libpq); ntmkit::store alone does not.
#pragma once

#include <ntmkit/store/store.hpp>

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ntmkit {
namespace detail {

/// The store's SQL (written for SQLite) as PostgreSQL reads it; the dialects differ only here.
/// Parameters `?` become `$1`, `$2` …; in table definitions INTEGER becomes BIGINT, REAL DOUBLE
/// PRECISION, BLOB BYTEA, and TEXT sorts by bytes (COLLATE "C") as SQLite's does, so records
/// come out in the same order whatever the server's locale. Quoted text is left alone.
inline std::string postgres_sql(std::string_view sql) {
    std::string out;
    int parameter = 0;
    for (std::size_t i = 0; i < sql.size();) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {
            const auto end = sql.find(c, i + 1);
            const auto n = (end == std::string_view::npos ? sql.size() : end + 1) - i;
            out.append(sql.substr(i, n));
            i += n;
        } else if (c == '?') {
            out += "$" + std::to_string(++parameter);
            ++i;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            auto j = i;
            while (j < sql.size() &&
                   (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_'))
                ++j;
            const auto word = sql.substr(i, j - i);
            out += word == "INTEGER" ? "BIGINT"
                   : word == "REAL"  ? "DOUBLE PRECISION"
                   : word == "BLOB"  ? "BYTEA"
                   : word == "TEXT"  ? "TEXT COLLATE \"C\""
                                     : std::string(word);
            i = j;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

/// A result that frees itself; throws the server's message unless the command succeeded.
struct postgres_result {
    PGresult* r;
    postgres_result(PGresult* result, PGconn* db, const std::string& where) : r(result) {
        const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
            return;
        std::string m = r ? PQresultErrorMessage(r) : PQerrorMessage(db);
        PQclear(r);
        while (!m.empty() && (m.back() == '\n' || m.back() == ' '))
            m.pop_back();
        throw store_error(where, m);
    }
    postgres_result(const postgres_result&) = delete;
    postgres_result& operator=(const postgres_result&) = delete;
    ~postgres_result() { PQclear(r); }
};

class postgres_statement;

/// What a connection's statements share: the connection, and the INSERT whose rows wait to be
/// sent as one multi-row statement (a round trip per row made imports crawl).
struct postgres_session {
    PGconn* db = nullptr;
    std::string where;
    postgres_statement* pending = nullptr;
    std::optional<store_error> deferred; ///< from rows sent by a statement's destructor
    /// Sends waiting rows before anything else reaches the server; throws their error.
    inline void flush();
    void drop() {
        pending = nullptr;
        deferred.reset();
    }
};

/// Runs on the server at each step() after its bindings: text parameters, blobs binary. An
/// `INSERT … VALUES (…)` without blobs is sent with up to 1000 rows at a time instead, before
/// the next statement, exec, commit or when the statement ends; an error shows by then.
class postgres_statement : public statement_impl {
public:
    postgres_statement(postgres_session& session, std::string_view sql)
        : session_(session), sql_(postgres_sql(sql)) {
        const auto values = sql.find(" VALUES (");
        if (sql.rfind("INSERT INTO ", 0) == 0 && values != std::string_view::npos &&
            sql.back() == ')') {
            insert_head_ = std::string(sql.substr(0, values + 8));
            insert_row_ = std::string(sql.substr(values + 8));
        }
    }
    postgres_statement(const postgres_statement&) = delete;
    postgres_statement& operator=(const postgres_statement&) = delete;
    ~postgres_statement() override {
        if (session_.pending != this)
            return;
        try {
            send();
        } catch (const store_error& e) {
            session_.deferred = e;
        }
    }

    void bind_integer(int k, std::int64_t v) override { set(k, std::to_string(v)); }
    void bind_real(int k, double v) override {
        char text[32];
        std::snprintf(text, sizeof text, "%.17g", v); // reads back to the same double
        set(k, text);
    }
    void bind_text(int k, std::string_view v) override { set(k, std::string(v)); }
    void bind_null(int k) override { slot(k).null = true; }
    void bind_blob(int k, const void* p, std::size_t n) override {
        auto& s = slot(k);
        s.blob = n ? static_cast<const char*>(p) : "";
        s.size = static_cast<int>(n);
    }

    bool step() override {
        if (result_)
            return ++row_ < PQntuples(result_->r);
        if (session_.pending != this)
            session_.flush();
        const bool blobs =
            std::any_of(params_.begin(), params_.end(), [](const parameter& p) { return p.blob; });
        if (!insert_row_.empty() && !blobs) {
            rows_.push_back(std::move(params_));
            params_.clear();
            session_.pending = this;
            if (rows_.size() >= 1000)
                send();
            return false;
        }
        result_ = run(sql_, params_);
        row_ = 0;
        return row_ < PQntuples(result_->r);
    }
    void reset() override {
        result_.reset();
        params_.clear();
    }
    /// Sends the rows waiting as one INSERT.
    void send() {
        session_.pending = nullptr;
        std::string sql = insert_head_;
        std::vector<parameter> all;
        for (auto& row : rows_) {
            sql += (all.empty() ? "" : ", ") + insert_row_;
            all.insert(all.end(), row.begin(), row.end());
        }
        rows_.clear();
        run(postgres_sql(sql), all);
    }

    std::int64_t integer(int k) const override { return std::strtoll(value(k), nullptr, 10); }
    double real(int k) const override { return std::strtod(value(k), nullptr); }
    bool is_null(int k) const override { return PQgetisnull(result_->r, row_, k); }
    std::string text(int k) const override {
        return std::string(value(k), static_cast<std::size_t>(PQgetlength(result_->r, row_, k)));
    }
    std::string blob(int k) const override {
        std::size_t n = 0;
        auto* p = PQunescapeBytea(reinterpret_cast<const unsigned char*>(value(k)), &n);
        if (!p)
            throw store_error(session_.where, "could not read a BYTEA value (out of memory)");
        std::string out(reinterpret_cast<const char*>(p), n);
        PQfreemem(p);
        return out;
    }

private:
    struct parameter {
        std::string text;
        const char* blob = nullptr;
        int size = 0;
        bool null = false;
    };
    parameter& slot(int k) {
        if (params_.size() < static_cast<std::size_t>(k))
            params_.resize(static_cast<std::size_t>(k));
        auto& s = params_[static_cast<std::size_t>(k - 1)];
        s = parameter{};
        return s;
    }
    void set(int k, std::string text) { slot(k).text = std::move(text); }
    const char* value(int k) const { return PQgetvalue(result_->r, row_, k); }
    std::unique_ptr<postgres_result> run(const std::string& sql,
                                         const std::vector<parameter>& params) {
        std::vector<const char*> values;
        std::vector<int> sizes, formats;
        for (const auto& p : params) {
            values.push_back(p.null ? nullptr : p.blob ? p.blob : p.text.c_str());
            sizes.push_back(p.blob ? p.size : 0);
            formats.push_back(p.blob ? 1 : 0);
        }
        return std::make_unique<postgres_result>(
            PQexecParams(session_.db, sql.c_str(), static_cast<int>(params.size()), nullptr,
                         values.data(), sizes.data(), formats.data(), 0),
            session_.db, session_.where);
    }

    postgres_session& session_;
    std::string sql_, insert_head_, insert_row_;
    std::vector<parameter> params_;
    std::vector<std::vector<parameter>> rows_;
    std::unique_ptr<postgres_result> result_;
    int row_ = 0;
};

inline void postgres_session::flush() {
    if (pending)
        pending->send();
    if (deferred) {
        auto e = std::move(*deferred);
        deferred.reset();
        throw e;
    }
}

class postgres_connection : public connection {
public:
    /// Connects (libpq conninfo: a URL or key=value pairs) and opens the campaign kept in
    /// `schema`, creating the schema when missing unless `create` is false (then a missing one
    /// is a store_error); errors name `where`.
    postgres_connection(const std::string& conninfo, const std::string& schema,
                        const std::string& where, bool create = true) {
        s_.db = PQconnectdb(conninfo.c_str());
        s_.where = where;
        if (PQstatus(s_.db) != CONNECTION_OK) {
            std::string m = PQerrorMessage(s_.db);
            PQfinish(s_.db);
            while (!m.empty() && m.back() == '\n')
                m.pop_back();
            throw store_error(where, "cannot open the store: " + m);
        }
        PQsetNoticeProcessor(
            s_.db, [](void*, const char*) {}, nullptr); // errors are thrown
        if (schema.empty() || schema.size() > 63 ||
            schema.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
            throw store_error(where, "the campaign's schema \"" + schema +
                                         "\" must be 1 to 63 lower-case letters, digits or _");
        exec("SET client_encoding = 'UTF8'; SET client_min_messages = warning");
        if (!create) {
            // The name was checked above: letters, digits and _ only.
            if (single_integer("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'",
                               {}) == 0)
                throw store_error(where,
                                  "no such store (the database has no schema \"" + schema + "\")");
            exec("SET search_path TO \"" + schema + "\"");
            return;
        }
        // Two processes creating the same schema at once: one waits for the other.
        exec("BEGIN; SELECT pg_advisory_xact_lock(4242); CREATE SCHEMA IF NOT EXISTS \"" + schema +
             "\"; COMMIT; SET search_path TO \"" + schema + "\"");
    }
    postgres_connection(const postgres_connection&) = delete;
    postgres_connection& operator=(const postgres_connection&) = delete;
    ~postgres_connection() override { PQfinish(s_.db); }

    const std::string& path() const override { return s_.where; }
    void exec(const std::string& sql) override {
        s_.flush();
        postgres_result(PQexec(s_.db, postgres_sql(sql).c_str()), s_.db, s_.where);
    }
    std::unique_ptr<statement_impl> prepare(std::string_view sql) override {
        return std::make_unique<postgres_statement>(s_, sql);
    }
    /// Writers of one campaign take turns (SQLite's BEGIN IMMEDIATE); reads inside see what
    /// the previous writer committed, since each statement reads the latest committed state.
    void begin_write() override {
        exec("BEGIN; SELECT pg_advisory_xact_lock(hashtext(current_schema()))");
    }
    void begin_read() override { exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    void rollback() noexcept override {
        s_.drop(); // rows not sent yet go with the transaction
        PQclear(PQexec(s_.db, "ROLLBACK"));
    }
    /// Every write that changes a campaign records an import or a definition version.
    std::int64_t data_version() override {
        return single_integer("SELECT (SELECT coalesce(max(id), 0) FROM import) * 65536 + "
                              "(SELECT coalesce(max(version), 0) FROM definition)",
                              {});
    }
    std::int64_t table_count(std::string_view name) override {
        const std::string all = "SELECT count(*) FROM information_schema.tables WHERE "
                                "table_schema = current_schema()";
        return name.empty() ? single_integer(all, {})
                            : single_integer(all + " AND table_name = ?", name);
    }
    void read_block_column(const std::string& source, std::int64_t chunk, const char* column,
                           void* out, std::size_t bytes) override {
        s_.flush();
        const auto sql =
            std::string("SELECT ") + column + " FROM block WHERE source = $1 AND chunk = $2";
        const auto chunk_text = std::to_string(chunk);
        const char* values[] = {source.c_str(), chunk_text.c_str()};
        postgres_result r(PQexecParams(s_.db, sql.c_str(), 2, nullptr, values, nullptr, nullptr, 1),
                          s_.db, s_.where);
        if (PQntuples(r.r) != 1)
            throw store_error(s_.where, "no block " + source + " " + chunk_text);
        if (static_cast<std::size_t>(PQgetlength(r.r, 0, 0)) != bytes)
            throw store_error(s_.where, std::string("block column ") + column + ": wrong size");
        std::memcpy(out, PQgetvalue(r.r, 0, 0), bytes);
    }

private:
    std::int64_t single_integer(const std::string& sql, std::string_view parameter) {
        postgres_statement s(s_, sql);
        if (!parameter.empty())
            s.bind_text(1, parameter);
        s.step();
        return s.integer(0);
    }

    postgres_session s_;
};

/// A URL or conninfo as errors show it: a password in it (`user:secret@`, `password=secret`)
/// becomes `***`.
inline std::string without_password(std::string where) {
    const auto scheme = where.find("://");
    const auto at = where.find('@');
    if (scheme != std::string::npos && at != std::string::npos) {
        const auto colon = where.find(':', scheme + 3);
        if (colon < at)
            where.replace(colon + 1, at - colon - 1, "***");
    }
    for (const char* key : {"password=", "password%3D"})
        for (auto k = where.find(key); k != std::string::npos; k = where.find(key, k + 1)) {
            const auto from = k + std::strlen(key);
            where.replace(from, where.find_first_of(" &#", from) - from, "***");
        }
    return where;
}

/// `postgresql://[user@]host[:port]/database[?options][#schema]`: libpq's URL, then after `#`
/// the campaign's schema (default `public`).
inline std::unique_ptr<connection> open_postgres_url(const std::string& url, bool create) {
    const auto hash = url.rfind('#');
    const auto schema = hash == std::string::npos ? std::string("public") : url.substr(hash + 1);
    return std::make_unique<postgres_connection>(url.substr(0, hash), schema, without_password(url),
                                                 create);
}

/// store::open takes `postgresql://` URLs wherever this header is included.
inline const bool postgres_urls_open = (registered_postgres_opener() = &open_postgres_url, true);

} // namespace detail

/// Opens the campaign kept in `schema` of the PostgreSQL database `conninfo` (a libpq
/// connection string: `host=/run/postgresql dbname=district` or a URL), creating the schema and
/// the store's tables when missing and migrating an older schema version.
inline store open_postgres_store(const std::string& conninfo,
                                 const std::string& schema = "public") {
    return store::open(detail::database(std::make_unique<detail::postgres_connection>(
        conninfo, schema,
        detail::without_password(conninfo + (schema == "public" ? "" : "#" + schema)))));
}

} // namespace ntmkit
