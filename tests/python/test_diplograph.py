"""Tests of the Python module and of the graph exports as NetworkX reads them.

Run by ctest (python_module) with PYTHONPATH=<build>/python, DIPLOGRAPH_BINARY=<the CLI> and
DIPLOGRAPH_SOURCE_DIR=<repo>; by hand: python3 tests/python/test_diplograph.py (after the build).
"""

import datetime
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import diplograph

SOURCE = os.environ.get("DIPLOGRAPH_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = [os.path.join(SOURCE, "examples", f) for f in (
    "afghanistan-2021-08-16.jsonl", "taliban-delegations-2021-07.jsonl",
    "merkel-moscow-2021-08-20.jsonl")]
BINARY = os.environ.get("DIPLOGRAPH_BINARY")

try:
    import networkx as nx
except ImportError:  # pragma: no cover - set-up installs python3-networkx
    nx = None


def import_pandas():
    """pandas, or None. An interpreter of Debian's Python version that is not Debian's own (a
    pyenv build) may use Debian's python3-pandas, which the set-up installs."""
    try:
        import pandas
        return pandas
    except ImportError:
        pass
    import sys
    debian = "/usr/lib/python3/dist-packages"
    if sys.version_info[:2] == (3, 11) and os.path.isdir(debian) and debian not in sys.path:
        sys.path.append(debian)
        try:
            import pandas
            return pandas
        except ImportError:
            pass
    return None


def node_link(data):
    """networkx.node_link_graph across versions: 3.4+ takes edges=, 2.x link=."""
    try:
        return nx.node_link_graph(data, edges="links")
    except TypeError:
        return nx.node_link_graph(data, link="links")


class DiplographTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="diplograph-py-")
        cls.dbdir = os.path.join(cls.tmp, "db")
        with diplograph.open(cls.dbdir) as db:
            cls.ingested = db.ingest(EXAMPLES)
        cls.db = diplograph.open(cls.dbdir, read_only=True)
        cls.stats = cls.db.stats()

    @classmethod
    def tearDownClass(cls):
        cls.db.close()
        shutil.rmtree(cls.tmp)

    def test_ingest_counts(self):
        self.assertGreater(self.ingested["documents"], 0)
        self.assertEqual(self.ingested["errors"], [])
        self.assertEqual(self.stats["documents"], self.ingested["documents"])

    def test_reingest_is_a_no_op(self):
        d = os.path.join(self.tmp, "again")
        with diplograph.open(d) as db:
            db.ingest(EXAMPLES[0])
            before = db.stats()
            again = db.ingest(EXAMPLES[0])
            self.assertEqual(again["documents"], 0)
            self.assertEqual(db.stats(), before)

    def test_extract_needs_no_database(self):
        events = diplograph.extract(
            "Russian Foreign Minister Sergei Lavrov spoke by phone with U.S. Secretary of State "
            "Antony Blinken on Monday.", date=datetime.date(2021, 8, 16))
        self.assertEqual(events[0]["type"], "call")
        self.assertEqual(events[0]["date"], "2021-08-16")
        self.assertEqual({events[0]["source"]["name"], events[0]["target"]["name"]},
                         {"Sergei Lavrov", "Antony Blinken"})
        self.assertEqual(self.db.extract("Nothing happened.", date="2021-08-16"), [])
        with self.assertRaises(ValueError):
            diplograph.extract("text", date="not a date")

    def test_timeline(self):
        rows = self.db.timeline("Sergei Lavrov", start="2021-08-01", end="2021-08-31")
        self.assertTrue(rows)
        self.assertTrue(all("2021-08" <= r["date"] <= "2021-08-31" for r in rows))
        self.assertEqual([r["date"] for r in rows], sorted(r["date"] for r in rows))
        calls = self.db.timeline("Lavrov", other="Blinken", types=["call"])
        self.assertEqual(calls[0]["type"], "call")
        self.assertEqual(self.db.timeline("Lavrov", start="1990-01-01", end="1990-12-31"), [])
        with self.assertRaises(LookupError):
            self.db.timeline("No Such Actor")
        with self.assertRaises(ValueError):
            self.db.timeline("Lavrov", types="no-such-type")

    def test_timeline_frame_columns_and_dtypes(self):
        pd = import_pandas()
        if pd is None:
            self.skipTest("pandas is not installed (apt-get install python3-pandas)")
        rows = self.db.timeline("Sergei Lavrov", start="2021-08-01", end="2021-08-31")
        df = self.db.timeline("Sergei Lavrov", start="2021-08-01", end="2021-08-31", frame=True)
        self.assertEqual(list(df.columns), [
            "id", "date", "date_precision", "type", "cameo", "quad_class", "goldstein", "status",
            "source_id", "source", "source_kind", "source_country", "target_id", "target",
            "target_kind", "target_country", "sources", "mentions"])
        self.assertEqual(len(df), len(rows))
        self.assertTrue(str(df["date"].dtype).startswith("datetime64"))
        self.assertEqual(str(df["quad_class"].dtype), "int8")
        self.assertEqual(str(df["goldstein"].dtype), "float64")
        self.assertEqual(str(df["sources"].dtype), "int32")
        self.assertEqual(df["cameo"].dtype, object)  # text: "041" keeps its zero
        for i, r in enumerate(rows):  # the same events, field for field
            self.assertEqual(df["id"][i], r["id"])
            self.assertEqual(df["date"][i].strftime("%Y-%m-%d"), r["date"])
            self.assertEqual(df["cameo"][i], r["cameo"])
            self.assertEqual(df["source"][i], r["source"]["name"])
            self.assertEqual(df["target"][i], (r["target"] or {}).get("name"))
            self.assertEqual(df["sources"][i], r["sources"])
            self.assertEqual(df["mentions"][i], len(r["mentions"]))
        empty = self.db.timeline("Lavrov", start="1990-01-01", end="1990-12-31", frame=True)
        self.assertEqual(len(empty), 0)
        self.assertEqual(list(empty.columns), list(df.columns))
        # The whole store: events, and edges (events with two actors).
        every = ["occurred", "planned", "denied"]  # the default leaves denied events out
        events = self.db.events(status=every)
        self.assertEqual(len(events), self.stats["events"])
        self.assertLessEqual(len(self.db.events()), len(events))
        edges = self.db.edges(status=every)
        self.assertEqual(len(edges), self.stats["edges"])
        self.assertEqual(list(edges.columns), ["source_id", "source", "target_id", "target",
                                               "date", "type", "status", "id"])
        window = self.db.edges(start="2021-08-01", end="2021-08-31")
        self.assertTrue(((window["date"] >= "2021-08-01") & (window["date"] <= "2021-08-31")).all())

    def test_path(self):
        p = self.db.path("Antony Blinken", "Taliban")
        self.assertEqual(p["actors"][0]["name"], "Antony Blinken")
        self.assertEqual(p["actors"][-1]["name"], "Taliban")
        self.assertEqual(len(p["hops"]), len(p["actors"]) - 1)
        for hop in p["hops"]:
            self.assertTrue(hop["kind"] == "affiliation" or hop["events"])
        with self.assertRaises(LookupError):
            self.db.path("Antony Blinken", "Taliban", max_hops=0)

    def test_neighbors(self):
        n = self.db.neighbors("Russia", depth=1)
        self.assertEqual(n["center"]["name"], "Russia")
        names = {a["name"] for a in n["actors"]}
        self.assertIn("Taliban", names)
        self.assertTrue(all(a["depth"] <= 1 for a in n["actors"]))

    def test_read_only_refuses_ingest(self):
        with self.assertRaises(ValueError):
            self.db.ingest_text("Lavrov met Blinken.", date="2021-08-16")

    @unittest.skipIf(nx is None, "NetworkX is not installed")
    def test_to_networkx_matches_stats(self):
        g = self.db.to_networkx()
        self.assertIsInstance(g, nx.MultiDiGraph)
        self.assertEqual(g.number_of_nodes(), self.stats["actors"])
        self.assertEqual(g.number_of_edges(), self.stats["edges"] + self.stats["affiliations"])
        ego = self.db.to_networkx(actor="Taliban", depth=1)
        self.assertLess(ego.number_of_nodes(), g.number_of_nodes())

    @unittest.skipIf(nx is None, "NetworkX is not installed")
    def test_exports_load_in_networkx_with_the_stats_counts(self):
        nodes = self.stats["actors"]
        edges = self.stats["edges"] + self.stats["affiliations"]
        for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
            path = os.path.join(self.tmp, "g." + fmt)
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.db.export(fmt))
            g = read(path)
            self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (nodes, edges), fmt)
        g = node_link(json.loads(self.db.export("json")))
        self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (nodes, edges))
        # Typed attributes survive the round trip.
        g = nx.read_graphml(os.path.join(self.tmp, "g.graphml"))
        attrs = [d for _, _, d in g.edges(data=True) if d.get("type") == "call"]
        self.assertTrue(attrs)
        self.assertIsInstance(attrs[0]["goldstein"], float)
        self.assertIs(attrs[0]["undirected"], True)
        # GEXF edges carry their dates for Gephi's timeline.
        g = nx.read_gexf(os.path.join(self.tmp, "g.gexf"))
        self.assertTrue(all("start" in d for _, _, d in g.edges(data=True)
                            if d.get("type") != "affiliation"))

    @unittest.skipIf(nx is None or not BINARY, "NetworkX or the CLI is missing")
    def test_cli_exports_and_same_bytes(self):
        env = dict(os.environ, DIPLOGRAPH_DB=self.dbdir)

        def run(*args):
            return subprocess.run([BINARY, *args], env=env, check=True,
                                  capture_output=True).stdout

        nodes = self.stats["actors"]
        edges = self.stats["edges"] + self.stats["affiliations"]
        for fmt in ("graphml", "gexf", "json", "dot"):
            a = run("export", "--format", fmt)
            self.assertEqual(a, run("export", "--format", fmt), fmt)  # same graph, same bytes
            path = os.path.join(self.tmp, "cli." + fmt)
            with open(path, "wb") as f:
                f.write(a)
            if fmt == "graphml":
                g = nx.read_graphml(path)
            elif fmt == "gexf":
                g = nx.read_gexf(path)
            elif fmt == "json":
                g = node_link(json.loads(a))
            else:
                if shutil.which("dot"):
                    subprocess.run(["dot", "-Tsvg", path, "-o", path + ".svg"], check=True)
                continue
            self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (nodes, edges), fmt)
        out = os.path.join(self.tmp, "csv")
        run("export", "--format", "csv", "-o", out)
        with open(os.path.join(out, "edges.csv"), encoding="utf-8") as f:
            self.assertEqual(sum(1 for _ in f) - 1, edges)
        path_graphml = run("path", "Antony Blinken", "Taliban", "--format", "graphml")
        self.assertIn(b"Taliban", path_graphml)


if __name__ == "__main__":
    unittest.main()
