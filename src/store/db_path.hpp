// What a database path (--db) names, looked at before RocksDB touches it, so that a mistyped path
// is never turned into a database or adopted. Our mark is RocksDB's own: a directory whose
// CURRENT file names a MANIFEST with our column families (key_codec.hpp: actor ... meta, the meta
// family holding the schema version). Stores of every earlier version carry it: nothing to add.
// Thread-safe (reads the filesystem only).
#pragma once

#include <string>

#include "diplograph/status.hpp"

namespace diplograph::store {

enum class DbPath {
  kAbsent,     // nothing there (a new database may be made)
  kEmptyDir,   // an empty directory (likewise)
  kDatabase,   // one of ours
};

// kInvalidInput naming `dir` and what it is for anything else: a regular file (an empty one
// too), a dangling symbolic link, another kind of file, a non-empty directory that holds no
// RocksDB database, or a RocksDB database without our column families (another program's).
Result<DbPath> vet_database_path(const std::string& dir);

}  // namespace diplograph::store
