// GraphStore::Impl: the RocksDB handles behind the public GraphStore, shared by graph_store.cpp
// (open and reads) and ingest.cpp (writes). Internal to src/store.
// Thread-safety: RocksDB's own; reads may run concurrently, ingest is serialised by the caller.
#pragma once

#include <rocksdb/db.h>

#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/graph_store.hpp"
#include "diplograph/status.hpp"
#include "store/lock.hpp"

namespace diplograph::store {

// THE translation of rocksdb::Status into ours; `context` says what we were doing.
Status from_rocks(const rocksdb::Status& s, std::string_view context);

// The options of every column family: the same for open and for the SST files of a bulk import.
rocksdb::ColumnFamilyOptions family_options();

// Indexes into Impl::cf, in DESIGN.md's order.
enum Cf : std::size_t { kActor, kAlias, kEvent, kAdj, kPair, kTime, kDoc, kMeta, kCfCount };

}  // namespace diplograph::store

namespace diplograph {

struct GraphStore::Impl {
  std::string dir;
  bool read_only = false;
  std::unique_ptr<rocksdb::DB> db;
  // Owned handles (including the default family), destroyed before the DB closes.
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::array<rocksdb::ColumnFamilyHandle*, store::kCfCount> cf{};
  // Held by a writable store; released after the DB has closed (members go after ~Impl's body).
  std::unique_ptr<store::WriterLock> lock;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl();

  // Reads one value: kNotFound when absent, other codes when RocksDB fails.
  Status get(store::Cf family, std::string_view key, std::string* value,
             const rocksdb::Snapshot* snapshot = nullptr) const;
  // A meta counter; 0 when never written.
  Result<std::uint64_t> counter(std::string_view name,
                                const rocksdb::Snapshot* snapshot = nullptr) const;
};

}  // namespace diplograph
