// The campaign store's tables (docs/store.md, "Schema") and their history: migration k turns a
// store of schema k-1 into schema k. A store records its schema in `meta`, so a newer store is
// refused by an older library and an older one is migrated forward when it is opened.
#pragma once

#include <array>

namespace ntmkit::store_schema {

/// The schema this library writes and reads.
inline constexpr int version = 4;

/// migrations[k - 1] creates schema k from schema k - 1 (schema 0: an empty file).
inline constexpr std::array<const char*, version> migrations{{
    // 1: definitions, themes, imports, records, bulk blocks, submissions.
    R"(CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('format', 'ntmkit-store');
CREATE TABLE definition (version INTEGER PRIMARY KEY, stored TEXT NOT NULL,
  note TEXT NOT NULL, json TEXT NOT NULL);
CREATE TABLE theme (version INTEGER NOT NULL, position INTEGER NOT NULL, id TEXT NOT NULL,
  json TEXT NOT NULL, PRIMARY KEY (version, position));
CREATE TABLE import (id INTEGER PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL,
  at TEXT NOT NULL, read INTEGER NOT NULL, added INTEGER NOT NULL);
CREATE TABLE record (id TEXT PRIMARY KEY, source TEXT NOT NULL, row INTEGER NOT NULL,
  depth INTEGER NOT NULL, import_id INTEGER NOT NULL, unit TEXT NOT NULL,
  indicator TEXT NOT NULL, done TEXT NOT NULL, reported TEXT NOT NULL, quantity REAL NOT NULL,
  note TEXT NOT NULL, reporter TEXT NOT NULL, supersedes TEXT);
CREATE INDEX record_order ON record (depth, source, row);
CREATE TABLE block (source TEXT NOT NULL, chunk INTEGER NOT NULL, first INTEGER NOT NULL,
  count INTEGER NOT NULL, version INTEGER NOT NULL, digest TEXT NOT NULL,
  import_id INTEGER NOT NULL, unit BLOB NOT NULL, indicator BLOB NOT NULL, done BLOB NOT NULL,
  reported BLOB NOT NULL, quantity BLOB NOT NULL, PRIMARY KEY (source, chunk));
CREATE TABLE submission (id TEXT PRIMARY KEY, import_id INTEGER NOT NULL, unit TEXT NOT NULL,
  period TEXT NOT NULL, submitted TEXT NOT NULL, reporter TEXT NOT NULL, note TEXT NOT NULL);)",
    // 2: criteria evaluations.
    R"(CREATE TABLE evaluation (id TEXT PRIMARY KEY, unit TEXT NOT NULL, set_id TEXT NOT NULL,
  variant TEXT NOT NULL, as_of TEXT NOT NULL, json TEXT NOT NULL, stored TEXT NOT NULL);)",
    // 3: each definition also as compact bytes (campaign_bytes.hpp), which load many times
    // faster than its JSON; NULL for versions stored before.
    R"(ALTER TABLE definition ADD COLUMN bytes BLOB;)",
    // 4: a definition's JSON may be NULL when its bytes are there: a national definition's JSON
    // (~1.6 GB) is over the 1 GB a SQLite or PostgreSQL value may hold. Neither database can
    // drop a NOT NULL the same way, so the table is rebuilt.
    R"(CREATE TABLE definition_4 (version INTEGER PRIMARY KEY, stored TEXT NOT NULL,
  note TEXT NOT NULL, json TEXT, bytes BLOB);
INSERT INTO definition_4 SELECT version, stored, note, json, bytes FROM definition;
DROP TABLE definition;
ALTER TABLE definition_4 RENAME TO definition;)",
}};

} // namespace ntmkit::store_schema
