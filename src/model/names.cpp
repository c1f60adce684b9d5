// Name normalization: the one key under which actor names and aliases are compared.
#include <cstdint>
#include <string>
#include <string_view>

#include "diplograph/event.hpp"
#include "util/utf8.hpp"

namespace diplograph {
namespace {

// ASCII folding of U+00C0..U+024F (Latin-1 Supplement, Latin Extended-A and -B), lower case,
// from Unicode's decompositions; "" where a code point is not a letter.
const char* const kFold[] = {"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "", "l", "l", "l", "l", "l", "l", "", "", "l", "l", "n", "n", "n", "n", "n", "n", "", "", "", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "o", "o", "", "", "", "", "", "", "", "", "", "", "", "", "", "u", "u", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "dz", "dz", "dz", "lj", "lj", "lj", "nj", "nj", "nj", "a", "a", "i", "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "", "a", "a", "a", "a", "", "", "", "", "g", "g", "k", "k", "o", "o", "o", "o", "", "", "j", "dz", "dz", "dz", "g", "g", "", "", "n", "n", "a", "a", "", "", "", "", "a", "a", "a", "a", "e", "e", "e", "e", "i", "i", "i", "i", "o", "o", "o", "o", "r", "r", "r", "r", "u", "u", "u", "u", "s", "s", "t", "t", "", "", "h", "h", "", "", "", "", "", "", "a", "a", "e", "e", "o", "o", "o", "o", "o", "o", "o", "o", "y", "y", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""};

}  // namespace

namespace {

bool control(std::uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp < 0xA0); }

}  // namespace

bool needs_cleaning(std::string_view name) {
  if (!name.empty() && (name.front() == ' ' || name.back() == ' ')) return true;
  for (std::size_t i = 0; i < name.size();) {
    const std::uint32_t cp = util::next_code_point(name, i);
    if (control(cp)) return true;
    if (cp == ' ' && i < name.size() && name[i] == ' ') return true;
  }
  return false;
}

std::string clean_name(std::string_view name) {
  if (!needs_cleaning(name)) return std::string(name);
  std::string out;
  out.reserve(name.size());
  bool space = true;  // suppresses leading and repeated spaces
  for (std::size_t i = 0; i < name.size();) {
    const std::size_t at = i;
    const std::uint32_t cp = util::next_code_point(name, i);
    if (control(cp) || cp == ' ') {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    out.append(name.substr(at, i - at));
    space = false;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string normalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool space = true;  // suppresses leading and repeated spaces
  auto put = [&](std::string_view piece) {
    for (char ch : piece) {
      out += ch;
      space = false;
    }
  };
  for (std::size_t i = 0; i < name.size();) {
    std::uint32_t cp = util::next_code_point(name, i);
    if (cp < 0x80) {
      char ch = static_cast<char>(cp);
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        put(std::string_view(&ch, 1));
        continue;
      }
      // Apostrophes inside a word vanish ("O'Brien" -> "obrien"), like the scorers' folding
      // turns them into a space; keep them as a space for "Russia's" -> "russia s".
    } else if (cp >= 0xC0 && cp < 0xC0 + sizeof(kFold) / sizeof(kFold[0])) {
      std::string_view f = kFold[cp - 0xC0];
      if (!f.empty()) {
        put(f);
        continue;
      }
    } else if (cp >= 0x0300 && cp <= 0x036F) {
      continue;  // combining accent: drop
    } else if ((cp >= 0x0370 && cp <= 0x1FFF) || (cp >= 0x3040 && cp <= 0x9FFF)) {
      // Other scripts: keep the letters as they are.
      std::size_t len = cp < 0x800 ? 2 : 3;
      std::string_view raw = name.substr(i - len, len);
      put(raw);
      continue;
    }
    if (!space) {
      out += ' ';
      space = true;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("the ", 0) == 0) out.erase(0, 4);
  return out;
}

}  // namespace diplograph
