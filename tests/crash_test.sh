#!/usr/bin/env bash
# Crash safety: kill `diplograph ingest` with SIGKILL at random moments, reopen, run `check`,
# finish the ingest, and compare the final export with an uninterrupted run.
#   tests/crash_test.sh BINARY [RUNS] [EVENTS]
# Input: a synthetic ICEWS-style quadruple file (EVENTS lines, heavy-tailed actors, repeated
# events so merges happen), imported in small chunks so that kills land between and inside them,
# and the same events as a CSV edge list (the edge-row path, BulkLoader::add of EdgeChunks): runs
# alternate between the two, two runs each.
set -euo pipefail
bin=${1:?usage: crash_test.sh BINARY [RUNS] [EVENTS]}
runs=${2:-50}
events=${3:-60000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk -v n="$events" -v csv="$work/events.csv" 'BEGIN {
  srand(7); split("Consult|Make a visit|Host a visit|Discuss by telephone|Sign formal agreement|Make statement|Criticize or denounce", rel, "|");
  split("consult|visit|host|call|agreement|statement|criticize", type, "|");
  print "source,target,date,type" > csv;
  for (i = 0; i < n; i++) {
    a = int(400 * rand() ^ 3); b = int(400 * rand() ^ 3); if (a == b) b = b + 1;
    k = 1 + int(7 * rand()); m = 1 + int(12 * rand()); d = 1 + int(28 * rand());
    printf "Actor %d\t%s\tActor %d\t2014-%02d-%02d\n", a, rel[k], b, m, d;
    printf "Actor %d,Actor %d,2014-%02d-%02d,%s\n", a, b, m, d, type[k] > csv;
  }
}' > "$work/events.txt"

export DIPLOGRAPH_IMPORT_CHUNK=2000
max_ms=50
for f in events.txt events.csv; do
  "$bin" ingest --quiet --db "$work/ref-$f.db" "$work/$f"
  "$bin" export --format jsonl --db "$work/ref-$f.db" | sort > "$work/ref-$f.jsonl"
  ref_ms=$( { /usr/bin/time -f %e "$bin" ingest --quiet --db "$work/timing.db" "$work/$f"; } 2>&1 | tail -1)
  rm -rf "$work/timing.db"
  max_ms=$(awk -v s="$ref_ms" -v m="$max_ms" 'BEGIN { v = int(s * 1000); print (v > m ? v : m) }')
done

pass=0
for ((r = 1; r <= runs; r++)); do
  db="$work/run.db"
  rm -rf "$db"
  # Odd runs write every chunk as SST files (IngestExternalFiles), even runs as WriteBatches.
  if ((r % 2)); then export DIPLOGRAPH_SST_MIN=1; else unset DIPLOGRAPH_SST_MIN; fi
  if (((r - 1) / 2 % 2)); then f=events.csv; else f=events.txt; fi
  kills=0
  # One to three kills per run, each at a random moment of an ingest that resumes the last.
  for ((k = 0; k < 1 + RANDOM % 3; k++)); do
    "$bin" ingest --quiet --db "$db" "$work/$f" &
    pid=$!
    # Within the first 70% of the reference time: an ingest that ran faster than the reference
    # (or a resumed one, with less left to do) would often be done before a later kill.
    sleep "$(awk -v m="$max_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % int(m * 0.7 + 1)) / 1000 }')"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1)) || true
    wait "$pid" 2>/dev/null || true
    if [ -e "$db/CURRENT" ]; then
      if ! "$bin" check --db "$db" > "$work/check.out" 2>&1; then
        echo "crash_test: run $r: check failed after a kill:" >&2
        cat "$work/check.out" >&2
        exit 1
      fi
    fi
  done
  "$bin" ingest --quiet --db "$db" "$work/$f"
  "$bin" check --db "$db" > /dev/null
  "$bin" export --format jsonl --db "$db" | sort > "$work/run.jsonl"
  if ! cmp -s "$work/ref-$f.jsonl" "$work/run.jsonl"; then
    echo "crash_test: run $r ($f): final export differs from the uninterrupted run" >&2
    diff "$work/ref-$f.jsonl" "$work/run.jsonl" | head -5 >&2
    exit 1
  fi
  pass=$((pass + 1))
  echo "crash_test: run $r ($f) passed ($kills kill(s))"
done
echo "crash_test: $pass/$runs runs passed"
