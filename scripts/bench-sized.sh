# shellcheck shell=bash
# Sourced by scripts/bench.sh: the workloads that docs/performance.md also runs at 10× the default sizes
# (P1 with its parse-only figure and the floor, P1m, P1pg, the year-long database, P2, P2y, P7), as one
# function run once per size. It appends rows to $table and, for the growth table of --scale, one line per
# workload to $work/figs-TAG.tsv: id, workload, baseline median ms, baseline CPU ms, ours median ms,
# ours CPU ms, ours peak RSS MB.
#
# Uses from bench.sh: B GEN READCALLS QUERY GENBILLS here work pgstate table runs months new_account.

# hyperfine over two commands (baseline first); appends a table row: median, min, max of each, the mean
# CPU time (user + system) of each, ours' peak memory, and the ratio. Ours runs under /usr/bin/time for
# its peak resident set size when $rss is 1 (the wrapper costs about a millisecond a run).
compare() { # ID WORKLOAD BASELINE_NAME BASELINE_PREPARE BASELINE_CMD OURS_NAME OURS_PREPARE OURS_CMD
    local json="$work/$1.json" ours="$8" rssfile="$work/$1.rss"
    : >"$rssfile"
    ((${rss:-0})) && ours="/usr/bin/time -a -o $rssfile -f %M $8"
    hyperfine --style none --runs "$runs" --export-json "$json" \
        --prepare "$4" -n "$3" "$5" --prepare "$7" -n "$6" "$ours" >/dev/null
    local peak
    peak="$(sort -n "$rssfile" | tail -n 1)"
    jq -r --arg id "$1" --arg w "$2" --arg peak "${peak:-}" '
        def ms: . * 1000 | . * 10 | round / 10;
        def cpu: (.user + .system) * 1000 | round;
        .results as $r
        | "| \($id) | \($w) | \($r[0].command): \($r[0].median | ms) ms (\($r[0].min | ms)–\($r[0].max | ms)), CPU \($r[0] | cpu) ms "
          + "| \($r[1].command): \($r[1].median | ms) ms (\($r[1].min | ms)–\($r[1].max | ms)), CPU \($r[1] | cpu) ms"
          + (if $peak == "" then "" else ", peak \($peak | tonumber / 1024 | round) MB" end)
          + " | \(($r[0].median / $r[1].median) * 100 | round / 100) × |"' "$json" >>"$table"
    [[ -n "${figs:-}" ]] && jq -r --arg id "$1" --arg w "$2" --arg peak "${peak:-}" '
        .results as $r | [$id, $w, ($r[0].median * 1000 | round), (($r[0].user + $r[0].system) * 1000 | round),
        ($r[1].median * 1000 | round), (($r[1].user + $r[1].system) * 1000 | round),
        (if $peak == "" then "" else ($peak | tonumber / 1024 | round) end)] | @tsv' "$json" >>"$figs"
    return 0
}

peak_kb() { # COMMAND... → peak resident set size in kB
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}

