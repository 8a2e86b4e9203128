#!/usr/bin/env bash
# Resize storm: 200 random sizes down to 20x5, a few tiny ones (1x1...),
# then back to 100x30. berth must still run and redraw cleanly.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

NAMES="rs-one rs-two rs-three"
for n in $NAMES; do
	docker run -d --network none --stop-timeout 1 --name "$n" \
		--label berth.service=resize --label berth.branch=integration \
		bb:latest sleep 1000 >/dev/null || bail "docker run $n"
done
docker run -d --network none --name rs-done bb:latest true >/dev/null

tui_start 100 30 "$BERTH" || bail "tmux session starts"
shown() { tui_has "(^|[^a-z-])$1([^a-z-]|$)"; }
all_shown() {
	local n
	for n in $NAMES; do
		shown "$n" || return 1
	done
}
status_ok() {
	local l
	l=$(tui_last_line)
	[[ $l =~ connected ]] && [[ $l =~ [0-9]+\ containers ]]
}
tui_wait 15 all_shown || bail "rows appear at 100x30"
tui_wait 5 status_ok || bail "status bar appears at 100x30"
tap_ok "rows and status bar at 100x30"

resize() {
	tmx resize-window -t bt:0 -x "$1" -y "$2" 2>/dev/null
}
pane_size() { tui_fmt '#{pane_width}x#{pane_height}'; }

# at 80x24 it works (the on-call case)
resize 80 24
at80() { [ "$(pane_size)" = 80x24 ] && all_shown && status_ok; }
if tui_wait 5 at80; then
	tap_ok "80x24: rows and status bar"
else
	tap_fail "80x24: rows and status bar"
fi

# too small: says so plainly
resize 20 5
small_msg() { tui_has '[Tt]oo small|[Tt]erminal|[0-9]+ containers|connected'; }
if tui_wait 3 small_msg; then
	tap_ok "20x5: still draws something meaningful"
else
	tap_fail "20x5: still draws something meaningful"
fi
resize 8 2
tiny() { tui_has '[Tt]oo|small|[a-z]'; }
tui_wait 3 tiny || tap_diag "8x2 shows nothing readable"

RANDOM=4242
t0=$SECONDS
for i in $(seq 1 200); do
	if [ $((i % 40)) -eq 0 ]; then
		resize $((1 + RANDOM % 3)) $((1 + RANDOM % 3))
	else
		resize $((20 + RANDOM % 181)) $((5 + RANDOM % 56))
	fi
	[ $((i % 25)) -eq 0 ] && sleep 0.05
done
resize 1 1
sleep 0.2
resize 100 30
tap_diag "200 resizes in $((SECONDS - t0)) s"

if ! tui_dead; then
	tap_ok "berth survives the resize storm"
else
	tap_fail "berth survives the resize storm (exit status $(tui_exit_status))"
	tui_dump
	tap_done
	exit 1
fi

at100() { [ "$(pane_size)" = 100x30 ] && all_shown && status_ok; }
if tui_wait 5 at100; then
	tap_ok "back at 100x30: rows and status bar redrawn"
else
	tap_fail "back at 100x30: rows and status bar redrawn"
fi
sleep 1.2 # a refresh tick or two

# No leftover garbage: each name on one row only, one header, the status
# text only on the last line, no row wider than the pane, and a forced
# redraw (Ctrl-L) changes nothing but clock-driven digits.
scr=$(tui_cap)
dups=""
for n in $NAMES rs-done; do
	c=$(grep -cE "(^|[^a-z-])$n([^a-z-]|$)" <<<"$scr")
	[ "$c" -le 1 ] || dups="$dups $n:$c"
done
tap_check test -z "$dups" "after the storm each container is on one row only${dups:+ (dups:$dups)}"
h=$(grep -cE 'NAME' <<<"$scr")
tap_check test "$h" -eq 1 "after the storm one header line ($h)"
sl=$(grep -nE '[0-9]+ containers' <<<"$scr" | cut -d: -f1 | tr '\n' ' ')
tap_check test "$sl" = "30 " "status text only on the last line (lines: $sl)"
wide=
n=0
while IFS= read -r line; do
	n=$((n + 1))
	# characters, in the UTF-8 locale (wc -L would count display columns)
	w=$(LC_ALL=C.UTF-8 wc -L <<<"$line")
	[ "$w" -le 100 ] || wide="$wide $n:$w"
done <<<"$scr"
tap_check test -z "$wide" "no line wider than the pane${wide:+ ($wide)}"
tap_check test "$(wc -l <<<"$scr")" -eq 30 "capture has 30 lines"

norm() { sed -E 's/[0-9]+(\.[0-9]+)?[A-Za-z]*/#/g; s/[[:space:]]+$//'; }
a=$(norm <<<"$scr")
tui_keys C-l
sleep 0.5
b=$(tui_cap | norm)
if [ "$a" = "$b" ]; then
	tap_ok "a full redraw (Ctrl-L) shows the same screen: nothing was left over"
else
	tap_fail "a full redraw (Ctrl-L) shows the same screen"
	diff <(echo "$a") <(echo "$b") | head -n 20 | sed 's/^/# /'
fi

# still responsive
tui_keys q
if tui_wait 5 tui_dead; then
	tap_check test "$(tui_exit_status)" = 0 "q still quits after the storm, exit status 0"
else
	tap_fail "q still quits after the storm"
fi
tui_stop
tap_done
