#!/usr/bin/env bash
# --read-only in the resource panes and in berth prune: D and P in the
# images, volumes and networks panes say read-only and open no prompt, and
# `berth --read-only prune` is refused; the engine's debug log (dockerd
# --debug: "Calling METHOD /v1.41/...") shows no POST, DELETE or PUT from
# all of it. A control run without --read-only: P in the networks pane asks
# once, listing what goes, and y shows up as DELETE in that log.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

ENGINE_EXTRA_ARGS=--debug test_setup
LOG=$ENGINE_DIR/dockerd.log
docker tag bb:latest ro-unused:1
docker volume create ro-vol >/dev/null || bail "volume"
docker network create ro-net1 >/dev/null || bail "network 1"
docker network create ro-net2 >/dev/null || bail "network 2"
docker run -d --network none --stop-timeout 1 --name ro-run bb:latest sleep 1000 >/dev/null ||
	bail "docker run"

mutating_since() {
	tail -n +"$(($1 + 1))" "$LOG" | grep -E 'Calling (POST|DELETE|PUT) '
}
status_has() { tui_last_line | grep -qE -- "$1"; }
sleep 1
mark=$(wc -l <"$LOG")
tui_start 100 30 "$BERTH --read-only" || bail "tmux session starts"
tui_wait 15 tui_has 'ro-run' || bail "rows drawn"
bad=0
for pane in i:ro-unused v:ro-vol n:ro-net1; do
	key=${pane%%:*} row=${pane#*:}
	tui_keys "$key"
	tui_wait 10 tui_has "$row" || { tap_diag "$key: no $row"; bad=1; }
	for k in D:remove P:prune; do
		verb=${k#*:} k=${k%%:*}
		tui_keys "$k"
		if ! tui_wait 3 status_has "read-only: $verb is disabled"; then
			tap_diag "$key $k did not say read-only: $(tui_last_line)"
			bad=1
		fi
		if tui_has 'y = yes|Esc cancels|Type the service'; then
			tap_diag "$key $k opened a prompt"
			bad=1
		fi
	done
	tui_keys q
	tui_wait 5 tui_has 'ro-run' || tap_diag "$key: q did not go back"
done
tap_check test "$bad" = 0 "--read-only: D and P in the images, volumes and networks panes say read-only, no prompt"
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop
OUT=$(mktemp /tmp/bt-ro.XXXXXX)
cleanup_push "rm -f '$OUT'"
"$BERTH" --read-only prune --images --all --volumes --networks >"$OUT" 2>&1
rc=$?
tap_check test "$rc" != 0 "berth --read-only prune is refused (rc $rc): $(head -n 1 "$OUT")"
"$BERTH" --read-only prune --images --all --networks --dry-run >"$OUT" 2>&1
rc=$?
tap_check test "$rc" = 0 "berth --read-only prune --dry-run only lists (rc $rc)"
tap_check grep -q 'would remove network ro-net1' "$OUT" "and says what would go"
sleep 1
calls=$(mutating_since "$mark")
tap_check test -z "$calls" "the engine logged no POST/DELETE/PUT from any of it ($calls)"
present() { docker "$1" inspect -f . "$2" >/dev/null 2>&1; }
tap_check present image ro-unused:1 "ro-unused:1 is still there"
tap_check present network ro-net1 "ro-net1 is still there"

# --- control: without read-only, P asks once and y deletes ------------------------
mark=$(wc -l <"$LOG")
tui_start 100 30 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'ro-run' || bail "rows drawn"
tui_keys n
tui_wait 10 tui_has 'ro-net2' || bail "networks pane"
tap_check tui_ask P 'Prune 2 networks, freeing about' "P: one confirmation for the 2 unused networks"
tap_check tui_has 'ro-net1' "which lists them"
tui_keys y
gone() { ! docker network inspect ro-net1 >/dev/null 2>&1 && ! docker network inspect ro-net2 >/dev/null 2>&1; }
tap_check wait_until 10 gone "y removes both"
tap_check tui_wait 5 tui_has 'prune: removed 2' "and the status bar says so"
deleted() { mutating_since "$mark" | grep -qE 'Calling DELETE /v[0-9.]+/networks/'; }
tap_check wait_until 5 deleted "control: the removals show up as DELETE /networks/... in the engine's log"
tui_keys q
tui_keys q
tui_wait 5 tui_dead
tui_stop
tap_done
