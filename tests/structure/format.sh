#!/usr/bin/env bash
# The house format is a check: every C++ file that git tracks (or that is new and not ignored) is as
# clang-format formats it with the repository's .clang-format. Prints the files that differ.
set -euo pipefail
clang_format="$1"
cd "$2"
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.h' | sort -u |
    while IFS= read -r f; do [[ -f "$f" ]] && echo "$f"; done)
# One clang-format process for all files; its diagnostics name each file that differs.
rc=0
out=$("$clang_format" --dry-run --Werror "${files[@]}" 2>&1) || rc=$?
mapfile -t bad < <(sed -nE 's/^([^:]+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' <<<"$out" | sort -u)
if ((rc != 0 && ${#bad[@]} == 0)); then
    echo "format: $clang_format failed: $out"
    exit 1
fi
for f in "${bad[@]}"; do echo "misformatted: $f (run: $clang_format -i $f)"; done
echo "format: ${#files[@]} files checked, ${#bad[@]} misformatted"
((${#bad[@]} == 0))
