#!/usr/bin/env bash
# merge_bench.sh: acceptance 2 of issue 18. The 1M synthetic event set of ../shared/peerbench
# (gen_events.py 100000 1000000) imported twice in one run, each into a fresh store by a whole
# `diplograph ingest` process: as the CSV edge list (`--format csv`, the bulk path's fastest
# input) and written as per-document records (`--format documents`, as `extract --emit
# documents` writes them; bench/docs_from_csv). Prints wall time and peak RSS of each, and the
# ratio; the goal is documents <= 1.5 x CSV and peak RSS <= 1 GB.
#   bench/merge_bench.sh BUILD_DIR [DATA_DIR]      (BUILD_DIR configured with -DDIPLOGRAPH_BUILD_BENCH=ON)
# DATA_DIR defaults to /tmp/pb-100000-1000000 (made by ../shared/peerbench/side/run.sh, or here by
# gen_events.py when missing). The stores go to DATA_DIR/merge-bench-*.db and are removed after.
set -eu
build=$(cd "$1" && pwd)
data=${2:-/tmp/pb-100000-1000000}
here=$(cd "$(dirname "$0")" && pwd)
dg=$build/diplograph
[ -x "$dg" ] || { echo "merge_bench: no $dg (build diplograph_cli)" >&2; exit 2; }
[ -x "$build/bench/docs_from_csv" ] || { echo "merge_bench: build the docs_from_csv target" >&2; exit 2; }
if [ ! -f "$data/events.csv" ]; then
  mkdir -p "$data"
  python3 "$here/../../shared/peerbench/gen_events.py" 100000 1000000 "$data"
fi
csv=$data/events-h.csv
docs=$data/events-docs.jsonl
[ -f "$csv" ] || { echo "source,target,date,type,id"; cat "$data/events.csv"; } > "$csv"
[ -f "$docs" ] || "$build/bench/docs_from_csv" "$csv" > "$docs"
events=$(($(wc -l < "$csv") - 1))
echo "input: $events events; CSV $(du -m "$csv" | cut -f1) MB, per-document records $(du -m "$docs" | cut -f1) MB"

run() {  # run NAME FORMAT FILE: prints "NAME seconds peak_kB"
  local db=$data/merge-bench-$1.db
  rm -rf "$db"
  /usr/bin/time -f "%e %M" -o "$data/merge-bench-$1.time" \
    "$dg" ingest --quiet --db "$db" --format "$2" "$3"
  "$dg" stats --db "$db" | tr '\n' ' ' > "$data/merge-bench-$1.stats"
  rm -rf "$db"
  echo "$1 $(cat "$data/merge-bench-$1.time")"
}
csv_line=$(run csv csv "$csv")
doc_line=$(run documents documents "$docs")
read -r _ csv_s csv_kb <<< "$csv_line"
read -r _ doc_s doc_kb <<< "$doc_line"
echo "ingest --format csv:       ${csv_s} s, peak RSS $((csv_kb / 1024)) MB  [$(cat "$data/merge-bench-csv.stats")]"
echo "ingest --format documents: ${doc_s} s, peak RSS $((doc_kb / 1024)) MB  [$(cat "$data/merge-bench-documents.stats")]"
python3 - "$csv_s" "$doc_s" "$doc_kb" <<'PY'
import sys
c, d, kb = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"documents / csv = {d / c:.2f} (goal <= 1.5); documents peak RSS {kb / 1024:.0f} MB (goal <= 1024)")
PY
