#!/usr/bin/env bash
# Swarm panes in tmux on a private single-node swarm: services (replicas,
# image, update state), a service's tasks (node, state), nodes (Leader);
# scale, redeploy and rollback through the Swarm API with confirmations,
# each recorded in the journal and shown by `berth history`; --read-only
# refuses them; `set protected-branches` decides which need the name
# typed; a node that is not a manager says so.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
command -v jq >/dev/null || bail "jq is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"
OUT=/tmp/bt-swarm-out.$$
cleanup_push "rm -f $OUT"

# the manager listens on loopback only, on a port of its own (not 2377 on
# every address), so two test runs on one machine do not collide
SP=$((20000 + RANDOM % 20000))
docker swarm init --advertise-addr "127.0.0.1:$SP" --listen-addr "127.0.0.1:$SP" \
	--data-path-port $((SP + 1)) >"$OUT" 2>&1 || bail "swarm init: $(cat "$OUT")"
# leave before the engine stops (cleanups run newest first, engines last)
cleanup_push "docker service rm web >/dev/null 2>&1; docker swarm leave --force >/dev/null 2>&1"
docker service create -d --name web --replicas 2 --network host \
	--stop-grace-period 1s --update-delay 0s --update-parallelism 1 \
	--label berth.service=web --label berth.branch=production \
	app:v1 >"$OUT" 2>&1 || bail "service create: $(cat "$OUT")"

svc_replicas() { docker service ls --filter name=web --format '{{.Replicas}}' 2>/dev/null; }
svc_image() { docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' web 2>/dev/null; }
svc_spec_replicas() { docker service inspect -f '{{.Spec.Mode.Replicated.Replicas}}' web 2>/dev/null; }
replicas_are() { [ "$(svc_replicas)" = "$1" ]; }
image_is() { case $(svc_image) in "$1" | "$1"@*) return 0 ;; esac; return 1; }
# end_of STRATEGY: the result of the newest journaled deploy with that strategy
end_of() {
	local id
	id=$(jq -r --arg s "$1" 'select(.ev == "start" and .strategy == $s) | .id' \
		"$BERTH_STATE_DIR/journal.jsonl" 2>/dev/null | tail -n 1)
	[ -n "$id" ] && journal_end_field "$id" result
}
ended() { [ -n "$(end_of "$1")" ]; }
nrecords() { wc -l <"$BERTH_STATE_DIR/journal.jsonl" 2>/dev/null || echo 0; }

wait_until 90 replicas_are 2/2 || bail "web runs 2/2 (docker says $(svc_replicas))"
HOST=$(docker node ls --format '{{.Hostname}}' | head -n 1)
tap_diag "node hostname: $HOST"

tui_start 100 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" || bail "tmux session starts"
tui_wait 20 tui_has "web\.[12]\." || bail "the containers pane shows the service's containers"

# --- services ---------------------------------------------------------------------
tui_keys S
tap_check tui_wait 15 tui_has "^[! ] +web +replicated +2/2 +app:v1" "S opens services: web replicated 2/2 app:v1"
tap_check tui_has "services: 1 \|" "the status bar counts one service and no problem"

# --- tasks ------------------------------------------------------------------------
tui_keys Enter
tap_check tui_wait 10 tui_has "TASK +NODE +STATE +ERROR +AGE" "Enter opens the tasks pane"
if tui_wait 10 tui_has "web\.1 +$HOST +running/running" && tui_has "web\.2 +$HOST +running/running"; then
	tap_ok "tasks: web.1 and web.2 on node $HOST, running/running"
else
	tap_fail "tasks: web.1 and web.2 on node $HOST, running/running"
fi
tui_keys q
tui_wait 5 tui_has "^[! ] +web +replicated" || tap_diag "q did not go back to services"

# --- nodes ------------------------------------------------------------------------
tui_keys N
tap_check tui_wait 10 tui_has "$HOST +manager +active +ready +[^ ]+ +Leader" "N opens nodes: $HOST manager active ready Leader"
tui_keys q
tui_wait 5 tui_has "^[! ] +web +replicated" || tap_diag "q did not go back to services"

# --- scale ------------------------------------------------------------------------
n0=$(nrecords)
tui_keys x
tap_check tui_wait 5 tui_has "Scale web \(now 2 replicas\) to how many\?" "x asks for the number of replicas"
tui_type 3
tui_keys Enter
if tui_wait 5 tui_has "web: scale from 2 to 3 replicas\?" && tui_has "web is on the protected branch 'production'" &&
	tui_has "Type the service.s name, web"; then
	tap_ok "scale asks for the service's name on the protected branch"
else
	tap_fail "scale asks for the service's name on the protected branch"
