#!/usr/bin/env bash
# The detail pane's processes and the raw inspect pane in a 120x50 tmux:
# the detail pane lists the container's `sleep 100000` with PID, USER,
# %CPU, %MEM, TIME and COMMAND, and refreshes on its own (a process
# started later shows up); i shows the inspect JSON pretty-printed with the
# container's labels, DB_PASSWORD stays masked until x, / finds a line far
# below and scrolls to it, n wraps to the next match, q goes back.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

docker run -d --network none --stop-timeout 1 --name pr-app \
	-e DB_PASSWORD=hunter2 -e PLAIN=visible-value \
	--label team=payments --label 'note=a;b $(x)' \
	bb:latest sleep 100000 >/dev/null || bail "docker run pr-app"

shown() { tui_has "$1"; }
status_not_found() { tui_last_line | grep -q "not found: no-such-text-anywhere"; }

tui_start 120 50 "$BERTH" || bail "tmux session starts"
tui_wait 15 shown '^  pr-app ' || bail "containers pane shows pr-app"
tui_keys Enter
tui_wait 10 shown '^detail pr-app' || bail "Enter opens the detail pane"

# --- processes ---------------------------------------------------------------
if tui_wait 10 shown '^Processes \(1, every 2s\)'; then
	tap_ok "the detail pane has a processes section (one process)"
else
	tap_fail "the detail pane has a processes section"
fi
tap_check tui_has '^  PID +USER +%CPU +%MEM +TIME +COMMAND' "its columns: PID USER %CPU %MEM TIME COMMAND"
pid=$(docker inspect -f '{{.State.Pid}}' pr-app)
if tui_has "^  $pid +root +[0-9.]+ +[0-9.]+ +[0-9:]+ +sleep 100000 *\$"; then
	tap_ok "it lists sleep 100000 with the host's pid ($pid) and user root"
else
	tap_fail "it lists sleep 100000 (pid $pid)"
	tui_dump
fi
docker exec -d pr-app sleep 4242 || tap_diag "docker exec -d failed"
if tui_wait 6 shown ' sleep 4242 *$' && tui_has '^Processes \(2,'; then
	tap_ok "it refreshes on its own: a process started later shows up"
else
	tap_fail "it refreshes on its own: a process started later shows up"
fi

full_screen() { shown '^processes pr-app' && shown ' sleep 100000 *$' && shown ' sleep 4242 *$'; }
tui_keys T
tap_check tui_wait 5 full_screen "T shows the processes on the whole screen"
tui_keys q
tap_check tui_wait 5 shown '^detail pr-app' "q goes back from there to the detail pane"

# --- raw inspect -------------------------------------------------------------
tui_keys i
if tui_wait 10 shown '^inspect pr-app'; then
	tap_ok "i opens the raw inspect pane"
else
	tap_fail "i opens the raw inspect pane"
fi
tap_check tui_has '^\{$' "the JSON starts at the top"
tap_check tui_has '^  "Id": "[0-9a-f]{64}",$' "it is pretty-printed, two spaces, the engine's order (Id first)"
# the labels are in Config, some screens down: search for them
tui_keys /
tui_type '"Labels"'
tui_keys Enter
if tui_wait 5 shown '^    "Labels": \{$' && tui_has '^      "team": "payments"' &&
	tui_has '"note": "a;b \$\(x\)"'; then
	tap_ok "/ finds Config's Labels: team=payments and the note label, literally"
else
	tap_fail "/ finds the labels"
	tui_dump
fi
tui_keys /
tui_keys C-u
tui_type 'DB_PASSWORD'
tui_keys Enter
if tui_wait 5 shown '^      "DB_PASSWORD=\*{8}",$' && tui_lacks 'hunter2'; then
	tap_ok "DB_PASSWORD is masked in the JSON, hunter2 is nowhere on screen"
else
	tap_fail "DB_PASSWORD is masked in the JSON"
	tui_dump
fi
tap_check tui_has '"PLAIN=visible-value"' "an ordinary env value is shown"
PIPE=$(mktemp /tmp/bt-procs-pty.XXXXXX)
cleanup_push "rm -f '$PIPE'"
tui_osc52_start "$PIPE"
tui_keys y
copied_masked() { p=$(tui_osc52 "$PIPE"); grep -q 'DB_PASSWORD=\*\{8\}' <<<"$p" && ! grep -q hunter2 <<<"$p"; }
tap_check tui_wait 5 copied_masked "y copies the match's line as shown, the secret masked (OSC 52: $(tui_osc52 "$PIPE"))"
tui_keys x
tap_check tui_wait 3 shown '^      "DB_PASSWORD=hunter2",$' "x reveals it"
tui_keys x
tap_check tui_wait 3 shown '^      "DB_PASSWORD=\*{8}",$' "x again masks it"
# "SandboxKey" is far down, in NetworkSettings
tui_keys g
tui_wait 3 shown '^\{$'
tap_check tui_lacks '"SandboxKey"' "SandboxKey is not on the first screen"
tui_keys /
tui_keys C-u
tui_type 'sandboxkey'
tui_keys Enter
tap_check tui_wait 5 shown '^    "SandboxKey": ' "a case-insensitive search scrolls to a line far below"
# "Config": twice, LogConfig's on the first screen and the top-level one
# far below: n goes down to the second, and wraps around to the first
tui_keys g
tui_wait 3 shown '^\{$'
tui_keys /
tui_keys C-u
tui_type '"Config":'
tui_keys Enter
tui_wait 3 shown '^      "Config": \{\}'
tui_keys n
if tui_wait 3 shown '^  "Config": \{$' && tui_lacks '^      "Config": \{\}'; then
	tap_ok "n goes to the next match, screens below"
else
	tap_fail "n goes to the next match"
	tui_dump
fi
tui_keys n
tap_check tui_wait 3 shown '^      "Config": \{\}' "n after the last match wraps around to the first"
tui_keys /
tui_keys C-u
tui_type 'no-such-text-anywhere'
tui_keys Enter
tap_check tui_wait 3 status_not_found "a search without a match says so"
tui_keys q
tap_check tui_wait 5 shown '^detail pr-app' "q goes back to the detail pane"
tap_quits q q
tap_done
