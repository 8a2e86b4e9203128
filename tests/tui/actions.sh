#!/usr/bin/env bash
# Lifecycle keys in an 80x24 tmux: s/r/p/K/D each change the engine's state
# (checked with the docker CLI), confirmations and the protected-branch
# prompt can be cancelled and cancelling changes nothing, progress and the
# engine's errors reach the status bar, j/k/arrows move the selection, and
# the help lists every key used here.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

run() { docker run -d --network none "$@" >/dev/null || bail "docker run $*"; }
# sh as pid 1 ignores SIGTERM: a stop takes the full stop timeout
run --name ta-run --stop-timeout 3 bb:latest sleep 1000
run --name ta-pause --stop-timeout 1 bb:latest sleep 1000
run --name ta-restart --stop-timeout 1 bb:latest sleep 1000
run --name ta-kill --stop-timeout 1 bb:latest sleep 1000
run --name ta-cancel --stop-timeout 1 bb:latest sleep 1000
run --name ta-rmvol --stop-timeout 1 -v /data bb:latest sleep 1000
run --name ta-rmkeep --stop-timeout 1 -v /data bb:latest sleep 1000
run --name ta-prod --stop-timeout 1 --label berth.service=shop \
	--label berth.branch=production bb:latest sleep 1000
run --name ta-nav1 --stop-timeout 1 bb:latest sleep 1000
run --name ta-nav2 --stop-timeout 1 bb:latest sleep 1000
docker create --name ta-stopped --network none bb:latest sleep 1000 >/dev/null || bail "docker create"
docker create --name ta-bad --network none bb:latest /no/such/program >/dev/null || bail "docker create ta-bad"

state() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
is_state() { [ "$(state "$1")" = "$2" ]; }
gone() { ! docker inspect "$1" >/dev/null 2>&1; }
vol_of() { docker inspect -f '{{range .Mounts}}{{.Name}}{{end}}' "$1"; }
vol_exists() { docker volume inspect "$1" >/dev/null 2>&1; }

tui_start 80 24 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'ta-run' || bail "the containers pane shows the test containers"

# ta_rows: the ta-* names in the NAME column, top to bottom
ta_rows() {
	tui_cap | awk '{ n = $1; if (n == "!") n = $2; if (n ~ /^ta-/) print n }' |
		tr '\n' ' ' | sed 's/ $//'
}
# select NAME: filter down to the one row (the selection is then on it)
select_row() {
	tui_keys Escape
	tui_keys /
	tui_type "$1"
	tui_keys Enter
	only() { [ "$(ta_rows)" = "$1" ]; }
	tui_wait 5 only "$1" || { tap_diag "could not select $1 (rows: $(ta_rows))"; return 1; }
}
status_has() { tui_last_line | grep -qE -- "$1"; }
no_prompt() { tui_lacks 'y = yes|Esc cancels'; }

# --- s on a running container: confirm, progress, result ---------------------
select_row ta-run
tui_keys s
if tui_wait 3 tui_has 'Stop ta-run\?'; then
	tap_ok "s on a running container asks 'Stop ta-run?'"
else
	tap_fail "s on a running container asks 'Stop ta-run?'"
fi
tui_keys y
if tui_wait 3 status_has 'stopping ta-run\.\.\.'; then
	tap_ok "the status bar shows 'stopping ta-run...' while the engine works"
else
	tap_fail "the status bar shows 'stopping ta-run...'"
fi
if wait_until 20 is_state ta-run exited; then
	tap_ok "y: the engine stopped ta-run (docker inspect: exited)"
else
	tap_fail "y: the engine stopped ta-run (state $(state ta-run))"
fi
if tui_wait 10 status_has 'stopped ta-run'; then
	tap_ok "the status bar then says 'stopped ta-run'"
else
	tap_fail "the status bar then says 'stopped ta-run'"
fi

# --- s on a stopped container starts it, without asking -----------------------
select_row ta-stopped
tui_keys s
if wait_until 15 is_state ta-stopped running; then
	tap_ok "s on a created container starts it (docker inspect: running)"
else
	tap_fail "s on a created container starts it (state $(state ta-stopped))"
fi
no_prompt && tap_ok "starting asked nothing" || tap_fail "starting asked nothing"

# --- engine errors reach the status bar ---------------------------------------
select_row ta-bad
tui_keys s
if tui_wait 15 status_has 'start ta-bad failed: '; then
	line=$(tui_last_line)
	# the same start through the CLI: the daemon's message should begin the same
	msg=$(docker start ta-bad 2>&1 | sed -n 's/^Error response from daemon: //p' | head -n 1)
	want=$(cut -c1-30 <<<"$msg")
	if [ -n "$want" ] && [[ $line == *"start ta-bad failed: $want"* ]]; then
		tap_ok "a failed start shows the engine's message ('$want...')"
	else
		tap_fail "a failed start shows the engine's message: status '$line', engine '$msg'"
	fi
