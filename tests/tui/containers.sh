#!/usr/bin/env bash
# The containers pane in a 120x30 tmux: rows appear, live state changes,
# filter, sort, all/running toggle, help, quit.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name tt-charlie bb:latest sleep 1000 || bail "docker run"
run --name tt-alpha bb:latest sleep 1000
run --name tt-delta bb:latest true
run --name tt-bravo bb:latest sleep 1000
wait_until 10 test "$(docker inspect -f '{{.State.Status}}' tt-delta)" = exited
NAMES="tt-alpha tt-bravo tt-charlie tt-delta"

tui_start 120 30 "$BERTH" || bail "tmux session starts"

# names_shown: the tt-* names on screen, top to bottom, one per line.
names_shown() {
	tui_cap | awk 'match($0, /tt-(alpha|bravo|charlie|delta)/) { print substr($0, RSTART, RLENGTH) }' |
		tr '\n' ' ' | sed 's/ $//'
}
shown() { tui_has "(^|[^a-z-])$1([^a-z]|$)"; }
not_shown() { ! shown "$1"; }
status_ok() {
	local l
	l=$(tui_last_line)
	[[ $l =~ connected ]] && [[ $l =~ [0-9]+\ containers ]]
}

if tui_wait 15 shown tt-alpha && tui_wait 5 shown tt-bravo && tui_wait 5 shown tt-charlie; then
	tap_ok "rows for the running containers appear"
else
	tap_fail "rows for the running containers appear"
fi
if tui_wait 5 status_ok; then
	tap_ok "status bar (last line) says connected and N containers: $(tui_last_line | sed 's/  */ /g')"
else
	tap_fail "status bar (last line) says connected and N containers"
fi

# --- a: all / running-only --------------------------------------------------
if shown tt-delta; then
	tui_keys a
	if tui_wait 3 not_shown tt-delta && shown tt-alpha; then
		tap_ok "a: running-only hides the exited container"
	else
		tap_fail "a: running-only hides the exited container"
	fi
	tui_keys a
	if tui_wait 3 shown tt-delta; then
		tap_ok "a again: the exited container is back"
	else
		tap_fail "a again: the exited container is back"
	fi
else
	tap_diag "default view is running-only"
	tui_keys a
	if tui_wait 3 shown tt-delta; then
		tap_ok "a: all containers, the exited one appears"
	else
		tap_fail "a: all containers, the exited one appears"
	fi
fi
if tui_wait 3 shown tt-delta; then
	row=$(tui_cap | grep -E 'tt-delta')
	if [[ $row =~ exited ]]; then
		tap_ok "the exited container's row says exited"
	else
		tap_fail "the exited container's row says exited: $row"
	fi
fi

# --- live state change ------------------------------------------------------
row_exited() { tui_cap | grep -E 'tt-bravo' | grep -qE 'exited'; }
docker stop -t 1 tt-bravo >/dev/null
t0=$(now_ns)
if tui_wait 2 row_exited; then
	tap_ok "docker stop: the row shows exited after $((($(now_ns) - t0) / 1000000)) ms (limit 2000)"
else
	tap_fail "docker stop: the row shows exited within 2 s"
fi
docker start tt-bravo >/dev/null
row_running() { tui_cap | grep -E 'tt-bravo' | grep -qvE 'exited'; }
tui_wait 3 row_running || tap_diag "tt-bravo not shown as running again"

# --- filter -----------------------------------------------------------------
only_charlie() { [ "$(names_shown)" = tt-charlie ]; }
tui_keys /
sleep 0.3
tui_type char
tui_keys Enter
if tui_wait 3 only_charlie; then
	tap_ok "/char Enter: only the matching row is left"
else
	tap_fail "/char Enter: only the matching row is left (shown: $(names_shown))"
fi
all_four() {
	local n
	for n in $NAMES; do
		shown "$n" || return 1
	done
}
tui_keys Escape
if tui_wait 3 all_four; then
	tap_ok "Escape clears the filter"
