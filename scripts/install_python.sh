#!/usr/bin/env bash
# Installs the built Python module (BUILD_DIR/python/diplograph, default build/) for the `python3`
# on PATH and for Debian's /usr/bin/python3 when that is another interpreter of the same version:
# copies the package into each one's site-packages (sysconfig's platlib), so that
# `python3 -c "import diplograph"` works. Run by scripts/build.sh; does nothing when the module
# was not built (no pybind11-dev / python3-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-build}/python/diplograph"
so=$(ls "$src"/_diplograph*.so 2>/dev/null | head -n1 || true)
if [ -z "$so" ] || [ ! -f "$src/__init__.py" ]; then
  echo "install_python: no module in $src (needs pybind11-dev and python3-dev); skipped" >&2
  exit 0
fi
done_dirs=""
for py in "$(command -v python3 || true)" /usr/bin/python3; do
  [ -n "$py" ] && [ -x "$py" ] || continue
  # Only an interpreter whose extension suffix matches the build can load it.
  suffix=$("$py" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
  [[ "$so" == *"$suffix" ]] || continue
  dest=$("$py" -c 'import sysconfig; print(sysconfig.get_path("platlib"))')
  case " $done_dirs " in *" $dest "*) continue ;; esac
  done_dirs="$done_dirs $dest"
  if ! mkdir -p "$dest/diplograph" 2>/dev/null || [ ! -w "$dest/diplograph" ]; then
    echo "install_python: cannot write $dest (run as root); skipped $py" >&2
    continue
  fi
  cp -f "$src/__init__.py" "$src/dask.py" "$so" "$dest/diplograph/"
  echo "install_python: diplograph -> $dest/diplograph ($py)" >&2
done
