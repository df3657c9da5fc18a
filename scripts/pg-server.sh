#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the tests (and for trying the shared-account mode).
#
#   scripts/pg-server.sh install          install Debian's postgresql package if it is missing
#   scripts/pg-server.sh start STATE_DIR  install if needed, create a fresh cluster in a temporary folder,
#                                         listen on 127.0.0.1 on a free port with password authentication,
#                                         create the login role "billing" (CREATEDB CREATEROLE, not a
#                                         superuser) and the database "billing_test"; writes the URL to
#                                         STATE_DIR/url and prints it
#   scripts/pg-server.sh stop STATE_DIR   stop that server and delete its cluster
#
# As root the cluster belongs to the postgres user (initdb refuses to run as root); otherwise to the
# caller. ctest starts and stops it as a fixture (tests/CMakeLists.txt); a failure here makes every
# PostgreSQL test fail rather than be skipped.
set -euo pipefail

die() { echo "pg-server: $*" >&2; exit 1; }

install_postgres() {
    if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        return
    fi
    echo "pg-server: installing postgresql"
    local sudo_cmd=()
    [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends postgresql
}

bindir() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "$d" && -x "$d/initdb" ]] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
    echo "$d"
}

# Runs a command as the owner of the cluster.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

stop_server() {
    local state="$1"
    [[ -f "$state/datadir" ]] || return 0
    local data bin
    data="$(cat "$state/datadir")"
    bin="$(bindir)"
    if [[ -f "$data/cluster/postmaster.pid" ]]; then
        as_owner "$bin/pg_ctl" -D "$data/cluster" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$data"
    rm -f "$state/datadir" "$state/url"
}

start_server() {
    local state="$1"
    mkdir -p "$state"
    stop_server "$state" # a server left over from an interrupted run
    install_postgres
    local bin data
    bin="$(bindir)"
    data="$(mktemp -d /tmp/billing-pg.XXXXXX)"
    echo "$data" >"$state/datadir"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$data"
    chmod 700 "$data"
    as_owner "$bin/initdb" -D "$data/cluster" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$data/initdb.log" 2>&1 || { cat "$data/initdb.log" >&2; die "initdb failed"; }
    # Throw-away data: durability off for speed; enough connections for parallel tests.
    cat >>"$data/cluster/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
EOF
    local port started=0
    for _ in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        port_in_use "$port" && continue
        if as_owner "$bin/pg_ctl" -D "$data/cluster" -l "$data/server.log" -o "-p $port" -w -t 60 start >/dev/null; then
            started=1
            break
        fi
    done
    ((started)) || { cat "$data/server.log" >&2 || true; die "the server did not start"; }
    as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres <<'EOF' >/dev/null
CREATE ROLE billing LOGIN PASSWORD 'billing' CREATEDB CREATEROLE;
CREATE DATABASE billing_test OWNER billing;
EOF
    local url="postgresql://billing:billing@127.0.0.1:$port/billing_test"
    echo "$url" >"$state/url"
    echo "$url"
}

cmd="${1:-}"
case "$cmd" in
install) install_postgres ;;
start) [[ $# -eq 2 ]] || die "usage: $0 start STATE_DIR"; start_server "$(realpath -m "$2")" ;;
stop) [[ $# -eq 2 ]] || die "usage: $0 stop STATE_DIR"; stop_server "$(realpath -m "$2")" ;;
*) die "usage: $0 install | start STATE_DIR | stop STATE_DIR" ;;
esac
