#!/usr/bin/env bash
# The Debian package, built from a copy of the source tree with
# dpkg-buildpackage -us -uc -b: berth_VERSION_ARCH.deb with the shared
# libraries in Depends and docker.io in Recommends; lintian finds no
# error; unpacked in a scratch root it holds the program, the man page and
# the completion; installed with dpkg -i (unless a berth package is
# installed already), /usr/bin/berth --version runs, `man berth` shows the
# page, bash-completion loads the completion on demand and completes a
# command, and /var/lib/berth is group docker, mode 2775; dpkg --purge
# removes it all again (an empty state directory included).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh
. tests/lib/pkg.sh

[ "$(id -u)" = 0 ] || bail "runs as root (dpkg -i)"
for c in dpkg-buildpackage dh lintian man; do
	command -v "$c" >/dev/null || bail "$c is installed (.ci/install-deps)"
done
D=$(mktemp -d /tmp/btp.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap
src_copy "$D/berth" || bail "the source tree is copied (a git checkout)"
cd "$D/berth" || bail "cd"
ver=$(dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
t0=$SECONDS
# nocheck, noopt: pass 1 runs the tests, and -O0 compiles fastest
DEB_BUILD_OPTIONS="nocheck noopt parallel=2" env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
	dpkg-buildpackage -us -uc -b >"$D/build.log" 2>&1
rc=$?
tap_diag "dpkg-buildpackage took $((SECONDS - t0)) s"
DEB=$D/berth_${ver}_$arch.deb
tap_check test "$rc" = 0 -a -f "$DEB" "dpkg-buildpackage -us -uc -b builds berth_${ver}_$arch.deb (rc $rc)$( [ "$rc" = 0 ] || tail -n 5 "$D/build.log")"
[ -f "$DEB" ] || bail "no package to check"
cd "$D" || bail "cd"

dep=$(dpkg-deb -f "$DEB" Depends)
miss=
for l in libncursesw6 libcurl4 libjansson4 libc6; do
	grep -q "$l" <<<"$dep" || miss="$miss $l"
done
tap_check test -z "$miss" "Depends names the shared libraries (from \${shlibs:Depends}): $dep${miss:+; missing:$miss}"
tap_check test "$(dpkg-deb -f "$DEB" Recommends)" = docker.io "Recommends: docker.io"

t1=$SECONDS
lint=$(lintian "$DEB" 2>&1 | grep -v 'running with root privileges')
errs=$(grep -E '^E: ' <<<"$lint")
tap_check test -z "$errs" "lintian reports no error${errs:+: $errs}"
tap_diag "lintian ($((SECONDS - t1)) s) warnings: $(grep -cE '^W: ' <<<"$lint")${lint:+: $(head -n 5 <<<"$lint" | tr '\n' '|')}"

R=$D/root
dpkg -x "$DEB" "$R" || bail "dpkg -x"
miss=
for f in usr/bin/berth usr/share/man/man1/berth.1.gz usr/share/bash-completion/completions/berth \
	usr/share/doc/berth/README.md.gz usr/share/doc/berth/copyright; do
	[ -e "$R/$f" ] || miss="$miss $f"
done
tap_check test -z "$miss" "the package holds the program, berth(1), the completion and the docs${miss:+; missing:$miss}"
v=$("$R/usr/bin/berth" --version 2>&1)
tap_check grep -qx "berth $ver.*" <<<"$v" "the packaged berth --version: $v"

if dpkg -s berth >/dev/null 2>&1; then
	tap_skip "a berth package is installed on this machine already: dpkg -i not tried"
	tap_done
	exit
fi
had_state=0
[ -e /var/lib/berth ] && had_state=1
cleanup_push "dpkg --purge berth >/dev/null 2>&1"
out=$(dpkg -i "$DEB" 2>&1)
tap_check test $? = 0 "dpkg -i installs it: $(tail -n 1 <<<"$out")"
v=$(/usr/bin/berth --version 2>&1)
tap_check grep -qx "berth $ver.*" <<<"$v" "/usr/bin/berth --version: $v"
page=$(MANWIDTH=80 man berth 2>&1 | head -n 5)
tap_check grep -q 'berth - a terminal dashboard' <<<"$page" "man berth shows the page: $(man -w berth 2>&1)"
got=$(bash --norc --noprofile -c '
	. /usr/share/bash-completion/bash_completion || exit 9
	_completion_loader berth
	COMP_WORDS=(berth roll) COMP_CWORD=1 COMP_LINE="berth roll" COMP_POINT=10
	$(complete -p berth | sed "s/.*-F \([^ ]*\) .*/\1/") berth roll berth
	printf "%s\n" "${COMPREPLY[@]}"' 2>&1)
tap_check test "$got" = rollback "bash-completion loads the installed completion on demand and completes 'berth roll': $got"
if [ "$had_state" = 0 ]; then
	tap_check test "$(stat -c %a:%U:%G /var/lib/berth 2>&1)" = 2775:root:docker \
		"the package made /var/lib/berth root:docker, mode 2775: $(stat -c '%a %U:%G' /var/lib/berth 2>&1)"
else
	tap_skip "/var/lib/berth existed before the install: the package leaves it as it is"
fi
out=$(dpkg --purge berth 2>&1)
tap_check test $? = 0 -a ! -e /usr/bin/berth "dpkg --purge removes it: $(tail -n 1 <<<"$out")"
[ "$had_state" = 0 ] &&
	tap_check test ! -e /var/lib/berth "purge removed the empty /var/lib/berth"
tap_done
