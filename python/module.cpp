// _diplograph: the compiled core of the Python module `diplograph` (python/diplograph/__init__.py
// adds to_networkx). Answers are plain dicts and lists in the shapes of the CLI's JSON (event JSON
// of DESIGN.md, path --json), so they turn into pandas DataFrames as they are. A Status becomes a
// Python exception: LookupError (not found), ValueError (bad input, ambiguous name), OSError (I/O),
// RuntimeError (anything else). Long calls release the GIL; one Database must not be used by two
// threads at once for ingest.
#include <pybind11/pybind11.h>
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <memory>
#include <optional>
#include <cstring>
#include <unordered_map>
#include <sstream>
#include <string>
#include <vector>

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

py::object to_py(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return py::none();
    case json::value_t::boolean: return py::bool_(j.get<bool>());
    case json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
    case json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
    case json::value_t::number_float: return py::float_(j.get<double>());
    case json::value_t::string: return py::str(j.get_ref<const std::string&>());
    case json::value_t::array: {
      py::list l;
      for (const auto& v : j) l.append(to_py(v));
      return l;
    }
    case json::value_t::object: {
      py::dict d;
      for (const auto& [k, v] : j.items()) d[py::str(k)] = to_py(v);
      return d;
    }
    default: return py::none();
  }
}

// Text as a Python str; bytes that are not UTF-8 become U+FFFD, as the event JSON writes them.
py::str utf8(const std::string& s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

py::dict event_actor_dict(const ActorRef& a) {
  py::dict d;
  if (!a.code.empty()) d["code"] = utf8(a.code);
  if (!a.country.empty()) d["country"] = utf8(a.country);
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(a.id));
  d["id"] = py::str(id);
  d["kind"] = py::str(std::string(to_string(a.kind)));
  d["name"] = utf8(a.name);
  return d;
}

// An event as the dict of its event JSON (DESIGN.md; keys in the order json.loads gives them),
// built directly: going through the JSON text cost most of a path query's time.
py::dict event_dict(const Event& e) {
  py::dict d;
  d["cameo"] = utf8(e.cameo);
  d["date"] = py::str(e.date.to_string());
  d["date_precision"] = py::str(std::string(to_string(e.date.precision)));
  d["goldstein"] = std::round(e.goldstein * 10.0) / 10.0;
  d["id"] = py::str(e.id.hex());
  py::list mentions;
  for (const auto& m : e.mentions) {
    py::dict x;
    x["doc"] = utf8(m.doc);
    x["length"] = m.length;
    x["offset"] = m.offset;
    x["pattern"] = utf8(m.pattern);
    x["sentence"] = m.sentence;
    x["text"] = utf8(m.text);
    mentions.append(std::move(x));
  }
  d["mentions"] = std::move(mentions);
  d["quad_class"] = e.quad_class;
  d["source"] = event_actor_dict(e.source);
  d["sources"] = e.sources();
  d["status"] = py::str(std::string(to_string(e.status)));
  d["target"] = e.target ? py::object(event_actor_dict(*e.target)) : py::object(py::none());
  py::list topics;
  for (const auto& t : e.topics) topics.append(event_actor_dict(t));
  d["topics"] = std::move(topics);
  d["type"] = py::str(std::string(to_string(e.type)));
  return d;
}

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

py::object opt_date(const std::optional<Date>& d) {
  return d ? py::object(py::str(d->to_string())) : py::object(py::none());
}

py::dict actor_dict(const Actor& a) {
  py::dict d = actor_ref_dict(ActorRef::of(a));
  d["aliases"] = a.aliases;
  py::list affs;
  for (const auto& f : a.affiliations) {
    py::dict x;
    x["target"] = f.target_name;
    x["target_id"] = hex(f.target);
    x["role"] = f.role;
    x["valid_from"] = opt_date(f.from);
    x["valid_to"] = opt_date(f.to);
    affs.append(x);
  }
  d["affiliations"] = affs;
  return d;
}

