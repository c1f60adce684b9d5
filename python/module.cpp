// _diplograph: the compiled core of the Python module `diplograph` (python/diplograph/__init__.py
// adds to_networkx). Answers are plain dicts and lists in the shapes of the CLI's JSON (event JSON
// of DESIGN.md, path --json), so they turn into pandas DataFrames as they are. A Status becomes a
// Python exception: LookupError (not found), ValueError (bad input, ambiguous name), OSError (I/O),
// RuntimeError (anything else); an unknown actor's LookupError names the closest known names. Long
// calls release the GIL; reads may run on one Database from several threads at once, and writes
// (ingest, ingest_text, remove) from several threads run one after another (GraphStore
// serializes them); close() only while no other call on that Database runs.
#include <pybind11/pybind11.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <cstring>
#include <unordered_map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "diplograph/diplograph.hpp"

namespace py = pybind11;
using nlohmann::json;

namespace diplograph::python {
namespace {

[[noreturn]] void raise(const Status& st) {
  PyObject* type = PyExc_RuntimeError;
  switch (st.code()) {
    case StatusCode::kNotFound: type = PyExc_LookupError; break;
    case StatusCode::kInvalidInput:
    case StatusCode::kAmbiguous: type = PyExc_ValueError; break;
    case StatusCode::kIoError: type = PyExc_OSError; break;
    default: break;
  }
  PyErr_SetString(type, st.message().c_str());
  throw py::error_already_set();
}

template <class T>
T take(Result<T>&& r) {
  if (!r) raise(r.error());
  return std::move(*r);
}

void check(const Status& st) {
  if (!st) raise(st);
}

// Text as a Python str; bytes that are not UTF-8 become U+FFFD, as the event JSON writes them.
py::str utf8(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::object to_py(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return py::none();
    case json::value_t::boolean: return py::bool_(j.get<bool>());
    case json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case json::value_t::number_float: return py::float_(j.get<double>());
    case json::value_t::string: return utf8(j.get_ref<const std::string&>());
    case json::value_t::array: {
      py::list l;
      for (const auto& v : j) l.append(to_py(v));
      return l;
    }
    case json::value_t::object: {
      // Keys repeat object after object ("id", "name", ...): each is made a Python str once,
      // interned (its hash kept), and reused.
      // Never destroyed: the interpreter may be gone when static objects are.
      static auto& keys = *new std::unordered_map<std::string, py::object>();
      py::dict d;
      for (auto it = j.begin(); it != j.end(); ++it) {
        auto k = keys.find(it.key());
        if (k == keys.end()) {
          PyObject* o = PyUnicode_DecodeUTF8(it.key().data(),
                                             static_cast<Py_ssize_t>(it.key().size()), "replace");
          if (!o) throw py::error_already_set();
          PyUnicode_InternInPlace(&o);
          k = keys.emplace(it.key(), py::reinterpret_steal<py::object>(o)).first;
        }
        if (PyDict_SetItem(d.ptr(), k->second.ptr(), to_py(it.value()).ptr()) != 0)
          throw py::error_already_set();
      }
      return d;
    }
    default: return py::none();
  }
}

// An event as the dict of its event JSON (DESIGN.md; answers.hpp).
py::dict event_dict(const Event& e) { return to_py(event_json(e)); }

std::string hex(ActorId id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

py::dict actor_ref_dict(const ActorRef& a) {
  py::dict d;
  d["id"] = hex(a.id);
  d["name"] = a.name;
  d["kind"] = std::string(to_string(a.kind));
  d["country"] = a.country.empty() ? py::object(py::none()) : py::object(py::str(a.country));
  d["code"] = a.code.empty() ? py::object(py::none()) : py::object(py::str(a.code));
  return d;
}


// An actor as `actors --json` lists it (answers.hpp).
py::dict actor_dict(const Actor& a) { return to_py(actor_json(a)); }

// A date argument: None, a datetime.date or datetime (by its isoformat()), or text
// YYYY[-MM[-DD]].
std::optional<Date> date_arg(const py::object& o, const char* name) {
  if (o.is_none()) return std::nullopt;
  py::object text = py::hasattr(o, "isoformat") ? o.attr("isoformat")() : py::str(o);
  auto d = Date::parse(py::str(text).cast<std::string>());
  if (!d) raise(Status::invalid_input(std::string(name) + ": " + d.error().message()));
  return *d;
}

// A list argument: None, one string, or a list of strings ("call,meeting" splits on commas).
std::vector<std::string> list_arg(const py::object& o) {
  std::vector<std::string> out;
  if (o.is_none()) return out;
  std::vector<std::string> items;
  if (py::isinstance<py::str>(o))
    items.push_back(o.cast<std::string>());
  else
    for (auto item : o) items.push_back(py::str(item).cast<std::string>());
  for (const auto& s : items) {
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, ','))
      if (!part.empty()) out.push_back(part);
  }
  return out;
}

// The filter of --from, --to, --type and --status: the window inclusive at both ends (a month
// given as `to` ends on its last day), as the CLI takes it.
EventFilter filter_arg(const py::object& start, const py::object& end, const py::object& types,
                       const py::object& status) {
  EventFilter f;
  f.window = Window::of(date_arg(start, "from_"), date_arg(end, "to"));
  if (f.window.empty()) raise(Status::invalid_input("the window is empty: from_ is after to"));
  for (const auto& t : list_arg(types)) {
    auto type = event_type_from_string(t);
    if (!type) raise(Status::invalid_input("unknown event type '" + t + "'"));
    f.types.push_back(*type);
  }
  auto statuses = list_arg(status);
  if (!statuses.empty()) {
    f.statuses.clear();
    for (const auto& s : statuses) {
      auto st = event_status_from_string(s);
      if (!st) raise(Status::invalid_input("unknown status '" + s + "' (occurred, planned, denied)"));
      f.statuses.push_back(*st);
    }
  }
  return f;
}

std::vector<ActorKind> kinds_arg(const py::object& o) {
  std::vector<ActorKind> out;
  for (const auto& k : list_arg(o)) {
    auto kind = actor_kind_from_string(k);
    if (!kind) raise(Status::invalid_input("unknown actor kind '" + k + "'"));
    out.push_back(*kind);
  }
  return out;
}

Period period_arg(const std::string& by) {
  auto p = period_from_string(by);
  if (!p) raise(Status::invalid_input("by: week, month or year, not '" + by + "'"));
  return *p;
}

// `st`, or when it says "not found" and one of `names` is no known actor, resolve_actor's
// kNotFound for that actor, which names the closest known names: "did you mean ...?".
Status naming_status(const Status& st, const GraphStore& store,
                     const std::vector<std::string>& names) {
  if (st.code() != StatusCode::kNotFound) return st;
  for (const auto& name : names) {
    auto known = resolve_actor(store, name);
    if (!known && known.error().code() == StatusCode::kNotFound) return known.error();
  }
  return st;
}

[[noreturn]] void raise_naming(const Status& st, const GraphStore& store,
                               const std::vector<std::string>& names) {
  raise(naming_status(st, store, names));
}

// `st` with `prefix` before its message, its code kept.
Status prefixed(const Status& st, const std::string& prefix) {
  std::string msg = prefix + st.message();
  switch (st.code()) {
    case StatusCode::kNotFound: return Status::not_found(msg);
    case StatusCode::kInvalidInput: return Status::invalid_input(msg);
    case StatusCode::kAmbiguous: return Status::ambiguous(msg);
    case StatusCode::kIoError: return Status::io_error(msg);
    case StatusCode::kCorruption: return Status::corruption(msg);
    default: return Status::internal(msg);
  }
}

template <class T>
T take_naming(Result<T>&& r, const GraphStore& store, const std::vector<std::string>& names) {
  if (!r) raise_naming(r.error(), store, names);
  return std::move(*r);
}

// True when `st` is "not found" although every actor of `names` is known: an empty answer (an
// empty timeline), which Python gives as an empty list.
bool empty_answer(const Status& st, const GraphStore& store,
                  const std::vector<std::string>& names) {
  if (st.code() != StatusCode::kNotFound) return false;
  for (const auto& name : names)
    if (!resolve_actor(store, name)) return false;
  return true;
}

// Runs `work` (returning a Result) with the GIL released.
template <class Work>
auto released_result(Work&& work) -> decltype(work()) {
  std::optional<decltype(work())> r;
  {
    py::gil_scoped_release release;
    r.emplace(work());
  }
  return std::move(*r);
}

// Built once, by the first call that needs it (a function-local static: threads that call at
// once wait for the one that builds it). A failure is raised again on every call.
std::shared_ptr<const Extractor> shared_extractor() {
  static const Result<std::shared_ptr<const Extractor>> extractor =
      []() -> Result<std::shared_ptr<const Extractor>> {
    auto e = Extractor::create();
    if (!e) return e.error();
    return std::shared_ptr<const Extractor>(std::move(*e));
  }();
  if (!extractor) raise(extractor.error());
  return *extractor;
}

// The document of an article given by its fields, as the CLI reads a JSON Lines record of them
// (parse_article_record: the title is the first paragraph unless the text opens with it), so
// that the module extracts exactly what `diplograph extract` does from the same record.
Document make_document(const std::string& text, const py::object& date, const std::string& id,
                       const std::string& title, const std::string& source,
                       const std::string& url) {
  auto d = date_arg(date, "date");
  if (!d) raise(Status::invalid_input("date: give the publication date (YYYY-MM-DD)"));
  json record = {{"text", text}, {"date", d->to_string()}};
  if (!id.empty()) record["id"] = id;
  if (!title.empty()) record["title"] = title;
  if (!source.empty()) record["source"] = source;
  if (!url.empty()) record["url"] = url;
  Document doc = take(parse_article_record(record.dump(-1, ' ', false, json::error_handler_t::replace),
                                           ReadOptions{}, ""));
  doc.published = *d;  // the date as given (a month or year keeps its precision)
  return doc;
}

py::list extract_text(const std::string& text, const py::object& date, const std::string& id,
                      const std::string& title, const std::string& source,
                      const std::string& url) {
  Document doc = make_document(text, date, id, title, source, url);
  auto extractor = shared_extractor();
  Extraction ex;
  {
    py::gil_scoped_release release;
    ex = extractor->extract(doc);
  }
  py::list out;
  for (const auto& e : ex.events) out.append(event_dict(e));
  return out;
}

// Record-level extraction: JSON Lines article records (str, or dicts turned into JSON by the
// caller) to the lines `diplograph extract --emit events|documents` prints for them, byte for
// byte; records without an id are named by `path`, as the CLI names them by the file, and
// records[i] is line first_line + i of it. Returns (lines, errors): a bad record is
// "PATH:LINE: message" in errors and skipped, as the CLI skips it.
py::tuple extract_records(const std::vector<std::string>& records, const std::string& emit,
                          const std::string& path, std::size_t first_line, const py::object& date,
                          const std::string& source) {
  if (emit != "events" && emit != "documents")
    raise(Status::invalid_input("emit: events or documents"));
  ReadOptions ro;
  ro.date = date_arg(date, "date");
  ro.source = source;
  auto extractor = shared_extractor();
  std::vector<std::string> lines, errors;
  {
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < records.size(); ++i) {
      std::string_view line = records[i];
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r' ||
                               line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
      if (line.empty()) continue;
      auto doc = parse_article_record(line, ro, path);
      if (!doc) {
        errors.push_back(RecordError{path, first_line + i, doc.error().message()}.to_string());
        continue;
      }
      Extraction ex = extractor->extract(*doc);
      if (emit == "documents") {
        lines.push_back(document_record_json(*doc, ex));
      } else {
        for (const auto& e : ex.events) lines.push_back(event_to_json(e));
      }
    }
  }
  return py::make_tuple(lines, errors);
}

