// GraphStore: opening the RocksDB database and every read path. Writes live in ingest.cpp.
#include <cctype>
#include <map>
#include <mutex>
#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/listener.h>
#include <unistd.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <regex>
#include <chrono>
#include <set>
#include <thread>
#include <unordered_map>

#include "diplograph/graph_store.hpp"
#include "store/bulk_write.hpp"
#include "store/db_path.hpp"
#include "store/impl.hpp"
#include "store/info_log.hpp"
#include "store/key_codec.hpp"
#include "store/records.hpp"

namespace diplograph {
namespace store {

Status from_rocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::ok();
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::not_found(std::move(msg));
  if (s.IsCorruption()) return Status::corruption(std::move(msg));
  if (s.IsInvalidArgument() || s.IsNotSupported()) return Status::invalid_input(std::move(msg));
  return Status::io_error(std::move(msg));
}

void abandon(std::unique_ptr<rocksdb::DB> db) {
  rocksdb::CancelAllBackgroundWork(db.get(), /*wait=*/true);
  (void)db.release();
}

namespace {

// Stops RocksDB from recovering from a background error on its own (after a full disk it would
// flush the memtables in a thread of its own, through the failed log writer): a failed write
// ends the command, and running it again resumes.
class NoAutoRecovery : public rocksdb::EventListener {
 public:
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason, rocksdb::Status,
                            bool* auto_recovery) override {
    *auto_recovery = false;
  }
};

}  // namespace

rocksdb::ColumnFamilyOptions family_options(Cf family) {
  rocksdb::ColumnFamilyOptions o;
  if (scanned_only(family)) {
    o.compression = rocksdb::kNoCompression;
    return o;
  }
  // Bloom filters: a bulk import looks up every record, actor and event key it brings, and most
  // are new; a filter answers "absent" without reading a block.
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

// A reader's block cache, shared by the store's families, big enough that a second look at a long
// timeline (thousands of events, each in its own block) reads no block again; RocksDB's default
// held a fraction of one. Memory is taken only as blocks are read.
void reader_cache(rocksdb::ColumnFamilyOptions& o, std::size_t bytes) {
  static std::mutex mutex;
  static std::map<std::size_t, std::shared_ptr<rocksdb::Cache>> caches;  // one per size, per process
  std::shared_ptr<rocksdb::Cache> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto& c = caches[bytes];
    if (!c) c = rocksdb::NewLRUCache(bytes);
    cache = c;
  }
  const auto* given = o.table_factory->GetOptions<rocksdb::BlockBasedTableOptions>();
  rocksdb::BlockBasedTableOptions t = given ? *given : rocksdb::BlockBasedTableOptions();
  t.block_cache = cache;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
}

}  // namespace store

using namespace store;

namespace {

Status corrupt(std::string_view what, std::string_view key_hex) {
  return Status::corruption("undecodable " + std::string(what) + " record " +
                            std::string(key_hex));
}

}  // namespace

GraphStore::Impl::~Impl() {
  if (!db) return;
  if (!write_error.is_ok()) {
    abandon(std::move(db));
    (void)lock.release();  // held, as RocksDB's own lock is, until the process ends
    return;
  }
  // Handles first: RocksDB asserts that none is alive when the DB goes.
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  db->Close().PermitUncheckedError();
}

Status GraphStore::Impl::wrote(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::ok();
  Status st = from_rocks(s, "database '" + dir + "': " + std::string(context));
  // Refused before anything was written: the store can go on.
  if (st.code() == StatusCode::kCorruption || st.code() == StatusCode::kInvalidInput) return st;
  st = Status::io_error(st.message() +
                        "; what was written before stays (free space and run it again to "
                        "resume)");
  if (write_error.is_ok()) write_error = st;
  return st;
}

Status GraphStore::Impl::writable() const { return write_error; }

Status GraphStore::Impl::get(Cf family, std::string_view key, std::string* value,
                             const rocksdb::Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  rocksdb::Status s = db->Get(ro, cf[family], rocksdb::Slice(key), value);
  if (s.IsNotFound()) return Status::not_found("no such key");
  return from_rocks(s, "read");
}

