#!/usr/bin/env bash
# berth ps --json against docker's own view, for containers in several states;
# the text table's SERVICE/BRANCH; --running; --stats; ping; --version/--help;
# an unreachable engine.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"

out=$("$BERTH" --version 2>&1)
rc=$?
tap_check test "$rc" -eq 0 -a -n "$out" "berth --version exits 0 and prints something ($out)"
out=$("$BERTH" --help 2>&1)
rc=$?
tap_check test "$rc" -eq 0 "berth --help exits 0"
if grep -q 'ps' <<<"$out" && grep -qE -- '--json' <<<"$out"; then
	tap_ok "berth --help mentions ps and --json"
else
	tap_fail "berth --help mentions ps and --json"
fi

# --- unreachable engine -----------------------------------------------------
dead="unix:///tmp/berth-nosuch-$$.sock"
DOCKER_HOST=$dead timeout 20 "$BERTH" ps --json >/tmp/bt-out.$$ 2>/tmp/bt-err.$$
rc=$?
nerr=$(wc -l </tmp/bt-err.$$)
nout=$(wc -c </tmp/bt-out.$$)
err=$(cat /tmp/bt-err.$$)
rm -f /tmp/bt-out.$$ /tmp/bt-err.$$
tap_check test "$rc" -eq 1 "ps --json with a dead socket exits 1 (got $rc)"
tap_check test "$nerr" -eq 1 -a "$nout" -eq 0 "dead socket: exactly one line on stderr, nothing on stdout ($nerr lines, $nout bytes)"
if [[ $err == "berth: cannot reach the Docker engine at $dead: "* ]]; then
	tap_ok "dead socket message names the endpoint"
else
	tap_fail "dead socket message names the endpoint: '$err'"
fi
DOCKER_HOST=$dead timeout 20 "$BERTH" ping >/dev/null 2>&1
tap_check test $? -eq 1 "ping with a dead socket exits 1"

# --- a private engine ---------------------------------------------------------
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
D=$ENGINE_DIR

