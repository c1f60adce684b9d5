"""Tests of the Python module and of the graph exports as NetworkX reads them.

Run by ctest (python_module) with PYTHONPATH=<build>/python, DIPLOGRAPH_BINARY=<the CLI> and
DIPLOGRAPH_SOURCE_DIR=<repo>; by hand: python3 tests/python/test_diplograph.py (after the build).
"""

import datetime
import glob
import json
import os
import shutil
import subprocess
import tempfile
import unittest

import diplograph
from debian_packages import import_debian

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
    return import_debian("pandas")


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

    def test_ingest_is_the_cli_ingest(self):
        """Database.ingest and `diplograph ingest` are one function (ingest_files): event data
        (a CSV edge list) and documents in one call give the CLI's store and its --json answer."""
        if not BINARY:
            self.skipTest("DIPLOGRAPH_BINARY is not set")
        csv = os.path.join(self.tmp, "edges.csv")
        with open(csv, "w") as f:
            f.write("source,target,date,type\nRussia,United States,2021-08-16,call\n"
                    "Germany,Russia,2021-08-20,visit\nonly,two\n")
        py_db = os.path.join(self.tmp, "py-ingest")
        with diplograph.open(py_db) as db:
            got = db.ingest([csv] + EXAMPLES, threads=2)
        cli_db = os.path.join(self.tmp, "cli-ingest")
        run = subprocess.run([BINARY, "ingest", "--json", "--db", cli_db, csv] + EXAMPLES,
                             capture_output=True, text=True)
        self.assertEqual(run.returncode, 2, run.stderr)  # the bad row
        cli = json.loads(run.stdout)
        self.assertEqual(len(got.pop("errors")), 1)
        self.assertEqual(got, cli)
        self.assertEqual(got["records"], 2)
        self.assertGreater(got["documents"], 0)
        stats = [subprocess.run([BINARY, "stats", "--json", "--db", d], capture_output=True,
                                text=True, check=True).stdout for d in (py_db, cli_db)]
        self.assertEqual(stats[0], stats[1])

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

    def test_timeline_of_several_actors_and_newest_first(self):
        both = self.db.timeline(["Sergei Lavrov", "Antony Blinken"])
        ids = {e["id"] for e in self.db.timeline("Sergei Lavrov")}
        ids |= {e["id"] for e in self.db.timeline("Antony Blinken")}
        self.assertEqual(sorted(e["id"] for e in both), sorted(ids))  # each event once
        newest = self.db.timeline("Russia", order="desc")
        self.assertEqual([e["date"] for e in newest],
                         sorted((e["date"] for e in newest), reverse=True))
        self.assertEqual(len(self.db.timeline("Russia", limit=1)), 1)
        with self.assertRaises(ValueError):
            self.db.timeline(["Lavrov", "Russia"], with_="Blinken")  # a set takes no with_
        with self.assertRaises(ValueError):
            self.db.timeline("Russia", order="sideways")

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

    def test_answers_are_the_cli_json(self):
        """The query answers and the CLI's --json come from one writer each (answers.hpp)."""
        if not BINARY:
            self.skipTest("DIPLOGRAPH_BINARY is not set")

        def cli(*args):
            out = subprocess.run([BINARY, *args, "--json"], check=True, capture_output=True,
                                 text=True, env=dict(os.environ, DIPLOGRAPH_DB=self.dbdir)).stdout
            return [json.loads(line) for line in out.splitlines()]

        self.assertEqual(self.db.path("Antony Blinken", "Taliban"),
                         cli("path", "Antony Blinken", "Taliban")[0])
        self.assertEqual(self.db.paths("Antony Blinken", "Taliban", k=2),
                         cli("path", "Antony Blinken", "Taliban", "--k", "2"))
        self.assertEqual(self.db.neighbors("Russia", depth=1),
                         cli("neighbors", "Russia", "--depth", "1")[0])
        self.assertEqual(self.db.rank(limit=5), cli("rank", "--limit", "5"))
        self.assertEqual(self.db.timeline("Russia"), cli("timeline", "Russia"))
        self.assertEqual(self.db.counts("Russia", by="month"),
                         cli("timeline", "Russia", "--by", "month"))
        self.assertEqual(self.db.actors("Lavrov"), cli("actors", "Lavrov"))
        self.assertEqual(self.db.stats(versions=True), cli("stats")[0])
        self.assertEqual(self.db.stats(), {k: v for k, v in cli("stats")[0].items()
                                           if k != "knowledge"})

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


    # -- the calls that follow the CLI: rank, counts, partners, pair_series, query, export,
    # remove, check, suggestions, keyword names

    def test_rank_as_the_cli_prints_it(self):
        ranked = self.db.rank(limit=3)
        self.assertEqual([r["rank"] for r in ranked], [1, 2, 3])
        self.assertEqual(ranked[0]["name"], "Russia")  # it deals with the most actors here
        self.assertEqual([r["score"] for r in ranked],
                         sorted((r["score"] for r in ranked), reverse=True))
        self.assertTrue(all(r["by"] == "degree" for r in ranked))
        between = self.db.rank(by="betweenness", limit=50)
        self.assertEqual(between[0]["by"], "betweenness")
        self.assertEqual(self.db.rank(from_="1990-01-01", to="1990-12-31"), [])
        with self.assertRaises(ValueError):
            self.db.rank(by="popularity")
        if BINARY:
            cli = subprocess.run([BINARY, "rank", "--limit", "3", "--json"],
                                 env=dict(os.environ, DIPLOGRAPH_DB=self.dbdir), check=True,
                                 capture_output=True, text=True).stdout
            self.assertEqual([json.loads(line)["name"] for line in cli.splitlines()],
                             [r["name"] for r in ranked])

    def test_counts_per_period_for_an_actor_a_pair_and_the_store(self):
        russia = self.db.counts("Russia", by="month")
        timeline = self.db.timeline("Russia")
        self.assertEqual(sum(c["count"] for c in russia), len(timeline))
        months = sorted({e["date"][:7] for e in timeline})
        self.assertEqual([c["period"] for c in russia if c["count"]], months)
        pair = self.db.counts("Lavrov", with_="Blinken", by="year")
        self.assertEqual(pair, [{"period": "2021", "count":
                                 len(self.db.timeline("Lavrov", with_="Blinken"))}])
        every = ["occurred", "planned", "denied"]
        store = self.db.counts(by="year", status=every)
        self.assertEqual(sum(c["count"] for c in store), self.stats["events"])
        by_type = self.db.counts(by="year", by_type=True, status=every)
        self.assertEqual(sum(c["count"] for c in by_type), self.stats["events"])
        events = [json.loads(line) for line in self.db.export("jsonl").splitlines()]
        self.assertEqual({c["type"] for c in by_type}, {e["type"] for e in events})
        for t in {e["type"] for e in events}:
            self.assertEqual(sum(c["count"] for c in by_type if c["type"] == t),
                             sum(e["type"] == t for e in events), t)
        weeks = self.db.counts("Russia", by="week")
        self.assertTrue(all(datetime.date.fromisoformat(c["period"]).weekday() == 0 for c in weeks))
        self.assertEqual(self.db.counts("Russia", from_="1990-01-01", to="1990-12-31"), [])
        with self.assertRaises(ValueError):
            self.db.counts("Russia", by="decade")
        with self.assertRaises(LookupError):
            self.db.counts("No Such Actor")

    def test_partners(self):
        partners = self.db.partners("Russia")
        timeline = self.db.timeline("Russia")
        expected = {}
        for e in timeline:
            if e["target"] is None:
                continue
            other = e["target"] if e["source"]["name"] == "Russia" else e["source"]
            expected[other["name"]] = expected.get(other["name"], 0) + 1
        self.assertEqual({p["name"]: p["events"] for p in partners}, expected)
        self.assertEqual([p["events"] for p in partners],
                         sorted((p["events"] for p in partners), reverse=True))
        for p in partners:
            self.assertEqual(sum(p["types"].values()), p["events"])
            self.assertEqual(p["outgoing"] + p["incoming"] + p["undirected"], p["events"])
            self.assertLessEqual(p["first"], p["last"])
        self.assertEqual(self.db.partners("Russia", from_="1990-01-01", to="1990-12-31"), [])

    def test_pair_series_matches_the_events(self):
        series = self.db.pair_series("Sergei Lavrov", "Antony Blinken")
        events = self.db.timeline("Sergei Lavrov", with_="Antony Blinken")
        self.assertEqual(sum(m["events"] for m in series), len(events))
        self.assertAlmostEqual(sum(m["goldstein"] for m in series),
                               sum(e["goldstein"] for e in events))
        self.assertEqual(sum(m["cooperative"] for m in series),
                         sum(e["quad_class"] in (1, 2) for e in events))
        states = self.db.pair_series("Russia", "United States", by_country=True)
        self.assertGreaterEqual(sum(m["events"] for m in states), len(events))
        for m in states:
            if m["events"]:
                self.assertAlmostEqual(m["goldstein_mean"], m["goldstein"] / m["events"])
        with self.assertRaises(ValueError):  # Lavrov and Russia share a country
            self.db.pair_series("Russia", "Sergei Lavrov", by_country=True)

    def test_query_runs_a_dgq_text_as_the_cli(self):
        text = ('# two statements and a comment\n'
                'timeline "Lavrov" with "Blinken"\n\n'
                'rank limit 3\n'
                'timeline "Russia" by month\n'
                'path "Antony Blinken" to "Taliban"\n'
                'actors "Russia"\n')
        answers = self.db.query(text)
        self.assertEqual([(a["line"], a["verb"]) for a in answers],
                         [(2, "timeline"), (4, "rank"), (5, "timeline"), (6, "path"),
                          (7, "actors")])
        self.assertEqual(answers[0]["result"], self.db.timeline("Lavrov", with_="Blinken"))
        self.assertEqual(answers[1]["result"], self.db.rank(limit=3))
        self.assertEqual(answers[2]["result"], self.db.counts("Russia", by="month"))
        self.assertEqual(answers[3]["result"], self.db.paths("Antony Blinken", "Taliban"))
        self.assertEqual(answers[4]["result"][0]["name"], "Russia")
        with self.assertRaisesRegex(ValueError, "line 2: "):
            self.db.query('timeline "Lavrov"\nrank by popularity\n')
        with self.assertRaisesRegex(LookupError, "line 1: unknown actor 'Lavrof'.*Sergei Lavrov"):
            self.db.query('timeline "Lavrof"')
        with self.assertRaises(ValueError):
            self.db.query("# nothing\n")

    def test_every_export_format_of_the_cli(self):
        nodes = self.stats["actors"]
        edges = self.stats["edges"] + self.stats["affiliations"]
        every = ["occurred", "planned", "denied"]
        jsonl = self.db.export("jsonl")
        self.assertEqual(len(jsonl.splitlines()), self.stats["events"])  # every status
        ids = [json.loads(line)["id"] for line in jsonl.splitlines()]
        self.assertEqual(ids, sorted(ids))  # in id order, as the CLI
        window = self.db.export("jsonl", from_="2021-08-01", to="2021-08-31")
        self.assertTrue(window)
        self.assertTrue(all("2021-08-01" <= json.loads(line)["date"] <= "2021-08-31"
                            for line in window.splitlines()))
        dot = self.db.export("dot", collapse=True, title="T", cluster_by="country")
        self.assertTrue(dot.startswith("digraph"))
        self.assertIn("T", dot)
        out = os.path.join(self.tmp, "exports")
        os.makedirs(out, exist_ok=True)
        self.assertIsNone(self.db.export("graphml", output=os.path.join(out, "g.graphml")))
        with open(os.path.join(out, "g.graphml"), encoding="utf-8") as f:
            self.assertEqual(f.read(), self.db.export("graphml"))
        self.db.export("csv", output=os.path.join(out, "csv"))
        with open(os.path.join(out, "csv", "edges.csv"), encoding="utf-8") as f:
            self.assertEqual(sum(1 for _ in f) - 1, edges)
        self.db.export("nebula", output=os.path.join(out, "nebula"))
        self.assertIn("schema.ngql", os.listdir(os.path.join(out, "nebula")))
        with self.assertRaises(ValueError):
            self.db.export("csv")  # a directory format needs output=
        with self.assertRaises(ValueError):
            self.db.export("xlsx")
        if shutil.which("dot"):
            self.assertIn("<svg", self.db.export("svg"))
            self.assertTrue(self.db.export("png").startswith(b"\x89PNG"))
        if BINARY:
            env = dict(os.environ, DIPLOGRAPH_DB=self.dbdir)
            for fmt in ("jsonl", "dot", "gexf", "json"):
                cli = subprocess.run([BINARY, "export", "--format", fmt, "--actor", "Russia"],
                                     env=env, check=True, capture_output=True, text=True).stdout
                self.assertEqual(self.db.export(fmt, actor="Russia"), cli, fmt)
        if nx is not None:
            g = node_link(json.loads(self.db.export("json", status=every)))
            self.assertEqual((g.number_of_nodes(), g.number_of_edges()), (nodes, edges))

    def test_open_refuses_what_is_not_a_database(self):
        cwd = os.getcwd()
        os.chdir(self.tmp)
        try:
            with self.assertRaises(TypeError):
                diplograph.open(None)
            self.assertFalse(os.path.exists(os.path.join(self.tmp, "None")))
        finally:
            os.chdir(cwd)
        not_db = os.path.join(self.tmp, "not-a-db")
        os.makedirs(not_db, exist_ok=True)
        with open(os.path.join(not_db, "notes.txt"), "w") as f:
            f.write("mine\n")
        with self.assertRaisesRegex(ValueError, "holds no diplograph database"):
            diplograph.open(not_db)
        self.assertEqual(os.listdir(not_db), ["notes.txt"])
        empty_file = os.path.join(self.tmp, "empty-file")
        open(empty_file, "w").close()
        with self.assertRaisesRegex(ValueError, "is a file, not a diplograph database"):
            diplograph.open(empty_file)
        self.assertEqual(os.path.getsize(empty_file), 0)

    def test_remove_and_check(self):
        d = os.path.join(self.tmp, "remove")
        with diplograph.open(d) as db:
            db.ingest(EXAMPLES)
            before = db.stats()
            self.assertTrue(db.check()["consistent"])
            removed = db.remove("example-2021-08-16-lavrov-blinken")
            self.assertEqual(removed["documents"], 1)
            self.assertGreater(removed["events_removed"], 0)
            after = db.stats()
            self.assertEqual(after["documents"], before["documents"] - 1)
            self.assertEqual(after["events"], before["events"] - removed["events_removed"])
            report = db.check()
            self.assertEqual((report["consistent"], report["problems"]), (True, []))
            self.assertEqual(report["events"], after["events"])
            with self.assertRaises(LookupError):
                db.remove("example-2021-08-16-lavrov-blinken")
        with self.assertRaises(ValueError):
            self.db.remove("example-2021-08-16-lavrov-blinken")  # read-only

    def test_unknown_actors_get_suggestions(self):
        with self.assertRaisesRegex(LookupError, "unknown actor 'Lavrof' \\(did you mean "
                                                 "'Sergei Lavrov'\\?\\)"):
            self.db.timeline("Lavrof")
        with self.assertRaisesRegex(LookupError, "'Blinkin'.*'Antony Blinken'"):
            self.db.paths("Blinkin", "Taliban")
        for call in (lambda: self.db.neighbors("Rusia"), lambda: self.db.partners("Rusia"),
                     lambda: self.db.counts("Rusia"), lambda: self.db.export(actor="Rusia"),
                     lambda: self.db.pair_series("Rusia", "Taliban")):
            with self.assertRaisesRegex(LookupError, "did you mean 'Russia'"):
                call()
        with self.assertRaisesRegex(LookupError, r"unknown actor 'Zzyzx Qwerty'$"):
            self.db.timeline("Zzyzx Qwerty")  # nothing close: no suggestion
        close = self.db.suggest("Lavrof")
        self.assertEqual(close[0]["name"], "Sergei Lavrov")
        self.assertEqual(close[0]["distance"], 1)

    def test_keywords_as_the_cli_flags_and_the_old_names(self):
        new = self.db.timeline("Lavrov", with_="Blinken", from_="2021-08-01", to="2021-08",
                               type="call")
        old = self.db.timeline("Lavrov", other="Blinken", start="2021-08-01", end="2021-08-31",
                               types=["call"])
        dates = self.db.timeline("Lavrov", with_="Blinken", from_=datetime.date(2021, 8, 1),
                                 to=datetime.datetime(2021, 8, 31, 23, 0), type="call")
        self.assertTrue(new)
        self.assertEqual(new, old)
        self.assertEqual(new, dates)
        # The window is inclusive at both ends: an event on the last day is in.
        day = new[0]["date"]
        self.assertEqual(self.db.timeline("Lavrov", with_="Blinken", from_=day, to=day,
                                          type="call"), new[:1])
        self.assertEqual(self.db.paths("Antony Blinken", "Taliban", max_hops=6, start=None),
                         self.db.paths("Antony Blinken", "Taliban"))
        with self.assertRaises(TypeError):
            self.db.timeline("Lavrov", other="Blinken", with_="Blinken")
        with self.assertRaises(ValueError):
            self.db.timeline("Lavrov", from_="2021-09-01", to="2021-08-01")

    def test_export_output_is_written_whole_and_never_through_a_symlink(self):
        out = os.path.join(self.tmp, "graph.graphml")
        with open(out, "w") as f:
            f.write("old")
        self.assertIsNone(self.db.export("graphml", output=out))
        with open(out, encoding="utf-8") as f:
            self.assertIn("<graphml", f.read())
        # No temporary file is left beside it.
        self.assertEqual([n for n in os.listdir(self.tmp) if n.startswith(".graph.graphml")], [])
        victim = os.path.join(self.tmp, "victim.txt")
        with open(victim, "w") as f:
            f.write("keep")
        link = os.path.join(self.tmp, "link.graphml")
        os.symlink(victim, link)
        with self.assertRaises(ValueError) as caught:
            self.db.export("graphml", output=link)
        self.assertIn("symbolic link", str(caught.exception))
        with open(victim) as f:
            self.assertEqual(f.read(), "keep")

    def test_reads_from_several_threads_agree_with_one(self):
        # README: read calls may share one Database across threads (the GIL is released).
        import concurrent.futures
        calls = [lambda: self.db.timeline("Russia"),
                 lambda: self.db.paths("Antony Blinken", "Taliban"),
                 lambda: self.db.counts(by="week"),
                 lambda: self.db.partners("Russia"),
                 lambda: self.db.rank(by="betweenness"),
                 lambda: self.db.neighbors("Russia", depth=2),
                 lambda: self.db.pair_series("Russia", "United States", by_country=True)]
        serial = [call() for call in calls]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            for _ in range(5):
                futures = [pool.submit(call) for call in calls * 4]
                self.assertEqual([f.result() for f in futures], serial * 4)

    def test_every_call_has_a_docstring(self):
        names = [n for n in dir(diplograph.Database) if not n.startswith("_")]
        for name in names + ["open", "extract"]:
            obj = getattr(diplograph.Database, name, None) or getattr(diplograph, name)
            if isinstance(obj, property) or name == "directory":
                continue
            doc = obj.__doc__ or ""
            # pybind11 puts the signature first; a description must follow it.
            described = [line for line in doc.splitlines()
                         if line.strip() and not line.lstrip().startswith(name + "(")]
            self.assertTrue(described, name)

    def test_readme_python_snippet_runs_on_a_fresh_store(self):
        import re
        with open(os.path.join(SOURCE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
        block = re.search(r"<!-- python-snippet:[^\n]*-->\n```python\n(.*?)```\n"
                          r"<!-- python-snippet: end -->", readme, re.S)
        self.assertIsNotNone(block, "README.md: the marked ```python block is missing")
        import_pandas()  # the snippet asks for DataFrames: Debian's pandas on the path
        work = tempfile.mkdtemp(dir=self.tmp)
        os.symlink(os.path.join(os.path.abspath(SOURCE), "examples"),
                   os.path.join(work, "examples"))
        cwd = os.getcwd()
        os.chdir(work)
        try:
            scope = {"__name__": "readme"}
            exec(compile(block.group(1), "README.md", "exec"), scope)
            db = scope["db"]
            articles = 0
            for path in glob.glob("examples/*.jsonl"):
                with open(path, encoding="utf-8") as f:
                    articles += sum(1 for line in f if line.strip())
            self.assertEqual(db.stats()["documents"], articles + 1)  # and the ingest_text
            db.close()
        finally:
            os.chdir(cwd)


if __name__ == "__main__":
    unittest.main()
