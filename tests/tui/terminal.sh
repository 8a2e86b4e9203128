#!/usr/bin/env bash
# Terminal abuse: 200 resizes in ~10 s down to 1x1, Ctrl-Z and SIGCONT,
# SIGHUP (a closed terminal), TERM=dumb, TERM=vt100, NO_COLOR=1 and a
# non-UTF-8 locale. berth must never crash, and must redraw or leave
# cleanly.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --name term-one --label berth.branch=validation \
	bb:latest sleep 100000 >/dev/null || bail "a container runs"
docker run -d --network none --name term-bad --health-cmd false \
	--health-interval 1s --health-retries 1 bb:latest sleep 100000 >/dev/null ||
	bail "an unhealthy container runs"

# berth is the child of the pane's shell (other berths may run on this machine)
# (pane: sh -c wrapper -> interactive bash -> berth)
berth_pid() {
	local sh bash
	sh=$(tui_fmt '#{pane_pid}')
	bash=$(pgrep -n -P "$sh")
	pgrep -n -P "${bash:-0}" -x berth
}
rows_ok() { tui_has 'term-one' && tui_has 'connected'; }

# --- resize storm down to 1x1 ------------------------------------------------
# berth runs under an interactive shell in the pane, so Ctrl-Z and fg work
# as they do for a person (a process without job control ignores Ctrl-Z).
tui_start 100 30 "sh -c 'exec bash --norc --noprofile -i 2>&1'" || bail "tmux session starts"
tui_type "PS1='sh\$ '"
tui_keys Enter
tui_type "$BERTH"
tui_keys Enter
tui_wait 15 rows_ok || bail "rows appear"
t0=$(date +%s%N)
for i in $(seq 200); do
	w=$((1 + RANDOM % 140))
	h=$((1 + RANDOM % 45))
	[ $((i % 20)) = 0 ] && { w=1; h=1; }
	tmx resize-window -t bt:0 -x "$w" -y "$h" 2>/dev/null
	sleep 0.04
done
storm_ms=$((($(date +%s%N) - t0) / 1000000))
tmx resize-window -t bt:0 -x 100 -y 30
pid=$(berth_pid)
if tui_wait 10 rows_ok && [ -n "$pid" ]; then
	tap_ok "200 resizes (down to 1x1) in $storm_ms ms: still running, redraws rows"
else
	tap_fail "200 resizes (down to 1x1): still running and redraws"
fi
# no line of the pane is wider than the pane (characters, not bytes)
wide=0
while IFS= read -r l; do
	[ "${#l}" -gt 100 ] && wide=$((wide + 1))
done < <(LC_ALL=C.UTF-8 tui_cap)
tap_check test "$wide" = 0 "after the storm no line is wider than the pane ($wide)"
tap_check tui_has '[0-9]+ containers' "after the storm the status bar is intact"

# --- Ctrl-Z, then fg ---------------------------------------------------------
tui_keys C-z
stopped() { [ "$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" = T ]; }
if wait_until 10 stopped && tui_wait 10 tui_has 'sh\$'; then
	tap_ok "Ctrl-Z stops berth (pid $pid) and gives the shell back"
else
	tap_fail "Ctrl-Z stops berth (pid $pid) and gives the shell back"
fi
tui_type "fg"
tui_keys Enter
if tui_wait 10 rows_ok && ! stopped; then
	tap_ok "after fg the dashboard is back"
else
	tap_fail "after fg the dashboard is back"
fi

# --- SIGHUP: a closed terminal -------------------------------------------------
kill -HUP "$pid"
gone() { [ ! -e "/proc/$pid" ]; }
tui_type 'echo berth-exit=$?'
tui_keys Enter
if wait_until 10 gone && tui_wait 5 tui_has 'berth-exit=0'; then
	tap_ok "SIGHUP: berth exits cleanly (status 0) and restores the terminal"
else
	tap_fail "SIGHUP: berth exits cleanly within 10 s"
fi
tui_stop

# --- TERM=dumb: no cursor addressing ------------------------------------------
out=$(TERM=dumb timeout 10 script -qec "$BERTH" /dev/null 2>&1 </dev/null)
rc=$?
if [ "$rc" = 1 ] && grep -q "cannot drive the terminal" <<<"$out"; then
	tap_ok "TERM=dumb: a clear message and exit 1: $(tr -d '\r' <<<"$out" | head -n 1)"
else
	tap_fail "TERM=dumb: a clear message and exit 1 (rc $rc): $out"
fi

# --- TERM=vt100, NO_COLOR, and a non-UTF-8 locale ------------------------------
# check_env DESC ENV...: runs berth in tmux with ENV; rows must show.
check_env() {
	local desc=$1
	shift
	tui_start 100 20 "env $* $BERTH" || { tap_fail "$desc: starts"; return 1; }
	if tui_wait 15 rows_ok; then
		tap_ok "$desc: rows and status bar"
	else
		tap_fail "$desc: rows and status bar"
	fi
}
check_env "TERM=vt100" TERM=vt100
# vt100 has no colours: no SGR colour codes may reach the pane
if tui_cap -e | grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;|48;)[0-9;]*m'; then
	tap_fail "TERM=vt100: no colour escape codes"
else
	tap_ok "TERM=vt100: no colour escape codes"
fi
tap_check tui_has '^!' "TERM=vt100: the problem row is marked with '!'"
tui_keys q; wait_until 5 tui_dead; tui_stop

check_env "NO_COLOR=1" NO_COLOR=1 TERM=screen-256color
if tui_cap -e | grep -qE $'\e\\[[0-9;]*(3[0-7]|4[0-7]|38;|48;)[0-9;]*m'; then
	tap_fail "NO_COLOR=1: no colour escape codes"
else
	tap_ok "NO_COLOR=1: no colour escape codes (bold/reverse only)"
fi
tui_keys q; wait_until 5 tui_dead; tui_stop

TUI_LOCALE=C check_env "LC_ALL=C (not UTF-8)" LC_ALL=C
if tui_cap | LC_ALL=C grep -q $'[\x80-\xff]'; then
	tap_fail "LC_ALL=C: only ASCII on screen"
else
	tap_ok "LC_ALL=C: only ASCII on screen"
fi
tui_keys q; wait_until 5 tui_dead; tui_stop
tap_done
