#!/usr/bin/env python3
"""Converts the facts of the MIT-licensed PETRARCH/Phoenix dictionaries (../shared/peers/petrarch2)
into diplograph's data files: verb patterns (scripts/petrarch/verbs.py) and actors and agents
(scripts/petrarch/actors.py). The output is committed under data/; tests/extract/converter_test.cpp
checks that this script reproduces it byte for byte. What each part keeps and drops is printed on
stderr and recorded in data/README.md.

  python3 scripts/convert_petrarch.py [--peers DIR] [--out DIR]

With --runtime, converts any PETRARCH verb and actor dictionaries (e.g. the PETR.Validate.* files
of PETRARCH's unit tests) into files to load at run time, not into data/:

  python3 scripts/convert_petrarch.py --runtime --verbs V.txt [--layout petrarch1|petrarch2]
                                      --actors A.txt --out DIR
  -> DIR/patterns.tsv (extract --patterns: verb forms written out) and DIR/actors.json (--dict)
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "petrarch"))

import actors  # noqa: E402
import verbs  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--peers", default=os.path.join(REPO, "..", "shared", "peers", "petrarch2"))
    ap.add_argument("--out", default=os.path.join(REPO, "data"))
    ap.add_argument("--runtime", action="store_true",
                    help="convert --verbs/--actors into run-time files (--patterns, --dict) in --out")
    ap.add_argument("--verbs", help="with --runtime: a verb dictionary")
    ap.add_argument("--layout", default="petrarch1", choices=("petrarch1", "petrarch2"),
                    help="with --runtime: the verb dictionary's layout (default petrarch1)")
    ap.add_argument("--actors", help="with --runtime: an actor dictionary")
    a = ap.parse_args()
    if a.runtime:
        return runtime(a)
    if not os.path.isdir(a.peers):
        print("convert_petrarch: no dictionaries at %s" % a.peers, file=sys.stderr)
        return 2
    for sub in ("patterns", "lexicon", "actors"):
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    stats, dropped = verbs.convert(a.peers, a.out, verbs.cameo_table(REPO))
    for k, v in stats.items():
        print("verbs: %s: %d" % (k, v), file=sys.stderr)
    for k, v in sorted(dropped.items()):
        print("verbs: dropped, %s: %d" % (k, v), file=sys.stderr)
    actors.convert(a.peers, a.out)
    return 0


def runtime(a):
    if not a.verbs and not a.actors:
        print("convert_petrarch: --runtime needs --verbs or --actors", file=sys.stderr)
        return 2
    os.makedirs(a.out, exist_ok=True)
    if a.verbs:
        if os.path.isdir(a.peers):
            verbs.read_prepositions(a.peers)
        stats, dropped, codes = verbs.convert_runtime(
            a.verbs, os.path.join(a.out, "patterns.tsv"), verbs.cameo_table(REPO), a.layout)
        for k, v in stats.items():
            print("verbs: %s: %d" % (k, v), file=sys.stderr)
        for k, v in sorted(dropped.items()):
            print("verbs: dropped, %s: %d" % (k, v), file=sys.stderr)
        if codes:
            print("verbs: codes outside CAMEO: " +
                  " ".join("%s:%d" % kv for kv in sorted(codes.items())), file=sys.stderr)
    if a.actors:
        obj, counts = actors.user_dictionary(a.actors)
        with open(os.path.join(a.out, "actors.json"), "w", encoding="utf-8", newline="\n") as f:
            json.dump(obj, f, indent=1, sort_keys=True)
            f.write("\n")
        for k, v in sorted(counts.items()):
            print("actors: %s: %d" % (k, v), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
