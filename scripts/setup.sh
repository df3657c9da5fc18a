#!/usr/bin/env bash
# Installs the Debian 12 packages the build needs (only the missing ones), configures with Ninja and
# ccache, and builds. Usage: scripts/setup.sh [BUILD_DIR] [extra cmake args...]
#   scripts/setup.sh --deps-only [more packages...]   only installs (other scripts add their tools)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
deps_only=0
extra=()
if [[ "${1:-}" == --deps-only ]]; then
    deps_only=1
    shift
    extra=("$@")
    set --
fi
build="${1:-$here/build}"
shift || true

packages=(
    build-essential cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools libqt6sql6-sqlite libqt6sql6-psql libpq-dev libqcustomplot-dev libgl-dev
    libxlsxwriter-dev libzip-dev libsqlite3-dev sqlite3 zlib1g-dev libzstd-dev libssl-dev zstd xvfb xauth poppler-utils unzip hyperfine jq libqt6svg6
    qt6-translations-l10n fonts-noto-cjk clang-format
    "${extra[@]}"
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
((deps_only)) && exit 0

if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER_LAUNCHER=ccache "$@"
fi
cmake --build "$build"