// The query answers as `path`, `neighbors`, `rank` and `timeline --by` print them with --json
// (answers.hpp).
py::dict path_dict(const PathResult& p) { return to_py(path_json(p)); }
// Its events one by one (event_json each, as neighbors_json writes them): one tree of thousands
// of events cost more to build, walk and free than the dicts (18,533 events: 40% slower than
// building them directly; one by one, as fast within the noise).
py::dict neighbors_dict(const NeighborsResult& r) {
  NeighborsResult rest;
  rest.center = r.center;
  rest.actors = r.actors;
  rest.affiliations = r.affiliations;
  py::dict d = to_py(neighbors_json(rest));
  py::list events;
  for (const auto& e : r.events) events.append(event_dict(e));
  d["events"] = std::move(events);
  return d;
}
py::list rank_list(const RankResult& r) { return to_py(rank_json(r)); }
py::list count_list(const std::vector<CountRow>& rows) { return to_py(counts_json(rows)); }

py::list actor_list(std::vector<Actor> actors) {
  // By name, as `actors` prints them.
  std::sort(actors.begin(), actors.end(),
            [](const Actor& a, const Actor& b) { return a.name < b.name; });
  py::list out;
  for (const auto& a : actors) out.append(actor_dict(a));
  return out;
}

// A timeline answer: per-period counts (with `by`), else the events as dicts.
py::list timeline_list(const TimelineResult& r) {
  py::list out;
  if (!r.counts.empty()) {
    for (const auto& c : r.counts) {
      py::dict d;
      d["period"] = c.period.to_string();
      d["count"] = c.count;
      out.append(d);
    }
    return out;
  }
  for (const auto& e : r.events) out.append(event_dict(e));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Columnar results: numpy arrays filled here, one per field, made into a pandas DataFrame.

py::object pandas() {
  try {
    return py::module_::import("pandas");
  } catch (py::error_already_set&) {
    PyErr_SetString(PyExc_ImportError,
                    "frame=True needs pandas (Debian: apt-get install python3-pandas)");
    throw py::error_already_set();
  }
}

// Python strs for repeated values (types, statuses, kinds, names), made once each.
class StrCache {
 public:
  py::object get(const std::string& s) {
    auto it = cache_.find(s);
    if (it != cache_.end()) return it->second;
    return cache_.emplace(s, utf8(s)).first->second;
  }

 private:
  std::unordered_map<std::string, py::object> cache_;
};

// One column of Python objects (text, or None), then its numpy array.
struct ObjectColumn {
  py::array array;
  PyObject** data;
  explicit ObjectColumn(std::size_t n)
      : array(py::module_::import("numpy").attr("empty")(n, py::str("O"))),
        data(static_cast<PyObject**>(array.mutable_data())) {
    for (std::size_t i = 0; i < n; ++i) {
      Py_INCREF(Py_None);
      data[i] = Py_None;
    }
  }
  void set(std::size_t i, py::object o) {
    PyObject* old = data[i];
    data[i] = o.release().ptr();
    Py_DECREF(old);
  }
};

template <class T>
py::array_t<T> numeric_column(std::size_t n) {
  return py::array_t<T>(static_cast<py::ssize_t>(n));
}

// Days since 1970-01-01 as a numpy datetime64[D] column.
py::array date_column(const std::vector<std::int64_t>& days) {
  py::array a = py::module_::import("numpy").attr("empty")(days.size(), py::str("datetime64[D]"));
  if (!days.empty()) std::memcpy(a.mutable_data(), days.data(), days.size() * sizeof(std::int64_t));
  return a;
}

// Events as a DataFrame: the event JSON's fields as columns, actors flattened (source_id,
// source, source_kind, source_country, and the same for target), mentions counted, cameo as text.
py::object events_frame(const std::vector<Event>& events) {
  const std::size_t n = events.size();
  StrCache strs;
  ObjectColumn id(n), type(n), cameo(n), precision(n), status(n), source_id(n), source(n),
      source_kind(n), source_country(n), target_id(n), target(n), target_kind(n),
      target_country(n);
  auto quad = numeric_column<std::int8_t>(n);
  auto goldstein = numeric_column<double>(n);
  auto sources = numeric_column<std::int32_t>(n);
  auto mentions = numeric_column<std::int32_t>(n);
  std::vector<std::int64_t> days(n);
  auto* q = quad.mutable_data();
  auto* g = goldstein.mutable_data();
  auto* so = sources.mutable_data();
  auto* me = mentions.mutable_data();
  for (std::size_t i = 0; i < n; ++i) {
    const Event& e = events[i];
    id.set(i, py::str(e.id.hex()));
    type.set(i, strs.get(std::string(to_string(e.type))));
    cameo.set(i, strs.get(e.cameo));
    precision.set(i, strs.get(std::string(to_string(e.date.precision))));
    status.set(i, strs.get(std::string(to_string(e.status))));
    days[i] = e.date.days;
    q[i] = static_cast<std::int8_t>(e.quad_class);
    g[i] = std::round(e.goldstein * 10.0) / 10.0;
    so[i] = e.sources();
    me[i] = static_cast<std::int32_t>(e.mentions.size());
    source_id.set(i, py::str(hex(e.source.id)));
    source.set(i, strs.get(e.source.name));
    source_kind.set(i, strs.get(std::string(to_string(e.source.kind))));
    if (!e.source.country.empty()) source_country.set(i, strs.get(e.source.country));
    if (e.target) {
      target_id.set(i, py::str(hex(e.target->id)));
      target.set(i, strs.get(e.target->name));
      target_kind.set(i, strs.get(std::string(to_string(e.target->kind))));
      if (!e.target->country.empty()) target_country.set(i, strs.get(e.target->country));
    }
  }
  py::dict cols;
  cols["id"] = id.array;
  cols["date"] = date_column(days);
  cols["date_precision"] = precision.array;
  cols["type"] = type.array;
  cols["cameo"] = cameo.array;
  cols["quad_class"] = quad;
  cols["goldstein"] = goldstein;
  cols["status"] = status.array;
  cols["source_id"] = source_id.array;
  cols["source"] = source.array;
  cols["source_kind"] = source_kind.array;
  cols["source_country"] = source_country.array;
  cols["target_id"] = target_id.array;
  cols["target"] = target.array;
  cols["target_kind"] = target_kind.array;
  cols["target_country"] = target_country.array;
  cols["sources"] = sources;
  cols["mentions"] = mentions;
  return pandas().attr("DataFrame")(cols, py::arg("copy") = false);
}

// Runs `work` (returning a Status) with the GIL released, then raises its error, if any.
template <class Work>
void released(Work&& work) {
  Status st = Status::ok();
  {
    py::gil_scoped_release release;
    st = work();
  }
  check(st);
}

class Database {
 public:
  Database(const std::string& path, bool read_only) : path_(path) {
    StoreOptions o;
    o.read_only = read_only;
    o.create_if_missing = !read_only;
    o.block_cache_bytes = std::size_t{256} << 20;  // a handle lives long: keep what it read
    store_ = take(GraphStore::open(path, o));
    engine_ = std::make_unique<QueryEngine>(*store_);
  }

  const GraphStore& store() const {
    if (!store_) raise(Status::invalid_input("the database " + path_ + " is closed"));
    return *store_;
  }
  GraphStore& mutable_store() {
    if (!store_) raise(Status::invalid_input("the database " + path_ + " is closed"));
    return *store_;
  }

  void close() {
    engine_.reset();
    store_.reset();
  }

  // The engine lives as long as the handle: its projections (mapped from the store's persisted
  // one, or built once) serve every call until the store changes.
  const QueryEngine& engine() const {
    if (!engine_) raise(Status::invalid_input("the database " + path_ + " is closed"));
    return *engine_;
  }

  // `diplograph ingest` (ingest_files): documents extracted and stored, event data sets and
  // per-document records through the bulk path, event JSON Lines. The answer is `ingest --json`'s
  // object with the bad records' messages added as 'errors'.
  py::dict ingest(const py::object& paths, const py::object& date, const std::string& source,
                  const std::string& format, bool allow_mixed_knowledge, unsigned threads) {
    IngestOptions o;
    o.read.date = date_arg(date, "date");
    o.read.source = source;
    auto f = input_format_from_string(format);
    if (!f)
      raise(Status::invalid_input("format: auto, text, html, jsonl, documents, events, gdelt, "
                                  "icews or csv, not '" + format + "'"));
    o.read.format = *f;
    o.import.allow_mixed_knowledge = allow_mixed_knowledge;
    o.threads = threads;
    std::vector<std::string> files = py::isinstance<py::str>(paths)
                                         ? std::vector<std::string>{paths.cast<std::string>()}
                                         : paths.cast<std::vector<std::string>>();
    std::shared_ptr<const Extractor> extractor;
    if (*f != InputFormat::kEvents && *f != InputFormat::kGdelt && *f != InputFormat::kIcews &&
        *f != InputFormat::kCsv && *f != InputFormat::kDocuments)
      extractor = shared_extractor();  // built once per process, not per call
    o.extractor = extractor.get();
    GraphStore& store = mutable_store();
    std::vector<std::string> errors;
    Result<IngestSummary> r = Status::internal("not run");
    {
      py::gil_scoped_release release;
      r = ingest_files([&store](bool) -> Result<GraphStore*> { return &store; }, files, o,
                       [&](RecordError&& e) { errors.push_back(e.to_string()); });
    }
    IngestSummary sum = take(std::move(r));
    py::dict d = to_py(json::parse(sum.to_json()));
    d["errors"] = errors;
    return d;
  }

  py::dict ingest_text(const std::string& text, const py::object& date, const std::string& id,
                       const std::string& title, const std::string& source,
                       const std::string& url) {
    Document doc = make_document(text, date, id, title, source, url);
    auto extractor = shared_extractor();
    GraphStore& store = mutable_store();
    Result<IngestResult> r = Status::internal("not run");
    {
      py::gil_scoped_release release;
      r = store.ingest(doc, extractor->extract(doc));
    }
    IngestResult res = take(std::move(r));
    py::dict d;
    d["already_present"] = res.already_present;
    d["replaced"] = res.replaced;
    d["events_new"] = res.events_new;
    d["events_merged"] = res.events_merged;
    return d;
  }

  py::object timeline(const py::object& actor, const py::object& with, const py::object& start,
                      const py::object& end, const py::object& types, const py::object& status,
                      std::size_t limit, bool frame, const std::string& order) const {
    TimelineQuery q;
    // One actor, or a list: the timeline of the set (`timeline A B ..`), each event once.
    std::vector<std::string> actors;
    if (py::isinstance<py::str>(actor))
      actors.push_back(actor.cast<std::string>());
    else
      for (auto a : actor) actors.push_back(py::str(a).cast<std::string>());
    if (actors.empty()) raise(Status::invalid_input("timeline: give an actor"));
    q.actor = actors[0];
    q.also.assign(actors.begin() + 1, actors.end());
    if (!with.is_none()) q.with = with.cast<std::string>();
    q.filter = filter_arg(start, end, types, status);
    q.limit = limit;
    if (order != "asc" && order != "desc") raise(Status::invalid_input("order: asc or desc"));
    q.descending = order == "desc";
    const QueryEngine& eng = engine();
    auto r = released_result([&] { return eng.timeline(q); });
    std::vector<std::string> names = actors;
    if (q.with) names.push_back(*q.with);
    // An empty timeline is an empty list; an unknown actor stays an error.
    if (!r && empty_answer(r.error(), store(), names)) {
      if (frame) return events_frame({});
      return py::list();
    }
    TimelineResult result = take_naming(std::move(r), store(), names);
    if (frame) return events_frame(result.events);
    return timeline_list(result);
  }

  py::list paths(const std::string& from, const std::string& to, const py::object& start,
                 const py::object& end, const py::object& types, const py::object& status,
                 int max_hops, bool affiliations, const std::string& mode, std::size_t k,
                 const py::object& max_wait, const py::object& kind) const {
    PathQuery q;
    q.from = from;
    q.to = to;
    q.filter = filter_arg(start, end, types, status);
    q.max_hops = max_hops;
    q.affiliations = affiliations;
    auto m = path_mode_from_string(mode);
    if (!m) raise(Status::invalid_input("unknown mode '" + mode + "'"));
    q.mode = *m;
    q.k = k;
    if (!max_wait.is_none()) q.max_wait = max_wait.cast<int>();
    q.kinds = kinds_arg(kind);
    const QueryEngine& eng = engine();
    auto r = released_result([&] { return eng.find_paths(q); });
    py::list out;
    for (const auto& p : take_naming(std::move(r), store(), {from, to})) out.append(path_dict(p));
    return out;
  }

  py::dict neighbors(const std::string& actor, int depth, const py::object& start,
                     const py::object& end, const py::object& types, const py::object& status,
                     bool affiliations, const py::object& kind) const {
    NeighborsQuery q;
    q.actor = actor;
    q.depth = depth;
    q.filter = filter_arg(start, end, types, status);
    q.affiliations = affiliations;
    q.kinds = kinds_arg(kind);
    const QueryEngine& eng = engine();
    auto r = released_result([&] { return eng.neighbors(q); });
    return neighbors_dict(take_naming(std::move(r), store(), {actor}));
  }

  py::list rank(const std::string& by, const py::object& start, const py::object& end,
                const py::object& types, const py::object& status, const py::object& kind,
                bool affiliations, std::size_t limit, std::size_t pivots) const {
    RankQuery q;
    auto b = rank_by_from_string(by);
    if (!b) raise(Status::invalid_input("by: degree, weighted-degree or betweenness"));
    q.by = *b;
    q.filter = filter_arg(start, end, types, status);
    q.kinds = kinds_arg(kind);
    q.affiliations = affiliations;
    q.limit = limit;
    q.pivots = pivots;
    const QueryEngine& eng = engine();
    auto r = released_result([&] { return eng.rank(q); });
    if (!r && r.error().code() == StatusCode::kNotFound) return py::list();  // no edge: no rank
    return rank_list(take(std::move(r)));
  }

  py::list counts(const py::object& actor, const py::object& with, const std::string& by,
                  const py::object& start, const py::object& end, const py::object& types,
                  const py::object& status, bool by_type) const {
    CountsQuery q;
    std::vector<std::string> names;
    if (!actor.is_none()) names.push_back(*(q.actor = actor.cast<std::string>()));
    if (!with.is_none()) names.push_back(*(q.with = with.cast<std::string>()));
    q.period = period_arg(by);
    q.filter = filter_arg(start, end, types, status);
    q.by_type = by_type;
    const GraphStore& st = store();
    auto r = released_result([&] { return count_events(st, q); });
    return count_list(take_naming(std::move(r), st, names));
  }

  py::list partners(const std::string& actor, const py::object& start, const py::object& end,
                    const py::object& types, const py::object& status) const {
    PartnersQuery q;
    q.actor = actor;
    q.filter = filter_arg(start, end, types, status);
    const GraphStore& st = store();
    auto r = released_result([&] { return diplograph::partners(st, q); });
    PartnersResult res = take_naming(std::move(r), st, {actor});
    py::list out;
    for (const Partner& p : res.partners) {
      py::dict d = actor_ref_dict(p.actor);
      d["events"] = p.events;
      d["outgoing"] = p.outgoing;
      d["incoming"] = p.incoming;
      d["undirected"] = p.undirected;
      d["cooperative"] = p.cooperative;
      d["conflictual"] = p.conflictual;
      d["first"] = p.first.to_string();
      d["last"] = p.last.to_string();
      py::dict types_count;
      for (const auto& [t, n] : p.by_type) types_count[py::str(std::string(to_string(t)))] = n;
      d["types"] = types_count;
      out.append(d);
    }
    return out;
  }

  py::list pair_series(const std::string& a, const std::string& b, const std::string& by,
                       const py::object& start, const py::object& end, const py::object& types,
                       const py::object& status, bool by_country) const {
    PairSeriesQuery q;
    q.a = a;
    q.b = b;
    q.period = period_arg(by);
    q.filter = filter_arg(start, end, types, status);
    q.by_country = by_country;
    const GraphStore& st = store();
    auto r = released_result([&] { return diplograph::pair_series(st, q); });
    PairSeries res = take_naming(std::move(r), st, {a, b});
    py::list out;
    for (const PairPeriod& p : res.periods) {
      py::dict d;
      d["period"] = p.period.to_string();
      d["events"] = p.events;
      d["cooperative"] = p.cooperative;
      d["conflictual"] = p.conflictual;
      d["goldstein"] = p.goldstein;
      d["goldstein_mean"] = p.goldstein_mean();
      out.append(d);
    }
    return out;
  }

  py::list suggest(const std::string& name, std::size_t limit) const {
    py::list out;
    for (const auto& x : take(suggest_actors(store(), name, limit))) {
      py::dict d = actor_ref_dict(x.actor);
      d["matched"] = utf8(x.matched);
      d["distance"] = x.distance;
      out.append(d);
    }
    return out;
  }

  // The statements of a .dgq text, run as `diplograph query FILE.dgq` runs them.
  py::list query(const std::string& text) const {
    auto parsed = parse_statements(text);
    if (!parsed) raise(parsed.error());
    const QueryEngine& eng = engine();
    py::list out;
    for (const NumberedStatement& n : *parsed) {
      auto r = released_result([&] { return run_query(eng, n.query); });
      py::dict d;
      d["line"] = n.line;
      d["verb"] = n.statement.verb;
      std::vector<std::string> names = n.statement.args;
      for (const auto& [clause, value] : n.statement.clauses)
        if (clause == "with") names.push_back(value);
      if (!r && n.statement.verb == "timeline" && empty_answer(r.error(), store(), names)) {
        d["result"] = py::list();
        out.append(d);
        continue;
      }
      if (!r)
        raise(prefixed(naming_status(r.error(), store(), names),
                       "line " + std::to_string(n.line) + ": "));
      struct Convert {
        py::object operator()(const TimelineResult& x) const { return timeline_list(x); }
        py::object operator()(const std::vector<PathResult>& x) const {
          py::list l;
          for (const auto& p : x) l.append(path_dict(p));
          return l;
        }
        py::object operator()(const NeighborsResult& x) const { return neighbors_dict(x); }
        py::object operator()(const RankResult& x) const { return rank_list(x); }
        py::object operator()(std::vector<Actor>& x) const { return actor_list(std::move(x)); }
      };
      d["result"] = std::visit(Convert{}, *r);
      out.append(d);
    }
    return out;
  }

  py::dict remove(const py::object& doc) {
    GraphStore& st = mutable_store();
    py::dict d;
    std::size_t documents = 0, mentions = 0, events_removed = 0;
    for (const auto& id : list_arg(doc)) {
      auto r = released_result([&] { return st.remove_document(id); });
      RemoveResult res = take(std::move(r));
      documents += res.documents;
      mentions += res.mentions;
      events_removed += res.events_removed;
    }
    d["documents"] = documents;
    d["mentions"] = mentions;
    d["events_removed"] = events_removed;
    return d;
  }

  py::dict check_store(std::size_t max) const {
    const GraphStore& st = store();
    const QueryEngine& eng = engine();
    auto r = released_result([&] { return st.check(max); });
    CheckReport rep = take(std::move(r));
    // The persisted projection too, as `diplograph check` does.
    auto projection = released_result([&] { return eng.check_projection(); });
    for (auto& p : take(std::move(projection))) {
      ++rep.problem_count;
      if (rep.problems.size() < max) rep.problems.push_back(std::move(p));
    }
    py::dict d;
    d["events"] = rep.events;
    d["actors"] = rep.actors;
    d["documents"] = rep.documents;
    d["derived_keys"] = rep.derived_keys;
    d["problems"] = rep.problems;
    d["problem_count"] = rep.problem_count;
    d["consistent"] = rep.problem_count == 0;
    return d;
  }

  ExportOptions export_options(const py::object& actor, int depth, const py::object& start,
                               const py::object& end, const py::object& types,
                               const py::object& status, bool affiliations) const {
    ExportOptions o;
    EventFilter f = filter_arg(start, end, types, status);
    o.filter.window = f.window;
    o.filter.types = f.types;
    if (!status.is_none()) o.filter.statuses = f.statuses;  // exports default to every status
    if (!actor.is_none()) o.actor = actor.cast<std::string>();
    if (depth < 0) raise(Status::invalid_input("depth must not be negative"));
    o.depth = depth;
    o.affiliations = affiliations;
    return o;
  }

  GraphSelection select(const ExportOptions& o) const {
    std::vector<std::string> names;
    if (o.actor) names.push_back(*o.actor);
    const GraphStore& st = store();
    auto r = released_result([&] { return select_graph(st, o); });
    return take_naming(std::move(r), st, names);
  }

  py::object graph(const py::object& actor, int depth, const py::object& start,
                   const py::object& end, const py::object& types, const py::object& status,
                   bool affiliations) const {
    GraphSelection g =
        select(export_options(actor, depth, start, end, types, status, affiliations));
    std::ostringstream out;
    check(write_node_link_json(g, out));
    return to_py(json::parse(out.str()));
  }

  // Every format of `diplograph export`. Text formats return str (png: bytes) unless `output`
  // names a file; csv and nebula write into the directory `output`.
  py::object export_graph(const std::string& format, const py::object& actor, int depth,
                          const py::object& start, const py::object& end, const py::object& types,
                          const py::object& status, bool affiliations, bool collapse,
                          const py::object& output, const py::object& cluster_by, bool legend,
                          const std::string& title, const std::string& gexf_version,
                          int replica_factor) const {
    static const char* const kFormats =
        "dot, svg, png, graphml, gexf, json, jsonl, csv or nebula";
    const bool rendered = format == "svg" || format == "png";
    const bool directory = format == "csv" || format == "nebula";
    if (!(rendered || directory || format == "dot" || format == "graphml" || format == "gexf" ||
          format == "json" || format == "jsonl"))
      raise(Status::invalid_input("format: " + std::string(kFormats) + ", not '" + format + "'"));
    std::optional<std::string> out_path;
    if (!output.is_none())  // a str or a pathlib.Path
      out_path = py::str(py::module_::import("os").attr("fspath")(output)).cast<std::string>();
    if (directory && !out_path)
      raise(Status::invalid_input("format " + format + " writes files: give output=DIR"));
    if (gexf_version != "1.2draft" && gexf_version != "1.2" && gexf_version != "1.3")
      raise(Status::invalid_input("gexf_version: 1.2draft or 1.3"));
    DotOptions dot;
    dot.collapse = collapse;
    dot.legend = legend;
    dot.title = title;
    if (!cluster_by.is_none()) {
      if (cluster_by.cast<std::string>() != "country")
        raise(Status::invalid_input("cluster_by takes 'country'"));
      dot.cluster_by_country = true;
    }
    ExportOptions o = export_options(actor, depth, start, end, types, status, affiliations);
    const GraphStore& st = store();
    std::ostringstream text;
    if (format == "jsonl") {
      std::vector<std::string> names;
      if (o.actor) names.push_back(*o.actor);
      Status s = released_result([&] { return write_event_jsonl(st, o, text); });
      if (!s) raise_naming(s, st, names);
    } else {
      GraphSelection g = select(o);
      NebulaOptions nebula;
      nebula.replica_factor = replica_factor;
      if (directory) {
        const std::string dir = *out_path;
        check(released_result(
            [&] { return format == "csv" ? write_csv(g, dir) : write_nebula(g, dir, nebula); }));
        return py::none();
      }
      if (format == "graphml")
        check(write_graphml(g, text));
      else if (format == "gexf")
        check(write_gexf(g, text, gexf_version));
      else if (format == "json")
        check(write_node_link_json(g, text));
      else
        check(write_dot(g, dot, text));
    }
    if (rendered) {
      // GraphViz writes a temporary file, read back; `output` is then written whole or not at
      // all, like every output file.
      char name[] = "/tmp/diplograph-export-XXXXXX";
      int fd = ::mkstemp(name);
      if (fd < 0) raise(Status::io_error("cannot create a temporary file"));
      ::close(fd);
      const std::string tmp = name, dot_text = text.str();
      Status s = released_result([&] { return render_graphviz(dot_text, format, tmp); });
      std::string bytes;
      if (s) {
        std::ifstream in(tmp, std::ios::binary);
        std::ostringstream all;
        all << in.rdbuf();
        bytes = all.str();
      }
      ::unlink(tmp.c_str());
      check(s);
      if (out_path) {
        check(released_result([&] { return write_output_file(*out_path, bytes); }));
        return py::none();
      }
      if (format == "png") return py::bytes(bytes);
      return utf8(bytes);
    }
    if (out_path) {
      const std::string all = text.str();
      check(released_result([&] { return write_output_file(*out_path, all); }));
      return py::none();
    }
    return utf8(text.str());
  }

  // Every admitted event of the window (by date, then id) as a DataFrame.
  py::object events(const py::object& start, const py::object& end, const py::object& types,
                    const py::object& status) const {
    EventFilter f = filter_arg(start, end, types, status);
    const GraphStore& st = store();
    std::vector<Event> out;
    released([&]() -> Status {
      std::vector<EventId> ids;
      Status s = st.scan_event_days(f.window.from, f.window.to, [&](std::int32_t, const EventId& id) {
        ids.push_back(id);
        return true;
      });
      if (!s) return s;
      for (const EventId& id : ids) {
        auto e = st.get_event(id);
        if (!e) return e.error();
        if (f.admits(*e)) out.push_back(std::move(*e));
      }
      return Status::ok();
    });
    return events_frame(out);
  }

  // The graph's edges (events with two actors) in the window as a DataFrame of (source_id,
  // source, target_id, target, date, type, status, event id), read from the adjacency alone;
  // an undirected event (a meeting) gives its smaller actor id as the source.
  py::object edges(const py::object& start, const py::object& end, const py::object& types,
                   const py::object& status) const {
    EventFilter f = filter_arg(start, end, types, status);
    const GraphStore& st = store();
    std::vector<AdjEntry> rows;
    released([&] {
      return st.scan_adjacency_window(f.window.from, f.window.to, [&](const AdjEntry& e) {
        if (e.other == 0 || !f.admits(e) || !e.outgoing) return true;
        if (is_undirected(e.type) && e.other < e.actor) return true;  // once, from the smaller
        rows.push_back(e);
        return true;
      });
    });
    const std::size_t n = rows.size();
    StrCache strs;
    std::unordered_map<ActorId, py::object> names;
    auto name_of = [&](ActorId id) -> py::object {
      auto it = names.find(id);
      if (it != names.end()) return it->second;
      auto a = st.get_actor(id);
      if (!a && a.error().code() != StatusCode::kNotFound) raise(a.error());
      return names.emplace(id, a ? utf8(a->name) : py::str("actor " + hex(id))).first->second;
    };
    ObjectColumn source_id(n), source(n), target_id(n), target(n), type(n), status_col(n), id(n);
    std::vector<std::int64_t> days(n);
    for (std::size_t i = 0; i < n; ++i) {
      const AdjEntry& e = rows[i];
      source_id.set(i, py::str(hex(e.actor)));
      source.set(i, name_of(e.actor));
      target_id.set(i, py::str(hex(e.other)));
      target.set(i, name_of(e.other));
      days[i] = e.day;
      type.set(i, strs.get(std::string(to_string(e.type))));
      status_col.set(i, strs.get(std::string(to_string(e.status))));
      id.set(i, py::str(e.event.hex()));
    }
    py::dict cols;
    cols["source_id"] = source_id.array;
    cols["source"] = source.array;
    cols["target_id"] = target_id.array;
    cols["target"] = target.array;
    cols["date"] = date_column(days);
    cols["type"] = type.array;
    cols["status"] = status_col.array;
    cols["id"] = id.array;
    return pandas().attr("DataFrame")(cols, py::arg("copy") = false);
  }

  // `stats --json`: the counts, and with versions=True the documents of each knowledge version.
  py::dict stats(bool versions) const {
    StoreStats s = take(store().stats());
    if (!versions) return to_py(stats_json(s));
    auto v = take(store().knowledge_versions());
    return to_py(stats_json(s, &v));
  }

  py::list actors(const py::object& text) const {
    py::list out;
    if (text.is_none()) {
      check(store().for_each_actor([&](const Actor& a) {
        out.append(actor_dict(a));
        return true;
      }));
    } else {
      for (const auto& a : take(store().find_actors(text.cast<std::string>())))
        out.append(actor_dict(a));
    }
    return out;
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::unique_ptr<GraphStore> store_;
  std::unique_ptr<QueryEngine> engine_;
};

}  // namespace
}  // namespace diplograph::python

