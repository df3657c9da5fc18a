#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (AddressSanitizer + UBSan) and runs each for a short while
# over its seed corpus: scripts/fuzz.sh [SECONDS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
need=()
for p in clang libclang-rt-14-dev; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if ((${#need[@]})); then
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
"$here/scripts/setup.sh" "$here/build" >/dev/null   # the main build installs the other packages
build="$here/build-fuzz"
if [[ ! -f "$build/build.ninja" ]]; then
    CXX=clang++ CC=clang cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DBILLING_FUZZ=ON -DBILLING_BUILD_GUI=OFF \
        -DBILLING_FUZZ_SECONDS="$seconds"
fi
cmake --build "$build" --target fuzz_callrecords fuzz_money fuzz_catalog
cd "$build" && ctest --output-on-failure
