#!/usr/bin/env bash
# Duplicate webhooks: 30 % replayed 1-3 times, concurrently and later, plus a late replay after the run.
# Passes when each message is stored once and answered once.
#   bench/faults/duplicates.sh [--db sqlite|postgres] [--seconds 20] [--rate 100] [...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/Parley.Bench -- --scenario duplicates --seconds 20 --rate 100 "$@"
