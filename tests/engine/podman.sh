#!/usr/bin/env bash
# Podman as an engine: a private `podman system service` (Docker-compatible
# API, Debian's podman 4.3) and every capability of berth that talks to an
# engine, on it: ping, ps (table, --json, --stats from the cgroup files and
# from the API), events (ps --watch), the dashboard's lifecycle actions
# (stop, start, restart, pause, kill, remove), logs, detail, exec, deploy,
# history and rollback, deploy --pull from a registry that wants a login,
# and one dashboard over a dockerd and a Podman service (-H twice).
# Pass 1 only: a sanitizer build skips it (CI time).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/deploy.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
if berth_instrumented; then
	tap_skip "podman engine tests" "pass 1 only (sanitizer build)"
	tap_done
	exit 0
fi
command -v podman >/dev/null || bail "podman is installed"
command -v tmux >/dev/null || bail "tmux is installed"
command -v docker-registry >/dev/null && command -v htpasswd >/dev/null || bail "docker-registry and htpasswd are installed"
W=$(mktemp -d /tmp/bt-pmreg.XXXXXX) || bail "temp dir"
cleanup_push "rm -rf '$W'"
htpasswd -Bbn ci s3cret-pw >"$W/htpasswd" 2>/dev/null || bail "htpasswd writes the password file"
registry_start auth yes || bail "registry with htpasswd auth on 127.0.0.1:$PORT"
REG=127.0.0.1:$PORT
export PODMAN_INSECURE_REGISTRY=$REG
engine_start_podman || bail "private podman service starts"
P_DIR=$ENGINE_DIR
P_HOST=$DOCKER_HOST
bb_image || bail "busybox test image builds (podman build)"
state_dir || bail "state dir"
app_image app:v1 aaaa001 1 'CMD ["sleep", "1000"]' || bail "image app:v1 (docker build through the compat API)"
app_image app:v2 bbbb002 2 'CMD ["sleep", "1000"]' || bail "image app:v2"

OUT=/tmp/bt-podman.$$
cleanup_push "rm -f $OUT $OUT.*"
run() { docker run -d --network host --stop-timeout 1 "$@" >/dev/null || bail "docker run $*"; }
state() { docker inspect -f '{{.State.Status}}' "$1" 2>/dev/null; }
is_state() { [ "$(state "$1")" = "$2" ]; }
gone() { ! docker inspect "$1" >/dev/null 2>&1; }

run --name pm-web --label berth.service=web --label berth.branch=main \
	bb:latest sh -c 'i=0; while :; do echo "line-$i"; i=$((i+1)); sleep 0.2; done'
run --name pm-cpu bb:latest sh -c 'while :; do :; done'
run --name pm-ctl bb:latest sleep 1000
run --name pm-kill bb:latest sleep 1000
run --name pm-rm bb:latest sleep 1000

# --- ping, ps ----------------------------------------------------------------
"$BERTH" ping >"$OUT" 2>&1
tap_check grep -q . "$OUT" "berth ping answers ($(head -n 1 "$OUT"))"
"$BERTH" ps >"$OUT" 2>&1
tap_check grep -qE '^ +pm-web +web/main ' "$OUT" "ps lists pm-web with its unit web/main"
"$BERTH" ps --json >"$OUT.json" 2>"$OUT.err"
n=$(jq 'length' "$OUT.json" 2>/dev/null)
tap_check test "$n" = 5 "ps --json lists the 5 containers ($n)"
img=$(jq -r '.[] | select(.name == "pm-web") | .image' "$OUT.json")
# Podman names a local image by its full name (docs/ENGINES.md)
tap_check test "$img" = localhost/bb:latest "the image is Podman's full name for it ($img)"
st=$(jq -r '.[] | select(.name == "pm-web") | "\(.state) \(.started_at > 0) \(.pid > 0)"' "$OUT.json")
tap_check test "$st" = "running true true" "state, start time and pid are read ($st)"