fi
tui_type web
tui_keys Enter
tap_check tui_wait 90 tui_has "^[! ] +web +replicated +3/3" "after scaling the pane shows 3/3"
if wait_until 30 replicas_are 3/3 && [ "$(svc_spec_replicas)" = 3 ]; then
	tap_ok "docker agrees: 3 replicas, 3/3 running"
else
	tap_fail "docker agrees: 3 replicas ($(svc_spec_replicas), $(svc_replicas))"
fi
wait_until 30 ended swarm-scale
tap_check test "$(end_of swarm-scale)" = succeeded "the scale is journaled: succeeded ($(end_of swarm-scale))"

# --- redeploy ---------------------------------------------------------------------
tui_keys R
tap_check tui_wait 5 tui_has "Redeploy web with which image\?" "R asks for the image"
tap_check tui_has "> app:v1" "the prompt proposes the current image"
tui_keys C-u
tui_type app:v2
tui_keys Enter
tap_check tui_wait 5 tui_has "web: update the image from app:v1 to app:v2" "R confirms from and to image"
tui_type web
tui_keys Enter
tap_check tui_wait 10 tui_has "swarm-update web: app:v1 -> app:v2" "progress shows the update starting"
if wait_until 150 ended swarm-update; then
	tap_check test "$(end_of swarm-update)" = succeeded "the redeploy is journaled: succeeded ($(end_of swarm-update))"
else
	tap_fail "the redeploy ends in the journal within 150 s"
	tui_dump
fi
tap_check image_is app:v2 "docker service inspect shows app:v2 ($(svc_image))"
tap_check tui_wait 10 tui_has "^[! ] +web +replicated +3/3 +app:v2 +completed" "the pane shows app:v2, update completed"
tap_check tui_has "succeeded swarm: update completed" "the pane's progress shows the result"

# --- rollback ---------------------------------------------------------------------
tui_keys B
tap_check tui_wait 5 tui_has "web: roll back to swarm's previous spec \(image app:v1\)" "B confirms the previous image"
tui_type web
tui_keys Enter
if wait_until 150 ended swarm-rollback; then
	tap_check test "$(end_of swarm-rollback)" = succeeded "the rollback is journaled: succeeded ($(end_of swarm-rollback))"
else
	tap_fail "the rollback ends in the journal within 150 s"
	tui_dump
fi
tap_check image_is app:v1 "docker service inspect shows app:v1 again ($(svc_image))"
tap_check tui_wait 10 tui_has "^! +web +replicated +3/3 +app:v1 +rollback_completed" "the pane marks web rolled back (!)"

# --- a redeploy that swarm pauses ---------------------------------------------------
# an image no node has, from a registry on loopback that refuses: the task is
# rejected, swarm pauses the update (failure action "pause"), berth says failed
tui_keys R
tui_wait 5 tui_has "Redeploy web with which image\?" || tap_diag "R did not ask"
tui_keys C-u
tui_type 127.0.0.1:9/berth-none:v9
tui_keys Enter
tui_wait 5 tui_has "update the image from app:v1 to 127.0.0.1:9/berth-none:v9" || tap_diag "no confirmation"
tui_type web
tui_keys Enter
if wait_until 150 eval '[ "$(jq -r "select(.ev == \"start\" and .strategy == \"swarm-update\") | .id" \
	"$BERTH_STATE_DIR/journal.jsonl" | wc -l)" = 2 ] && ended swarm-update'; then
	tap_check test "$(end_of swarm-update)" = failed "a paused update is journaled as failed ($(end_of swarm-update))"
else
	tap_fail "the broken redeploy ends in the journal within 150 s"
	tui_dump
fi
tap_check tui_wait 10 tui_has "^! +web +replicated +[0-9]/3 +127\.0\.0\.1:9/berth-none:.* +paused" \
	"the pane marks web (!) with its update paused"
tap_check tui_has "failed +swarm: paused" "the progress says failed: paused"
# put it back for the read-only checks
docker service update -d --rollback web >/dev/null 2>&1
wait_until 90 image_is app:v1 || tap_diag "swarm rollback by the CLI did not finish"
wait_until 60 replicas_are 3/3 || tap_diag "web is not 3/3 after the CLI rollback"

# --- history ----------------------------------------------------------------------
"$BERTH" history web >"$OUT" 2>&1
sed 's/^/#   /' "$OUT"
tap_check grep -qE "web/production +swarm-update +[^ ]+ +aaaa001#1 +bbbb002#2 +succeeded .*update completed" "$OUT" \
	"history: the redeploy from aaaa001#1 to bbbb002#2 via swarm"
tap_check grep -qE "web/production +swarm-rollback +[^ ]+ +bbbb002#2 +aaaa001#1 +succeeded .*rollback completed" "$OUT" \
	"history: the rollback from bbbb002#2 to aaaa001#1"
