#!/usr/bin/env bash
# The logs pane's SGR colours, & filter and OSC 52 copy, in an 80x24 tmux on
# one private engine: SGR colours reach the screen as colours (capture-pane
# -e) and never as "^[" noise or raw bytes; with NO_COLOR, and with `set
# log-colors off`, they are dropped; a mix of SGR with hostile OSC/CSI keeps
# only the SGR; & keeps matching lines of a steady talker, &! hides them,
# an empty & clears; y/Y in the containers pane and y in the logs pane
# write OSC 52 whose base64 decodes to the name, the id, the lines;
# `set clipboard off` writes none.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

tui_engine_setup

# shellcheck disable=SC2016
COLOR_SH='printf "\033[31mred-text\033[0m plain-after \033[1;38;2;0;200;0mgreen24\033[0m end\n"
printf "\033]0;pwned\007\033[2J\033[34mblue-ok\033[0m \033[5n\033]52;c;aGk=\007 hostile-tail\n"
printf "\033[38;5;208morange256\033[0m done-colors\n"
exec sleep 100000'
# shellcheck disable=SC2016
TALK_SH='i=0; while :; do echo "tick $i"; [ $((i % 3)) = 0 ] && echo "special $i"; i=$((i+1)); sleep 0.1; done'
run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name lc-color bb:latest sh -c "$COLOR_SH" || bail "docker run lc-color"
run --name lc-talk bb:latest sh -c "$TALK_SH" || bail "docker run lc-talk"
wait_until 10 sh -c 'docker logs lc-color 2>&1 | grep -q done-colors' || bail "lc-color logged"
ID_COLOR=$(docker inspect -f '{{.Id}}' lc-color)

DIR=$(mktemp -d /tmp/bt-lc.XXXXXX)
cleanup_push "rm -rf '$DIR'"
printf 'set log-colors off\n' >"$DIR/nocolors"
printf 'set clipboard off\n' >"$DIR/noclip"

lc_rows() { tui_cap | awk '{ n = $1; if (n == "!") n = $2; if (n ~ /^lc-/) print n }' | tr '\n' ' ' | sed 's/ $//'; }
select_row() {
	tui_keys Escape / && tui_type "$1" && tui_keys Enter
	only() { [ "$(lc_rows)" = "$1" ]; }
	tui_wait 10 only "$1"
}
# open_logs NAME: the logs pane of NAME, once its line $2 shows
open_logs() {
	select_row "$1" || return 1
	tui_keys l
	tui_wait 10 tui_has "$2"
}
line_e() { tui_cap -e | grep -F -- "$1" | head -n 1; }
# the SGR colour codes on a captured line (30-37, 90-97, 38;5;N, 38;2;...)
colors_of() { grep -oE $'\e\\[[0-9;]*m' <<<"$1" | grep -E '(^|\[|;)(3[0-7]|9[0-7]|38;[25])' ; }

# --- colours ------------------------------------------------------------------
tui_start 80 24 "'$PWD/$BERTH'" || bail "tmux session starts"
tui_wait 15 tui_has lc-talk || bail "containers pane shows the rows"
open_logs lc-color done-colors || bail "the logs pane shows lc-color's lines"
red=$(line_e red-text)
tap_check grep -qE $'\e\\[([0-9;]*;)?31m(\e\\[[0-9;]*m)*red-text' <<<"$red" \
	"\\e[31m red-text is drawn red ($(cat -v <<<"$red" | cut -c1-120))"
tap_check grep -qE $'\e\\[([0-9;]*;)?32m(\e\\[[0-9;]*m)*green24' <<<"$red" \
	"24-bit green is drawn as the nearest colour the terminal has (8 colours: 32)"
tap_check grep -qE $'\e\\[([0-9;]*;)?1[;m].*green24' <<<"$red" "and bold"
tap_check test -z "$(tui_cap | grep -F '^[' | grep -E 'red-text|orange256')" \
	"no ^[ on the coloured lines"
tap_check grep -qE 'red-text plain-after green24 end' <<<"$(tui_cap)" "the text around the colours is intact"
host=$(line_e hostile-tail)
tap_check grep -qE $'\e\\[([0-9;]*;)?34m(\e\\[[0-9;]*m)*blue-ok' <<<"$host" \
	"the SGR in a hostile line is kept as colour"
tap_check grep -qF '^[]0;pwned^G^[[2J' <<<"$(tui_cap)" "its OSC title and CSI 2J are shown as text, harmless"
tap_check grep -qF '^[[5n^[]52;c;aGk=^G hostile-tail' <<<"$(tui_cap)" "its device query and OSC 52 are shown as text too"
tap_check test "$(tui_fmt '#{pane_title}')" != pwned "the pane title did not change"
ol=$(line_e done-colors)
tap_check test -n "$(colors_of "$(sed 's/orange256.*//' <<<"$ol")")" "a 256-colour SGR is drawn in a colour the terminal has"
tap_check test -z "$(colors_of "$(sed 's/.*orange256//' <<<"$ol")")" "and the colour stops at its reset ($(cat -v <<<"$ol" | cut -c1-100))"
tui_keys q