# --- stats: the local cgroup path and the API --------------------------------
for how in cgroup api; do
	flag=
	[ "$how" = api ] && flag=--stats-api
	"$BERTH" ps --json --stats $flag >"$OUT.json" 2>"$OUT.err"
	row=$(jq -c '.[] | select(.name == "pm-cpu") | {cpu_percent, mem_used, pids, stats_source}' "$OUT.json")
	tap_diag "stats ($how): $row"
	cpu=$(jq -r '.[] | select(.name == "pm-cpu") | .cpu_percent' "$OUT.json")
	mem=$(jq -r '.[] | select(.name == "pm-cpu") | .mem_used' "$OUT.json")
	src=$(jq -r '.[] | select(.name == "pm-cpu") | .stats_source' "$OUT.json")
	if awk -v c="$cpu" -v m="$mem" 'BEGIN { exit !(c > 5 && m > 0) }'; then
		tap_ok "ps --stats ($how): the busy loop shows CPU > 5% and memory ($cpu%, $mem B, from $src)"
	else
		tap_fail "ps --stats ($how): the busy loop shows CPU > 5% and memory ($cpu%, $mem B)"
		tap_diag "$(head -c 600 "$OUT.err")"
	fi
done
tap_check test "$src" = api "--stats-api takes them from the API ($src)"

# --- events: ps --watch sees a stop -------------------------------------------
"$BERTH" ps --json --watch >"$OUT.watch" 2>&1 &
wpid=$!
cleanup_push "kill $wpid 2>/dev/null"
wait_until 10 grep -q '"kind":"snapshot"' "$OUT.watch" || tap_diag "no snapshot: $(head -c 300 "$OUT.watch")"
docker stop -t 1 pm-kill >/dev/null
watch_saw() { grep '"name":"pm-kill"' "$OUT.watch" | grep -q '"state":"exited"'; }
tap_check wait_until 10 watch_saw "events: ps --watch reports pm-kill exited"
docker start pm-kill >/dev/null
watch_back() { grep '"name":"pm-kill"' "$OUT.watch" | tail -n 1 | grep -q '"state":"running"'; }
tap_check wait_until 10 watch_back "and running again after a start"
kill "$wpid" 2>/dev/null
wait "$wpid" 2>/dev/null

# --- the dashboard: lifecycle, logs, detail, exec ------------------------------
status_has() { tui_last_line | grep -qE -- "$1"; }
select_row() {
	tui_keys Escape /
	tui_type "$1"
	tui_keys Enter
	tui_wait 5 tui_has "^. $1 " || tap_diag "could not select $1"
}
act() { # KEY NAME PROMPT-RE|- DESC CHECK...: PROMPT-RE is answered y; - asks nothing
	select_row "$2"
	tui_keys "$1"
	if [ "$3" != - ]; then
		tui_wait 3 tui_has "$3" || tap_diag "no prompt for $1: $(tui_last_line)"
		tui_keys y
	fi
	if wait_until 20 "${@:5}"; then
		tap_ok "$4"
	else
		tap_fail "$4 (state $(state "$2"); status: $(tui_last_line))"
	fi
}
tui_start 120 30 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has '^  pm-ctl ' || bail "the dashboard shows the Podman containers"
# row_shows NAME STATE: the dashboard has seen it (the next key depends on it)
row_shows() { tui_wait 15 tui_has "^. $1 .*$2"; }
act s pm-ctl 'Stop pm-ctl\?' "s stops a container on Podman" is_state pm-ctl exited
row_shows pm-ctl exited
act s pm-ctl - "s starts it again" is_state pm-ctl running
row_shows pm-ctl running
act p pm-ctl 'Pause pm-ctl\?' "p pauses it" is_state pm-ctl paused
tap_check row_shows pm-ctl paused "the row says paused (from Podman's events)"
act p pm-ctl - "p unpauses it" is_state pm-ctl running
row_shows pm-ctl running
t0=$(docker inspect -f '{{.State.StartedAt}}' pm-ctl)
started_later() { [ "$(docker inspect -f '{{.State.StartedAt}}' pm-ctl)" != "$t0" ] && is_state pm-ctl running; }
act r pm-ctl 'Restart pm-ctl\?' "r restarts it (a new start time)" started_later
act K pm-kill 'Kill pm-kill\?' "K kills a container" is_state pm-kill exited
select_row pm-rm
tui_keys D
tui_wait 3 tui_has 'emove .*pm-rm' || tap_diag "no remove prompt: $(tui_last_line)"
tui_keys y
tui_wait 3 tui_has 'volumes' && tui_keys n
tap_check wait_until 20 gone pm-rm "D removes a running container (forced)"
tap_check tui_wait 10 tui_lacks '^. pm-rm ' "and its row goes"