sized_workloads() { # LINES BIG_LINES YEAR_FACTOR TAG: a month of LINES; P1m also at BIG_LINES (0: not);
    # the year-long database at YEAR_FACTOR × the default volume ($BENCH_YEAR: "lines" writes that many times
    # the lines, "count" the same lines with that many calls each)
    local lines="$1" big="$2" yf="$3" tag="$4"
    figs="$work/figs-$tag.tsv"
    : >"$figs"
    echo "| load | $tag: load average $(cut -d' ' -f1-3 /proc/loadavg) at the start | | | |" >>"$table"

    # P1: import and settle a month, against sqlite3 loading the same file (rating nothing).
    "$GEN" --lines "$lines" --month 2026-10 --out "$work/month.csv"
    rm -f "$work/base.db"*
    new_account "$work/base.db" 2026-09-30T08:00:00+08:00 10000000
    local p1now=2026-11-01T00:30:00+08:00 mb
    mb="$(du -m "$work/month.csv" | cut -f1)"
    compare P1 "import + settle $lines lines ($mb MB)" \
        sqlite3-import "rm -f $work/bl.db" "sqlite3 $work/bl.db '.import --csv $work/month.csv calls'" \
        billingctl-import "cp $work/base.db $work/run.db; rm -f $work/run.db-wal $work/run.db-shm" \
        "$B --db $work/run.db --now $p1now import-calls $work/month.csv"
    "$B" --db "$work/run.db" --now "$p1now" verify >/dev/null
    "$B" --db "$work/run.db" --now "$p1now" --json bill 2026-10 >"$work/bill-$tag.json"

    # P1p: P1's parsing alone (bench_readcalls: the reader, nothing rated or stored) against the physical
    # floor, reading the file (wc -l); the row also says how far the whole import is from that floor.
    compare P1p "parse only, $lines lines ($mb MB), against reading the file" \
        wc-l true "wc -l $work/month.csv" bench-readcalls true "$READCALLS $work/month.csv"
    local p1ms floorms parsems
    p1ms="$(jq '.results[1].median' "$work/P1.json")"
    floorms="$(jq '.results[0].median' "$work/P1p.json")"
    parsems="$(jq '.results[1].median' "$work/P1p.json")"
    xfloor() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.1f ×", a / b; else printf "— (below the clock)"}'; }
    echo "| P1 ÷ floor | import + settle, and parsing alone, against reading the file (wc -l) | — | import $(xfloor "$p1ms" "$floorms") the floor; parse $(xfloor "$parsems" "$floorms") the floor; parse = $(awk -v a="$parsems" -v b="$p1ms" 'BEGIN {printf "%.0f", 100 * a / b}') % of the import | — |" >>"$table"

    # P1m: peak memory (streaming: it must not grow with the file).
    local m2 m10
    if ((${rss:-0})); then
        m2="$(sort -n "$work/P1.rss" | tail -n 1)" # P1's own runs, measured under /usr/bin/time
    else
        cp "$work/base.db" "$work/run.db"
        rm -f "$work/run.db-wal" "$work/run.db-shm"
        m2="$(peak_kb "$B" --db "$work/run.db" --now "$p1now" import-calls "$work/month.csv")"
    fi
    if ((big > 0)); then
        "$GEN" --lines "$big" --month 2026-10 --seed 2 --out "$work/big.csv"
        cp "$work/base.db" "$work/run.db"
        rm -f "$work/run.db-wal" "$work/run.db-shm"
        m10="$(peak_kb "$B" --db "$work/run.db" --now "$p1now" import-calls "$work/big.csv")"
        "$B" --db "$work/run.db" --now "$p1now" verify >/dev/null
        rm -f "$work/big.csv"
        echo "| P1m | peak memory of P1 | — | $lines lines: $((m2 / 1024)) MB; $big lines: $((m10 / 1024)) MB | goal ≤ 256 MB |" >>"$table"
    else
        echo "| P1m | peak memory of P1 | — | $lines lines: $((m2 / 1024)) MB | goal ≤ 256 MB |" >>"$table"
    fi
    printf 'P1m\tpeak memory of P1\t\t\t\t\t%s\n' "$((m2 / 1024))" >>"$figs"

    sized_pg "$lines" "$p1now"
    rm -f "$work/month.csv"

    sized_year "$lines" "$yf"
}

