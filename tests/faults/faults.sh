#!/usr/bin/env bash
# berth against a fake engine that misbehaves in one way at a time
# (tests/faults/fake_engine.py): `berth ps --json` must fail (or succeed)
# with a clear one-line message and no crash or leak; the dashboard must
# show the problem in its status bar, keep answering keys, and keep its
# memory under the stated bound.
#
# Bound: a response body is capped at 32 MiB (dockerapi/dapi.c), so RSS
# stays under 32 MiB + 40 MiB of program and curses state = 72 MiB
# (not checked under ASan, whose shadow memory makes RSS meaningless).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v python3 >/dev/null || bail "python3 is installed"

D=$(mktemp -d /tmp/bfault.XXXXXX)
SOCK=$D/fake.sock
FAKE_PID=
stop_fake() {
	if [ -n "$FAKE_PID" ]; then
		kill "$FAKE_PID" 2>/dev/null
		wait "$FAKE_PID" 2>/dev/null
	fi
	FAKE_PID=
}
cleanup_push "stop_fake; rm -rf '$D'"
engine_trap

asan=0
# ASan and TSan builds keep shadow memory and quarantines: RSS is
# meaningless there, so the bound is checked on the plain build only
if nm "$BERTH" 2>/dev/null | grep -qE '__asan_init|__tsan_init'; then
	asan=1
fi
RSS_BOUND_KB=$((72 * 1024))

start_fake() {
	stop_fake
	rm -f "$SOCK"
	python3 tests/faults/fake_engine.py "$SOCK" "$1" &
	FAKE_PID=$!
	wait_until 10 curl -s -m 1 --unix-socket "$SOCK" http://x/_ping -o /dev/null ||
		{ tap_fail "$1: fake engine starts"; return 1; }
}

# ps MODE WANT_RC STDERR_REGEX [MAX_SECONDS]
check_ps() {
	local mode=$1 want=$2 re=$3 max=${4:-5} rc t0 t1 err nerr
	start_fake "$mode" || return
	t0=$(now_ns)
	timeout 40 "$BERTH" -H "unix://$SOCK" ps --json >"$D/out" 2>"$D/err"
	rc=$?
	t1=$(now_ns)
	err=$(cat "$D/err")
	nerr=$(grep -cv '^$' "$D/err")
	ms=$(((t1 - t0) / 1000000))
	if [ "$rc" = "$want" ] && [[ $err =~ $re ]] && { [ "$want" = 0 ] || [ "$nerr" = 1 ]; } &&
		[ "$ms" -le $((max * 1000)) ]; then
		tap_ok "ps $mode: exit $rc in $ms ms: ${err:-(no message)}"
	else
		tap_fail "ps $mode: exit $rc (want $want) in $ms ms (max ${max}s), $nerr stderr lines: $err"
	fi
}

check_ps ok 0 '^$'
check_ps malformed 1 'bad container list from engine: .*not valid JSON'
check_ps wrongshape 1 'expected a JSON array'
check_ps truncated 1 'transfer closed|remaining'
check_ps huge 1 'engine response too large'
check_ps trickle 1 'timed out|Timeout' 20
check_ps hang 1 'timed out|Timeout' 20
check_ps http500 1 'internal boom'
check_ps http409 1 'conflict, try later'
check_ps oldapi 1 'API 1.12 is older than the oldest supported, 1.25'
check_ps eventgarbage 0 '^$'
# inspect answers 404: the containers are gone, so the list is empty
start_fake http404 && {
	out=$(timeout 30 "$BERTH" -H "unix://$SOCK" ps --json 2>&1)
	tap_check test "$out" = "[]" "ps http404: containers whose inspect says 404 are dropped (got $out)"
}

# The dashboard for each fault: message in the status bar, keys answer,
# process alive, memory bounded.
tui_fault() {
	local mode=$1 re=$2 t0 ms pid rss
	start_fake "$mode" || return
	tui_start 100 20 "$BERTH" -H "unix://$SOCK" || { tap_fail "tui $mode: starts"; return; }
	if tui_wait 15 tui_has "$re"; then
		tap_ok "tui $mode: status bar says /$re/"
	else
		tap_fail "tui $mode: status bar says /$re/: $(tui_cap | tail -n 1)"
	fi
	t0=$(now_ns)
	tui_keys '?'
	ms=
	for _ in $(seq 250); do	# poll every 20 ms, for up to ~5 s
		if tui_has 'keys \(from the keymap table\)'; then
			ms=$((($(now_ns) - t0) / 1000000))
			break
		fi
		sleep 0.02
	done
	if [ -n "$ms" ]; then
		tap_ok "tui $mode: '?' answered in $ms ms while the engine misbehaves"
	else
		tap_fail "tui $mode: '?' did not answer within 5 s"
	fi
	tui_keys Escape
	pid=$(pgrep -n -f -- "-H unix://$SOCK" 2>/dev/null)
	if [ -n "$pid" ]; then
		rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
		if [ "$asan" = 1 ]; then
			tap_skip "tui $mode: peak RSS $rss kB" "sanitizer build"
		else
			tap_check test "${rss:-999999}" -le "$RSS_BOUND_KB" "tui $mode: peak RSS $rss kB <= $RSS_BOUND_KB kB"
		fi
	else
		tap_fail "tui $mode: berth is still running"
	fi
	tui_keys q
	wait_until 10 tui_dead || tap_fail "tui $mode: q quits"
	tui_stop 2>/dev/null
}

tui_fault malformed 'disconnected.*bad container list'
tui_fault huge 'disconnected.*too large'
tui_fault hang 'connected|disconnected'
tui_fault eventcut 'disconnected.*events stream ended|connected'
tui_fault eventgarbage '2 containers'
stop_fake
tap_done
