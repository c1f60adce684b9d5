#include "text/dateline.hpp"

#include <cstdio>
#include <map>

#include "model/data_rows.hpp"
#include "text/segment.hpp"

namespace diplograph::text {
namespace {

const std::map<std::string, int, std::less<>>& months() {
  static const auto m = [] {
    std::map<std::string, int, std::less<>> out;
    const char* file = "lexicon/months.tsv";
    detail::require(
        detail::for_each_row(file, 2, [&](std::size_t line, std::vector<std::string>& c) {
          int m = std::atoi(c[1].c_str());
          if (m < 1 || m > 12)
            return Status::invalid_input(detail::where(file, line) + "bad month " + c[1]);
          out.emplace(c[0], m);
          return Status();
        }));
    return out;
  }();
  return m;
}

int number(const std::string& s) {
  if (s.empty() || s.size() > 4) return -1;
  for (char c : s)
    if (c < '0' || c > '9') return -1;
  return std::stoi(s);
}

bool valid(int y, int m, int d) {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return false;
  // Date::parse knows month lengths and leap years: "February 30" is no date.
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return Date::parse(buf).has_value();
}

// "2021-08-16" as written: the tokenizer joins it into one word, so read the raw bytes.
std::optional<Date> iso_date_at(std::string_view s, std::size_t i) {
  if (i + 10 > s.size() || s[i + 4] != '-' || s[i + 7] != '-') return std::nullopt;
  if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') return std::nullopt;
  if (i + 10 < s.size() && s[i + 10] >= '0' && s[i + 10] <= '9') return std::nullopt;
  for (std::size_t k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i + k] < '0' || s[i + k] > '9') return std::nullopt;
  int y = std::stoi(std::string(s.substr(i, 4))), m = std::stoi(std::string(s.substr(i + 5, 2))),
      d = std::stoi(std::string(s.substr(i + 8, 2)));
  if (!valid(y, m, d)) return std::nullopt;
  return Date::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

int month_number(std::string_view norm) {
  auto it = months().find(norm);
  return it == months().end() ? 0 : it->second;
}

std::optional<Date> find_dateline(std::string_view text) {
  std::uint32_t end = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), 400));
  auto toks = tokenize(text, 0, end);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].word && toks[i].end - toks[i].begin >= 10)
      if (auto d = iso_date_at(text, toks[i].begin)) return d;
    // ISO: 2021-08-16 is one token by the tokenizer's hyphen rule only for letters; try raw.
    if (toks[i].word && toks[i].norm.size() == 4 && number(toks[i].norm) > 0 && i + 4 < toks.size() &&
        toks[i + 1].norm == "-" && toks[i + 3].norm == "-") {
      int y = number(toks[i].norm), m = number(toks[i + 2].norm), d = number(toks[i + 4].norm);
      if (valid(y, m, d)) return Date::from_ymd(y, m, d);
    }
    int m = month_number(toks[i].norm);
    if (m == 0 || !toks[i].upper) continue;
    std::size_t j = i + 1;
    if (j < toks.size() && toks[j].norm == ".") ++j;
    // Month Day, Year
    if (j < toks.size() && number(toks[j].norm) > 0) {
      int d = number(toks[j].norm);
      std::size_t k = j + 1;
      if (k < toks.size() && toks[k].norm == ",") ++k;
      if (k < toks.size() && valid(number(toks[k].norm), m, d))
        return Date::from_ymd(number(toks[k].norm), m, d);
    }
    // Day Month Year
    if (i > 0 && number(toks[i - 1].norm) > 0 && j < toks.size()) {
      std::size_t k = j;
      if (toks[k].norm == ",") ++k;
      if (k < toks.size() && valid(number(toks[k].norm), m, number(toks[i - 1].norm)))
        return Date::from_ymd(number(toks[k].norm), m, number(toks[i - 1].norm));
    }
  }
  return std::nullopt;
}

}  // namespace diplograph::text
