#!/usr/bin/env bash
# Order per conversation: 200 conversations x 10 messages, shuffled across conversations and written out of order,
# 20 % replayed. Passes when every conversation is answered in the order Parley stored it, each message once.
#   bench/faults/order.sh [--db sqlite|postgres] [--contacts 200] [--per-conversation 10] [--rate 100] [...]
set -euo pipefail
cd "$(dirname "$0")/../.."
exec dotnet run -c Release --project bench/Parley.Bench -- --scenario order --contacts 200 --per-conversation 10 --rate 100 "$@"
