#!/usr/bin/env bash
# The performance workloads of docs/performance.md (P1–P5, P1pg, P2y, P7), each against its baseline in the
# same run. Prints a Markdown table of medians, min, max, CPU times and ratios (and writes it to $BENCH_OUT
# if set).
#
#   scripts/bench.sh              full sizes: 2 M and 10 M lines, a year at 2 M lines a month, 5 runs each
#   scripts/bench.sh --smoke      tiny sizes and 2 runs, so that the benchmark code cannot rot (ctest runs it)
#   scripts/bench.sh --scale N    only the workloads that grow with the data (P1, its parse-only figure, P1m,
#                                 P1pg, P2, P2y, P7; scripts/bench-sized.sh) at the default size and at N×
#                                 (a 2 M- and a 2N M-line month, a year of N× the calls), then a table of
#                                 how each figure grew; BENCH_SCALE_RUNS sets the runs at N× (default: 3)
#   (--smoke --scale N: the same at tiny sizes; BENCH_YEAR=lines|count: see sized_year)
#
# Needs the build of scripts/setup.sh (BILLING_BUILD overrides build/); installs hyperfine and jq if missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BILLING_BUILD:-$here/build}"

smoke=0 scale=0
while (($#)); do
    case "$1" in
    --smoke) smoke=1 ;;
    --scale)
        scale="${2:-}"
        [[ "$scale" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --scale needs a whole factor, e.g. --scale 10" >&2; exit 2; }
        shift
        ;;
    *) echo "usage: scripts/bench.sh [--smoke] [--scale N]" >&2; exit 2 ;;
    esac
    shift
done
if ((smoke)); then
    lines=20000 big=40000 months=2 runs=2 p3lines=2000 plotruns=3
else
    lines=2000000 big=10000000 months=12 runs=5 p3lines=10000 plotruns=25
fi

need=()
for tool in hyperfine jq sqlite3; do command -v "$tool" >/dev/null || need+=("$tool"); done
if ((${#need[@]})); then
    sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# BENCH_SETUP=0: measure the build as it is (no install, no rebuild).
((smoke)) || [[ "${BENCH_SETUP:-1}" == 0 ]] || "$here/scripts/setup.sh" "$build" >/dev/null

B="$build/app/billingctl/billingctl"
GEN="$build/tests/bench/bench_gencalls"
STARTUP="$build/tests/bench/bench_startup"
PLOT="$build/tests/bench/bench_plot"
QUERY="$build/tests/bench/bench_query"
GENBILLS="$build/tests/bench/bench_genbills"
READCALLS="$build/tests/bench/bench_readcalls"
for exe in "$B" "$GEN" "$STARTUP" "$PLOT" "$QUERY" "$GENBILLS" "$READCALLS"; do
    [[ -x "$exe" ]] || { echo "bench: $exe is not built (run scripts/setup.sh)" >&2; exit 1; }
done
work="$(mktemp -d "${TMPDIR:-/tmp}/billing-bench.XXXXXX")"
pgstate="$work/pg"
trap '"$here/scripts/pg-server.sh" stop "$pgstate" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export QT_QPA_PLATFORM=offscreen
table="$work/table.md"

# shellcheck source=bench-account.sh
source "$here/scripts/bench-account.sh"
new_account() { bench_account "$B" "$@"; } # DB CREATED_AT TOPUP

# shellcheck source=bench-sized.sh
source "$here/scripts/bench-sized.sh" # compare, peak_kb, sized_workloads

header() { # the table's first two lines
    echo "| id | workload | baseline: median (min–max), mean CPU | ours: median (min–max), mean CPU | baseline ÷ ours |"
    echo "|---|---|---|---|---|"
}

if ((scale)); then
    # The same workloads at two sizes, then how each figure grew from the one to the other.
    rss=1
    header >"$table"
    sized_workloads "$lines" 0 1 1x
    full="$table"
    table="$work/table-scaled.md"
    header >"$table"
    runs="${BENCH_SCALE_RUNS:-3}"
    sized_workloads $((lines * scale)) 0 "$scale" "${scale}x"
    growth="$work/growth.md"
    {
        echo "| id | workload | 1×: ours (baseline) | ${scale}×: ours (baseline) | ours grew (wall) | baseline grew (wall) | ours grew (CPU) | baseline grew (CPU) |"
        echo "|---|---|---|---|---|---|---|---|"
        join -t $'\t' <(sort -t $'\t' -k 1,1 "$work/figs-1x.tsv") <(sort -t $'\t' -k 1,1 "$work/figs-${scale}x.tsv") | awk -F'\t' '
            function r(a, b) { return (a == "" || b == "" || a == 0) ? "—" : sprintf("%.2f ×", b / a) }
            function fig(m, c, p, bm) {
                s = m == "" ? "" : m " ms, CPU " c " ms"
                if ($1 == "year") return m " records, " p " MB"
                if (p != "") s = s (s == "" ? "" : ", ") "peak " p " MB"
                if (bm != "") s = s " (" bm " ms)"
                return s
            }
            { printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, fig($5, $6, $7, $3), fig($11, $12, $13, $9),
                  ($1 == "P1m" ? r($7, $13) : r($5, $11)), r($3, $9), r($6, $12), r($4, $10) }'
    } >"$growth"
    {
        echo "### default size"
        cat "$full"
        echo
        echo "### ${scale}× the default size"
        cat "$table"
        echo
        echo "### growth from 1× to ${scale}×"
        cat "$growth"
    } >"$work/all.md"
    cat "$work/all.md"
    [[ -n "${BENCH_OUT:-}" ]] && cp "$work/all.md" "$BENCH_OUT"
    exit 0
fi

header >"$table"
sized_workloads "$lines" "$big" 1 1x

# P3: a year of catch-up — every hour of a year settled, with an automatic renewal and the arrears
# stages (grace, frozen, released) — in one command, against nothing (goal: within 2 s).
: >"$work/yearcalls.csv"
for ((i = 0; i < 12; i++)); do
    "$GEN" --lines "$p3lines" --month "$(date -d "2025-11-01 +$i month" +%Y-%m)" --seed "$((i + 30))" --out "$work/m.csv"
    if ((i == 0)); then cat "$work/m.csv"; else tail -n +2 "$work/m.csv"; fi >>"$work/yearcalls.csv"
done
p3="$work/p3.db"
new_account "$p3" 2025-10-31T08:00:00+08:00 50
"$B" --db "$p3" --now 2025-10-31T08:00:00+08:00 topup 200 >/dev/null
"$B" --db "$p3" --now 2025-10-31T08:00:00+08:00 buy general-text cn-north-4 100k --auto-renew >/dev/null
p3now=2026-11-01T00:30:00+08:00
hyperfine --style none --runs "$runs" --export-json "$work/P3.json" \
    --prepare "cp $p3 $work/p3run.db; rm -f $work/p3run.db-wal $work/p3run.db-shm" -n catch-up-year \
    "$B --db $work/p3run.db --now $p3now import-calls $work/yearcalls.csv" >/dev/null
"$B" --db "$work/p3run.db" --now "$p3now" verify >/dev/null
jq -r --arg lines "$((p3lines * 12))" '.results[0] as $r | def ms: . * 1000 | . * 10 | round / 10;
    "| P3 | a year of hours settled (\($lines) calls, renewal, grace → frozen → released) | — | \($r.median | ms) ms (\($r.min | ms)–\($r.max | ms)) | goal ≤ 2000 ms |"' \
    "$work/P3.json" >>"$table"

# P4: cold start to the first painted overview, against a bare Qt Widgets window.
compare P4 "console start to the first painted overview" \
    bare-qt-window true "$STARTUP --bare" \
    console true "$STARTUP --db $year --now $ynow"
# P4b: the same start until the overview's spending figures (summed in a worker thread) are painted.
compare P4b "console start until the overview's figures are painted" \
    bare-qt-window true "$STARTUP --bare" \
    console-until-loaded true "$STARTUP --db $year --now $ynow --until-loaded"

# P5: in-process redraw of a year of hourly cost in 10 series.
p5="$("$PLOT" "$plotruns")"
echo "| P5 | redraw, 10 series × 8,760 hours | — | $(sed -E 's/.*median ([0-9.]+) ms, min ([0-9.]+) ms, max ([0-9.]+) ms.*/\1 ms (\2–\3)/' <<<"$p5") | goal ≤ 16 ms |" >>"$table"

cat "$table"
[[ -n "${BENCH_OUT:-}" ]] && cp "$table" "$BENCH_OUT"
exit 0
