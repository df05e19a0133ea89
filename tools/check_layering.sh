#!/usr/bin/env bash
# Checks the library graph of tools/layering.txt over src/ultra/:
#  - a file in src/ultra/<lib>/ includes <ultra/X/...> only for X = <lib> or an allowed dependency;
#  - a pure library includes no I/O, thread, clock, logging or serialisation header and never
#    uses try/catch/throw (it is also compiled with -fno-exceptions);
#  - every library directory is listed in tools/layering.txt.
# Usage: check_layering.sh [ROOT]        exits 1 and lists violations
#        check_layering.sh --self-test [ROOT]  plants violations in a copy and expects failures
set -euo pipefail

forbidden_headers='iostream|fstream|sstream|filesystem|thread|mutex|shared_mutex|condition_variable|future|chrono|ctime|time\.h|random|cstdio|stdio\.h|syslog\.h|spdlog/.*|fmt/.*|nlohmann/.*|boost/.*|rocksdb/.*|CLI/.*|unistd\.h|sys/.*'

check() {
    local root=$1 status=0
    local table="$root/tools/layering.txt"
    declare -A kind allowed
    while read -r lib k deps; do
        [[ -z "$lib" || "$lib" == \#* ]] && continue
        kind[$lib]=$k
        allowed[$lib]=" $deps "
    done < "$table"

    for dir in "$root"/src/ultra/*/; do
        local lib
        lib=$(basename "$dir")
        if [[ -z "${kind[$lib]:-}" ]]; then
            echo "layering: src/ultra/$lib is not listed in tools/layering.txt"
            status=1
            continue
        fi
        while IFS= read -r -d '' f; do
            local rel=${f#"$root"/}
            while IFS= read -r line; do
                local dep
                dep=$(sed -E 's/.*#[[:space:]]*include[[:space:]]*<ultra\/([a-z_0-9]+)\/.*/\1/' <<<"$line")
                if [[ "$dep" != "$lib" && "${allowed[$lib]}" != *" $dep "* ]]; then
                    echo "layering: $rel includes ultra/$dep, which $lib may not depend on"
                    status=1
                fi
            done < <(grep -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*<ultra/' "$f" || true)
            if [[ "${kind[$lib]}" == pure ]]; then
                if grep -nE "^[[:space:]]*#[[:space:]]*include[[:space:]]*<($forbidden_headers)>" "$f" \
                    | sed "s|^|purity: $rel:|"; then
                    status=1
                fi
                if grep -nE '(^|[^_a-zA-Z0-9])(throw|try|catch)([^_a-zA-Z0-9]|$)' "$f" \
                    | grep -vE '^[0-9]+:[[:space:]]*(//|\*|/\*)' | sed "s|^|purity: $rel: exceptions: |"; then
                    status=1
                fi
            fi
        done < <(find "$dir" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) -print0)
    done
    return $status
}

self_test() {
    local root=$1 tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    mkdir -p "$tmp/tools"
    cp "$root/tools/layering.txt" "$tmp/tools/"
    cp -r "$root/src" "$tmp/src"
    if ! check "$tmp" >/dev/null; then echo "self-test: clean tree must pass"; return 1; fi

    printf '#include <iostream>\n' >> "$tmp/src/ultra/core/bytes.hpp"
    if check "$tmp" >/dev/null; then echo "self-test: <iostream> in core must fail"; return 1; fi
    cp "$root/src/ultra/core/bytes.hpp" "$tmp/src/ultra/core/bytes.hpp"

    printf '#include <ultra/infra/file.hpp>\n' >> "$tmp/src/ultra/core/hex.cpp"
    if check "$tmp" >/dev/null; then echo "self-test: core including infra must fail"; return 1; fi
    cp "$root/src/ultra/core/hex.cpp" "$tmp/src/ultra/core/hex.cpp"

    printf 'inline void f() { throw 1; }\n' >> "$tmp/src/ultra/core/hex.hpp"
    if check "$tmp" >/dev/null; then echo "self-test: throw in core must fail"; return 1; fi
    cp "$root/src/ultra/core/hex.hpp" "$tmp/src/ultra/core/hex.hpp"

    mkdir -p "$tmp/src/ultra/unlisted"
    if check "$tmp" >/dev/null; then echo "self-test: unlisted library must fail"; return 1; fi
    echo "self-test: ok (4 planted violations detected)"
}

if [[ "${1:-}" == "--self-test" ]]; then
    self_test "${2:-$(cd "$(dirname "$0")/.." && pwd)}"
else
    root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
    if check "$root"; then echo "layering: ok"; else exit 1; fi
fi
