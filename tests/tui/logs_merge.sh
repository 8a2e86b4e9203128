#!/usr/bin/env bash
# Several containers in one logs pane, and a unit's logs across a redeploy,
# in a 100x30 tmux on one private engine: L on a unit's row merges its two
# talkers, each line after its container's name, in timestamp order, with
# search, filter and save; l on a unit's container keeps following it
# while `berth deploy` (another shell) replaces the container, with one
# marker line "── redeployed OLD → NEW ──".
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

tui_engine_setup
state_dir || bail "state dir"
# shellcheck disable=SC2016
TALK='i=0; while :; do echo $V tick $i; i=$((i+1)); sleep 0.15; done'
app_image app:v1 aaaa001 1 'ENV V=web-v1' "CMD [\"sh\", \"-c\", \"$TALK\"]" || bail "image app:v1"
app_image app:v2 bbbb002 2 'ENV V=web-v2' "CMD [\"sh\", \"-c\", \"$TALK\"]" || bail "image app:v2"
run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
run --name lm-a --label berth.service=duo --label berth.branch=main -e V=AAA app:v1 ||
	bail "docker run lm-a"
run --name lm-b --label berth.service=duo --label berth.branch=main -e V=BBB app:v1 ||
	bail "docker run lm-b"
run --name lm-web --label berth.service=web --label berth.branch=main app:v1 ||
	bail "docker run lm-web"
SAVE=$(mktemp -d /tmp/bt-lm.XXXXXX)
cleanup_push "rm -rf '$SAVE'"

lm_rows() { tui_cap | awk '{ n = $1; if (n == "!") n = $2; if (n ~ /^lm-/) print n }' | tr '\n' ' ' | sed 's/ $//'; }
select_row() {
	tui_keys Escape / && tui_type "$1" && tui_keys Enter
	only() { [ "$(lm_rows)" = "$1" ]; }
	tui_wait 10 only "$1"
}
tui_start 100 30 "cd '$SAVE' && '$PWD/$BERTH'" || bail "tmux session starts"
tui_wait 15 tui_has lm-web || bail "containers pane shows the rows"

# --- merged: L on lm-a follows every container of unit duo -------------------
select_row lm-a || tap_diag "could not select lm-a"
tui_keys L
both() { tui_has '^  lm-a +\| AAA tick' && tui_has '^  lm-b +\| BBB tick'; }
tap_check tui_wait 10 both "L: one pane with both talkers, each line after its container's name"
tap_check tui_has '^logs duo@main \(2 containers\)' "the header names the unit"
src_colored() { tui_cap -e | grep -F 'lm-b' | head -n 1 | grep -qE $'\e\\[([0-9;]*;)?3[0-7]m(\e\\[[0-9;]*m)*lm-b'; }
tap_check src_colored "each source's name has a colour of its own"
# timestamps shown: in order down the screen
tui_keys t
sleep 0.5
tui_keys f	# pause, so the screen holds still
ordered() {
	local ts
	ts=$(tui_cap | sed -n '2,28p' | grep -oE '\| [0-9]{4}-[0-9-]+T[0-9:.]+' | cut -c3-)
	[ "$(wc -l <<<"$ts")" -ge 10 ] && [ "$ts" = "$(sort <<<"$ts")" ] &&
		grep -q AAA <<<"$(tui_cap)" && grep -q BBB <<<"$(tui_cap)"
}
tap_check tui_wait 5 ordered "the merged lines are in timestamp order"
tui_keys t f
# search and filter in the merged pane
tui_keys / && tui_type 'BBB tick' && tui_keys Enter
tap_check tui_wait 5 tui_has '/BBB tick: match [0-9]+ of [0-9]+' "search works in the merged pane"
tui_keys G '&' && tui_type AAA && tui_keys Enter
only_a() { c=$(tui_cap | sed -n '2,28p'); grep -q 'AAA tick' <<<"$c" && ! grep -q 'BBB' <<<"$c"; }
tap_check tui_wait 5 only_a "& filters the merged pane"
tui_keys S C-u && tui_type "$SAVE/merged.log" && tui_keys Enter
saved() { [ -s "$SAVE/merged.log" ]; }
tap_check tui_wait 5 saved "S saves the merged pane"
tap_check grep -qE '^lm-a \| AAA tick [0-9]+$' "$SAVE/merged.log" "the file has the source names and the filtered lines"
tap_check test -z "$(grep BBB "$SAVE/merged.log")" "and only the lines the filter keeps"
tui_keys q

# --- a unit followed across a redeploy ---------------------------------------
select_row lm-web || tap_diag "could not select lm-web"
tui_keys l
tap_check tui_wait 10 tui_has 'web-v1 tick' "l follows lm-web"
OUT=$SAVE/deploy.out
"$BERTH" deploy web --branch main --image app:v2 --settle-ms 300 --timeout 60 >"$OUT" 2>&1 &
dpid=$!
marker() { tui_has '── redeployed aaaa001 → bbbb002 ──'; }
tap_check tui_wait 60 marker "the pane shows the marker line when the deploy replaces the container"
wait "$dpid"
rc=$?
tap_diag "$(tail -n 3 "$OUT")"
tap_check test "$rc" = 0 "the deploy succeeded (rc $rc)"
v2() { tui_cap | sed -n '/redeployed/,$p' | grep -q 'web-v2 tick'; }
tap_check tui_wait 10 v2 "and goes on with the new container's lines after it"
tap_check test "$(tui_cap | grep -c 'redeployed')" = 1 "one marker line"
tap_check tui_has '^logs lm-web +\[following\]' "still following, under the unit's name"
tui_stop
tap_done
