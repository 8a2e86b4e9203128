#!/usr/bin/env bash
# dockerd is killed (SIGKILL) and restarted while the dashboard shows it:
# berth stays up, the status bar says "disconnected ... retrying", keys
# answer within 200 ms during the outage, and after the restart berth
# reconnects by itself and shows a container created in the meantime.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --name er-before bb:latest sleep 100000 >/dev/null || bail "a container runs"

tui_start 120 25 "$BERTH" || bail "tmux starts"
tui_wait 15 tui_has 'er-before' || bail "the container is listed"
tap_ok "dashboard up"

engine_kill9 || bail "kill -9 dockerd"
if tui_wait 10 tui_has 'disconnected.*retrying'; then
	tap_ok "status bar: $(tui_last_line | sed 's/  */ /g' | cut -c1-110)"
else
	tap_fail "status bar says disconnected ... retrying"
fi

# keys during the outage: open and close help, timing each answer
tui_key_latency 'keys \(from the keymap table\)' 'NAME'
tap_key_latency 'during the outage'
tap_check tui_has 'er-before' "the last known rows stay on screen during the outage"

engine_restart || bail "dockerd restarts on the same socket"
docker run -d --network none --name er-meanwhile bb:latest sleep 100000 >/dev/null ||
	bail "a container is created right after the restart"
t0=$(now_ns)
back() { tui_has 'er-meanwhile' && tui_last_line | grep -q ' connected'; }
if tui_wait 20 back; then
	tap_ok "reconnected and shows er-meanwhile $((($(now_ns) - t0) / 1000000)) ms after it was created"
else
	tap_fail "reconnects and shows the container created meanwhile"
fi
tap_check test "$(tui_dead && echo dead)" = "" "berth is still running"
tui_keys q
wait_until 10 tui_dead && tap_check test "$(tui_exit_status)" = 0 "berth exits 0"
tap_done
