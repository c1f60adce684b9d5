#!/usr/bin/env bash
# The README's gallery, drawn from the example articles in examples/ and examples/gallery/ (kept
# apart so that the golden query tests, which read examples/*.jsonl, do not change): an ego
# network, the three best paths between two actors, and a window of calls and meetings.
#   bash examples/gallery.sh [OUT_DIR]      (default: docs/gallery, the committed pictures)
# $DIPLOGRAPH names the binary (default: build/diplograph). Exits 77 (skipped) without GraphViz.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../docs/gallery}"
dg="${DIPLOGRAPH:-$here/../build/diplograph}"
if ! command -v dot >/dev/null 2>&1; then
  echo "gallery: GraphViz 'dot' is not installed (apt-get install graphviz)" >&2
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/gallery.db"
mkdir -p "$out"
"$dg" ingest --quiet --no-projection --db "$db" "$here"/*.jsonl "$here"/gallery/*.jsonl

# Who Russia dealt with, and who serves it.
"$dg" neighbors Russia --db "$db" --format png -o "$out/ego-russia.png"
# Three ways from Blinken to the Taliban, each hop with its dated events.
"$dg" path "Antony Blinken" Taliban --k 3 --db "$db" --format png -o "$out/path-blinken-taliban-k3.png"
# Calls and meetings of July and August 2021: only the actors that had one.
"$dg" export --db "$db" --type call,meeting --from 2021-07-01 --to 2021-08-31 --collapse \
  --no-affiliations --title "Calls and meetings, July-August 2021" --format png \
  -o "$out/window-calls-meetings.png"

for f in ego-russia path-blinken-taliban-k3 window-calls-meetings; do
  test -s "$out/$f.png" || { echo "gallery: $out/$f.png was not drawn" >&2; exit 1; }
done
echo "gallery: $out/{ego-russia,path-blinken-taliban-k3,window-calls-meetings}.png"
