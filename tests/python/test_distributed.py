"""Extraction past one process: the module's record-level extraction against the CLI's, and
diplograph.dask on a LocalCluster of 2 worker processes merged into a store equal, byte for byte
in stats and every export, to one `diplograph ingest` of the same articles.

Run by ctest (python_distributed) with PYTHONPATH=<build>/python, DIPLOGRAPH_BINARY=<the CLI> and
DIPLOGRAPH_SOURCE_DIR=<repo>. Skips (with the reason) without ../shared or without Dask
distributed (Debian: apt-get install python3-distributed).
"""

import filecmp
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest

import diplograph
from debian_packages import import_debian
import diplograph.dask as dgd

SOURCE = os.environ.get("DIPLOGRAPH_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.join(SOURCE, "..", "shared")
BINARY = os.environ.get("DIPLOGRAPH_BINARY")
EXAMPLES = sorted(glob.glob(os.path.join(SOURCE, "examples", "*.jsonl")))


def import_distributed():
    """distributed, or None: Debian's python3-distributed, also for a pyenv Python of Debian's
    version (its packages live in /usr/lib/python3/dist-packages)."""
    return import_debian("distributed")


def cli(*args, ok=(0,)):
    r = subprocess.run([BINARY, *args], capture_output=True, text=True)
    if r.returncode not in ok:
        raise AssertionError(f"diplograph {' '.join(args)} exited {r.returncode}: {r.stderr}")
    return r


def store_views(db, out):
    """stats and the json, graphml and csv exports of the store `db`, as {name: bytes}."""
    views = {"stats": cli("stats", "--db", db).stdout.encode()}
    for fmt in ("json", "graphml"):
        views[fmt] = cli("export", "--db", db, "--format", fmt).stdout.encode()
    csv_dir = os.path.join(out, "csv")
    cli("export", "--db", db, "--format", "csv", "-o", csv_dir)
    for name in sorted(os.listdir(csv_dir)):
        with open(os.path.join(csv_dir, name), "rb") as f:
            views["csv/" + name] = f.read()
    return views


def sample_records(out):
    """A few dozen news records: the examples, then corpus records (when ../shared is there),
    with one article repeated under another id (a duplicate: one document, counted once)."""
    lines = []
    for path in EXAMPLES:
        with open(path, encoding="utf-8") as f:
            lines.extend(l for l in f if l.strip())
    corpus = os.path.join(SHARED, "corpus", "wikinews-2019-2020", "articles.jsonl")
    if os.path.exists(corpus):
        with open(corpus, encoding="utf-8") as f:
            lines.extend(l for l, _ in zip(f, range(30)))
    dup = json.loads(lines[1])
    dup["id"] = "zz-" + str(dup.get("id", "copy"))  # sorts after the original
    lines.append(json.dumps(dup) + "\n")
    path = os.path.join(out, "articles.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return path, len(lines)


@unittest.skipUnless(BINARY, "DIPLOGRAPH_BINARY is not set (run through ctest)")
class RecordExtractionTest(unittest.TestCase):
    def test_module_gives_the_cli_events_on_the_dev_gold_inputs(self):
        inputs = sorted(glob.glob(os.path.join(SHARED, "gold", "docs-dev", "*.input.jsonl")))
        if not inputs:
            self.skipTest(f"no {SHARED}/gold/docs-dev (../shared is absent)")
        events = 0
        for path in inputs:
            want = cli("extract", "--emit", "events", path).stdout.splitlines()
            with open(path, encoding="utf-8") as f:
                records = f.read().split("\n")
            lines, errors = diplograph.extract_records(records, emit="events", path=path)
            self.assertEqual(errors, [])
            self.assertEqual(lines, want, path)
            # The keyword form: the same events as dicts.
            got = []
            for record in (json.loads(r) for r in records if r.strip()):
                got += diplograph.extract(record["text"], date=record["date"][:10],
                                          id=record.get("id") or "",
                                          title=record.get("title") or "",
                                          source=record.get("source") or "",
                                          url=record.get("url") or "")
            self.assertEqual(got, [json.loads(l) for l in want], path)
            # Per-document records, as extract --emit documents writes them.
            docs = cli("extract", "--emit", "documents", path).stdout.splitlines()
            self.assertEqual(diplograph.extract_records(records, emit="documents", path=path)[0],
                             docs)
            events += len(want)
        self.assertGreater(events, 20)

    def test_a_bad_record_is_named_and_skipped(self):
        lines, errors = diplograph.extract_records(
            ['{"id": "a", "text": "Lavrov called Blinken.", "date": "2021-08-16"}', "",
             '{"id": "b"}'], path="in.jsonl", first_line=10)
        self.assertEqual(errors, ['in.jsonl:12: record has no "text"'])
        self.assertTrue(lines)

    def test_ingest_text_reads_the_title(self):
        with tempfile.TemporaryDirectory() as tmp:
            with diplograph.open(os.path.join(tmp, "db")) as db:
                title = ("Russian Foreign Minister Sergei Lavrov spoke by phone with U.S. "
                         "Secretary of State Antony Blinken")
                self.assertEqual(diplograph.extract("The two discussed Afghanistan.",
                                                    date="2021-08-16"), [])
                self.assertEqual(len(diplograph.extract("The two discussed Afghanistan.",
                                                        date="2021-08-16", title=title)), 1)
                db.ingest_text("The two discussed Afghanistan.", date="2021-08-16", id="t1",
                               title=title)
                self.assertEqual(len(db.timeline("Sergei Lavrov")), 1)


@unittest.skipUnless(BINARY, "DIPLOGRAPH_BINARY is not set (run through ctest)")
class DaskTest(unittest.TestCase):
    def test_two_workers_merge_to_the_store_of_one_ingest(self):
        distributed = import_distributed()
        if distributed is None:
            self.skipTest("Dask distributed is not importable (apt-get install python3-distributed)")
        with tempfile.TemporaryDirectory() as tmp:
            articles, n = sample_records(tmp)
            one = os.path.join(tmp, "one.db")
            cli("ingest", "--quiet", "--db", one, articles)
            want = store_views(one, os.path.join(tmp, "v-one"))

            with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                          host="127.0.0.1", dashboard_address=None) as cluster, \
                    distributed.Client(cluster) as client:
                self.assertEqual(len(client.scheduler_info()["workers"]), 2)
                run = dgd.extract(client, [articles], os.path.join(tmp, "shards"),
                                  partitions_per_worker=2)
            self.assertEqual(run.errors, [])
            self.assertEqual(run.documents, n)
            self.assertGreaterEqual(len(run.shards), 2)

            merged = os.path.join(tmp, "merged.db")
            cli("ingest", "--quiet", "--db", merged, "--format", "documents", *run.shards)
            self.assertEqual(store_views(merged, os.path.join(tmp, "v-merged")), want)

            # Another order, auto-detected: the same store.
            reverse = os.path.join(tmp, "reverse.db")
            cli("ingest", "--quiet", "--db", reverse, *reversed(run.shards))
            self.assertEqual(store_views(reverse, os.path.join(tmp, "v-reverse")), want)

            # Twice: nothing changes.
            cli("ingest", "--quiet", "--db", merged, "--format", "documents", *run.shards)
            self.assertEqual(store_views(merged, os.path.join(tmp, "v-twice")), want)

            # The module's merge: the same store.
            by_module = os.path.join(tmp, "module.db")
            counts = dgd.merge(list(reversed(run.shards)), by_module)
            self.assertEqual(counts["errors"], [])
            self.assertEqual(store_views(by_module, os.path.join(tmp, "v-module")), want)


if __name__ == "__main__":
    unittest.main()