# P1pg: the same import into a fresh account on a private PostgreSQL server (scripts/pg-server.sh), against
# psql's \copy of the same file into a plain table. The machine is shared: the two alternate run by run,
# and beside the wall time each reports its CPU time, the client's plus the server's (the server backend's
# time reaches the postmaster's children's time when it exits), and the client's peak memory.
# BILLING_BENCH_PG=0 (ctest in a build without the PostgreSQL tests, e.g. the sanitizer build) skips it.
sized_pg() { # LINES P1NOW
    local lines="$1" p1now="$2"
    if [[ "${BILLING_BENCH_PG:-1}" != 1 ]]; then
        echo "| P1pg | import into PostgreSQL | skipped (BILLING_BENCH_PG=0) | — | — |" >>"$table"
        return 0
    fi
    pgurl="$("$here/scripts/pg-server.sh" start "$pgstate" | tail -n 1)"
    pmpid="$(head -n 1 "$(cat "$pgstate/datadir")/cluster/postmaster.pid")"
    pgq() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 "$pgurl" "$@"; }
    server_ticks() { awk '{print $16 + $17}' "/proc/$pmpid/stat"; }
    backends() { pgrep -c -P "$pmpid" || true; }
    timed_pg() { # OUT_FILE COMMAND... → appends "wall_ms cpu_ms peak_kb" (CPU: client + server backend)
        local out="$1" before ticks0 ticks1 tries=0
        shift
        before="$(backends)"
        ticks0="$(server_ticks)"
        /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null
        while (($(backends) > before && tries < 100)); do sleep 0.05; tries=$((tries + 1)); done
        ticks1="$(server_ticks)"
        awk -v s=$((ticks1 - ticks0)) -v hz="$(getconf CLK_TCK)" \
            '{printf "%.0f %.0f %d\n", $1 * 1000, ($2 + $3) * 1000 + s * 1000 / hz, $4}' "$work/time.txt" >>"$out"
    }
    : >"$work/pgcopy.txt"
    : >"$work/pgimport.txt"
    for ((i = 0; i < runs; i++)); do
        pgq -c "DROP TABLE IF EXISTS calls" \
            -c "CREATE TABLE calls (timestamp text, api text, region text, status text, enterprise_project text, request_id text, count text)"
        timed_pg "$work/pgcopy.txt" env PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 "$pgurl" -c "\\copy calls FROM '$work/month.csv' CSV HEADER"
        pgq -c "DROP TABLE calls" -c "DROP SCHEMA IF EXISTS p1pg CASCADE" -c "CREATE SCHEMA p1pg"
        new_account "$pgurl?schema=p1pg" 2026-09-30T08:00:00+08:00 10000000
        timed_pg "$work/pgimport.txt" "$B" --db "$pgurl?schema=p1pg" --now "$p1now" import-calls "$work/month.csv"
    done
    "$B" --db "$pgurl?schema=p1pg" --now "$p1now" verify >/dev/null
    # The same bill as the SQLite import of the same file (P1): the storage changes nothing billed.
    "$B" --db "$pgurl?schema=p1pg" --now "$p1now" --json bill 2026-10 >"$work/bill-pg.json"
    cmp -s "$work/bill-pg.json" "$work/bill-$tag.json" || { echo "bench: P1pg bills differently from P1" >&2; exit 1; }
    pg_stats() { # FILE COLUMN → "median (min–max)" of that column
        sort -n -k "$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {printf "%d ms (%d–%d)", v[int((NR + 1) / 2)], v[1], v[NR]}'
    }
    pg_median() { sort -n -k "$2" "$1" | awk -v c="$2" '{v[NR] = $c} END {print v[int((NR + 1) / 2)]}'; }
    local peak
    peak="$(sort -n -k 3 "$work/pgimport.txt" | tail -n 1 | awk '{print int($3 / 1024)}')"
    echo "| P1pg | import + settle $lines lines into PostgreSQL (alternating runs) | psql-copy: $(pg_stats "$work/pgcopy.txt" 1); CPU $(pg_stats "$work/pgcopy.txt" 2) | billingctl-import: $(pg_stats "$work/pgimport.txt" 1); CPU $(pg_stats "$work/pgimport.txt" 2), client peak $peak MB | $(awk -v a="$(pg_median "$work/pgcopy.txt" 1)" -v b="$(pg_median "$work/pgimport.txt" 1)" -v c="$(pg_median "$work/pgcopy.txt" 2)" -v d="$(pg_median "$work/pgimport.txt" 2)" 'BEGIN {printf "%.2f × (CPU %.2f ×)", a / b, c / d}') |" >>"$table"
    printf 'P1pg\timport + settle into PostgreSQL\t%s\t%s\t%s\t%s\t%s\n' "$(pg_median "$work/pgcopy.txt" 1)" \
        "$(pg_median "$work/pgcopy.txt" 2)" "$(pg_median "$work/pgimport.txt" 1)" "$(pg_median "$work/pgimport.txt" 2)" \
        "$peak" >>"$figs"
    "$here/scripts/pg-server.sh" stop "$pgstate" >/dev/null
}

