#!/usr/bin/env bash
# Fails, listing the files, when a tracked C++ source is not as clang-format (.clang-format)
# would write it. Fix with: clang-format -i <files>
set -euo pipefail
cd "$(dirname "$0")/.."
bad=()
while IFS= read -r f; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(git ls-files '*.hpp' '*.cpp' 2>/dev/null || find include src tests examples benchmarks -name '*.[ch]pp')
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not clang-formatted: %s\n' "${bad[@]}"
  exit 1
fi
echo "clang-format: all sources formatted"