Result<std::uint64_t> GraphStore::Impl::counter(std::string_view name,
                                                const rocksdb::Snapshot* snapshot) const {
  std::string v;
  Status s = get(kMeta, name, &v, snapshot);
  if (s.code() == StatusCode::kNotFound) return std::uint64_t{0};
  if (!s) return s;
  auto n = decode_counter(v);
  if (!n) return Status::corruption("bad meta counter '" + std::string(name) + "'");
  return *n;
}

namespace {

// kInvalidInput naming the missing parent when `target`'s parent directory does not exist.
Status parent_exists(const std::filesystem::path& target, std::string_view dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path parent = target.parent_path();
  if (fs::is_directory(parent, ec)) return Status::ok();
  if (fs::exists(parent, ec))
    return Status::invalid_input("cannot create database '" + std::string(dir) + "': '" +
                                 parent.string() + "' is not a directory");
  return Status::invalid_input("cannot create database '" + std::string(dir) +
                               "': its parent directory '" + parent.string() +
                               "' does not exist (create it first, or give another --db)");
}

// Creates a new database with all its column families in a sibling directory and renames it into
// place. RocksDB adds column families one MANIFEST write at a time, so a process killed while
// creating in place would leave a database that readers cannot open; a directory rename is
// atomic, so `dir` either holds no database or a complete one. When `dir` exists and is not
// empty the rename cannot happen and the database is created in place as before.
Status create_atomically(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) return Status::ok();
  fs::path target = fs::absolute(dir, ec);
  if (!target.has_filename()) target = target.parent_path();  // "x.db/"
  // The database directory is ours to make; its parent is not: a mistyped --db must not grow a
  // tree of directories somewhere unexpected.
  if (Status st = parent_exists(target, dir); !st) return st;
  fs::path tmp = target;
  tmp += ".creating-" + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  rocksdb::DBOptions o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.keep_log_file_num = 2;
  o.listeners.push_back(std::make_shared<NoAutoRecovery>());
  fs::create_directory(tmp, ec);
  o.info_log = open_info_log(tmp.string());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (std::size_t f = 0; f < kCfCount; ++f)
    families.emplace_back(kCfNames[f], family_options(static_cast<Cf>(f)));
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(o, tmp.string(), families, &handles, &raw);
  if (!s.ok()) {  // a full disk, no permission: leave nothing behind
    fs::remove_all(tmp, ec);
    return from_rocks(s, "cannot create database '" + dir + "'");
  }
  rocksdb::Status w = raw->Put(rocksdb::WriteOptions(), handles.back(),
                               std::string(kMetaSchemaVersion), encode_counter(kSchemaVersion));
  if (!w.ok()) {  // a full disk: the half-made database goes, unclosed (see abandon)
    abandon(std::unique_ptr<rocksdb::DB>(raw));
    fs::remove_all(tmp, ec);
    return Status::io_error("cannot create database '" + dir + "': " + w.ToString());
  }
  for (auto* h : handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  rocksdb::Status c = raw->Close();
  delete raw;
  if (!c.ok()) return from_rocks(c, "close new database");
  fs::remove(target, ec);  // an empty directory given as --db
  fs::rename(tmp, target, ec);
  // Another process created it first: its database stands, ours goes.
  if (ec) fs::remove_all(tmp, ec);
  return Status::ok();
}

// The files of a RocksDB directory an error message names: tables, logs, MANIFEST, CURRENT.
std::vector<std::string> files_named(const std::string& message) {
  static const std::regex file(
      R"(([^\s:'"]*/)?([0-9]{6,}\.(sst|ldb|log|blob)|MANIFEST-[0-9]+|CURRENT|OPTIONS-[0-9]+))");
  std::vector<std::string> data, meta;  // tables and logs; MANIFEST and the like
  for (std::sregex_iterator it(message.begin(), message.end(), file), end; it != end; ++it) {
    auto& out = (*it)[3].matched ? data : meta;
    std::string name = (*it)[2];
    // A missing table is reported by its legacy name, tried after the .sst one.
    if ((*it)[3] == "ldb") name.replace(name.size() - 3, 3, "sst");
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  // "... 000012.sst in file MANIFEST-000009": the table is at fault, not the MANIFEST naming it.
  return data.empty() ? meta : data;
}

