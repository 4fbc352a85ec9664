#!/usr/bin/env bash
# Installs what ntmkit needs on a fresh Debian machine; quick when everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(g++ cmake ninja-build libboost-date-time-dev nlohmann-json3-dev doctest-dev clang-format)
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# cmake and ninja may come from pip instead of Debian.
if command -v cmake >/dev/null 2>&1; then missing=("${missing[@]/cmake}"); fi
if command -v ninja >/dev/null 2>&1; then missing=("${missing[@]/ninja-build}"); fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--python" ]; then
  py=(scikit-build-core pybind11 numpy pandas matplotlib pytest hypothesis nbclient nbformat ipykernel openpyxl polars duckdb)
  need=0
  for m in scikit_build_core pybind11 numpy pandas matplotlib pytest hypothesis nbclient nbformat ipykernel openpyxl polars duckdb; do
    python3 -c "import $m" 2>/dev/null || need=1
  done
  if [ $need = 1 ]; then
    echo "setup: installing Python packages"
    python3 -m pip install -q "${py[@]}"
  fi
fi