select_row pm-web
tui_keys l
if tui_wait 10 tui_has '^ *line-[0-9]+'; then
	tap_ok "l: the logs pane shows pm-web's output"
else
	tap_fail "l: the logs pane shows pm-web's output"
	tui_dump
fi
last_n() { tui_cap | grep -oE '^ *line-[0-9]+' | tail -n 1 | cut -d- -f2; }
n1=$(last_n)
grows() { [ "$(last_n)" -gt "${n1:-0}" ] 2>/dev/null; }
tap_check tui_wait 10 grows "and follows it (line-$n1, then later lines)"
tui_keys q
tui_wait 5 tui_has '^  NAME'
select_row pm-cpu
tui_keys Enter
if tui_wait 10 tui_has 'pm-cpu' && tui_wait 10 tui_has 'CPU'; then
	tap_ok "Enter: the detail pane of pm-cpu"
else
	tap_fail "Enter: the detail pane of pm-cpu"
	tui_dump
fi
tap_check tui_wait 15 tui_has '^  CPU% .* [1-9][0-9.]*$' "the detail pane graphs the CPU use"
# Podman answers /top's ps arguments 200 with nothing, and its own answer
# as one column: berth asks again without them and splits the columns
tui_keys T
tap_check tui_wait 10 tui_has 'PID +USER +COMMAND' "T: the processes, in Podman's default columns split apart"
tap_check tui_has '^ *1 +[0-9a-z]+ +sh -c while' "pm-cpu's shell is PID 1, its command whole"
tui_keys q
tui_wait 5 tui_has 'pm-cpu' || tap_diag "q did not come back to the detail pane"
tui_keys q
tui_wait 5 tui_has '^  NAME'
select_row pm-web
tui_keys e
tui_wait 5 status_has 'exec: /bin/sh_' || tap_diag "no exec prompt: $(tui_last_line)"
tui_keys Enter
if tui_wait 10 tui_has '^/ #'; then
	tap_ok "e: a shell in pm-web (exec through Podman's hijacked connection)"
else
	tap_fail "e: a shell in pm-web"
	tui_dump
fi
tui_type 'echo from-podman-$((6*7))'
tui_keys Enter
tap_check tui_wait 5 tui_has '^from-podman-42' "a command runs inside and its output shows"
tui_type exit
tui_keys Enter
tap_check tui_wait 10 status_has 'exited \(code 0\)' "exit: back to the dashboard, with the exit code"
tui_stop

# --- deploy, history, rollback -----------------------------------------------
docker run -d --network host --stop-timeout 1 --name shop-main \
	--label berth.service=shop --label berth.branch=main app:v1 >/dev/null || bail "shop-main runs"
