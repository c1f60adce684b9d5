#!/usr/bin/env bash
# Configures and builds diplograph (library, CLI, examples, tests, Python module) into build/.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
# The Python module, for the `python3` on PATH (import diplograph).
bash scripts/install_python.sh build
