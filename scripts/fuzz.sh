#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz/ (clang, AddressSanitizer + UBSan) and runs
# each for SECONDS (default 20) on a corpus seeded from the repository's own files.
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     harnesses: campaign_json progress_csv
#                                              criteria_json dates dhis2_json grading_json
#                                              campaign_bytes arrow_structs (default: all)
# A finding (crash, sanitizer report, an exception other than ntmkit::error, a rejected
# batch that changed the campaign) stops the run with exit code 1 and leaves the input in
# build-fuzz/findings/. New corpus entries accumulate in build-fuzz/corpus/ between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --fuzz
secs=${1:-20}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(campaign_json progress_csv criteria_json dates dhis2_json grading_json
  campaign_bytes arrow_structs)
cxx=$(command -v clang++-14 || command -v clang++)
out=build-fuzz
mkdir -p "$out/findings"

seed_corpus() {
  local h=$1 dir=$out/corpus/$1
  mkdir -p "$dir"
  # Generated examples of what each format can hold (tools/make_fuzz_corpus.py).
  if [ -d "tests/fuzz/corpus/$h" ]; then cp tests/fuzz/corpus/"$h"/* "$dir/"; fi
  case $h in
    campaign_json) cp examples/seed/campaign.json "$dir/seed.json"
                   cp tests/hostile/json/*.json "$dir/" ;; # the catalogue of hostile files
    progress_csv) head -c 4000 examples/seed/progress.csv > "$dir/seed.csv"
                  cp tests/hostile/csv/*.csv "$dir/" ;;
    criteria_json) cp data/criteria/*.json "$dir/" ;;
    campaign_bytes) [ -x "$out/campaign_bytes_seed" ] || "$cxx" -std=c++17 -O1 -Iinclude \
                      tools/campaign_bytes_seed.cpp -o "$out/campaign_bytes_seed"
                    "$out/campaign_bytes_seed" examples/seed/campaign.json > "$dir/seed.bin" ;;
    arrow_structs) printf '\003\020\001\002\005\001' > "$dir/three_columns" ;; # bytes steer the producer
    dates) printf '15/4/2022' > "$dir/vi"; printf '2022-04-15' > "$dir/iso"
           printf '30/5' > "$dir/short"; printf '2022SatW15' > "$dir/dhis2" ;;
  esac
}

build_harness() {
  local h=$1 exe=$out/$1
  if [ ! -x "$exe" ] || [ -n "$(find include "tests/fuzz/$h.cpp" tests/fuzz/common.hpp src/arrow_struct.hpp -newer "$exe" -print -quit)" ]; then
    echo "fuzz: building $h"
    "$cxx" -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -Iinclude -Itests/fuzz -Isrc -DNTMKIT_DATA_DIR="\"$PWD/data\"" "tests/fuzz/$h.cpp" -o "$exe"
  fi
}

run_harness() {
  local h=$1 log=$out/$1.log
  if ! "$out/$h" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$out/findings/$h-" "$out/corpus/$h" >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz: $h FOUND A PROBLEM (input in $out/findings/)"
    return 1
  fi
  local runs
  runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1)
  echo "fuzz: $h ok: ${runs:-?}, corpus $(ls "$out/corpus/$h" | wc -l) inputs"
}

for h in "${harnesses[@]}"; do seed_corpus "$h"; done
# Two harnesses at a time, builds and runs: the machine has two cores (xargs fails if any does).
export out cxx secs
export -f build_harness run_harness
printf '%s\n' "${harnesses[@]}" | xargs -P2 -I{} bash -c 'build_harness {}'
printf '%s\n' "${harnesses[@]}" | xargs -P2 -I{} bash -c 'run_harness {}'
