#!/usr/bin/env bash
# The newer-image check against a registry behind htpasswd auth: the
# GET /distribution/{ref}/json requests carry the docker CLI's credentials
# (X-Registry-Auth). With docker login's auths entry in DOCKER_CONFIG,
# `berth ps --json --check-updates` says false while the tag is what runs
# and true after a newer push under it; without credentials, null and
# nothing on stderr; with a credential helper (credsStore test,
# docker-credential-test on PATH) true again. The dashboard (the jobs
# threads' path) marks the rows with the helper's credentials, and shows
# no mark and no error without them. One registry request per distinct
# reference, counted in the engine's debug log.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
. tests/lib/updates.sh
engine_trap
[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v docker-registry >/dev/null && command -v htpasswd >/dev/null && command -v jq >/dev/null &&
	command -v tmux >/dev/null || bail "docker-registry, htpasswd (apache2-utils), jq and tmux are installed"
W=$(mktemp -d /tmp/bt-updauth.XXXXXX) || bail "temp dir"
cleanup_push "rm -rf '$W'"
htpasswd -Bbn ci s3cret-pw >"$W/htpasswd" 2>/dev/null || bail "htpasswd writes the password file"
registry_start auth yes || bail "registry with htpasswd auth answers on 127.0.0.1:$PORT"
R=127.0.0.1:$PORT
ENGINE_EXTRA_ARGS=--debug engine_start || bail "private dockerd (--debug) starts"
bb_image || bail "busybox test image builds"

LOGIN=$W/login NONE=$W/none HELP=$W/helper
mkdir -p "$LOGIN" "$NONE" "$HELP" "$W/bin"
echo s3cret-pw | DOCKER_CONFIG=$LOGIN docker login -u ci --password-stdin "$R" >"$W/out" 2>&1 ||
	bail "docker login $R: $(cat "$W/out")"
export DOCKER_CONFIG=$LOGIN
build() { printf 'FROM bb:latest\nLABEL v=%s\n' "$2" | DOCKER_BUILDKIT=0 docker build -q -t "$1" - >/dev/null; }
build "$R/x:stable" 1 && docker push -q "$R/x:stable" >/dev/null || bail "push $R/x:stable"
build "$R/y:1" 1 && docker push -q "$R/y:1" >/dev/null || bail "push $R/y:1"
run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null || bail "docker run $*"; }
run --name x-a "$R/x:stable" sleep 1000
run --name x-b "$R/x:stable" sleep 1000
run --name y-a "$R/y:1" sleep 1000

cred_helper "$W/bin" "$W/helper.log" "$R" || bail "docker-credential-test"
printf '{"auths":{"%s":{}},"credsStore":"test"}\n' "$R" >"$HELP/config.json"

upd() { jq -r --arg n "$1" '.[] | select(.name == $n) | .update_available' <<<"$J"; }
# check CONFIG_DIR [PATH]: berth ps --json --check-updates with that docker config into $J
check() { J=$(DOCKER_CONFIG=$1 PATH=${2:-$PATH} timeout 60 "$BERTH" ps --json --check-updates 2>"$W/err"); }

d0=$(ndist)
check "$LOGIN"
tap_check test "$(upd x-a),$(upd x-b),$(upd y-a)" = "false,false,false" \
	"docker login's credentials: false while each tag is what runs"
d1=$(ndist)
tap_check test $((d1 - d0)) -eq 2 "3 containers on 2 references: $((d1 - d0)) registry requests"

build "$R/x:stable" 2 && docker push -q "$R/x:stable" >/dev/null || bail "push the newer $R/x:stable"
check "$LOGIN"
tap_check test "$(upd x-a),$(upd x-b),$(upd y-a)" = "true,true,false" \
	"after a newer push of x:stable: true for x-a and x-b, false for y-a"

check "$NONE"
tap_check test "$(upd x-a),$(upd x-b),$(upd y-a)" = "null,null,null" "no credentials: null for all"
tap_check test ! -s "$W/err" "no credentials: nothing on stderr"
d2=$(ndist)
tap_check test $((d2 - d1)) -eq 4 "still one request per reference per check ($((d2 - d1)) for two checks)"

check "$HELP" "$W/bin:$PATH"
tap_check test "$(upd x-a),$(upd x-b),$(upd y-a)" = "true,true,false" \
	"credsStore test (docker-credential-test on PATH): true, true, false"
tap_check grep -qx "get $R" "$W/helper.log" "the helper was asked for $R"
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$R" "$(printf 'ci:wrong' | base64)" >"$W/wrong.json"
mkdir -p "$W/wrong" && mv "$W/wrong.json" "$W/wrong/config.json"
check "$W/wrong"
tap_check test "$(upd x-a),$(upd y-a)" = "null,null" "refused credentials: null"
tap_check test ! -s "$W/err" "refused credentials: nothing on stderr"

# the dashboard: its check runs on the jobs threads, credentials and all
rm -f "$W/helper.log"
tui_start 160 30 "env DOCKER_CONFIG='$HELP' PATH='$W/bin:$PATH' $BERTH" || bail "tmux session starts"
if tui_wait 30 tui_has '^\^ x-a ' && tui_has '^\^ x-b ' && tui_has '^  y-a '; then
	tap_ok "the dashboard, with the helper's credentials: x-a and x-b marked (^), y-a not"
else
	tap_fail "the dashboard, with the helper's credentials: x-a and x-b marked (^), y-a not"
	tui_dump
fi
tap_check grep -qx "get $R" "$W/helper.log" "the dashboard ran the helper"
tui_keys q
tui_wait 10 tui_dead || tap_diag "berth did not quit"
tui_stop

updates_quiet_screen "no credentials: no mark and no error on screen" "env DOCKER_CONFIG='$NONE' $BERTH"
tui_keys q
tap_check tui_wait 10 tui_dead "q quits"
tap_done
