#!/usr/bin/env bash
# The sanitizer job: the library and tests built with clang, AddressSanitizer + UBSan and libFuzzer
# coverage (-O1, its own build dir, so the Release build is untouched), the test suite run on it,
# then a short smoke run of every fuzz target from its seed corpus.
#   scripts/sanitize.sh [SECONDS_PER_FUZZ_TARGET]   (default 8; 0 skips fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-8}
dir=build-san
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ \
  "-DCMAKE_CXX_FLAGS=-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined -fsanitize=fuzzer-no-link" \
  -DDIPLOGRAPH_BUILD_FUZZ=ON -DDIPLOGRAPH_BUILD_EXAMPLES=OFF -DDIPLOGRAPH_INSTALL=OFF >/dev/null
targets=(fuzz_gdelt fuzz_icews fuzz_documents fuzz_extract fuzz_query fuzz_event_jsonl fuzz_csv
         fuzz_records fuzz_html fuzz_long_document fuzz_knowledge fuzz_document_records)
cmake --build "$dir" -j2 --target diplograph_tests "${targets[@]}"
# RocksDB and the system libraries are not instrumented: leaks inside them are not ours to fix.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$dir" --output-on-failure -j2
if ((secs > 0)); then
  for t in "${targets[@]}"; do
    work=$(mktemp -d)
    cp -r "fuzz/corpus/$t/." "$work/"
    echo "fuzz smoke: $t for ${secs}s" >&2
    "$dir/fuzz/$t" -max_total_time="$secs" -rss_limit_mb=4096 -print_final_stats=0 "$work" 2>"$work.log" ||
      { tail -40 "$work.log" >&2; rm -rf "$work" "$work.log"; exit 1; }
    rm -rf "$work" "$work.log"
  done
fi
