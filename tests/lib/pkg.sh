# shellcheck shell=bash
# Helpers for the packaging tests (source after engine.sh).

# src_copy DIR: the source tree's files (tracked, and new ones not
# ignored: what a commit would hold) copied into DIR, so a build there
# never touches the checkout other tests run from. Needs a git checkout.
src_copy() {
	local dir=$1 src=${BERTH_TEST_SRCDIR:-.}
	[ -e "$src/.git" ] && command -v git >/dev/null || return 1
	mkdir -p "$dir" || return 1
	git -C "$src" ls-files -z -co --exclude-standard |
		(cd "$src" && tar --null -T - -cf -) | tar -xf - -C "$dir"
}

# quiet_make: no jobserver of an outer make check (run-test's make)
quiet_make() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make "$@"
}
