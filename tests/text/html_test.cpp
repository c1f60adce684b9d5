#include <catch2/catch.hpp>

#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "support/test_support.hpp"
#include "text/html.hpp"

using namespace diplograph;

TEST_CASE("HTML: article text kept, page furniture dropped, metadata read", "[text]") {
  auto html = test::read_file(test::data_path("text/article.html"));
  auto page = text::read_html(html);
  CHECK(page.title == "Ruritanian and Moldovan ministers talk trade");  // og:title first
  CHECK(page.url == "https://news.example/2021/08/trade-talks");
  CHECK(page.site == "Example News");
  REQUIRE(page.published.has_value());
  CHECK(page.published->to_string() == "2021-08-16");  // article:published_time first
  CHECK(page.text.rfind("Lavrov and Kuleba talk by phone\n\n", 0) == 0);  // the headline
  CHECK(page.text.find("Mevlüt Çavuşoğlu on Monday") != std::string::npos);  // entities decoded
  CHECK(page.text.find("Minister\n") == std::string::npos);  // whitespace collapsed
  for (const char* gone : {"Home", "Advertisement", "window.dataLayer", "font-family", "Photo:",
                           "Share on Facebook", "Another story", "newsletter", "rights reserved",
                           "By A. Writer"})
    CHECK(page.text.find(gone) == std::string::npos);
}

TEST_CASE("HTML: JSON-LD and <time> dates when no meta date is given", "[text]") {
  auto ld = text::read_html(
      "<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},"
      "{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-01-04T10:00:00+01:00\"}]}</script>"
      "</head><body><main><p>Text.</p></main></body></html>");
  REQUIRE(ld.published.has_value());
  CHECK(ld.published->to_string() == "2019-01-04");
  auto time = text::read_html(
      "<html><body><article><time datetime=\"2020-02-03\">3 Feb</time><p>Text.</p></article>"
      "</body></html>");
  REQUIRE(time.published.has_value());
  CHECK(time.published->to_string() == "2020-02-03");
  CHECK_FALSE(text::read_html("<p>no date</p>").published.has_value());
}

TEST_CASE("HTML: pages are detected and read, and mention offsets point into the text", "[text]") {
  auto path = test::data_path("text/article.html").string();
  std::vector<Document> docs;
  auto st = read_documents(path, {}, [&](Document&& d) { docs.push_back(std::move(d)); },
                           [](RecordError&&) { FAIL("no record error expected"); });
  REQUIRE(st.is_ok());
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].published.to_string() == "2021-08-16");
  CHECK(docs[0].source == "Example News");
  auto ex = Extractor::create();
  REQUIRE(ex.has_value());
  auto out = ex.value()->extract(docs[0]);
  REQUIRE_FALSE(out.events.empty());
  for (const auto& e : out.events)
    for (const auto& m : e.mentions) {
      REQUIRE(m.offset + m.length <= docs[0].text.size());
      CHECK(docs[0].text.substr(m.offset, m.length) == m.text);
    }
  CHECK(out.events[0].source.name == "Sergei Lavrov");
}

TEST_CASE("HTML: a page with no date anywhere is a bad record unless --date is given", "[text]") {
  test::TempDir dir;
  auto f = dir.path() / "page.html";
  test::write_file(f, "<!DOCTYPE html><html><body><p>The minister spoke.</p></body></html>");
  std::vector<RecordError> errors;
  int docs = 0;
  REQUIRE(read_documents(f.string(), {}, [&](Document&&) { ++docs; },
                         [&](RecordError&& e) { errors.push_back(std::move(e)); }).is_ok());
  CHECK(docs == 0);
  REQUIRE(errors.size() == 1);
  ReadOptions o;
  o.date = Date::from_ymd(2021, 1, 2);
  std::string text;
  REQUIRE(read_documents(f.string(), o, [&](Document&& d) { text = d.text; },
                         [](RecordError&&) {}).is_ok());
  CHECK(text == "The minister spoke.\n");
}

TEST_CASE("HTML: nesting past kMaxHtmlDepth is dropped before parsing and its text kept", "[text]") {
  const std::string page = "<html><body><div><p>Russia met China.<p>Again.</div></body></html>";
  CHECK_FALSE(text::cap_nesting(page, 400));  // a real page is left alone
  std::string deep = "<html><body>";
  for (int i = 0; i < 1000; ++i) deep += "<div class=\"x\">";
  deep += "France praised Germany.";
  for (int i = 0; i < 1000; ++i) deep += "</div>";
  deep += "</body></html>";
  auto capped = text::cap_nesting(deep, 400);
  REQUIRE(capped);
  std::size_t opens = 0, closes = 0;
  for (std::size_t k = capped->find("<div"); k != std::string::npos; k = capped->find("<div", k + 1))
    ++opens;
  for (std::size_t k = capped->find("</div>"); k != std::string::npos;
       k = capped->find("</div>", k + 1))
    ++closes;
  CHECK(opens == 400);
  CHECK(closes == 400);
  CHECK(text::read_html(deep).text == "France praised Germany.\n");
  // Unclosed inline elements count; <p> and void elements do not.
  std::string flat = "<html><body>";
  for (int i = 0; i < 1000; ++i) flat += "<p>a<br><img src=x>";
  CHECK_FALSE(text::cap_nesting(flat + "</body></html>", 400));
  std::string unclosed = "<html><body>";
  for (int i = 0; i < 1000; ++i) unclosed += "<span><b>";
  CHECK(text::cap_nesting(unclosed, 400));
}
