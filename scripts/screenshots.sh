#!/usr/bin/env bash
# Builds, prepares a throw-away demo account through billingctl (a month of history: top-ups, services,
# a coupon, a package, daily call imports, arrears and their repayment), and saves a screenshot of every
# console page into docs/screenshots/NN-<page>.png, headless through xvfb-run.
# Usage: scripts/screenshots.sh [OUT_DIR]        BUILD_DIR=... builds into another folder than build/.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$here/build}"
out="${1:-$here/docs/screenshots}"
if [[ -f "$build/build.ninja" ]]; then
    cmake --build "$build" --target billing-console billingctl # only what the screenshots need
else
    "$here/scripts/setup.sh" "$build" # installs what is missing, configures and builds everything
fi

ctl="$build/app/billingctl/billingctl"
console="$build/app/billing-console"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
db="$tmp/demo.sqlite"
now="2026-11-27T10:00:00+08:00"
month="2026-11"
run() { "$ctl" --db "$db" --now "$@" >/dev/null; }

run "$month-02T09:00:00+08:00" init --name "Demo account"
run "$month-02T09:05:00+08:00" topup 160
if "$ctl" help 2>&1 | grep -q "import-calls"; then
    run "$month-02T09:06:00+08:00" enable general-text cn-north-4
    run "$month-02T09:06:00+08:00" enable id-card cn-east-3
    run "$month-02T09:06:00+08:00" enable vat-invoice ap-southeast-1
    run "$month-02T09:07:00+08:00" grant-coupon 5 --expires 2026-12-31T23:59:59+08:00
    run "$month-02T09:10:00+08:00" buy general-text cn-north-4 100k
    for day in $(seq -w 2 26); do
        cat >"$tmp/calls.csv" <<CSV
timestamp,api,region,status,count,enterprise_project
$month-${day}T10:15:00+08:00,general-text,cn-north-4,200,6000,web
$month-${day}T10:20:00+08:00,id-card,cn-east-3,200,800,kyc
$month-${day}T10:25:00+08:00,vat-invoice,ap-southeast-1,200,300,finance
$month-${day}T10:26:00+08:00,vat-invoice,ap-southeast-1,500,20,finance
CSV
        run "$month-${day}T10:30:00+08:00" import-calls "$tmp/calls.csv"
        if [[ $day == 20 ]]; then run "$month-20T12:00:00+08:00" topup 100; fi
    done
else
    # An older billingctl: money movements only.
    run "$month-15T14:20:00+08:00" topup 250.50
    run "$month-27T09:40:00+08:00" topup 12.50
fi

mkdir -p "$out"
rm -f "$out"/[0-9][0-9]-*.png
xvfb-run -a -s "-screen 0 1400x900x24" "$console" --db "$db" --now "$now" --screenshots "$out"
ls -1 "$out"/[0-9][0-9]-*.png
