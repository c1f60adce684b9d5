#!/usr/bin/env bash
# The README's first command: set up, build, then ingest examples/ into a fresh database and ask
# it a timeline and a path, and draw the graph (out/demo.svg).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh >/dev/null
dg=build/diplograph
rm -rf out/demo.db && mkdir -p out
export DIPLOGRAPH_DB=out/demo.db
set -x
$dg ingest examples/*.jsonl
$dg stats
$dg timeline "Sergei Lavrov"
$dg path "Antony Blinken" "Taliban"
$dg export --format dot -o out/demo.dot
$dg export --format svg -o out/demo.svg
$dg path "Antony Blinken" "Taliban" --format svg -o out/path.svg
build/examples/contact_summary out/demo.db "Taliban" 2021-07-01 2021-08-31
$dg export --format graphml -o out/demo.graphml
build/examples/monthly_relations out/demo.db Russia "United States"
python3 examples/monthly_relations.py out/demo.db Russia "United States"
