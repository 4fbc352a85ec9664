#!/usr/bin/env bash
# Installs what ntmkit needs on a fresh Debian machine; quick when everything is there.
#   scripts/setup.sh            Debian packages for the C++ library, tests and examples
#   scripts/setup.sh --python   also the project's virtual environment .venv (Python packages
#                               from scripts/requirements-dev.txt; never the system interpreter,
#                               which Debian 12 refuses: PEP 668)
#   scripts/setup.sh --fuzz     also clang with libFuzzer and the sanitizers (scripts/fuzz.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

debs=(g++ cmake ninja-build libboost-date-time-dev nlohmann-json3-dev doctest-dev clang-format libsqlite3-dev libpq-dev postgresql)
missing=()
for p in "${debs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# cmake and ninja may come from pip instead of Debian.
if command -v cmake >/dev/null 2>&1; then missing=("${missing[@]/cmake}"); fi
if command -v ninja >/dev/null 2>&1; then missing=("${missing[@]/ninja-build}"); fi
if [ "${1:-}" = "--python" ]; then
  # venv and the C headers an extension module compiles against (absent from a stock Debian).
  python3 -c 'import ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
  python3 -c 'import sysconfig, os, sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' ||
    missing+=(python3-dev)
  # `ntmkit report --format pdf` prints with headless Chromium; its tests read the PDF back
  # with pdftoppm and pdftotext (poppler-utils).
  for p in chromium poppler-utils; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
fi
if [ "${1:-}" = "--fuzz" ]; then
  for p in clang-14 libclang-rt-14-dev; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
fi
read -r -a missing <<<"${missing[*]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The entry workbooks are checked in real LibreOffice Calc (headless, without its desktop and
# recommended extras, which would add hundreds of MB to a CI machine).
if [ "${1:-}" = "--python" ] && ! dpkg -s libreoffice-calc-nogui >/dev/null 2>&1; then
  echo "setup: installing libreoffice-calc-nogui"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    libreoffice-calc-nogui >/dev/null
fi

if [ "${1:-}" = "--python" ]; then
  venv=.venv
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  # Re-install only when the requirements changed since the last successful install.
  stamp="$venv/.requirements-installed"
  if ! cmp -s scripts/requirements-dev.txt "$stamp"; then
    echo "setup: installing Python packages into $venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
    "$venv/bin/python" -m pip install -q -r scripts/requirements-dev.txt
    cp scripts/requirements-dev.txt "$stamp"
  fi
fi
