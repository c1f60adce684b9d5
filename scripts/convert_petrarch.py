#!/usr/bin/env python3
"""Converts the facts of the MIT-licensed PETRARCH/Phoenix dictionaries (../shared/peers/petrarch2)
into diplograph's data files: verb patterns (scripts/petrarch/verbs.py) and actors and agents
(scripts/petrarch/actors.py). The output is committed under data/; tests/extract/converter_test.cpp
checks that this script reproduces it byte for byte. What each part keeps and drops is printed on
stderr and recorded in data/README.md.

  python3 scripts/convert_petrarch.py [--peers DIR] [--out DIR]
"""
import argparse
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
    a = ap.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())
