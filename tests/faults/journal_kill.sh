#!/usr/bin/env bash
# SIGKILL during 1,000 concurrent journal appends from 4 processes: every
# complete record is readable, each writer's records are whole and in order
# with no gaps, and the reader reports at most one torn tail.  Then two more
# kills into the same journal.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

DRV=tests/faults/journal_append
[ -x "$DRV" ] || bail "$DRV is built (make check)"
[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
D=$(mktemp -d /tmp/bjk.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap

# One kill: 4 writers x 250 appends, SIGKILLed together somewhere in the
# middle.  A write() that crosses a page boundary can be cut by SIGKILL, so
# the kill may leave one torn tail (never more: O_APPEND writes to one file
# are serialized by the kernel).
# Under ASan the writers run without the exit-time leak check: a writer that
# is SIGKILLed while LeakSanitizer stops its threads leaves a tracer report
# ("Unable to get registers from thread"), which is the kill, not a leak.
# journal_append's leaks are checked by tests/unit/check_journal.
drv_asan=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
kill_round() {	# round
	local pids=() w
	for w in a b c d; do
		ASAN_OPTIONS=$drv_asan "$DRV" "$D" "w$w$1" 250 2>/dev/null &
		pids+=($!)
	done
	sleep "0.$((RANDOM % 4 + 1))"
	kill -KILL "${pids[@]}" 2>/dev/null
	wait "${pids[@]}" 2>/dev/null
}
J=$D/journal.jsonl
# prints: unreadable complete lines, bytes after the last newline, writers
# with gaps, readable records, writers
scan() {
	python3 - "$J" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
parts = raw.split(b"\n")
tail = parts[-1]          # bytes after the last newline: a torn tail, if any
bad = 0
seqs = {}
for p in parts[:-1]:
    try:
        r = json.loads(p)
    except ValueError:
        bad += 1
        continue
    seqs.setdefault(r["branch"], []).append(r["seq"])
gaps = sum(1 for s in seqs.values() if s != list(range(len(s))))
print(bad, len(tail), gaps, sum(len(s) for s in seqs.values()), len(seqs))
PY
}
torn_reports() { "$BERTH" history --state-dir "$D" --json 2>&1 >/dev/null | grep -c 'torn or corrupt'; }

kill_round 1
lines=$(wc -l <"$J")
tap_check test "$lines" -gt 0 "the writers appended before they were killed ($lines complete lines)"
read -r bad tail gaps good writers <<<"$(scan)"
tap_check test "$bad" = 0 "every complete line is a readable record ($good records from $writers writers, $bad unreadable)"
tap_check test "$gaps" = 0 "each writer's records are in order with no gaps ($gaps writers with gaps)"
tap_diag "bytes after the last newline (a torn tail): $tail"
torn=$(torn_reports)
tap_check test "$torn" -le 1 "berth history reports at most one torn line ($torn)"
n=$("$BERTH" history --state-dir "$D" --json 2>/dev/null | jq 'length' 2>/dev/null)
tap_check test -n "$n" "berth history reads the journal after the kill ($n entries)"

# Two more kills into the same journal: each new writer ends a torn tail
# before appending, so a torn record never swallows a whole one.
kill_round 2
kill_round 3
read -r bad tail gaps good writers <<<"$(scan)"
tap_check test "$gaps" = 0 "after 3 kills no writer lost a record it finished ($good records from $writers writers)"
tap_check test "$bad" -le 2 "after 3 kills at most one torn line per earlier kill ($bad)"
torn=$(torn_reports)
tap_check test "$torn" = "$((bad + (tail > 0)))" "berth history reports each torn line ($torn)"
tap_done
