// libFuzzer target: the CSV edge-list reader of `ingest --format csv` (any bytes; the first line is
// the header, each later line an event; never crashes, bad headers and lines are errors): the
// file read in blocks of whole lines (LineReader::read_block, as the import reads it), then line
// by line into records, and as one block into edge rows.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/csv.hpp"
#include "import/gdelt_icews_source.hpp"

namespace {

// The input as a file read in blocks of 1 to 8 lines: the blocks, joined, are the input (a last
// line given its '\n'), each block whole lines. Inputs that look compressed are left out (the
// reader inflates those, and calls a cut or damaged stream an error).
void check_blocks(std::string_view in) {
  // A first byte 0x1f is gzip's (a cut header is damaged gzip data, an error), "PK" a zip's.
  if ((!in.empty() && in[0] == '\x1f') || (in.size() >= 2 && in.substr(0, 2) == "PK")) return;
  const int fd = ::memfd_create("fuzz_csv", 0);
  if (fd < 0) return;
  if (::write(fd, in.data(), in.size()) != static_cast<ssize_t>(in.size())) {
    ::close(fd);
    return;
  }
  const std::size_t per_block = in.empty() ? 1 : static_cast<unsigned char>(in[0]) % 8 + 1;
  auto reader = diplograph::import::LineReader::open("/proc/self/fd/" + std::to_string(fd));
  std::string joined;
  if (reader) {
    for (;;) {
      std::string block;
      auto got = (*reader)->read_block(block, per_block);
      if (!got) __builtin_trap();
      if (*got == 0) break;
      std::size_t lines = 0;
      for (char c : block) lines += c == '\n';
      if (lines != *got || *got > per_block || block.back() != '\n') __builtin_trap();
      joined += block;
    }
  }
  ::close(fd);
  std::string want(in);
  if (!want.empty() && want.back() != '\n') want += '\n';
  if (reader && joined != want) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  check_blocks(in);
  std::size_t nl = in.find('\n');
  std::string_view head = in.substr(0, nl);
  (void)diplograph::import::looks_like_csv_header(head);
  auto header = diplograph::import::parse_csv_header(head);
  if (!header || nl == std::string_view::npos) return 0;
  diplograph::import::CsvNames names;
  diplograph::import::CsvBlock block;
  diplograph::import::parse_csv_block(*header, in.substr(nl + 1), names, block);
  diplograph::EdgeChunk chunk;
  chunk.rows = block.rows;
  diplograph::import::CsvNames::Listed listed;
  names.take_used(chunk.actors, listed);
  for (std::size_t i = 0; i < chunk.rows.size() && i < 64; ++i) (void)chunk.record(i);
  // Record by record (a quoted field may hold line breaks), as the block reader cuts them.
  const std::string_view body = in.substr(nl + 1);
  std::size_t pos = 0, line = 2, good = 0;
  while (pos < body.size()) {
    const std::size_t e = diplograph::import::csv_record_end(body, pos);
    if (e > body.size()) __builtin_trap();
    std::string_view text = body.substr(pos, e - pos);
    pos = e + 1;
    if (text.empty() || text == "\r") continue;  // skipped by the block reader too
    auto r = diplograph::import::parse_csv_line(*header, text, "fuzz.csv:" + std::to_string(line++));
    if (r) {
      (void)r->record_key();
      ++good;
    }
  }
  // Both readers take the same lines.
  if (good != block.rows.size()) __builtin_trap();
  return 0;
}
