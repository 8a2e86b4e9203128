#!/usr/bin/env bash
# Quitting during a deploy started from the dashboard: q (twice: the
# deploys pane stays while it deploys) and SIGTERM both say on screen that
# berth waits for the deploy to finish, then berth exits with the deploy
# finished and journaled.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
# the first health check runs 5 s after start: each deploy waits that long
HC='HEALTHCHECK --interval=5s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
docker tag app:v1 app:int || bail "tag"
docker run -d --network none --stop-timeout 1 --name quit-int --label berth.service=quit \
	--label berth.branch=integration app:int >/dev/null || bail "run quit-int"
wait_healthy quit-int 30 || bail "quit-int healthy"

WAITING='waiting for the deploy of quit/integration to finish'

# deploy_started: R and y from the containers pane; the deploy is running
deploy_started() {
	tui_start 120 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux starts"
	tui_wait 15 tui_has quit-int || bail "quit-int listed"
	tui_keys R
	tui_wait 10 tui_has 'y = yes' || bail "R asks for confirmation"
	tui_keys y
	tui_wait 10 tui_has 'deploy in progress' || bail "the deploy is in progress"
	PID=$(pgrep -n -P "$(tui_fmt '#{pane_pid}')" -x berth)
	[ -n "$PID" ] || bail "found berth's pid"
	wait_until 10 new_deploy || bail "the deploy's start is journaled"
	ID=$(last_deploy_id)
}
PREV=
new_deploy() { [ -n "$(last_deploy_id)" ] && [ "$(last_deploy_id)" != "$PREV" ]; }

# finished WHAT ID: berth exits, the deploy ID ended well, the unit is whole
gone() { [ ! -e "/proc/$PID" ]; }
finished() {
	local result names
	tap_check wait_until 60 gone "$1: berth exits once the deploy is done"
	result=$(journal_end_field "$2" result)
	tap_check test "$result" = succeeded "$1: the deploy was finished and journaled (${result:-no end record})"
	names=$(unit_containers quit integration | tr '\n' ' ')
	tap_check test "$names" = "quit-int running " "$1: one running container with the unit's name ($names)"
	tui_stop
}

# --- q, q --------------------------------------------------------------------
docker tag app:v2 app:int || bail "retag v2"
deploy_started
tui_keys q
tap_check tui_wait 5 tui_has 'a deploy is running; q again quits berth' "q during a deploy: the pane stays and says q again quits"
tui_keys q
if tui_wait 5 tui_has "$WAITING"; then
	tap_ok "q again: the screen says berth waits for the deploy to finish"
else
	tap_fail "q again: the screen says '$WAITING'"
fi
tap_check test -e "/proc/$PID" "berth is still there while it waits"
finished "q" "$ID"
PREV=$ID

# --- SIGTERM -------------------------------------------------------------------
docker tag app:v1 app:int || bail "retag v1"
deploy_started
kill -TERM "$PID"
if tui_wait 5 tui_has "$WAITING"; then
	tap_ok "SIGTERM: the screen says berth waits for the deploy to finish"
else
	tap_fail "SIGTERM: the screen says '$WAITING'"
fi
finished "SIGTERM" "$ID"
tap_done
