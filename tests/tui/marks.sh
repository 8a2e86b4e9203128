#!/usr/bin/env bash
# Marks and bulk actions in an 80x24 tmux: Space marks three rows (the
# status bar counts them), the marks survive a re-sort, one confirmed `s`
# stops those three and nothing else (checked with the docker CLI), under
# --read-only the same keys stop nothing, `*` marks every row the filter
# shows, Esc clears the marks after asking, and two rows on a protected
# branch need both services' names typed in one prompt.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

for n in mk-a mk-b mk-c mk-d; do
	docker run -d --name "$n" --network none --stop-timeout 1 bb:latest sleep 1000 >/dev/null ||
		bail "docker run $n"
done
docker run -d --name pr-1 --network none --stop-timeout 1 --label berth.service=shop \
	--label berth.branch=production bb:latest sleep 1000 >/dev/null || bail "docker run pr-1"
docker run -d --name pr-2 --network none --stop-timeout 1 --label berth.service=cart \
	--label berth.branch=production bb:latest sleep 1000 >/dev/null || bail "docker run pr-2"
state() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
all_state() { local s=$1 n; shift; for n in "$@"; do [ "$(state "$n")" = "$s" ] || return 1; done; }
status_has() { tui_last_line | grep -qE -- "$1"; }
# check DESC CMD...: one TAP line
check() { local d=$1; shift; if "$@"; then tap_ok "$d"; else tap_fail "$d"; fi; }
screen_has_all() { local out p; out=$(tui_cap); for p in "$@"; do grep -qE -- "$p" <<<"$out" || return 1; done; }
marked_rows() { [ "$(tui_cap | grep -c '^\* *mk-')" = "$1" ]; }

# start berth, show only the mk- rows, cursor on the first
open_berth() {
	tui_start 80 24 "$@" || bail "tmux session starts"
	tui_wait 15 tui_has 'mk-d' || bail "the containers pane shows the test containers"
	tui_keys /
	tui_type mk-
	tui_keys Enter g
}
mark_three() {
	tui_keys Space Space Space
	tui_wait 3 status_has '3 marked'
}

# --- read-only: the marked rows are refused like one ---------------------------
open_berth "$BERTH" --read-only
check "Space three times: the status bar counts 3 marked" mark_three
tui_keys s
check "read-only: s on the marks is refused in the status bar" \
	tui_wait 3 status_has 'read-only: start-stop is disabled'
tui_lacks 'Stop these' && tap_ok "read-only: no confirmation opens" ||
	tap_fail "read-only: no confirmation opens"
sleep 1.5	# what would have been sent has had the time to act
check "read-only: all four still run (docker inspect)" all_state running mk-a mk-b mk-c mk-d
tui_stop

# --- bulk stop -------------------------------------------------------------------
open_berth "$BERTH"
check "three rows marked" mark_three
check "marked rows show '*' in the first column" marked_rows 3
tui_keys o o
check "the marks survive a re-sort" tui_wait 3 status_has '3 marked'
tui_keys s
check "one confirmation lists the three" \
	tui_wait 3 screen_has_all 'Stop these 3 containers' '  mk-a  mk-a' '  mk-c  mk-c'

tui_keys y
check "y: the three marked stop (docker inspect: exited)" \
	wait_until 25 all_state exited mk-a mk-b mk-c
check "the unmarked one still runs" all_state running mk-d
check "the status bar counts the answers (3/3)" tui_wait 10 status_has '\(3/3\)'

# --- * marks what the filter shows, Esc asks before clearing -------------------
tui_keys '*'
check "* marks every row the filter shows (4 marked)" tui_wait 3 status_has '4 marked'
tui_keys Escape
check "Esc with marks asks first" tui_wait 3 tui_has 'Clear the 4 marks\?'
tui_keys y
check "y clears them" tui_wait 3 tui_lacks 'marked \|'

# --- l with marks: one logs pane of the marked rows ------------------------------
tui_keys '*' l
check "l with 4 marks opens one logs pane of the 4 containers" \
	tui_wait 5 tui_has 'logs 4 containers'
tui_keys q
tui_wait 3 status_has '4 marked' || tap_diag "q did not come back to the marked rows"
tui_keys Escape
tui_wait 3 tui_has 'Clear the 4 marks\?' || tap_diag "no clear prompt"
tui_keys y
tui_wait 3 tui_lacks 'marked \|' || tap_diag "marks not cleared"

# --- protected branches: the rule once for the whole set ------------------------
tui_keys Escape /
tui_type pr-
tui_keys Enter '*' s
check "two protected rows: one prompt asks for both services' names" \
	tui_wait 3 tui_has "Type the services' names, (shop cart|cart shop), to stop them"
tui_type 'cart'
tui_keys Enter
check "a wrong answer stops nothing" tui_wait 3 status_has 'cancelled'
both_run() { all_state running pr-1 pr-2; }
check "... both still run" both_run
tui_keys s
tui_wait 3 tui_has "Type the services' names" || tap_diag "no second prompt"
names=$(tui_cap | grep -oE "names, [a-z]+ [a-z]+, to" | sed 's/names, //; s/, to//')
tui_type "$names"
tui_keys Enter
check "typing both names stops both" wait_until 25 all_state exited pr-1 pr-2
tui_dead && bail "berth exited"
tui_keys q
tap_done
