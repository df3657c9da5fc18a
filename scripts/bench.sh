#!/usr/bin/env bash
# The performance workloads of docs/performance.md (P1–P5, P1pg, P2y, P7), each against its baseline in the same run.
# Prints a Markdown table of medians, min, max and ratios (and writes it to $BENCH_OUT if set).
#
#   scripts/bench.sh            full sizes: 2 M and 10 M lines, a year at 2 M lines a month, 5 runs each
#   scripts/bench.sh --smoke    tiny sizes and 2 runs, so that the benchmark code cannot rot (ctest runs it)
#
# Needs the build of scripts/setup.sh (BILLING_BUILD overrides build/); installs hyperfine and jq if missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BILLING_BUILD:-$here/build}"

smoke=0
[[ "${1:-}" == "--smoke" ]] && smoke=1
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
((smoke)) || "$here/scripts/setup.sh" "$build" >/dev/null

B="$build/app/billingctl/billingctl"
GEN="$build/tests/bench/bench_gencalls"
STARTUP="$build/tests/bench/bench_startup"
PLOT="$build/tests/bench/bench_plot"
QUERY="$build/tests/bench/bench_query"
GENBILLS="$build/tests/bench/bench_genbills"
for exe in "$B" "$GEN" "$STARTUP" "$PLOT" "$QUERY" "$GENBILLS"; do
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

# hyperfine over two commands (baseline first); appends a table row: median, min, max of each, ratio.
compare() { # ID WORKLOAD BASELINE_NAME BASELINE_PREPARE BASELINE_CMD OURS_NAME OURS_PREPARE OURS_CMD
    local json="$work/$1.json"
    hyperfine --style none --runs "$runs" --export-json "$json" \
        --prepare "$4" -n "$3" "$5" --prepare "$7" -n "$6" "$8" >/dev/null
    jq -r --arg id "$1" --arg w "$2" '
        def ms: . * 1000 | . * 10 | round / 10;
        .results as $r
        | "| \($id) | \($w) | \($r[0].command): \($r[0].median | ms) ms (\($r[0].min | ms)–\($r[0].max | ms)) "
          + "| \($r[1].command): \($r[1].median | ms) ms (\($r[1].min | ms)–\($r[1].max | ms)) "
          + "| \(($r[0].median / $r[1].median) * 100 | round / 100) × |"' "$json" >>"$table"
}

peak_kb() { # COMMAND... → peak resident set size in kB
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}

echo "| id | workload | baseline: median (min–max) | ours: median (min–max) | baseline ÷ ours |" >"$table"
echo "|---|---|---|---|---|" >>"$table"

# P1: import and settle a month, against sqlite3 loading the same file (rating nothing).
"$GEN" --lines "$lines" --month 2026-10 --out "$work/month.csv"
new_account "$work/base.db" 2026-09-30T08:00:00+08:00 10000000
p1now=2026-11-01T00:30:00+08:00
compare P1 "import + settle $lines lines ($(du -m "$work/month.csv" | cut -f1) MB)" \
    sqlite3-import "rm -f $work/bl.db" "sqlite3 $work/bl.db '.import --csv $work/month.csv calls'" \
    billingctl-import "cp $work/base.db $work/run.db; rm -f $work/run.db-wal $work/run.db-shm" \
    "$B --db $work/run.db --now $p1now import-calls $work/month.csv"
"$B" --db "$work/run.db" --now "$p1now" verify >/dev/null

# P1m: peak memory at both sizes (streaming: it must not grow with the file).
cp "$work/base.db" "$work/run.db"
rm -f "$work/run.db-wal" "$work/run.db-shm"
m2="$(peak_kb "$B" --db "$work/run.db" --now "$p1now" import-calls "$work/month.csv")"
"$GEN" --lines "$big" --month 2026-10 --seed 2 --out "$work/big.csv"
cp "$work/base.db" "$work/run.db"
rm -f "$work/run.db-wal" "$work/run.db-shm"
m10="$(peak_kb "$B" --db "$work/run.db" --now "$p1now" import-calls "$work/big.csv")"
"$B" --db "$work/run.db" --now "$p1now" verify >/dev/null
rm -f "$work/big.csv"
echo "| P1m | peak memory of P1 | — | $lines lines: $((m2 / 1024)) MB; $big lines: $((m10 / 1024)) MB | goal ≤ 256 MB |" >>"$table"