else
	tap_fail "Escape clears the filter (shown: $(names_shown))"
fi

# --- sort -------------------------------------------------------------------
# The sort column is marked with ▲/▼ (or ^/v) next to its title.
MARK_RE='(▲|▼|\^|v)'
name_marker() {
	local h
	h=$(tui_cap | grep -E "NAME ?$MARK_RE|$MARK_RE ?NAME" | head -n 1)
	[ -n "$h" ] || return 1
	NAME_MARK=$(grep -oE "NAME ?$MARK_RE|$MARK_RE ?NAME" <<<"$h" | head -n 1 | tr -d 'NAME ')
}
sorted_asc() { [ "$(names_shown)" = "tt-alpha tt-bravo tt-charlie tt-delta" ]; }
sorted_desc() { [ "$(names_shown)" = "tt-delta tt-charlie tt-bravo tt-alpha" ]; }
found=0
for i in $(seq 0 12); do
	if name_marker; then
		found=1
		break
	fi
	tui_keys o
	sleep 0.3
done
if [ "$found" = 1 ]; then
	tap_ok "o cycles the sort to NAME, marked $NAME_MARK in the header (after $i presses)"
	first=$NAME_MARK
	case $NAME_MARK in ▲ | ^) want=sorted_asc other=sorted_desc ;; *) want=sorted_desc other=sorted_asc ;; esac
	if tui_wait 2 $want; then
		tap_ok "NAME $NAME_MARK: rows in ${want#sorted_}ending name order ($(names_shown))"
	else
		tap_fail "NAME $NAME_MARK: rows in ${want#sorted_}ending name order ($(names_shown))"
	fi
	tui_keys O
	flipped() { name_marker && [ "$NAME_MARK" != "$first" ]; }
	if tui_wait 2 flipped; then
		tap_ok "O reverses: marker $first -> $NAME_MARK"
	else
		tap_fail "O reverses the marker ($first)"
	fi
	if tui_wait 2 $other; then
		tap_ok "O reverses the row order ($(names_shown))"
	else
		tap_fail "O reverses the row order ($(names_shown))"
	fi
	tui_keys o
	moved() { ! name_marker; }
	if tui_wait 2 moved; then
		tap_ok "o moves the sort to another column"
	else
		tap_fail "o moves the sort to another column"
	fi
else
	tap_fail "o cycles the sort to NAME, marked with ▲/▼ or ^/v next to NAME"
	tui_dump
fi

# --- help -------------------------------------------------------------------
# key-help-looking lines on screen
help_lines() {
	tui_cap | grep -ciE 'quit|sort|filter|help|redraw|move|page'
}
before=$(tui_cap)
base=$(help_lines)
help_shown() {
	local s
	s=$(tui_cap)
	[ "$s" != "$before" ] && [ "$(help_lines)" -ge $((base + 4)) ] &&
		grep -qiE 'quit' <<<"$s" && grep -qiE 'sort' <<<"$s" && grep -qiE 'filter' <<<"$s"
}
help_gone() { all_four && [ "$(help_lines)" -le "$base" ]; }
tui_keys '?'
if tui_wait 3 help_shown; then
	tap_ok "? shows a help screen listing keys"
else
	tap_fail "? shows a help screen listing keys"
fi
tui_keys Escape
if tui_wait 3 help_gone; then
	tap_ok "Escape leaves the help screen"
else
	tap_fail "Escape leaves the help screen"
fi
tui_keys '?'
tui_wait 3 help_shown || tap_diag "help did not come back"
tui_keys q
if tui_wait 3 help_gone && ! tui_dead; then
	tap_ok "q leaves the help screen without quitting"
else
	tap_fail "q leaves the help screen without quitting"
fi

# --- quit -------------------------------------------------------------------
tui_keys q
if tui_wait 5 tui_dead; then
	st=$(tui_exit_status)
	tap_check test "$st" = 0 "q quits berth, exit status 0 ($st)"
else
	tap_fail "q quits berth within 5 s"
fi
tui_stop
tap_done
