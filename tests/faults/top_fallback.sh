#!/usr/bin/env bash
# The detail pane's processes on an engine that refuses ps arguments, as
# Podman's compat API does (a fake engine: /top?ps_args=... answers 500):
# berth asks again without them and shows the engine's default columns.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v python3 >/dev/null || bail "python3 is installed"

D=$(mktemp -d /tmp/btop.XXXXXX)
SOCK=$D/fake.sock
python3 tests/faults/fake_engine.py "$SOCK" podman &
FAKE_PID=$!
cleanup_push "kill $FAKE_PID 2>/dev/null; wait $FAKE_PID 2>/dev/null; rm -rf '$D'"
engine_trap
wait_until 10 curl -s -m 1 --unix-socket "$SOCK" http://x/_ping -o /dev/null || bail "fake engine starts"

tui_start 120 40 "$BERTH -H unix://$SOCK" || bail "tmux starts"
tui_wait 15 tui_has '2 containers' || bail "the fake engine's containers are listed"
tui_keys Enter
if tui_wait 10 tui_has "^Processes \\(1; the engine's default columns, every 2s\\)"; then
	tap_ok "a 500 to ps_args: the title says the engine's default columns are shown"
else
	tap_fail "a 500 to ps_args falls back to the default columns"
fi
tap_check tui_has '^  USER +PID +PPID +%CPU +ELAPSED +TTY +TIME +COMMAND' "Podman's own titles are the columns"
tap_check tui_has '^  root +1 +0 +0\.000 +1m2s +\? +0s +sleep 100000' "its row is shown"
sleep 2.5
tap_check tui_has '^  root +1 +0 .*sleep 100000' "the refresh keeps the default columns"
tap_check tui_lacks 'unrecognized option' "the engine's refusal is not shown as an error"
tap_quits Escape q
tap_done