// A failed open, said so that a user knows which file is at fault and what to do: a damaged
// store (a file corrupt, truncated or missing) is kCorruption or kIoError "database DIR is
// damaged (FILE): ..."; anything else (a full disk, no permission, RocksDB's LOCK) kIoError
// "cannot open database DIR: ...", or kNotFound.
Status open_failure(const rocksdb::Status& s, const std::string& dir) {
  Status st = from_rocks(s, "cannot open database '" + dir + "'");
  const std::string what = s.ToString();
  const std::vector<std::string> files = files_named(what);
  const bool damaged =
      s.IsCorruption() || (!files.empty() && what.find("No such file") != std::string::npos);
  if (!damaged) return st.code() == StatusCode::kNotFound ? st : Status::io_error(st.message());
  std::string named;
  for (const auto& f : files) named += (named.empty() ? "" : ", ") + f;
  std::string msg = "database '" + dir + "' is damaged" +
                    (named.empty() ? std::string() : " (" + named + ")") + ": " + what +
                    "; run 'diplograph check --db " + dir +
                    "' once it opens, or restore the directory from a copy (or re-ingest the "
                    "sources into a new --db)";
  if (s.IsCorruption()) return Status::corruption(std::move(msg));
  return Status::io_error(std::move(msg));
}

}  // namespace

GraphStore::GraphStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
GraphStore::~GraphStore() = default;