out=$(timeout 20 "$BERTH" ping 2>&1)
rc=$?
tap_check test "$rc" -eq 0 "ping exits 0 against the private engine"
if [[ $out =~ ^unix://$D/docker\.sock\ 1\.[0-9]+$ ]]; then
	tap_ok "ping prints 'ENDPOINT API-VERSION' ($out)"
else
	tap_fail "ping prints 'ENDPOINT API-VERSION' (got '$out')"
fi
out=$(env -u DOCKER_HOST timeout 20 "$BERTH" -H "unix://$D/docker.sock" ping 2>&1)
tap_check test $? -eq 0 "-H URL works without DOCKER_HOST ($out)"

run() { docker run -d --network none --stop-timeout 1 "$@" >/dev/null; }
L="--label berth.service=shop --label berth.branch=production --label berth.commit=abc1234 --label berth.build=42"
# shellcheck disable=SC2086
run --name ps-running $L bb:latest sleep 1000 || bail "docker run ps-running"
run --name ps-exit3 bb:latest sh -c 'exit 3' || bail "docker run ps-exit3"
docker create --network none --name ps-created bb:latest sleep 1 >/dev/null || bail "docker create"
run --name ps-paused bb:latest sleep 1000 && docker pause ps-paused >/dev/null
run --name ps-healthy --health-cmd true --health-interval 1s bb:latest sleep 1000
run --name ps-unhealthy --health-cmd false --health-interval 1s --health-retries 1 bb:latest sleep 1000
run --name ps-ok --label org.opencontainers.image.revision=fedcba9 \
	--label org.opencontainers.image.version=7 bb:latest true

st() { docker inspect -f "$2" "$1" 2>/dev/null; }
settled() {
	[ "$(st ps-exit3 '{{.State.Status}}')" = exited ] &&
		[ "$(st ps-ok '{{.State.Status}}')" = exited ] &&
		[ "$(st ps-healthy '{{.State.Health.Status}}')" = healthy ] &&
		[ "$(st ps-unhealthy '{{.State.Health.Status}}')" = unhealthy ]
}
wait_until 20 settled || tap_diag "containers did not settle: $(docker ps -a)"
have_paused=0
[ "$(st ps-paused '{{.State.Status}}')" = paused ] && have_paused=1

json=$(timeout 20 "$BERTH" ps --json 2>/tmp/bt-err.$$)
rc=$?
tap_check test "$rc" -eq 0 "ps --json exits 0 ($(head -c 200 /tmp/bt-err.$$))"
rm -f /tmp/bt-err.$$
if jq -e 'type == "array"' >/dev/null 2>&1 <<<"$json"; then
	tap_ok "ps --json prints a JSON array"
else
	tap_fail "ps --json prints a JSON array: $(head -c 300 <<<"$json")"
	json='[]'
fi

docker_ids=$(docker ps -a --no-trunc --format '{{.ID}}')
berth_ids=$(jq -r '.[].id' <<<"$json")
tap_check test "$docker_ids" = "$berth_ids" "ps --json lists the same ids as docker ps -a, in the engine's order ($(wc -l <<<"$docker_ids") containers)"

# Every container: name, state, health, exit code, image, image_id.
for id in $docker_ids; do
	ins=$(docker inspect "$id" | jq '.[0]')
	exp=$(jq -c '{
		id: .Id,
		name: (.Name | ltrimstr("/")),
		image: .Config.Image,
		image_id: .Image,
		state: .State.Status,
		health: (.State.Health.Status // "none"),
		exit_code: .State.ExitCode
	}' <<<"$ins")
	got=$(jq -c --arg id "$id" '.[] | select(.id == $id) |
		{id, name, image, image_id, state, health, exit_code}' <<<"$json")
	name=$(jq -r .name <<<"$exp")
	if [ "$exp" = "$got" ]; then
		tap_ok "$name: id, name, image, image_id, state, health, exit_code match docker inspect"
	else
		tap_fail "$name: fields match docker inspect"
		tap_diag "docker: $exp"
		tap_diag "berth:  $got"
	fi
done

obj() { jq -c --arg n "$1" '.[] | select(.name == $n)' <<<"$json"; }
o=$(obj ps-running)
tap_check test "$(jq -r '[.service, .branch, .commit, .build] | join(" ")' <<<"$o")" = "shop production abc1234 42" \
	"deploy identity from berth.* labels (service branch commit build)"
tap_check test "$(jq -r '.labels["berth.commit"]' <<<"$o")" = abc1234 "labels object carries the labels"
pid=$(st ps-running '{{.State.Pid}}')
tap_check test "$(jq -r .pid <<<"$o")" = "$pid" "pid of a running container matches docker ($pid)"
started=$(date -d "$(st ps-running '{{.State.StartedAt}}')" +%s)
created=$(date -d "$(st ps-running '{{.Created}}')" +%s)
tap_check test "$(jq -r .started_at <<<"$o")" = "$started" "started_at is the engine's StartedAt in unix seconds"
tap_check test "$(jq -r .created <<<"$o")" = "$created" "created is the engine's Created in unix seconds"
tap_check test "$(jq -r '.ports | type' <<<"$o")" = array "ports is an array"
o=$(obj ps-ok)
tap_check test "$(jq -r '[.service, .branch, .commit, .build] | join(" ")' <<<"$o")" = "ps-ok latest fedcba9 7" \
	"identity fallbacks: name, image tag, OCI revision/version labels ($(jq -c '[.service, .branch, .commit, .build]' <<<"$o"))"
# --- the text table: SERVICE/BRANCH is service/branch, as in the dashboard ------
table=$(timeout 20 "$BERTH" ps 2>/dev/null)
row_is() { grep -qE "^. $1 +$2 +bb:latest " <<<"$table"; }
tap_check row_is ps-running shop/production "berth ps: SERVICE/BRANCH shows shop/production for ps-running"
tap_check row_is ps-ok ps-ok/latest "berth ps: SERVICE/BRANCH shows the image tag as the branch (ps-ok/latest)"
tap_check row_is ps-created ps-created/latest "berth ps: a created container's row has its branch too"
o=$(obj ps-exit3)
fin=$(date -d "$(st ps-exit3 '{{.State.FinishedAt}}')" +%s)
tap_check test "$(jq -r .finished_at <<<"$o")" = "$fin" "finished_at of an exited container"

# --- --running --------------------------------------------------------------
rjson=$(timeout 20 "$BERTH" ps --json --running 2>/dev/null)
tap_check test $? -eq 0 "ps --json --running exits 0"
bad=$(jq -r '.[] | select(.state != "running" and .state != "paused") | .name' <<<"$rjson" 2>&1)
tap_check test -z "$bad" "ps --json --running shows no stopped containers ($bad)"
want=$(docker ps --no-trunc --filter status=running --format '{{.ID}}' | sort)
got=$(jq -r '.[] | select(.state == "running") | .id' <<<"$rjson" | sort)
tap_check test "$want" = "$got" "ps --json --running lists every running container"
if [ "$have_paused" = 1 ]; then
	tap_diag "paused container in --running: $(jq -r '[.[] | select(.state == "paused") | .name] | join(",")' <<<"$rjson")"
fi

# --- --stats ----------------------------------------------------------------
check_stats() {
	local src=$1 sjson
	shift
	sjson=$(timeout 30 "$BERTH" ps --json --stats "$@" 2>/dev/null)
	tap_check test $? -eq 0 "ps --json --stats${*:+ $*} exits 0"
	local o
	o=$(jq -c '.[] | select(.name == "ps-running")' <<<"$sjson")
	if jq -e '(.cpu_percent | type == "number") and (.mem_used | type == "number")
		and (.mem_limit | type == "number") and .mem_limit > 0
		and (.net_rx_rate | type == "number") and (.net_tx_rate | type == "number")' >/dev/null 2>&1 <<<"$o"; then
		tap_ok "ps --stats${*:+ $*}: cpu_percent, mem_used, mem_limit, net rates on a running container"
	else
		tap_fail "ps --stats${*:+ $*}: stats fields on a running container: $o"
	fi
	local s
	s=$(jq -r .stats_source <<<"$o" 2>/dev/null)
	if [ -n "$src" ]; then
		tap_check test "$s" = "$src" "stats_source is $src ($s)"
	else
		tap_check test "$s" = cgroup -o "$s" = api "stats_source is cgroup or api ($s)"
	fi
	o=$(jq -c '.[] | select(.name == "ps-exit3")' <<<"$sjson")
	tap_check test "$(jq -r 'has("cpu_percent")' <<<"$o" 2>/dev/null)" = false "no stats on an exited container"
}
check_stats "" 
check_stats api --stats-api

tap_done
