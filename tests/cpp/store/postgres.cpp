// The store on PostgreSQL (ntmkit/store/postgres.hpp): what differs from SQLite is in one place,
// the SQL's dialect; errors never show a password. Every other store test runs on PostgreSQL
// too (ctest store_tests_on_postgres, temp_store.hpp).
#ifdef NTMKIT_STORE_POSTGRES
#include <ntmkit/store/postgres.hpp>

#include <doctest/doctest.h>

using namespace ntmkit;

TEST_CASE("The store's SQL reads as PostgreSQL's: numbered parameters, its types, byte order") {
    CHECK(detail::postgres_sql("SELECT a FROM record WHERE id = ? AND note <> '?' AND b = ?") ==
          "SELECT a FROM record WHERE id = $1 AND note <> '?' AND b = $2");
    CHECK(detail::postgres_sql("CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, q REAL, b BLOB)") ==
          "CREATE TABLE t (k TEXT COLLATE \"C\" PRIMARY KEY, n BIGINT, q DOUBLE PRECISION, "
          "b BYTEA)");
}

TEST_CASE("A PostgreSQL store's errors show its URL without the password") {
    CHECK(detail::without_password("postgresql://huyen:bi-mat@db.local/district#xa_a") ==
          "postgresql://huyen:***@db.local/district#xa_a");
    CHECK(detail::without_password("host=db.local password=bi-mat dbname=district") ==
          "host=db.local password=*** dbname=district");
    CHECK(detail::without_password("postgresql://huyen@db.local:5432/district") ==
          "postgresql://huyen@db.local:5432/district");
    CHECK_THROWS_WITH_AS(
        store::open("postgresql://huyen:bi-mat@/district?host=/nonexistent#xa_a"),
        doctest::Contains("postgresql://huyen:***@/district?host=/nonexistent#xa_a: cannot open "
                          "the store: connection to server on socket"),
        store_error);
}
#endif
