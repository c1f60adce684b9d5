#!/usr/bin/env bash
# Installs what diplograph needs from Debian's packages, only when something is missing (so a
# second run costs a second). Run as root, or with sudo available.
set -euo pipefail
pkgs=(g++ cmake make pkg-config python3
      librocksdb-dev libboost-graph-dev nlohmann-json3-dev libcxxopts-dev catch2 libxxhash-dev
      graphviz iso-codes libgumbo-dev libarchive-dev wamerican
      pybind11-dev python3-dev python3-networkx python3-pandas python3-distributed)
# The sanitizer and fuzz job (scripts/sanitize.sh) also needs clang and its runtime libraries.
[ "${DIPLOGRAPH_SETUP_SANITIZE:-0}" = 1 ] && pkgs+=(clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
