#!/usr/bin/env bash
# Observed deploys: while the dashboard runs, a manual docker rm + docker run
# of a unit with another image appears in the journal's history as
# "observed"; a berth deploy made meanwhile is not recorded twice; a deploy
# a killed berth left unfinished is recovered when the dashboard starts.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"
app_image app:v3 cccc003 3 'CMD ["sleep", "1000"]' || bail "image app:v3"
J=$BERTH_STATE_DIR/journal.jsonl
OUT=/tmp/bt-out.$$
cleanup_push "rm -f $OUT $OUT.err"

L="--label berth.service=blog --label berth.branch=validation"
# shellcheck disable=SC2086
docker run -d --name blog-val --network none --stop-timeout 1 $L app:v1 >/dev/null || bail "docker run"

# an unfinished deploy for the dashboard to recover at start
BERTH_DEPLOY_PAUSE_AT=started "$BERTH" deploy blog --branch validation --image app:v2 \
	--settle-ms 200 >"$OUT" 2>"$OUT.err" &
pid=$!
wait_until 30 grep -q "paused at started" "$OUT.err" || tap_diag "no pause: $(cat "$OUT" "$OUT.err")"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
unfinished=$(last_deploy_id)
tap_check test "$(unit_containers blog validation | wc -l)" = 2 "a killed deploy left two containers of the unit"

tui_start 120 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux session starts"
recovered() { [ "$(journal_end_field "$unfinished" recovered)" = true ]; }
tap_check wait_until 20 recovered "the dashboard recovered the unfinished deploy $unfinished at start"
tap_check test "$(unit_containers blog validation)" = "blog-val running" "one container of the unit, running, named blog-val"
tui_wait 15 tui_has "blog-val" || tap_diag "the dashboard does not show blog-val"

# --- a manual replacement -------------------------------------------------------
docker rm -f blog-val >/dev/null
# shellcheck disable=SC2086
docker run -d --name blog-val --network none --stop-timeout 1 $L app:v3 >/dev/null || bail "docker run v3"
observed() { jq -e 'select(.ev == "observed")' "$J" >/dev/null 2>&1; }
tap_check wait_until 20 observed "a manual docker rm + docker run is journaled as observed"
rec=$(jq -c 'select(.ev == "observed")' "$J" | tail -n 1)
tap_diag "$rec"
tap_check test "$(jq -r '"\(.service)/\(.branch) \(.from_commit) -> \(.commit) \(.result)"' <<<"$rec")" = \
	"blog/validation aaaa001 -> cccc003 succeeded" "observed record: unit, from and to commit, result"
tap_check test "$(jq -r .from_image <<<"$rec")" = "$(docker image inspect -f '{{.Id}}' app:v1)" "observed record: from image id"
"$BERTH" history blog --json >"$OUT"
tap_check test "$(jq -r '.[0].via + " " + .[0].commit' "$OUT")" = "observed cccc003" "berth history shows it, newest first, via observed"

# --- berth's own deploy is not recorded twice --------------------------------------
n_obs=$(jq -c 'select(.ev == "observed")' "$J" | wc -l)
"$BERTH" deploy blog --branch validation --image app:v2 --settle-ms 200 >"$OUT" 2>&1
tap_check test $? = 0 "berth deploy while the dashboard runs"
sleep 3
tap_check test "$(jq -c 'select(.ev == "observed")' "$J" | wc -l)" = "$n_obs" "berth's own deploy is not also journaled as observed"

tui_keys q
tui_wait 10 tui_dead || tap_diag "the dashboard did not quit"
tap_check test "$(tui_exit_status)" = 0 "the dashboard exits 0"
tap_done
