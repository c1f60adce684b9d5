// ICEWS event files (tab-separated with a header row; missing values are "NA") and ICEWS-style
// quadruples (subject, relation name, object, YYYY-MM-DD; no header, no ids). Relation and
// "Event Text" names map to CAMEO codes through data/import/icews_event_names.tsv.
#include <string>

#include "diplograph/import.hpp"
#include "import/gdelt_icews_actors.hpp"
#include "import/gdelt_icews_fields.hpp"

namespace diplograph {

using namespace import;

namespace {

// `intensity`: the row's own Goldstein score (ICEWS's "Intensity"), kept over our table's.
Status finish(ImportedRecord& rec, std::string_view cameo, const ActorRef& source,
              const std::optional<ActorRef>& target, Date date, Mention m,
              std::optional<double> intensity = std::nullopt) {
  auto type = event_type_for_cameo(cameo);
  if (!all_digits(cameo) || !type || !cameo_lookup(cameo))
    return Status::invalid_input("bad CAMEO code '" + std::string(cameo) + "'");
  Event e;
  e.type = *type;
  e.cameo = std::string(cameo);
  e.source = source;
  e.target = target;
  e.date = date;
  e.finalize();
  if (intensity) e.goldstein = *intensity;
  key_by_code(e);
  m.doc = rec.doc.id;
  e.mentions.push_back(std::move(m));
  rec.extraction.events.push_back(std::move(e));
  return Status::ok();
}

}  // namespace

Result<IcewsHeader> parse_icews_header(std::string_view line) {
  std::vector<std::string_view> c;
  split_tabs(line, c);
  IcewsHeader h;
  h.columns = c.size();
  for (std::size_t i = 0; i < c.size(); ++i) {
    std::string_view n = c[i];
    int k = static_cast<int>(i);
    if (n == "Event ID") h.event_id = k;
    else if (n == "Event Date") h.date = k;
    else if (n == "Source Name") h.source_name = k;
    else if (n == "Source Sectors") h.source_sectors = k;
    else if (n == "Source Country") h.source_country = k;
    else if (n == "Event Text") h.event_text = k;
    else if (n == "CAMEO Code") h.cameo = k;
    else if (n == "Target Name") h.target_name = k;
    else if (n == "Target Sectors") h.target_sectors = k;
    else if (n == "Target Country") h.target_country = k;
    else if (n == "Story ID") h.story_id = k;
    else if (n == "Sentence Number") h.sentence = k;
    else if (n == "Publisher") h.publisher = k;
    else if (n == "Intensity") h.intensity = k;
  }
  if (h.event_id < 0 || h.date < 0 || h.source_name < 0 || h.target_name < 0 ||
      (h.cameo < 0 && h.event_text < 0))
    return Status::invalid_input(
        "not an ICEWS header (needs Event ID, Event Date, Source Name, Target Name and CAMEO "
        "Code or Event Text)");
  return h;
}

Result<ImportedRecord> parse_icews_line(const IcewsHeader& h, std::string_view line) {
  thread_local std::vector<std::string_view> c;
  split_tabs(line, c);
  if (c.size() != h.columns)
    return Status::invalid_input("expected " + std::to_string(h.columns) +
                                 " tab-separated ICEWS columns, found " + std::to_string(c.size()));
  auto col = [&](int i) -> std::string_view {
    if (i < 0) return {};
    std::string_view v = c[static_cast<std::size_t>(i)];
    return v == "NA" ? std::string_view() : v;
  };
  if (!all_digits(col(h.event_id)))
    return Status::invalid_input("bad Event ID '" + std::string(col(h.event_id)) + "'");
  auto day = parse_day(col(h.date));
  if (!day) return Status::invalid_input("bad Event Date '" + std::string(col(h.date)) + "'");
  std::string cameo(col(h.cameo));
  if (cameo.empty()) {
    auto code = ActorResolver::instance().icews_event_code(col(h.event_text));
    if (!code)
      return Status::invalid_input("unknown event '" + std::string(col(h.event_text)) + "'");
    cameo = *code;
  }
  std::optional<double> intensity;
  if (!col(h.intensity).empty()) {
    intensity = parse_goldstein(col(h.intensity));
    if (!intensity)
      return Status::invalid_input("bad Intensity '" + std::string(col(h.intensity)) + "'");
  }
  ImportedRecord rec;
  const ActorResolver& resolver = ActorResolver::instance();
  auto source = resolver.resolve_icews(col(h.source_name), col(h.source_sectors),
                                       col(h.source_country), rec.extraction.actors);
  auto target = resolver.resolve_icews(col(h.target_name), col(h.target_sectors),
                                       col(h.target_country), rec.extraction.actors);
  if (!source && target) std::swap(source, target);
  if (!source) return Status::invalid_input("record names no actor");

  rec.doc.id = "icews:" + std::string(col(h.event_id));
  rec.doc.source = h.publisher >= 0 && !col(h.publisher).empty() ? std::string(col(h.publisher))
                                                                 : "ICEWS";
  rec.doc.published = *day;
  Mention m;
  std::string_view story = col(h.story_id), sentence = col(h.sentence);
  if (all_digits(sentence) && sentence.size() < 9)
    m.sentence = static_cast<std::uint32_t>(std::stoul(std::string(sentence)));
  m.pattern = "icews";
  m.text = "ICEWS event " + std::string(col(h.event_id));
  if (!story.empty()) m.text += ", story " + std::string(story) + ", sentence " + std::string(sentence);
  if (!col(h.publisher).empty()) m.text += " (" + std::string(col(h.publisher)) + ")";
  if (!story.empty()) rec.doc.title = "ICEWS story " + std::string(story);
  if (Status s = finish(rec, cameo, *source, target, *day, std::move(m), intensity); !s) return s;
  return rec;
}

Result<ImportedRecord> parse_icews_quadruple(std::string_view line, std::string_view record_id) {
  thread_local std::vector<std::string_view> c;
  split_tabs(line, c);
  if (c.size() != 4)
    return Status::invalid_input("expected 4 tab-separated columns (subject, relation, object, "
                                 "date), found " + std::to_string(c.size()));
  auto day = parse_day(c[3]);
  if (!day || c[3].size() != 10) return Status::invalid_input("bad date '" + std::string(c[3]) + "'");
  const ActorResolver& resolver = ActorResolver::instance();
  auto code = resolver.icews_event_code(c[1]);
  if (!code) return Status::invalid_input("unknown relation '" + std::string(c[1]) + "'");
  if (c[0].empty() || c[2].empty()) return Status::invalid_input("empty subject or object");
  ImportedRecord rec;
  auto source = resolver.resolve_icews(c[0], {}, {}, rec.extraction.actors);
  auto target = resolver.resolve_icews(c[2], {}, {}, rec.extraction.actors);
  if (!source || !target) return Status::invalid_input("empty subject or object");
  rec.doc.id = std::string(record_id);
  rec.doc.source = "ICEWS";
  rec.doc.published = *day;
  Mention m;
  m.pattern = "icews.quadruple";
  m.text = std::string(c[0]) + " | " + std::string(c[1]) + " | " + std::string(c[2]);
  if (Status s = finish(rec, *code, *source, target, *day, std::move(m)); !s) return s;
  return rec;
}

}  // namespace diplograph
