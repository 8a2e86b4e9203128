#!/usr/bin/env bash
# CPU% and memory from berth (cgroup path and API path) against
# `docker stats --no-stream`, for a CPU burner and an idle container.
# Tolerance: CPU within 25 percentage points (the two tools sample different
# 1-2 s windows on a shared 2-core machine); memory within 15% or 512 KiB.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
engine_trap

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
engine_start || bail "private engine starts"
bb_image || bail "busybox image builds"

docker run -d --network none --name burner bb:latest sh -c 'while :; do :; done' >/dev/null ||
	bail "burner starts"
# The idle one holds ~16 MiB in a shell variable so memory is not trivially 0.
docker run -d --network none --name holder -m 256m bb:latest \
	sh -c 'x=$(yes aaaaaaaaaaaaaaa | head -c 16000000); while :; do sleep 1000; done' >/dev/null ||
	bail "holder starts"
sleep 3

# docker stats' numbers: "burner 99.87% 120KiB / 23.5GiB"
read_docker() {
	docker stats --no-stream --format '{{.Name}} {{.CPUPerc}} {{.MemUsage}}' |
		awk -v n="$1" '$1 == n { gsub("%", "", $2); print $2, $3 }'
}
to_bytes() {	# "15.3MiB" -> bytes
	awk -v v="$1" 'BEGIN {
		n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
		m = 1
		if (u == "KiB" || u == "kB") m = 1024
		if (u == "MiB" || u == "MB") m = 1048576
		if (u == "GiB" || u == "GB") m = 1073741824
		printf "%.0f\n", n * m }'
}

for path in cgroup api; do
	flag=""
	[ "$path" = api ] && flag="--stats-api"
	json=$(timeout 30 "$BERTH" ps --json --stats $flag) || { tap_fail "$path: berth ps --json --stats runs"; continue; }
	read -r d_cpu d_mem <<<"$(read_docker burner)"
	b_cpu=$(jq -r '.[] | select(.name=="burner") | .cpu_percent' <<<"$json")
	src=$(jq -r '.[] | select(.name=="burner") | .stats_source' <<<"$json")
	tap_check test "$src" = "$path" "$path: stats come from the $path path (got $src)"
	if awk -v a="$b_cpu" -v b="$d_cpu" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 5 && d <= 25) }'; then
		tap_ok "$path: burner CPU% berth=$b_cpu docker=$d_cpu (within 25 points)"
	else
		tap_fail "$path: burner CPU% berth=$b_cpu docker=$d_cpu (within 25 points)"
	fi
	read -r _ d_mem <<<"$(read_docker holder)"
	d_bytes=$(to_bytes "$d_mem")
	b_bytes=$(jq -r '.[] | select(.name=="holder") | .mem_used' <<<"$json")
	b_limit=$(jq -r '.[] | select(.name=="holder") | .mem_limit' <<<"$json")
	if awk -v a="$b_bytes" -v b="$d_bytes" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 1000000 && (d <= 524288 || d <= b * 0.15)) }'; then
		tap_ok "$path: holder memory berth=$b_bytes docker=$d_bytes bytes ($d_mem)"
	else
		tap_fail "$path: holder memory berth=$b_bytes docker=$d_bytes bytes ($d_mem)"
	fi
	tap_check test "$b_limit" = 268435456 "$path: holder memory limit is 256 MiB (got $b_limit)"
done
tap_done
