#!/usr/bin/env bash
# Crash recovery: SIGKILL berth deploy at each step (BERTH_DEPLOY_PAUSE_AT
# makes it stop there deterministically); `berth recover` (which every
# deploy, rollback and the dashboard run first) leaves one correctly named
# running container and journals what it did.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
HC='HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD true'
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' "$HC" || bail "image app:v2"
OUT=/tmp/bt-out.$$
ERR=/tmp/bt-err.$$
cleanup_push "rm -f $OUT $ERR"

docker run -d --name cart-int --network none --label berth.service=cart \
	--label berth.branch=integration --stop-timeout 1 app:v1 >/dev/null || bail "docker run"
wait_healthy cart-int 30 || bail "cart-int healthy"

commit() { ctr '{{index .Config.Labels "berth.commit"}}' cart-int; }

# crash STRATEGY STEP FORWARD: deploy the other image, SIGKILL at STEP,
# recover; FORWARD=1 when the new container had been seen healthy.
crash() {
	local strategy=$1 step=$2 forward=$3 cur target want pid rc did
	cur=$(commit)
	if [ "$cur" = aaaa001 ]; then target=app:v2; else target=app:v1; fi
	want=$cur
	[ "$forward" = 1 ] && want=$(docker image inspect -f '{{index .Config.Labels "berth.commit"}}' "$target")
	BERTH_DEPLOY_PAUSE_AT=$step "$BERTH" deploy cart --branch integration --image "$target" \
		--strategy "$strategy" --timeout 30 >"$OUT" 2>"$ERR" &
	pid=$!
	if ! wait_until 40 grep -q "paused at $step" "$ERR"; then
		tap_fail "$strategy/$step: berth reached the step ($(tail -n 3 "$ERR" "$OUT" | tr '\n' ' '))"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		return
	fi
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	did=$(last_deploy_id)
	tap_diag "killed $strategy at $step: $(unit_containers cart integration | tr '\n' ',')"
	"$BERTH" recover >"$OUT" 2>"$ERR"
	rc=$?
	tap_diag "$(cat "$OUT" "$ERR")"
	tap_check test $rc = 0 -a "$(unit_containers cart integration)" = "cart-int running" \
		"$strategy, SIGKILL after '$step': recovered to one running container named cart-int"
	tap_check test "$(commit)" = "$want" "$strategy/$step: it runs $want ($([ "$forward" = 1 ] && echo forward || echo back))"
	tap_check test "$(jq -r --arg id "$did" 'select(.id == $id and .ev == "end") | "\(.recovered) \(.result)"' \
		"$BERTH_STATE_DIR/journal.jsonl")" = "true $([ "$forward" = 1 ] && echo succeeded || echo "rolled back")" \
		"$strategy/$step: journal records the recovery of $did"
	"$BERTH" recover >"$OUT" 2>"$ERR"
	tap_check test -z "$(cat "$OUT")" "$strategy/$step: a second recover finds nothing to do"
}

crash start-first created 0
crash start-first started 0
crash start-first healthy 1
crash start-first renamed_old 1
crash start-first renamed_new 1
crash start-first stopped_old 1
crash stop-first stopped_old 0
crash stop-first renamed_old 0
crash stop-first created 0
crash stop-first started 0
crash stop-first healthy 1

"$BERTH" history cart >"$OUT" 2>&1
tap_diag "$(cat "$OUT")"
tap_check test "$(grep -c unfinished "$OUT")" = 0 "history shows no unfinished deploy"
tap_done
