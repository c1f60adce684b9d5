#!/usr/bin/env bash
# Scores an extractor binary on every developers' gold file of ../shared/gold (gold/README.md):
# the seed article, the press titles, the two coded-sentence suites and both halves of docs-dev.
# Usage: scripts/score_gold.sh [BIN]   (default build/diplograph)
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/diplograph}
g=../shared/gold; t=../shared/tools
[ -d "$g" ] || { echo "score_gold: ../shared/gold is absent" >&2; exit 2; }
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$bin" extract ../shared/seeds/000_000a073d6dfb7b73.txt --date 2021-08-16 --json >"$out/seed" 2>/dev/null
echo "seed:      $(python3 $t/score_events.py --gold $g/000_000a073d6dfb7b73.gold.json --pred "$out/seed" --quiet | tail -n 1)"
"$bin" extract $g/press.dev.input.jsonl --json >"$out/press" 2>/dev/null
echo "press:     $(python3 $t/score_recall.py --gold $g/press-titles.dev.gold.jsonl --pred "$out/press" --quiet | tail -n 1)"
for s in plover-gsr petr2-gsr; do
  "$bin" extract $g/$s.dev.input.jsonl --json >"$out/$s" 2>/dev/null
  echo "$s: $(python3 $t/score_coded.py --gold $g/$s.dev.gold.jsonl --pred "$out/$s" --quiet | tail -n 1)"
done
for h in even odd; do
  echo "docs $h:  $(python3 $t/score_docs.py "$bin" $g/docs-dev --half $h --quiet | tail -n 1)"
done
