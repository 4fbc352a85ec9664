// A thin RAII layer over the SQLite C API for the campaign store: one connection, prepared
// statements, transactions that roll back unless committed. Only what store.hpp needs.
#pragma once

#include <ntmkit/error.hpp>

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace ntmkit {

/// A store that cannot be opened, read or written: the file, the database's own message.
class store_error : public error {
public:
    using error::error;
};

namespace detail {

class sqlite_statement {
public:
    sqlite_statement(sqlite3* db, std::string_view sql, const std::string& where) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
            SQLITE_OK)
            throw store_error(where, sqlite3_errmsg(db));
    }
    sqlite_statement(const sqlite_statement&) = delete;
    sqlite_statement& operator=(const sqlite_statement&) = delete;
    ~sqlite_statement() { sqlite3_finalize(stmt_); }

    sqlite_statement& bind(int k, std::int64_t v) { return check(sqlite3_bind_int64(stmt_, k, v)); }
    sqlite_statement& bind(int k, int v) { return bind(k, static_cast<std::int64_t>(v)); }
    sqlite_statement& bind(int k, std::size_t v) { return bind(k, static_cast<std::int64_t>(v)); }
    sqlite_statement& bind(int k, double v) { return check(sqlite3_bind_double(stmt_, k, v)); }
    sqlite_statement& bind(int k, std::string_view v) {
        return check(
            sqlite3_bind_text(stmt_, k, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    }
    sqlite_statement& bind(int k, const char* v) { return bind(k, std::string_view(v)); }
    sqlite_statement& bind(int k, const std::string& v) { return bind(k, std::string_view(v)); }
    sqlite_statement& bind_null(int k) { return check(sqlite3_bind_null(stmt_, k)); }
    /// The bytes must stay alive until the statement has stepped (no copy: blobs are large).
    sqlite_statement& bind_blob(int k, const void* p, std::size_t n) {
        return check(sqlite3_bind_blob64(stmt_, k, n ? p : "", n, SQLITE_STATIC));
    }

    /// Runs one step: true when a row is ready to read, false when done.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW)
            return true;
        if (rc == SQLITE_DONE)
            return false;
        throw store_error(sqlite3_db_filename(db_, "main"), sqlite3_errmsg(db_));
    }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }

    std::int64_t integer(int k) const { return sqlite3_column_int64(stmt_, k); }
    double real(int k) const { return sqlite3_column_double(stmt_, k); }
    bool is_null(int k) const { return sqlite3_column_type(stmt_, k) == SQLITE_NULL; }
    std::string text(int k) const {
        const auto* p = sqlite3_column_text(stmt_, k);
        return p ? std::string(reinterpret_cast<const char*>(p),
                               static_cast<std::size_t>(sqlite3_column_bytes(stmt_, k)))
                 : std::string();
    }

private:
    sqlite_statement& check(int rc) {
        if (rc != SQLITE_OK)
            throw store_error(sqlite3_db_filename(db_, "main"), sqlite3_errmsg(db_));
        return *this;
    }

    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class sqlite_connection {
public:
    /// Opens (creating when missing) a database file; writers wait up to `busy_ms` for one
    /// another instead of failing.
    explicit sqlite_connection(const std::string& path, int busy_ms = 30000) : path_(path) {
        const int rc = sqlite3_open_v2(
            path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
            nullptr);
        if (rc != SQLITE_OK) {
            std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
            sqlite3_close(db_);
            throw store_error(path, "cannot open the store: " + message);
        }
        sqlite3_busy_timeout(db_, busy_ms);
        sqlite3_extended_result_codes(db_, 1);
    }
    sqlite_connection(sqlite_connection&& o) noexcept
        : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)) {}
    sqlite_connection& operator=(sqlite_connection&& o) noexcept {
        std::swap(db_, o.db_);
        std::swap(path_, o.path_);
        return *this;
    }
    sqlite_connection(const sqlite_connection&) = delete;
    sqlite_connection& operator=(const sqlite_connection&) = delete;
    ~sqlite_connection() { sqlite3_close(db_); }

    const std::string& path() const { return path_; }
    sqlite3* handle() const { return db_; }

    void exec(const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string m = message ? message : sqlite3_errmsg(db_);
            sqlite3_free(message);
            throw store_error(path_, m);
        }
    }
    sqlite_statement prepare(std::string_view sql) const {
        return sqlite_statement(db_, sql, path_);
    }
    std::int64_t last_rowid() const { return sqlite3_last_insert_rowid(db_); }
    /// Changes whenever another connection commits (PRAGMA data_version).
    std::int64_t data_version() const {
        auto s = prepare("PRAGMA data_version");
        s.step();
        return s.integer(0);
    }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

/// BEGIN IMMEDIATE … COMMIT: takes the write lock first (waiting for other writers), rolls
/// back when left without commit().
class sqlite_transaction {
public:
    explicit sqlite_transaction(sqlite_connection& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    sqlite_transaction(const sqlite_transaction&) = delete;
    sqlite_transaction& operator=(const sqlite_transaction&) = delete;
    ~sqlite_transaction() {
        if (open_)
            sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
        db_.exec("COMMIT");
        open_ = false;
    }

private:
    sqlite_connection& db_;
    bool open_ = true;
};

} // namespace detail
} // namespace ntmkit
