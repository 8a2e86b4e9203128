#!/usr/bin/env bash
# A 30 s dashboard session under valgrind (memcheck) with every pane and a
# real action: no leaks (definitely or indirectly lost) and no errors.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
command -v valgrind >/dev/null || bail "valgrind is installed"
if nm "$BERTH" 2>/dev/null | grep -qE '__asan_init|__tsan_init'; then
	tap_skip "valgrind session" "sanitizer build (valgrind runs on the plain build)"
	tap_done
	exit 0
fi
engine_start || bail "private dockerd starts"
bb_image || bail "busybox test image builds"
docker run -d --network none --name vg-one --stop-timeout 1 -e DB_PASSWORD=x \
	bb:latest sh -c 'while :; do echo tick; sleep 0.2; done' >/dev/null || bail "a container runs"
docker run -d --network none --name vg-two --stop-timeout 1 bb:latest sleep 100000 >/dev/null

VG=$(mktemp /tmp/bvg.XXXXXX)
cleanup_push "rm -f '$VG'"
tui_start 120 30 "valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --track-fds=no --log-file=$VG $BERTH" ||
	bail "tmux starts"
tui_wait 60 tui_has 'vg-two' || bail "the dashboard comes up under valgrind"
t0=$(date +%s)
step() { tui_keys "$@"; sleep 1.5; }
step j; step k; step o; step O; step a; step a
step '?'; step Escape
step / ; tui_type vg-one; step Enter
step Enter; step x; step Escape			# detail, reveal, back
step l; step t; step w; step Escape		# logs, timestamps, wrap, back
step E; step Escape				# events
step Escape					# clear the filter
step /; tui_type vg-two; step Enter
step r; step y					# restart vg-two, confirmed
tui_wait 20 tui_has 'restarted vg-two|restart' || tap_diag "no restart message seen"
while [ $(($(date +%s) - t0)) -lt 30 ]; do step j; done
tui_keys q
if tui_wait 60 tui_dead; then
	tap_ok "session of $(($(date +%s) - t0)) s ended with q (status $(tui_exit_status))"
else
	tap_fail "berth under valgrind quits on q"
fi
defl=$(grep -o 'definitely lost: [0-9,]* bytes' "$VG" | tail -n 1)
indl=$(grep -o 'indirectly lost: [0-9,]* bytes' "$VG" | tail -n 1)
errs=$(grep -o 'ERROR SUMMARY: [0-9]* errors' "$VG" | tail -n 1)
# "All heap blocks were freed" replaces the leak lines when nothing is left
if grep -q 'All heap blocks were freed' "$VG" ||
	{ [[ $defl == "definitely lost: 0 bytes" ]] && [[ $indl == "indirectly lost: 0 bytes" ]]; }; then
	tap_ok "no leaks (${defl:-all heap blocks freed}${indl:+, $indl})"
else
	tap_fail "leaks: $defl, $indl"
	sed 's/^/# /' "$VG" | head -n 60
fi
if [[ $errs == "ERROR SUMMARY: 0 errors" ]]; then
	tap_ok "no memory errors ($errs)"
else
	tap_fail "$errs"
	sed 's/^/# /' "$VG" | head -n 60
fi
tap_done
