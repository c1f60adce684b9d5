#!/usr/bin/env bash
# The README's second command: set up, build, and run every test (unit and end-to-end; those that
# need ../shared skip with a message when it is absent).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
