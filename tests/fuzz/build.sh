#!/bin/sh
# Builds every tests/fuzz/fuzz_*.c into OUTDIR with libFuzzer, ASan and UBSan.
# Usage: tests/fuzz/build.sh OUTDIR
# The first line of each target names the .c files it links, relative to
# the top of the tree: /* sources: dockerapi/decode.c xmalloc.c */
# CC (default clang) and FUZZ_CFLAGS (extra flags) may be set.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi
mkdir -p "$1"
out=$(cd "$1" && pwd)
cd "$(dirname "$0")/../.."

cc=${CC:-clang}
cflags=$(pkg-config --cflags jansson)
libs=$(pkg-config --libs jansson)
status=0
for src in tests/fuzz/fuzz_*.c; do
	[ -e "$src" ] || continue
	name=$(basename "$src" .c)
	first=$(head -n 1 "$src")
	case $first in
	"/* sources:"*"*/")
		sources=$(printf '%s\n' "$first" |
		    sed 's|^/\* sources:||; s|\*/$||')
		;;
	*)
		echo "$src: first line must be /* sources: FILE.c ... */" >&2
		status=1
		continue
		;;
	esac
	echo "build $name:$sources" >&2
	# word splitting of $sources and the flag lists is intended
	# shellcheck disable=SC2086
	if ! $cc -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined ${FUZZ_CFLAGS:-} -I. $cflags \
	    $sources "$src" -o "$out/$name" $libs; then
		echo "$src: build failed" >&2
		rm -f "$out/$name"
		status=1
	fi
done
exit $status
