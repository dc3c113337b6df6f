#!/usr/bin/env bash
# A flood of forged webhooks on top of legitimate traffic. Passes when every forged delivery is refused with 401
# and none reaches the database; prints the legitimate p99 without and with the flood.
#   bench/faults/forged.sh [--db sqlite|postgres] [--seconds 20] [--rate 100] [--forged-rate 1000] [...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/Parley.Bench -- --scenario forged --seconds 20 --rate 100 --forged-rate 1000 "$@"
