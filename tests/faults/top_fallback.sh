#!/usr/bin/env bash
# The detail pane's processes on an engine that refuses ps arguments, as
# Podman's compat API does (a fake engine: /top?ps_args=... answers 500):
# berth asks again without them and shows the engine's default columns.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

engine_trap
[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
fake_engine_start podman

tui_start 120 40 "$BERTH -H unix://$FAKE_SOCK" || bail "tmux starts"
tui_wait 15 tui_has '2 containers' || bail "the fake engine lists its containers"
tui_keys Enter
tap_check tui_wait 10 tui_has "^Processes \\(1; the engine's default columns, every 2s\\)" \
	"a 500 to ps_args: asked again, the title says the engine's default columns are shown"
tap_check tui_has '^  USER +PID +PPID +%CPU +ELAPSED +TTY +TIME +COMMAND' "Podman's own titles are the columns"
tap_check tui_has '^  root +1 +0 +0\.000 +1m2s +\? +0s +sleep 100000' "its row is shown"
sleep 2.5
tap_check tui_has '^  root +1 +0 .*sleep 100000' "the refresh keeps the default columns"
tap_check tui_lacks 'unrecognized option' "the engine's refusal is not shown as an error"
tap_quits Escape q
tap_done