else
	tap_fail "a failed start shows 'start ta-bad failed: ...'"
fi
tui_dead && bail "berth survived the engine's error"

# --- cancelling does nothing ---------------------------------------------------
select_row ta-cancel
started0=$(docker inspect -f '{{.State.StartedAt}}' ta-cancel)
since=$(date +%s.%N)
for k in n Escape q Enter; do
	tui_keys s
	tui_wait 3 tui_has 'Stop ta-cancel\?' || tap_diag "no stop prompt before $k"
	tui_keys "$k"
	if tui_wait 3 no_prompt && tui_wait 3 status_has 'cancelled'; then
		tap_ok "stop prompt: $k cancels (status says cancelled)"
	else
		tap_fail "stop prompt: $k cancels"
	fi
done
for k in r K D; do
	tui_keys "$k"
	tui_wait 3 tui_has '(Restart|Kill|Force-remove the running container) ta-cancel\?' ||
		tap_diag "no prompt for $k"
	tui_keys Escape
	tui_wait 3 no_prompt || tap_diag "prompt for $k stayed"
done
sleep 1
evs=$(docker events --since "$since" --until "$(date +%s.%N)" --filter container=ta-cancel \
	--format '{{.Action}}' | grep -vE '^exec_' | tr '\n' ' ')
if is_state ta-cancel running && [ "$(docker inspect -f '{{.State.StartedAt}}' ta-cancel)" = "$started0" ] &&
	[ -z "$evs" ]; then
	tap_ok "after cancelled s/r/K/D prompts ta-cancel is untouched (running, same start, no events)"
else
	tap_fail "cancelled prompts left ta-cancel untouched (state $(state ta-cancel), events: $evs)"
fi

# --- p pauses, p again unpauses --------------------------------------------------
select_row ta-pause
tui_keys p
tui_wait 3 tui_has 'Pause ta-pause\?' && tap_ok "p asks 'Pause ta-pause?'" || tap_fail "p asks 'Pause ta-pause?'"
tui_keys y
if wait_until 15 is_state ta-pause paused; then
	tap_ok "p y: the engine paused ta-pause"
else
	tap_fail "p y: the engine paused ta-pause (state $(state ta-pause))"
fi
row_paused() { tui_cap | grep 'ta-pause' | grep -q paused; }
tui_wait 5 row_paused || tap_diag "the row does not say paused"
tui_keys p
if wait_until 15 is_state ta-pause running; then
	tap_ok "p on a paused container unpauses it, without asking"
else
	tap_fail "p on a paused container unpauses it (state $(state ta-pause))"
fi

# --- r restarts -------------------------------------------------------------------
select_row ta-restart
started0=$(docker inspect -f '{{.State.StartedAt}}' ta-restart)
tui_keys r
tui_wait 3 tui_has 'Restart ta-restart\?' && tap_ok "r asks 'Restart ta-restart?'" || tap_fail "r asks 'Restart ta-restart?'"
tui_keys y
restarted() { is_state ta-restart running && [ "$(docker inspect -f '{{.State.StartedAt}}' ta-restart)" != "$started0" ]; }
if wait_until 20 restarted; then
	tap_ok "r y: the engine restarted ta-restart (new StartedAt)"
else
	tap_fail "r y: the engine restarted ta-restart"
fi
tui_wait 10 status_has 'restarted ta-restart' || tap_diag "no 'restarted' message"

# --- K kills ------------------------------------------------------------------------
select_row ta-kill
tui_keys K
tui_wait 3 tui_has 'Kill ta-kill\?' && tap_ok "K asks 'Kill ta-kill?'" || tap_fail "K asks 'Kill ta-kill?'"
tui_keys y
if wait_until 15 is_state ta-kill exited && [ "$(docker inspect -f '{{.State.ExitCode}}' ta-kill)" = 137 ]; then
	tap_ok "K y: the engine killed ta-kill (exit code 137)"
else
	tap_fail "K y: the engine killed ta-kill (state $(state ta-kill))"
fi

# --- D removes, with or without the anonymous volumes ------------------------------
vol=$(vol_of ta-rmvol)
select_row ta-rmvol
tui_keys D
tui_wait 3 tui_has 'Force-remove the running container ta-rmvol\?' &&
	tap_ok "D on a running container asks to force-remove it" ||
	tap_fail "D on a running container asks to force-remove it"
tui_keys y
tui_wait 3 tui_has "anonymous volumes\?" && tap_ok "then asks about its anonymous volumes" ||
	tap_fail "then asks about its anonymous volumes"
tui_keys Escape
sleep 1
if docker inspect ta-rmvol >/dev/null 2>&1 && vol_exists "$vol"; then
	tap_ok "Esc at the volumes question cancels: container and volume stay"
