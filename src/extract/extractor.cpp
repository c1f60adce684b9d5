// The extractor: document -> sentences -> annotated units -> resolved actors -> pattern matches
// -> events. All knowledge is data (extract/knowledge.hpp); this file is the mechanism.
#include "diplograph/extract.hpp"

#include <xxhash.h>
#include <cstdio>
#include <fstream>
#include <iterator>
#include "model/embedded_data.hpp"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "extract/annotate.hpp"
#include "extract/knowledge.hpp"
#include "extract/match.hpp"
#include "text/segment.hpp"

using namespace std::literals;

namespace diplograph {

struct Extractor::Impl {
  extract::Knowledge kb;
  std::string version;
  bool debug_units = false;  // ExtractorOptions::debug_units
};

namespace {

// The knowledge version: a hash of the extractor's code generation (bump kCodeVersion when a
// change to the code alone changes what is extracted), every built-in data file and the user's
// dictionaries and pattern files.
constexpr std::string_view kCodeVersion = "2026-12-04";

std::string version_of(const ExtractorOptions& options) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  XXH3_64bits_update(st, kCodeVersion.data(), kCodeVersion.size());
  for (const auto& f : diplograph::detail::embedded_files()) {
    XXH3_64bits_update(st, f.path.data(), f.path.size());
    XXH3_64bits_update(st, f.content.data(), f.content.size());
  }
  for (const auto* files : {&options.dict_files, &options.pattern_files})
    for (const auto& path : *files) {
      std::ifstream in(path, std::ios::binary);
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      XXH3_64bits_update(st, content.data(), content.size());
    }
  std::uint64_t h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

Extractor::Extractor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Extractor::~Extractor() = default;

Result<std::unique_ptr<Extractor>> Extractor::create(const ExtractorOptions& options) {
  auto kb = extract::Knowledge::load(options.dict_files, options.pattern_files);
  if (!kb) return kb.error();
  auto impl = std::make_unique<Impl>();
  impl->kb = std::move(kb.value());
  impl->version = version_of(options);
  impl->debug_units = options.debug_units;
  return std::unique_ptr<Extractor>(new Extractor(std::move(impl)));
}

std::vector<Actor> Extractor::lookup(std::string_view text) const {
  std::vector<Actor> out;
  const auto* ids = impl_->kb.by_name.find(normalize_name(text));
  if (!ids) return out;
  for (std::size_t h : *ids) out.push_back(impl_->kb.actors[h]);
  return out;
}

std::vector<Actor> Extractor::lookup_place(std::string_view text) const {
  const extract::Knowledge& kb = impl_->kb;
  std::vector<std::string> norms = text::token_norms(text);
  if (norms.size() > 1 && kb.word_classes && kb.is(norms.front(), extract::kDeterminer))
    norms.erase(norms.begin());  // "the Kremlin"
  std::string phrase;
  for (const auto& n : norms) phrase += (phrase.empty() ? "" : " ") + n;
  std::vector<Actor> out;
  const auto* list = kb.gazetteer.find(phrase);
  if (!list) return out;
  for (const auto& entry : *list)
    if (entry.kind == extract::NameKind::kMetonym || entry.kind == extract::NameKind::kPlace)
      out.push_back(kb.actors[entry.actor]);
  // Undated, a place names the state that holds it today: Moscow is Russia, not the Soviet Union.
  auto former = [&](const Actor& a) {
    auto it = kb.states.find(a.country);
    return it != kb.states.end() && it->second.status == "former";
  };
  if (std::any_of(out.begin(), out.end(), [&](const Actor& a) { return !former(a); }))
    out.erase(std::remove_if(out.begin(), out.end(), former), out.end());
  return out;
}

namespace {

using extract::DocActors;
using extract::kNoActor;
using extract::Unit;

std::string last_word(const std::string& name) {
  auto norms = text::token_norms(name);
  return norms.empty() ? std::string() : norms.back();
}

// A sentence longer than this is cited by the match and kMentionContext bytes either side.
constexpr std::uint32_t kMaxMentionBytes = 2000;
constexpr std::uint32_t kMentionContext = 300;

// Pass 2: resolves role mentions, surnames and pronouns in document order.
class Resolver {
 public:
  Resolver(DocActors& actors, const std::vector<extract::PersonRole>& persons)
      : actors_(actors), persons_(persons) {}