tap_check grep -qE "web/production +swarm-scale .*succeeded .*scaled from 2 to 3 replicas" "$OUT" \
	"history: the scale"
tap_check grep -qE "web/production +swarm-update +[^ ]+ +aaaa001#1 +127\.0\.0\.1:9/ +failed .*paused" "$OUT" \
	"history: the paused redeploy, failed"
tap_check test "$(jq -r 'select(.ev == "start" and .strategy == "swarm-update") | .engine' \
	"$BERTH_STATE_DIR/journal.jsonl" | tail -n 1)" = "$DOCKER_HOST" "the journal names the engine"

# --- read-only --------------------------------------------------------------------
tui_keys q
tui_keys q
tui_wait 10 tui_dead || tap_diag "berth did not quit"
tui_stop
n1=$(nrecords)
# this session is 80x24: the services pane fits
tui_start 80 24 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" --read-only || bail "tmux session (read-only) starts"
tui_wait 20 tui_has "web\.[123]\." || tap_diag "read-only: containers not shown"
tui_keys S
tap_check tui_wait 15 tui_has "^[! ] +web +replicated +3/3 +app:v1" "80x24: NAME MODE REPLICAS IMAGE fit"
tui_keys x
tap_check tui_wait 5 tui_has "read-only: scale is disabled" "--read-only: x is refused"
tui_keys R
tap_check tui_wait 5 tui_has "read-only: redeploy is disabled" "--read-only: R is refused"
tui_keys B
tap_check tui_wait 5 tui_has "read-only: rollback is disabled" "--read-only: B is refused"
tui_keys '?'
tui_wait 5 tui_has "keys \(from the keymap table\)" || tap_diag "help did not open"
help=$(tui_cap)
for i in 1 2 3 4; do
	tui_keys PgDn
	sleep 0.3
	help+=$'\n'$(tui_cap)
done
tap_check grep -qE " scale +\[disabled: read-only\]" <<<"$help" "help marks scale disabled"
tui_keys q
sleep 1
tap_check test "$(nrecords)" = "$n1" "--read-only wrote no journal record"
tap_check test "$(svc_spec_replicas)" = 3 "--read-only changed nothing (3 replicas)"

# --- the protected branches from the config: set protected-branches "stage" ------
tui_keys q q
tui_wait 10 tui_dead || tap_diag "berth did not quit"
tui_stop
CFGF=$(mktemp /tmp/bt-swarm-cfg.XXXXXX) || bail "config file"
cleanup_push "rm -f '$CFGF'"
printf 'set protected-branches "stage"\n' >"$CFGF"
tui_start 100 30 "BERTH_STATE_DIR=$BERTH_STATE_DIR" "$BERTH" --config "$CFGF" || bail "tmux session (config) starts"
tui_wait 20 tui_has "web\.[123]\." || tap_diag "config: containers not shown"
tui_keys S
tui_wait 15 tui_has "^[! ] +web +replicated" || tap_diag "config: no services pane"
tui_keys x
tui_wait 5 tui_has "to how many\?" || tap_diag "config: x did not ask"
tui_type 4
tui_keys Enter
yn() { tui_has "web: scale from 3 to 4 replicas\?" && tui_has "y = yes" && tui_lacks "Type the service"; }
tap_check tui_wait 5 yn "config without production: web on production is a y/n"
tui_keys n
docker service update -d --label-add berth.branch=stage web >/dev/null 2>&1 || tap_diag "label-add failed"
sleep 3	# the pane refreshes every 2 s
tui_keys x
tui_wait 5 tui_has "to how many\?" || tap_diag "config: x did not ask"
tui_type 4
tui_keys Enter
named() { tui_has "web is on the protected branch 'stage'" && tui_has "Type the service.s name, web"; }
tap_check tui_wait 5 named "config: web on branch stage asks for the service's name"
tui_type y
tui_keys Enter
sleep 2
tap_check test "$(svc_spec_replicas)" = 3 "config: y on the name prompt scales nothing (3 replicas)"

# --- not a manager ----------------------------------------------------------------
tui_keys q
tui_wait 5 tui_has "[0-9]+ containers?" || tap_diag "q did not go back to the containers"
docker service rm web >/dev/null 2>&1
docker swarm leave --force >/dev/null 2>&1 || tap_diag "swarm leave failed"
tui_keys S
tap_check tui_wait 10 tui_has "not a swarm manager" "S on an engine outside a swarm: not a swarm manager"
tui_keys N
tap_check tui_wait 10 tui_has "not a swarm manager" "N too"
tui_keys q
tui_wait 10 tui_dead
tap_check test "$(tui_exit_status)" = 0 "berth exits 0 ($(tui_exit_status))"
tap_diag "journal records before read-only: $n0 -> $n1"
tap_done
