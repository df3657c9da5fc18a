#!/usr/bin/env bash
# Builds and runs the whole test suite headless through ctest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
# The "_pg" tests run against a private PostgreSQL server that ctest starts and stops as a fixture
# (pg_server_start/pg_server_stop, scripts/pg-server.sh); install the server package up front.
"$here/scripts/pg-server.sh" install
export QT_QPA_PLATFORM=offscreen
cd "$here/build"
ctest --output-on-failure -j"$(nproc)" "$@"
