#include "text/html.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "text/word_classes.hpp"

namespace diplograph::text {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return "";
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : "";
}

bool is_element(const GumboNode* n, GumboTag tag) {
  return n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == tag;
}

// Page furniture by element or by a class/id word.
bool is_furniture(const GumboNode* n) {
  switch (n->v.element.tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD: case GUMBO_TAG_MENU:
      return true;
    default:
      break;
  }
  if (lower(attr(n, "role")) == "navigation" || lower(attr(n, "aria-hidden")) == "true") return true;
  // Words of class and id attributes, split at non-letters: "share-bar" -> share, bar.
  const WordClasses& words = word_classes();
  std::string cls = lower(attr(n, "class") + " " + attr(n, "id"));
  std::size_t i = 0;
  while (i < cls.size()) {
    while (i < cls.size() && !(cls[i] >= 'a' && cls[i] <= 'z')) ++i;
    std::size_t b = i;
    while (i < cls.size() && cls[i] >= 'a' && cls[i] <= 'z') ++i;
    std::string_view w(cls.data() + b, i - b);
    if (w.empty()) continue;
    if (words.is(w, kFurniture)) return true;
  }
  return false;
}

bool is_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_BR:
    case GUMBO_TAG_PRE: case GUMBO_TAG_FIGURE: case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_HR: case GUMBO_TAG_BODY:
      return true;
    default:
      return false;
  }
}

// Collects text with whitespace collapsed; blocks become paragraphs.
class TextWriter {
 public:
  void text(std::string_view s) {
    for (char c : s) {
      bool ws = c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
      if (ws) {
        pending_space_ = !out_.empty() && !at_break_;
        continue;
      }
      if (pending_space_) out_ += ' ';
      pending_space_ = false;
      at_break_ = false;
      out_ += c;
    }
  }
  void block() {
    if (!out_.empty() && !at_break_) out_ += "\n\n";
    at_break_ = true;
    pending_space_ = false;
  }
  std::string take() {
    while (!out_.empty() && (out_.back() == '\n' || out_.back() == ' ')) out_.pop_back();
    out_ += '\n';
    return out_.size() == 1 ? std::string() : std::move(out_);
  }

 private:
  std::string out_;
  bool pending_space_ = false;
  bool at_break_ = true;
};

// The element children of `n`, last first: pushed on a stack, they come off in document order.
void push_children(const GumboNode* n, std::vector<const GumboNode*>& stack) {
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<GumboNode*>(kids.data[i]));
}

// Depth-first search for the first node that `pred` accepts. Walks, here and below, keep their
// own stack: a page's nesting must not exhaust the call stack.
template <class Pred>
const GumboNode* find(const GumboNode* root, const Pred& pred) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (pred(n)) return n;
    push_children(n, stack);
  }
  return nullptr;
}

void write_text(const GumboNode* root, TextWriter& w) {
  // nullptr on the stack marks the end of a block element: its closing break.
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (!n) {
      w.block();
      continue;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      w.text(n->v.text.text);
      continue;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
      w.text(" ");
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) continue;
    if (n->v.element.tag == GUMBO_TAG_HEADER) {
      // A page header is furniture; an article's header holds its headline: keep just that.
      if (auto* h = find(n, [](const GumboNode* k) { return is_element(k, GUMBO_TAG_H1); })) {
        w.block();
        stack.push_back(nullptr);  // after the headline, a break
        stack.push_back(h);        // <h1> is a block: its own breaks around it
      }
      continue;
    }
    if (is_furniture(n)) continue;
    bool block = is_block(n->v.element.tag);
    if (block) {
      w.block();
      stack.push_back(nullptr);
    }
    push_children(n, stack);
  }
}

std::string plain_text(const GumboNode* n) {
  TextWriter w;
  write_text(n, w);
  std::string s = w.take();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

template <class Fn>
void each(const GumboNode* root, const Fn& fn) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    fn(n);
    push_children(n, stack);
  }
}

