#!/usr/bin/env bash
# make distcheck, in a copy of the source tree: the tarball builds with
# --enable-werror in a read-only source tree, runs its unit and lint tests
# (make check there runs nothing that needs an engine), installs and
# uninstalls cleanly; the tarball carries no build products, and a build
# from it prints the version without a commit (a checkout's, with one).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/pkg.sh

ORIG=$PWD
D=$(mktemp -d /tmp/btd.XXXXXX)
cleanup_push "chmod -R u+w '$D' 2>/dev/null; rm -rf '$D'"
engine_trap
src_copy "$D/src" || bail "the source tree is copied (a git checkout)"
cd "$D/src" || bail "cd $D/src"
t0=$SECONDS
if ! { autoreconf -fi && ./configure --enable-werror; } >"$D/configure.log" 2>&1; then
	bail "autoreconf and configure: $(tail -n 5 "$D/configure.log")"
fi
# (at the default -O2: -O0 sees other -Wformat-truncation cases, and
# --enable-werror makes them errors)
quiet_make -j2 distcheck >"$D/distcheck.log" 2>&1
rc=$?
tap_diag "make distcheck took $((SECONDS - t0)) s (configure included)"
if [ "$rc" = 0 ] && grep -q 'archives ready for distribution' "$D/distcheck.log"; then
	tap_ok "make distcheck passes: $(grep -A1 'archives ready' "$D/distcheck.log" | tail -n 1)"
else
	tap_fail "make distcheck passes (rc $rc): $(grep -E '^(FAIL|ERROR)|error:' "$D/distcheck.log" | head -n 5) $(tail -n 8 "$D/distcheck.log")"
	[ -n "${BERTH_TEST_LOGDIR:-}" ] && cp "$D/distcheck.log" "$BERTH_TEST_LOGDIR/pkg-distcheck.log" &&
		tap_diag "the whole log: $BERTH_TEST_LOGDIR/pkg-distcheck.log"
fi
ran=$(grep -cE '^(PASS|FAIL|ERROR): tests/(unit|lint)/' "$D/distcheck.log")
other=$(grep -E '^(PASS|FAIL|ERROR|SKIP): tests/(engine|tui|faults|fuzz|pkg)/' "$D/distcheck.log" | head -n 3)
tap_check test "$ran" -gt 20 -a -z "$other" "the tarball's make check ran the unit and lint tests ($ran), nothing that needs an engine${other:+: $other}"
tb=$(ls berth-*.tar.gz 2>/dev/null | head -n 1)
if [ -n "$tb" ]; then
	junk=$(tar -tzf "$tb" | grep -E '\.(o|a|log|trs)$|/\.deps/|/check_[a-z_]+$|^berth-[^/]*/berth$|version\.h$' | head -n 5)
	tap_check test -z "$junk" "$tb carries sources only${junk:+: $junk}"
	miss=
	for f in man/berth.1 completion/berth NEWS debian/control debian/rules tools/git-version.sh; do
		tar -tzf "$tb" | grep -q "^berth-[^/]*/$f\$" || miss="$miss $f"
	done
	tap_check test -z "$miss" "$tb carries the man page, completion, NEWS, debian/ and tools/${miss:+; missing:$miss}"
	mkdir -p "$D/tb" && tar -xzf "$tb" -C "$D/tb"
	c=$(sh "$D/src/tools/git-version.sh" "$(echo "$D/tb"/berth-*)")
	tap_check test -z "$c" "in the unpacked tarball (inside no checkout of its own) berth --version names no commit${c:+: $c}"
	c=$(sh "$ORIG/tools/git-version.sh" "$ORIG")
	tap_check test -n "$c" "in a git checkout it names the commit: $c"
else
	tap_fail "make distcheck left a berth-VERSION.tar.gz"
fi
tap_done
