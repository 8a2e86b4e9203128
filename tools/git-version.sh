#!/bin/sh
# git-version.sh SRCDIR - the commit SRCDIR is checked out at, as
# `git describe --always --dirty` gives it, for `berth --version`; prints
# nothing for a tree that is not the top of a git checkout (a tarball, even
# one unpacked inside another repository).
srcdir=${1:-.}
[ -e "$srcdir/.git" ] || exit 0
command -v git >/dev/null 2>&1 || exit 0
git -C "$srcdir" describe --always --dirty --abbrev=12 2>/dev/null | tr -cd 'A-Za-z0-9._+-'
