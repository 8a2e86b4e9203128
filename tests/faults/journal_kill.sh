#!/usr/bin/env bash
# SIGKILL during 1,000 concurrent journal appends from 4 processes (three
# rounds into the same journal): every complete record is readable, each
# writer's records are whole and in order with no gaps, and the reader
# reports at most one torn tail.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

DRV=tests/faults/journal_append
[ -x "$DRV" ] || bail "$DRV is built (make check)"
[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
D=$(mktemp -d /tmp/bjk.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap

for round in 1 2 3; do
	pids=()
	for w in a b c d; do
		"$DRV" "$D" "w$w$round" 250 2>/dev/null &
		pids+=($!)
	done
	# kill somewhere in the middle of the appends
	sleep "0.$((RANDOM % 4 + 1))"
	kill -KILL "${pids[@]}" 2>/dev/null
	wait "${pids[@]}" 2>/dev/null
done
J=$D/journal.jsonl
lines=$(wc -l <"$J")
tap_check test "$lines" -gt 0 "the writers appended before they were killed ($lines complete lines)"

res=$(python3 - "$J" <<'PY'
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
)
read -r bad tail gaps good writers <<<"$res"
tap_check test "$bad" = 0 "every complete line is a readable record ($good records from $writers writers, $bad unreadable)"
tap_check test "$gaps" = 0 "each writer's records are in order with no gaps ($gaps writers with gaps)"
tap_diag "bytes after the last newline (a torn tail): $tail"
torn=$("$BERTH" history --state-dir "$D" --json 2>&1 >/dev/null | grep -c 'torn or corrupt')
tap_check test "$torn" -le 1 "berth history reports at most one torn line ($torn)"
n=$("$BERTH" history --state-dir "$D" --json 2>/dev/null | jq 'length' 2>/dev/null)
tap_check test -n "$n" "berth history reads the journal after the kills ($n entries)"
tap_done