Result<std::unique_ptr<GraphStore>> GraphStore::open(std::string_view dir,
                                                     const StoreOptions& options) {
  namespace fs = std::filesystem;
  auto impl = std::make_unique<Impl>();
  impl->dir = std::string(dir);
  impl->read_only = options.read_only;

  // A file, a dangling link, a directory of something else or another program's RocksDB is
  // refused here, before RocksDB would make it (or make it into) a database.
  if (auto vetted = vet_database_path(impl->dir); !vetted) return vetted.error();
  std::error_code ec;
  bool exists = fs::exists(fs::path(impl->dir) / "CURRENT", ec);
  if (!exists && (options.read_only || !options.create_if_missing))
    return Status::not_found("no database at '" + impl->dir + "'");

  if (!exists && !options.read_only) {
    if (Status st = create_atomically(impl->dir); !st) return st;
  }

  if (!options.read_only && options.lock) {
    if (!fs::is_directory(impl->dir, ec)) {
      fs::path target = fs::absolute(impl->dir, ec);
      if (!target.has_filename()) target = target.parent_path();
      if (Status st = parent_exists(target, impl->dir); !st) return st;
      fs::create_directory(target, ec);
      if (ec) return Status::io_error("cannot create '" + impl->dir + "': " + ec.message());
    }
    auto lock = WriterLock::acquire(impl->dir);
    if (!lock) return lock.error();
    impl->lock = std::move(*lock);
    // SST files of a bulk chunk that a crash interrupted before ingestion: never part of the DB.
    fs::remove_all(fs::path(impl->dir) / "bulk.tmp", ec);
  }

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !options.read_only && options.create_if_missing;
  db_options.create_missing_column_families = !options.read_only;
  // Old info logs (LOG.old.*) of writers: two are kept.
  db_options.keep_log_file_num = 2;
  if (!options.read_only) {
    db_options.listeners.push_back(std::make_shared<NoAutoRecovery>());
    db_options.info_log = open_info_log(impl->dir);
  } else {
    db_options.info_log = null_info_log();
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  families.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
  for (std::size_t f = 0; f < kCfCount; ++f) {
    rocksdb::ColumnFamilyOptions o = family_options(static_cast<Cf>(f));
    if (options.read_only && options.block_cache_bytes) reader_cache(o, options.block_cache_bytes);
    if (options.bulk_load && !options.read_only)
      if (Status st = bulk_load_options(o); !st) return st;
    families.emplace_back(kCfNames[f], o);
  }
  impl->bulk_loading = options.bulk_load && !options.read_only;
  impl->trace_bulk = options.trace_bulk;

  // A reader keeps every table file open from the start (max_open_files -1), so a concurrent
  // writer's compactions may unlink files without pulling them from under the reader's snapshot.
  // Opening the tables on 16 threads (the default) cost a one-shot query more in thread starts
  // than it saved; the statistics read at open serve compaction, which a reader never runs.
  if (options.read_only) {
    db_options.max_open_files = -1;
    db_options.skip_stats_update_on_db_open = true;
    db_options.max_file_opening_threads = 1;
  }

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  // A read-only open races with a writer that is switching MANIFEST or deleting obsolete files;
  // such an open fails cleanly and succeeds when tried again a moment later. Without a writer
  // the files do not move, and a failure is a damaged store: one more attempt (a writer may have
  // finished just now), then the error at once.
  bool retried_without_writer = false;
  for (int attempt = 0;; ++attempt) {
    s = options.read_only
            ? rocksdb::DB::OpenForReadOnly(db_options, impl->dir, families, &impl->handles, &raw)
            : rocksdb::DB::Open(db_options, impl->dir, families, &impl->handles, &raw);
    if (s.ok() || !options.read_only || attempt >= 20) break;
    const bool writer = WriterLock::held(impl->dir);
    if (!writer && retried_without_writer) break;
    retried_without_writer = retried_without_writer || !writer;
    if (raw) {
      for (auto* h : impl->handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete raw;
      raw = nullptr;
    }
    impl->handles.clear();
    if (writer) std::this_thread::sleep_for(std::chrono::milliseconds(50 + 25 * attempt));
  }
  if (!s.ok()) {
    // RocksDB hands out no handles on failure, but be safe about ownership either way.
    if (raw) {
      for (auto* h : impl->handles) raw->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      delete raw;
    }
    impl->handles.clear();
    return open_failure(s, impl->dir);
  }
  impl->db.reset(raw);
  for (std::size_t i = 0; i < kCfCount; ++i) impl->cf[i] = impl->handles[i + 1];
  {
    rocksdb::Status is = impl->db->GetDbIdentity(impl->identity);
    if (Status st = from_rocks(is, "read the identity of '" + impl->dir + "'"); !st) return st;
    while (!impl->identity.empty() && std::isspace(static_cast<unsigned char>(impl->identity.back())))
      impl->identity.pop_back();
    if (impl->identity.empty()) impl->identity = "-";
  }

  std::string version;
  Status vs = impl->get(kMeta, kMetaSchemaVersion, &version);
  if (vs.code() == StatusCode::kNotFound) {
    if (!options.read_only) {
      rocksdb::Status ws = impl->db->Put(rocksdb::WriteOptions(), impl->cf[kMeta],
                                         std::string(kMetaSchemaVersion),
                                         encode_counter(kSchemaVersion));
      if (Status st = impl->wrote(ws, "write schema version"); !st) return st;
    }
  } else if (!vs) {
    return vs;
  } else if (decode_counter(version) != kSchemaVersion) {
    return Status::corruption("database '" + impl->dir + "' has an unknown schema version");
  }
  return std::unique_ptr<GraphStore>(new GraphStore(std::move(impl)));
}

Status GraphStore::compact() {
  if (impl_->read_only) return Status::invalid_input("cannot compact a read-only store");
  std::lock_guard<std::recursive_mutex> writing(impl_->write_mutex);
  if (Status st = impl_->writable(); !st) return st;
  rocksdb::CompactRangeOptions o;
  for (auto* h : impl_->cf)
    if (Status st = impl_->wrote(impl_->db->CompactRange(o, h, nullptr, nullptr), "compact"); !st)
      return st;
  return Status::ok();
}

Result<StoreStats> GraphStore::stats() const {
  StoreStats st;
  // One snapshot, so the counters all come from the same side of a concurrent ingest.
  struct SnapshotGuard {
    rocksdb::DB* db;
    const rocksdb::Snapshot* snap;
    ~SnapshotGuard() { db->ReleaseSnapshot(snap); }
  } guard{impl_->db.get(), impl_->db->GetSnapshot()};
  struct Field {
    std::string_view name;
    std::uint64_t* out;
  };
  for (Field f : {Field{kMetaDocuments, &st.documents}, Field{kMetaMentions, &st.mentions},
                  Field{kMetaActors, &st.actors}, Field{kMetaEvents, &st.events},
                  Field{kMetaEdges, &st.edges}, Field{kMetaAffiliations, &st.affiliations}}) {
    auto n = impl_->counter(f.name, guard.snap);
    if (!n) return n.error();
    *f.out = *n;
  }
  return st;
}

Result<std::string> GraphStore::state_stamp() const {
  const std::string& identity = impl_->identity;  // read at open
  auto stats = this->stats();
  if (!stats) return stats.error();
  const StoreStats& s = *stats;
  std::string out = identity + ":" + std::to_string(impl_->db->GetLatestSequenceNumber());
  for (std::uint64_t n : {s.documents, s.mentions, s.actors, s.events, s.edges, s.affiliations})
    out += ":" + std::to_string(n);
  return out;
}

const std::string& GraphStore::directory() const { return impl_->dir; }

Result<std::map<std::string, std::uint64_t>> GraphStore::knowledge_versions() const {
  std::map<std::string, std::uint64_t> out;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kDoc]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto d = decode_doc(std::string_view(it->value().data(), it->value().size()));
    if (!d) return corrupt("document", hex_of(it->key().ToString()));
    ++out[d->knowledge];
  }
  if (!it->status().ok()) return Status::io_error(it->status().ToString());
  return out;
}

