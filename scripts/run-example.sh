#!/usr/bin/env bash
# Builds the C++ example and prints the seed campaign's Friday report (default: 6/5/2022).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target friday_report >/dev/null
build/examples/friday_report examples/seed/campaign.json examples/seed/progress.csv "${1:-6/5/2022}" "${@:2}"