# --- y / Y in the containers pane, y in the logs pane: OSC 52 -----------------
PIPE=$DIR/pty
tmx pipe-pane -t "$TUI_T" "cat >>'$PIPE'"
osc52() {	# the decoded payload of the last OSC 52 in the pty stream
	tr -d '\n' <"$PIPE" 2>/dev/null | grep -aoE $'\e\\]52;c;[A-Za-z0-9+/=]*\a' | tail -n 1 |
		sed -E $'s/^\e\\]52;c;//; s/\a$//' | base64 -d 2>/dev/null
}
osc52_is() { [ "$(osc52)" = "$1" ]; }
select_row lc-color || tap_diag "could not select lc-color"
tui_keys y
tap_check tui_wait 5 osc52_is lc-color "y in the containers pane copies the name (OSC 52 decodes to lc-color)"
tui_keys Y
tap_check tui_wait 5 osc52_is "$ID_COLOR" "Y copies the full id"
tap_check test -z "$(tr -d '\n' <"$PIPE" | grep -aoE $'\e\\]52;c;aGk=')" \
	"the container's own OSC 52 never reached the terminal"

# y in the detail pane: the value on the top line (no graphs at 12 rows)
tmx resize-window -t "$TUI_T" -x 80 -y 12
tui_keys Enter
tui_wait 10 tui_has '^Image' || tap_diag "the detail pane did not show"
tui_keys j
tui_wait 5 tui_has '^  image +bb:latest' || tap_diag "j did not scroll the detail text"
tui_keys y
tap_check tui_wait 5 osc52_is bb:latest "y in the detail pane copies the top line's value (the image)"
tui_keys q
tmx resize-window -t "$TUI_T" -x 80 -y 24

# --- & filter on a steady talker -----------------------------------------------
open_logs lc-talk 'special [0-9]' || tap_fail "lc-talk's logs show"
tui_keys '&'
tui_type special
tui_keys Enter
only_special() { c=$(tui_cap | sed -n '2,22p'); grep -q 'special' <<<"$c" && ! grep -q 'tick' <<<"$c"; }
tap_check tui_wait 5 only_special "& special: only the matching lines are shown"
tap_check tui_has 'filter &.special' "the status bar shows the filter"
tap_check tui_has '^logs lc-talk .*\[filter\]' "the header says a filter is on"
last_special() { tui_cap | grep -oE 'special [0-9]+' | tail -n 1; }
s0=$(last_special)
newer() { [ "$(last_special)" != "$s0" ]; }
tap_check tui_wait 5 newer "new matching lines keep coming while following"
# search within the filter
tui_keys / && tui_type special && tui_keys Enter
tap_check tui_wait 5 tui_has '/special: match [0-9]+ of [0-9]+' "search works inside the filter"
tui_keys G
# y with the filter on copies the matching lines
tui_keys y
all_special() { p=$(osc52); [ -n "$p" ] && ! grep -q tick <<<"$p" && [ "$(grep -c '^special [0-9]*$' <<<"$p")" -ge 3 ]; }
tap_check tui_wait 5 all_special "y with a filter on copies the matching lines ($(osc52 | wc -l) lines)"
tui_keys '&' C-u
tui_type '!special'
tui_keys Enter
no_special() { c=$(tui_cap | sed -n '2,22p'); grep -q 'tick' <<<"$c" && ! grep -q 'special' <<<"$c"; }
tap_check tui_wait 5 no_special "&!special hides the matching lines"
tap_check tui_has 'filter &!.special' "the status bar shows the hiding filter"
tui_keys '&' C-u Enter
both() { c=$(tui_cap | sed -n '2,22p'); grep -q 'tick' <<<"$c" && grep -q 'special' <<<"$c"; }
tap_check tui_wait 5 both "an empty & clears the filter"
tui_keys y
one_tick() { p=$(osc52); [ "$(printf '%s\n' "$p" | wc -l)" = 1 ] && grep -qE '^(tick|special) [0-9]+$' <<<"$p"; }
tap_check tui_wait 5 one_tick "y without a filter copies the current line ($(osc52))"
tui_stop

# --- NO_COLOR, set log-colors off, set clipboard off ---------------------------
for mode in NO_COLOR nocolors; do
	if [ $mode = NO_COLOR ]; then
		tui_start 80 24 "NO_COLOR=1 '$PWD/$BERTH'" || bail "tmux session starts"
	else
		tui_start 80 24 "'$PWD/$BERTH' --config '$DIR/nocolors'" || bail "tmux session starts"
	fi
	tui_wait 15 tui_has lc-talk || bail "containers pane shows the rows"
	open_logs lc-color done-colors || tap_fail "lc-color's logs show ($mode)"
	all=$(tui_cap -e | grep -E 'red-text|blue-ok|orange256')
	tap_check test -z "$(colors_of "$all")" "$mode: no colours on the coloured lines"
	tap_check test -z "$(tui_cap | grep -F '^[[3')" "$mode: and no ^[ noise: the SGR is dropped"
	tap_check tui_has 'red-text plain-after green24 end' "$mode: the text is intact"
	tui_stop
done
tui_start 80 24 "'$PWD/$BERTH' --config '$DIR/noclip'" || bail "tmux session starts"
rm -f "$PIPE"
tmx pipe-pane -t "$TUI_T" "cat >>'$PIPE'"
tui_wait 15 tui_has lc-talk || bail "containers pane shows the rows"
select_row lc-color
tui_keys y
tap_check tui_wait 5 tui_has 'copy is off' "set clipboard off: y says copy is off"
tap_check test -z "$(tr -d '\n' <"$PIPE" | grep -aoE $'\e\\]52;')" "and writes no OSC 52"
tui_stop
tap_done