else
	tap_fail "Esc at the volumes question cancels"
fi
tui_keys D
tui_wait 3 tui_has 'Force-remove' || tap_diag "no remove prompt"
tui_keys y
tui_wait 3 tui_has "anonymous volumes\?" || tap_diag "no volumes prompt"
tui_keys y
if wait_until 15 gone ta-rmvol && ! vol_exists "$vol"; then
	tap_ok "D y y: container and its anonymous volume removed (v=1)"
else
	tap_fail "D y y: container and its anonymous volume removed ($(vol_exists "$vol" && echo volume stays))"
fi
vol=$(vol_of ta-rmkeep)
select_row ta-rmkeep
tui_keys D
tui_wait 3 tui_has 'Force-remove' || tap_diag "no remove prompt"
tui_keys y
tui_wait 3 tui_has "anonymous volumes\?" || tap_diag "no volumes prompt"
tui_keys n
if wait_until 15 gone ta-rmkeep && vol_exists "$vol"; then
	tap_ok "D y n: container removed, its volume kept"
else
	tap_fail "D y n: container removed, its volume kept"
fi
row_gone() { ! grep -qw ta-rmkeep <<<"$(ta_rows)"; }
tui_wait 5 row_gone && tap_ok "the removed container's row goes away" || tap_fail "the removed container's row goes away"

# --- protected branch: the service's name must be typed ----------------------------
select_row ta-prod
tui_keys s
if tui_wait 3 tui_has "protected branch 'production'" && tui_has 'Type the service.s name, shop'; then
	tap_ok "s on a production container asks for the service's name"
else
	tap_fail "s on a production container asks for the service's name"
fi
tui_keys Escape
tui_wait 3 no_prompt || tap_diag "prompt stayed after Esc"
tui_keys s
tui_wait 3 tui_has 'Type the service' || tap_diag "no name prompt"
tui_type shoq
tui_keys Enter
tui_wait 3 status_has 'cancelled' || tap_diag "no cancelled message after a wrong name"
sleep 1
if is_state ta-prod running; then
	tap_ok "Esc, then a wrong name: ta-prod still running"
else
	tap_fail "Esc, then a wrong name: ta-prod still running ($(state ta-prod))"
fi
tui_keys s
tui_wait 3 tui_has 'Type the service' || tap_diag "no name prompt"
tui_type shop
tui_keys Enter
if wait_until 15 is_state ta-prod exited; then
	tap_ok "typing 'shop' stops ta-prod"
else
	tap_fail "typing 'shop' stops ta-prod ($(state ta-prod))"
fi

# --- movement keys: the prompt names the selected container -------------------------
tui_keys Escape
tui_keys /
tui_type ta-nav
tui_keys Enter
two() { [ "$(ta_rows)" = "ta-nav1 ta-nav2" ]; }
tui_wait 5 two || tap_diag "rows: $(ta_rows)"
asks() {
	tui_keys K
	tui_wait 3 tui_has "Kill $1\?"
	local rc=$?
	tui_keys Escape
	tui_wait 3 no_prompt
	return $rc
}
for pair in "j ta-nav2" "k ta-nav1" "Down ta-nav2" "Up ta-nav1" "G ta-nav2" "g ta-nav1"; do
	set -- $pair
	tui_keys "$1"
	if asks "$2"; then
		tap_ok "$1 moves the selection to $2"
	else
		tap_fail "$1 moves the selection to $2"
	fi
done
is_state ta-nav1 running && is_state ta-nav2 running || tap_fail "movement checks killed nothing"

# --- the help lists these keys ------------------------------------------------------
tui_keys Escape
tui_keys '?'
tui_wait 3 tui_has 'start-stop' || tap_diag "help did not open"
help=$(tui_cap)
# the help is longer than a 24-line screen: page through it
for i in 1 2 3; do
	tui_keys PgDn
	sleep 0.3
	help+=$'\n'$(tui_cap)
done
for kv in "s start-stop" "r restart" "p pause" "K kill" "D remove" "E events" "/ filter"; do
	set -- $kv
	if grep -qE "^ +$1 +$2 " <<<"$help"; then
		tap_ok "help: $1 = $2"
	else
		tap_fail "help: $1 = $2"
	fi
done
grep -q 'read-only' <<<"$help" && tap_fail "help marks nothing read-only here" || tap_ok "help marks nothing read-only here"
tui_keys q
tui_wait 3 tui_has 'ta-nav1' || tap_diag "help did not close"
tui_keys q
if tui_wait 5 tui_dead && [ "$(tui_exit_status)" = 0 ]; then
	tap_ok "q quits, status 0"
else
	tap_fail "q quits, status 0"
fi
tap_done
