#include "text/segment.hpp"

#include <algorithm>
#include <mutex>
#include <set>
#include <unordered_map>

#include "diplograph/event.hpp"
#include "model/data_rows.hpp"
#include "text/word_classes.hpp"

using namespace std::literals;

namespace diplograph::text {
namespace {

// Decodes one code point at `i` and advances `i`; invalid bytes count as one Latin-1 char.
std::uint32_t decode(std::string_view s, std::uint32_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + len > s.size()) len = 1;
  std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

bool is_apostrophe(std::uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018; }

bool is_letter(std::uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;
  if (cp == 0xFEFF) return false;
  return true;
}

bool is_space(std::uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x2009 ||
         cp == 0x202F || cp == 0x200B || cp == 0xFEFF || cp == 0x2002 || cp == 0x2003;
}

std::string punct_norm(std::uint32_t cp, std::string_view raw) {
  if (cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB || cp == 0x201E) return "\"";
  if (is_apostrophe(cp)) return "'";
  if (cp == 0x2013 || cp == 0x2014 || cp == 0x2012 || cp == 0x2212) return "-";
  if (cp == 0x2026) return "...";
  return std::string(raw);
}

std::string word_norm(std::string_view raw) {
  // Most words are plain ASCII letters and digits: lower-cased, they are their own norm.
  bool plain = true;
  for (char c : raw)
    plain &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  if (plain) {
    std::string out(raw);
    for (char& c : out)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
  }
  if (raw.find('.') != std::string_view::npos) {
    std::string out;
    for (char c : raw) out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
  }
  std::string n = normalize_name(raw);
  n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
  if (n.empty()) {
    for (char c : raw) n += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return n;
}

bool upper_start(std::string_view raw) {
  unsigned char c = static_cast<unsigned char>(raw[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  // Latin-1 supplement and Latin Extended-A capitals (É, Ş, Ž ...): good enough for names.
  std::uint32_t i = 0;
  std::uint32_t cp = decode(raw, i);
  if (cp >= 0xC0 && cp <= 0xDE) return true;
  if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;
  if (cp >= 0x410 && cp <= 0x42F) return true;
  return false;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s, std::uint32_t begin, std::uint32_t end) {
  std::vector<Token> out;
  std::uint32_t i = begin;
  while (i < end) {
    std::uint32_t start = i;
    std::uint32_t cp = decode(s, i);
    if (is_space(cp)) continue;
    if (!is_letter(cp)) {
      // "'s" after a word is the possessive: a token of its own.
      if (is_apostrophe(cp) && !out.empty() && out.back().word && out.back().end == start &&
          i < end && (s[i] == 's' || s[i] == 'S') &&
          (i + 1 >= end || !is_letter(static_cast<unsigned char>(s[i + 1])))) {
        out.push_back({start, i + 1, "'s", false, false});
        i = i + 1;
        continue;
      }
      // "..." is one token.
      if (cp == '.' && i + 1 < end && s[i] == '.' && s[i + 1] == '.') {
        out.push_back({start, i + 2, "...", false, false});
        i += 2;
        continue;
      }
      out.push_back({start, i, punct_norm(cp, s.substr(start, i - start)), false, false});
      continue;
    }
    // A word: letters and digits, joined by inner hyphens, apostrophes ("O'Brien", not "'s"),
    // digit separators ("1,000", "64.45") and the dots of abbreviations ("U.S.", "U.N.").
    std::uint32_t seg_start = start;
    for (;;) {
      std::uint32_t j = i;
      while (j < end) {
        std::uint32_t k = j;
        std::uint32_t c = decode(s, k);
        if (!is_letter(c)) break;
        j = k;
      }
      i = j;
      if (i + 1 >= end) break;
      std::uint32_t k = i;
      std::uint32_t c = decode(s, k);
      std::uint32_t k2 = k;
      std::uint32_t next = k2 < end ? decode(s, k2) : 0;
      bool digit_before = s[i - 1] >= '0' && s[i - 1] <= '9';
      bool next_digit = next >= '0' && next <= '9';
      if ((c == '-' && is_letter(next)) || ((c == ',' || c == '.') && digit_before && next_digit) ||
          (is_apostrophe(c) && is_letter(next) && !((next == 's' || next == 'S') &&
                                                    (k2 >= end || !is_letter(static_cast<unsigned char>(s[k2])))))) {
        i = k;
        seg_start = i;
        continue;
      }
      // A single letter followed by a dot and another letter: "U.S", "U.N".
      if (c == '.' && i - seg_start == 1 && is_letter(next) && !next_digit) {
        i = k;
        seg_start = i;
        continue;
      }
      break;
    }
    // Trailing dot of an abbreviation of single letters ("U.S.", "J.").
    bool letters_dotted = i - seg_start == 1 && i < end && s[i] == '.' &&
                          !(s[seg_start] >= '0' && s[seg_start] <= '9');
    if (letters_dotted && (seg_start == start || s[seg_start - 1] == '.')) ++i;
    std::string_view raw = s.substr(start, i - start);
    out.push_back({start, i, word_norm(raw), upper_start(raw), true});
  }
  return out;
}

std::vector<std::string> token_norms(std::string_view phrase) {
  std::vector<std::string> out;
  auto toks = tokenize(phrase, 0, static_cast<std::uint32_t>(phrase.size()));
  out.reserve(toks.size());
  for (auto& t : toks) out.push_back(std::move(t.norm));
  return out;
}

std::vector<Paragraph> paragraphs(std::string_view text) {
  // Lines are paragraphs when the text has blank lines or short lines; a hard-wrapped paragraph
  // (long lines not ending a sentence) continues on the next line.
  std::vector<Paragraph> out;
  std::uint32_t n = static_cast<std::uint32_t>(text.size());
  std::uint32_t i = 0;
  std::optional<Paragraph> cur;
  while (i < n) {
    std::uint32_t e = i;
    while (e < n && text[e] != '\n') ++e;
    std::uint32_t b = i, t = e;
    while (b < t && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) ++b;
    while (t > b && (text[t - 1] == ' ' || text[t - 1] == '\t' || text[t - 1] == '\r')) --t;
    if (b == t) {
      if (cur) out.push_back(*cur), cur.reset();
    } else if (!cur) {
      cur = Paragraph{b, t};
    } else {
      // Continue a wrapped paragraph only when the previous line was long and did not end a
      // sentence, and this line does not start indented.
      std::string_view prev = text.substr(cur->begin, cur->end - cur->begin);
      std::size_t last_nl = prev.rfind('\n');
      std::size_t prev_len = last_nl == std::string_view::npos ? prev.size() : prev.size() - last_nl - 1;
      char last = text[cur->end - 1];
      bool wrapped = prev_len >= 55 && last != '.' && last != '!' && last != '?' && last != ':' && b == i;
      if (wrapped) {
        cur->end = t;
      } else {
        out.push_back(*cur);
        cur = Paragraph{b, t};
      }
    }
    i = e + 1;
  }
  if (cur) out.push_back(*cur);
  return out;
}

namespace {

struct Cues {
  std::vector<std::vector<std::string>> phrases;
  // The phrases by their first word: a paragraph's words are looked up once each.
  std::unordered_map<std::string, std::vector<std::size_t>> by_first;
};

const Cues& cues() {
  static const Cues c = [] {
    Cues out;
    auto phrase = [&](std::size_t, std::vector<std::string>& c) {
      out.phrases.push_back(token_norms(c[0]));
      return Status();
    };
    detail::require(detail::for_each_row("lexicon/boilerplate.txt", 1, phrase));
    for (std::size_t k = 0; k < out.phrases.size(); ++k)
      if (!out.phrases[k].empty()) out.by_first[out.phrases[k][0]].push_back(k);
    return out;
  }();
  return c;
}

bool has_cue(const std::vector<Token>& toks) {
  const Cues& c = cues();
  for (std::size_t i = 0; i < toks.size(); ++i) {
    auto it = c.by_first.find(toks[i].norm);
    if (it == c.by_first.end()) continue;
    for (std::size_t p : it->second) {
      const auto& phrase = c.phrases[p];
      if (i + phrase.size() > toks.size()) continue;
      std::size_t k = 1;
      while (k < phrase.size() && toks[i + k].norm == phrase[k]) ++k;
      if (k == phrase.size()) return true;
    }
  }
  return false;
}

}  // namespace

bool addresses_reader(const std::vector<Token>& toks) {
  const WordClasses& words = word_classes();
  bool quoted = false;
  for (const auto& t : toks) {
    if (t.norm == "\"") quoted = !quoted;
    if (!quoted && t.word && words.is(t.norm, kReaderPronoun) &&
        // "US" in capitals is the United States, not the pronoun.
        (t.norm != "us"sv || !t.upper))
      return true;
  }
  return false;
}

namespace {

// is_boilerplate over the paragraph's tokens and sentences, made once by the caller.
bool boilerplate(std::string_view text, const Paragraph& p, const std::vector<Token>& toks,
                 const std::vector<Sentence>& sents) {
  if (toks.empty()) return true;
  if (has_cue(toks)) return true;
  int words = 0;
  for (const auto& t : toks) words += t.word;
  // A paragraph mostly in the first or second person addresses the reader.
  std::size_t personal = 0;
  for (const auto& s : sents) personal += addresses_reader(s.tokens);
  if (personal * 2 > sents.size()) return true;
  // A menu-like fragment: a few words with no sentence punctuation ("Once", "Monthly",
  // "paiment methods"). Headlines are longer.
  char last = text[p.end - 1];
  bool punct_end = last == '.' || last == '!' || last == '?' || last == '"';
  if (words <= 3 && !punct_end) return true;
  return false;
}

}  // namespace

bool is_boilerplate(std::string_view text, const Paragraph& p) {
  auto toks = tokenize(text, p.begin, p.end);
  return boilerplate(text, p, toks, split_sentences(text, toks));
}

std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<Sentence> out;
  const WordClasses& words = word_classes();
  std::size_t start = 0;
  auto emit = [&](std::size_t end_tok) {
    while (end_tok > start) {
      // A run-on "sentence" (a page with no full stop) is cut into pieces of at most
      // kMaxSentenceTokens, after the last semicolon, else comma, of a piece's second half.
      std::size_t stop = end_tok;
      if (stop - start > kMaxSentenceTokens) {
        stop = start + kMaxSentenceTokens;
        for (std::string_view mark : {";"sv, ","sv}) {
          std::size_t k = stop;
          while (k > start + kMaxSentenceTokens / 2 && tokens[k - 1].norm != mark) --k;
          if (k > start + kMaxSentenceTokens / 2) {
            stop = k;
            break;
          }
        }
      }
      Sentence s;
      s.tokens.assign(tokens.begin() + start, tokens.begin() + stop);
      s.begin = s.tokens.front().begin;
      s.end = s.tokens.back().end;
      out.push_back(std::move(s));
      start = stop;
    }
  };
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    bool stop = t.norm == "."sv || t.norm == "!"sv || t.norm == "?"sv;
    // "U.S." carries its full stop inside the token. It ends the sentence only on strong
    // evidence: the next word is a capitalized function word that starts sentences ("The",
    // "He", "But") and never continues a name; else it stays inside, the safer error.
    if (!stop && t.word && t.norm.size() >= 4 && t.norm.back() == '.' && i + 1 < tokens.size() &&
        tokens[i + 1].upper && words.is(tokens[i + 1].norm, kSentenceOpener)) {
      emit(i + 1);
      continue;
    }
    if (!stop) continue;
    if (t.norm == "."sv && i > 0 && tokens[i - 1].end == t.begin) {
      const std::string& prev = tokens[i - 1].norm;
      if (words.is(prev, kAbbreviation)) continue;
      // "No. 10": the number sign; "he said no." still ends a sentence.
      if (prev == "no"sv && i + 1 < tokens.size() && !tokens[i + 1].norm.empty() &&
          tokens[i + 1].norm[0] >= '0' && tokens[i + 1].norm[0] <= '9')
        continue;
      if (tokens[i - 1].word && prev.size() == 1 && tokens[i - 1].upper) continue;  // initial
    }
    std::size_t j = i + 1;
    while (j < tokens.size() && (tokens[j].norm == "\"" || tokens[j].norm == "'"sv ||
                                 tokens[j].norm == ")"sv))
      ++j;
    if (j < tokens.size()) {
      const Token& n = tokens[j];
      bool starts = n.upper || (n.word && n.norm[0] >= '0' && n.norm[0] <= '9') || n.norm == "\"";
      if (!starts) continue;
    }
    emit(j);
    i = j - 1;
  }
  emit(tokens.size());
  (void)text;
  return out;
}

std::vector<Sentence> news_sentences(std::string_view text) {
  return news_sentences(text, 0, static_cast<std::uint32_t>(text.size()));
}

std::vector<Sentence> news_sentences(std::string_view text, std::uint32_t begin,
                                     std::uint32_t end) {
  std::vector<Sentence> out;
  auto paras = paragraphs(text.substr(begin, end - begin));
  for (auto& p : paras) p.begin += begin, p.end += begin;
  for (std::size_t k = 0; k < paras.size(); ++k) {
    auto toks = tokenize(text, paras[k].begin, paras[k].end);
    auto sents = split_sentences(text, toks);
    if (boilerplate(text, paras[k], toks, sents)) {
      // Appeals and footers come last: a cue in the second half cuts off the rest.
      if (has_cue(toks) && paras[k].begin - begin > (end - begin) / 2) break;
      continue;
    }
    for (auto& s : sents)
      if (!addresses_reader(s.tokens)) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace diplograph::text
