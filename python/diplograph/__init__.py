"""diplograph: a knowledge graph of who called, met, visited, hosted or agreed with whom, and when.

    import diplograph
    db = diplograph.open("out/demo.db")
    db.ingest(["examples/afghanistan-2021-08-16.jsonl"])
    db.timeline("Sergei Lavrov", from_="2021-08-01")        # event dicts (DESIGN.md event JSON)
    db.timeline("Lavrov", with_="Blinken", to="2021-08")    # as the CLI's --with, --from, --to
    db.counts("Russia", by="month"), db.partners("Russia")  # per-period counts, who with whom
    db.pair_series("Russia", "United States", by_country=True)
    db.rank(by="betweenness"), db.query('timeline "Lavrov" by month')
    db.export("svg"), db.export("csv", output="out/csv"), db.check()
    db.timeline("Sergei Lavrov", frame=True)                 # a pandas DataFrame, a column a field
    db.events(start="2021-08-01"), db.edges()                # DataFrames of a window or all
    db.path("Antony Blinken", "Taliban")                     # {'actors': [...], 'hops': [...]}
    db.neighbors("Russia", depth=2)                          # ego network
    g = db.to_networkx()                                     # a networkx.MultiDiGraph
    diplograph.extract("Lavrov called Blinken on Monday.", date="2021-08-16", title="…")
    diplograph.extract_records(lines, emit="documents")    # as `diplograph extract --emit documents`
    db.ingest(shards, format="documents")                   # merge them (bulk path)
    import diplograph.dask                                   # the same on a Dask cluster

Answers are plain dicts and lists, or with frame=True (and from events/edges) pandas DataFrames
filled from arrays in C++ (Debian: python3-pandas). A Database keeps its query engine: the graph
projection is mapped (or built) once and serves every call until the store changes. Dates are
"YYYY-MM-DD" strings or datetime.date, windows inclusive at both ends; keywords are named as the
CLI's flags (with_= for --with, from_= and to= for --from and --to, type= for --type), and the
older names other=, start=, end=, types= still work. Errors raise LookupError (unknown actor, with
the closest names: "did you mean ...?"; no path), ValueError (bad input, ambiguous name) or
OSError.
"""

import functools
import os

from ._diplograph import Database, __version__, extract, extract_records

__all__ = ["Database", "open", "extract", "extract_records", "__version__"]


def open(path, read_only=False):  # noqa: A001 - the module's entry point, like sqlite3.connect
    """Opens (or creates) the database in directory `path`. read_only=True never writes, so it
    may run while another process ingests."""
    # os.fspath: a str or a path object; None (or a number) is a TypeError, not a directory
    # named "None".
    path = os.fspath(path)
    return Database(os.fsdecode(path) if isinstance(path, bytes) else path, read_only)


def _path(self, source, target, **kwargs):
    """The best path from `source` to `target` (see Database.paths for the keywords)."""
    kwargs["k"] = 1
    return self.paths(source, target, **kwargs)[0]


def _to_networkx(self, actor=None, depth=1, **kwargs):
    """The graph (or the ego network of `actor`) as a networkx.MultiDiGraph: nodes are actor ids
    with name, kind, country and code; edges are keyed by event id (affiliations: "aff:…") and
    carry the event's attributes. Needs NetworkX (Debian: python3-networkx)."""
    try:
        import networkx as nx
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_networkx needs NetworkX (apt-get install python3-networkx)") from e
    data = self.graph(actor=actor, depth=depth, **kwargs)
    g = nx.MultiDiGraph(**data.get("graph", {}))
    for node in data["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id"}
        g.add_node(node["id"], **attrs)
    for link in data["links"]:
        attrs = {k: v for k, v in link.items() if k not in ("source", "target", "key")}
        g.add_edge(link["source"], link["target"], key=link["key"], **attrs)
    return g


def _enter(self):
    return self


def _exit(self, *exc):
    self.close()
    return False


# Older keyword names, and what the CLI's flags call them now.
_ALIASES = {"other": "with_", "start": "from_", "end": "to", "types": "type", "kinds": "kind",
            "period": "by"}


def _aliased(method):
    """`method` taking the older keyword names too (other= for with_=, start= for from_=, ...)."""

    @functools.wraps(method)
    def call(self, *args, **kwargs):
        for old, new in _ALIASES.items():
            if old in kwargs:
                if new in kwargs:
                    raise TypeError(f"{method.__name__}() got both {old}= and {new}=")
                kwargs[new] = kwargs.pop(old)
        return method(self, *args, **kwargs)

    call.__doc__ = (method.__doc__ or "") + (
        "\n\nOlder keyword names work too: other= (with_=), start= (from_=), end= (to=), "
        "types= (type=), kinds= (kind=), period= (by=).")
    return call


for _name in ("timeline", "counts", "partners", "pair_series", "events", "edges", "paths",
              "neighbors", "rank", "graph", "export"):
    setattr(Database, _name, _aliased(getattr(Database, _name)))

Database.path = _path
Database.to_networkx = _to_networkx
Database.__enter__ = _enter
Database.__exit__ = _exit
