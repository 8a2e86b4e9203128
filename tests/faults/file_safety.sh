#!/usr/bin/env bash
# File safety: no shell in product code; the journal is created 0640 and
# its directory 0750; a symlink planted in the state dir is refused, never
# followed (nothing is written at its target).
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/engine.sh

[ -x "$BERTH" ] || bail "berth binary $BERTH exists (build first)"
DRV=tests/faults/journal_append
[ -x "$DRV" ] || bail "$DRV is built (make check)"
D=$(mktemp -d /tmp/bfs.XXXXXX)
cleanup_push "rm -rf '$D'"
engine_trap

shells=$(grep -rnE '\b(system|popen|execl|execlp|execle)[[:space:]]*\(' --include='*.c' \
	dockerapi model deploy views keymaps tui berth.c xmalloc.c | grep -v '^\s*/\*' || true)
tap_check test -z "$shells" "no system(), popen() or exec of a shell in product code${shells:+: $shells}"

umask 000
"$DRV" "$D/state" w 3 || bail "journal_append writes 3 records"
tap_check test "$(stat -c %a "$D/state/journal.jsonl")" = 640 "the journal is created 0640 even with umask 000"
tap_check test "$(stat -c %a "$D/state")" = 750 "the state directory is created 0750"
umask 022

mkdir -p "$D/evil"
ln -s "$D/target" "$D/evil/journal.jsonl"
out=$("$DRV" "$D/evil" w 1 2>&1)
rc=$?
tap_check test "$rc" != 0 "appending through a planted journal symlink fails (rc $rc): $out"
tap_check test ! -e "$D/target" "nothing was written at the symlink's target"
out=$("$BERTH" history --state-dir "$D/evil" 2>&1)
rc=$?
if [ "$rc" != 0 ] && grep -q 'refusing to follow a symlink' <<<"$out"; then
	tap_ok "berth history refuses the symlink and says so: $out"
else
	tap_fail "berth history refuses the symlink and says so (rc $rc): $out"
fi
tap_done
