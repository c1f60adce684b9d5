#!/usr/bin/env bash
# A crash campaign over the three ways the store is written: `diplograph` is killed with SIGKILL
# at random moments of a text ingest (news articles, one WriteBatch each), a bulk import (an
# ICEWS-style file in small chunks, as write batches or SST files, and its final merge) or a
# `remove` of many documents; the store must then pass `check`, and after the command is run again
# its export must equal that of an uninterrupted run.
#   tests/crash_campaign.sh BINARY [RUNS] [SEED] [KEEP_DIR]
# RUNS (default 30) cycle text, bulk, remove. Each run draws its choices from its own seed
# (SEED + run number): `RUNS=1 SEED=S` repeats run S's choices (kill times depend on the machine's
# speed too). A failing run's store, its inputs' seed and its log are copied to
# KEEP_DIR/run-SEED (default ./crash-failures) and the campaign goes on; the exit status is 1 when
# any run failed. The last line counts runs, kills and failures.
set -uo pipefail
bin=${1:?usage: crash_campaign.sh BINARY [RUNS] [SEED] [KEEP_DIR]}
runs=${2:-30}
seed0=${3:-$((RANDOM * 32768 + RANDOM))}
keep=${4:-./crash-failures}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Inputs, the same for every run. News: 1200 articles, four sentences each between 8 actors.
awk -v n=1200 'BEGIN { srand(11);
  split("Russian Foreign Minister Sergei Lavrov|U.S. Secretary of State Antony Blinken|Chinese Foreign Minister Wang Yi|German Chancellor Angela Merkel|Russian President Vladimir Putin|French President Emmanuel Macron|Turkish President Recep Tayyip Erdogan|Indian Prime Minister Narendra Modi", a, "|");
  split("held a phone call with|met|criticized|signed an agreement with|accused|hosted", v, "|");
  for (i = 0; i < n; i++) {
    t = "";
    for (k = 0; k < 4; k++) {
      x = 1 + int(rand() * 8); y = 1 + int(rand() * 8); if (x == y) y = 1 + y % 8;
      t = t a[x] " " v[1 + int(rand() * 6)] " " a[y] " on Monday, officials said in report " i "-" k ".\\n\\n";
    }
    printf "{\"id\": \"gen-%d\", \"title\": \"Report %d\", \"date\": \"20%02d-%02d-%02d\", \"source\": \"synthetic\", \"url\": \"\", \"text\": \"%s\"}\n", i, i, 10 + int(i / 336) % 10, 1 + int(i / 28) % 12, 1 + i % 28, t;
  }
}' > "$work/news.jsonl"
# Coded events: 40000 ICEWS-style lines, heavy-tailed actors, repeated events (merges).
awk -v n=40000 'BEGIN { srand(7);
  split("Consult|Make a visit|Host a visit|Discuss by telephone|Sign formal agreement|Make statement|Criticize or denounce", rel, "|");
  for (i = 0; i < n; i++) {
    a = int(300 * rand() ^ 3); b = int(300 * rand() ^ 3); if (a == b) b = b + 1;
    printf "Actor %d\t%s\tActor %d\t2014-%02d-%02d\n", a, rel[1 + int(7 * rand())], b, 1 + int(12 * rand()), 1 + int(28 * rand());
  }
}' > "$work/events.txt"
# The documents `remove` retracts, in this order: every other article.
remove_args=()
for ((i = 0; i < 1200; i += 2)); do remove_args+=(--doc "gen-$i"); done

export DIPLOGRAPH_IMPORT_CHUNK=2000
export_sorted() { "$bin" export --format jsonl --db "$1" | sort; }
elapsed_ms() { local t0=$1; echo $(( ($(date +%s%N) - t0) / 1000000 )); }

# References, and how long each uninterrupted command takes (kills land within it).
t0=$(date +%s%N); "$bin" ingest --quiet --db "$work/ref-text.db" "$work/news.jsonl"; text_ms=$(elapsed_ms "$t0")
export_sorted "$work/ref-text.db" > "$work/ref-text.jsonl"
t0=$(date +%s%N); "$bin" ingest --quiet --db "$work/ref-bulk.db" "$work/events.txt"; bulk_ms=$(elapsed_ms "$t0")
export_sorted "$work/ref-bulk.db" > "$work/ref-bulk.jsonl"
cp -a "$work/ref-text.db" "$work/ref-removed.db"
t0=$(date +%s%N); "$bin" remove --quiet --db "$work/ref-removed.db" "${remove_args[@]}"; remove_ms=$(elapsed_ms "$t0")
export_sorted "$work/ref-removed.db" > "$work/ref-remove.jsonl"
echo "crash_campaign: seed $seed0; uninterrupted text ${text_ms} ms, bulk ${bulk_ms} ms, remove ${remove_ms} ms"