  void resolve(extract::AnnotatedSentence& s, std::optional<std::pair<std::size_t, std::size_t>> pair) {
    std::size_t subject = kNoActor;
    bool subject_verb = false;
    for (auto& u : s.units) {
      switch (u.kind) {
        case Unit::kRole: {
          // The first person of persons_ that holds the role. persons_ only grows: an answer
          // found stays the answer, and a search goes on from where the last one stopped.
          RoleSearch& search = roles_[u.role + '\0' + u.country];
          for (; search.holder == kNoActor && search.scanned < persons_.size(); ++search.scanned) {
            const auto& p = persons_[search.scanned];
            if (p.role.find(u.role) != std::string::npos &&
                (u.country.empty() || p.country.empty() || p.country == u.country) &&
                (!u.country.empty() || !p.country.empty()))
              search.holder = p.actor;
          }
          std::size_t found = search.holder;
          u.kind = Unit::kActor;
          if (found != kNoActor) u.actor = found;  // else stays the affiliation (the state)
          break;
        }
        case Unit::kSurname: {
          // A person's last word; else, for names that put the family name first ("Lim Keng
          // Yaik" is Lim), the first word.
          // The first person of persons_ with that surname, else with that first name.
          for (; persons_indexed_ < persons_.size(); ++persons_indexed_) {
            std::size_t actor = persons_[persons_indexed_].actor;
            by_surname_.emplace(surname(actor), actor);
            if (!first_name(actor).empty()) by_first_name_.emplace(first_name(actor), actor);
          }
          std::size_t person = kNoActor;
          if (auto it = by_surname_.find(u.word); it != by_surname_.end())
            person = it->second;
          else if (auto f = by_first_name_.find(u.word); f != by_first_name_.end())
            person = f->second;
          if (person != kNoActor) {
            u.kind = Unit::kActor;
            u.actor = person;
          }
          break;
        }
        case Unit::kPronoun: {
          std::size_t found = kNoActor;
          // A subject pronoun continues the previous sentence's subject ("X met Y. He also
          // visited Z." is X), the usual news discourse; other pronouns take the latest actor.
          if (u.word == "person"sv && !u.after_preposition && subject == kNoActor &&
              last_subject_person_ != kNoActor)
            found = last_subject_person_;
          // "They added ..." / "It said ...": a subject pronoun opening its sentence continues
          // the previous sentence's subject of its kind, not the latest state named.
          if (found == kNoActor && u.word != "person"sv && !u.after_preposition &&
              subject == kNoActor && u.begin == 0 && last_subject_other_ != kNoActor)
            found = last_subject_other_;
          // A subject pronoun after a person subject in its own sentence is that subject
          // ("Before Putin met Erdogan, he called Macron"), not the latest person named.
          if (found == kNoActor && u.word == "person"sv && !u.after_preposition && subject_verb &&
              actors_.get(subject).kind == ActorKind::kPerson)
            found = subject;
          // Reported speech: "Syria says it will withdraw", "Iran said that they would come":
          // the pronoun opening the reported clause is the speaker.
          if (found == kNoActor && subject != kNoActor && u.begin > 0) {
            std::size_t p = u.begin - 1;
            if (s.norms[p] == "that"sv && p > 0) --p;
            // "Switzerland said today it had expelled": a time word may stand between.
            for (const auto& t : s.units)
              if (t.kind == Unit::kTime && t.end == p + 1 && t.begin > 0) p = t.begin - 1;
            if (s.norms[p] == "that"sv && p > 0) --p;
            bool person = actors_.get(subject).kind == ActorKind::kPerson;
            if (actors_.kb().is(s.norms[p], extract::kSpeechVerb) &&
                person == (u.word == "person"sv))
              found = subject;
          }
          // The latest actor of the pronoun's kind (a non-person other than the subject).
          if (found == kNoActor)
            found = u.word == "person"sv       ? recent_person_
                    : recent_other_ != subject ? recent_other_
                                               : recent_other_before_;
          if (found != kNoActor) {
            u.kind = Unit::kActor;
            u.actor = found;
          }
          break;
        }
        case Unit::kPair:
          if (pair && !u.compound) {
            u.actor = pair->first;
            u.actor2 = pair->second;
          }
          break;
        default:
          break;
      }
      if (u.kind == Unit::kActor && u.actor != kNoActor && !u.quoted) {
        if (subject == kNoActor && !u.after_preposition) {
          subject = u.actor;
          // The subject of a verb ("Putin met", "Bosworth said"), not an object that happens
          // to come first ("to send Shultz to Moscow").
          subject_verb = u.end < s.norms.size() && actors_.kb().verb_like(s.norms[u.end]);
        }
        if (actors_.get(u.actor).kind == ActorKind::kPerson) {
          recent_person_ = u.actor;
        } else if (u.actor != recent_other_) {
          recent_other_before_ = recent_other_;
          recent_other_ = u.actor;
        }
      }
    }
    if (subject != kNoActor && actors_.get(subject).kind == ActorKind::kPerson)
      last_subject_person_ = subject;
    last_subject_other_ =
        subject != kNoActor && actors_.get(subject).kind != ActorKind::kPerson ? subject : kNoActor;
  }

