// Streaming input for the event importers: plain files, standard input, .gz (zlib) and .zip
// (every member, CRC-checked), read block by block so file size does not matter. A truncated or
// damaged archive is a read error (kIoError), not an early end.
// Thread-safety: one reader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/status.hpp"

namespace diplograph::import {

class LineReader {
 public:
  // Opens `path` ("-" is standard input). kInvalidInput when it is missing or a directory;
  // kIoError "PATH: truncated or damaged zip archive (...)" for a zip without a readable central
  // directory (a file named .zip or opening with a zip header).
  static Result<std::unique_ptr<LineReader>> open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // Appends up to `max_lines` lines (without "\n" or "\r\n") to `out`; returns how many. 0 at
  // the end. kIoError when reading fails, a truncated or damaged .gz or .zip included ("truncated
  // or damaged gzip data (zlib: unexpected end of file)"); a line cut by the damage is never
  // returned.
  Result<std::size_t> read_lines(std::vector<std::string>& out, std::size_t max_lines);
  // The first non-empty line of `path` (a line past `max_line_bytes` counts as empty): nullopt
  // when it has none; the error of opening or reading it otherwise. For sniffing a file's kind.
  static Result<std::optional<std::string>> first_line(const std::string& path,
                                                       std::size_t max_line_bytes);
  // Appends up to `max_lines` whole lines to `out`, each ending in "\n" (a last line without one
  // gains it; "\r\n" is kept as it is), and returns how many. 0 at the end. Errors as read_lines.
  Result<std::size_t> read_block(std::string& out, std::size_t max_lines);
  // A line longer than `n` bytes is read past (no more of it is held than that) and given as an
  // empty line, so the lines after it keep their numbers; take_too_long() says which were.
  // Default: kDefaultMaxRecordBytes.
  void set_max_line_bytes(std::size_t n) { max_line_ = n; }
  // The 1-based numbers of the lines given empty for being too long since the last call: each is
  // a bad record (too_long_message()) the caller reports.
  std::vector<std::uint64_t> take_too_long();
  std::string too_long_message() const;
  // Compressed input that expands more than kMaxRatio times its size once past kRatioFloor bytes
  // is refused (kInvalidInput): a decompression bomb, not data. Real GDELT/ICEWS/CSV files
  // compress 5 to 20 times.
  static constexpr std::uint64_t kMaxRatio = 100;
  static constexpr std::uint64_t kRatioFloor = std::uint64_t{256} << 20;
  // Compressed bytes consumed so far and the file size (0 for standard input).
  std::uint64_t bytes_done() const;
  std::uint64_t bytes_total() const { return total_; }

  struct Impl;

 private:
  LineReader() = default;
  std::unique_ptr<Impl> impl_;
  std::uint64_t total_ = 0;
  // Reads into buf through impl_, counting and checking the expansion ratio; -1 with error_.
  long read(char* buf, std::size_t n);
  // Reads past the rest of the current line; what follows its '\n' goes to pending_. False
  // with error_ when reading fails.
  bool skip_line();
  std::vector<std::uint64_t> too_long_;
  std::string pending_;  // a line not yet finished by a newline
  std::size_t scanned_ = 0;  // bytes of pending_ known to hold no '\n'
  std::size_t max_line_ = kDefaultMaxRecordBytes;
  std::uint64_t lines_ = 0, expanded_ = 0;  // lines returned, bytes decompressed
  Status error_;
  bool eof_ = false;
};

}  // namespace diplograph::import
