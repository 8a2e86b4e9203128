#!/usr/bin/env bash
# A container running `yes` at full speed for 60 s while its logs pane is
# open: berth's RSS stays under the ring's bound plus a constant, and keys
# answer within 200 ms (median; p95 and max are reported). The logic is
# tests/tui/logflood.sh's.
FLOOD_MODE=yes FLOOD_SECONDS=${FLOOD_SECONDS:-60} exec bash "$(dirname "$0")/../tui/logflood.sh"
