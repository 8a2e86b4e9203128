#!/usr/bin/env bash
# Real registries: Debian's docker-registry on 127.0.0.1 with htpasswd
# auth, `docker login` writing a private DOCKER_CONFIG, then `berth deploy
# --pull` sends X-Registry-Auth from it (an `auths` entry, then a
# credential helper named by credsStore, docker-credential-test on PATH),
# shows pull progress on stderr, and journals the pulled image's commit and
# build. Without credentials, or with wrong ones, the pull fails with a
# message that says so and nothing changes. A registry without auth pulls
# anonymously.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
for prog in docker-registry htpasswd jq python3; do
	command -v "$prog" >/dev/null || bail "$prog is installed (docker-registry, apache2-utils, jq, python3)"
done
state_dir || bail "state dir"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

W=$(mktemp -d /tmp/bt-reg.XXXXXX) || bail "temp dir"
cleanup_push "rm -rf '$W'"
OUT=$W/out

registry_login auth

# app:v1 runs; app:v2 (commit cafe002, build 77) is only in the registry
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1"
app_image "$REG/shop:v2" cafe002 77 'CMD ["sleep", "1000"]' 'ENV PAD=x' || bail "image shop:v2"
has_auth() { jq -e --arg r "$REG" '.auths[$r].auth' "$DOCKER_CONFIG/config.json" >/dev/null; }
tap_check has_auth "docker login wrote an auths entry"
docker push -q "$REG/shop:v2" >"$OUT" 2>&1 || bail "docker push: $(cat "$OUT")"
docker rmi -f "$REG/shop:v2" >/dev/null 2>&1
docker run -d --network none --stop-timeout 1 --name shop-main \
	--label berth.service=shop --label berth.branch=main app:v1 >/dev/null || bail "shop-main runs"
# deploy_pull REF [ARG...]: berth deploy shop/main REF --pull; sets rc, output in $OUT
deploy_pull() {
	local ref=$1
	shift
	"$BERTH" deploy shop --branch main --image "$ref" --pull --timeout 30 "$@" >"$OUT" 2>&1
	rc=$?
	tap_diag "$(tail -n 1 "$OUT")"
}
running_commit() { ctr '{{index .Config.Labels "berth.commit"}}' shop-main; }
has_image() { docker image inspect "$1" >/dev/null 2>&1; }

# --- no credentials: refused, clearly, nothing changed -------------------------
mv "$DOCKER_CONFIG/config.json" "$W/config.saved"
before=$(ctr '{{.Id}}' shop-main)
deploy_pull "$REG/shop:v2"
tap_check test "$rc" != 0 "without credentials the pull fails (rc $rc)"
tap_check grep -q "wants credentials.*docker login $REG" "$OUT" "the message says the registry wants credentials and how to log in"
tap_check test "$(ctr '{{.Id}}' shop-main)" = "$before" "the unit's container is untouched"
res=$(journal_end_field "$(last_deploy_id)" result)
tap_check test "$res" = failed "journaled as failed ($res)"

# --- wrong password: refused, and the message says whose ------------------------
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$REG" "$(printf 'ci:wrong' | base64)" >"$DOCKER_CONFIG/config.json"
deploy_pull "$REG/shop:v2"
tap_check test "$rc" != 0 "with a wrong password the pull fails (rc $rc)"
tap_check grep -q "refused the credentials for $REG from $DOCKER_CONFIG/config.json" "$OUT" "the message names the refused credentials and their file"
tap_check test "$(ctr '{{.Id}}' shop-main)" = "$before" "nothing changed"

# --- the auths entry docker login wrote: pulled, progress, journal ---------------
mv "$W/config.saved" "$DOCKER_CONFIG/config.json"
deploy_pull "$REG/shop:v2"
tap_diag "$(grep -E 'pull' "$OUT" | head -n 4)"
tap_check test "$rc" = 0 "with docker login's credentials, deploy --pull succeeds (rc $rc)"
tap_check test "$(running_commit)" = cafe002 "shop-main runs the pulled image (commit cafe002)"
tap_check grep -qE 'pulling .*: [0-9]+/[0-9]+ layers' "$OUT" "pull progress on the CLI: layers pulled of layers"
np=$(grep -c 'pulling ' "$OUT")
tap_check test "$np" -le 12 "progress is throttled ($np lines)"
id=$(last_deploy_id)
c=$(journal_end_field "$id" commit)
b=$(journal_end_field "$id" build)
tap_check test "$c/$b" = cafe002/77 "the journal records the pulled image's commit and build ($c/$b)"
h=$("$BERTH" history shop --branch main --json | jq -r '.[0] | "\(.commit) \(.build) \(.result)"')
tap_check test "$h" = "cafe002 77 succeeded" "berth history shows them ($h)"

# --- credsStore: docker-credential-test on PATH -------------------------------
cred_helper "$W/bin" "$W/helper.log" "$REG" || bail "docker-credential-test"
app_image "$REG/shop:v3" cafe003 78 'CMD ["sleep", "1000"]' 'ENV PAD=y' || bail "image shop:v3"
docker push -q "$REG/shop:v3" >/dev/null 2>&1 || bail "docker push shop:v3"
printf '{"auths":{"%s":{}},"credsStore":"test"}\n' "$REG" >"$DOCKER_CONFIG/config.json"
docker rmi -f "$REG/shop:v3" >/dev/null 2>&1
PATH="$W/bin:$PATH" deploy_pull "$REG/shop:v3"
tap_check test "$rc" = 0 "credsStore: deploy --pull with docker-credential-test succeeds (rc $rc)"
tap_check grep -qx "get $REG" "$W/helper.log" "the helper was run as 'get' with the registry on stdin"
tap_check test "$(running_commit)" = cafe003 "shop-main runs shop:v3"
deploy_pull "$REG/shop:v3"
tap_check test "$rc" != 0 "a credsStore helper that is not on PATH fails the pull (rc $rc)"
tap_check grep -q "docker-credential-test" "$OUT" "and the message names the helper"

# --- a registry without auth: anonymous ---------------------------------------
registry_start open no || bail "registry without auth answers"
OPEN=127.0.0.1:$PORT
docker tag "$REG/shop:v3" "$OPEN/shop:v3" 2>/dev/null || app_image "$OPEN/shop:v3" cafe003 78 'CMD ["sleep", "1000"]' 'ENV PAD=y'
docker push -q "$OPEN/shop:v3" >/dev/null 2>&1 || bail "docker push to the open registry"
docker rmi -f "$OPEN/shop:v3" >/dev/null 2>&1
rm -f "$DOCKER_CONFIG/config.json"
deploy_pull "$OPEN/shop:v3" --force
tap_check test "$rc" = 0 "an open registry: deploy --pull without any docker config succeeds (rc $rc)"
tap_check has_image "$OPEN/shop:v3" "the image was pulled"
tap_done
