#!/usr/bin/env bash
# Everything CI checks: set-up, C++ build and doctest suite (with the find_package consumer),
# the Python package installed with pip and its pytest suite (notebook included), and the
# national benchmark at a small scale.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --python
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
build/benchmarks/ntmkit_bench_national --scale 0.002 --repeat 1 # runs and checks; not timed
if [ -f pyproject.toml ]; then
  python3 -m pip install -q --no-build-isolation .
  python3 -m pytest -q tests/python
  # The national benchmark, small: proves it runs and that pandas, Polars and DuckDB agree
  # with ntmkit cell by cell. Its timings are printed, never asserted.
  python3 benchmarks/national.py --scale 0.002 --repeat 1
fi