std::optional<Date> parse_date(const std::string& s) {
  if (s.size() < 10) return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

std::optional<Date> json_ld_date(const nlohmann::json& j, int depth = 0) {
  if (depth > 16) return std::nullopt;  // real JSON-LD nests a few levels; a page may nest more
  if (j.is_array()) {
    for (const auto& e : j)
      if (auto d = json_ld_date(e, depth + 1)) return d;
    return std::nullopt;
  }
  if (!j.is_object()) return std::nullopt;
  for (const char* key : {"datePublished", "dateCreated", "uploadDate"})
    if (auto it = j.find(key); it != j.end() && it->is_string())
      if (auto d = parse_date(it->get<std::string>())) return d;
  if (auto it = j.find("@graph"); it != j.end()) return json_ld_date(*it, depth + 1);
  return std::nullopt;
}

// gumbo records every parse error, and malformed pages have one a tag: 140 kB of unclosed
// <div><span><b> cost 7 GB of error records. A hundred are plenty (we read none).
const GumboOptions& gumbo_options() {
  static const GumboOptions options = [] {
    GumboOptions o = kGumboDefaultOptions;
    o.max_errors = 100;
    return o;
  }();
  return options;
}

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&gumbo_options(), o); }
};

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Elements that never nest: void ones, and those a sibling start tag closes (<p>, <li>, <td>).
bool nests(std::string_view name) {
  static constexpr std::string_view kFlat[] = {
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
      "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
      "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "caption", "html", "head", "body",
      "frame", "keygen", "basefont", "bgsound", "image", "isindex", "command"};
  for (std::string_view f : kFlat)
    if (name == f) return false;
  return true;
}

// Elements whose content is raw text: no tags inside until their end tag.
bool raw_text(std::string_view name) {
  return name == "script" || name == "style" || name == "textarea" || name == "title" ||
         name == "xmp" || name == "iframe" || name == "noembed" || name == "noframes" ||
         name == "noscript";
}

}  // namespace

std::optional<std::string> cap_nesting(std::string_view html, std::size_t max_depth) {
  // gumbo builds its tree without recursion, but frees it recursively (100,000 nested elements
  // overflow the stack) and scans its stack of open elements per tag (a million nested elements
  // take hours). A linear scan of the tags estimates the nesting: a stack of open element names
  // (at most max_depth) and a count of those opened past it. Tags past max_depth are dropped,
  // their text kept; end tags that close dropped elements go with them. A page that never
  // nests that deep is left alone.
  std::vector<std::string> open;
  std::size_t over = 0;
  std::string out;
  bool rewriting = false;
  std::size_t copied = 0;  // html[0, copied) is in out (when rewriting)
  auto drop = [&](std::size_t b, std::size_t e) {
    if (!rewriting) {
      rewriting = true;
      out.reserve(html.size());
    }
    out.append(html.substr(copied, b - copied));
    copied = e;
  };
  std::size_t i = 0;
  const std::size_t n = html.size();
  while (i < n) {
    const void* lt = std::memchr(html.data() + i, '<', n - i);
    if (!lt) break;
    const std::size_t b = static_cast<std::size_t>(static_cast<const char*>(lt) - html.data());
    i = b + 1;
    if (html.compare(b, 4, "<!--") == 0) {
      std::size_t e = html.find("-->", b + 4);
      i = e == std::string_view::npos ? n : e + 3;
      continue;
    }
    const bool end_tag = i < n && html[i] == '/';
    std::size_t name_begin = end_tag ? i + 1 : i;
    if (name_begin >= n || !ascii_alpha(html[name_begin])) {
      if (i < n && (html[i] == '!' || html[i] == '?')) {  // <!doctype>, <?xml?>
        std::size_t e = html.find('>', i);
        i = e == std::string_view::npos ? n : e + 1;
      }
      continue;
    }
    std::size_t k = name_begin;
    while (k < n && html[k] != '>' && html[k] != '/' && html[k] != ' ' && html[k] != '\t' &&
           html[k] != '\n' && html[k] != '\r' && html[k] != '\f')
      ++k;
    std::string name(html.substr(name_begin, k - name_begin));
    for (char& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    // The tag's end: the first '>' outside a quoted attribute value.
    char quote = 0;
    bool self_closing = false;
    for (; k < n; ++k) {
      char c = html[k];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        self_closing = k > 0 && html[k - 1] == '/';
        break;
      }
    }
    const std::size_t e = k < n ? k + 1 : n;
    i = e;
    if (end_tag) {
      if (!nests(name)) continue;
      if (over > 0) {
        --over;
        drop(b, e);
        continue;
      }
      // Close up to the nearest open element of the name, looking a few deep: a stray end tag
      // (gumbo ignores it) closes nothing.
      for (std::size_t d = 0; d < open.size() && d < 16; ++d)
        if (open[open.size() - 1 - d] == name) {
          open.resize(open.size() - 1 - d);
          break;
        }
      continue;
    }
    if (raw_text(name) && !self_closing) {  // skip to its end tag
      std::size_t close = e;
      for (;;) {
        close = html.find("</", close);
        if (close == std::string_view::npos) break;
        std::string_view rest = html.substr(close + 2, name.size());
        bool same = rest.size() == name.size();
        for (std::size_t c = 0; same && c < rest.size(); ++c)
          same = (rest[c] | 0x20) == name[c];
        if (same) break;
        close += 2;
      }
      i = close == std::string_view::npos ? n : close;
    }
    if (!nests(name) || self_closing || raw_text(name)) continue;
    if (open.size() < max_depth) {
      open.push_back(std::move(name));
    } else {
      ++over;
      drop(b, e);
    }
  }
  if (!rewriting) return std::nullopt;
  out.append(html.substr(copied));
  return out;
}

