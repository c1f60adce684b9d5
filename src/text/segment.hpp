// Tokens, sentences and boilerplate removal for news text. Every position is a UTF-8 byte offset
// into the document text the functions were given, so mentions point back into Document::text.
// Thread-safety: pure functions over their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diplograph::text {

struct Token {
  std::uint32_t begin = 0, end = 0;  // byte range in the text
  std::string norm;                  // lower-case, accents folded: "lavrov", "u.s.", "'s", ","
  bool upper = false;                // starts with an upper-case letter
  bool word = false;                 // letters or digits (not punctuation)
};

struct Sentence {
  std::uint32_t begin = 0, end = 0;  // byte range in the text
  std::vector<Token> tokens;
};

// Splits [begin, end) of `text` into tokens: words (keeping "U.S.", "inter-Afghan", "64.45"),
// the possessive "'s" as a token of its own, and single punctuation marks. Curly quotes and
// apostrophes count like straight ones.
std::vector<Token> tokenize(std::string_view text, std::uint32_t begin, std::uint32_t end);

// The normalized form of a name or phrase as a sequence of token norms: "Russia's" -> russia 's.
std::vector<std::string> token_norms(std::string_view phrase);

// A paragraph: a run of lines ended by a blank line (or a line that looks like a heading).
struct Paragraph {
  std::uint32_t begin = 0, end = 0;
};
std::vector<Paragraph> paragraphs(std::string_view text);

// True when a sentence speaks in the first or second person ("we", "our", "you") outside
// quotation marks: news narrative is in the third person, appeals to the reader are not.
bool addresses_reader(const std::vector<Token>& tokens);

// Cues of page furniture (data/lexicon/boilerplate.txt): phrases such as "sign up", "newsletter",
// "read more". Loaded once from the embedded data.
// True when a paragraph is page furniture rather than news: a cue phrase, mostly first or second
// person sentences, or a menu-like fragment of a few words.
bool is_boilerplate(std::string_view text, const Paragraph& p);

// The sentences of the news paragraphs of `text`, boilerplate removed: a paragraph that is page
// furniture is dropped, and after a furniture cue in the second half of the document everything
// that follows is dropped too (appeals and footers come last).
std::vector<Sentence> news_sentences(std::string_view text);
// The same for the part [begin, end) of `text` (a window of a huge document), as if it were the
// whole text; offsets stay offsets into `text`.
std::vector<Sentence> news_sentences(std::string_view text, std::uint32_t begin,
                                     std::uint32_t end);

// The longest sentence split_sentences makes: a longer run (a page with no full stop) is cut
// after a semicolon or comma, else at this length. Matching costs grow with the square of a
// sentence's length; news sentences stay far below it.
inline constexpr std::size_t kMaxSentenceTokens = 500;

// Splits the tokens of one paragraph into sentences, respecting abbreviations (Mr., Gen., Jan.,
// U.S., initials) and closing quotes after the full stop.
std::vector<Sentence> split_sentences(std::string_view text, const std::vector<Token>& tokens);

}  // namespace diplograph::text
