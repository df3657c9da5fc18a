#!/usr/bin/env bash
# Two builds of the same workloads side by side (e.g. before and after a refactor), in CPU time
# (user + system) rather than wall time, so that a busy machine does not decide the comparison:
# P1 (import and settle a month), P2a/P2b/P2c (bill, a year of cost by day × API, first page of
# transactions), P3 (a year of catch-up), each run alternately with build A and build B.
#
#   scripts/bench-compare.sh BUILD_A BUILD_B [LINES] [RUNS]     defaults: 2000000 lines, 3 runs
#
# Prints a Markdown table: median CPU seconds and peak memory of each build, and A ÷ B.
set -euo pipefail
a="$1" b="$2" lines="${3:-2000000}" runs="${4:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/billing-compare.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
GEN="$a/tests/bench/bench_gencalls"
# shellcheck source=bench-account.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-account.sh"
cpu() { # PREPARE COMMAND... → "user+sys seconds  peak kB" of COMMAND
    eval "$1"
    shift
    /usr/bin/time -f '%U %S %M' -o "$work/t" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    awk '{printf "%.3f %d\n", $1 + $2, $3}' "$work/t"
}
# A query is run ten times in one measured command: one run is below the clock's 10 ms resolution.
TEN=(bash -c 'for _ in 1 2 3 4 5 6 7 8 9 10; do "$@" >/dev/null || exit 1; done' ten)
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
row() { # ID WORKLOAD PREPARE_A CMD_A... -- PREPARE_B CMD_B...
    local id="$1" what="$2"
    shift 2
    local -a ca=() cb=()
    local pa="$1"
    shift
    while [[ "$1" != -- ]]; do ca+=("$1"); shift; done
    shift
    local pb="$1"
    shift
    cb=("$@")
    : >"$work/a" && : >"$work/b"
    for ((i = 0; i < runs; i++)); do
        cpu "$pa" "${ca[@]}" >>"$work/a"
        cpu "$pb" "${cb[@]}" >>"$work/b"
    done
    local ta tb ma mb
    ta=$(cut -d' ' -f1 "$work/a" | median) tb=$(cut -d' ' -f1 "$work/b" | median)
    ma=$(cut -d' ' -f2 "$work/a" | median) mb=$(cut -d' ' -f2 "$work/b" | median)
    echo "| $id | $what | $ta s, $((ma / 1024)) MB | $tb s, $((mb / 1024)) MB | $(awk -v x="$ta" -v y="$tb" 'BEGIN {printf "%.2f", (y > 0 ? x / y : 0)}') |"
}

echo "| id | workload | A: CPU (median of $runs), peak RSS | B: CPU, peak RSS | A ÷ B |"
echo "|---|---|---|---|---|"
"$GEN" --lines "$lines" --month 2026-10 --out "$work/month.csv"
for s in a b; do
    eval "B_$s=\"\$$s/app/billingctl/billingctl\""
done
bench_account "$B_a" "$work/base_a.db" 2026-09-30T08:00:00+08:00 10000000
bench_account "$B_b" "$work/base_b.db" 2026-09-30T08:00:00+08:00 10000000
now=2026-11-01T00:30:00+08:00
row P1 "import + settle $lines lines" \
    "cp $work/base_a.db $work/ra.db; rm -f $work/ra.db-wal $work/ra.db-shm" "$B_a" --db "$work/ra.db" --now "$now" import-calls "$work/month.csv" -- \
    "cp $work/base_b.db $work/rb.db; rm -f $work/rb.db-wal $work/rb.db-shm" "$B_b" --db "$work/rb.db" --now "$now" import-calls "$work/month.csv"
cmp <("$B_a" --db "$work/ra.db" --now "$now" --json bill 2026-10) <("$B_b" --db "$work/rb.db" --now "$now" --json bill 2026-10) ||
    { echo "the two builds bill the month differently" >&2; exit 1; }

# A year at the same volume, built once by build A (both read the same file).
year="$work/year.db"
bench_account "$B_a" "$year" 2025-10-31T08:00:00+08:00 10000000
for ((i = 0; i < 12; i++)); do
    month="$(date -d "2025-11-01 +$i month" +%Y-%m)"
    next="$(date -d "2025-11-01 +$((i + 1)) month" +%Y-%m-%d)"
    "$GEN" --lines "$lines" --month "$month" --seed "$((i + 10))" --out "$work/m.csv"
    "$B_a" --db "$year" --now "${next}T00:30:00+08:00" import-calls "$work/m.csv" >/dev/null
done
rm -f "$work/m.csv" "$work/month.csv"
ynow=2026-11-01T00:30:00+08:00
row P2a "monthly bill 2026-10, ×10" : "${TEN[@]}" "$B_a" --db "$year" --now "$ynow" --json bill 2026-10 -- : "${TEN[@]}" "$B_b" --db "$year" --now "$ynow" --json bill 2026-10
row P2b "cost by day × API, 12 months, ×10" : "${TEN[@]}" "$B_a" --db "$year" --now "$ynow" --json cost --from 2025-11-01T00:00:00+08:00 --to 2026-11-01T00:00:00+08:00 --granularity day --group-by api -- \
    : "${TEN[@]}" "$B_b" --db "$year" --now "$ynow" --json cost --from 2025-11-01T00:00:00+08:00 --to 2026-11-01T00:00:00+08:00 --granularity day --group-by api
row P2c "first page (50) of transactions, ×10" : "${TEN[@]}" "$B_a" --db "$year" --now "$ynow" --json transactions --limit 50 -- : "${TEN[@]}" "$B_b" --db "$year" --now "$ynow" --json transactions --limit 50

# P3: a year of hourly catch-up with a renewal and the arrears stages, as in scripts/bench.sh.
: >"$work/yearcalls.csv"
for ((i = 0; i < 12; i++)); do
    "$GEN" --lines 10000 --month "$(date -d "2025-11-01 +$i month" +%Y-%m)" --seed "$((i + 30))" --out "$work/m.csv"
    if ((i == 0)); then cat "$work/m.csv"; else tail -n +2 "$work/m.csv"; fi >>"$work/yearcalls.csv"
done
for s in a b; do
    eval "bin=\$B_$s"
    bench_account "$bin" "$work/p3$s.db" 2025-10-31T08:00:00+08:00 50
    "$bin" --db "$work/p3$s.db" --now 2025-10-31T08:00:00+08:00 topup 200 >/dev/null
    "$bin" --db "$work/p3$s.db" --now 2025-10-31T08:00:00+08:00 buy general-text cn-north-4 100k --auto-renew >/dev/null
done
row P3 "a year of hours settled (120,000 calls)" \
    "cp $work/p3a.db $work/pa.db; rm -f $work/pa.db-wal $work/pa.db-shm" "$B_a" --db "$work/pa.db" --now "$ynow" import-calls "$work/yearcalls.csv" -- \
    "cp $work/p3b.db $work/pb.db; rm -f $work/pb.db-wal $work/pb.db-shm" "$B_b" --db "$work/pb.db" --now "$ynow" import-calls "$work/yearcalls.csv"
