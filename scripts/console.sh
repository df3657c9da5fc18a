#!/usr/bin/env bash
# Builds and starts the console. On first start it creates a demo account in the per-user database.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh" "$here/build"
exec "$here/build/app/billing-console" "$@"
