#!/bin/sh
# Builds the fuzz targets into tests/fuzz/bin, then runs each for SECONDS
# on a temporary copy of its seed corpus, tests/fuzz/corpus/<name minus
# fuzz_>/, two at a time (this machine has two cores), and prints one TAP
# line per target with its executions and coverage. Crash inputs are kept
# in tests/fuzz/bin/crashes/<name>/. Usage: tests/fuzz/run.sh [SECONDS]
# Without SECONDS, the targets share a budget of FUZZ_BUDGET target-seconds
# (default 480: 4 minutes of wall time at two jobs), at least 10 s each, so
# CI's time stays put as targets are added.
set -u

jobs=${FUZZ_JOBS:-2}
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/bin
work=$(mktemp -d "${TMPDIR:-/tmp}/berth-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# build output goes to stderr: stdout is TAP only
"$here/build.sh" "$bin" >&2

# fuzz_one NAME: run one target; leaves $work/NAME.tap
fuzz_one() {
	name=$1
	d=$work/$name
	mkdir -p "$d/corpus" "$d/artifacts"
	if [ ! -x "$bin/$name" ]; then
		echo "not ok - fuzz $name (did not build)" >"$work/$name.tap"
		return
	fi
	seeds=$here/corpus/${name#fuzz_}
	[ -d "$seeds" ] && cp -R "$seeds/." "$d/corpus/"
	"$bin/$name" -max_total_time="$secs" -timeout=25 -print_final_stats=1 \
	    -artifact_prefix="$d/artifacts/" "$d/corpus" >"$d/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$d/log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$d/log" | tail -n 1 | cut -d' ' -f2)
	ncorp=$(ls "$d/corpus" | wc -l)
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz $name (${execs:-0} execs in ${secs}s, coverage ${cov:-?} edges, corpus $ncorp)" >"$work/$name.tap"
	else
		{
			echo "not ok - fuzz $name (${execs:-?} execs, exit $rc)"
			tail -n 30 "$d/log" | sed 's/^/# /'
		} >"$work/$name.tap"
		mkdir -p "$bin/crashes/$name"
		cp "$d/artifacts/"* "$bin/crashes/$name/" 2>/dev/null
	fi
}

names=
for src in "$here"/fuzz_*.c; do
	[ -e "$src" ] && names="$names $(basename "$src" .c)"
done
ntargets=$(echo $names | wc -w)
secs=${1:-$(( ${FUZZ_BUDGET:-480} / (ntargets > 0 ? ntargets : 1) ))}
[ "$secs" -lt 10 ] && secs=10
running=0
for name in $names; do
	fuzz_one "$name" &
	running=$((running + 1))
	if [ $running -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

n=0
fails=0
for name in $names; do
	n=$((n + 1))
done
echo "1..$n"
i=0
for name in $names; do
	i=$((i + 1))
	sed "1s/^\(not ok\|ok\) -/\1 $i -/" "$work/$name.tap"
	grep -q '^not ok' "$work/$name.tap" && fails=$((fails + 1))
done
[ $fails -eq 0 ]
