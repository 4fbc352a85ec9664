// The campaign store on SQLite (connection.hpp's interface over the SQLite C API): one file in
// WAL mode, BEGIN IMMEDIATE for writers, column blobs read straight from the database pages.
#pragma once

#include <ntmkit/store/connection.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace ntmkit::detail {

class sqlite_statement : public statement_impl {
public:
    sqlite_statement(sqlite3* db, std::string_view sql, const std::string& where) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
            SQLITE_OK)
            throw store_error(where, sqlite3_errmsg(db));
    }
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;
    ~sqlite_statement() override { sqlite3_finalize(stmt_); }

    void bind_integer(int k, std::int64_t v) override { check(sqlite3_bind_int64(stmt_, k, v)); }
    void bind_real(int k, double v) override { check(sqlite3_bind_double(stmt_, k, v)); }
    void bind_text(int k, std::string_view v) override {
        check(sqlite3_bind_text(stmt_, k, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    void bind_null(int k) override { check(sqlite3_bind_null(stmt_, k)); }
    void bind_blob(int k, const void* p, std::size_t n) override {
        check(sqlite3_bind_blob64(stmt_, k, n ? p : "", n, SQLITE_STATIC));
    }

    bool step() override {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw store_error(sqlite3_db_filename(db_, "main"), sqlite3_errmsg(db_));
    }
    void reset() override {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

    std::int64_t integer(int k) const override { return sqlite3_column_int64(stmt_, k); }
    double real(int k) const override { return sqlite3_column_double(stmt_, k); }
    bool is_null(int k) const override { return sqlite3_column_type(stmt_, k) == SQLITE_NULL; }
    std::string text(int k) const override {
        const auto* p = sqlite3_column_text(stmt_, k);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt_, k)))
                 : std::string();
    }
    std::string blob(int k) const override {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, k));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, k)))
                 : std::string();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK)
            throw store_error(sqlite3_db_filename(db_, "main"), sqlite3_errmsg(db_));
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class sqlite_connection : public connection {
public:
    /// Opens (creating when missing, unless `create` is false) a database file in WAL mode
    /// with synchronous=FULL; writers wait up to `busy_ms` for one another instead of failing.
    explicit sqlite_connection(const std::string& path, bool create = true, int busy_ms = 30000)
        : path_(path) {
        const int rc = sqlite3_open_v2(path.c_str(), &db_,
                                       SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                                           SQLITE_OPEN_NOMUTEX,
                                       nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            if (!create && (rc & 0xff) == SQLITE_CANTOPEN)
                throw store_error(path, "no such store (no file there)");
            throw store_error(path, "cannot open the store: " + message);
        }
        sqlite3_busy_timeout(db_, busy_ms);
        sqlite3_extended_result_codes(db_, 1);
        // Page size only takes on a new file, before WAL; big pages make block reads faster.
        exec("PRAGMA page_size = 65536");
        exec("PRAGMA journal_mode = WAL");
        exec("PRAGMA synchronous = FULL");
    }
    sqlite_connection(const sqlite_connection&) = delete;
    sqlite_connection& operator=(const sqlite_connection&) = delete;
    ~sqlite_connection() override { sqlite3_close(db_); }

    const std::string& path() const override { return path_; }

    void exec(const std::string& sql) override {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string m = message ? message : sqlite3_errmsg(db_);
            sqlite3_free(message);
            throw store_error(path_, m);
        }
    }
    std::unique_ptr<statement_impl> prepare(std::string_view sql) override {
        return std::make_unique<sqlite_statement>(db_, sql, path_);
    }
    void begin_write() override { exec("BEGIN IMMEDIATE"); }
    void begin_read() override { exec("BEGIN"); }
    void rollback() noexcept override { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }
    std::int64_t data_version() override { return single_integer("PRAGMA data_version", {}); }
    std::int64_t table_count(std::string_view name) override {
        return single_integer(name.empty() ? "SELECT count(*) FROM sqlite_master"
                                           : "SELECT count(*) FROM sqlite_master WHERE name = ?",
                              name);
    }

    /// Straight from the database pages: one copy, into memory aligned for its type.
    void read_block_column(const std::string& source, std::int64_t chunk, const char* column,
                           void* out, std::size_t bytes) override {
        sqlite_statement s(db_, "SELECT rowid FROM block WHERE source = ? AND chunk = ?", path_);
        s.bind_text(1, source);
        s.bind_integer(2, chunk);
        if (!s.step())
            throw store_error(path_, "no block " + source + " " + std::to_string(chunk));
        sqlite3_blob* blob = nullptr;
        if (sqlite3_blob_open(db_, "main", "block", column, s.integer(0), 0, &blob) != SQLITE_OK) {
            sqlite3_blob_close(blob);
            throw store_error(path_, sqlite3_errmsg(db_));
        }
        int rc = SQLITE_OK;
        if (static_cast<std::size_t>(sqlite3_blob_bytes(blob)) != bytes)
            rc = SQLITE_CORRUPT;
        else if (bytes > 0)
            rc = sqlite3_blob_read(blob, out, static_cast<int>(bytes), 0);
        sqlite3_blob_close(blob);
        if (rc != SQLITE_OK)
            throw store_error(path_,
                              std::string("block column ") + column + ": " +
                                  (rc == SQLITE_CORRUPT ? "wrong size" : sqlite3_errstr(rc)));
    }

private:
    std::int64_t single_integer(const char* sql, std::string_view parameter) {
        sqlite_statement s(db_, sql, path_);
        if (!parameter.empty())
            s.bind_text(1, parameter);
        s.step();
        return s.integer(0);
    }

    sqlite3* db_ = nullptr;
    std::string path_;
};

inline database::database(const std::string& path, bool create) {
    if (!is_postgres_url(path)) {
        c_ = std::make_unique<sqlite_connection>(path, create);
    } else if (auto open = registered_postgres_opener()) {
        c_ = open(path, create);
    } else {
        throw store_error(path, "this program was built without PostgreSQL support (include "
                                "<ntmkit/store/postgres.hpp> and link ntmkit::store_postgres)");
    }
}

} // namespace ntmkit::detail
