// BulkLoader (diplograph/bulk_load.hpp): a bulk load's start and finish. The chunks it adds are
// folded and written by bulk.cpp (records) and bulk_edges.cpp (edge rows), with what they share in
// bulk_common.cpp and bulk_write.cpp.
#include <rocksdb/convenience.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <thread>
#include <unordered_map>

#include "diplograph/bulk_load.hpp"
#include "store/bulk_common.hpp"
#include "store/impl.hpp"
#include "util/threads.hpp"

namespace diplograph {

using namespace store;

namespace store {

namespace {

// A column family's options as RocksDB's option strings ("disable_auto_compactions" -> "false").
std::unordered_map<std::string, std::string> option_map(const rocksdb::ColumnFamilyOptions& o) {
  std::string text;
  std::unordered_map<std::string, std::string> out;
  if (rocksdb::GetStringFromColumnFamilyOptions(rocksdb::ConfigOptions(), o, &text).ok())
    (void)rocksdb::StringToMap(text, &out);
  return out;
}

// What a bulk load changes (BulkLoader::start): RocksDB's own bulk-load settings
// (Options::PrepareForBulkLoad: no automatic compaction, no write stalls on level-0 files or
// pending compaction bytes, larger files), those an open store can change, but the number of
// memtables (a chunk bypasses them as SST files; more of them would only hold memory) and the
// largest compaction (automatic compaction is off; set back to RocksDB's default, 0, it would
// read as its derived value, 25 files). The number of levels stays: it is fixed when a store is
// made. In SetOptions' form, which also sets
// them on options before an open (bulk_load_options).
const std::unordered_map<std::string, std::string>& bulk_load_changes() {
  static const auto changes = [] {
    rocksdb::Options plain, bulk;
    bulk.PrepareForBulkLoad();
    const auto before = option_map(plain);
    std::unordered_map<std::string, std::string> out;
    for (const auto& [key, value] : option_map(bulk)) {
      if (key == "num_levels" || key == "max_write_buffer_number" ||
          key == "max_compaction_bytes")
        continue;
      auto was = before.find(key);
      if (was == before.end() || was->second != value) out.emplace(key, value);
    }
    // Our floor, whatever the RocksDB version's PrepareForBulkLoad says.
    out["disable_auto_compactions"] = "true";
    return out;
  }();
  return changes;
}

}  // namespace

Status bulk_load_options(rocksdb::ColumnFamilyOptions& o) {
  return from_rocks(rocksdb::GetColumnFamilyOptionsFromMap(rocksdb::ConfigOptions(), o,
                                                           bulk_load_changes(), &o),
                    "bulk load options");
}

}  // namespace store

namespace {

Status set_all_families(GraphStore::Impl& impl,
                        const std::unordered_map<std::string, std::string>& options) {
  for (auto* h : impl.cf)
    if (Status s = from_rocks(impl.db->SetOptions(h, options), "set options"); !s)
      return Status::io_error(s.message());
  return Status::ok();
}

}  // namespace

Result<BulkLoader> BulkLoader::start(GraphStore& store) {
  GraphStore::Impl* impl_ = store.impl_.get();
  if (impl_->read_only) return Status::invalid_input("cannot load into a read-only store");
  if (!impl_->bulk_loading) {  // else opened for it (StoreOptions::bulk_load)
    if (Status s = set_all_families(*impl_, bulk_load_changes()); !s) return s;
    impl_->bulk_loading = true;
  }
  return BulkLoader(store);
}

BulkLoader::BulkLoader(BulkLoader&& other) noexcept : store_(other.store_) {
  other.store_ = nullptr;
}

BulkLoader::~BulkLoader() {
  // Unfinished (an import that failed): the store's own options back, nothing merged.
  if (store_) (void)finish(std::numeric_limits<int>::max());
}

Result<int> BulkLoader::finish(int max_runs,
                               const std::function<void(std::string_view families)>& on_merge) {
  if (!store_) return Status::invalid_input("the bulk load is finished");
  GraphStore::Impl* impl_ = store_->impl_.get();
  store_ = nullptr;
  // Each family left with many sorted runs is merged with all its files into the last level
  // in one pass (CompactFiles): CompactRange would go down level by level and write the larger
  // families five or six times. The families are merged on all cores, largest first. No new
  // background compaction may start meanwhile; one already running (a store opened after the
  // load) can hold some of the files, and then that family goes through CompactRange.
  if (!impl_->bulk_loading)
    if (Status s = set_all_families(*impl_, {{"disable_auto_compactions", "true"}}); !s) return s;
  struct Job {
    Cf cf;
    rocksdb::ColumnFamilyHandle* family;
    std::vector<std::string> files;
    std::uint64_t bytes = 0;
    int last_level = 0;
  };
  std::vector<Job> jobs;
  for (std::size_t f = 0; f < kCfCount; ++f) {
    rocksdb::ColumnFamilyHandle* h = impl_->cf[f];
    rocksdb::ColumnFamilyMetaData meta;
    impl_->db->GetColumnFamilyMetaData(h, &meta);
    if (meta.levels.empty()) continue;
    // Sorted runs: each level-0 file, and each deeper level that holds files. (Ingestion puts a
    // chunk's file into the deepest level it does not overlap, so the first chunks of a load
    // fill levels 6 to 1 and only the later ones pile up in level 0.)
    std::int64_t runs = static_cast<std::int64_t>(meta.levels[0].files.size());
    for (std::size_t l = 1; l < meta.levels.size(); ++l) runs += !meta.levels[l].files.empty();
    // A scan (adj, pair, time) seeks and merges every run; a lookup by key skips a run on its
    // Bloom filter, so keyed families bear four times as many.
    if (runs < (scanned_only(static_cast<Cf>(f)) ? 1 : 4) * static_cast<std::int64_t>(max_runs))
      continue;
    Job job{static_cast<Cf>(f), h, {}, meta.size, static_cast<int>(meta.levels.size()) - 1};
    for (const auto& level : meta.levels)
      for (const auto& f : level.files) job.files.push_back(f.name);
    jobs.push_back(std::move(job));
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.bytes > b.bytes; });
  if (on_merge && !jobs.empty()) {
    std::string names;  // in the families' order
    for (std::size_t f = 0; f < kCfCount; ++f)
      for (const Job& j : jobs)
        if (j.cf == f) names.append(names.empty() ? "" : ", ").append(kCfNames[f]);
    on_merge(names);
  }
  BulkTrace lap(impl_->trace_bulk);
  std::vector<rocksdb::Status> results(jobs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i; (i = next++) < jobs.size();) {
      rocksdb::CompactionOptions o;
      o.compression = rocksdb::kDisableCompressionOption;  // the family's own setting
      o.output_file_size_limit = std::uint64_t{256} << 20;
      o.max_subcompactions = 2;
      rocksdb::Status s =
          impl_->db->CompactFiles(o, jobs[i].family, jobs[i].files, jobs[i].last_level);
      if (!s.ok())
        s = impl_->db->CompactRange(rocksdb::CompactRangeOptions(), jobs[i].family, nullptr, nullptr);
      results[i] = s;
    }
  };
  std::vector<std::thread> pool;
  const unsigned threads = util::thread_count(0, 2);  // a merge is mostly I/O: two at a time
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  lap("merge");
  // A failed merge (a full disk) leaves the store as it was; nothing more is written.
  for (std::size_t i = 0; i < jobs.size(); ++i)
    if (Status st = impl_->wrote(results[i], "merge the " + std::string(kCfNames[jobs[i].cf]) +
                                                 " family");
        !st)
      return st;
  // Background compaction again, now that nothing is left for it to redo (before the merges, it
  // would have taken their files from under them).
  // Each family's own values of what the load changed.
  for (std::size_t f = 0; f < kCfCount; ++f) {
    const auto own = option_map(family_options(static_cast<Cf>(f)));
    std::unordered_map<std::string, std::string> restore;
    for (const auto& [key, value] : bulk_load_changes())
      if (auto it = own.find(key); it != own.end()) restore.emplace(key, it->second);
    if (Status s = from_rocks(impl_->db->SetOptions(impl_->cf[f], restore), "set options"); !s)
      return Status::io_error(s.message());
  }
  impl_->bulk_loading = false;
  return static_cast<int>(jobs.size());
}

}  // namespace diplograph
