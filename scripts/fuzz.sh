#!/usr/bin/env bash
# Kept until .ci/run calls scripts/sanitize.sh: the fuzz targets now build and run there, next to the
# whole test suite under the sanitizers.
exec "$(dirname "${BASH_SOURCE[0]}")/sanitize.sh" "$@"
