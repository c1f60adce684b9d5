"""Writers on one Database from several Python threads (issue 19): the store serializes them, so
four threads ingesting the same articles give the store one thread gives, `check` passing and
every mention present. Run by ctest (python_threads) with PYTHONPATH=<build>/python and
DIPLOGRAPH_SOURCE_DIR=<repo>.
"""

import json
import os
import shutil
import tempfile
import threading
import unittest

import diplograph

SOURCE = os.environ.get("DIPLOGRAPH_SOURCE_DIR",
                        os.path.join(os.path.dirname(__file__), "..", ".."))
EXAMPLES = [os.path.join(SOURCE, "examples", f) for f in (
    "afghanistan-2021-08-16.jsonl", "taliban-delegations-2021-07.jsonl",
    "merkel-moscow-2021-08-20.jsonl")]


def records():
    """The example articles, each also in 24 later editions (another id, a sentence more):
    documents whose events overlap, so writers race on the same events and counters."""
    out = []
    for path in EXAMPLES:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                r = json.loads(line)
                out.append(r)
                for k in range(1, 25):
                    more = dict(r)
                    more["id"] = f"{r.get('id', 'doc')}-edition-{k}"
                    more["text"] = r["text"] + f" The ministry issued statement number {k}."
                    out.append(more)
    return out


class ThreadedWritersTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="diplograph-threads-")
        self.records = records()
        self.assertGreaterEqual(len(self.records), 12)

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def ingest_all(self, db, recs):
        for r in recs:
            db.ingest_text(r["text"], r["date"], id=r.get("id", ""), title=r.get("title", ""),
                           source=r.get("source", ""), url=r.get("url", ""))

    def export_events(self, db):
        """Every event with its mentions (as a set: their order is the order of arrival)."""
        events = []
        for line in db.export(format="jsonl").splitlines():
            e = json.loads(line)
            e["mentions"] = sorted(json.dumps(m, sort_keys=True) for m in e["mentions"])
            events.append(json.dumps(e, sort_keys=True))
        return sorted(events)

    def test_four_threads_give_the_store_one_thread_gives(self):
        # Four JSON Lines files, every record in two of them: writers race on the same documents,
        # events and counters.
        files = []
        for k in range(4):
            path = os.path.join(self.tmp, f"part{k}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for i, r in enumerate(self.records):
                    if i % 4 in (k, (k + 1) % 4):
                        f.write(json.dumps(r) + "\n")
            files.append(path)
        one = diplograph.open(os.path.join(self.tmp, "one.db"))
        for path in files:
            one.ingest(path)
        expected_stats = one.stats()
        expected_events = self.export_events(one)
        self.assertGreater(expected_stats["mentions"], 0)

        many = diplograph.open(os.path.join(self.tmp, "many.db"))
        errors = []

        def work(path):
            try:
                many.ingest(path)
            except Exception as e:  # pragma: no cover - reported below
                errors.append(repr(e))

        threads = [threading.Thread(target=work, args=(p,)) for p in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        report = many.check()
        self.assertTrue(report["consistent"], report["problems"])
        self.assertEqual(many.stats(), expected_stats)
        self.assertEqual(self.export_events(many), expected_events)

    def test_readers_run_beside_a_writer(self):
        db = diplograph.open(os.path.join(self.tmp, "rw.db"))
        self.ingest_all(db, self.records[:2])
        stop = threading.Event()
        errors = []

        def read():
            try:
                while not stop.is_set():
                    db.stats()
                    db.timeline("Russia")
            except Exception as e:  # pragma: no cover - reported below
                errors.append(repr(e))

        readers = [threading.Thread(target=read) for _ in range(2)]
        for t in readers:
            t.start()
        self.ingest_all(db, self.records[2:])
        stop.set()
        for t in readers:
            t.join()
        self.assertEqual(errors, [])
        self.assertTrue(db.check()["consistent"])


if __name__ == "__main__":
    unittest.main()
