#!/usr/bin/env bash
# Long fuzzing runs (issue 17: every target >= 10 minutes clean under ASan + UBSan), two targets
# at a time, at low priority, on the sanitizer build of scripts/sanitize.sh (build-san/).
#   scripts/fuzz_long.sh SECONDS OUTDIR [TARGET...]   (default: every target)
# Writes OUTDIR/TARGET.log (libFuzzer's final stats: execs, time, peak RSS) and prints one line a
# target; a crash leaves its input in OUTDIR/TARGET/ and makes the run exit 1.
set -uo pipefail
cd "$(dirname "$0")/.."
secs=${1:?seconds}
out=${2:?output directory}
shift 2
targets=("$@")
((${#targets[@]})) || targets=(fuzz_gdelt fuzz_icews fuzz_documents fuzz_extract fuzz_query
                              fuzz_event_jsonl fuzz_csv fuzz_records fuzz_html fuzz_long_document
                              fuzz_knowledge fuzz_document_records)
mkdir -p "$out"
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run() {
  local t=$1 dict=()
  [[ -f fuzz/$t.dict ]] && dict=(-dict="fuzz/$t.dict")
  [[ $t == fuzz_html ]] && dict=(-dict=fuzz/html.dict)
  mkdir -p "$out/$t/corpus" "$out/$t/crashes"
  cp -r "fuzz/corpus/$t/." "$out/$t/corpus/" 2>/dev/null
  nice -n 19 "build-san/fuzz/$t" -max_total_time="$secs" -timeout=60 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$out/$t/crashes/" "${dict[@]}" "$out/$t/corpus" \
    >"$out/$t.log" 2>&1
  local rc=$?
  local execs time
  execs=$(grep -m1 stat::number_of_executed_units "$out/$t.log" | awk '{print $2}')
  time=$(grep -m1 -oE 'Done [0-9]+ runs in [0-9]+ second' "$out/$t.log" | awk '{print $5}')
  echo "$t: exit $rc, ${execs:-?} execs in ${time:-?} s"
  return $rc
}
status=0
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" & a=$!
  b=
  if ((i + 1 < ${#targets[@]})); then run "${targets[i+1]}" & b=$!; fi
  wait $a || status=1
  [[ -n $b ]] && { wait $b || status=1; }
done
exit $status
