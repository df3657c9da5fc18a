#!/usr/bin/env bash
# One clang build with AddressSanitizer + UndefinedBehaviorSanitizer (build-sanitize/): the whole test
# suite and the libFuzzer targets. Its ctest runs every test under the sanitizers (leaks included,
# tests/sanitizers/lsan.supp) and each fuzz target for FUZZ_SECONDS over its seed corpus. The PostgreSQL
# variants run in scripts/test.sh only: the same model code, a second backend.
# Usage: scripts/sanitize.sh [FUZZ_SECONDS]      BUILD_DIR=... builds into another folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
build="${BUILD_DIR:-$here/build-sanitize}"
"$here/scripts/setup.sh" --deps-only clang libclang-rt-14-dev
if [[ ! -f "$build/build.ninja" ]]; then
    # -O1 and line tables only: sanitizer reports keep file:line, and the build stays short.
    CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DBILLING_FUZZ=ON -DBILLING_TEST_POSTGRES=OFF
fi
cmake -S "$here" -B "$build" -DBILLING_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build "$build"
cd "$build"
ctest --output-on-failure -j"$(nproc)"
