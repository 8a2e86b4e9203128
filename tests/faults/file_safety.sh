#!/usr/bin/env bash
# File safety: no shell in product code; the journal is created 0640 and
# its directory 0750, or 0660 of the directory's group in a shared
# (group-writable) state directory; a symlink planted in the state dir is
# refused, never followed (nothing is written at its target).
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

# a shared state directory (install -d -m 2775 -g GROUP): group-writable
# files of its group, never world-writable; a file of another group or a
# world-writable one is refused
grp=nogroup
getent group "$grp" >/dev/null || grp=$(id -gn)
install -d -m 2775 -g "$grp" "$D/shared"
umask 022
"$DRV" "$D/shared" w 1 || bail "journal_append writes into a shared directory"
tap_check test "$(stat -c %a:%G "$D/shared/journal.jsonl")" = "660:$grp" \
	"in a group-writable setgid directory the journal is created 0660, group $grp, even with umask 022"
install -d -m 0775 -g "$grp" "$D/shared-nosgid"
"$DRV" "$D/shared-nosgid" w 1 || bail "journal_append writes into a group-writable directory"
tap_check test "$(stat -c %a:%G "$D/shared-nosgid/journal.jsonl")" = "660:$grp" \
	"without the setgid bit the journal still gets the directory's group"
# refused WHAT PATTERN: appending to the shared journal fails, saying PATTERN
refused() {
	local out rc
	out=$("$DRV" "$D/shared" w 1 2>&1)
	rc=$?
	if [ "$rc" != 0 ] && grep -q "$2" <<<"$out"; then
		tap_ok "$1 is refused: $out"
	else
		tap_fail "$1 is refused (rc $rc): $out"
	fi
}
chgrp "$(id -gn)" "$D/shared/journal.jsonl"
[ "$(id -gn)" != "$grp" ] &&
	refused "a journal of another group in a shared directory" "not to the state directory's group"
chgrp "$grp" "$D/shared/journal.jsonl"
chmod 0666 "$D/shared/journal.jsonl"
refused "a world-writable journal" "world-writable"
chmod 0640 "$D/shared/journal.jsonl"
"$DRV" "$D/shared" w 1 || tap_fail "journal_append appends to its own 0640 journal in a shared directory"
tap_check test "$(stat -c %a "$D/shared/journal.jsonl")" = 660 \
	"a journal made before the directory was shared becomes group-writable"
install -d -m 0777 "$D/world"
"$DRV" "$D/world" w 1 || bail "journal_append writes into a world-writable directory"
tap_check test "$(stat -c %a "$D/world/journal.jsonl")" = 640 \
	"a world-writable directory is not shared: the journal stays 0640"

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
