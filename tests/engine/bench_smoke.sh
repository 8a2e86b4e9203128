#!/usr/bin/env bash
# bench/run.sh runs end to end with N = 3 and a short window, and its JSON
# holds every figure. Not a timed assertion: only that figures exist.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
for c in tmux jq; do
	command -v "$c" >/dev/null || bail "$c is installed"
done
OUT=$(mktemp -d /tmp/berth-bench-smoke.XXXXXX) || bail "mktemp"
cleanup_push "rm -rf '$OUT'"

if BERTH=$BERTH bash bench/run.sh --n 3 --window 2 --warmup 1 --events 2 --settle 0 --out "$OUT" \
	>"$OUT/stdout" 2>"$OUT/stderr"; then
	tap_ok "bench/run.sh --n 3 --window 2 exits 0"
else
	tap_fail "bench/run.sh --n 3 --window 2 exits 0"
	dump_file "$OUT/stderr" "bench/run.sh stderr"
fi
J=$(ls "$OUT"/bench-*.json 2>/dev/null | head -n 1)
[ -n "$J" ] && jq -e . "$J" >/dev/null 2>&1 || bail "bench/run.sh wrote a JSON file"
tap_ok "bench/run.sh wrote a JSON file"
tap_check grep -q '^| N | tool |' "$OUT/stdout" "bench/run.sh printed the markdown table"
tap_check test -s "${J%.json}.md" "the markdown table is saved next to the JSON"

# has FILTER DESC: the JSON satisfies the jq FILTER.
jq_true() {
	jq -e "$1" "$J" >/dev/null 2>&1
}
has() {
	tap_check jq_true "$1" "$2"
}
num='type == "number"'
has ".results | length == 1 and .[0].n == 3" "one result, for N = 3"
has ".results[0].idle_engine_cpu_pct | $num" "idle engine baseline"
has ".results[0].create_s | $num" "container creation time"
for t in berth berth-api docker-stats; do
	for f in tool_cpu_pct engine_cpu_pct engine_added_cpu_pct peak_rss_kib term_bytes_per_s; do
		has ".results[0].tools[\"$t\"].$f | $num" "$t: $f"
	done
done
for t in berth berth-api; do
	for f in first_paint_ms all_stats_ms event_p50_ms event_p95_ms \
		tool_cpu_vs_docker_stats engine_added_vs_docker_stats term_bytes_vs_docker_stats; do
		has ".results[0].tools[\"$t\"] | has(\"$f\") and (.$f | $num or . == null)" "$t: $f"
	done
	has ".results[0].tools[\"$t\"].first_paint_ms | $num" "$t: first paint measured"
	has ".results[0].tools[\"$t\"].event_p95_ms | $num" "$t: event latency measured"
	has ".slopes[\"$t\"] | has(\"tool_cpu_pct_per_100\") and has(\"engine_added_cpu_pct_per_100\")" "$t: slope keys"
done
has ".command | test(\"bench/run.sh\")" "the command is recorded"
tap_done
