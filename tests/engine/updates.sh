#!/usr/bin/env bash
# "Newer image available" against a real registry (Debian's docker-registry
# on 127.0.0.1): berth ps --json --check-updates says false while the tag
# is what runs, true once a newer image is pushed under it, null for a
# local image and for every image once the registry has stopped (and no
# error). The engine's debug log counts the requests of one check: one
# registry request per distinct reference, not per container. The
# dashboard marks the rows ('^') and the deploys matrix's cell, and the
# detail pane says so; with the registry gone nothing shows on screen.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/updates.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v docker-registry >/dev/null || bail "docker-registry is installed"
command -v jq >/dev/null || bail "jq is installed"
command -v tmux >/dev/null || bail "tmux is installed"

REG=$(mktemp -d /tmp/bt-reg.XXXXXX) || bail "registry dir"
cleanup_push "rm -rf '$REG'"
PORT=$((30000 + RANDOM % 20000))
cat >"$REG/config.yml" <<CONF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $REG/data
http:
  addr: 127.0.0.1:$PORT
CONF
docker-registry serve "$REG/config.yml" >"$REG/log" 2>&1 &
REG_PID=$!
cleanup_push "kill $REG_PID 2>/dev/null; wait $REG_PID 2>/dev/null"
wait_until 20 curl -fsS -o /dev/null "http://127.0.0.1:$PORT/v2/" || bail "registry answers on 127.0.0.1:$PORT"

ENGINE_EXTRA_ARGS=--debug engine_start || bail "private dockerd (--debug) starts"
bb_image || bail "busybox test image builds"
R=127.0.0.1:$PORT
build() { printf 'FROM bb:latest\nLABEL v=%s\n' "$2" | DOCKER_BUILDKIT=0 docker build -q -t "$1" - >/dev/null; }
build "$R/x:stable" 1 && docker push -q "$R/x:stable" >/dev/null || bail "push $R/x:stable"
build "$R/y:1" 1 && docker push -q "$R/y:1" >/dev/null || bail "push $R/y:1"
run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null || bail "docker run $*"; }
run --name x-a --label berth.service=xs --label berth.branch=main "$R/x:stable" sleep 1000
run --name x-b "$R/x:stable" sleep 1000
run --name x-c "$R/x:stable" sleep 1000
run --name y-a --label berth.service=ys --label berth.branch=main "$R/y:1" sleep 1000
run --name local-a bb:latest sleep 1000

# upd NAME: that container's update_available in $J
upd() { jq -r --arg n "$1" '.[] | select(.name == $n) | .update_available' <<<"$J"; }
nimg() { grep -cE 'Calling GET /v[0-9.]*/images/[^/]+/json' "$ENGINE_DIR/dockerd.log"; }

d0=$(ndist) i0=$(nimg)
J=$(timeout 60 "$BERTH" ps --json --check-updates 2>"$REG/err")
tap_check test "$(upd x-a),$(upd x-b),$(upd x-c),$(upd y-a)" = "false,false,false,false" \
	"--check-updates: false for each container whose tag is what runs"
tap_check test "$(upd local-a)" = null "a local-only image: null"
d1=$(ndist) i1=$(nimg)
tap_check test $((d1 - d0)) -eq 2 "one check, 5 containers on 2 registry references (and a local one): $((d1 - d0)) registry requests"
nimages=$(docker ps -q | xargs docker inspect -f '{{.Image}}' | sort -u | wc -l)
tap_check test $((i1 - i0)) -eq "$nimages" "one image request per distinct image ($((i1 - i0)) for $nimages)"
tap_diag "cost of one check: $((d1 - d0)) GET /distribution + $((i1 - i0)) GET /images/{id}/json for 5 running containers on $nimages distinct images and 2 registry references"
tap_check test "$(jq '[.[] | has("update_available")] | all' <<<"$J")" = true "every container has update_available"
J0=$(timeout 20 "$BERTH" ps --json)
tap_check test "$(jq '[.[] | has("update_available")] | any' <<<"$J0")" = false "without --check-updates: no field, no question"

# a newer image under the same tag
build "$R/x:stable" 2 && docker push -q "$R/x:stable" >/dev/null || bail "push the newer $R/x:stable"
J=$(timeout 60 "$BERTH" ps --json --check-updates 2>>"$REG/err")
tap_check test "$(upd x-a),$(upd x-b),$(upd x-c),$(upd y-a),$(upd local-a)" = "true,true,true,false,null" \
	"after a newer push of x:stable: true for its three containers, false for y, null for local"

# the dashboard: the rows marked within one check, the detail pane says so
tui_start 200 30 "$BERTH" || bail "tmux session starts"
if tui_wait 30 tui_has '^\^ x-a ' && tui_has '^\^ x-b ' && tui_has '^  y-a ' && tui_has '^  local-a '; then
	tap_ok "the containers pane marks x-a and x-b (^), not y-a or local-a"
else
	tap_fail "the containers pane marks x-a and x-b (^), not y-a or local-a"
fi
tui_has "\^$R/x" && tap_ok "the IMAGE cell carries the mark" || { tap_fail "the IMAGE cell carries the mark"; tui_dump; }
tui_keys d
if tui_wait 10 tui_has '^. xs +\. +\^- #' && tui_has '^. ys +\. +- #'; then
	tap_ok "the deploys matrix marks xs/main's cell (^), not ys/main's"
else
	tap_fail "the deploys matrix marks xs/main's cell (^), not ys/main's"
	tui_dump
fi
tui_keys q
tui_wait 5 tui_has 'local-a' || tap_diag "q did not leave the deploys pane"
tui_keys /
tui_type x-a
tui_keys Enter Enter
tui_wait 15 tui_has 'registry +a newer image is available under this tag' && tap_ok "the detail pane says a newer image is available" || { tap_fail "the detail pane says a newer image is available"; tui_dump; }
tui_keys q q q
tui_wait 10 tui_dead || tap_diag "berth did not quit"
tui_stop

# the registry stops: null, and nothing on screen
kill "$REG_PID"
wait "$REG_PID" 2>/dev/null
J=$(timeout 60 "$BERTH" ps --json --check-updates 2>"$REG/err2")
rc=$?
tap_check test "$rc,$(upd x-a),$(upd y-a),$(upd local-a)" = "0,null,null,null" "registry stopped: exit 0, null for all"
tap_check test ! -s "$REG/err2" "registry stopped: nothing on stderr"
updates_quiet_screen "registry stopped: no mark and no error on screen" "$BERTH"
tui_keys q
tap_check tui_wait 10 tui_dead "q quits"
tap_done
