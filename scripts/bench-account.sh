# Sourced by scripts/bench.sh and scripts/bench-compare.sh: the benchmarked services and a fresh account
# with every one of them enabled and money enough for the run.
apis=(general-text general-table web-image handwriting id-card passport bank-card license-plate vat-invoice train-ticket)
regions=(cn-north-4 cn-east-3 ap-southeast-1)

bench_account() { # BILLINGCTL DB CREATED_AT TOPUP
    "$1" --db "$2" --now "$3" init >/dev/null
    local a r
    for a in "${apis[@]}"; do
        for r in "${regions[@]}"; do "$1" --db "$2" --now "$3" enable "$a" "$r" >/dev/null; done
    done
    "$1" --db "$2" --now "$3" topup "$4" >/dev/null
}
