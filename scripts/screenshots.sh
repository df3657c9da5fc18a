#!/usr/bin/env bash
# Builds what the screenshots need, makes a throw-away demo account with a year of history
# (`billingctl demo --months 12`, the same history the console's first start builds) and saves a
# screenshot of every console page and of the user guide's dialogs into docs/screenshots/NN-<name>.png,
# headless through xvfb-run (billing-console --screenshots, ui/shell/screenshotrunner.cpp).
# Usage: scripts/screenshots.sh [OUT_DIR [CONSOLE_OPTIONS...]]   BUILD_DIR=... builds into another folder.
# CONSOLE_OPTIONS go to billing-console, e.g. `--language zh_CN` or `--dark`; QT_SCALE_FACTOR=2 in the
# environment shoots at twice the resolution (high DPI).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$here/build}"
out="${1:-$here/docs/screenshots}"
shift || true
if [[ -f "$build/build.ninja" ]]; then
    cmake --build "$build" --target billing-console billingctl # only what the screenshots need
else
    "$here/scripts/setup.sh" "$build" # installs what is missing, configures and builds everything
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
now="2026-11-27T10:00:00+08:00"
"$build/app/billingctl/billingctl" --db "$tmp/demo.sqlite" --now "$now" demo --months 12 >/dev/null
# Two spend guards for the Services page's guard list (set now: first checked at the next hour end).
"$build/app/billingctl/billingctl" --db "$tmp/demo.sqlite" --now "$now" \
    guard set "Text cap" --api general-text --month-cost 5000 >/dev/null
"$build/app/billingctl/billingctl" --db "$tmp/demo.sqlite" --now "$now" \
    guard set "Keep 100" --api all --balance-floor 100 >/dev/null
mkdir -p "$out"
rm -f "$out"/[0-9][0-9]-*.png
LANG=en_US.UTF-8 xvfb-run -a -s "-screen 0 1400x900x24" \
    "$build/app/billing-console" --db "$tmp/demo.sqlite" --now "$now" --screenshots "$out" "$@"