# A year-long account (12 months of LINES a month; YEAR_FACTOR times the calls), for P2, P2y, P7 and P4.
# Its records are hourly sums per API, region, project and mode: a month has about 87,000 of them at 2 M
# lines and hardly more at 20 M (every hour already holds every combination), so the database grows with
# the calls in its sums, not in its rows. BENCH_YEAR=count (the default of --scale) writes the default
# lines with YEAR_FACTOR calls each, which gives the same rows and sums as YEAR_FACTOR times the lines in
# a tenth of the import time; BENCH_YEAR=lines writes the lines themselves.
sized_year() { # LINES YEAR_FACTOR
    local lines="$1" yf="$2" ylines ycount i month next
    if [[ "${BENCH_YEAR:-count}" == lines ]]; then
        ylines="$lines" ycount=1
    else
        ylines=$((lines / yf)) ycount="$yf"
    fi
    year="$work/year.db"
    rm -f "$year" "$year-wal" "$year-shm"
    new_account "$year" 2025-10-31T08:00:00+08:00 10000000 # a year costs about 44,000 at 1×
    local t0 t1
    t0="$(date +%s)"
    for ((i = 0; i < months; i++)); do
        month="$(date -d "2025-11-01 +$i month" +%Y-%m)"
        next="$(date -d "2025-11-01 +$((i + 1)) month" +%Y-%m-%d)"
        "$GEN" --lines "$ylines" --count "$ycount" --month "$month" --seed "$((i + 10))" --out "$work/m.csv"
        "$B" --db "$year" --now "${next}T00:30:00+08:00" import-calls "$work/m.csv" >/dev/null
    done
    t1="$(date +%s)"
    rm -f "$work/m.csv"
    ynow="$(date -d "2025-11-01 +$months month" +%Y-%m-%d)T00:30:00+08:00"
    local last from to fromus tous yrows ycalls
    last="$(date -d "2025-11-01 +$((months - 1)) month" +%Y-%m)"
    from=2025-11-01T00:00:00+08:00
    to="$(date -d "2025-11-01 +$months month" +%Y-%m-%d)T00:00:00+08:00"
    fromus="$(($(date -d 2025-11-01T00:00:00+08:00 +%s) * 1000000))"
    tous="$(($(date -d "$to" +%s) * 1000000))"
    yrows="$(sqlite3 "$year" 'SELECT count(*) FROM record')"
    ycalls="$(sqlite3 "$year" "SELECT sum(calls) FROM record WHERE type = 'usage'")"
    echo "| year | $months months × $ylines lines × $ycount calls a line: $ycalls calls in $yrows records, $(du -m "$year" | cut -f1) MB; built in $((t1 - t0)) s | — | — | — |" >>"$table"
    printf 'year\trecords of the year-long database\t\t\t%s\t\t%s\n' "$yrows" "$(du -m "$year" | cut -f1)" >>"$figs"

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
    # the cash and the amortized view. Goal: ≤ 0.1× the SQL's time (ratio ≥ 10).
    "$QUERY" --db "$year" --now "$ynow" --month "$last" --from "$from" --to "$to" --runs "$runs" --p2y >>"$table"

    # P7: reconcile a year of the provider's files (its transaction bill, English CSV, provider-bills.md §1)
    # written from the year-long account's own records, one window of transactions at a time (tests/bench/
    # genbills.cpp), against sqlite3 loading the same files into one table (matching nothing).
    local bills="$work/bills" yname wfrom wto f p7rows
    rm -rf "$bills"
    mkdir -p "$bills"
    yname="$(sqlite3 "$year" 'SELECT name FROM account')"
    for ((i = 0; i < months; i++)); do
        wfrom="$(date -d "2025-11-01 +$i month" +%Y-%m-%d)T00:00:00+08:00"
        wto="$(date -d "2025-11-01 +$((i + 1)) month" +%Y-%m-%d)T00:00:00+08:00"
        ((i == months - 1)) && wto="$ynow" # the last hour's records are dated at its end
        "$B" --db "$year" --now "$ynow" --json transactions --from "$wfrom" --to "$wto" |
            "$GENBILLS" --account "$yname" --transactions - --out-dir "$bills" --tag "$i" >/dev/null
    done
    local billfiles=("$bills"/*.csv)
    local p7import=(".import --csv ${billfiles[0]} bills")
    for f in "${billfiles[@]:1}"; do p7import+=(".import --csv --skip 1 $f bills"); done
    printf '%s\n' "${p7import[@]}" >"$work/p7import.sql"
    "$B" --db "$year" --now "$ynow" --json reconcile "${billfiles[@]}" >"$work/p7.json"
    p7rows="$(jq '[.files[].rows] | add' "$work/p7.json")"
    compare P7 "reconcile $months months of provider files ($p7rows rows, $(du -cm "${billfiles[@]}" | tail -n 1 | cut -f1) MB)" \
        sqlite3-import "rm -f $work/bills.db" "sqlite3 $work/bills.db < $work/p7import.sql" \
        billingctl-reconcile true "$B --db $year --now $ynow --json reconcile ${billfiles[*]}"
    rm -rf "$bills"
    echo "| load | $tag: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end | | | |" >>"$table"
}
