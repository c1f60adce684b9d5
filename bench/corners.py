#!/usr/bin/env python3
"""Growth of the costly corners (issue 19), measured on the CLI as a user runs it, in one run so
the ratios hold on a noisy machine:

  merge    40,000 CSV rows of one event (one pair, day and type: each row a mention of it)
           against 40,000 distinct events; the first should stay within 2x the second.
  extract  one document of many events (news sentences repeated) of 1 MB and of 4 MB; the 4 MB
           one should stay within 4.5x the 1 MB one (linear, with slack for cache effects).

Usage: python3 bench/corners.py BUILD/diplograph [--repeat N]
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

SENTENCES = [
    "Russian Foreign Minister Sergei Lavrov held a phone call with US Secretary of State "
    "Antony Blinken on Monday.",
    "The two sides discussed Afghanistan and the situation in Kabul.",
    "Chinese Foreign Minister Wang Yi met Pakistani Foreign Minister Shah Mehmood Qureshi.",
    "He said Beijing would host the talks next week.",
    "German Chancellor Angela Merkel visited Moscow, where she met President Vladimir Putin.",
    "Iran criticized the United States over the sanctions.",
    "Turkish President Recep Tayyip Erdogan spoke with French President Emmanuel Macron.",
    "Qatar praised the agreement and urged the Taliban to keep their promises.",
]


def run(cmd):
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    took = time.perf_counter() - start
    if p.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-500:]}")
    return took, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def best(cmds_for, repeat):
    times = []
    for _ in range(repeat):
        cmd, cleanup = cmds_for()
        times.append(run(cmd)[0])
        cleanup()
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="diplograph-corners-")
    try:
        same = os.path.join(tmp, "same.csv")
        distinct = os.path.join(tmp, "distinct.csv")
        with open(same, "w") as f:
            f.write("source,target,date,type\n")
            for _ in range(40000):
                f.write("Russia,China,2021-08-16,call\n")
        with open(distinct, "w") as f:
            f.write("source,target,date,type\n")
            for i in range(40000):
                f.write(f"Actor {i % 200},Actor {200 + i // 200},2021-08-16,call\n")

        def ingest(path):
            def make():
                db = tempfile.mkdtemp(dir=tmp)
                shutil.rmtree(db)
                return [args.binary, "ingest", "--db", db, "--format", "csv", path], \
                    lambda: shutil.rmtree(db, ignore_errors=True)
            return make

        t_same = best(ingest(same), args.repeat)
        t_distinct = best(ingest(distinct), args.repeat)
        print(f"merge: 40,000 rows of one event {t_same:.2f} s, 40,000 distinct events "
              f"{t_distinct:.2f} s: ratio {t_same / t_distinct:.2f} (bound 2)")

        docs = {}
        text = " ".join(SENTENCES) + "\n"
        for mb in (1, 4):
            path = os.path.join(tmp, f"doc{mb}.txt")
            with open(path, "w") as f:
                written = 0
                while written < mb << 20:
                    f.write(text)
                    written += len(text)
            docs[mb] = path

        def extract(path):
            return lambda: ([args.binary, "extract", "--date", "2021-08-16", "--threads", "1",
                             path], lambda: None)

        t1 = best(extract(docs[1]), args.repeat)
        t4 = best(extract(docs[4]), args.repeat)
        print(f"extract: 1 MB {t1:.2f} s, 4 MB {t4:.2f} s: ratio {t4 / t1:.2f} (bound 4.5)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
