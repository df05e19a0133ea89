#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (the .clang-format at the root) makes of it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.cpp' '*.hpp' '*.h' 2>/dev/null || true)
if [[ -z "$files" ]]; then
    files=$(find src test apps bench -name '*.cpp' -o -name '*.hpp')
fi
errors=$(echo "$files" | xargs clang-format --dry-run -Werror 2>&1 | grep -E 'error:' || true)
if [[ -n "$errors" ]]; then
    echo "$errors" | head -20
    echo "format: $(echo "$errors" | wc -l) differences; run 'make format' (clang-format -i)"
    exit 1
fi
echo "format: ok"
