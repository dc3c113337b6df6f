#!/usr/bin/env bash
# kill -9 of a Parley instance, repeatedly, under load (two instances on PostgreSQL by default).
# Passes when every acknowledged webhook is stored once and answered once and the fake provider saw no duplicates.
#   bench/faults/kill-under-load.sh [--db sqlite|postgres] [--seconds 30] [--rate 100] [--kill-every 6] [...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/Parley.Bench -- --scenario kill --db postgres --seconds 30 --rate 100 "$@"