# The command a run of KIND interrupts and then runs again to the end.
run_cmd() {
  case $1 in
    text) "$bin" ingest --quiet --db "$2" "$work/news.jsonl" ;;
    bulk) "$bin" ingest --quiet --db "$2" "$work/events.txt" ;;
    remove)
      # Documents are retracted in order, each atomically: go on from the first one left.
      local left=() i present
      present=$("$bin" export --format jsonl --db "$2" | grep -o '"gen-[0-9]*"' | sort -u | tr -d '"')
      for ((i = 0; i < 1200; i += 2)); do
        grep -qx "gen-$i" <<< "$present" && left+=(--doc "gen-$i")
      done
      ((${#left[@]} == 0)) || "$bin" remove --quiet --db "$2" "${left[@]}"
      ;;
  esac
}

total_kills=0
failures=0
for ((r = 1; r <= runs; r++)); do
  seed=$((seed0 + r))
  RANDOM=$seed
  kinds=(text bulk remove)
  kind=${kinds[$(((seed) % 3))]}
  db="$work/run.db"
  log="$work/run.log"
  rm -rf "$db"
  : > "$log"
  case $kind in
    text) max_ms=$text_ms ;;
    bulk) max_ms=$bulk_ms ;;
    remove) max_ms=$remove_ms; cp -a "$work/ref-text.db" "$db" ;;
  esac
  # Bulk runs: half write their chunks as SST files (IngestExternalFiles), half as batches.
  if [ "$kind" = bulk ] && ((RANDOM % 2)); then export DIPLOGRAPH_SST_MIN=1; else unset DIPLOGRAPH_SST_MIN; fi
  kills=0
  failed=""
  # One to three kills, each at a random moment of a command that resumes the last; a kill may
  # land up to 110% of the reference time, so that bulk imports are also killed in their merge.
  nk=$((1 + RANDOM % 3))
  for ((k = 0; k < nk; k++)); do
    delay=$(awk -v m="$max_ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % int(m * 1.1 + 1)) / 1000 }')
    run_cmd "$kind" "$db" >> "$log" 2>&1 &
    pid=$!
    sleep "$delay"
    # The subshell runs the binary as its child (for remove, an export first): stop the subshell,
    # then kill the binary that runs, if any.
    kill -STOP "$pid" 2>/dev/null
    children=$(pgrep -P "$pid")
    kill -9 "$pid" 2>/dev/null
    # shellcheck disable=SC2086
    if [ -n "$children" ] && kill -9 $children 2>/dev/null; then kills=$((kills + 1)); fi
    wait "$pid" 2>/dev/null
    echo "kill $k after ${delay}s" >> "$log"
    if [ -e "$db/CURRENT" ] && ! "$bin" check --db "$db" >> "$log" 2>&1; then
      failed="check failed after kill $k"
      break
    fi
  done
  if [ -z "$failed" ]; then
    if ! run_cmd "$kind" "$db" >> "$log" 2>&1; then
      failed="the re-run failed"
    elif ! "$bin" check --db "$db" >> "$log" 2>&1; then
      failed="check failed after the re-run"
    elif ! export_sorted "$db" > "$work/run.jsonl" 2>> "$log" ||
         ! cmp -s "$work/ref-$kind.jsonl" "$work/run.jsonl"; then
      failed="the final export differs from the uninterrupted run"
      diff "$work/ref-$kind.jsonl" "$work/run.jsonl" | head -5 >> "$log"
    fi
  fi
  total_kills=$((total_kills + kills))
  if [ -n "$failed" ]; then
    failures=$((failures + 1))
    mkdir -p "$keep"
    dest="$keep/run-$seed"
    rm -rf "$dest"
    cp -a "$db" "$dest.db" 2>/dev/null
    mkdir -p "$dest.db"
    { echo "kind $kind seed $seed sst_min ${DIPLOGRAPH_SST_MIN:-unset}: $failed"; cat "$log"; } > "$dest.log"
    echo "crash_campaign: run $r ($kind, seed $seed) FAILED: $failed; kept in $dest.db, $dest.log" >&2
  else
    echo "crash_campaign: run $r ($kind, seed $seed) passed ($kills kill(s))"
  fi
done
echo "crash_campaign: $runs run(s), $total_kills kill(s), $failures failure(s)"
((failures == 0))
