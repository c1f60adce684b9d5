// libFuzzer target: per-document extraction records (`extract --emit documents`, merged by
// `ingest --format documents`), which arrive from other machines. Each line must give a record or
// an error; a record it gives must write back to a line that parses to the same record again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "diplograph/import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  (void)looks_like_document_record(line);
  auto first = parse_document_record(line);
  if (!first) {
    (void)first.error().message();
    return 0;
  }
  Document doc = first->doc;
  const std::string again = document_record_json(doc, first->extraction);
  auto second = parse_document_record(again);
  if (!second) __builtin_trap();
  if (document_record_json(second->doc, second->extraction) != again) __builtin_trap();
  return 0;
}