Result<Actor> GraphStore::get_actor(ActorId id) const {
  std::string v;
  std::string key = actor_key(id);
  Status s = impl_->get(kActor, key, &v);
  if (s.code() == StatusCode::kNotFound) return Status::not_found("unknown actor id " + hex_of(key));
  if (!s) return s;
  auto a = decode_actor(v);
  if (!a) return corrupt("actor", hex_of(key));
  return std::move(*a);
}

Result<Event> GraphStore::get_event(const EventId& id) const {
  std::string v;
  Status s = impl_->get(kEvent, event_key(id), &v);
  if (s.code() == StatusCode::kNotFound) return Status::not_found("unknown event " + id.hex());
  if (!s) return s;
  auto e = decode_event(v);
  if (!e) return corrupt("event", id.hex());
  return std::move(*e);
}

Status GraphStore::scan_adjacency(ActorId actor, std::int32_t from_day, std::int32_t to_day,
                                  const std::function<bool(const AdjEntry&)>& fn) const {
  if (from_day > to_day) return Status::ok();
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kAdj]));
  const std::string prefix = actor_key(actor);
  for (it->Seek(adj_seek_key(actor, from_day)); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.substr(0, prefix.size()) != prefix) break;
    auto e = decode_adj(key, std::string_view(it->value().data(), it->value().size()));
    if (!e) return corrupt("adj", hex_of(key));
    if (e->day > to_day) break;
    if (!fn(*e)) return Status::ok();
  }
  return from_rocks(it->status(), "scan adjacency");
}

Status GraphStore::scan_pair(ActorId a, ActorId b, std::int32_t from_day, std::int32_t to_day,
                             const std::function<bool(const AdjEntry&)>& fn) const {
  return scan_pair(a, b, from_day, to_day, /*descending=*/false, /*after=*/nullptr, fn);
}

Status GraphStore::for_each_actor(const std::function<bool(const Actor&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kActor]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto a = decode_actor(std::string_view(it->value().data(), it->value().size()));
    if (!a) return corrupt("actor", hex_of(it->key().ToString()));
    if (!fn(*a)) return Status::ok();
  }
  return from_rocks(it->status(), "scan actors");
}

Status GraphStore::for_each_event(const std::function<bool(const Event&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->cf[kEvent]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto e = decode_event(std::string_view(it->value().data(), it->value().size()));
    if (!e) return corrupt("event", hex_of(it->key().ToString()));
    if (!fn(*e)) return Status::ok();
  }
  return from_rocks(it->status(), "scan events");
}

}  // namespace diplograph