// A date argument: None, or anything whose str() is YYYY[-MM[-DD]] (a datetime.date works).
std::optional<Date> date_arg(const py::object& o, const char* name) {
  if (o.is_none()) return std::nullopt;
  auto d = Date::parse(py::str(o).cast<std::string>());
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

EventFilter filter_arg(const py::object& start, const py::object& end, const py::object& types,
                       const py::object& status) {
  EventFilter f;
  if (auto d = date_arg(start, "start")) f.window.from = d->days;
  if (auto d = date_arg(end, "end")) f.window.to = d->last_day();
  if (f.window.from > f.window.to) raise(Status::invalid_input("start is after end"));
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

std::shared_ptr<const Extractor> shared_extractor() {
  static std::shared_ptr<const Extractor> extractor;
  if (!extractor) extractor = take(Extractor::create());
  return extractor;
}

Document make_document(const std::string& text, const py::object& date, const std::string& id,
                       const std::string& title, const std::string& source,
                       const std::string& url) {
  Document doc;
  doc.text = text;
  auto d = date_arg(date, "date");
  if (!d) raise(Status::invalid_input("date: give the publication date (YYYY-MM-DD)"));
  doc.published = *d;
  doc.id = id;
  doc.title = title;
  doc.source = source;
  doc.url = url;
  return doc;
}

py::list extract_text(const std::string& text, const py::object& date, const std::string& id,
                      const std::string& source) {
  Document doc = make_document(text, date, id, "", source, "");
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

py::dict path_dict(const PathResult& p) {
  py::dict d;
  py::list actors;
  for (const auto& a : p.actors) actors.append(actor_ref_dict(a));
  d["actors"] = actors;
  py::list hops;
  for (const auto& h : p.hops) {
    py::dict hop;
    hop["from"] = actor_ref_dict(h.a);
    hop["to"] = actor_ref_dict(h.b);
    if (h.affiliation) {
      hop["kind"] = "affiliation";
      hop["role"] = h.affiliation->role;
      hop["valid_from"] = opt_date(h.affiliation->from);
      hop["valid_to"] = opt_date(h.affiliation->to);
      hop["events"] = py::list();
    } else {
      hop["kind"] = "events";
      py::list events;
      for (const auto& e : h.events) events.append(event_dict(e));
      hop["events"] = events;
    }
    hops.append(hop);
  }
  d["hops"] = hops;
  d["mode"] = std::string(to_string(p.mode));
  return d;
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

  py::dict ingest(const py::object& paths, const py::object& date, const std::string& source,
                  const std::string& format) {
    ReadOptions ro;
    ro.date = date_arg(date, "date");
    ro.source = source;
    auto f = input_format_from_string(format);
    if (!f || *f == InputFormat::kEvents || *f == InputFormat::kGdelt || *f == InputFormat::kIcews)
      raise(Status::invalid_input("format: auto, text, html or jsonl"));
    ro.format = *f;
    std::vector<std::string> files = py::isinstance<py::str>(paths)
                                         ? std::vector<std::string>{paths.cast<std::string>()}
                                         : paths.cast<std::vector<std::string>>();
    auto extractor = shared_extractor();
    GraphStore& store = mutable_store();
    std::size_t docs = 0, skipped = 0, events_new = 0, events_merged = 0;
    std::vector<std::string> errors;
    Status failure;
    {
      py::gil_scoped_release release;
      for (const auto& file : files) {
        Status st = read_documents(
            file, ro,
            [&](Document&& doc) {
              if (!failure) return;
              auto r = store.ingest(doc, extractor->extract(doc));
              if (!r) {
                failure = r.error();
              } else if (r->already_present) {
                ++skipped;
              } else {
                ++docs;
                events_new += r->events_new;
                events_merged += r->events_merged;
              }
            },
            [&](RecordError&& e) { errors.push_back(e.to_string()); });
        if (!st && failure) failure = st;
        if (!failure) break;
      }
    }
    check(failure);
    py::dict d;
    d["documents"] = docs;
    d["already_present"] = skipped;
    d["events_new"] = events_new;
    d["events_merged"] = events_merged;
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

  py::object timeline(const std::string& actor, const py::object& other, const py::object& start,
                      const py::object& end, const py::object& types, const py::object& status,
                      std::size_t limit, bool frame) const {
    TimelineQuery q;
    q.actor = actor;
    if (!other.is_none()) q.with = other.cast<std::string>();
    q.filter = filter_arg(start, end, types, status);
    q.limit = limit;
    const QueryEngine& eng = engine();
    Result<TimelineResult> r = Status::internal("not run");
    {
      py::gil_scoped_release release;
      r = eng.timeline(q);
    }
    py::list out;
    // An empty timeline is an empty list; an unknown actor stays an error.
    if (!r && r.error().code() == StatusCode::kNotFound) {
      auto known = resolve_actor(store(), actor);
      if (!known) raise(known.error());
      if (q.with) {
        auto other_known = resolve_actor(store(), *q.with);
        if (!other_known) raise(other_known.error());
      }
      if (frame) return events_frame({});
      return out;
    }
    TimelineResult result = take(std::move(r));
    if (frame) return events_frame(result.events);
    for (const auto& e : result.events) out.append(event_dict(e));
    return out;
  }

  py::list paths(const std::string& from, const std::string& to, const py::object& start,
                 const py::object& end, const py::object& types, const py::object& status,
                 int max_hops, bool affiliations, const std::string& mode, std::size_t k) const {
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
    py::list out;
    const QueryEngine& eng = engine();
    Result<std::vector<PathResult>> r = Status::internal("not run");
    {
      py::gil_scoped_release release;
      r = eng.find_paths(q);
    }
    for (const auto& p : take(std::move(r))) out.append(path_dict(p));
    return out;
  }

  py::dict neighbors(const std::string& actor, int depth, const py::object& start,
                     const py::object& end, const py::object& types, const py::object& status,
                     bool affiliations) const {
    NeighborsQuery q;
    q.actor = actor;
    q.depth = depth;
    q.filter = filter_arg(start, end, types, status);
    q.affiliations = affiliations;
    NeighborsResult r = take(engine().neighbors(q));
    py::dict d;
    d["center"] = actor_ref_dict(ActorRef::of(r.center));
    py::list actors;
    for (const auto& n : r.actors) {
      py::dict a = actor_ref_dict(ActorRef::of(n.actor));
      a["depth"] = n.depth;
      actors.append(a);
    }
    d["actors"] = actors;
    py::list events;
    for (const auto& e : r.events) events.append(event_dict(e));
    d["events"] = events;
    py::list affs;
    for (const auto& l : r.affiliations) {
      py::dict x;
      x["from"] = hex(l.from);
      x["to"] = hex(l.to);
      x["role"] = l.affiliation.role;
      x["valid_from"] = opt_date(l.affiliation.from);
      x["valid_to"] = opt_date(l.affiliation.to);
      affs.append(x);
    }
    d["affiliations"] = affs;
    return d;
  }

  GraphSelection select(const py::object& actor, int depth, const py::object& start,
                        const py::object& end, const py::object& types, const py::object& status,
                        bool affiliations) const {
    ExportOptions o;
    EventFilter f = filter_arg(start, end, types, status);
    o.filter.window = f.window;
    o.filter.types = f.types;
    if (!status.is_none()) o.filter.statuses = f.statuses;  // exports default to every status
    if (!actor.is_none()) o.actor = actor.cast<std::string>();
    o.depth = depth;
    o.affiliations = affiliations;
    return take(select_graph(store(), o));
  }

  py::object graph(const py::object& actor, int depth, const py::object& start,
                   const py::object& end, const py::object& types, const py::object& status,
                   bool affiliations) const {
    GraphSelection g = select(actor, depth, start, end, types, status, affiliations);
    std::ostringstream out;
    check(write_node_link_json(g, out));
    return to_py(json::parse(out.str()));
  }

  std::string export_text(const std::string& format, const py::object& actor, int depth,
                          const py::object& start, const py::object& end, const py::object& types,
                          const py::object& status, bool affiliations, bool collapse) const {
    GraphSelection g = select(actor, depth, start, end, types, status, affiliations);
    std::ostringstream out;
    if (format == "dot") {
      DotOptions d;
      d.collapse = collapse;
      check(write_dot(g, d, out));
    } else if (format == "graphml") {
      check(write_graphml(g, out));
    } else if (format == "gexf") {
      check(write_gexf(g, out));
    } else if (format == "json") {
      check(write_node_link_json(g, out));
    } else {
      raise(Status::invalid_input("format: dot, graphml, gexf or json"));
    }
    return out.str();
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

  py::dict stats() const {
    StoreStats s = take(store().stats());
    py::dict d;
    d["documents"] = s.documents;
    d["mentions"] = s.mentions;
    d["actors"] = s.actors;
    d["events"] = s.events;
    d["edges"] = s.edges;
    d["affiliations"] = s.affiliations;
    return d;
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
           "Extracts and stores the documents of one file or a list of files (text, HTML, JSON "
           "Lines articles). Returns counts and the bad records skipped.")
      .def("ingest_text", &Database::ingest_text, py::arg("text"), py::arg("date"),
           py::arg("id") = "", py::arg("title") = "", py::arg("source") = "",
           py::arg("url") = "", "Extracts and stores one document given as text.")
      .def(
          "extract",
          [](const Database&, const std::string& text, const py::object& date,
             const std::string& id, const std::string& source) {
            return dp::extract_text(text, date, id, source);
          },
          py::arg("text"), py::arg("date"), py::arg("id") = "", py::arg("source") = "",
          "The events of a text, as event JSON dicts; stores nothing.")
      .def("timeline", &Database::timeline, py::arg("actor"), py::arg("other") = py::none(),
           py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(), py::arg("limit") = 0,
           py::arg("frame") = false,
           "An actor's events (with `other`: their events together) as event JSON dicts, by "
           "date; frame=True: as a pandas DataFrame, a column per field.")
      .def("events", &Database::events, py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           "Every event of the window as a pandas DataFrame (columns as timeline(frame=True)).")
      .def("edges", &Database::edges, py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           "The graph's edges in the window as a pandas DataFrame: source_id, source, target_id, "
           "target, date, type, status, id.")
      .def("paths", &Database::paths, py::arg("source"), py::arg("target"),
           py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           py::arg("max_hops") = 6, py::arg("affiliations") = true,
           py::arg("mode") = "fewest-hops", py::arg("k") = 1,
           "Up to k best paths, each {'actors': [...], 'hops': [...]} as `path --json` prints.")
      .def("neighbors", &Database::neighbors, py::arg("actor"), py::arg("depth") = 1,
           py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           py::arg("affiliations") = true,
           "The ego network: {'center', 'actors' (with depth), 'events', 'affiliations'}.")
      .def("graph", &Database::graph, py::arg("actor") = py::none(), py::arg("depth") = 1,
           py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           py::arg("affiliations") = true,
           "The graph (or an ego network) as node-link data: {'nodes': [...], 'links': [...]}.")
      .def("export", &Database::export_text, py::arg("format"), py::arg("actor") = py::none(),
           py::arg("depth") = 1, py::arg("start") = py::none(), py::arg("end") = py::none(),
           py::arg("types") = py::none(), py::arg("status") = py::none(),
           py::arg("affiliations") = true, py::arg("collapse") = false,
           "The graph as text: dot, graphml, gexf or json.")
      .def("stats", &Database::stats)
      .def("actors", &Database::actors, py::arg("text") = py::none(),
           "Every actor, or those a name matches.");

  m.def(
      "extract",
      [](const std::string& text, const py::object& date, const std::string& id,
         const std::string& source) { return dp::extract_text(text, date, id, source); },
      py::arg("text"), py::arg("date"), py::arg("id") = "", py::arg("source") = "",
      "The events of a text, as event JSON dicts (no database).");
}
