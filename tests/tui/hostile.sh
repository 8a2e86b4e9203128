#!/usr/bin/env bash
# Engine bytes are sanitized before they reach the terminal: labels that
# carry OSC title sequences, CSI colours/clears, window-rename sequences,
# C1 controls, bidi overrides and invalid UTF-8 are shown as visible
# placeholders, never sent.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

SVC=$(printf 'evil\033]0;pwned\007\033[31mred')
BR=$(printf 'br\033[2J\033[H\033kpwnwin\033\\x')
COMMIT=$(printf 'c\302\233\061mm\342\200\256lo')   # C1 CSI (U+009B), RLO
BUILD=$(printf '9\377\376')                         # invalid UTF-8

docker run -d --network none --stop-timeout 1 --name hostile-1 \
	--label "berth.service=$SVC" --label "berth.branch=$BR" \
	--label "berth.commit=$COMMIT" --label "berth.build=$BUILD" \
	bb:latest sleep 1000 >/dev/null || bail "docker run with hostile labels"
docker run -d --network none --stop-timeout 1 --name hostile-2 \
	--label berth.service=h2 --label "berth.branch=$BR" \
	bb:latest sleep 1000 >/dev/null || bail "docker run hostile-2"
docker run -d --network none --stop-timeout 1 --name plain-1 \
	--label berth.service=plain --label berth.branch=integration \
	bb:latest sleep 1000 >/dev/null || bail "docker run plain-1"

# ps --json carries the bytes escaped, never raw
json=$(timeout 20 "$BERTH" ps --json)
tap_check test $? -eq 0 "ps --json exits 0"
if grep -q $'\033' <<<"$json"; then
	tap_fail "ps --json has no raw ESC byte"
else
	tap_ok "ps --json has no raw ESC byte"
fi
got=$(jq -r '.[] | select(.name == "hostile-1") | .service' <<<"$json")
tap_check test "$got" = "$SVC" "ps --json round-trips the hostile service label through JSON escapes"

tui_start 120 30 "$BERTH" || bail "tmux session starts"
title0=$(tui_fmt '#{pane_title}')
shown() { tui_has "(^|[^a-z-])$1([^a-z-]|$)"; }
all3() { shown hostile-1 && shown hostile-2 && shown plain-1; }
if tui_wait 15 all3; then
	tap_ok "all rows drawn"
else
	tap_fail "all rows drawn"
fi
sleep 1

title=$(tui_fmt '#{pane_title}')
if [[ $title != *pwned* ]]; then
	tap_ok "no OSC title change (pane title '$title')"
else
	tap_fail "no OSC title change (pane title '$title', was '$title0')"
fi
wname=$(tui_fmt '#{window_name}')
tap_check test "$wname" != pwnwin "no window rename via ESC k (window name '$wname')"

scr=$(tui_cap)
row=$(grep -E 'hostile-1' <<<"$scr")
if [[ $row == *'evil^['* ]]; then
	tap_ok "the ESC in the service label is drawn as ^["
else
	tap_fail "the ESC in the service label is drawn as ^[ (row: $row)"
fi
row=$(grep -E 'hostile-2' <<<"$scr")
if [[ $row == *'br^['* ]]; then
	tap_ok "the ESC in the branch label is drawn as ^["
else
	tap_fail "the ESC in the branch label is drawn as ^[ (row: $row)"
fi
if shown plain-1 && grep -qE 'NAME' <<<"$scr"; then
	tap_ok "ESC [2J / ESC [H did not clear the screen: header and other rows intact"
else
	tap_fail "ESC [2J / ESC [H did not clear the screen"
fi
# with -e, tmux re-encodes only the attributes it holds; a passed-through
# "ESC [31m" would make the text after "evil..." red on the screen.
ecap=$(tui_cap -e | grep -E 'hostile-1')
if grep -qE $'pwned[^\033]*\033\\[(0;)?31m' <<<"$ecap" || grep -q $'\033\\]' <<<"$ecap"; then
	tap_fail "hostile row has no colour or OSC from the label: $(cat -v <<<"$ecap")"
else
	tap_ok "hostile row has no colour or OSC from the label"
fi
if grep -q $'\xc2\x9b' <<<"$scr" || grep -q $'\xe2\x80\xae' <<<"$scr"; then
	tap_fail "C1 CSI and RLO are not drawn raw"
else
	tap_ok "C1 CSI and RLO are not drawn raw"
fi
if LC_ALL=C grep -q $'\xff' <<<"$scr"; then
	tap_fail "invalid UTF-8 is not drawn raw"
else
	tap_ok "invalid UTF-8 is not drawn raw"
fi
# the status bar is intact
last=$(tail -n 1 <<<"$scr")
if [[ $last =~ connected ]] && [[ $last =~ [0-9]+\ containers ]]; then
	tap_ok "status bar intact: $(sed 's/  */ /g' <<<"$last")"
else
	tap_fail "status bar intact: $last"
fi

# the filter prompt echoes typed control-looking text safely too
tui_keys /
tui_type evil
tui_keys Enter
only_hostile() { shown hostile-1 && ! shown hostile-2 && ! shown plain-1; }
if tui_wait 3 only_hostile; then
	tap_ok "filter matches the sanitized service label"
else
	tap_fail "filter 'evil' matches the hostile service label"
fi
tui_keys Escape
tui_keys q
if tui_wait 5 tui_dead; then
	tap_check test "$(tui_exit_status)" = 0 "q quits, exit status 0"
else
	tap_fail "q quits"
fi
tui_stop
tap_done
