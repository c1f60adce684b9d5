// gen_events: writes the synthetic heavy-tailed event set (bench/synthetic.hpp) as event JSON
// Lines (what `ingest --format events` reads) and as a plain CSV (source,target,date,type,id,
// status: what `ingest --format csv` reads) for loading into other tools. The status column
// comes last, so tools reading the first five by position see what they always saw.
//   gen_events [--actors N] [--events N] [--jsonl FILE] [--csv FILE]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "diplograph/export.hpp"
#include "synthetic.hpp"

int main(int argc, char** argv) {
  diplograph::bench::SyntheticSpec spec;
  std::string jsonl, csv;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--actors") spec.actors = std::stoul(v);
    else if (a == "--events") spec.events = std::stoul(v);
    else if (a == "--jsonl") jsonl = v;
    else if (a == "--csv") csv = v;
    else {
      std::cerr << "usage: gen_events [--actors N] [--events N] [--jsonl FILE] [--csv FILE]\n";
      return 2;
    }
  }
  std::ofstream j, c;
  if (!jsonl.empty()) j.open(jsonl);
  if (!csv.empty()) {
    c.open(csv);
    c << "source,target,date,type,id,status\n";
  }
  diplograph::bench::generate(spec, [&](const diplograph::Event& e) {
    if (j.is_open()) j << diplograph::event_to_json(e) << "\n";
    if (c.is_open())
      c << e.source.name << "," << e.target->name << "," << e.date.to_string() << ","
        << diplograph::to_string(e.type) << "," << e.id.hex() << ","
        << diplograph::to_string(e.status) << "\n";
  });
  return (j.is_open() && !j) || (c.is_open() && !c) ? 3 : 0;
}
