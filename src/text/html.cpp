#include "text/html.hpp"

#include <gumbo.h>

#include <algorithm>
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

// Depth-first search for the first node that `pred` accepts.
template <class Pred>
const GumboNode* find(const GumboNode* n, const Pred& pred) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (pred(n)) return n;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i)
    if (auto* r = find(static_cast<GumboNode*>(kids.data[i]), pred)) return r;
  return nullptr;
}

void write_text(const GumboNode* n, TextWriter& w) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
    w.text(n->v.text.text);
    return;
  }
  if (n->type == GUMBO_NODE_WHITESPACE) {
    w.text(" ");
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE) return;
  if (n->v.element.tag == GUMBO_TAG_HEADER) {
    // A page header is furniture; an article's header holds its headline: keep just that.
    if (auto* h = find(n, [](const GumboNode* k) { return is_element(k, GUMBO_TAG_H1); })) {
      w.block();
      write_text(h, w);
      w.block();
    }
    return;
  }
  if (is_furniture(n)) return;
  bool block = is_block(n->v.element.tag);
  if (block) w.block();
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) write_text(static_cast<GumboNode*>(kids.data[i]), w);
  if (block) w.block();
}

std::string plain_text(const GumboNode* n) {
  TextWriter w;
  write_text(n, w);
  std::string s = w.take();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

template <class Fn>
void each(const GumboNode* n, const Fn& fn) {
  if (n->type != GUMBO_NODE_ELEMENT) return;
  fn(n);
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) each(static_cast<GumboNode*>(kids.data[i]), fn);
}

std::optional<Date> parse_date(const std::string& s) {
  if (s.size() < 10) return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d) return std::nullopt;
  return *d;
}

std::optional<Date> json_ld_date(const nlohmann::json& j) {
  if (j.is_array()) {
    for (const auto& e : j)
      if (auto d = json_ld_date(e)) return d;
    return std::nullopt;
  }
  if (!j.is_object()) return std::nullopt;
  for (const char* key : {"datePublished", "dateCreated", "uploadDate"})
    if (auto it = j.find(key); it != j.end() && it->is_string())
      if (auto d = parse_date(it->get<std::string>())) return d;
  if (auto it = j.find("@graph"); it != j.end()) return json_ld_date(*it);
  return std::nullopt;
}

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

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
  std::unique_ptr<GumboOutput, GumboDeleter> doc(
      gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
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
