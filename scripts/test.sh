#!/usr/bin/env bash
# Everything CI checks: set-up, C++ build and doctest suite (with the find_package consumer),
# the Python package installed into the project's .venv and its pytest suite (notebook
# included), the documentation site, and the national benchmark at a small scale.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --python
py=.venv/bin/python
# Every test can fail: none without an assertion (C++ and Python); skips fail pytest (conftest).
python3 scripts/check_tests.py
# Tests, examples and benchmarks on explicitly: a build/ configured earlier without them
# (e.g. by an older run-example.sh) must not make ctest pass on no tests.
# Warnings are errors here: the tree stays warning-free (-Wall -Wextra -Wpedantic).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNTMKIT_BUILD_TESTS=ON \
  -DNTMKIT_BUILD_EXAMPLES=ON -DNTMKIT_BUILD_BENCHMARKS=ON -DNTMKIT_WARNINGS_AS_ERRORS=ON
cmake --build build -j2
ctest --test-dir build --output-on-failure --no-tests=error -j2
build/benchmarks/ntmkit_bench_national --scale 0.002 --repeat 1 # runs and checks; not timed
build/benchmarks/ntmkit_bench_store --scale 0.002 # the store's load equals memory; not timed
"$py" -m pip install -q --no-build-isolation \
  --config-settings=cmake.define.NTMKIT_WARNINGS_AS_ERRORS=ON .
"$py" -m pytest -q tests/python
# The documentation site, warnings as errors (docs/docs-site.md); it runs the notebook again.
# Not --quiet: it hides the warnings from --strict too (a broken anchor passed that way).
NO_MKDOCS_2_WARNING=1 "$py" -m mkdocs build --strict
# The national benchmark, small: proves it runs and that pandas, Polars and DuckDB agree
# with ntmkit cell by cell. Its timings are printed, never asserted.
"$py" benchmarks/national.py --scale 0.002 --repeat 1
# The scaling curve's program at two tiny scales (the real curve: docs/performance.md).
"$py" benchmarks/scaling.py --scales 0.002,0.004 --repeat 1 >/dev/null
# Every fuzz harness for a short smoke run (a finding fails the run); long runs: docs/testing.md.
scripts/fuzz.sh 20
