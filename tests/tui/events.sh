#!/usr/bin/env bash
# The events pane: E opens it, a `docker stop` shows up within a couple of
# seconds with time, type, action and name; / filters; network and volume
# events show too; q and Esc go back to the containers pane.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v tmux >/dev/null || bail "tmux is installed"
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --stop-timeout 1 --name te-one bb:latest sleep 1000 >/dev/null || bail "docker run"
docker run -d --network none --stop-timeout 1 --name te-two bb:latest sleep 1000 >/dev/null || bail "docker run"

tui_start 80 24 "$BERTH" || bail "tmux session starts"
tui_wait 15 tui_has 'te-two' || bail "rows drawn"
tui_keys E
if tui_wait 3 tui_has 'TIME +TYPE +ACTION +NAME'; then
	tap_ok "E opens the events pane (TIME TYPE ACTION NAME)"
else
	tap_fail "E opens the events pane"
fi
# event_row ACTION NAME: a row "HH:MM:SS container ACTION NAME"
event_row() {
	tui_cap | grep -qE "^ *[0-9]{2}:[0-9]{2}:[0-9]{2} +container +$1 +$2 *$"
}
docker stop -t 1 te-one >/dev/null
t0=$(now_ns)
if tui_wait 3 event_row stop te-one; then
	ms=$((($(now_ns) - t0) / 1000000))
	tap_ok "docker stop: 'container stop te-one' shown $ms ms after the CLI returned (limit 3000)"
else
	tap_fail "docker stop: 'container stop te-one' shown within 3 s"
fi
tui_wait 3 event_row die te-one && tap_ok "the die event is shown too" || tap_fail "the die event is shown too"
first=$(tui_cap | sed -n 2p)
if [[ $first =~ (stop|die)\ +te-one ]]; then
	tap_ok "newest events first ($first)"
else
	tap_fail "newest events first ($first)"
fi
# the time is the event's (local time, within a minute of now)
t=$(tui_cap | grep -E 'stop +te-one' | awk '{ print $1 }' | head -n 1)
ev_s=$(date -d "$t" +%s 2>/dev/null)
now_s=$(date +%s)
if [ -n "$ev_s" ] && [ $((now_s - ev_s)) -ge 0 ] && [ $((now_s - ev_s)) -lt 60 ]; then
	tap_ok "the row's time $t is the event's"
else
	tap_fail "the row's time '$t' is the event's (now $(date +%T))"
fi

docker volume create te-vol >/dev/null || bail "docker volume create"
docker network create --internal te-net >/dev/null || bail "docker network create"
tui_wait 3 tui_has 'volume +create +te-vol' && tap_ok "volume events are shown" || tap_fail "volume events are shown"
tui_wait 3 tui_has 'network +create +te-net' && tap_ok "network events are shown" || tap_fail "network events are shown"

# --- filter ------------------------------------------------------------------------
tui_keys /
tui_type te-vol
tui_keys Enter
only_vol() {
	local rows
	rows=$(tui_cap | grep -cE '^ *[0-9]{2}:[0-9]{2}:[0-9]{2} ')
	[ "$rows" = 1 ] && tui_has 'volume +create +te-vol'
}
if tui_wait 3 only_vol; then
	tap_ok "/te-vol leaves the one volume event"
else
	tap_fail "/te-vol leaves the one volume event"
fi
docker stop -t 1 te-two >/dev/null
sleep 1.5
if only_vol; then
	tap_ok "new events that do not match stay hidden"
else
	tap_fail "new events that do not match stay hidden"
fi
tui_keys /
tui_keys Escape
tui_wait 3 event_row stop te-two && tap_ok "/ Esc clears the filter: te-two's stop is there" ||
	tap_fail "/ Esc clears the filter: te-two's stop is there"

# --- back ----------------------------------------------------------------------------
containers_pane() { tui_has 'NAME +SERVICE' && tui_lacks 'TIME +TYPE'; }
tui_keys q
if tui_wait 3 containers_pane && ! tui_dead; then
	tap_ok "q goes back to the containers pane"
else
	tap_fail "q goes back to the containers pane"
fi
tui_keys E
tui_wait 3 tui_has 'TIME +TYPE' || tap_diag "events pane did not reopen"
if tui_has 'stop +te-two'; then
	tap_ok "the events are kept while the pane is closed"
else
	tap_fail "the events are kept while the pane is closed"
fi
tui_keys Escape
if tui_wait 3 containers_pane; then
	tap_ok "Esc goes back to the containers pane"
else
	tap_fail "Esc goes back to the containers pane"
fi
tui_keys q
tui_wait 5 tui_dead && tap_check test "$(tui_exit_status)" = 0 "q then quits, status 0"
tui_stop
docker network rm te-net >/dev/null
tap_done