# P1pg: the same import into a fresh account on a private PostgreSQL server (scripts/pg-server.sh), against
# psql's \copy of the same file into a plain table. The machine is shared: the two alternate run by run,
# and beside the wall time each reports its CPU time, the client's plus the server's (the server backend's
# time reaches the postmaster's children's time when it exits).
# BILLING_BENCH_PG=0 (ctest in a build without the PostgreSQL tests, e.g. the sanitizer build) skips it.
if [[ "${BILLING_BENCH_PG:-1}" == 1 ]]; then
    pgurl="$("$here/scripts/pg-server.sh" start "$pgstate" | tail -n 1)"
    pmpid="$(head -n 1 "$(cat "$pgstate/datadir")/cluster/postmaster.pid")"
    pgq() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$pgurl" "$@"; }
    server_ticks() { awk '{print $16 + $17}' "/proc/$pmpid/stat"; }
    backends() { pgrep -c -P "$pmpid" || true; }
    timed_pg() { # OUT_FILE COMMAND... → appends "wall_ms cpu_ms" (client + server backend)
        local out="$1" before ticks0 ticks1 tries=0
        shift
        before="$(backends)"
        ticks0="$(server_ticks)"
        /usr/bin/time -f "%e %U %S" -o "$work/time.txt" "$@" >/dev/null
        while (($(backends) > before && tries < 100)); do sleep 0.05; tries=$((tries + 1)); done
        ticks1="$(server_ticks)"
        awk -v s=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" \
            '{printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000 + s * 1000 / hz}' "$work/time.txt" >>"$out"
    }
    : >"$work/pgcopy.txt"
    : >"$work/pgimport.txt"
    for ((i = 0; i < runs; i++)); do
        pgq -c "DROP TABLE IF EXISTS calls" \
            -c "CREATE TABLE calls (timestamp text, api text, region text, status text, enterprise_project text, request_id text, count text)"
        timed_pg "$work/pgcopy.txt" env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$pgurl" -c "\\copy calls FROM '$work/month.csv' CSV HEADER"
        pgq -c "DROP SCHEMA IF EXISTS p1pg CASCADE" -c "CREATE SCHEMA p1pg"
        new_account "$pgurl?schema=p1pg" 2026-09-30T08:00:00+08:00 10000000
        timed_pg "$work/pgimport.txt" "$B" --db "$pgurl?schema=p1pg" --now "$p1now" import-calls "$work/month.csv"
    done
    "$B" --db "$pgurl?schema=p1pg" --now "$p1now" verify >/dev/null
    pg_stats() { # FILE COLUMN → "median (min–max)" of that column
        sort -n -k "$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {printf "%d ms (%d–%d)", v[int((NR + 1) / 2)], v[1], v[NR]}'
    }
    pg_median() { sort -n -k "$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
    echo "| P1pg | import + settle $lines lines into PostgreSQL (alternating runs) | psql-copy: $(pg_stats "$work/pgcopy.txt" 1); CPU $(pg_stats "$work/pgcopy.txt" 2) | billingctl-import: $(pg_stats "$work/pgimport.txt" 1); CPU $(pg_stats "$work/pgimport.txt" 2) | $(awk -v a="$(pg_median "$work/pgcopy.txt" 1)" -v b="$(pg_median "$work/pgimport.txt" 1)" -v c="$(pg_median "$work/pgcopy.txt" 2)" -v d="$(pg_median "$work/pgimport.txt" 2)" 'BEGIN {printf "%.2f × (CPU %.2f ×)", a / b, c / d}') |" >>"$table"
    "$here/scripts/pg-server.sh" stop "$pgstate" >/dev/null
else
    echo "| P1pg | import into PostgreSQL | skipped (BILLING_BENCH_PG=0) | — | — |" >>"$table"
fi

# A year-long account at the same volume, for P2 and P4.
year="$work/year.db"
new_account "$year" 2025-10-31T08:00:00+08:00 10000000
for ((i = 0; i < months; i++)); do
    month="$(date -d "2025-11-01 +$i month" +%Y-%m)"
    next="$(date -d "2025-11-01 +$((i + 1)) month" +%Y-%m-%d)"
    "$GEN" --lines "$lines" --month "$month" --seed "$((i + 10))" --out "$work/m.csv"
    "$B" --db "$year" --now "${next}T00:30:00+08:00" import-calls "$work/m.csv" >/dev/null
done
rm -f "$work/m.csv"
ynow="$(date -d "2025-11-01 +$months month" +%Y-%m-%d)T00:30:00+08:00"
last="$(date -d "2025-11-01 +$((months - 1)) month" +%Y-%m)"
from=2025-11-01T00:00:00+08:00
to="$(date -d "2025-11-01 +$months month" +%Y-%m-%d)T00:00:00+08:00"
fromus="$(($(date -d 2025-11-01T00:00:00+08:00 +%s) * 1000000))"
tous="$(($(date -d "$to" +%s) * 1000000))"

# P2: the same answers through billingctl and through hand-written SQL in the sqlite3 CLI.
compare P2a "monthly bill $last" \
    sqlite3-sql true "sqlite3 $year \"SELECT api, region, mode, sum(calls), sum(fee), sum(charged), sum(rounded_off), sum(paid_coupon), sum(paid_cash), sum(arrears) FROM record WHERE bill_month = '$last' AND type IN ('usage','purchase','renewal','refund') GROUP BY api, region, mode ORDER BY 1, 2, 3\"" \
    billingctl-bill true "$B --db $year --now $ynow --json bill $last"
compare P2b "cost by day × API, $months months" \
    sqlite3-sql true "sqlite3 $year \"SELECT (expenditure_at + 28800000000) / 86400000000 AS day, api, sum(calls), sum(charged) FROM record WHERE type IN ('usage','purchase','renewal','refund') AND expenditure_at >= $fromus AND expenditure_at < $tous GROUP BY day, api ORDER BY day, api\"" \
    billingctl-cost true "$B --db $year --now $ynow --json cost --from $from --to $to --granularity day --group-by api"
compare P2c "first page (50) of transactions" \
    sqlite3-sql true "sqlite3 $year 'SELECT * FROM record ORDER BY at, id LIMIT 50'" \
    billingctl-transactions true "$B --db $year --now $ynow --json transactions --limit 50"
# The same three in one process, without the cost of starting one (see tests/bench/query.cpp).
"$QUERY" --db "$year" --now "$ynow" --month "$last" --from "$from" --to "$to" --runs "$runs" >>"$table"

# P2y (issue #17): the Analysis page's year queries answered from the cost rollups (storage/costrollup.h),
# in process, against hand-written SQL over the records table in the same run (tests/bench/query.cpp
# --p2y): cost by day × API over the year, by month × project × tag, by hour × API for one month, each in
# the cash and the amortized view. Goal: ≤ 0.1× the SQL's time (ratio ≥ 10). Kept in its own function.
bench_p2y() { # DB NOW MONTH FROM TO
    "$QUERY" --db "$1" --now "$2" --month "$3" --from "$4" --to "$5" --runs "$runs" --p2y >>"$table"
}
bench_p2y "$year" "$ynow" "$last" "$from" "$to"

# P7: reconcile a year of the provider's files (its transaction bill, English CSV, provider-bills.md §1)
# written from the year-long account's own records, one window of transactions at a time (tests/bench/
# genbills.cpp), against sqlite3 loading the same files into one table (matching nothing).
bills="$work/bills"
mkdir -p "$bills"
yname="$(sqlite3 "$year" 'SELECT name FROM account')"
for ((i = 0; i < months; i++)); do
    wfrom="$(date -d "2025-11-01 +$i month" +%Y-%m-%d)T00:00:00+08:00"
    wto="$(date -d "2025-11-01 +$((i + 1)) month" +%Y-%m-%d)T00:00:00+08:00"
    ((i == months - 1)) && wto="$ynow" # the last hour's records are dated at its end
    "$B" --db "$year" --now "$ynow" --json transactions --from "$wfrom" --to "$wto" |
        "$GENBILLS" --account "$yname" --transactions - --out-dir "$bills" --tag "$i" >/dev/null
done
billfiles=("$bills"/*.csv)
p7import=(".import --csv ${billfiles[0]} bills")
for f in "${billfiles[@]:1}"; do p7import+=(".import --csv --skip 1 $f bills"); done
printf '%s\n' "${p7import[@]}" >"$work/p7import.sql"
"$B" --db "$year" --now "$ynow" --json reconcile "${billfiles[@]}" >"$work/p7.json"
p7rows="$(jq '[.files[].rows] | add' "$work/p7.json")"
compare P7 "reconcile $months months of provider files ($p7rows rows, $(du -cm "${billfiles[@]}" | tail -n 1 | cut -f1) MB)" \
    sqlite3-import "rm -f $work/bills.db" "sqlite3 $work/bills.db < $work/p7import.sql" \
    billingctl-reconcile true "$B --db $year --now $ynow --json reconcile ${billfiles[*]}"
rm -rf "$bills"

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
