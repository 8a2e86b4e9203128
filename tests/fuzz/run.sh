#!/bin/sh
# Builds the fuzz targets into tests/fuzz/bin, then runs each for SECONDS
# on a temporary copy of its seed corpus, tests/fuzz/corpus/<name minus
# fuzz_>/, and prints one TAP line per target. Crash inputs are kept in
# tests/fuzz/bin/crashes/<name>/. Usage: tests/fuzz/run.sh [SECONDS]
set -u

secs=${1:-30}
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/bin

# build output goes to stderr: stdout is TAP only
"$here/build.sh" "$bin" >&2

n=0
for src in "$here"/fuzz_*.c; do
	[ -e "$src" ] && n=$((n + 1))
done
echo "1..$n"

i=0
fails=0
for src in "$here"/fuzz_*.c; do
	[ -e "$src" ] || continue
	i=$((i + 1))
	name=$(basename "$src" .c)
	if [ ! -x "$bin/$name" ]; then
		echo "not ok $i - fuzz $name (did not build)"
		fails=$((fails + 1))
		continue
	fi
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/berth-fuzz.XXXXXX")
	mkdir "$tmp/corpus" "$tmp/artifacts"
	seeds=$here/corpus/${name#fuzz_}
	if [ -d "$seeds" ]; then
		cp -R "$seeds/." "$tmp/corpus/"
	fi
	"$bin/$name" -max_total_time="$secs" -timeout=25 -print_final_stats=1 \
	    -artifact_prefix="$tmp/artifacts/" "$tmp/corpus" >"$tmp/log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/log" |
	    tail -n 1)
	if [ $rc -eq 0 ]; then
		echo "ok $i - fuzz $name (${execs:-0} execs)"
	else
		echo "not ok $i - fuzz $name (${execs:-?} execs, exit $rc)"
		fails=$((fails + 1))
		mkdir -p "$bin/crashes/$name"
		cp "$tmp/artifacts/"* "$bin/crashes/$name/" 2>/dev/null
		tail -n 30 "$tmp/log" | sed 's/^/# /'
	fi
	rm -rf "$tmp"
done
[ $fails -eq 0 ]
