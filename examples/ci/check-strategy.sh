#!/bin/sh
# Check the decision records in a folder with calibrate.
#
# Usage: check-strategy.sh [FOLDER]     (FOLDER defaults to strategy/)
#        STRICT=1 check-strategy.sh     also fail on borderline diagnoses,
#                                       overdue reviews and facts without
#                                       recorded evidence
#
# Exits with calibrate's own exit code:
#   0  every record's declared playbook fits its circumstances
#   1  a record's declared playbook no longer fits (with STRICT=1 also:
#      a borderline diagnosis, a review that is overdue, or a fact with
#      no evidence recorded)
#   2  a record is unreadable or invalid, or calibrate was used wrongly
#      (this script also exits 2 when calibrate is not installed)
set -eu

folder=${1:-strategy/}

if ! command -v calibrate >/dev/null 2>&1; then
    echo "error: calibrate is not installed (see https://github.com/calibrate-cli/calibrate)" >&2
    exit 2
fi

status=0
if [ "${STRICT:-0}" = 1 ]; then
    calibrate check --strict "$folder" || status=$?
else
    calibrate check "$folder" || status=$?
fi
exit "$status"
