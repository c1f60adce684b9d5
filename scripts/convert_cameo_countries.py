#!/usr/bin/env python3
"""Writes data/actors/cameo_countries.tsv: the states whose CAMEO country code differs from their
ISO 3166-1 alpha-3 code (Romania ROM, not ROU), from GDELT's CAMEO country table
(../shared/peers/cameo/cameoCountry.txt, GDELT's CAMEO.country.txt) and Debian's iso-codes.

A CAMEO code is a difference when it is not an ISO alpha-3 code and its label names a state of
ISO 3166-1 (by ISO's name, common name or official name, or a name or alias of
data/actors/states.tsv). Region codes (AFR, MEA, ...) and withdrawn states (ANT, Netherlands
Antilles) name none and are left out. Do not edit the output: run this script
(tests/extract/converter_test.cpp checks that it reproduces the committed file).

Usage: python3 scripts/convert_cameo_countries.py [--peers DIR] [--iso FILE] [--out FILE]
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def state_names(iso_json, states_tsv):
    """Lower-cased name -> ISO alpha-3, from iso-codes and states.tsv (name and aliases)."""
    names = {}
    with open(iso_json, encoding="utf-8") as f:
        for c in json.load(f)["3166-1"]:
            for key in ("name", "common_name", "official_name"):
                if key in c:
                    names.setdefault(c[key].lower(), c["alpha_3"])
    codes = {c for c in names.values()}
    with open(states_tsv, encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                continue
            row = dict(zip(header, cols))
            for n in [row.get("name", "")] + row.get("aliases", "").split("|"):
                if n and row["iso3"] in codes:
                    names.setdefault(n.lower(), row["iso3"])
    return names, codes


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers", "cameo"))
    p.add_argument("--iso", default="/usr/share/iso-codes/json/iso_3166-1.json")
    p.add_argument("--out", default=os.path.join(ROOT, "data", "actors", "cameo_countries.tsv"))
    args = p.parse_args()
    source = os.path.join(args.peers, "cameoCountry.txt")
    names, iso_codes = state_names(args.iso, os.path.join(ROOT, "data", "actors", "states.tsv"))
    rows = []
    with open(source, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[0] != "CODE\tLABEL":
        sys.exit(f"{source}: expected the header CODE<TAB>LABEL")
    for line in lines[1:]:
        if not line:
            continue
        code, label = line.split("\t")
        if code in iso_codes:
            continue
        iso = names.get(label.lower())
        if iso:
            rows.append((iso, code, label))
    rows.sort()
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(
            "# States whose CAMEO country code differs from their ISO 3166-1 alpha-3 code. Converted\n"
            "# by scripts/convert_cameo_countries.py from GDELT's CAMEO.country.txt (the copy in\n"
            "# ../shared/peers/cameo/cameoCountry.txt; source and licence: data/README.md). Do not\n"
            "# edit: rerun the script. Columns: iso3 (ISO 3166-1 alpha-3: an actor's country),\n"
            "# cameo (CAMEO's code: a state's actor code, as GDELT writes it), label (CAMEO's).\n"
            "iso3\tcameo\tlabel\n")
        for r in rows:
            out.write("\t".join(r) + "\n")
    print(f"{args.out}: {len(rows)} states", file=sys.stderr)


if __name__ == "__main__":
    main()
