// HTML article pages: the article's text and metadata, read with Debian's gumbo parser.
// Thread-safety: pure function over its argument.
#pragma once

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

// Never fails: gumbo recovers from any input, as browsers do.
HtmlArticle read_html(std::string_view html);

// True when `content` looks like an HTML page (a doctype or <html>/<head>/<body> near the start).
bool looks_like_html(std::string_view content);

}  // namespace diplograph::text
