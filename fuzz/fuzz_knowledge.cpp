// libFuzzer target: the knowledge files a user gives at run time, as `--dict FILE` and
// `--patterns FILE` read them: an actor dictionary (our JSON format or a TABARI/PETRARCH CAMEO
// dictionary) or an event pattern file (the TSV format of data/patterns/events.tsv). The first
// byte picks which. Each is read into a knowledge base of its own (without the built-in actors and
// patterns, whose loading takes seconds under the sanitizers), through the loaders
// Knowledge::load runs for them; every input must give the knowledge or an error naming a line.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "extract/kb_build.hpp"
#include "extract/knowledge.hpp"
#include "text/word_classes.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace diplograph;
  if (size == 0) return 0;
  const auto& words = text::WordClasses::load();
  if (!words) return 0;
  extract::Knowledge kb;
  kb.word_classes = &*words;
  const std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);
  Status st;
  if (data[0] & 1) {
    st = extract::detail::load_pattern_text(kb, "fuzz.tsv", content);
  } else {
    static const std::string path =
        "/tmp/diplograph-fuzz-knowledge-" + std::to_string(::getpid());
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(content.data(), 1, content.size(), f);
    std::fclose(f);
    extract::detail::Builder b{kb};
    st = extract::detail::load_user_dictionary(b, path);
    // What was added is found by its names.
    if (st)
      for (const auto& a : kb.actors) (void)kb.find(a.name);
  }
  if (!st && st.message().empty()) __builtin_trap();  // an error always says what is wrong
  return 0;
}
