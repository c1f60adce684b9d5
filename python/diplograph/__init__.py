"""diplograph: a knowledge graph of who called, met, visited, hosted or agreed with whom, and when.

    import diplograph
    db = diplograph.open("out/demo.db")
    db.ingest(["examples/afghanistan-2021-08-16.jsonl"])
    db.timeline("Sergei Lavrov", start="2021-08-01")        # event dicts (DESIGN.md event JSON)
    db.timeline("Sergei Lavrov", frame=True)                 # a pandas DataFrame, a column a field
    db.events(start="2021-08-01"), db.edges()                # DataFrames of a window or all
    db.path("Antony Blinken", "Taliban")                     # {'actors': [...], 'hops': [...]}
    db.neighbors("Russia", depth=2)                          # ego network
    g = db.to_networkx()                                     # a networkx.MultiDiGraph
    diplograph.extract("Lavrov called Blinken on Monday.", date="2021-08-16")

Answers are plain dicts and lists, or with frame=True (and from events/edges) pandas DataFrames
filled from arrays in C++ (Debian: python3-pandas). A Database keeps its query engine: the graph
projection is mapped (or built) once and serves every call until the store changes. Dates are
"YYYY-MM-DD" strings or datetime.date; errors raise LookupError (unknown actor, no path),
ValueError (bad input, ambiguous name) or OSError.
"""

from ._diplograph import Database, __version__, extract

__all__ = ["Database", "open", "extract", "__version__"]


def open(path, read_only=False):  # noqa: A001 - the module's entry point, like sqlite3.connect
    """Opens (or creates) the database in directory `path`. read_only=True never writes, so it
    may run while another process ingests."""
    return Database(str(path), read_only)


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


Database.path = _path
Database.to_networkx = _to_networkx
Database.__enter__ = _enter
Database.__exit__ = _exit
