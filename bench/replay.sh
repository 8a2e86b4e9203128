#!/usr/bin/env bash
# bench/replay.sh - the deterministic micro-benchmark (make bench-replay):
# instructions per container per tick, counted by callgrind while
# bench/replay replays N containers' list, inspect, events and stats
# through the decoders, the model and the renderer.
#
#   bench/replay.sh [REPLAY_BINARY] [N...]     (default: ./bench/replay, 10 100 300)
#
# Env: TICKS (default 30), BERTH_TEST_DATA (default tests/data).
set -u
BIN=${1:-./bench/replay}
shift $(($# > 0 ? 1 : 0))
NS=${*:-10 100 300}
TICKS=${TICKS:-30}
command -v valgrind >/dev/null || { echo "bench-replay: needs valgrind" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench-replay: no $BIN (make bench/replay)" >&2; exit 1; }
tmp=$(mktemp -d /tmp/berth-replay.XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT

printf '| path | N | ticks | instructions per tick | per container per tick |\n'
printf '|---|---:|---:|---:|---:|\n'
for path in cgroup api; do
	for n in $NS; do
		f=$tmp/cg.$path.$n
		if ! valgrind --tool=callgrind --toggle-collect=replay_ticks \
			--callgrind-out-file="$f" "$BIN" --n "$n" --ticks "$TICKS" --path "$path" \
			>"$tmp/log" 2>&1; then
			echo "bench-replay: replay failed:" >&2
			tail -n 20 "$tmp/log" >&2
			exit 1
		fi
		ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$f")
		awk -v p="$path" -v n="$n" -v t="$TICKS" -v ir="$ir" 'BEGIN {
			printf "| %s | %d | %d | %.0f | %.0f |\n", p, n, t, ir / t, ir / t / n }'
	done
done
