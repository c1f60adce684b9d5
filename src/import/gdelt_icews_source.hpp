// Streaming input for the event importers: plain files, standard input, .gz (zlib) and .zip
// (the first member, stored or deflated), read block by block so file size does not matter.
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/status.hpp"

namespace diplograph::import {

class LineReader {
 public:
  // Opens `path` ("-" is standard input). kInvalidInput when it is missing, a directory or an
  // unreadable archive.
  static Result<std::unique_ptr<LineReader>> open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Appends up to `max_lines` lines (without "\n" or "\r\n") to `out`; returns how many. 0 at
  // the end. kIoError (or kInvalidInput for a corrupt archive) when reading fails.
  Result<std::size_t> read_lines(std::vector<std::string>& out, std::size_t max_lines);
  // Appends up to `max_lines` whole lines to `out`, each ending in "\n" (a last line without one
  // gains it; "\r\n" is kept as it is), and returns how many. 0 at the end. Errors as read_lines.
  Result<std::size_t> read_block(std::string& out, std::size_t max_lines);
  // Compressed bytes consumed so far and the file size (0 for standard input).
  std::uint64_t bytes_done() const;
  std::uint64_t bytes_total() const { return total_; }

  struct Impl;

 private:
  LineReader() = default;
  std::unique_ptr<Impl> impl_;
  std::uint64_t total_ = 0;
  std::string pending_;  // a line not yet finished by a newline
  bool eof_ = false;
};

}  // namespace diplograph::import
