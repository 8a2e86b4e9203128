#!/usr/bin/env bash
# Escape injection, checked at the pty level. A fake engine whose container
# names, image names, labels, env, health check output, mounts, networks,
# event attributes and log lines carry OSC, DCS, CSI, C1, bidi overrides and
# raw invalid UTF-8 is shown in every pane; tmux pipe-pane records every
# byte berth writes to its terminal, and none of the hostile sequences may
# be among them.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v python3 >/dev/null || bail "python3 is installed"

D=$(mktemp -d /tmp/bpty.XXXXXX)
SOCK=$D/fake.sock
python3 tests/faults/fake_engine.py "$SOCK" hostile &
FAKE_PID=$!
cleanup_push "kill $FAKE_PID 2>/dev/null; wait $FAKE_PID 2>/dev/null; rm -rf '$D'"
engine_trap
wait_until 10 curl -s -m 1 --unix-socket "$SOCK" http://x/_ping -o /dev/null || bail "fake engine starts"

# berth starts a second later, so pipe-pane sees its very first byte
tui_start 200 40 "sleep 1; $BERTH -H unix://$SOCK" || bail "tmux starts"
tmx pipe-pane -o -t "$TUI_T" "cat >>'$D/raw'"
tui_wait 15 tui_has '2 containers' || bail "the hostile containers are listed"
tap_ok "containers pane drawn"

visit() {	# visit KEY PATTERN DESC: open a pane, wait for it, go back
	tui_keys "$1"
	if tui_wait 10 tui_has "$2"; then
		tap_ok "$3 drawn"
	else
		tap_fail "$3 drawn"
	fi
	sleep 1
	tui_keys Escape
	tui_wait 5 tui_has '2 containers' || tui_keys q
}
visit Enter 'GREETING' "detail pane (env, health output, mounts, networks, labels)"
# the detail pane's processes, and the raw inspect JSON of the same container
tui_keys Enter
tui_wait 10 tui_has 'proc-cmd' && tui_keys i
tap_check tui_wait 10 tui_has '^inspect ' "processes section and raw inspect pane drawn"
sleep 1
tui_keys q
tui_keys Escape
tui_wait 5 tui_has '2 containers' || tui_keys q
visit l 'last line' "logs pane (stdout, stderr, raw bytes)"
visit E 'rename' "events pane (event attributes)"
# swarm: services (name, image, labels, ports, update message), a service's
# tasks (state, error, node), nodes (hostname, role, engine, reachability)
tui_keys S
if tui_wait 10 tui_has 'NAME +MODE +REPLICAS' && tui_wait 5 tui_has 'msg'; then
	tap_ok "swarm services pane drawn"
else
	tap_fail "swarm services pane drawn"
fi
# the prompts quote the service's name and image
tui_keys R
tap_check tui_wait 5 tui_has 'with which image' "swarm redeploy prompt drawn (image proposed)"
tui_keys Escape
tui_keys B
tap_check tui_wait 5 tui_has "previous spec" "swarm rollback prompt drawn"
tui_keys Escape
tui_keys Enter
tap_check tui_wait 10 tui_has 'task error' "swarm tasks pane drawn"
sleep 1
tui_keys q
tui_keys N
tap_check tui_wait 10 tui_has 'HOSTNAME +ROLE' "swarm nodes pane drawn"
sleep 1
tui_keys q
tui_keys q
tui_wait 5 tui_has '2 containers' || tui_keys q
tui_keys q
wait_until 10 tui_dead
tmx pipe-pane -t "$TUI_T" 2>/dev/null

bytes=$(wc -c <"$D/raw")
tap_check test "$bytes" -gt 1000 "pipe-pane recorded berth's output ($bytes bytes)"
found=$(python3 - "$D/raw" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read()
bad = {"OSC title": b"\x1b]0;PWNED", "DCS": b"\x1bPq", "CSI DSR": b"\x1b[6n",
       "C1 CSI (UTF-8)": b"\xc2\x9b", "C1 CSI (raw)": b"\x9b6n",
       "bidi override": b"\xe2\x80\xae", "invalid UTF-8": b"\xff\xfe"}
print(" ".join(k.replace(" ", "_") for k, v in bad.items() if v in raw))
PY
)
tap_check test -z "$found" "no hostile sequence reached the terminal (found: ${found:-none})"
title=$(tui_fmt '#{pane_title}')
tap_check test "$title" != PWNED "the pane title was not changed ($title)"
tap_check grep -q 'PWNED' "$D/raw" "the payload text is still shown, made harmless"
tap_check grep -qF '^[' "$D/raw" "ESC is shown as a visible ^[ placeholder"
tap_done
