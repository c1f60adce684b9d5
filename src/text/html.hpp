// HTML article pages: the article's text and metadata, read with Debian's gumbo parser.
// Thread-safety: pure function over its argument.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "diplograph/date.hpp"

namespace diplograph::text {

struct HtmlArticle {
  // What a reader sees of the article, one paragraph a block separated by blank lines: the text
  // of <article> (else <main>, else the element marked itemprop=articleBody, else <body>), with
  // scripts, styles, navigation, headers, footers, asides, forms, figure captions and elements
  // whose class or id says menu, share, social, newsletter, subscribe, related, promo, ad, cookie
  // or comment left out. The headline (<h1>) is its first paragraph when inside the article.
  // Mention offsets point into this text (it becomes Document::text).
  std::string text;
  std::string title;  // og:title, else <title>, else the first <h1>
  std::string url;    // og:url, else <link rel=canonical>
  std::string site;   // og:site_name
  // The publication date from the page's metadata: <meta property=article:published_time> (and
  // the usual name= variants), JSON-LD datePublished, itemprop=datePublished, <time datetime>.
  std::optional<Date> published;
};

// Elements nested deeper than this are dropped (their text kept) before parsing: real pages nest
// a few dozen deep, and gumbo frees its tree recursively and slows with depth. Browsers cap
// nesting too (Chromium's parser at 512).
inline constexpr std::size_t kMaxHtmlDepth = 400;

// Never fails: gumbo recovers from any input, as browsers do. Time and memory are linear in the
// page's size, whatever its nesting (see kMaxHtmlDepth).
HtmlArticle read_html(std::string_view html);

// The page with start tags nested past `max_depth` dropped, with their end tags (text kept);
// nullopt when no element nests that deep. A linear estimate of the nesting: void elements and
// those closed by a sibling (<p>, <li>, <td>) do not count, nor do raw-text elements' contents.
std::optional<std::string> cap_nesting(std::string_view html, std::size_t max_depth);

// True when `content` looks like an HTML page (a doctype or <html>/<head>/<body> near the start).
bool looks_like_html(std::string_view content);

}  // namespace diplograph::text
