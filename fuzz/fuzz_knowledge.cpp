// libFuzzer target: the knowledge files a user gives at run time, as `--dict FILE` and
// `--patterns FILE` read them: an actor dictionary (our JSON format or a TABARI/PETRARCH CAMEO
// dictionary) or an event pattern file (the TSV format of data/patterns/events.tsv). The first
// byte picks which; an extractor built with the file (an error for a bad one) then extracts a
// short article, so the file's entries are used, not just parsed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "diplograph/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const std::string path = "/tmp/diplograph-fuzz-knowledge-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data + 1, 1, size - 1, f);
  std::fclose(f);
  diplograph::ExtractorOptions options;
  (data[0] & 1 ? options.pattern_files : options.dict_files).push_back(path);
  auto extractor = diplograph::Extractor::create(options);
  if (!extractor) {
    (void)extractor.error().message();
    return 0;
  }
  diplograph::Document doc;
  doc.id = "fuzz";
  doc.published = diplograph::Date::from_ymd(2021, 8, 16);
  doc.text =
      "Russian Foreign Minister Sergei Lavrov held a phone call with US Secretary of State Antony "
      "Blinken on Monday. The two sides discussed Afghanistan. Lavrov will visit Tehran next "
      "week, where he is to meet President Ebrahim Raisi. Blinken criticized the Taliban and "
      "praised Qatar for hosting the talks. The minister denied that Moscow had sent troops.";
  (void)(*extractor)->extract(doc);
  return 0;
}
