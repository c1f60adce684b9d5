// docs_from_csv: a CSV event edge list (bench/gen_events, ../shared/peerbench/gen_events.py with a
// header line) written as per-document records, one document per row, as `extract --emit
// documents` writes them: the input of bench/merge_bench.sh, which times `ingest --format
// documents` of them against `ingest --format csv` of the same rows.
//   docs_from_csv EVENTS.csv > DOCS.jsonl
// Each row is a document whose text is the row itself (so each has a content key of its own), id
// "FILE:LINE", reporting the row's event with one mention and naming its two actors.
#include <fstream>
#include <iostream>
#include <string>

#include "diplograph/import.hpp"
#include "import/csv.hpp"

using namespace diplograph;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: docs_from_csv EVENTS.csv > DOCS.jsonl\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::string line;
  if (!std::getline(in, line)) return 2;
  auto header = import::parse_csv_header(line);
  if (!header) {
    std::cerr << argv[1] << ":1: " << header.error().message() << "\n";
    return 2;
  }
  const std::string knowledge = "synthetic0000000";
  std::string out;
  for (std::uint64_t n = 2; std::getline(in, line); ++n) {
    const std::string id = std::string(argv[1]) + ":" + std::to_string(n);
    auto rec = import::parse_csv_line(*header, line, id);
    if (!rec) {
      std::cerr << id << ": " << rec.error().message() << "\n";
      return 2;
    }
    rec->doc.text = line;
    rec->extraction.knowledge = knowledge;
    for (Event& e : rec->extraction.events)
      for (Mention& m : e.mentions) m.doc = id;
    out += document_record_json(rec->doc, rec->extraction);
    out += '\n';
    if (out.size() > (1 << 20)) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out;
  return std::cout ? 0 : 3;
}
