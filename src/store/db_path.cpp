#include "store/db_path.hpp"

#include <rocksdb/db.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "store/key_codec.hpp"

namespace diplograph::store {

Result<DbPath> vet_database_path(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status link = fs::symlink_status(dir, ec);
  if (!fs::exists(link)) return DbPath::kAbsent;
  const fs::file_status target = fs::status(dir, ec);
  const std::string quoted = "'" + dir + "'";
  if (fs::is_symlink(link) && !fs::exists(target))
    return Status::invalid_input(quoted + " is a dangling symbolic link, not a diplograph database");
  if (fs::is_regular_file(target))
    return Status::invalid_input(quoted + " is a file, not a diplograph database (--db names a "
                                 "directory)");
  if (!fs::is_directory(target))
    return Status::invalid_input(quoted + " is not a directory, not a diplograph database");
  if (fs::is_empty(dir, ec) && !ec) return DbPath::kEmptyDir;
  if (!fs::exists(fs::path(dir) / "CURRENT", ec))
    return Status::invalid_input(quoted + " is a directory that holds no diplograph database "
                                 "(give a new or empty directory to make one)");
  std::vector<std::string> families;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &families);
  // A MANIFEST that cannot be read now (a writer switching it, damage) is for the open to report.
  if (!s.ok()) return DbPath::kDatabase;
  for (const char* ours : {kCfActor, kCfAlias, kCfEvent, kCfAdj, kCfPair, kCfTime, kCfDoc, kCfMeta})
    if (std::find(families.begin(), families.end(), ours) == families.end())
      return Status::invalid_input(quoted + " is a RocksDB database that diplograph did not make "
                                   "(it has no '" + ours + "' column family)");
  return DbPath::kDatabase;
}

}  // namespace diplograph::store
