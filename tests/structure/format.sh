#!/usr/bin/env bash
# The house format is a check: every C++ file that git tracks (or that is new and not ignored) is as
# clang-format formats it with the repository's .clang-format. Prints the files that differ.
set -euo pipefail
clang_format="$1"
cd "$2"
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | sort -u)
bad=0
for f in "${files[@]}"; do
    [[ -f "$f" ]] || continue
    if ! "$clang_format" --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "misformatted: $f (run: $clang_format -i $f)"
        bad=$((bad + 1))
    fi
done
echo "format: ${#files[@]} files checked, $bad misformatted"
((bad == 0))
