#!/usr/bin/env bash
# Everything CI checks: set-up, C++ build and doctest suite (with the find_package consumer),
# the Python package installed with pip and its pytest suite (notebook included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --python
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
if [ -f pyproject.toml ]; then
  python3 -m pip install -q --no-build-isolation .
  python3 -m pytest -q tests/python
fi
