// The connection interface (ntmkit/store/connection.hpp) as both backends implement it: rows
// written in a transaction arrive whole, and a write the database refuses fails the whole
// transaction, even where PostgreSQL sends rows in batches (postgres.hpp).
#include "temp_store.hpp"

#include <ntmkit/store/connection.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace ntmkit;

namespace {

std::int64_t single(const detail::database& db, const char* sql, int column = 0) {
    auto s = db.prepare(sql);
    s.step();
    return s.integer(column);
}

} // namespace

TEST_CASE("Rows inserted in a transaction arrive whole, read back by the next statement") {
    fixtures::temp_store file;
    detail::database db(file.path);
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)");
    detail::write_transaction tx(db);
    auto ins = db.prepare("INSERT INTO t VALUES (?, ?)");
    for (int k = 0; k < 2500; ++k) {
        ins.reset();
        ins.bind(1, std::to_string(k)).bind(2, k).step();
    }
    CHECK(single(db, "SELECT count(*) FROM t") == 2500); // inside the transaction
    tx.commit();
    CHECK(single(db, "SELECT sum(n) FROM t") == 2499 * 2500 / 2); // 0 + 1 + … + 2499
}

TEST_CASE("A write the database refuses fails its transaction, which then adds nothing") {
    fixtures::temp_store file;
    detail::database db(file.path);
    db.exec("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER)");
    auto write = [&](bool temporary) {
        detail::write_transaction tx(db);
        auto ins = db.prepare("INSERT INTO t VALUES (?, ?)");
        for (const char* k : {"a", "b"}) {
            ins.reset();
            ins.bind(1, k).bind(2, 1).step();
        }
        if (temporary) // a statement that ends before the commit
            db.prepare("INSERT INTO t VALUES ('a', 2)").step();
        else
            ins.bind(1, "a").bind(2, 2).step();
        tx.commit();
    };
    CHECK_THROWS_AS(write(false), store_error);
    CHECK_THROWS_AS(write(true), store_error);
    CHECK(single(db, "SELECT count(*) FROM t") == 0);
}
