#!/usr/bin/env bash
# make install into a DESTDIR, with the prefix of a package (/usr) and
# another (/opt/berth): bin/berth runs, berth(1) renders with man -l, the
# bash completion is where bash-completion looks for it, every docs/*.md,
# README.md and NEWS are in the doc directory; make uninstall leaves no
# file behind.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

B=${BERTH_TEST_BUILDDIR:-$(cd "$(dirname "$BERTH")" && pwd)}
[ -f "$B/Makefile" ] || bail "the build directory $B has a Makefile (configure first)"
D=$(mktemp -d /tmp/bti.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap

# inst PREFIX ROOT: make install, then the checks
inst() {
	local prefix=$1 root=$2 log=$D/install.log f miss=
	if ! make -s -C "$B" install DESTDIR="$root" prefix="$prefix" >"$log" 2>&1; then
		tap_fail "make install prefix=$prefix DESTDIR=...: $(tail -n 5 "$log")"
		return
	fi
	local bin=$root$prefix/bin/berth man=$root$prefix/share/man/man1/berth.1
	local comp=$root$prefix/share/bash-completion/completions/berth
	local doc=$root$prefix/share/doc/berth
	tap_check test -x "$bin" "prefix $prefix: bin/berth is installed and executable"
	local v
	v=$("$bin" --version 2>&1)
	tap_check grep -qE '^berth [0-9]+\.[0-9]+' <<<"$v" "prefix $prefix: the installed berth --version prints the version: $v"
	tap_check test -f "$man" "prefix $prefix: share/man/man1/berth.1 is installed"
	local page
	page=$(MANWIDTH=80 man -l "$man" 2>&1 | head -n 5)
	tap_check grep -q 'berth - a terminal dashboard' <<<"$page" "prefix $prefix: man -l renders the installed page"
	tap_check test -f "$comp" "prefix $prefix: the completion is in share/bash-completion/completions/berth"
	for f in README.md NEWS docs/*.md; do
		[ -f "$doc/$(basename "$f")" ] || miss="$miss $f"
	done
	tap_check test -z "$miss" "prefix $prefix: README.md, NEWS and every docs/*.md are in share/doc/berth${miss:+ (missing:$miss; add them to dist_doc_DATA in Makefile.am)}"
	if ! make -s -C "$B" uninstall DESTDIR="$root" prefix="$prefix" >"$log" 2>&1; then
		tap_fail "make uninstall prefix=$prefix: $(tail -n 5 "$log")"
		return
	fi
	local left
	left=$(find "$root" -type f -o -type l | sed "s|^$root||")
	tap_check test -z "$left" "prefix $prefix: make uninstall removes every file it installed${left:+; left: $left}"
}

inst /usr "$D/root1"
inst /opt/berth "$D/root2"
tap_done