PYBIND11_MODULE(_diplograph, m) {
  using diplograph::python::Database;
  namespace dp = diplograph::python;
  m.doc() = "diplograph: a knowledge graph of diplomatic events (compiled core)";
  m.attr("__version__") = "0.1.0";

  py::class_<Database>(m, "Database")
      .def(py::init<const std::string&, bool>(), py::arg("path"), py::arg("read_only") = false)
      .def_property_readonly("directory", &Database::path)
      .def("close", &Database::close, "Closes the database; later calls raise ValueError.")
      .def("ingest", &Database::ingest, py::arg("paths"), py::arg("date") = py::none(),
           py::arg("source") = "", py::arg("format") = "auto",
           py::arg("allow_mixed_knowledge") = false, py::arg("threads") = 0,
           "What `diplograph ingest` does, for one file or a list: documents (text, HTML, JSON "
           "Lines articles) extracted and stored; event data sets (GDELT, ICEWS, CSV edge lists) "
           "and per-document records (extract_records, `diplograph extract --emit documents`) "
           "through the bulk path; event JSON Lines with format='events'. threads: 0 = all "
           "cores. Returns the counts of `ingest --json` and 'errors', the bad records skipped.")
      .def("ingest_text", &Database::ingest_text, py::arg("text"), py::arg("date"),
           py::arg("id") = "", py::arg("title") = "", py::arg("source") = "",
           py::arg("url") = "", "Extracts and stores one document given as text.")
      .def(
          "extract",
          [](const Database&, const std::string& text, const py::object& date,
             const std::string& id, const std::string& source, const std::string& title,
             const std::string& url) { return dp::extract_text(text, date, id, title, source, url); },
          py::arg("text"), py::arg("date"), py::arg("id") = "", py::arg("source") = "",
          py::arg("title") = "", py::arg("url") = "",
          "The events of a text, as event JSON dicts; stores nothing.")
      .def("timeline", &Database::timeline, py::arg("actor"), py::arg("with_") = py::none(),
           py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(), py::arg("limit") = 0,
           py::arg("frame") = false, py::arg("order") = "asc",
           "An actor's events (a list of actors: the events of any of them, each once; with_=B: "
           "only the two actors' events together) as event JSON dicts, by date (order='desc': newest first), at most `limit` (0: all); frame=True: a "
           "pandas DataFrame, a column per field. Window from_..to inclusive (dates, "
           "datetime.date or 'YYYY[-MM[-DD]]'; to='2021-08' ends on 31 August); type: 'call' or "
           "['call', 'meeting']; status: default occurred and planned. An empty window gives []. "
           "LookupError for an unknown actor (with suggestions), ValueError for an ambiguous one "
           "or bad input. As `diplograph timeline ACTOR --with B --from D --to D --type T`.")
      .def("counts", &Database::counts, py::arg("actor") = py::none(),
           py::arg("with_") = py::none(), py::arg("by") = "month", py::arg("from_") = py::none(),
           py::arg("to") = py::none(), py::arg("type") = py::none(),
           py::arg("status") = py::none(), py::arg("by_type") = false,
           "Events per period (by='week', 'month' or 'year') of an actor, of a pair (with_=) or "
           "of the whole store (no actor): [{'period': '2021-08', 'count': n}, ...], every period "
           "from the first event's to the last's (zeros included); by_type=True adds 'type' and "
           "gives one row per period and type present. An event counts once. [] when nothing is "
           "in the window. As `diplograph timeline ACTOR --by month`.")
      .def("partners", &Database::partners, py::arg("actor"), py::arg("from_") = py::none(),
           py::arg("to") = py::none(), py::arg("type") = py::none(),
           py::arg("status") = py::none(),
           "Every actor sharing an event with `actor` in the window, most events first: the "
           "partner's id, name, kind, country, code and 'events', 'outgoing', 'incoming', "
           "'undirected', 'cooperative' and 'conflictual' (by the type's CAMEO quad class), "
           "'first' and 'last' dates, and 'types' ({type: count}).")
      .def("pair_series", &Database::pair_series, py::arg("a"), py::arg("b"),
           py::arg("by") = "month", py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           py::arg("by_country") = false,
           "How two actors relate per week, month or year (by=): [{'period', 'events', "
           "'cooperative' (quad class 1-2), 'conflictual' (3-4), 'goldstein' (sum), "
           "'goldstein_mean'}], every period from the first event's to the last's. "
           "by_country=True counts every event between the two states' actors (an actor belongs "
           "to a state by its country), as examples/monthly_relations does.")
      .def("events", &Database::events, py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           "Every event of the window as a pandas DataFrame (columns as timeline(frame=True)).")
      .def("edges", &Database::edges, py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           "The graph's edges in the window as a pandas DataFrame: source_id, source, target_id, "
           "target, date, type, status, id.")
      .def("paths", &Database::paths, py::arg("source"), py::arg("target"),
           py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           py::arg("max_hops") = 6, py::arg("affiliations") = true,
           py::arg("mode") = "fewest-hops", py::arg("k") = 1, py::arg("max_wait") = py::none(),
           py::arg("kind") = py::none(),
           "Up to k best paths, each {'actors': [...], 'hops': [...]} as `path --json` prints. "
           "mode: fewest-hops, earliest-arrival, latest-departure or fastest; max_wait: days "
           "between hops (temporal modes); kind: intermediate actors' kinds; affiliations=False "
           "as --no-affiliations. LookupError when there is no path or an actor is unknown.")
      .def("neighbors", &Database::neighbors, py::arg("actor"), py::arg("depth") = 1,
           py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           py::arg("affiliations") = true, py::arg("kind") = py::none(),
           "The ego network: {'center', 'actors' (with depth), 'events', 'affiliations'}.")
      .def("rank", &Database::rank, py::arg("by") = "degree", py::arg("from_") = py::none(),
           py::arg("to") = py::none(), py::arg("type") = py::none(),
           py::arg("status") = py::none(), py::arg("kind") = py::none(),
           py::arg("affiliations") = false, py::arg("limit") = 20, py::arg("pivots") = 64,
           "The most central actors of the window, as `rank --json` prints them: [{'rank', 'id', "
           "'name', 'kind', 'by', 'score'}] best first; by: degree, weighted-degree or "
           "betweenness (sampled from `pivots` sources on large graphs). [] when the window has "
           "no edge.")
      .def("query", &Database::query, py::arg("text"),
           "Runs the statements of a .dgq query text (one a line, # comments), as `diplograph "
           "query FILE.dgq` does: every line is checked before any runs. Returns one "
           "{'line', 'verb', 'result'} per statement; result as timeline() (or counts with "
           "'by'), paths(), neighbors(), rank() or actors() give it. Errors name the line.")
      .def("graph", &Database::graph, py::arg("actor") = py::none(), py::arg("depth") = 1,
           py::arg("from_") = py::none(), py::arg("to") = py::none(),
           py::arg("type") = py::none(), py::arg("status") = py::none(),
           py::arg("affiliations") = true,
           "The graph (or an ego network) as node-link data: {'nodes': [...], 'links': [...]}.")
      .def("export", &Database::export_graph, py::arg("format") = "dot",
           py::arg("actor") = py::none(), py::arg("depth") = 1, py::arg("from_") = py::none(),
           py::arg("to") = py::none(), py::arg("type") = py::none(),
           py::arg("status") = py::none(), py::arg("affiliations") = true,
           py::arg("collapse") = false, py::arg("output") = py::none(),
           py::arg("cluster_by") = py::none(), py::arg("legend") = true, py::arg("title") = "",
           py::arg("gexf_version") = "1.2draft", py::arg("replica_factor") = 1,
           "The graph (or a window, or the ego network of `actor`) in any format of `diplograph "
           "export`: dot, svg, png (GraphViz's dot), graphml, gexf, json (node-link), jsonl "
           "(event JSON Lines), csv, nebula. Returns the text (png: bytes), or None when "
           "`output` names the file to write; csv and nebula need output=DIR. Every status by "
           "default, as the CLI. dot/svg/png: collapse, cluster_by='country', legend, title; "
           "nebula: replica_factor.")
      .def("remove", &Database::remove, py::arg("doc"),
           "Retracts a document (or a list): its mentions, and the events no other document "
           "reports, in one atomic batch. Returns {'documents', 'mentions', 'events_removed'}. "
           "LookupError when no document has that id; ValueError on a read-only database.")
      .def("check", &Database::check_store, py::arg("max") = 50,
           "Verifies every derived key, counter and the persisted projection against the "
           "records, as `diplograph check`: {'consistent', 'problems' (at most max), "
           "'problem_count', 'events', 'actors', 'documents', 'derived_keys'}.")
      .def("suggest", &Database::suggest, py::arg("name"), py::arg("limit") = 5,
           "Known actors whose name or an alias is close to `name` (edit distance), closest "
           "first: [{'id', 'name', 'kind', 'country', 'code', 'matched', 'distance'}].")
      .def("stats", &Database::stats, py::arg("versions") = false,
           "Counts as `stats --json` prints them: documents, mentions, actors, events, edges, "
           "affiliations; versions=True adds 'knowledge', the documents of each knowledge "
           "version (a scan of the document records).")
      .def("actors", &Database::actors, py::arg("text") = py::none(),
           "Every actor, or those a name matches.");

  m.def(
      "extract",
      [](const std::string& text, const py::object& date, const std::string& id,
         const std::string& source, const std::string& title, const std::string& url) {
        return dp::extract_text(text, date, id, title, source, url);
      },
      py::arg("text"), py::arg("date"), py::arg("id") = "", py::arg("source") = "",
      py::arg("title") = "", py::arg("url") = "",
      "The events of an article, as event JSON dicts (no database): the same events as "
      "`diplograph extract` gives for the JSON Lines record with these fields.");
  m.def("extract_records", &dp::extract_records, py::arg("records"), py::arg("emit") = "events",
        py::arg("path") = "-", py::arg("first_line") = 1, py::arg("date") = py::none(),
        py::arg("source") = "",
        "JSON Lines article records (strings) to the lines `diplograph extract --emit EMIT` "
        "prints for them (events: event JSON; documents: per-document records), byte for byte. "
        "records[i] is line first_line + i of the file `path` (which names records without an id). "
        "Returns (lines, errors); a bad record is an error 'PATH:LINE: message' and is skipped.");
}
