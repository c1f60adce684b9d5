// The info log (DIR/LOG) of a writable store, written with plain write(2) calls whose failures
// are ignored. RocksDB's own logger appends through a WritableFileWriter that, once a write has
// failed (a full disk), aborts the process on the next message (an assertion in Debian's build),
// and the next message is the one reporting the failure. Thread-safety: RocksDB's Logger contract
// (Logv from any thread).
#pragma once

#include <rocksdb/env.h>

#include <memory>
#include <string>

namespace diplograph::store {

// A logger writing to `dir`/LOG; an existing LOG is renamed LOG.old.<microseconds> first, as
// RocksDB names them (so that keep_log_file_num removes old ones). Never fails: without a file it
// logs nothing.
std::shared_ptr<rocksdb::Logger> open_info_log(const std::string& dir);
// A logger that writes nothing: a reader leaves no file behind (and on a full disk, none that
// could fail).
std::shared_ptr<rocksdb::Logger> null_info_log();

}  // namespace diplograph::store
