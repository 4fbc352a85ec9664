// The one interface the campaign store talks to a database through (docs/store.md): statements
// with `?` parameters, write transactions that take the store's write lock, and the few things
// the two backends do differently (which tables exist, how a bulk block's column blob is read,
// how other writers' commits are noticed). sqlite.hpp and postgres.hpp implement it.
#pragma once

#include <ntmkit/error.hpp>

#include <cstdint>
#include <ctime>
#include <memory>
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

/// One prepared statement of a backend; `statement` below is what the store holds.
class statement_impl {
public:
    virtual ~statement_impl() = default;
    virtual void bind_integer(int k, std::int64_t v) = 0;
    virtual void bind_real(int k, double v) = 0;
    virtual void bind_text(int k, std::string_view v) = 0;
    virtual void bind_null(int k) = 0;
    /// The bytes must stay alive until the statement has stepped (no copy: blobs are large).
    virtual void bind_blob(int k, const void* p, std::size_t n) = 0;
    /// Runs one step: true when a row is ready to read, false when done.
    virtual bool step() = 0;
    /// Ready to run again, bindings cleared.
    virtual void reset() = 0;
    virtual std::int64_t integer(int k) const = 0;
    virtual double real(int k) const = 0;
    virtual bool is_null(int k) const = 0;
    virtual std::string text(int k) const = 0;
    /// A BLOB/BYTEA column's bytes (PostgreSQL sends BYTEA as escaped text).
    virtual std::string blob(int k) const = 0;
};

/// A statement with `?` parameters numbered from 1 and result columns from 0.
class statement {
public:
    explicit statement(std::unique_ptr<statement_impl> s) : s_(std::move(s)) {}

    statement& bind(int k, std::int64_t v) { return s_->bind_integer(k, v), *this; }
    statement& bind(int k, int v) { return bind(k, static_cast<std::int64_t>(v)); }
    statement& bind(int k, std::size_t v) { return bind(k, static_cast<std::int64_t>(v)); }
    statement& bind(int k, double v) { return s_->bind_real(k, v), *this; }
    statement& bind(int k, std::string_view v) { return s_->bind_text(k, v), *this; }
    statement& bind(int k, const char* v) { return bind(k, std::string_view(v)); }
    statement& bind(int k, const std::string& v) { return bind(k, std::string_view(v)); }
    statement& bind_null(int k) { return s_->bind_null(k), *this; }
    statement& bind_blob(int k, const void* p, std::size_t n) {
        return s_->bind_blob(k, p, n), *this;
    }
    bool step() { return s_->step(); }
    void reset() { s_->reset(); }
    std::int64_t integer(int k) const { return s_->integer(k); }
    double real(int k) const { return s_->real(k); }
    bool is_null(int k) const { return s_->is_null(k); }
    std::string text(int k) const { return s_->text(k); }
    std::string blob(int k) const { return s_->blob(k); }

private:
    std::unique_ptr<statement_impl> s_;
};

/// A connection to one campaign store: a SQLite file, or one schema of a PostgreSQL database.
class connection {
public:
    virtual ~connection() = default;
    /// What the store was opened from; errors name it.
    virtual const std::string& path() const = 0;
    /// Runs SQL without parameters (several statements allowed): the schema's migrations.
    virtual void exec(const std::string& sql) = 0;
    virtual std::unique_ptr<statement_impl> prepare(std::string_view sql) = 0;
    /// Begins a transaction holding the store's write lock (waiting for other writers).
    virtual void begin_write() = 0;
    /// Begins a transaction that reads one consistent state of the store.
    virtual void begin_read() = 0;
    virtual void rollback() noexcept = 0;
    /// Changes whenever another connection has committed since the last call.
    virtual std::int64_t data_version() = 0;
    /// How many tables the store has, or with `name` whether it has that one.
    virtual std::int64_t table_count(std::string_view name = {}) = 0;
    /// Reads one column blob of the bulk block (source, chunk) into `out`, exactly `bytes`.
    virtual void read_block_column(const std::string& source, std::int64_t chunk,
                                   const char* column, void* out, std::size_t bytes) = 0;
};

/// Opens a PostgreSQL store from a URL; set by <ntmkit/store/postgres.hpp> when included.
using postgres_opener = std::unique_ptr<connection> (*)(const std::string& url, bool create);
inline postgres_opener& registered_postgres_opener() {
    static postgres_opener open = nullptr;
    return open;
}

inline bool is_postgres_url(std::string_view path) {
    return path.rfind("postgresql://", 0) == 0 || path.rfind("postgres://", 0) == 0;
}

/// The store's handle on its connection, used as a value (`db_.prepare(…)`).
class database {
public:
    /// A SQLite file, or a `postgresql://` URL (docs/store.md), created when missing unless
    /// `create` is false (then a missing one is a store_error); defined in sqlite.hpp.
    explicit database(const std::string& path, bool create = true);
    explicit database(std::unique_ptr<connection> c) : c_(std::move(c)) {}

    const std::string& path() const { return c_->path(); }
    void exec(const std::string& sql) const { c_->exec(sql); }
    statement prepare(std::string_view sql) const { return statement(c_->prepare(sql)); }
    std::int64_t data_version() const { return c_->data_version(); }
    std::int64_t table_count(std::string_view name = {}) const { return c_->table_count(name); }
    connection& get() const { return *c_; }

private:
    std::unique_ptr<connection> c_;
};

/// A write transaction: takes the store's write lock first (waiting for other writers), rolls
/// back when left without commit().
class write_transaction {
public:
    explicit write_transaction(const database& db, bool write = true) : c_(db.get()) {
        write ? c_.begin_write() : c_.begin_read();
    }
    write_transaction(const write_transaction&) = delete;
    write_transaction& operator=(const write_transaction&) = delete;
    ~write_transaction() {
        if (open_)
            c_.rollback();
    }
    void commit() {
        c_.exec("COMMIT");
        open_ = false;
    }

private:
    connection& c_;
    bool open_ = true;
};

/// A transaction that only reads: every query in it sees the same committed state.
struct read_transaction : write_transaction {
    explicit read_transaction(const database& db) : write_transaction(db, false) {}
};

/// Now, UTC, ISO 8601 with the time: when a definition or an import was stored.
inline std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char text[24];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

} // namespace detail
} // namespace ntmkit
