#!/usr/bin/env bash
# berth ps --watch --json survives its engine dying (kill -9) and coming
# back on the same socket: "engine down", then "engine up", a fresh
# snapshot, and containers made after the restart. Twice: kill -9, and a
# clean stop.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"

docker run -d --network none --stop-timeout 1 --name rc-old bb:latest sleep 1000 >/dev/null ||
	bail "docker run rc-old"

W=$ENGINE_DIR/watch.jsonl
"$BERTH" ps --watch --json >"$W" 2>"$ENGINE_DIR/watch.err" &
BPID=$!
cleanup_push "kill $BPID"

# seen SINCE_LINE JQ_FILTER: a line after SINCE_LINE matches; sets SEEN_LINE
# to its line number.
seen() {
	SEEN_LINE=$(tail -n +"$(($1 + 1))" "$W" | jq "select($2) | input_line_number" 2>/dev/null | head -n 1)
	[ -n "$SEEN_LINE" ] || return 1
	SEEN_LINE=$((SEEN_LINE + $1))
}
lines() { wc -l <"$W"; }

wait_until 15 seen 0 '.kind == "snapshot"' || bail "watch prints a snapshot within 15 s"
tap_ok "watch started, snapshot seen"

# cycle HOW NEWNAME: take the engine away (HOW = kill9 | stop), bring it
# back, create NEWNAME, expect down -> up -> snapshot -> NEWNAME.
cycle() {
	local how=$1 new=$2 mark t_up
	mark=$(lines)
	if [ "$how" = kill9 ]; then
		engine_kill9 || tap_diag "kill -9 failed"
	else
		engine_stop || tap_diag "engine stop failed"
	fi
	if wait_until 10 seen "$mark" '.kind == "engine" and .state == "down"'; then
		tap_ok "$how: berth reports engine down"
		mark=$SEEN_LINE
		local msg
		msg=$(sed -n "${SEEN_LINE}p" "$W" | jq -r .message)
		tap_check test -n "$msg" "$how: the down line has a message ($msg)"
	else
		tap_fail "$how: berth reports engine down within 10 s"
		tap_diag "watch since: $(tail -n +"$((mark + 1))" "$W")"
	fi
	if ! kill -0 "$BPID" 2>/dev/null; then
		bail "$how: watcher keeps running while the engine is down"
	fi
	sleep 1
	engine_restart || bail "$how: engine restarts on the same socket"
	t_up=$(now_ns)
	docker run -d --network none --stop-timeout 1 --name "$new" bb:latest sleep 1000 >/dev/null ||
		tap_diag "docker run $new failed"
	if wait_until 10 seen "$mark" '.kind == "engine" and .state == "up"'; then
		tap_ok "$how: berth reports engine up after the restart"
		mark=$SEEN_LINE
	else
		tap_fail "$how: berth reports engine up within 10 s of the restart"
		tap_diag "watch since: $(tail -n +"$((mark + 1))" "$W")"
		return 1
	fi
	if wait_until 10 seen "$mark" ".kind == \"snapshot\""; then
		tap_ok "$how: a fresh snapshot after reconnecting"
	else
		tap_fail "$how: a fresh snapshot after reconnecting"
	fi
	if wait_until 10 seen "$mark" ".kind == \"container\" and .name == \"$new\" and .state == \"running\"" ||
		wait_until 1 snapshot_has "$new"; then
		tap_ok "$how: the container made after the restart shows up ($((($(now_ns) - t_up) / 1000000)) ms after the engine answered)"
	else
		tap_fail "$how: the container made after the restart shows up within 10 s"
		tap_diag "watch since: $(tail -n +"$((mark + 1))" "$W")"
	fi
}

# snapshot_has NAME: ps --json (same engine) knows NAME; used when berth's
# resync already included it in the snapshot instead of an event line.
snapshot_has() {
	timeout 10 "$BERTH" ps --json 2>/dev/null | jq -e --arg n "$1" 'any(.[]; .name == $n)' >/dev/null
}

cycle kill9 rc-new1
# dockerd (no live-restore) stops rc-old while restoring after the crash.
mark=0
if wait_until 15 seen "$mark" '.kind == "container" and .name == "rc-old" and .state == "exited"' ||
	timeout 10 "$BERTH" ps --json | jq -e '.[] | select(.name == "rc-old") | .state == "exited"' >/dev/null; then
	tap_ok "kill9: rc-old shows exited after the engine restored it"
else
	tap_fail "kill9: rc-old shows exited after the engine restored it"
fi
cycle stop rc-new2

n_snap=$(jq -s 'map(select(.kind == "snapshot")) | length' "$W" 2>/dev/null)
tap_check test "${n_snap:-0}" -ge 3 "three snapshots: start and two reconnects ($n_snap)"
if kill -0 "$BPID" 2>/dev/null; then
	tap_ok "watcher still running"
else
	tap_fail "watcher still running: $(head -c 500 "$ENGINE_DIR/watch.err")"
fi
tap_done
