#!/usr/bin/env bash
# The README's second command: set up, build, and run every test (unit and end-to-end; those that
# need ../shared skip with a message when it is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
# The sanitizer job: library and tests under AddressSanitizer + UBSan (clang, -O1, build-san),
# then a short smoke run of each fuzz target. DIPLOGRAPH_SKIP_SANITIZE=1 skips it locally.
if [ "${DIPLOGRAPH_SKIP_SANITIZE:-0}" != 1 ]; then
  DIPLOGRAPH_SETUP_SANITIZE=1 bash scripts/setup.sh
  bash scripts/sanitize.sh 8
fi
