#!/usr/bin/env bash
# The mouse and colours in an 80x24 tmux. Mouse (TERM=xterm-256color, whose
# terminfo speaks SGR 1006 mouse): off until M; SGR mouse sequences written
# to the pane then select a row (click), open it (double click), scroll
# (wheel) and sort by a column (header click). Colours: a `color` line's
# colours show in capture-pane -e, mapped to the 8 colours of TERM=screen;
# under NO_COLOR no colour appears at all.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

for i in $(seq -w 0 29); do
	docker create --name "ms-$i" --network none bb:latest sleep 1000 >/dev/null || bail "docker create ms-$i"
done
dir=$(mktemp -d /tmp/berth-look.XXXXXX) || bail "mktemp"
cleanup_push "rm -rf '$dir'"

check() { local d=$1; shift; if "$@"; then tap_ok "$d"; else tap_fail "$d"; fi; }
status_has() { tui_last_line | grep -qE -- "$1"; }
# the selected row's name: the line drawn in reverse video
selected() { tui_cap -e | grep -E $'\e\\[([0-9;]*;)?7[;m]' | grep -oE 'ms-[0-9]+' | head -n 1; }
selected_is() { [ "$(selected)" = "$1" ]; }
# mouse B X Y: an SGR press (M) and release (m) at 1-based column X, line Y
click() { tui_type $'\e'"[<0;$1;$2M"; tui_type $'\e'"[<0;$1;$2m"; }
wheel_down() { tui_type $'\e'"[<65;$1;$2M"; }

printf 'set default-sort name\n' >"$dir/plain"
tui_start 80 24 "TERM=xterm-256color $BERTH --config '$dir/plain'" || bail "tmux session starts"
tui_wait 15 tui_has 'ms-00' || bail "the containers pane shows the test containers"

# --- off by default: the terminal's own selection keeps working -------------------
# (tmux knows whether the program asked for mouse reports)
mouse_flag() { [ "$(tmx display-message -p -t "$TUI_T" '#{mouse_any_flag}')" = "$1" ]; }
check "the mouse is off by default (no mouse reports asked for)" mouse_flag 0
tui_keys M
check "M turns the mouse on (status bar)" tui_wait 3 status_has 'mouse on'
check "... and asks the terminal for mouse reports" mouse_flag 1

# --- click, double click, wheel, header ------------------------------------------------
click 5 6	# line 6: the header is line 1, so the fifth row
check "a click selects the row under it" tui_wait 3 selected_is ms-04
click 5 6
check "a double click opens it (the detail pane of ms-04)" tui_wait 5 tui_has 'detail ms-04'
tui_keys q
tui_wait 5 tui_has 'ms-05' || tap_diag "back to the containers"
for i in 1 2 3 4 5 6 7 8 9 10; do wheel_down 5 8; done
check "the wheel scrolls: the last rows come into view" tui_wait 3 tui_has 'ms-29'
check "... and the first ones leave it" tui_lacks 'ms-00'
click 5 1	# the header's NAME title
first_row() { tui_cap | sed -n 2p | awk '{ print $1 }'; }
first_is() { [ "$(first_row)" = "$1" ]; }
check "a header click on the sort column reverses it (ms-29 first)" tui_wait 3 first_is ms-29
click 40 1	# STATE
check "a header click on another column sorts by it" tui_wait 3 tui_has 'STATE(▲|▼|\^|v)'
tui_keys '?'
tui_wait 3 tui_has 'move up' || tap_diag "no help pane"
for i in 1 2 3 4 5; do wheel_down 5 8; done
check "the wheel scrolls the help too" tui_wait 3 tui_lacks 'move up'
tui_keys q
tui_wait 3 tui_has 'ms-' || tap_diag "back from the help"
tui_keys M
check "M turns it off again" tui_wait 3 status_has 'mouse off'
check "... and the terminal stops reporting it" mouse_flag 0
tui_keys q
tui_wait 5 tui_dead || tap_diag "berth did not quit"
tui_stop

# --- colours ---------------------------------------------------------------------------------
printf 'set mouse on\ncolor header bright-yellow #0000ff bold\n' >"$dir/colors"
# header_sgr: the SGR codes on the header line (capture-pane -e), one a line
header_sgr() { tui_cap -e | grep -m1 'NAME' | grep -oE $'\e\\[[0-9;]*m' | sed 's/^.\[//; s/m$//' | tr ';' '\n'; }
has_code() { header_sgr | grep -qx "$1"; }
colored() { tui_cap -e | grep -qE $'\e\\[([0-9;]*;)?(3[0-7]|4[0-7]|9[0-7]|10[0-7]|38|48)[;m]'; }
not_colored() { ! colored; }
tui_start 80 24 "TERM=screen $BERTH --config '$dir/colors'" || bail "tmux session starts"
tui_wait 15 tui_has 'ms-00' || bail "the containers pane shows the test containers"
check "color header: bright-yellow on 8 colours is yellow (SGR 33)" has_code 33
check "color header: #0000ff is blue on 8 colours (SGR 44)" has_code 44
check "color header: its bold attribute (SGR 1)" has_code 1
check "the default theme has colour (the status bar)" colored
check "set mouse on: mouse reports from the start" mouse_flag 1
tui_stop

printf 'set theme high-contrast\n' >"$dir/hc"
status_sgr() { tui_cap -e | tail -n 1 | grep -oE $'\e\\[[0-9;]*m' | sed 's/^.\[//; s/m$//' | tr ';' '\n'; }
status_code() { status_sgr | grep -qx "$1"; }
tui_start 80 24 "TERM=screen $BERTH --config '$dir/hc'" || bail "tmux session starts"
tui_wait 15 tui_has 'ms-00' || bail "the containers pane shows the test containers"
hc_status() { status_code 30 && status_code 47; }
check "set theme high-contrast: the status bar is black (30) on white (47)" tui_wait 3 hc_status
tui_stop

tui_start 80 24 "NO_COLOR=1 TERM=screen $BERTH --config '$dir/colors'" || bail "tmux session starts"
tui_wait 15 tui_has 'ms-00' || bail "the containers pane shows the test containers"
check "NO_COLOR: no colour anywhere on the screen" not_colored
check "NO_COLOR: the color line's bold stays (not a colour)" has_code 1
tui_stop
tap_done
