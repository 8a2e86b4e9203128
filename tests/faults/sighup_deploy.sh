#!/usr/bin/env bash
# The terminal closes (SIGHUP) while a redeploy started from the dashboard
# is waiting for the new container's health check: berth leaves no deploy
# half-done. It finishes the deploy, journals the result, and exits.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
# the first health check runs 4 s after start: the deploy waits that long
HC='HEALTHCHECK --interval=4s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
docker tag app:v1 app:int || bail "tag"
docker run -d --network none --stop-timeout 1 --name hup-int --label berth.service=hup \
	--label berth.branch=integration app:int >/dev/null || bail "run hup-int"
wait_healthy hup-int 30 || bail "hup-int healthy"
docker tag app:v2 app:int || bail "retag"

tui_start 150 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux starts"
tui_wait 15 tui_has hup-int || bail "hup-int listed"
tui_keys R
tui_wait 10 tui_has 'y = yes' || bail "R asks for confirmation"
tui_keys y
tui_wait 10 tui_has 'deploy in progress' || bail "the deploy is in progress"
pid=$(pgrep -n -P "$(tui_fmt '#{pane_pid}')" -x berth)
[ -n "$pid" ] || bail "found berth's pid"
id=$(last_deploy_id)
kill -HUP "$pid"
t0=$(date +%s%N)
gone() { [ ! -e "/proc/$pid" ]; }
if wait_until 60 gone; then
	tap_ok "berth exits after SIGHUP ($((($(date +%s%N) - t0) / 1000000)) ms: it waited for the deploy)"
else
	tap_fail "berth exits within 60 s of SIGHUP"
fi
result=$(journal_end_field "$id" result)
if [ "$result" = succeeded ] || [ "$result" = "rolled back" ] || [ "$result" = rolled_back ]; then
	tap_ok "the deploy was finished and journaled: $result"
else
	tap_fail "the deploy was finished and journaled (end record result: '${result:-none}')"
fi
names=$(unit_containers hup integration | tr '\n' ' ')
tap_check test "$names" = "hup-int running " "the unit has one running container with its name ($names)"
tap_done
