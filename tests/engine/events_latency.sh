#!/usr/bin/env bash
# berth ps --watch --json reports each container change within 1 s of the
# docker CLI command that made it (events, not polling).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

LIMIT_NS=1000000000
run() { docker run -d --network none --stop-timeout 1 "$@"; }
ID_A=$(docker create --network none --stop-timeout 1 --name lat-a bb:latest sleep 1000) || bail "docker create lat-a"
ID_B=$(run --name lat-b bb:latest sleep 1000) || bail "docker run lat-b"
NSTART=$(docker ps -aq | wc -l)

W=$ENGINE_DIR/watch.jsonl
"$BERTH" ps --watch --json >"$W" 2>"$ENGINE_DIR/watch.err" &
BPID=$!
cleanup_push "kill $BPID"

has_snapshot() { grep -q '"kind": *"snapshot"' "$W"; }
if ! wait_until 15 has_snapshot; then
	tap_diag "watch output: $(head -c 2000 "$W")"
	tap_diag "watch stderr: $(head -c 2000 "$ENGINE_DIR/watch.err")"
	bail "ps --watch --json prints a snapshot line within 15 s"
fi
tap_ok "ps --watch --json prints a snapshot line"

bad=$(grep -v '^[[:space:]]*$' "$W" | jq -R 'fromjson? // "BAD"' 2>/dev/null | grep -c '^"BAD"$')
tap_check test "$bad" -eq 0 "every watch line is one JSON object ($bad bad)"
n=$(jq -rs 'map(select(.kind == "snapshot")) | .[0].count' "$W" 2>/dev/null)
tap_check test "$n" = "$NSTART" "snapshot count is the number of containers ($n vs $NSTART)"
t=$(jq -rs 'map(select(.kind == "snapshot")) | .[0].t' "$W" 2>/dev/null)
now=$(now_ns)
if [[ $t =~ ^[0-9]+$ ]] && [ $((now - t)) -lt 60000000000 ] && [ $((now - t)) -gt -5000000000 ]; then
	tap_ok "t is nanoseconds since the epoch"
else
	tap_fail "t is nanoseconds since the epoch (t=$t, now=$now)"
fi
if grep -q '"kind": *"engine"' "$W"; then
	up=$(jq -rs 'map(select(.kind == "engine")) | .[0].state' "$W")
	tap_check test "$up" = up "engine line says up before the snapshot ($up)"
fi

# first_match SINCE_LINE JQ_FILTER: the first line after line SINCE_LINE that
# matches; sets MATCH_T (its t) or returns 1.
first_match() {
	MATCH_T=$(tail -n +"$(($1 + 1))" "$W" | jq -c "select($2) | .t" 2>/dev/null | head -n 1)
	[ -n "$MATCH_T" ]
}

# measure DESC JQ_FILTER CMD...: run CMD, then wait up to 5 s for a watch
# line matching JQ_FILTER; the latency is its t minus the time CMD returned
# (negative when berth shows the change before the CLI has returned), and
# the TAP line also gives the time since CMD started.
measure() {
	local desc=$1 filter=$2 before t_ret t_start lat
	shift 2
	before=$(wc -l <"$W")
	t_start=$(now_ns)
	if ! "$@" >/dev/null; then
		tap_fail "$desc: command failed: $*"
		return 1
	fi
	t_ret=$(now_ns)
	if ! wait_until 5 first_match "$before" "$filter"; then
		tap_fail "$desc: no watch line matching $filter within 5 s"
		tap_diag "lines since: $(tail -n +"$((before + 1))" "$W")"
		return 1
	fi
	lat=$((MATCH_T - t_ret))
	local what="$desc reported $((lat / 1000000)) ms after the CLI returned, $(((MATCH_T - t_start) / 1000000)) ms after it started (limit 1000 ms)"
	if [ "$lat" -le "$LIMIT_NS" ]; then
		tap_ok "$what"
	else
		tap_fail "$what"
	fi
}

C='.kind == "container"'
measure "start" "$C and .id == \"$ID_A\" and .state == \"running\"" docker start lat-a
measure "stop" "$C and .id == \"$ID_A\" and .state == \"exited\"" docker stop -t 1 lat-a
measure "create" "$C and .name == \"lat-c\" and .state == \"created\"" \
	docker create --network none --name lat-c bb:latest sleep 1000
measure "kill" "$C and .id == \"$ID_B\" and .state == \"exited\" and .exit_code == 137" docker kill lat-b
measure "rename" "$C and .id == \"$ID_B\" and .name == \"lat-b2\"" docker rename lat-b lat-b2
measure "rm" ".kind == \"removed\" and .id == \"$ID_B\"" docker rm lat-b2
measure "run" "$C and .name == \"lat-d\" and .state == \"running\"" \
	docker run -d --network none --stop-timeout 1 --name lat-d bb:latest sleep 1000
run_exit5() {
	docker run --network none --name lat-e bb:latest sh -c 'exit 5'
	[ $? -eq 5 ]
}
measure "exit code" "$C and .name == \"lat-e\" and .state == \"exited\" and .exit_code == 5" run_exit5

# Health: no CLI command makes it change, so measure from the engine's own
# health_status event time.
before=$(wc -l <"$W")
t0=$(date +%s)
ID_H=$(run --name lat-h --health-cmd false --health-interval 1s --health-retries 1 bb:latest sleep 1000)
hfilter="$C and .id == \"$ID_H\" and .health == \"unhealthy\""
if wait_until 15 first_match "$before" "$hfilter"; then
	ev_t=$(timeout 10 docker events --since "$t0" --until "$(($(date +%s) + 1))" \
		--filter "container=$ID_H" --format '{{json .}}' |
		jq -r 'select(.Action | startswith("health_status: unhealthy")) | .timeNano' | head -n 1)
	if [[ $ev_t =~ ^[0-9]+$ ]]; then
		lat=$((MATCH_T - ev_t))
		if [ "$lat" -le "$LIMIT_NS" ]; then
			tap_ok "health -> unhealthy reported in $((lat / 1000000)) ms after the engine's event (limit 1000 ms)"
		else
			tap_fail "health -> unhealthy reported in $((lat / 1000000)) ms after the engine's event (limit 1000 ms)"
		fi
	else
		tap_fail "docker events shows the health_status event ($ev_t)"
	fi
else
	tap_fail "health -> unhealthy shows up in the watch stream within 15 s"
	tap_diag "lines since: $(tail -n +"$((before + 1))" "$W")"
fi

if kill -0 "$BPID" 2>/dev/null; then
	tap_ok "watcher still running"
else
	wait "$BPID"
	tap_fail "watcher still running (exited $?): $(head -c 500 "$ENGINE_DIR/watch.err")"
fi
tap_done