 private:
  // The last word of a person's name, tokenized once per document.
  const std::string& surname(std::size_t actor) {
    auto it = surnames_.find(actor);
    if (it == surnames_.end()) it = surnames_.emplace(actor, last_word(actors_.get(actor).name)).first;
    return it->second;
  }

  // The first word of a name of three or more words with no particle ("Lim Keng Yaik"; not
  // "Said bin Taimur", whose first word is a given name), else empty.
  const std::string& first_name(std::size_t actor) {
    auto it = first_names_.find(actor);
    if (it == first_names_.end()) {
      auto norms = text::token_norms(actors_.get(actor).name);
      bool particle = false;
      for (const auto& w : norms) particle |= actors_.kb().is(w, extract::kNameParticle);
      it = first_names_.emplace(actor, norms.size() >= 3 && !particle ? norms.front() : std::string()).first;
    }
    return it->second;
  }

  DocActors& actors_;
  const std::vector<extract::PersonRole>& persons_;
  std::unordered_map<std::size_t, std::string> surnames_, first_names_;
  // Lookups over persons_, which only grows: by role and country, each search resumed where it
  // stopped; by surname and first name, indexed up to persons_indexed_.
  struct RoleSearch {
    std::size_t holder = kNoActor, scanned = 0;
  };
  std::unordered_map<std::string, RoleSearch> roles_;
  std::unordered_map<std::string, std::size_t> by_surname_, by_first_name_;
  std::size_t persons_indexed_ = 0;
  // The actors named so far, latest last, as the pronouns need them: the latest person, the
  // latest non-person, and the latest non-person other than that one.
  std::size_t recent_person_ = kNoActor, recent_other_ = kNoActor, recent_other_before_ = kNoActor;
  std::size_t last_subject_person_ = kNoActor;
  std::size_t last_subject_other_ = kNoActor;  // the previous sentence's, when not a person
};

// Documents larger than this (and half of it) are extracted window by window: news_sentences, annotation and
// matching hold a few hundred bytes a token, so a 50 MB one-line page would take gigabytes at once.
constexpr std::size_t kWindowBytes = std::size_t{1} << 20;

// The end of the window of `text` that starts at `begin`: the text's end when near, else the first
// paragraph break past kWindowBytes, else a sentence end, else a space, else a character boundary.
std::size_t window_end(std::string_view text, std::size_t begin) {
  if (text.size() - begin <= kWindowBytes + kWindowBytes / 2) return text.size();
  const std::size_t from = begin + kWindowBytes, limit = from + kWindowBytes / 4;
  std::string_view ahead = text.substr(from, limit - from);
  for (std::string_view cut : {"\n\n"sv, ". "sv, "\n"sv, " "sv})
    if (auto k = ahead.find(cut); k != std::string_view::npos) return from + k + cut.size();
  std::size_t k = from;
  while (k < text.size() && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) ++k;
  return k;
}

// ExtractorOptions::debug_units: each sentence's resolved units on stderr, the way to see why a
// pattern did or did not fire.
void debug_units(const DocActors& actors, const extract::AnnotatedSentence& s) {
  static const char* kinds[] = {"actor", "role", "pronoun", "surname", "pair", "time", "mod"};
  std::string line;
  std::size_t k = 0;
  for (std::size_t i = 0; i < s.norms.size(); ++i) {
    if (k < s.units.size() && s.units[k].begin == i) {
      const Unit& u = s.units[k];
      line += '[';
      line += kinds[u.kind];
      if (u.actor != kNoActor) line += "=" + actors.get(u.actor).name;
      if (u.actor2 != kNoActor) line += "+" + actors.get(u.actor2).name;
      line += ":";
      for (std::size_t t = u.begin; t < u.end; ++t) line += " " + s.norms[t];
      line += "] ";
      i = u.end - 1;
      ++k;
      continue;
    }
    line += s.norms[i] + " ";
  }
  std::fprintf(stderr, "UNITS %s\n", line.c_str());
}

// One match per pair of parties: coordinated sources each act on each target; an undirected
// event with only a coordinated source links its members ("Hungary and Romania agreed").
std::vector<extract::Match> expand(const extract::Match& m, EventType type, std::string_view cameo) {
  std::vector<extract::Match> out;
  auto one = [&](std::size_t s, std::size_t t) {
    if (s == t) return;
    extract::Match x = m;
    x.source = s;
    x.target = t;
    out.push_back(x);
  };
  if (m.sources.empty()) {
    out.push_back(m);
    return out;
  }
  if (m.targets.empty()) {
    // Cooperation, talks and intents of coordinated parties with no one else named ("French and
    // Egyptian warships launched war games", "Lavrov and Blinken discussed Afghanistan", "Greece
    // and Turkey agreed to share information") are between them, like an undirected event.
    std::string_view root = cameo.substr(0, 2);
    bool mutual = is_undirected(type) ||
                  ((root == "03"sv || root == "04"sv || root == "05"sv || root == "06"sv) &&
                   m.sources.size() > 1);
    // A body meeting on its own ("OPEC met in Vienna") keeps its lone source.
    if (m.sources.size() > 1) {
      if (mutual) {
        for (std::size_t i = 0; i < m.sources.size(); ++i)
          for (std::size_t j = i + 1; j < m.sources.size(); ++j) one(m.sources[i], m.sources[j]);
      } else {
        for (auto s : m.sources) one(s, kNoActor);
      }
    } else {
      out.push_back(m);
    }
    return out;
  }
  for (auto s : m.sources)
    for (auto t : m.targets) one(s, t);
  return out;
}

void add_actor_closure(const DocActors& actors, std::size_t h, std::vector<Actor>& out,
                       std::set<ActorId>& seen) {
  const Actor& a = actors.get(h);
  if (!seen.insert(a.id).second) return;
  out.push_back(a);
  for (const auto& aff : a.affiliations) {
    auto t = actors.kb().find(aff.target_name);
    if (t) add_actor_closure(actors, *t, out, seen);
  }
}

}  // namespace

const std::string& Extractor::knowledge_version() const { return impl_->version; }

Extraction Extractor::extract(const Document& doc) const {
  const auto& kb = impl_->kb;
  Extraction out;
  out.knowledge = impl_->version;
  DocActors actors(kb);
  std::vector<extract::PersonRole> persons;
  Resolver resolver(actors, persons);
  std::optional<std::pair<std::size_t, std::size_t>> last_pair;
  std::map<EventId, std::size_t> index;
  // A headline (the title opening the text) names the news of the body in the present tense and
  // with no date: its events join the body's event of the same type and parties, else stand dated
  // on the publication day.
  std::size_t title_end = !doc.title.empty() && doc.text.compare(0, doc.title.size(), doc.title) == 0
                              ? doc.title.size() : 0;
  std::vector<Event> headline;
  std::vector<std::size_t> used_actors;
  Date anchor = doc.published;
  // A huge document (past kWindowBytes) is read window by window, each as if it were the whole
  // text, so memory stays bounded; one window is the whole of any real article.
  std::size_t first_sentence = 0;  // of the window, in the document
  for (std::size_t wb = 0, windows = 0; windows == 0 || wb < doc.text.size(); ++windows) {
    const std::size_t we = window_end(doc.text, wb);
    auto sentences = text::news_sentences(doc.text, static_cast<std::uint32_t>(wb),
                                          static_cast<std::uint32_t>(we));
    std::vector<extract::AnnotatedSentence> annotated;
    annotated.reserve(sentences.size());
    for (const auto& s : sentences)
      annotated.push_back(extract::annotate(doc.text, s, doc.published, actors, persons));
      for (std::size_t wi = 0; wi < annotated.size(); ++wi) {
      const std::size_t si = first_sentence + wi;
      auto& as = annotated[wi];
      resolver.resolve(as, last_pair);
      extract::merge_coordinations(as);
      if (impl_->debug_units) debug_units(actors, as);
      auto matches = extract::match_sentence(kb, as, doc.published, anchor);
      // The last day named so far: what "the following day" counts from.
      for (const auto& mm : matches)
        if (mm.date.precision == DatePrecision::kDay && mm.date != doc.published) anchor = mm.date;
      // "Syria says it is willing to withdraw": the plain statement is only the frame of the
      // actor's own reported act, which carries the event; it is dropped.
      {
        std::vector<extract::Match> kept;
        for (const auto& mm : matches) {
          const auto& pt = kb.patterns[mm.pattern];
          bool frame = pt.type == EventType::kStatement && pt.cameo == "010"sv && mm.source != kNoActor;
          bool shadowed = false;
          if (frame)
            for (const auto& other : matches)
              shadowed |= &other != &mm && kb.patterns[other.pattern].type != EventType::kStatement &&
                          other.source == mm.source;
          if (!shadowed) kept.push_back(mm);
        }
        matches = std::move(kept);
      }
      for (auto& m0 : matches) {
       for (auto& m : expand(m0, kb.patterns[m0.pattern].type, kb.patterns[m0.pattern].cameo)) {
        if (m.source == kNoActor || m.source == m.target) continue;
        const auto& pattern = kb.patterns[m.pattern];
        // Domestic events: a concession, protest, coercive act or stated intent with no one named
        // as its object is aimed at home ("students demonstrated", "the authorities imposed a
        // curfew"): the object is the actor's own state. A state does not act on itself: the
        // object of its concession or coercion at home is its population ("Sudan lifted the state
        // of emergency": Sudanese Civilians, CAMEO's CVL), and its protest or intent with no one
        // named has no object ("Ukraine is ready to expand these commitments").
        bool domestic_target = false;
        if (m.target == kNoActor && m.sources.size() <= 1) {
          std::string_view root = std::string_view(pattern.cameo).substr(0, 2);
          if (root == "03"sv || root == "08"sv || root == "14"sv || root == "17"sv) {
            const std::string& c = actors.get(m.source).country;
            if (auto st = kb.state_by_country.find(c); !c.empty() && st != kb.state_by_country.end()) {
              if (st->second != m.source) {
                m.target = st->second;
                domestic_target = true;
              } else if (root == "08"sv || root == "17"sv) {
                m.target = actors.part_of(st->second, "Civilians", "CVL", ActorKind::kOther);
                domestic_target = true;
              }
            }
          }
        }
        Event e;
        e.type = pattern.type;
        e.cameo = pattern.cameo;
        e.date = m.date;
        // A person of the converted dictionaries is coded as on the event's day ("Edouard
        // Balladur" FRAGOV as finance minister in 1987, FRAELI before).
        auto ref = [&](std::size_t h) {
          ActorRef r = ActorRef::of(actors.get(h));
          if (h < kb.actors.size()) r.code = kb.code_on(h, e.date);
          return r;
        };
        e.source = ref(m.source);
        if (m.target != kNoActor) e.target = ref(m.target);
        // An actor does not act on itself (two mentions that resolve to one actor).
        if (e.target && e.target->id == e.source.id) continue;
        if (m.topic != kNoActor && m.topic != m.source && m.topic != m.target)
          e.topics.push_back(ref(m.topic));
        e.status = m.status;
        const auto& sent = *as.sentence;
        // The mention is its sentence; in a run-on "sentence" (a page with no full stop), the
        // match and some context around it, or every event would copy the whole page.
        std::uint32_t mb = sent.begin, me = sent.end;
        if (me - mb > kMaxMentionBytes && m.begin < m.end && m.end <= sent.tokens.size()) {
          std::uint32_t lo = sent.tokens[m.begin].begin, hi = sent.tokens[m.end - 1].end;
          std::size_t k = m.begin;
          while (k > 0 && lo - sent.tokens[k - 1].begin < kMentionContext) --k;
          mb = sent.tokens[k].begin;
          k = m.end - 1;
          while (k + 1 < sent.tokens.size() && sent.tokens[k + 1].end - hi < kMentionContext) ++k;
          me = sent.tokens[k].end;
        }
        e.mentions.push_back({doc.id, static_cast<std::uint32_t>(si), mb, me - mb, pattern.id,
                              doc.text.substr(mb, me - mb)});
        e.finalize();
        for (std::size_t h : {m.source, m.target, m.topic})
          if (h != kNoActor) used_actors.push_back(h);
        if (m.target != kNoActor && !domestic_target) last_pair = std::make_pair(m.source, m.target);
        std::vector<Event> found;
        // A promised act of support, cooperation or aid ("Finland will give Tanzania a grant",
        // "Hungary will support the resolution") is also, when stated, a pledge: CAMEO's intent
        // codes (03x) besides the planned act.
        if (e.status == EventStatus::kPlanned) {
          std::string_view root = std::string_view(e.cameo).substr(0, 2);
          const char* intent = root == "05"sv ? "032" : root == "06"sv ? "031" : root == "07"sv ? "033" : nullptr;
          if (intent) {
            Event p = e;
            p.type = EventType::kIntent;
            p.cameo = intent;
            p.finalize();
            found.push_back(std::move(p));
          }
        }
        found.insert(found.begin(), std::move(e));
        if (sent.begin < title_end) {
          for (auto& ev : found) headline.push_back(std::move(ev));
          continue;
        }
        for (auto& ev : found) {
          auto it = index.find(ev.id);
          if (it != index.end()) {
            auto& existing = out.events[it->second];
            // Mentions join in sentence order (headlines join after this loop): a mention of
            // this sentence is the last one.
            bool same_sentence = !existing.mentions.empty() && existing.mentions.back().sentence == si;
            if (!same_sentence) existing.mentions.push_back(std::move(ev.mentions.front()));
            continue;
          }
          index.emplace(ev.id, out.events.size());
          out.events.push_back(std::move(ev));
        }
       }
      }
    }
    first_sentence += annotated.size();
    wb = we;
  }
  auto parties = [](const Event& x) {
    ActorId a = x.source.id, b = x.target ? x.target->id : 0;
    return is_undirected(x.type) && b < a ? std::make_pair(b, a) : std::make_pair(a, b);
  };
  for (auto& ev : headline) {
    Event* body = nullptr;
    for (auto& other : out.events)
      if (other.type == ev.type && other.status == ev.status && parties(other) == parties(ev)) {
        body = &other;
        break;
      }
    if (!body) {
      auto it = index.find(ev.id);
      if (it != index.end()) body = &out.events[it->second];
    }
    if (body) {
      body->mentions.insert(body->mentions.begin(), std::move(ev.mentions.front()));
      continue;
    }
    index.emplace(ev.id, out.events.size());
    out.events.push_back(std::move(ev));
  }
  // One reported meeting is one event: a mention the text dates only by its month or year ("the
  // talks in April") joins the same event the document dates to a day within it ("on April 29").
  // Statements are not joined: two things said in one month are two statements.
  {
    // Day-dated events by type, status and parties, in document order: a coarse event looks
    // only at its own kind (linear in the events, not quadratic).
    using Kind = std::tuple<EventType, EventStatus, ActorId, ActorId>;
    auto kind_of = [&](const Event& x) {
      auto [a, b] = parties(x);
      return Kind{x.type, x.status, a, b};
    };
    std::map<Kind, std::vector<std::size_t>> days;
    for (std::size_t j = 0; j < out.events.size(); ++j)
      if (out.events[j].date.precision == DatePrecision::kDay)
        days[kind_of(out.events[j])].push_back(j);
    std::vector<bool> merged(out.events.size(), false);
    for (std::size_t i = 0; i < out.events.size(); ++i) {
      Event& coarse = out.events[i];
      if (coarse.date.precision == DatePrecision::kDay || !coarse.target) continue;
      auto same = days.find(kind_of(coarse));
      if (same == days.end()) continue;
      for (std::size_t j : same->second) {
        Event& day = out.events[j];
        if (merged[j] || day.date.days < coarse.date.days ||
            day.date.days > coarse.date.last_day())
          continue;
        for (auto& m : coarse.mentions) day.mentions.push_back(std::move(m));
        std::stable_sort(day.mentions.begin(), day.mentions.end(),
                         [](const Mention& a, const Mention& b) { return a.sentence < b.sentence; });
        merged[i] = true;
        break;
      }
    }
    std::size_t k = 0;
    for (std::size_t i = 0; i < out.events.size(); ++i)
      if (!merged[i]) {
        if (k != i) out.events[k] = std::move(out.events[i]);
        ++k;
      }
    out.events.resize(k);
  }
  std::set<ActorId> seen;
  for (std::size_t h : used_actors) add_actor_closure(actors, h, out.actors, seen);
  return out;
}

}  // namespace diplograph