namespace {

}  // namespace

bool looks_like_html(std::string_view content) {
  std::string head = lower(content.substr(0, 1024));
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || head[first] != '<') return false;
  return head.find("<!doctype html") != std::string::npos || head.find("<html") != std::string::npos ||
         head.find("<head") != std::string::npos || head.find("<body") != std::string::npos;
}

HtmlArticle read_html(std::string_view html) {
  HtmlArticle out;
  std::optional<std::string> capped = cap_nesting(html, kMaxHtmlDepth);
  if (capped) html = *capped;
  std::unique_ptr<GumboOutput, GumboDeleter> doc(
      gumbo_parse_with_options(&gumbo_options(), html.data(), html.size()));
  const GumboNode* root = doc->root;

  std::optional<Date> meta_date, ld_date, itemprop_date, time_date;
  std::string og_title, title, h1, og_url, canonical;
  each(root, [&](const GumboNode* n) {
    GumboTag t = n->v.element.tag;
    if (t == GUMBO_TAG_META) {
      std::string key = lower(attr(n, "property").empty() ? attr(n, "name") : attr(n, "property"));
      std::string content = attr(n, "content");
      if (key == "og:title" && og_title.empty()) og_title = content;
      else if (key == "og:url" && og_url.empty()) og_url = content;
      else if (key == "og:site_name" && out.site.empty()) out.site = content;
      else if (!meta_date && (key == "article:published_time" || key == "date" || key == "pubdate" ||
                              key == "publishdate" || key == "dc.date" || key == "dc.date.issued" ||
                              key == "og:published_time" || key == "sailthru.date"))
        meta_date = parse_date(content);
      if (!itemprop_date && lower(attr(n, "itemprop")) == "datepublished") itemprop_date = parse_date(content);
    } else if (t == GUMBO_TAG_TITLE && title.empty()) {
      title = plain_text(n);
    } else if (t == GUMBO_TAG_H1 && h1.empty()) {
      h1 = plain_text(n);
    } else if (t == GUMBO_TAG_LINK && lower(attr(n, "rel")) == "canonical" && canonical.empty()) {
      canonical = attr(n, "href");
    } else if (t == GUMBO_TAG_SCRIPT && lower(attr(n, "type")) == "application/ld+json" && !ld_date) {
      const GumboVector& kids = n->v.element.children;
      if (kids.length > 0 && static_cast<GumboNode*>(kids.data[0])->type == GUMBO_NODE_TEXT) {
        auto j = nlohmann::json::parse(static_cast<GumboNode*>(kids.data[0])->v.text.text, nullptr, false);
        if (!j.is_discarded()) ld_date = json_ld_date(j);
      }
    } else if (t == GUMBO_TAG_TIME && !time_date) {
      time_date = parse_date(attr(n, "datetime"));
    } else if (!itemprop_date && lower(attr(n, "itemprop")) == "datepublished") {
      itemprop_date = parse_date(attr(n, "datetime").empty() ? attr(n, "content") : attr(n, "datetime"));
    }
  });
  out.title = !og_title.empty() ? og_title : !title.empty() ? title : h1;
  out.url = !og_url.empty() ? og_url : canonical;
  for (auto* d : {&meta_date, &ld_date, &itemprop_date, &time_date})
    if (*d) {
      out.published = *d;
      break;
    }

  const GumboNode* body = find(root, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_BODY); });
  const GumboNode* article = find(root, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_ARTICLE); });
  if (!article) article = find(root, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_MAIN); });
  if (!article)
    article = find(root, [](const GumboNode* n) { return lower(attr(n, "itemprop")) == "articlebody"; });
  const GumboNode* from = article ? article : body ? body : root;
  TextWriter w;
  // The headline belongs to the text even when the page puts it above <article>.
  if (article && !h1.empty() &&
      !find(article, [](const GumboNode* n) { return is_element(n, GUMBO_TAG_H1); })) {
    w.text(h1);
    w.block();
  }
  write_text(from, w);
  out.text = w.take();
  return out;
}

}  // namespace diplograph::text