"$BERTH" deploy shop --branch main --image app:v2 --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 3 "$OUT")"
tap_check test "$rc" = 0 "deploy shop/main app:v2 on Podman succeeds (rc $rc)"
tap_check test "$(unit_containers shop main)" = "shop-main running" "the unit has one container, running"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-main)" = bbbb002 "it runs app:v2 (commit label bbbb002)"
"$BERTH" history shop --branch main --json >"$OUT.json" 2>&1
h=$(jq -r '.[0] | "\(.result) \(.commit)"' "$OUT.json" 2>/dev/null)
tap_check test "$h" = "succeeded bbbb002" "history: the deploy, succeeded, commit bbbb002 ($h)"
"$BERTH" rollback shop --branch main >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 2 "$OUT")"
tap_check test "$rc" = 0 "rollback on Podman succeeds (rc $rc)"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-main)" = aaaa001 "shop-main runs app:v1 again"
"$BERTH" history shop --branch main --json >"$OUT.json" 2>&1
h=$(jq -r '[.[] | .result] | join(" ")' "$OUT.json" 2>/dev/null)
tap_check test "$h" = "succeeded succeeded" "history shows both, newest first ($h)"
tap_check test "$(jq -r '.[0].rollback_of != null' "$OUT.json")" = true "the newest is the rollback"

# --- deploy --pull from a registry that wants a login, on Podman ---------------
export DOCKER_CONFIG=$W/docker
mkdir -p "$DOCKER_CONFIG"
app_image "$REG/shop:v3" cccc003 3 'CMD ["sleep", "1000"]' || bail "image shop:v3"
echo '{}' >"$DOCKER_CONFIG/config.json"
podman_cli push --tls-verify=false --creds ci:s3cret-pw "$REG/shop:v3" >"$OUT" 2>&1 || bail "podman push: $(tail -n 2 "$OUT")"
podman_cli rmi "$REG/shop:v3" >/dev/null 2>&1
rm -f "$DOCKER_CONFIG/config.json"
"$BERTH" deploy shop --branch main --image "$REG/shop:v3" --pull --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(tail -n 1 "$OUT")"
tap_check test "$rc" = 1 "without credentials Podman's pull is refused, nothing touched (rc $rc)"
tap_check grep -q "wants credentials" "$OUT" "and the message says the registry wants credentials"
printf '{"auths":{"%s":{"auth":"%s"}}}\n' "$REG" "$(printf 'ci:s3cret-pw' | base64)" >"$DOCKER_CONFIG/config.json"
"$BERTH" deploy shop --branch main --image "$REG/shop:v3" --pull --timeout 30 >"$OUT" 2>&1
rc=$?
tap_diag "$(grep pull "$OUT" | tail -n 2)"
tap_check test "$rc" = 0 "with an auths entry Podman pulls and the deploy succeeds (rc $rc)"
tap_check test "$(ctr '{{index .Config.Labels "berth.commit"}}' shop-main)" = cccc003 "shop-main runs the pulled image"
c=$(journal_end_field "$(last_deploy_id)" commit)
tap_check test "$c" = cccc003 "the journal records the pulled commit ($c)"
unset DOCKER_CONFIG

# --- a dockerd and a Podman service in one dashboard -------------------------
engine_start || bail "private dockerd starts"
D_HOST=$DOCKER_HOST
bb_image || bail "busybox image on dockerd"
docker run -d --network none --name dk-one bb:latest sleep 1000 >/dev/null || bail "dk-one runs"
engine_use "$P_DIR"
tui_start 140 30 "$BERTH" -H "dk=$D_HOST" -H "pm=$P_HOST" || bail "tmux session starts"
both() { tui_has '^. dk-one ' && tui_has '^. pm-web '; }
if tui_wait 20 both; then
	tap_ok "-H twice: one dashboard lists dockerd's dk-one and Podman's pm-web"
else
	tap_fail "-H twice: one dashboard lists both engines' containers"
	tui_dump
fi
tap_check tui_wait 10 status_has 'pm' "the status bar names the engines ($(tui_last_line))"
DOCKER_HOST=$P_HOST docker stop -t 1 pm-web >/dev/null
tap_check tui_wait 15 tui_has '^. pm-web .*exited' "a stop on Podman shows in the shared view"
tui_stop
tap_done
