#!/usr/bin/env bash
# --read-only (and `set read-only true` in the config): every mutating key
# says "read-only" and sends nothing. Checked against the engine: dockerd
# runs with --debug, which logs each API call ("Calling POST /v1.41/...");
# no POST/DELETE/PUT may appear while berth runs read-only. A last run
# without read-only shows that a stop does appear in that log.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
ENGINE_EXTRA_ARGS=--debug engine_start || bail "private dockerd (--debug) starts"
bb_image || bail "busybox test image builds"
LOG=$ENGINE_DIR/dockerd.log

docker run -d --network none --stop-timeout 1 --name tr-run bb:latest sleep 1000 >/dev/null || bail "docker run"
docker run -d --network none --stop-timeout 1 --name tr-paused bb:latest sleep 1000 >/dev/null || bail "docker run"
docker pause tr-paused >/dev/null || bail "docker pause"
docker create --network none --name tr-created bb:latest sleep 1000 >/dev/null || bail "docker create"

state() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
snapshot() {
	local c
	for c in tr-run tr-paused tr-created; do
		docker inspect -f '{{.Name}} {{.State.Status}} {{.State.StartedAt}}' "$c"
	done
}
# mutating calls logged after line $1 of the engine's log
mutating_since() {
	tail -n +"$(($1 + 1))" "$LOG" | grep -E 'Calling (POST|DELETE|PUT) '
}
gets_since() {
	tail -n +"$(($1 + 1))" "$LOG" | grep -cE 'Calling (GET|HEAD) '
}
ta_rows() {
	tui_cap | awk '{ n = $1; if (n == "!") n = $2; if (n ~ /^tr-/) print n }' |
		tr '\n' ' ' | sed 's/ $//'
}
select_row() {
	tui_keys Escape
	tui_keys /
	tui_type "$1"
	tui_keys Enter
	only() { [ "$(ta_rows)" = "$1" ]; }
	tui_wait 5 only "$1" || tap_diag "could not select $1 (rows: $(ta_rows))"
}
status_has() { tui_last_line | grep -qE -- "$1"; }

# press_all LABEL: every mutating key on every container; each must say
# read-only and open no prompt
press_all() {
	local c k bad=0
	for c in tr-run tr-paused tr-created; do
		select_row "$c"
		for k in s r p K D; do
			tui_keys "$k"
			if ! tui_wait 3 status_has "read-only: [a-z-]+ is disabled"; then
				tap_diag "$1: $k on $c did not say read-only"
				bad=1
			fi
			if tui_has 'y = yes|Esc cancels|Type the service'; then
				tap_diag "$1: $k on $c opened a prompt"
				tui_keys Escape
				bad=1
			fi
			# let the next key's message be a new one
			tui_keys Escape
		done
	done
	return $bad
}

sleep 1	# the set-up's own events stay before $since
before=$(snapshot)
since=$(date +%s.%N)
mark=$(wc -l <"$LOG")
tui_start 80 24 "$BERTH --read-only" || bail "tmux session starts"
tui_wait 15 tui_has 'tr-created' || bail "rows drawn"
if press_all "--read-only"; then
	tap_ok "--read-only: s r p K D on running, paused and created containers all say read-only, no prompt"
else
	tap_fail "--read-only: every mutating key says read-only, no prompt"
fi
tui_keys Escape
tui_keys '?'
tui_wait 3 tui_has 'read-only mode' || tap_diag "help has no read-only line"
help=$(tui_cap)
for i in 1 2 3; do
	tui_keys PgDn
	sleep 0.3
	help+=$'\n'$(tui_cap)
done
n=0
for a in start-stop restart pause kill remove; do
	grep -qE " $a +\[disabled: read-only\]" <<<"$help" && n=$((n + 1))
done
tap_check test "$n" = 5 "help marks the 5 mutating keys [disabled: read-only] ($n)"
if grep -qE ' (filter|sort-next|events) +\[disabled' <<<"$help"; then
	tap_fail "help leaves the other keys enabled"
else
	tap_ok "help leaves the other keys enabled"
fi
tui_keys q
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop
sleep 1
calls=$(mutating_since "$mark")
gets=$(gets_since "$mark")
if [ -z "$calls" ] && [ "$gets" -gt 0 ]; then
	tap_ok "--read-only: the engine logged $gets GET calls from berth and no POST/DELETE/PUT"
else
	tap_fail "--read-only: no mutating call in the engine's log (GETs: $gets; mutating: $calls)"
fi
after=$(snapshot)
tap_check test "$before" = "$after" "--read-only: states and start times unchanged"
evs=$(docker events --since "$since" --until "$(date +%s.%N)" --filter type=container --format '{{.Actor.Attributes.name}} {{.Action}}' | grep -v ' exec_')
tap_check test -z "$evs" "--read-only: no container events from the engine ($evs)"

# --- the same through the config file ------------------------------------------
conf=$(mktemp /tmp/bt-ro.XXXXXX)
cleanup_push "rm -f '$conf'"
printf '# read-only from the config\nset read-only true\n' >"$conf"
mark=$(wc -l <"$LOG")
tui_start 80 24 "$BERTH --config $conf" || bail "tmux session starts"
tui_wait 15 tui_has 'tr-created' || bail "rows drawn"
if press_all "config"; then
	tap_ok "set read-only true: every mutating key says read-only, no prompt"
else
	tap_fail "set read-only true: every mutating key says read-only, no prompt"
fi
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop
sleep 1
calls=$(mutating_since "$mark")
tap_check test -z "$calls" "set read-only true: no mutating call in the engine's log ($calls)"
tap_check test "$before" = "$(snapshot)" "set read-only true: states unchanged"

# --- control: without read-only the same log does show the stop -----------------
mark=$(wc -l <"$LOG")
tui_start 80 24 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'tr-created' || bail "rows drawn"
select_row tr-run
tui_keys s
tui_wait 3 tui_has 'Stop tr-run\?' || tap_diag "no stop prompt"
tui_keys y
run_exited() { [ "$(state tr-run)" = exited ]; }
wait_until 15 run_exited || tap_diag "tr-run did not stop"
stop_logged() { mutating_since "$mark" | grep -qE 'Calling POST /v[0-9.]+/containers/[0-9a-f]+/stop'; }
if wait_until 5 stop_logged; then
	tap_ok "control: without read-only, s y shows up as POST .../stop in the engine's log"
else
	tap_fail "control: without read-only, s y shows up as POST .../stop in the engine's log"
fi
tui_keys q
tui_wait 5 tui_dead
tui_stop
tap_done
