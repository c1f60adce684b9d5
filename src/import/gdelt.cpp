// GDELT event exports: 1.0 historical (57 columns), 1.0 daily (58, with SOURCEURL) and 2.0 (61,
// geo blocks with ADM2 codes and a DATEADDED time). Tab-separated, no header. Column positions:
// ../shared/corpus/gdelt-events-samples/columns.tsv (the GDELT codebooks). One row = one record.
#include <optional>
#include <string>

#include "diplograph/import.hpp"
#include "import/gdelt_icews_actors.hpp"
#include "import/gdelt_icews_fields.hpp"

namespace diplograph {

using namespace import;

namespace {

constexpr std::size_t kEventId = 0, kSqlDate = 1, kActor1 = 5, kActor2 = 15, kEventCode = 26,
                      kQuadClass = 29, kGoldstein = 30;
// Offsets inside an actor block: code, name, country, known group, ..., type1.
constexpr std::size_t kCode = 0, kName = 1, kCountry = 2, kKnown = 3, kType1 = 7;

}  // namespace

Result<ImportedRecord> parse_gdelt_line(std::string_view line) {
  thread_local std::vector<std::string_view> c;
  split_tabs(line, c);
  const std::size_t n = c.size();
  if (n != 57 && n != 58 && n != 61)
    return Status::invalid_input("expected 57, 58 or 61 tab-separated GDELT columns, found " +
                                 std::to_string(n));
  if (!all_digits(c[kEventId]) || c[kEventId].size() > 19)
    return Status::invalid_input("bad GLOBALEVENTID '" + std::string(c[kEventId]) + "'");
  auto day = parse_day(c[kSqlDate]);
  if (!day || c[kSqlDate].size() != 8)
    return Status::invalid_input("bad SQLDATE '" + std::string(c[kSqlDate]) + "'");
  std::string_view code = c[kEventCode];
  auto type = event_type_for_cameo(code);
  if (!all_digits(code) || !type || !cameo_lookup(code))
    return Status::invalid_input("bad EventCode '" + std::string(code) + "'");
  // The row's own QuadClass and Goldstein score are kept (DESIGN.md, Conventions), not recoded
  // from our CAMEO table; an empty one (never in GDELT's files) takes the table's.
  std::string_view quad = c[kQuadClass];
  if (!quad.empty() && (quad.size() != 1 || quad[0] < '1' || quad[0] > '4'))
    return Status::invalid_input("bad QuadClass '" + std::string(quad) + "'");
  std::optional<double> goldstein;
  if (!c[kGoldstein].empty() && !(goldstein = parse_goldstein(c[kGoldstein])))
    return Status::invalid_input("bad GoldsteinScale '" + std::string(c[kGoldstein]) + "'");
  const std::size_t added_col = n == 61 ? 59 : 56;
  auto added = parse_day(c[added_col]);
  if (!added) return Status::invalid_input("bad DATEADDED '" + std::string(c[added_col]) + "'");

  ImportedRecord rec;
  const ActorResolver& resolver = ActorResolver::instance();
  auto actor = [&](std::size_t at) {
    return resolver.resolve_gdelt({c[at + kCode], c[at + kName], c[at + kCountry], c[at + kKnown],
                                   c[at + kType1]},
                                  rec.extraction.actors);
  };
  auto a1 = actor(kActor1);
  auto a2 = actor(kActor2);
  if (!a1 && !a2) return Status::invalid_input("record names no actor");
  Event e;
  e.type = *type;
  e.cameo = std::string(code);
  // With Actor1 missing the one known participant stands as the source, without a target.
  e.source = a1 ? *a1 : *a2;
  if (a1 && a2) e.target = *a2;
  e.date = *day;
  e.status = EventStatus::kOccurred;
  e.finalize();
  if (!quad.empty()) e.quad_class = quad[0] - '0';
  if (goldstein) e.goldstein = *goldstein;
  key_by_code(e);

  rec.doc.id = "gdelt:" + std::string(c[kEventId]);
  rec.doc.source = "GDELT";
  rec.doc.published = *added;
  if (n != 57) rec.doc.url = std::string(c[n - 1]);
  Mention m;
  m.doc = rec.doc.id;
  m.pattern = a1 ? "gdelt" : "gdelt.actor2-only";
  m.text = "GDELT " + std::string(c[kEventId]) + (rec.doc.url.empty() ? "" : " " + rec.doc.url);
  e.mentions.push_back(std::move(m));
  rec.extraction.events.push_back(std::move(e));
  return rec;
}

}  // namespace diplograph
