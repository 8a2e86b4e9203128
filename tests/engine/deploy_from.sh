#!/usr/bin/env bash
# The first deploy of a unit: `berth deploy SERVICE --branch B --image REF
# --from TEMPLATE` creates the unit's container from the template's
# configuration (env, labels, restart policy), gives it the unit's identity
# and name, and journals it; without --from it is refused with a reason.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
state_dir || bail "state dir"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"
docker run -d --network none --stop-timeout 1 --name shop-integration \
	--label berth.service=shop --label berth.branch=integration \
	-e VIRTUAL_HOST=shop-int.example -e MODE=int --restart unless-stopped \
	app:v1 >/dev/null || bail "template shop-integration runs"

OUT=/tmp/bt-from.$$
cleanup_push "rm -f $OUT"
"$BERTH" deploy shop --branch validation --image app:v2 >"$OUT" 2>&1
rc=$?
tap_check test "$rc" != 0 "a first deploy without --from is refused (rc $rc): $(tail -n 1 "$OUT")"
tap_check test -z "$(unit_containers shop validation)" "and creates nothing"

"$BERTH" deploy shop --branch validation --image app:v2 --from shop-integration \
	--name shop-validation --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 5 "$OUT")"
tap_check test "$rc" = 0 "first deploy with --from succeeds (rc $rc)"
tap_check test "$(unit_containers shop validation)" = "shop-validation running" "the unit has its container, running, with the given name"
tap_check test "$(ctr '{{index .Config.Labels "berth.branch"}}' shop-validation)" = validation "it carries the unit's branch label"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-validation)" = bbbb002 "and the new image's commit"
env=$(ctr '{{range .Config.Env}}{{println .}}{{end}}' shop-validation)
tap_check grep -qx 'VIRTUAL_HOST=shop-int.example' <<<"$env" "env copied from the template"
tap_check test "$(ctr '{{.HostConfig.RestartPolicy.Name}}' shop-validation)" = unless-stopped "restart policy copied from the template"
tap_check test "$(unit_containers shop integration)" = "shop-integration running" "the template is untouched"
res=$(journal_end_field "$(last_deploy_id)" result)
tap_check test "$res" = succeeded "journaled as succeeded ($res)"

# --pull from a registry that does not answer (loopback port 1): the pull
# fails, the deploy is refused before anything is touched. (No registry is
# reachable here, so a successful pull is not tested.)
before=$(docker inspect -f '{{.Id}}' shop-validation)
"$BERTH" deploy shop --branch validation --image 127.0.0.1:1/shop:v9 --pull --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 3 "$OUT")"
tap_check test "$rc" != 0 "--pull from an unreachable registry fails (rc $rc)"
tap_check grep -qi 'pull' "$OUT" "the message says the pull failed"
tap_check test "$(docker inspect -f '{{.Id}}' shop-validation)" = "$before" "the unit's container is untouched"
tap_done
